"""OCDS: procurement ids on the documents, the extension, and ``sroi ocds export``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from sroi_core.cli import main
from sroi_core.codelists import codelist
from sroi_core.documents import parse_document
from sroi_core.ocds import (
    EXTENSION_CODELISTS,
    EXTENSION_URL,
    LOTS_EXTENSION_URL,
    extension_codelist_text,
)
from sroi_core.valuation.document import value_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2.0"
EXTENSION = ROOT / "ocds-extension"
OCID = "ocds-a1b2c3-ams-2026-0042"
LINKS = {"ocid": OCID, "lot": "lot-1", "awardId": "award-vig", "contractId": "contract-vig"}


def _with_links(name: str, tmp_path: Path) -> Path:
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    head = list(data.items())[:3]
    data = dict(head + list(LINKS.items()) + list(data.items())[3:])
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _export(tmp_path: Path, *files: Path) -> dict[str, Any]:
    out = tmp_path / "release-package.json"
    args = ["ocds", "export", str(EXAMPLES / "tender.json"), *map(str, files)]
    assert main([*args, "--published", "2026-05-01T12:00:00Z", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _extension_validator(definition: str) -> Draft7Validator:
    patch = json.loads((EXTENSION / "release-schema.json").read_text(encoding="utf-8"))
    return Draft7Validator({"$ref": f"#/definitions/{definition}", **patch})


def test_bid_and_report_carry_procurement_ids_onto_their_valuation(tmp_path: Path) -> None:
    bid = parse_document(_with_links("bid.json", tmp_path).read_text(encoding="utf-8"))
    catalogue = parse_document((EXAMPLES / "catalogue.illustrative.json").read_text())
    tender = parse_document((EXAMPLES / "tender.json").read_text())
    valuation = value_document(bid, catalogue, tender=tender)  # type: ignore[arg-type]
    assert (valuation.ocid, valuation.lot, valuation.award_id, valuation.contract_id) == (
        OCID, "lot-1", "award-vig", "contract-vig"
    )  # fmt: skip


def test_a_1_0_bid_cannot_carry_an_ocid() -> None:
    data = json.loads((ROOT / "examples" / "bid.json").read_text(encoding="utf-8"))
    data["ocid"] = OCID
    with pytest.raises(Exception, match="ocid"):
        parse_document(json.dumps(data))


def test_the_release_package_maps_tender_award_contract_and_implementation(
    tmp_path: Path,
) -> None:
    bid = _with_links("bid.json", tmp_path)
    report = _with_links("evidence-report.json", tmp_path)
    valuation = tmp_path / "valuation.json"
    code = main([
        "value", str(bid), "--tender", str(EXAMPLES / "tender.json"), "--catalogue",
        str(EXAMPLES / "catalogue.illustrative.json"), "--format", "json", "-o", str(valuation),
    ])  # fmt: skip
    assert code == 0
    package = _export(tmp_path, bid, report, valuation)
    assert package["version"] == "1.1"
    assert package["extensions"] == [EXTENSION_URL, LOTS_EXTENSION_URL]  # the bid names a lot
    releases = package["releases"]
    assert [r["tag"] for r in releases] == [["tender"], ["award", "contract"], ["implementation"]]
    for release in releases:
        assert {"ocid", "id", "date", "tag", "initiationType"} <= set(release)
        assert release["ocid"] == OCID
    assert len({r["id"] for r in releases}) == len(releases)
    tender, award_release, implementation = releases
    assert tender["tender"]["value"] == {"amount": 4800000, "currency": "EUR"}
    award = award_release["awards"][0]
    assert award["id"] == "award-vig"
    assert award["relatedLots"] == ["lot-1"]
    assert award_release["contracts"] == [{"id": "contract-vig", "awardID": "award-vig"}]
    bid_data = json.loads(bid.read_text(encoding="utf-8"))
    assert [c["id"] for c in award["socialValueCommitments"]] == [
        c["id"] for c in bid_data["commitments"]
    ]
    assert (
        award["socialValueValuation"]["inputHash"]
        == json.loads(valuation.read_text())["inputSha256"]
    )
    contract = implementation["contracts"][0]
    assert contract["id"] == "contract-vig"
    (report_entry,) = contract["implementation"]["socialValueReports"]
    report_data = json.loads(report.read_text(encoding="utf-8"))
    assert report_entry["id"] == report_data["id"]
    realised = report_entry["realised"]
    assert [r["id"] for r in realised] == [item["id"] for item in report_data["items"]]
    for definition, objects in (
        ("SocialValueRequirement", [tender["tender"]["socialValue"]]),
        ("SocialValueCommitment", award["socialValueCommitments"]),
        ("SocialValueValuation", [award["socialValueValuation"]]),
        ("SocialValueRealisation", realised),
    ):
        validator = _extension_validator(definition)
        for item in objects:
            assert list(validator.iter_errors(item)) == []


def test_a_tender_without_ocid_cannot_be_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "tender.json").read_text(encoding="utf-8"))
    del data["ocid"]
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["ocds", "export", str(path)]) != 0
    assert "ocid" in capsys.readouterr().err


def test_a_bid_of_another_procedure_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "bid.json").read_text(encoding="utf-8"))
    data = {**data, "ocid": "ocds-zzzzzz-other"}
    path = tmp_path / "bid.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["ocds", "export", str(EXAMPLES / "tender.json"), str(path)]) != 0
    assert "ocds-zzzzzz-other" in capsys.readouterr().err


@pytest.mark.parametrize("file_name", list(EXTENSION_CODELISTS))
def test_the_extension_codelists_are_the_standard_s(file_name: str) -> None:
    text = (EXTENSION / "codelists" / file_name).read_text(encoding="utf-8")
    assert text == extension_codelist_text(file_name)
    patch = json.dumps(json.loads((EXTENSION / "release-schema.json").read_text()))
    values = [*codelist(EXTENSION_CODELISTS[file_name]).values, None]  # optional: null allowed
    assert json.dumps(values) in patch


def test_the_extension_metadata_lists_its_files() -> None:
    meta = json.loads((EXTENSION / "extension.json").read_text(encoding="utf-8"))
    assert meta["compatibility"] == ["1.1"]
    assert sorted(meta["codelists"]) == sorted(p.name for p in (EXTENSION / "codelists").iterdir())
    for schema in meta["schemas"]:
        assert (EXTENSION / schema).is_file()
