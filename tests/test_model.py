"""Value types of the model: the decimal wire format, money, bases, bilingual text, nulls."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from sroi_core.codelists import codelist
from sroi_core.documents import DOCUMENT_CONTEXT, parse_document, validate_text
from sroi_core.errors import DocumentInvalidError, MixedValuationBasisError
from sroi_core.model import (
    Area,
    Commitment,
    LocalizedText,
    Money,
    Period,
    Quantity,
    Source,
    ValuationBasis,
    ValuationFamily,
)
from sroi_core.model.types import DecimalString, Fraction, NonNegativeDecimal

ROOT = Path(__file__).resolve().parents[1]
NON_NEGATIVE: TypeAdapter[Decimal] = TypeAdapter(NonNegativeDecimal)
FRACTION: TypeAdapter[Decimal] = TypeAdapter(Fraction)
ANY_DECIMAL: TypeAdapter[Decimal] = TypeAdapter(DecimalString)


# ------------------------------------------------------------------ decimal wire format


@pytest.mark.parametrize("text", ["0", "1234.50", "0.00000000000000000001", "999999999999.99"])
def test_decimal_string_is_read_exactly_and_written_unchanged(text: str) -> None:
    value = NON_NEGATIVE.validate_python(text)
    assert value == Decimal(text)
    assert NON_NEGATIVE.dump_python(value) == text
    assert NON_NEGATIVE.dump_json(value) == f'"{text}"'.encode()


@pytest.mark.parametrize("number", [1.5, 0.1, 1e3, float("nan"), float("inf")])
def test_decimal_refuses_floats(number: float) -> None:
    with pytest.raises(ValidationError, match="decimal strings"):
        NON_NEGATIVE.validate_python(number)


@pytest.mark.parametrize(
    "text", ["1e3", "1E+3", "1.5e-2", "NaN", "nan", "Infinity", "-Infinity", "inf"]
)
def test_decimal_refuses_exponents_and_non_finite_text(text: str) -> None:
    with pytest.raises(ValidationError):
        ANY_DECIMAL.validate_python(text)


@pytest.mark.parametrize(
    "value", [True, False, None, [], {}, " 1", "1 ", "1.5\n", "abc", "", "1" * 60]
)
def test_decimal_refuses_other_values(value: Any) -> None:
    with pytest.raises(ValidationError):
        ANY_DECIMAL.validate_python(value)


def test_decimal_refuses_non_finite_decimal_objects() -> None:
    for value in (Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")):
        with pytest.raises(ValidationError):
            ANY_DECIMAL.validate_python(value)


def test_decimal_accepts_python_int_and_decimal_and_writes_plain_notation() -> None:
    assert NON_NEGATIVE.validate_python(12) == Decimal(12)
    value = NON_NEGATIVE.validate_python(Decimal("1E+3"))
    assert NON_NEGATIVE.dump_python(value) == "1000"
    assert ANY_DECIMAL.dump_python(Decimal("1E-7")) == "0.0000001"
    assert ANY_DECIMAL.dump_python(Decimal("1.50")) == "1.50"


@pytest.mark.parametrize("value", [Decimal("1E+30"), 10**30, Decimal("0.1E-20"), Decimal("-0")])
def test_python_decimals_outside_the_wire_form_are_refused(value: Any) -> None:
    with pytest.raises(ValidationError):
        NON_NEGATIVE.validate_python(value)


@pytest.mark.parametrize("text", ["00.5", "+1", ".5", "5.", "1_000", "1,5", "0x10", "٣"])
def test_decimal_spellings_outside_the_pattern_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="plain decimal notation"):
        ANY_DECIMAL.validate_python(text)


def test_negative_and_fraction_bounds() -> None:
    assert ANY_DECIMAL.validate_python("-12.5") == Decimal("-12.5")
    with pytest.raises(ValidationError, match="negative"):
        NON_NEGATIVE.validate_python("-0.01")
    assert FRACTION.validate_python("1") == 1
    assert FRACTION.validate_python("0.25") == Decimal("0.25")
    with pytest.raises(ValidationError, match="fraction"):
        FRACTION.validate_python("1.01")


def test_json_schema_of_decimals_is_a_string_with_a_pattern() -> None:
    for adapter in (NON_NEGATIVE, FRACTION, ANY_DECIMAL):
        schema = adapter.json_schema()
        assert schema["type"] == "string"
        assert "pattern" in schema
        assert "anyOf" not in schema


def test_money_on_the_wire() -> None:
    money = Money.model_validate({"amount": "4650000.00", "currency": "EUR"})
    assert money.to_json_dict() == {"amount": "4650000.00", "currency": "EUR"}
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": 4650000.0, "currency": "EUR"})
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": "10", "currency": "eur"})


# ----------------------------------------------------------------------------- money


def test_money_adds_within_one_currency() -> None:
    total = Money(amount=Decimal("0.10"), currency="EUR") + Money(
        amount=Decimal("0.20"), currency="EUR"
    )
    assert total == Money(amount=Decimal("0.30"), currency="EUR")


def test_money_refuses_mixing_currencies() -> None:
    with pytest.raises(MixedValuationBasisError, match="GBP"):
        _ = Money(amount=Decimal(1), currency="EUR") + Money(amount=Decimal(1), currency="GBP")


def test_money_does_not_add_plain_numbers() -> None:
    with pytest.raises(TypeError):
        _ = Money(amount=Decimal(1), currency="EUR") + Decimal(1)  # type: ignore[operator]


# -------------------------------------------------------------------- valuation basis


def test_valuation_basis_family() -> None:
    assert ValuationBasis.OBLIGATION_CREDIT.family is ValuationFamily.OBLIGATION_CREDIT
    for basis in ValuationBasis:
        if basis is not ValuationBasis.OBLIGATION_CREDIT:
            assert basis.family is ValuationFamily.OUTCOME_VALUE


def test_valuation_basis_family_matches_the_codelist_column() -> None:
    rows = codelist("valuationBasis")
    for basis in ValuationBasis:
        assert basis.family.value == rows.get(basis.value).get("family")


# -------------------------------------------------------------------- localized text


def test_localized_text_needs_one_language() -> None:
    with pytest.raises(ValidationError, match="at least one language"):
        LocalizedText()
    with pytest.raises(ValidationError):
        LocalizedText.model_validate({})
    with pytest.raises(ValidationError):
        LocalizedText.model_validate({"nl": ""})
    assert LocalizedText(nl="Hallo").text("en") == "Hallo"
    assert LocalizedText(nl="Hallo", en="Hello").text("nl") == "Hallo"
    assert LocalizedText(en="Hello").to_json_dict() == {"en": "Hello"}


def test_localized_text_refuses_other_languages() -> None:
    with pytest.raises(ValidationError):
        LocalizedText.model_validate({"de": "Hallo"})


# ----------------------------------------------------------------- null and strictness


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Money, {"amount": None, "currency": "EUR"}),
        (Source, {"title": "t", "publisher": "p", "year": 2024, "url": None}),
        (LocalizedText, {"nl": "x", "en": None}),
        (Area, {"code": "GM0363", "name": None}),
    ],
)
def test_null_is_refused_in_documents(model: type[Any], data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="null"):
        model.model_validate(data, context=DOCUMENT_CONTEXT)


def test_python_callers_may_pass_none_for_an_absent_optional_value() -> None:
    source = Source.model_validate({"title": "t", "publisher": "p", "year": 2024, "url": None})
    assert source.url is None
    assert "url" not in source.to_json_dict()
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": None, "currency": "EUR"})  # not optional


def test_null_in_a_file_is_refused() -> None:
    text = (ROOT / "examples" / "bid.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["bidPrice"] = None
    with pytest.raises(DocumentInvalidError):
        parse_document(json.dumps(data))
    report = validate_text(json.dumps(data))
    assert not report.valid


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Money.model_validate({"amount": "1", "currency": "EUR", "note": "x"})


def test_models_are_frozen() -> None:
    money = Money(amount=Decimal(1), currency="EUR")
    with pytest.raises(ValidationError):
        money.amount = Decimal(2)  # type: ignore[misc]
    period = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    with pytest.raises(ValidationError):
        period.end = dt.date(2027, 1, 1)  # type: ignore[misc]


def test_models_are_hashable_values() -> None:
    one = Quantity(value=Decimal("8"), unit="person")
    assert one == Quantity.model_validate({"value": "8", "unit": "person"})
    assert hash(one) == hash(Quantity(value=Decimal("8"), unit="person"))


def test_camel_case_on_the_wire_and_snake_case_in_python() -> None:
    data = {
        "id": "c-1",
        "indicator": "ind-1",
        "quantity": {"value": "1", "unit": "person"},
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "durationYears": 3,
        "paymentInLieu": {"amount": "10.00", "currency": "EUR"},
        "fulfilment": "payment-in-lieu",
    }
    commitment = Commitment.model_validate(data)
    assert commitment.duration_years == 3
    assert commitment.payment_in_lieu is not None
    assert commitment.model_dump(mode="json", exclude_unset=True) == data
    assert commitment.to_json_dict()["areas"] == []  # defaults are written by to_json_dict


# ------------------------------------------------------------------ areas and periods


def test_area_hierarchy() -> None:
    buurt = Area(code="BU03630500")
    wijk = Area(code="WK036305")
    gemeente = Area(code="GM0363")
    assert buurt.municipality == "GM0363"
    assert buurt.within(wijk)
    assert buurt.within(gemeente)
    assert wijk.within(gemeente)
    assert not gemeente.within(wijk)
    assert not Area(code="BU05990100").within(gemeente)


@pytest.mark.parametrize("code", ["GM363", "WK03630", "BU0363050", "gm0363", "XX0363", "GM0363\t"])
def test_area_codes_are_cbs_codes(code: str) -> None:
    with pytest.raises(ValidationError):
        Area(code=code)


def test_period_relations() -> None:
    year = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    spring = Period(start=dt.date(2026, 3, 1), end=dt.date(2026, 5, 31))
    later = Period(start=dt.date(2027, 1, 1), end=dt.date(2027, 6, 30))
    assert year.contains(spring)
    assert not spring.contains(year)
    assert year.overlaps(spring)
    assert not year.overlaps(later)
