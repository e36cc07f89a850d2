"""The valuation writer's templates write what pydantic writes, for any columns.

``ValuationLines.line_texts`` fills one ``%`` template per shape of line; a money column
with a negative figure or Python ints beyond int64 is written figure by figure.
Generated columns (negative, zero and huge cents; Python-int columns beyond int64; ids,
proxy values and flags with ``%``, quotes, escapes and non-ASCII text; lines with no
values, no years, many rows) must give pydantic's bytes through the ``Sequence``
interface.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sroi_core._decimal import decimal_text
from sroi_core.documents import dump_document, load_document
from sroi_core.model.codes import ValuationBasis
from sroi_core.model.valuation import Valuation
from sroi_core.valuation.columns import PricedValue, ValuationLines, _decimal_texts, with_lines
from sroi_core.valuation.document import value_document

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INT64 = 2**63 - 1

TEXT = st.text(
    st.one_of(
        st.sampled_from('%ab"\\/\n\t\x00\x1f\u00e9\u2028\U0001f600'),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=6,
)
DECIMALS = st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False)
QUANTITIES = DECIMALS | st.decimals(allow_nan=False, allow_infinity=False)
"""Quantities also in exponent notation (``1E+3``, ``1E-9``), written positionally."""
STATUSES = st.sampled_from(
    ["committed", "verified", "submitted", "rejected", "withdrawn", "payment-in-lieu"]
)


def _cents(huge: bool) -> st.SearchStrategy[int]:
    """Cents of every sign and size; beyond int64 only when ``huge``.

    Up to the 28 digits ``from_cents`` (so pydantic's side) can write, past the plain
    text's ``10**27`` cents limit.
    """
    small = st.one_of(st.integers(-1000, 1000), st.integers(-(10**15), 10**15))
    if not huge:
        return small
    edges = st.sampled_from([10**27 - 1, 10**27, -(10**27), INT64 + 1, -INT64 - 2, INT64])
    return st.one_of(small, st.integers(-(10**27) - 10**6, 10**27 + 10**6), edges)


@st.composite
def drawn_columns(draw: st.DrawFn) -> dict[str, Any]:
    """The keyword arguments of a ValuationLines, every column drawn."""
    huge = draw(st.booleans())
    money = _cents(huge)
    indicators = draw(st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=3))
    adjustment_sets = draw(st.lists(st.tuples(*[DECIMALS] * 4), min_size=1, max_size=2))
    flag_sets = draw(st.lists(st.lists(TEXT, max_size=2).map(tuple), min_size=1, max_size=3))
    priced = draw(
        st.lists(
            st.builds(
                PricedValue,
                proxy_value=TEXT,
                valuation_basis=st.sampled_from(list(ValuationBasis)),
                proxy_per_unit=DECIMALS,
                price_index_factor=st.none() | DECIMALS,
                rebased_per_unit=DECIMALS,
                flags=st.lists(TEXT, max_size=2).map(tuple),
            ),
            min_size=1,
            max_size=3,
        )
    )
    count = draw(st.integers(0, 8))
    repeat = draw(st.booleans())  # lines of few shapes, as real valuations have

    def pick(size: int) -> st.SearchStrategy[int]:
        return st.just(0) if repeat else st.integers(0, size - 1)

    row_counts = [draw(st.just(1) if repeat else st.integers(0, 3)) for _ in range(count)]
    rows = sum(row_counts)
    width = draw(st.integers(1, 4))
    row_start = np.concatenate(([0], np.cumsum(row_counts, dtype=np.intp))).astype(np.intp)
    figures = [[draw(money) for _ in range(4)] for _ in range(rows)]
    years = [[draw(money) for _ in range(width)] for _ in range(rows)]
    dtype = object if huge else np.int64
    offsets = draw(st.none() | st.just([draw(st.integers(0, 40)) for _ in range(count)]))
    return {
        "ids": [draw(TEXT) for _ in range(count)],
        "indicators": indicators,
        "indicator": np.array([draw(pick(len(indicators))) for _ in range(count)], np.intp),
        "status": [draw(STATUSES) for _ in range(count)],
        "counted": [draw(st.booleans()) for _ in range(count)],
        "quantity": [draw(QUANTITIES) for _ in range(count)],
        "adjustment_sets": adjustment_sets,
        "adjustment": np.array([draw(pick(len(adjustment_sets))) for _ in range(count)], np.intp),
        "duration": np.array([draw(st.integers(0, 60)) for _ in range(count)], np.int64),
        "flag_sets": flag_sets,
        "flags": np.array([draw(pick(len(flag_sets))) for _ in range(count)], np.intp),
        "offsets": None if offsets is None else np.array(offsets, np.int64),
        "priced": priced,
        "row_start": row_start,
        "row_priced": np.array([draw(pick(len(priced))) for _ in range(rows)], np.intp),
        "figures": np.array(figures, dtype=dtype).reshape(rows, 4),
        "years": np.array(years, dtype=dtype).reshape(rows, width),
        "year_count": np.array([draw(st.integers(0, width)) for _ in range(rows)], np.int64),
        "pv": np.array([draw(money) for _ in range(rows)], dtype=dtype),
    }


def _envelope() -> Valuation:
    catalogue = load_document(ROOT / "examples" / "catalogue.illustrative.json")
    bid = load_document(ROOT / "examples" / "bid.json")
    valuation = value_document(bid, catalogue)
    return valuation.model_copy(update={"lines": ()})


ENVELOPE = _envelope()


def _pydantic_text(valuation: Valuation) -> str:
    dumped = valuation.model_dump_json(
        indent=2, by_alias=True, exclude_unset=True, exclude_none=True
    )
    return dumped + "\n"


@SETTINGS
@given(drawn_columns())
def test_generated_columns_are_written_as_pydantic_writes_them(kwargs: dict[str, Any]) -> None:
    lines = ValuationLines(**kwargs)
    valuation = with_lines(ENVELOPE.model_copy(), lines)
    assert dump_document(valuation) == _pydantic_text(valuation)


@SETTINGS
@given(st.lists(st.decimals(allow_nan=True, allow_infinity=True), max_size=8))
def test_decimal_texts_are_decimal_text(values: list[Decimal]) -> None:
    assert _decimal_texts(values) == [decimal_text(v) for v in values]


def test_one_odd_figure_is_written_as_pydantic_writes_it() -> None:
    """A negative present value in a real valuation: its column is written figure by figure."""
    catalogue = load_document(ROOT / "examples" / "catalogue.illustrative.json")
    bid = load_document(ROOT / "examples" / "bid.json")
    lines = value_document(bid, catalogue).lines
    assert isinstance(lines, ValuationLines)
    assert lines._row_start[1] > lines._row_start[0]  # the first line has a value
    pv = lines._pv.copy()
    pv[0] = -pv[0] - 1
    odd = with_lines(ENVELOPE.model_copy(), ValuationLines(**{**_kwargs(lines), "pv": pv}))
    assert dump_document(odd) == _pydantic_text(odd)


def _kwargs(lines: ValuationLines) -> dict[str, Any]:
    """The constructor arguments back from a ValuationLines' columns."""
    return {
        "ids": lines._ids,
        "indicators": lines._indicators,
        "indicator": np.array(lines._indicator, np.intp),
        "status": lines._status,
        "counted": lines._counted,
        "quantity": lines._quantity,
        "adjustment_sets": lines._adjustment_sets,
        "adjustment": np.array(lines._adjustment, np.intp),
        "duration": np.array(lines._duration, np.int64),
        "flag_sets": lines._flag_sets,
        "flags": np.array(lines._flags, np.intp),
        "offsets": None if lines._offsets is None else np.array(lines._offsets, np.int64),
        "priced": lines._priced,
        "row_start": np.array(lines._row_start, np.intp),
        "row_priced": np.array(lines._row_priced, np.intp),
        "figures": lines._figures,
        "years": lines._years,
        "year_count": np.array(lines._year_count, np.int64),
        "pv": lines._pv,
    }
