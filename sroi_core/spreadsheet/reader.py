"""Read a filled workbook (or a field/value CSV) back into a document.

Every filled cell is either placed at a JSON pointer or reported by a finding naming its
sheet, row and column; nothing is dropped silently. Values are read with the type the
schema gives their field: text fields keep text exactly (a number typed into a decimal
field becomes its decimal text, a date cell in a date field its ISO date).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path as FilePath
from typing import Any

from sroi_core.errors import InputError
from sroi_core.rules import Finding, Severity, json_pointer, make_finding
from sroi_core.spreadsheet import findings as rules
from sroi_core.spreadsheet.layout import (
    EMPTY_LIST,
    EMPTY_OBJECT,
    Path,
    parse_path,
    path_text,
    unflatten,
)
from sroi_core.spreadsheet.schema_view import SchemaView, type_name
from sroi_core.spreadsheet.workbook import (
    AUXILIARY_SHEETS,
    DESCRIPTION_COLUMN,
    DOCUMENT_SHEET,
    FIELD_COLUMN,
    VALUE_COLUMN,
    sheet_name,
)

_TRUE = frozenset({"true", "waar", "ja", "yes"})
_FALSE = frozenset({"false", "onwaar", "nee", "no"})
_INTEGER = re.compile(r"^-?[0-9]+$")


@dataclass
class ImportResult:
    """The document read from a workbook, its findings and where each value came from."""

    data: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    """JSON pointer of each imported value -> the cell it came from (``file#Sheet!C7``)."""
    values: int = 0
    """How many filled cells were read into the document."""

    @property
    def ok(self) -> bool:
        """No cell was left unread."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def cell_of(self, pointer: str) -> str | None:
        """The cell (or the nearest enclosing row's first cell) a JSON pointer came from."""
        probe = pointer
        while True:
            if probe in self.cells:
                return self.cells[probe]
            if not probe:
                return None
            probe = probe.rsplit("/", 1)[0]


@dataclass
class _Cell:
    sheet: str | None
    row: int
    column: int
    value: Any
    formula: str | None = None

    def ref(self, source: str) -> str:
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        cell = f"{get_column_letter(self.column)}{self.row}"
        return f"{source}#{self.sheet}!{cell}" if self.sheet else f"{source}#{cell}"


def _convert(value: Any, node: dict[str, Any], kind: str) -> tuple[bool, Any, str]:
    """The value a cell holds for a field of ``kind``: (ok, value, what was expected)."""
    if kind in ("array", "object"):
        marker = EMPTY_LIST if kind == "array" else EMPTY_OBJECT
        expected = (
            "a list (fill its numbered columns)"
            if kind == "array"
            else "an object (fill its named columns)"
        )
        return (value == marker, [] if kind == "array" else {}, expected)
    if kind == "boolean":
        if isinstance(value, bool):
            return True, value, "true or false"
        text = str(value).strip().lower()
        if text in _TRUE | _FALSE:
            return True, text in _TRUE, "true or false"
        return False, None, "true or false"
    if kind == "integer":
        if isinstance(value, bool):
            return False, None, "a whole number"
        if isinstance(value, int):
            return True, value, "a whole number"
        if isinstance(value, float) and value.is_integer():
            return True, int(value), "a whole number"
        if isinstance(value, str) and _INTEGER.match(value.strip()):
            return True, int(value.strip()), "a whole number"
        return False, None, "a whole number"
    if kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return True, value, "a number"
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            return False, None, "a number"
        if not number.is_finite():
            return False, None, "a number"
        return True, (int(number) if number == number.to_integral_value() else float(number)), (
            "a number"
        )
    return _text(value, node)


def _text(value: Any, node: dict[str, Any]) -> tuple[bool, Any, str]:
    if isinstance(value, str):
        return True, value, "text"
    if isinstance(value, bool):
        return False, None, "text"
    if isinstance(value, int):
        return True, str(value), "text"
    if isinstance(value, float):
        return True, format(Decimal(repr(value)), "f"), "text"
    if isinstance(value, dt.datetime):
        if node.get("format") == "date" or value.time() == dt.time():
            return True, value.date().isoformat(), "text"
        return True, value.isoformat(), "text"
    if isinstance(value, dt.date):
        return True, value.isoformat(), "text"
    return False, None, "text"


class _Reader:
    def __init__(self, view: SchemaView | None, source: str) -> None:
        self.view = view
        self.source = source
        self.findings: list[Finding] = []
        self.pairs: list[tuple[Path, Any]] = []
        self.origin: dict[Path, str] = {}
        self.blanks: dict[str, str] = {}
        """Empty cells of named fields: where a missing value would have been typed."""

    @property
    def document_type(self) -> str:
        return self.view.document_type if self.view else "document"

    def add(self, path: Path, cell: _Cell) -> None:
        """Read one filled cell into ``path``, or report why it cannot be."""
        pointer = json_pointer(*path)
        ref = cell.ref(self.source)
        if cell.formula is not None and cell.value is None:
            self.findings.append(
                make_finding(rules.FORMULA, pointer, source=ref, formula=cell.formula)
            )
            return
        node = self.view.node_at(path) if self.view else {}
        if node is None:
            self.findings.append(
                make_finding(
                    rules.UNKNOWN_FIELD,
                    pointer,
                    source=ref,
                    field=path_text(path),
                    document_type=self.document_type,
                    count=1,
                )
            )
            return
        kind = SchemaView.kind(node) if self.view else type_name(cell.value)
        ok, value, _ = _convert(cell.value, node, kind)
        if not ok:
            self.findings.append(
                make_finding(
                    rules.BAD_VALUE,
                    pointer,
                    source=ref,
                    value=_shown(cell.value),
                    kind=kind,
                )
            )
            return
        self.pairs.append((path, value))
        self.origin[path] = ref

    def unplaced(self, cell: _Cell) -> None:
        self.findings.append(
            make_finding(
                rules.UNPLACED_CELL, "", source=cell.ref(self.source), value=_shown(cell.value)
            )
        )

    # ------------------------------------------------------------------ sheets
    def field_sheet(self, rows: list[list[_Cell]]) -> None:
        """The Document sheet (or a CSV): a header, then ``field, value`` rows."""
        header = {c.column - 1: _header_text(c.value) for c in rows[0]} if rows else {}
        known: dict[str, int] = {}
        for index, name in sorted(header.items()):
            if name in (FIELD_COLUMN, VALUE_COLUMN, DESCRIPTION_COLUMN):
                known.setdefault(name, index)
        field_at = known.get(FIELD_COLUMN, 0)
        value_at = known.get(VALUE_COLUMN, 1)
        described = known.get(DESCRIPTION_COLUMN, -1)
        start = 1 if header.get(field_at) == FIELD_COLUMN else 0
        for row in rows[start:]:
            by_index = {c.column - 1: c for c in row}
            name_cell = by_index.get(field_at)
            value_cell = by_index.get(value_at)
            name = _header_text(name_cell.value) if name_cell else ""
            for index, cell in by_index.items():
                if index in (field_at, value_at, described) or not _filled(cell):
                    continue
                self.unplaced(cell)
            if value_cell is None or not _filled(value_cell):
                if name and name_cell is not None:
                    blank = _Cell(name_cell.sheet, name_cell.row, value_at + 1, None)
                    self.blanks[json_pointer(*parse_path(name))] = blank.ref(self.source)
                continue
            if not name:
                self.unplaced(value_cell)
                continue
            self.add(parse_path(name), value_cell)

    def table_sheet(self, table: Path, rows: list[list[_Cell]]) -> None:
        """A list sheet: a header of dotted paths, then one object per filled row."""
        if not rows:
            return
        header = {c.column: _header_text(c.value) for c in rows[0] if _filled(c)}
        unknown: dict[int, list[_Cell]] = {}
        index = 0
        for row in rows[1:]:
            filled = [c for c in row if _filled(c)]
            if not filled:
                continue
            row_number = filled[0].row
            for column, name in header.items():
                blank = _Cell(filled[0].sheet, row_number, column, None)
                pointer = json_pointer(*table, str(index), *parse_path(name))
                self.blanks[pointer] = blank.ref(self.source)
            for cell in filled:
                name = header.get(cell.column, "")
                if not name:
                    self.unplaced(cell)
                    continue
                path = (*table, str(index), *parse_path(name))
                if self.view is not None and self.view.node_at(path) is None:
                    unknown.setdefault(cell.column, []).append(cell)
                    continue
                self.add(path, cell)
            self.origin.setdefault((*table, str(index)), filled[0].ref(self.source))
            index += 1
        for column, cells in unknown.items():
            head = next(c for c in rows[0] if c.column == column)
            self.findings.append(
                make_finding(
                    rules.UNKNOWN_FIELD,
                    json_pointer(*table),
                    source=head.ref(self.source),
                    field=header[column],
                    document_type=self.document_type,
                    count=len(cells),
                )
            )

    def result(self) -> ImportResult:
        data, pointers = unflatten(self.pairs)
        cells = {pointers[path]: ref for path, ref in self.origin.items() if path in pointers}
        for pointer, ref in self.blanks.items():
            probe = pointer
            while probe and probe not in cells:
                cells[probe] = ref
                probe = probe.rsplit("/", 1)[0]
        return ImportResult(
            data=data, findings=self.findings, cells=cells, values=len(self.pairs)
        )


def _filled(cell: _Cell) -> bool:
    return cell.formula is not None or (cell.value is not None and cell.value != "")


def _header_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ------------------------------------------------------------------------ files
def _sheet_cells(values: Any, formulas: Any, title: str | None) -> list[list[_Cell]]:
    rows: list[list[_Cell]] = []
    for value_row, formula_row in zip(
        values.iter_rows(), formulas.iter_rows(), strict=True
    ):
        cells = []
        for value_cell, formula_cell in zip(value_row, formula_row, strict=True):
            if value_cell.value is None and formula_cell.value is None:
                continue
            formula = (
                str(formula_cell.value)
                if formula_cell.data_type == "f" and formula_cell.value is not None
                else None
            )
            cells.append(_Cell(title, value_cell.row, value_cell.column, value_cell.value,
                               formula))
        rows.append(cells)
    return rows


def _workbook_sheets(path: FilePath) -> Iterator[tuple[str, list[list[_Cell]]]]:
    from openpyxl import load_workbook  # noqa: PLC0415 - only an import needs it

    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except OSError:
        raise
    except Exception as error:
        raise InputError(
            f"cannot be read as an XLSX workbook ({type(error).__name__})", source=str(path)
        ) from None
    for name in values.sheetnames:
        yield name, _sheet_cells(values[name], formulas[name], name)


def _csv_rows(path: FilePath) -> list[list[_Cell]]:
    from sroi_core.io import read_text  # noqa: PLC0415

    text = read_text(path).removeprefix("\ufeff")
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        rows.append(
            [_Cell(None, number, column, value) for column, value in enumerate(row, start=1)]
        )
    return rows


def _document_type(rows: list[list[_Cell]]) -> tuple[str | None, str | None]:
    found: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and row[0].column == 1 and row[1].column == 2:
            key = _header_text(row[0].value)
            if key in ("documentType", "standardVersion"):
                found[key] = _header_text(row[1].value)
    return found.get("documentType"), found.get("standardVersion")


def import_file(path: FilePath, version: str | None = None) -> ImportResult:
    """Read an XLSX workbook or a field/value CSV into a document with findings."""
    source = str(path)
    if path.suffix.lower() == ".csv":
        sheets = [(DOCUMENT_SHEET, _csv_rows(path))]
    else:
        sheets = list(_workbook_sheets(path))
    by_name = {name.lower(): rows for name, rows in sheets}
    fields = by_name.get(DOCUMENT_SHEET.lower())
    doc_type, doc_version = _document_type(fields or [])
    if fields is None or not doc_type:
        problem = "no Document sheet" if fields is None else "no documentType row"
        finding = make_finding(rules.NOT_A_DOCUMENT, "", source=source, problem=problem)
        return ImportResult(data={}, findings=[finding])
    try:
        view = SchemaView(doc_type, version or doc_version or _default_version())
    except Exception as error:
        finding = make_finding(rules.NOT_A_DOCUMENT, "", source=source, problem=str(error))
        return ImportResult(data={}, findings=[finding])
    reader = _Reader(view, source)
    tables = {sheet_name((name,)).lower(): (name,) for name in view.tables()}
    for name, rows in sheets:
        lowered = name.lower()
        if lowered == DOCUMENT_SHEET.lower():
            reader.field_sheet(rows)
        elif lowered in tables:
            reader.table_sheet(tables[lowered], rows)
        elif lowered in AUXILIARY_SHEETS:
            continue
        else:
            filled = [c for row in rows for c in row if _filled(c)]
            if filled:
                reader.findings.append(
                    make_finding(
                        rules.UNKNOWN_SHEET,
                        "",
                        source=f"{source}#{name}",
                        sheet=name,
                        document_type=doc_type,
                        count=len(filled),
                    )
                )
    return reader.result()


def _default_version() -> str:
    from sroi_core._version import STANDARD_VERSION  # noqa: PLC0415

    return STANDARD_VERSION
