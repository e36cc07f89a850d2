"""Layer one: the JSON Schema, checked with python-jsonschema, fully offline.

The schemas are generated from the model in memory (identical to the committed files,
which a test guarantees) and registered with ``referencing``. Any ``$ref`` outside that
registry — a remote URL above all — is refused, so validation never touches the network.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from sroi_core._version import (
    FROZEN_STANDARD_VERSIONS,
    STANDARD_VERSION,
    SUPPORTED_STANDARD_VERSIONS,
)
from sroi_core.io import json_text
from sroi_core.model.codes import DocumentType
from sroi_core.rules import (
    Bilingual,
    Finding,
    Rule,
    Severity,
    define_rule,
    json_pointer,
    make_finding,
)
from sroi_core.schema_export import generate_schemas

_KEYWORD_RULES: dict[str, Rule] = {}


def _schema_rule(keyword: str, rule_id: str, title: str, description: str) -> None:
    _KEYWORD_RULES[keyword] = define_rule(
        rule_id,
        Severity.ERROR,
        title,
        "{message}",
        description,
        category="schema",
        template_nl="{message}",
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
_schema_rule(
    "enum", "schema.code", "Code not in closed codelist", "A code is not in its closed codelist."
)
_schema_rule(
    "const", "schema.const", "Wrong fixed value", "A field has a value other than the one required."
)
_schema_rule(
    "format", "schema.date", "Malformed date", "A date or timestamp is not in ISO 8601 form."
)
_schema_rule(
    "range",
    "schema.range",
    "Out of range",
    "A number, string length, or list size is outside the allowed range.",
)
_schema_rule(
    "oneOf",
    "schema.choice",
    "Ambiguous or missing choice",
    "Exactly one of the alternatives must be given.",
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
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def schema_registry(version: str = STANDARD_VERSION) -> Registry[Any]:
    """A registry holding every schema of ``version`` that refuses to retrieve anything else."""
    resources = [
        (schema["$id"], Resource.from_contents(schema))
        for schema in generate_schemas(version).values()
    ]
    registry: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]
    return registry.with_resources(resources)


_RFC3339_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _is_date_time(instance: object) -> bool:
    """RFC 3339 date-time, checked here: jsonschema's own check needs an optional package."""
    if not isinstance(instance, str):
        return True
    if _RFC3339_DATE_TIME.fullmatch(instance) is None:
        return False
    dt.datetime.fromisoformat(instance.upper().replace("Z", "+00:00"))  # ValueError if impossible
    return True


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=("date",))
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    return checker


def _inline(node: Any, definitions: dict[str, Any], prefix: str) -> Any:
    """Replace every ``$ref`` to a shared definition by the definition itself.

    The standard's schemas are not recursive, so the result is finite. A validator over
    the inlined schema does no reference lookups, which is several times faster on large
    documents; it accepts exactly what the referencing schema accepts (a test compares
    them on every example).
    """
    if isinstance(node, list):
        return [_inline(item, definitions, prefix) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(prefix):
        target = _inline(definitions[ref[len(prefix) :]], definitions, prefix)
        siblings = {k: _inline(v, definitions, prefix) for k, v in node.items() if k != "$ref"}
        return {**target, **siblings} if siblings else target
    return {key: _inline(value, definitions, prefix) for key, value in node.items()}


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    r"""A pattern with ECMA-262 ``$``: end of the string only, never before a final newline.

    Python's ``$`` also matches before a trailing newline, so python-jsonschema would accept
    ``"10.00\\n"`` where a JavaScript or Rust validator (and the model) refuses it.
    """
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _pattern_keyword(
    validator: Any, pattern: str, instance: Any, _schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and _ecma_regex(pattern).search(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern_keyword}
)


def _is_integer(_checker: Any, instance: object) -> bool:
    """Draft 2020-12 ``integer``: any number with a zero fractional part (``2.0`` too).

    JavaScript and Rust validators cannot tell ``2.0`` from ``2``; from 2.0 on, Python
    judges them the same way, as the specification says.
    """
    if isinstance(instance, Decimal):
        return bool(instance.is_finite() and instance == instance.to_integral_value())
    return bool(Draft202012Validator.TYPE_CHECKER.is_type(instance, "integer"))


_PortableValidator = validators.extend(  # type: ignore[no-untyped-call]
    _Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)
"""For versions whose schemas are portable (every generated, unfrozen version)."""


@cache
def validator_for(doc_type: DocumentType, version: str = STANDARD_VERSION) -> Draft202012Validator:
    """A Draft 2020-12 validator (with date formats checked) for one document type."""
    schemas = generate_schemas(version)
    definitions = schemas["common"]["$defs"]
    for prefix in ("common.schema.json#/$defs/", "#/$defs/"):
        definitions = {name: _inline(d, definitions, prefix) for name, d in definitions.items()}
    schema = _inline(schemas[doc_type.value], definitions, "common.schema.json#/$defs/")
    cls = _Validator if version in FROZEN_STANDARD_VERSIONS else _PortableValidator
    validator: Draft202012Validator = cls(
        schema,
        registry=schema_registry(version),
        format_checker=_format_checker(),
    )
    return validator


def _message(error: ValidationError) -> str:
    keyword = str(error.validator)
    field = "/".join(str(p) for p in error.absolute_path) or "the document"
    if keyword == "additionalProperties":
        return f"{error.message} at {field}"
    if keyword in ("pattern", "type", "enum", "const") and isinstance(error.schema, dict):
        described = error.schema.get("description")
        shown = json_text(error.instance)
        if keyword == "enum":
            options = error.validator_value if isinstance(error.validator_value, list) else []
            allowed = ", ".join(json_text(v) for v in options)
            return f"{shown} is not one of {allowed}"
        if described and keyword in ("pattern", "type"):
            expected = described[0].lower() + described[1:].rstrip(".")
            return f"{shown} is not valid here: expected {expected}"
    # jsonschema writes the value as a Python repr (Decimal('1E+400'), None): write JSON.
    return str(error.message).replace(repr(error.instance), json_text(error.instance))


def _message_nl(error: ValidationError, english: str) -> str:
    """The Dutch of the common schema messages; the validator's own words otherwise."""
    keyword = str(error.validator)
    field = "/".join(str(p) for p in error.absolute_path) or "het document"
    instance = error.instance
    shown = str(instance) if isinstance(instance, Decimal) else repr(instance)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    if keyword == "required":
        missing = re.match(r"^'([^']+)' is a required property$", english)
        if missing:
            return f"'{missing.group(1)}' is een verplicht veld"
    if keyword == "additionalProperties":
        unknown = re.findall(r"'([^']+)'", english.split(" at ", maxsplit=1)[0])
        names = ", ".join(f"'{name}'" for name in unknown)
        return f"onbekend veld {names} in {field} (niet toegestaan)"
    if keyword == "enum":
        return f"{shown} is geen van {error.validator_value}"
    if keyword == "const":
        return f"{shown} moet {error.validator_value!r} zijn"
    if keyword == "type":
        return f"{shown} heeft niet het type {error.validator_value}"
    if keyword == "pattern":
        return f"{shown} heeft niet de vereiste vorm ({error.validator_value})"
    if keyword == "format":
        kind = {"date": "datum", "date-time": "tijdstip"}.get(str(error.validator_value))
        return f"{shown} is geen geldige {kind or error.validator_value} (ISO 8601)"
    return english


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
    data: Any,
    doc_type: DocumentType,
    source: str = "<memory>",
    *,
    limit: int = 1000,
    version: str | None = None,
) -> list[Finding]:
    """Every violation of ``data`` against its version's schema, at most ``limit`` of them.

    ``version`` defaults to the document's own ``standardVersion`` when this package reads
    it, else to the version the package writes (whose schema then says what is wrong).
    """
    if version is None:
        claimed = data.get("standardVersion") if isinstance(data, dict) else None
        version = claimed if claimed in SUPPORTED_STANDARD_VERSIONS else STANDARD_VERSION
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for error in validator_for(doc_type, version).iter_errors(data):
        for leaf in _leaves(error):
            keyword = str(leaf.validator)
            if keyword in _RANGE_KEYWORDS:
                keyword = "range"
            if keyword == "pattern" and isinstance(leaf.schema, dict) and "format" in leaf.schema:
                keyword = "format"  # a date's pattern is its calendar: one finding, not two
            rule = _KEYWORD_RULES.get(keyword, _KEYWORD_RULES["other"])
            pointer = json_pointer(*leaf.absolute_path)
            message = _message(leaf)
            key = (pointer, rule.id if keyword == "format" else message)
            if key in seen:
                continue
            seen.add(key)
            bilingual = Bilingual(message, _message_nl(leaf, message))
            findings.append(make_finding(rule, pointer, source=source, message=bilingual))
            if len(findings) >= limit:
                return findings
    return findings
