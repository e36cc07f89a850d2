"""The CSV codelists are the source of truth: enums, schemas and units must match them."""

from __future__ import annotations

import re
from enum import StrEnum
from importlib import resources
from typing import Any

import pytest

from sroi_core.codelists import codelist, codelist_names
from sroi_core.errors import SroiError
from sroi_core.model import codes
from sroi_core.model.types import AREA_PATTERN
from sroi_core.schema_export import COMMON, generate_schemas
from sroi_core.schema_portable import codelist_of
from sroi_core.units import pint_unit, unit_registry

ENUMS: list[type[StrEnum]] = [
    value
    for value in vars(codes).values()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
]


def _codelist_name(enum: type[StrEnum]) -> str:
    return enum.__name__[0].lower() + enum.__name__[1:]


def _walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_walk(value))
    return found


SCHEMA_NODES = _walk(generate_schemas())


def test_every_codelist_in_the_index_has_a_file_and_no_file_is_unindexed() -> None:
    folder = resources.files("sroi_core.codelists")
    files = {entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".csv")}
    assert files - {"_index"} == set(codelist_names())


@pytest.mark.parametrize("name", codelist_names())
def test_codelist_rows_are_well_formed(name: str) -> None:
    listing = codelist(name)
    assert listing.title
    assert listing.description
    assert listing.codes
    assert len(set(listing.values)) == len(listing.values), "codes repeat"
    for code in listing.codes:
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]*", code.code), code.code
        assert code.title_en, code.code
        assert code.description, code.code


def test_unknown_codelist_is_an_sroi_error() -> None:
    with pytest.raises(SroiError, match="unknown codelist"):
        codelist("colours")


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_enum_equals_its_csv(enum: type[StrEnum]) -> None:
    values = [member.value for member in enum]
    if enum is codes.ValuationFamily:
        families = {code.get("family") for code in codelist("valuationBasis").codes}
        assert set(values) == families
        return
    listing = codelist(_codelist_name(enum))
    assert listing.closed, "an enum the code branches on must be a closed list"
    assert values == list(listing.values)


def test_the_enums_cover_the_closed_lists_they_should() -> None:
    covered = {_codelist_name(enum) for enum in ENUMS}
    assert covered >= {
        "documentType",
        "indicatorKind",
        "valuationBasis",
        "verificationStatus",
        "fulfilmentMode",
        "discountTiming",
    }


def _enumerations_of(name: str) -> list[list[Any]]:
    """Every ``enum`` in the schemas that stands for codelist ``name``."""
    found = [node["enum"] for node in SCHEMA_NODES if codelist_of(node) == name and "enum" in node]
    defs = generate_schemas()[COMMON]["$defs"]
    title = name[0].upper() + name[1:]
    if title in defs and "enum" in defs[title]:
        found.append(defs[title]["enum"])
    return found


@pytest.mark.parametrize("name", [n for n in codelist_names() if codelist(n).closed])
def test_closed_codelists_are_enumerated_in_the_schema(name: str) -> None:
    listing = codelist(name)
    if name == "documentType":
        consts = sorted(
            schema["properties"]["documentType"]["const"]
            for key, schema in generate_schemas().items()
            if key != COMMON
        )
        assert consts == sorted(listing.values)
        return
    if name == "confidenceRange":  # one row per Source.confidence grade (2.0 convention)
        source = generate_schemas()[COMMON]["$defs"]["Source"]
        assert source["properties"]["confidence"]["enum"] == list(listing.values)
        return
    if name == "areaLevel":
        prefixes = [code.get("prefix") for code in listing.codes]
        assert sorted(re.findall(r"([A-Z]{2})\[", AREA_PATTERN)) == sorted(prefixes)
        return
    enumerations = _enumerations_of(name)
    assert enumerations, f"closed codelist {name} is not enumerated in any schema"
    for values in enumerations:
        assert values == list(listing.values)


@pytest.mark.parametrize("name", [n for n in codelist_names() if not codelist(n).closed])
def test_open_codelists_are_not_enumerated(name: str) -> None:
    nodes = [node for node in SCHEMA_NODES if codelist_of(node) == name]
    assert nodes, f"open codelist {name} is used by no field"
    for node in nodes:
        assert "enum" not in node
        assert node["examples"] == list(codelist(name).values)


@pytest.mark.parametrize("code", codelist("unit").values)
def test_every_unit_code_maps_to_a_pint_unit(code: str) -> None:
    unit = pint_unit(code)
    assert unit == unit_registry().Unit(codelist("unit").get(code).get("pint_unit"))


def test_verification_levels_are_ranked() -> None:
    ranks = [int(code.get("rank")) for code in codelist("verificationLevel").codes]
    assert ranks == sorted(ranks) == list(range(1, len(ranks) + 1))


def test_licence_redistributable_is_a_boolean() -> None:
    for code in codelist("licence").codes:
        assert code.get("redistributable") in {"true", "false"}


def test_every_evidence_type_names_a_verification_level() -> None:
    levels = set(codelist("verificationLevel").values)
    for code in codelist("evidenceType").codes:
        assert code.get("level") in levels, code.code
    assert codelist("evidenceType").get("self-declaration").get("level") == "self-declared"
