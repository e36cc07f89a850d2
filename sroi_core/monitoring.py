"""Realisation monitoring: what a contract committed versus what the buyer verified.

:func:`monitor_contract` combines a contract's evidence reports (one per reporting period,
or several versions of one report), values the latest version of every evidence item with
the engine (:func:`sroi_core.valuation.document.value_document`) and sets it against the
bid's commitments: per contract, theme, indicator, commitment and reporting period.
docs/monitoring.md is the normative text; in short:

* only **verified** value counts; submitted (unverified), rejected and withdrawn value is
  shown in its own column and never counted; evidence against a bought-off commitment or
  a commitment the bid does not have is shown as not counted;
* an item id that appears in several reports counts once: the version with the latest
  history entry (then the report with the latest period) is used, and the item belongs to
  the reporting period of the first report it appears in;
* realisation = verified / committed x 100, rounded half to even to 0.1;
* the forecast to contract end is linear per indicator -- verified value x contract days /
  elapsed days -- capped at the committed value unless more is already verified; 0 when
  nothing is verified; it is a trend, not a promise;
* ``as_of`` defaults to the latest report period end (no wall clock: same input, same
  output).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sroi_core._decimal import decimal_text, exact_context, round_cent
from sroi_core.contract import ContractContext
from sroi_core.errors import FindingsError, SroiError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import ValuationFamily, VerificationStatus
from sroi_core.model.evidence import Evidence
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender
from sroi_core.model.types import Period
from sroi_core.model.valuation import ValuationLine
from sroi_core.quality.privacy import per_person_records
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding
from sroi_core.valuation.document import value_document
from sroi_core.verification import changed_fields, effective_status

__all__ = [
    "Breakdown",
    "Figures",
    "ItemLine",
    "MonitoringError",
    "MonitoringInputError",
    "MonitoringResult",
    "ReportUse",
    "monitor",
    "monitor_contract",
]

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
PERCENT_STEP = Decimal("0.1")
OUTCOME = ValuationFamily.OUTCOME_VALUE.value
CREDIT = ValuationFamily.OBLIGATION_CREDIT.value

BUCKETS = ("verified", "unverified", "rejected", "withdrawn", "not-counted")
"""Where an item's value goes; only ``verified`` counts as realised."""

_STATUS_BUCKET = {
    VerificationStatus.VERIFIED: "verified",
    VerificationStatus.SUBMITTED: "unverified",
    VerificationStatus.REJECTED: "rejected",
    VerificationStatus.WITHDRAWN: "withdrawn",
}

ITEM_VERSIONS_DIFFER = define_rule(
    "monitoring.item-versions-differ",
    Severity.WARNING,
    "Evidence item differs between reports",
    "item {item} is in report {old} and in report {new} with a different {fields}; the "
    "version in report {new} is used",
    "An evidence item counts once, in its latest version. Its content never changes "
    "once submitted (a correction is a new item), so two versions that differ in what "
    "they claim point at an edited report; the latest version is used and the difference "
    "is reported.",
    category="monitoring",
    template_nl="bewijsstuk {item} staat in rapportage {old} en in rapportage {new} met "
    "een andere {fields}; de versie in rapportage {new} wordt gebruikt",
)


class MonitoringError(SroiError):
    """The monitoring cannot run as asked (no date, a report after the as-of date)."""


DUPLICATE_REPORT = define_rule(
    "monitoring.duplicate-report",
    Severity.ERROR,
    "Report given twice",
    "report {report} is given more than once (also in {other}); give one version of each "
    "report",
    "Two files with the same report id are two versions of one report, and which one "
    "counts cannot depend on the order of the command line: an inflated copy placed last "
    "would otherwise win. Compare the versions with sroi verify --compare and give the "
    "right one.",
    category="monitoring",
    template_nl="rapportage {report} is meer dan eens opgegeven (ook in {other}); geef één "
    "versie van elke rapportage",
)


def _duplicate_reports(pairs: Sequence[tuple[EvidenceReport, str]]) -> list[Finding]:
    first: dict[str, str] = {}
    findings = []
    for report, source in pairs:
        if report.id in first:
            findings.append(
                make_finding(
                    DUPLICATE_REPORT, "/id", source=source, report=report.id, other=first[report.id]
                )
            )
        else:
            first[report.id] = source
    return findings


class MonitoringInputError(FindingsError):
    """The documents do not belong to one contract; ``findings`` says why (CLI exit 1)."""


@dataclass(frozen=True)
class Figures:
    """Committed and delivered value of one key, in one valuation family."""

    committed: Decimal | None
    """Present value committed in the bid (None for a reporting period: commitments are
    not split over periods)."""
    verified: Decimal
    """Verified value: the only value that counts as realised."""
    unverified: Decimal
    """Submitted, not yet verified: shown, not counted."""
    rejected: Decimal
    withdrawn: Decimal
    not_counted: Decimal
    """Evidence against a bought-off or unknown commitment: shown, never counted."""
    realisation: Decimal | None
    """verified / committed x 100, rounded half to even to 0.1 (None when nothing is
    committed)."""
    forecast: Decimal | None
    """Forecast value at contract end (None where no forecast is made)."""
    forecast_realisation: Decimal | None


@dataclass(frozen=True)
class Breakdown:
    """Figures for one theme, indicator, commitment or reporting period."""

    key: str
    family: str
    figures: Figures
    label: str = ""


@dataclass(frozen=True)
class ItemLine:
    """One evidence item (its latest version) and where its value went."""

    item: str
    report: str
    """The report the item was first reported in: its reporting period."""
    period_start: dt.date
    period_end: dt.date
    version_from: str
    """The report whose version of the item is used (its latest version)."""
    commitment: str
    indicator: str
    theme: str
    status: str
    bucket: str
    outcome_value: Decimal
    obligation_credit: Decimal
    reason: str
    also_in: tuple[str, ...]
    """Other reports the item appears in (counted once)."""


@dataclass(frozen=True)
class ReportUse:
    """One evidence report given, and how many of its items were used."""

    report: str
    period_start: dt.date
    period_end: dt.date
    items: int
    used: int


@dataclass(frozen=True)
class MonitoringResult:
    """Committed versus verified value of one contract, with a forecast to its end."""

    tender_id: str
    bid_id: str
    supplier: str
    supplier_id: str
    currency: str
    contract_start: dt.date
    contract_end: dt.date
    as_of: dt.date
    elapsed_days: int
    total_days: int
    reports: tuple[ReportUse, ...]
    outcome: Figures
    credit: Figures
    by_theme: tuple[Breakdown, ...]
    by_indicator: tuple[Breakdown, ...]
    by_commitment: tuple[Breakdown, ...]
    by_period: tuple[Breakdown, ...]
    items: tuple[ItemLine, ...]
    forecast_method: str
    notes: tuple[str, ...]
    findings: tuple[Finding, ...]

    def to_json(self) -> dict[str, Any]:
        """The documented JSON structure (docs/monitoring.md §6); decimals are strings."""
        return _result_json(self)


# --------------------------------------------------------------------------- arithmetic




def _percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if whole is None or whole <= 0:
        return None
    context = exact_context()
    ratio = context.divide(context.multiply(part, Decimal(100)), whole)
    return ratio.quantize(PERCENT_STEP, rounding=ROUND_HALF_EVEN, context=context)


def forecast_value(
    verified: Decimal, committed: Decimal, elapsed_days: int, total_days: int
) -> Decimal:
    """Linear forecast to contract end, never above committed unless already exceeded.

    ``max(verified, min(committed, verified x total_days / elapsed_days))``, rounded half
    to even to the cent; ``verified`` itself when no contract day has elapsed.
    """
    if elapsed_days <= 0 or verified <= 0:
        return round_cent(verified)
    context = exact_context()
    linear = context.divide(context.multiply(verified, Decimal(total_days)), Decimal(elapsed_days))
    return round_cent(max(verified, min(committed, linear)))


# ------------------------------------------------------------------------------- inputs


def _mismatches(context: ContractContext, bid: Bid) -> list[Finding]:
    documents: list[tuple[Tender | Bid | EvidenceReport, str]] = [
        (context.tender, context.tender_source),
        (bid, context.bid_source(bid)),
        *context.reports,
    ]
    return [
        wrong.finding(source)
        for document, source in documents
        for wrong in context.mismatches(document, bid)
    ]


@dataclass(frozen=True)
class _Version:
    item: Evidence
    report: EvidenceReport
    source: str
    index: int
    position: int

    def key(self) -> tuple[Any, ...]:
        last = self.item.history[-1].at if self.item.history else None
        return (
            last is not None,
            last if last is not None else dt.datetime.min.replace(tzinfo=dt.UTC),
            self.report.period.end,
            self.report.period.start,
            self.report.id,
            self.position,
        )


def _latest_versions(
    reports: Sequence[tuple[EvidenceReport, str]],
) -> tuple[dict[str, _Version], dict[str, list[_Version]], list[Finding]]:
    """The version of every item to use, all versions per item, and differing versions."""
    versions: dict[str, list[_Version]] = defaultdict(list)
    for position, (report, source) in enumerate(reports):
        for index, item in enumerate(report.items):
            versions[item.id].append(_Version(item, report, source, index, position))
    chosen: dict[str, _Version] = {}
    findings: list[Finding] = []
    for item_id in sorted(versions):
        ordered = sorted(versions[item_id], key=_Version.key)
        latest = ordered[-1]
        chosen[item_id] = latest
        for older in ordered[:-1]:
            fields = changed_fields(older.item, latest.item)
            if fields:
                findings.append(
                    make_finding(
                        ITEM_VERSIONS_DIFFER,
                        json_pointer("items", latest.index),
                        source=latest.source,
                        item=item_id,
                        old=older.report.id,
                        new=latest.report.id,
                        fields=", ".join(fields),
                    )
                )
    return chosen, versions, findings


def _as_of(reports: Sequence[tuple[EvidenceReport, str]], as_of: dt.date | None) -> dt.date:
    if as_of is None:
        if not reports:
            raise MonitoringError(
                "give the as-of date: there is no evidence report to take it from"
            )
        return max(report.period.end for report, _ in reports)
    late = sorted({r.id for r, _ in reports if r.period.start > as_of})
    if late:
        raise MonitoringError(
            f"the as-of date {as_of} is before the period of report(s) {', '.join(late)}; "
            "give a later date or leave those reports out"
        )
    return as_of


# ------------------------------------------------------------------------------ monitor


@dataclass
class _Sums:
    """Sums of one key and family, by bucket."""

    committed: Decimal | None = None
    buckets: dict[str, Decimal] | None = None

    def add(self, bucket: str, value: Decimal) -> None:
        if self.buckets is None:
            self.buckets = defaultdict(lambda: ZERO)
        self.buckets[bucket] = exact_context().add(self.buckets[bucket], value)

    def commit(self, value: Decimal) -> None:
        self.committed = exact_context().add(self.committed or ZERO, value)

    def get(self, bucket: str) -> Decimal:
        return self.buckets.get(bucket, ZERO) if self.buckets is not None else ZERO

    def figures(self, *, with_committed: bool, forecast: Decimal | None) -> Figures:
        committed = (self.committed or ZERO) if with_committed else None
        verified = self.get("verified")
        return Figures(
            committed=committed,
            verified=verified,
            unverified=self.get("unverified"),
            rejected=self.get("rejected"),
            withdrawn=self.get("withdrawn"),
            not_counted=self.get("not-counted"),
            realisation=_percent(verified, committed),
            forecast=forecast,
            forecast_realisation=_percent(forecast, committed) if forecast is not None else None,
        )


def _values(line: ValuationLine) -> dict[str, Decimal]:
    return {OUTCOME: line.outcome_value, CREDIT: line.obligation_credit}


def _bucket(
    item: Evidence,
    status: VerificationStatus,
    line: ValuationLine,
    *,
    bid: Bid,
    known: frozenset[str],
    catalogue: Catalogue,
) -> tuple[str, str]:
    """The bucket of an item and why.

    ``status`` is the item's effective status and ``known`` the bid's commitment ids, both
    worked out once by the caller (the ids were collected again for every item).
    """
    if item.commitment not in known:
        return "not-counted", (
            f"commitment {item.commitment} is not in bid {bid.id}: not "
            "counted against this contract"
        )
    if line.status == "payment-in-lieu":
        return "not-counted", (
            f"commitment {item.commitment} is bought off (payment in "
            "lieu): evidence for it is never counted"
        )
    bucket = _STATUS_BUCKET[status]
    if bucket in ("verified", "unverified") and per_person_records(
        item, catalogue.find_indicator(item.indicator)
    ):
        return "not-counted", (
            f"special-category data of indicator {item.indicator} sent per person "
            "(subjects): never counted until resubmitted as an aggregate"
        )
    reasons = {
        "verified": "verified by the buyer: counted",
        "unverified": "submitted, not yet verified: shown, not counted",
        "rejected": "rejected by the buyer: never counted",
        "withdrawn": "withdrawn by the supplier: never counted",
    }
    return bucket, reasons[bucket]


def monitor_contract(
    tender: Tender,
    bid: Bid,
    reports: Sequence[EvidenceReport | tuple[EvidenceReport, str]],
    catalogue: Catalogue,
    as_of: dt.date | None = None,
    *,
    sources: Mapping[str, str] | None = None,
) -> MonitoringResult:
    """Committed versus verified value of the contract ``bid`` won under ``tender``.

    Args:
        tender: The tender (contract period, conventions).
        bid: The winning bid: its commitments are what was committed.
        reports: The evidence reports (any order), each optionally with its file name.
        catalogue: The catalogue the documents name.
        as_of: The date the monitoring speaks for (elapsed contract time of the forecast);
            default: the latest report period end.
        sources: File names of the tender and bid by document id, used in findings.

    Raises:
        MonitoringInputError: a document belongs to another tender, bid or catalogue, or
            two reports have the same id.
        MonitoringError: no as-of date can be set, or a report starts after it.

    """
    context = ContractContext.build(tender, catalogue, (bid,), reports, sources)
    return monitor(context, bid, as_of)


def monitor(context: ContractContext, bid: Bid, as_of: dt.date | None = None) -> MonitoringResult:
    """:func:`monitor_contract` on a contract already read (its evidence reports in it).

    The report uses this with the context it shares with the award, so the bid is valued
    once.
    """
    tender, catalogue, pairs = context.tender, context.catalogue, list(context.reports)
    problems = _duplicate_reports(pairs) + _mismatches(context, bid)
    if problems:
        raise MonitoringInputError(problems)
    moment = _as_of(pairs, as_of)
    chosen, versions, version_findings = _latest_versions(pairs)
    contract = tender.period
    total_days = (contract.end - contract.start).days + 1
    elapsed = min(max((moment - contract.start).days + 1, 0), total_days)

    committed_valuation = context.valuation(bid)
    lines: dict[str, ValuationLine] = {}
    if chosen:
        base = pairs[0][0]
        combined = base.model_copy(
            update={
                "items": tuple(v.item for v in chosen.values()),
                "period": Period(
                    start=min(r.period.start for r, _ in pairs),
                    end=max(r.period.end for r, _ in pairs),
                ),
            }
        )
        report_valuation = value_document(combined, catalogue, tender=tender, bid=bid)
        lines = {line.line_id: line for line in report_valuation.lines}

    sums: dict[str, dict[tuple[str, str], _Sums]] = {
        name: defaultdict(_Sums)
        for name in ("contract", "theme", "indicator", "commitment", "period")
    }
    themes_of: dict[str, str] = {}
    for line in committed_valuation.lines:
        themes_of[line.indicator] = line.theme
        values = _values(line) if line.counted else {OUTCOME: ZERO, CREDIT: ZERO}
        for family, value in values.items():
            for name, key in (
                ("contract", "contract"),
                ("theme", line.theme),
                ("indicator", line.indicator),
                ("commitment", line.line_id),
            ):
                sums[name][(key, family)].commit(value)

    items: list[ItemLine] = []
    period_labels: dict[str, tuple[dt.date, dt.date]] = {}
    known = frozenset(c.id for c in bid.commitments)
    for item_id, version in sorted(chosen.items()):
        item = version.item
        status = effective_status(item)  # derived once per item, from its history
        report = min(
            versions[item_id],
            key=lambda v: (v.report.period.start, v.report.period.end, v.report.id, v.position),
        ).report
        line = lines[item_id]
        themes_of.setdefault(line.indicator, line.theme)
        bucket, reason = _bucket(item, status, line, bid=bid, known=known, catalogue=catalogue)
        values = _values(line)
        period_labels[report.id] = (report.period.start, report.period.end)
        for family, value in values.items():
            for name, key in (
                ("contract", "contract"),
                ("theme", line.theme),
                ("indicator", line.indicator),
                ("commitment", item.commitment),
                ("period", report.id),
            ):
                sums[name][(key, family)].add(bucket, value)
        items.append(
            ItemLine(
                item=item_id,
                report=report.id,
                period_start=report.period.start,
                period_end=report.period.end,
                version_from=version.report.id,
                commitment=item.commitment,
                indicator=line.indicator,
                theme=line.theme,
                status=status.value,
                bucket=bucket,
                outcome_value=values[OUTCOME],
                obligation_credit=values[CREDIT],
                reason=reason,
                also_in=tuple(sorted({v.report.id for v in versions[item_id]} - {report.id})),
            )
        )

    forecasts: dict[tuple[str, str], Decimal] = {}
    for (indicator, family), entry in sums["indicator"].items():
        forecasts[(indicator, family)] = forecast_value(
            entry.get("verified"), entry.committed or ZERO, elapsed, total_days
        )
    theme_forecast: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    contract_forecast: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (indicator, family), value in forecasts.items():
        theme_forecast[(themes_of.get(indicator, ""), family)] += value
        contract_forecast[family] += value

    def rows(
        name: str,
        forecast: Mapping[tuple[str, str], Decimal] | None,
        *,
        with_committed: bool = True,
    ) -> tuple[Breakdown, ...]:
        out = []
        for (key, family), entry in sums[name].items():
            if family == CREDIT and not _has_value(entry):
                continue
            label = ""
            if name == "period":
                start, end = period_labels[key]
                label = f"{start} to {end}"
            out.append(
                Breakdown(
                    key=key,
                    family=family,
                    label=label,
                    figures=entry.figures(
                        with_committed=with_committed,
                        forecast=forecast.get((key, family), ZERO)
                        if forecast is not None
                        else None,
                    ),
                )
            )
        if name == "period":
            return tuple(
                sorted(out, key=lambda b: (period_labels[b.key], b.key, b.family != OUTCOME))
            )
        return tuple(sorted(out, key=lambda b: (b.key, b.family != OUTCOME)))

    contract_sums = sums["contract"]
    outcome = contract_sums[("contract", OUTCOME)].figures(
        with_committed=True, forecast=contract_forecast[OUTCOME]
    )
    credit = contract_sums[("contract", CREDIT)].figures(
        with_committed=True, forecast=contract_forecast[CREDIT]
    )
    used: dict[tuple[str, int], int] = defaultdict(int)
    for version in chosen.values():
        used[(version.report.id, version.position)] += 1
    report_uses = tuple(
        sorted(
            (
                ReportUse(
                    report=r.id,
                    period_start=r.period.start,
                    period_end=r.period.end,
                    items=len(r.items),
                    used=used[(r.id, n)],
                )
                for n, (r, _) in enumerate(pairs)
            ),
            key=lambda u: (u.period_start, u.period_end, u.report, u.items, u.used),
        )
    )
    checks = context.checks(bid, with_reports=True)
    report_sources = {source for _, source in pairs}
    findings = [
        *version_findings,
        *(f for f in checks if f.source in report_sources and f.severity is not Severity.INFO),
    ]
    method = (
        f"linear per indicator: verified value x {total_days} contract days / "
        f"{elapsed} elapsed days (contract {contract.start} to {contract.end}, as of "
        f"{moment}), capped at the committed value unless more is already verified; "
        "contract and theme forecasts are sums of the indicator forecasts"
    )
    return MonitoringResult(
        tender_id=tender.id,
        bid_id=bid.id,
        supplier=bid.supplier.name,
        supplier_id=f"{bid.supplier.identifier.scheme}-{bid.supplier.identifier.id}",
        currency=context.currency,
        contract_start=contract.start,
        contract_end=contract.end,
        as_of=moment,
        elapsed_days=elapsed,
        total_days=total_days,
        reports=report_uses,
        outcome=outcome,
        credit=credit,
        by_theme=rows("theme", theme_forecast),
        by_indicator=rows("indicator", forecasts),
        by_commitment=rows("commitment", None),
        by_period=rows("period", None, with_committed=False),
        items=tuple(items),
        forecast_method=method,
        notes=_notes(outcome, elapsed, total_days, moment, contract),
        findings=tuple(findings),
    )


def _has_value(entry: _Sums) -> bool:
    return bool((entry.committed or 0) > 0 or any(entry.get(bucket) > 0 for bucket in BUCKETS))


def _notes(
    outcome: Figures, elapsed: int, total: int, as_of: dt.date, contract: Period
) -> tuple[str, ...]:
    notes = [
        "Only verified value counts as realised; submitted (unverified), rejected and "
        "withdrawn value is shown apart and never counted.",
        "An item in several reports counts once: its status and content are those of its "
        "latest version (latest history entry, then latest report period); its reporting "
        "period is that of the first report it appears in.",
        "Outcome values and obligation credits are reported apart and never summed.",
        "The forecast is a linear trend, not a promise: outcomes that arrive late in a "
        "contract (sustained employment, qualifications) are under-forecast early on, and "
        "a one-off early delivery is over-forecast.",
    ]
    if outcome.verified == 0:
        notes.append("Nothing is verified yet: the forecast is 0.")
    if as_of < contract.start:
        notes.append(
            f"The contract starts on {contract.start}, after the as-of date: no "
            "contract day has elapsed, so the forecast is what is verified."
        )
    elif elapsed >= total:
        notes.append("The contract period has ended: the forecast is what is verified.")
    return tuple(notes)


# --------------------------------------------------------------------------------- JSON


def _text(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def _figures_json(figures: Figures) -> dict[str, Any]:
    return {
        "committed": _text(figures.committed),
        "verified": _text(figures.verified),
        "unverified": _text(figures.unverified),
        "rejected": _text(figures.rejected),
        "withdrawn": _text(figures.withdrawn),
        "notCounted": _text(figures.not_counted),
        "realisationPercent": _text(figures.realisation),
        "forecast": _text(figures.forecast),
        "forecastRealisationPercent": _text(figures.forecast_realisation),
    }


def _rows_json(rows: Sequence[Breakdown]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        entry: dict[str, Any] = {"key": row.key, "family": row.family}
        if row.label:
            entry["label"] = row.label
        entry.update(_figures_json(row.figures))
        out.append(entry)
    return out


def _result_json(result: MonitoringResult) -> dict[str, Any]:
    return {
        "contract": {
            "tender": result.tender_id,
            "bid": result.bid_id,
            "supplier": {"name": result.supplier, "id": result.supplier_id},
            "period": {
                "start": result.contract_start.isoformat(),
                "end": result.contract_end.isoformat(),
            },
            "currency": result.currency,
        },
        "asOf": result.as_of.isoformat(),
        "elapsedDays": result.elapsed_days,
        "totalDays": result.total_days,
        "reports": [
            {
                "report": r.report,
                "period": {"start": r.period_start.isoformat(), "end": r.period_end.isoformat()},
                "items": r.items,
                "itemsUsed": r.used,
            }
            for r in result.reports
        ],
        "totals": {OUTCOME: _figures_json(result.outcome), CREDIT: _figures_json(result.credit)},
        "byTheme": _rows_json(result.by_theme),
        "byIndicator": _rows_json(result.by_indicator),
        "byCommitment": _rows_json(result.by_commitment),
        "byPeriod": _rows_json(result.by_period),
        "items": [
            {
                "item": i.item,
                "report": i.report,
                "period": {"start": i.period_start.isoformat(), "end": i.period_end.isoformat()},
                "versionFrom": i.version_from,
                "commitment": i.commitment,
                "indicator": i.indicator,
                "theme": i.theme,
                "status": i.status,
                "bucket": i.bucket,
                "outcomeValue": _text(i.outcome_value),
                "obligationCredit": _text(i.obligation_credit),
                "reason": i.reason,
                "alsoIn": list(i.also_in),
            }
            for i in result.items
        ],
        "forecastMethod": result.forecast_method,
        "notes": list(result.notes),
        "findings": [f.as_dict() for f in result.findings],
    }
