"""The inputs and the explained result of valuing one line (docs/valuation-method.md).

A line is one commitment or one evidence item: a quantity of an outcome, a proxy value
per unit, the three impact adjustments, drop-off, a duration and a discount schedule.
:class:`LineSpec` validates all of that once, on construction, so the valuation code
never meets a bad line; every refusal is an :class:`InvalidLineError` with a stable code
that conformance vectors can name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sroi_core._decimal import decimal_text, exact_context, to_cents
from sroi_core.errors import ValuationError
from sroi_core.model.codes import DiscountTiming
from sroi_core.valuation.discounting import DiscountSchedule, constant

__all__ = [
    "MAX_DURATION_YEARS",
    "MAX_OFFSET_PERIODS",
    "DiscountTiming",
    "InvalidLineError",
    "LineResult",
    "LineSpec",
    "discount_periods",
    "line_spec_from_json",
    "parse_decimal",
    "rebase_factor",
]

MAX_DURATION_YEARS = 1000
"""Longest duration the standard accepts; beyond the Green Book's last step (301+)."""

_LINE_KEYS = frozenset(
    {
        "quantity",
        "proxyValue",
        "deadweight",
        "attribution",
        "displacement",
        "dropOff",
        "durationYears",
        "discountRate",
        "discountSchedule",
        "discountTiming",
        "priceIndex",
        "offsetPeriods",
    }
)
_REQUIRED_KEYS = _LINE_KEYS - {"discountRate", "discountSchedule", "priceIndex", "offsetPeriods"}

MAX_OFFSET_PERIODS = 1000
"""Largest offset from the base date a line may have (standard 2.0, method §5.3)."""


def discount_periods(timing: DiscountTiming, year: int) -> int:
    """Return how many periods year ``year`` (1-based) is discounted by (method §5.2).

    End of year: t periods (SROI practice). Start of year: t - 1, so year 1 is the Green
    Book's undiscounted year 0.
    """
    return year if timing is DiscountTiming.END_OF_YEAR else year - 1


class InvalidLineError(ValuationError):
    """A line cannot be valued as given. ``code`` is stable; see docs/valuation-method.md.

    ``field`` is the wire name of the offending input; ``index`` is the line's position
    when the line came from a batch (None otherwise).
    """

    def __init__(
        self, message: str, *, code: str, field: str | None = None, index: int | None = None
    ) -> None:
        self.code = code
        self.field = field
        self.index = index
        where = "" if index is None else f"line {index}: "
        where += "" if field is None else f"{field}: "
        super().__init__(f"{where}{message} [{code}]")


def parse_decimal(value: object, field: str) -> Decimal:
    """Read a finite Decimal from a Decimal, an int or decimal text.

    Floats are refused: a binary float cannot carry a decimal input exactly, and the
    standard's figures are decimal. Raises InvalidLineError code ``not-a-decimal``.
    """
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | str) and not isinstance(value, bool):
        try:
            number = Decimal(value)
        except ArithmeticError:
            raise InvalidLineError(
                f"expected decimal text, got {value!r}", code="not-a-decimal", field=field
            ) from None
    else:
        raise InvalidLineError(
            f"expected a decimal (text or Decimal, not {type(value).__name__})",
            code="not-a-decimal",
            field=field,
        )
    if not number.is_finite():
        raise InvalidLineError(f"must be finite, got {value!r}", code="not-a-decimal", field=field)
    return number


def rebase_factor(series: Mapping[int, Decimal], from_year: int, to_year: int) -> Decimal:
    """Return the price-rebasing factor I(to_year) / I(from_year) from an index series.

    A year missing from the series is an error naming that year, never a silent 1.0:
    a value that cannot be rebased must not be passed off as rebased.
    """
    values = []
    for year in (from_year, to_year):
        if year not in series:
            raise InvalidLineError(
                f"the price index series has no value for {year}",
                code="price-index-year-missing",
                field="priceIndex",
            )
        value = parse_decimal(series[year], f"priceIndex[{year}]")
        if value <= 0:
            raise InvalidLineError(
                f"index values must be greater than 0, got {value} for {year}",
                code="bad-price-index",
                field="priceIndex",
            )
        values.append(value)
    return exact_context().divide(values[1], values[0])


@dataclass(frozen=True, slots=True)
class LineSpec:
    """One line's validated inputs. Decimal fields accept Decimal, int or decimal text.

    Raises InvalidLineError on construction: ``negative-quantity``,
    ``negative-proxy-value``, ``fraction-out-of-range``, ``duration-not-integer``,
    ``duration-below-one``, ``duration-too-long``, ``bad-price-index``,
    ``offset-not-integer``, ``offset-out-of-range``,
    ``unknown-discount-timing``, ``not-a-decimal``.
    """

    quantity: Decimal
    """Quantity in the indicator's unit; >= 0."""
    proxy_value: Decimal
    """Value per unit in the proxy's price year; >= 0."""
    deadweight: Decimal
    """Share of the outcome that would have happened anyway; in [0, 1]."""
    attribution: Decimal
    """Share of the outcome caused by others; in [0, 1]."""
    displacement: Decimal
    """Share of the outcome that displaced other outcomes; in [0, 1]."""
    drop_off: Decimal
    """Share of the outcome lost each year after the first; in [0, 1]."""
    duration_years: int
    """Number of years the outcome lasts; integer in [1, MAX_DURATION_YEARS]."""
    discount: DiscountSchedule
    """Discount schedule (no default: a rate is a choice the valuer must state)."""
    timing: DiscountTiming
    """Which discount convention places each year (no default, for the same reason)."""
    price_index_from: Decimal | None = None
    """Index value of the proxy's price year; given together with ``price_index_to``."""
    price_index_to: Decimal | None = None
    """Index value of the target (reporting) price year."""
    offset_periods: int = 0
    """Whole periods between the base date and the start of the line's period (2.0):
    year t is discounted by ``offset_periods + discount_periods(timing, t)`` periods."""

    def __post_init__(self) -> None:
        for name, wire in (
            ("quantity", "quantity"),
            ("proxy_value", "proxyValue"),
            ("deadweight", "deadweight"),
            ("attribution", "attribution"),
            ("displacement", "displacement"),
            ("drop_off", "dropOff"),
        ):
            object.__setattr__(self, name, parse_decimal(getattr(self, name), wire))
        if self.quantity < 0:
            raise InvalidLineError(
                f"must be >= 0, got {self.quantity}", code="negative-quantity", field="quantity"
            )
        if self.proxy_value < 0:
            raise InvalidLineError(
                f"must be >= 0, got {self.proxy_value}",
                code="negative-proxy-value",
                field="proxyValue",
            )
        for name, wire in (
            ("deadweight", "deadweight"),
            ("attribution", "attribution"),
            ("displacement", "displacement"),
            ("drop_off", "dropOff"),
        ):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise InvalidLineError(
                    f"must be in [0, 1], got {value}", code="fraction-out-of-range", field=wire
                )
        self._check_duration()
        self._check_offset()
        if not isinstance(self.discount, DiscountSchedule):
            raise InvalidLineError(
                "must be a DiscountSchedule", code="bad-discount-schedule", field="discount"
            )
        try:
            object.__setattr__(self, "timing", DiscountTiming(self.timing))
        except (ValueError, TypeError):
            raise InvalidLineError(
                f"must be 'end-of-year' or 'start-of-year', got {self.timing!r}",
                code="unknown-discount-timing",
                field="discountTiming",
            ) from None
        self._check_price_index()

    def _check_duration(self) -> None:
        years = self.duration_years
        if isinstance(years, bool) or not isinstance(years, int):
            raise InvalidLineError(
                f"must be a whole number of years, got {years!r}",
                code="duration-not-integer",
                field="durationYears",
            )
        if years < 1:
            raise InvalidLineError(
                f"must be at least one year, got {years}; an outcome lasting less than a "
                "year is valued as one year or not at all, never as a fraction",
                code="duration-below-one",
                field="durationYears",
            )
        if years > MAX_DURATION_YEARS:
            raise InvalidLineError(
                f"must be at most {MAX_DURATION_YEARS} years, got {years}",
                code="duration-too-long",
                field="durationYears",
            )

    def _check_offset(self) -> None:
        offset = self.offset_periods
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise InvalidLineError(
                f"must be a whole number of periods, got {offset!r}",
                code="offset-not-integer",
                field="offsetPeriods",
            )
        if not 0 <= offset <= MAX_OFFSET_PERIODS:
            raise InvalidLineError(
                f"must be in [0, {MAX_OFFSET_PERIODS}], got {offset}",
                code="offset-out-of-range",
                field="offsetPeriods",
            )

    def periods(self) -> tuple[int, ...]:
        """Discount periods of years 1..D, the offset included."""
        return tuple(
            self.offset_periods + discount_periods(self.timing, year)
            for year in range(1, self.duration_years + 1)
        )

    def _check_price_index(self) -> None:
        pair = (self.price_index_from, self.price_index_to)
        if (pair[0] is None) != (pair[1] is None):
            raise InvalidLineError(
                "give both index values (from and to) or neither",
                code="bad-price-index",
                field="priceIndex",
            )
        if pair[0] is None:
            return
        for name, wire, value in (
            ("price_index_from", "priceIndex.from", pair[0]),
            ("price_index_to", "priceIndex.to", pair[1]),
        ):
            number = parse_decimal(value, wire)
            if number <= 0:
                raise InvalidLineError(
                    f"must be greater than 0, got {number}", code="bad-price-index", field=wire
                )
            object.__setattr__(self, name, number)

    def to_json(self) -> dict[str, Any]:
        """Return the wire form of this line (the conformance vectors' ``line`` object)."""
        out: dict[str, Any] = {
            "quantity": decimal_text(self.quantity),
            "proxyValue": decimal_text(self.proxy_value),
            "deadweight": decimal_text(self.deadweight),
            "attribution": decimal_text(self.attribution),
            "displacement": decimal_text(self.displacement),
            "dropOff": decimal_text(self.drop_off),
            "durationYears": self.duration_years,
        }
        if self.discount.is_constant:
            out["discountRate"] = decimal_text(self.discount.entries[0].rate)
        else:
            out["discountSchedule"] = self.discount.to_json()
        out["discountTiming"] = self.timing.value
        if self.offset_periods:
            out["offsetPeriods"] = self.offset_periods
        if self.price_index_from is not None and self.price_index_to is not None:
            out["priceIndex"] = {
                "from": decimal_text(self.price_index_from),
                "to": decimal_text(self.price_index_to),
            }
        return out


def line_spec_from_json(line: Mapping[str, Any]) -> LineSpec:
    """Read a line in wire form (camelCase keys, decimals as text) into a LineSpec.

    Exactly one of ``discountRate`` and ``discountSchedule`` is required. Unknown or
    missing keys are refused (codes ``unknown-field``, ``missing-field``,
    ``both-rate-and-schedule``, ``missing-discount-rate``) besides the LineSpec codes.
    """
    if not isinstance(line, Mapping):
        raise InvalidLineError("a line must be a JSON object", code="not-an-object")
    unknown = sorted(set(line) - _LINE_KEYS)
    if unknown:
        raise InvalidLineError(f"unknown key(s) {unknown}", code="unknown-field", field=unknown[0])
    missing = sorted(_REQUIRED_KEYS - set(line))
    if missing:
        raise InvalidLineError(f"missing key(s) {missing}", code="missing-field", field=missing[0])
    if "discountRate" in line and "discountSchedule" in line:
        raise InvalidLineError(
            "give discountRate or discountSchedule, not both",
            code="both-rate-and-schedule",
            field="discountRate",
        )
    if "discountRate" in line:
        schedule = constant(line["discountRate"])
    elif "discountSchedule" in line:
        schedule = DiscountSchedule.from_json(line["discountSchedule"])
    else:
        raise InvalidLineError(
            "give discountRate (a constant rate) or discountSchedule",
            code="missing-discount-rate",
            field="discountRate",
        )
    index_from: Decimal | None = None
    index_to: Decimal | None = None
    if "priceIndex" in line:
        index = line["priceIndex"]
        if not isinstance(index, Mapping) or set(index) != {"from", "to"}:
            raise InvalidLineError(
                "priceIndex must be an object with exactly 'from' and 'to'",
                code="bad-price-index",
                field="priceIndex",
            )
        index_from = parse_decimal(index["from"], "priceIndex.from")
        index_to = parse_decimal(index["to"], "priceIndex.to")
    return LineSpec(
        quantity=parse_decimal(line["quantity"], "quantity"),
        proxy_value=parse_decimal(line["proxyValue"], "proxyValue"),
        deadweight=parse_decimal(line["deadweight"], "deadweight"),
        attribution=parse_decimal(line["attribution"], "attribution"),
        displacement=parse_decimal(line["displacement"], "displacement"),
        drop_off=parse_decimal(line["dropOff"], "dropOff"),
        duration_years=line["durationYears"],
        discount=schedule,
        timing=line["discountTiming"],
        price_index_from=index_from,
        price_index_to=index_to,
        offset_periods=line.get("offsetPeriods", 0),
    )


@dataclass(frozen=True, slots=True)
class LineResult:
    """Every figure of one line's valuation, exact (50 digits) and as reported (cents).

    Reported figures are each rounded half-even to the cent from the exact value; the
    present value is the rounded exact sum of discounted yearly values, so it need not
    equal the sum of the rounded discounted yearly values.
    """

    spec: LineSpec
    rebase_factor: Decimal
    """I(target year) / I(proxy price year), or exactly 1 without an index."""
    gross_exact: Decimal
    """Quantity x rebased proxy value."""
    after_deadweight_exact: Decimal
    after_attribution_exact: Decimal
    net_annual_exact: Decimal
    """Net annual impact N, after displacement: the year-1 value."""
    periods: tuple[int, ...]
    """Discount periods of years 1..D."""
    discount_factors: tuple[Decimal, ...]
    """Discount factor of each year 1..D."""
    year_values_exact: tuple[Decimal, ...]
    """Undiscounted value of years 1..D: N x (1 - dropOff)^(t-1)."""
    discounted_year_values_exact: tuple[Decimal, ...]
    present_value_exact: Decimal
    gross: Decimal
    """Reported (cent) figures from here on."""
    after_deadweight: Decimal
    after_attribution: Decimal
    net_annual: Decimal
    year_values: tuple[Decimal, ...]
    discounted_year_values: tuple[Decimal, ...]
    present_value: Decimal

    @property
    def present_value_cents(self) -> int:
        """The reported present value in integer cents."""
        return to_cents(self.present_value)

    def explain(self) -> str:
        """Walk through the calculation in plain text, one step per line."""
        spec = self.spec
        rows = [
            f"quantity {spec.quantity} x proxy value {spec.proxy_value}"
            + (
                ""
                if spec.price_index_from is None
                else f" x index {spec.price_index_to}/{spec.price_index_from}"
            )
            + f" = gross {self.gross}",
            f"less deadweight {spec.deadweight} = {self.after_deadweight}",
            f"less attribution {spec.attribution} = {self.after_attribution}",
            f"less displacement {spec.displacement} = net annual impact {self.net_annual}",
        ]
        for year, (value, periods, factor, discounted) in enumerate(
            zip(
                self.year_values,
                self.periods,
                self.discount_factors,
                self.discounted_year_values,
                strict=True,
            ),
            start=1,
        ):
            rows.append(
                f"year {year}: {value} x discount factor {factor:.10f} ({periods} periods)"
                f" = {discounted}"
            )
        rows.append(
            f"present value {self.present_value} (rounded once from the exact sum "
            f"{self.present_value_exact})"
        )
        return "\n".join(rows)
