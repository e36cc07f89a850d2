"""Anchored discounting (standard 2.0): one base date for every line and for the cost.

In 1.0 each line was discounted from its own year 1, so a result in contract year 4 was
discounted like one in year 1, and the investment was nominal. In 2.0 every present value
is discounted to one base date: year t of a line whose period starts o whole years after
the base date is discounted by o + periods(t) periods, and the incremental cost (stated in
valuation-year prices, like the benefits) is spread evenly over the contract years and
discounted the same way (docs/valuation-method.md, anchored discounting).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from sroi_core._decimal import from_cents
from sroi_core.model.codes import DiscountTiming
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.tender import Tender
from sroi_core.model.types import Period
from sroi_core.valuation.discounting import DiscountSchedule
from sroi_core.valuation.line import MAX_OFFSET_PERIODS, discount_periods

BaseDateSource = Literal["conventions", "tender", "subject"]


@dataclass(frozen=True)
class BaseDate:
    """The base date of a valuation and where it comes from."""

    date: dt.date
    source: BaseDateSource


def base_date_for(
    conventions: ValuationConventions, tender: Tender | None, starts: Iterable[dt.date]
) -> BaseDate:
    """The conventions' base date, else the tender's period start, else the earliest start.

    ``starts``: the starts of the subject's line periods.
    """
    if conventions.base_date is not None:
        return BaseDate(conventions.base_date, "conventions")
    if tender is not None:
        return BaseDate(tender.period.start, "tender")
    earliest = min(starts, default=None)
    return BaseDate(earliest if earliest is not None else dt.date(1970, 1, 1), "subject")


def whole_years(start: dt.date, later: dt.date) -> int:
    """Whole years from ``start`` to ``later`` (anniversaries passed); 0 when not after.

    A 29 February start has its anniversary on 28 February in other years.
    """
    if later <= start:
        return 0
    years = later.year - start.year
    try:
        anniversary = start.replace(year=later.year)
    except ValueError:  # 29 February
        anniversary = dt.date(later.year, 2, 28)
    if later < anniversary:
        years -= 1
    return min(years, MAX_OFFSET_PERIODS)


def contract_years(period: Period) -> int:
    """Contract years of a period: whole years, a part year counting as one (at least 1)."""
    end = period.end + dt.timedelta(days=1)
    years = whole_years(period.start, end)
    try:
        anniversary = period.start.replace(year=period.start.year + years)
    except ValueError:
        anniversary = dt.date(period.start.year + years, 2, 28)
    return max(1, years + (1 if anniversary < end else 0))


def cost_present_value(
    amount: Decimal,
    years: int,
    offset: int,
    schedule: DiscountSchedule,
    timing: DiscountTiming,
) -> Decimal:
    """Present value of ``amount`` spread evenly over ``years`` contract years.

    Year k (1..years) carries amount / years and is discounted by offset + periods(k)
    periods, exactly as a benefit line; the exact rational sum is rounded half-even to
    the cent once.
    """
    share = Fraction(amount) / years
    total = Fraction(0)
    growth = Fraction(1)
    period = 0
    for year in range(1, years + 1):
        wanted = offset + discount_periods(timing, year)
        while period < wanted:
            period += 1
            growth *= 1 + Fraction(schedule.rate_for_period(period))
        total += share / growth
    return from_cents(round(total * 100))  # round() of a Fraction is half to even
