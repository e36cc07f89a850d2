"""The reference valuation of one line: the oracle every faster path must match to the cent.

It follows docs/valuation-method.md step by step and favours being obviously right over
speed. Arithmetic is decimal with 50 significant digits. A reported cent is the half-even
rounding of the *exact* rational value, so when 50-digit arithmetic was inexact and a
figure lies within its error of a half-cent boundary, that figure is recomputed in exact
rational arithmetic (:class:`fractions.Fraction`) with the same formula. This makes the
reference correct on every input, ties included, not merely at 50 digits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import Generic, TypeVar

from sroi_core._decimal import exact_context, round_cent
from sroi_core.valuation.line import LineResult, LineSpec

__all__ = ["value_line"]

_Number = TypeVar("_Number", Decimal, Fraction)

_HALF = Decimal("0.5")
_GUARD = Decimal("1e-40")
"""Relative error bound of the 50-digit path, with margin.

Every step is one correctly rounded decimal operation on exact inputs (relative error
<= 5e-50), all sums add non-negative terms, and a line has at most 4 + 3 x 1000 steps, so
the accumulated relative error stays below 2e-46; 1e-40 leaves a wide margin.
"""


@dataclass(frozen=True, slots=True)
class _Figures(Generic[_Number]):
    """The figures of one line in one number type (Decimal or Fraction)."""

    gross: _Number
    after_deadweight: _Number
    after_attribution: _Number
    net_annual: _Number
    growth: tuple[_Number, ...]
    """Compounded growth prod(1 + r_s) over each year's discount periods."""
    year_values: tuple[_Number, ...]
    discounted_year_values: tuple[_Number, ...]
    present_value: _Number

    def reported(self) -> tuple[_Number, ...]:
        """The figures that are reported in cents, in a fixed order."""
        return (
            self.gross,
            self.after_deadweight,
            self.after_attribution,
            self.net_annual,
            *self.year_values,
            *self.discounted_year_values,
            self.present_value,
        )


def _evaluate(spec: LineSpec, number: Callable[[Decimal], _Number]) -> _Figures[_Number]:
    """The method of docs/valuation-method.md, written once for Decimal and Fraction."""
    one = number(Decimal(1))
    gross = number(spec.quantity) * number(spec.proxy_value)
    if spec.price_index_from is not None and spec.price_index_to is not None:
        gross = gross * number(spec.price_index_to) / number(spec.price_index_from)
    after_deadweight = gross * (one - number(spec.deadweight))
    after_attribution = after_deadweight * (one - number(spec.attribution))
    net_annual = after_attribution * (one - number(spec.displacement))

    periods = [spec.timing.periods(year) for year in range(1, spec.duration_years + 1)]
    growth_by_period = [one]
    for period in range(1, periods[-1] + 1):
        growth_by_period.append(
            growth_by_period[-1] * (one + number(spec.discount.rate_for_period(period)))
        )

    keep = one - number(spec.drop_off)
    year_values = [net_annual]
    for _ in periods[1:]:
        year_values.append(year_values[-1] * keep)
    discounted = [
        value / growth_by_period[period]
        for value, period in zip(year_values, periods, strict=True)
    ]
    present_value = sum(discounted[1:], start=discounted[0])
    return _Figures(
        gross=gross,
        after_deadweight=after_deadweight,
        after_attribution=after_attribution,
        net_annual=net_annual,
        growth=tuple(growth_by_period[period] for period in periods),
        year_values=tuple(year_values),
        discounted_year_values=tuple(discounted),
        present_value=present_value,
    )


def _near_half_cent(value: Decimal) -> bool:
    """Whether a 50-digit figure is too close to a half-cent boundary to round safely."""
    context = exact_context()
    scaled = value.scaleb(2, context=context)
    rest = context.subtract(scaled, scaled.to_integral_value(rounding=ROUND_FLOOR))
    distance = abs(context.subtract(rest, _HALF))
    return distance <= context.multiply(_GUARD, max(abs(scaled), Decimal(1)))


def _round_fraction(value: Fraction) -> Decimal:
    """Half-even rounding of an exact rational to the cent."""
    scaled = value * 100
    cents = scaled.numerator // scaled.denominator
    rest = scaled - cents
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and cents % 2 == 1):
        cents += 1
    return Decimal(f"{cents}e-2")


def _round_reported(
    values: Sequence[Decimal], inexact: bool, exact: Callable[[], Sequence[Fraction]]
) -> list[Decimal]:
    """Round each figure to the cent, using exact rationals where 50 digits cannot decide."""
    rounded = []
    rationals: Sequence[Fraction] | None = None
    for position, value in enumerate(values):
        if inexact and _near_half_cent(value):
            if rationals is None:
                rationals = exact()
            rounded.append(_round_fraction(rationals[position]))
        else:
            rounded.append(round_cent(value))
    return rounded


def value_line(spec: LineSpec) -> LineResult:
    """Value one line: every figure exact to 50 digits and every reported cent exact.

    Args:
        spec: A validated line (LineSpec validates on construction).

    Returns:
        The explained result: each intermediate, the yearly values, the discount factors
        used and the present value, exact and rounded half-even to the cent.
    """
    with localcontext(exact_context()) as context:
        figures = _evaluate(spec, Decimal)
        discount_factors = tuple(context.divide(Decimal(1), g) for g in figures.growth)
        inexact = bool(context.flags[Inexact])
    rounded = _round_reported(
        figures.reported(), inexact, lambda: _evaluate(spec, Fraction).reported()
    )
    years = spec.duration_years
    return LineResult(
        spec=spec,
        rebase_factor=(
            Decimal(1)
            if spec.price_index_from is None or spec.price_index_to is None
            else exact_context().divide(spec.price_index_to, spec.price_index_from)
        ),
        gross_exact=figures.gross,
        after_deadweight_exact=figures.after_deadweight,
        after_attribution_exact=figures.after_attribution,
        net_annual_exact=figures.net_annual,
        periods=tuple(spec.timing.periods(year) for year in range(1, years + 1)),
        discount_factors=discount_factors,
        year_values_exact=figures.year_values,
        discounted_year_values_exact=figures.discounted_year_values,
        present_value_exact=figures.present_value,
        gross=rounded[0],
        after_deadweight=rounded[1],
        after_attribution=rounded[2],
        net_annual=rounded[3],
        year_values=tuple(rounded[4 : 4 + years]),
        discounted_year_values=tuple(rounded[4 + years : 4 + 2 * years]),
        present_value=rounded[-1],
    )
