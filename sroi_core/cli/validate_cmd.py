"""``sroi validate FILE...``: check exchange files in two layers and report findings."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import add_catalogue_option, store_from
from sroi_core.cli._progress import Progress, add_quiet_option
from sroi_core.documents import validate_file
from sroi_core.model.catalogue import Catalogue
from sroi_core.validation.report import FileReport, ValidationReport


def register(subparsers: Any) -> None:
    """Add the ``validate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="validate exchange files against the schema and the standard's rules",
        description="Validate exchange files. Exit 0 when all are valid, 1 when any is invalid, "
        "2 when a file cannot be read.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_catalogue_option(parser)
    add_quiet_option(parser)
    parser.set_defaults(handler=handle)


def _catalogues_first(paths: list[Path]) -> list[Path]:
    """Validate catalogue files first so other files given with them can refer to them."""

    def is_catalogue(path: Path) -> bool:
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4096]
        except OSError:
            return False
        return re.search(r'"documentType"\s*:\s*"catalogue"', head) is not None

    return sorted(paths, key=lambda p: 0 if p.is_file() and is_catalogue(p) else 1)


def _with_catalogue(store: CatalogueStore, path: Path, report: FileReport) -> None:
    if report.valid and report.document_type == "catalogue":
        from sroi_core.documents import load_document  # noqa: PLC0415 - only when needed

        document = load_document(path)
        if isinstance(document, Catalogue):
            store.add(document)


def _print_text(report: ValidationReport) -> None:
    for file_report in report.files:
        kind = file_report.document_type or "unknown document"
        if file_report.valid and not file_report.findings:
            print(f"OK      {file_report.file} ({kind} {file_report.standard_version})")
            continue
        label = "OK" if file_report.valid else "INVALID"
        print(f"{label:<8}{file_report.file} ({kind})")
        for finding in file_report.findings:
            where = finding.pointer or "/"
            print(f"  {finding.severity.value:<7} {where}  [{finding.rule_id}] {finding.message}")
    errors = sum(1 for r in report.files if not r.valid)
    print(f"{len(report.files)} file(s) checked, {errors} invalid")


def handle(args: argparse.Namespace) -> int:
    """Validate the files and print the report."""
    store = store_from(args.catalogue)
    paths = [Path(p) for p in args.files]
    ordered = _catalogues_first(paths)
    reports: dict[Path, FileReport] = {}
    with Progress(len(ordered), "sroi validate", quiet=args.quiet) as progress:
        for path in ordered:
            progress.describe(f"sroi validate {path.name}")
            reports[path] = validate_file(path, store)
            _with_catalogue(store, path, reports[path])
            progress.advance()
    report = ValidationReport([reports[path] for path in paths])
    if args.format == "json":
        json.dump(report.as_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_text(report)
    if any(r.read_error for r in report.files):
        return 2
    return 0 if report.valid else 1
