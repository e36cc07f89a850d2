"""Valuation: the engine's output, a document anyone can cite and re-run.

Every figure is explained line by line; totals of outcome values and of obligation
credits are kept apart; the result names the standard, catalogue and engine versions
and the SHA-256 of the canonical input, so an auditor can reproduce it to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from sroi_core._decimal import exact_context
from sroi_core.model._base import SroiModel
from sroi_core.model.codes import ValuationBasis, ValuationFamily
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.document import ProcurementLinked
from sroi_core.model.theme import ThemeCode
from sroi_core.model.types import (
    CurrencyCode,
    DocumentRef,
    Fraction,
    Identifier,
    Money,
    NonNegativeDecimal,
    Quantity,
    StrictInt,
)


def _exact_sum(values: Iterable[Decimal]) -> Decimal:
    context = exact_context()
    total = Decimal("0.00")
    for value in values:
        total = context.add(total, value)
    return total


LineStatus = Literal[
    "committed", "verified", "submitted", "rejected", "withdrawn", "payment-in-lieu"
]


class LineValue(SroiModel):
    """One proxy value applied to one line, every step shown (money rounded to the cent)."""

    proxy_value: Identifier
    valuation_basis: ValuationBasis
    proxy_per_unit: NonNegativeDecimal
    price_index_factor: NonNegativeDecimal | None = None
    rebased_per_unit: NonNegativeDecimal
    gross: NonNegativeDecimal
    after_deadweight: NonNegativeDecimal
    after_attribution: NonNegativeDecimal
    net_annual: NonNegativeDecimal
    year_values: tuple[NonNegativeDecimal, ...]
    present_value: NonNegativeDecimal
    flags: tuple[str, ...] = ()


class ValuationLine(SroiModel):
    """A commitment or an evidence item and the value it carries."""

    line_id: Identifier
    indicator: Identifier
    outcome: Identifier
    theme: ThemeCode
    status: LineStatus
    counted: bool
    quantity: Quantity
    deadweight: Fraction
    attribution: Fraction
    displacement: Fraction
    drop_off: Fraction
    duration_years: Annotated[StrictInt, Field(ge=1, le=100)]
    values: tuple[LineValue, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def outcome_value(self) -> Decimal:
        """Present value of the line's outcome-family values (credits left out), exact."""
        return _exact_sum(
            v.present_value
            for v in self.values
            if v.valuation_basis.family is ValuationFamily.OUTCOME_VALUE
        )

    @property
    def obligation_credit(self) -> Decimal:
        """Present value of the line's obligation credits (never summed with outcomes)."""
        return _exact_sum(
            v.present_value
            for v in self.values
            if v.valuation_basis.family is ValuationFamily.OBLIGATION_CREDIT
        )


class Total(SroiModel):
    """A present value summed over counted lines for one key (theme, indicator, ...)."""

    key: str = Field(min_length=1)
    family: ValuationFamily
    present_value: NonNegativeDecimal
    lines: StrictInt = Field(ge=0)


class Totals(SroiModel):
    """Totals per family (never summed across families) and per grouping."""

    outcome_value: NonNegativeDecimal
    obligation_credit: NonNegativeDecimal
    not_counted_value: NonNegativeDecimal
    by_basis: tuple[Total, ...] = ()
    by_theme: tuple[Total, ...] = ()
    by_outcome: tuple[Total, ...] = ()
    by_indicator: tuple[Total, ...] = ()
    by_status: tuple[Total, ...] = ()


class Scenario(SroiModel):
    """Outcome value and ratio with every proxy at its low, central or high value."""

    name: Literal["low", "central", "high"]
    outcome_value: NonNegativeDecimal
    sroi_ratio: NonNegativeDecimal | None = None


class BreakEven(SroiModel):
    """The uniform value of one adjustment that would bring the SROI ratio to 1:1."""

    adjustment: Literal["deadweight", "attribution", "displacement", "dropOff"]
    value: Fraction | None = None
    note: str = Field(min_length=1)


class Sensitivity(SroiModel):
    """Scenarios from the proxy ranges and break-even adjustments."""

    scenarios: tuple[Scenario, ...] = ()
    break_even: tuple[BreakEven, ...] = ()


class ComparisonRow(SroiModel):
    """Committed versus delivered present value of one indicator (outcome family)."""

    indicator: Identifier
    family: ValuationFamily
    committed: NonNegativeDecimal
    verified: NonNegativeDecimal
    unverified: NonNegativeDecimal


class EngineInfo(SroiModel):
    """Which implementation produced the result."""

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)


class Valuation(ProcurementLinked):
    """The valuation of a bid (ex ante) or an evidence report (ex post)."""

    document_type: Literal["valuation"] = "valuation"
    subject: DocumentRef
    subject_type: Literal["bid", "evidenceReport"]
    catalogue: DocumentRef
    engine: EngineInfo
    input_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    conventions: ValuationConventions
    currency: CurrencyCode
    investment: Money | None = None
    sroi_ratio: NonNegativeDecimal | None = None
    lines: tuple[ValuationLine, ...] = ()
    totals: Totals
    sensitivity: Sensitivity = Sensitivity()
    comparison: tuple[ComparisonRow, ...] = ()
    notes: tuple[str, ...] = ()
