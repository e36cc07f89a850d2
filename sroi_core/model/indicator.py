"""Indicator: how an outcome (or an output) is counted, in what unit, with what evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.codes import IndicatorKind
from sroi_core.model.theme import ThemeCode
from sroi_core.model.types import (
    Fraction,
    Identifier,
    LocalizedText,
    StrictInt,
    UnitCode,
    code_type,
)
from sroi_core.model.versions import since

if TYPE_CHECKING:
    EvidenceTypeCode = str
    VerificationLevelCode = str
else:
    EvidenceTypeCode = code_type("evidenceType")
    VerificationLevelCode = code_type("verificationLevel")


class AdjustmentDefaults(SroiModel):
    """The catalogue's default adjustments and the reasoning behind them.

    Defaults belong to the catalogue, not to the bidder: a bid that claims a lower
    deadweight than the catalogue must say why, and the quality checks flag it.
    """

    deadweight: Fraction
    attribution: Fraction
    displacement: Fraction
    drop_off: Fraction
    max_duration_years: Annotated[StrictInt, Field(ge=1, le=100)]
    rationale: LocalizedText


class Indicator(SroiModel):
    """A precisely defined measure of an outcome (or, marked as such, of an output)."""

    id: Identifier
    outcome: Identifier
    theme: ThemeCode
    kind: IndicatorKind
    label: LocalizedText
    definition: LocalizedText
    unit: UnitCode
    measurement_method: LocalizedText
    evidence_requirements: tuple[EvidenceTypeCode, ...] = Field(min_length=1)
    minimum_verification: VerificationLevelCode
    adjustments: AdjustmentDefaults
    monetisation: Literal["monetised", "not-monetised"]
    not_monetised_reason: LocalizedText | None = None
    double_counting_group: Identifier | None = None
    first_year_only: bool = False
    deprecated: bool = False
    replaced_by: Identifier | None = None
    level: Literal["participant", "area"] | None = Field(
        default=None, json_schema_extra=since("2.0")
    )
    data_category: Literal["none", "personal", "special-health", "criminal"] | None = Field(
        default=None, json_schema_extra=since("2.0")
    )
    co_countable_with: tuple[Identifier, ...] | None = Field(
        default=None, json_schema_extra=since("2.0")
    )
    uri: str | None = Field(
        default=None,
        pattern=r"^https://sroi-os\.org/id/catalogue/[A-Za-z0-9._-]+/indicator/[A-Za-z0-9._-]+$",
        description="Persistent URI: https://sroi-os.org/id/catalogue/{catalogueId}/indicator/"
        "{indicatorId} (standard 2.0).",
        json_schema_extra=since("2.0"),
    )
    valuation_method: Literal["count", "mean-change"] | None = Field(
        default=None,
        description="count: the quantity is a count of units (people, tonnes, ...). "
        "mean-change: a scale-based outcome valued as baseline n x (mean change - comparison "
        "change) from each evidence item's scaleResult, intention to treat (standard 2.0; "
        "absent means count).",
        json_schema_extra=since("2.0"),
    )
