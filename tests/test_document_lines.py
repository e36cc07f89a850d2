"""What a valuation reads of each line, read once per document; equal periods read as one.

``valuation.document_lines`` reads the fields of every commitment or evidence item a
valuation needs, once per document (kept while it lives). These tests check the lines
against the model field by field, the status against the verification rule, that the
lines are read once and let go with their document, and that a valuation of a bid beside
its report reads the bid once. ``model.types.SharedPeriod`` reads equal periods of a
document's lines as one object: equal, written alike, still refused when reversed.
"""

from __future__ import annotations

import copy
import datetime as dt
import gc
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sroi_core.documents import dump_document, load_document, parse_document
from sroi_core.model import types
from sroi_core.model.bid import Bid
from sroi_core.model.commitment import Commitment
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.types import Period
from sroi_core.valuation import document_lines as lines_module
from sroi_core.valuation.document import value_document
from sroi_core.valuation.document_lines import (
    BidLines,
    ItemLines,
    bid_lines,
    item_lines,
    model_lines,
)
from sroi_core.verification import effective_status

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SUBJECTS = ["bid.json", "evidence-report.json", "2.0/bid.json", "2.0/evidence-report.json"]


def _load(name: str) -> Bid | EvidenceReport:
    document = load_document(EXAMPLES / name)
    assert isinstance(document, Bid | EvidenceReport)
    return document


def _bid() -> Bid:
    document = load_document(EXAMPLES / "bid.json")
    assert isinstance(document, Bid)
    return document


@pytest.mark.parametrize("name", SUBJECTS)
def test_the_lines_are_the_models_fields(name: str) -> None:
    """Each column holds, line by line in document order, what the model holds."""
    document = _load(name)
    lines = bid_lines(document) if isinstance(document, Bid) else item_lines(document)
    later = document.standard_version.startswith("2.")
    if isinstance(document, Bid):
        assert isinstance(lines, BidLines)
        commitments = document.commitments
        assert list(lines.ids) == [c.id for c in commitments]
        assert list(lines.indicator) == [c.indicator for c in commitments]
        assert [str(v) for v in lines.value] == [str(c.quantity.value) for c in commitments]
        assert list(lines.unit) == [c.quantity.unit for c in commitments]
        assert list(lines.claimed) == [c.duration_years for c in commitments]
        assert all(a is c.adjustments for a, c in zip(lines.claim, commitments, strict=True))
        assert list(lines.fulfilment) == [c.fulfilment for c in commitments]
        expected_start = [c.period.start for c in commitments] if later else None
        assert (list(lines.start) if lines.start is not None else None) == expected_start
    else:
        assert isinstance(lines, ItemLines)
        items = document.items
        assert list(lines.ids) == [i.id for i in items]
        assert list(lines.commitment) == [i.commitment for i in items]
        assert [str(v) for v in lines.value] == [str(i.quantity.value) for i in items]
        assert list(lines.status) == [effective_status(i) for i in items]
        if later:
            assert lines.start is not None
            assert lines.scale_result is not None
            assert list(lines.start) == [i.period.start for i in items]
            assert all(
                s is i.scale_result for s, i in zip(lines.scale_result, items, strict=True)
            )
        else:
            assert lines.start is None
            assert lines.scale_result is None


def test_a_status_comes_from_the_history_never_from_the_field() -> None:
    """An item whose field says verified, with a history that does not, is not verified."""
    data = json.loads((EXAMPLES / "evidence-report.json").read_text(encoding="utf-8"))
    first = data["items"][0]
    first["history"] = first["history"][:1]  # submitted only
    first["status"] = "verified"
    report = parse_document(json.dumps(data))
    assert isinstance(report, EvidenceReport)
    assert item_lines(report).status[0].value == "submitted"


def test_the_lines_are_read_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second valuation of a document, and a report valued beside its bid, read no line again."""
    report = _load("evidence-report.json")
    bid = _load("bid.json")
    catalogue = load_document(EXAMPLES / "catalogue.illustrative.json")
    tender = load_document(EXAMPLES / "tender.json")
    first = value_document(bid, catalogue, tender=tender)  # type: ignore[arg-type]
    value_document(report, catalogue, tender=tender, bid=bid)  # type: ignore[arg-type]
    read: list[Any] = []

    def counting(document: Any) -> Any:
        read.append(document)
        return model_lines(document)

    for memo in (lines_module._BID_LINES, lines_module._ITEM_LINES):
        monkeypatch.setattr(memo, "_compute", counting)
    again = value_document(bid, catalogue, tender=tender)  # type: ignore[arg-type]
    value_document(report, catalogue, tender=tender, bid=bid)  # type: ignore[arg-type]
    assert read == []
    assert dump_document(again) == dump_document(first)
    fresh = _load("bid.json")
    assert dump_document(value_document(fresh, catalogue, tender=tender)) == dump_document(first)  # type: ignore[arg-type]
    assert read == [fresh]


def test_the_lines_leave_with_their_document() -> None:
    """Nothing is held for a document once it is gone."""
    document = _bid()
    bid_lines(document)
    key = id(document)
    assert key in lines_module._BID_LINES._held
    del document
    gc.collect()
    assert key not in lines_module._BID_LINES._held


def _bid_with_periods(periods: list[tuple[str, str]]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "bid.json").read_text(encoding="utf-8"))
    template = data["commitments"][0]
    data["commitments"] = [
        {**copy.deepcopy(template), "id": f"c-{n}", "period": {"start": start, "end": end}}
        for n, (start, end) in enumerate(periods)
    ]
    return data


def test_equal_periods_of_a_documents_lines_are_one_object() -> None:
    """Read from a file, lines with equal periods share one; the file is written back alike."""
    periods = [("2026-01-01", "2026-12-31"), ("2027-01-01", "2027-12-31")] * 3
    data = _bid_with_periods(periods)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    bid = parse_document(text)
    assert isinstance(bid, Bid)
    objects = [c.period for c in bid.commitments]
    assert objects[0] is objects[2] is objects[4]
    assert objects[1] is objects[3] is objects[5]
    assert objects[0] is not objects[1]
    assert [(p.start.isoformat(), p.end.isoformat()) for p in objects] == periods
    assert json.loads(dump_document(bid)) == data


def test_a_reversed_period_is_refused_before_it_is_shared() -> None:
    """The period's own rule runs first: a reversed one is never kept nor given out."""
    with pytest.raises(ValidationError, match="period starts on"):
        Period(start=dt.date(2026, 2, 1), end=dt.date(2026, 1, 1))
    template = _bid().commitments[0].model_dump(by_alias=True)
    with pytest.raises(ValidationError, match="period starts on"):
        Commitment.model_validate(
            {**template, "period": {"start": "2026-02-01", "end": "2026-01-01"}}
        )
    assert (dt.date(2026, 2, 1), dt.date(2026, 1, 1)) not in types._PERIODS


def test_a_line_built_in_python_shares_its_period_too() -> None:
    """``Commitment(...)`` takes an equal period already read: equal, frozen, written alike."""
    first = _bid().commitments[0]
    own = Period(start=first.period.start, end=first.period.end)
    built = first.model_copy()
    rebuilt = Commitment.model_validate({**dict(built), "period": own})
    assert rebuilt.period == own
    assert rebuilt.period is first.period
    assert rebuilt.model_dump_json() == first.model_dump_json()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 40)).map(sorted),
        min_size=1,
        max_size=30,
    )
)
def test_shared_periods_are_the_periods_read(offsets: list[list[int]]) -> None:
    """Whatever periods a document's lines give, each reads back as written (property)."""
    base = dt.date(2026, 1, 1)
    periods = [
        ((base + dt.timedelta(days=a)).isoformat(), (base + dt.timedelta(days=b)).isoformat())
        for a, b in offsets
    ]
    bid = parse_document(json.dumps(_bid_with_periods(periods)))
    assert isinstance(bid, Bid)
    read = [(c.period.start.isoformat(), c.period.end.isoformat()) for c in bid.commitments]
    assert read == periods
    distinct = {id(c.period) for c in bid.commitments}
    assert len(distinct) == len(set(periods))


def test_the_shared_periods_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader of document after document holds at most the bound."""
    monkeypatch.setattr(types, "_PERIODS", {})
    monkeypatch.setattr(types, "_PERIODS_HELD", 5)
    base = dt.date(2026, 1, 1)
    for n in range(12):
        day = base + dt.timedelta(days=n)
        types._shared_period(Period(start=day, end=day))
        assert len(types._PERIODS) <= 5


def test_quantities_are_read_exactly() -> None:
    """A line's quantity keeps its text (1.50 stays 1.50): the lines hold the model's decimals."""
    data = _bid_with_periods([("2026-01-01", "2026-12-31")] * 2)
    data["commitments"][0]["quantity"]["value"] = "1.50"
    data["commitments"][1]["quantity"]["value"] = "1.5"
    bid = parse_document(json.dumps(data))
    assert isinstance(bid, Bid)
    values = bid_lines(bid).value
    assert [str(v) for v in values] == ["1.50", "1.5"]
    assert values[0] == Decimal("1.5")
