"""Layer one: the JSON Schema, checked with python-jsonschema, fully offline.

The schemas are generated from the model in memory (identical to the committed files,
which a test guarantees) and registered with ``referencing``. Any ``$ref`` outside that
registry — a remote URL above all — is refused, so validation never touches the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from sroi_core._version import STANDARD_VERSION
from sroi_core.model.codes import DocumentType
from sroi_core.rules import Finding, Rule, Severity, define_rule, json_pointer, make_finding
from sroi_core.schema_export import document_schema_id, generate_schemas

_KEYWORD_RULES: dict[str, Rule] = {}


def _schema_rule(keyword: str, rule_id: str, title: str, description: str) -> None:
    _KEYWORD_RULES[keyword] = define_rule(
        rule_id,
        Severity.ERROR,
        title,
        "{message}",
        description,
        category="schema",
    )


_schema_rule("type", "schema.type", "Wrong type", "A value has the wrong JSON type.")
_schema_rule("required", "schema.required", "Missing field", "A required field is absent.")
_schema_rule(
    "additionalProperties",
    "schema.unknown-field",
    "Unknown field",
    "A field the standard does not define (often a misspelling). Unknown fields are refused "
    "rather than dropped so no data is silently lost.",
)
_schema_rule("pattern", "schema.format", "Malformed value", "A string is not in the required form.")
_schema_rule("enum", "schema.code", "Code not in closed codelist", "A code is not in its closed codelist.")
_schema_rule("const", "schema.const", "Wrong fixed value", "A field has a value other than the one required.")
_schema_rule("format", "schema.date", "Malformed date", "A date or timestamp is not in ISO 8601 form.")
_schema_rule(
    "range",
    "schema.range",
    "Out of range",
    "A number, string length, or list size is outside the allowed range.",
)
_schema_rule(
    "oneOf", "schema.choice", "Ambiguous or missing choice", "Exactly one of the alternatives must be given."
)
_schema_rule("other", "schema.invalid", "Schema violation", "Any other violation of the schema.")

_RANGE_KEYWORDS = {
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
}


def _refuse(uri: str) -> Resource[Any]:
    """Retrieval hook: a ``$ref`` outside the standard's own schemas is never fetched."""
    raise NoSuchResource(ref=uri)


@cache
def schema_registry(version: str = STANDARD_VERSION) -> Registry[Any]:
    """A registry holding every schema of ``version`` that refuses to retrieve anything else."""
    resources = [
        (schema["$id"], Resource.from_contents(schema))
        for schema in generate_schemas(version).values()
    ]
    registry: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]
    return registry.with_resources(resources)


@cache
def validator_for(doc_type: DocumentType, version: str = STANDARD_VERSION) -> Draft202012Validator:
    """A Draft 2020-12 validator (with date formats checked) for one document type."""
    schemas = generate_schemas(version)
    return Draft202012Validator(
        schemas[doc_type.value],
        registry=schema_registry(version),
        format_checker=FormatChecker(formats=("date", "date-time")),
    )


def _message(error: ValidationError) -> str:
    keyword = str(error.validator)
    field = "/".join(str(p) for p in error.absolute_path) or "the document"
    if keyword == "additionalProperties":
        return f"{error.message} at {field}"
    if keyword in ("pattern", "type", "enum", "const") and isinstance(error.schema, dict):
        described = error.schema.get("description")
        shown = repr(error.instance)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        if keyword == "enum":
            return f"{shown} is not one of {error.validator_value}"
        if described and keyword in ("pattern", "type"):
            return f"{shown} is not valid here: expected {described[0].lower()}{described[1:].rstrip('.')}"
    return error.message


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The most specific errors: inside anyOf/oneOf, the deepest alternatives' errors."""
    if error.context and str(error.validator) in ("anyOf",):
        deepest = max(len(e.absolute_path) for e in error.context)
        for sub in error.context:
            if len(sub.absolute_path) == deepest:
                yield from _leaves(sub)
        return
    yield error


def schema_findings(
    data: Any, doc_type: DocumentType, source: str = "<memory>", *, limit: int = 1000
) -> list[Finding]:
    """Every schema violation of ``data`` as findings, at most ``limit`` of them."""
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for error in validator_for(doc_type).iter_errors(data):
        for leaf in _leaves(error):
            keyword = str(leaf.validator)
            if keyword in _RANGE_KEYWORDS:
                keyword = "range"
            rule = _KEYWORD_RULES.get(keyword, _KEYWORD_RULES["other"])
            pointer = json_pointer(*leaf.absolute_path)
            message = _message(leaf)
            if (pointer, message) in seen:
                continue
            seen.add((pointer, message))
            findings.append(make_finding(rule, pointer, source=source, message=message))
            if len(findings) >= limit:
                return findings
    return findings
