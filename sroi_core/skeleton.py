"""Minimal documents to start from (``sroi new``): valid against the schema, placeholders marked.

The skeleton is built from the schema of the version asked: every required field gets a
placeholder its schema accepts; text placeholders start with ``TODO`` so an author (and a
search) finds each one. References to a catalogue name the built-in default catalogue.
"""

from __future__ import annotations

import re
from typing import Any

from sroi_core._version import STANDARD_VERSION
from sroi_core.model.catalogue import Catalogue
from sroi_core.spreadsheet.schema_view import SchemaView

NEW_TYPES = {"tender": "tender", "bid": "bid", "evidence-report": "evidenceReport"}
"""Documents ``sroi new`` makes, by command-line name."""

PLACEHOLDER = "TODO"
"""How every text placeholder starts."""

_TEXT_CANDIDATES = ("TODO", "TODO-id", "XX-TODO", "0", "EUR", "1", "GM0000")
"""Placeholders tried in order against a string field's pattern (``GM0000`` is no
municipality: the CBS codes start at GM0001)."""

_FORMATS = {
    "date": "2027-01-01",
    "date-time": "2027-01-01T00:00:00+01:00",
    "uri": "https://example.org/TODO",
    "email": "todo@example.org",
}


def _text(node: dict[str, Any], name: str) -> str:
    if "const" in node:
        return str(node["const"])
    if isinstance(node.get("enum"), list) and node["enum"]:
        return str(node["enum"][0])
    if node.get("format") in _FORMATS:
        return _FORMATS[str(node["format"])]
    pattern = node.get("pattern")
    candidates = (f"TODO: {name}", *_TEXT_CANDIDATES)
    if isinstance(pattern, str):
        for candidate in candidates:
            if re.search(pattern, candidate):
                return candidate
    return candidates[0]


def _fill(view: SchemaView, node: dict[str, Any], name: str, depth: int = 0) -> Any:
    node = view.resolve(node)
    if "default" in node and depth > 0:
        return node["default"]
    kind = SchemaView.kind(node)
    if kind == "object":
        properties = node.get("properties", {})
        required = set(node.get("required", ()))
        wanted = [key for key in properties if key in required]
        wanted += sorted(required - set(wanted))
        if not wanted and node.get("minProperties") and properties:
            wanted = list(properties)[: int(node["minProperties"])]
        return {key: _fill(view, properties.get(key, {}), key, depth + 1) for key in wanted}
    if kind == "array":
        count = int(node.get("minItems", 0))
        return [_fill(view, node.get("items", {}), name, depth + 1) for _ in range(count)]
    if kind == "integer":
        return int(node.get("minimum", 1))
    if kind == "number":
        return node.get("minimum", 0)
    if kind == "boolean":
        return False
    return _text(node, name)


def skeleton(
    kind: str, *, version: str = STANDARD_VERSION, catalogue: Catalogue | None = None
) -> dict[str, Any]:
    """A minimal ``kind`` document (``tender``, ``bid``, ``evidence-report``) to fill in."""
    view = SchemaView(NEW_TYPES[kind], version)
    data: dict[str, Any] = _fill(view, view.root, NEW_TYPES[kind])
    data["standardVersion"] = version
    data["documentType"] = NEW_TYPES[kind]
    if catalogue is not None and "catalogue" in data:
        data["catalogue"] = {"id": catalogue.id, "version": catalogue.version}
    scoring = data.get("scoring")
    if isinstance(scoring, dict) and {"socialValueWeight", "priceWeight"} <= scoring.keys():
        scoring.update(socialValueWeight="0.3", priceWeight="0.7")  # weights must add up to 1
    if catalogue is not None and kind == "tender":
        first = next(i for i in catalogue.indicators if not i.deprecated)
        for item in data.get("indicators", []):
            item["indicator"] = first.id
    return data
