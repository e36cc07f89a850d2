"""Findings vectors (kind ``findings``): one rule id, one document set, the exact findings.

The vectors are written by tools/make_findings_vectors.py, which states each expected
finding by hand; these tests make sure the committed files are what it writes, that the
clean contract they start from gives no finding at all (so each expected finding is the
effect of the one change), that the runner compares findings exactly, and that every rule
of the catalogue has a vector or a written exemption.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sroi_core.conformance import run_conformance
from sroi_core.conformance_coverage import (
    coverage_markdown,
    read_exemptions,
    rule_coverage,
    vector_rule_ids,
)
from sroi_core.conformance_coverage import main as coverage_main
from sroi_core.conformance_findings import OPERATIONS, check_findings_vector
from sroi_core.errors import ConformanceError
from sroi_core.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
VECTORS = ROOT / "tests" / "conformance"
TOOL = ROOT / "tools" / "make_findings_vectors.py"


@cache
def _tool() -> ModuleType:
    if str(TOOL.parent) not in sys.path:
        sys.path.insert(0, str(TOOL.parent))
    spec = importlib.util.spec_from_file_location("make_findings_vectors", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _files(docs: dict[str, Any], roles: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(f"{role}.json", json.dumps(docs[role])) for role in roles]


def test_every_rule_has_a_vector_or_an_exemption() -> None:
    coverage = rule_coverage(VECTORS)
    assert coverage.missing == (), f"rules without a vector or exemption: {coverage.missing}"
    assert coverage.unknown == (), f"vectors or exemptions name unknown rules: {coverage.unknown}"
    assert coverage.exempt_with_vector == (), "an exempt rule has a vector: drop the exemption"
    assert coverage.total == len(all_rules())
    assert len(coverage.with_vector) >= 100


def test_a_new_rule_without_a_vector_is_a_gap(tmp_path: Path) -> None:
    (tmp_path / "rule-exemptions.csv").write_text("ruleId,reason\n", encoding="utf-8")
    coverage = rule_coverage(tmp_path)
    assert len(coverage.missing) == len(all_rules())
    assert coverage_main([str(tmp_path)]) == 1


def test_exemptions_have_reasons_and_are_documented() -> None:
    exemptions = read_exemptions(VECTORS)
    docs = (ROOT / "docs" / "conformance-coverage.md").read_text(encoding="utf-8")
    assert docs == coverage_markdown(rule_coverage(VECTORS)), (
        "docs/conformance-coverage.md is stale: python -m sroi_core.conformance_coverage "
        "--markdown tests/conformance > docs/conformance-coverage.md"
    )
    readme = (VECTORS / "README.md").read_text(encoding="utf-8")
    for rule_id, reason in exemptions.items():
        assert len(reason) > 40, rule_id
        assert f"`{rule_id}`" in docs, rule_id
    coverage = rule_coverage(VECTORS)
    figure = f"{len(coverage.with_vector)} of {coverage.total} rules"
    assert figure in docs
    assert figure in readme


def test_committed_vectors_are_what_the_tool_writes() -> None:
    tool = _tool()
    targets = tool.targets()
    on_disk = set((VECTORS / "findings").glob("*.json"))
    assert on_disk == set(targets), "stale or missing files in tests/conformance/findings"
    for path, content in targets.items():
        assert path.read_text(encoding="utf-8") == content, path.name


def test_the_tool_imports_nothing_from_sroi_core() -> None:
    for name in ("make_findings_vectors.py", "vector_files.py"):
        text = (ROOT / "tools" / name).read_text(encoding="utf-8")
        assert "sroi_core" not in text.replace("imports nothing from sroi_core", "")


@pytest.mark.parametrize("version", ["1.0", "2.0"])
def test_the_clean_contract_gives_no_finding(version: str) -> None:
    """Each vector changes one thing in this contract: its findings are that change's."""
    docs = _tool().BASES[version]()
    contract = ("catalogue", "tender", "bid", "report")
    assert OPERATIONS["validate"](_files(docs, contract)) == []
    assert OPERATIONS["check"](_files(docs, contract)) == []
    assert OPERATIONS["history"](_files(docs, ("report",))) == []
    assert OPERATIONS["monitor"](_files(docs, contract)) == []
    assert OPERATIONS["ledger"](_files(docs, ("catalogue", "bid", "report"))) == []


def _vector(name: str) -> dict[str, Any]:
    return json.loads((VECTORS / "findings" / f"{name}.json").read_text(encoding="utf-8"))


def test_a_wrong_pointer_fails() -> None:
    vector = _vector("ref-unknown-indicator")
    vector["expected"][0]["pointer"] = "/commitments/0/quantity"
    messages = check_findings_vector(vector)
    assert any(m.startswith("missing: ref.unknown") for m in messages)
    assert any(m.startswith("unexpected: ref.unknown") for m in messages)


def test_an_extra_finding_fails_and_a_wrong_file_fails() -> None:
    vector = _vector("quality-self-declared-only")
    dropped = vector["expected"].pop()
    assert check_findings_vector(vector) == [
        f"unexpected: {dropped['ruleId']} ({dropped['severity']}) at "
        f"{dropped['file']}#{dropped['pointer']}"
    ]
    vector = _vector("ref-unknown-indicator")
    vector["expected"][0]["file"] = "catalogue.json"
    assert len(check_findings_vector(vector)) == 2


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"kindVersion": 2}, "kindVersion"),
        ({"operation": "guess"}, "unknown operation"),
        ({"rules": []}, "'rules'"),
        ({"rules": ["id.duplicate"]}, "no expected finding of the rules it is for"),
        ({"files": []}, "'files'"),
    ],
)
def test_a_malformed_findings_vector_is_refused(change: dict[str, Any], fragment: str) -> None:
    vector = {**_vector("ref-unknown-indicator"), **change}
    with pytest.raises(ConformanceError, match=fragment):
        check_findings_vector(vector)


def test_an_invalid_file_for_a_later_operation_is_a_malformed_vector(tmp_path: Path) -> None:
    vector = _vector("quality-duration-over-cap")
    vector["files"][2]["document"]["commitments"][0]["indicator"] = "ind-missing"
    (tmp_path / "quality-duration-over-cap.json").write_text(json.dumps(vector), "utf-8")
    report = run_conformance(tmp_path)
    assert report.failed == 1
    assert "must be valid for this operation" in report.outcomes[0].messages[0]


def test_vector_rule_ids_of_each_kind() -> None:
    assert vector_rule_ids(_vector("ref-unknown-indicator")) == {"ref.unknown"}
    assert vector_rule_ids({"kind": "document-error", "expectedError": {"code": "x"}}) == set()
    award = json.loads((VECTORS / "award" / "award-refused-bid-others-scored.json").read_text())
    assert "award.bid-refused" in vector_rule_ids(award)


def test_every_operation_has_a_vector() -> None:
    used = {
        json.loads(p.read_text(encoding="utf-8"))["operation"]
        for p in (VECTORS / "findings").glob("*.json")
    }
    assert used == set(OPERATIONS)
