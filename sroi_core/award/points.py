"""Points arithmetic: exact decimals, each points figure rounded half to even to 2 places."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal

from sroi_core._decimal import exact_context, exact_sum

ZERO = Decimal(0)


def points(value: Decimal) -> Decimal:
    """A points figure rounded half to even to 2 decimals (the one rounding of points)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN, context=exact_context())


def fraction4(value: Decimal) -> Decimal:
    """An attainment or share rounded half to even to 4 decimals."""
    return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN, context=exact_context())


def total(values: Iterable[Decimal]) -> Decimal:
    """Exact sum (of quantities and shares as well as money: no forced decimals)."""
    return exact_sum(values, ZERO)


def ratio(a: Decimal, b: Decimal) -> Decimal:
    """Exact ``a / b`` (``b`` must not be 0)."""
    return exact_context().divide(a, b)
