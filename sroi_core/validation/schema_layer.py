"""Layer one: the JSON Schema, fully offline, decided fast and explained in findings.

Two validators are built from the same schema dict per (version, document type), see
:func:`schema_for`:

* jsonschema-rs (compiled, when installed) *decides* whether a document is valid: on a
  100,000-commitment bid it takes a fraction of a second where python-jsonschema takes ten;
* python-jsonschema *explains* a refusal as findings with JSON pointers, and decides alone
  where jsonschema-rs is not installed.

Both use ECMA-262 pattern semantics (``$`` is the end of the string) and the same date and
date-time checks (this module's functions, handed to jsonschema-rs as custom formats), so
they give the same verdicts; ``tests/test_fast_schema.py`` holds them together on every
example and on edge cases. When the fast validator refuses a document the explaining one
accepts, the explaining one wins: it is the reference.

The schemas are generated from the model in memory (identical to the committed files,
which a test guarantees) and registered with ``referencing``. Any ``$ref`` outside that
registry — a remote URL above all — is refused, so validation never touches the network.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:  # python-jsonschema explains refusals only: imported when one is explained
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError
    from referencing import Registry, Resource

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
    from referencing.exceptions import NoSuchResource  # noqa: PLC0415 - see TYPE_CHECKING

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def schema_registry(version: str = STANDARD_VERSION) -> Registry[Any]:
    """A registry holding every schema of ``version`` that refuses to retrieve anything else."""
    from referencing import Registry, Resource  # noqa: PLC0415 - see TYPE_CHECKING

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


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_date(instance: object) -> bool:
    """RFC 3339 full-date, as python-jsonschema checks it (``YYYY-MM-DD``, a real day)."""
    if not isinstance(instance, str):
        return True
    if _ISO_DATE.fullmatch(instance) is None:
        return False
    dt.date.fromisoformat(instance)  # ValueError if impossible
    return True


def _never_raises(check: Callable[[object], bool]) -> Callable[[object], bool]:
    """A format check that answers False where ``check`` raises (jsonschema-rs wants a bool)."""

    def answer(instance: object) -> bool:
        try:
            return check(instance)
        except ValueError:
            return False

    return answer


def _format_checker() -> FormatChecker:
    from jsonschema import FormatChecker  # noqa: PLC0415 - see TYPE_CHECKING

    checker = FormatChecker(formats=())
    checker.checks("date", raises=ValueError)(_is_date)
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

    ``\\s`` and ``\\S`` take the Unicode White_Space set that the Rust engines of the model
    and of jsonschema-rs use: Python also counts the separators U+001C to U+001F as space.
    """
    ecma = re.sub(r"(?<!\\)\$", r"\\Z", pattern)
    ecma = re.sub(r"(?<!\\)\\S", r"(?:\\S|[\\x1c-\\x1f])", ecma)
    ecma = re.sub(r"(?<!\\)\\s", r"[^\\S\\x1c-\\x1f]", ecma)
    return re.compile(ecma)


def _pattern_keyword(
    validator: Any, pattern: str, instance: Any, _schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and _ecma_regex(pattern).search(instance) is None:
        from jsonschema import ValidationError  # noqa: PLC0415 - see TYPE_CHECKING

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _is_integer(_checker: Any, instance: object) -> bool:
    """Draft 2020-12 ``integer``: any number with a zero fractional part (``2.0`` too).

    JavaScript and Rust validators cannot tell ``2.0`` from ``2``; from 2.0 on, Python
    judges them the same way, as the specification says.
    """
    if isinstance(instance, Decimal):
        return bool(instance.is_finite() and instance == instance.to_integral_value())
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - see TYPE_CHECKING

    return bool(Draft202012Validator.TYPE_CHECKER.is_type(instance, "integer"))


@cache
def _validator_class(portable: bool) -> Any:
    """The explaining validator's class: ECMA patterns; portable versions' integer rule.

    ``portable`` is for versions whose schemas are portable (every generated, unfrozen
    version): a number with a zero fraction is an integer there.
    """
    from jsonschema import Draft202012Validator, validators  # noqa: PLC0415 - see TYPE_CHECKING

    frozen = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _pattern_keyword}
    )
    if not portable:
        return frozen
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    return validators.extend(frozen, type_checker=checker)  # type: ignore[no-untyped-call]


def schema_for(version: str, doc_type: DocumentType) -> dict[str, Any]:
    """The self-contained schema of one document type in one standard version.

    Every validator of this module is built from this dict (cached per version and type),
    whichever source the schemas come from: today they are generated from the model.
    """
    return _schema_for(version, doc_type)


@cache
def _schema_for(version: str, doc_type: DocumentType) -> dict[str, Any]:
    schemas = generate_schemas(version)
    definitions = schemas["common"]["$defs"]
    for prefix in ("common.schema.json#/$defs/", "#/$defs/"):
        definitions = {name: _inline(d, definitions, prefix) for name, d in definitions.items()}
    schema: dict[str, Any] = _inline(
        schemas[doc_type.value], definitions, "common.schema.json#/$defs/"
    )
    return schema


@cache
def validator_for(doc_type: DocumentType, version: str = STANDARD_VERSION) -> Draft202012Validator:
    """The explaining validator: python-jsonschema, Draft 2020-12, date formats checked."""
    cls = _validator_class(portable=version not in FROZEN_STANDARD_VERSIONS)
    validator: Draft202012Validator = cls(
        schema_for(version, doc_type),
        registry=schema_registry(version),
        format_checker=_format_checker(),
    )
    return validator


_INTEGER_KEYWORD = "x-sroi-integer"


class _PythonInteger:
    """jsonschema-rs keyword: an integer as a frozen version's Python validator decides it.

    jsonschema-rs reads ``Decimal("2.0")`` (how the reader keeps ``2.0``) as the integer 2,
    as the JSON Schema specification allows (and the portable 2.0 schemas say); the 1.0
    schema layer, frozen with its published behaviour, refuses it. Added beside every
    ``"type": "integer"`` of a frozen version, this keeps the verdicts equal.
    """

    def __init__(self, _parent: Any, _value: Any, _path: Any) -> None:
        """Nothing to prepare: the check depends on the instance only."""

    def validate(self, instance: Any) -> None:
        """Raise ValueError for a number that is neither an int nor an integral float."""
        if isinstance(instance, bool) or not isinstance(instance, int | float | Decimal):
            return  # the type keyword answers for these
        if isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer()):
            return
        raise ValueError(f"{instance} is not of type 'integer'")


def _with_integer_keyword(node: Any) -> Any:
    if isinstance(node, list):
        return [_with_integer_keyword(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _with_integer_keyword(value) for key, value in node.items()}
    if out.get("type") == "integer":
        out[_INTEGER_KEYWORD] = True
    return out


_YEAR_ZERO_REFUSED = {"not": {"type": "string", "pattern": "^0000-"}}


def _with_year_zero_refused(node: Any) -> Any:
    """The schema with year 0000 refused beside every ``"format": "date"``.

    jsonschema-rs's own date check (compiled, no call into Python per date) accepts year
    0000, which RFC 3339 allows and Python's date (so the explaining validator) refuses;
    with this rule its verdicts equal :func:`_is_date`'s (``tests/test_fast_schema.py``).
    """
    if isinstance(node, list):
        return [_with_year_zero_refused(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _with_year_zero_refused(value) for key, value in node.items()}
    if out.get("format") == "date":
        out["allOf"] = [*out.get("allOf", ()), _YEAR_ZERO_REFUSED]
    return out


@cache
def fast_validator_for(
    doc_type: DocumentType, version: str = STANDARD_VERSION
) -> Callable[[Any], bool] | None:
    """The deciding validator's ``is_valid``: jsonschema-rs, or None where it is missing.

    Offline, with year 0000 refused beside jsonschema-rs's own date check and this
    module's date-time check as a custom format, so that it accepts what
    :func:`validator_for` accepts.
    """
    return compile_fast_validator(schema_for(version, doc_type), version)


def compile_fast_validator(schema: dict[str, Any], version: str) -> Callable[[Any], bool] | None:
    """The deciding validator's ``is_valid`` for ``schema``, a schema (or part) of ``version``.

    Built with the options of :func:`fast_validator_for`, so a part of a document's schema
    (the streaming validator checks a list's items one by one) decides as the whole does.
    """
    try:
        import jsonschema_rs  # noqa: PLC0415 - optional compiled dependency, loaded on use
    except ImportError:  # pragma: no cover - a core dependency; absent only on odd platforms
        return None
    schema = _with_year_zero_refused(schema)
    if version in FROZEN_STANDARD_VERSIONS:  # a frozen version's Python integer rule
        schema = _with_integer_keyword(schema)
    validator = jsonschema_rs.validator_for(
        schema,
        keywords={_INTEGER_KEYWORD: _PythonInteger},
        validate_formats=True,
        ignore_unknown_formats=False,
        # jsonschema-rs's own checks accept the year 0000 and the leap second 23:59:60,
        # which Python's date and datetime (and so the explaining validator) refuse: dates
        # (one or more per line of a document) get a schema rule against year 0000, the
        # few timestamps this module's own check.
        formats={"date-time": _never_raises(_is_date_time)},
        offline=True,
    )
    is_valid: Callable[[Any], bool] = validator.is_valid
    return is_valid


def is_schema_valid(
    data: Any, doc_type: DocumentType, version: str | None = None
) -> bool | None:
    """Whether the fast validator accepts ``data``; None where it is not installed.

    ``version`` defaults to the document's own ``standardVersion``, as in
    :func:`schema_findings`: the schema of the document's own version decides.
    """
    is_valid = fast_validator_for(doc_type, _version_of(data, version))
    if is_valid is None:
        return None
    try:
        return is_valid(data)
    except (ValueError, TypeError, OverflowError):  # a value it cannot convert: explain it
        return False


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


def _version_of(data: Any, version: str | None) -> str:
    """``version``, else the document's own ``standardVersion`` when it is supported."""
    if version is not None:
        return version
    claimed = data.get("standardVersion") if isinstance(data, dict) else None
    return claimed if claimed in SUPPORTED_STANDARD_VERSIONS else STANDARD_VERSION


def schema_findings(
    data: Any,
    doc_type: DocumentType,
    source: str = "<memory>",
    *,
    limit: int = 1000,
    version: str | None = None,
) -> list[Finding]:
    """Every schema violation of ``data`` as findings, at most ``limit`` of them.

    The fast validator decides; only a document it refuses is walked by the explaining one.
    ``version`` defaults to the document's own ``standardVersion`` when this package
    reads it, else to the version the package writes.
    """
    version = _version_of(data, version)
    if is_schema_valid(data, doc_type, version):
        return []
    return explain(data, doc_type, source, limit=limit, version=version)


def explain(
    data: Any,
    doc_type: DocumentType,
    source: str = "<memory>",
    *,
    limit: int = 1000,
    version: str | None = None,
) -> list[Finding]:
    """The explaining validator's findings, whatever the fast one says."""
    version = _version_of(data, version)
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
