"""Price points, by the formula the tender publishes."""

from __future__ import annotations

from decimal import Decimal

from sroi_core.award.points import ZERO, points, ratio
from sroi_core.model.award_rules import PriceFormula


def price_points(
    price: Decimal, lowest: Decimal, formula: PriceFormula, max_points: int
) -> Decimal:
    """Price points by ``formula``.

    ``lowest-over-price``: P x lowest / price; ``linear``: P x (1 - (price - lowest) /
    lowest), at least 0; ``none``: 0.
    """
    top = Decimal(max_points)
    if formula == "none" or price <= 0 or lowest <= 0:
        return ZERO
    if formula == "linear":
        return points(max(ZERO, top * (1 - ratio(price - lowest, lowest))))
    return points(top * ratio(lowest, price))
