"""Quality checks of scale-based outcomes valued as mean change (standard 2.0).

Counting every participant whose score rose by a point as a full unit of wellbeing
overclaims; 2.0 values the mean change of everyone who started (intention to treat). These
findings say when an evidence item cannot be valued that way, and the valuation then
values it at 0, so a missing or failed measurement cannot be passed off as a count.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core.model.versions import version_key
from sroi_core.quality.context import CheckContext
from sroi_core.rules import Finding, Severity, define_rule
from sroi_core.valuation.document import mean_change_quantity

SCALE_RESULT_MISSING = define_rule(
    "quality.scale-result-missing",
    Severity.WARNING,
    "Mean-change indicator without scale result",
    "evidence item {item}: indicator {indicator} is valued as mean change but the item has "
    "no scaleResult; it is valued at 0",
    "A scale-based outcome (wellbeing, loneliness, distress) is valued as baseline n x mean "
    "change in 2.0; an item without baseline and follow-up means cannot be valued, and a "
    "count of participants is not a change.",
    category="quality",
    template_nl="bewijsstuk {item}: indicator {indicator} wordt gewaardeerd als gemiddelde "
    "verandering maar het bewijsstuk heeft geen scaleResult; het krijgt waarde 0",
)

MEAN_CHANGE_NOT_POSITIVE = define_rule(
    "quality.mean-change-not-positive",
    Severity.WARNING,
    "No positive mean change",
    "evidence item {item}: the mean change net of the comparison group is {change}; it is "
    "valued at 0",
    "The valued quantity baseline n x (follow-up mean - baseline mean - comparison change) "
    "is never below 0: a programme that did not improve the scale delivered no value on it.",
    category="quality",
    template_nl="bewijsstuk {item}: de gemiddelde verandering na aftrek van de "
    "vergelijkingsgroep is {change}; het krijgt waarde 0",
)

FOLLOW_UP_EXCEEDS_BASELINE = define_rule(
    "quality.follow-up-exceeds-baseline",
    Severity.ERROR,
    "More people at follow-up than at baseline",
    "evidence item {item}: follow-up n {follow_up} exceeds baseline n {baseline}",
    "Intention to treat counts everyone who started at baseline; a follow-up group larger "
    "than the baseline means people were added after the start, whose change was not "
    "measured from it.",
    category="quality",
    template_nl="bewijsstuk {item}: follow-up n {follow_up} is groter dan baseline n {baseline}",
)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Findings on 2.0 evidence items of indicators valued as mean change."""
    for report in ctx.evidence_reports:
        if version_key(report.standard_version) < (2, 0):
            continue
        for number, item in enumerate(report.items):
            indicator = ctx.indicator(item.indicator)
            if indicator is None or indicator.valuation_method != "mean-change":
                continue
            result = item.scale_result
            if result is None:
                yield ctx.finding(
                    SCALE_RESULT_MISSING,
                    report,
                    "items",
                    number,
                    item=item.id,
                    indicator=indicator.id,
                )
                continue
            if result.follow_up_n > result.baseline_n:
                yield ctx.finding(
                    FOLLOW_UP_EXCEEDS_BASELINE,
                    report,
                    "items",
                    number,
                    "scaleResult",
                    item=item.id,
                    follow_up=result.follow_up_n,
                    baseline=result.baseline_n,
                )
            quantity = mean_change_quantity(result)
            if quantity <= 0:
                change = quantity / result.baseline_n
                yield ctx.finding(
                    MEAN_CHANGE_NOT_POSITIVE,
                    report,
                    "items",
                    number,
                    "scaleResult",
                    item=item.id,
                    change=change,
                )
