"""Evidence: a delivered quantity against a commitment, with proof and its verification.

No personal data: people appear only as pseudonymous references chosen by the supplier
(``subjects``). There are no fields for names, BSN (citizen service numbers) or birth
dates, and the semantic rules flag a reference that looks like a BSN.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.codes import VerificationStatus
from sroi_core.model.indicator import EvidenceTypeCode
from sroi_core.model.types import (
    Area,
    DecimalString,
    Identifier,
    IsoDate,
    IsoDateTime,
    LocalizedText,
    Quantity,
    SharedPeriod,
    StrictInt,
)
from sroi_core.model.versions import since

PseudonymousRef = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{3,63}$")]
"""A supplier-chosen pseudonym for a person or household; never a name or a BSN."""

Actor = Literal["supplier", "buyer"]


class EvidenceDocument(SroiModel):
    """A piece of proof held by the supplier or the buyer, referenced, not embedded."""

    type: EvidenceTypeCode
    reference: str = Field(min_length=1, max_length=500)
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    issued_by: str | None = Field(default=None, min_length=1)
    date: IsoDate | None = None


class ScaleResult(SroiModel):
    """Scale scores before and after, for an indicator valued as mean change (2.0).

    Intention to treat: ``baseline_n`` counts everyone who started, drop-outs included;
    the valued quantity is baseline n x (follow-up mean - baseline mean - comparison
    change), never below 0. ``comparison_change`` is the mean change of a comparison group
    over the same period (deadweight, and a correction for regression to the mean).
    """

    baseline_n: Annotated[StrictInt, Field(ge=1)]
    follow_up_n: Annotated[StrictInt, Field(ge=0)]
    baseline_mean: DecimalString
    follow_up_mean: DecimalString
    comparison_change: DecimalString | None = None


class StatusChange(SroiModel):
    """One step in an evidence item's history (append-only)."""

    status: VerificationStatus
    at: IsoDateTime
    by: Actor
    reason: str | None = Field(default=None, min_length=1)


class Evidence(SroiModel):
    """A delivered quantity for one commitment, its proof and its verification status.

    A corrected item is a new item whose ``replaces`` names the item it corrects; the
    old item stays in the report with its history, so nothing reported is lost.
    """

    id: Identifier
    commitment: Identifier
    indicator: Identifier
    replaces: Identifier | None = None
    quantity: Quantity
    period: SharedPeriod
    areas: tuple[Area, ...] = Field(default=(), max_length=1000)
    subjects: tuple[PseudonymousRef, ...] = Field(default=(), max_length=100000)
    documents: tuple[EvidenceDocument, ...] = ()
    status: VerificationStatus = VerificationStatus.SUBMITTED
    history: tuple[StatusChange, ...] = ()
    note: LocalizedText | None = None
    scale_result: ScaleResult | None = Field(
        default=None,
        description="Scale scores before and after, for an indicator valued as mean change "
        "(standard 2.0).",
        json_schema_extra=since("2.0"),
    )
