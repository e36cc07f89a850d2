"""Exact decimal arithmetic and the standard's one rounding rule.

Rule (normative, docs/valuation-method.md): money is computed exactly with at least 28
significant digits and rounded **half to even, to the cent** only where a figure is
reported: each yearly value, each line's present value, each line's adjustments shown.
Totals are sums of rounded line figures, so they do not depend on record order.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")
PRECISION = 50
"""Significant digits of the exact path (the standard requires at least 28)."""


_EXACT = decimal.Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def exact_context() -> decimal.Context:
    """A fresh context for the exact path: 50 digits, half-even, traps on invalid ops.

    A copy each time, so that the flags one computation reads (e.g. ``Inexact``) are its own.
    """
    return _EXACT.copy()


def exact_sum(values: Iterable[Decimal], start: Decimal = Decimal("0.00")) -> Decimal:
    """The exact sum of ``values`` (from ``start``: money sums keep at least two decimals)."""
    context = exact_context()
    total = start
    for value in values:
        total = context.add(total, value)
    return total


def round_cent(value: Decimal) -> Decimal:
    """Round to the cent, half to even (the standard's only money rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN, context=exact_context())


def to_cents(value: Decimal) -> int:
    """Integer cents of a money figure, rounded half to even."""
    return int(round_cent(value).scaleb(2))


def from_cents(cents: int) -> Decimal:
    """The money figure of an integer number of cents, with exactly two decimals."""
    if -_SCALEB_EXACT < cents < _SCALEB_EXACT:  # the hot path of large valuations
        return Decimal(cents).scaleb(-2)  # exact below the context's 28 digits: "n.nn"
    return Decimal(cents).scaleb(-2).quantize(CENT)


_SCALEB_EXACT = 10**27
"""Below this many cents, ``scaleb(-2)`` alone gives the two-decimal figure exactly."""


def decimal_text(value: Decimal) -> str:
    """Plain positional text of a decimal, never exponent notation (the wire format).

    The text keeps the value's exponent (``Decimal("1.50")`` gives ``"1.50"``) and sign,
    so a value read from a file is written back exactly as it was.
    """
    return format(value, "f")


def grouped(value: Decimal | int, places: int = 2, language: str = "en") -> str:
    """A figure for people, ``places`` decimals: ``1.234,56`` (nl) or ``1,234.56`` (en).

    The one place the command line formats numbers, so every command writes them alike.
    """
    text = f"{Decimal(value):,.{places}f}"
    if language == "nl":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
def display_context(*values: Decimal) -> decimal.Context:
    """A context with enough digits to round ``values`` for display, however large.

    Figures in messages and reports may be far larger than any the engine values (a
    schema-valid 30-digit contract value times a limit); rounding them with the default
    28 digits would raise ``InvalidOperation``. Nothing else about rounding changes.
    """
    size = max((v.adjusted() for v in values if v.is_finite()), default=0)
    return decimal.Context(prec=max(PRECISION, size + 25), rounding=ROUND_HALF_EVEN)


def quantize_display(value: Decimal, step: Decimal) -> Decimal:
    """Round ``value`` half to even to ``step`` for display, at any size (never raises)."""
    if not value.is_finite():
        return value
    return value.quantize(step, rounding=ROUND_HALF_EVEN, context=display_context(value))
