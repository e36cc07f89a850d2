"""Extensions are declared, namespaced and checked; codelists are published as files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sroi_core._version import STANDARD_VERSION
from sroi_core.cli import main
from sroi_core.codelists import codelist, codelist_names
from sroi_core.documents import dump_document, parse_document, validate_text
from sroi_core.errors import DocumentInvalidError
from sroi_core.extensions import extension_findings, find_extension, shipped_extensions
from sroi_core.schema_export import codelist_files, generate_schemas
from sroi_core.schema_portable import codelist_of, codelist_url

ROOT = Path(__file__).resolve().parents[1]
TENDER = ROOT / "examples" / STANDARD_VERSION / "tender.json"


def _tender(**extra: object) -> dict[str, object]:
    data = json.loads(TENDER.read_text(encoding="utf-8"))
    head = list(data.items())[:3]
    return dict(head + list(extra.items()) + list(data.items())[3:])


def _text(data: dict[str, object]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


TENDERNED = {"publicationId": "412345", "cpvCodes": ["45233140-2"]}


def test_declared_extension_data_is_read_and_written_back_unchanged() -> None:
    text = _text(_tender(extensions=["tenderned"], extensionData={"tenderned": TENDERNED}))
    document = parse_document(text, "tender.json")
    assert document.extension_data == {"tenderned": TENDERNED}
    assert dump_document(document) == text


def test_undeclared_extension_data_is_refused() -> None:
    text = _text(_tender(extensionData={"tenderned": TENDERNED}))
    with pytest.raises(DocumentInvalidError) as caught:
        parse_document(text, "tender.json")
    assert [f.rule_id for f in caught.value.findings] == ["extension.undeclared"]
    assert caught.value.findings[0].pointer == "/extensionData/tenderned"


def test_declared_extension_data_is_checked_against_its_schema() -> None:
    bad = {"publicationId": "TN-1", "cpvCodes": ["45233140"]}
    report = validate_text(
        _text(_tender(extensions=["tenderned"], extensionData={"tenderned": bad}))
    )
    pointers = {f.pointer for f in report.findings if f.rule_id == "extension.invalid"}
    assert pointers == {
        "/extensionData/tenderned/publicationId",
        "/extensionData/tenderned/cpvCodes/0",
    }
    assert not report.valid


def test_an_unknown_extension_is_never_fetched_and_only_warned_about() -> None:
    url = "https://example.org/sroi-ext/extension.json"
    data = _tender(extensions=[url], extensionData={url: {"anything": "1"}})
    findings = extension_findings(data)
    assert [(f.rule_id, f.severity.value) for f in findings] == [
        ("extension.unavailable", "warning")
    ]
    assert validate_text(_text(data)).valid


def test_extension_fields_outside_extension_data_are_still_unknown_fields() -> None:
    data = _tender(extensions=["tenderned"])
    data["tenderned:publicationId"] = "412345"
    with pytest.raises(DocumentInvalidError, match="tenderned:publicationId"):
        parse_document(_text(data))


def test_a_1_0_document_cannot_use_extensions() -> None:
    data = json.loads((ROOT / "examples" / "tender.json").read_text(encoding="utf-8"))
    data["extensions"] = ["tenderned"]
    with pytest.raises(DocumentInvalidError, match="extensions"):
        parse_document(_text(data))


def test_an_extension_given_on_the_command_line_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "wijk"
    folder.mkdir()
    (folder / "extension.json").write_text(
        json.dumps({
            "id": "wijkteam", "url": "https://example.org/wijkteam/extension.json",
            "version": "1.0", "compatibility": ["2.0"],
            "title": {"en": "Neighbourhood team", "nl": "Wijkteam"},
            "documentTypes": ["tender"], "schema": "schema.json",
        }),
        encoding="utf-8",
    )  # fmt: skip
    (folder / "schema.json").write_text(
        json.dumps({
            "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "properties": {"team": {"type": "string"}}, "required": ["team"],
            "additionalProperties": False,
        }),
        encoding="utf-8",
    )  # fmt: skip
    doc = tmp_path / "tender.json"
    doc.write_text(_text(_tender(extensions=["wijkteam"], extensionData={"wijkteam": {}})))
    assert main(["validate", str(doc)]) == 0
    assert "extension.unavailable" in capsys.readouterr().out
    args = ["validate", "--extension", str(folder / "extension.json"), str(doc)]
    assert main(args) == 1
    assert "extension.invalid" in capsys.readouterr().out


def test_the_shipped_extensions_are_well_formed() -> None:
    assert [ext.id for ext in shipped_extensions()] == ["tenderned"]
    extension = find_extension("tenderned")
    assert extension is not None
    assert find_extension(extension.url) is extension
    assert extension.validator.is_valid(TENDERNED)


@pytest.mark.parametrize("name", codelist_names())
def test_codelists_are_published_beside_the_schemas(name: str) -> None:
    folder = ROOT / "schemas" / STANDARD_VERSION / "codelists"
    files = codelist_files()
    for suffix in ("csv", "json"):
        committed = (folder / f"{name}.{suffix}").read_text(encoding="utf-8")
        assert committed == files[f"codelists/{name}.{suffix}"], "run `sroi schema export schemas`"
    with (folder / f"{name}.csv").open(encoding="utf-8") as handle:
        assert [row["code"] for row in csv.DictReader(handle)] == list(codelist(name).values)
    published = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    assert published["url"] == codelist_url(name, STANDARD_VERSION)
    assert [code["code"] for code in published["codes"]] == list(codelist(name).values)


def test_every_codelist_reference_in_the_schemas_names_a_published_file() -> None:
    definitions = generate_schemas()["common"]["$defs"]
    referenced = {codelist_of(node) for node in definitions.values()} - {None}
    assert referenced
    for name in referenced:
        assert f"codelists/{name}.json" in codelist_files()
        assert codelist_url(name, STANDARD_VERSION) in definitions_comment(definitions, name)


def definitions_comment(definitions: dict[str, dict[str, object]], name: str) -> str:
    return next(str(d["$comment"]) for d in definitions.values() if codelist_of(d) == name)
