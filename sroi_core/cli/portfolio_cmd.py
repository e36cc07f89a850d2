"""``sroi portfolio validate|value PATH...``: many documents in one run, one row each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sroi_core.cli._i18n import say
from sroi_core.cli._progress import Progress, add_quiet_option


def register(subparsers: Any) -> None:
    """Add the ``portfolio`` command group."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "portfolio",
        help="validate or value many documents (files or folders) across processes",
        description="Validate or value every document in the files and folders given (a "
        "folder stands for every *.json below it), in parallel worker processes, and write "
        "one row per document: verdict, first error and, when valued, the totals. Exit 0 "
        "when every document is valid, 1 when any is invalid, 2 for usage or file errors.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, text in (
        ("validate", "both validation layers in full, as sroi validate does"),
        ("value", "value every bid and evidence report (other documents are validated)"),
    ):
        sub = actions.add_parser(action, help=text, description=text)
        sub.add_argument("paths", nargs="+", metavar="PATH", help="a document or a folder")
        sub.add_argument(
            "--catalogue",
            action="append",
            default=[],
            metavar="PATH",
            help="a catalogue file to resolve references (repeatable); the built-in "
            "catalogues are always available",
        )
        if action == "value":
            sub.add_argument(
                "--tender", metavar="PATH", help="the tender whose conventions apply to bids"
            )
        sub.add_argument(
            "--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per CPU)"
        )
        sub.add_argument(
            "--out",
            "-o",
            metavar="FILE",
            help="write the table to FILE: .parquet (needs the parquet extra), .csv or .json",
        )
        sub.add_argument(
            "--format",
            choices=("csv", "json"),
            default="csv",
            help="table format on standard output when --out is not given",
        )
        add_quiet_option(sub)
        sub.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the portfolio and write its table."""
    from sroi_core.errors import InputError  # noqa: PLC0415
    from sroi_core.portfolio import (  # noqa: PLC0415 - imported when the command runs
        documents_in,
        run_portfolio,
        table_text,
        write_table,
    )

    if args.jobs is not None and args.jobs < 1:
        raise InputError(say("jobs_at_least_one"), source="--jobs", expected="N >= 1")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise InputError(say("no_such_path"), source=missing[0])
    total = len(documents_in(args.paths))
    with Progress(
        total, say("progress_portfolio", action=args.action), quiet=args.quiet
    ) as progress:
        rows = run_portfolio(
            args.action,
            args.paths,
            catalogues=args.catalogue,
            tender=getattr(args, "tender", None),
            jobs=args.jobs,
            progress=progress.set,
        )
    if args.out:
        write_table(rows, Path(args.out))
        invalid = sum(1 for row in rows if not row.valid)
        print(say("portfolio_written", rows=len(rows), invalid=invalid, out=args.out))
    else:
        sys.stdout.write(table_text(rows, args.format))
    return 0 if all(row.valid for row in rows) else 1
