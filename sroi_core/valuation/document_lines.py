"""What a valuation reads of each line of a document, read once per document.

Valuing a bid or an evidence report reads a few fields of every commitment or item: its
id, indicator and quantity, what it claims and (2.0) its period's start; of an item also
the status its history supports. That is a pass over every line's objects, scattered in
memory (for a report, over every history entry too): on a document of 100,000 lines, as
much as the rest of the valuation. Documents are frozen, so the lines are read once and
kept while the document lives: a bid valued again, or beside each of its evidence reports,
is not read again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from sroi_core._document_memo import DocumentMemo
from sroi_core.model.bid import Bid
from sroi_core.model.codes import FulfilmentMode, VerificationStatus
from sroi_core.model.commitment import AdjustmentClaim
from sroi_core.model.evidence import ScaleResult
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.versions import version_key
from sroi_core.verification import history_status


@dataclass(frozen=True, eq=False)
class BidLines:
    """What valuing a bid reads of each commitment, as columns in document order."""

    ids: Sequence[str]
    indicator: Sequence[str]
    value: Sequence[Decimal]
    """The quantity's value, in the quantity's ``unit``."""
    unit: Sequence[str]
    claimed: Sequence[int]
    """The claimed duration in years."""
    claim: Sequence[AdjustmentClaim | None]
    fulfilment: Sequence[FulfilmentMode]
    start: Sequence[dt.date] | None
    """The start of each line's period (2.0); None for a 1.0 bid, whose valuation has none."""


@dataclass(frozen=True, eq=False)
class ItemLines:
    """What valuing an evidence report reads of each item, as columns in document order."""

    ids: Sequence[str]
    commitment: Sequence[str]
    indicator: Sequence[str]
    value: Sequence[Decimal]
    unit: Sequence[str]
    status: Sequence[VerificationStatus]
    """The status the item's history supports (never its ``status`` field)."""
    start: Sequence[dt.date] | None
    """As :attr:`BidLines.start`."""
    scale_result: Sequence[ScaleResult | None] | None
    """Each item's scale result (2.0); None for a 1.0 report."""


Lines = BidLines | ItemLines


def _later(standard_version: str) -> bool:
    """Whether lines of this version carry period starts (and, for items, scale results)."""
    return version_key(standard_version) >= (2, 0)


def _columns(records: Sequence[Any], fields: attrgetter[Any], width: int) -> list[Sequence[Any]]:
    """The ``width`` attributes ``fields`` reads, of every record, as columns: one pass."""
    if not records:
        return [() for _ in range(width)]
    return list(zip(*map(fields, records), strict=True))


_COMMITMENT_FIELDS = (
    "id",
    "indicator",
    "quantity.value",
    "quantity.unit",
    "duration_years",
    "adjustments",
    "fulfilment",
)
_COMMITMENT = attrgetter(*_COMMITMENT_FIELDS)
_COMMITMENT_START = attrgetter(*_COMMITMENT_FIELDS, "period.start")
_ITEM_FIELDS = ("id", "commitment", "indicator", "quantity.value", "quantity.unit", "history")
_ITEM = attrgetter(*_ITEM_FIELDS)
_ITEM_2_0 = attrgetter(*_ITEM_FIELDS, "period.start", "scale_result")
"""What a line needs of its object, read in one pass: reading 100,000 scattered objects
costs per object, so each is read once (period starts and scale results only where the
version values them)."""


def _model_bid_lines(bid: Bid) -> BidLines:
    later = _later(bid.standard_version)
    getter = _COMMITMENT_START if later else _COMMITMENT
    ids, indicator, value, unit, claimed, claim, fulfilment, *start = _columns(
        bid.commitments, getter, 8 if later else 7
    )
    return BidLines(
        ids=ids,
        indicator=indicator,
        value=value,
        unit=unit,
        claimed=claimed,
        claim=claim,
        fulfilment=fulfilment,
        start=start[0] if later else None,
    )


def _model_item_lines(report: EvidenceReport) -> ItemLines:
    later = _later(report.standard_version)
    getter = _ITEM_2_0 if later else _ITEM
    ids, commitment, indicator, value, unit, history, *more = _columns(
        report.items, getter, 8 if later else 6
    )
    return ItemLines(
        ids=ids,
        commitment=commitment,
        indicator=indicator,
        value=value,
        unit=unit,
        status=tuple(map(history_status, history)),  # never a status edited by hand
        start=more[0] if later else None,
        scale_result=more[1] if later else None,
    )


def model_lines(document: Bid | EvidenceReport) -> Lines:
    """The lines of ``document``, read from its model (each time: see :func:`bid_lines`)."""
    if isinstance(document, Bid):
        return _model_bid_lines(document)
    return _model_item_lines(document)


_BID_LINES: DocumentMemo[BidLines] = DocumentMemo(_model_bid_lines)
_ITEM_LINES: DocumentMemo[ItemLines] = DocumentMemo(_model_item_lines)
"""Each valued document's lines, read on first use and kept while the document lives."""


def bid_lines(bid: Bid) -> BidLines:
    """The lines of ``bid``, read from its model once (kept while it lives)."""
    return _BID_LINES(bid)


def item_lines(report: EvidenceReport) -> ItemLines:
    """The lines of ``report``, read from its model once (kept while it lives)."""
    return _ITEM_LINES(report)
