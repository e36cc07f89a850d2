"""EvidenceReport: what a supplier delivered in a period, item by item."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sroi_core.model.document import ProcurementLinked
from sroi_core.model.evidence import Evidence
from sroi_core.model.types import DocumentRef, Organisation, Period


class EvidenceReport(ProcurementLinked):
    """A supplier's report of delivered quantities with proof and verification status."""

    document_type: Literal["evidenceReport"] = "evidenceReport"
    tender: DocumentRef
    bid: DocumentRef
    catalogue: DocumentRef
    supplier: Organisation
    period: Period
    items: tuple[Evidence, ...] = Field(default=(), max_length=1_000_000)
