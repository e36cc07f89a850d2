"""Award rules: everything that changes an award, published with the tender (2.0).

The procurement profile (docs/procurement-profile.md) makes each rule a field here, so a
buyer publishes the rules in advance (Aanbestedingswet 2012 art. 2.114-2.115) and software
applies them as written. A field left out means "the profile's default"; the award result
says which defaults were applied.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.indicator import VerificationLevelCode
from sroi_core.model.types import (
    Fraction,
    NonNegativeDecimal,
    StrictInt,
    UnitCode,
    code_type,
)

if TYPE_CHECKING:
    FindingRuleCode = str
else:
    FindingRuleCode = code_type("findingConsequence")

AwardMethod = Literal["outcome-attainment", "relative-value", "absolute-value"]
"""How social value becomes points; ``outcome-attainment`` is the profile's default."""

Perspective = Literal["society", "public-purse"]
"""Whose value a value-based method counts (never both summed)."""

MinimumPolicy = Literal["exclude", "zero-points", "rank-after"]
"""What happens to a bid below the minimum."""

ConsequenceAction = Literal[
    "exclude-line", "cap-at-bound", "cap-at-target", "reduce", "exclude-bid"
]
"""What a finding does to the award: drop the line, cap its counted quantity at the
plausibility bound or at the tender target, count only ``factor`` of it, or exclude the
whole bid."""

TieBreak = Literal["fewer-reductions", "social-value", "qualitative", "price", "lot"]
"""Criteria that separate bids with equal totals, applied in the published order."""

PriceFormula = Literal["lowest-over-price", "linear", "none"]
"""``lowest-over-price``: P x lowest / price; ``linear``: P x (1 - (price - lowest) /
lowest), floored at 0; ``none``: price is not scored."""


class AwardWeights(SroiModel):
    """Weights of the award criteria; they add up to 1."""

    social_value: Fraction
    price: Fraction
    other_quality: Fraction = Decimal(0)


class MinimumRule(SroiModel):
    """A minimum a bid must reach and what happens when it does not.

    ``attainment``: the weighted target attainment (0..1) a bid must reach under the
    outcome-attainment method; ``value_share``: the share of the contract value a bid's
    counted value must reach under a value-based method.
    """

    attainment: Fraction | None = None
    value_share: Fraction | None = None
    policy: MinimumPolicy = "rank-after"


class PlausibilityBound(SroiModel):
    """A buyer's own bound on the total quantity a bid may count in one unit."""

    unit: UnitCode
    bound: NonNegativeDecimal


class Plausibility(SroiModel):
    """How bounds are derived: the unit codelist's factors, the area's population, overrides.

    Bound per unit = the smaller of ``perMillion x contract value / 1,000,000`` and
    ``perThousandResidentsPerYear x population / 1,000 x contract years`` (the factors are
    columns of the unit codelist). ``bounds`` replace the derived bound for their unit.
    """

    area_population: StrictInt | None = Field(default=None, ge=1)
    bounds: tuple[PlausibilityBound, ...] = ()


class FindingConsequence(SroiModel):
    """What a finding does to the award of the line or bid it is on.

    ``rule`` is a rule id, or ``error`` / ``warning`` for every finding of that severity
    without a row of its own.
    """

    rule: FindingRuleCode
    action: ConsequenceAction
    factor: Fraction | None = None


class EvidenceRegime(SroiModel):
    """Evidence and verification the buyer will demand at delivery."""

    minimum_verification: VerificationLevelCode | None = None
    self_declaration_accepted: bool = False
    independent_verifier: bool = False


class Remedy(SroiModel):
    """What follows a shortfall at delivery, in the contract."""

    kind: Literal["make-good", "price-reduction", "termination", "none-stated"]
    share: Fraction | None = None


class AwardRules(SroiModel):
    """The award rules of a tender (field ``award`` of a 2.0 tender).

    Every field is optional: where the tender is silent the procurement profile's default
    applies and the award result lists the default under ``defaultsApplied``.
    """

    method: AwardMethod | None = None
    weights: AwardWeights | None = None
    max_points: StrictInt | None = Field(default=None, ge=1, le=10000)
    qualitative_share: Fraction | None = None
    attainment_cap: NonNegativeDecimal | None = None
    use_theme_priorities: bool | None = None
    perspective: Perspective | None = None
    minimum: MinimumRule | None = None
    plausibility: Plausibility | None = None
    finding_consequences: tuple[FindingConsequence, ...] | None = None
    tie_break: tuple[TieBreak, ...] | None = None
    price_formula: PriceFormula | None = None
    evidence: EvidenceRegime | None = None
    remedies: tuple[Remedy, ...] | None = None
