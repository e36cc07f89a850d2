"""The monitoring result as a document (type ``monitoring``, standard 2.0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.documents import dump_document, load_document, parse_document
from sroi_core.model import Bid, EvidenceReport, Monitoring, Tender
from sroi_core.monitoring import monitor_contract
from sroi_core.monitoring_document import monitoring_document

ROOT = Path(__file__).resolve().parents[1]
V2 = ROOT / "examples" / "2.0"
ARGS = [
    str(V2 / "tender.json"),
    str(V2 / "bid.json"),
    str(V2 / "evidence-report.json"),
    "--catalogue",
    str(V2 / "catalogue.illustrative.json"),
]


def test_sroi_monitor_writes_a_monitoring_document_for_a_2_0_contract(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["monitor", *ARGS, "--format", "json"]) == 0
    text = capsys.readouterr().out
    document = parse_document(text, "monitoring.json")
    assert isinstance(document, Monitoring)
    assert dump_document(document) == text
    assert json.loads(text)["documentType"] == "monitoring"


def test_the_document_carries_the_figures_of_the_result() -> None:
    store = CatalogueStore()
    catalogue = store.add_file(V2 / "catalogue.illustrative.json")
    tender, bid, report = (
        load_document(V2 / name) for name in ("tender.json", "bid.json", "evidence-report.json")
    )
    assert isinstance(tender, Tender)
    assert isinstance(bid, Bid)
    assert isinstance(report, EvidenceReport)
    result = monitor_contract(tender, bid, [(report, "evidence-report.json")], catalogue)
    document = monitoring_document(result, tender.standard_version)
    assert document.totals.outcome.verified == result.outcome.verified
    assert document.totals.outcome.committed == result.outcome.committed
    assert [r.key for r in document.by_indicator] == [r.key for r in result.by_indicator]
    assert len(document.items) == len(result.items)
