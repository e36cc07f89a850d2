"""The award rules in force: the tender's own, completed by the profile's defaults.

Software never overrides a rule the tender states; where the tender is silent the
procurement profile's default applies, and each such default is listed in the award
result (``defaultsApplied``), so a reader sees which rules the buyer chose.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sroi_core.model.award import DefaultApplied, RulesInForce
from sroi_core.model.award_rules import AwardRules, AwardWeights
from sroi_core.model.tender import Tender

PROFILE_DEFAULTS: dict[str, Any] = {
    "method": "outcome-attainment",
    "weights": AwardWeights(
        social_value=Decimal("0.3"), price=Decimal("0.7"), other_quality=Decimal(0)
    ),
    "max_points": 100,
    "qualitative_share": Decimal("0.3"),
    "attainment_cap": Decimal(1),
    "use_theme_priorities": True,
    "perspective": "society",
    "minimum_policy": "rank-after",
    "tie_break": ("fewer-reductions", "social-value", "qualitative", "price"),
    "price_formula": "lowest-over-price",
}
"""The profile's default of each award rule (docs/procurement-profile.md, section 5)."""

_WIRE = {
    "method": "method",
    "weights": "weights",
    "max_points": "maxPoints",
    "qualitative_share": "qualitativeShare",
    "attainment_cap": "attainmentCap",
    "use_theme_priorities": "useThemePriorities",
    "perspective": "perspective",
    "minimum_policy": "minimum/policy",
    "tie_break": "tieBreak",
    "price_formula": "priceFormula",
}


def _shown(value: Any) -> str:
    if isinstance(value, AwardWeights):
        return (
            f"socialValue {value.social_value}, price {value.price}, "
            f"otherQuality {value.other_quality}"
        )
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def resolve_rules(tender: Tender, currency: str) -> tuple[RulesInForce, tuple[DefaultApplied, ...]]:
    """The rules in force for ``tender`` and the defaults that filled its silences."""
    award = tender.award or AwardRules()
    minimum = award.minimum
    given: dict[str, Any] = {
        "method": award.method,
        "weights": award.weights,
        "max_points": award.max_points,
        "qualitative_share": award.qualitative_share,
        "attainment_cap": award.attainment_cap,
        "use_theme_priorities": award.use_theme_priorities,
        "perspective": award.perspective,
        "minimum_policy": minimum.policy if minimum is not None else None,
        "tie_break": award.tie_break,
        "price_formula": award.price_formula,
    }
    defaults: list[DefaultApplied] = []
    chosen: dict[str, Any] = {}
    for name, stated in given.items():
        value = PROFILE_DEFAULTS[name] if stated is None else stated
        if stated is None and (
            name != "perspective" or given["method"] not in (None, "outcome-attainment")
        ):
            defaults.append(DefaultApplied(field="/award/" + _WIRE[name], value=_shown(value)))
        chosen[name] = value
    value_share = minimum.value_share if minimum is not None else None
    if value_share is None and chosen["method"] != "outcome-attainment":
        value_share = tender.minimum_social_value_share
    rules = RulesInForce(
        **chosen,
        minimum_attainment=minimum.attainment if minimum is not None else None,
        minimum_value_share=value_share,
        currency=currency,
    )
    return rules, tuple(defaults)
