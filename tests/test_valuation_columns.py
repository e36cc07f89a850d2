"""The columnar document valuation equals the per-object path, to the cent and the byte.

``object_path_valuation`` is the previous implementation of
``sroi_core/valuation/document.py`` (a ``_Line`` and ``_Row`` object per line, the
valuation's lines built eagerly as pydantic objects), kept here only as the reference the
columnar path is checked against: every example and pilot document, and generated bids and
evidence reports of standard 1.0 and 2.0, must give the same valuation (model equality), the
same ``dump_document`` bytes, and round-trip through JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import object_path_valuation as reference
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import to_json
from test_valuation_document import cases, reports

from sroi_core import conformance
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.documents import dump_document, load_document, parse_document
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.evidence import ScaleResult
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender
from sroi_core.model.types import Money, Period
from sroi_core.model.valuation import Valuation, ValuationLine
from sroi_core.valuation.columns import ValuationLines, _text
from sroi_core.valuation.document import LineTooLargeError, value_document
from sroi_core.valuation.render import render_csv, render_markdown, render_table

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pydantic_text(valuation: Valuation) -> str:
    dumped = valuation.model_dump_json(
        indent=2, by_alias=True, exclude_unset=True, exclude_none=True
    )
    return dumped + "\n"


def assert_same_valuation(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    tender: Tender | None = None,
    bid: Bid | None = None,
) -> Valuation:
    """Value with both paths and check every way the two results could differ."""
    new = value_document(subject, catalogue, tender=tender, bid=bid)
    old = reference.value_document(subject, catalogue, tender=tender, bid=bid)
    assert isinstance(new.lines, ValuationLines)
    assert isinstance(old.lines, tuple)
    text = dump_document(new)
    assert text == _pydantic_text(old)  # the writer from the columns: the same bytes
    assert _pydantic_text(new) == text  # pydantic through the Sequence: the same bytes
    assert new == old
    assert new.lines == old.lines
    assert tuple(new.lines) == old.lines
    assert len(new.lines) == len(old.lines)
    assert new.model_dump() == old.model_dump()
    loaded = Valuation.model_validate_json(text)
    assert isinstance(loaded.lines, tuple)
    assert loaded == new
    assert dump_document(loaded) == text
    return new


# --------------------------------------------------------------- every shipped document

def _examples() -> list[tuple[str, Any, Any, Any, Any]]:
    found = []
    for folder in (ROOT / "examples", ROOT / "examples" / "2.0"):
        catalogue = load_document(folder / "catalogue.illustrative.json")
        bid = load_document(folder / "bid.json")
        tender = load_document(folder / "tender.json")
        report = load_document(folder / "evidence-report.json")
        name = folder.name
        found += [
            (f"{name}/bid", bid, catalogue, None, None),
            (f"{name}/bid+tender", bid, catalogue, tender, None),
            (f"{name}/report", report, catalogue, None, None),
            (f"{name}/report+bid", report, catalogue, None, bid),
            (f"{name}/report+bid+tender", report, catalogue, tender, bid),
        ]
    return found


EXAMPLES = _examples()


@pytest.mark.parametrize("case", EXAMPLES, ids=[case[0] for case in EXAMPLES])
def test_examples_equal_the_object_path(case: tuple[str, Any, Any, Any, Any]) -> None:
    _, subject, catalogue, tender, bid = case
    assert_same_valuation(subject, catalogue, tender, bid)


def test_the_committed_example_valuation_is_written_byte_for_byte() -> None:
    catalogue = load_document(ROOT / "examples" / "catalogue.illustrative.json")
    bid = load_document(ROOT / "examples" / "bid.json")
    tender = load_document(ROOT / "examples" / "tender.json")
    valuation = value_document(bid, catalogue, tender=tender)
    expected = (ROOT / "examples" / "valuation.json").read_text(encoding="utf-8")
    assert dump_document(valuation) == expected


def _pilot_bids() -> list[tuple[str, Path, Path]]:
    found = []
    for folder in (ROOT / "examples" / "pilot", ROOT / "examples" / "2.0" / "pilot"):
        for path in sorted(folder.glob("bid-*.json")):
            found.append((f"{folder.parent.name}/{folder.name}/{path.name}", path, folder))
    return found


PILOT = _pilot_bids()


@pytest.mark.parametrize("case", PILOT, ids=[case[0] for case in PILOT])
def test_pilot_bids_equal_the_object_path(case: tuple[str, Path, Path]) -> None:
    _, path, folder = case
    bid = load_document(path)
    tender = load_document(folder / "tender.json")
    assert isinstance(bid, Bid)
    catalogue = CatalogueStore().for_document(bid)
    assert_same_valuation(bid, catalogue, tender)


def _conformance_vectors() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for kind in ("document", "document-error"):
        for path in sorted((ROOT / "tests" / "conformance" / kind).glob("*.json")):
            vector = json.loads(path.read_text(encoding="utf-8"))
            found.append((f"{kind}/{path.stem}", vector))
    return found


CONFORMANCE = _conformance_vectors()


@pytest.mark.parametrize("case", CONFORMANCE, ids=[case[0] for case in CONFORMANCE])
def test_conformance_documents_equal_the_object_path(case: tuple[str, dict[str, Any]]) -> None:
    _, vector = case
    parsed, errors = conformance._documents(vector)
    if errors or "subject" not in parsed or "catalogue" not in parsed:
        pytest.skip("invalid documents: nothing to value")
    subject, catalogue = parsed["subject"], parsed["catalogue"]
    tender, bid = parsed.get("tender"), parsed.get("bid")
    refusal: Exception | None = None
    try:
        expected = reference.value_document(subject, catalogue, tender=tender, bid=bid)
    except Exception as error:
        refusal = error
    if refusal is not None:
        with pytest.raises(Exception) as raised:  # noqa: PT011 - compared below
            value_document(subject, catalogue, tender=tender, bid=bid)
        assert type(raised.value).__name__ == type(refusal).__name__
        assert str(raised.value) == str(refusal)
        return
    assert expected == assert_same_valuation(subject, catalogue, tender, bid)


def test_the_cli_writes_the_same_bytes_in_every_format(tmp_path: Path) -> None:
    folder = ROOT / "examples" / "2.0"
    bid = load_document(folder / "bid.json")
    tender = load_document(folder / "tender.json")
    catalogue = load_document(folder / "catalogue.illustrative.json")
    old = reference.value_document(bid, catalogue, tender=tender)
    for language in ("en", "nl"):
        for render in (render_table, render_markdown):
            new = value_document(bid, catalogue, tender=tender)
            assert render(new, language) == render(old, language)
    assert render_csv(value_document(bid, catalogue, tender=tender)) == render_csv(old)
    out = tmp_path / "valuation.json"
    code = main(
        ["value", str(folder / "bid.json"), "--tender", str(folder / "tender.json"),
         "--catalogue", str(folder / "catalogue.illustrative.json"), "--format", "json",
         "-o", str(out)]
    )
    assert code == 0
    assert out.read_text(encoding="utf-8") == _pydantic_text(old)


# ------------------------------------------------------------------ the Sequence interface

def test_the_lines_are_a_read_only_sequence_of_valuation_lines() -> None:
    _, bid, catalogue, tender, _ = EXAMPLES[1]
    valuation = value_document(bid, catalogue, tender=tender)
    old = reference.value_document(bid, catalogue, tender=tender)
    lines = valuation.lines
    assert isinstance(lines, ValuationLines)
    assert len(lines) == len(old.lines) > 2
    assert lines[0] == old.lines[0]
    assert lines[-1] == old.lines[-1]
    assert lines[1:3] == old.lines[1:3]
    assert isinstance(lines[1:3], tuple)
    assert all(isinstance(line, ValuationLine) for line in lines)
    assert list(lines) == list(old.lines)
    assert all(a is b for a, b in zip(lines, lines, strict=True))  # built once, as a tuple's
    assert lines.index(old.lines[1]) == 1
    assert old.lines[2] in lines
    assert hash(lines) == hash(old.lines)
    assert lines != old.lines[:-1]
    with pytest.raises(IndexError):
        lines[len(old.lines)]
    with pytest.raises(TypeError):
        lines[0] = old.lines[0]  # type: ignore[index]


def test_an_empty_bid_has_no_lines() -> None:
    _, bid, catalogue, tender, _ = EXAMPLES[1]
    empty = bid.model_copy(update={"commitments": ()})
    valuation = assert_same_valuation(empty, catalogue, tender)
    assert len(valuation.lines) == 0
    assert '"lines": []' in dump_document(valuation)


def test_a_bid_too_large_for_cents_is_refused_with_the_same_message_and_pointer() -> None:
    _, bid, catalogue, tender, _ = EXAMPLES[1]
    assert isinstance(bid, Bid)
    commitments = list(bid.commitments)
    huge = commitments[1].quantity.model_copy(update={"value": Decimal("1e30")})
    commitments[1] = commitments[1].model_copy(update={"quantity": huge})
    big = bid.model_copy(update={"commitments": tuple(commitments)})
    with pytest.raises(reference.LineTooLargeError) as old:
        reference.value_document(big, catalogue, tender=tender)
    with pytest.raises(LineTooLargeError) as new:
        value_document(big, catalogue, tender=tender)
    assert str(new.value) == str(old.value)
    assert new.value.pointer == old.value.pointer == "/commitments/1/quantity"
    assert new.value.line_id == old.value.line_id


# ----------------------------------------------------------------------- generated 1.0

@SETTINGS
@given(cases())
def test_generated_bids_equal_the_object_path(case: tuple[Catalogue, Bid, Tender | None]) -> None:
    catalogue, bid, tender = case
    assert_same_valuation(bid, catalogue, tender)


@SETTINGS
@given(st.data())
def test_generated_reports_equal_the_object_path(data: st.DataObject) -> None:
    catalogue, bid, tender = data.draw(cases())
    report = data.draw(reports(bid))
    with_bid = data.draw(st.booleans())
    assert_same_valuation(report, catalogue, tender, bid if with_bid else None)


# ----------------------------------------------------------------------- generated 2.0

V2 = "2.0"


def _as_2_0(document: Any, **changes: Any) -> Any:
    return document.model_copy(update={"standard_version": V2, **changes})


@st.composite
def cases_2_0(draw: st.DrawFn) -> tuple[Catalogue, Bid, Tender | None]:
    """Generated 1.0 cases made 2.0: periods starting in different years (offsets), an
    incremental cost, a contract value and a minimum social value, mean-change indicators."""
    catalogue, bid, tender = draw(cases())
    mean_change = draw(st.sets(st.sampled_from([i.id for i in catalogue.indicators])))
    catalogue = catalogue.model_copy(
        update={
            "indicators": tuple(
                i.model_copy(update={"valuation_method": "mean-change"})
                if i.id in mean_change
                else i
                for i in catalogue.indicators
            )
        }
    )
    commitments = []
    for commitment in bid.commitments:
        year = draw(st.integers(2025, 2030))
        start = dt.date(year, draw(st.integers(1, 12)), 1)
        period = Period(start=start, end=dt.date(year + 1, 12, 31))
        commitments.append(commitment.model_copy(update={"period": period}))
    changes: dict[str, Any] = {"commitments": tuple(commitments)}
    if draw(st.booleans()):
        amount = draw(st.decimals(min_value=0, max_value=500000, places=2))
        changes["incremental_cost"] = Money(amount=amount, currency="EUR")
    bid = _as_2_0(bid, **changes)
    if tender is not None:
        tender_changes: dict[str, Any] = {}
        if draw(st.booleans()):
            amount = draw(st.decimals(min_value=1, max_value=500000, places=2))
            tender_changes["minimum_social_value"] = Money(amount=amount, currency="EUR")
        tender = _as_2_0(tender, **tender_changes)
    return catalogue, bid, tender


@st.composite
def _scale_result(draw: st.DrawFn) -> ScaleResult:
    decimals = st.decimals(min_value=0, max_value=10, places=2).map(str)
    change = draw(st.one_of(st.none(), st.decimals(min_value=-1, max_value=1, places=2)))
    return ScaleResult(
        baseline_n=draw(st.integers(1, 200)),
        follow_up_n=draw(st.integers(0, 200)),
        baseline_mean=draw(decimals),
        follow_up_mean=draw(decimals),
        comparison_change=None if change is None else str(change),
    )


scale_results = st.one_of(st.none(), _scale_result())


@SETTINGS
@given(cases_2_0())
def test_generated_2_0_bids_equal_the_object_path(
    case: tuple[Catalogue, Bid, Tender | None],
) -> None:
    catalogue, bid, tender = case
    assert_same_valuation(bid, catalogue, tender)


@SETTINGS
@given(st.data())
def test_generated_2_0_reports_equal_the_object_path(data: st.DataObject) -> None:
    catalogue, bid, tender = data.draw(cases_2_0())
    report = data.draw(reports(bid))
    items = tuple(
        item.model_copy(update={"scale_result": data.draw(scale_results)}) for item in report.items
    )
    report = _as_2_0(report, items=items)
    with_bid = data.draw(st.booleans())
    assert_same_valuation(report, catalogue, tender, bid if with_bid else None)


def test_a_generated_2_0_document_parses_like_the_copies_used_above() -> None:
    """The 2.0 copies above stand for real 2.0 documents: the example bid as JSON, made a
    copy the same way, values the same as parsed from its own text."""
    bid = load_document(ROOT / "examples" / "2.0" / "bid.json")
    catalogue = load_document(ROOT / "examples" / "2.0" / "catalogue.illustrative.json")
    again = parse_document(dump_document(bid))
    assert isinstance(again, Bid)
    assert dump_document(value_document(again, catalogue)) == dump_document(
        value_document(_as_2_0(bid), catalogue)
    )


def test_a_credit_beyond_64_bit_cents_is_valued_like_the_object_path() -> None:
    """Credits are nominal and were never limited to int64 cents: the columns keep them."""
    vector = next(v for name, v in CONFORMANCE if name.endswith("obligation-credit-kept-apart"))
    parsed, errors = conformance._documents(vector)
    assert not errors
    bid, catalogue = parsed["subject"], parsed["catalogue"]
    commitments = list(bid.commitments)
    huge = commitments[1].quantity.model_copy(update={"value": Decimal("1e18")})
    commitments[1] = commitments[1].model_copy(update={"quantity": huge})
    big = bid.model_copy(update={"commitments": tuple(commitments)})
    valuation = assert_same_valuation(big, catalogue)
    assert valuation.totals.obligation_credit is not None
    assert valuation.totals.obligation_credit * 100 > 2**63


@SETTINGS
@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_the_writer_escapes_text_as_pydantic_does(text: str) -> None:
    assert _text(text) == to_json(text).decode()
