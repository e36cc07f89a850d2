"""Where the published files are: the conformance suite and the frozen schemas.

A wheel carries them inside the package (``sroi_core/_published/``, copied there at build
time); a source checkout has them at the repository root. Code asks this module and never
builds a repository path itself, so ``pip install sroi-core`` alone can run the suite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sroi_core.errors import SroiError

PACKAGED = Path(__file__).resolve().parent / "_published"
"""The published files inside an installed wheel."""

REPOSITORY = Path(__file__).resolve().parent.parent
"""The repository root of a source checkout (an editable install)."""


def conformance_dir() -> Path:
    """The conformance suite: the packaged copy first, else the repository's."""
    for candidate in (PACKAGED / "conformance", REPOSITORY / "tests" / "conformance"):
        if (candidate / "README.md").is_file():
            return candidate
    raise SroiError(
        "no conformance suite is installed with this package; give its folder: "
        "sroi conformance run DIR"
    )


def schema_dir(version: str) -> Path | None:
    """The folder of the published schemas of ``version``, if this installation has it."""
    for candidate in (PACKAGED / "schemas" / version, REPOSITORY / "schemas" / version):
        if candidate.is_dir():
            return candidate
    return None


def published_schemas(version: str) -> dict[str, dict[str, Any]]:
    """The published schema files of ``version`` by name (``common``, ``bid``, ...)."""
    folder = schema_dir(version)
    if folder is None:
        raise SroiError(f"the schemas of standard version {version} are not installed")
    return {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.schema.json"))
    }
