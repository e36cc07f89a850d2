"""Sensitivity of a valuation: proxy scenarios, the SROI ratio and break-even adjustments.

The SROI Guide asks for a range rather than a point, and for the change in each
assumption that would bring the ratio to 1:1 (docs/valuation-method.md §8). Break-even
values are computed on exact totals so that they are a property of the inputs, not of
rounding; reported figures are rounded once at the end.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from enum import StrEnum

from sroi_core._decimal import exact_context
from sroi_core.valuation.line import InvalidLineError, LineSpec, parse_decimal
from sroi_core.valuation.reference import value_line

__all__ = [
    "BREAK_EVEN_TOLERANCE",
    "Adjustment",
    "BreakEven",
    "ScenarioLine",
    "Scenarios",
    "break_even",
    "break_evens",
    "proxy_scenarios",
    "solve_drop_off",
    "solve_multiplicative",
    "sroi_ratio",
    "total_present_value",
]

RATIO_STEP = Decimal("0.01")
"""An SROI ratio is reported to two decimals (half-even): 3.46 means 3.46 : 1."""
BREAK_EVEN_STEP = Decimal("0.0001")
"""A break-even fraction is reported to four decimals, a hundredth of a percentage point."""
BREAK_EVEN_TOLERANCE = Decimal("1e-12")
"""Width of the final bisection interval for drop-off; far below the reported step."""


class Adjustment(StrEnum):
    """The adjustments whose break-even value is reported (wire names)."""

    DEADWEIGHT = "deadweight"
    ATTRIBUTION = "attribution"
    DISPLACEMENT = "displacement"
    DROP_OFF = "dropOff"


def _positive_investment(investment: Decimal | str | int) -> Decimal:
    value = parse_decimal(investment, "investment")
    if value <= 0:
        raise InvalidLineError(
            f"must be greater than 0, got {value}",
            code="investment-not-positive",
            field="investment",
        )
    return value


def sroi_ratio(present_value: Decimal, investment: Decimal | str | int) -> Decimal:
    """SROI ratio PV / investment, rounded half-even to two decimals.

    Raises InvalidLineError ``investment-not-positive`` for an investment <= 0: a ratio
    over nothing invested has no meaning.
    """
    context = exact_context()
    ratio = context.divide(present_value, _positive_investment(investment))
    return ratio.quantize(RATIO_STEP, rounding=ROUND_HALF_EVEN, context=context)


def total_present_value(specs: Iterable[LineSpec]) -> Decimal:
    """Total present value: the sum of each line's rounded present value."""
    return sum((value_line(spec).present_value for spec in specs), start=Decimal("0.00"))


@dataclass(frozen=True, slots=True)
class ScenarioLine:
    """A line with the low and high proxy values of its range (each defaults to central)."""

    spec: LineSpec
    proxy_low: Decimal | None = None
    proxy_high: Decimal | None = None

    def __post_init__(self) -> None:
        central = self.spec.proxy_value
        low = central if self.proxy_low is None else parse_decimal(self.proxy_low, "proxyLow")
        high = central if self.proxy_high is None else parse_decimal(self.proxy_high, "proxyHigh")
        if not 0 <= low <= central <= high:
            raise InvalidLineError(
                f"need 0 <= low <= central <= high, got {low}, {central}, {high}",
                code="bad-proxy-range",
                field="proxyValue",
            )
        object.__setattr__(self, "proxy_low", low)
        object.__setattr__(self, "proxy_high", high)


@dataclass(frozen=True, slots=True)
class Scenarios:
    """Total present value with every line at its low, central and high proxy value."""

    low: Decimal
    central: Decimal
    high: Decimal

    def ratios(self, investment: Decimal | str | int) -> tuple[Decimal, Decimal, Decimal]:
        """Return the SROI ratio of each scenario, low to high."""
        return (
            sroi_ratio(self.low, investment),
            sroi_ratio(self.central, investment),
            sroi_ratio(self.high, investment),
        )


def proxy_scenarios(lines: Sequence[ScenarioLine]) -> Scenarios:
    """Value every line at its low, central and high proxy (sums of rounded line values)."""
    totals = []
    for pick in ("proxy_low", "proxy_value", "proxy_high"):
        specs = [
            line.spec
            if pick == "proxy_value"
            else dataclasses.replace(line.spec, proxy_value=getattr(line, pick))
            for line in lines
        ]
        totals.append(total_present_value(specs))
    return Scenarios(*totals)


@dataclass(frozen=True, slots=True)
class BreakEven:
    """The value of one adjustment, applied to every line, at which PV equals investment."""

    adjustment: Adjustment
    value: Decimal | None
    """Exact (closed form) or within BREAK_EVEN_TOLERANCE (bisection); None if unreachable."""
    note: str
    """How it was found, or why no value in [0, 1] reaches 1:1."""

    @property
    def reachable(self) -> bool:
        """Whether some value in [0, 1] brings the ratio to 1:1."""
        return self.value is not None

    @property
    def reported(self) -> Decimal | None:
        """The value rounded half-even to four decimals, as reported."""
        if self.value is None:
            return None
        return self.value.quantize(BREAK_EVEN_STEP, rounding=ROUND_HALF_EVEN)


def _overridden(
    specs: Sequence[LineSpec], adjustment: Adjustment, value: Decimal
) -> list[LineSpec]:
    """Replace one adjustment by ``value`` on every line."""
    match adjustment:
        case Adjustment.DEADWEIGHT:
            return [dataclasses.replace(spec, deadweight=value) for spec in specs]
        case Adjustment.ATTRIBUTION:
            return [dataclasses.replace(spec, attribution=value) for spec in specs]
        case Adjustment.DISPLACEMENT:
            return [dataclasses.replace(spec, displacement=value) for spec in specs]
        case Adjustment.DROP_OFF:
            return [dataclasses.replace(spec, drop_off=value) for spec in specs]


def _exact_total(specs: Iterable[LineSpec]) -> Decimal:
    context = exact_context()
    total = Decimal(0)
    for spec in specs:
        total = context.add(total, value_line(spec).present_value_exact)
    return total


def _multiplicative(
    specs: Sequence[LineSpec], investment: Decimal, adjustment: Adjustment
) -> BreakEven:
    """Solve in closed form: total(a) = (1 - a) B, B the total at a = 0, so a* = 1 - I / B."""
    base = _exact_total(_overridden(specs, adjustment, Decimal(0)))
    return solve_multiplicative(base, investment, adjustment)


def solve_multiplicative(base: Decimal, investment: Decimal, adjustment: Adjustment) -> BreakEven:
    """Break-even of deadweight, attribution or displacement from B, the exact total at 0."""
    if base < investment:
        return BreakEven(
            adjustment,
            None,
            f"not reachable in [0, 1]: even with {adjustment.value} 0 the present value "
            f"({base:.2f}) is below the investment",
        )
    context = exact_context()
    value = context.subtract(Decimal(1), context.divide(investment, base))
    return BreakEven(adjustment, value, "closed form 1 - investment / value at 0")


def _drop_off(specs: Sequence[LineSpec], investment: Decimal, tolerance: Decimal) -> BreakEven:
    """Bisection on the total, a polynomial in g = 1 - d with non-negative coefficients.

    The total decreases as drop-off rises; the break-even drop-off is the smallest d in
    [0, 1] with total(d) <= investment, found to within ``tolerance``.
    """
    context = exact_context()
    coefficients: list[Decimal] = []
    for spec in specs:
        result = value_line(dataclasses.replace(spec, drop_off=Decimal(0)))
        for power, factor in enumerate(result.discount_factors):
            term = context.multiply(result.net_annual_exact, factor)
            if power == len(coefficients):
                coefficients.append(term)
            else:
                coefficients[power] = context.add(coefficients[power], term)
    return solve_drop_off(coefficients, investment, tolerance)


def solve_drop_off(
    coefficients: Sequence[Decimal], investment: Decimal, tolerance: Decimal = BREAK_EVEN_TOLERANCE
) -> BreakEven:
    """Break-even drop-off from the total's coefficients c_k (total = sum c_k (1 - d)^k).

    c_k is the sum over lines lasting more than k years of N x DF(year k + 1).
    """
    context = exact_context()

    def total(drop_off: Decimal) -> Decimal:
        keep = context.subtract(Decimal(1), drop_off)
        value = Decimal(0)
        for coefficient in reversed(coefficients):
            value = context.add(context.multiply(value, keep), coefficient)
        return value

    at_zero = total(Decimal(0))
    if at_zero == investment:
        return BreakEven(Adjustment.DROP_OFF, Decimal(0), "exact at drop-off 0")
    if at_zero < investment:
        return BreakEven(
            Adjustment.DROP_OFF,
            None,
            "not reachable in [0, 1]: even with drop-off 0 the present value is below the "
            "investment",
        )
    if total(Decimal(1)) > investment:
        return BreakEven(
            Adjustment.DROP_OFF,
            None,
            "not reachable in [0, 1]: even with drop-off 1 the present value exceeds the "
            "investment",
        )
    low, high = Decimal(0), Decimal(1)
    with localcontext(context):
        while high - low > tolerance:
            middle = (low + high) / 2
            if total(middle) > investment:
                low = middle
            else:
                high = middle
        return BreakEven(Adjustment.DROP_OFF, (low + high) / 2, f"bisection to {tolerance}")


def break_even(
    specs: Sequence[LineSpec],
    investment: Decimal | str | int,
    adjustment: Adjustment | str,
    *,
    tolerance: Decimal = BREAK_EVEN_TOLERANCE,
) -> BreakEven:
    """Find the value of ``adjustment`` that brings the lines' SROI ratio to exactly 1:1.

    The value overrides the adjustment on every line (other inputs unchanged) and the
    criterion is the exact total present value equal to the investment. Deadweight,
    attribution and displacement scale the total by (1 - a), so their value is closed
    form; drop-off is found by bisection to ``tolerance``.
    """
    amount = _positive_investment(investment)
    kind = Adjustment(adjustment)
    if not specs:
        return BreakEven(kind, None, "not reachable in [0, 1]: there are no lines")
    if kind is Adjustment.DROP_OFF:
        return _drop_off(specs, amount, tolerance)
    return _multiplicative(specs, amount, kind)


def break_evens(
    specs: Sequence[LineSpec], investment: Decimal | str | int
) -> tuple[BreakEven, ...]:
    """Find the break-even value of every adjustment, in the order of :class:`Adjustment`."""
    return tuple(break_even(specs, investment, kind) for kind in Adjustment)
