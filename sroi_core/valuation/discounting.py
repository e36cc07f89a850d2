"""Discount schedules and discount factors (normative: docs/valuation-method.md §5).

A schedule is a step function of per-period rates. Period ``s`` is the ``s``-th year of
discounting, the interval from ``s - 1`` to ``s`` years after the base point. The first
entry must start at period 1 so that every period has exactly one rate; a constant rate
is a one-entry schedule. The discount factor of ``n`` periods compounds the rate of each
period in turn (the "marginal rate" reading of a declining schedule).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sroi_core._decimal import exact_context
from sroi_core.errors import ValuationError

__all__ = [
    "GREEN_BOOK_SCHEDULE",
    "NL_MKBA_RATE",
    "NL_MKBA_SCHEDULE",
    "DiscountSchedule",
    "DiscountScheduleError",
    "ScheduleEntry",
    "constant",
    "discount_factor",
    "discount_factors",
]


class DiscountScheduleError(ValuationError):
    """A discount schedule or rate breaks the rules; ``code`` is a stable error code.

    Codes: ``bad-discount-schedule`` (empty, first entry not at period 1, periods not
    strictly increasing integers, malformed entry) and ``bad-discount-rate`` (not a finite
    decimal, or not greater than -1).
    """

    def __init__(self, message: str, *, code: str, field: str) -> None:
        self.code = code
        self.field = field
        super().__init__(f"{field}: {message} [{code}]")


def _rate(value: object, field: str) -> Decimal:
    """Read a rate from Decimal, int or decimal text; floats are refused as inexact."""
    if isinstance(value, Decimal):
        rate = value
    elif isinstance(value, int | str) and not isinstance(value, bool):
        try:
            rate = Decimal(value)
        except ArithmeticError:
            raise DiscountScheduleError(
                f"a rate must be decimal text, got {value!r}",
                code="bad-discount-rate",
                field=field,
            ) from None
    else:
        raise DiscountScheduleError(
            f"a rate must be a decimal (text or Decimal), got {value!r}",
            code="bad-discount-rate",
            field=field,
        )
    return rate


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    """The rate that applies from one period on, until the next entry's period."""

    from_period: int
    """First period (1-based) at which ``rate`` applies."""
    rate: Decimal
    """Real discount rate per period as a fraction (0.035 for 3.5 %); must exceed -1."""


@dataclass(frozen=True, slots=True)
class DiscountSchedule:
    """A validated, immutable step schedule of discount rates.

    Invariants (checked on construction, each breach raises
    :class:`DiscountScheduleError` with code
    ``bad-discount-schedule`` or ``bad-discount-rate``): at least one entry; the first
    entry starts at period 1; ``from_period`` strictly increasing integers; every rate a
    finite decimal greater than -1.
    """

    entries: tuple[ScheduleEntry, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.entries, tuple) or not self.entries:
            raise DiscountScheduleError(
                "a discount schedule needs at least one entry",
                code="bad-discount-schedule",
                field="discountSchedule",
            )
        previous = 0
        for position, entry in enumerate(self.entries):
            where = f"discountSchedule[{position}]"
            period = entry.from_period
            if isinstance(period, bool) or not isinstance(period, int):
                raise DiscountScheduleError(
                    f"fromPeriod must be an integer, got {period!r}",
                    code="bad-discount-schedule",
                    field=where,
                )
            if position == 0 and period != 1:
                raise DiscountScheduleError(
                    f"the first schedule entry must start at period 1, got {period}",
                    code="bad-discount-schedule",
                    field=where,
                )
            if period <= previous:
                raise DiscountScheduleError(
                    f"fromPeriod values must be strictly increasing, got {period} after {previous}",
                    code="bad-discount-schedule",
                    field=where,
                )
            previous = period
            rate = entry.rate
            if not isinstance(rate, Decimal) or not rate.is_finite():
                raise DiscountScheduleError(
                    f"a discount rate must be a finite decimal, got {rate!r}",
                    code="bad-discount-rate",
                    field=where,
                )
            if rate <= -1:
                raise DiscountScheduleError(
                    f"a discount rate must be greater than -1, got {rate}",
                    code="bad-discount-rate",
                    field=where,
                )

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, Decimal | str]]) -> DiscountSchedule:
        """Build a schedule from ``(from_period, rate)`` pairs; rates as Decimal or text."""
        return cls(
            tuple(
                ScheduleEntry(period, _rate(rate, "discountSchedule.rate"))
                for period, rate in pairs
            )
        )

    @classmethod
    def from_json(cls, value: Any) -> DiscountSchedule:
        """Read the wire form ``[{"fromPeriod": 1, "rate": "0.035"}, ...]``."""
        if not isinstance(value, Sequence) or isinstance(value, str | bytes):
            raise DiscountScheduleError(
                "discountSchedule must be a list of {fromPeriod, rate} objects",
                code="bad-discount-schedule",
                field="discountSchedule",
            )
        entries = []
        for position, item in enumerate(value):
            where = f"discountSchedule[{position}]"
            if not isinstance(item, Mapping) or set(item) != {"fromPeriod", "rate"}:
                raise DiscountScheduleError(
                    "each schedule entry must have exactly fromPeriod and rate",
                    code="bad-discount-schedule",
                    field=where,
                )
            entries.append(ScheduleEntry(item["fromPeriod"], _rate(item["rate"], where + ".rate")))
        return cls(tuple(entries))

    def to_json(self) -> list[dict[str, Any]]:
        """Return the wire form of this schedule (rates as decimal text)."""
        return [
            {"fromPeriod": entry.from_period, "rate": format(entry.rate, "f")}
            for entry in self.entries
        ]

    def rate_for_period(self, period: int) -> Decimal:
        """Return the rate of period ``period`` (>= 1): the last entry starting at or before it."""
        if period < 1:
            raise ValueError(f"periods are numbered from 1, got {period}")
        rate = self.entries[0].rate
        for entry in self.entries:
            if entry.from_period > period:
                break
            rate = entry.rate
        return rate

    @property
    def is_constant(self) -> bool:
        """True for a one-entry schedule."""
        return len(self.entries) == 1


def constant(rate: Decimal | str) -> DiscountSchedule:
    """Make a one-entry schedule: the same rate for every period."""
    return DiscountSchedule((ScheduleEntry(1, _rate(rate, "discountRate")),))


@lru_cache(maxsize=256)
def discount_factors(schedule: DiscountSchedule, max_periods: int) -> tuple[Decimal, ...]:
    """Discount factors for 0..max_periods periods (index = number of periods).

    Each factor is ``1 / prod(1 + r_s)``: the growth is compounded first and inverted
    once, so a factor carries one division's rounding at 50 significant digits.
    Cached because a portfolio reuses a handful of schedules many times.
    """
    if max_periods < 0:
        raise ValueError(f"the number of periods cannot be negative, got {max_periods}")
    context = exact_context()
    growth = Decimal(1)
    factors = [Decimal(1)]
    for period in range(1, max_periods + 1):
        growth = context.multiply(growth, context.add(Decimal(1), schedule.rate_for_period(period)))
        factors.append(context.divide(Decimal(1), growth))
    return tuple(factors)


def discount_factor(schedule: DiscountSchedule, periods: int) -> Decimal:
    """Return the discount factor of ``periods`` whole periods (1 for zero periods)."""
    return discount_factors(schedule, periods)[periods]


NL_MKBA_RATE = Decimal("0.0225")
"""Dutch standard real discount rate for social cost-benefit analysis (MKBA), 2.25 %.

In force from 1 January 2021 (Werkgroep Discontovoet 2020, adopted by the cabinet):
risk-free rate -1 % plus a 3.25 % risk premium, constant over time. Source:
Rijkswaterstaat Steunpunt Economische Expertise, "Discontovoet" and FAQ pages
(rwseconomie.nl, 2016-2021), cited as [S84] in the reference valuation-anchors.md §5.2.
"""

NL_MKBA_SCHEDULE = constant(NL_MKBA_RATE)
"""The MKBA rate as a one-entry schedule (no declining long-term schedule in NL)."""

GREEN_BOOK_SCHEDULE = DiscountSchedule.of(
    [
        (1, "0.035"),
        (31, "0.030"),
        (76, "0.025"),
        (126, "0.020"),
        (201, "0.015"),
        (301, "0.010"),
    ]
)
"""HM Treasury Green Book declining long-term discount schedule (standard STPR, real).

Source: HM Treasury, The Green Book (2003), Table 6.1, restated unchanged in the 2018/2020
and 2022 editions and in NI Department of Finance guidance (reference valuation-anchors.md
§2.1, [S11], [S11b], [S13]): years 0-30 3.5 %, 31-75 3.0 %, 76-125 2.5 %, 126-200 2.0 %,
201-300 1.5 %, 301+ 1.0 %.

Mapping: the Green Book discounts year ``n`` (year 0 undiscounted) by ``n`` periods, so
"years 0-30 at 3.5 %" means periods 1..30 carry 3.5 % and period 31 (the step from year
30 to year 31) is the first at 3.0 %. Hence ``fromPeriod`` 1, 31, 76, 126, 201, 301. With
start-of-year timing, SROI year ``t`` is Green Book year ``t - 1``. Known-answer check:
Green Book Table 2 (PV of 1,000 at 3.5 %, years 0-10: 1000, 966, 934, ... 709) in
tests/test_valuation_reference.py. HM Treasury opened a review of discounting in December
2025 ([S24]); these rates may change.
"""
