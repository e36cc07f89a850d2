"""Vectorised valuation of many lines in float64, exact to the cent.

The kernel computes every line's present value in binary floating point, which is fast,
then proves for each line that the float result rounds to the same cent as the exact
value. Lines it cannot prove (the float value lies within a rigorous error bound of a
half-cent boundary, or outside float64's comfortable range) are recomputed with the
reference path (:func:`sroi_core.valuation.reference.value_line`). So the result equals
the reference on every line, and the exact path runs only for a handful of lines.

Input convention: a float input stands for the shortest decimal that round-trips to it
(Python's ``repr``), so ``0.1`` means one tenth, as the user typed it. Decimal, int and
text inputs are taken exactly; the kernel uses their nearest float.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sroi_core.valuation.discounting import DiscountSchedule, discount_factors
from sroi_core.valuation.line import (
    MAX_DURATION_YEARS,
    MAX_OFFSET_PERIODS,
    DiscountTiming,
    InvalidLineError,
    LineSpec,
    discount_periods,
    parse_decimal,
)
from sroi_core.valuation.reference import present_value_cents, value_line

__all__ = [
    "BatchValuation",
    "Decimals",
    "Indexed",
    "LineArrays",
    "value_lines",
    "value_lines_cents",
    "year_value_cents",
]

_UNIT_ROUNDOFF = 2.0**-53
"""u: the relative error of one correctly rounded float64 operation."""
_SAFETY = 2.0
"""Factor over the first-order error bound, covering second-order terms generously."""
_HALF = 0.5
"""Distance from a whole cent to the rounding boundary."""
_COMPLEMENT_TERM = 3.0 * _SAFETY * _UNIT_ROUNDOFF
"""Three complements, each off by at most u absolutely: 3u / c relative, with safety."""
_DF_RANGE = (1e-300, 1e300)
"""Discount factors outside this range make the float path meaningless: exact path."""
_FRACTIONS = ("deadweight", "attribution", "displacement", "drop_off")
_FLOAT_MAX = float(np.finfo(np.float64).max)

FloatArray = NDArray[np.float64]
ColumnInput = ArrayLike | Sequence[Decimal | str | int | float]
"""One input column: a numeric array, a sequence of Decimal / text, or one shared scalar."""
_Check = tuple[NDArray[np.bool_], str, str, str]


def _is_fraction(value: Decimal) -> bool:
    return 0 <= value <= 1


def _is_not_negative(value: Decimal) -> bool:
    """A quantity's or proxy value's range (a price index's ``> 0`` its floats prove)."""
    return value >= 0


class _Repeat(Sequence[Decimal]):
    """One decimal standing for every line (a scalar input), without a per-line list."""

    def __init__(self, value: Decimal, length: int) -> None:
        self._value = value
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: Any) -> Any:
        return self._value


@dataclass(frozen=True, slots=True)
class _Column:
    """One input column: the floats the kernel uses and the exact decimal of each line."""

    wire_name: str
    floats: FloatArray
    decimals: Sequence[Decimal] | None = None
    """Exact inputs given as Decimal, int or text; None when the array is numeric."""
    integers: NDArray[Any] | None = None
    """The original integer array, when the input was one (its floats may round)."""

    def exact(self, index: int) -> Decimal:
        """Return the exact decimal input of line ``index`` (a float stands for its repr)."""
        if self.decimals is not None:
            return self.decimals[index]
        if self.integers is not None:
            return Decimal(int(self.integers[index]))
        return Decimal(repr(float(self.floats[index])))

    @property
    def one_is_exact(self) -> bool:
        """Whether a float 1.0 in this column always means exactly 1.

        True for numeric arrays (a float stands for its repr) and for a scalar whose
        float is 1.0 only if it is 1; false for decimal sequences, where
        1.00000000000000000001 also becomes 1.0.
        """
        if self.decimals is None:
            return True
        if isinstance(self.decimals, _Repeat):
            value: Decimal = self.decimals[0]
            return (value == 1) == (float(value) == 1.0)
        return False

    def breaches(
        self, float_test: NDArray[np.bool_], exact_test: Callable[[Decimal], bool]
    ) -> NDArray[np.bool_]:
        """Lines failing a range test: on floats, and exactly for decimal inputs.

        A float input's order against 0 and 1 equals its repr's, so the float test is
        exact for it; a decimal such as 1.00000000000000000001 rounds to the float 1.0,
        so decimal inputs are tested on their exact value as well.
        """
        if self.decimals is None:
            return float_test
        if isinstance(self.decimals, _Repeat):
            return float_test | (not exact_test(self.decimals[0]))
        if isinstance(self.decimals, _Gather):
            bad = self.decimals.edge_breaches(exact_test)
            return float_test if bad is None else float_test | bad[self.decimals.positions]
        exact_bad = np.fromiter(
            (not exact_test(value) for value in self.decimals), np.bool_, len(self.decimals)
        )
        return float_test | exact_bad


@dataclass(frozen=True, slots=True)
class Indexed:
    """A column of few distinct exact decimals, chosen per line by an index.

    Line i's input is ``values[index[i]]``. A document's lines share a handful of proxy
    values and adjustment sets, so each distinct decimal is converted and range-checked
    once, and the per-line floats are one gather: no per-line Decimal work at all.
    """

    values: Sequence[Decimal | str | int | float]
    index: NDArray[np.intp]


class _Gather(Sequence[Decimal]):
    """The exact decimals of an :class:`Indexed` column, looked up on demand."""

    def __init__(
        self, distinct: Sequence[Decimal], floats: FloatArray, positions: NDArray[np.intp]
    ) -> None:
        self.distinct = distinct
        self.floats = floats
        """The nearest float of each distinct value."""
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, index: Any) -> Any:
        return self.distinct[int(self.positions[index])]

    def edge_breaches(self, exact_test: Callable[[Decimal], bool]) -> NDArray[np.bool_] | None:
        """Per distinct value, whether it fails ``exact_test`` where its float cannot say.

        Rounding to the nearest float is monotone, so a decimal whose float is not exactly
        0 or 1 lies on the same side of 0 and 1 as its float: only the distinct values
        whose float is 0 or 1 need the exact test (None: there are none, or all pass).
        """
        edge = np.flatnonzero((self.floats == 0) | (self.floats == 1)).tolist()
        failing = [number for number in edge if not exact_test(self.distinct[number])]
        if not failing:
            return None
        bad = np.zeros(len(self.distinct), dtype=np.bool_)
        bad[failing] = True
        return bad


def _to_decimal(value: object, field: str) -> Decimal:
    if isinstance(value, float | np.floating):
        if not math.isfinite(value):
            raise InvalidLineError(
                f"must be finite, got {value!r}", code="not-a-decimal", field=field
            )
        return Decimal(repr(float(value)))
    if isinstance(value, np.integer):
        return Decimal(int(value))
    return parse_decimal(value, field)


def _decimal_floats(items: list[Any]) -> FloatArray | None:
    """The nearest float of each item when every item is a finite Decimal, else None.

    Then each item is its own exact input, as is. One C loop and no Python step per
    item: ``Decimal.__float__`` refuses anything but a Decimal (and a signalling NaN);
    a quiet NaN or an infinity gives a float that is not finite, and only then are the
    decimals themselves asked (a finite decimal beyond float64's range is one too).
    """
    try:
        floats = np.fromiter(map(Decimal.__float__, items), np.float64, len(items))
    except (TypeError, ValueError):
        return None
    if not np.isfinite(floats).all() and not all(map(Decimal.is_finite, items)):
        return None
    return floats


def _distinct_numbers(values: Sequence[Any]) -> tuple[list[Any], NDArray[np.intp]]:
    """The values once per distinct number, in order of first use, and each value's number.

    Equal numbers (1.0 and 1.00) are one entry: what the kernel takes of a value (its
    nearest float, its order against 0 and 1, its exact value in the reference path,
    whose rounding and ``Inexact`` flag depend on the number, not on its notation) is the
    same for both. A decimal's hash is computed in C and kept on it, and a document
    repeats a few thousand quantities over a hundred thousand lines.
    """
    try:
        distinct = list(dict.fromkeys(values))
    except TypeError:  # a signalling NaN has no hash: each value its own entry
        return list(values), np.arange(len(values), dtype=np.intp)
    number = dict(zip(distinct, range(len(distinct)), strict=True))
    positions = np.fromiter(map(number.__getitem__, values), np.intp, len(values))
    return distinct, positions


class Decimals(Sequence[Decimal]):
    """Exact decimals beside their nearest floats, converted once per distinct number.

    The values of an :class:`Indexed` column: many kernel runs over one document's
    lines (2.0 runs one per scenario) then share one conversion of its quantities, at
    some 0.4 us a decimal, made once per distinct number (a document repeats a few
    thousand quantities over its lines) instead of once per line and run. Valued exactly
    like a list of the same decimals (the exact value of a line is the first decimal
    equal to it: see ``_distinct_numbers``).
    """

    __slots__ = ("_values", "distinct", "distinct_floats", "positions")

    def __init__(self, values: Sequence[Decimal]) -> None:
        self._values: Sequence[Decimal] | None = values
        self.distinct, self.positions = _distinct_numbers(values)
        """Each distinct value once; value n is ``distinct[positions[n]]``."""
        self.distinct_floats = _decimal_floats(self.distinct)
        """The nearest float of each distinct value, or None where not all are finite
        decimals."""

    @classmethod
    def _of_distinct(cls, distinct: list[Decimal], positions: NDArray[np.intp]) -> Decimals:
        made = cls.__new__(cls)
        made._values = None
        made.distinct, made.positions = distinct, positions
        made.distinct_floats = _decimal_floats(distinct)
        return made

    @property
    def values(self) -> Sequence[Decimal]:
        """The decimals, one per line."""
        if self._values is None:
            self._values = list(map(self.distinct.__getitem__, self.positions.tolist()))
        return self._values

    @property
    def floats(self) -> FloatArray | None:
        """The nearest float of each value, or None where not all are finite decimals."""
        if self.distinct_floats is None:
            return None
        return self.distinct_floats[self.positions]

    def scaled(self, factor: Decimal) -> Decimals:
        """Every value times ``factor``, multiplied once per distinct value.

        In the current decimal context, as ``value * factor`` line by line.
        """
        return Decimals._of_distinct([value * factor for value in self.distinct], self.positions)

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, index: Any) -> Any:
        return self.values[index]

    def __iter__(self) -> Iterator[Decimal]:
        return iter(self.values)


def _as_array(values: ColumnInput) -> NDArray[Any]:
    """One conversion to an array; Decimals give an object array, text a string array."""
    return np.asarray(values)


def _indexed_column(field: str, column: Indexed) -> _Column:
    """The floats and exact decimals of an :class:`Indexed` column (one pass per value)."""
    index = np.asarray(column.index, dtype=np.intp)
    if index.ndim != 1:
        raise InvalidLineError("must be one-dimensional", code="bad-shape", field=field)
    shared = column.values if isinstance(column.values, Decimals) else None
    if shared is not None and shared.distinct_floats is not None:
        numbers = shared.positions[index]  # each distinct value once: gather by its number
        floats = shared.distinct_floats
        return _Column(field, floats[numbers], decimals=_Gather(shared.distinct, floats, numbers))
    given = list(column.values)
    distinct = _decimal_floats(given)
    if distinct is not None:
        exact = cast("list[Decimal]", given)
        return _Column(field, distinct[index], decimals=_Gather(exact, distinct, index))
    values: list[Decimal] = []
    for item in given:
        try:
            values.append(_to_decimal(item, field))
        except InvalidLineError as error:
            bad = np.flatnonzero(index == len(values))
            raise InvalidLineError(
                "not a finite decimal",
                code=error.code,
                field=field,
                index=int(bad[0]) if bad.size else None,
            ) from None
    distinct = np.fromiter((float(v) for v in values), np.float64, len(values))
    return _Column(field, distinct[index], decimals=_Gather(values, distinct, index))


def _prepared(value: Any) -> Any:
    """An input as :func:`_to_column` takes it: an Indexed column as is, else one array."""
    return value if isinstance(value, Indexed) else _as_array(value)


def _length(value: Any) -> int | None:
    """Lines in one prepared input; None for a scalar shared by every line."""
    if isinstance(value, Indexed):
        return len(value.index)
    return len(value) if value.ndim == 1 else None


def _to_column(field: str, value: Any, length: int) -> _Column:
    """One input, whatever its form, as a column."""
    if isinstance(value, Indexed):
        return _indexed_column(field, value)
    return _column(field, _as_array(value), length)


def _column(field: str, array: NDArray[Any], length: int) -> _Column:
    """Normalise one input to floats plus a way back to its exact decimals."""
    if array.ndim == 0:
        exact = _to_decimal(array.item(), field)
        floats = np.broadcast_to(np.float64(exact), (length,))
        return _Column(field, floats, decimals=_Repeat(exact, length))
    if array.ndim != 1:
        raise InvalidLineError("must be one-dimensional", code="bad-shape", field=field)
    if array.dtype.kind == "f":
        return _Column(field, array.astype(np.float64, copy=False))
    if array.dtype.kind in "iu":
        return _Column(field, array.astype(np.float64), integers=array)
    if array.dtype.kind == "b":
        raise InvalidLineError("booleans are not numbers", code="not-a-decimal", field=field)
    items = array.tolist()
    nearest = _decimal_floats(items)
    if nearest is not None:
        return _Column(field, nearest, decimals=items)
    decimals = []
    for index, item in enumerate(items):
        try:
            decimals.append(_to_decimal(item, field))
        except InvalidLineError as error:
            raise InvalidLineError(
                "not a finite decimal", code=error.code, field=field, index=index
            ) from None
    floats = np.fromiter((float(item) for item in decimals), np.float64, len(decimals))
    return _Column(field, floats, decimals=decimals)


def _durations(array: NDArray[Any], length: int) -> NDArray[np.int64]:
    """Durations as int64; floats must be whole numbers (2.0 is two years, 2.5 is refused)."""
    if array.ndim == 0:
        array = np.broadcast_to(array, (length,))
    if array.ndim != 1:
        raise InvalidLineError("must be one-dimensional", code="bad-shape", field="durationYears")
    if array.dtype.kind in "iu":
        return array.astype(np.int64, copy=False)
    if array.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            bad = ~(array == np.floor(array))
        if bad.any():
            raise InvalidLineError(
                "must be a whole number of years",
                code="duration-not-integer",
                field="durationYears",
                index=int(np.argmax(bad)),
            )
        clipped: NDArray[np.float64] = np.clip(array, 0, MAX_DURATION_YEARS + 1)
        return clipped.astype(np.int64)
    raise InvalidLineError(
        "must be an array of integers", code="duration-not-integer", field="durationYears"
    )


def _offsets(values: ArrayLike | None, length: int) -> NDArray[np.int64] | None:
    """Offsets as int64 (None when absent or all 0), checked like LineSpec checks them."""
    if values is None:
        return None
    array = np.asarray(values)
    if array.ndim == 0:
        array = np.broadcast_to(array, (length,))
    if array.ndim != 1 or len(array) != length:
        raise InvalidLineError(
            "must be one offset per line", code="length-mismatch", field="offsetPeriods"
        )
    if array.dtype.kind not in "iu":
        raise InvalidLineError(
            "must be whole numbers of periods", code="offset-not-integer", field="offsetPeriods"
        )
    offsets = array.astype(np.int64)
    bad = (offsets < 0) | (offsets > MAX_OFFSET_PERIODS)
    if bad.any():
        raise InvalidLineError(
            f"must be in [0, {MAX_OFFSET_PERIODS}]",
            code="offset-out-of-range",
            field="offsetPeriods",
            index=int(np.argmax(bad)),
        )
    if not offsets.any():
        return None
    return offsets


def _raise_first(checks: Sequence[_Check]) -> None:
    """Raise for the lowest line index that fails any check (ties: first check listed)."""
    failing = [(int(np.argmax(bad)), order) for order, (bad, *_) in enumerate(checks) if bad.any()]
    if failing:
        index, order = min(failing)
        _, code, field, message = checks[order]
        raise InvalidLineError(message, code=code, field=field, index=index)


@dataclass(frozen=True, eq=False)
class LineArrays:
    """Many lines' inputs as columns, validated once on construction.

    Each field is a 1-D array (one value per line) or a scalar shared by all lines:
    float arrays (each float standing for its repr decimal), integer arrays, or
    sequences of Decimal / decimal text (taken exactly). ``index_from`` and ``index_to``
    are given together or not at all.

    Raises:
        InvalidLineError: with ``index`` of the first bad line and the code LineSpec
            would give, or ``length-mismatch`` / ``bad-shape`` for ill-shaped inputs.

    """

    quantity: ColumnInput | Indexed
    proxy_value: ColumnInput | Indexed
    deadweight: ColumnInput | Indexed
    attribution: ColumnInput | Indexed
    displacement: ColumnInput | Indexed
    drop_off: ColumnInput | Indexed
    duration_years: ArrayLike
    index_from: ColumnInput | Indexed | None = None
    index_to: ColumnInput | Indexed | None = None
    offset_periods: ArrayLike | None = None
    """Whole periods from the base date to each line's start (standard 2.0); None is 0."""
    columns: dict[str, _Column] = field(init=False, repr=False, compare=False)
    durations: NDArray[np.int64] = field(init=False, repr=False, compare=False)
    offsets: NDArray[np.int64] | None = field(init=False, repr=False, compare=False)
    """The offsets as int64, or None when every line starts at the base date."""
    zero_complement_is_exact: bool = field(init=False, repr=False, compare=False)
    """Whether a float complement of 0 proves the line's value exactly 0."""

    def __post_init__(self) -> None:
        if (self.index_from is None) != (self.index_to is None):
            raise InvalidLineError(
                "give both index arrays or neither", code="bad-price-index", field="priceIndex"
            )
        inputs: dict[str, tuple[str, Any]] = {
            "quantity": ("quantity", _prepared(self.quantity)),
            "proxy_value": ("proxyValue", _prepared(self.proxy_value)),
            "deadweight": ("deadweight", _prepared(self.deadweight)),
            "attribution": ("attribution", _prepared(self.attribution)),
            "displacement": ("displacement", _prepared(self.displacement)),
            "drop_off": ("dropOff", _prepared(self.drop_off)),
        }
        if self.index_from is not None and self.index_to is not None:
            inputs["index_from"] = ("priceIndex.from", _prepared(self.index_from))
            inputs["index_to"] = ("priceIndex.to", _prepared(self.index_to))
        durations_input = np.asarray(self.duration_years)
        lengths = {
            length
            for length in (
                *(_length(value) for _, value in inputs.values()),
                _length(durations_input),
            )
            if length is not None
        }
        if len(lengths) > 1:
            raise InvalidLineError(
                f"input arrays differ in length: {sorted(lengths)}", code="length-mismatch"
            )
        length = lengths.pop() if lengths else 1
        if length == 0:
            raise InvalidLineError("there are no lines", code="no-lines")
        columns = {name: _to_column(wire, value, length) for name, (wire, value) in inputs.items()}
        durations = _durations(durations_input, length)
        if not self._obviously_valid(columns, durations):
            _raise_first(self._checks(columns, durations))
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "durations", durations)
        object.__setattr__(self, "offsets", _offsets(self.offset_periods, length))
        object.__setattr__(
            self,
            "zero_complement_is_exact",
            all(columns[name].one_is_exact for name in _FRACTIONS[:3]),
        )

    @staticmethod
    def _obviously_valid(columns: dict[str, _Column], durations: NDArray[np.int64]) -> bool:
        """Fast path: column minima and maxima only, no per-line masks.

        Conclusive for numeric columns (a float compares with 0 and 1 as its repr does),
        for scalars and for :class:`Indexed` columns, whose few distinct decimals are
        tested exactly where their float is 0 or 1 (``_Gather.edge_breaches``); any other
        decimal sequence always takes the exact, per-line checks. NaN fails every
        comparison and infinity the upper bounds, so both fall through to the full checks,
        which then name the line.
        """
        for name, column in columns.items():
            decimals = column.decimals
            if decimals is not None and not isinstance(decimals, _Repeat | _Gather):
                return False
            low, high = float(column.floats.min()), float(column.floats.max())
            if name in _FRACTIONS:
                fits = low >= 0 and high <= 1
            elif name.startswith("index"):
                fits = low > 0 and high <= _FLOAT_MAX
            else:
                fits = low >= 0 and high <= _FLOAT_MAX
            if isinstance(decimals, _Repeat):
                exact = decimals[0]
                fits = fits and (_is_fraction if name in _FRACTIONS else _is_not_negative)(exact)
            elif isinstance(decimals, _Gather) and fits:
                in_range = _is_fraction if name in _FRACTIONS else _is_not_negative
                fits = decimals.edge_breaches(in_range) is None
            if not fits:
                return False
        return int(durations.min()) >= 1 and int(durations.max()) <= MAX_DURATION_YEARS

    @staticmethod
    def _checks(columns: dict[str, _Column], durations: NDArray[np.int64]) -> list[_Check]:
        """Every validation of LineSpec, vectorised, in LineSpec's order."""
        # Decimal inputs are finite by construction; their float may still overflow,
        # which the kernel leaves unproven for the exact path.
        checks: list[_Check] = [
            (~np.isfinite(column.floats), "not-a-decimal", column.wire_name, "must be finite")
            for column in columns.values()
            if column.decimals is None
        ]
        quantity, proxy = columns["quantity"], columns["proxy_value"]
        checks.append(
            (
                quantity.breaches(quantity.floats < 0, lambda v: v >= 0),
                "negative-quantity",
                "quantity",
                "must be >= 0",
            )
        )
        checks.append(
            (
                proxy.breaches(proxy.floats < 0, lambda v: v >= 0),
                "negative-proxy-value",
                "proxyValue",
                "must be >= 0",
            )
        )
        for name in _FRACTIONS:
            column = columns[name]
            outside = (column.floats < 0) | (column.floats > 1)
            checks.append(
                (
                    column.breaches(outside, lambda v: 0 <= v <= 1),
                    "fraction-out-of-range",
                    column.wire_name,
                    "must be in [0, 1]",
                )
            )
        checks.append((durations < 1, "duration-below-one", "durationYears", "must be >= 1"))
        checks.append(
            (
                durations > MAX_DURATION_YEARS,
                "duration-too-long",
                "durationYears",
                f"must be <= {MAX_DURATION_YEARS}",
            )
        )
        for name in ("index_from", "index_to"):
            if name in columns:
                column = columns[name]
                checks.append(
                    (
                        column.breaches(column.floats <= 0, lambda v: v > 0),
                        "bad-price-index",
                        column.wire_name,
                        "must be > 0",
                    )
                )
        return checks

    def __len__(self) -> int:
        return len(self.durations)

    def with_proxy_value(self, proxy_value: ColumnInput | Indexed) -> LineArrays:
        """The same lines with other proxy values (e.g. a scenario's low or high values).

        Only the new column is read and checked; the others are shared, which makes a
        scenario run cost one column instead of all of them.
        """
        return self._with_column("proxy_value", "proxyValue", proxy_value, "negative-proxy-value")

    def with_quantity(self, quantity: ColumnInput | Indexed) -> LineArrays:
        """The same lines with other quantities (e.g. a delivery scenario's), checked alone."""
        return self._with_column("quantity", "quantity", quantity, "negative-quantity")

    def _with_column(
        self, name: str, wire_name: str, value: ColumnInput | Indexed, negative_code: str
    ) -> LineArrays:
        """A copy with one non-negative column replaced, checked as construction checks it."""
        column = _to_column(wire_name, _prepared(value), len(self))
        if len(column.floats) != len(self):
            raise InvalidLineError(
                f"{wire_name}: {len(column.floats)} values for {len(self)} lines",
                code="length-mismatch",
            )
        checks: list[_Check] = []
        if column.decimals is None:
            finite = np.isfinite(column.floats)
            checks.append((~finite, "not-a-decimal", wire_name, "must be finite"))
        negative = column.breaches(column.floats < 0, _is_not_negative)
        checks.append((negative, negative_code, wire_name, "must be >= 0"))
        _raise_first(checks)
        other = copy.copy(self)
        object.__setattr__(other, name, value)
        object.__setattr__(other, "columns", {**self.columns, name: column})
        return other

    def with_durations(self, duration_years: ArrayLike) -> LineArrays:
        """The same lines over other durations (e.g. one year each), checked alone."""
        durations = _durations(np.asarray(duration_years), len(self))
        if len(durations) != len(self):
            raise InvalidLineError(
                f"durations: {len(durations)} for {len(self)} lines", code="length-mismatch"
            )
        _raise_first(
            [
                (durations < 1, "duration-below-one", "durationYears", "must be >= 1"),
                (
                    durations > MAX_DURATION_YEARS,
                    "duration-too-long",
                    "durationYears",
                    f"must be <= {MAX_DURATION_YEARS}",
                ),
            ]
        )
        other = copy.copy(self)
        object.__setattr__(other, "duration_years", duration_years)
        object.__setattr__(other, "durations", durations)
        return other

    def first_stages(self, applied: int) -> LineArrays:
        """The same lines over one year with only the first ``applied`` adjustments.

        Deadweight, attribution and displacement are applied in that order; the rest and
        drop-off are 0. Year one of these lines is then a figure ``value_line`` reports:
        gross (0 applied), after deadweight (1), after attribution (2), net annual (3).
        The exact inputs are shared, so the cents stay those of the reference path.
        """
        length = len(self)
        columns = dict(self.columns)
        other = copy.copy(self)
        for name in _FRACTIONS[applied:]:
            columns[name] = _column(columns[name].wire_name, np.asarray(Decimal(0)), length)
            object.__setattr__(other, name, Decimal(0))
        object.__setattr__(other, "duration_years", 1)
        object.__setattr__(other, "columns", columns)
        object.__setattr__(other, "durations", np.ones(length, dtype=np.int64))
        object.__setattr__(
            other,
            "zero_complement_is_exact",
            all(columns[name].one_is_exact for name in _FRACTIONS[:3]),
        )
        return other

    def line_spec(self, index: int, schedule: DiscountSchedule, timing: DiscountTiming) -> LineSpec:
        """Build the exact LineSpec of line ``index``, for the reference path."""
        columns = self.columns
        has_index = "index_from" in columns
        return LineSpec(
            quantity=columns["quantity"].exact(index),
            proxy_value=columns["proxy_value"].exact(index),
            deadweight=columns["deadweight"].exact(index),
            attribution=columns["attribution"].exact(index),
            displacement=columns["displacement"].exact(index),
            drop_off=columns["drop_off"].exact(index),
            duration_years=int(self.durations[index]),
            discount=schedule,
            timing=timing,
            price_index_from=columns["index_from"].exact(index) if has_index else None,
            price_index_to=columns["index_to"].exact(index) if has_index else None,
            offset_periods=0 if self.offsets is None else int(self.offsets[index]),
        )


@dataclass(frozen=True, slots=True)
class BatchValuation:
    """Result of :func:`value_lines`."""

    present_value_cents: NDArray[np.int64]
    """Present value of each line in integer cents, identical to the reference path."""
    exact_lines: NDArray[np.intp]
    """Indices of the lines that the float path could not prove and the exact path valued."""


@lru_cache(maxsize=64)
def _discount_table(
    schedule: DiscountSchedule,
    timing: DiscountTiming,
    max_years: int,
    offsets: tuple[int, ...] = (0,),
) -> tuple[FloatArray, float, bool]:
    """Float discount factors by table year, the drop-off error term M, and usability.

    Year y of the table is discounted by ``discount_periods(timing, y)`` periods, so year t
    of a line offset by o periods is table year o + t. M = max over the offsets o of
    sum_{t=2..D} (t-1) DF(o+t) / DF(o+1) bounds the relative error that a drop-off
    complement carrying an absolute error u adds to sum_t g^(t-1) DF(o+t) (see module notes).
    """
    last = max(offsets) + max_years
    periods = [discount_periods(timing, year) for year in range(1, last + 1)]
    exact = discount_factors(schedule, max(periods))
    by_year = [Decimal(0), *(exact[period] for period in periods)]
    table = np.array([float(factor) for factor in by_year], dtype=np.float64)
    drop_off_term = max(
        float(
            sum(
                (year - 1) * by_year[offset + year] / by_year[offset + 1]
                for year in range(2, max_years + 1)
            )
        )
        for offset in offsets
    )
    factors = table[1:]
    usable = bool(
        np.all(np.isfinite(factors))
        and factors.min() >= _DF_RANGE[0]
        and factors.max() <= _DF_RANGE[1]
        and math.isfinite(drop_off_term)
    )
    return table, drop_off_term, usable


def _relative_error_base(max_years: int, drop_off_term: float) -> float:
    """Relative error bound of a float present value, before the adjustment terms.

    Conversions of Q, P and the two index values (4u), the products and the index
    division (3u), three complements' products (3u), the final two products (2u), the
    rounding of each discount factor (u), Horner's rule on non-negative terms
    (2(D-1)u) and the drop-off term (M u); then the safety factor.
    """
    first_order = 4 + 3 + 3 + 2 + 1 + 2 * (max_years - 1) + drop_off_term
    return _SAFETY * _UNIT_ROUNDOFF * first_order


@dataclass(slots=True)
class _Chunk:
    """Float working arrays of one chunk of lines, and its smallest complement."""

    net: FloatArray
    """N = Q x P' x (1-dw)(1-at)(1-dp) per line; turned into cents in place later."""
    keep: FloatArray
    """1 - dropOff per line."""
    smallest: float
    """Smallest positive complement (1 - dw, 1 - at, 1 - dp) in the chunk, or 1."""
    has_zero: bool
    """Whether some complement in the chunk is 0."""


def _net_annual(columns: dict[str, _Column], lo: int, hi: int) -> _Chunk:
    """Float net annual impact of lines lo..hi-1, with what the error bound needs."""
    net = columns["quantity"].floats[lo:hi] * columns["proxy_value"].floats[lo:hi]
    if "index_from" in columns:
        net *= columns["index_to"].floats[lo:hi]
        net /= columns["index_from"].floats[lo:hi]
    complement = np.empty_like(net)
    smallest, has_zero = 1.0, False
    for name in _FRACTIONS[:3]:
        np.subtract(1.0, columns[name].floats[lo:hi], out=complement)
        low = float(complement.min())
        if low == 0:
            has_zero = True
            low = float(complement.min(where=complement > 0, initial=1.0))
        smallest = min(smallest, low)
        net *= complement
    keep = np.subtract(1.0, columns["drop_off"].floats[lo:hi], out=complement)
    return _Chunk(net, keep, smallest, has_zero)


def _unproven(
    cents: FloatArray,
    rounded: FloatArray,
    bound: float,
    scratch: FloatArray,
    extra: FloatArray | None = None,
) -> NDArray[np.intp]:
    """Find the lines whose float cents may round differently from the exact cents.

    ``rounded`` is rint(cents). A cent is proven when |c - rint(c)| + error < 1/2 with
    error = c x bound (+ extra):
    then no half-cent boundary lies between the float and the exact value. NaN and
    infinity are never proven, and neither is 2^52 cents or more, since bound x 2^52
    exceeds 1/2 for every bound used here (bound >= 24u).
    """
    np.subtract(cents, rounded, out=scratch)
    np.abs(scratch, out=scratch)
    if extra is not None:
        scratch += extra
    scratch += cents * bound
    return np.flatnonzero(~(scratch < _HALF))


def _present_value_chunk(
    lines: LineArrays, table: FloatArray, base: float, lo: int, hi: int
) -> tuple[NDArray[np.int64], NDArray[np.intp]]:
    """Float present values in cents of lines lo..hi-1 and the (global) unproven indices.

    Two tiers: every line is first tested with the chunk's smallest complement, which is
    cheap; the few lines that fail are retested with their own complements.
    """
    chunk = _net_annual(lines.columns, lo, hi)
    # sum_t keep^(t-1) DF(t) by Horner's rule from the longest duration down; a line
    # whose duration is shorter gets coefficient 0 above it, so its sum starts later.
    years = lines.durations[lo:hi]
    longest = int(years.max())
    total = np.zeros_like(chunk.net)
    offsets = None if lines.offsets is None else lines.offsets[lo:hi]
    if offsets is not None:
        # Year t of a line offset by o periods is table year o + t (gathered per line).
        uniform = int(years.min()) == longest
        for year in range(longest, 0, -1):
            total *= chunk.keep
            coefficient = table[offsets + year]
            if not uniform:
                coefficient *= years >= year
            total += coefficient
    elif int(years.min()) == longest:
        for year in range(longest, 0, -1):
            total *= chunk.keep
            total += table[year]
    else:
        coefficient = np.empty_like(total)
        for year in range(longest, 0, -1):
            total *= chunk.keep
            np.multiply(years >= year, table[year], out=coefficient)
            total += coefficient
    cents = chunk.net
    cents *= total
    cents *= 100.0
    whole = np.rint(cents)
    candidates = _unproven(cents, whole, base + _COMPLEMENT_TERM / chunk.smallest, total)
    if chunk.has_zero and not lines.zero_complement_is_exact:
        candidates = np.union1d(candidates, np.flatnonzero(cents == 0))
    rounded = whole.astype(np.int64)
    if candidates.size == 0:
        return rounded, candidates
    # Tier 2: each candidate's own smallest complement.
    lines_at = candidates + lo
    own = np.minimum.reduce([1.0 - lines.columns[name].floats[lines_at] for name in _FRACTIONS[:3]])
    value = cents[candidates]
    with np.errstate(divide="ignore"):
        bound = base + _COMPLEMENT_TERM / own
    margin = np.abs(value - np.rint(value)) + value * bound
    still = ~(margin < _HALF)
    if lines.zero_complement_is_exact:
        zero = own == 0  # an exact full adjustment: the value is exactly 0
        rounded[candidates[zero]] = 0
        still &= ~zero
    return rounded, lines_at[still]


def _fits_int64(cents: int, index: int) -> int:
    if cents > np.iinfo(np.int64).max:
        raise InvalidLineError(
            "value too large for 64-bit cents", code="value-too-large", index=index
        )
    return cents


def value_lines(
    lines: LineArrays,
    schedule: DiscountSchedule,
    timing: DiscountTiming | str,
    *,
    chunk_size: int = 1 << 15,
) -> BatchValuation:
    """Present values in cents of many lines sharing one discount schedule and timing.

    The result equals ``value_line(lines.line_spec(i, ...)).present_value_cents`` for
    every line i. Lines are processed in chunks of ``chunk_size`` so that temporaries
    stay small and in cache; the loop runs over years, never over lines.

    Error bound: the float result of a line is within
    ``cents * (2u (13 + 2(D-1) + M) + 6u / c_min)`` of the exact cents, where u = 2^-53,
    D the longest duration, M = max_o sum_{t>=2} (t-1) DF(o+t) / DF(o+1) the schedule's
    drop-off term over the lines' offsets o (standard 2.0; o = 0 without offsets) and c_min
    the smallest of the line's complements (1 - deadweight, ...). For a
    10-year line at 2.25 % or 3.5 % that is about 150 u, i.e. 2e-14 relative. Each
    chunk is first tested with its smallest complement (cheap, conservative); lines that
    fail are retested with their own. A line whose float value is still not farther than
    the bound from the nearest half-cent boundary, or is 2^52 cents or more, or not
    finite, is valued on the exact reference path instead.
    """
    try:
        timing = DiscountTiming(timing)
    except ValueError:
        raise InvalidLineError(
            f"unknown timing {timing!r}", code="unknown-discount-timing", field="discountTiming"
        ) from None
    length = len(lines)
    max_years = int(lines.durations.max())
    distinct = (0,) if lines.offsets is None else tuple(np.unique(lines.offsets).tolist())
    table, drop_off_term, usable = _discount_table(schedule, timing, max_years, distinct)
    base = _relative_error_base(max_years, drop_off_term)
    result = np.empty(length, dtype=np.int64)
    unproven_parts = []
    with np.errstate(all="ignore"):
        for lo in range(0, length, chunk_size):
            hi = min(lo + chunk_size, length)
            if usable:
                result[lo:hi], unproven = _present_value_chunk(lines, table, base, lo, hi)
            else:
                unproven = np.arange(lo, hi)
            unproven_parts.append(unproven)
    exact_lines = np.concatenate(unproven_parts)
    for index in exact_lines.tolist():
        spec = lines.line_spec(index, schedule, timing)
        result[index] = _fits_int64(present_value_cents(spec), index)
    return BatchValuation(result, exact_lines)


def value_lines_cents(
    lines: LineArrays, schedule: DiscountSchedule, timing: DiscountTiming | str
) -> NDArray[np.int64]:
    """Present value of each line in integer cents; see :func:`value_lines`."""
    return value_lines(lines, schedule, timing).present_value_cents


def net_figure_cents(lines: LineArrays, *, chunk_size: int = 1 << 15) -> NDArray[np.int64]:
    """Gross, after deadweight, after attribution and net annual in cents, shape (lines, 4).

    Equals the reported figures of ``value_line`` (and ``reference.net_figures``) for
    every line: each column is year one of :meth:`LineArrays.first_stages`, valued by
    :func:`year_value_cents` with its proof and exact fallback.
    """
    return np.stack(
        [
            year_value_cents(lines.first_stages(applied), chunk_size=chunk_size)[:, 0]
            for applied in range(4)
        ],
        axis=1,
    )


def year_value_cents(lines: LineArrays, *, chunk_size: int = 1 << 15) -> NDArray[np.int64]:
    """Undiscounted yearly values in cents, shape (lines, longest duration), 0-padded.

    Equals ``value_line(...).year_values`` for every line (discounting does not enter).
    Error bound of year t, in cents: ``2u (11 + t) V_t + 2u (t-1) N`` (the drop-off
    complement's absolute error u, raised to the power t-1) plus the complements' term
    of :func:`value_lines`; unproven lines are recomputed on the reference path.
    """
    length = len(lines)
    longest = int(lines.durations.max())
    result = np.zeros((length, longest), dtype=np.int64)
    unproven_parts = []
    with np.errstate(all="ignore"):
        for lo in range(0, length, chunk_size):
            hi = min(lo + chunk_size, length)
            chunk = _net_annual(lines.columns, lo, hi)
            net = chunk.net
            net *= 100.0
            value = net.copy()
            scratch = np.empty_like(net)
            extra = np.empty_like(net)
            years = lines.durations[lo:hi]
            unproven = []
            if chunk.has_zero and not lines.zero_complement_is_exact:
                unproven.append(np.flatnonzero(net == 0))
            for year in range(1, longest + 1):
                if year > 1:
                    value *= chunk.keep
                np.multiply(net, _SAFETY * _UNIT_ROUNDOFF * (year - 1), out=extra)
                bound = _SAFETY * _UNIT_ROUNDOFF * (11 + year) + _COMPLEMENT_TERM / chunk.smallest
                whole = np.rint(value)
                cells = _unproven(value, whole, bound, scratch, extra)
                unproven.append(cells[years[cells] >= year])
                result[lo:hi, year - 1] = np.where(years >= year, whole, 0)
            if unproven:
                unproven_parts.append(np.unique(np.concatenate(unproven)) + lo)
    no_discount = DiscountSchedule.of([(1, "0")])
    exact_lines = np.concatenate(unproven_parts) if unproven_parts else np.empty(0, np.intp)
    for index in exact_lines.tolist():
        spec = lines.line_spec(index, no_discount, DiscountTiming.END_OF_YEAR)
        for year, money in enumerate(value_line(spec).year_values):
            result[index, year] = _fits_int64(int(money.scaleb(2)), index)
    return result
