"""The built-in catalogue nl 2026.1: valid, rebuilt from its sources, honest about every figure."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from sroi_core._decimal import exact_context, round_cent
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.codelists import codelist
from sroi_core.documents import dump_document, load_document, parse_document, validate_file
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import DocumentType, IndicatorKind, ValuationBasis
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.types import DocumentRef
from sroi_core.rules import Severity
from sroi_core.validation.schema_layer import schema_findings

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_PATH = ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json"
SOURCE_DIR = ROOT / "catalogue-src" / "nl"
DOC_PATH = ROOT / "docs" / "catalogue-nl-2026.1.md"

BREDE_WELVAART_THEMES = {
    "Welzijn",
    "Materiële welvaart",
    "Gezondheid",
    "Arbeid en vrije tijd",
    "Wonen",
    "Samenleving",
    "Veiligheid",
    "Milieu",
}
"""The eight 'hier en nu' themes of the CBS Monitor Brede Welvaart."""


def _load_build_module() -> ModuleType:
    path = ROOT / "tools" / "build_catalogue.py"
    spec = importlib.util.spec_from_file_location("build_catalogue", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_module()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    document = load_document(CATALOGUE_PATH)
    assert isinstance(document, Catalogue)
    return document


def _outcome_proxies(catalogue: Catalogue) -> list[ProxyValue]:
    credit = ValuationBasis.OBLIGATION_CREDIT
    return [p for p in catalogue.proxy_values if p.valuation_basis is not credit]


# --- validity and reproducibility ----------------------------------------------------


def test_catalogue_is_schema_valid_and_has_no_error_findings() -> None:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    assert data["documentType"] == "catalogue"
    assert data["standardVersion"] == "1.0"
    assert schema_findings(data, DocumentType.CATALOGUE) == []
    report = validate_file(CATALOGUE_PATH, CatalogueStore(builtin=False))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert report.valid


def test_only_expected_warnings(catalogue: Catalogue) -> None:
    report = validate_file(CATALOGUE_PATH, CatalogueStore(builtin=False))
    rules = {f.rule_id for f in report.findings}
    # the only warnings are for values whose source states no price year
    assert rules <= {"proxy.price-year-missing"}
    without_year = {p.id for p in catalogue.proxy_values if p.price_year is None}
    assert len([f for f in report.findings if f.rule_id == "proxy.price-year-missing"]) == len(
        without_year
    )


def test_committed_files_equal_a_fresh_build() -> None:
    fresh = build.build_catalogue(SOURCE_DIR)
    assert build.json_path(fresh) == CATALOGUE_PATH
    assert CATALOGUE_PATH.read_text(encoding="utf-8") == dump_document(fresh), (
        "sroi_core/catalogues/nl-2026.1.json is out of date: run tools/build_catalogue.py"
    )
    assert build.doc_path("2026.1") == DOC_PATH
    notes = build._notes(SOURCE_DIR, "2026.1")
    assert DOC_PATH.read_text(encoding="utf-8") == build.render_markdown(fresh, notes), (
        "docs/catalogue-nl-2026.1.md is out of date: run tools/build_catalogue.py"
    )


def test_build_check_mode_reports_up_to_date() -> None:
    assert build.main(["--check"]) == 0


def test_committed_json_round_trips_byte_for_byte() -> None:
    text = CATALOGUE_PATH.read_text(encoding="utf-8")
    assert dump_document(parse_document(text)) == text


def test_build_refuses_inconsistent_sources(tmp_path: Path) -> None:
    src = tmp_path / "nl"
    shutil.copytree(SOURCE_DIR, src)
    with (src / "proxy-values.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["indicator"] = "no-such-indicator"
    with (src / "proxy-values.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(build.BuildError, match="no-such-indicator"):
        build.build_catalogue(src)


def test_build_refuses_unknown_adjustment_profile(tmp_path: Path) -> None:
    src = tmp_path / "nl"
    shutil.copytree(SOURCE_DIR, src)
    path = src / "indicators" / "health-wellbeing.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    items[0]["adjustments"] = "made-up-profile"
    path.write_text(json.dumps(items), encoding="utf-8")
    with pytest.raises(build.BuildError, match="made-up-profile"):
        build.build_catalogue(src)


def test_builtin_store_finds_nl_2026_1() -> None:
    found = CatalogueStore().find(DocumentRef(id="nl", version="2026.1"))
    assert found is not None
    assert found.id == "nl"
    assert found.version == "2026.1"


# --- contents -----------------------------------------------------------------------------


def test_at_least_30_indicators_covering_every_theme(catalogue: Catalogue) -> None:
    assert len(catalogue.indicators) >= 30
    theme_codes = set(codelist("theme").values)
    assert len(theme_codes) == 10
    assert {i.theme for i in catalogue.indicators} == theme_codes
    assert {t.id for t in catalogue.themes} == theme_codes
    # every theme has at least one outcome indicator, not only outputs
    outcome_themes = {i.theme for i in catalogue.indicators if i.kind is IndicatorKind.OUTCOME}
    assert outcome_themes == theme_codes


def test_outcome_indicators_are_the_majority(catalogue: Catalogue) -> None:
    kinds = Counter(i.kind for i in catalogue.indicators)
    assert kinds[IndicatorKind.OUTCOME] > kinds[IndicatorKind.OUTPUT]


def test_every_text_is_bilingual(catalogue: Catalogue) -> None:
    for theme in catalogue.themes:
        assert theme.label.nl, theme.id
        assert theme.label.en, theme.id
    for outcome in catalogue.outcomes:
        assert outcome.label.nl, outcome.id
        assert outcome.label.en, outcome.id
    for ind in catalogue.indicators:
        texts = [ind.label, ind.definition, ind.measurement_method, ind.adjustments.rationale]
        if ind.not_monetised_reason is not None:
            texts.append(ind.not_monetised_reason)
        for text in texts:
            assert text.nl, ind.id
            assert text.en, ind.id
            assert text.nl != text.en, f"{ind.id}: Dutch text equals English text"


def test_themes_map_to_brede_welvaart_and_sdgs(catalogue: Catalogue) -> None:
    for theme in catalogue.themes:
        assert theme.brede_welvaart, theme.id
        assert set(theme.brede_welvaart) <= BREDE_WELVAART_THEMES, theme.id
        assert all(1 <= sdg <= 17 for sdg in theme.sdgs)


def test_indicators_reference_outcomes_of_their_own_theme(catalogue: Catalogue) -> None:
    outcome_theme = {o.id: o.theme for o in catalogue.outcomes}
    for ind in catalogue.indicators:
        assert outcome_theme[ind.outcome] == ind.theme, ind.id


def test_monetised_iff_proxy_and_reason_iff_not(catalogue: Catalogue) -> None:
    for ind in catalogue.indicators:
        proxies = catalogue.proxies_for(ind.id)
        if ind.monetisation == "monetised":
            assert proxies, f"{ind.id} is monetised but has no proxy value"
            assert ind.not_monetised_reason is None
        else:
            assert not proxies, f"{ind.id} is not monetised but has proxy values"
            assert ind.not_monetised_reason is not None


def test_obligation_credits_only_on_output_indicators(catalogue: Catalogue) -> None:
    credits = [
        p for p in catalogue.proxy_values if p.valuation_basis is ValuationBasis.OBLIGATION_CREDIT
    ]
    assert credits, "the catalogue should carry at least one bouwblokken table"
    for proxy in credits:
        assert catalogue.indicator(proxy.indicator).kind is IndicatorKind.OUTPUT, proxy.id
        assert proxy.scope.region, proxy.id
        assert proxy.scope.issuing_body, proxy.id
        assert proxy.effective_from is not None


def test_no_indicator_mixes_credit_and_outcome_values(catalogue: Catalogue) -> None:
    for ind in catalogue.indicators:
        families = {p.valuation_basis.family for p in catalogue.proxies_for(ind.id)}
        assert len(families) <= 1, ind.id


def test_no_alternative_values_on_one_indicator(catalogue: Catalogue) -> None:
    """Values of one indicator are added, so two values from one source would double count."""
    for ind in catalogue.indicators:
        titles = [p.source.title for p in catalogue.proxies_for(ind.id)]
        assert len(titles) == len(set(titles)), ind.id


def test_double_counting_groups_have_several_members(catalogue: Catalogue) -> None:
    groups = Counter(
        i.double_counting_group for i in catalogue.indicators if i.double_counting_group
    )
    assert groups
    for group, members in groups.items():
        assert members >= 2, f"double-counting group {group} has a single member"


def test_first_year_only_is_used_for_hires(catalogue: Catalogue) -> None:
    first_year = [i for i in catalogue.indicators if i.first_year_only]
    assert first_year
    for ind in first_year:
        assert ind.kind is IndicatorKind.OUTPUT
        assert ind.adjustments.max_duration_years == 1


def test_adjustment_rationales_do_not_pose_as_citations(catalogue: Catalogue) -> None:
    for ind in catalogue.indicators:
        adj = ind.adjustments
        impact = adj.deadweight + adj.attribution + adj.displacement + adj.drop_off
        if ind.kind is IndicatorKind.OUTCOME and impact > 0:
            assert "choice of the standard" in adj.rationale.text("en").lower(), ind.id


# --- proxy values: sources, licences, currencies, price years -------------------------------


def test_every_proxy_has_a_complete_source(catalogue: Catalogue) -> None:
    for proxy in catalogue.proxy_values:
        source = proxy.source
        assert source.title.strip(), proxy.id
        assert source.publisher.strip(), proxy.id
        assert 1900 <= source.year <= catalogue.published.year, proxy.id
        assert source.url, proxy.id
        if source.confidence == "derived":
            assert source.derivation, f"{proxy.id}: derived figure without its derivation"


def test_every_proxy_is_in_the_catalogue_currency(catalogue: Catalogue) -> None:
    for proxy in catalogue.proxy_values:
        assert proxy.currency == catalogue.conventions.currency == "EUR", proxy.id


def test_every_proxy_has_a_price_year_decision(catalogue: Catalogue) -> None:
    """A price year is given, or the data says in words that the source states none."""
    for proxy in catalogue.proxy_values:
        if proxy.price_year is not None:
            continue
        said = " ".join(
            t for t in (proxy.note.text("en") if proxy.note else "", proxy.source.note or "") if t
        ).lower()
        assert "price year" in said or "undated" in said, f"{proxy.id}: no price-year decision"


def test_no_proxy_carries_a_non_redistributable_licence(catalogue: Catalogue) -> None:
    licences = codelist("licence")
    for proxy in catalogue.proxy_values:
        assert proxy.licence in licences, f"{proxy.id}: licence {proxy.licence} not in codelist"
        assert licences.get(proxy.licence).get("redistributable") == "true", proxy.id


def test_no_tom_or_hact_values_are_shipped(catalogue: Catalogue) -> None:
    for proxy in catalogue.proxy_values:
        text = json.dumps(proxy.to_json_dict()["source"]).lower()
        for name in ("hact", "social value bank", "social value portal", "national toms"):
            assert name not in text, f"{proxy.id} cites {name}"


def test_transfers_are_recorded_and_their_arithmetic_holds(catalogue: Catalogue) -> None:
    transfers = [p for p in catalogue.proxy_values if p.transfer is not None]
    assert transfers, "the catalogue uses UK values and must record their transfer"
    for proxy in transfers:
        transfer = proxy.transfer
        assert transfer is not None
        assert transfer.original_currency != proxy.currency
        assert transfer.rate_source.title
        assert transfer.rate_source.publisher
        expected = round_cent(
            exact_context().divide(transfer.original_value, transfer.exchange_rate)
        )
        assert proxy.value.central == expected, proxy.id
        assert proxy.price_year is not None, f"{proxy.id}: a converted value needs a price year"
        assert transfer.note is not None


def test_uk_values_are_under_the_open_government_licence(catalogue: Catalogue) -> None:
    for proxy in catalogue.proxy_values:
        if proxy.transfer is not None and proxy.transfer.original_currency == "GBP":
            assert proxy.licence == "OGL-UK-3.0", proxy.id


def test_value_ranges_are_ordered(catalogue: Catalogue) -> None:
    for proxy in catalogue.proxy_values:
        low = proxy.value.low if proxy.value.low is not None else proxy.value.central
        high = proxy.value.high if proxy.value.high is not None else proxy.value.central
        assert Decimal(0) < low <= proxy.value.central <= high, proxy.id


# --- conventions, price index, FTE norm -----------------------------------------------------


def test_conventions(catalogue: Catalogue) -> None:
    conv = catalogue.conventions
    assert conv.discount_rate == Decimal("0.0225")
    assert conv.discount_timing.value == "end-of-year"
    assert conv.currency == "EUR"
    assert conv.valuation_year is not None
    assert conv.discount_source is not None
    assert "2.25" in (conv.discount_source.note or "")


def test_price_index_covers_valuation_year_and_every_price_year(catalogue: Catalogue) -> None:
    series = catalogue.price_index()
    assert series is not None
    years = [p.year for p in series.values]
    assert years == sorted(set(years))
    assert catalogue.conventions.valuation_year in years
    for proxy in catalogue.proxy_values:
        if proxy.price_year is not None:
            assert proxy.price_year in years, f"{proxy.id}: {proxy.price_year} cannot be rebased"
    # official anchors of the series (CBS 83131NED / 83136NED)
    assert series.value_in(2015) == Decimal("100.00")
    assert series.value_in(2022) == Decimal("121.43")
    # the series stops where CBS data stops: no extrapolated year
    assert max(years) == catalogue.conventions.valuation_year
    assert "extrapolat" in (series.source.note or "")


def test_cpi_chain_reproduces_its_derivation() -> None:
    """2023-2025 are the official 2022 value chained with CBS annual inflation, as documented."""
    with (SOURCE_DIR / "cbs-cpi-2015.csv").open(encoding="utf-8", newline="") as handle:
        index = {int(r["year"]): Decimal(r["value"]) for r in csv.DictReader(handle)}
    chained = index[2022]
    for year, rate in ((2023, "0.038"), (2024, "0.033"), (2025, "0.033")):
        chained = chained * (1 + Decimal(rate))
        assert abs(chained - index[year]) < Decimal("0.01"), year


def test_fte_norm_is_sourced(catalogue: Catalogue) -> None:
    norm = catalogue.fte_norm
    assert norm is not None
    assert norm.hours_per_fte_year > 0
    assert norm.source.derivation
    assert str(norm.hours_per_fte_year) in norm.source.derivation.replace(",", "")
    assert catalogue.fte_hours() == norm.hours_per_fte_year


# --- the generated page ----------------------------------------------------------------------


def test_page_lists_every_indicator_and_source(catalogue: Catalogue) -> None:
    page = DOC_PATH.read_text(encoding="utf-8")
    for ind in catalogue.indicators:
        assert f"`{ind.id}`" in page
        assert ind.label.text("nl").replace("|", "\\|") in page
    for proxy in _outcome_proxies(catalogue):
        assert f"`{proxy.id}`" in page
    assert "Obligation credits" in page
    assert "1872 hours per FTE-year" in page
