"""The OpenAPI 3.1 description of the HTTP API, generated from its pydantic models.

The request and response schemas come from :mod:`sroi_core.serve.api_models`; a document
part is a ``$ref`` to the standard's published JSON Schema of every supported version (its
``$id``, also served at ``GET /schemas/{version}/{name}``). The text is committed as
docs/reference/openapi.json (``sroi docs generate docs/reference``; a test fails on drift)
and served at ``GET /openapi.json``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from sroi_core._version import SUPPORTED_STANDARD_VERSIONS, __version__
from sroi_core.errors import SroiError
from sroi_core.results_json import LANGUAGES, json_text
from sroi_core.schema_export import _tidy as tidy_schema  # the document schemas' own tidying
from sroi_core.serve import api_models

OPENAPI_VERSION = "3.1.0"
COMPONENTS = "#/components/schemas/"

_ERRORS = {
    "400": "Not strict JSON, a request that does not match the endpoint, or a part that is "
    "another kind of document (findings say where).",
    "413": "The body is larger than the server's limit (sroi serve --max-body).",
    "422": "A document is invalid or the documents cannot be used together (findings say why).",
    "500": "A bug in sroi_core (a generic message; the server log has the details).",
}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": COMPONENTS + model.__name__}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: _json(_ref(api_models.Error), _ERRORS[code]) for code in codes}


_LANGUAGE_PARAMETERS = [
    {
        "name": "language",
        "in": "query",
        "required": False,
        "description": "Language of messages: nl puts the Dutch text in each finding's "
        "message where the rule has one. Takes precedence over Accept-Language.",
        "schema": {"type": "string", "enum": list(LANGUAGES)},
    },
    {
        "name": "Accept-Language",
        "in": "header",
        "required": False,
        "description": "As the language parameter (nl or en; q-values are honoured).",
        "schema": {"type": "string"},
    },
]


def _post(
    summary: str,
    description: str,
    request: dict[str, Any],
    response: dict[str, Any],
    response_text: str,
    *errors: str,
) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "description": description,
            "operationId": summary.split(maxsplit=1)[0].lower(),
            "parameters": _LANGUAGE_PARAMETERS,
            "requestBody": {"required": True, "content": {"application/json": {"schema": request}}},
            "responses": {"200": _json(response, response_text), **_errors(*errors, "500")},
        }
    }


def _get(
    operation_id: str, summary: str, response: dict[str, Any], *, path_params: tuple[str, ...] = ()
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "operationId": operation_id,
        "responses": {"200": _json(response, summary)},
    }
    if path_params:
        operation["parameters"] = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in path_params
        ]
        operation["responses"]["404"] = _json(_ref(api_models.Error), "No such item.")
    return {"get": operation}


def _definitions(models: Sequence[type[BaseModel]], mode: JsonSchemaMode) -> dict[str, Any]:
    _, top = models_json_schema(
        [(model, mode) for model in models], by_alias=True, ref_template=COMPONENTS + "{model}"
    )
    definitions: dict[str, Any] = top.get("$defs", {})
    return definitions


def _components() -> dict[str, Any]:
    """Schemas of the requests (tidied: no ``null``, as the server refuses it) and responses.

    Responses keep their ``null``s: a report names ``documentType: null`` for a file it
    could not read, an award ``rank: null`` for a bid not ranked.
    """
    requests = tidy_schema(_definitions(api_models.REQUEST_MODELS, "validation"))
    responses = _definitions(api_models.RESPONSE_MODELS, "serialization")
    if set(requests) & set(responses):
        raise SroiError(
            f"request and response models share names: {set(requests) & set(responses)}"
        )
    return dict(sorted({**requests, **responses}.items()))


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 description of ``sroi serve`` (a fresh copy the caller may change)."""
    return copy.deepcopy(_document())


@cache
def _document() -> dict[str, Any]:
    schema_of = api_models.document_json_schema
    versions = ", ".join(SUPPORTED_STANDARD_VERSIONS)
    paths: dict[str, Any] = {
        "/validate": _post(
            "Validate documents",
            "The validation report of one document (the body) or of several "
            "({documents: [...]}), as `sroi validate --format json` gives it. The answer is "
            "200 whether or not the documents are valid: see `valid`.",
            {
                "anyOf": [
                    schema_of("catalogue", "tender", "bid", "evidenceReport", "valuation"),
                    _ref(api_models.ValidateRequest),
                ]
            },
            _ref(api_models.ValidationReport),
            "The validation report (docs/validation-report.md).",
            "400",
            "413",
        ),
        "/value": _post(
            "Value a bid or an evidence report",
            "The valuation document, as `sroi value --format json` gives it. The body is the "
            "bid or evidence report, or {subject, tender?, bid?, catalogue?}.",
            {"anyOf": [schema_of("bid", "evidenceReport"), _ref(api_models.ValueRequest)]},
            schema_of("valuation"),
            "The valuation document.",
            "400",
            "413",
            "422",
        ),
        "/check": _post(
            "Check documents for quality",
            "The quality report (gaming, double counting, weak evidence) of one document "
            "(the body) or of several in context, as `sroi check --format json` gives it; "
            "`valid` means no error-severity finding.",
            {
                "anyOf": [
                    schema_of("catalogue", "tender", "bid", "evidenceReport", "valuation"),
                    _ref(api_models.CheckRequest),
                ]
            },
            _ref(api_models.ValidationReport),
            "The quality report (the structure of the validation report).",
            "400",
            "413",
            "422",
        ),
        "/score": _post(
            "Score and rank bids",
            "The award result, as `sroi score --format json` gives it (docs/scoring.md).",
            _ref(api_models.ScoreRequest),
            _ref(api_models.AwardResult),
            "The award result.",
            "400",
            "413",
            "422",
        ),
        "/catalogues": _get(
            "catalogues",
            "The built-in catalogues (as `sroi catalogue list --format json`).",
            {"type": "array", "items": _ref(api_models.CatalogueSummary)},
        ),
        "/catalogues/{id}/{version}": _get(
            "catalogue",
            "One built-in catalogue document.",
            schema_of("catalogue"),
            path_params=("id", "version"),
        ),
        "/schemas/{version}/{name}": _get(
            "schema",
            f"A JSON Schema of the standard (versions {versions}; name: common, catalogue, "
            "tender, bid, evidenceReport or valuation, with or without .schema.json), as "
            "`sroi schema export` writes it.",
            {"type": "object", "description": "A JSON Schema (draft 2020-12)."},
            path_params=("version", "name"),
        ),
        "/rules": _get(
            "rules",
            "Every rule a finding can name (as `sroi rules --format json`).",
            _ref(api_models.RuleCatalogue),
        ),
        "/health": _get("health", "The service is up.", _ref(api_models.Health)),
        "/openapi.json": _get("openapi", "This description.", {"type": "object"}),
    }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "SROI Outcome Standard HTTP API (sroi serve)",
            "version": __version__,
            "summary": "Validate, value, check and score SROI Outcome Standard documents.",
            "description": "The operations of the sroi command line over HTTP, with the same "
            "JSON answers (docs/http-api.md). Documents of every supported standard version "
            f"({versions}) are accepted. The service listens on 127.0.0.1 by default, has no "
            "authentication and makes no network calls.",
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "servers": [{"url": "http://127.0.0.1:8000", "description": "sroi serve (default)"}],
        "paths": paths,
        "components": {"schemas": _components()},
    }


@cache
def openapi_json() -> str:
    """The OpenAPI description as committed and served (two-space indent, UTF-8)."""
    return json_text(_document())
