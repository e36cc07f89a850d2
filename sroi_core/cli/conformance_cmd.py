"""``sroi conformance run [DIR]``: run language-neutral conformance vectors.

Without a folder the suite installed with the package runs (``sroi_core/published.py``
finds the packaged copy first, else the repository's ``tests/conformance``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sroi_core.cli._i18n import say
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
        help="run every vector in a folder (default: the suite shipped with the package); "
        "prints 'N passed, M failed'",
        description="Exit 0 only when no vector fails.",
    )
    run.add_argument(
        "directory",
        metavar="DIR",
        nargs="?",
        help="folder of vectors (default: the conformance suite installed with sroi_core)",
    )
    run.add_argument("--verbose", "-v", action="store_true", help="list passed vectors too")
    run.set_defaults(handler=handle_run)


def handle_run(args: argparse.Namespace) -> int:
    """Run the vectors, list failures (and skips), and print the summary line last."""
    from sroi_core.published import conformance_dir  # noqa: PLC0415

    directory = Path(args.directory) if args.directory else conformance_dir()
    if not args.directory:
        print(say("conformance_packaged", where=directory), file=sys.stderr)
    report = run_conformance(directory)
    for outcome in report.outcomes:
        if outcome.status is VectorStatus.PASSED and not args.verbose:
            continue
        status = say(f"conformance_status_{outcome.status.value}")
        row = f"{status:7} {outcome.kind:14} {outcome.vector_id}"
        print(terminal_text(row))
        for message in outcome.messages:
            print(terminal_text(f"        {message}"))
    print(say("conformance_summary", passed=report.passed, failed=report.failed))
    return 0 if report.ok else 1
