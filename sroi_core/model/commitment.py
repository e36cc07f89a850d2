"""Commitment: what a supplier promises to deliver against one indicator."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.codes import FulfilmentMode
from sroi_core.model.indicator import EvidenceTypeCode
from sroi_core.model.types import (
    Area,
    Fraction,
    Identifier,
    LocalizedText,
    Money,
    Organisation,
    Quantity,
    SharedPeriod,
    StrictInt,
)
from sroi_core.model.versions import since


class AdjustmentClaim(SroiModel):
    """A supplier's own adjustment figures, which must be justified.

    Absent figures take the catalogue's defaults. A claim lower than the default raises
    the value and is flagged by the quality checks unless the tender allows it.
    """

    deadweight: Fraction | None = None
    attribution: Fraction | None = None
    displacement: Fraction | None = None
    drop_off: Fraction | None = None
    justification: LocalizedText


class Cohort(SroiModel):
    """Who is served and how they are selected (2.0).

    ``selection``: ``open-referral`` (everyone the referrer sends), ``referrer-priority``
    (the referrer's hardest-to-help first) or ``supplier-screened`` (the supplier picks, for
    instance on readiness for work: creaming).
    """

    target_group: LocalizedText
    selection: Literal["open-referral", "referrer-priority", "supplier-screened"]
    criteria: LocalizedText | None = None


class ScheduledDelivery(SroiModel):
    """A part of the committed quantity and the period in which it is delivered (2.0)."""

    period: SharedPeriod
    quantity: Quantity


class EvidencePlanItem(SroiModel):
    """Evidence the supplier will provide and who issues it (2.0).

    ``issuer``: ``supplier`` (self-declaration), ``partner``, ``public-register`` (e.g.
    UWV, DUO, CBS) or ``independent-verifier``.
    """

    evidence_type: EvidenceTypeCode
    issuer: Literal["supplier", "partner", "public-register", "independent-verifier"]


class DeliveryRoute(SroiModel):
    """How the commitment is delivered, and by whom (2.0).

    ``partner_relation`` is what the supplier declares; the checks also compare the
    partner's identifier with the buyer's and the supplier's. Any payment into a fund is
    a buy-off, whatever the route is called.
    """

    mode: FulfilmentMode
    partner: Organisation | None = None
    partner_relation: Literal["independent", "own-group", "buyer"] | None = None
    payment_to_fund: Money | None = None


class Commitment(SroiModel):
    """A promised quantity of one indicator, in a period and an area.

    ``duration_years`` is how long the benefit is claimed to last (capped by the
    indicator's maximum); ``fulfilment`` records buy-off (afkoop) so it can be shown but
    never counted as social value.
    """

    id: Identifier
    indicator: Identifier
    quantity: Quantity
    period: SharedPeriod
    duration_years: Annotated[StrictInt, Field(ge=1, le=100)] = 1
    areas: tuple[Area, ...] = Field(default=(), max_length=1000)
    fulfilment: FulfilmentMode = FulfilmentMode.DIRECT
    partner: Organisation | None = None
    payment_in_lieu: Money | None = None
    beneficiary_group: LocalizedText | None = None
    description: LocalizedText | None = None
    adjustments: AdjustmentClaim | None = None
    cohort: Cohort | None = Field(default=None, json_schema_extra=since("2.0"))
    additionality: Literal["new-to-contract", "already-served", "mixed"] | None = Field(
        default=None, json_schema_extra=since("2.0")
    )
    delivery_schedule: tuple[ScheduledDelivery, ...] | None = Field(
        default=None, json_schema_extra=since("2.0")
    )
    evidence_plan: tuple[EvidencePlanItem, ...] | None = Field(
        default=None, json_schema_extra=since("2.0")
    )
    delivery_route: DeliveryRoute | None = Field(default=None, json_schema_extra=since("2.0"))
    contribution_share: Fraction | None = Field(default=None, json_schema_extra=since("2.0"))
