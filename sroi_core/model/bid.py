"""Bid: a supplier's commitments in answer to a tender."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sroi_core.model.commitment import Commitment
from sroi_core.model.document import ProcurementLinked
from sroi_core.model.types import DocumentRef, IsoDate, LocalizedText, Money, Organisation
from sroi_core.model.versions import since, until


class Bid(ProcurementLinked):
    """A bid's social-value part.

    1.0: ``investment`` is the denominator of its SROI ratio (by default the tender's
    contract value). 2.0: ``incremental_cost`` is the declared incremental cost of
    delivering the social value, in valuation-year prices; the only denominator of an SROI
    ratio (without it a valuation reports value per contract euro, never a ratio).
    """

    document_type: Literal["bid"] = "bid"
    tender: DocumentRef
    catalogue: DocumentRef
    supplier: Organisation
    submitted: IsoDate
    bid_price: Money | None = None
    investment: Money | None = Field(default=None, json_schema_extra=until("1.0"))
    incremental_cost: Money | None = Field(
        default=None,
        description="The declared incremental cost of delivering the social value, in "
        "valuation-year prices (standard 2.0): the denominator of the SROI ratio.",
        json_schema_extra=since("2.0"),
    )
    delivery_plan: LocalizedText | None = None
    commitments: tuple[Commitment, ...] = Field(default=(), max_length=1_000_000)
