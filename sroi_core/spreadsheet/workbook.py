"""Write a JSON object as a workbook (or a CSV of field/value rows), cell types kept exact.

Text is written as text cells (format ``@``), so ``"3080000.00"`` and ``"2027-01-01"``
come back exactly as written; whole numbers and booleans keep their cell types. A value
a workbook cannot hold (a control character, more than 32,767 characters) is refused
with its JSON pointer rather than changed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sroi_core.errors import InputError
from sroi_core.rules import json_pointer
from sroi_core.spreadsheet.layout import Path, Scalar, flatten, merge_columns, path_text

DOCUMENT_SHEET = "Document"
README_SHEET = "Readme"
LISTS_SHEET = "Lists"
AUXILIARY_SHEETS = frozenset({README_SHEET.lower(), LISTS_SHEET.lower()})
"""Sheets the importer never reads as data (the template's explanations and drop-downs)."""

FIELD_COLUMN, VALUE_COLUMN, DESCRIPTION_COLUMN = "field", "value", "description"
MAX_CELL_TEXT = 32767
"""The most characters a spreadsheet cell holds (Excel's limit)."""

TEMPLATE_ROWS = 200
"""Rows of each list sheet that get drop-downs in a template."""

_HEADER_FONT = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")


def sheet_name(path: Path) -> str:
    """The sheet of the list at ``path``: ``commitments`` is ``Commitments``."""
    text = path_text(path)
    return text[:1].upper() + text[1:]


@dataclass
class Layout:
    """What goes where: the Document sheet's field rows and one table per list."""

    fields: list[tuple[Path, Scalar | None]] = field(default_factory=list)
    tables: dict[Path, tuple[list[Path], list[dict[Path, Scalar]]]] = field(default_factory=dict)


def layout_of(
    data: Mapping[str, Any],
    table_paths: Sequence[Path],
    *,
    field_paths: Sequence[Path] = (),
    table_columns: Mapping[Path, Sequence[Path]] | None = None,
) -> Layout:
    """Place ``data``: lists at ``table_paths`` become tables, the rest field rows.

    ``field_paths`` and ``table_columns`` (from the schema) come first so a template
    shows every field; values the data has beyond them are added in place.
    """
    layout = Layout()
    tables = set(table_paths)
    values: dict[Path, Scalar] = {}
    for path, value in flatten(dict(data)):
        owner = next((t for t in tables if path[: len(t)] == t and len(path) > len(t)), None)
        if owner is None:
            values[path] = value
    for path in merge_columns(field_paths, values):
        layout.fields.append((path, values.get(path)))
    for table in table_paths:
        items = _get(data, table)
        rows: list[dict[Path, Scalar]] = []
        if isinstance(items, list):
            for item in items:
                rows.append(dict(flatten(item)) if item != {} else {(): "{}"})
        seen = [path for row in rows for path in row]
        columns = merge_columns((table_columns or {}).get(table, ()), seen)
        layout.tables[table] = (columns, rows)
    return layout


def _get(data: Mapping[str, Any], path: Path) -> Any:
    node: Any = data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def find_tables(data: Any, prefix: Path = ()) -> list[Path]:
    """Every list of objects outside another list: the tables of a result export."""
    found: list[Path] = []
    if isinstance(data, dict):
        for key, value in data.items():
            path = (*prefix, str(key))
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                found.append(path)
            else:
                found += find_tables(value, path)
    return found


def _text_cell(value: str, where: str) -> str:
    if ILLEGAL_CHARACTERS_RE.search(value) or "\r" in value:
        raise InputError(
            "holds a control character a spreadsheet cell cannot store", pointer=where
        )
    if len(value) > MAX_CELL_TEXT:
        raise InputError(
            f"holds {len(value)} characters; a spreadsheet cell holds at most {MAX_CELL_TEXT}",
            pointer=where,
        )
    return value


def put(sheet: Worksheet, row: int, column: int, value: Scalar | None, where: str) -> None:
    """Write one value with its exact type: text stays text (also ``=``-leading text)."""
    if value is None:
        return
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _text_cell(value, where)
        cell.data_type = "s"
        cell.number_format = "@"
    else:
        cell.value = value


@dataclass
class Decorations:
    """What a template adds: descriptions, required marks and drop-down lists."""

    descriptions: dict[Path, str] = field(default_factory=dict)
    required: set[Path] = field(default_factory=set)
    choices: dict[Path, Sequence[str]] = field(default_factory=dict)
    readme: list[str] = field(default_factory=list)


def _generic(path: Path) -> Path:
    """A path with its list indices as ``0``: how descriptions and choices are keyed."""
    return tuple("0" if part.isdigit() else part for part in path)


class _Lists:
    """The hidden sheet that holds the drop-down choices, one column per list."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.sheet: Worksheet | None = None
        self.columns: dict[tuple[str, ...], str] = {}

    def formula(self, choices: Sequence[str]) -> str:
        key = tuple(choices)
        if key not in self.columns:
            if self.sheet is None:
                self.sheet = self.book.create_sheet(LISTS_SHEET)
                self.sheet.sheet_state = "hidden"
            column = len(self.columns) + 1
            for row, choice in enumerate(choices, start=1):
                put(self.sheet, row, column, choice, "")
            letter = get_column_letter(column)
            self.columns[key] = f"{LISTS_SHEET}!${letter}$1:${letter}${len(choices)}"
        return self.columns[key]

    def add(self, sheet: Worksheet, cells: str, choices: Sequence[str]) -> None:
        rule = DataValidation(type="list", formula1=self.formula(choices), allow_blank=True)
        rule.add(cells)
        sheet.add_data_validation(rule)


def build_workbook(layout: Layout, decorations: Decorations | None = None) -> Workbook:
    """The workbook of a layout: Readme (templates), Document, one sheet per table."""
    extra = decorations or Decorations()
    book = Workbook()
    first = book.active
    assert first is not None
    if extra.readme:
        first.title = README_SHEET
        for row, line in enumerate(extra.readme, start=1):
            put(first, row, 1, line, "")
        first.column_dimensions["A"].width = 110
        fields = book.create_sheet(DOCUMENT_SHEET)
    else:
        first.title = DOCUMENT_SHEET
        fields = first
    lists = _Lists(book)
    headers: list[str] = [FIELD_COLUMN, VALUE_COLUMN]
    if extra.descriptions:
        headers.append(DESCRIPTION_COLUMN)
    for column, header in enumerate(headers, start=1):
        put(fields, 1, column, header, "")
        fields.cell(row=1, column=column).font = _HEADER_FONT
    for row, (path, value) in enumerate(layout.fields, start=2):
        where = json_pointer(*path)
        put(fields, row, 1, path_text(path), where)
        put(fields, row, 2, value, where)
        generic = _generic(path)
        if generic in extra.required:
            fields.cell(row=row, column=1).fill = _REQUIRED_FILL
        if extra.descriptions:
            put(fields, row, 3, extra.descriptions.get(generic, ""), where)
        if generic in extra.choices:
            lists.add(fields, f"B{row}", extra.choices[generic])
    fields.column_dimensions["A"].width = 38
    fields.column_dimensions["B"].width = 40
    fields.freeze_panes = "A2"
    for table, (columns, rows) in layout.tables.items():
        sheet = book.create_sheet(sheet_name(table))
        for column, path in enumerate(columns, start=1):
            put(sheet, 1, column, path_text(path), json_pointer(*table))
            header = sheet.cell(row=1, column=column)
            header.font = _HEADER_FONT
            generic = (*table, "0", *_generic(path))
            if generic in extra.required:
                header.fill = _REQUIRED_FILL
            if extra.descriptions.get(generic):
                header.comment = Comment(extra.descriptions[generic], "sroi")
            if generic in extra.choices:
                letter = get_column_letter(column)
                last = max(TEMPLATE_ROWS, len(rows) + 1)
                lists.add(sheet, f"{letter}2:{letter}{last}", extra.choices[generic])
            width = max(12, len(str(header.value or "")) + 2)
            sheet.column_dimensions[get_column_letter(column)].width = width
        for index, values in enumerate(rows):
            for column, path in enumerate(columns, start=1):
                where = json_pointer(*table, str(index), *path)
                put(sheet, index + 2, column, values.get(path), where)
        sheet.freeze_panes = "A2"
    if lists.sheet is not None:  # the hidden choices always come last, after every table
        book.move_sheet(lists.sheet, offset=len(book.sheetnames) - 1 - book.index(lists.sheet))
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """The XLSX file of a workbook."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(rows: Sequence[Sequence[Scalar | None]]) -> str:
    """Rows as CSV text (comma-separated, quoted where needed, newline line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else _csv_cell(v) for v in row])
    return buffer.getvalue()


def _csv_cell(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def field_rows(data: Mapping[str, Any]) -> list[list[Scalar | None]]:
    """Every value of ``data`` as a ``field,value`` row (the CSV import layout)."""
    rows: list[list[Scalar | None]] = [[FIELD_COLUMN, VALUE_COLUMN]]
    rows += [[path_text(path), value] for path, value in flatten(dict(data))]
    return rows


def table_rows(data: Mapping[str, Any], table: Path) -> list[list[Scalar | None]]:
    """One table of ``data`` (a list of objects) as CSV rows with a header."""
    columns, rows = layout_of(data, [table]).tables[table]
    out: list[list[Scalar | None]] = [[path_text(c) for c in columns]]
    out += [[row.get(c) for c in columns] for row in rows]
    return out
