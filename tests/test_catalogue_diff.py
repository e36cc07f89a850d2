"""diff_catalogues: what a new catalogue version changes, found on constructed variants."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from sroi_core.catalogue_diff import (
    CatalogueDiff,
    Deprecation,
    FieldChange,
    ItemRef,
    diff_catalogues,
)
from sroi_core.documents import parse_document
from sroi_core.model.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_PATH = ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json"


@pytest.fixture(scope="module")
def base_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    return data


def _catalogue(data: dict[str, Any]) -> Catalogue:
    document = parse_document(json.dumps(data))
    assert isinstance(document, Catalogue)
    return document


def _variant(base: dict[str, Any], version: str = "2026.2") -> dict[str, Any]:
    data = copy.deepcopy(base)
    data["version"] = version
    return data


def _indicator(data: dict[str, Any], indicator_id: str) -> dict[str, Any]:
    item: dict[str, Any] = next(i for i in data["indicators"] if i["id"] == indicator_id)
    return item


def _proxy(data: dict[str, Any], proxy_id: str) -> dict[str, Any]:
    item: dict[str, Any] = next(p for p in data["proxyValues"] if p["id"] == proxy_id)
    return item


def test_identical_catalogues_have_no_differences(base_data: dict[str, Any]) -> None:
    old = _catalogue(base_data)
    result = diff_catalogues(old, _catalogue(copy.deepcopy(base_data)))
    assert not result.has_changes
    assert result.to_text().splitlines()[-1] == "No differences."
    assert json.loads(result.to_json())["hasChanges"] is False


def test_only_the_version_changed_is_no_content_change(base_data: dict[str, Any]) -> None:
    result = diff_catalogues(_catalogue(base_data), _catalogue(_variant(base_data)))
    assert not result.has_changes
    assert result.old == "nl 2026.1"
    assert result.new == "nl 2026.2"


def test_added_and_removed_indicators(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    added = copy.deepcopy(_indicator(new, "hw-perceived-health-good"))
    added["id"] = "hw-new-indicator"
    new["indicators"].append(added)
    new["indicators"] = [i for i in new["indicators"] if i["id"] != "sb-feel-at-home"]
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    assert result.added_indicators == (ItemRef("hw-new-indicator"),)
    assert result.removed_indicators == (ItemRef("sb-feel-at-home"),)
    assert result.changed_indicators == ()
    reverse = diff_catalogues(_catalogue(new), _catalogue(base_data))
    assert reverse.added_indicators == result.removed_indicators
    assert reverse.removed_indicators == result.added_indicators


def test_deprecated_indicator_is_listed_once(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    item = _indicator(new, "sc-volunteering-start")
    item["deprecated"] = True
    item["replacedBy"] = "sc-informal-care-hours"
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    assert result.deprecated_indicators == (
        Deprecation("sc-volunteering-start", "sc-informal-care-hours"),
    )
    assert all(c.id != "sc-volunteering-start" for c in result.changed_indicators)
    assert "replaced by sc-informal-care-hours" in result.to_text()


def test_changed_proxy_value_price_year_source_and_licence(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    proxy = _proxy(new, "pv-pw-single-2025")
    proxy["value"]["central"] = "16500.00"
    proxy["priceYear"] = 2024
    proxy["source"]["year"] = 2026
    proxy["licence"] = "CC-BY-4.0"
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    assert len(result.changed_proxy_values) == 1
    change = result.changed_proxy_values[0]
    assert change.id == "pv-pw-single-2025"
    assert change.indicator == "wp-bijstand-exit-single-12m"
    assert set(change.changes) == {
        FieldChange("value.central", "16145.40", "16500.00"),
        FieldChange("priceYear", "2025", "2024"),
        FieldChange("source.year", "2025", "2026"),
        FieldChange("licence", "public-information", "CC-BY-4.0"),
    }
    text = result.to_text()
    assert "value.central: 16145.40 -> 16500.00" in text
    assert "Changed proxy values (1):" in text


def test_removed_price_year_shows_as_absent(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    del _proxy(new, "pv-zin-informal-care-hour")["priceYear"]
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    (change,) = result.changed_proxy_values
    assert change.changes == (FieldChange("priceYear", "2022", None),)
    assert "priceYear: 2022 -> (absent)" in result.to_text()


def test_added_and_removed_proxy_values(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    new["proxyValues"] = [p for p in new["proxyValues"] if p["id"] != "pv-hmt-wellby"]
    indicator = _indicator(new, "hw-life-satisfaction-gain")
    indicator["monetisation"] = "not-monetised"
    indicator["notMonetisedReason"] = {"nl": "Geen waarde.", "en": "No value."}
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    assert result.removed_proxy_values == (ItemRef("pv-hmt-wellby", "hw-life-satisfaction-gain"),)
    (changed,) = result.changed_indicators
    assert changed.id == "hw-life-satisfaction-gain"
    fields = {c.field for c in changed.changes}
    assert fields == {"monetisation", "notMonetisedReason.nl", "notMonetisedReason.en"}
    reverse = diff_catalogues(_catalogue(new), _catalogue(base_data))
    assert reverse.added_proxy_values == result.removed_proxy_values


def test_changed_adjustments_are_reported_separately(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    adjustments = _indicator(new, "wp-work-disability-job-12m")["adjustments"]
    adjustments["deadweight"] = "0.15"
    adjustments["maxDurationYears"] = 2
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    (change,) = result.changed_adjustments
    assert change.id == "wp-work-disability-job-12m"
    assert set(change.changes) == {
        FieldChange("deadweight", "0.25", "0.15"),
        FieldChange("maxDurationYears", "3", "2"),
    }
    assert result.changed_indicators == ()


def test_changed_conventions_fte_norm_and_price_index(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    new["conventions"]["discountRate"] = "0.03"
    new["conventions"]["valuationYear"] = 2024
    new["fteNorm"]["hoursPerFteYear"] = "1836"
    series = new["priceIndices"][0]
    series["values"][-1]["value"] = "134.60"
    series["values"].append({"year": 2026, "value": "137.00"})
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    assert set(result.changed_conventions) == {
        FieldChange("conventions.discountRate", "0.0225", "0.03"),
        FieldChange("conventions.valuationYear", "2025", "2024"),
        FieldChange("fteNorm.hoursPerFteYear", "1872", "1836"),
    }
    assert set(result.changed_price_indices) == {
        FieldChange("cbs-cpi-2015[2025]", "134.50", "134.60"),
        FieldChange("cbs-cpi-2015[2026]", None, "137.00"),
    }


def test_json_rendering(base_data: dict[str, Any]) -> None:
    new = _variant(base_data)
    new["indicators"] = [i for i in new["indicators"] if i["id"] != "lv-clean-up-activities"]
    _proxy(new, "pv-desnz-carbon-2025")["value"]["central"] = "330.00"
    result = diff_catalogues(_catalogue(base_data), _catalogue(new))
    data = json.loads(result.to_json())
    assert data["old"] == "nl 2026.1"
    assert data["new"] == "nl 2026.2"
    assert data["hasChanges"] is True
    assert data["removedIndicators"] == [{"id": "lv-clean-up-activities"}]
    assert data["changedProxyValues"] == [
        {
            "id": "pv-desnz-carbon-2025",
            "indicator": "ce-co2e-reduced",
            "changes": [{"field": "value.central", "old": "320.21", "new": "330.00"}],
        }
    ]
    assert data["addedIndicators"] == []
    assert set(data) >= {
        "deprecatedIndicators",
        "changedAdjustments",
        "changedConventions",
        "changedPriceIndices",
    }


def test_text_rendering_has_a_section_per_kind() -> None:
    diff = CatalogueDiff(
        old="x 1",
        new="x 2",
        added_indicators=(ItemRef("a"),),
        removed_indicators=(ItemRef("b"),),
        changed_conventions=(FieldChange("conventions.currency", "EUR", "GBP"),),
    )
    text = diff.to_text()
    assert "Added indicators (1):\n  + a" in text
    assert "Removed indicators (1):\n  - b" in text
    assert "  ~ conventions.currency: EUR -> GBP" in text
    assert "Changed proxy values" not in text
