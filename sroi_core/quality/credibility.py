"""Credibility checks (2.0): the ways a bid collects points without delivering outcomes.

Each rule names one gaming pattern seen when bidding as a shrewd supplier would: creaming,
beneficiaries already served, back-loading, self-declared evidence where independent proof
is needed, the buyer or the supplier's own group as "partner", buy-off into a fund, the
whole of an area-level change claimed, the same people counted under several indicators or
again every year, quantities above the contract's plausibility bound. The award profile
(docs/procurement-profile.md) gives every rule a consequence in the award; these checks
run on 2.0 bids only, so 1.0 documents keep their 1.0 findings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from sroi_core.award.bounds import plausibility_bound
from sroi_core.model.bid import Bid
from sroi_core.model.codes import FulfilmentMode
from sroi_core.model.commitment import Commitment
from sroi_core.model.tender import Tender
from sroi_core.model.types import LocalizedText, Organisation
from sroi_core.quality.commitments import is_payment_in_lieu
from sroi_core.quality.context import CheckContext, verification_rank
from sroi_core.rules import Bilingual, Finding, Severity, define_rule
from sroi_core.units import convert

VERSION_1 = "1.0"

DATA_MISSING = define_rule(
    "credibility.data-missing",
    Severity.WARNING,
    "Data the award profile needs is missing",
    "commitment {commitment} gives no {what}: its credibility cannot be judged",
    "A 2.0 commitment must say who it serves and how they are selected (cohort), whether "
    "they are new to this contract (additionality), when it is delivered (deliverySchedule), "
    "what evidence proves it (evidencePlan), where (areas) and, for an area-level "
    "indicator, its contribution share. Without it the line cannot be judged and does "
    "not count (profile default: exclude the line).",
    category="credibility",
    template_nl="toezegging {commitment} geeft geen {what}: de geloofwaardigheid is niet te "
    "beoordelen",
)
CREAMING = define_rule(
    "credibility.creaming",
    Severity.WARNING,
    "Participants selected by the supplier (creaming)",
    "commitment {commitment} selects its participants itself ({selection}): the easiest "
    "candidates would have found their way anyway",
    "Catches creaming: a supplier that screens candidates for readiness counts people who "
    "would have reached the outcome without the contract. Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment} selecteert de deelnemers zelf ({selection}): de "
    "kansrijkste kandidaten waren ook zonder de opdracht geslaagd",
)
NOT_ADDITIONAL = define_rule(
    "credibility.not-additional",
    Severity.WARNING,
    "Beneficiaries not new to this contract",
    "commitment {commitment} counts beneficiaries who are {additionality}",
    "Catches results that were already there: people already served by the supplier or "
    "another contract. Profile default: exclude the line (already served) or count half "
    "(mixed).",
    category="credibility",
    template_nl="toezegging {commitment} telt begunstigden die {additionality} zijn",
)
BACK_LOADED = define_rule(
    "credibility.back-loaded",
    Severity.WARNING,
    "Delivery back-loaded into the end of the contract",
    "commitment {commitment} schedules {share} of its quantity in the last quarter of the "
    "contract period (from {from_date}), when shortfall can no longer be remedied",
    "Catches back-loading: results promised for the final months cannot be verified or "
    "made good during the contract. Threshold (a convention of the profile): more than half "
    "of the quantity in the last quarter. Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment} plant {share} van de hoeveelheid in het laatste "
    "kwart van de looptijd (vanaf {from_date}), als een tekort niet meer te herstellen is",
)
SCHEDULE_MISMATCH = define_rule(
    "credibility.schedule-mismatch",
    Severity.WARNING,
    "Delivery schedule does not add up",
    "commitment {commitment}: the delivery schedule adds up to {scheduled}, the commitment "
    "is {quantity}",
    "The schedule is what monitoring checks; one that does not add up to the commitment "
    "hides when the result comes. Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment}: het leveringsschema komt op {scheduled}, de "
    "toezegging is {quantity}",
)
EVIDENCE_BELOW_LEVEL = define_rule(
    "credibility.evidence-below-level",
    Severity.WARNING,
    "Evidence plan cannot reach the verification level",
    "commitment {commitment}: the evidence plan ({plan}) cannot reach verification level "
    "{level} that indicator {indicator} needs",
    "Self-declaration cannot meet a level that needs documents, a third party or a "
    "register; a plan that relies on the supplier's own statement promises an outcome "
    "nobody can verify. Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment}: het bewijsplan ({plan}) haalt verificatieniveau "
    "{level} niet dat indicator {indicator} vraagt",
)
PARTNER_NOT_INDEPENDENT = define_rule(
    "credibility.partner-not-independent",
    Severity.WARNING,
    "Delivery partner is the buyer or the supplier's own group",
    "commitment {commitment} names {partner} as partner, which is {relation}",
    "A partner route counts only for an independent organisation: the buyer itself (same "
    "chamber-of-commerce number) delivers its own services, and the supplier's own group is "
    "direct delivery under another name. Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment} noemt {partner} als partner, en dat is {relation}",
)
BUY_OFF = define_rule(
    "credibility.buy-off",
    Severity.WARNING,
    "Payment into a fund presented as delivery",
    "commitment {commitment} is delivered by a payment into a fund ({how}): buy-off, "
    "whatever the route is called",
    "A payment into a fund (a foundation, a social fund, a municipal pot) buys off the "
    "obligation; it is not a delivered outcome. Detected from paymentToFund and from a "
    "partner whose name says it is a fund. Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment} wordt geleverd met een storting in een fonds "
    "({how}): afkoop, hoe de route ook heet",
)
WHOLE_CHANGE = define_rule(
    "credibility.whole-change-claimed",
    Severity.WARNING,
    "Whole area-level change claimed",
    "commitment {commitment} claims {share} of the measured change in the area for "
    "indicator {indicator}",
    "An area-level outcome (e.g. residents reporting cohesion) changes for many reasons; "
    "a supplier claims its contribution, never the whole change. Profile default: exclude "
    "the line when the share is 1.",
    category="credibility",
    template_nl="toezegging {commitment} claimt {share} van de gemeten verandering in het "
    "gebied voor indicator {indicator}",
)
SAME_PEOPLE = define_rule(
    "credibility.same-people",
    Severity.WARNING,
    "Same people counted under several indicators",
    "commitment {commitment} counts the same group ({group}) as commitment {other} under "
    "indicator {indicator}, and the catalogue does not allow the two to be counted together",
    "One person counts once per indicator family per period; two indicators may count the "
    "same people only where the catalogue lists them in coCountableWith. The later "
    "commitment does not count (profile default: exclude the line).",
    category="credibility",
    template_nl="toezegging {commitment} telt dezelfde groep ({group}) als toezegging "
    "{other} bij indicator {indicator}, en de catalogus staat samentellen niet toe",
)
RECOUNTED = define_rule(
    "credibility.cohort-recounted",
    Severity.WARNING,
    "Cohort counted again",
    "commitment {commitment} counts the same group ({group}) under indicator {indicator} "
    "as commitment {other} (period {other_period})",
    "A cohort is counted once: the same people promised again for every contract year, or "
    "twice for one period, inflate the total. Profile default: exclude the repeat.",
    category="credibility",
    template_nl="toezegging {commitment} telt dezelfde groep ({group}) bij indicator "
    "{indicator} als toezegging {other} (periode {other_period})",
)
ABOVE_BOUND = define_rule(
    "credibility.above-plausibility-bound",
    Severity.WARNING,
    "Quantity above the contract's plausibility bound",
    "commitments to indicator {indicator} add up to {total} {unit}, above the plausibility "
    "bound of {bound} {unit} for this contract",
    "Bounds exist for every unit, derived from the contract value, its duration and the "
    "area's population (unit codelist columns; a tender may set its own), so they hold "
    "when the tender sets no target. Profile default: count at most the bound.",
    category="credibility",
    template_nl="toezeggingen voor indicator {indicator} komen op {total} {unit}, boven de "
    "plausibiliteitsgrens van {bound} {unit} voor deze opdracht",
)
UNIFORM_MULTIPLE = define_rule(
    "credibility.uniform-target-multiple",
    Severity.WARNING,
    "Every quantity at the same multiple of its target",
    "every commitment to a targeted indicator is exactly {multiple} times its target: "
    "quantities set by the scoring rule, not by a delivery plan",
    "Catches bids that place every quantity at the largest multiple a check tolerates. "
    "Profile default: count at most the target (cap at the target).",
    category="credibility",
    template_nl="elke toezegging voor een indicator met een doel is precies {multiple} keer "
    "dat doel: hoeveelheden afgestemd op de scoreregel, niet op een uitvoeringsplan",
)

PERSON_UNITS = frozenset({"person", "participant", "household"})
_FUND = re.compile(r"(fonds|\bfund)\b", re.IGNORECASE)
"""A fund in a partner's name (Dutch compounds end in -fonds: Leefbaarheidsfonds)."""
BACK_LOAD_SHARE = Decimal("0.5")


def _text(value: LocalizedText | None) -> str:
    if value is None:
        return ""
    return " ".join((value.nl or value.en or "").lower().split())


def group_key(commitment: Commitment) -> str:
    """The group a commitment serves (cohort target group, else beneficiary group), normalised."""
    if commitment.cohort is not None:
        return _text(commitment.cohort.target_group)
    return _text(commitment.beneficiary_group)


def _missing(ctx: CheckContext, bid: Bid, n: int, c: Commitment) -> Iterator[Finding]:
    indicator = ctx.indicator(c.indicator)
    wanted: list[tuple[str, bool]] = [
        ("areas", not c.areas),
        ("deliverySchedule", c.delivery_schedule is None),
        ("evidencePlan", c.evidence_plan is None),
    ]
    if indicator is not None and indicator.level != "area":
        wanted += [("cohort", c.cohort is None), ("additionality", c.additionality is None)]
    if indicator is not None and indicator.level == "area":
        wanted.append(("contributionShare", c.contribution_share is None))
    for what, absent in wanted:
        if absent:
            yield ctx.finding(DATA_MISSING, bid, "commitments", n, commitment=c.id, what=what)


def _cohort(ctx: CheckContext, bid: Bid, n: int, c: Commitment) -> Iterator[Finding]:
    if c.cohort is not None and c.cohort.selection == "supplier-screened":
        yield ctx.finding(
            CREAMING,
            bid,
            "commitments",
            n,
            "cohort",
            commitment=c.id,
            selection="supplier-screened",
        )
    if c.additionality in ("already-served", "mixed"):
        yield ctx.finding(
            NOT_ADDITIONAL,
            bid,
            "commitments",
            n,
            "additionality",
            commitment=c.id,
            additionality=c.additionality,
        )


def _schedule(
    ctx: CheckContext, tender: Tender, bid: Bid, n: int, c: Commitment
) -> Iterator[Finding]:
    if not c.delivery_schedule:
        return
    unit = c.quantity.unit
    try:
        parts = [
            (s.period.start, convert(s.quantity.value, s.quantity.unit, unit))
            for s in c.delivery_schedule
        ]
    except Exception:
        parts = []
    scheduled = sum((q for _, q in parts), Decimal(0))
    if scheduled != c.quantity.value:
        yield ctx.finding(
            SCHEDULE_MISMATCH,
            bid,
            "commitments",
            n,
            "deliverySchedule",
            commitment=c.id,
            scheduled=f"{scheduled} {unit}",
            quantity=f"{c.quantity.value} {unit}",
        )
        return
    start, end = tender.period.start, tender.period.end
    last_quarter = start + (end - start) * 3 / 4
    late = sum((q for day, q in parts if day >= last_quarter), Decimal(0))
    if c.quantity.value > 0 and late / c.quantity.value > BACK_LOAD_SHARE:
        share = f"{(late / c.quantity.value * 100).quantize(Decimal(1))}%"
        yield ctx.finding(
            BACK_LOADED,
            bid,
            "commitments",
            n,
            "deliverySchedule",
            commitment=c.id,
            share=share,
            from_date=last_quarter.isoformat(),
        )


def _evidence(
    ctx: CheckContext, tender: Tender, bid: Bid, n: int, c: Commitment
) -> Iterator[Finding]:
    indicator = ctx.indicator(c.indicator)
    if indicator is None or not c.evidence_plan:
        return
    level = indicator.minimum_verification
    regime = tender.award.evidence if tender.award is not None else None
    stricter = regime.minimum_verification if regime is not None else None
    if stricter is not None and verification_rank(stricter) > verification_rank(level):
        level = stricter
    reach = max(_ISSUER_RANK[item.issuer] for item in c.evidence_plan)
    if reach < verification_rank(level):
        plan = Bilingual(
            ", ".join(f"{i.evidence_type} by {i.issuer}" for i in c.evidence_plan),
            ", ".join(f"{i.evidence_type} door {i.issuer}" for i in c.evidence_plan),
        )
        yield ctx.finding(
            EVIDENCE_BELOW_LEVEL,
            bid,
            "commitments",
            n,
            "evidencePlan",
            commitment=c.id,
            plan=plan,
            level=level,
            indicator=c.indicator,
        )


_ISSUER_RANK = {"supplier": 1, "partner": 2, "independent-verifier": 3, "public-register": 4}
"""The highest verification level (rank) evidence from each issuer can reach."""


def _same_org(a: Organisation, b: Organisation) -> bool:
    return a.identifier.scheme == b.identifier.scheme and a.identifier.id == b.identifier.id


def _route(ctx: CheckContext, tender: Tender, bid: Bid, n: int, c: Commitment) -> Iterator[Finding]:
    route = c.delivery_route
    partner = route.partner if route is not None and route.partner else c.partner
    if partner is not None:
        relation = route.partner_relation if route is not None else None
        if _same_org(partner, tender.buyer) or relation == "buyer":
            what = "the buyer itself"
        elif _same_org(partner, bid.supplier) or relation == "own-group":
            what = "the supplier's own group"
        else:
            what = ""
        if what:
            yield ctx.finding(
                PARTNER_NOT_INDEPENDENT,
                bid,
                "commitments",
                n,
                commitment=c.id,
                partner=f"{partner.name} ({partner.identifier.scheme} {partner.identifier.id})",
                relation=what,
            )
        if _FUND.search(partner.name) and not is_payment_in_lieu(c):
            yield ctx.finding(
                BUY_OFF, bid, "commitments", n, commitment=c.id, how=f"partner {partner.name}"
            )
    if route is not None and route.payment_to_fund is not None and not is_payment_in_lieu(c):
        amount = route.payment_to_fund
        yield ctx.finding(
            BUY_OFF,
            bid,
            "commitments",
            n,
            "deliveryRoute",
            commitment=c.id,
            how=f"{amount.currency} {amount.amount}",
        )


def _area_share(ctx: CheckContext, bid: Bid, n: int, c: Commitment) -> Iterator[Finding]:
    if c.contribution_share is not None and c.contribution_share >= 1:
        yield ctx.finding(
            WHOLE_CHANGE,
            bid,
            "commitments",
            n,
            "contributionShare",
            commitment=c.id,
            share=str(c.contribution_share),
            indicator=c.indicator,
        )


def _co_countable(ctx: CheckContext, a: str, b: str) -> bool:
    first, second = ctx.indicator(a), ctx.indicator(b)
    return bool(
        (first is not None and b in (first.co_countable_with or ()))
        or (second is not None and a in (second.co_countable_with or ()))
    )


def _counting(ctx: CheckContext, bid: Bid) -> Iterator[Finding]:
    seen: dict[str, list[tuple[int, Commitment]]] = defaultdict(list)
    for n, c in enumerate(bid.commitments):
        key = group_key(c)
        if not key or c.quantity.unit not in PERSON_UNITS or is_payment_in_lieu(c):
            continue
        for _m, earlier in seen[key]:
            if earlier.indicator == c.indicator:
                yield ctx.finding(
                    RECOUNTED,
                    bid,
                    "commitments",
                    n,
                    commitment=c.id,
                    group=key,
                    indicator=c.indicator,
                    other=earlier.id,
                    other_period=f"{earlier.period.start} - {earlier.period.end}",
                )
                break
            elif not _co_countable(ctx, earlier.indicator, c.indicator):
                yield ctx.finding(
                    SAME_PEOPLE,
                    bid,
                    "commitments",
                    n,
                    commitment=c.id,
                    group=key,
                    indicator=c.indicator,
                    other=earlier.id,
                )
                break
        seen[key].append((n, c))


def _bounds(ctx: CheckContext, tender: Tender, bid: Bid) -> Iterator[Finding]:
    catalogue = ctx.catalogue
    if catalogue is None:
        return
    totals: dict[str, tuple[Decimal, int, str]] = {}
    for n, c in enumerate(bid.commitments):
        indicator = ctx.indicator(c.indicator)
        if indicator is None or is_payment_in_lieu(c):
            continue
        try:
            quantity = catalogue.in_unit(c.quantity, indicator.unit)
        except Exception:
            continue
        total, first, unit = totals.get(c.indicator, (Decimal(0), n, indicator.unit))
        totals[c.indicator] = (total + quantity, first, unit)
    for indicator_id, (total, first, unit) in totals.items():
        bound = plausibility_bound(tender, unit)
        if bound is not None and total > bound:
            yield ctx.finding(
                ABOVE_BOUND,
                bid,
                "commitments",
                first,
                indicator=indicator_id,
                total=str(total),
                unit=unit,
                bound=str(bound),
            )


def _uniform(ctx: CheckContext, tender: Tender, bid: Bid) -> Iterator[Finding]:
    catalogue = ctx.catalogue
    if catalogue is None:
        return
    targets = {t.indicator: t.target for t in tender.indicators if t.target is not None}
    multiples: set[Decimal] = set()
    count = 0
    for c in bid.commitments:
        target = targets.get(c.indicator)
        if target is None or target.value == 0 or is_payment_in_lieu(c):
            continue
        try:
            quantity = catalogue.in_unit(c.quantity, target.unit)
        except Exception:
            continue
        multiples.add((quantity / target.value).normalize())
        count += 1
    if count >= 2 and len(multiples) == 1:
        multiple = next(iter(multiples))
        if multiple >= 2:
            yield ctx.finding(UNIFORM_MULTIPLE, bid, "commitments", multiple=str(multiple))


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Credibility findings of a 2.0 bid against its tender and catalogue."""
    tender, bid = ctx.tender, ctx.bid
    if tender is None or bid is None or bid.standard_version == VERSION_1:
        return
    for n, c in enumerate(bid.commitments):
        if c.fulfilment is FulfilmentMode.PAYMENT_IN_LIEU:
            continue
        yield from _missing(ctx, bid, n, c)
        yield from _cohort(ctx, bid, n, c)
        yield from _schedule(ctx, tender, bid, n, c)
        yield from _evidence(ctx, tender, bid, n, c)
        yield from _route(ctx, tender, bid, n, c)
        yield from _area_share(ctx, bid, n, c)
    yield from _counting(ctx, bid)
    yield from _bounds(ctx, tender, bid)
    yield from _uniform(ctx, tender, bid)
