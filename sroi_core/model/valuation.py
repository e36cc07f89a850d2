"""Valuation: the engine's output, a document anyone can cite and re-run.

Every figure is explained line by line; totals of outcome values and of obligation
credits are kept apart; the result names the standard, catalogue and engine versions
and the SHA-256 of the canonical input, so an auditor can reproduce it to the cent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, WrapSerializer

from sroi_core._decimal import exact_sum
from sroi_core.model._base import SroiModel
from sroi_core.model.codes import Perspective, ValuationBasis, ValuationFamily
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.document import ProcurementLinked
from sroi_core.model.theme import ThemeCode
from sroi_core.model.types import (
    CurrencyCode,
    DocumentRef,
    Fraction,
    Identifier,
    IsoDate,
    Money,
    NonNegativeDecimal,
    Quantity,
    StrictInt,
)
from sroi_core.model.versions import since, until

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
    offset_periods: StrictInt | None = Field(
        default=None,
        ge=0,
        le=1000,
        description="Whole years from the base date to the start of the line's period; year "
        "t is discounted by offsetPeriods + periods(t) (standard 2.0).",
        json_schema_extra=since("2.0"),
    )

    @property
    def outcome_value(self) -> Decimal:
        """Present value of the line's outcome-family values (credits left out), exact."""
        return exact_sum(
            v.present_value
            for v in self.values
            if v.valuation_basis.family is ValuationFamily.OUTCOME_VALUE
        )

    def perspective_value(self, perspective: Perspective | str) -> Decimal:
        """Present value of the line's values in one ``perspective`` (never added to another)."""
        return exact_sum(
            v.present_value for v in self.values if v.valuation_basis.perspective == perspective
        )

    @property
    def obligation_credit(self) -> Decimal:
        """Present value of the line's obligation credits (never summed with outcomes)."""
        return exact_sum(
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


class PerspectiveTotal(SroiModel):
    """Present value of one perspective's counted outcome values, and its ratio (2.0).

    ``sroi_ratio`` is the present value over the present value of the bid's declared
    incremental cost; without a usable incremental cost it is absent and
    ``value_per_contract_euro`` (present value / tender contract value) is given instead,
    under that name: it is not an SROI ratio.
    """

    perspective: Perspective
    present_value: NonNegativeDecimal
    lines: StrictInt = Field(ge=0)
    sroi_ratio: NonNegativeDecimal | None = None
    value_per_contract_euro: NonNegativeDecimal | None = None


class Totals(SroiModel):
    """Totals per family (never summed across families) and per grouping.

    2.0: outcome values are totalled per perspective (``by_perspective``) and never summed
    across perspectives, so there is no single outcome total.
    """

    outcome_value: NonNegativeDecimal | None = Field(default=None, json_schema_extra=until("1.0"))
    by_perspective: tuple[PerspectiveTotal, ...] | None = Field(
        default=None, json_schema_extra=since("2.0", required=True)
    )
    obligation_credit: NonNegativeDecimal
    not_counted_value: NonNegativeDecimal
    by_basis: tuple[Total, ...] = ()
    by_theme: tuple[Total, ...] = ()
    by_outcome: tuple[Total, ...] = ()
    by_indicator: tuple[Total, ...] = ()
    by_status: tuple[Total, ...] = ()

    def headline_values(self) -> tuple[tuple[str, Decimal], ...]:
        """The headline outcome figures: 1.0 the one total; 2.0 one per perspective.

        Each is (name, present value): ``outcomeValue`` or the perspective's code. Code
        that needs "the" value of a 2.0 valuation must choose a perspective, never add them.
        """
        if self.by_perspective is None:
            return (("outcomeValue", self.outcome_value or Decimal("0.00")),)
        return tuple((t.perspective.value, t.present_value) for t in self.by_perspective)

    def headline(self, perspective: Perspective = Perspective.SOCIETY) -> Decimal:
        """1.0: the outcome total; 2.0: the present value of ``perspective`` (0 if none)."""
        if self.by_perspective is None:
            return self.outcome_value or Decimal("0.00")
        for total in self.by_perspective:
            if total.perspective is perspective:
                return total.present_value
        return Decimal("0.00")


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


ScenarioName = Literal[
    "low",
    "central",
    "high",
    "delivery-75",
    "delivery-50",
    "duration-one-year",
    "discount-0",
    "discount-4",
]
"""The 2.0 scenarios (docs/valuation-method.md, sensitivity): proxy ranges, delivery risk
(quantity x 75 % and 50 %), every benefit lasting one year, and discount rates of 0 % and 4 %."""


class PerspectiveScenario(SroiModel):
    """One perspective's present value under one scenario, and its ratio (2.0)."""

    name: ScenarioName
    present_value: NonNegativeDecimal
    sroi_ratio: NonNegativeDecimal | None = None


class PerspectiveSensitivity(SroiModel):
    """Scenarios, break-even and switching values of one perspective (2.0).

    ``break_even``: the uniform adjustment that brings the perspective's SROI ratio to 1:1
    (needs an incremental cost). ``switching_values``: the uniform adjustment at which the
    perspective's present value falls to the tender's minimum social value.
    """

    perspective: Perspective
    scenarios: tuple[PerspectiveScenario, ...] = ()
    break_even: tuple[BreakEven, ...] = ()
    switching_values: tuple[BreakEven, ...] = ()


class Sensitivity(SroiModel):
    """Scenarios from the proxy ranges and break-even adjustments (2.0: per perspective)."""

    scenarios: tuple[Scenario, ...] = ()
    break_even: tuple[BreakEven, ...] = ()
    by_perspective: tuple[PerspectiveSensitivity, ...] | None = Field(
        default=None, json_schema_extra=since("2.0")
    )


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


def _lines_out(lines: Any, handler: SerializerFunctionWrapHandler) -> Any:
    """Serialise the lines whatever sequence holds them (the engine keeps them as columns)."""
    return handler(lines if isinstance(lines, tuple) else tuple(lines))


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
    investment: Money | None = Field(default=None, json_schema_extra=until("1.0"))
    sroi_ratio: NonNegativeDecimal | None = Field(default=None, json_schema_extra=until("1.0"))
    base_date: IsoDate | None = Field(
        default=None,
        description="The date every present value is discounted to (2.0).",
        json_schema_extra=since("2.0"),
    )
    base_date_source: Literal["conventions", "tender", "subject"] | None = Field(
        default=None,
        description="Where the base date comes from: the conventions' baseDate, the tender's "
        "period start, or the earliest period start of the document valued (2.0).",
        json_schema_extra=since("2.0"),
    )
    incremental_cost: Money | None = Field(
        default=None,
        description="The bid's declared incremental cost, in valuation-year prices (2.0).",
        json_schema_extra=since("2.0"),
    )
    incremental_cost_present_value: NonNegativeDecimal | None = Field(
        default=None,
        description="The incremental cost spread evenly over the contract years and "
        "discounted to the base date: the denominator of every SROI ratio (2.0).",
        json_schema_extra=since("2.0"),
    )
    contract_value: Money | None = Field(
        default=None,
        description="The tender's contract value: the denominator of valuePerContractEuro "
        "(2.0).",
        json_schema_extra=since("2.0"),
    )
    lines: Annotated[tuple[ValuationLine, ...], WrapSerializer(_lines_out)] = ()
    """The lines in id order: a tuple when read from a file; a read-only sequence holding
    them as columns (:class:`sroi_core.valuation.columns.ValuationLines`) when the engine
    has just valued them."""
    totals: Totals
    sensitivity: Sensitivity = Sensitivity()
    comparison: tuple[ComparisonRow, ...] = ()
    notes: tuple[str, ...] = ()
