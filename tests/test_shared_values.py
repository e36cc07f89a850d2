"""Decimals and dates read from JSON are shared per text, and nothing else changes.

The model reads a decimal string or a ``YYYY-MM-DD`` date through a bounded cache keyed by
the text, so a document's repeated numbers and dates are one object each (cheaper to read
and to hash later). These tests hold the promise that goes with it: every value is still
exactly the one its text names, notations stay apart, refusals are worded as before, and
the cache's bound changes no value.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sroi_core.documents import DOCUMENT_CONTEXT
from sroi_core.model.types import (
    Period,
    Quantity,
    _shared_date,
    _shared_decimal,
    error_location,
)

_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=20)

decimal_texts = st.builds(
    lambda whole, fraction: whole + ("." + fraction if fraction else ""),
    st.one_of(st.just("0"), st.from_regex(r"[1-9][0-9]{0,29}", fullmatch=True)),
    st.one_of(st.just(""), _DIGITS),
)
"""Plain decimal text the schema's pattern admits (trailing zeros included)."""


def _quantity(text: str) -> Quantity:
    return Quantity.model_validate_json(
        json.dumps({"value": text, "unit": "person"}), context=DOCUMENT_CONTEXT
    )


@given(decimal_texts)
@settings(max_examples=300)
def test_a_shared_decimal_is_the_number_its_text_names_and_writes_that_text(text: str) -> None:
    value = _quantity(text).value
    assert value == Decimal(text)
    assert str(value.as_tuple()) == str(Decimal(text).as_tuple())  # the same notation
    assert json.loads(_quantity(text).model_dump_json())["value"] == text


def test_one_text_is_one_object_and_equal_numbers_in_other_notations_are_not() -> None:
    first, again, longer = (_quantity(t).value for t in ("12.5", "12.5", "12.50"))
    assert first is again
    assert first == longer
    assert longer is not first
    assert str(longer) == "12.50"  # 12.50 people stays written as read


def test_a_document_repeating_a_date_holds_it_once() -> None:
    periods = [
        Period.model_validate_json('{"start": "2027-01-01", "end": "2027-12-31"}') for _ in range(3)
    ]
    assert periods[0].start is periods[1].start is periods[2].start
    assert periods[0].start == dt.date(2027, 1, 1)


def test_the_cache_bound_changes_no_value() -> None:
    """More distinct texts than the caches keep: evicted texts are read anew, exactly."""
    size = (_shared_decimal.cache_info().maxsize or 0) + 10
    texts = [f"{n}.{n % 7}" for n in range(size)]
    values = [_quantity(text).value for text in texts]
    assert values == [Decimal(text) for text in texts]
    assert _quantity(texts[0]).value == Decimal(texts[0])
    days = (_shared_date.cache_info().maxsize or 0) + 10
    starts = [dt.date(2000, 1, 1) + dt.timedelta(days=n) for n in range(days)]
    for start in starts[:: max(1, days // 50)] + starts[-3:]:
        text = start.isoformat()
        read = Period.model_validate_json(f'{{"start": "{text}", "end": "2099-12-31"}}')
        assert read.start == start


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "0000-01-01"])
def test_an_impossible_date_is_refused_by_the_checked_path_alone(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Period.model_validate_json(f'{{"start": "{text}", "end": "2099-12-31"}}')
    errors = caught.value.errors()
    assert errors
    assert all("start" in error["loc"] for error in errors)
    worded = [error for error in errors if error_location(error["loc"]) is not None]
    assert len(worded) == 1  # the fast path's own error is not shown
