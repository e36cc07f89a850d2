"""``sroi schema export DIR``: write the standard's JSON Schemas."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sroi_core.schema_export import export_schemas


def register(subparsers: Any) -> None:
    """Add the ``schema`` command group."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema", help="work with the JSON Schemas"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write one Draft 2020-12 schema per document type")
    export.add_argument(
        "directory", metavar="DIR", help="folder to write <version>/*.schema.json into"
    )
    export.set_defaults(handler=handle_export)


def handle_export(args: argparse.Namespace) -> int:
    """Write the schemas and list the files written."""
    for path in export_schemas(Path(args.directory)):
        print(path)
    return 0
