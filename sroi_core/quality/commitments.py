"""Quality checks of a bid's commitments: outputs, buy-off, durations and adjustments.

These are the classic ways to make an effort-based social-return offer look like an
outcome offer: committing to counts of effort where outcomes were asked for, buying off
the obligation (afkoop) and letting the payment count, claiming a benefit for longer than
the catalogue allows, or claiming lower deadweight than the catalogue's default.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core.model.codes import FulfilmentMode, IndicatorKind
from sroi_core.model.commitment import Commitment
from sroi_core.quality.context import LIVE_STATUSES, CheckContext
from sroi_core.rules import Bilingual, Finding, Severity, define_rule
from sroi_core.verification import effective_status

OUTPUT_ONLY = define_rule(
    "quality.output-only",
    Severity.ERROR,
    "Output committed where outcomes are asked for",
    "commitment {commitment} is to output indicator {indicator}, but tender {tender} asks "
    "for outcomes only",
    "Catches effort presented as results: the tender says outcomesOnly, but the commitment "
    "counts activity (hours of training, people placed) rather than a change for residents. "
    "Outputs are easy to tick off; the tender asked for outcomes.",
    category="quality",
    template_nl="toezegging {commitment} betreft outputindicator {indicator}, maar "
    "aanbesteding {tender} vraagt alleen om uitkomsten",
)
TENDER_OUTPUT_INDICATOR = define_rule(
    "quality.tender-output-indicator",
    Severity.WARNING,
    "Outcomes-only tender lists an output indicator",
    "tender {tender} asks for outcomes only but lists output indicator {indicator}",
    "Catches a tender that contradicts itself: it sets outcomesOnly yet invites bids on an "
    "effort count, so bidders can tick the box with activity instead of results.",
    category="quality",
    template_nl="aanbesteding {tender} vraagt alleen om uitkomsten maar noemt "
    "outputindicator {indicator}",
)
PAYMENT_IN_LIEU = define_rule(
    "quality.payment-in-lieu",
    Severity.WARNING,
    "Buy-off (payment in lieu)",
    "commitment {commitment} is bought off ({amount}); it is shown but never counted as "
    "social value",
    "Flags buy-off (afkoop): money paid instead of delivering the commitment. It is "
    "recorded so it stays visible, but it creates no outcome for residents and never "
    "counts as social value.",
    category="quality",
    template_nl="toezegging {commitment} wordt afgekocht ({amount}); dit wordt getoond "
    "maar telt nooit als maatschappelijke waarde",
)
PAYMENT_IN_LIEU_VALUED = define_rule(
    "quality.payment-in-lieu-valued",
    Severity.ERROR,
    "Buy-off given value",
    "commitment {commitment} is bought off, yet {how}",
    "Catches attempts to count buy-off (afkoop) as social value: a payment in lieu recorded "
    "on a commitment that is still valued as direct or partner delivery, evidence reported "
    "against a bought-off commitment, or a valuation that counts a bought-off line or gives "
    "it a value.",
    category="quality",
    template_nl="toezegging {commitment} wordt afgekocht, maar {how}",
)
DURATION_OVER_CAP = define_rule(
    "quality.duration-over-cap",
    Severity.ERROR,
    "Benefit duration beyond the catalogue's cap",
    "commitment {commitment} claims {years} years of benefit, but indicator {indicator} "
    "allows at most {cap}",
    "Catches inflated durations: a benefit claimed for more years than the catalogue's "
    "maxDurationYears multiplies the value. The engine caps the duration in any case.",
    category="quality",
    template_nl="toezegging {commitment} claimt {years} jaar effect, maar indicator "
    "{indicator} staat hoogstens {cap} toe",
)
FIRST_YEAR_ONLY_DURATION = define_rule(
    "quality.first-year-only-duration",
    Severity.ERROR,
    "First-year-only indicator claimed for several years",
    "commitment {commitment} claims {years} years for indicator {indicator}, which counts "
    "only the first year",
    "Catches a hire (or other first-year-only result) counted again in later years: the "
    "indicator says firstYearOnly, so its duration is one year.",
    category="quality",
    template_nl="toezegging {commitment} claimt {years} jaar voor indicator {indicator}, "
    "die alleen het eerste jaar telt",
)
ADJUSTMENT_BELOW_DEFAULT = define_rule(
    "quality.adjustment-below-default",
    Severity.WARNING,
    "Adjustment claimed below the catalogue default",
    "commitment {commitment} claims {adjustment} {claimed}, below the catalogue default "
    "{default} of indicator {indicator}; the stricter default is used",
    "Catches a supplier lowering deadweight, attribution, displacement or drop-off below "
    "the catalogue's defaults, which raises the value claimed. The claim must be justified; "
    "the valuation engine uses the stricter (higher) of the two in any case.",
    category="quality",
    template_nl="toezegging {commitment} claimt {adjustment} {claimed}, lager dan de "
    "standaardwaarde {default} van indicator {indicator}; de strengere waarde geldt",
)

_ADJUSTMENTS = (
    ("deadweight", "deadweight", "deadweight"),
    ("attribution", "attribution", "attribution"),
    ("displacement", "displacement", "displacement"),
    ("drop_off", "dropOff", "drop-off"),
)


def is_payment_in_lieu(commitment: Commitment) -> bool:
    """Whether the commitment is (wholly or partly) bought off."""
    return (
        commitment.fulfilment == FulfilmentMode.PAYMENT_IN_LIEU
        or commitment.payment_in_lieu is not None
    )


def _amount(commitment: Commitment) -> str:
    if commitment.payment_in_lieu is None:
        return "no amount stated"
    money = commitment.payment_in_lieu
    return f"{money.currency} {money.amount}"


def _outputs(ctx: CheckContext) -> Iterator[Finding]:
    tender, bid = ctx.tender, ctx.bid
    if tender is None or not tender.outcomes_only:
        return
    for n, item in enumerate(tender.indicators):
        indicator = ctx.indicator(item.indicator)
        if indicator is not None and indicator.kind == IndicatorKind.OUTPUT:
            yield ctx.finding(
                TENDER_OUTPUT_INDICATOR,
                tender,
                "indicators",
                n,
                "indicator",
                tender=tender.id,
                indicator=indicator.id,
            )
    if bid is None:
        return
    for n, commitment in enumerate(bid.commitments):
        indicator = ctx.indicator(commitment.indicator)
        if indicator is not None and indicator.kind == IndicatorKind.OUTPUT:
            yield ctx.finding(
                OUTPUT_ONLY,
                bid,
                "commitments",
                n,
                "indicator",
                commitment=commitment.id,
                indicator=indicator.id,
                tender=tender.id,
            )


def _valued_lines(ctx: CheckContext) -> Iterator[Finding]:
    for valuation in ctx.valuations:
        for n, line in enumerate(valuation.lines):
            if line.status != "payment-in-lieu":
                continue
            valued = any(v.present_value > 0 for v in line.values)
            if line.counted or valued:
                what = (
                Bilingual("counts it", "telt haar mee")
                if line.counted
                else Bilingual("gives it a present value", "geeft haar een contante waarde")
            )
                yield ctx.finding(
                    PAYMENT_IN_LIEU_VALUED,
                    valuation,
                    "lines",
                    n,
                    "counted" if line.counted else "values",
                    commitment=line.line_id,
                    how=Bilingual(
                        f"valuation {valuation.id} {what.en}",
                        f"waardering {valuation.id} {what.nl}",
                    ),
                )


def _buy_off(ctx: CheckContext) -> Iterator[Finding]:
    yield from _valued_lines(ctx)
    bid = ctx.bid
    if bid is None:
        return
    bought_off: set[str] = set()
    for n, commitment in enumerate(bid.commitments):
        if not is_payment_in_lieu(commitment):
            continue
        bought_off.add(commitment.id)
        yield ctx.finding(
            PAYMENT_IN_LIEU,
            bid,
            "commitments",
            n,
            "fulfilment",
            commitment=commitment.id,
            amount=_amount(commitment),
        )
        if commitment.fulfilment != FulfilmentMode.PAYMENT_IN_LIEU:
            yield ctx.finding(
                PAYMENT_IN_LIEU_VALUED,
                bid,
                "commitments",
                n,
                "paymentInLieu",
                commitment=commitment.id,
                how=Bilingual(
                    f"its fulfilment is '{commitment.fulfilment}', so it would be valued "
                    "as delivered; record the bought-off part as its own commitment with "
                    "fulfilment 'payment-in-lieu'",
                    f"de uitvoering is '{commitment.fulfilment}', zodat zij als geleverd "
                    "gewaardeerd zou worden; leg het afgekochte deel vast als een eigen "
                    "toezegging met fulfilment 'payment-in-lieu'",
                ),
            )
    for report in ctx.evidence_reports:
        for n, item in enumerate(report.items):
            if item.commitment in bought_off and effective_status(item) in LIVE_STATUSES:
                yield ctx.finding(
                    PAYMENT_IN_LIEU_VALUED,
                    report,
                    "items",
                    n,
                    "commitment",
                    commitment=item.commitment,
                    how=Bilingual(
                        f"evidence item {item.id} reports a delivered quantity for it",
                        f"bewijsstuk {item.id} meldt er een geleverde hoeveelheid voor",
                    ),
                )


def _durations_and_adjustments(ctx: CheckContext) -> Iterator[Finding]:
    bid = ctx.bid
    if bid is None:
        return
    for n, commitment in enumerate(bid.commitments):
        indicator = ctx.indicator(commitment.indicator)
        if indicator is None:
            continue
        defaults = indicator.adjustments
        if commitment.duration_years > defaults.max_duration_years:
            yield ctx.finding(
                DURATION_OVER_CAP,
                bid,
                "commitments",
                n,
                "durationYears",
                commitment=commitment.id,
                years=commitment.duration_years,
                indicator=indicator.id,
                cap=defaults.max_duration_years,
            )
        if indicator.first_year_only and commitment.duration_years > 1:
            yield ctx.finding(
                FIRST_YEAR_ONLY_DURATION,
                bid,
                "commitments",
                n,
                "durationYears",
                commitment=commitment.id,
                years=commitment.duration_years,
                indicator=indicator.id,
            )
        claim = commitment.adjustments
        if claim is None:
            continue
        for attr, wire, label in _ADJUSTMENTS:
            claimed = getattr(claim, attr)
            default = getattr(defaults, attr)
            if claimed is not None and claimed < default:
                yield ctx.finding(
                    ADJUSTMENT_BELOW_DEFAULT,
                    bid,
                    "commitments",
                    n,
                    "adjustments",
                    wire,
                    commitment=commitment.id,
                    adjustment=label,
                    claimed=claimed,
                    default=default,
                    indicator=indicator.id,
                )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Every commitment-level quality finding."""
    yield from _outputs(ctx)
    yield from _buy_off(ctx)
    yield from _durations_and_adjustments(ctx)
