"""Unit conversions: exact, dimension-checked, hours to FTE-years only through a norm."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sroi_core._decimal import exact_context
from sroi_core.errors import UnitError
from sroi_core.units import CONVERSION_STEP, compatible, convert, pint_unit

NORM = Decimal("1836")


def test_hours_to_fte_years_through_the_norm() -> None:
    assert convert(Decimal("7344"), "hour", "fte-year", fte_norm_hours=NORM) == Decimal(4)
    assert convert(Decimal("918"), "hour", "fte-year", fte_norm_hours=NORM) == Decimal("0.5")


def test_fte_years_to_hours_through_the_norm() -> None:
    assert convert(Decimal("2.5"), "fte-year", "hour", fte_norm_hours=NORM) == Decimal("4590")


def test_the_conversion_result_is_a_decimal() -> None:
    result = convert(Decimal("1"), "hour", "fte-year", fte_norm_hours=Decimal("3"))
    assert isinstance(result, Decimal)


@pytest.mark.parametrize("norm", [None, Decimal(0), Decimal(-1)])
def test_hours_to_fte_years_refused_without_a_positive_norm(norm: Decimal | None) -> None:
    with pytest.raises(UnitError, match="FTE norm"):
        convert(Decimal("100"), "hour", "fte-year", fte_norm_hours=norm)
    with pytest.raises(UnitError, match="FTE norm"):
        convert(Decimal("1"), "fte-year", "hour", fte_norm_hours=norm)


def test_kilograms_to_tonnes_exactly() -> None:
    assert convert(Decimal("1500"), "kg-co2e", "tonne-co2e") == Decimal("1.5")
    assert convert(Decimal("0.001"), "tonne-co2e", "kg-co2e") == Decimal("1")
    assert convert(Decimal("123456789.123"), "kg-co2e", "tonne-co2e") == Decimal("123456.789123")


def test_same_unit_and_aliases_convert_one_to_one() -> None:
    assert convert(Decimal("7"), "participant", "person") == Decimal("7")
    assert convert(Decimal("7"), "person", "person") == Decimal("7")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("person", "household"),
        ("person", "tonne-co2e"),
        ("tonne", "tonne-co2e"),
        ("euro", "person"),
        ("hour", "person-year"),
        ("placement", "placement-year"),
    ],
)
def test_incompatible_dimensions_are_refused(source: str, target: str) -> None:
    assert not compatible(source, target)
    with pytest.raises(UnitError, match="different dimensions"):
        convert(Decimal(1), source, target)


def test_hours_and_fte_years_count_as_compatible() -> None:
    assert compatible("hour", "fte-year")
    assert compatible("fte-year", "hour")


def test_unknown_unit_code() -> None:
    with pytest.raises(UnitError, match="unknown unit code"):
        pint_unit("furlong")
    with pytest.raises(UnitError):
        convert(Decimal(1), "furlong", "person")


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.lists(st.integers(0, 4), min_size=2, max_size=6),
)
def test_a_conversion_shows_the_same_notation_whatever_was_converted_before(
    value: Decimal, extras: list[int]
) -> None:
    """Equal numbers in other notations (1836, 1836.0) convert to their own notation in
    any order: a cache keyed by number showed the first one converted (so a document read
    second in a process was written differently from the same document read alone)."""
    texts = [f"{value.quantize(Decimal(1).scaleb(-extra)):f}" for extra in extras]
    norm = Decimal("1836")
    fresh = []
    for text in texts:
        with localcontext(exact_context()):
            exact = Decimal(text) / norm
        rounded = exact.quantize(CONVERSION_STEP, rounding=ROUND_HALF_EVEN)
        fresh.append(str(exact if rounded == exact else rounded.normalize()))
    for order in (texts, texts[::-1]):
        shown = {
            t: str(convert(Decimal(t), "hour", "fte-year", fte_norm_hours=norm)) for t in order
        }
        assert [shown[t] for t in texts] == fresh
