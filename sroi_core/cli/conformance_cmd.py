"""``sroi conformance run DIR``: run language-neutral conformance vectors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sroi_core.conformance import VectorStatus, run_conformance
from sroi_core.textsafe import terminal_text


def register(subparsers: Any) -> None:
    """Add the ``conformance`` command group."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "conformance", help="run conformance vectors (tests/conformance/README.md)"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run",
        help="run every vector in a folder; prints 'N passed, M failed'",
        description="Exit 0 only when no vector fails.",
    )
    run.add_argument("directory", metavar="DIR")
    run.add_argument("--verbose", "-v", action="store_true", help="list passed vectors too")
    run.set_defaults(handler=handle_run)


def handle_run(args: argparse.Namespace) -> int:
    """Run the vectors, list failures (and skips), and print the summary line last."""
    report = run_conformance(Path(args.directory))
    for outcome in report.outcomes:
        if outcome.status is VectorStatus.PASSED and not args.verbose:
            continue
        row = f"{outcome.status.value.upper():7} {outcome.kind:14} {outcome.vector_id}"
        print(terminal_text(row))
        for message in outcome.messages:
            print(terminal_text(f"        {message}"))
    print(report.summary_line())
    return 0 if report.ok else 1
