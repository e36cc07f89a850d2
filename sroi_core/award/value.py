"""Value-based methods (chosen explicitly by a buyer): monetised value of the counted lines.

Only values of the tender's perspective count (``society`` or ``public-purse``, never
summed), scaled by the line's counted / claimed quantity so every reduction applies to
money too. relative-value: P x value / best value; absolute-value: P x min(1, value /
minimum), the minimum being the value share x the contract value.
"""

from __future__ import annotations

from decimal import Decimal

from sroi_core._decimal import round_cent
from sroi_core.award.points import ZERO, points, ratio
from sroi_core.model.award_rules import Perspective
from sroi_core.model.valuation import ValuationLine


def line_value(
    line: ValuationLine, perspective: Perspective, counted: Decimal, claimed: Decimal
) -> Decimal:
    """The line's present value in ``perspective``, scaled to the counted quantity."""
    value = line.perspective_value(perspective)
    if claimed == 0:
        return ZERO
    return round_cent(value * ratio(counted, claimed))


def relative_points(value: Decimal, best: Decimal, max_points: int) -> Decimal:
    """P x value / best (0 when best is 0)."""
    return ZERO if best == 0 else points(Decimal(max_points) * ratio(value, best))


def absolute_points(value: Decimal, minimum: Decimal | None, max_points: int) -> Decimal:
    """P x min(1, value / minimum); without a minimum, 0."""
    if minimum is None or minimum == 0:
        return ZERO
    return points(Decimal(max_points) * min(Decimal(1), ratio(value, minimum)))
