"""Options shared by several commands.

Importing this module is cheap (no model, no validator): a command's parser is built
for ``--help`` without them; what loads documents imports them when it runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sroi_core.cli._i18n import current_language, say
from sroi_core.errors import InputError
from sroi_core.fileio import write_atomic
from sroi_core.rules import Finding, Severity
from sroi_core.textsafe import terminal_text

if TYPE_CHECKING:
    from sroi_core.catalogue_store import CatalogueStore
    from sroi_core.model.bid import Bid
    from sroi_core.model.document import Document
    from sroi_core.model.evidence_report import EvidenceReport
    from sroi_core.model.tender import Tender


def add_catalogue_option(parser: argparse.ArgumentParser) -> None:
    """``--catalogue ID|PATH``, repeatable: catalogues to resolve references with."""
    parser.add_argument(
        "--catalogue",
        action="append",
        default=[],
        metavar="ID|PATH",
        help="a catalogue to resolve references (repeatable): a path (it contains / or ends "
        "in .json) or a built-in id[@version]; the built-in catalogues are always available",
    )


def store_from(paths: list[str]) -> CatalogueStore:
    """A catalogue store with the built-in catalogues and the files (or ids) given.

    Each argument is resolved by :meth:`CatalogueStore.resolve`: a bare word is a
    built-in id, never a file that happens to have that name.
    """
    from sroi_core.catalogue_store import CatalogueStore  # noqa: PLC0415 - when run

    store = CatalogueStore()
    for path in paths:
        store.resolve(path)
    return store


class InvalidInputError(Exception):
    """An input document has error findings (already printed); the command exits 1."""


def print_finding(finding: Finding) -> None:
    """One finding on standard error: severity, file#pointer, [rule id] and message.

    File names and messages carry document text: control characters and ANSI escapes are
    shown escaped (:func:`sroi_core.textsafe.terminal_text`), never sent to the terminal.
    """
    where = f"{finding.source}#{finding.pointer}" if finding.pointer else finding.source
    print(
        terminal_text(
            f"{severity_text(finding)}: {where} [{finding.rule_id}] {finding_message(finding)}"
        ),
        file=sys.stderr,
    )


def finding_row(finding: Finding) -> str:
    """One finding as an indented row under its file (pointer, [rule id], message), safe."""
    where = finding.pointer or "/"
    return terminal_text(
        f"  {severity_text(finding):<7} {where}  [{finding.rule_id}] {finding_message(finding)}"
    )


def finding_message(finding: Finding) -> str:
    """The finding's message in the run's language (Dutch when the rule has it)."""
    return finding.message_nl if current_language() == "nl" and finding.message_nl else (
        finding.message
    )


def severity_text(finding: Finding) -> str:
    """``error``/``fout``, ``warning``/``waarschuwing``, ``info``."""
    return say(f"severity_{finding.severity.value}")


def load_checked(
    path: Path, store: CatalogueStore, *expected: type[Document], for_valuation: bool = True
) -> Document:
    """Load a document after validating it; print its findings; raise on errors.

    Raises InputError when the file cannot be read or is another kind of document (exit
    2), and InvalidInputError when it has error findings (exit 1). Commands load to value
    (``for_valuation``: the reader keeps the digest form, see ``documents.parse_document``);
    one that never values passes False.
    """
    from sroi_core.documents import validate_file  # noqa: PLC0415 - when run

    report = validate_file(path, store, full_schema=False, for_valuation=for_valuation)
    for finding in report.findings:
        print_finding(finding)
    if report.read_error:
        raise InputError(say("cannot_be_read"), source=str(path))
    if any(f.severity is Severity.ERROR for f in report.findings):
        raise InvalidInputError(str(path))
    document = report.document
    if not isinstance(document, expected):
        kind = getattr(document, "document_type", "unknown")
        names = say("or").join(say(f"a_{e.__name__.lower()}") for e in expected)
        raise InputError(say("is_a_document", kind=kind), source=str(path), expected=names)
    return document


def load_contract(
    tender_path: str, bid_path: str, report_paths: Sequence[str], store: CatalogueStore
) -> tuple[Tender, Bid, list[tuple[EvidenceReport, str]]]:
    """The tender, the (winning) bid and the evidence reports of one contract, checked."""
    from sroi_core.model.bid import Bid  # noqa: PLC0415 - when run
    from sroi_core.model.evidence_report import EvidenceReport  # noqa: PLC0415
    from sroi_core.model.tender import Tender  # noqa: PLC0415

    tender = load_checked(Path(tender_path), store, Tender)
    bid = load_checked(Path(bid_path), store, Bid)
    reports = [(load_checked(Path(p), store, EvidenceReport), p) for p in report_paths]
    if not isinstance(tender, Tender) or not isinstance(bid, Bid):  # pragma: no cover
        raise InputError("not a tender and a bid", source=tender_path)
    return tender, bid, [(r, p) for r, p in reports if isinstance(r, EvidenceReport)]


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("not_a_date", text=text)) from None


def add_catalogue_file_option(parser: argparse.ArgumentParser) -> None:
    """``--catalogue ID|PATH``: one catalogue instead of the built-in one a tender names."""
    parser.add_argument(
        "--catalogue",
        metavar="ID|PATH",
        help="catalogue: a path (it contains / or ends in .json) or a built-in id[@version]; "
        "default: the built-in catalogue the tender names",
    )


def _write_output(path: str, data: str | bytes) -> None:
    """Write a command's output file atomically; the one place commands write files."""
    write_atomic(path, data)
