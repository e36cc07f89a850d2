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
from dataclasses import dataclass, field
from decimal import Decimal

from sroi_core._decimal import display_context, quantize_display
from sroi_core.documents import document_dict
from sroi_core.errors import SroiError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.evidence import Evidence
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.tender import Tender
from sroi_core.model.valuation import Valuation
from sroi_core.monitoring import MonitoringResult, monitor_contract
from sroi_core.quality import run_checks
from sroi_core.report.formatting import check_language
from sroi_core.rules import Finding
from sroi_core.scoring import (
    BidScore,
    Evaluation,
    EvaluationRow,
    minimum_social_value,
    score_bids,
)
from sroi_core.units import convert
from sroi_core.valuation.document import canonical_json, value_document

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
    """The bid's eligibility for the award (which commitments count and why)."""
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


def _award(
    tender: Tender, bid: Bid, catalogue: Catalogue, names: Mapping[str, str]
) -> BidScore | None:
    """Which commitments count toward the award, from the scoring itself.

    Eligibility does not depend on other bids or on the evaluators' scores, so the bid is
    scored on its own with neutral sheet figures; only its lines and eligible value are used.
    """
    row = EvaluationRow(
        bid_id=bid.id,
        price=None if bid.bid_price is not None else Decimal(1),
        qualitative_score=ZERO,
        other_quality_score=ZERO,
    )
    try:
        result = score_bids(tender, [bid], catalogue, Evaluation(rows=(row,)), sources=names)
    except SroiError:
        return None
    return result.bid(bid.id)


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


def _in_unit(value: Decimal, unit: str, wanted: str, catalogue: Catalogue) -> Decimal | None:
    if unit == wanted:
        return value
    try:
        return convert(value, unit, wanted, fte_norm_hours=catalogue.fte_hours())
    except SroiError:
        return None


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
        amount = _in_unit(item.quantity.value, item.quantity.unit, unit, catalogue)
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
    valuation = value_document(bid, catalogue, tender=tender)
    monitoring = None
    if pairs:
        monitoring = monitor_contract(tender, bid, pairs, catalogue, as_of, sources=names)
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
    tender_source = names.get(tender.id, f"<tender {tender.id}>")
    bid_source = names.get(bid.id, f"<bid {bid.id}>")
    findings = list(
        run_checks([(tender, tender_source), (bid, bid_source), *pairs], catalogue=catalogue)
    )
    if monitoring is not None:
        findings.extend(f for f in monitoring.findings if f.rule_id.startswith("monitoring."))
    minimum, _ = minimum_social_value(tender)
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
        award=_award(tender, bid, catalogue, names),
        minimum=minimum,
        findings=tuple(findings),
        proxies=_proxies(valuation, monitoring, catalogue),
        quantities=_quantities(tender, valuation, monitoring, items, catalogue),
        items=items,
    )
