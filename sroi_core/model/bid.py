"""Bid: a supplier's commitments in answer to a tender."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sroi_core.model.commitment import Commitment
from sroi_core.model.document import ProcurementLinked
from sroi_core.model.types import DocumentRef, IsoDate, LocalizedText, Money, Organisation


class Bid(ProcurementLinked):
    """A bid's social-value part.

    ``investment`` is the denominator of its SROI ratio (by default the tender's contract
    value).
    """

    document_type: Literal["bid"] = "bid"
    tender: DocumentRef
    catalogue: DocumentRef
    supplier: Organisation
    submitted: IsoDate
    bid_price: Money | None = None
    investment: Money | None = None
    delivery_plan: LocalizedText | None = None
    commitments: tuple[Commitment, ...] = Field(default=(), max_length=1_000_000)
