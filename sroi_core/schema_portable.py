r"""Make a generated schema portable: the same verdict in every Draft 2020-12 validator.

pydantic writes what Python validators understand; other languages read the schema
differently. This module rewrites a generated schema (never a frozen, published one) so
that ajv in strict mode, @hyperjump/json-schema, jsonschema-rs and python-jsonschema all
agree with each other and with the model:

* standard keywords only: a codelist is named in ``$comment`` and defined once in
  ``$defs`` (``UnitCode``, ``CurrencyCode``, ...), never in a private ``x-`` keyword;
* dates and date-times carry a ``pattern`` as well as ``format`` (``format`` only
  annotates by default in 2020-12), and the pattern checks the calendar itself;
* character classes are ASCII (``\S`` differs between ECMA-262 and Python);
* money amounts have at most two decimal places; currencies come from ISO 4217;
* ``oneOf`` branches define the properties they require (ajv ``strictRequired``) and
  give code generators a closed union;
* every property has a human title and a description in wire terms, read from one data
  file (``model/descriptions.csv``) so that model files stay free of prose.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sroi_core._version import SCHEMA_BASE_URI
from sroi_core.codelists import codelist, codelist_names
from sroi_core.model.types import (
    DECIMAL_PATTERN,
    FRACTION_PATTERN,
    NON_NEGATIVE_PATTERN,
    RATE_PATTERN,
)

_YEAR = r"(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_DAY = (
    r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)
_DATE = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?"
_OFFSET = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

DATE_PATTERN = rf"^{_DATE}$"
"""A real calendar date ``YYYY-MM-DD`` (leap years included, year 0000 excluded)."""

DATE_TIME_PATTERN = rf"^{_DATE}T{_TIME}{_OFFSET}$"
"""An RFC 3339 date-time with an upper-case ``T``, a zone, and at most microseconds."""

MONEY_PATTERN = r"^(0|[1-9][0-9]{0,29})(\.[0-9]{1,2})?$"
"""A non-negative amount of money with at most two decimal places (cents)."""

_ASCII_VISIBLE = r"[\x21-\x7E]"
_ASCII_REWRITES = {
    r"^https?://\S+$": rf"^https?://{_ASCII_VISIBLE}+$",
    r"^ocds-[a-z0-9]{6}-\S+$": rf"^ocds-[a-z0-9]{{6}}-{_ASCII_VISIBLE}{{1,200}}$",
}
_CURRENCY_PATTERN = r"^[A-Z]{3}$"
_DECIMAL_KINDS = {
    DECIMAL_PATTERN: ("Decimal", "Decimal number"),
    NON_NEGATIVE_PATTERN: ("NonNegativeDecimal", "Non-negative decimal number"),
    FRACTION_PATTERN: ("Fraction", "Fraction"),
    RATE_PATTERN: ("DiscountRate", "Discount rate"),
    MONEY_PATTERN: ("MoneyAmount", "Amount of money"),
}
"""Decimal-string kinds, each defined once in ``$defs`` and referenced by properties."""
_MONEY_AMOUNT = {
    "title": "Amount of money",
    "type": "string",
    "pattern": MONEY_PATTERN,
    "description": "A non-negative amount written as a decimal string with at most two "
    'decimal places, e.g. "1234.50".',
}
_MONEY_CLASSES = frozenset({"Money", "OutcomeValue", "ObligationCredit"})
_DOCUMENT_BASE = "Document"
"""Rows of this class describe the envelope fields every document type shares."""
_CODELIST_COMMENT = re.compile(r"^codelist ([A-Za-z][A-Za-z0-9]*) ")

_CODED_ARRAYS: dict[tuple[str, str], str] = {
    ("LineValue", "flags"): "valuationFlag",
    ("ValuationLine", "flags"): "valuationFlag",
}
"""Arrays of plain strings in the model whose items the 2.0 wire draws from a codelist."""


def codelist_url(name: str, version: str) -> str:
    """Where the published codelist file of ``version`` lives (JSON form)."""
    return f"{SCHEMA_BASE_URI}/{version}/codelists/{name}.json"


def codelist_of(node: dict[str, Any]) -> str | None:
    """The codelist a schema node stands for, from ``$comment`` (or a legacy ``x-codelist``)."""
    legacy = node.get("x-codelist")
    if isinstance(legacy, str):
        return legacy
    comment = node.get("$comment")
    match = _CODELIST_COMMENT.match(comment) if isinstance(comment, str) else None
    return match.group(1) if match else None


def code_definition_name(name: str) -> str:
    """The ``$defs`` entry of codelist ``name``: ``unit`` -> ``UnitCode``."""
    return name[0].upper() + name[1:] + "Code"


def _code_definition(name: str, version: str) -> dict[str, Any]:
    listing = codelist(name)
    openness = "closed" if listing.closed else "open"
    node: dict[str, Any] = {
        "$comment": f"codelist {name} ({openness}): {codelist_url(name, version)}",
        "title": listing.title,
        "description": listing.description,
        "type": "string",
    }
    if listing.closed:
        node["enum"] = list(listing.values)
    else:
        node.update(minLength=1, maxLength=100, examples=list(listing.values))
    return node


@dataclass(frozen=True)
class Description:
    """The title and description of one property (or, with field ``""``, one definition)."""

    title_en: str
    description_en: str
    title_nl: str


@cache
def descriptions() -> dict[tuple[str, str], Description]:
    """Every row of ``model/descriptions.csv`` by (class, field)."""
    text = (
        resources.files("sroi_core.model").joinpath("descriptions.csv").read_text(encoding="utf-8")
    )
    rows = csv.DictReader(text.splitlines())
    return {
        (row["class"], row["field"]): Description(
            row["title_en"].strip(), row["description_en"].strip(), row.get("title_nl", "").strip()
        )
        for row in rows
    }


class _Rewriter:
    """One pass over one version's schemas; ``ref_prefix`` points at the shared definitions."""

    def __init__(self, version: str, enum_definitions: dict[str, str]) -> None:
        self.version = version
        self.enum_definitions = enum_definitions
        self.used_codelists: set[str] = set()
        self.decimal_definitions: dict[str, dict[str, Any]] = {"MoneyAmount": _MONEY_AMOUNT}

    def code_ref(self, name: str, prefix: str) -> dict[str, Any]:
        self.used_codelists.add(name)
        target = self.enum_definitions.get(name, code_definition_name(name))
        return {"$ref": f"{prefix}{target}"}

    def node(self, node: Any, prefix: str) -> Any:
        if isinstance(node, list):
            return [self.node(item, prefix) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: self.node(value, prefix) for key, value in node.items()}
        name = out.pop("x-codelist", None)
        if isinstance(name, str):
            kept = {k: v for k, v in out.items() if k in ("default", "title", "description")}
            return {**self.code_ref(name, prefix), **kept}
        if out.get("pattern") == _CURRENCY_PATTERN:
            kept = {k: v for k, v in out.items() if k in ("default", "title", "description")}
            return {**self.code_ref("currency", prefix), **kept}
        pattern = out.get("pattern")
        if out.get("type") == "string" and pattern in _DECIMAL_KINDS:
            kind, title = _DECIMAL_KINDS[str(pattern)]
            self.decimal_definitions.setdefault(
                kind,
                {
                    "title": title,
                    "type": "string",
                    "pattern": pattern,
                    "description": out.get("description", title),
                },
            )
            kept = {k: v for k, v in out.items() if k in ("default", "title", "description")}
            return {"$ref": f"{prefix}{kind}", **kept}
        if isinstance(pattern, str) and pattern in _ASCII_REWRITES:
            out["pattern"] = _ASCII_REWRITES[pattern]
        if out.get("format") == "date":
            out["pattern"] = DATE_PATTERN
        elif out.get("format") == "date-time":
            out["pattern"] = DATE_TIME_PATTERN
        return out

    def definition(self, cls: str, node: dict[str, Any], prefix: str) -> dict[str, Any]:
        out: dict[str, Any] = self.node(node, prefix)
        properties = out.get("properties")
        if cls in _MONEY_CLASSES and isinstance(properties, dict) and "amount" in properties:
            properties["amount"] = {"$ref": f"{prefix}MoneyAmount"}
        if isinstance(properties, dict):
            for field, schema in properties.items():
                coded = _CODED_ARRAYS.get((cls, field))
                if coded and isinstance(schema, dict) and schema.get("type") == "array":
                    schema["items"] = self.code_ref(coded, prefix)
                properties[field] = _described(cls, field, schema)
        _close_one_of(out)
        enum_list = _enum_codelist(cls)
        if enum_list and "enum" in out:
            self.used_codelists.add(enum_list)
            out["$comment"] = _code_definition(enum_list, self.version)["$comment"]
        about = descriptions().get((cls, ""))
        if about is not None:
            out["title"] = about.title_en
            out["description"] = about.description_en
        return out


def _enum_codelist(cls: str) -> str | None:
    name = cls[0].lower() + cls[1:]
    return name if name in codelist_names() else None


def _described(cls: str, field: str, schema: Any) -> Any:
    """A property schema with the title and description of its row, where one exists."""
    if not isinstance(schema, dict):
        return schema
    about = descriptions().get((cls, field)) or descriptions().get((_DOCUMENT_BASE, field))
    out = {key: value for key, value in schema.items() if key not in ("title", "description")}
    if about is None:
        return out
    return {"title": about.title_en, "description": about.description_en, **out}


def _close_one_of(node: dict[str, Any]) -> None:
    """Make each ``oneOf`` branch that only lists ``required`` a complete object type.

    ``{"required": ["a"]}`` alone fails ajv's ``strictRequired`` and makes code generators
    write an open ``unknown``. Each branch now carries the object's properties minus
    those that only the other branches require, so it is a closed type of its own
    (a union for generators) and the meaning stays: exactly one branch matches.
    """
    branches = node.get("oneOf")
    properties = node.get("properties")
    if not isinstance(branches, list) or not isinstance(properties, dict):
        return
    alternatives = {
        name
        for branch in branches
        if isinstance(branch, dict) and set(branch) == {"required"}
        for name in branch["required"]
    }
    closed = []
    for branch in branches:
        required = branch.get("required") if isinstance(branch, dict) else None
        if isinstance(required, list) and set(branch) == {"required"}:
            others = alternatives - set(required)
            closed.append({
                "type": "object",
                "properties": {k: v for k, v in properties.items() if k not in others},
                "required": [*node.get("required", []), *required],
            })
        else:
            closed.append(branch)
    node["oneOf"] = closed


def make_portable(
    common: dict[str, Any], documents: dict[str, tuple[str, dict[str, Any]]], version: str
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Rewrite one version's shared definitions and document schemas (see module docs).

    ``documents`` maps a document type to (model class name, schema body).
    """
    enum_definitions = {
        listing: name
        for name, definition in common.items()
        if (listing := _enum_codelist(name)) is not None and "enum" in definition
    }
    rewriter = _Rewriter(version, enum_definitions)
    defs = {
        name: rewriter.definition(name, definition, "#/$defs/")
        for name, definition in common.items()
    }
    bodies = {
        doc_type: rewriter.definition(cls, body, "common.schema.json#/$defs/")
        for doc_type, (cls, body) in documents.items()
    }
    defs.update(rewriter.decimal_definitions)
    for name in sorted(rewriter.used_codelists - set(enum_definitions)):
        defs[code_definition_name(name)] = _code_definition(name, version)
    for name, definition in defs.items():
        about = descriptions().get((name, ""))
        if about is not None:
            definition.update(title=about.title_en, description=about.description_en)
    return dict(sorted(defs.items())), bodies
