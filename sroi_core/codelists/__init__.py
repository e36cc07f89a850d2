"""The standard's codelists, read from the CSV files beside this module.

CSV is the convention of procurement data standards (OCDS does the same), so publishers
can read and propose codes without Python. Each codelist is marked *closed* (the schema
enumerates its codes and refuses others) or *open* (the schema takes any code; an unknown
code draws a warning finding). The files are the single source of truth: the schemas and
the docs are generated from them, and the enums in :mod:`sroi_core.model.codes` are tested
to match them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from sroi_core.errors import SroiError


@dataclass(frozen=True)
class Code:
    """One row of a codelist: its code, bilingual titles and every other column."""

    code: str
    title_en: str
    title_nl: str
    description: str
    extra: tuple[tuple[str, str], ...]

    def get(self, column: str) -> str:
        """The value of an extra column (e.g. ``family`` or ``redistributable``)."""
        for name, value in self.extra:
            if name == column:
                return value
        raise KeyError(column)


@dataclass(frozen=True)
class Codelist:
    """A named list of codes, open or closed."""

    name: str
    closed: bool
    title: str
    description: str
    codes: tuple[Code, ...]

    @property
    def values(self) -> tuple[str, ...]:
        """The codes in file order."""
        return tuple(code.code for code in self.codes)

    @cached_property
    def _code_set(self) -> frozenset[str]:
        return frozenset(row.code for row in self.codes)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._code_set

    def get(self, code: str) -> Code:
        """The row of ``code``; raises KeyError when the code is not in the list."""
        for row in self.codes:
            if row.code == code:
                return row
        raise KeyError(code)


_BASE_COLUMNS = {"code", "title_en", "title_nl", "description"}


def codelist_csv_text(name: str) -> str:
    """The CSV file of codelist ``name`` as shipped (``_index`` for the list of lists)."""
    return resources.files(__package__).joinpath(f"{name}.csv").read_text(encoding="utf-8")


def _read_csv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(codelist_csv_text(name).splitlines()))


@cache
def codelist(name: str) -> Codelist:
    """The codelist called ``name`` (e.g. ``"unit"``), loaded once."""
    meta = {row["codelist"]: row for row in _read_csv("_index")}
    if name not in meta:
        raise SroiError(f"unknown codelist {name!r}; known: {', '.join(sorted(meta))}")
    rows = _read_csv(name)
    codes = tuple(
        Code(
            code=row["code"],
            title_en=row.get("title_en", ""),
            title_nl=row.get("title_nl", ""),
            description=row.get("description", ""),
            extra=tuple((k, v) for k, v in row.items() if k not in _BASE_COLUMNS),
        )
        for row in rows
    )
    info = meta[name]
    return Codelist(
        name=name,
        closed=info["openness"] == "closed",
        title=info["title"],
        description=info["description"],
        codes=codes,
    )


def codelist_names() -> tuple[str, ...]:
    """Every codelist the standard defines, in index order."""
    return tuple(row["codelist"] for row in _read_csv("_index"))
