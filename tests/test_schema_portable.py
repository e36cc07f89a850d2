"""The 2.0 schemas are portable: described, standard keywords only, ASCII, enums once."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from sroi_core._version import STANDARD_VERSION
from sroi_core.codelists import codelist
from sroi_core.model import DOCUMENT_MODELS
from sroi_core.schema_export import COMMON, generate_schemas
from sroi_core.schema_portable import (
    DATE_PATTERN,
    DATE_TIME_PATTERN,
    MONEY_PATTERN,
    code_definition_name,
    codelist_of,
    descriptions,
)

SCHEMAS = generate_schemas(STANDARD_VERSION)
DEFS = SCHEMAS[COMMON]["$defs"]
_PYTHON_NAME = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
_KEYWORDS_2020_12 = {
    "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "title", "description",
    "default", "examples", "type", "enum", "const", "properties", "additionalProperties",
    "required", "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "minLength",
    "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "minProperties", "maxProperties", "oneOf", "anyOf", "allOf", "not",
    "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas",
    "if", "then", "else", "contentMediaType", "readOnly", "deprecated",
}  # fmt: skip


def _objects() -> list[tuple[str, str, dict[str, Any]]]:
    """(schema, class, node) for every object definition and document body."""
    found = [(COMMON, name, node) for name, node in DEFS.items()]
    for doc_type, model in DOCUMENT_MODELS.items():
        found.append((doc_type.value, model.__name__, SCHEMAS[doc_type.value]))
    return found


def _walk(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            if key in ("properties", "patternProperties", "$defs") and isinstance(value, dict):
                for name, sub in value.items():
                    found.extend(_walk(sub, f"{path}/{key}/{name}"))
            elif key not in ("enum", "const", "examples", "default"):
                found.extend(_walk(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_walk(value, f"{path}/{index}"))
    return found


def test_every_property_has_a_title_and_a_description() -> None:
    """Fails with the rows to add to sroi_core/model/descriptions.csv."""
    missing = []
    for _schema, cls, node in _objects():
        for field, prop in node.get("properties", {}).items():
            if not (prop.get("title") and prop.get("description")):
                missing.append(f"{cls},{field},TITLE,DESCRIPTION")
    assert not missing, "add to sroi_core/model/descriptions.csv:\n" + "\n".join(missing)


def test_every_definition_has_a_human_title_and_description() -> None:
    missing = [
        f"{cls},,TITLE,DESCRIPTION"
        for _schema, cls, node in _objects()
        if (cls, "") not in descriptions() or not (node.get("title") and node.get("description"))
    ]
    assert not missing, "add to sroi_core/model/descriptions.csv:\n" + "\n".join(missing)


def test_no_description_uses_a_python_name() -> None:
    wrong = [
        (name, path, node["description"])
        for name, schema in SCHEMAS.items()
        for path, node in _walk(schema)
        if isinstance(node.get("description"), str) and _PYTHON_NAME.search(node["description"])
    ]
    assert not wrong


def test_every_description_row_is_used() -> None:
    """A row for a field that no longer exists is stale (a renamed field lost its text)."""
    present = {(cls, field) for _s, cls, node in _objects() for field in node.get("properties", {})}
    present |= {(cls, "") for _s, cls, _node in _objects()}
    stale = [key for key in descriptions() if key[0] != "Document" and key not in present]
    assert not stale


def test_only_standard_keywords() -> None:
    unknown = {
        (name, path, key)
        for name, schema in SCHEMAS.items()
        for path, node in _walk(schema)
        for key in node
        if not path.endswith(("/properties", "/patternProperties", "/$defs"))
        and key not in _KEYWORDS_2020_12
    }
    assert not unknown


def test_patterns_use_ascii_classes_only() -> None:
    for name, schema in SCHEMAS.items():
        for _path, node in _walk(schema):
            pattern = node.get("pattern")
            if isinstance(pattern, str):
                assert not re.search(r"\\[sSwWdDbB]", pattern), (name, pattern)
                assert pattern.isascii()


def test_dates_carry_a_pattern_as_well_as_a_format() -> None:
    formats = [node for s in SCHEMAS.values() for _p, node in _walk(s) if "format" in node]
    assert formats
    for node in formats:
        expected = {"date": DATE_PATTERN, "date-time": DATE_TIME_PATTERN}[node["format"]]
        assert node["pattern"] == expected


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2024-02-29", True), ("2000-02-29", True), ("1900-02-28", True), ("2025-12-31", True),
        ("2023-02-29", False), ("1900-02-29", False), ("2025-04-31", False), ("0000-01-01", False),
        ("2025-13-01", False), ("31-12-2025", False), ("2025-1-01", False), ("2025-01-01\n", False),
    ],
)  # fmt: skip
def test_the_date_pattern_is_the_calendar(text: str, valid: bool) -> None:
    import datetime as dt

    matched = re.fullmatch(DATE_PATTERN[1:-1], text) is not None
    assert matched is valid
    if valid:
        dt.date.fromisoformat(text)


def test_the_date_pattern_agrees_with_python_on_every_day_of_400_years() -> None:
    import datetime as dt

    day = dt.date(1801, 1, 1)
    pattern = re.compile(DATE_PATTERN[1:-1])
    while day.year < 2201:
        assert pattern.fullmatch(day.isoformat())
        day += dt.timedelta(days=1)
    for year in range(1801, 2201):
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        assert (pattern.fullmatch(f"{year}-02-29") is not None) is leap


def test_shared_enums_are_defined_once() -> None:
    """No list of codes appears inline: each codelist is one ``$defs`` entry."""
    text = json.dumps(SCHEMAS)
    for name in ("unit", "currency", "valuationFlag"):
        definition = DEFS[code_definition_name(name)]
        assert definition["enum"] == list(codelist(name).values)
        assert text.count(json.dumps(definition["enum"])) == 1
        assert codelist_of(definition) == name


def test_money_amounts_have_at_most_two_decimals() -> None:
    assert DEFS["Money"]["properties"]["amount"]["$ref"].endswith("/MoneyAmount")
    assert DEFS["MoneyAmount"]["pattern"] == MONEY_PATTERN
    assert re.fullmatch(MONEY_PATTERN[1:-1], "3388000.00")
    assert not re.fullmatch(MONEY_PATTERN[1:-1], "3388000.0000000005")


def test_currency_and_flags_come_from_codelists() -> None:
    assert DEFS["Money"]["properties"]["currency"]["$ref"].endswith("/CurrencyCode")
    assert "EUR" in DEFS["CurrencyCode"]["enum"]
    flags = DEFS["LineValue"]["properties"]["flags"]["items"]
    assert flags["$ref"].endswith("/ValuationFlagCode")


def test_every_valuation_flag_the_engine_writes_is_in_the_codelist() -> None:
    from sroi_core.valuation import document

    written = {v for k, v in vars(document).items() if k.startswith("FLAG_")}
    assert written
    assert written <= set(codelist("valuationFlag").values), written - set(
        codelist("valuationFlag").values
    )


def test_one_of_branches_define_what_they_require() -> None:
    for _s, _cls, node in _objects():
        for branch in node.get("oneOf", []):
            assert set(branch.get("required", [])) <= set(branch.get("properties", {}))
