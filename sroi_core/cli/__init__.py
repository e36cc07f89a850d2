"""The ``sroi`` command line: one module per command, registered on one parser.

Exit codes (all commands): 0 success, 1 the data is invalid or a check failed,
2 usage or file errors, 70 an internal error (a bug: please report it). No command
prints a Python traceback unless SROI_DEBUG=1 is set.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from sroi_core._version import STANDARD_VERSION, __version__
from sroi_core.errors import DocumentInvalidError, SroiError
from sroi_core.rules import Finding

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70

COMMAND_MODULES = (
    "sroi_core.cli.validate_cmd",
    "sroi_core.cli.schema_cmd",
    "sroi_core.cli.value_cmd",
    "sroi_core.cli.conformance_cmd",
    "sroi_core.cli.catalogue_cmd",
    "sroi_core.cli.docs_cmd",
    "sroi_core.cli.check_cmd",
    "sroi_core.cli.verify_cmd",
    "sroi_core.cli.score_cmd",
    "sroi_core.cli.monitor_cmd",
    "sroi_core.cli.report_cmd",
    "sroi_core.cli.portfolio_cmd",
)
"""Modules that each add one command (or group) through ``register(subparsers)``."""

COMMAND_NAMES: dict[str, str] = {
    "validate": "sroi_core.cli.validate_cmd",
    "schema": "sroi_core.cli.schema_cmd",
    "value": "sroi_core.cli.value_cmd",
    "conformance": "sroi_core.cli.conformance_cmd",
    "catalogue": "sroi_core.cli.catalogue_cmd",
    "docs": "sroi_core.cli.docs_cmd",
    "rules": "sroi_core.cli.docs_cmd",
    "check": "sroi_core.cli.check_cmd",
    "verify": "sroi_core.cli.verify_cmd",
    "score": "sroi_core.cli.score_cmd",
    "monitor": "sroi_core.cli.monitor_cmd",
    "report": "sroi_core.cli.report_cmd",
    "portfolio": "sroi_core.cli.portfolio_cmd",
}
"""Which module registers each command, so a run imports only the command it needs."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with a one-line hint (argparse's own code)."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``sroi`` parser.

    When ``argv`` names a command, only that command's module is imported (start-up time
    matters for a tool run on every file); otherwise, for ``--help`` or a usage error,
    every command is registered.
    """
    parser = _Parser(
        prog="sroi",
        description=f"SROI Outcome Standard {STANDARD_VERSION} tools (sroi_core {__version__}).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"sroi_core {__version__}, standard {STANDARD_VERSION}",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    named = next((arg for arg in argv or () if not arg.startswith("-")), None)
    modules = (COMMAND_NAMES[named],) if named in COMMAND_NAMES else COMMAND_MODULES
    for module in modules:
        import_module(module).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.handler(args)
    except DocumentInvalidError as error:
        from sroi_core.cli._common import print_finding  # noqa: PLC0415 - on error only

        for finding in error.findings:
            if isinstance(finding, Finding):
                print_finding(finding)
        print(f"sroi: invalid input: {error}", file=sys.stderr)
        return EXIT_INVALID
    except SroiError as error:
        print(f"sroi: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:  # a file the command was asked to write or read
        where = f"{error.filename}: " if error.filename else ""
        print(f"sroi: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the CLI's promise: never a traceback
        if os.environ.get("SROI_DEBUG") == "1":
            raise
        print(
            f"sroi: internal error ({type(error).__name__}: {error}); this is a bug in "
            "sroi_core, please report it (set SROI_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return code


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
