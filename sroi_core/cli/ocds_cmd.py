"""``sroi ocds export TENDER [FILE...] -o OUT``: an OCDS 1.1 release package."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from sroi_core.cli._i18n import say
from sroi_core.documents import load_document
from sroi_core.errors import InputError
from sroi_core.fileio import write_atomic
from sroi_core.model.bid import Bid
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender
from sroi_core.model.valuation import Valuation


def register(subparsers: Any) -> None:
    """Add the ``ocds`` command group."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "ocds", help="exchange with the Open Contracting Data Standard (OCDS)"
    )
    commands = parser.add_subparsers(dest="ocds_command", required=True)
    export = commands.add_parser(
        "export",
        help="write an OCDS 1.1 release package of a tender and its awarded bids, evidence "
        "reports and valuations",
        description="Write an OCDS 1.1 release package (docs/ocds.md). Give the tender and "
        "any awarded bids, evidence reports and valuations, in any order.",
    )
    export.add_argument("tender", metavar="TENDER", type=Path)
    export.add_argument("files", nargs="*", metavar="FILE", type=Path)
    export.add_argument("--output", "-o", metavar="PATH", help="write to a file, not stdout")
    export.add_argument(
        "--published",
        metavar="DATE-TIME",
        help="publication time of the package (RFC 3339; default: now)",
    )
    export.set_defaults(handler=handle)


def _published(text: str | None) -> dt.datetime:
    if text is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InputError(
            say("ocds_published_invalid", text=text), expected=say("ocds_example_time")
        )
    return moment


def handle(args: argparse.Namespace) -> int:
    """Read the documents, build the package, write it."""
    from sroi_core.ocds import release_package  # noqa: PLC0415 - only for this command

    tender = load_document(args.tender)
    if not isinstance(tender, Tender):
        raise InputError(say("ocds_first_tender"), source=str(args.tender))
    bids: list[Bid] = []
    reports: list[EvidenceReport] = []
    valuations: list[Valuation] = []
    for path in args.files:
        document = load_document(path)
        if isinstance(document, Bid):
            bids.append(document)
        elif isinstance(document, EvidenceReport):
            reports.append(document)
        elif isinstance(document, Valuation):
            valuations.append(document)
        else:
            raise InputError(
                say("ocds_no_place", kind=document.document_type), source=str(path)
            )
    package = release_package(tender, bids, reports, valuations, _published(args.published))
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
