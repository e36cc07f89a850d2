"""The envelope: a migrated document names the version it now follows."""

from __future__ import annotations

from sroi_core._version import STANDARD_VERSION
from sroi_core.migrate import Json, MigrationLog, NoteKind, Step


def _version(data: Json, log: MigrationLog) -> None:
    old = data.get("standardVersion")
    # The version comes first in every document: rebuild the object to keep that order.
    rest = {key: value for key, value in data.items() if key != "standardVersion"}
    data.clear()
    data.update({"standardVersion": STANDARD_VERSION, **rest})
    log.note(
        NoteKind.CHANGED,
        "/standardVersion",
        f"standard version {old} -> {STANDARD_VERSION}",
        f"standaardversie {old} -> {STANDARD_VERSION}",
    )


steps: dict[str, Step] = {"*": _version}
