"""A timestamp read by the fast path is the one the checked path reads, refused alike.

The model reads the common RFC 3339 form (``T``, ``Z`` or ``+HH:MM``, at most six fraction
digits) with the standard library's C parser instead of the checked path (a Python
before-validator and pydantic's parser). These tests hold that nothing else changes: the
same verdict for every text, the same instant and offset, the same text written back, and
for a refused text the same single error at the same place.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import AwareDatetime, BeforeValidator, TypeAdapter, ValidationError

from sroi_core.documents import DOCUMENT_CONTEXT
from sroi_core.model.evidence import StatusChange
from sroi_core.model.types import _iso_date_time, error_location

CHECKED = TypeAdapter(Annotated[AwareDatetime, BeforeValidator(_iso_date_time)])
"""The checked path alone: what the model read before the fast path."""


def _two(top: int) -> st.SearchStrategy[str]:
    return st.integers(0, top).map("{:02d}".format)


timestamps = st.builds(
    lambda year, month, day, sep, hour, minute, second, fraction, zone: (
        f"{year:04d}-{month}-{day}{sep}{hour}:{minute}:{second}{fraction}{zone}"
    ),
    st.integers(0, 9999),
    _two(13),
    _two(32),
    st.sampled_from(["T", "t", " "]),
    _two(25),
    _two(60),
    _two(61),
    st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=8).map(".{}".format)),
    st.one_of(
        st.sampled_from(["Z", "z", "", "+00:00", "-00:00"]),
        st.builds("{}{}:{}".format, st.sampled_from("+-"), _two(25), _two(60)),
    ),
)
"""RFC 3339-like texts, most well formed, many not: impossible days, hours, minutes,
seconds (a leap second) and offsets, lower-case ``t`` and ``z``, no zone, long fractions."""


def _read(text: str) -> Any:
    """The model's reading of ``text`` as a history entry's time, or its one refusal."""
    data = {"status": "submitted", "at": text, "by": "supplier"}
    try:
        entry = StatusChange.model_validate(data, context=DOCUMENT_CONTEXT)
    except ValidationError as error:  # a document shows no error of the fast path
        return [
            (where, e["msg"])
            for e in error.errors()
            if (where := error_location(e["loc"])) is not None
        ]
    written = json.loads(entry.model_dump_json())["at"]
    return entry.at, entry.at.utcoffset(), written


def _checked(text: str) -> Any:
    try:
        value = CHECKED.validate_python(text)
    except ValidationError as error:
        return [(("at", *e["loc"]), e["msg"]) for e in error.errors()]
    return value, value.utcoffset(), json.loads(CHECKED.dump_json(value))


@given(timestamps)
@settings(max_examples=500)
@example("2026-10-06T09:15:00+02:00")
@example("2026-10-06T09:15:00.5Z")
@example("2026-02-29T10:00:00Z")  # no such day in 2026
@example("2028-02-29T10:00:00Z")
@example("2026-03-01T24:00:00Z")
@example("2026-06-30T23:59:60Z")
@example("2026-03-01T10:00:00+24:00")
@example("2026-03-01T10:00:00+00:60")  # the C parser would read it as +01:00
@example("2026-03-01T10:00:00.1234567+01:00")
def test_a_timestamp_reads_as_the_checked_path_reads_it(text: str) -> None:
    assert _read(text) == _checked(text)


def test_the_common_form_takes_the_fast_path_and_its_offset_compares_in_c() -> None:
    """Read by the C parser, the offset is a ``datetime.timezone`` (pydantic's own
    ``TzInfo`` makes every comparison of two times a call back into Python)."""
    at = _read("2026-10-06T09:15:00+02:00")[0]
    assert type(at.tzinfo) is dt.timezone
    assert at == dt.datetime(2026, 10, 6, 7, 15, tzinfo=dt.UTC)
    slow = _read("2026-10-06t09:15:00+02:00")[0]  # lower case: the checked path
    assert type(slow.tzinfo) is not dt.timezone
    assert slow == at
