"""Monitoring result: committed versus verified value of one contract, as a document (2.0).

The same figures ``sroi monitor`` prints (docs/monitoring.md), with a schema, so a buyer's
systems can exchange and re-read them like a valuation or an award.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.award import AwardFinding
from sroi_core.model.document import Document
from sroi_core.model.types import (
    CurrencyCode,
    DocumentRef,
    Identifier,
    IsoDate,
    NonNegativeDecimal,
    Period,
    StrictInt,
)


class MonitoringFigures(SroiModel):
    """Committed and delivered value of one key in one valuation family."""

    committed: NonNegativeDecimal | None = None
    verified: NonNegativeDecimal
    unverified: NonNegativeDecimal
    rejected: NonNegativeDecimal
    withdrawn: NonNegativeDecimal
    not_counted: NonNegativeDecimal
    realisation_percent: NonNegativeDecimal | None = None
    forecast: NonNegativeDecimal | None = None
    forecast_realisation_percent: NonNegativeDecimal | None = None


class MonitoringRow(SroiModel):
    """Figures of one theme, indicator, commitment or reporting period."""

    key: str = Field(min_length=1)
    family: Literal["outcome", "credit"]
    label: str | None = Field(default=None, min_length=1)
    figures: MonitoringFigures


class MonitoringTotals(SroiModel):
    """Outcome value and obligation credits, never summed."""

    outcome: MonitoringFigures
    credit: MonitoringFigures


class ReportUsed(SroiModel):
    """An evidence report given, and how many of its items were used."""

    report: Identifier
    period: Period
    items: StrictInt = Field(ge=0)
    items_used: StrictInt = Field(ge=0)


class MonitoredItem(SroiModel):
    """One evidence item (its latest version) and where its value went."""

    item: Identifier
    report: Identifier
    period: Period
    version_from: Identifier
    commitment: Identifier
    indicator: Identifier
    theme: str
    status: str
    bucket: str
    outcome_value: NonNegativeDecimal
    obligation_credit: NonNegativeDecimal
    reason: str
    also_in: tuple[Identifier, ...] = ()


class Monitoring(Document):
    """The monitoring result of one contract at a date."""

    document_type: Literal["monitoring"] = "monitoring"
    tender: DocumentRef
    bid: DocumentRef
    supplier: str = Field(min_length=1)
    contract_period: Period
    currency: CurrencyCode
    as_of: IsoDate
    elapsed_days: StrictInt = Field(ge=0)
    total_days: StrictInt = Field(ge=0)
    reports: tuple[ReportUsed, ...] = ()
    totals: MonitoringTotals
    by_theme: tuple[MonitoringRow, ...] = ()
    by_indicator: tuple[MonitoringRow, ...] = ()
    by_commitment: tuple[MonitoringRow, ...] = ()
    by_period: tuple[MonitoringRow, ...] = ()
    items: tuple[MonitoredItem, ...] = ()
    forecast_method: str
    notes: tuple[str, ...] = ()
    findings: tuple[AwardFinding, ...] = ()
