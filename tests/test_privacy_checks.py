"""Special-category indicators (dataCategory): aggregates only, a minimum cell size.

Health and criminal-record data may reach the buyer only as an aggregate: per-person
references are an error and monitoring does not count the item; an aggregate of fewer
people than the minimum cell size draws a warning.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from sroi_core.documents import document_from_data
from sroi_core.model import Bid, Catalogue, EvidenceReport, Tender
from sroi_core.monitoring import monitor_contract
from sroi_core.quality import run_checks
from sroi_core.quality.context import Thresholds
from sroi_core.rules import Severity, get_rule

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "2.0"
RECORDS = "quality.special-category-records"
SMALL_CELL = "quality.special-category-small-cell"


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def _catalogue(category: str, indicator: str = "ind-work-fte") -> Catalogue:
    data = copy.deepcopy(_data("catalogue.illustrative.json"))
    for item in data["indicators"]:
        if item["id"] == indicator:
            item["dataCategory"] = category
    catalogue = document_from_data(data)
    assert isinstance(catalogue, Catalogue)
    return catalogue


def _report(**changes: Any) -> EvidenceReport:
    data = copy.deepcopy(_data("evidence-report.json"))
    data["items"][0].update(changes)
    report = document_from_data(data)
    assert isinstance(report, EvidenceReport)
    return report


def _documents() -> tuple[Tender, Bid]:
    tender = document_from_data(_data("tender.json"))
    bid = document_from_data(_data("bid.json"))
    assert isinstance(tender, Tender)
    assert isinstance(bid, Bid)
    return tender, bid


def _ids(catalogue: Catalogue, report: EvidenceReport, **options: Any) -> list[str]:
    tender, bid = _documents()
    findings = run_checks([tender, bid, (report, "evidence.json")], catalogue=catalogue, **options)
    return [f.rule_id for f in findings if f.rule_id.startswith("quality.special-category")]


def test_rules_are_in_the_catalogue_with_both_languages() -> None:
    records, small = get_rule(RECORDS), get_rule(SMALL_CELL)
    assert records.severity is Severity.ERROR
    assert small.severity is Severity.WARNING
    assert records.template_nl
    assert small.template_nl


@pytest.mark.parametrize("category", ["special-health", "criminal"])
def test_per_person_references_for_special_category_are_an_error(category: str) -> None:
    report = _report()
    assert report.items[0].subjects, "the example item must list subjects"
    tender, bid = _documents()
    findings = run_checks(
        [tender, bid, (report, "evidence.json")], catalogue=_catalogue(category)
    )
    found = [f for f in findings if f.rule_id == RECORDS]
    assert len(found) == 1  # e-003 has subjects too, but it is rejected: not live
    assert found[0].pointer == "/items/0/subjects"
    assert found[0].source == "evidence.json"
    assert category in found[0].message
    assert "telt niet mee" in found[0].message_nl


@pytest.mark.parametrize("category", ["none", "personal"])
def test_ordinary_indicators_may_list_pseudonyms(category: str) -> None:
    assert _ids(_catalogue(category), _report()) == []


def test_small_aggregate_warns_and_threshold_is_configurable() -> None:
    catalogue = _catalogue("special-health", indicator="ind-work-12m")
    small = _report(
        indicator="ind-work-12m", quantity={"value": "4", "unit": "person"}, subjects=[]
    )
    assert _ids(catalogue, small) == [SMALL_CELL]
    large = _report(
        indicator="ind-work-12m", quantity={"value": "12", "unit": "person"}, subjects=[]
    )
    assert _ids(catalogue, large) == []
    lower = Thresholds().with_overrides({"min-cell-size": "3"})
    assert _ids(catalogue, small, thresholds=lower) == []
    assert Thresholds().as_params()["min-cell-size"] == "10"


def test_monitoring_does_not_count_per_person_special_category_evidence() -> None:
    tender, bid = _documents()
    report = _report()
    plain = monitor_contract(tender, bid, [report], _catalogue("none"))
    special = monitor_contract(tender, bid, [report], _catalogue("special-health"))
    before = next(i for i in plain.items if i.item == "e-001")
    after = next(i for i in special.items if i.item == "e-001")
    assert before.bucket == "verified"
    assert after.bucket == "not-counted"
    assert "per person" in after.reason
    assert before.outcome_value > 0
    assert after.outcome_value == before.outcome_value  # shown, not counted
    assert special.outcome.verified == plain.outcome.verified - before.outcome_value
    assert special.outcome.not_counted == plain.outcome.not_counted + before.outcome_value
    assert any(f.rule_id == RECORDS for f in special.findings)
