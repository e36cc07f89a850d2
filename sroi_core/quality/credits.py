"""Quality checks that keep obligation credits apart from outcome values.

Obligation credits (the Dutch *bouwblokken*) count effort toward a social-return quota;
they are not what the effort is worth to residents. A bid may carry both — an output
indicator valued only in credits beside outcome commitments — as long as the two are
reported apart. These checks flag the places where a document treats them as one figure.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core.model.codes import ValuationBasis, ValuationFamily
from sroi_core.quality.context import CheckContext
from sroi_core.rules import Bilingual, Finding, Severity, define_rule

CREDITS_MIXED = define_rule(
    "quality.credits-mixed",
    Severity.ERROR,
    "Obligation credits treated as outcome value",
    "{what}: {how}",
    "Catches effort credits passed off as social value: a tender whose minimum social "
    "value can only be met with indicators valued in obligation credits, a commitment to a "
    "credit-only indicator under an outcomes-only tender, or a valuation that books "
    "obligation credits in the outcome-value family (or the reverse). The two families "
    "are reported apart and never summed.",
    category="quality",
    template_nl="{what}: {how}",
)


def _tender(ctx: CheckContext) -> Iterator[Finding]:
    tender = ctx.tender
    if tender is None or ctx.catalogue is None:
        return
    wants = (
        "minimumSocialValue"
        if tender.minimum_social_value is not None
        else ("minimumSocialValueShare" if tender.minimum_social_value_share is not None else None)
    )
    if wants is None:
        return
    families = [ctx.families(item.indicator) for item in tender.indicators]
    has_outcome = any(ValuationFamily.OUTCOME_VALUE in f for f in families)
    has_credit = any(ValuationFamily.OBLIGATION_CREDIT in f for f in families)
    if has_credit and not has_outcome:
        yield ctx.finding(
            CREDITS_MIXED,
            tender,
            wants,
            what=Bilingual(f"tender {tender.id}", f"aanbesteding {tender.id}"),
            how=Bilingual(
                f"{wants} can only be met with obligation credits, because none of its "
                "indicators has an outcome value; a minimum social value is a minimum of "
                "outcome value",
                f"{wants} is alleen met verplichtingscredits te halen, omdat geen van de "
                "indicatoren een uitkomstwaarde heeft; een minimum maatschappelijke waarde "
                "is een minimum aan uitkomstwaarde",
            ),
        )


def _commitments(ctx: CheckContext) -> Iterator[Finding]:
    tender, bid = ctx.tender, ctx.bid
    if tender is None or bid is None or not tender.outcomes_only:
        return
    for n, commitment in enumerate(bid.commitments):
        if ctx.credit_only(commitment.indicator):
            yield ctx.finding(
                CREDITS_MIXED,
                bid,
                "commitments",
                n,
                "indicator",
                what=Bilingual(f"commitment {commitment.id}", f"toezegging {commitment.id}"),
                how=Bilingual(
                    f"indicator {commitment.indicator} is valued only in obligation credits, "
                    f"but tender {tender.id} asks for outcomes only",
                    f"indicator {commitment.indicator} wordt alleen in verplichtingscredits "
                    f"gewaardeerd, maar aanbesteding {tender.id} vraagt alleen om uitkomsten",
                ),
            )


def _valuations(ctx: CheckContext) -> Iterator[Finding]:
    bases = {basis.value: basis for basis in ValuationBasis}
    for valuation in ctx.valuations:
        for n, total in enumerate(valuation.totals.by_basis):
            basis = bases.get(total.key)
            if basis is not None and basis.family != total.family:
                yield ctx.finding(
                    CREDITS_MIXED,
                    valuation,
                    "totals",
                    "byBasis",
                    n,
                    "family",
                    what=Bilingual(f"valuation {valuation.id}", f"waardering {valuation.id}"),
                    how=Bilingual(
                        f"the {total.key} total is booked in the {total.family} family",
                        f"het totaal {total.key} is geboekt in de familie {total.family}",
                    ),
                )
        for n, total in enumerate(valuation.totals.by_indicator):
            if total.family == ValuationFamily.OUTCOME_VALUE and ctx.credit_only(total.key):
                yield ctx.finding(
                    CREDITS_MIXED,
                    valuation,
                    "totals",
                    "byIndicator",
                    n,
                    "family",
                    what=Bilingual(f"valuation {valuation.id}", f"waardering {valuation.id}"),
                    how=Bilingual(
                        f"indicator {total.key} is valued only in obligation credits but its "
                        "total is booked as outcome value",
                        f"indicator {total.key} wordt alleen in verplichtingscredits "
                        "gewaardeerd, maar het totaal is geboekt als uitkomstwaarde",
                    ),
                )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Every finding that mixes obligation credits with outcome values."""
    yield from _tender(ctx)
    yield from _commitments(ctx)
    yield from _valuations(ctx)
