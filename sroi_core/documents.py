"""Reading, validating and writing exchange documents: the public document API.

Validation runs in two layers — the JSON Schema first, then the standard's semantic
rules — and collects every finding instead of stopping at the first.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError as PydanticValidationError

from sroi_core._gc import gc_paused
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
from sroi_core.model._base import null_free_validator
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import DocumentType
from sroi_core.model.document import Document
from sroi_core.model.types import error_location
from sroi_core.model_problems import model_problem
from sroi_core.read_form import keep_read_form, read_form
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
    template_nl="{message}",
)


def _model_findings(error: PydanticValidationError, source: str) -> list[Finding]:
    findings = []
    for item in error.errors():
        loc = error_location(item["loc"])
        if loc is None:  # an error of a compiled fast branch: the checked branch words it
            continue
        pointer = json_pointer(*(str(part) for part in loc))
        context = item.get("ctx") or {}
        if item["type"] == "period_order":  # the model's own check of a semantic rule
            findings.append(
                make_finding(
                    PERIOD_ORDER, pointer, source=source, start=context["start"], end=context["end"]
                )
            )
        else:
            findings.append(
                make_finding(
                    MODEL_DISAGREES,
                    pointer,
                    source=source,
                    message=model_problem(item),
                    errorType=item["type"],
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


def _model_of_checked_text(text: str, raw: RawDocument) -> Document | None:
    """The model of a schema-valid text holding no ``null``, built by pydantic from the text.

    The caller drops the parsed data first, so the data and the model of a large file never
    fill memory together; pydantic's JSON mode builds the same objects (a test compares
    them on every example). None when JSON mode refuses the text: the caller then builds the
    model from the parsed data, the reference path (which, for instance, reads a 2.0
    integer written ``2.0`` as the integer it is).
    """
    model = DOCUMENT_MODELS[raw.document_type]
    try:
        document: Document = null_free_validator(model).validate_json(
            text, context=DOCUMENT_CONTEXT
        )
    except PydanticValidationError:
        return None
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


def _extension_findings(data: Any, source: str) -> list[Finding]:
    """Findings about the document's extensions (a 2.0 mechanism; none in 1.0 files)."""
    if not isinstance(data, dict) or not ("extensions" in data or "extensionData" in data):
        return []
    from sroi_core.extensions import extension_findings  # noqa: PLC0415 - only when used

    return extension_findings(data, source)


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


def _null_free(text: str) -> bool:
    """Whether JSON text certainly holds no ``null`` value (one scan of the text in C)."""
    return "null" not in text


def parse_document(
    text: str, source: str = "<memory>", *, for_valuation: bool = False
) -> Document:
    """Parse JSON text into its document model; raise DocumentInvalidError with findings.

    The schema of the document's own ``standardVersion`` decides validity: one set of
    model classes reads every supported version, so only the version's schema knows that
    a 1.0 file must not carry a 2.0 field, or that a 2.0 file must give one. The model is
    built after it; from the text itself when it holds no ``null`` (the parsed data is
    dropped first, so data and model never fill memory together). Should the model refuse
    what the schema passed, the explaining validator words the findings.

    ``for_valuation`` says the document is read to be valued: its digest form is then
    made from the parsed JSON while it is at hand and kept with the document
    (:mod:`sroi_core.read_form`), which costs a third of making it from the model later.
    """
    expect_type(text, str, "the document text")
    with gc_paused():
        raw = identify(parse_json(text, source), source)
        _refuse_schema_invalid(raw)
        form = _read_form(raw) if for_valuation else None
        try:
            if _null_free(text):
                raw = _without_data(raw)
                document = _model_of_checked_text(text, raw)
                if document is not None:
                    keep_read_form(document, form)
                    return document
                raw = identify(parse_json(text, source), source)
            document = build_model(raw)
            keep_read_form(document, form)
            return document
        except DocumentInvalidError as error:
            failure = error
    if not raw.data:
        raw = identify(parse_json(text, source), source)
    findings = _explain(raw)
    if findings:
        raise _schema_error(raw, findings) from None
    raise failure from None


def _refuse_schema_invalid(raw: RawDocument) -> None:
    """Raise DocumentInvalidError when the version's schema (or an extension) refuses it."""
    findings = schema_findings(raw.data, raw.document_type, raw.source, raw.standard_version)
    if not findings:
        findings = [
            f for f in _extension_findings(raw.data, raw.source) if f.severity is Severity.ERROR
        ]
    if findings:
        raise _schema_error(raw, findings)


def document_from_data(data: Any, source: str = "<memory>") -> Document:
    """The document model of already parsed JSON (as :func:`parse_document`, after parsing).

    For callers that hold the JSON value rather than its text (the HTTP service reads one
    request body holding several documents). Parse with :func:`sroi_core.io.parse_json`
    so decimals stay exact.
    """
    raw = identify(data, source)
    _refuse_schema_invalid(raw)
    return build_model(raw)


def load_document(path: str | os.PathLike[str], *, for_valuation: bool = False) -> Document:
    """Read and parse one exchange file (schema-checked, semantic rules not applied).

    ``path`` is a ``str`` or a ``Path``; anything else raises ArgumentTypeError.
    ``for_valuation``: see :func:`parse_document`.
    """
    return parse_document(read_text(path), str(path), for_valuation=for_valuation)


def _read_form(raw: RawDocument) -> bytes | None:
    """The digest form of a schema-valid document, made from its parsed JSON (or None).

    Only for data this module parsed from text (``parse_json``: a number with a fraction
    is a ``Decimal``, never a float, which ``read_form`` relies on).
    """
    return read_form(DOCUMENT_MODELS[raw.document_type], raw.standard_version, raw.data)


def document_dict(document: Document) -> dict[str, Any]:
    """The JSON object of a document: the fields that were set, absent values left out."""
    data: dict[str, Any] = document.model_dump(
        mode="json", by_alias=True, exclude_unset=True, exclude_none=True
    )
    return data


def dump_document(document: Document) -> str:
    """Canonical text of a document: two-space indent, UTF-8, newline at the end.

    Written by pydantic's serialiser, the same text ``json.dumps(document_dict(d),
    indent=2, ensure_ascii=False)`` gives, many times faster on large documents. A
    valuation fresh from the engine has its lines' JSON written from its columns
    (:func:`sroi_core.valuation.columns.dump_valuation`), the same bytes.
    """
    if getattr(document, "document_type", None) == "valuation":
        from sroi_core.valuation.columns import dump_valuation  # noqa: PLC0415 - numpy

        written = dump_valuation(document)  # type: ignore[arg-type]
        if written is not None:
            return written
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
    full_schema: bool = True,  # noqa: ARG001 - kept for compatibility
    for_valuation: bool = False,
) -> FileReport:
    """Validate JSON text in both layers and report every finding.

    The JSON Schema of the document's version runs first, then the model and the semantic
    rules. ``full_schema`` is kept for callers of earlier releases and has no effect: the
    schema always decides (see :func:`parse_document`). ``for_valuation``: the report's
    document keeps its digest form, as :func:`parse_document` says.
    """
    report = FileReport(file=source)
    try:
        with gc_paused():
            raw = identify(parse_json(text, source), source)
    except (JSONSyntaxError, DocumentTypeError, UnsupportedVersionError) as error:
        report.findings.append(_error_finding(error))
        return report
    return _validate_identified(raw, report, store, text, for_valuation=for_valuation)


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
    return _validate_identified(raw, report, store, None)


def _validate_identified(
    raw: RawDocument,
    report: FileReport,
    store: CatalogueStore | None,
    text: str | None,
    *,
    for_valuation: bool = False,
) -> FileReport:
    """Schema, extensions, model and semantic rules of an identified document.

    With its ``text`` at hand and no ``null`` in it, the model is built from the text once
    the schema has accepted it, and the parsed data is let go first.
    """
    source = raw.source
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
    form = _read_form(raw) if for_valuation and text is not None else None
    try:
        with gc_paused():
            checked = None
            if text is not None and _null_free(text):  # the schema has accepted it
                raw = _without_data(raw)
                checked = _model_of_checked_text(text, raw)
                if checked is None:
                    raw = identify(parse_json(text, source), source)
            document = checked if checked is not None else build_model(raw)
    except DocumentInvalidError as error:
        if not raw.data and text is not None:
            raw = identify(parse_json(text, source), source)
        schema = _explain(raw)
        report.findings.extend(schema or [f for f in error.findings if isinstance(f, Finding)])
        return report
    keep_read_form(document, form)
    report.document = document
    catalogues = store if store is not None else CatalogueStore()
    version = document.standard_version  # a reference without a version: newest of this major
    lookup = partial(catalogues.find, standard_version=version)
    with gc_paused():  # a walk over the whole model that makes no reference cycles
        report.findings.extend(semantic_findings(document, source, lookup))
    return report


def validate_file(
    path: str | os.PathLike[str],
    store: CatalogueStore | None = None,
    *,
    full_schema: bool = True,
    for_valuation: bool = False,
) -> FileReport:
    """Validate one file; an unreadable file gives a report with ``read_error`` set.

    A bid, evidence report or valuation larger than ``streaming.STREAM_ABOVE_BYTES`` is
    validated in streaming, in bounded memory, with the same findings (see
    :mod:`sroi_core.validation.streaming`); its ``report.document`` is then read again on
    first use. ``full_schema=False`` says the caller loads the document it validates: the
    file is validated whole and its model kept; with ``for_valuation`` it also keeps its
    digest form (see :func:`parse_document`).
    """
    if full_schema and isinstance(path, str | os.PathLike):
        from sroi_core.validation import streaming  # noqa: PLC0415 - large files only

        streamed = streaming.validate_streaming(path, store) if streaming.streams(path) else None
        if streamed is not None:
            return streamed
    try:
        text = read_text(path)
    except FileReadError as error:
        report = FileReport(file=str(path), read_error=True)
        report.findings.append(make_finding(
            RULE_FILE, "", source=str(path), problem=problem_of(error, with_expected=False)
        ))
        return report
    return validate_text(
        text, str(path), store, full_schema=full_schema, for_valuation=for_valuation
    )


def validate_files(
    paths: list[Path],
    store: CatalogueStore | None = None,
    *,
    on_file: Callable[[Path], None] | None = None,
) -> ValidationReport:
    """Validate several files with one catalogue store (catalogue files first).

    ``on_file`` is called with each path before it is read (the CLI's progress bar).
    """

    def validate(path: Path, catalogues: CatalogueStore) -> FileReport:
        if on_file is not None:
            on_file(path)
        return validate_file(path, catalogues)

    return validate_many(
        paths,
        store if store is not None else CatalogueStore(),
        validate=validate,
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
        if (
            report.valid
            and report.document_type == DocumentType.CATALOGUE
            and isinstance(report.document, Catalogue)
        ):
            store.add(report.document)
        reports[index] = report
    return ValidationReport([reports[index] for index in range(len(items))])
