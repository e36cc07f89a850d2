"""Properties of the valuation method, checked on generated lines (hypothesis).

The batch kernel is compared with the reference on ordinary lines and on lines built to
sit on, or a hair away from, a half-cent boundary, where a float result cannot be trusted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal, localcontext
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sroi_core._decimal import exact_context
from sroi_core.valuation import (
    GREEN_BOOK_SCHEDULE,
    NL_MKBA_SCHEDULE,
    Adjustment,
    DiscountSchedule,
    DiscountTiming,
    InvalidLineError,
    LineArrays,
    LineSpec,
    break_even,
    constant,
    present_value_cents,
    total_present_value,
    value_line,
    value_lines_cents,
)

D = Decimal
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEDULES = [
    constant("0"),
    NL_MKBA_SCHEDULE,
    constant("0.035"),
    GREEN_BOOK_SCHEDULE,
    constant("0.25"),
    constant("-0.01"),
]
OFFSETS = [D(0), D("1e-30"), D("-1e-30"), D("1e-16"), D("-1e-16"), D("1e-12"), D("-1e-12")]
"""How far from a half-cent boundary a 'nasty' line's exact value is put, in currency."""


@pytest.fixture(autouse=True)
def _fifty_digits() -> Iterator[None]:
    with localcontext(exact_context()):
        yield


def amounts(high: int, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=high, places=places)


shares = st.one_of(st.sampled_from([D(0), D(1), D("0.5")]), amounts(1, 4))
partial_shares = st.decimals(min_value=0, max_value=D("0.95"), places=3)


@st.composite
def line_specs(
    draw: st.DrawFn,
    schedule: DiscountSchedule | None = None,
    timing: DiscountTiming | None = None,
    adjustments: st.SearchStrategy[Decimal] = shares,
) -> LineSpec:
    indexed = draw(st.booleans())
    return LineSpec(
        quantity=draw(amounts(100_000, 2)),
        proxy_value=draw(amounts(50_000, 3)),
        deadweight=draw(adjustments),
        attribution=draw(adjustments),
        displacement=draw(adjustments),
        drop_off=draw(adjustments),
        duration_years=draw(st.integers(1, 40)),
        discount=schedule or draw(st.sampled_from(SCHEDULES)),
        timing=timing or draw(st.sampled_from(list(DiscountTiming))),
        price_index_from=draw(st.decimals(80, 120, places=1)) if indexed else None,
        price_index_to=draw(st.decimals(80, 120, places=1)) if indexed else None,
    )


@st.composite
def near_tie_specs(draw: st.DrawFn, schedule: DiscountSchedule, timing: DiscountTiming) -> LineSpec:
    """A line whose exact present value is within OFFSETS of a half-cent boundary."""
    spec = draw(line_specs(schedule, timing, adjustments=partial_shares))
    spec = dataclasses.replace(spec, quantity=draw(st.decimals(1, 1000, places=1)))
    per_unit = value_line(dataclasses.replace(spec, proxy_value=D(1))).present_value_exact
    cents = draw(st.integers(0, 10**9))
    target = (D(cents) + D("0.5")) / 100 + draw(st.sampled_from(OFFSETS))
    proxy = +(target / per_unit)  # unary plus: round to the context's 50 digits
    return dataclasses.replace(spec, proxy_value=abs(proxy))


def arrays_of(specs: list[LineSpec], as_floats: bool) -> tuple[LineArrays, list[LineSpec]]:
    """Batch inputs for the specs, and the specs the reference must see for them.

    With float inputs, each float stands for its repr, so the reference gets that decimal.
    """

    def column(values: list[Decimal]) -> Any:
        return np.array([float(v) for v in values]) if as_floats else values

    def as_seen(value: Decimal) -> Decimal:
        return D(repr(float(value))) if as_floats else value

    indexed = all(s.price_index_from is not None for s in specs)
    names = ["quantity", "proxy_value", "deadweight", "attribution", "displacement", "drop_off"]
    names += ["price_index_from", "price_index_to"] if indexed else []
    columns = {name: column([getattr(s, name) for s in specs]) for name in names}
    seen = []
    for s in specs:
        changes: dict[str, Any] = {name: as_seen(getattr(s, name)) for name in names}
        if not indexed:
            changes |= {"price_index_from": None, "price_index_to": None}
        seen.append(dataclasses.replace(s, **changes))
    lines = LineArrays(
        quantity=columns["quantity"],
        proxy_value=columns["proxy_value"],
        deadweight=columns["deadweight"],
        attribution=columns["attribution"],
        displacement=columns["displacement"],
        drop_off=columns["drop_off"],
        duration_years=np.array([s.duration_years for s in specs]),
        index_from=columns.get("price_index_from"),
        index_to=columns.get("price_index_to"),
    )
    return lines, seen


@settings(SETTINGS, max_examples=250)
@given(data=st.data())
def test_batch_equals_reference_to_the_cent(data: st.DataObject) -> None:
    schedule = data.draw(st.sampled_from(SCHEDULES))
    timing = data.draw(st.sampled_from(list(DiscountTiming)))
    specs = data.draw(
        st.lists(
            st.one_of(line_specs(schedule, timing), near_tie_specs(schedule, timing)),
            min_size=1,
            max_size=12,
        )
    )
    lines, seen = arrays_of(specs, as_floats=data.draw(st.booleans()))
    batch = value_lines_cents(lines, schedule, timing)
    assert batch.tolist() == [value_line(s).present_value_cents for s in seen]
    assert batch.tolist() == [present_value_cents(s) for s in seen]


@SETTINGS
@given(
    specs=st.lists(line_specs(NL_MKBA_SCHEDULE, DiscountTiming.END_OF_YEAR), max_size=8),
    data=st.data(),
)
def test_totals_do_not_depend_on_order(specs: list[LineSpec], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(specs))
    assert total_present_value(shuffled) == total_present_value(specs)
    if specs:
        forward, _ = arrays_of(specs, as_floats=False)
        backward, _ = arrays_of(list(shuffled), as_floats=False)
        timing = DiscountTiming.END_OF_YEAR
        assert value_lines_cents(forward, NL_MKBA_SCHEDULE, timing).sum() == (
            value_lines_cents(backward, NL_MKBA_SCHEDULE, timing).sum()
        )


@SETTINGS
@given(spec=line_specs(), factor=st.integers(2, 1000))
def test_value_is_linear_in_quantity(spec: LineSpec, factor: int) -> None:
    single = value_line(spec)
    scaled = value_line(dataclasses.replace(spec, quantity=spec.quantity * factor))
    tolerance = D("1e-40") * max(D(1), abs(scaled.present_value_exact))
    assert abs(scaled.present_value_exact - factor * single.present_value_exact) <= tolerance
    doubled = value_line(dataclasses.replace(spec, quantity=spec.quantity * 2))
    assert abs(doubled.present_value_cents - 2 * single.present_value_cents) <= 1


@SETTINGS
@given(spec=line_specs(), other=amounts(100_000, 2))
def test_value_is_additive_in_quantity(spec: LineSpec, other: Decimal) -> None:
    first = value_line(spec).present_value_exact
    second = value_line(dataclasses.replace(spec, quantity=other)).present_value_exact
    both = value_line(dataclasses.replace(spec, quantity=spec.quantity + other))
    tolerance = D("1e-40") * max(D(1), abs(both.present_value_exact))
    assert abs(both.present_value_exact - first - second) <= tolerance


@SETTINGS
@given(
    spec=line_specs(),
    adjustment=st.sampled_from(["deadweight", "attribution", "displacement", "drop_off"]),
    pair=st.tuples(shares, shares).map(sorted),
)
def test_more_adjustment_never_raises_value(
    spec: LineSpec, adjustment: str, pair: list[Decimal]
) -> None:
    low_changes: dict[str, Any] = {adjustment: pair[0]}
    high_changes: dict[str, Any] = {adjustment: pair[1]}
    low = value_line(dataclasses.replace(spec, **low_changes))
    high = value_line(dataclasses.replace(spec, **high_changes))
    assert high.present_value <= low.present_value
    assert all(h <= lo for h, lo in zip(high.year_values, low.year_values, strict=True))


@SETTINGS
@given(
    spec=line_specs(),
    rates=st.tuples(
        st.decimals(min_value=D("-0.5"), max_value=D("0.5"), places=4),
        st.decimals(min_value=D("-0.5"), max_value=D("0.5"), places=4),
    ).map(sorted),
)
def test_higher_discount_rate_never_raises_value(spec: LineSpec, rates: list[Decimal]) -> None:
    lower = value_line(dataclasses.replace(spec, discount=constant(rates[0])))
    higher = value_line(dataclasses.replace(spec, discount=constant(rates[1])))
    assert higher.present_value <= lower.present_value


@SETTINGS
@given(spec=line_specs())
def test_zero_quantity_gives_zero(spec: LineSpec) -> None:
    result = value_line(dataclasses.replace(spec, quantity=D(0)))
    assert result.present_value == 0
    assert result.gross == 0
    assert all(value == 0 for value in result.year_values + result.discounted_year_values)


@SETTINGS
@given(spec=line_specs(), years=st.integers(max_value=0))
def test_duration_below_one_is_refused(spec: LineSpec, years: int) -> None:
    with pytest.raises(InvalidLineError) as caught:
        dataclasses.replace(spec, duration_years=years)
    assert caught.value.code == "duration-below-one"


@SETTINGS
@given(
    specs=st.lists(
        line_specs(constant("0.035"), DiscountTiming.END_OF_YEAR), min_size=1, max_size=4
    ),
    investment=st.decimals(min_value=D("0.01"), max_value=D(10) ** 9, places=2),
    adjustment=st.sampled_from(list(Adjustment)),
)
def test_break_even_brings_the_ratio_to_one(
    specs: list[LineSpec], investment: Decimal, adjustment: Adjustment
) -> None:
    result = break_even(specs, investment, adjustment)
    if result.value is None:
        return
    field = {"dropOff": "drop_off"}.get(adjustment.value, adjustment.value)

    def total(value: Decimal) -> Decimal:
        override: dict[str, Any] = {field: value}
        changed = [dataclasses.replace(s, **override) for s in specs]
        return sum((value_line(s).present_value_exact for s in changed), D(0))

    if adjustment is Adjustment.DROP_OFF:
        step = D("1e-12")
        assert (
            total(max(D(0), result.value - step))
            >= investment
            >= total(min(D(1), result.value + step))
        )
    else:
        assert abs(total(result.value) - investment) <= D("1e-35") * investment
