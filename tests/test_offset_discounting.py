"""Anchored discounting (standard 2.0): a line offset from the base date by whole periods."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from line_fixtures import plain_line as plain

from sroi_core.valuation import (
    GREEN_BOOK_SCHEDULE,
    NL_MKBA_SCHEDULE,
    DiscountSchedule,
    DiscountTiming,
    InvalidLineError,
    LineArrays,
    LineSpec,
    constant,
    value_line,
    value_lines,
)
from sroi_core.valuation.line import line_spec_from_json

D = Decimal

GREEN_BOOK_TABLE_2 = [1000, 966, 934, 902, 871, 842, 814, 786, 759, 734, 709]
"""HM Treasury Green Book Table 2: present value of 1,000 in years 0-10 at 3.5 %."""




def test_green_book_table_2_with_an_offset_of_two_is_the_table_shifted() -> None:
    """Start-of-year timing: year t of a line offset by 2 is Table 2's year t + 1."""
    result = value_line(
        plain(
            duration_years=9,
            discount=GREEN_BOOK_SCHEDULE,
            timing="start-of-year",
            offset_periods=2,
        )
    )
    rounded = [v.quantize(D(1), rounding=ROUND_HALF_UP) for v in result.discounted_year_values]
    assert rounded == GREEN_BOOK_TABLE_2[2:]
    assert result.periods == tuple(range(2, 11))


def test_offset_zero_is_the_1_0_method() -> None:
    line = plain(duration_years=7, discount=constant("0.035"), drop_off=D("0.2"))
    assert value_line(line) == value_line(
        plain(duration_years=7, discount=constant("0.035"), drop_off=D("0.2"), offset_periods=0)
    )
    assert "offsetPeriods" not in line.to_json()


def fraction_pv(spec: LineSpec) -> Fraction:
    """PV in exact rationals, written apart from the engine: sum N g^(t-1) / prod(1 + r)."""
    net = Fraction(spec.quantity) * Fraction(spec.proxy_value)
    for share in (spec.deadweight, spec.attribution, spec.displacement):
        net *= 1 - Fraction(share)
    keep = 1 - Fraction(spec.drop_off)
    start = 1 if spec.timing is DiscountTiming.END_OF_YEAR else 0
    total = Fraction(0)
    for year in range(1, spec.duration_years + 1):
        periods = spec.offset_periods + start + year - 1
        growth = Fraction(1)
        for period in range(1, periods + 1):
            growth *= 1 + Fraction(spec.discount.rate_for_period(period))
        total += net * keep ** (year - 1) / growth
    return total


@settings(max_examples=60, deadline=None)
@given(
    offset=st.integers(0, 12),
    years=st.integers(1, 12),
    drop_off=st.sampled_from(["0", "0.1", "0.33", "1"]),
    quantity=st.integers(0, 10_000),
    timing=st.sampled_from(list(DiscountTiming)),
)
def test_reference_with_offset_equals_rationals(
    offset: int, years: int, drop_off: str, quantity: int, timing: DiscountTiming
) -> None:
    spec = plain(
        quantity=D(quantity),
        proxy_value=D("123.45"),
        drop_off=D(drop_off),
        duration_years=years,
        discount=NL_MKBA_SCHEDULE,
        timing=timing,
        offset_periods=offset,
    )
    exact = fraction_pv(spec) * 100
    cents = exact.numerator // exact.denominator
    rest = exact - cents
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and cents % 2):
        cents += 1
    assert value_line(spec).present_value_cents == cents


@pytest.mark.parametrize(
    ("schedule", "timing"),
    [
        (GREEN_BOOK_SCHEDULE, DiscountTiming.START_OF_YEAR),
        (NL_MKBA_SCHEDULE, DiscountTiming.END_OF_YEAR),
        (constant("0.04"), DiscountTiming.END_OF_YEAR),
        (constant("-0.01"), DiscountTiming.START_OF_YEAR),
    ],
)
@pytest.mark.parametrize("seed", [3, 11])
def test_batch_with_offsets_equals_the_reference_to_the_cent(
    schedule: DiscountSchedule, timing: DiscountTiming, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    count = 300
    lines = LineArrays(
        quantity=np.round(rng.uniform(0, 500, count), 1),
        proxy_value=np.round(rng.uniform(0, 20_000, count), 2),
        deadweight=np.round(rng.uniform(0, 1, count), 2),
        attribution=np.round(rng.uniform(0, 1, count), 2),
        displacement=np.round(rng.uniform(0, 0.5, count), 2),
        drop_off=np.round(rng.uniform(0, 1, count), 2),
        duration_years=rng.integers(1, 45, count),
        offset_periods=rng.integers(0, 40, count),
    )
    result = value_lines(lines, schedule, timing, chunk_size=64)
    expected = [
        value_line(lines.line_spec(i, schedule, timing)).present_value_cents for i in range(count)
    ]
    assert result.present_value_cents.tolist() == expected
    assert lines.line_spec(0, schedule, timing).offset_periods == int(lines.offsets[0])  # type: ignore[index]


def test_batch_offsets_of_zero_take_the_1_0_path() -> None:
    lines = LineArrays(
        quantity=[D(1)],
        proxy_value=[D(1000)],
        deadweight=[D(0)],
        attribution=[D(0)],
        displacement=[D(0)],
        drop_off=[D(0)],
        duration_years=[3],
        offset_periods=[0],
    )
    assert lines.offsets is None


@pytest.mark.parametrize(
    ("offsets", "code"),
    [([-1], "offset-out-of-range"), ([1001], "offset-out-of-range"), ([1.5], "offset-not-integer")],
)
def test_bad_offsets_are_refused(offsets: list[object], code: str) -> None:
    with pytest.raises(InvalidLineError) as caught:
        LineArrays(
            quantity=[D(1)],
            proxy_value=[D(1)],
            deadweight=[D(0)],
            attribution=[D(0)],
            displacement=[D(0)],
            drop_off=[D(0)],
            duration_years=[1],
            offset_periods=offsets,
        )
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("offset", "code"),
    [(-1, "offset-out-of-range"), ("2", "offset-not-integer"), (True, "offset-not-integer")],
)
def test_line_wire_form_refuses_bad_offsets(offset: object, code: str) -> None:
    wire = plain().to_json()
    wire["offsetPeriods"] = offset
    with pytest.raises(InvalidLineError) as caught:
        line_spec_from_json(wire)
    assert caught.value.code == code


def test_line_wire_form_round_trips_the_offset() -> None:
    spec = plain(offset_periods=3, duration_years=2, discount=constant("0.1"))
    assert spec.to_json()["offsetPeriods"] == 3
    assert line_spec_from_json(spec.to_json()) == spec
