"""The rule catalogue: stable ids, complete texts, each rule fired, docs generated from it."""

from __future__ import annotations

import contextlib
import csv
import importlib
import io
import json
import re
import string
from pathlib import Path
from typing import Any

import pytest

from sroi_core.cli import main
from sroi_core.model.codes import DocumentType
from sroi_core.reference_docs import REFERENCE_PAGES
from sroi_core.rules import Rule, Severity, all_rules, get_rule, make_finding
from sroi_core.schema_export import generate_schemas
from sroi_core.validation import schema_layer
from sroi_core.validation.schema_layer import schema_findings

ROOT = Path(__file__).resolve().parents[1]
INVALID = ROOT / "examples" / "invalid"
REFERENCE = ROOT / "docs" / "reference"
RULE_ID = re.compile(r"[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+")

NOT_REACHABLE_FROM_A_FILE = {
    "schema.const": "the only consts are standardVersion and documentType, which the envelope "
    "check (document.version, document.type) refuses before the schema runs",
    "schema.invalid": "the fallback for schema keywords without a rule of their own; the "
    "schemas use no such keyword (see test_every_schema_keyword_has_a_rule)",
    "model.invalid": "reports the model refusing a schema-valid document; while the two agree "
    "no file reaches it (tests/test_model_schema_agreement.py fires it through build_model)",
}
"""Rules that no file can fire today, with the reason; each is tested directly below."""

VALIDATION_CATEGORIES = {"file", "envelope", "schema", "semantic"}
"""Categories of the rules ``sroi validate`` fires."""

VALIDATION_MODULES = ("sroi_core.io", "sroi_core.documents", "sroi_core.validation.semantic")
"""Modules whose rules ``sroi validate`` fires (with the schema layer's keyword rules).
Rules of other commands (``sroi check``, ``sroi verify``, scoring, ...) are fired by
those commands' own tests."""


def validation_rule_ids() -> set[str]:
    ids = {rule.id for rule in schema_layer._KEYWORD_RULES.values()}
    for name in VALIDATION_MODULES:
        module = importlib.import_module(name)
        ids |= {value.id for value in vars(module).values() if isinstance(value, Rule)}
    return ids


def _manifest() -> list[dict[str, str]]:
    with (INVALID / "cases.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _fired(case: dict[str, str]) -> set[str]:
    args = [*(str(ROOT / f) for f in case["with"].split()), str(INVALID / case["file"])]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["validate", "--format", "json", *args])
    report: dict[str, Any] = json.loads(buffer.getvalue())
    return {finding["ruleId"] for finding in report["files"][-1]["findings"]}


def test_rule_ids_are_unique_and_stable_looking() -> None:
    ids = [rule.id for rule in all_rules()]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    for rule_id in ids:
        assert RULE_ID.fullmatch(rule_id), rule_id


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_rule_is_documented(rule: Any) -> None:
    assert rule.title.strip()
    assert rule.template.strip()
    assert rule.description.strip()
    assert rule.category.strip()
    assert rule.severity in Severity
    assert get_rule(rule.id) is rule


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_template_formats_with_its_placeholders(rule: Any) -> None:
    names = rule.placeholders()
    finding = make_finding(rule, "/x", source="f.json", **{name: f"<{name}>" for name in names})
    assert finding.rule_id == rule.id
    for name in names:
        assert f"<{name}>" in finding.message + finding.message_nl
    if rule.template_nl:
        fields = {f for _, f, _, _ in string.Formatter().parse(rule.template_nl) if f}
        assert fields <= {f for _, f, _, _ in string.Formatter().parse(rule.template) if f}


def test_validation_rules_have_validation_categories() -> None:
    ids = validation_rule_ids()
    assert len(ids) > 20
    for rule in all_rules():
        if rule.id in ids:
            assert rule.category in VALIDATION_CATEGORIES, rule.id


def test_every_validation_rule_is_fired_by_a_file_in_examples_invalid() -> None:
    expected_by_manifest = {case["rule"] for case in _manifest()}
    fired: set[str] = set()
    for case in _manifest():
        got = _fired(case)
        assert case["rule"] in got, case["file"]
        fired |= got
    validation_ids = validation_rule_ids()
    assert fired == expected_by_manifest
    assert validation_ids - fired == set(NOT_REACHABLE_FROM_A_FILE), (
        "rules no file in examples/invalid fires: add a case to examples/invalid/cases.csv"
    )


def test_schema_const_fires_when_the_envelope_check_is_bypassed() -> None:
    data = {"standardVersion": "0.9", "documentType": "tender"}
    ids = {finding.rule_id for finding in schema_findings(data, DocumentType.BID)}
    assert "schema.const" in ids


def _keywords(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("properties", "patternProperties", "$defs"):
                found.add(key)
            if key in ("default", "examples", "const", "enum"):
                continue
            if key in ("properties", "patternProperties", "$defs") and isinstance(value, dict):
                for child in value.values():
                    _keywords(child, found)
            else:
                _keywords(value, found)
    elif isinstance(node, list):
        for item in node:
            _keywords(item, found)
    return found


def test_every_schema_keyword_has_a_rule() -> None:
    used: set[str] = set()
    for schema in generate_schemas().values():
        _keywords(schema, used)
    annotations = {
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "default",
        "examples",
        "x-codelist",
        "$comment",
        "items",
        "anyOf",
    }
    mapped = set(schema_layer._KEYWORD_RULES) | schema_layer._RANGE_KEYWORDS
    assert used - annotations <= mapped, "a schema keyword would fall back to schema.invalid"


# -------------------------------------------------------------- generated reference docs


@pytest.mark.parametrize("name", list(REFERENCE_PAGES))
def test_reference_docs_equal_a_fresh_generation(name: str) -> None:
    committed = (REFERENCE / name).read_text(encoding="utf-8")
    assert committed == REFERENCE_PAGES[name](), (
        f"docs/reference/{name} is stale: run `sroi docs generate docs/reference`"
    )


def test_rules_page_lists_every_rule() -> None:
    page = REFERENCE_PAGES["rules.md"]()
    for rule in all_rules():
        assert f"\n## {rule.id}\n" in page


def test_schema_page_lists_every_definition_and_field() -> None:
    page = REFERENCE_PAGES["schema.md"]()
    schemas = generate_schemas()
    for name, definition in schemas["common"]["$defs"].items():
        assert f"\n### {name}\n" in page
        for field in definition.get("properties", {}):
            assert f"| `{field}` |" in page


def test_sroi_docs_generate_writes_the_committed_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["docs", "generate", str(tmp_path / "ref")]) == 0
    printed = capsys.readouterr().out.split()
    assert len(printed) == len(REFERENCE_PAGES)
    for name in REFERENCE_PAGES:
        assert (tmp_path / "ref" / name).read_bytes() == (REFERENCE / name).read_bytes()


def test_sroi_rules_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [rule.id for rule in all_rules()]


def test_sroi_rules_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["tool"]["name"] == "sroi_core"
    assert [rule["id"] for rule in payload["rules"]] == [rule.id for rule in all_rules()]
    for rule in payload["rules"]:
        assert set(rule) == {
            "id",
            "severity",
            "category",
            "title",
            "titleNl",
            "template",
            "templateNl",
            "description",
            "descriptionNl",
        }


def test_the_public_api_map_matches_all_and_every_name_resolves() -> None:
    import sroi_core

    assert set(sroi_core._EXPORTS) | {
        "STANDARD_ID",
        "STANDARD_VERSION",
        "SUPPORTED_STANDARD_VERSIONS",
        "__version__",
    } == set(sroi_core.__all__)
    for name in sroi_core.__all__:
        assert getattr(sroi_core, name) is not None, name


def test_every_command_module_is_named_and_every_name_is_a_module() -> None:
    from sroi_core.cli import COMMAND_MODULES, COMMAND_NAMES, build_parser

    assert set(COMMAND_NAMES.values()) == set(COMMAND_MODULES)
    full = build_parser([])
    choices = next(a for a in full._actions if a.dest == "command").choices
    assert set(choices) == set(COMMAND_NAMES)
