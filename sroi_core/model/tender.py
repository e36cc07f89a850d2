"""Tender: a buyer's social-value requirement, published with the procurement."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.award_rules import AwardRules
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.document import Document
from sroi_core.model.indicator import VerificationLevelCode
from sroi_core.model.materiality import StakeholderInvolvement
from sroi_core.model.theme import ThemeCode
from sroi_core.model.types import (
    Area,
    DocumentRef,
    Fraction,
    Identifier,
    LocalizedText,
    Money,
    Organisation,
    Period,
    Quantity,
    StrictInt,
)
from sroi_core.model.versions import since, until


class TenderIndicator(SroiModel):
    """An indicator the buyer asks bids to commit to, with an optional target."""

    indicator: Identifier
    target: Quantity | None = None
    weight: Fraction | None = None


class ThemePriority(SroiModel):
    """How much a theme counts in the award (local priorities)."""

    theme: ThemeCode
    weight: Fraction


class ScoringRules(SroiModel):
    """How social value is scored and weighed against price and other quality.

    ``method``: ``relative`` (points relative to the best bid), ``absolute`` (points
    against the buyer's targets) or ``mixed`` (quantitative value plus a qualitative
    delivery-plan score, split by ``qualitative_share``).
    """

    method: Literal["relative", "absolute", "mixed"]
    social_value_weight: Fraction
    price_weight: Fraction
    other_quality_weight: Fraction = Decimal(0)
    qualitative_share: Fraction | None = None
    max_points: StrictInt = Field(default=100, ge=1, le=10000)


class EvidenceRules(SroiModel):
    """What the buyer accepts as proof and how often results are reported."""

    minimum_verification: VerificationLevelCode
    reporting: Literal["quarterly", "half-yearly", "yearly", "at-end"] = "yearly"
    self_declaration_accepted: bool = False


class Tender(Document):
    """A tender's social-value requirement."""

    document_type: Literal["tender"] = "tender"
    title: LocalizedText
    buyer: Organisation
    ocid: str | None = Field(default=None, pattern=r"^ocds-[a-z0-9]{6}-\S+$")
    procurement_reference: str | None = Field(default=None, min_length=1)
    catalogue: DocumentRef
    contract_value: Money
    period: Period
    areas: tuple[Area, ...] = Field(min_length=1)
    indicators: tuple[TenderIndicator, ...] = Field(min_length=1)
    theme_priorities: tuple[ThemePriority, ...] = ()
    outcomes_only: bool = True
    minimum_social_value: Money | None = None
    minimum_social_value_share: Fraction | None = None
    scoring: ScoringRules | None = Field(default=None, json_schema_extra=until("1.0"))
    evidence_rules: EvidenceRules
    conventions: ValuationConventions | None = None
    award: AwardRules | None = Field(default=None, json_schema_extra=since("2.0", required=True))
    stakeholder_involvement: StakeholderInvolvement | None = Field(
        default=None, json_schema_extra=since("2.0")
    )
