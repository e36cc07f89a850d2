"""Gathering what a report shows: valuation, monitoring, award eligibility, findings, sources.

:func:`build_report` runs the engine's own components — :func:`value_document` for what
was promised, :func:`monitor_contract` for what was delivered and the forecast,
:func:`score_bids` for which commitments count toward the award, :func:`run_checks` for
the quality findings — and keeps their results in one :class:`ReportData`. Nothing is
computed twice in another way: the renderers only format and arrange these results.

The date a report speaks for is never the wall clock: it is the monitoring's as-of date
(by default the end of the latest evidence report), or the bid's submission date when no
evidence is given, so the same inputs always give the same report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sroi_core._decimal import (
    display_context,
    exact_context,
    exact_sum,
    quantize_display,
    round_cent,
)
from sroi_core.contract import ContractContext
from sroi_core.documents import document_dict
from sroi_core.errors import SroiError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import Perspective
from sroi_core.model.evidence import Evidence
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.tender import Tender
from sroi_core.model.valuation import Valuation
from sroi_core.monitoring import MonitoringResult, monitor
from sroi_core.report.formatting import check_language
from sroi_core.rules import Finding
from sroi_core.scoring import (
    BidScore,
    Evaluation,
    EvaluationRow,
    minimum_social_value,
    score_bids,
)
from sroi_core.valuation.document import canonical_json

ZERO = Decimal("0")


@dataclass(frozen=True)
class IndicatorQuantity:
    """Committed and reported quantities of one indicator, in the indicator's unit."""

    indicator: str
    unit: str
    committed: Decimal
    verified: Decimal = ZERO
    unverified: Decimal = ZERO
    rejected: Decimal = ZERO
    """Rejected and withdrawn together: claimed, never counted."""

    @property
    def realisation(self) -> Decimal | None:
        """Verified as a percentage of committed, one decimal (None when nothing committed)."""
        if self.committed <= 0:
            return None
        context = display_context(self.verified, self.committed)
        share = context.multiply(context.divide(self.verified, self.committed), 100)
        return quantize_display(share, Decimal("0.1"))


@dataclass(frozen=True)
class AwardValue:
    """The value of the lines that count for the award, in each perspective apart.

    Only ``counted`` — the award's own perspective — is "value that counts for the award";
    the other perspectives' value of the same lines is shown beside it, never added to it
    (issue 10: no total, ratio or score adds values of different perspectives).
    """

    perspective: Perspective
    counted: Decimal
    """Value of the counted lines in the award's perspective."""
    committed: Decimal
    """Value of every line of the bid in the award's perspective (what could have counted)."""
    others: tuple[tuple[Perspective, Decimal], ...] = ()
    """(perspective, value of the counted lines) for every other perspective."""
    awarded_1_0: Decimal | None = None
    """Under a 1.0 tender: the eligible value the 1.0 award counted, all perspectives
    summed as the frozen 1.0 method does. The report shows it as the 1.0 figure, with each
    perspective apart beside it, so the report and the award made under 1.0 agree."""

    @property
    def decisive(self) -> Decimal:
        """The figure the award's minimum was judged on: the 1.0 sum or the perspective's."""
        return self.counted if self.awarded_1_0 is None else self.awarded_1_0


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, computed once; renderers only format it."""

    language: str
    tender: Tender
    bid: Bid
    catalogue: Catalogue
    valuation: Valuation
    """The bid valued by the engine: what was promised."""
    as_of: dt.date
    input_sha256: str
    """SHA-256 of the canonical inputs (standard, catalogue, tender, bid, reports, as-of)."""
    reports: tuple[tuple[EvidenceReport, str], ...] = ()
    monitoring: MonitoringResult | None = None
    award: BidScore | None = None
    """The bid's eligibility for the award under a 1.0 tender (which commitments count, why)."""
    award_value: AwardValue | None = None
    """What counts for the award, in the award's perspective only (1.0 and 2.0 tenders)."""
    minimum: Decimal | None = None
    findings: tuple[Finding, ...] = ()
    proxies: tuple[ProxyValue, ...] = ()
    quantities: tuple[IndicatorQuantity, ...] = ()
    items: Mapping[str, Evidence] = field(default_factory=dict)
    """The version of each evidence item the monitoring used, by item id."""

    @property
    def has_evidence(self) -> bool:
        """Whether evidence reports were given."""
        return self.monitoring is not None


def _neutral_sheet(bid: Bid) -> Evaluation:
    """Evaluators' figures that change no bid's eligibility (a bid scored on its own)."""
    row = EvaluationRow(
        bid_id=bid.id,
        price=None if bid.bid_price is not None else Decimal(1),
        qualitative_score=ZERO,
        other_quality_score=ZERO,
    )
    return Evaluation(rows=(row,))


def _award(context: ContractContext, bid: Bid) -> BidScore | None:
    """Which commitments count toward a 1.0 award, from the 1.0 scoring itself.

    Eligibility does not depend on other bids or on the evaluators' scores, so the bid is
    scored on its own with neutral sheet figures; only its lines and eligible value are used.
    A 2.0 tender publishes award rules instead: :func:`_award_value` reads those.
    """
    if context.tender.scoring is None:
        return None
    tender, catalogue = context.tender, context.catalogue
    try:
        result = score_bids(tender, [bid], catalogue, _neutral_sheet(bid), context=context)
    except SroiError:
        return None
    return result.bid(bid.id)


def _split(
    counted: Mapping[str, Decimal], valuation: Valuation, perspective: Perspective
) -> AwardValue:
    """Per perspective, the value of each line times the share of it that counts."""
    context = exact_context()
    by_perspective: dict[Perspective, Decimal] = {}
    for each in Perspective:
        by_perspective[each] = round_cent(
            exact_sum(
                context.multiply(line.perspective_value(each), counted[line.line_id])
                for line in valuation.lines
                if line.line_id in counted
            )
        )
    return AwardValue(
        perspective=perspective,
        counted=by_perspective[perspective],
        committed=exact_sum(line.perspective_value(perspective) for line in valuation.lines),
        others=tuple(
            (each, value)
            for each, value in by_perspective.items()
            if each is not perspective and value > 0
        ),
    )


def _award_value(context: ContractContext, bid: Bid, award: BidScore | None) -> AwardValue | None:
    """What counts for the award, in the award's perspective (the others apart)."""
    valuation = context.valuation(bid)
    if award is not None:  # 1.0: a line scores whole or not at all
        shares = {line.commitment: Decimal(1) for line in award.lines if line.scored}
        split = _split(shares, valuation, context.perspective)
        return replace(split, awarded_1_0=award.eligible_value)
    if context.tender.award is None:
        return None
    from sroi_core.award.engine import award_bids  # noqa: PLC0415 - heavy, 2.0 only

    tender, catalogue = context.tender, context.catalogue
    try:
        result = award_bids(
            tender, [bid], catalogue, _neutral_sheet(bid), sources=dict(context.sources)
        )
    except SroiError:
        return None
    entry = next(b for b in result.bids if b.bid == bid.id)
    shares = {}
    for line in entry.lines:  # an excluded bid has no lines: nothing counts
        claimed = catalogue.in_unit_or_none(line.claimed, line.unit)
        if line.status != "excluded" and claimed:
            shares[line.commitment] = exact_context().divide(line.counted, claimed)
    return _split(shares, valuation, context.perspective)


def _digest(
    tender: Tender,
    bid: Bid,
    catalogue: Catalogue,
    reports: Sequence[EvidenceReport],
    as_of: dt.date,
) -> str:
    documents = [document_dict(r) for r in reports]
    payload = {
        "standardVersion": tender.standard_version,
        "catalogue": {"id": catalogue.id, "version": catalogue.version},
        "tender": document_dict(tender),
        "bid": document_dict(bid),
        "evidenceReports": sorted(documents, key=canonical_json),
        "asOf": as_of.isoformat(),
    }
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def _quantities(
    tender: Tender,
    valuation: Valuation,
    monitoring: MonitoringResult | None,
    items: Mapping[str, Evidence],
    catalogue: Catalogue,
) -> tuple[IndicatorQuantity, ...]:
    order: list[str] = [t.indicator for t in tender.indicators]
    committed: dict[str, Decimal] = {}
    units: dict[str, str] = {}
    for line in valuation.lines:
        if line.indicator not in order:
            order.append(line.indicator)
        units[line.indicator] = line.quantity.unit
        if line.status != "payment-in-lieu":
            committed[line.indicator] = committed.get(line.indicator, ZERO) + line.quantity.value
    buckets: dict[tuple[str, str], Decimal] = {}
    for entry in monitoring.items if monitoring is not None else ():
        item = items.get(entry.item)
        if item is None:
            continue
        if entry.indicator not in order:
            order.append(entry.indicator)
        unit = units.get(entry.indicator)
        if unit is None:
            try:
                unit = catalogue.indicator(entry.indicator).unit
            except SroiError:
                unit = item.quantity.unit
            units[entry.indicator] = unit
        amount = catalogue.in_unit_or_none(item.quantity, unit)
        if amount is None:
            continue
        bucket = "rejected" if entry.bucket in ("rejected", "withdrawn") else entry.bucket
        key = (entry.indicator, bucket)
        buckets[key] = buckets.get(key, ZERO) + amount
    rows = []
    for indicator in order:
        unit = units.get(indicator)
        if unit is None:
            try:
                unit = catalogue.indicator(indicator).unit
            except SroiError:
                continue
        rows.append(
            IndicatorQuantity(
                indicator=indicator,
                unit=unit,
                committed=committed.get(indicator, ZERO),
                verified=buckets.get((indicator, "verified"), ZERO),
                unverified=buckets.get((indicator, "unverified"), ZERO),
                rejected=buckets.get((indicator, "rejected"), ZERO),
            )
        )
    return tuple(rows)


def _proxies(
    valuation: Valuation, monitoring: MonitoringResult | None, catalogue: Catalogue
) -> tuple[ProxyValue, ...]:
    """The proxy values the figures rest on, in the order the lines first use them."""
    wanted: list[str] = []
    for line in valuation.lines:
        for value in line.values:
            if value.proxy_value not in wanted:
                wanted.append(value.proxy_value)
    for entry in monitoring.items if monitoring is not None else ():
        for proxy in catalogue.proxies_for(entry.indicator):
            if proxy.id not in wanted:
                wanted.append(proxy.id)
    index = {proxy.id: proxy for proxy in catalogue.proxy_values}
    return tuple(index[proxy_id] for proxy_id in wanted if proxy_id in index)


def _minimum(tender: Tender) -> Decimal | None:
    """The minimum value a bid must offer: the 2.0 award rules' value share, else 1.0's."""
    rule = tender.award.minimum if tender.award is not None else None
    if rule is not None and rule.value_share is not None:
        return round_cent(rule.value_share * tender.contract_value.amount)
    minimum, _ = minimum_social_value(tender)
    return minimum


def build_report(
    tender: Tender,
    bid: Bid,
    catalogue: Catalogue,
    reports: Sequence[EvidenceReport | tuple[EvidenceReport, str]] = (),
    *,
    language: str = "nl",
    as_of: dt.date | None = None,
    sources: Mapping[str, str] | None = None,
) -> ReportData:
    """Gather everything a report on ``bid`` under ``tender`` shows.

    Args:
        tender: The tender (contract, area, indicators, priorities, conventions).
        bid: The bid the report is about (normally the winning bid: the contract).
        catalogue: The catalogue the documents name.
        reports: The contract's evidence reports, each optionally with its file name. They
            are taken in period order, so the order given does not change the report.
        language: ``nl`` (default) or ``en``.
        as_of: The date the report speaks for; default: the end of the latest evidence
            report, or the bid's submission date without evidence.
        sources: File names of the tender and bid by document id, used in findings.

    Raises:
        ValuationError: the bid names another tender or catalogue (code
            ``document-mismatch``), or a proxy cannot be valued.
        MonitoringInputError: an evidence report belongs to another contract.
        MonitoringError: an evidence report starts after ``as_of``.
        SroiError: an unknown language.

    """
    check_language(language)
    names = dict(sources or {})
    pairs = sorted(
        (r if isinstance(r, tuple) else (r, f"<report {r.id}>") for r in reports),
        key=lambda pair: (pair[0].period.start, pair[0].period.end, pair[0].id, pair[1]),
    )
    context = ContractContext.build(tender, catalogue, (bid,), pairs, names)
    valuation = context.valuation(bid)
    monitoring = None
    if pairs:
        monitoring = monitor(context, bid, as_of)
        moment = monitoring.as_of
    else:
        moment = as_of if as_of is not None else bid.submitted
    versions: dict[tuple[str, str], Evidence] = {}
    for report, _ in pairs:
        for item in report.items:
            versions[(report.id, item.id)] = item
    items: dict[str, Evidence] = {}
    for entry in monitoring.items if monitoring is not None else ():
        found = versions.get((entry.version_from, entry.item))
        if found is not None:
            items[entry.item] = found
    findings = list(context.checks(bid, with_reports=bool(pairs)))
    if monitoring is not None:
        findings.extend(f for f in monitoring.findings if f.rule_id.startswith("monitoring."))
    award = _award(context, bid)
    return ReportData(
        language=language,
        tender=tender,
        bid=bid,
        catalogue=catalogue,
        valuation=valuation,
        as_of=moment,
        input_sha256=_digest(tender, bid, catalogue, [r for r, _ in pairs], moment),
        reports=tuple(pairs),
        monitoring=monitoring,
        award=award,
        award_value=_award_value(context, bid, award),
        minimum=_minimum(tender),
        findings=tuple(findings),
        proxies=_proxies(valuation, monitoring, catalogue),
        quantities=_quantities(tender, valuation, monitoring, items, catalogue),
        items=items,
    )
