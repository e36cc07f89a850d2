"""Quality checks of materiality: does the tender ask for what residents said matters.

The SROI principles *involve stakeholders* and *value what matters* come before any
valuation: a 2.0 tender records how residents and stakeholders chose its outcomes
(``stakeholderInvolvement``). These checks make the gap visible where the award counts an
outcome nobody named, or leaves out a named one without saying why. They are warnings for
the buyer, who sets the rules before any bid exists; they change no award.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core.model.materiality import MaterialOutcome
from sroi_core.model.tender import Tender, TenderIndicator
from sroi_core.model.versions import version_key
from sroi_core.quality.context import CheckContext
from sroi_core.rules import Finding, Severity, define_rule

MATERIALITY_MISSING = define_rule(
    "quality.materiality-missing",
    Severity.WARNING,
    "No record of which outcomes matter",
    "tender {id!s} does not record how residents and stakeholders chose its outcomes "
    "(stakeholderInvolvement)",
    "A 2.0 tender records how residents and stakeholders were asked which outcomes matter "
    "in their area and what they named; without it the award's outcomes and weights rest on "
    "the buyer's choice alone.",
    category="quality",
    template_nl="aanbesteding {id!s} legt niet vast hoe bewoners en belanghebbenden de "
    "uitkomsten kozen (stakeholderInvolvement)",
)
INDICATOR_NOT_MATERIAL = define_rule(
    "quality.indicator-not-material",
    Severity.WARNING,
    "Award counts an outcome nobody named",
    "indicator {indicator!s} counts in the award, but neither it nor its theme {theme!s} is "
    "among the outcomes residents and stakeholders named",
    "Every indicator that counts in the award (weight above 0 or no weight) should be one "
    "residents and stakeholders named as mattering, by itself or by its theme.",
    category="quality",
    template_nl="indicator {indicator!s} telt mee in de gunning, maar noch de indicator noch "
    "het thema {theme!s} is genoemd door bewoners en belanghebbenden",
)
MATERIAL_OUTCOME_UNASKED = define_rule(
    "quality.material-outcome-unasked",
    Severity.WARNING,
    "Named outcome left out without a reason",
    "{outcome!s} was named as mattering (rank {rank}) but the tender does not ask for it "
    "and gives no reasonNotAsked",
    "An outcome residents and stakeholders named is asked for in the tender, or the tender "
    "says why not (for example: no indicator yet, outside the contract's reach).",
    category="quality",
    template_nl="{outcome!s} is genoemd als belangrijk (rang {rank}), maar de aanbesteding "
    "vraagt er niet om en geeft geen reasonNotAsked",
)


def _theme(ctx: CheckContext, asked: TenderIndicator) -> str | None:
    indicator = ctx.indicator(asked.indicator)
    return None if indicator is None else indicator.theme


def _counts(asked: TenderIndicator) -> bool:
    return asked.weight is None or asked.weight > 0


def _is_asked(ctx: CheckContext, tender: Tender, outcome: MaterialOutcome) -> bool:
    if outcome.indicator is not None:
        return any(t.indicator == outcome.indicator for t in tender.indicators)
    return any(_theme(ctx, t) == outcome.theme for t in tender.indicators)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Materiality findings of the context's 2.0 tender."""
    tender = ctx.tender
    if tender is None or version_key(tender.standard_version) < (2, 0):
        return
    involvement = tender.stakeholder_involvement
    if involvement is None:
        yield ctx.finding(MATERIALITY_MISSING, tender, id=tender.id)
        return
    named = involvement.material_outcomes
    named_indicators = {m.indicator for m in named if m.indicator is not None}
    named_themes = {m.theme for m in named if m.theme is not None}
    for i, asked in enumerate(tender.indicators):
        theme = _theme(ctx, asked)
        if not _counts(asked) or asked.indicator in named_indicators or theme in named_themes:
            continue
        yield ctx.finding(
            INDICATOR_NOT_MATERIAL,
            tender,
            "indicators",
            i,
            indicator=asked.indicator,
            theme=theme if theme is not None else "?",
        )
    for k, outcome in enumerate(named):
        if outcome.reason_not_asked is not None or _is_asked(ctx, tender, outcome):
            continue
        yield ctx.finding(
            MATERIAL_OUTCOME_UNASKED,
            tender,
            "stakeholderInvolvement",
            "materialOutcomes",
            k,
            outcome=outcome.indicator if outcome.indicator is not None else outcome.theme,
            rank=outcome.rank,
        )
