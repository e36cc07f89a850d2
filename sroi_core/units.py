"""Units: the closed unit codelist mapped onto the package's one pint registry.

Why pint: it refuses to add persons to households and converts kilograms to tonnes
exactly. Why one registry: pint quantities from two registries cannot be combined, so a
second registry would be a bug waiting to happen. Magnitudes are ``Decimal`` so that a
conversion never introduces float error into a figure that ends up in euros.

The registry is built on first use (:func:`unit_registry`): most documents state their
quantities in the indicator's own unit, and then neither pint nor its definitions are
loaded at all, which keeps the command line quick to start.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from sroi_core._decimal import exact_context
from sroi_core.codelists import codelist
from sroi_core.errors import UnitError


@cache
def unit_registry() -> Any:
    """The package's one pint ``UnitRegistry`` (Decimal magnitudes), built once."""
    import pint  # noqa: PLC0415 - loaded on first use, see the module docstring

    registry: Any = pint.UnitRegistry(
        filename=None, non_int_type=Decimal, autoconvert_offset_to_baseunit=False
    )
    text = resources.files("sroi_core").joinpath("units.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            registry.define(line)
    return registry


def _check_code(code: str) -> None:
    units = codelist("unit")
    if code not in units:
        raise UnitError(
            f"unknown unit code {code!r}; the unit codelist has {', '.join(units.values)}"
        )


@cache
def pint_unit(code: str) -> Any:
    """The pint unit of a unit code from the codelist; raises UnitError for unknown codes."""
    _check_code(code)
    return unit_registry().Unit(codelist("unit").get(code).get("pint_unit"))


def compatible(from_code: str, to_code: str) -> bool:
    """Whether a quantity in ``from_code`` can be expressed in ``to_code``.

    Hours and FTE-years count as compatible: they convert through an FTE norm.
    """
    if from_code == to_code:
        _check_code(from_code)
        return True
    if {from_code, to_code} == {"hour", "fte-year"}:
        return True
    return bool(pint_unit(from_code).dimensionality == pint_unit(to_code).dimensionality)


def convert(
    value: Decimal, from_code: str, to_code: str, *, fte_norm_hours: Decimal | None = None
) -> Decimal:
    """Express ``value`` in ``from_code`` units in ``to_code`` units.

    Hours and FTE-years convert only through ``fte_norm_hours`` (hours per FTE-year, from
    the catalogue); without it the conversion is refused rather than guessed. The result
    is computed to 50 significant digits and rounded half to even to 20 decimal places,
    the precision of the wire format (docs/valuation-method.md §12.3): the number a
    valuation shows is the number it used, and every implementation gets the same one.

    Results are cached by the numbers' texts, not by the numbers: 1836 and 1836.0 hours
    are equal, but an exact division keeps its dividend's notation (1 and 1.0 FTE-year),
    so a cache keyed by number would show whichever notation was converted first in the
    process, and the same document would be written differently in another process.
    """
    norm = None if fte_norm_hours is None else str(fte_norm_hours)
    return _converted(str(value), from_code, to_code, norm)


@lru_cache(maxsize=1 << 14)
def _converted(value: str, from_code: str, to_code: str, fte_norm_hours: str | None) -> Decimal:
    """:func:`convert` of numbers given by their texts (a text is one exact decimal)."""
    norm = None if fte_norm_hours is None else Decimal(fte_norm_hours)
    with localcontext(exact_context()):
        result = _convert(Decimal(value), from_code, to_code, norm)
        rounded = result.quantize(CONVERSION_STEP, rounding=ROUND_HALF_EVEN)
        if rounded == result:
            return result
        return rounded.normalize()


CONVERSION_STEP = Decimal("1e-20")
"""Converted quantities and per-unit values are rounded half to even to 20 decimals."""


@cache
def _factor(from_code: str, to_code: str) -> Decimal:
    """How many ``to_code`` units one ``from_code`` unit is (exact for the standard's units)."""
    import pint  # noqa: PLC0415 - already loaded by pint_unit

    try:
        magnitude = (
            unit_registry().Quantity(Decimal(1), pint_unit(from_code)).to(pint_unit(to_code))
        )
    except pint.DimensionalityError as error:
        raise UnitError(f"cannot convert {from_code} to {to_code}: different dimensions") from error
    return Decimal(magnitude.magnitude)


def _convert(
    value: Decimal, from_code: str, to_code: str, fte_norm_hours: Decimal | None
) -> Decimal:
    if from_code == to_code:
        _check_code(from_code)
        return value
    if {from_code, to_code} == {"hour", "fte-year"}:
        if fte_norm_hours is None or fte_norm_hours <= 0:
            raise UnitError(
                f"converting {from_code} to {to_code} needs a positive FTE norm "
                "(hours per FTE-year) from the catalogue"
            )
        if from_code == "hour":
            return value / fte_norm_hours
        return value * fte_norm_hours
    return value * _factor(from_code, to_code)
