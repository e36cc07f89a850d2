"""Migrating documents to a newer version of the standard (``sroi migrate``).

A migration is data in, data out: the JSON object of a document of one version becomes the
JSON object of the same document in the next version, with a log of every choice made on
the author's behalf. It never invents a promise: where the new version needs data the old
document lacks, a step writes the most conservative value the standard allows and logs it
as ``needs-input``, so the author confirms or corrects it before the document is used.

Steps live in one module per concern (``sroi_core.migrate.envelope`` and the modules
listed in :data:`STEP_MODULES`); each exposes ``steps: dict[str, Step]``, keyed by the
document type it applies to (``"*"`` for every type), run in the listed order.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sroi_core._version import STANDARD_VERSION, SUPPORTED_STANDARD_VERSIONS
from sroi_core.errors import InputError

Json = dict[str, Any]


class NoteKind(StrEnum):
    """What a migration note asks of the author."""

    CHANGED = "changed"
    """A value was moved or renamed; nothing to do."""
    ASSUMED = "assumed"
    """A conservative default was written; check it."""
    NEEDS_INPUT = "needs-input"
    """The new version needs data the old document lacks; the author must supply it."""
    DROPPED = "dropped"
    """A field the new version does not have was removed (its value is in the note)."""


@dataclass(frozen=True)
class MigrationNote:
    """One thing the migration did on the author's behalf, at a JSON pointer."""

    kind: NoteKind
    pointer: str
    message: str
    message_nl: str

    def as_dict(self) -> dict[str, str]:
        """The note as JSON (the ``notes`` of ``sroi migrate --format json``)."""
        return {
            "kind": self.kind.value,
            "pointer": self.pointer,
            "message": self.message,
            "messageNl": self.message_nl,
        }


@dataclass
class MigrationLog:
    """Notes collected while the steps run."""

    notes: list[MigrationNote] = field(default_factory=list)

    def note(self, kind: NoteKind, pointer: str, message: str, message_nl: str) -> None:
        """Record one note."""
        self.notes.append(MigrationNote(kind, pointer, message, message_nl))


Step = Callable[[Json, MigrationLog], None]
"""A step changes the document's JSON object in place and logs what it did."""


@dataclass(frozen=True)
class Migration:
    """The migrated document's JSON object and the notes of what was done."""

    data: Json
    source_version: str
    target_version: str
    notes: tuple[MigrationNote, ...]

    @property
    def needs_input(self) -> bool:
        """Whether the author must supply data before the document is used."""
        return any(note.kind is NoteKind.NEEDS_INPUT for note in self.notes)


STEP_MODULES: tuple[str, ...] = (
    "sroi_core.migrate.envelope",
    "sroi_core.migrate.award",
    "sroi_core.migrate.method",
)
"""Modules whose ``steps`` run, in this order, to migrate 1.0 documents to 2.0."""


def migrate_document(data: Json, to: str = STANDARD_VERSION, source: str = "<memory>") -> Migration:
    """Migrate the JSON object of a document to standard version ``to``.

    Raises InputError for a document that is not an object with a supported
    ``standardVersion`` and ``documentType``, or a version this package cannot migrate to.
    The input is not changed.
    """
    if not isinstance(data, dict):
        raise InputError("the document is not a JSON object", source=source)
    version = data.get("standardVersion")
    if version not in SUPPORTED_STANDARD_VERSIONS:
        raise InputError(
            f"standard version {version} cannot be migrated",
            source=source,
            pointer="/standardVersion",
            expected="one of " + ", ".join(SUPPORTED_STANDARD_VERSIONS),
        )
    if to != STANDARD_VERSION:
        raise InputError(
            f"this package migrates to {STANDARD_VERSION} only, not to {to}", source=source
        )
    doc_type = str(data.get("documentType", ""))
    result = copy.deepcopy(data)
    log = MigrationLog()
    if version != to:
        for module_name in STEP_MODULES:
            steps: dict[str, Step] = importlib.import_module(module_name).steps
            for key in ("*", doc_type):
                step = steps.get(key)
                if step is not None:
                    step(result, log)
    return Migration(result, str(version), to, tuple(log.notes))
