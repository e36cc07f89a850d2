"""Every example: valid in both layers, and file -> model -> file is byte-identical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import (
    document_dict,
    dump_document,
    load_document,
    parse_document,
    validate_files,
)
from sroi_core.io import identify, parse_json
from sroi_core.model import DOCUMENT_MODELS, Catalogue
from sroi_core.model.codes import DocumentType
from sroi_core.rules import Severity
from sroi_core.validation.schema_layer import schema_findings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CATALOGUE = EXAMPLES / "catalogue.illustrative.json"
VALID = sorted(EXAMPLES.glob("*.json"))
ORDERED = [CATALOGUE, *(path for path in VALID if path != CATALOGUE)]


def test_there_is_an_example_of_each_input_document_type() -> None:
    types = {json.loads(path.read_text(encoding="utf-8"))["documentType"] for path in VALID}
    engine_output = {"valuation", "award", "monitoring"}
    expected = {t.value for t in DocumentType} - engine_output
    assert types >= expected


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_file_to_model_to_file_is_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert dump_document(parse_document(text, path.name)) == text


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_model_to_json_to_model_is_equal(path: Path) -> None:
    document = load_document(path)
    again = parse_document(json.dumps(document_dict(document)), "again")
    assert again == document
    model = DOCUMENT_MODELS[DocumentType(document_dict(document)["documentType"])]
    # pydantic's own JSON dump writes null for absent values, which the model refuses by
    # design (docs/wire-format.md): exclude_none gives the standard's form.
    wire = document.model_dump_json(by_alias=True, exclude_none=True)
    assert model.model_validate_json(wire) == document
    assert ": null" not in wire
    assert ": null" not in dump_document(document)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_example_passes_the_schema_and_the_model(path: Path) -> None:
    raw = identify(parse_json(path.read_text(encoding="utf-8"), path.name), path.name)
    assert schema_findings(raw.data, raw.document_type, path.name) == []
    DOCUMENT_MODELS[raw.document_type].model_validate(raw.data)


def test_the_examples_together_have_no_finding_at_all() -> None:
    store = CatalogueStore([load_document(CATALOGUE)])  # type: ignore[list-item]
    report = validate_files(ORDERED, store)
    assert report.valid
    assert report.flatten("file", "ruleId", "pointer") == []


def test_without_the_catalogue_references_are_not_checked_but_not_errors() -> None:
    report = validate_files([EXAMPLES / "bid.json"], CatalogueStore(builtin=False))
    assert report.valid
    assert [row[0] for row in report.flatten("ruleId")] == ["ref.catalogue-unavailable"]


def test_illustrative_values_are_labelled() -> None:
    catalogue = load_document(CATALOGUE)
    assert isinstance(catalogue, Catalogue)
    assert catalogue.proxy_values
    for proxy in catalogue.proxy_values:
        assert proxy.source.title.startswith("ILLUSTRATIVE"), proxy.id
        assert proxy.note is not None
        assert "illustrative" in (proxy.note.en or "").lower(), proxy.id
        assert "not sourced" in (proxy.note.en or "").lower(), proxy.id
    for series in catalogue.price_indices:
        assert series.source.title.startswith("ILLUSTRATIVE"), series.id
    assert catalogue.fte_norm is not None
    assert catalogue.fte_norm.source.title.startswith("ILLUSTRATIVE")


def test_the_catalogue_has_an_output_and_a_not_monetised_indicator() -> None:
    catalogue = load_document(CATALOGUE)
    assert isinstance(catalogue, Catalogue)
    assert any(i.kind == "output" for i in catalogue.indicators)
    assert any(i.monetisation == "not-monetised" for i in catalogue.indicators)


def test_canonical_form_is_stable_under_key_order() -> None:
    text = (EXAMPLES / "tender.json").read_text(encoding="utf-8")
    data = json.loads(text)
    shuffled = json.dumps(dict(reversed(list(data.items()))))
    assert dump_document(parse_document(shuffled)) == text


def test_no_severity_beyond_the_known_ones_in_examples() -> None:
    store = CatalogueStore([load_document(CATALOGUE)])  # type: ignore[list-item]
    for report in validate_files(ORDERED, store).files:
        assert all(f.severity in Severity for f in report.findings)
