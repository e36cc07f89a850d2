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

from sroi_core.award.ledger import (
    LedgerEntry,
    claimed_twice,
    entries_of,
    promised_elsewhere,
)
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import load_checked, print_finding
from sroi_core.cli._i18n import say
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.rules import Finding


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


def _family(catalogue: Catalogue | None, indicator: str) -> str:
    if catalogue is None:
        return indicator
    try:
        return catalogue.indicator(indicator).double_counting_group or indicator
    except Exception:
        return indicator


def _evidence_entries(report: EvidenceReport, catalogue: Catalogue | None) -> list[LedgerEntry]:
    supplier = f"{report.supplier.identifier.scheme} {report.supplier.identifier.id}"
    return [
        LedgerEntry(
            contract=report.tender.id,
            supplier=supplier,
            indicator=item.indicator,
            family=_family(catalogue, item.indicator),
            period=item.period,
            group="",
            pseudonyms=frozenset(str(s) for s in item.subjects),
        )
        for item in report.items
    ]


def handle(args: argparse.Namespace) -> int:
    """Build the ledger from the files and print what was found twice."""
    store = CatalogueStore()
    bids: list[tuple[Bid, str]] = []
    entries: list[LedgerEntry] = []
    for name in args.files:
        document = load_checked(Path(name), store, Bid, EvidenceReport)
        catalogue = (
            store.find(document.catalogue) if isinstance(document, Bid | EvidenceReport) else None
        )
        if isinstance(document, Bid):
            bids.append((document, name))
            families = {c.indicator: _family(catalogue, c.indicator) for c in document.commitments}
            entries.extend(entries_of(document, families))
        elif isinstance(document, EvidenceReport):
            entries.extend(_evidence_entries(document, catalogue))
    findings: list[Finding] = []
    for bid, name in bids:
        findings.extend(promised_elsewhere(bid, entries, name))
    findings.extend(claimed_twice(entries))
    if args.format == "json":
        json.dump([f.as_dict() for f in findings], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for finding in findings:
            print_finding(finding)
        print(say("ledger_summary", entries=len(entries), found=len(findings)))
    return 1 if findings else 0
