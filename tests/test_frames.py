"""DataFrames of results (the [analysis] extra): exact figures, one row per line and value."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import load_document
from sroi_core.errors import SroiError
from sroi_core.model import Bid, Tender
from sroi_core.model.valuation import Valuation
from sroi_core.quality import run_checks
from sroi_core.valuation.document import value_document

pd = pytest.importorskip("pandas")
from sroi_core import frames  # noqa: E402 - after the skip

PILOT = Path(__file__).resolve().parents[1] / "examples" / "pilot"


@pytest.fixture(scope="module")
def valuation() -> Valuation:
    bid = load_document(PILOT / "bid-c.json")
    tender = load_document(PILOT / "tender.json")
    assert isinstance(bid, Bid)
    assert isinstance(tender, Tender)
    return value_document(bid, CatalogueStore().get(bid.catalogue), tender=tender)


def test_lines_frame_sums_to_the_valuation_total_exactly(valuation: Valuation) -> None:
    frame = frames.lines_frame(valuation)
    assert len(frame) == sum(max(1, len(line.values)) for line in valuation.lines)
    assert list(dict.fromkeys(frame["lineId"])) == [line.line_id for line in valuation.lines]
    values = [v for v in frame["value.presentValue"] if isinstance(v, Decimal)]
    assert all(isinstance(v, Decimal) for v in values)
    counted = frame[frame["counted"]]
    counted_total = sum(v for v in counted["value.presentValue"] if isinstance(v, Decimal))
    assert counted_total == sum(t.present_value for t in valuation.totals.by_basis)
    assert frame.loc[frame["lineId"] == "c-07", "status"].iloc[0] == "payment-in-lieu"


def test_totals_frame_has_every_group(valuation: Valuation) -> None:
    frame = frames.totals_frame(valuation)
    themes = frame[frame["group"] == "byTheme"]
    assert dict(zip(themes["key"], themes["presentValue"], strict=True)) == {
        t.key: t.present_value for t in valuation.totals.by_theme
    }
    assert {"byBasis", "byIndicator", "byStatus"} <= set(frame["group"])


def test_findings_frame() -> None:
    bid = load_document(PILOT / "bid-c.json")
    tender = load_document(PILOT / "tender.json")
    assert isinstance(bid, Bid)
    assert isinstance(tender, Tender)
    findings = run_checks([(bid, "bid-c.json")], CatalogueStore().get(bid.catalogue),
                          tender=tender)
    frame = frames.findings_frame(findings)
    assert len(frame) == len(findings)
    assert set(frame["ruleId"]) == {f.rule_id for f in findings}
    assert frame["messageNl"].str.len().min() > 0
    assert list(frames.findings_frame([]).columns) == [
        "ruleId", "severity", "file", "pointer", "message", "messageNl"]


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                                  valuation: Valuation) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(SroiError, match=r"sroi-core\[analysis\]"):
        frames.lines_frame(valuation)
