"""A plain valuation line for the line-method tests: 1 x 1000, no adjustments, one year, 0 %."""

from __future__ import annotations

from decimal import Decimal

from sroi_core.valuation import DiscountTiming, LineSpec, constant


def plain_line(**changes: object) -> LineSpec:
    """The plain line with some fields changed, so each test states only what it varies."""
    fields: dict[str, object] = {
        "quantity": Decimal(1),
        "proxy_value": Decimal(1000),
        "deadweight": Decimal(0),
        "attribution": Decimal(0),
        "displacement": Decimal(0),
        "drop_off": Decimal(0),
        "duration_years": 1,
        "discount": constant("0"),
        "timing": DiscountTiming.END_OF_YEAR,
    }
    fields.update(changes)
    return LineSpec(**fields)  # type: ignore[arg-type]
