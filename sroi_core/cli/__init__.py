"""The ``sroi`` command line: one module per command, registered on one parser.

Exit codes (all commands): 0 success, 1 the data is invalid or a check failed,
2 usage or file errors, 70 an internal error (a bug: please report it). No command
prints a Python traceback unless SROI_DEBUG=1 is set.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from sroi_core._version import STANDARD_VERSION, __version__
from sroi_core.errors import DocumentInvalidError, SroiError
from sroi_core.rules import Finding
from sroi_core.textsafe import terminal_text

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
    "sroi_core.cli.migrate_cmd",
    "sroi_core.cli.serve_cmd",
    "sroi_core.cli.authoring_cmd",
    "sroi_core.cli.ocds_cmd",
    "sroi_core.cli.ledger_cmd",
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
    "migrate": "sroi_core.cli.migrate_cmd",
    "serve": "sroi_core.cli.serve_cmd",
    "template": "sroi_core.cli.authoring_cmd",
    "import": "sroi_core.cli.authoring_cmd",
    "export": "sroi_core.cli.authoring_cmd",
    "new": "sroi_core.cli.authoring_cmd",
    "ocds": "sroi_core.cli.ocds_cmd",
    "ledger": "sroi_core.cli.ledger_cmd",
    "portfolio": "sroi_core.cli.portfolio_cmd",
}
"""Which module registers each command, so a run imports only the command it needs."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with a one-line hint (argparse's own code)."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``sroi`` parser.

    When ``argv`` names a command, only that command's module is imported (start-up time
    matters for a tool run on every file); otherwise, for ``--help`` or a usage error,
    every command is registered. argparse's own texts and the help texts speak the run's
    language (:mod:`sroi_core.cli._help_i18n`).
    """
    from sroi_core.cli._help_i18n import install, translate_parser  # noqa: PLC0415

    install()
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
    _add_language_everywhere(parser)
    translate_parser(parser)
    return parser


def _add_language_everywhere(parser: argparse.ArgumentParser) -> None:
    """``--language nl|en`` on every command and subcommand that has none of its own."""
    from sroi_core.cli._i18n import LANGUAGES, say  # noqa: PLC0415

    if "--language" not in parser._option_string_actions:
        parser.add_argument("--language", choices=LANGUAGES, default=None, help=say(
            "language_help"))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _add_language_everywhere(child)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    from sroi_core.cli._i18n import say, set_language  # noqa: PLC0415

    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_argument(arguments))
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    set_language(getattr(args, "language", None))
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
        print(terminal_text(say("invalid_input", error=error_text(error))), file=sys.stderr)
        return EXIT_INVALID
    except SroiError as error:
        print(terminal_text(say("error", error=error_text(error))), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:  # a file the command was asked to write or read
        from sroi_core.cli._i18n import os_error_text  # noqa: PLC0415 - on error only

        where = f"{error.filename}: " if error.filename else ""
        message = say("error", error=f"{where}{os_error_text(error)}")
        print(terminal_text(message), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the CLI's promise: never a traceback
        if os.environ.get("SROI_DEBUG") == "1":
            raise
        print(
            terminal_text(say("internal_error", error=f"{type(error).__name__}: {error}")),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return code


def error_text(error: SroiError) -> str:
    """An error's message in the run's language.

    An input error names its file and pointer; its message and what was expected are
    put in Dutch where the kind is known (:mod:`sroi_core.input_problems`); texts the
    command line raised itself are already in the run's language.
    """
    from sroi_core.cli._i18n import current_language, say  # noqa: PLC0415
    from sroi_core.errors import InputError  # noqa: PLC0415
    from sroi_core.input_problems import dutch_expected, known_dutch  # noqa: PLC0415

    if not isinstance(error, InputError) or current_language() != "nl":
        return str(error)
    where = error.source + (f"#{error.pointer}" if error.pointer else "")
    text = f"{where}: {known_dutch(error.message) or error.message}"
    if error.expected:
        expected = dutch_expected(error.expected) or error.expected
        text += f" ({say('expected', expected=expected)})"
    return text


def _language_argument(arguments: Sequence[str]) -> str | None:
    """The ``--language`` given, read before parsing so help texts use it too."""
    for index, argument in enumerate(arguments):
        if argument.startswith("--language="):
            return argument.split("=", 1)[1]
        if argument == "--language" and index + 1 < len(arguments):
            return arguments[index + 1]
    return None


class _ConsoleRun:
    """What a console run (:func:`run`) leaves for the operating system to reclaim."""

    kept: list[object] | None = None


def keep_until_exit(*objects: object) -> None:
    """In a console run, keep ``objects`` to the end and let the process end without freeing them.

    Freeing the millions of objects of a large bid and its valuation one by one takes
    about a second at the end of ``sroi value``; :func:`run` ends the process without it
    once the output is flushed. The objects hold no reference cycles, so they are also
    taken out of the cyclic collector's sight (``gc.freeze``) instead of being walked on
    every later collection. Called through :func:`main` alone (tests, programs that embed
    the command line) it does nothing.
    """
    if _ConsoleRun.kept is not None:
        _ConsoleRun.kept.extend(objects)
        gc.freeze()


def run() -> None:
    """Console-script entry point."""
    # a profiler or a coverage tracer writes its results when the interpreter shuts down
    watched = sys.getprofile() is not None or sys.gettrace() is not None
    _ConsoleRun.kept = None if watched else []
    code = main()
    if _ConsoleRun.kept:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            sys.exit(code)  # the interpreter's own shutdown reports it, as without kept objects
        os._exit(code)
    sys.exit(code)
