"""Outcome attainment (the profile's default method): quantities against the targets.

attainment_i = min(cap, counted_i / target_i), per tender indicator with a target, in
the indicator's unit, monetised or not; weight_i = the indicator's weight (1 when the
tender gives none) x K x theme priority (when theme priorities are used, K = number of
prioritised themes); quantitative points = P x sum(w_i x a_i) / (cap x sum(w_i)).
"""

from __future__ import annotations

from decimal import Decimal

from sroi_core.award.points import ZERO, fraction4, points, ratio, total
from sroi_core.model.award import RulesInForce
from sroi_core.model.tender import Tender


def indicator_weights(tender: Tender) -> dict[str, Decimal]:
    """The weight of each tender indicator that has a target."""
    targeted = [t for t in tender.indicators if t.target is not None and t.target.value > 0]
    any_weight = any(t.weight is not None for t in targeted)
    return {t.indicator: (t.weight or ZERO) if any_weight else Decimal(1) for t in targeted}


def theme_multiplier(tender: Tender, rules: RulesInForce, theme: str) -> Decimal:
    """K x priority of ``theme`` (1 without priorities or when the rules do not use them)."""
    if not rules.use_theme_priorities or not tender.theme_priorities:
        return Decimal(1)
    count = Decimal(len(tender.theme_priorities))
    for priority in tender.theme_priorities:
        if priority.theme == theme:
            return count * priority.weight
    return ZERO


def attainment(counted: Decimal, target: Decimal, cap: Decimal) -> Decimal:
    """min(cap, counted / target), rounded to 4 decimals."""
    return fraction4(min(cap, ratio(counted, target)))


def attainment_points(
    rows: list[tuple[Decimal, Decimal]], rules: RulesInForce
) -> tuple[Decimal, Decimal]:
    """Quantitative points and the weighted attainment from (weight, attainment) rows."""
    weight_sum = total(w for w, _ in rows)
    if weight_sum == 0 or rules.attainment_cap == 0:
        return ZERO, ZERO
    weighted = ratio(total(w * a for w, a in rows), weight_sum)
    share = ratio(weighted, rules.attainment_cap)
    return points(Decimal(rules.max_points) * share), fraction4(weighted)
