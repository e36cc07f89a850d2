"""Validators in other languages give the verdict ``sroi validate`` gives (issue 11).

Every 2.0 example, every 2.0 schema-level invalid example and every edge case in
``tests/interop/cases`` is judged by the Python schema layer, by jsonschema-rs (Rust),
and — when Node and ``tests/interop/node_modules`` are present (``npm ci --prefix
tests/interop``; CI installs them) — by ajv in strict mode with ajv-formats,
@hyperjump/json-schema, and a TypeScript type generated from the schemas. The verdicts
must all equal the one recorded in the folder's ``cases.csv``.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sroi_core._version import STANDARD_VERSION
from sroi_core.cli import main
from sroi_core.documents import parse_document
from sroi_core.errors import InputError
from sroi_core.io import identify, parse_json
from sroi_core.validation.schema_layer import schema_findings

ROOT = Path(__file__).resolve().parents[1]
INTEROP = ROOT / "tests" / "interop"
SCHEMAS = ROOT / "schemas" / STANDARD_VERSION
EXAMPLES = ROOT / "examples" / STANDARD_VERSION


def _cases() -> dict[Path, str]:
    expected = dict.fromkeys(sorted(EXAMPLES.glob("*.json")), "valid")
    for folder in (EXAMPLES / "invalid", INTEROP / "cases"):
        with (folder / "cases.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                expected[folder / row["file"]] = row["verdict"]
    return expected


CASES = _cases()


def _python_verdict(path: Path) -> str:
    """The schema layer's verdict, as ``sroi validate`` reaches it (identify, then schema)."""
    try:
        raw = identify(parse_json(path.read_text(encoding="utf-8"), str(path)), str(path))
    except InputError:
        return "invalid"
    findings = schema_findings(raw.data, raw.document_type, version=raw.standard_version)
    return "invalid" if findings else "valid"


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", list(CASES), ids=_relative)
def test_the_schema_layer_gives_the_recorded_verdict(path: Path) -> None:
    assert _python_verdict(path) == CASES[path]


@pytest.mark.parametrize("path", [p for p, v in CASES.items() if v == "valid"], ids=_relative)
def test_the_model_accepts_what_the_schema_accepts(path: Path) -> None:
    parse_document(path.read_text(encoding="utf-8"), str(path))


def _rules_1_0() -> dict[str, str]:
    with (ROOT / "examples" / "invalid" / "cases.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row["rule"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize("path", sorted((EXAMPLES / "invalid").glob("*.json")), ids=_relative)
def test_sroi_validate_refuses_the_invalid_2_0_examples_by_their_1_0_rule(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each 2.0 counterpart is refused by the rule that refuses its 1.0 original."""
    assert main(["validate", str(path)]) == 1
    assert f"[{_rules_1_0()[path.name]}]" in capsys.readouterr().out


def test_jsonschema_rs_agrees() -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    schemas = [json.loads(p.read_text()) for p in SCHEMAS.glob("*.schema.json")]
    registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in schemas])
    validators = {
        schema["properties"]["documentType"]["const"]: jsonschema_rs.validator_for(
            schema, registry=registry
        )
        for schema in schemas
        if "documentType" in schema.get("properties", {})
    }
    verdicts = {}
    for path in CASES:
        data = json.loads(path.read_text(encoding="utf-8"))
        validator = validators.get(data.get("documentType"))
        valid = validator is not None and validator.is_valid(data)
        verdicts[path] = "valid" if valid else "invalid"
    assert {_relative(p): v for p, v in verdicts.items() if v != CASES[p]} == {}


def _node_ready() -> bool:
    return shutil.which("node") is not None and (INTEROP / "node_modules").is_dir()


needs_node = pytest.mark.skipif(
    not _node_ready(), reason="needs node and `npm ci --prefix tests/interop`"
)


def _node(script: str, files: list[Path]) -> list[dict[str, object]]:
    result = subprocess.run(
        ["node", str(INTEROP / script), str(SCHEMAS), *(str(p) for p in files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@needs_node
def test_ajv_strict_and_hyperjump_agree() -> None:
    lines = _node("check.mjs", list(CASES))
    assert len(lines) == len(CASES)
    disagree = {
        line["file"]: line
        for line in lines
        if not line["ajv"] == line["hyperjump"] == CASES[Path(str(line["file"]))]
    }
    assert disagree == {}


@needs_node
def test_a_generated_typescript_type_accepts_every_valid_example() -> None:
    valid = [p for p, v in CASES.items() if v == "valid" and p.parent == EXAMPLES]
    refused = [
        EXAMPLES / "invalid" / "schema-type.bid.json",
        EXAMPLES / "invalid" / "schema-unknown-field.bid.json",
    ]
    lines = _node("typecheck.mjs", valid + refused)
    verdicts = {Path(str(line["file"])): line for line in lines}
    for path in valid:
        assert verdicts[path]["typescript"] == "valid", verdicts[path]
    for path in refused:
        assert verdicts[path]["typescript"] == "invalid", verdicts[path]


@needs_node
def test_the_schema_rules_of_the_findings_vectors_agree_in_javascript() -> None:
    """ajv gives each `validate` findings vector's schema.* findings (rule id, pointer).

    The semantic rules need the standard's own logic; the schema layer of every vector
    (including the vectors of semantic rules, whose files the schema must accept) is
    reproduced in JavaScript from the schemas and the keyword-to-rule table of docs/rules.md.
    """
    vectors = sorted((ROOT / "tests" / "conformance" / "findings").glob("*.json"))
    result = subprocess.run(
        ["node", str(INTEROP / "findings.mjs"), str(ROOT / "schemas"), *map(str, vectors)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    compared = [
        (json.loads(line)["id"], entry)
        for line in result.stdout.splitlines()
        for entry in json.loads(line)["files"]
        if "skipped" not in entry
    ]
    disagree = [(vector, e) for vector, e in compared if e["got"] != e["expected"]]
    assert disagree == []
    rules = {rule for _, e in compared for rule, _ in e["expected"]}
    assert {
        "schema.type",
        "schema.required",
        "schema.unknown-field",
        "schema.code",
        "schema.format",
        "schema.date",
        "schema.range",
        "schema.choice",
    } <= rules
    assert len(compared) >= 60
