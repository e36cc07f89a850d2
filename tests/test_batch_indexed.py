"""An ``Indexed`` kernel column is the same input as the list of its decimals per line.

Same cents, the same validation error (code, field, first bad line) -- including decimals
that only the exact test catches: a fraction just above 1 whose float is 1.0, a tiny
negative whose float is -0.0, a price index of a tiny positive or exactly 0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sroi_core.valuation import (
    GREEN_BOOK_SCHEDULE,
    DiscountTiming,
    InvalidLineError,
    LineArrays,
    value_lines,
    year_value_cents,
)
from sroi_core.valuation.batch import Decimals, Indexed, net_figure_cents

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EDGES = [
    Decimal(0),
    Decimal(1),
    Decimal("0.5"),
    Decimal("1.0000000000000000000001"),
    Decimal("0.99999999999999999999999"),
    Decimal("-1E-400"),
    Decimal("-0"),
    Decimal("1E-400"),
    Decimal("2"),
    Decimal("-0.5"),
    Decimal("1.00"),  # equal numbers in other notations share one entry of ``Decimals``
    Decimal("0.50"),
    Decimal("0E-7"),
]


def _decimals(low: str, high: str) -> st.SearchStrategy[Decimal]:
    plain = st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=4)
    return st.one_of(plain, st.sampled_from(EDGES))


@st.composite
def indexed(draw: st.DrawFn, values: st.SearchStrategy[Decimal], size: int) -> Indexed:
    distinct = draw(st.lists(values, min_size=1, max_size=5))
    positions = draw(st.lists(st.integers(0, len(distinct) - 1), min_size=size, max_size=size))
    return Indexed(distinct, np.array(positions, dtype=np.intp))


@st.composite
def columns(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(1, 12))
    data: dict[str, Any] = {
        "quantity": draw(indexed(_decimals("0", "500"), size)),
        "proxy_value": draw(indexed(_decimals("0", "20000"), size)),
        "duration_years": np.array(
            draw(st.lists(st.integers(1, 12), min_size=size, max_size=size))
        ),
    }
    for name in ("deadweight", "attribution", "displacement", "drop_off"):
        data[name] = draw(indexed(_decimals("0", "1"), size))
    if draw(st.booleans()):
        data["index_from"] = draw(indexed(_decimals("0", "130"), size))
        data["index_to"] = draw(indexed(_decimals("0", "130"), size))
    return data


def _as_lists(data: dict[str, Any]) -> dict[str, Any]:
    def per_line(value: Any) -> Any:
        if isinstance(value, Indexed):
            return [value.values[p] for p in value.index.tolist()]
        return value

    return {name: per_line(value) for name, value in data.items()}


def _valued(lines: LineArrays) -> Any:
    """Every figure the kernel gives of ``lines``, and each line's exact reference input."""
    timing = DiscountTiming.END_OF_YEAR
    return (
        value_lines(lines, GREEN_BOOK_SCHEDULE, timing).present_value_cents.tolist(),
        year_value_cents(lines).tolist(),
        net_figure_cents(lines).tolist(),
        [lines.line_spec(i, GREEN_BOOK_SCHEDULE, timing) for i in range(len(lines))],
    )


def _outcome(data: dict[str, Any]) -> Any:
    try:
        lines = LineArrays(**data)
    except InvalidLineError as error:
        return ("refused", error.code, error.field, error.index, str(error))
    return _valued(lines)


@SETTINGS
@given(columns())
def test_an_indexed_column_equals_its_decimals_per_line(data: dict[str, Any]) -> None:
    assert _outcome(data) == _outcome(_as_lists(data))


@SETTINGS
@given(columns(), st.sampled_from([None, Decimal("NaN"), Decimal("Infinity"), Decimal("1E+400")]))
def test_decimals_converted_once_are_the_same_column(
    data: dict[str, Any], odd: Decimal | None
) -> None:
    """Every column over ``Decimals`` (floats converted once, as a document's quantities
    for all its kernel runs) values, and refuses, as over the plain list of decimals."""
    if odd is not None:  # a value only the exact path refuses, or beyond float64
        quantity = data["quantity"]
        data["quantity"] = Indexed([*quantity.values, odd], quantity.index.copy())
        data["quantity"].index[-1] = len(quantity.values)
    shared = {
        name: Indexed(Decimals(value.values), value.index) if isinstance(value, Indexed) else value
        for name, value in data.items()
    }
    assert _refused_or_valued(shared) == _refused_or_valued(data)


def _refused_or_valued(data: dict[str, Any]) -> Any:
    """``_outcome``, or the refusal of a line valued too large to compute exactly."""
    try:
        return _outcome(data)
    except InvalidLineError as error:
        return ("refused while valuing", error.code, error.field, error.index, str(error))


def test_a_fraction_whose_float_is_one_is_caught_on_the_right_line() -> None:
    size = 4
    data: dict[str, Any] = {
        name: Indexed([Decimal(0)], np.zeros(size, dtype=np.intp))
        for name in ("deadweight", "attribution", "displacement", "drop_off")
    }
    data["attribution"] = Indexed(
        [Decimal("0.5"), Decimal("1.0000000000000000000001")], np.array([0, 0, 1, 0])
    )
    data |= {
        "quantity": Indexed([Decimal(1)], np.zeros(size, dtype=np.intp)),
        "proxy_value": Indexed([Decimal(100)], np.zeros(size, dtype=np.intp)),
        "duration_years": np.full(size, 2),
    }
    with pytest.raises(InvalidLineError) as caught:
        LineArrays(**data)
    assert (caught.value.code, caught.value.index) == ("fraction-out-of-range", 2)


def test_a_bad_distinct_value_names_the_first_line_using_it() -> None:
    data: dict[str, Any] = {
        name: Indexed([Decimal(0)], np.zeros(3, dtype=np.intp))
        for name in ("deadweight", "attribution", "displacement", "drop_off")
    }
    data |= {
        "quantity": Indexed([Decimal(1), "x"], np.array([0, 1, 1])),
        "proxy_value": Indexed([Decimal(100)], np.zeros(3, dtype=np.intp)),
        "duration_years": np.full(3, 2),
    }
    with pytest.raises(InvalidLineError) as caught:
        LineArrays(**data)
    assert (caught.value.code, caught.value.field, caught.value.index) == (
        "not-a-decimal",
        "quantity",
        1,
    )


@SETTINGS
@given(
    st.lists(st.one_of(_decimals("0", "500"), st.sampled_from(EDGES)), min_size=1, max_size=30),
    st.sampled_from([Decimal("0.75"), Decimal("0.5"), Decimal("1.000"), Decimal("3")]),
)
def test_scaled_decimals_are_each_value_times_the_factor(
    values: list[Decimal], factor: Decimal
) -> None:
    """``Decimals.scaled`` multiplies once per distinct number: each line is still its own
    value times the factor, and its float is the nearest float of that product."""
    scaled = Decimals(values).scaled(factor)
    expected = [value * factor for value in values]
    assert len(scaled) == len(values)
    assert list(scaled) == expected  # equal numbers
    assert scaled.floats is not None
    assert scaled.floats.tolist() == [float(value) for value in expected]
    assert len(scaled.distinct) == len(set(values))


def _varied(lines: LineArrays, vary: Any) -> Any:
    try:
        return _refused_or_valued_lines(vary(lines))
    except InvalidLineError as error:
        return ("refused", error.code, error.field, error.index, str(error))


def _refused_or_valued_lines(lines: LineArrays) -> Any:
    try:
        return _valued(lines)
    except InvalidLineError as error:
        return ("refused while valuing", error.code, error.field, error.index, str(error))


@SETTINGS
@given(columns(), st.data())
def test_a_scenario_varying_one_column_values_as_lines_built_with_it(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    """``with_quantity`` and ``with_durations`` (a 2.0 scenario run re-checks only the varied
    column) value, and refuse (code, field, first line), as lines built with that column.

    The new quantities may be negative, a tiny negative whose float is -0.0, not finite or
    as a scalar; the new durations may be below one or too long."""
    try:
        base = LineArrays(**data)
    except InvalidLineError:
        return  # only valid lines are varied
    size = len(base)
    odd = st.sampled_from([Decimal("-1"), Decimal("-1E-400"), Decimal("NaN"), Decimal("1E+400")])
    quantity = draw.draw(
        st.one_of(
            indexed(st.one_of(_decimals("0", "500"), odd), size),
            st.lists(st.floats(-5, 5), min_size=size, max_size=size).map(np.array),
            _decimals("0", "9"),
        )
    )
    durations = np.array(draw.draw(st.lists(st.integers(-1, 1002), min_size=size, max_size=size)))
    assert _varied(base, lambda lines: lines.with_quantity(quantity)) == _refused_or_valued(
        {**data, "quantity": quantity}
    )
    assert _varied(base, lambda lines: lines.with_durations(durations)) == _refused_or_valued(
        {**data, "duration_years": durations}
    )


def test_a_varied_column_of_another_length_is_refused() -> None:
    lines = LineArrays(
        quantity=[Decimal(1), Decimal(2)],
        proxy_value=Decimal(10),
        deadweight=0,
        attribution=0,
        displacement=0,
        drop_off=0,
        duration_years=[1, 2],
    )
    cases = [
        (lambda: lines.with_quantity([Decimal(1)] * 3), "length-mismatch", None),
        (lambda: lines.with_durations([1]), "length-mismatch", None),
        (lambda: lines.with_proxy_value(np.array([1.0, float("nan")])), "not-a-decimal", 1),
        (lambda: lines.with_proxy_value([Decimal(1), Decimal(-2)]), "negative-proxy-value", 1),
        (lambda: lines.with_durations([1, 1001]), "duration-too-long", 1),
        # a tiny negative whose float is -0.0: only the exact test refuses it
        (lambda: lines.with_quantity([Decimal(1), Decimal("-1E-400")]), "negative-quantity", 1),
        (
            lambda: lines.with_quantity(
                Indexed([Decimal("-1E-400"), Decimal(3)], np.array([1, 0]))
            ),
            "negative-quantity",
            1,
        ),
    ]
    for vary, code, index in cases:
        with pytest.raises(InvalidLineError) as caught:
            vary()
        assert (caught.value.code, caught.value.index) == (code, index)
