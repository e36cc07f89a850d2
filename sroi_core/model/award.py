"""Award result: the evaluated bids of one tender, as an exchange document (2.0).

Every point is explained: the rules in force (and which of them are the profile's
defaults), each line's claimed and counted quantity with every reduction and the rule id
behind it, each bid's points and rank, and the reasons a bid was excluded.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.award_rules import (
    AwardMethod,
    AwardWeights,
    ConsequenceAction,
    MinimumPolicy,
    Perspective,
    PriceFormula,
    TieBreak,
)
from sroi_core.model.document import Document
from sroi_core.model.theme import ThemeCode
from sroi_core.model.types import (
    CurrencyCode,
    DocumentRef,
    Identifier,
    NonNegativeDecimal,
    Organisation,
    Quantity,
    StrictInt,
)


class AwardFinding(SroiModel):
    """A finding as reported in an award (rule id, severity, where, what)."""

    rule_id: str
    severity: Literal["error", "warning", "info"]
    file: str
    pointer: str
    message: str
    message_nl: str | None = None


class DefaultApplied(SroiModel):
    """An award rule the tender did not state, and the profile default that was applied."""

    field: str
    value: str


class Reduction(SroiModel):
    """One finding's effect on a line: what was counted before and after, and why."""

    rule_id: str
    action: ConsequenceAction
    factor: NonNegativeDecimal | None = None
    before: NonNegativeDecimal
    after: NonNegativeDecimal
    message: str
    message_nl: str | None = None


class AwardLine(SroiModel):
    """A commitment as the award counts it (quantities in the indicator's unit)."""

    commitment: Identifier
    indicator: Identifier
    theme: ThemeCode
    claimed: Quantity
    counted: NonNegativeDecimal
    unit: str
    status: Literal["counted", "reduced", "excluded"]
    reductions: tuple[Reduction, ...] = ()
    value: NonNegativeDecimal | None = None


class IndicatorAttainment(SroiModel):
    """One tender indicator: counted quantity, target, attainment and weight."""

    indicator: Identifier
    theme: ThemeCode
    unit: str
    counted: NonNegativeDecimal
    target: NonNegativeDecimal | None = None
    bound: NonNegativeDecimal | None = None
    attainment: NonNegativeDecimal | None = None
    weight: NonNegativeDecimal


class Points(SroiModel):
    """A bid's points (each rounded half to even to 2 decimals when computed)."""

    quantitative: NonNegativeDecimal | None = None
    qualitative: NonNegativeDecimal | None = None
    social_value: NonNegativeDecimal | None = None
    price: NonNegativeDecimal | None = None
    other_quality: NonNegativeDecimal | None = None
    total: NonNegativeDecimal | None = None


class BidAward(SroiModel):
    """One bid in the award: excluded with its reasons, or scored and ranked."""

    bid: Identifier
    supplier: Organisation | None = None
    status: Literal["ranked", "excluded"]
    exclusion_reasons: tuple[AwardFinding, ...] = ()
    rank: StrictInt | None = None
    tied_with: tuple[Identifier, ...] = ()
    compliant: bool | None = None
    price: NonNegativeDecimal | None = None
    counted_value: NonNegativeDecimal | None = None
    points: Points = Field(default_factory=Points)
    reductions: StrictInt = 0
    lines: tuple[AwardLine, ...] = ()
    indicators: tuple[IndicatorAttainment, ...] = ()
    explanation: tuple[str, ...] = ()
    findings: tuple[AwardFinding, ...] = ()


class RankEntry(SroiModel):
    """A place in the ranking."""

    rank: StrictInt
    bid: Identifier
    total: NonNegativeDecimal


class RulesInForce(SroiModel):
    """The award rules as applied: the tender's own, completed by the profile's defaults."""

    method: AwardMethod
    weights: AwardWeights
    max_points: StrictInt
    qualitative_share: NonNegativeDecimal
    attainment_cap: NonNegativeDecimal
    use_theme_priorities: bool
    perspective: Perspective
    minimum_attainment: NonNegativeDecimal | None = None
    minimum_value_share: NonNegativeDecimal | None = None
    minimum_policy: MinimumPolicy
    tie_break: tuple[TieBreak, ...]
    price_formula: PriceFormula
    currency: CurrencyCode


class Award(Document):
    """The result of evaluating the bids of one tender under its published award rules."""

    document_type: Literal["award"] = "award"
    tender: DocumentRef
    catalogue: DocumentRef
    rules: RulesInForce
    defaults_applied: tuple[DefaultApplied, ...] = ()
    ranking: tuple[RankEntry, ...] = ()
    ties: tuple[tuple[Identifier, ...], ...] = ()
    bids: tuple[BidAward, ...] = ()
    notes: tuple[str, ...] = ()
    tender_findings: tuple[AwardFinding, ...] = ()
