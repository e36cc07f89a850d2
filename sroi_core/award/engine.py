"""The award engine: the bids of one tender scored under its published rules (2.0).

Flow per bid: admit (or exclude with reasons), check (quality, credibility, across bids),
count each line (every finding's consequence applied and shown), score (attainment or
value), price, then rank all admitted bids. One bad bid never blocks the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from sroi_core.award.attainment import (
    attainment,
    attainment_points,
    indicator_weights,
    theme_multiplier,
)
from sroi_core.award.bounds import plausibility_bound
from sroi_core.award.consequences import (
    BID_REFUSED,
    CONTRIBUTION_SHARE,
    LINE_NOT_COUNTED,
    NO_TARGET,
    Consequence,
    consequence_of,
    line_index,
)
from sroi_core.award.cross_bid import copied_findings
from sroi_core.award.ledger import LedgerEntry, promised_elsewhere
from sroi_core.award.points import ZERO, fraction4, points, ratio, total
from sroi_core.award.price import price_points
from sroi_core.award.ranking import Contender, rank
from sroi_core.award.rules_in_force import resolve_rules
from sroi_core.award.value import absolute_points, line_value, relative_points
from sroi_core.contract import ContractContext
from sroi_core.errors import SroiError
from sroi_core.model.award import (
    Award,
    AwardFinding,
    AwardLine,
    BidAward,
    IndicatorAttainment,
    Points,
    RankEntry,
    Reduction,
    RulesInForce,
)
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import IndicatorKind
from sroi_core.model.commitment import Commitment
from sroi_core.model.tender import Tender
from sroi_core.model.types import DocumentRef
from sroi_core.quality.commitments import is_payment_in_lieu
from sroi_core.rules import Bilingual, Finding, Severity, json_pointer, make_finding
from sroi_core.scoring import Evaluation

SHARE_RULE = CONTRIBUTION_SHARE.id
"""Rule id shown on the step that counts a supplier's share of an area-level change."""


def award_finding(finding: Finding) -> AwardFinding:
    """A finding as the award document reports it."""
    return AwardFinding(
        rule_id=finding.rule_id,
        severity=finding.severity.value,
        file=finding.source,
        pointer=finding.pointer,
        message=finding.message,
        message_nl=finding.message_nl or None,
    )


@dataclass
class _Line:
    commitment: Commitment
    unit: str
    claimed: Decimal
    counted: Decimal
    reductions: list[Reduction] = field(default_factory=list)
    excluded: bool = False
    theme: str = ""

    def apply(  # noqa: PLR0917 - the reduction's fields, in their order
        self,
        rule_id: str,
        action: str,
        after: Decimal,
        message: str,
        message_nl: str,
        factor: Decimal | None = None,
    ) -> None:
        self.reductions.append(
            Reduction(
                rule_id=rule_id,
                action=action,
                factor=factor,
                before=fraction4(self.counted),
                after=fraction4(after),
                message=message,
                message_nl=message_nl or None,
            )
        )
        self.counted = after
        if action in ("exclude-line", "exclude-bid"):
            self.excluded = True


def _refuse(bid_id: str, reason: str, source: str, pointer: str = "") -> Finding:
    return make_finding(BID_REFUSED, pointer, source=source, bid=bid_id, reason=reason)


def _admission(
    bid: Bid, tender: Tender, catalogue: Catalogue, source: str, seen: set[str]
) -> list[Finding]:
    problems: list[Finding] = []
    if bid.id in seen:
        problems.append(_refuse(bid.id, "the same bid id was given twice", source, "/id"))
    if not bid.tender.matches(tender.id):
        problems.append(
            _refuse(
                bid.id, f"it answers tender {bid.tender.text}, not {tender.id}", source, "/tender"
            )
        )
    if not bid.catalogue.matches(catalogue.id, catalogue.version):
        problems.append(
            _refuse(
                bid.id,
                f"it names catalogue {bid.catalogue.text}, not {catalogue.id} {catalogue.version}",
                source,
                "/catalogue",
            )
        )
    return problems


def _count_line(n: int, c: Commitment, context: ContractContext, source: str) -> _Line:
    tender, catalogue = context.tender, context.catalogue
    indicator = catalogue.indicator(c.indicator)
    try:
        claimed = catalogue.in_unit(c.quantity, indicator.unit)
    except SroiError:
        claimed = ZERO
    line = _Line(c, indicator.unit, claimed, claimed, theme=indicator.theme)
    reason: Bilingual | None = None
    if is_payment_in_lieu(c):
        reason = Bilingual(
            "payment in lieu (buy-off) is never social value",
            "afkoop is nooit maatschappelijke waarde",
        )
    elif c.indicator not in context.asked:
        reason = Bilingual(
            f"indicator {c.indicator} is not one the tender asks for",
            f"de aanbesteding vraagt niet om indicator {c.indicator}",
        )
    elif tender.outcomes_only and indicator.kind is IndicatorKind.OUTPUT:
        reason = Bilingual(
            f"{c.indicator} is an output and the tender asks for outcomes only",
            f"{c.indicator} is een output en de aanbesteding vraagt alleen om uitkomsten",
        )
    if reason is not None:
        finding = make_finding(
            LINE_NOT_COUNTED,
            json_pointer("commitments", n),
            source=source,
            commitment=c.id,
            reason=reason,
        )
        line.apply(finding.rule_id, "exclude-line", ZERO, finding.message, finding.message_nl)
        return line
    if c.contribution_share is not None:
        after = claimed * c.contribution_share
        line.apply(
            SHARE_RULE,
            "reduce",
            after,
            f"area-level outcome: the supplier's contribution share {c.contribution_share} "
            "of the measured change counts",
            f"uitkomst op gebiedsniveau: het aandeel {c.contribution_share} van de leverancier "
            "in de gemeten verandering telt mee",
            c.contribution_share,
        )
    return line


def _apply_line_consequences(lines: list[_Line], found: list[Consequence], bid: Bid) -> None:
    for item in found:
        index = line_index(item.finding, bid)
        targets = lines if index is None else [lines[index]]
        for line in targets:
            if line.excluded:
                continue
            text = f"{item.finding.rule_id}: {item.finding.message}"
            text_nl = f"{item.finding.rule_id}: {item.finding.message_nl}"
            if item.action in ("exclude-line", "exclude-bid"):
                line.apply(item.finding.rule_id, item.action, ZERO, text, text_nl)
            elif item.action == "reduce":
                factor = item.factor if item.factor is not None else Decimal("0.5")
                if factor != 1:
                    after = line.counted * factor
                    line.apply(item.finding.rule_id, "reduce", after, text, text_nl, factor)


def _apply_caps(
    lines: list[_Line], found: list[Consequence], tender: Tender, catalogue: Catalogue, bid: Bid
) -> None:
    """Cap the indicator a finding points to (every indicator for a bid-level finding)."""
    targets = {t.indicator: t.target for t in tender.indicators}
    caps = [c for c in found if c.action in ("cap-at-bound", "cap-at-target")]
    by_indicator: dict[str, list[_Line]] = defaultdict(list)
    for line in lines:
        if not line.excluded:
            by_indicator[line.commitment.indicator].append(line)
    for indicator_id, group in by_indicator.items():
        unit = group[0].unit
        for cap in caps:
            index = line_index(cap.finding, bid)
            if index is not None and bid.commitments[index].indicator != indicator_id:
                continue
            if cap.action == "cap-at-bound":
                limit = plausibility_bound(tender, unit)
            else:
                target = targets.get(indicator_id)
                limit = catalogue.in_unit(target, unit) if target is not None else None
            current = total(line.counted for line in group)
            if limit is None or current <= limit or current == 0:
                continue
            scale = ratio(limit, current)
            for line in group:
                line.apply(
                    cap.finding.rule_id,
                    cap.action,
                    line.counted * scale,
                    f"{cap.finding.rule_id}: counted at most {limit} {unit} for {indicator_id}",
                    f"{cap.finding.rule_id}: ten hoogste {limit} {unit} geteld voor {indicator_id}",
                )


@dataclass
class _Scored:
    bid: Bid
    source: str
    findings: list[Finding]
    lines: list[_Line]
    indicators: list[IndicatorAttainment] = field(default_factory=list)
    quantitative: Decimal = ZERO
    weighted_attainment: Decimal = ZERO
    value: Decimal | None = None
    qualitative: Decimal | None = None
    other: Decimal | None = None
    price: Decimal | None = None
    refused: list[Finding] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


def _indicators(s: _Scored, tender: Tender, catalogue: Catalogue, rules: RulesInForce) -> None:
    weights = indicator_weights(tender)
    rows: list[tuple[Decimal, Decimal]] = []
    for item in tender.indicators:
        indicator = catalogue.indicator(item.indicator)
        counted = total(
            line.counted for line in s.lines if line.commitment.indicator == item.indicator
        )
        target = catalogue.in_unit(item.target, indicator.unit) if item.target else None
        weight = ZERO
        reached: Decimal | None = None
        if item.indicator in weights and target:
            weight = weights[item.indicator] * theme_multiplier(tender, rules, indicator.theme)
            reached = attainment(counted, target, rules.attainment_cap)
            rows.append((weight, reached))
            s.explanation.append(
                f"{item.indicator}: counted {fraction4(counted)} / target {target} "
                f"{indicator.unit} -> attainment {reached} (cap {rules.attainment_cap}), "
                f"weight {weight}"
            )
        s.indicators.append(
            IndicatorAttainment(
                indicator=item.indicator,
                theme=indicator.theme,
                unit=indicator.unit,
                counted=fraction4(counted),
                target=target,
                bound=plausibility_bound(tender, indicator.unit),
                attainment=reached,
                weight=weight,
            )
        )
    s.quantitative, s.weighted_attainment = attainment_points(rows, rules)


def _evaluate(s: _Scored, evaluation: Evaluation | None, rules: RulesInForce) -> None:
    row = evaluation.row_for(s.bid.id) if evaluation is not None else None
    s.qualitative = row.qualitative_score if row is not None else None
    s.other = row.other_quality_score if row is not None else None
    price = row.price if row is not None and row.price is not None else None
    if price is None and s.bid.bid_price is not None:
        if s.bid.bid_price.currency != rules.currency:
            s.refused.append(
                _refuse(
                    s.bid.id,
                    f"its price is in {s.bid.bid_price.currency}, not {rules.currency}",
                    s.source,
                    "/bidPrice/currency",
                )
            )
        price = s.bid.bid_price.amount
    s.price = price
    needs = [
        (rules.qualitative_share > 0 and s.qualitative is None, "a qualitative score"),
        (rules.weights.other_quality > 0 and s.other is None, "an other-quality score"),
        (rules.weights.price > 0 and rules.price_formula != "none" and price is None, "a price"),
    ]
    for missing, what in needs:
        if missing:
            s.refused.append(
                _refuse(s.bid.id, f"the award needs {what} and none was given", s.source)
            )
    if rules.weights.price > 0 and price is not None and price <= 0:
        s.refused.append(
            _refuse(s.bid.id, f"its price {price} is not above 0", s.source, "/bidPrice")
        )


def _value(s: _Scored, context: ContractContext, rules: RulesInForce) -> None:
    valuation = context.valuation(s.bid)
    by_line = {line.line_id: line for line in valuation.lines}
    values = []
    for line in s.lines:
        valued = by_line.get(line.commitment.id)
        if valued is None or line.excluded:
            continue
        values.append(line_value(valued, rules.perspective, line.counted, line.claimed))
    s.value = total(values)


def award_bids(
    tender: Tender,
    bids: Sequence[Bid],
    catalogue: Catalogue,
    evaluation: Evaluation | None = None,
    *,
    refused: Mapping[str, Sequence[Finding]] | None = None,
    sources: Mapping[str, str] | None = None,
    ledger: Sequence[LedgerEntry] = (),
) -> Award:
    """Score and rank ``bids`` under ``tender``'s award rules (docs/procurement-profile.md).

    ``refused`` lists bids that could not be read (by file name) with their findings: they
    appear in the award as excluded. An invalid or refused bid never stops the others.
    ``ledger`` holds the buyer's commitments of other contracts (promised-twice check).
    Raises SroiError only for a tender that cannot be awarded at all (another catalogue).
    """
    if not tender.catalogue.matches(catalogue.id, catalogue.version):
        raise SroiError(
            f"tender {tender.id} names catalogue {tender.catalogue.text}, not "
            f"{catalogue.id} {catalogue.version}"
        )
    for item in tender.indicators:
        catalogue.indicator(item.indicator)  # a tender the catalogue cannot read: no award
    context = ContractContext.build(tender, catalogue, bids, sources=sources)
    rules, defaults = resolve_rules(tender, context.currency)
    tender_source = context.tender_source
    ordered = sorted(bids, key=lambda b: b.id)
    copied = copied_findings(ordered, {b.id: context.bid_source(b) for b in ordered})
    seen: set[str] = set()
    scored: list[_Scored] = []
    tender_findings: list[Finding] = []
    checked_tender = False  # the tender's own findings are the same with every bid
    if rules.method == "outcome-attainment":
        tender_findings += [
            make_finding(
                NO_TARGET,
                json_pointer("indicators", n),
                source=tender_source,
                indicator=item.indicator,
            )
            for n, item in enumerate(tender.indicators)
            if item.target is None or item.target.value == 0
        ]
    for bid in ordered:
        source = context.bid_source(bid)
        problems = _admission(bid, tender, catalogue, source, seen)
        seen.add(bid.id)
        if problems:
            scored.append(_Scored(bid, source, [], [], refused=problems))
            continue
        checks = context.checks(bid)
        if not checked_tender:
            tender_findings += [f for f in checks if f.source == tender_source]
            checked_tender = True
        findings = [f for f in checks if f.source == source] + copied.get(bid.id, [])
        findings += promised_elsewhere(bid, ledger, source)
        try:
            scored.append(_score_bid(bid, source, findings, context, rules, evaluation))
        except SroiError as error:
            refusal = _refuse(bid.id, f"it cannot be scored: {error}", source)
            scored.append(_Scored(bid, source, findings, [], refused=[refusal]))
    return _result(tender, catalogue, rules, defaults, scored, refused or {}, tender_findings)


def _score_bid(  # noqa: PLR0917 - one call site, each input named
    bid: Bid,
    source: str,
    findings: list[Finding],
    context: ContractContext,
    rules: RulesInForce,
    evaluation: Evaluation | None,
) -> _Scored:
    """Count, consequence, score and evaluate one admitted bid."""
    tender, catalogue = context.tender, context.catalogue
    lines = [_count_line(n, c, context, source) for n, c in enumerate(bid.commitments)]
    consequences = [c for f in findings if (c := consequence_of(f, tender)) is not None]
    s = _Scored(bid, source, findings, lines)
    for item in consequences:
        if item.action == "exclude-bid":
            s.refused.append(_refuse(bid.id, item.finding.message, source, item.finding.pointer))
    _apply_line_consequences(lines, consequences, bid)
    _apply_caps(lines, consequences, tender, catalogue, bid)
    _indicators(s, tender, catalogue, rules)
    _evaluate(s, evaluation, rules)
    if rules.method != "outcome-attainment" and not s.refused:
        try:
            _value(s, context, rules)
        except SroiError as error:
            s.refused.append(_refuse(bid.id, f"it cannot be valued: {error}", source))
    return s


def _minimum_met(s: _Scored, tender: Tender, rules: RulesInForce) -> bool | None:
    if rules.method == "outcome-attainment":
        if rules.minimum_attainment is None:
            return None
        return s.weighted_attainment >= rules.minimum_attainment
    if rules.minimum_value_share is None:
        return None
    return (s.value or ZERO) >= rules.minimum_value_share * tender.contract_value.amount


def _social_value(
    s: _Scored, rules: RulesInForce, best: Decimal, tender: Tender, compliant: bool | None
) -> Decimal:
    if rules.method == "relative-value":
        s.quantitative = relative_points(s.value or ZERO, best, rules.max_points)
    elif rules.method == "absolute-value":
        share = rules.minimum_value_share
        minimum = share * tender.contract_value.amount if share is not None else None
        s.quantitative = absolute_points(s.value or ZERO, minimum, rules.max_points)
    if compliant is False and rules.minimum_policy == "zero-points":
        return ZERO
    q = rules.qualitative_share
    return points(s.quantitative * (1 - q) + (s.qualitative or ZERO) * q)


def _result(  # noqa: PLR0917 - one call site, each input named
    tender: Tender,
    catalogue: Catalogue,
    rules: RulesInForce,
    defaults: tuple,  # type: ignore[type-arg]
    scored: list[_Scored],
    refused: Mapping[str, Sequence[Finding]],
    tender_findings: list[Finding],
) -> Award:
    admitted = [s for s in scored if not s.refused]
    compliance = {s.bid.id: _minimum_met(s, tender, rules) for s in admitted}
    competing = [
        s
        for s in admitted
        if not (rules.minimum_policy == "exclude" and compliance[s.bid.id] is False)
    ]
    best = max((s.value or ZERO for s in competing), default=ZERO)
    prices = [s.price for s in competing if s.price is not None and s.price > 0]
    lowest = min(prices) if prices else None
    entries: dict[str, BidAward] = {}
    contenders: list[Contender] = []
    for s in admitted:
        compliant = compliance[s.bid.id]
        social = _social_value(s, rules, best, tender, compliant)
        price_pts = (
            price_points(s.price, lowest, rules.price_formula, rules.max_points)
            if s.price is not None and lowest is not None
            else ZERO
        )
        other = s.other or ZERO
        weights = rules.weights
        grand = points(
            weights.social_value * social
            + weights.price * price_pts
            + weights.other_quality * other
        )
        reductions = _reduction_count(s)
        if s in competing:
            contenders.append(
                Contender(
                    s.bid.id,
                    grand,
                    compliant is not False,
                    reductions,
                    social,
                    s.qualitative or ZERO,
                    price_pts,
                )
            )
        entries[s.bid.id] = _bid_award(s, social, price_pts, grand, compliant, reductions)
    ranks, ties = rank(contenders, rules.tie_break)
    bids_out: list[BidAward] = []
    for s in scored:
        if s.refused:
            bids_out.append(
                BidAward(
                    bid=s.bid.id,
                    supplier=s.bid.supplier,
                    status="excluded",
                    exclusion_reasons=tuple(award_finding(f) for f in s.refused),
                )
            )
            continue
        entry = entries[s.bid.id]
        place = ranks.get(s.bid.id)
        tied = next((g for g in ties if s.bid.id in g), ())
        bids_out.append(
            entry.model_copy(
                update={
                    "rank": place,
                    "status": "ranked" if place is not None else "excluded",
                    "tied_with": tuple(b for b in tied if b != s.bid.id),
                }
            )
        )
    for name, problems in sorted(refused.items()):
        bids_out.append(
            BidAward(
                bid=_safe_id(name),
                status="excluded",
                exclusion_reasons=tuple(award_finding(f) for f in problems),
            )
        )
    bids_out.sort(key=lambda b: (b.rank is None, b.rank or 0, b.bid))
    ranking = tuple(
        RankEntry(rank=b.rank, bid=b.bid, total=b.points.total or ZERO)
        for b in bids_out
        if b.rank is not None
    )
    return Award(
        standard_version=tender.standard_version,
        id=_safe_id(f"{tender.id}-award"),
        tender=DocumentRef(id=tender.id),
        catalogue=DocumentRef(id=catalogue.id, version=catalogue.version),
        rules=rules,
        defaults_applied=defaults,
        ranking=ranking,
        ties=tuple(ties),
        bids=tuple(bids_out),
        notes=(
            "Lines are counted after every finding's consequence; each reduction names "
            "its rule id.",
        ),
        tender_findings=tuple(award_finding(f) for f in tender_findings),
    )


def _status(line: _Line) -> Literal["counted", "reduced", "excluded"]:
    if line.excluded:
        return "excluded"
    if any(r.rule_id != SHARE_RULE for r in line.reductions):
        return "reduced"
    return "counted"


def _reduction_count(s: _Scored) -> int:
    """Findings with an award consequence, plus lines that do not count (tie-break input)."""
    consequential = sum(1 for f in s.findings if f.severity is not Severity.INFO)
    not_counted = sum(
        1 for line in s.lines for r in line.reductions if r.rule_id == LINE_NOT_COUNTED.id
    )
    return consequential + not_counted


def _safe_id(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "._:-" else "-" for ch in text)[-128:]
    return cleaned.lstrip("._:-") or "bid"


def _bid_award(  # noqa: PLR0917 - one call site
    s: _Scored,
    social: Decimal,
    price_pts: Decimal,
    grand: Decimal,
    compliant: bool | None,
    reductions: int,
) -> BidAward:
    lines = tuple(
        AwardLine(
            commitment=line.commitment.id,
            indicator=line.commitment.indicator,
            theme=line.theme,
            claimed=line.commitment.quantity,
            counted=fraction4(line.counted),
            unit=line.unit,
            status=_status(line),
            reductions=tuple(line.reductions),
        )
        for line in s.lines
    )
    return BidAward(
        bid=s.bid.id,
        supplier=s.bid.supplier,
        status="ranked",
        compliant=compliant,
        price=s.price,
        counted_value=s.value,
        points=Points(
            quantitative=s.quantitative,
            qualitative=s.qualitative,
            social_value=social,
            price=price_pts,
            other_quality=s.other,
            total=grand,
        ),
        reductions=reductions,
        lines=lines,
        indicators=tuple(s.indicators),
        explanation=tuple(s.explanation),
        findings=tuple(award_finding(f) for f in s.findings if f.severity is not Severity.INFO),
    )
