"""The committed JSON Schemas: fresh, valid Draft 2020-12, offline, exported identically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing.exceptions import NoSuchResource, Unresolvable

from sroi_core._version import STANDARD_VERSION
from sroi_core.cli import main
from sroi_core.model.codes import DocumentType
from sroi_core.schema_export import (
    DIALECT,
    file_name,
    generate_schemas,
    schema_id,
    schema_text,
)
from sroi_core.validation.schema_layer import schema_registry, validator_for

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "schemas" / STANDARD_VERSION
SCHEMAS = generate_schemas()


def test_the_committed_set_is_exactly_the_generated_set() -> None:
    committed = sorted(path.name for path in COMMITTED.glob("*.json"))
    assert committed == sorted(file_name(name) for name in SCHEMAS)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_schema_equals_a_fresh_export(name: str) -> None:
    text = (COMMITTED / file_name(name)).read_text(encoding="utf-8")
    assert text == schema_text(SCHEMAS[name]), (
        f"schemas/{STANDARD_VERSION}/{file_name(name)} is stale: run `sroi schema export schemas`"
    )


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schema_passes_the_draft_2020_12_metaschema(name: str) -> None:
    schema = json.loads((COMMITTED / file_name(name)).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["$id"] == schema_id(name)


def test_every_ref_is_local_or_to_the_common_schema() -> None:
    refs: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(SCHEMAS)
    assert refs
    for ref in refs:
        assert ref.startswith(("#/$defs/", "common.schema.json#/$defs/")), ref


def test_every_common_ref_resolves_through_the_registry() -> None:
    registry = schema_registry()
    resolver = registry.resolver(base_uri=schema_id(DocumentType.BID.value))
    defs = SCHEMAS["common"]["$defs"]
    for name in defs:
        resolved = resolver.lookup(f"common.schema.json#/$defs/{name}")
        assert resolved.contents == defs[name]


@pytest.mark.parametrize(
    "uri",
    ["http://192.0.2.1/schema.json", "https://json-schema.org/draft/2020-12/meta/core"],
)
def test_the_registry_refuses_to_retrieve_remote_schemas(uri: str) -> None:
    registry = schema_registry()
    with pytest.raises(NoSuchResource):
        registry.get_or_retrieve(uri)


def test_a_schema_with_a_remote_ref_cannot_be_resolved() -> None:
    schema = {
        "$schema": DIALECT,
        "$id": "https://sroi-os.org/schema/test/remote.schema.json",
        "type": "object",
        "properties": {"x": {"$ref": "http://192.0.2.1/evil.schema.json"}},
    }
    validator = Draft202012Validator(schema, registry=schema_registry())
    with pytest.raises(Unresolvable):
        validator.validate({"x": 1})


def test_document_validators_are_offline_and_complete() -> None:
    for doc_type in DocumentType:
        validator = validator_for(doc_type)
        errors = list(validator.iter_errors({}))
        assert {e.validator for e in errors} == {"required"}


def test_sroi_schema_export_writes_identical_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "export", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.split()
    folder = tmp_path / STANDARD_VERSION
    written = sorted(path for path in folder.rglob("*") if path.is_file())
    assert sorted(printed) == sorted(str(path) for path in written)
    committed = sorted(path for path in COMMITTED.rglob("*") if path.is_file())
    relative = [path.relative_to(folder) for path in written]
    assert relative == [path.relative_to(COMMITTED) for path in committed]
    for path in relative:
        assert (folder / path).read_bytes() == (COMMITTED / path).read_bytes(), (
            f"schemas/{STANDARD_VERSION}/{path} is stale: run `sroi schema export schemas`"
        )


def test_decimals_are_strings_in_every_schema() -> None:
    text = json.dumps(SCHEMAS)
    assert '"type": "number"' not in text, "a decimal field is exported as a JSON number"
    assert '{"type": "null"}' not in text, "null is never allowed on the wire"
