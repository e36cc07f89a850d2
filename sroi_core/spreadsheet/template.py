"""XLSX templates for suppliers: every field of the schema, drop-downs, a readme in nl and en.

The fields come from the JSON Schema of the standard version asked; the drop-downs from
the schema's codes (units, evidence types, statuses) and from the catalogue (indicator
ids; with a tender, only the indicators the tender asks for).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from sroi_core._version import STANDARD_VERSION
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.tender import Tender
from sroi_core.spreadsheet.layout import Path
from sroi_core.spreadsheet.schema_view import SchemaView
from sroi_core.spreadsheet.workbook import Decorations, build_workbook, layout_of, sheet_name

TEMPLATE_TYPES = {"bid": "bid", "evidence-report": "evidenceReport"}
"""Templates by command-line name, with the document type each one makes."""

INDICATOR_FIELDS = frozenset({"indicator"})
"""Field names whose drop-down lists the catalogue's indicator ids."""


def _readme(document_type: str, version: str, tables: Sequence[str], file_hint: str) -> list[str]:
    sheets = ", ".join(sheet_name((t,)) for t in tables)
    return [
        f"SROI Outcome Standard {version} - {document_type}",
        "",
        "NEDERLANDS",
        "Vul het tabblad Document in (een veld per regel: kolom field is de veldnaam, kolom "
        "value de waarde) en de tabbladen " + sheets + " (een regel per onderdeel, een veld "
        "per kolom).",
        "Gele velden zijn verplicht. Keuzelijsten tonen de toegestane codes (eenheden, "
        "indicatoren uit de catalogus).",
        "Bedragen en aantallen zijn tekst met een punt als decimaalteken, precies zoals "
        "bedoeld: 3080000.00 of 12.5. Datums als JJJJ-MM-DD, bijvoorbeeld 2027-03-01.",
        "Meer dan een gebied of document? Kopieer de kolom en verhoog het nummer: areas.1.code, "
        "areas.2.code.",
        "Laat een cel leeg als een veld niet van toepassing is. Cellen buiten de kolommen "
        "worden niet stilzwijgend genegeerd: het importeren meldt ze.",
        f"Maak er daarna een document van met: sroi import {file_hint} -o document.json",
        "",
        "ENGLISH",
        "Fill in the Document sheet (one field per row: column field is the field name, column "
        "value its value) and the sheets " + sheets + " (one row per entry, one field per "
        "column).",
        "Yellow fields are required. Drop-down lists show the codes allowed (units, indicators "
        "from the catalogue).",
        "Amounts and quantities are text with a point as the decimal mark, exactly as meant: "
        "3080000.00 or 12.5. Dates as YYYY-MM-DD, for example 2027-03-01.",
        "More than one area or document? Copy the column and raise the number: areas.1.code, "
        "areas.2.code.",
        "Leave a cell empty when a field does not apply. Cells outside the columns are never "
        "ignored silently: the import reports them.",
        f"Then make a document of it with: sroi import {file_hint} -o document.json",
    ]


def _indicator_ids(catalogue: Catalogue | None, tender: Tender | None) -> tuple[str, ...]:
    if tender is not None:
        return tuple(item.indicator for item in tender.indicators)
    if catalogue is None:
        return ()
    return tuple(i.id for i in catalogue.indicators if not i.deprecated)


def _decorations(view: SchemaView, paths: list[Path], table: Path | None) -> Decorations:
    decorations = Decorations()
    for path in paths:
        full = (*table, "0", *path) if table else path
        node = view.node_at(full) or {}
        text = str(node.get("description") or node.get("title") or "")
        decorations.descriptions[full] = text.replace("\n\n", " ").replace("\n", " ")
        if view.required(full):
            decorations.required.add(full)
        codes = view.codes(node)
        if codes:
            decorations.choices[full] = codes
    return decorations


def template_data(
    document_type: str, version: str, catalogue: Catalogue | None, tender: Tender | None
) -> dict[str, Any]:
    """The values a fresh template starts with: version, type and the references known."""
    data: dict[str, Any] = {"standardVersion": version, "documentType": document_type}
    if tender is not None:
        data["tender"] = {"id": tender.id}
        data["catalogue"] = tender.catalogue.model_dump(exclude_none=True)
    elif catalogue is not None:
        data["catalogue"] = {"id": catalogue.id, "version": catalogue.version}
    return data


def build_template(
    template: str,
    *,
    version: str = STANDARD_VERSION,
    catalogue: Catalogue | None = None,
    tender: Tender | None = None,
    file_hint: str = "FILE.xlsx",
) -> Workbook:
    """The XLSX template of ``template`` (``bid`` or ``evidence-report``)."""
    document_type = TEMPLATE_TYPES[template]
    view = SchemaView(document_type, version)
    tables = view.tables()
    root = view.resolve(view.root)
    field_paths = [
        leaf
        for name, prop in root.get("properties", {}).items()
        if name not in tables
        for leaf in view.leaves(view.resolve(prop), (name,))
    ]
    table_columns: dict[Path, list[Path]] = {
        (name,): view.leaves(view.node_at((name, "0")) or {}) for name in tables
    }
    data = template_data(document_type, version, catalogue, tender)
    layout = layout_of(
        data,
        [(name,) for name in tables],
        field_paths=field_paths,
        table_columns=table_columns,
    )
    decorations = _decorations(view, field_paths, None)
    for table, columns in table_columns.items():
        extra = _decorations(view, columns, table)
        decorations.descriptions.update(extra.descriptions)
        decorations.required |= extra.required
        decorations.choices.update(extra.choices)
    indicators = _indicator_ids(catalogue, tender)
    if indicators:
        for table, columns in table_columns.items():
            for path in columns:
                if path and path[-1] in INDICATOR_FIELDS:
                    decorations.choices[(*table, "0", *path)] = indicators
    decorations.readme = _readme(document_type, version, tables, file_hint)
    return build_workbook(layout, decorations)
