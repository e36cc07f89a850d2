"""The monitoring result as an exchange document (document type ``monitoring``, 2.0).

:func:`monitoring_document` turns the result of
:func:`sroi_core.monitoring.monitor_contract` into the pydantic document, so it is
written with ``dump_document`` and read back like any other document.
"""

from __future__ import annotations

from sroi_core.award.engine import award_finding
from sroi_core.model.monitoring import (
    MonitoredItem,
    Monitoring,
    MonitoringFigures,
    MonitoringRow,
    MonitoringTotals,
    ReportUsed,
)
from sroi_core.model.types import DocumentRef, Period
from sroi_core.monitoring import Breakdown, Figures, MonitoringResult


def _figures(figures: Figures) -> MonitoringFigures:
    return MonitoringFigures(
        committed=figures.committed,
        verified=figures.verified,
        unverified=figures.unverified,
        rejected=figures.rejected,
        withdrawn=figures.withdrawn,
        not_counted=figures.not_counted,
        realisation_percent=figures.realisation,
        forecast=figures.forecast,
        forecast_realisation_percent=figures.forecast_realisation,
    )


def _rows(rows: tuple[Breakdown, ...]) -> tuple[MonitoringRow, ...]:
    return tuple(
        MonitoringRow(
            key=row.key,
            family=row.family,
            label=row.label or None,
            figures=_figures(row.figures),
        )
        for row in rows
    )


def monitoring_document(result: MonitoringResult, standard_version: str) -> Monitoring:
    """The monitoring result as a document of ``standard_version``."""
    return Monitoring(
        standard_version=standard_version,
        id=f"{result.bid_id}-monitoring-{result.as_of.isoformat()}"[-128:],
        tender=DocumentRef(id=result.tender_id),
        bid=DocumentRef(id=result.bid_id),
        supplier=result.supplier,
        contract_period=Period(start=result.contract_start, end=result.contract_end),
        currency=result.currency,
        as_of=result.as_of,
        elapsed_days=result.elapsed_days,
        total_days=result.total_days,
        reports=tuple(
            ReportUsed(
                report=r.report,
                period=Period(start=r.period_start, end=r.period_end),
                items=r.items,
                items_used=r.used,
            )
            for r in result.reports
        ),
        totals=MonitoringTotals(outcome=_figures(result.outcome), credit=_figures(result.credit)),
        by_theme=_rows(result.by_theme),
        by_indicator=_rows(result.by_indicator),
        by_commitment=_rows(result.by_commitment),
        by_period=_rows(result.by_period),
        items=tuple(
            MonitoredItem(
                item=i.item,
                report=i.report,
                period=Period(start=i.period_start, end=i.period_end),
                version_from=i.version_from,
                commitment=i.commitment,
                indicator=i.indicator,
                theme=i.theme,
                status=i.status,
                bucket=i.bucket,
                outcome_value=i.outcome_value,
                obligation_credit=i.obligation_credit,
                reason=i.reason,
                also_in=i.also_in,
            )
            for i in result.items
        ),
        forecast_method=result.forecast_method,
        notes=result.notes,
        findings=tuple(award_finding(f) for f in result.findings),
    )
