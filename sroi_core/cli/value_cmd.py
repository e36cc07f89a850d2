"""``sroi value FILE``: value a bid or an evidence report, line by line.

The parser is built without the model, the validators or numpy (``sroi value --help``
starts in a fraction of the time); the run imports them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sroi_core._gc import gc_paused
from sroi_core.cli import keep_until_exit
from sroi_core.cli._common import InvalidInputError, load_checked
from sroi_core.cli._i18n import current_language, money, say
from sroi_core.cli._progress import Progress, add_quiet_option
from sroi_core.errors import InputError
from sroi_core.fileio import write_atomic
from sroi_core.textsafe import terminal_text

if TYPE_CHECKING:
    from sroi_core.model.bid import Bid
    from sroi_core.model.tender import Tender


def register(subparsers: Any) -> None:
    """Add the ``value`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "value",
        help="value a bid or an evidence report (per-line breakdown, totals, ratio, sensitivity)",
        description="Value a bid (committed) or an evidence report (verified) against its "
        "catalogue. Exit 0 on success, 1 when an input is invalid, 2 for usage or file errors.",
    )
    parser.add_argument("file", metavar="FILE", help="a bid or evidenceReport document")
    parser.add_argument(
        "--catalogue",
        metavar="ID|PATH",
        help="catalogue to use: a path (it contains / or ends in .json) or a built-in "
        "id[@version]; default: the one the document names",
    )
    parser.add_argument("--tender", metavar="PATH", help="the tender (conventions, contract value)")
    parser.add_argument(
        "--bid", metavar="PATH", help="for an evidence report: the bid it reports on"
    )
    parser.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    parser.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of stdout")
    add_quiet_option(parser)
    parser.set_defaults(handler=handle)


def _perspective(code: str) -> str:
    """A perspective code as its codelist title in the run's language."""
    from sroi_core.codelists import codelist  # noqa: PLC0415

    listing = codelist("perspective")
    if code not in listing:
        return code
    row = listing.get(code)
    return row.title_nl if current_language() == "nl" else row.title_en


def _countable_headline(valuation: Any, bid: Bid, tender: Tender, catalogue: Any) -> str:
    """2.0: what the tender can count first; lines it cannot count are listed, not summed."""
    from sroi_core.award.countable import countable_split  # noqa: PLC0415

    split = countable_split(valuation, bid, tender, catalogue)
    dutch = current_language() == "nl"
    lines = [
        *(say("value_counted", tender=tender.id, perspective=_perspective(count.perspective),
              countable=f"{valuation.currency} {money(count.countable)}",
              claimed=f"{valuation.currency} {money(count.claimed)}")
          for count in split.perspectives),
        *(say("value_not_counted", line=line_id, reason=reason.nl if dutch else reason.en)
          for line_id, reason in split.not_countable),
        "",
    ]
    return "\n".join(lines) + "\n"


def handle(args: argparse.Namespace) -> int:
    """Validate the inputs, value the document and print it in the chosen format.

    The cyclic collector is paused for the whole run (the documents and the valuation
    hold no reference cycles); in a console run what is kept to the end is frozen before
    it resumes (:func:`sroi_core.cli.keep_until_exit`), so it is never walked at all.
    """
    with gc_paused(), Progress(3, say("progress_reading"), quiet=args.quiet) as progress:
        return _value(args, progress)


def _value(args: argparse.Namespace, progress: Progress) -> int:
    from sroi_core.catalogue_store import CatalogueStore  # noqa: PLC0415 - see the docstring
    from sroi_core.documents import dump_document  # noqa: PLC0415
    from sroi_core.model.bid import Bid  # noqa: PLC0415
    from sroi_core.model.evidence_report import EvidenceReport  # noqa: PLC0415
    from sroi_core.model.tender import Tender  # noqa: PLC0415
    from sroi_core.valuation.document import LineTooLargeError, value_document  # noqa: PLC0415

    store = CatalogueStore()
    try:
        if args.catalogue:
            store.resolve(args.catalogue)  # a file given is checked and made available
        subject = load_checked(Path(args.file), store, Bid, EvidenceReport)
        tender = load_checked(Path(args.tender), store, Tender) if args.tender else None
        bid = load_checked(Path(args.bid), store, Bid) if args.bid else None
    except InvalidInputError as error:
        print(say("not_valued", error=error), file=sys.stderr)
        return 1
    keep_until_exit(store, subject, tender, bid)
    progress.describe(say("progress_valuing"))
    progress.advance()
    if not isinstance(subject, Bid | EvidenceReport):  # pragma: no cover - _checked ensures it
        raise InputError(say("not_bid_or_report"), source=args.file)
    catalogue = store.for_document(subject, args.catalogue)
    try:
        valuation = value_document(
            subject,
            catalogue,
            tender=tender if isinstance(tender, Tender) else None,
            bid=bid if isinstance(bid, Bid) else None,
        )
    except LineTooLargeError as error:
        raise InputError(str(error), source=args.file, pointer=error.pointer) from None
    keep_until_exit(valuation)
    progress.describe(say("progress_writing"))
    progress.advance()
    text = dump_document(valuation) if args.format == "json" else _rendered(valuation, args.format)
    if (
        args.format == "table"
        and isinstance(subject, Bid)
        and isinstance(tender, Tender)
        and tender.award is not None
    ):
        headline = _countable_headline(valuation, subject, tender, catalogue)
        text = terminal_text(headline, newlines=True) + text
    keep_until_exit(text)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    progress.advance()
    return 0


def _rendered(valuation: Any, fmt: str) -> str:
    """The valuation as CSV, a table or Markdown, safe for a terminal."""
    from sroi_core.valuation.render import (  # noqa: PLC0415 - see the module docstring
        render_csv,
        render_markdown,
        render_table,
    )

    if fmt == "csv":
        return terminal_text(render_csv(valuation), newlines=True)
    renderer = render_markdown if fmt == "markdown" else render_table
    return terminal_text(renderer(valuation, current_language()), newlines=True)
