"""Write or check generated conformance vectors: the one main() of every vector tool.

The vector generators (tools/make_document_vectors.py, make_document_vectors_2_0.py,
make_findings_vectors.py) each compute a map of file -> exact content; this module writes
it, or with ``--check`` reports every committed file that differs. Like the generators it
imports nothing from sroi_core.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def rendered(vector: dict[str, Any]) -> str:
    """A vector as committed: two-space indented JSON, UTF-8 kept, one final newline."""
    return json.dumps(vector, indent=2, ensure_ascii=False) + "\n"


def write_or_check(files: dict[Path, str], *, check: bool) -> int:
    """Write ``files``; with ``check``, write nothing and return 1 if any differs."""
    if check:
        stale = [
            p for p, c in files.items() if not p.exists() or p.read_text(encoding="utf-8") != c
        ]
        for path in stale:
            print(f"differs: {path.relative_to(ROOT)}", file=sys.stderr)
        print(f"{len(files) - len(stale)} up to date, {len(stale)} differ")
        return 1 if stale else 0
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    print(f"wrote {len(files)} vectors")
    return 0


def main(files: Any, doc: str | None, argv: list[str] | None = None) -> int:
    """The command line of a vector tool: ``--check`` compares, otherwise writes.

    ``files`` is a callable returning the map of path -> content (computed only after the
    arguments parse, so ``--help`` is instant).
    """
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    return write_or_check(files(), check=args.check)
