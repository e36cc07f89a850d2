"""``sroi report TENDER --bid BID [--evidence REPORT ...]``: a report people read.

Writes a self-contained HTML page (or Markdown) for a council or a supplier: what was
promised, what was delivered, realisation and forecast per theme, the quality findings and
the conventions and sources used (:mod:`sroi_core.report`). Every input is validated before
use. Exit codes: 0 written, 1 an input document is invalid or the documents do not belong
to one contract (findings printed), 2 usage or file errors (including an installation that lost
its babel dependency).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import (
    InvalidInputError,
    add_catalogue_file_option,
    iso_date,
    load_contract,
    print_finding,
)
from sroi_core.cli._i18n import say
from sroi_core.errors import ValuationError
from sroi_core.fileio import write_atomic
from sroi_core.monitoring import MonitoringInputError
from sroi_core.report import build_report, render_html, render_markdown, require_babel
from sroi_core.report.formatting import LANGUAGES
from sroi_core.textsafe import terminal_text


def register(subparsers: Any) -> None:
    """Add the ``report`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="write a report for a council or a supplier (HTML or Markdown)",
        description="Write a self-contained report on a bid under its tender: what was "
        "promised, what was delivered (verified evidence), realisation and forecast per "
        "theme, quality findings, and the conventions and sources used. Dutch by default. "
        "Exit 0 on success, 1 when an input is invalid or the documents do not belong "
        "together, 2 for usage or file errors (including a missing babel package).",
    )
    parser.add_argument("tender", metavar="TENDER", help="the tender document")
    parser.add_argument("--bid", required=True, metavar="BID", help="the bid (the contract)")
    parser.add_argument(
        "--evidence",
        action="extend",
        nargs="+",
        default=[],
        metavar="REPORT",
        help="evidence reports of the contract (one or more; repeatable)",
    )
    add_catalogue_file_option(parser)
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default=None,
        help="report language (default: nl, the language of the council the report is for)",
    )
    parser.add_argument("--format", choices=("html", "markdown"), default="html")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="the date the report speaks for (default: the latest evidence period end, or "
        "the bid's submission date without evidence)",
    )
    parser.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Validate the inputs, build the report and write it."""
    require_babel()
    store = CatalogueStore()
    if args.catalogue:
        store.resolve(args.catalogue)  # a file given is checked and made available
    try:
        tender, bid, pairs = load_contract(args.tender, args.bid, args.evidence, store)
    except InvalidInputError as error:
        print(say("no_report", error=error), file=sys.stderr)
        return 1
    catalogue = store.for_document(tender, args.catalogue)
    try:
        data = build_report(
            tender,
            bid,
            catalogue,
            pairs,
            language=args.language or "nl",
            as_of=args.as_of,
            sources={tender.id: args.tender, bid.id: args.bid},
        )
    except MonitoringInputError as error:
        for finding in error.findings:
            print_finding(finding)
        print(say("report_not_one_contract"), file=sys.stderr)
        return 1
    except ValuationError as error:
        if error.code != "document-mismatch":
            raise
        print(say("report_not_written", error=error), file=sys.stderr)
        return 1
    text = (
        render_html(data)
        if args.format == "html"
        else terminal_text(render_markdown(data), newlines=True)
    )
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
