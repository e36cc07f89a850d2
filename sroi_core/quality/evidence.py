"""Quality checks of evidence: proof present, strong enough, matching a real commitment.

Evidence is where effort-based social return was easiest to game: a supplier's own
statement, a report against a commitment nobody made, more delivered than promised, or an
item counted before the buyer verified it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType

from sroi_core.codelists import codelist
from sroi_core.model.evidence import Evidence
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.quality.context import LIVE_STATUSES, CheckContext, join, verification_rank
from sroi_core.rules import Finding, Severity, define_rule
from sroi_core.verification import check_history, effective_status

EVIDENCE_LEVELS: Mapping[str, str] = MappingProxyType(
    {code.code: code.get("level") for code in codelist("evidenceType").codes}
)
"""The verification level each evidence type reaches (the ``level`` column of the
evidenceType codelist). A code that is not in the codelist (it is open) counts as
self-declared, so an invented type can never lift an item above the minimum.
"""

SELF_DECLARATION = "self-declaration"

EVIDENCE_MISSING = define_rule(
    "quality.evidence-missing",
    Severity.ERROR,
    "Evidence item without documents",
    "evidence item {item} reports {quantity} but references no documents",
    "Catches delivery claimed without proof: a submitted or verified item must reference "
    "at least one document the buyer can inspect.",
    category="quality",
    template_nl="bewijsstuk {item} meldt {quantity} maar verwijst naar geen enkel document",
)
SELF_DECLARED_ONLY = define_rule(
    "quality.self-declared-only",
    Severity.WARNING,
    "Only self-declared evidence",
    "evidence item {item} rests on self-declarations only",
    "Catches tick-the-box reporting: the supplier's own statement is the weakest evidence "
    "there is and is never sufficient for verification on its own (evidenceType "
    "'self-declaration'). Where the indicator or tender asks for more, "
    "quality.verification-below-minimum is reported as well.",
    category="quality",
    template_nl="bewijsstuk {item} berust alleen op eigen verklaringen",
)
BELOW_MINIMUM = define_rule(
    "quality.verification-below-minimum",
    Severity.ERROR,
    "Evidence below the minimum verification level",
    "evidence item {item} reaches verification level {level} but {required} is required ({why})",
    "Catches weak proof passed off as sufficient: the strongest document of the item (each "
    "evidence type has a level: self-declared < documentary < third-party < register) is "
    "below the indicator's minimumVerification, the tender's evidenceRules minimum, or "
    "documentary where the tender does not accept self-declaration.",
    category="quality",
    template_nl="bewijsstuk {item} haalt verificatieniveau {level} maar {required} is "
    "vereist ({why})",
)
EVIDENCE_TYPE_MISMATCH = define_rule(
    "quality.evidence-type-mismatch",
    Severity.WARNING,
    "Evidence of a type the indicator does not ask for",
    "evidence item {item} has documents of type {types}, none of which indicator "
    "{indicator} asks for ({required})",
    "Catches proof that does not prove the indicator: the catalogue lists the evidence "
    "types that can support each indicator (evidenceRequirements); an item backed only by "
    "other kinds of documents may prove something else.",
    category="quality",
    template_nl="bewijsstuk {item} heeft documenten van type {types}, geen daarvan vraagt "
    "indicator {indicator} ({required})",
)
UNKNOWN_COMMITMENT = define_rule(
    "quality.evidence-unknown-commitment",
    Severity.ERROR,
    "Evidence for a commitment the bid does not contain",
    "evidence item {item} is reported against commitment {commitment}, which bid {bid} "
    "does not contain",
    "Catches delivery reported against a promise that was never made (or was renamed), "
    "which would count value the award never weighed.",
    category="quality",
    template_nl="bewijsstuk {item} is gemeld bij toezegging {commitment}, die inschrijving "
    "{bid} niet bevat",
)
INDICATOR_MISMATCH = define_rule(
    "quality.evidence-indicator-mismatch",
    Severity.ERROR,
    "Evidence for another indicator than its commitment",
    "evidence item {item} reports indicator {indicator} but commitment {commitment} is to "
    "indicator {expected}",
    "Catches a switch of indicator after the award: evidence must measure what was "
    "committed, not a cheaper or better-valued indicator.",
    category="quality",
    template_nl="bewijsstuk {item} meldt indicator {indicator} maar toezegging {commitment} "
    "betreft indicator {expected}",
)
EXCEEDS_COMMITMENT = define_rule(
    "quality.evidence-exceeds-commitment",
    Severity.WARNING,
    "More evidence than committed",
    "evidence for commitment {commitment} adds up to {total} {unit} with item {item}, more "
    "than the {committed} {unit} committed",
    "Catches inflation after the award: the submitted and verified items of a commitment "
    "(across all reports given) add up to more than its committed quantity. Over-delivery "
    "can be genuine, but it was not part of the award and should be agreed before it "
    "counts.",
    category="quality",
    template_nl="bewijs voor toezegging {commitment} komt met bewijsstuk {item} op {total} "
    "{unit}, meer dan de toegezegde {committed} {unit}",
)
UNVERIFIED_COUNTED = define_rule(
    "quality.unverified-counted",
    Severity.ERROR,
    "Unverified evidence counted as delivered",
    "valuation line {line} has status {status} but is counted as realised value",
    "Catches value reported as delivered before the buyer verified it: in a valuation of an "
    "evidence report only verified items count; submitted, rejected and withdrawn items "
    "are reported apart, never counted.",
    category="quality",
    template_nl="waarderingsregel {line} heeft status {status} maar telt als gerealiseerde waarde",
)


def evidence_level(item: Evidence) -> str | None:
    """Return the highest verification level the item's documents reach (None if none)."""
    levels = [EVIDENCE_LEVELS.get(d.type, "self-declared") for d in item.documents]
    if not levels:
        return None
    return max(levels, key=verification_rank)


def _required(ctx: CheckContext, indicator_id: str) -> tuple[str | None, str]:
    """Return the level required for an indicator's evidence, and why."""
    candidates: list[tuple[str, str]] = []
    indicator = ctx.indicator(indicator_id)
    if indicator is not None:
        candidates.append(
            (indicator.minimum_verification, f"indicator {indicator.id} minimumVerification")
        )
    if ctx.tender is not None:
        rules = ctx.tender.evidence_rules
        candidates.append(
            (rules.minimum_verification, f"tender {ctx.tender.id} minimumVerification")
        )
        if not rules.self_declaration_accepted:
            candidates.append(
                ("documentary", f"tender {ctx.tender.id} does not accept self-declaration")
            )
    if not candidates:
        return None, ""
    top = max(verification_rank(level) for level, _ in candidates)
    reasons = [why for level, why in candidates if verification_rank(level) == top]
    level = next(level for level, _ in candidates if verification_rank(level) == top)
    return level, "; ".join(reasons)


def _proof(ctx: CheckContext, report: EvidenceReport) -> Iterator[Finding]:
    for n, item in enumerate(report.items):
        if effective_status(item) not in LIVE_STATUSES:
            continue
        quantity = f"{item.quantity.value} {item.quantity.unit}"
        if not item.documents:
            yield ctx.finding(
                EVIDENCE_MISSING, report, "items", n, "documents", item=item.id, quantity=quantity
            )
            continue
        types = sorted({d.type for d in item.documents})
        if types == [SELF_DECLARATION]:
            yield ctx.finding(SELF_DECLARED_ONLY, report, "items", n, "documents", item=item.id)
        level = evidence_level(item)
        required, why = _required(ctx, item.indicator)
        if (
            level is not None
            and required is not None
            and (verification_rank(level) < verification_rank(required))
        ):
            yield ctx.finding(
                BELOW_MINIMUM,
                report,
                "items",
                n,
                "documents",
                item=item.id,
                level=level,
                required=required,
                why=why,
            )
        indicator = ctx.indicator(item.indicator)
        if indicator is not None and not set(types) & set(indicator.evidence_requirements):
            yield ctx.finding(
                EVIDENCE_TYPE_MISMATCH,
                report,
                "items",
                n,
                "documents",
                item=item.id,
                types=join(types),
                indicator=indicator.id,
                required=join(indicator.evidence_requirements),
            )


def _against_bid(ctx: CheckContext, report: EvidenceReport) -> Iterator[Finding]:
    bid = ctx.bid
    if bid is None:
        return
    for n, item in enumerate(report.items):
        commitment = ctx.commitment(item.commitment)
        if commitment is None:
            yield ctx.finding(
                UNKNOWN_COMMITMENT,
                report,
                "items",
                n,
                "commitment",
                item=item.id,
                commitment=item.commitment,
                bid=bid.id,
            )
        elif commitment.indicator != item.indicator:
            yield ctx.finding(
                INDICATOR_MISMATCH,
                report,
                "items",
                n,
                "indicator",
                item=item.id,
                indicator=item.indicator,
                commitment=commitment.id,
                expected=commitment.indicator,
            )


def _totals(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.bid is None:
        return
    totals: dict[str, Decimal] = {}
    flagged: set[str] = set()
    for claim in ctx.claims():
        commitment = ctx.commitment(claim.item.commitment)
        if commitment is None or commitment.id in flagged:
            continue
        amount = ctx.in_unit(claim.item.quantity, commitment.quantity.unit)
        if amount is None:
            continue
        total = totals.get(commitment.id, Decimal(0)) + amount
        totals[commitment.id] = total
        if total > commitment.quantity.value:
            flagged.add(commitment.id)
            yield ctx.finding(
                EXCEEDS_COMMITMENT,
                claim.report,
                "items",
                claim.index,
                "quantity",
                commitment=commitment.id,
                total=total,
                unit=commitment.quantity.unit,
                item=claim.item.id,
                committed=commitment.quantity.value,
            )


def _valuations(ctx: CheckContext) -> Iterator[Finding]:
    for valuation in ctx.valuations:
        if valuation.subject_type != "evidenceReport":
            continue
        for n, line in enumerate(valuation.lines):
            if line.counted and line.status not in ("verified", "payment-in-lieu"):
                yield ctx.finding(
                    UNVERIFIED_COUNTED,
                    valuation,
                    "lines",
                    n,
                    "counted",
                    line=line.line_id,
                    status=line.status,
                )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Every evidence finding, including each report's verification history."""
    for report in ctx.evidence_reports:
        yield from check_history(report, ctx.source(report))
        yield from _proof(ctx, report)
        yield from _against_bid(ctx, report)
    yield from _totals(ctx)
    yield from _valuations(ctx)
