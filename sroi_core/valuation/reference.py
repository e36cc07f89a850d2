"""The reference valuation of one line: the oracle every faster path must match to the cent.

It follows docs/valuation-method.md step by step and favours being obviously right over
speed. Arithmetic is decimal with 50 significant digits. A reported cent is the half-even
rounding of the *exact* rational value, so when 50-digit arithmetic was inexact and a
figure lies within its error of a half-cent boundary, that figure is recomputed in exact
rational arithmetic (:class:`fractions.Fraction`) with the same formula. This makes the
reference correct on every input, ties included, not merely at 50 digits.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import Protocol, TypeVar

from sroi_core._decimal import CENT, exact_context
from sroi_core.valuation.line import InvalidLineError, LineResult, LineSpec

__all__ = ["net_figures", "present_value_cents", "value_line"]

_Number = TypeVar("_Number", Decimal, Fraction)

_EXACT = exact_context()
"""The exact context; ``localcontext`` copies it for each computation that reads flags."""
_ROUNDING = exact_context()
"""A context for quantize and compare steps, whose flags nobody reads."""
_HALF_CENT = Decimal("0.005")
_MAX_MONEY = Decimal("1e40")
"""Largest reportable figure: far beyond any real one, and 10 digits inside the 50."""
_GUARD = Decimal("1e-40")
"""Relative error bound of the 50-digit path, with margin.

Every step is one correctly rounded decimal operation on exact inputs (relative error
<= 5e-50), all sums add non-negative terms, and a line has at most 4 + 3 x 1000 steps plus
one per offset period (at most 1000 more), so the accumulated relative error stays below
3e-46; 1e-40 leaves a wide margin.
"""


class NetInputs(Protocol):
    """What the net figures of a line depend on (a LineSpec, or the document path's row)."""

    @property
    def quantity(self) -> Decimal: ...
    @property
    def proxy_value(self) -> Decimal: ...
    @property
    def deadweight(self) -> Decimal: ...
    @property
    def attribution(self) -> Decimal: ...
    @property
    def displacement(self) -> Decimal: ...
    @property
    def price_index_from(self) -> Decimal | None: ...
    @property
    def price_index_to(self) -> Decimal | None: ...


def _net_figures(spec: NetInputs, number: Callable[[Decimal], _Number]) -> list[_Number]:
    """Gross, after deadweight, after attribution and net annual N (method §3)."""
    one = number(Decimal(1))
    gross = number(spec.quantity) * number(spec.proxy_value)
    if spec.price_index_from is not None and spec.price_index_to is not None:
        gross = gross * number(spec.price_index_to) / number(spec.price_index_from)
    after_deadweight = gross * (one - number(spec.deadweight))
    after_attribution = after_deadweight * (one - number(spec.attribution))
    net_annual = after_attribution * (one - number(spec.displacement))
    return [gross, after_deadweight, after_attribution, net_annual]


def _undiscounted(spec: LineSpec, number: Callable[[Decimal], _Number]) -> list[_Number]:
    """Gross, after deadweight, after attribution, net annual N, then the yearly values.

    Written once for Decimal and Fraction, following docs/valuation-method.md §3-4.
    """
    figures = _net_figures(spec, number)
    keep = number(Decimal(1)) - number(spec.drop_off)
    year_values: list[_Number] = [figures[3]]
    for _ in range(1, spec.duration_years):
        year_values.append(year_values[-1] * keep)
    figures.extend(year_values)
    return figures


def _discounted(
    spec: LineSpec, number: Callable[[Decimal], _Number], year_values: Sequence[_Number]
) -> tuple[list[_Number], list[_Number]]:
    """Each year's compounded growth prod(1 + r_s), and its discounted value, then the PV.

    Each discounted value is V_t / growth (one division, last), per §5 of the method.
    """
    one = number(Decimal(1))
    periods = spec.periods()
    growth_by_period = [one]
    for period in range(1, periods[-1] + 1):
        rate = number(spec.discount.rate_for_period(period))
        growth_by_period.append(growth_by_period[-1] * (one + rate))
    growth = [growth_by_period[period] for period in periods]
    discounted: list[_Number] = [
        value / factor for value, factor in zip(year_values, growth, strict=True)
    ]
    present_value = sum(discounted[1:], start=discounted[0])
    discounted.append(present_value)
    return growth, discounted


def _round_fraction(value: Fraction) -> Decimal:
    """Half-even rounding of an exact rational to the cent."""
    scaled = value * 100
    cents = scaled.numerator // scaled.denominator
    rest = scaled - cents
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and cents % 2 == 1):
        cents += 1
    return Decimal(f"{cents}e-2")


def _round_reported(
    values: Sequence[Decimal],
    inexact: Sequence[bool],
    exact: Callable[[], Sequence[Fraction]],
) -> list[Decimal]:
    """Round each figure half-even to the cent, with rationals where 50 digits cannot decide.

    A figure is undecided when the 50-digit arithmetic behind it was inexact and it lies
    within its error bound (_GUARD, relative) of a half-cent boundary, i.e. when
    |value - rounded| is that close to half a cent.
    """
    context = _ROUNDING  # shared: rounding reads no flags
    rounded = []
    for position, value in enumerate(values):
        if abs(value) >= _MAX_MONEY:
            raise InvalidLineError(
                f"a figure of this line ({value:.3e}) exceeds {_MAX_MONEY:.0e}",
                code="value-too-large",
            )
        cent = value.quantize(CENT, rounding=ROUND_HALF_EVEN, context=context)
        if inexact[position]:
            off_tie = context.subtract(abs(context.subtract(value, cent)), _HALF_CENT)
            if abs(off_tie) <= context.multiply(_GUARD, max(abs(value), CENT)):
                cent = _round_fraction(exact()[position])
        rounded.append(cent)
    return rounded


def value_line(spec: LineSpec) -> LineResult:
    """Value one line: every figure exact to 50 digits and every reported cent exact.

    Args:
        spec: A validated line (LineSpec validates on construction).

    Returns:
        The explained result: each intermediate, the yearly values, the discount factors
        used and the present value, exact and rounded half-even to the cent.

    """
    with localcontext(_EXACT) as context:  # a private copy: its flags are this call's
        undiscounted = _undiscounted(spec, Decimal)
        undiscounted_inexact = bool(context.flags[Inexact])
        growth, discounted = _discounted(spec, Decimal, undiscounted[4:])
        discounted_inexact = bool(context.flags[Inexact])  # flags accumulate
        discount_factors = tuple(context.divide(Decimal(1), factor) for factor in growth)

    @functools.cache
    def exact() -> list[Fraction]:
        figures = _undiscounted(spec, Fraction)
        return figures + _discounted(spec, Fraction, figures[4:])[1]

    inexact = [undiscounted_inexact] * len(undiscounted) + [discounted_inexact] * len(discounted)
    figures = undiscounted + discounted
    rounded = _round_reported(figures, inexact, exact)
    years = spec.duration_years
    return LineResult(
        spec=spec,
        rebase_factor=(
            Decimal(1)
            if spec.price_index_from is None or spec.price_index_to is None
            else exact_context().divide(spec.price_index_to, spec.price_index_from)
        ),
        gross_exact=figures[0],
        after_deadweight_exact=figures[1],
        after_attribution_exact=figures[2],
        net_annual_exact=figures[3],
        periods=spec.periods(),
        discount_factors=discount_factors,
        year_values_exact=tuple(figures[4 : 4 + years]),
        discounted_year_values_exact=tuple(figures[4 + years : 4 + 2 * years]),
        present_value_exact=figures[-1],
        gross=rounded[0],
        after_deadweight=rounded[1],
        after_attribution=rounded[2],
        net_annual=rounded[3],
        year_values=tuple(rounded[4 : 4 + years]),
        discounted_year_values=tuple(rounded[4 + years : 4 + 2 * years]),
        present_value=rounded[-1],
    )


def present_value_cents(spec: LineSpec) -> int:
    """Return only the line's rounded present value in cents, as value_line would report it.

    The batch path's fallback needs nothing else, so this skips rounding the other
    figures; it runs the same formula and the same exact-rounding guard.
    """
    with localcontext(_EXACT) as context:  # a private copy: its flags are this call's
        undiscounted = _undiscounted(spec, Decimal)
        present_value = _discounted(spec, Decimal, undiscounted[4:])[1][-1]
        inexact = bool(context.flags[Inexact])

    def exact() -> list[Fraction]:
        figures = _undiscounted(spec, Fraction)
        return [_discounted(spec, Fraction, figures[4:])[1][-1]]

    (rounded,) = _round_reported([present_value], [inexact], exact)
    return int(rounded.scaleb(2))


def net_figures(spec: NetInputs) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...]]:
    """Exact and reported gross, after deadweight, after attribution and net annual N.

    The reported figures equal :func:`value_line`'s; this skips the yearly values and
    discounting, for callers (the document valuation) that take those from the batch
    kernel. The inputs must already be valid (a LineSpec checks them; the document path
    passes values the model has checked).
    """
    with localcontext(_EXACT) as context:  # a private copy: its flags are this call's
        figures = _net_figures(spec, Decimal)
        inexact = bool(context.flags[Inexact])

    def exact() -> list[Fraction]:
        return _net_figures(spec, Fraction)

    rounded = _round_reported(figures, [inexact] * len(figures), exact)
    return tuple(figures), tuple(rounded)
