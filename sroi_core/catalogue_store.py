"""Finding catalogues by id and version: built-in ones and files the user names.

A bid names its catalogue (``{"id": "nl", "version": "2026.1"}``); the store answers with
that exact catalogue or says it has none — it never substitutes another version. A reference
without a version means the newest edition made for the referring document's own major
standard version (:func:`newest_edition`; docs/versioning.md, "Which edition a reference
means"), so a 1.0 document never silently moves to a 2.0 catalogue.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sroi_core.errors import CatalogueError, FileReadError, InputError, expect_type
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.types import DocumentRef

if TYPE_CHECKING:
    from sroi_core.model.bid import Bid
    from sroi_core.model.evidence_report import EvidenceReport
    from sroi_core.model.tender import Tender

BUILTIN_PACKAGE = "sroi_core.catalogues"


@cache
def builtin_names() -> tuple[str, ...]:
    """File names of the catalogues shipped in the package, each ``ID-VERSION.json``.

    The name says which catalogue a file holds (a test checks every one), so a store
    reads only the shipped catalogues a run asks for.
    """
    try:
        folder = resources.files(BUILTIN_PACKAGE)
    except ModuleNotFoundError:
        return ()
    return tuple(sorted(e.name for e in folder.iterdir() if e.name.endswith(".json")))


def builtin_id(name: str) -> str:
    """The catalogue id a shipped file's name gives (``nl`` of ``nl-2026.1.json``)."""
    return name.removesuffix(".json").rsplit("-", 1)[0]


@cache
def builtin_catalogue(name: str) -> Catalogue | None:
    """A shipped catalogue, read and checked in full once per process.

    Shipped files never change while the process runs and a catalogue is a frozen model,
    so every store shares one copy instead of reading the files again.
    """
    from sroi_core.documents import parse_document  # noqa: PLC0415 - avoids an import cycle

    text = resources.files(BUILTIN_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    document = parse_document(text, f"{BUILTIN_PACKAGE}/{name}")
    return document if isinstance(document, Catalogue) else None


class CatalogueStore:
    """Catalogues available to a validation or a valuation run."""

    def __init__(self, catalogues: Iterable[Catalogue] = (), *, builtin: bool = True) -> None:
        self._catalogues: list[Catalogue] = list(catalogues)
        self._builtin = builtin
        self._files: dict[str, Catalogue] = {}

    def _builtins(self, catalogue_id: str | None = None) -> list[Catalogue]:
        """The shipped catalogues (only those with ``catalogue_id`` when it is given)."""
        if not self._builtin:
            return []
        found = (
            builtin_catalogue(name)
            for name in builtin_names()
            if catalogue_id is None or builtin_id(name) == catalogue_id
        )
        return [c for c in found if c is not None and catalogue_id in (None, c.id)]

    def _with_id(self, catalogue_id: str) -> list[Catalogue]:
        """Every catalogue available with ``catalogue_id``, user-supplied first."""
        return [c for c in self._catalogues if c.id == catalogue_id] + self._builtins(catalogue_id)

    def add(self, catalogue: Catalogue) -> None:
        """Make ``catalogue`` available (it takes precedence over a built-in one)."""
        self._catalogues.insert(0, catalogue)

    def add_file(self, path: str | os.PathLike[str]) -> Catalogue:
        """Load a catalogue file, check it in both layers and make it available.

        Raises FileReadError when the file cannot be read, and CatalogueError (naming the
        first of its findings) when the catalogue breaks a rule of the standard: a
        valuation must never run on an invalid catalogue. Both are usage errors of the
        command that was given the file (exit 2).
        """
        from sroi_core.documents import validate_file  # noqa: PLC0415 - avoids an import cycle

        report = validate_file(path, self, full_schema=False)
        if report.document_type not in (None, "catalogue"):
            raise InputError(
                f"is a {report.document_type} document", source=str(path), expected="a catalogue"
            )
        errors = [f for f in report.findings if f.severity.value == "error"]
        if report.read_error:
            raise FileReadError(errors[0].message if errors else "cannot be read", source=str(path))
        if errors:
            first = errors[0]
            raise CatalogueError(
                f"{path}: not a valid catalogue: {len(errors)} error(s), the first at "
                f"{first.pointer or '/'} [{first.rule_id}] {first.message} "
                f"(run 'sroi validate {path}' for all of them)"
            )
        document = report.document
        if not isinstance(document, Catalogue):
            raise InputError(
                f"is a {document.document_type} document", source=str(path), expected="a catalogue"
            )
        self.add(document)
        return document

    def all(self) -> list[Catalogue]:
        """Every catalogue available, user-supplied first."""
        return [*self._catalogues, *self._builtins()]

    def find(self, ref: DocumentRef, standard_version: str | None = None) -> Catalogue | None:
        """The catalogue ``ref`` names, read by a document of ``standard_version``.

        An explicit version always wins: exactly that edition or none. Without a version,
        the newest edition whose standard major version is the document's (see
        :func:`newest_edition`); ``standard_version`` None means the newest of any.
        """
        same_id = self._with_id(ref.id)
        if ref.version is not None:
            return next((c for c in same_id if c.version == ref.version), None)
        return newest_edition(same_id, standard_version)

    def get(self, ref: DocumentRef, standard_version: str | None = None) -> Catalogue:
        """Like :meth:`find` but raises CatalogueError listing what is available."""
        found = self.find(ref, standard_version)
        if found is None:
            have = ", ".join(f"{c.id} {c.version}" for c in self.all()) or "none"
            wanted = f"{ref.id} {ref.version or '(any version)'}"
            raise CatalogueError(f"catalogue {wanted} is not available; available: {have}")
        return found

    def find_for(self, document: Bid | Tender | EvidenceReport) -> Catalogue | None:
        """The catalogue ``document`` names, under the rule for its own standard version."""
        return self.find(document.catalogue, document.standard_version)

    def for_document(
        self, document: Bid | Tender | EvidenceReport, name: str | None = None
    ) -> Catalogue:
        """The catalogue to use for ``document``; raises CatalogueError naming what exists.

        ``name`` is what the user gave instead (``--catalogue``: a path, ``ID@VERSION`` or
        ``ID``), resolved by :meth:`resolve` under the same rule: a bare id means the newest
        edition for the document's own standard version. Without it, the document's own
        reference.
        """
        if name is not None:
            return self.resolve(name, standard_version=document.standard_version)
        return self.get(document.catalogue, document.standard_version)

    def resolve(
        self, name: str, version: str | None = None, *, standard_version: str | None = None
    ) -> Catalogue:
        """The catalogue ``name`` stands for: a file path, ``ID@VERSION`` or ``ID`` (newest).

        The rule, the one place it is decided: ``name`` is a **path** when it contains a
        path separator (``/`` or a backslash) or ends in ``.json``; otherwise it is always a
        catalogue **id** — a file in the working folder that happens to be called ``nl``
        is never read in place of the built-in ``nl`` (write ``./nl`` to mean the file).
        A path is loaded (and checked) with :meth:`add_file`, once per store. A bare ``ID``
        means the newest edition, for a document of ``standard_version`` the newest made for
        its major version (:func:`newest_edition`). Raises CatalogueError naming what is
        available, or an InputError for a bad file.
        """
        expect_type(name, str, "the catalogue id or path")
        if names_a_path(name):
            if version is not None:
                raise CatalogueError("a version applies to a catalogue id, not to a file path")
            loaded = self._files.get(name)
            if loaded is None:
                loaded = self._files[name] = self.add_file(Path(name))
            return loaded
        wanted_id, _, inline_version = name.partition("@")
        if inline_version and version is not None and inline_version != version:
            raise CatalogueError(
                f"{name!r} names version {inline_version} but --version says {version}"
            )
        wanted_version = inline_version or version
        same_id = self._with_id(wanted_id)
        if not same_id:
            have = ", ".join(sorted({f"{c.id}@{c.version}" for c in self.all()})) or "none"
            hint = f" (to read the file {name}, write ./{name})" if Path(name).exists() else ""
            raise CatalogueError(f"no catalogue with id {wanted_id!r}; available: {have}{hint}")
        if wanted_version:
            for catalogue in same_id:
                if catalogue.version == wanted_version:
                    return catalogue
            versions = ", ".join(sorted({c.version for c in same_id}, key=version_key))
            raise CatalogueError(
                f"catalogue {wanted_id!r} has no version {wanted_version!r}; versions: {versions}"
            )
        newest = newest_edition(same_id, standard_version)
        assert newest is not None  # same_id is not empty
        return newest


def standard_major(version: str) -> str:
    """The major part of a standard version ("2" of "2.0"): what decides which method applies."""
    return version.split(".", 1)[0]


def edition_standing(document_standard: str, catalogue: Catalogue) -> int:
    """-1, 0 or 1: ``catalogue`` was made for an earlier, the same or a later major version.

    A later one is refused for the document (its method cannot read that data), an earlier
    one works with a warning (``sroi_core.validation.catalogue_edition``).
    """
    own, edition = int(standard_major(document_standard)), int(
        standard_major(catalogue.standard_version)
    )
    return (edition > own) - (edition < own)


def newest_edition(
    editions: Iterable[Catalogue], standard_version: str | None = None
) -> Catalogue | None:
    """The edition a reference without a version means, for a document of ``standard_version``.

    The rule: the newest edition (by :func:`version_key`) whose ``standardVersion`` has the
    document's major version, so a 1.0 document gets ``nl 2026.1`` and a 2.0 document
    ``nl 2026.2``. Only when no edition of that major exists, the newest of any; the
    edition-mismatch rules (``ref.catalogue-edition-*``) then say so. Among editions of the
    same version the first wins (a catalogue the user supplied comes before a built-in one).
    """
    candidates = list(editions)
    if standard_version is not None:
        major = standard_major(standard_version)
        matching = [c for c in candidates if standard_major(c.standard_version) == major]
        candidates = matching or candidates
    if not candidates:
        return None
    return max(candidates, key=lambda c: version_key(c.version))


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order catalogue versions numerically part by part (2026.10 after 2026.9)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\-+]", version)
    )


def names_a_path(text: str) -> bool:
    """A path has a separator or a .json suffix; a bare word is an id (see ``resolve``)."""
    return text.endswith(".json") or "/" in text or "\\" in text or os.sep in text
