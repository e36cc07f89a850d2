"""Which standard version a field belongs to, marked on the field itself.

One set of model classes reads every supported version. A field added in a later version
is optional in Python and carries ``since("2.0")`` (``required=True`` when that version's
documents must give it); a field a later version dropped carries ``until("1.0")``. The
schema export applies the marks per version, so each version's JSON Schema says exactly
what a file of that version may and must contain; the marks never reach an exported schema.
"""

from __future__ import annotations

from typing import Any

from sroi_core._version import SUPPORTED_STANDARD_VERSIONS

MARK = "x-sroi-version"
"""Private key in a field's JSON Schema that carries its version mark (removed on export)."""


def version_key(version: str) -> tuple[int, int]:
    """``"2.0"`` as ``(2, 0)``, so versions compare as numbers."""
    major, minor = version.split(".")
    return int(major), int(minor)


def _check(version: str) -> str:
    if version not in SUPPORTED_STANDARD_VERSIONS:
        raise ValueError(f"standard version {version!r} is not one this package defines")
    return version


def since(version: str, *, required: bool = False) -> dict[str, Any]:
    """Mark a field as present from ``version`` on (and required there if ``required``)."""
    return {MARK: {"since": _check(version), "required": required}}


def until(version: str) -> dict[str, Any]:
    """Mark a field as present up to and including ``version`` only."""
    return {MARK: {"until": _check(version)}}


def present_in(mark: dict[str, Any], version: str) -> bool:
    """Whether a field with ``mark`` exists in documents of ``version``."""
    wanted = version_key(version)
    if "since" in mark and wanted < version_key(mark["since"]):
        return False
    return not ("until" in mark and wanted > version_key(mark["until"]))


def required_in(mark: dict[str, Any], version: str) -> bool:
    """Whether a field with ``mark`` must be given in documents of ``version``."""
    return bool(mark.get("required")) and present_in(mark, version)


def apply_marks(node: Any, version: str) -> Any:
    """A generated schema with every version mark resolved for ``version``.

    Properties absent in ``version`` are removed (with their ``required`` entries);
    properties required from their version on are added to ``required``.
    """
    if isinstance(node, list):
        return [apply_marks(item, version) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: apply_marks(value, version) for key, value in node.items() if key != MARK}
    properties = node.get("properties")
    if isinstance(properties, dict):
        kept: dict[str, Any] = {}
        required = list(out.get("required", []))
        for name, schema in properties.items():
            mark = schema.get(MARK) if isinstance(schema, dict) else None
            if mark is None:
                kept[name] = out["properties"][name]
                continue
            if not present_in(mark, version):
                required = [r for r in required if r != name]
                continue
            kept[name] = out["properties"][name]
            if required_in(mark, version) and name not in required:
                required.append(name)
        out["properties"] = kept
        if required:
            out["required"] = required
        else:
            out.pop("required", None)
    return out
