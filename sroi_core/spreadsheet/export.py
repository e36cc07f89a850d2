"""Results (valuation, award, monitoring) and documents as XLSX or CSV.

Input documents (tender, bid, evidence report, catalogue) keep the import layout, so an
exported file imports back to the same document. Results get one sheet per list of
objects wherever it sits (valuation lines, totals by theme, the award ranking), for
analysts who filter and sum.
"""

from __future__ import annotations

from typing import Any

from sroi_core.errors import SroiError
from sroi_core.spreadsheet.layout import Path, parse_path
from sroi_core.spreadsheet.schema_view import SchemaView
from sroi_core.spreadsheet.workbook import (
    build_workbook,
    csv_text,
    field_rows,
    find_tables,
    layout_of,
    sheet_name,
    table_rows,
    workbook_bytes,
)

IMPORTABLE_TYPES = frozenset({"tender", "bid", "evidenceReport", "catalogue"})
"""Document types whose export keeps the import layout (a lossless round trip)."""


def tables_of(data: dict[str, Any]) -> list[Path]:
    """The sheets a JSON object is split into."""
    doc_type = data.get("documentType")
    version = data.get("standardVersion")
    if doc_type in IMPORTABLE_TYPES and isinstance(version, str):
        try:
            return [(name,) for name in SchemaView(str(doc_type), version).tables()]
        except SroiError:
            pass
    return find_tables(data)


def export_xlsx(data: dict[str, Any]) -> bytes:
    """The workbook of ``data``: a Document sheet and one sheet per table."""
    return workbook_bytes(build_workbook(layout_of(data, tables_of(data))))


def export_csv(data: dict[str, Any], table: str | None = None) -> str:
    """``data`` as CSV: one table (``lines``, ``totals.byTheme``) or every field/value."""
    if table is None:
        return csv_text(field_rows(data))
    wanted = parse_path(table)
    tables = tables_of(data)
    by_name = {sheet_name(t).lower(): t for t in tables}
    path = wanted if wanted in tables else by_name.get(table.lower())
    if path is None:
        names = ", ".join(".".join(t) for t in tables) or "none"
        raise SroiError(f"no table {table!r} in this file; tables: {names}")
    return csv_text(table_rows(data, path))
