"""The standard's JSON Schemas (Draft 2020-12): generated from the model, or as published.

For the version this package writes, the model is the single source: the committed files
under ``schemas/<version>/`` are this module's output, and a test fails when they drift.
Field-level version marks (:mod:`sroi_core.model.versions`) decide which properties a
version has and requires. An older version's schemas are **frozen**: the published files
are read as they are, so a 1.0 document is judged by exactly the 1.0 schema it was
written against. Shared definitions live in
``common.schema.json``; document schemas reference it by a relative ``$ref`` that
resolves against their versioned ``$id``, so the set works offline as a bundle.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from sroi_core._version import (
    FROZEN_STANDARD_VERSIONS,
    SCHEMA_BASE_URI,
    STANDARD_ID,
    STANDARD_VERSION,
    SUPPORTED_STANDARD_VERSIONS,
)
from sroi_core.codelists import codelist, codelist_csv_text, codelist_names
from sroi_core.errors import SroiError
from sroi_core.fileio import write_atomic
from sroi_core.model import DOCUMENT_MODELS
from sroi_core.model.codes import DocumentType
from sroi_core.model.versions import apply_marks
from sroi_core.published import published_schemas
from sroi_core.schema_portable import codelist_url, make_portable

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


def _frozen(version: str) -> dict[str, dict[str, Any]]:
    """The published schemas of a frozen version, read from their files, common first."""
    files = published_schemas(version)
    names = [COMMON, *(doc_type.value for doc_type in DOCUMENT_MODELS)]
    return {name: files[name] for name in names if name in files}


@cache
def _generate(version: str) -> dict[str, dict[str, Any]]:
    if version not in SUPPORTED_STANDARD_VERSIONS:
        raise SroiError(f"standard version {version} is not one this package reads")
    if version in FROZEN_STANDARD_VERSIONS:
        return _frozen(version)
    if version != STANDARD_VERSION:
        raise SroiError(f"this package generates schemas for {STANDARD_VERSION} only")
    common_defs: dict[str, Any] = {}
    bodies: dict[str, tuple[str, dict[str, Any]]] = {}
    for doc_type, model in DOCUMENT_MODELS.items():
        generated = model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        raw = _tidy(apply_marks(generated, version))
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
        body["properties"]["documentType"] = {"type": "string", "const": doc_type.value}
        body["required"] = sorted({*body.get("required", []), "standardVersion", "documentType"})
        bodies[doc_type.value] = (model.__name__, body)
    portable_defs, portable_bodies = make_portable(common_defs, bodies, version)
    doc_titles = {code.code: code.title_en for code in codelist("documentType").codes}
    documents = {
        name: {
            "$schema": DIALECT,
            "$id": schema_id(name, version),
            "title": f"{STANDARD_ID} {version} {doc_titles[name]}",
            **{key: value for key, value in body.items() if key != "title"},
        }
        for name, body in portable_bodies.items()
    }
    common = {
        "$schema": DIALECT,
        "$id": schema_id(COMMON, version),
        "title": f"{STANDARD_ID} {version} shared definitions",
        "$defs": portable_defs,
    }
    return {COMMON: common, **documents}


def generate_schemas(version: str = STANDARD_VERSION) -> dict[str, dict[str, Any]]:
    """Every schema of ``version`` by name: ``common`` and one per document type.

    A frozen version's schemas are its published files; a document type that version did
    not have is absent.
    """
    return json.loads(json.dumps(_generate(version)))  # type: ignore[no-any-return]


def document_schema_id(doc_type: DocumentType, version: str = STANDARD_VERSION) -> str:
    """The ``$id`` of one document type's schema."""
    return schema_id(doc_type.value, version)


def schema_text(schema: dict[str, Any]) -> str:
    """The canonical text of a schema file: model order, two-space indent, UTF-8."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def codelist_files(version: str = STANDARD_VERSION) -> dict[str, str]:
    """The published codelist files of ``version`` by path inside its folder.

    Each codelist is published twice beside the schemas: the CSV exactly as the package
    reads it, and a JSON form (at the URL the schemas name in ``$comment``). A frozen
    version publishes none (its schemas predate them).
    """
    if version in FROZEN_STANDARD_VERSIONS:
        return {}
    files: dict[str, str] = {}
    for name in codelist_names():
        listing = codelist(name)
        files[f"codelists/{name}.csv"] = codelist_csv_text(name)
        document = {
            "name": name,
            "url": codelist_url(name, version),
            "openness": "closed" if listing.closed else "open",
            "title": listing.title,
            "description": listing.description,
            "codes": [
                {
                    "code": code.code,
                    "title_en": code.title_en,
                    "title_nl": code.title_nl,
                    "description": code.description,
                    **dict(code.extra),
                }
                for code in listing.codes
            ],
        }
        files[f"codelists/{name}.json"] = schema_text(document)
    return files


def export_schemas(directory: Path, version: str = STANDARD_VERSION) -> list[Path]:
    """Write every schema and codelist of ``version`` into ``directory/<version>/``."""
    target = directory / version
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in generate_schemas(version).items():
        path = target / file_name(name)
        write_atomic(path, schema_text(schema))
        written.append(path)
    for relative, text in codelist_files(version).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
        written.append(path)
    return written
