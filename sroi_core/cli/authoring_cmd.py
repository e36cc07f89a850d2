"""``sroi template|import|export|new``: author documents in a spreadsheet and take results out.

* ``sroi template bid|evidence-report -o FILE.xlsx`` writes a template generated from the
  schema (drop-downs for codes and the catalogue's indicators, a readme in nl and en);
* ``sroi import FILE.xlsx|FILE.csv [-o doc.json]`` reads it back; every finding names its
  cell (``bid.xlsx#Commitments!C7``) and the JSON pointer it maps to;
* ``sroi export FILE -o OUT.xlsx|OUT.csv`` writes a valuation, an award or monitoring
  result (or any document) as a workbook or CSV;
* ``sroi new tender|bid|evidence-report`` writes a minimal document valid against the
  schema, its placeholders marked TODO.

Exit codes: 0 success, 1 the imported document is invalid or cells could not be read, 2
usage or file errors.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from pathlib import Path
from typing import Any

from sroi_core._version import STANDARD_VERSION, SUPPORTED_STANDARD_VERSIONS
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import _write_output, load_checked, print_finding
from sroi_core.cli._i18n import say
from sroi_core.errors import InputError
from sroi_core.rules import Finding, Severity, json_pointer


def _version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--standard-version",
        choices=SUPPORTED_STANDARD_VERSIONS,
        default=None,
        metavar="V",
        help=f"standard version of the document (default: {STANDARD_VERSION}; for import, "
        "the version the file names)",
    )


def _catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue",
        metavar="ID|PATH",
        help="catalogue: a built-in id[@version] (such as nl) or a catalogue file",
    )


def register(subparsers: Any) -> None:
    """Add the ``template``, ``import``, ``export`` and ``new`` commands."""
    template: argparse.ArgumentParser = subparsers.add_parser(
        "template",
        help="write an XLSX template for a bid or an evidence report",
        description="Write an XLSX template generated from the schema: a Document sheet, "
        "one sheet per list (Commitments, Items), drop-downs for codes and indicators and a "
        "readme in Dutch and English.",
    )
    template.add_argument("kind", choices=("bid", "evidence-report"), metavar="KIND",
                          help="bid or evidence-report")
    _catalogue_option(template)
    template.add_argument("--tender", metavar="TENDER",
                          help="the tender: its id, catalogue and indicators fill the template")
    _version_option(template)
    template.add_argument("--output", "-o", metavar="FILE.xlsx", required=True)
    template.set_defaults(handler=handle_template)

    reader: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="read a filled XLSX template (or a field,value CSV) into a document",
        description="Read a workbook or CSV into a JSON document and validate it; every "
        "finding names the cell and the JSON pointer. Exit 0 valid, 1 invalid or unread "
        "cells, 2 usage or file errors.",
    )
    reader.add_argument("file", metavar="FILE", help="an .xlsx workbook or a .csv file")
    reader.add_argument("--output", "-o", metavar="DOC.json",
                        help="write the document here instead of standard output")
    _version_option(reader)
    reader.add_argument("--catalogue", action="append", default=[], metavar="PATH",
                        help="a catalogue file to resolve references (repeatable)")
    reader.set_defaults(handler=handle_import)

    export: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="write a valuation, award or monitoring result (or a document) as XLSX or CSV",
        description="Write a JSON result (sroi value/score/monitor --format json) or "
        "document as a workbook (.xlsx: a Document sheet and one sheet per list) or CSV "
        "(field,value rows, or one table with --table).",
    )
    export.add_argument("file", metavar="FILE", help="a JSON result or document")
    export.add_argument("--output", "-o", metavar="OUT.xlsx|OUT.csv", required=True)
    export.add_argument("--table", metavar="NAME",
                        help="for CSV: write this table only (such as lines or totals.byTheme)")
    export.set_defaults(handler=handle_export)

    new: argparse.ArgumentParser = subparsers.add_parser(
        "new",
        help="write a minimal tender, bid or evidence report to start from",
        description="Write a minimal document, valid against the schema; every placeholder "
        "starts with TODO.",
    )
    new.add_argument("kind", choices=("tender", "bid", "evidence-report"), metavar="KIND",
                     help="tender, bid or evidence-report")
    _catalogue_option(new)
    _version_option(new)
    new.add_argument("--output", "-o", metavar="FILE.json",
                     help="write here instead of standard output")
    new.set_defaults(handler=handle_new)


def handle_template(args: argparse.Namespace) -> int:
    """Write the XLSX template."""
    from sroi_core.model.tender import Tender  # noqa: PLC0415
    from sroi_core.spreadsheet.template import build_template  # noqa: PLC0415
    from sroi_core.spreadsheet.workbook import workbook_bytes  # noqa: PLC0415

    store = CatalogueStore()
    catalogue = store.resolve(args.catalogue) if args.catalogue else None
    tender = None
    if args.tender:
        loaded = load_checked(Path(args.tender), store, Tender, for_valuation=False)
        tender = loaded if isinstance(loaded, Tender) else None
        if tender is not None and catalogue is None:
            catalogue = store.find_for(tender)
    if catalogue is None:  # the newest edition for the version being written
        catalogue = store.resolve("nl", standard_version=args.standard_version or STANDARD_VERSION)
    book = build_template(
        args.kind,
        version=args.standard_version or STANDARD_VERSION,
        catalogue=catalogue,
        tender=tender,
        file_hint=Path(args.output).name,
    )
    _write_output(args.output, workbook_bytes(book))
    print(say("template_written", path=args.output, kind=args.kind), file=sys.stderr)
    return 0


def handle_import(args: argparse.Namespace) -> int:
    """Read the workbook, validate the document, print findings with their cells."""
    from sroi_core.documents import dump_document, validate_text  # noqa: PLC0415
    from sroi_core.spreadsheet.reader import import_file  # noqa: PLC0415

    path = Path(args.file)
    if not path.is_file():
        raise InputError(say("no_such_file"), source=args.file)
    result = import_file(path, args.standard_version)
    for finding in result.findings:
        print_finding(finding)
    if not result.ok:
        count = sum(1 for f in result.findings if f.severity is Severity.ERROR)
        print(say("import_failed", path=args.file, count=count), file=sys.stderr)
        return 1
    store = CatalogueStore()
    for catalogue in args.catalogue:
        store.add_file(Path(catalogue))
    report = validate_text(json.dumps(result.data, ensure_ascii=False), args.file, store)
    findings = [_at_cell(f, result.cell_of(_field_pointer(f))) for f in report.findings]
    for finding in findings:
        print_finding(finding)
    if report.document is not None:
        text = dump_document(report.document)
    else:
        text = json.dumps(result.data, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        _write_output(args.output, text)
    else:
        sys.stdout.write(text)
    if not report.valid:
        print(say("import_invalid", path=args.file), file=sys.stderr)
        return 1
    kind = result.data.get("documentType", "document")
    print(say("import_ok", path=args.file, kind=kind, count=result.values), file=sys.stderr)
    return 0


def _field_pointer(finding: Finding) -> str:
    """Where a finding points; for a missing field, the field itself (its empty cell)."""
    missing = re.match(r"^'([^']+)' is a required property", finding.message)
    if finding.rule_id == "schema.required" and missing:
        return finding.pointer + json_pointer(missing.group(1))
    return finding.pointer


def _at_cell(finding: Finding, cell: str | None) -> Finding:
    """The finding with its source naming the cell its pointer came from."""
    return finding if cell is None else dataclasses.replace(finding, source=cell)


def handle_export(args: argparse.Namespace) -> int:
    """Write the JSON file as XLSX or CSV."""
    from sroi_core.io import parse_json, read_text  # noqa: PLC0415
    from sroi_core.spreadsheet.export import export_csv, export_xlsx  # noqa: PLC0415

    data = parse_json(read_text(Path(args.file)), args.file)
    if not isinstance(data, dict):
        raise InputError(
            say("not_json_object"), source=args.file, expected=say("a_result_or_document")
        )
    if args.output.lower().endswith(".csv"):
        _write_output(args.output, export_csv(data, args.table))
    elif args.output.lower().endswith(".xlsx"):
        if args.table:
            raise InputError(say("table_csv_only"), source=args.output)
        _write_output(args.output, export_xlsx(data))
    else:
        raise InputError(
            say("unknown_output_type"), source=args.output, expected=say("xlsx_or_csv")
        )
    print(say("wrote", path=args.output), file=sys.stderr)
    return 0


def handle_new(args: argparse.Namespace) -> int:
    """Write a minimal document with TODO placeholders."""
    from sroi_core.skeleton import skeleton  # noqa: PLC0415

    store = CatalogueStore()
    version = args.standard_version or STANDARD_VERSION
    catalogue = store.resolve(args.catalogue or "nl", standard_version=version)
    data = skeleton(
        args.kind, version=args.standard_version or STANDARD_VERSION, catalogue=catalogue
    )
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        _write_output(args.output, text)
        print(say("new_written", path=args.output, kind=args.kind), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
