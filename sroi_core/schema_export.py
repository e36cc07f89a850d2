"""Generate the standard's JSON Schemas (Draft 2020-12) from the model.

The model is the single source: the committed files under ``schemas/<version>/`` are
this module's output, and a test fails when they drift. Shared definitions live in
``common.schema.json``; document schemas reference it by a relative ``$ref`` that
resolves against their versioned ``$id``, so the set works offline as a bundle.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from sroi_core._version import SCHEMA_BASE_URI, STANDARD_ID, STANDARD_VERSION
from sroi_core.codelists import codelist
from sroi_core.errors import SroiError
from sroi_core.fileio import write_atomic
from sroi_core.model import DOCUMENT_MODELS
from sroi_core.model.codes import DocumentType

DIALECT = "https://json-schema.org/draft/2020-12/schema"
COMMON = "common"


def schema_id(name: str, version: str = STANDARD_VERSION) -> str:
    """The stable ``$id`` of schema ``name`` (a document type or ``common``)."""
    return f"{SCHEMA_BASE_URI}/{version}/{name}.schema.json"


def file_name(name: str) -> str:
    """The file a schema is written to inside its version folder."""
    return f"{name}.schema.json"


def _tidy(node: Any) -> Any:
    """Drop what the model never writes: ``null`` alternatives and ``default: null``.

    The model refuses ``null`` (absent values are left out), so the schema must not
    offer it either; otherwise the two would disagree.
    """
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _tidy(value) for key, value in node.items()}
    if "default" in out and out["default"] is None:
        del out["default"]
    options = out.get("anyOf")
    if isinstance(options, list):
        kept = [option for option in options if option != {"type": "null"}]
        if len(kept) == 1:
            del out["anyOf"]
            out = {**kept[0], **out}
        else:
            out["anyOf"] = kept
    return out


def _relink(node: Any, prefix: str) -> Any:
    """Point ``#/$defs/X`` references at ``prefix#/$defs/X``."""
    if isinstance(node, list):
        return [_relink(item, prefix) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _relink(value, prefix) for key, value in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        out["$ref"] = prefix + ref
    return out


@cache
def _generate(version: str) -> dict[str, dict[str, Any]]:
    if version != STANDARD_VERSION:
        raise SroiError(f"this package generates schemas for {STANDARD_VERSION} only")
    common_defs: dict[str, Any] = {}
    documents: dict[str, dict[str, Any]] = {}
    doc_titles = {code.code: code.title_en for code in codelist("documentType").codes}
    for doc_type, model in DOCUMENT_MODELS.items():
        raw = _tidy(model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}"))
        for name, definition in raw.pop("$defs", {}).items():
            if name in common_defs and common_defs[name] != definition:
                raise SroiError(f"two different definitions are both called {name!r}")
            common_defs[name] = definition
        body = _relink(raw, file_name(COMMON))
        body["properties"]["standardVersion"] = {
            "type": "string",
            "const": version,
            "description": f"Version of the {STANDARD_ID} standard the document follows.",
        }
        body["properties"]["documentType"] = {"const": doc_type.value}
        body["required"] = sorted({*body.get("required", []), "standardVersion", "documentType"})
        documents[doc_type.value] = {
            "$schema": DIALECT,
            "$id": schema_id(doc_type.value, version),
            "title": f"{STANDARD_ID} {version} {doc_titles[doc_type.value]}",
            **{key: value for key, value in body.items() if key != "title"},
        }
    common = {
        "$schema": DIALECT,
        "$id": schema_id(COMMON, version),
        "title": f"{STANDARD_ID} {version} shared definitions",
        "$defs": dict(sorted(common_defs.items())),
    }
    return {COMMON: common, **documents}


def generate_schemas(version: str = STANDARD_VERSION) -> dict[str, dict[str, Any]]:
    """Every schema of ``version`` by name: ``common`` and one per document type."""
    return json.loads(json.dumps(_generate(version)))  # type: ignore[no-any-return]


def document_schema_id(doc_type: DocumentType, version: str = STANDARD_VERSION) -> str:
    """The ``$id`` of one document type's schema."""
    return schema_id(doc_type.value, version)


def schema_text(schema: dict[str, Any]) -> str:
    """The canonical text of a schema file: model order, two-space indent, UTF-8."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def export_schemas(directory: Path, version: str = STANDARD_VERSION) -> list[Path]:
    """Write every schema of ``version`` into ``directory/<version>/`` and list the files."""
    target = directory / version
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in generate_schemas(version).items():
        path = target / file_name(name)
        write_atomic(path, schema_text(schema))
        written.append(path)
    return written
