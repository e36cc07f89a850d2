"""Options shared by several commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from sroi_core.catalogue_store import CatalogueStore


def add_catalogue_option(parser: argparse.ArgumentParser) -> None:
    """``--catalogue PATH``, repeatable: catalogue files to resolve references with."""
    parser.add_argument(
        "--catalogue",
        action="append",
        default=[],
        metavar="PATH",
        help="a catalogue file to resolve references (repeatable); the built-in catalogues "
        "are always available",
    )


def store_from(paths: list[str]) -> CatalogueStore:
    """A catalogue store with the built-in catalogues and the files given."""
    store = CatalogueStore()
    for path in paths:
        store.add_file(Path(path))
    return store
