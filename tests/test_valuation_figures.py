"""Vectorised reported figures equal the exact reference, cent for cent.

``net_figure_cents`` gives each line's gross, after-deadweight, after-attribution and net
annual figure from the batch kernel (float with a proof, exact fallback); the document
valuation reports them. They must equal ``reference.net_figures`` on every line,
including half-cent ties and price-index division, where only the fallback can decide.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.valuation.batch import LineArrays, net_figure_cents
from sroi_core.valuation.reference import net_figures


def _decimal(places: int, top: int) -> st.SearchStrategy[Decimal]:
    return st.integers(0, top * 10**places).map(lambda n: Decimal(n).scaleb(-places))


_FRACTION = st.one_of(
    st.sampled_from([Decimal(0), Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal("0.125")]),
    _decimal(2, 1),
    _decimal(20, 1),
)

LINE = st.tuples(
    st.one_of(_decimal(3, 10_000), _decimal(20, 1000), st.just(Decimal("0.005"))),
    st.one_of(_decimal(2, 20_000), _decimal(4, 100), st.just(Decimal("1"))),
    _FRACTION,
    _FRACTION,
    _FRACTION,
    st.one_of(st.none(), st.tuples(_decimal(1, 200).filter(bool), _decimal(1, 200).filter(bool))),
)


class _Net(NamedTuple):
    quantity: Decimal
    proxy_value: Decimal
    deadweight: Decimal
    attribution: Decimal
    displacement: Decimal
    price_index_from: Decimal | None
    price_index_to: Decimal | None


def _reference(line: tuple[Any, ...]) -> tuple[Decimal, ...]:
    quantity, proxy, deadweight, attribution, displacement, index = line
    spec = _Net(
        quantity,
        proxy,
        deadweight,
        attribution,
        displacement,
        index[0] if index else None,
        index[1] if index else None,
    )
    return net_figures(spec)[1]


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=40), st.integers(1, 30))
def test_vectorised_figures_equal_the_reference(lines: list[tuple[Any, ...]], years: int) -> None:
    with_index = any(line[5] is not None for line in lines)
    one = Decimal(1)
    arrays = LineArrays(
        quantity=[line[0] for line in lines],
        proxy_value=[line[1] for line in lines],
        deadweight=[line[2] for line in lines],
        attribution=[line[3] for line in lines],
        displacement=[line[4] for line in lines],
        drop_off=Decimal("0.1"),
        duration_years=np.full(len(lines), years),
        index_from=[line[5][0] if line[5] else one for line in lines] if with_index else None,
        index_to=[line[5][1] if line[5] else one for line in lines] if with_index else None,
    )
    cents = net_figure_cents(arrays, chunk_size=7)
    for number, line in enumerate(lines):
        index = line[5] if line[5] is not None else (one, one)
        expected = _reference((*line[:5], index if with_index else None))
        got = tuple(Decimal(int(c)).scaleb(-2) for c in cents[number])
        assert got == expected, line


def test_a_half_cent_tie_is_rounded_to_even() -> None:
    arrays = LineArrays(
        quantity=[Decimal("0.005"), Decimal("0.015")],
        proxy_value=[Decimal(1), Decimal(1)],
        deadweight=Decimal(0),
        attribution=Decimal(0),
        displacement=Decimal(0),
        drop_off=Decimal(0),
        duration_years=1,
    )
    assert net_figure_cents(arrays)[:, 0].tolist() == [0, 2]
