"""``sroi check FILE...``: quality checks (gaming, double counting, weak evidence).

Valid is not the same as good: this command assumes schema-valid files (``sroi validate``
first) and reports the quality rules of docs/quality-checks.md. Findings are reported for
the FILEs named; ``--tender``, ``--bid`` and ``--catalogue`` give context only.

The JSON report (``--format json``) has exactly the structure of ``sroi validate --format
json`` (docs/validation-report.md); there, ``valid`` means "no error-severity finding".
Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or file errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sroi_core.catalogue_store import CatalogueStore, names_a_path
from sroi_core.cli._common import add_catalogue_option, finding_row
from sroi_core.cli._i18n import say
from sroi_core.documents import load_document
from sroi_core.errors import DocumentInvalidError, InputError, SroiError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.document import Document
from sroi_core.model.tender import Tender
from sroi_core.quality import Thresholds
from sroi_core.quality.report import quality_report
from sroi_core.results_json import report_json
from sroi_core.rules import Severity
from sroi_core.textsafe import terminal_text
from sroi_core.validation.report import ValidationReport


def register(subparsers: Any) -> None:
    """Add the ``check`` command."""
    names = ", ".join(Thresholds().as_params())
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="run the quality checks (gaming, double counting, weak evidence) on exchange files",
        description="Run the quality checks on tenders, bids, evidence reports and valuations. "
        "Give the tender and bid the files belong to with --tender/--bid so they can be "
        "compared. Exit 0 when there is no error-severity finding, 1 when there is, 2 on "
        "usage or file errors.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    add_catalogue_option(parser)
    parser.add_argument("--tender", metavar="PATH", help="the tender the files belong to")
    parser.add_argument("--bid", metavar="PATH", help="the bid the evidence reports belong to")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"change a plausibility threshold (repeatable); names: {names}",
    )
    parser.set_defaults(handler=handle)


def _thresholds(pairs: list[str]) -> Thresholds:
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise SroiError(say("check_threshold_form", pair=pair))
        overrides[name] = value
    return Thresholds().with_overrides(overrides)


_KIND_NAMES: dict[type[Document], str] = {
    Tender: "a_tender",
    Bid: "a_bid",
    Catalogue: "a_catalogue",
}
"""Message keys of the kinds of document an option expects."""


def _kind(document: Document) -> str:
    return str(getattr(document, "document_type", "unknown"))


def _load(path: str, expected: type[Document] | None = None) -> Document:
    try:
        document = load_document(Path(path))
    except DocumentInvalidError as error:
        message = say("run_validate", message=error.message, path=path)
        raise InputError(message, source=path) from None
    if expected is not None and not isinstance(document, expected):
        raise InputError(
            say("is_a_document", kind=_kind(document)),
            source=path,
            expected=say(_KIND_NAMES[expected]) if expected in _KIND_NAMES else expected.__name__,
        )
    return document


def _label(text: str) -> str:
    """A status label in its 8-character column, with a space after a longer one."""
    return f"{text:<8}" if len(text) < 8 else f"{text} "


def _print_text(report: ValidationReport) -> None:
    errors = warnings = 0
    for file_report in report.files:
        kind = file_report.document_type or say("unknown_document")
        label = say("ok") if file_report.valid else say("fail")
        print(terminal_text(f"{_label(label)}{file_report.file} ({kind})"))
        for finding in file_report.findings:
            print(finding_row(finding))
            errors += finding.severity is Severity.ERROR
            warnings += finding.severity is Severity.WARNING
    print(say("check_summary", files=len(report.files), errors=errors, warnings=warnings))


def handle(args: argparse.Namespace) -> int:
    """Load the files, run the quality checks and print the report."""
    thresholds = _thresholds(args.threshold)
    store = CatalogueStore()
    loaded: list[tuple[Document, str]] = []
    by_path: dict[Path, Document] = {}
    for name in args.files:
        resolved = Path(name).resolve()
        if resolved in by_path:
            continue
        document = _load(name)
        loaded.append((document, name))
        by_path[resolved] = document
    context: list[tuple[Document, str]] = []
    options: list[tuple[str | None, type[Document]]] = []
    for name in args.catalogue:
        if names_a_path(name):
            options.append((name, Catalogue))
        else:  # a bare word is a built-in catalogue id, never a file of that name
            context.append((store.resolve(name), name))
    options += [(args.tender, Tender), (args.bid, Bid)]
    for option, kind in options:
        if option is None:
            continue
        known = by_path.get(Path(option).resolve())
        if known is None:
            document = _load(option, kind)
            by_path[Path(option).resolve()] = document
            context.append((document, option))
        elif not isinstance(known, kind):
            raise InputError(
                say("is_a_document", kind=_kind(known)), source=option,
                expected=say(_KIND_NAMES[kind]),
            )
    report = quality_report(loaded, context, thresholds=thresholds, store=store)
    if args.format == "json":
        sys.stdout.write(report_json(report))
    else:
        _print_text(report)
    return 0 if report.valid else 1
