"""Version numbers: of this package, of the standard it implements, and which it reads.

The package version (semantic versioning of the Python API) and the standard version
(``major.minor`` of the exchange format) move independently; see docs/versioning.md.
"""

from __future__ import annotations

__version__ = "0.1.0"
"""Version of the ``sroi_core`` Python package (the reference implementation)."""

STANDARD_ID = "sroi-os"
"""Short identifier of the SROI Outcome Standard."""

STANDARD_VERSION = "2.0"
"""The version of the standard this package writes."""

SUPPORTED_STANDARD_VERSIONS: tuple[str, ...] = ("1.0", "2.0")
"""Standard versions this package reads. A file with any other version is refused.

Each document is validated against the schemas of its own version and valued with the
method of its own version: a 1.0 file keeps its 1.0 figures (docs/versioning.md).
"""

FROZEN_STANDARD_VERSIONS: tuple[str, ...] = ("1.0",)
"""Versions whose schemas are published files, read as they are, never regenerated."""

SCHEMA_BASE_URI = "https://sroi-os.org/schema"
"""Base of every schema ``$id``. An identifier, never fetched: validation is offline."""
