"""``sroi ledger FILE...``: the buyer's ledger across contracts (bids and evidence reports).

Finds what one supplier promised to two contracts (same indicator, group and overlapping
period) and people (by buyer-keyed pseudonym) claimed for one indicator family under two
contracts in overlapping periods (docs/procurement-profile.md, section 10). Exit 0 when
nothing is found, 1 when something is, 2 for file errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sroi_core.award.ledger import ledger_findings
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import load_checked, print_finding
from sroi_core.cli._i18n import say
from sroi_core.model.bid import Bid
from sroi_core.model.evidence_report import EvidenceReport


def register(subparsers: Any) -> None:
    """Add the ``ledger`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "ledger",
        help="find results promised or claimed twice across a buyer's contracts",
        description="Read the bids and evidence reports of several contracts of one buyer "
        "and list commitments a supplier promised to two contracts and beneficiaries "
        "(pseudonyms) claimed for one indicator family under two contracts. Exit 0 when "
        "nothing is found, 1 when something is, 2 for file errors.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="bids and evidence reports")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Build the ledger from the files and print what was found twice."""
    store = CatalogueStore()
    documents: list[tuple[Bid | EvidenceReport, str]] = []
    for name in args.files:
        document = load_checked(Path(name), store, Bid, EvidenceReport, for_valuation=False)
        if isinstance(document, Bid | EvidenceReport):
            documents.append((document, name))
    entries, findings = ledger_findings(documents, store.find_for)
    if args.format == "json":
        json.dump([f.as_dict() for f in findings], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for finding in findings:
            print_finding(finding)
        print(say("ledger_summary", entries=len(entries), found=len(findings)))
    return 1 if findings else 0
