"""Reading, validating and writing exchange documents: the public document API.

Validation runs in two layers — the JSON Schema first, then the standard's semantic
rules — and collects every finding instead of stopping at the first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError as PydanticValidationError

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.errors import (
    DocumentInvalidError,
    DocumentTypeError,
    FileReadError,
    InputError,
    JSONSyntaxError,
    UnsupportedVersionError,
    expect_type,
)
from sroi_core.input_problems import problem_of
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
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import DocumentType
from sroi_core.model.document import Document
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding
from sroi_core.validation.report import FileReport, ValidationReport
from sroi_core.validation.semantic import PERIOD_ORDER, semantic_findings

DOCUMENT_CONTEXT = {"document": True}
"""Validation context for data read from an exchange file (refuses ``null``)."""

_Item = TypeVar("_Item")

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
        pointer = json_pointer(*(str(part) for part in item["loc"]))
        context = item.get("ctx") or {}
        if item["type"] == "period_order":  # the model's own check of a semantic rule
            findings.append(
                make_finding(
                    PERIOD_ORDER, pointer, source=source, start=context["start"], end=context["end"]
                )
            )
        else:
            findings.append(
                make_finding(MODEL_DISAGREES, pointer, source=source, message=item["msg"])
            )
    return findings


def build_model(raw: RawDocument) -> Document:
    """The model of an identified document; raises DocumentInvalidError with findings."""
    model = DOCUMENT_MODELS[raw.document_type]
    try:
        return model.model_validate(raw.data, context=DOCUMENT_CONTEXT)
    except PydanticValidationError as error:
        findings = _model_findings(error, raw.source)
        raise DocumentInvalidError(
            f"the {raw.document_type.value} document is invalid: {findings[0].message}",
            source=raw.source,
            findings=list(findings),
        ) from None


def schema_findings(
    data: Any, doc_type: DocumentType, source: str, version: str | None = None
) -> list[Finding]:
    """The findings of the schema layer of ``version``, imported on first use."""
    from sroi_core.validation import schema_layer  # noqa: PLC0415 - deferred heavy import

    return schema_layer.schema_findings(data, doc_type, source, version=version)


def _extension_findings(data: Any, source: str) -> list[Finding]:
    """Findings about the document's extensions (a 2.0 mechanism; none in 1.0 files)."""
    if not isinstance(data, dict) or not ("extensions" in data or "extensionData" in data):
        return []
    from sroi_core.extensions import extension_findings  # noqa: PLC0415 - only when used

    return extension_findings(data, source)


def _schema_error(raw: RawDocument, findings: list[Finding]) -> DocumentInvalidError:
    first = findings[0]
    return DocumentInvalidError(
        f"{len(findings)} schema error(s); first at {first.pointer or '/'}: {first.message}",
        source=raw.source,
        findings=list(findings),
    )


def parse_document(text: str, source: str = "<memory>") -> Document:
    """Parse JSON text into its document model; raise DocumentInvalidError with findings.

    The schema of the document's own ``standardVersion`` decides validity: one set of
    model classes reads every supported version, so only the version's schema knows that
    a 1.0 file must not carry a 2.0 field, or that a 2.0 file must give one. The model is
    built after it.
    """
    expect_type(text, str, "the document text")
    return document_from_data(parse_json(text, source), source)


def document_from_data(data: Any, source: str = "<memory>") -> Document:
    """The document model of already parsed JSON (as :func:`parse_document`, after parsing).

    For callers that hold the JSON value rather than its text (the HTTP service reads one
    request body holding several documents). Parse with :func:`sroi_core.io.parse_json`
    so decimals stay exact.
    """
    raw = identify(data, source)
    findings = schema_findings(raw.data, raw.document_type, source, raw.standard_version)
    if not findings:
        findings = [
            f for f in _extension_findings(raw.data, source) if f.severity is Severity.ERROR
        ]
    if findings:
        raise _schema_error(raw, findings)
    return build_model(raw)


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and parse one exchange file (schema-checked, semantic rules not applied).

    ``path`` is a ``str`` or a ``Path``; anything else raises ArgumentTypeError.
    """
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
    return make_finding(rule, error.pointer, source=error.source, problem=problem_of(error))


def validate_text(
    text: str,
    source: str = "<memory>",
    store: CatalogueStore | None = None,
    *,
    full_schema: bool = True,
) -> FileReport:
    """Validate JSON text in both layers and report every finding.

    The JSON Schema of the document's version runs first, then the model and the semantic
    rules. ``full_schema`` is kept for callers of earlier releases and has no effect: the
    schema always decides (see :func:`parse_document`).
    """
    try:
        data = parse_json(text, source)
    except JSONSyntaxError as error:
        report = FileReport(file=source)
        report.findings.append(_error_finding(error))
        return report
    return validate_data(data, source, store, full_schema=full_schema)


def validate_data(
    data: Any,
    source: str = "<memory>",
    store: CatalogueStore | None = None,
    *,
    full_schema: bool = True,  # noqa: ARG001 - kept for compatibility
) -> FileReport:
    """Validate an already parsed JSON value in both layers (see :func:`validate_text`)."""
    report = FileReport(file=source)
    try:
        raw = identify(data, source)
    except (DocumentTypeError, UnsupportedVersionError) as error:
        report.findings.append(_error_finding(error))
        return report
    report.document_type = raw.document_type.value
    report.standard_version = raw.standard_version
    report.findings.extend(
        schema_findings(raw.data, raw.document_type, source, raw.standard_version)
    )
    if report.findings:
        return report
    report.findings.extend(_extension_findings(raw.data, source))
    if any(f.severity is Severity.ERROR for f in report.findings):
        return report
    try:
        document = build_model(raw)
    except DocumentInvalidError as error:
        report.findings.extend(f for f in error.findings if isinstance(f, Finding))
        return report
    report.document = document
    catalogues = store if store is not None else CatalogueStore()
    version = document.standard_version  # a reference without a version: newest of this major
    report.findings.extend(
        semantic_findings(document, source, partial(catalogues.find, standard_version=version))
    )
    return report


def validate_file(
    path: str | os.PathLike[str], store: CatalogueStore | None = None, *, full_schema: bool = True
) -> FileReport:
    """Validate one file; an unreadable file gives a report with ``read_error`` set."""
    try:
        text = read_text(path)
    except FileReadError as error:
        report = FileReport(file=str(path), read_error=True)
        report.findings.append(make_finding(
            RULE_FILE, "", source=str(path), problem=problem_of(error, with_expected=False)
        ))
        return report
    return validate_text(text, str(path), store, full_schema=full_schema)


def validate_files(paths: list[Path], store: CatalogueStore | None = None) -> ValidationReport:
    """Validate several files with one catalogue store (catalogue files first)."""
    return validate_many(
        paths,
        store if store is not None else CatalogueStore(),
        validate=validate_file,
        is_catalogue=_file_is_catalogue,
    )


def _file_is_catalogue(path: Path) -> bool:
    """Whether a file says it is a catalogue near its start (without parsing it).

    Only a regular file is opened: a pipe or a device would block or never end (the read
    itself refuses them later with a clear message).
    """
    try:
        if not path.is_file():
            return False
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return re.search(r'"documentType"\s*:\s*"catalogue"', head) is not None


def validate_many(
    items: Sequence[_Item],
    store: CatalogueStore,
    *,
    validate: Callable[[_Item, CatalogueStore], FileReport],
    is_catalogue: Callable[[_Item], bool],
) -> ValidationReport:
    """Validate several documents with one store, catalogues first; report in given order.

    A valid catalogue among them is added to ``store``, so the other documents may refer
    to it. ``sroi validate`` passes files, the HTTP service parts of a request body.
    """
    order = sorted(range(len(items)), key=lambda index: 0 if is_catalogue(items[index]) else 1)
    reports: dict[int, FileReport] = {}
    for index in order:
        report = validate(items[index], store)
        if report.valid and isinstance(report.document, Catalogue):
            store.add(report.document)
        reports[index] = report
    return ValidationReport([reports[index] for index in range(len(items))])
