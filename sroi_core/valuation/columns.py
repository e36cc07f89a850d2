"""The lines of a valuation held as columns, made into objects only when someone asks.

A large bid's valuation has hundreds of thousands of money figures. Building a pydantic
object per line and per line value costs far more than computing the figures, and most
callers only write the valuation out. :class:`ValuationLines` keeps the figures as the
integer-cent arrays the batch kernel produced, and the texts shared by many lines (a
priced proxy value, an adjustment set, a set of flags) once each. It is a read-only
``Sequence[ValuationLine]``: indexing and iteration build :class:`ValuationLine` objects on
demand, equal to those the engine used to build eagerly, and
:meth:`ValuationLines.line_texts` writes the lines' JSON straight from the columns, byte for
byte what pydantic writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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


def _decimal_texts(values: Sequence[Decimal]) -> list[str]:
    """``decimal_text`` of many values, by ``str`` where that already writes the same text.

    ``str`` of a decimal (C speed, no call per value) writes exponent notation only for a
    positive exponent or a value below 1e-6, and then its text holds an ``E``; only then
    is ``decimal_text`` asked.
    """
    texts = list(map(str, values))
    if "E" in "".join(texts):
        return [decimal_text(v) if "E" in t else t for v, t in zip(values, texts, strict=True)]
    return texts


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

    def line_texts(self) -> list[str]:
        """Each line's JSON object at the indent of a member of ``lines``, in line order.

        Lines of one shape (as many values, each with as many year values) share one
        ``%`` template; their fields are gathered column by column and the template filled
        once per line, so the Python work per line is one formatting call.
        """
        shared = _Writing.of(self)
        texts = np.empty(len(self._ids), dtype=object)
        for numbers, year_counts in _shapes(shared):
            texts[numbers] = self._shape_texts(numbers, year_counts, shared)
        listed: list[str] = texts.tolist()
        return listed

    def _shape_texts(
        self, numbers: NDArray[np.intp], year_counts: tuple[int, ...], shared: _Writing
    ) -> list[str]:
        """The JSON of the lines ``numbers``, whose values have ``year_counts`` years each."""
        indicator = shared.indicator[numbers]
        template = _Template()
        template.text('    {\n      "lineId": ')
        template.slot("%s", shared.id_texts[numbers].tolist())
        template.text(",\n")
        template.slot("%s", shared.indicators[indicator].tolist())
        template.text('      "status": "')
        template.slot("%s", shared.status[numbers].tolist())
        template.text('",\n      "counted": ')
        template.slot("%s", shared.booleans[shared.counted[numbers]].tolist())
        template.text(',\n      "quantity": {\n        "value": "')
        template.slot("%s", shared.quantity_texts[numbers].tolist())
        template.text('",\n        "unit": ')
        template.slot("%s", shared.units[indicator].tolist())
        template.text("\n      }")
        template.slot("%s", shared.adjustments[shared.adjustment[numbers]].tolist())
        template.text(',\n      "durationYears": ')
        template.slot("%d", shared.duration[numbers].tolist())
        template.text(',\n      "values": ')
        if not year_counts:
            template.text("[]")
        else:
            first = shared.row_start[numbers]
            template.text("[\n")
            for offset, year_count in enumerate(year_counts):
                row = first + offset
                priced = shared.row_priced[row]
                if offset:
                    template.text(",\n")
                template.slot("%s", shared.heads[priced].tolist())
                for name, column in zip(_FIGURE_NAMES, self._figures[row].T, strict=True):
                    template.text(f',\n          "{name}": ')
                    template.money(column)
                template.text(',\n          "yearValues": ')
                template.text("[\n            " if year_count else "[]")
                for year in range(year_count):
                    if year:
                        template.text(",\n            ")
                    template.money(self._years[row, year])
                template.text("\n          ]" if year_count else "")
                template.text(',\n          "presentValue": ')
                template.money(self._pv[row])
                template.slot("%s", shared.tails[priced].tolist())
            template.text("\n      ]")
        template.text(',\n      "flags": ')
        template.slot("%s", shared.flag_texts[shared.flags[numbers]].tolist())
        if shared.offsets is not None:
            template.text(',\n      "offsetPeriods": ')
            template.slot("%d", shared.offsets[numbers].tolist())
        template.text("\n    }")
        return template.fill()

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


_FIGURE_NAMES = ("gross", "afterDeadweight", "afterAttribution", "netAnnual")
"""The money members of a line value, in the order of the ``figures`` columns."""


def _object_column(texts: Iterable[str]) -> NDArray[np.object_]:
    """Texts in a 1-d object array, to be picked by many line numbers at once."""
    listed = list(texts)
    column = np.empty(len(listed), dtype=object)
    column[:] = listed
    return column


@dataclass(frozen=True, slots=True)
class _Writing:
    """What ``line_texts`` reads, made once per call: the fields' JSON texts and the columns.

    Texts in object arrays, so the texts of many lines are picked by one index array: per
    line (``id_texts``, ``quantity_texts``, ``status``) or per distinct indicator,
    adjustment set, flag set or priced proxy value, indexed by the matching column; the
    columns as numpy arrays.
    """

    id_texts: NDArray[np.object_]
    quantity_texts: NDArray[np.object_]
    indicators: NDArray[np.object_]
    units: NDArray[np.object_]
    adjustments: NDArray[np.object_]
    flag_texts: NDArray[np.object_]
    heads: NDArray[np.object_]
    tails: NDArray[np.object_]
    booleans: NDArray[np.object_]
    status: NDArray[np.object_]
    indicator: NDArray[np.intp]
    adjustment: NDArray[np.intp]
    flags: NDArray[np.intp]
    counted: NDArray[np.intp]
    duration: NDArray[np.int64]
    offsets: NDArray[np.int64] | None
    row_start: NDArray[np.intp]
    row_priced: NDArray[np.intp]
    year_count: NDArray[np.int64]

    @classmethod
    def of(cls, lines: ValuationLines) -> _Writing:
        return cls(
            id_texts=_object_column(map(encode_basestring, lines._ids)),  # what _text calls
            quantity_texts=_object_column(_decimal_texts(lines._quantity)),
            indicators=_object_column(
                f'      "indicator": {_text(i)},\n      "outcome": {_text(o)},\n'
                f'      "theme": {_text(t)},\n'
                for i, o, t, _ in lines._indicators
            ),
            units=_object_column(_text(unit) for _, _, _, unit in lines._indicators),
            adjustments=_object_column(
                "".join(
                    f',\n      "{name}": "{decimal_text(value)}"'
                    for name, value in zip(
                        ("deadweight", "attribution", "displacement", "dropOff"),
                        values,
                        strict=True,
                    )
                )
                for values in lines._adjustment_sets
            ),
            flag_texts=_object_column(
                _string_list(flags, "      ") for flags in lines._flag_sets
            ),
            heads=_object_column(ValuationLines._priced_head(priced) for priced in lines._priced),
            tails=_object_column(
                ",\n          " + '"flags": ' + _string_list(priced.flags, "          ")
                + "\n        }"
                for priced in lines._priced
            ),
            booleans=_object_column(["false", "true"]),
            status=_object_column(lines._status),
            indicator=np.asarray(lines._indicator, dtype=np.intp),
            adjustment=np.asarray(lines._adjustment, dtype=np.intp),
            flags=np.asarray(lines._flags, dtype=np.intp),
            counted=np.asarray(lines._counted, dtype=np.intp),
            duration=np.asarray(lines._duration, dtype=np.int64),
            offsets=None if lines._offsets is None else np.asarray(lines._offsets, np.int64),
            row_start=np.asarray(lines._row_start, dtype=np.intp),
            row_priced=np.asarray(lines._row_priced, dtype=np.intp),
            year_count=np.asarray(lines._year_count, dtype=np.int64),
        )


class _Template:
    """A ``%`` template built from fixed text and slots, each slot with its column."""

    __slots__ = ("_columns", "_pieces")

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._columns: list[list[Any]] = []

    def text(self, text: str) -> None:
        """Fixed text, the same in every line (``%`` escaped)."""
        self._pieces.append(text.replace("%", "%%"))

    def slot(self, spec: str, column: list[Any]) -> None:
        """A ``%`` conversion filled from ``column`` (one entry per line)."""
        self._pieces.append(spec)
        self._columns.append(column)

    def money(self, cents: NDArray[Any]) -> None:
        """A money figure in cents, one per line, as ``_money`` writes it.

        Non-negative int64 cents (nearly always) are filled as two integers; a column with
        a negative figure or Python ints beyond int64 is written figure by figure.
        """
        if cents.dtype != object and (not len(cents) or int(cents.min()) >= 0):
            units, hundredths = np.divmod(cents, 100)
            self.slot('"%d.', units.tolist())
            self.slot('%02d"', hundredths.tolist())
        else:
            self.slot("%s", _money_texts(cents.tolist()))

    def fill(self) -> list[str]:
        """The template filled with each line's entries of the columns."""
        template = "".join(self._pieces)
        return list(map(template.__mod__, zip(*self._columns, strict=True)))


def _shapes(shared: _Writing) -> Iterator[tuple[NDArray[np.intp], tuple[int, ...]]]:
    """The lines by shape: their numbers, and the year count of each value."""
    starts = shared.row_start
    counts = np.diff(starts)
    for rows in np.unique(counts).tolist():
        numbers = np.flatnonzero(counts == rows)
        shape = shared.year_count[starts[numbers][:, None] + np.arange(rows)]
        base = int(shape.max(initial=0)) + 1
        if rows * base.bit_length() < 62:  # each shape as one integer: a quick 1-d sort
            key = shape @ (base ** np.arange(rows, dtype=np.int64))
            _, first, which = np.unique(key, return_index=True, return_inverse=True)
            distinct = shape[first]
        else:
            distinct, which = np.unique(shape, axis=0, return_inverse=True)
        which = which.reshape(-1)
        order = np.argsort(which, kind="stable")
        ends = np.cumsum(np.bincount(which, minlength=len(distinct)))
        for years, group in zip(distinct.tolist(), np.split(order, ends[:-1]), strict=True):
            yield numbers[group], tuple(years)


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
    head, tail = envelope.split(_MARK)
    if not lines:
        return head + '\n  "lines": [],\n' + tail + "\n"
    with gc_paused():  # a text per line: no collector walks over the documents meanwhile
        texts = lines.line_texts()
    # the envelope around the first and last line, so the document is built in one join
    texts[0] = head + '\n  "lines": [\n' + texts[0]
    texts[-1] = texts[-1] + "\n  ],\n" + tail + "\n"
    return ",\n".join(texts)
