"""The model and the JSON Schema agree, or the difference is a documented, tested rule.

Property test: documents generated from each document schema (hypothesis-jsonschema) are
accepted by the model; the model's dump of them validates against the schema and reads
back to an equal model. The other direction is checked on files: whatever the schema
refuses, ``parse_document`` (which tries the model first) refuses too. The intended
differences (Python-side conveniences) are listed in docs/wire-format.md, each with a
test below. An open gap, when one is found, is a strict xfail here until it is closed.
"""

from __future__ import annotations

import json
import types
from decimal import Decimal
from pathlib import Path
from typing import Any

import hypothesis_jsonschema._from_schema as hjs_from_schema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as conjecture_utils
from hypothesis_jsonschema import from_schema
from pydantic import ValidationError

from sroi_core.documents import (
    DOCUMENT_CONTEXT,
    build_model,
    document_dict,
    dump_document,
    parse_document,
    validate_text,
)
from sroi_core.errors import DocumentInvalidError
from sroi_core.io import identify, parse_json
from sroi_core.model import DOCUMENT_MODELS, Bid, Money, StatusChange
from sroi_core.model.codes import DocumentType
from sroi_core.schema_export import COMMON, generate_schemas
from sroi_core.validation.schema_layer import schema_findings, validator_for

# ------------------------------------------------------------------ hypothesis-jsonschema


class _LegacyMany:
    """The ``more()``/``reject()`` interface hypothesis-jsonschema 0.23 expects of ``many``.

    Newer Hypothesis (6.170; 6.155 still has it) replaced it with a context manager and an
    iterator; this adapter
    drives the new one the old way. It is used only when the installed Hypothesis lacks
    ``many.more`` (see the report in docs/wire-format.md, "Testing the agreement").
    """

    def __init__(self, data: Any, **sizes: Any) -> None:
        self._inner = conjecture_utils.many(data, **sizes)
        self._inner.__enter__()
        self._elements = iter(self._inner)
        self._open = True

    def more(self) -> bool:
        if not self._open:
            return False
        try:
            next(self._elements)
        except StopIteration:
            self._open = False
            self._inner.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._inner.reject(why)


if not hasattr(conjecture_utils.many, "more"):
    hjs_from_schema.cu = types.SimpleNamespace(many=_LegacyMany)  # type: ignore[attr-defined]


# ------------------------------------------------------------------------ bundling

COMMON_PREFIX = "common.schema.json#/$defs/"


def _relink(node: Any) -> Any:
    """Point ``common.schema.json#/$defs/X`` at the local ``#/$defs/X``."""
    if isinstance(node, list):
        return [_relink(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _relink(value) for key, value in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith(COMMON_PREFIX):
        out["$ref"] = "#/$defs/" + ref[len(COMMON_PREFIX) :]
    return out


def bundled_schema(doc_type: DocumentType) -> dict[str, Any]:
    """One document schema with the shared definitions inlined as local ``$defs``."""
    schemas = generate_schemas()
    body = {k: v for k, v in schemas[doc_type.value].items() if k not in ("$id", "$schema")}
    bundle: dict[str, Any] = _relink(body)
    bundle["$defs"] = schemas[COMMON]["$defs"]
    return bundle


def test_the_bundled_schema_has_no_remote_reference() -> None:
    for doc_type in DocumentType:
        text = json.dumps(bundled_schema(doc_type))
        assert "common.schema.json" not in text
        refs = {part.split('"')[0] for part in text.split('"$ref": "')[1:]}
        defs = bundled_schema(doc_type)["$defs"]
        assert all(ref.startswith("#/$defs/") and ref[8:] in defs for ref in refs)


# --------------------------------------------------------------------- property test

EXAMPLES_PER_TYPE = {
    DocumentType.CATALOGUE: 8,
    DocumentType.TENDER: 15,
    DocumentType.BID: 25,
    DocumentType.EVIDENCE_REPORT: 15,
    DocumentType.VALUATION: 10,
    DocumentType.AWARD: 10,
    DocumentType.MONITORING: 10,
}
"""Kept small for the test budget; 400 examples per type were run once without a finding."""
STRATEGIES = {doc_type: from_schema(bundled_schema(doc_type)) for doc_type in DocumentType}
SLOW_GENERATION = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]


def _ordered_periods(node: Any) -> Any:
    """Swap the ends of reversed periods: the model refuses them on purpose (period.order),
    an intended difference tested below."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), str) and isinstance(node.get("end"), str) and (
            node["start"] > node["end"]
        ):
            node["start"], node["end"] = node["end"], node["start"]
        for value in node.values():
            _ordered_periods(value)
    elif isinstance(node, list):
        for value in node:
            _ordered_periods(value)
    return node


def _check_agreement(doc_type: DocumentType, document: dict[str, Any]) -> None:
    document = _ordered_periods(document)
    if "extensionData" in document:  # declaring them is a rule of layer two (extensions.md)
        declared = {*document.get("extensions", []), *document["extensionData"]}
        if declared:
            document["extensions"] = sorted(declared)
    assert schema_findings(document, doc_type) == [], "the generator left the schema"
    model = DOCUMENT_MODELS[doc_type]
    built = model.model_validate(document, context=DOCUMENT_CONTEXT)  # schema-valid => model
    dumped = document_dict(built)
    errors = [e.message for e in validator_for(doc_type).iter_errors(dumped)]
    assert errors == [], "the model's dump breaks the schema"
    assert model.model_validate(dumped, context=DOCUMENT_CONTEXT) == built
    text = dump_document(built)
    assert dump_document(parse_document(text)) == text


@pytest.mark.parametrize("doc_type", list(DocumentType), ids=lambda t: t.value)
def test_schema_generated_documents_are_accepted_and_round_trip(doc_type: DocumentType) -> None:
    @settings(
        max_examples=EXAMPLES_PER_TYPE[doc_type],
        deadline=None,
        suppress_health_check=SLOW_GENERATION,
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        _check_agreement(doc_type, data.draw(STRATEGIES[doc_type], label="document"))

    check()


# ------------------------------------------------- intended differences (docs/wire-format.md)

BID_TEXT = (
    '{"standardVersion": "1.0", "documentType": "bid", "id": "b", "tender": {"id": "t"}, '
    '"catalogue": {"id": "c"}, "supplier": {"identifier": {"scheme": "NL-KVK", "id": "1"}, '
    '"name": "S"}, "submitted": "2026-02-20", "bidPrice": {"amount": "10.00", "currency": "EUR"}}'
)


def test_intended_a_reversed_period_is_refused_by_the_model_as_period_order() -> None:
    """The schema cannot compare two dates; the model refuses a reversed period itself."""
    data = json.loads(BID_TEXT)
    data["commitments"] = [{
        "id": "c", "indicator": "i", "quantity": {"value": "1", "unit": "person"},
        "period": {"start": "2027-01-01", "end": "2026-01-01"}, "durationYears": 1,
    }]
    assert schema_findings(data, DocumentType.BID) == []
    with pytest.raises(ValidationError) as caught:
        Bid.model_validate(data, context=DOCUMENT_CONTEXT)
    assert caught.value.errors()[0]["type"] == "period_order"


def test_intended_python_numbers_are_accepted_by_the_model_only() -> None:
    """A Python caller may pass int or Decimal; on the wire only decimal strings are valid."""
    assert Money.model_validate({"amount": 10, "currency": "EUR"}).to_json_dict()["amount"] == "10"
    assert Money.model_validate({"amount": Decimal("10.00"), "currency": "EUR"}).amount == Decimal(
        "10.00"
    )
    data = json.loads(BID_TEXT)
    data["bidPrice"]["amount"] = 10
    assert [f.rule_id for f in schema_findings(data, DocumentType.BID)] == ["schema.type"]
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": 10.0, "currency": "EUR"})  # floats never


def test_intended_document_type_defaults_in_the_model_but_is_required_on_the_wire() -> None:
    data = json.loads(BID_TEXT)
    del data["documentType"]
    assert Bid.model_validate(data).document_type == "bid"
    ids = {f.rule_id for f in schema_findings(data, DocumentType.BID)}
    assert ids == {"schema.required"}
    assert document_dict(Bid.model_validate(data))["documentType"] == "bid"


@pytest.mark.parametrize(
    "spelling", ["00.5", "+1", ".5", "5.", "1_000", "-0.5", "1.5e2", "0." + "1" * 21, "1" * 31]
)
def test_model_and_schema_refuse_the_same_decimal_spellings(spelling: str) -> None:
    data = json.loads(BID_TEXT)
    data["bidPrice"]["amount"] = spelling
    assert [f.rule_id for f in schema_findings(data, DocumentType.BID)] == ["schema.format"]
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": spelling, "currency": "EUR"})


@pytest.mark.parametrize("value", [Decimal("0." + "1" * 25), Decimal(10) ** 31, 10**31])
def test_every_value_the_model_accepts_dumps_to_schema_valid_text(value: Any) -> None:
    """What the model accepts from Python it can write: no value beyond the pattern."""
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": value, "currency": "EUR"})
    money = Money.model_validate(
        {"amount": Decimal("123456789012345678901234567890.12"), "currency": "EUR"}
    )
    data = {**json.loads(BID_TEXT), "bidPrice": money.to_json_dict()}
    assert validator_for(DocumentType.BID, data["standardVersion"]).is_valid(data)


def test_timestamps_are_normalised_on_writing() -> None:
    """``Z``/``-00:00`` and sub-microsecond digits are read, then written in one form."""
    text = json.dumps(
        {
            "status": "submitted",
            "at": "2026-10-06T09:15:00.1234567-00:00",
            "by": "supplier",
        }
    )
    change = StatusChange.model_validate_json(text)
    assert change.to_json_dict()["at"] == "2026-10-06T09:15:00.123456Z"


@pytest.mark.parametrize("spelling", ["2026-10-06 09:15:00Z", "2026-10-06T09:15Z", "2026-10-06"])
def test_model_and_schema_refuse_the_same_timestamp_spellings(spelling: str) -> None:
    with pytest.raises(ValidationError):
        StatusChange.model_validate({"status": "submitted", "at": spelling, "by": "supplier"})
    report = json.loads(
        '{"standardVersion": "1.0", "documentType": "evidenceReport", "id": "r", '
        '"tender": {"id": "t"}, "bid": {"id": "b"}, "catalogue": {"id": "c"}, '
        '"supplier": {"identifier": {"scheme": "NL-KVK", "id": "1"}, "name": "S"}, '
        '"period": {"start": "2026-01-01", "end": "2026-06-30"}, "items": [{"id": "e", '
        '"commitment": "c1", "indicator": "i", "quantity": {"value": "1", "unit": "person"}, '
        '"period": {"start": "2026-01-01", "end": "2026-06-30"}, '
        '"history": [{"status": "submitted", "at": "AT", "by": "supplier"}]}]}'.replace(
            "AT", spelling
        )
    )
    ids = [f.rule_id for f in schema_findings(report, DocumentType.EVIDENCE_REPORT)]
    assert ids == ["schema.date"]


# ------------------------------------------- the other direction: model-valid => schema-valid

EXAMPLE_BID = json.loads(
    (Path(__file__).resolve().parents[1] / "examples" / "bid.json").read_text(encoding="utf-8")
)


def _set(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(EXAMPLE_BID))
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("bidPrice", "amount"), "1.5e3"),
        (("submitted",), "20260220"),
        (("commitments", 0, "durationYears"), 0),
        pytest.param(("bidPrice", "amount"), 10, id="int-for-decimal"),
        pytest.param(("submitted",), "2026-02-20T00:00:00", id="datetime-for-date"),
        pytest.param(("commitments", 0, "durationYears"), True, id="bool-for-int"),
        pytest.param(("commitments", 0, "durationYears"), "2", id="string-for-int"),
        pytest.param(("commitments", 0, "durationYears"), 2.5, id="fraction-for-int"),
        pytest.param(("commitments", 0, "durationYears"), 2.0, id="2.0-for-int"),
        pytest.param(("commitments", 0, "durationYears"), 2e0, id="2e0-for-int"),
    ],
)
def test_a_file_the_schema_refuses_is_refused_by_parse_document(
    path: tuple[str | int, ...], value: Any
) -> None:
    text = json.dumps(_set(path, value))
    assert schema_findings(parse_json(text), DocumentType.BID), "the case must break the schema"
    with pytest.raises(DocumentInvalidError):
        parse_document(text)


# ------------------------------------------------- trailing newlines (ECMA-262 "$")


def test_a_trailing_newline_in_a_decimal_is_a_schema_error() -> None:
    report = validate_text(BID_TEXT.replace('"10.00"', '"10.00\\n"'))
    assert [f.rule_id for f in report.findings] == ["schema.format"]
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": "10.00\n", "currency": "EUR"})


def test_a_trailing_newline_in_a_code_is_refused_by_both_layers() -> None:
    report = validate_text(BID_TEXT.replace('"EUR"', '"EUR\\n"'))
    assert [f.rule_id for f in report.findings] == ["schema.format"]
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": "10.00", "currency": "EUR\n"})


def test_model_invalid_is_reported_when_the_model_refuses_what_the_schema_passed() -> None:
    """No file reaches model.invalid while the two agree; build_model reports it directly."""
    raw = identify(parse_json(BID_TEXT.replace('"10.00"', '"ten"')), "x.json")
    with pytest.raises(DocumentInvalidError) as caught:
        build_model(raw)
    findings = caught.value.findings
    assert [getattr(f, "rule_id", None) for f in findings] == ["model.invalid"]
    assert getattr(findings[0], "pointer", None) == "/bidPrice/amount"
