"""``sroi validate FILE...``: check exchange files in two layers and report findings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sroi_core.cli._common import add_catalogue_option, finding_row, store_from
from sroi_core.cli._i18n import current_language, say
from sroi_core.cli._progress import Progress, add_quiet_option
from sroi_core.documents import validate_files
from sroi_core.results_json import report_json
from sroi_core.textsafe import terminal_text
from sroi_core.validation.report import ValidationReport


def register(subparsers: Any) -> None:
    """Add the ``validate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="validate exchange files against the schema and the standard's rules",
        description="Validate exchange files. Exit 0 when all are valid, 1 when any is invalid, "
        "2 when a file cannot be read.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--extension",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="an extension.json (schema beside it) to check declared extension data against; "
        "repeatable",
    )
    add_catalogue_option(parser)
    add_quiet_option(parser)
    parser.set_defaults(handler=handle)


def _label(text: str) -> str:
    """A status label in its 8-character column, with a space after a longer one."""
    return f"{text:<8}" if len(text) < 8 else f"{text} "


def _print_text(report: ValidationReport) -> None:
    for file_report in report.files:
        kind = file_report.document_type or say("unknown_document")
        if file_report.valid and not file_report.findings:
            print(
                terminal_text(
                    f"{_label(say('ok'))}{file_report.file} ({kind} {file_report.standard_version})"
                )
            )
            continue
        label = say("ok") if file_report.valid else say("invalid")
        print(terminal_text(f"{_label(label)}{file_report.file} ({kind})"))
        for finding in file_report.findings:
            print(finding_row(finding))
    errors = sum(1 for r in report.files if not r.valid)
    print(say("validate_summary", files=len(report.files), invalid=errors))



def handle(args: argparse.Namespace) -> int:
    """Validate the files (catalogue files first, so the others can use them) and report."""
    from sroi_core.extensions import register_extension  # noqa: PLC0415 - only when given

    for extension in args.extension:
        register_extension(extension)
    paths = [Path(p) for p in args.files]
    with Progress(len(paths), "sroi validate", quiet=args.quiet) as progress:

        seen: list[Path] = []

        def on_file(path: Path) -> None:  # called before each file: the ones before are done
            progress.set(len(seen), len(paths))
            progress.describe(f"sroi validate {path.name}")
            seen.append(path)

        report = validate_files(paths, store_from(args.catalogue), on_file=on_file)
    if args.format == "json":
        sys.stdout.write(report_json(report, "nl" if current_language() == "nl" else "en"))
    else:
        _print_text(report)
    if any(r.read_error for r in report.files):
        return 2
    return 0 if report.valid else 1
