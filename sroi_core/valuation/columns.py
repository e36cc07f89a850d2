"""The lines of a valuation held as columns, made into objects only when someone asks.

A large bid's valuation has hundreds of thousands of money figures. Building a pydantic
object per line and per line value costs far more than computing the figures, and most
callers only write the valuation out. :class:`ValuationLines` keeps the figures as the
integer-cent arrays the batch kernel produced, and the texts shared by many lines (a
priced proxy value, an adjustment set, a set of flags) once each. It is a read-only
``Sequence[ValuationLine]``: indexing and iteration build :class:`ValuationLine` objects on
demand, equal to those the engine used to build eagerly, and :meth:`ValuationLines.json`
writes the lines' JSON straight from the columns, byte for byte what pydantic writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from sroi_core._decimal import decimal_text, from_cents
from sroi_core._gc import gc_paused
from sroi_core.model.codes import ValuationBasis
from sroi_core.model.types import Quantity
from sroi_core.model.valuation import LineStatus, LineValue, Valuation, ValuationLine

__all__ = ["PricedValue", "ValuationLines", "with_lines"]

_PLAIN_CENTS = 10**27
"""Below this many cents ``from_cents`` is plain "n.nn" text (see ``_decimal``)."""


@dataclass(frozen=True, slots=True)
class PricedValue:
    """What every line value of one proxy value for one indicator shares."""

    proxy_value: str
    valuation_basis: ValuationBasis
    proxy_per_unit: Decimal
    price_index_factor: Decimal | None
    rebased_per_unit: Decimal
    flags: tuple[str, ...]


def _text(value: str) -> str:
    """A JSON string, escaped as pydantic (serde_json) escapes it.

    ``encode_basestring`` is what ``json.dumps(value, ensure_ascii=False)`` calls.
    """
    return encode_basestring(value)


def _money(cents: int) -> str:
    """The JSON text of a money figure in cents (``from_cents`` written as pydantic does)."""
    if 0 <= cents < _PLAIN_CENTS:
        return f'"{cents // 100}.{cents % 100:02d}"'
    return _text(decimal_text(from_cents(cents)))


_HUNDREDTHS = [f"{n:02d}" for n in range(100)]


def _money_texts(cents: list[int]) -> list[str]:
    """``_money`` of many figures (the common case inline, the rare one by ``_money``)."""
    hundredths = _HUNDREDTHS
    return [
        f'"{c // 100}.{hundredths[c % 100]}"' if 0 <= c < _PLAIN_CENTS else _money(c)
        for c in cents
    ]


def _string_list(items: Sequence[str], indent: str) -> str:
    """A JSON array of strings at ``indent``, as pydantic writes it with indent=2."""
    if not items:
        return "[]"
    inner = indent + "  "
    return "[\n" + ",\n".join(inner + _text(item) for item in items) + "\n" + indent + "]"


class ValuationLines(Sequence[ValuationLine]):
    """The lines of one valuation as columns; a read-only sequence of ValuationLine.

    Line columns (one entry per line, in id order) and row columns (one entry per line
    value, rows of a line contiguous from ``row_start[line]``). Money is integer cents:
    ``figures`` holds gross, after deadweight, after attribution and net annual; ``years``
    the yearly values (the first ``year_count`` of each row are reported).
    """

    __slots__ = (
        "_adjustment",
        "_adjustment_sets",
        "_built",
        "_counted",
        "_duration",
        "_figures",
        "_flag_sets",
        "_flags",
        "_ids",
        "_indicator",
        "_indicators",
        "_offsets",
        "_priced",
        "_pv",
        "_quantity",
        "_row_priced",
        "_row_start",
        "_status",
        "_year_count",
        "_years",
    )

    def __init__(
        self,
        *,
        ids: Sequence[str],
        indicators: Sequence[tuple[str, str, str, str]],
        indicator: NDArray[np.intp],
        status: Sequence[LineStatus],
        counted: Sequence[bool],
        quantity: Sequence[Decimal],
        adjustment_sets: Sequence[tuple[Decimal, Decimal, Decimal, Decimal]],
        adjustment: NDArray[np.intp],
        duration: NDArray[np.int64],
        flag_sets: Sequence[tuple[str, ...]],
        flags: NDArray[np.intp],
        offsets: NDArray[np.int64] | None,
        priced: Sequence[PricedValue],
        row_start: NDArray[np.intp],
        row_priced: NDArray[np.intp],
        figures: NDArray[Any],
        years: NDArray[Any],
        year_count: NDArray[np.int64],
        pv: NDArray[Any],
    ) -> None:
        """Columns as :mod:`sroi_core.valuation.document` computes them.

        ``indicators`` holds (id, outcome, theme, unit) per distinct indicator;
        ``offsets`` is None for a 1.0 valuation (no ``offsetPeriods`` on its lines).
        """
        self._ids = list(ids)
        self._indicators = list(indicators)
        self._indicator = indicator.tolist()
        self._status = list(status)
        self._counted = list(counted)
        self._quantity = list(quantity)
        self._adjustment_sets = list(adjustment_sets)
        self._adjustment = adjustment.tolist()
        self._duration = duration.tolist()
        self._flag_sets = list(flag_sets)
        self._flags = flags.tolist()
        self._offsets = None if offsets is None else offsets.tolist()
        self._priced = list(priced)
        self._row_start = row_start.tolist()
        self._row_priced = row_priced.tolist()
        self._figures = figures
        self._years = years
        self._year_count = year_count.tolist()
        self._pv = pv
        self._built: list[ValuationLine | None] = [None] * len(self._ids)
        """Lines already built: a line read twice is the same object, as in a tuple."""

    # --- the Sequence interface ----------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> ValuationLine: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ValuationLine, ...]: ...

    def __getitem__(self, index: int | slice) -> ValuationLine | tuple[ValuationLine, ...]:
        if isinstance(index, slice):
            return tuple(self._line(n) for n in range(*index.indices(len(self))))
        if not -len(self) <= index < len(self):
            raise IndexError("valuation line index out of range")
        return self._line(index % len(self))

    def __iter__(self) -> Iterator[ValuationLine]:
        for number in range(len(self)):
            yield self._line(number)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ValuationLines | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ValuationLines({len(self)} lines)"

    # --- objects on demand ---------------------------------------------------------------

    def _value(self, row: int) -> LineValue:
        priced = self._priced[self._row_priced[row]]
        gross, after_deadweight, after_attribution, net = (
            from_cents(int(c)) for c in self._figures[row]
        )
        years = self._years[row][: self._year_count[row]]
        return LineValue.trusted(
            proxy_value=priced.proxy_value,
            valuation_basis=priced.valuation_basis,
            proxy_per_unit=priced.proxy_per_unit,
            price_index_factor=priced.price_index_factor,
            rebased_per_unit=priced.rebased_per_unit,
            gross=gross,
            after_deadweight=after_deadweight,
            after_attribution=after_attribution,
            net_annual=net,
            year_values=tuple(from_cents(int(c)) for c in years),
            present_value=from_cents(int(self._pv[row])),
            flags=priced.flags,
        )

    def _line(self, number: int) -> ValuationLine:
        built = self._built[number]
        if built is None:
            built = self._built[number] = self._build(number)
        return built

    def _build(self, number: int) -> ValuationLine:
        indicator_id, outcome, theme, unit = self._indicators[self._indicator[number]]
        deadweight, attribution, displacement, drop_off = self._adjustment_sets[
            self._adjustment[number]
        ]
        rows = range(self._row_start[number], self._row_start[number + 1])
        return ValuationLine.trusted(
            line_id=self._ids[number],
            indicator=indicator_id,
            outcome=outcome,
            theme=theme,
            status=self._status[number],
            counted=self._counted[number],
            quantity=Quantity.trusted(value=self._quantity[number], unit=unit),
            deadweight=deadweight,
            attribution=attribution,
            displacement=displacement,
            drop_off=drop_off,
            duration_years=self._duration[number],
            values=tuple(self._value(row) for row in rows),
            flags=self._flag_sets[self._flags[number]],
            offset_periods=None if self._offsets is None else self._offsets[number],
        )

    # --- JSON straight from the columns ---------------------------------------------------

    def json(self) -> str:
        """The lines as the JSON array ``dump_document`` writes for a valuation's ``lines``.

        Byte for byte what pydantic writes with indent=2, by alias, exclude_unset and
        exclude_none, for an array that is a member of the top-level object.
        """
        if not self._ids:
            return "[]"
        money = [_money_texts(row) for row in self._figures.tolist()]
        pv = _money_texts(self._pv.tolist())
        year_rows = self._years.tolist()
        heads = [self._priced_head(priced) for priced in self._priced]
        tails = [
            ",\n          " + '"flags": ' + _string_list(priced.flags, "          ") + "\n        }"
            for priced in self._priced
        ]
        adjustments = [
            "".join(
                f',\n      "{name}": "{decimal_text(value)}"'
                for name, value in zip(
                    ("deadweight", "attribution", "displacement", "dropOff"), values, strict=True
                )
            )
            for values in self._adjustment_sets
        ]
        flag_texts = [_string_list(flags, "      ") for flags in self._flag_sets]
        indicators = [
            f'      "indicator": {_text(i)},\n      "outcome": {_text(o)},\n'
            f'      "theme": {_text(t)},\n'
            for i, o, t, _ in self._indicators
        ]
        units = [_text(unit) for _, _, _, unit in self._indicators]
        parts = []
        row_start = self._row_start
        for number, line_id in enumerate(self._ids):
            indicator = self._indicator[number]
            text = [
                '    {\n      "lineId": ',
                _text(line_id),
                ",\n",
                indicators[indicator],
                '      "status": "',
                self._status[number],
                '",\n      "counted": ',
                "true" if self._counted[number] else "false",
                ',\n      "quantity": {\n        "value": "',
                decimal_text(self._quantity[number]),
                '",\n        "unit": ',
                units[indicator],
                "\n      }",
                adjustments[self._adjustment[number]],
                ',\n      "durationYears": ',
                str(self._duration[number]),
                ',\n      "values": ',
            ]
            first, last = row_start[number], row_start[number + 1]
            if first == last:
                text.append("[]")
            else:
                values = []
                for row in range(first, last):
                    priced = self._row_priced[row]
                    gross, after_deadweight, after_attribution, net = money[row]
                    years = ",\n            ".join(
                        _money_texts(year_rows[row][: self._year_count[row]])
                    )
                    values.append(
                        heads[priced]
                        + f',\n          "gross": {gross},\n          "afterDeadweight": '
                        f'{after_deadweight},\n          "afterAttribution": '
                        f'{after_attribution},\n          "netAnnual": {net},\n'
                        f'          "yearValues": [\n            {years}\n          ],\n'
                        f'          "presentValue": {pv[row]}' + tails[priced]
                    )
                text.append("[\n" + ",\n".join(values) + "\n      ]")
            text.append(',\n      "flags": ')
            text.append(flag_texts[self._flags[number]])
            if self._offsets is not None:
                text.append(f',\n      "offsetPeriods": {self._offsets[number]}')
            text.append("\n    }")
            parts.append("".join(text))
        return "[\n" + ",\n".join(parts) + "\n  ]"

    @staticmethod
    def _priced_head(priced: PricedValue) -> str:
        factor = (
            ""
            if priced.price_index_factor is None
            else f',\n          "priceIndexFactor": "{decimal_text(priced.price_index_factor)}"'
        )
        return (
            "        {\n"
            f'          "proxyValue": {_text(priced.proxy_value)},\n'
            f'          "valuationBasis": {_text(priced.valuation_basis.value)},\n'
            f'          "proxyPerUnit": "{decimal_text(priced.proxy_per_unit)}"'
            f"{factor}"
            f',\n          "rebasedPerUnit": "{decimal_text(priced.rebased_per_unit)}"'
        )


_MARK = '\n  "lines": [],\n'


def with_lines(valuation: Valuation, lines: ValuationLines) -> Valuation:
    """The valuation holding ``lines`` as columns (built with no lines, then given them).

    The model is frozen and its field is a tuple, which pydantic would fill by building
    every line; so the columns are put in place right after construction, before anyone
    holds the object.
    """
    valuation.__dict__["lines"] = lines
    return valuation


def dump_valuation(valuation: Valuation) -> str | None:
    """``dump_document``'s text of a valuation with columnar lines; None for other ones.

    The envelope is written by pydantic with no lines; the lines' JSON, written from the
    columns, is put where pydantic writes ``"lines": []``.
    """
    lines = valuation.lines
    if not isinstance(lines, ValuationLines):
        return None
    envelope = valuation.model_copy(update={"lines": ()}).model_dump_json(
        indent=2, by_alias=True, exclude_unset=True, exclude_none=True
    )
    if envelope.count(_MARK) != 1:  # pragma: no cover - the field is always written once
        return None
    with gc_paused():  # millions of short-lived texts: no collector walks over the documents
        text = lines.json()
    return envelope.replace(_MARK, '\n  "lines": ' + text + ",\n") + "\n"
