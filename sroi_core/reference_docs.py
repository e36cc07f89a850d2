"""Reference documentation generated from the code, so that it cannot drift.

Three Markdown pages are produced from the single sources of truth:

* ``rules.md`` from the rule catalogue (:func:`sroi_core.rules.all_rules`);
* ``codelists.md`` from the CSV codelists (:mod:`sroi_core.codelists`);
* ``schema.md`` from the generated JSON Schemas (:func:`sroi_core.schema_export.generate_schemas`).

``sroi docs generate DIR`` writes them; a test fails when the committed copies under
``docs/reference/`` differ from a fresh generation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sroi_core._version import STANDARD_ID, STANDARD_VERSION
from sroi_core.codelists import codelist, codelist_names
from sroi_core.fileio import write_atomic
from sroi_core.rules import Rule, all_rules
from sroi_core.schema_export import COMMON, generate_schemas
from sroi_core.schema_portable import codelist_of

GENERATED_NOTE = (
    "<!-- Generated from the code by `sroi docs generate docs/reference`. "
    "Do not edit by hand: a test compares this file with a fresh generation. -->"
)

NO_DUTCH_TEMPLATE = "(none yet; the English message is shown)"


def _cell(text: str) -> str:
    """Make ``text`` safe for one Markdown table cell (one line, pipes escaped)."""
    return " ".join(text.split()).replace("|", "\\|") or "—"


def _code(text: str) -> str:
    """Wrap ``text`` in a Markdown code span that survives backticks inside it."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """Render a Markdown table; every cell is made safe with :func:`_cell`."""
    head = [_cell(h) for h in header]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _page(lines: list[str]) -> str:
    """Join page lines into text with exactly one newline at the end."""
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------- rules


def rule_dict(rule: Rule) -> dict[str, str]:
    """Return one rule as a JSON object (``sroi rules --format json``)."""
    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "category": rule.category,
        "title": rule.title,
        "titleNl": rule.title_nl,
        "template": rule.template,
        "templateNl": rule.template_nl,
        "description": rule.description,
        "descriptionNl": rule.description_nl,
    }


def rules_markdown() -> str:
    """Return the rule catalogue as Markdown: a summary table, then one section per rule."""
    rules = all_rules()
    lines = [
        GENERATED_NOTE,
        "",
        f"# Rules ({STANDARD_ID} {STANDARD_VERSION})",
        "",
        "Every finding of `sroi validate` names one of these rules by its id. Ids are stable:",
        "a rule never changes meaning, and a retired id is never reused. An `error` makes a",
        "document invalid (exit 1); a `warning` or `info` finding does not. Placeholders in",
        "braces are filled from the finding's `params` (docs/validation-report.md).",
        "",
        *_table(
            ("Id", "Severity", "Category", "Title", "Title (nl)"),
            (
                (
                    f"[{_code(r.id)}](#{_anchor(r.id)})",
                    r.severity.value,
                    r.category,
                    r.title,
                    r.title_nl,
                )
                for r in rules
            ),
        ),
    ]
    for rule in rules:
        lines += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.title}**. Severity: `{rule.severity.value}`; category: `{rule.category}`.",
            "",
            rule.description,
            "",
            f"*{rule.title_in('nl')}*. {rule.description_in('nl')}",
            "",
            f"- Message (en): {_code(rule.template)}",
            "- Message (nl): "
            + (_code(rule.template_nl) if rule.template_nl else NO_DUTCH_TEMPLATE),
        ]
    return _page(lines)


def _anchor(heading: str) -> str:
    """Return the GitHub-style anchor of a Markdown heading."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


# ------------------------------------------------------------------------ codelists


def codelists_markdown() -> str:
    """Return every codelist as Markdown: openness, description and a table of codes."""
    names = codelist_names()
    lines = [
        GENERATED_NOTE,
        "",
        f"# Codelists ({STANDARD_ID} {STANDARD_VERSION})",
        "",
        "A **closed** codelist is enumerated in the JSON Schema: any other code is refused",
        "(rule `schema.code`). An **open** codelist takes any code of 1 to 100 characters;",
        "a code not listed here draws the warning `codelist.unknown-code`. The CSV files in",
        "`sroi_core/codelists/` are the source of this page.",
        "",
        *_table(
            ("Codelist", "Openness", "Title", "Codes"),
            (
                (
                    f"[{_code(n)}](#{_anchor(n)})",
                    _openness(n),
                    codelist(n).title,
                    str(len(codelist(n).codes)),
                )
                for n in names
            ),
        ),
    ]
    for name in names:
        listing = codelist(name)
        extra = [column for column, _ in listing.codes[0].extra] if listing.codes else []
        lines += [
            "",
            f"## {name}",
            "",
            f"**{listing.title}** ({_openness(name)}). {listing.description}",
            "",
            *_table(
                ("Code", "Title (en)", "Title (nl)", *extra, "Description"),
                (
                    (
                        _code(c.code),
                        c.title_en,
                        c.title_nl,
                        *(c.get(x) for x in extra),
                        c.description,
                    )
                    for c in listing.codes
                ),
            ),
        ]
    return _page(lines)


def _openness(name: str) -> str:
    """Say whether codelist ``name`` is open or closed."""
    return "closed" if codelist(name).closed else "open"


# --------------------------------------------------------------------------- schema

_DECIMAL_WORDS = {
    "A non-negative exact decimal written as a string.": "non-negative decimal string",
    "A fraction from 0 to 1 inclusive, written as a string.": "fraction string (0 to 1)",
    "An exact decimal number written as a string.": "decimal string",
}


def _ref_name(ref: str) -> str:
    """Return the definition name a ``$ref`` points at."""
    return ref.rsplit("/", 1)[-1]


def _type_of(node: dict[str, Any]) -> str:
    """Describe the JSON type of a schema node in a few words, linking definitions."""
    if "$ref" in node:
        name = _ref_name(str(node["$ref"]))
        return f"[{name}](#{_anchor(name)})"
    if "const" in node:
        return f"{_code(json.dumps(node['const']))} (fixed)"
    for keyword in ("anyOf", "oneOf"):
        if keyword in node and "type" not in node:
            return " or ".join(_type_of(option) for option in node[keyword])
    kind = node.get("type")
    if kind == "array":
        items = node.get("items")
        return f"array of {_type_of(items)}" if isinstance(items, dict) else "array"
    if kind == "string":
        if node.get("description") in _DECIMAL_WORDS:
            return _DECIMAL_WORDS[str(node["description"])]
        if codelist_of(node) is not None:
            return "code"
        if "format" in node:
            return f"string ({node['format']})"
        return "string"
    if isinstance(kind, str):
        return kind
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    return "any value"


def _constraints(node: dict[str, Any]) -> list[str]:
    """List the constraints of a schema node (codelist, pattern, ranges, default)."""
    found: list[str] = []
    name = codelist_of(node)
    if name is not None:
        found.append(f"{_openness(name)} codelist [{_code(name)}](codelists.md#{_anchor(name)})")
    elif "enum" in node:
        found.append("one of " + ", ".join(_code(json.dumps(v)) for v in node["enum"]))
    if "pattern" in node and "format" not in node:  # a date's pattern is its calendar
        found.append(f"pattern {_code(str(node['pattern']))}")
    bounds = (
        ("minimum", "at least {}", ""),
        ("exclusiveMinimum", "more than {}", ""),
        ("maximum", "at most {}", ""),
        ("exclusiveMaximum", "less than {}", ""),
        ("minLength", "at least {}", " character"),
        ("maxLength", "at most {}", " character"),
        ("minItems", "at least {}", " item"),
        ("maxItems", "at most {}", " item"),
        ("minProperties", "at least {}", " field"),
    )
    for key, text, noun in bounds:
        if key in node:
            plural = "s" if noun and node[key] != 1 else ""
            found.append(text.format(node[key]) + noun + plural)
    items = node.get("items")
    if isinstance(items, dict) and "$ref" not in items:
        found.extend(f"each item: {c}" for c in _constraints(items))
    if "default" in node:
        found.append(f"default {_code(json.dumps(node['default'], ensure_ascii=False))}")
    return found


def _field_rows(schema: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Return one row (field, type, required, description and constraints) per property."""
    required = set(schema.get("required", []))
    rows = []
    for name, node in schema.get("properties", {}).items():
        described = str(node.get("description", ""))
        if described in _DECIMAL_WORDS:
            described = ""
        notes = "; ".join(_constraints(node))
        text = f"{described} ({notes})" if described and notes else described or notes
        rows.append((_code(name), _type_of(node), "yes" if name in required else "no", text))
    return rows


def _schema_section(title: str, schema: dict[str, Any], level: str) -> list[str]:
    """Describe one object (or enumeration) schema: its description, rules and fields."""
    lines = ["", f"{level} {title}", ""]
    if schema.get("description"):
        lines += [str(schema["description"]), ""]
    if "oneOf" in schema:
        choices = [
            ", ".join(_code(f) for f in option.get("required", [])) for option in schema["oneOf"]
        ]
        lines += ["Exactly one of: " + "; ".join(choices) + ".", ""]
    if "properties" in schema:
        if schema.get("additionalProperties") is False:
            lines += ["No other fields are allowed.", ""]
        if "minProperties" in schema:
            lines += [f"At least {schema['minProperties']} of the fields must be given.", ""]
        lines += _table(
            ("Field", "Type", "Required", "Description and constraints"), _field_rows(schema)
        )
    else:
        notes = "; ".join(_constraints(schema))
        lines.append(f"Type: {_type_of(schema)}" + (f" ({notes})." if notes else "."))
    return lines


def schema_markdown() -> str:
    """Return the document schemas and shared definitions field by field as Markdown."""
    schemas = generate_schemas()
    documents = [name for name in schemas if name != COMMON]
    lines = [
        GENERATED_NOTE,
        "",
        f"# Document schemas ({STANDARD_ID} {STANDARD_VERSION})",
        "",
        "Generated from the JSON Schemas in `schemas/"
        f"{STANDARD_VERSION}/` (Draft 2020-12), which are generated from the model.",
        "Field names are camelCase. Exact numbers are decimal strings and `null` is never",
        "allowed: an absent optional field is left out (docs/wire-format.md).",
        "",
        "## Documents",
        "",
        *_table(
            ("documentType", "Schema", "Title"),
            (
                (_code(name), _code(f"{name}.schema.json"), str(schemas[name].get("title", "")))
                for name in documents
            ),
        ),
    ]
    for name in documents:
        lines += _schema_section(f"Document: {name}", schemas[name], "###")
    lines += ["", "## Shared definitions", "", f"From `{COMMON}.schema.json`."]
    for name, definition in schemas[COMMON]["$defs"].items():
        lines += _schema_section(name, definition, "###")
    return _page(lines)


# ---------------------------------------------------------------------------- files

def openapi_page() -> str:
    """The HTTP API's OpenAPI 3.1 description (``sroi serve``, GET /openapi.json)."""
    from sroi_core.serve.openapi import openapi_json  # noqa: PLC0415 - only when writing

    return openapi_json()


REFERENCE_PAGES: dict[str, Callable[[], str]] = {
    "rules.md": rules_markdown,
    "codelists.md": codelists_markdown,
    "schema.md": schema_markdown,
    "openapi.json": openapi_page,
}
"""Each generated page by file name, with the function that produces it."""


def write_reference_docs(directory: Path) -> list[Path]:
    """Write every generated page into ``directory`` and return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in REFERENCE_PAGES.items():
        path = directory / name
        write_atomic(path, render())
        written.append(path)
    return written
