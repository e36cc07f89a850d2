"""Editions of the built-in catalogue `nl`: 2026.1 as published, 2026.2 (standard 2.0) prepared.

The 2.0 fields (price-year basis, wellbeing derivation, indicator URI, transfer method) are
written only when the installed model knows them, so these tests hold before and after the
2.0 model is merged: they check the 2.0 content that is model-independent, and the 2.0 fields
exactly when the model has them.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sroi_core._decimal import exact_context, round_cent
from sroi_core._version import SUPPORTED_STANDARD_VERSIONS
from sroi_core.codelists import codelist
from sroi_core.model.indicator import Indicator
from sroi_core.model.proxy_value import CurrencyTransfer, ProxyValue

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "catalogue-src" / "nl"
NEW_INDICATORS = {"sc-community-resilience", "sc-mutual-support", "ac-facilities-access"}


def _load_build() -> ModuleType:
    path = ROOT / "tools" / "build_catalogue.py"
    spec = importlib.util.spec_from_file_location("build_catalogue_editions", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()


def _rows(name: str, src: Path = SOURCE_DIR) -> list[dict[str, str]]:
    with (src / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def second() -> dict[str, Any]:
    document: dict[str, Any] = build.build_document(SOURCE_DIR, "2026.2")
    return document


def _proxy(document: dict[str, Any], proxy_id: str) -> dict[str, Any]:
    return next(p for p in document["proxyValues"] if p["id"] == proxy_id)


def test_first_edition_leaves_out_later_items_and_bookkeeping() -> None:
    first = build.build_document(SOURCE_DIR, "2026.1")
    ids = {i["id"] for i in first["indicators"]}
    assert not ids & NEW_INDICATORS
    assert {"oc-sc-resilience", "oc-ac-facilities"}.isdisjoint(o["id"] for o in first["outcomes"])
    text = json.dumps(first)
    assert '"since"' not in text
    assert '"editions"' not in text
    assert "priceYearBasis" not in text
    assert first["standardVersion"] == "1.0"
    assert first["version"] == "2026.1"


def test_second_edition_is_a_standard_2_document_with_the_new_indicators(
    second: dict[str, Any],
) -> None:
    assert second["standardVersion"] == "2.0"
    assert second["version"] == "2026.2"
    indicators = {i["id"]: i for i in second["indicators"]}
    assert indicators.keys() >= NEW_INDICATORS
    outcomes = {o["id"]: o["theme"] for o in second["outcomes"]}
    for indicator_id in NEW_INDICATORS:
        indicator = indicators[indicator_id]
        assert outcomes[indicator["outcome"]] == indicator["theme"]
        for field in ("label", "definition", "measurementMethod", "notMonetisedReason"):
            assert indicator[field]["nl"]
            assert indicator[field]["en"]
            assert indicator[field]["nl"] != indicator[field]["en"]
    assert '"since"' not in json.dumps(second)
    assert '"editions"' not in json.dumps(second)


def test_every_outcome_value_has_a_price_year_in_the_second_edition(
    second: dict[str, Any],
) -> None:
    by_id = {row["id"]: row for row in _rows("proxy-values.csv")}
    assumed = 0
    for proxy in second["proxyValues"]:
        if proxy["valuationBasis"] == "obligation-credit":
            assert "priceYear" not in proxy  # credits are never rebased
            continue
        assert isinstance(proxy["priceYear"], int), proxy["id"]
        row = by_id[proxy["id"]]
        if row["price_year_basis"] == "assumed":
            assumed += 1
            # the written rule: the publication year of the source
            assert proxy["priceYear"] == int(proxy["effectiveFrom"][:4])
        if "price_year_basis" in ProxyValue.model_fields:
            assert proxy["priceYearBasis"] == row["price_year_basis"]
        else:
            assert "priceYearBasis" not in proxy
    assert assumed == 3  # CPB/SCP 2020 and the two IBO 2024 values


def test_wellbeing_value_is_the_product_of_effect_and_wellby(second: dict[str, Any]) -> None:
    effects = [row for row in _rows("wellbeing-effects.csv") if row["status"] == "shipped"]
    wellby = _rows("wellby-values.csv")[0]
    rate_row = min(
        (r for r in _rows("currency-transfers.csv") if r["status"] == "available"),
        key=lambda r: int(r["preference"]),
    )
    assert effects
    for effect_row in effects:
        proxy = _proxy(second, effect_row["proxy_value"])
        for level in ("low", "central", "high"):
            product = exact_context().multiply(
                Decimal(effect_row["effect"]), Decimal(wellby[level])
            )
            expected = round_cent(exact_context().divide(product, Decimal(rate_row["rate"])))
            assert Decimal(proxy["value"][level]) == expected
        assert proxy["transfer"]["exchangeRate"] == rate_row["rate"]
        has_derivation = "wellbeing_derivation" in ProxyValue.model_fields
        assert ("wellbeingDerivation" in proxy) is has_derivation
        has_method = "method" in CurrencyTransfer.model_fields
        assert ("method" in proxy["transfer"]) is has_method


def test_shipped_effects_are_redistributable_and_withheld_ones_say_why() -> None:
    licences = codelist("licence")
    for row in _rows("wellbeing-effects.csv"):
        assert row["status"] in {"shipped", "not-shipped"}
        if row["status"] == "shipped":
            assert licences.get(row["licence"]).get("redistributable") == "true"
        else:
            assert row["reason_en"].startswith("Not shipped")
            assert row["reason_nl"].startswith("Niet opgenomen")


def test_sensitivity_defaults_are_a_widening_convention() -> None:
    rows = {row["confidence"]: row for row in _rows("sensitivity-defaults.csv")}
    assert list(rows) == ["primary", "secondary", "derived"]
    widths = []
    for row in rows.values():
        low, high = Decimal(row["low_factor"]), Decimal(row["high_factor"])
        assert Decimal(0) < low < 1 < high
        assert row["kind"] == "convention"
        widths.append(high - low)
    assert widths == sorted(widths)
    assert len(set(widths)) == 3


def test_a_purchasing_power_parity_replaces_the_market_rate(tmp_path: Path) -> None:
    src = tmp_path / "nl"
    shutil.copytree(SOURCE_DIR, src)
    path = src / "currency-transfers.csv"
    text = path.read_text(encoding="utf-8")
    # an illustrative rate, only to show the preference order; not a published figure
    text = text.replace("2019,ppp,,1,not-available,,", "2019,ppp,0.80000,1,available,cbs-cpi-2015,")
    path.write_text(text, encoding="utf-8")
    document = build.build_document(src, "2026.2")
    proxy = _proxy(document, "pv-hmt-wellby")
    assert proxy["value"]["central"] == "16250.00"  # 13000 / 0.8
    assert proxy["transfer"]["exchangeRate"] == "0.80000"
    assert "0.80000" in proxy["transfer"]["note"]["en"]


def test_build_refuses_an_assumed_price_year_other_than_the_publication_year(
    tmp_path: Path,
) -> None:
    src = tmp_path / "nl"
    shutil.copytree(SOURCE_DIR, src)
    path = src / "proxy-values.csv"
    text = path.read_text(encoding="utf-8")
    assert ",assumed,2020" in text
    path.write_text(text.replace(",assumed,2020", ",assumed,2018"), encoding="utf-8")
    build.build_document(src, "2026.1")  # the first edition does not read the column
    with pytest.raises(build.BuildError, match="publication year"):
        build.build_document(src, "2026.2")


def test_build_refuses_a_derivation_that_does_not_match_the_stated_value(tmp_path: Path) -> None:
    src = tmp_path / "nl"
    shutil.copytree(SOURCE_DIR, src)
    path = src / "wellbeing-effects.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("we-life-satisfaction-point,health-wellbeing,hw-life-satisfaction-gain,One point more life satisfaction on the 0-10 scale,1,", "we-life-satisfaction-point,health-wellbeing,hw-life-satisfaction-gain,One point more life satisfaction on the 0-10 scale,1.5,"), encoding="utf-8")  # noqa: E501
    with pytest.raises(build.BuildError, match="wellbeing derivation"):
        build.build_document(src, "2026.2")


def test_unknown_edition_is_refused() -> None:
    with pytest.raises(build.BuildError, match="unknown edition"):
        build.build_document(SOURCE_DIR, "2027.1")


def test_second_edition_builds_or_says_which_standard_is_missing() -> None:
    if "2.0" in SUPPORTED_STANDARD_VERSIONS:
        catalogue = build.build_catalogue(SOURCE_DIR, "2026.2")
        assert catalogue.version == "2026.2"
        if "uri" in Indicator.model_fields:
            indicator = next(i for i in catalogue.indicators if i.id == "sc-mutual-support")
            assert (
                str(indicator.uri)
                == "https://sroi-os.org/id/catalogue/nl/indicator/sc-mutual-support"
            )
    else:
        with pytest.raises(build.BuildError, match=r"standard 2\.0"):
            build.build_catalogue(SOURCE_DIR, "2026.2")


def test_second_edition_writes_every_2_0_field_once_the_model_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the 2026.2 build emits with the 2.0 model: the wire names the model must accept."""
    monkeypatch.setattr(build, "_model_knows", lambda *_: True)
    document = build.build_document(SOURCE_DIR, "2026.2")
    indicators = {i["id"]: i for i in document["indicators"]}
    for indicator in indicators.values():
        assert indicator["uri"] == (
            f"https://sroi-os.org/id/catalogue/nl/indicator/{indicator['id']}"
        )
    assert indicators["hw-life-satisfaction-gain"]["valuationMethod"] == "mean-change"
    assert indicators["sc-community-resilience"]["level"] == "area"
    assert indicators["sc-mutual-support"]["dataCategory"] == "none"
    for proxy in document["proxyValues"]:
        if proxy["valuationBasis"] != "obligation-credit":
            assert proxy["priceYearBasis"] in {"stated", "assumed"}
        if "transfer" in proxy:
            assert proxy["transfer"]["method"] == "market-rate"
    derivation = _proxy(document, "pv-hmt-wellby")["wellbeingDerivation"]
    assert set(derivation) == {
        "lifeSatisfactionEffect",
        "effectSource",
        "population",
        "wellbyValue",
        "wellbyCurrency",
        "wellbyPriceYear",
        "wellbySource",
        "transfer",
    }
    assert derivation["lifeSatisfactionEffect"] == "1"
    assert derivation["wellbyValue"] == "13000"
    assert derivation["wellbyPriceYear"] == 2019
    assert derivation["population"]["nl"] != derivation["population"]["en"]


def test_every_indicator_has_a_level_and_a_data_category() -> None:
    rows = {row["indicator"]: row for row in _rows("indicator-data-protection.csv")}
    second = build.build_document(SOURCE_DIR, "2026.2")
    assert {i["id"] for i in second["indicators"]} == set(rows)
    for row in rows.values():
        assert row["level"] in {"participant", "area"}
        assert row["data_category"] in {"none", "personal", "special-health", "criminal"}
        assert row["reason_en"]
        assert row["reason_nl"]
    assert rows["sb-youth-no-reoffending"]["data_category"] == "criminal"
    assert rows["hw-distress-high-risk-left"]["data_category"] == "special-health"
    # an area-level survey result carries no person
    for indicator in second["indicators"]:
        if indicator["definition"]["en"].startswith("Area level."):
            assert rows[indicator["id"]] == rows[indicator["id"]] | {
                "level": "area",
                "data_category": "none",
            }


def test_build_refuses_an_indicator_without_a_data_category(tmp_path: Path) -> None:
    src = tmp_path / "nl"
    shutil.copytree(SOURCE_DIR, src)
    path = src / "indicator-data-protection.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("sc-mutual-support,")))
    with pytest.raises(build.BuildError, match="sc-mutual-support"):
        build.build_document(src, "2026.2")


# --- the shipped 2026.2 file ---------------------------------------------------------------


SHIPPED_SECOND = ROOT / "sroi_core" / "catalogues" / "nl-2026.2.json"


def test_shipped_second_edition_equals_a_fresh_build_and_its_page() -> None:
    from sroi_core.documents import dump_document

    fresh = build.build_catalogue(SOURCE_DIR, "2026.2")
    assert build.json_path(fresh) == SHIPPED_SECOND
    assert SHIPPED_SECOND.read_text(encoding="utf-8") == dump_document(fresh), (
        "sroi_core/catalogues/nl-2026.2.json is out of date: run tools/build_catalogue.py"
    )
    page = build.doc_path("2026.2")
    assert page == ROOT / "docs" / "catalogue-nl.md"  # the page of the newest edition
    expected = build.render_markdown(fresh, build._notes(SOURCE_DIR, "2026.2"))
    assert page.read_text(encoding="utf-8") == expected
    assert "## The four community themes: why no value ships yet" in expected
    assert "2026.2" in build.DEFAULT_EDITIONS


def test_every_shipped_second_edition_value_carries_its_provenance() -> None:
    from sroi_core.documents import load_document
    from sroi_core.model.catalogue import Catalogue

    catalogue = load_document(SHIPPED_SECOND)
    assert isinstance(catalogue, Catalogue)
    assert catalogue.standard_version == "2.0"
    licences = codelist("licence")
    by_id = {row["id"]: row for row in _rows("proxy-values.csv")}
    for proxy in catalogue.proxy_values:
        source = proxy.source
        assert source.title
        assert source.publisher
        assert source.year
        assert source.url, proxy.id
        assert proxy.currency == "EUR"
        assert licences.get(proxy.licence).get("redistributable") == "true", proxy.id
        assert "ILLUSTRATIVE" not in json.dumps(proxy.to_json_dict()).upper()  # only sourced
        if proxy.valuation_basis.value == "obligation-credit":
            assert proxy.price_year is None  # effort credits are never rebased
            continue
        assert proxy.price_year is not None, proxy.id
        basis = str(getattr(proxy.price_year_basis, "value", proxy.price_year_basis))
        row = by_id[proxy.id]
        assert basis == row["price_year_basis"]
        if basis == "assumed":  # the written rule: the source's publication year
            assert row["price_year"] == ""
            assert proxy.price_year == proxy.effective_from.year
        else:
            assert proxy.price_year == int(row["price_year"])
    uris = {str(i.uri) for i in catalogue.indicators}
    assert len(uris) == len(catalogue.indicators)
