"""What each endpoint of the HTTP API answers, without the web framework.

Every operation takes the parsed request body (or path values) and returns an
:class:`Answer`: a status code and the JSON text. The text comes from the functions the
command line uses (:mod:`sroi_core.results_json`, :func:`sroi_core.documents.dump_document`),
so ``POST /validate`` gives the bytes of ``sroi validate --format json`` for the same
document, with the request part (``body#/bids/0``) where the command line names a file.

Bad input is an :class:`ApiError` (400, 413 or 422) carrying findings of the one rule
catalogue; it is never a traceback.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from sroi_core._version import SUPPORTED_STANDARD_VERSIONS
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import dump_document, validate_data, validate_many
from sroi_core.errors import InputError, JSONSyntaxError, SroiError
from sroi_core.io import RULE_JSON, parse_json
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.document import Document
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender
from sroi_core.quality import Thresholds
from sroi_core.quality.report import quality_report
from sroi_core.results_json import (
    Language,
    award_json,
    catalogue_list_json,
    json_text,
    report_json,
    rules_json,
    tool_dict,
)
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding
from sroi_core.schema_export import generate_schemas, schema_text
from sroi_core.scoring import (
    EVALUATION_COLUMNS,
    EvaluationError,
    ScoringInputError,
    parse_evaluation,
    score_bids,
)
from sroi_core.serve import api_models

REQUEST_INVALID = define_rule(
    "request.invalid",
    Severity.ERROR,
    "Request does not match the endpoint",
    "{problem}",
    "The body of an HTTP API request (sroi serve) is not what the endpoint takes: a part "
    "is missing, unknown (often misspelt) or of the wrong JSON type. The documents inside "
    "are checked by the standard's own rules after this.",
    category="request",
    template_nl="{problem}",
)

BODY = "body"
"""How the request body is named in findings (``body#/bids/0`` for a part of it)."""

_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True)
class Answer:
    """A response: status code and JSON text."""

    status: int
    text: str


@dataclass
class ApiError(Exception):
    """A request that cannot be answered; ``findings`` explain it where they can."""

    status: int
    code: str
    message: str
    message_nl: str
    findings: Sequence[Finding] = field(default_factory=list)

    def answer(self, language: Language) -> Answer:
        """The error as a JSON answer, the message in ``language``."""
        findings = [finding.as_dict() for finding in self.findings]
        if language == "nl":
            findings = [{**f, "message": f.get("messageNl", f["message"])} for f in findings]
        detail = {
            "status": self.status,
            "code": self.code,
            "message": self.message_nl if language == "nl" else self.message,
            "messageNl": self.message_nl,
        }
        return Answer(self.status, json_text({"error": detail, "findings": findings}))


def internal_error() -> ApiError:
    """The answer to a bug: a generic message, the details only in the server's log."""
    return ApiError(
        500,
        "internal-error",
        "internal error: this is a bug in sroi_core, please report it (the server log has "
        "the details)",
        "interne fout: dit is een fout in sroi_core, meld die alstublieft (het serverlog "
        "heeft de details)",
    )


def not_found(what: str, what_nl: str) -> ApiError:
    """A 404 naming what does not exist."""
    return ApiError(404, "not-found", f"{what} does not exist", f"{what_nl} bestaat niet")


# ------------------------------------------------------------------------- reading input


def parse_body(raw: bytes) -> Any:
    """The JSON value of a request body: strict JSON, decimals exact (as files are read)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ApiError(
            400,
            "bad-json",
            f"the body is not UTF-8 text (byte {error.start})",
            f"de body is geen UTF-8-tekst (byte {error.start})",
        ) from None
    try:
        return parse_json(text, BODY)
    except JSONSyntaxError as error:
        finding = make_finding(RULE_JSON, error.pointer, source=BODY, problem=error.message)
        raise ApiError(
            400,
            "bad-json",
            f"the body is not strict JSON: {error.message}",
            f"de body is geen strikte JSON: {error.message}",
            [finding],
        ) from None


def _read_request(model: type[_Model], body: Any) -> _Model:
    """The request model of ``body``; its mismatches as ``request.invalid`` findings."""
    try:
        return model.model_validate(body)
    except PydanticValidationError as error:
        findings = [
            make_finding(
                REQUEST_INVALID,
                json_pointer(*(str(part) for part in item["loc"])),
                source=BODY,
                problem=f"{'/'.join(str(p) for p in item['loc']) or 'the body'}: {item['msg']}",
            )
            for item in error.errors()
        ]
        raise ApiError(
            400,
            "bad-request",
            f"the body does not match {model.__name__}: {findings[0].message}",
            f"de body past niet bij {model.__name__}: {findings[0].message}",
            findings,
        ) from None


def _is_single_document(body: Any, envelope_key: str) -> bool:
    """A body that is one document rather than an envelope of named parts."""
    return not (isinstance(body, dict) and envelope_key in body and "documentType" not in body)


def _part(*path: str | int) -> str:
    return BODY + ("#" + json_pointer(*path) if path else "")


_BUILTIN_LOCK = threading.Lock()


@cache
def _builtin_catalogues() -> tuple[Catalogue, ...]:
    with _BUILTIN_LOCK:  # requests run in threads: parse the built-in files once
        return tuple(CatalogueStore().all())


def _store() -> CatalogueStore:
    """A fresh store with the built-in catalogues (parsed once per process)."""
    return CatalogueStore(_builtin_catalogues(), builtin=False)


def _checked(data: Any, name: str, store: CatalogueStore, *expected: type[Document]) -> Document:
    """A document part validated as ``sroi value`` validates a file (both layers)."""
    report = validate_data(data, name, store, full_schema=False)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    if errors:
        raise ApiError(
            422,
            "document-invalid",
            f"{name} is an invalid document: {errors[0].message}",
            f"{name} is een ongeldig document: {errors[0].message_nl or errors[0].message}",
            report.findings,
        )
    document = report.document
    if not isinstance(document, expected):
        names = " or ".join(kind.__name__.lower() for kind in expected)
        kind = getattr(document, "document_type", "unknown")
        raise ApiError(
            400,
            "wrong-document",
            f"{name} is a {kind} document; expected a {names}",
            f"{name} is een {kind}-document; verwacht: {names}",
        )
    return document


def _unprocessable(error: SroiError) -> ApiError:
    """A well-formed request the standard cannot act on (e.g. an unknown catalogue)."""
    text = error.message if isinstance(error, InputError) else str(error)
    return ApiError(422, "unprocessable", text, text)


# ---------------------------------------------------------------------------- operations


def validate(body: Any, language: Language) -> Answer:
    """POST /validate: the validation report of one document or of several."""
    if _is_single_document(body, "documents"):
        items: list[tuple[str, Any]] = [(BODY, body)]
    else:
        request = _read_request(api_models.ValidateRequest, body)
        items = [(_part("documents", n), doc) for n, doc in enumerate(request.documents)]
    report = validate_many(
        items,
        _store(),
        validate=lambda item, store: validate_data(item[1], item[0], store),
        is_catalogue=lambda item: (
            isinstance(item[1], dict) and item[1].get("documentType") == "catalogue"
        ),
    )
    return Answer(200, report_json(report, language))


def value(body: Any, language: Language) -> Answer:  # noqa: ARG001 - the valuation has both
    """POST /value: the valuation document of a bid or an evidence report."""
    from sroi_core.valuation.document import value_document  # noqa: PLC0415 - heavy

    if _is_single_document(body, "subject"):
        subject_data, subject_name = body, BODY
        tender_data = bid_data = catalogue_given = None
    else:
        request = _read_request(api_models.ValueRequest, body)
        subject_data, subject_name = request.subject, _part("subject")
        tender_data, bid_data, catalogue_given = request.tender, request.bid, request.catalogue
    store = _store()
    try:
        catalogue = _value_catalogue(catalogue_given, store)
        subject = _checked(subject_data, subject_name, store, Bid, EvidenceReport)
        tender = _optional(tender_data, "tender", store, Tender)
        bid = _optional(bid_data, "bid", store, Bid)
        if not isinstance(subject, Bid | EvidenceReport):  # pragma: no cover - checked
            raise ApiError(400, "wrong-document", "not a bid", "geen bod")
        if isinstance(catalogue_given, str):  # an id without a version: the edition rule
            catalogue = store.for_document(subject, catalogue_given)
        elif catalogue is None:
            catalogue = store.for_document(subject)
        valuation = value_document(
            subject,
            catalogue,
            tender=tender if isinstance(tender, Tender) else None,
            bid=bid if isinstance(bid, Bid) else None,
        )
    except ApiError:
        raise
    except SroiError as error:
        raise _unprocessable(error) from None
    return Answer(200, dump_document(valuation))


def _value_catalogue(given: dict[str, Any] | str | None, store: CatalogueStore) -> Catalogue | None:
    """The catalogue a valuation request names: a document (checked), an id, or none."""
    if given is None:
        return None
    if isinstance(given, str):
        if "/" in given or given.endswith(".json"):
            raise ApiError(
                400,
                "bad-request",
                "catalogue names a built-in catalogue (ID or ID@VERSION), never a file; send a "
                "catalogue document instead",
                "catalogue noemt een ingebouwde catalogus (ID of ID@VERSIE), nooit een bestand; "
                "stuur anders het catalogusdocument mee",
            )
        return store.resolve(given)
    catalogue = _checked(given, _part("catalogue"), store, Catalogue)
    if isinstance(catalogue, Catalogue):
        store.add(catalogue)
        return catalogue
    return None  # pragma: no cover - _checked ensures a catalogue


def _optional(
    data: dict[str, Any] | None, name: str, store: CatalogueStore, kind: type[Document]
) -> Document | None:
    return None if data is None else _checked(data, _part(name), store, kind)


def check(body: Any, language: Language) -> Answer:
    """POST /check: the quality report of one document (the body) or of several, in context."""
    from sroi_core.documents import document_from_data  # noqa: PLC0415 - on use

    if isinstance(body, dict) and _is_single_document(body, "documents"):
        body = {"documents": [body]}
        named = [BODY]
    else:
        named = []
    request = _read_request(api_models.CheckRequest, body)
    try:
        thresholds = Thresholds().with_overrides(
            {name: str(number) for name, number in request.thresholds.items()}
        )
    except SroiError as error:
        raise _unprocessable(error) from None

    def load(data: dict[str, Any], name: str, kind: type[Document] = Document) -> Document:
        try:
            document = document_from_data(data, name)
        except InputError as error:
            findings = [f for f in getattr(error, "findings", []) if isinstance(f, Finding)]
            raise ApiError(
                422 if findings else 400,
                "document-invalid",
                f"{name}: {error.message}; POST it to /validate for every finding",
                f"{name}: {error.message}; stuur het naar /validate voor alle bevindingen",
                findings,
            ) from None
        if not isinstance(document, kind):
            raise ApiError(
                400,
                "wrong-document",
                f"{name} is a {getattr(document, 'document_type', '?')} document; expected "
                f"a {kind.__name__.lower()}",
                f"{name} is een {getattr(document, 'document_type', '?')}-document; verwacht: "
                f"{kind.__name__.lower()}",
            )
        return document

    names = named or [_part("documents", n) for n in range(len(request.documents))]
    checked = [(load(doc, name), name) for doc, name in zip(request.documents, names, strict=True)]
    context = [
        (load(doc, _part("catalogues", n), Catalogue), _part("catalogues", n))
        for n, doc in enumerate(request.catalogues)
    ]
    for data, name, kind in ((request.tender, "tender", Tender), (request.bid, "bid", Bid)):
        if data is not None:
            context.append((load(data, _part(name), kind), _part(name)))
    try:
        report = quality_report(checked, context, thresholds=thresholds, store=_store())
    except SroiError as error:
        raise _unprocessable(error) from None
    return Answer(200, report_json(report, language))


def score(body: Any, language: Language) -> Answer:  # noqa: ARG001 - award text is English
    """POST /score: the award result of the bids on the tender's criteria."""
    request = _read_request(api_models.ScoreRequest, body)
    store = _store()
    try:
        given = None
        if request.catalogue is not None:
            given = _checked(request.catalogue, _part("catalogue"), store, Catalogue)
            if isinstance(given, Catalogue):
                store.add(given)
        tender = _checked(request.tender, _part("tender"), store, Tender)
        bids = [_checked(data, _part("bids", n), store, Bid) for n, data in enumerate(request.bids)]
        if not isinstance(tender, Tender):  # pragma: no cover - checked
            raise ApiError(400, "wrong-document", "not a tender", "geen aanbesteding")
        scored = [bid for bid in bids if isinstance(bid, Bid)]
        sources = {tender.id: _part("tender")}
        for n, bid in enumerate(scored):
            sources.setdefault(bid.id, _part("bids", n))
        catalogue = given if isinstance(given, Catalogue) else store.for_document(tender)
        result = score_bids(
            tender,
            scored,
            catalogue,
            _evaluation(request.evaluation),
            minimum_policy=request.minimum_not_met,
            sources=sources,
        )
    except ApiError:
        raise
    except ScoringInputError as error:
        raise ApiError(
            422,
            "cannot-score",
            "the documents cannot be scored together; nothing was scored",
            "de documenten kunnen niet samen worden beoordeeld; er is niets gescoord",
            [f for f in error.findings if isinstance(f, Finding)],
        ) from None
    except EvaluationError as error:
        raise ApiError(
            400,
            "bad-evaluation",
            "the evaluation sheet is wrong; nothing was scored",
            "het beoordelingsblad klopt niet; er is niets gescoord",
            [f for f in error.findings if isinstance(f, Finding)],
        ) from None
    except SroiError as error:
        raise _unprocessable(error) from None
    return Answer(200, award_json(result))


def _evaluation(given: list[api_models.EvaluationRow] | str | None) -> Any:
    """The evaluation sheet of a request: CSV text as is, rows written as that CSV."""
    if given is None:
        return None
    if isinstance(given, str):
        return parse_evaluation(given, _part("evaluation"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVALUATION_COLUMNS)
    for row in given:
        cells = {
            "bid_id": row.bid_id,
            "price": row.price,
            "qualitative_score": row.qualitative_score,
            "other_quality_score": row.other_quality_score,
            "note": row.note,
        }
        writer.writerow(["" if cells.get(c) is None else str(cells[c]) for c in EVALUATION_COLUMNS])
    return parse_evaluation(out.getvalue(), _part("evaluation"))


# ------------------------------------------------------------------------ read-only views


def catalogues() -> Answer:
    """GET /catalogues: the built-in catalogues (``sroi catalogue list --format json``)."""
    return Answer(200, catalogue_list_json([(c, "built-in") for c in _store().all()]))


def catalogue(catalogue_id: str, version: str) -> Answer:
    """GET /catalogues/{id}/{version}: one built-in catalogue document."""
    for candidate in _store().all():
        if candidate.id == catalogue_id and candidate.version == version:
            return Answer(200, dump_document(candidate))
    raise not_found(f"catalogue {catalogue_id} {version}", f"catalogus {catalogue_id} {version}")


def schema(version: str, name: str) -> Answer:
    """GET /schemas/{version}/{name}: a schema of the standard, as ``sroi schema export``."""
    base = name.removesuffix(".json").removesuffix(".schema")
    if version not in SUPPORTED_STANDARD_VERSIONS:
        raise not_found(f"standard version {version!r}", f"standaardversie {version!r}")
    try:
        schemas = generate_schemas(version)
    except SroiError:
        raise not_found(
            f"a schema of standard version {version} in this build",
            f"een schema van standaardversie {version} in deze versie",
        ) from None
    if base not in schemas:
        raise not_found(f"schema {name!r}", f"schema {name!r}")
    return Answer(200, schema_text(schemas[base]))


def rules() -> Answer:
    """GET /rules: the rule catalogue (``sroi rules --format json``)."""
    return Answer(200, rules_json())


def health() -> Answer:
    """GET /health: up, with the versions this service reads."""
    return Answer(
        200,
        json_text(
            {
                "status": "ok",
                "tool": tool_dict(),
                "supportedStandardVersions": list(SUPPORTED_STANDARD_VERSIONS),
            }
        ),
    )


POST_OPERATIONS: dict[str, Callable[[Any, Language], Answer]] = {
    "/validate": validate,
    "/value": value,
    "/check": check,
    "/score": score,
}
"""The POST endpoints by path; each takes the parsed body and the language."""
