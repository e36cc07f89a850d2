"""Grouping helpers of ``value_document`` equal their plain definitions.

``_combinations`` (``sroi_core/valuation/document.py``) groups the rows of the break-even
sums: small non-negative columns are marked in a table and decoded, others go through
``np.unique``. Either way each row must get the number of its combination among the
sorted distinct ones, and the combinations must be those rows. ``_group_sums`` adds
cents per group by a float64 ``bincount`` where no sum can reach 2**53, by ``np.add.at``
in int64 where none can overflow, else in Python ints: always the exact integer sums.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.valuation.document import _combinations, _group_sums


@st.composite
def integer_columns(draw: st.DrawFn) -> list[np.ndarray]:
    rows = draw(st.integers(1, 60))
    width = draw(st.integers(1, 4))
    columns = []
    for _ in range(width):
        high = draw(st.sampled_from([0, 1, 5, 40, 3000]))  # wide columns take the sort
        values = draw(st.lists(st.integers(0, high), min_size=rows, max_size=rows))
        columns.append(np.array(values, dtype=np.int64))
    return columns


@settings(max_examples=300, deadline=None)
@given(integer_columns())
def test_combinations_equal_a_unique_of_the_rows(columns: list[np.ndarray]) -> None:
    """Rows (indices, durations, offsets: never negative) as ``np.unique`` finds them."""
    groups, number = _combinations(columns)
    rows = np.stack(columns, axis=1)
    expected, inverse = np.unique(rows, axis=0, return_inverse=True)
    assert groups.tolist() == expected.tolist()
    assert number.tolist() == inverse.reshape(-1).tolist()
    assert groups[number].tolist() == rows.tolist()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=40),
    st.sampled_from([10, 2**40, 2**49, 2**53 - 1, 2**53 + 1, 2**60, 2**63 - 1]),
    st.data(),
)
def test_group_sums_are_the_exact_sums(
    groups: list[int], largest: int, data: st.DataObject
) -> None:
    """Sums near and beyond 2**53 (a float would round them) and 2**63 stay exact."""
    near = st.integers(max(0, largest - 1000), largest)  # odd values a float rounds
    values = st.one_of(st.integers(0, largest), near)
    cents = data.draw(st.lists(values, min_size=len(groups), max_size=len(groups)))
    count = max(groups) + 2  # one group without rows
    expected = [0] * count
    for group, value in zip(groups, cents, strict=True):
        expected[group] += value
    found = _group_sums(np.array(cents, dtype=np.int64), np.array(groups), count)
    assert found == expected
