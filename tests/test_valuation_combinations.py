"""The distinct combinations of integer columns, found by a table, equal ``np.unique``'s.

``_combinations`` (``sroi_core/valuation/document.py``) groups the rows of the break-even
sums: small non-negative columns are marked in a table and decoded, others go through
``np.unique``. Either way each row must get the number of its combination among the
sorted distinct ones, and the combinations must be those rows.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.valuation.document import _combinations


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
