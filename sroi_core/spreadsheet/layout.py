"""A JSON object as rows of dotted paths and values, and back, without losing anything.

``flatten`` turns nested objects and lists into ``(path, scalar)`` pairs (list items get
their index as a path part, empty containers the markers ``[]`` and ``{}``); ``unflatten``
builds the object again and says which JSON pointer each input path ended up at (list
items are renumbered when a spreadsheet row or slot was left empty).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sroi_core.rules import json_pointer

Path = tuple[str, ...]
Scalar = str | int | float | bool

EMPTY_LIST = "[]"
EMPTY_OBJECT = "{}"


def path_text(path: Sequence[str]) -> str:
    """The header text of a path: ``quantity.value``, ``areas.0.code``."""
    return ".".join(path)


def parse_path(text: str) -> Path:
    """The path of a header text (dots separate the parts)."""
    return tuple(text.strip().split("."))


def flatten(value: Any, prefix: Path = ()) -> list[tuple[Path, Scalar]]:
    """Every scalar under ``value`` with its path; empty lists and objects as markers."""
    if isinstance(value, dict):
        if not value:
            return [(prefix, EMPTY_OBJECT)]
        out: list[tuple[Path, Scalar]] = []
        for key, item in value.items():
            out += flatten(item, (*prefix, str(key)))
        return out
    if isinstance(value, list):
        if not value:
            return [(prefix, EMPTY_LIST)]
        out = []
        for index, item in enumerate(value):
            out += flatten(item, (*prefix, str(index)))
        return out
    return [(prefix, value)]


def merge_columns(base: Iterable[Path], extra: Iterable[Path]) -> list[Path]:
    """``base`` then each new path of ``extra``, placed after its closest relative."""
    columns = list(dict.fromkeys(base))
    known = set(columns)
    for path in extra:
        if path in known:
            continue
        best, at = 0, len(columns)
        for index, column in enumerate(columns):
            shared = _shared(column, path)
            if shared and shared >= best:
                best, at = shared, index + 1
        columns.insert(at, path)
        known.add(path)
    return columns


def _shared(a: Path, b: Path) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


@dataclass
class _Node:
    """An object or list under construction (a list keeps its items by index)."""

    is_list: bool
    items: dict[str, Any] = field(default_factory=dict)


def unflatten(pairs: Iterable[tuple[Path, Any]]) -> tuple[dict[str, Any], dict[Path, str]]:
    """The object the pairs describe, and the JSON pointer each input path maps to.

    A path part made of digits is a list index; lists keep their items in index order,
    renumbered from 0 when an index was skipped. Later pairs for the same path win.
    """
    root = _Node(is_list=False)
    for path, value in pairs:
        node = root
        for depth, part in enumerate(path):
            last = depth == len(path) - 1
            if last:
                node.items[part] = value
                break
            child = node.items.get(part)
            if not isinstance(child, _Node):
                child = _Node(is_list=path[depth + 1].isdigit())
                node.items[part] = child
            node = child
    pointers: dict[Path, str] = {}
    built = _build(root, (), (), pointers)
    assert isinstance(built, dict)
    return built, pointers


def _build(value: Any, original: Path, final: Path, pointers: dict[Path, str]) -> Any:
    if not isinstance(value, _Node):
        pointers[original] = json_pointer(*final)
        return value
    pointers[original] = json_pointer(*final)
    if value.is_list:
        keys = sorted(value.items, key=lambda k: int(k) if k.isdigit() else -1)
        return [
            _build(value.items[key], (*original, key), (*final, str(index)), pointers)
            for index, key in enumerate(keys)
        ]
    return {
        key: _build(item, (*original, key), (*final, key), pointers)
        for key, item in value.items.items()
    }
