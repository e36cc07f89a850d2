"""The contract context: one reading of a contract's documents that every part shares."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import sroi_core.valuation.document as valuation_document
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.contract import (
    ContractContext,
    commitment_at,
    commitment_index,
    reference_mismatches,
)
from sroi_core.documents import load_document
from sroi_core.model import Bid, Catalogue, EvidenceReport, Tender
from sroi_core.model.types import DocumentRef
from sroi_core.report import build_report

PILOT = Path(__file__).resolve().parents[1] / "examples" / "pilot"


def _pilot() -> tuple[Tender, Bid, Catalogue, list[tuple[EvidenceReport, str]]]:
    tender = load_document(PILOT / "tender.json")
    bid = load_document(PILOT / "bid-a.json")
    assert isinstance(tender, Tender)
    assert isinstance(bid, Bid)
    reports = []
    for name in ("evidence-2027-h1.json", "evidence-2027-h2.json"):
        report = load_document(PILOT / name)
        assert isinstance(report, EvidenceReport)
        reports.append((report, name))
    return tender, bid, CatalogueStore().get(tender.catalogue), reports


def test_lookups_and_file_names() -> None:
    tender, bid, catalogue, reports = _pilot()
    context = ContractContext.build(tender, catalogue, [bid], reports, {tender.id: "t.json"})
    assert context.tender_source == "t.json"
    assert context.bid_source(bid) == f"<bid {bid.id}>"
    assert context.asked == frozenset(t.indicator for t in tender.indicators)
    assert context.currency == "EUR"
    assert [name for _, name in context.reports] == ["evidence-2027-h1.json",
                                                      "evidence-2027-h2.json"]
    assert context.valuation(bid) is context.valuation(bid)
    assert context.checks(bid) is context.checks(bid)
    assert context.checks(bid, with_reports=True) != context.checks(bid)


def test_report_values_the_bid_once(monkeypatch: pytest.MonkeyPatch) -> None:
    tender, bid, catalogue, reports = _pilot()
    subjects: list[str] = []
    original = valuation_document.value_document

    def counting(subject: Bid | EvidenceReport, *args: object, **kwargs: object) -> object:
        subjects.append(subject.id)
        return original(subject, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(valuation_document, "value_document", counting)
    for name in ("sroi_core.monitoring", "sroi_core.scoring", "sroi_core.report.data"):
        if hasattr(importlib.import_module(name), "value_document"):  # a name imported
            monkeypatch.setattr(f"{name}.value_document", counting)
    build_report(tender, bid, catalogue, reports)
    # before the shared context the report, the monitoring and the scoring each valued it
    # (3 times); now the context values it once, and the evidence valuation compares the
    # delivered items with the bid's valuation of its own (valuation/document.py)
    assert subjects.count(bid.id) <= 2
    assert subjects.count(bid.id) + 1 == len(subjects)  # and the evidence once


def test_reference_mismatches_use_document_ref_matching() -> None:
    tender, bid, catalogue, reports = _pilot()
    assert reference_mismatches(bid, catalogue=catalogue, tender=tender) == []
    other = bid.model_copy(
        update={
            "tender": DocumentRef(id="another-tender"),
            "catalogue": DocumentRef(id=catalogue.id, version="1999.1"),
        }
    )
    found = reference_mismatches(other, catalogue=catalogue, tender=tender)
    assert [(m.field, m.expected, m.actual) for m in found] == [
        ("catalogue", f"{catalogue.id} 1999.1", f"{catalogue.id} {catalogue.version}"),
        ("tender", "another-tender", tender.id),
    ]
    unversioned = bid.model_copy(update={"catalogue": DocumentRef(id=catalogue.id)})
    assert reference_mismatches(unversioned, catalogue=catalogue) == []
    report = reports[0][0]
    wrong_bid = bid.model_copy(update={"id": "someone-else"})
    found = reference_mismatches(report, bid=wrong_bid)
    assert [(m.field, m.kind) for m in found] == [("bid", "bid")]
    finding = found[0].finding("r.json")
    assert (finding.rule_id, finding.pointer, finding.source) == (
        "quality.document-mismatch", "/bid", "r.json"
    )


def test_commitment_lookups() -> None:
    _, bid, _, _ = _pilot()
    first = bid.commitments[0]
    twice = bid.model_copy(
        update={"commitments": (*bid.commitments, first.model_copy(update={"notes": None}))}
    )
    assert commitment_index(twice)[first.id] is twice.commitments[0]
    assert commitment_at("/commitments/1/quantity", bid) == 1
    assert commitment_at("/commitments/99/quantity", bid) is None
    assert commitment_at("/commitments", bid) is None
    assert commitment_at("/supplier/name", bid) is None
    assert commitment_at("", bid) is None
