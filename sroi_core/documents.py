"""Reading, validating and writing exchange documents: the public document API.

Validation runs in two layers — the JSON Schema first, then the standard's semantic
rules — and collects every finding instead of stopping at the first.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.errors import (
    DocumentInvalidError,
    DocumentTypeError,
    FileReadError,
    InputError,
    JSONSyntaxError,
    UnsupportedVersionError,
)
from sroi_core.io import (
    RULE_DOC_TYPE,
    RULE_FILE,
    RULE_JSON,
    RULE_VERSION,
    RawDocument,
    identify,
    parse_json,
    read_text,
)
from sroi_core.model import DOCUMENT_MODELS
from sroi_core.model._base import null_free_validator
from sroi_core.model.codes import DocumentType
from sroi_core.model.document import Document
from sroi_core.model.types import error_location
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding
from sroi_core.validation.report import FileReport, ValidationReport
from sroi_core.validation.semantic import semantic_findings

DOCUMENT_CONTEXT = {"document": True}
"""Validation context for data read from an exchange file (refuses ``null``)."""

MODEL_DISAGREES = define_rule(
    "model.invalid",
    Severity.ERROR,
    "Model refused a schema-valid document",
    "{message}",
    "The document passed the JSON Schema but the model refused it. The schema and the "
    "model are meant to agree; please report this with the file.",
    category="schema",
)


def _model_findings(error: PydanticValidationError, source: str) -> list[Finding]:
    findings = []
    for item in error.errors():
        loc = error_location(item["loc"])
        if loc is None:
            continue
        findings.append(
            make_finding(
                MODEL_DISAGREES,
                json_pointer(*(str(part) for part in loc)),
                source=source,
                message=item["msg"],
            )
        )
    return findings


def build_model(raw: RawDocument, *, null_free: bool = False) -> Document:
    """The model of an identified document; raises DocumentInvalidError with findings.

    ``null_free`` says the data holds no ``null`` (its text has no ``null`` token): the
    model is then built without the per-object null check, several times faster.
    """
    model = DOCUMENT_MODELS[raw.document_type]
    try:
        if null_free:
            document: Document = null_free_validator(model).validate_python(
                raw.data, context=DOCUMENT_CONTEXT
            )
            return document
        return model.model_validate(raw.data, context=DOCUMENT_CONTEXT)
    except PydanticValidationError as error:
        raise _refused(error, raw) from None


def _refused(error: PydanticValidationError, raw: RawDocument) -> DocumentInvalidError:
    findings = _model_findings(error, raw.source)
    return DocumentInvalidError(
        f"the {raw.document_type.value} document is invalid: {findings[0].message}",
        source=raw.source,
        findings=list(findings),
    )


def _model_of_checked_text(text: str, raw: RawDocument) -> Document:
    """The model of a schema-valid text holding no ``null``, built by pydantic from the text.

    The caller drops the parsed data first, so the data and the model of a large file never
    fill memory together; pydantic's JSON mode builds the same objects (a test compares
    them on every example).
    """
    model = DOCUMENT_MODELS[raw.document_type]
    try:
        document: Document = null_free_validator(model).validate_json(
            text, context=DOCUMENT_CONTEXT
        )
    except PydanticValidationError as error:
        raise _refused(error, raw) from None
    return document


def _without_data(raw: RawDocument) -> RawDocument:
    """The envelope of ``raw`` without its parsed data (read again if it is needed)."""
    return dataclasses.replace(raw, data={})


def schema_findings(
    data: Any, doc_type: DocumentType, source: str, version: str | None = None
) -> list[Finding]:
    """The schema layer's findings (the fast validator decides), imported on first use.

    The schema layer is needed only when a document is validated in full or the model
    refused it.
    """
    from sroi_core.validation import schema_layer  # noqa: PLC0415 - deferred heavy import

    return schema_layer.schema_findings(data, doc_type, source, version=version)


def _explain(raw: RawDocument) -> list[Finding]:
    """Why the model refused ``raw``, in the explaining schema validator's findings.

    Run on refused documents only, so it is always the reference validator that words them.
    """
    from sroi_core.validation import schema_layer  # noqa: PLC0415 - deferred heavy import

    return schema_layer.explain(
        raw.data, raw.document_type, raw.source, version=raw.standard_version
    )


def _schema_error(raw: RawDocument, findings: list[Finding]) -> DocumentInvalidError:
    first = findings[0]
    return DocumentInvalidError(
        f"{len(findings)} schema error(s); first at {first.pointer or '/'}: {first.message}",
        source=raw.source,
        findings=list(findings),
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document's objects are built.

    Reading a large file creates millions of acyclic objects; each allocation burst would
    otherwise trigger collections that walk all of them again (a third of the time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _null_free(text: str) -> bool:
    """Whether JSON text certainly holds no ``null`` value (one scan of the text in C)."""
    return "null" not in text


def parse_document(text: str, source: str = "<memory>") -> Document:
    """Parse JSON text into its document model; raise DocumentInvalidError with findings.

    The schema of the document's own version decides first (compiled, a fraction of the
    time the model takes), so a file is refused with the schema's findings and JSON
    pointers; the model is built after it. Should the model refuse what the schema passed,
    the explaining validator words the findings.
    """
    with _gc_paused():
        raw = identify(parse_json(text, source), source)
        findings = schema_findings(raw.data, raw.document_type, source, raw.standard_version)
        if findings:
            raise _schema_error(raw, findings)
        try:
            if _null_free(text):
                raw = _without_data(raw)
                return _model_of_checked_text(text, raw)
            return build_model(raw)
        except DocumentInvalidError as error:
            failure = error
    if not raw.data:
        raw = identify(parse_json(text, source), source)
    findings = _explain(raw)
    if findings:
        raise _schema_error(raw, findings) from None
    raise failure from None


def load_document(path: Path) -> Document:
    """Read and parse one exchange file (schema-checked, semantic rules not applied)."""
    return parse_document(read_text(path), str(path))


def document_dict(document: Document) -> dict[str, Any]:
    """The JSON object of a document: the fields that were set, absent values left out."""
    data: dict[str, Any] = document.model_dump(
        mode="json", by_alias=True, exclude_unset=True, exclude_none=True
    )
    return data


def dump_document(document: Document) -> str:
    """Canonical text of a document: two-space indent, UTF-8, newline at the end.

    Written by pydantic's serialiser, the same text ``json.dumps(document_dict(d),
    indent=2, ensure_ascii=False)`` gives, many times faster on large documents.
    """
    text = document.model_dump_json(indent=2, by_alias=True, exclude_unset=True, exclude_none=True)
    return text + "\n"


def _error_finding(error: InputError) -> Finding:
    rule = RULE_JSON
    if isinstance(error, DocumentTypeError):
        rule = RULE_DOC_TYPE
    elif isinstance(error, UnsupportedVersionError):
        rule = RULE_VERSION
    problem = error.message + (f" (expected {error.expected})" if error.expected else "")
    return make_finding(rule, error.pointer, source=error.source, problem=problem)


def validate_text(
    text: str,
    source: str = "<memory>",
    store: CatalogueStore | None = None,
    *,
    full_schema: bool = True,
) -> FileReport:
    """Validate JSON text in both layers and report every finding.

    With ``full_schema`` (the default, and what ``sroi validate`` does) the JSON Schema
    layer always runs. Commands that only need a valid document (``sroi value``,
    ``sroi check``) pass ``full_schema=False``: the model, which agrees with the schema,
    decides, and the schema layer runs only to explain a refusal.
    """
    report = FileReport(file=source)
    try:
        with _gc_paused():
            raw = identify(parse_json(text, source), source)
    except (JSONSyntaxError, DocumentTypeError, UnsupportedVersionError) as error:
        report.findings.append(_error_finding(error))
        return report
    report.document_type = raw.document_type.value
    report.standard_version = raw.standard_version
    if full_schema:
        report.findings.extend(
            schema_findings(raw.data, raw.document_type, source, raw.standard_version)
        )
        if report.findings:
            return report
    try:
        with _gc_paused():
            if full_schema and _null_free(text):  # the schema has accepted it
                raw = _without_data(raw)
                document = _model_of_checked_text(text, raw)
            else:
                document = build_model(raw, null_free=_null_free(text))
    except DocumentInvalidError as error:
        if not raw.data:
            raw = identify(parse_json(text, source), source)
        schema = _explain(raw)
        report.findings.extend(schema or [f for f in error.findings if isinstance(f, Finding)])
        return report
    report.document = document
    catalogues = store if store is not None else CatalogueStore()
    report.findings.extend(semantic_findings(document, source, catalogues.find))
    return report


def validate_file(
    path: Path, store: CatalogueStore | None = None, *, full_schema: bool = True
) -> FileReport:
    """Validate one file; an unreadable file gives a report with ``read_error`` set."""
    try:
        text = read_text(path)
    except FileReadError as error:
        report = FileReport(file=str(path), read_error=True)
        report.findings.append(make_finding(RULE_FILE, "", source=str(path), problem=error.message))
        return report
    return validate_text(text, str(path), store, full_schema=full_schema)


def validate_files(paths: list[Path], store: CatalogueStore | None = None) -> ValidationReport:
    """Validate several files with one catalogue store (catalogue files first)."""
    return ValidationReport([validate_file(path, store) for path in paths])
