"""``sroi migrate FILE``: a document of an older standard version, in the current one."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sroi_core._version import STANDARD_VERSION
from sroi_core.cli import error_text
from sroi_core.cli._i18n import code_text, current_language, say
from sroi_core.documents import dump_document, parse_document
from sroi_core.errors import DocumentInvalidError
from sroi_core.fileio import write_atomic
from sroi_core.io import parse_json, read_text
from sroi_core.migrate import migrate_document


def register(subparsers: Any) -> None:
    """Add the ``migrate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "migrate",
        help=f"migrate a document to standard {STANDARD_VERSION}",
        description="Write the document in the current standard version and list every "
        "choice made on the author's behalf (on standard error). Exit 0 when the result is "
        "valid, 1 when it needs the author's input to become valid, 2 for file errors.",
    )
    parser.add_argument("file", metavar="FILE", help="a document of any supported version")
    parser.add_argument("--to", default=STANDARD_VERSION, metavar="VERSION")
    parser.add_argument("--output", "-o", metavar="PATH", help="write to a file, not stdout")
    parser.set_defaults(handler=handle)


def note_message(note: Any) -> str:
    """A migration note's message in the run's language."""
    return str(note.message_nl) if current_language() == "nl" and note.message_nl else str(
        note.message
    )


def handle(args: argparse.Namespace) -> int:
    """Migrate, check the result against its version's schema and rules, write it."""
    source = str(args.file)
    migration = migrate_document(parse_json(read_text(Path(args.file)), source), args.to, source)
    for note in migration.notes:
        kind = code_text(f"migration-{note.kind.value}")
        print(f"{kind}: {source}#{note.pointer} {note_message(note)}", file=sys.stderr)
    text = json.dumps(migration.data, indent=2, ensure_ascii=False) + "\n"
    code = 0
    try:
        text = dump_document(parse_document(text, source))
    except DocumentInvalidError as error:
        print(say("migrate_not_valid", error=error_text(error)), file=sys.stderr)
        code = 1
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return code
