"""A document type's JSON Schema seen as spreadsheet fields: what each dotted path holds.

Templates and the importer both ask this view, so a field added to the model (or a 2.0
field) appears in the template and is read back without a hand-kept list.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sroi_core._version import STANDARD_VERSION
from sroi_core.codelists import codelist
from sroi_core.errors import SroiError

Path = tuple[str, ...]

MAX_DEPTH = 8
"""Deepest nesting a template spells out (guards recursive definitions)."""


@cache
def _schemas(version: str) -> dict[str, dict[str, Any]]:
    """The schemas of ``version``: generated from the model, or the published files."""
    from sroi_core.schema_export import generate_schemas  # noqa: PLC0415 - heavy, on use

    try:
        return generate_schemas(version)
    except SroiError:
        from sroi_core.published import published_schemas  # noqa: PLC0415

        return published_schemas(version)


class SchemaView:
    """The schema of one document type of one standard version, navigable by path."""

    def __init__(self, document_type: str, version: str = STANDARD_VERSION) -> None:
        schemas = _schemas(version)
        if document_type not in schemas or document_type == "common":
            known = ", ".join(sorted(k for k in schemas if k != "common"))
            raise SroiError(
                f"standard {version} has no document type {document_type!r} (known: {known})"
            )
        self.document_type = document_type
        self.version = version
        self.root = schemas[document_type]
        self._common = schemas.get("common", {})

    # ------------------------------------------------------------------ navigation
    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """``node`` with ``$ref`` followed and alternatives (anyOf/oneOf/allOf) merged."""
        seen = 0
        while "$ref" in node and seen < 32:
            seen += 1
            ref = str(node["$ref"])
            _, _, fragment = ref.partition("#")
            target = self._lookup(self.root if not ref.split("#", maxsplit=1)[0] else {}, fragment)
            if target is None:
                target = self._lookup(self._common, fragment) or {}
            rest = {k: v for k, v in node.items() if k != "$ref"}
            node = {**target, **rest}
        for keyword in ("allOf", "anyOf", "oneOf"):
            options = node.get(keyword)
            if isinstance(options, list):
                merged = {k: v for k, v in node.items() if k != keyword}
                for option in options:
                    resolved = self.resolve(option)
                    if resolved.get("type") == "null":
                        continue
                    props = {**resolved.get("properties", {}), **merged.get("properties", {})}
                    merged = {**resolved, **merged}
                    if props:
                        merged["properties"] = props
                node = merged
        return node

    def node_at(self, path: Sequence[str]) -> dict[str, Any] | None:
        """The schema of the value at ``path`` (indices as digit strings), or None."""
        node = self.resolve(self.root)
        for part in path:
            if node.get("type") == "array" or "items" in node:
                if not part.isdigit():
                    return None
                node = self.resolve(node.get("items", {}))
                continue
            properties = node.get("properties", {})
            if part in properties:
                node = self.resolve(properties[part])
                continue
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                node = self.resolve(extra)
                continue
            return None
        return node

    @staticmethod
    def _lookup(document: dict[str, Any], fragment: str) -> dict[str, Any] | None:
        """The node a JSON pointer fragment names in ``document``, or None."""
        node: Any = document
        for part in fragment.strip("/").split("/") if fragment else ():
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node if isinstance(node, dict) and node is not document else None

    @staticmethod
    def kind(node: dict[str, Any]) -> str:
        """The JSON type a cell of ``node`` is read as (``string`` when the schema is silent)."""
        declared = node.get("type")
        if isinstance(declared, str):
            return declared
        if "const" in node:
            return type_name(node["const"])
        if "properties" in node:
            return "object"
        if "items" in node:
            return "array"
        return "string"

    def codes(self, node: dict[str, Any]) -> tuple[str, ...]:
        """The codes a field takes (its enum, or the codelist it names), if any."""
        if isinstance(node.get("enum"), list):
            return tuple(str(v) for v in node["enum"])
        name = node.get("x-codelist")
        if isinstance(name, str):
            try:
                return codelist(name).values
            except SroiError:
                return ()
        return ()

    # ------------------------------------------------------------------- layout
    def tables(self) -> list[str]:
        """Top-level properties that are lists of objects: each gets a sheet."""
        root = self.resolve(self.root)
        return [
            name
            for name, prop in root.get("properties", {}).items()
            if self._is_object_list(self.resolve(prop))
        ]

    def _is_object_list(self, node: dict[str, Any]) -> bool:
        if self.kind(node) != "array":
            return False
        return self.kind(self.resolve(node.get("items", {}))) == "object"

    def leaves(self, node: dict[str, Any], prefix: Path = (), depth: int = 0) -> list[Path]:
        """The paths of every scalar under ``node``, one slot (index 0) per list."""
        if depth > MAX_DEPTH:
            return []
        kind = self.kind(node)
        if kind == "object":
            out: list[Path] = []
            for name, prop in node.get("properties", {}).items():
                out += self.leaves(self.resolve(prop), (*prefix, name), depth + 1)
            return out
        if kind == "array":
            return self.leaves(self.resolve(node.get("items", {})), (*prefix, "0"), depth + 1)
        return [prefix]

    def required(self, path: Sequence[str]) -> bool:
        """Whether every object on the way to ``path`` requires its next key."""
        node = self.resolve(self.root)
        for part in path:
            if self.kind(node) == "array":
                node = self.resolve(node.get("items", {}))
                continue
            if part not in node.get("required", ()):
                return False
            node = self.resolve(node.get("properties", {}).get(part, {}))
        return True


def type_name(value: object) -> str:
    """The JSON type of a Python value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"
