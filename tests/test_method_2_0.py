"""The 2.0 valuation method: perspectives apart, a ratio over the incremental cost,
anchored discounting, mean-change valuation, price years by rule (issue 10)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import quality_fixtures as fx

from sroi_core.migrate import NoteKind, migrate_document
from sroi_core.model import Money
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import Perspective, ValuationBasis
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.evidence import ScaleResult
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.valuation import ValuationLine
from sroi_core.quality import run_checks
from sroi_core.valuation.anchoring import contract_years, cost_present_value, whole_years
from sroi_core.valuation.discounting import constant
from sroi_core.valuation.document import mean_change_quantity, value_document
from sroi_core.valuation.line import DiscountTiming, LineSpec
from sroi_core.valuation.reference import value_line

ROOT = Path(__file__).resolve().parents[1]
V2 = "2.0"


def bid2(**changes: object) -> object:
    return fx.bid(standard_version=V2, **changes)


def tender2(**changes: object) -> object:
    return fx.tender(standard_version=V2, **changes)


def ratio(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def two_places(value: Fraction) -> Decimal:
    return Decimal(round(value * 100)).scaleb(-2).quantize(Decimal("0.01"), ROUND_HALF_EVEN)


def test_perspectives_are_totalled_apart_and_never_summed() -> None:
    valuation = value_document(bid2(), fx.catalogue(), tender=tender2())
    assert valuation.standard_version == V2
    assert valuation.totals.outcome_value is None
    assert valuation.sroi_ratio is None
    assert valuation.investment is None
    by = {t.perspective: t for t in valuation.totals.by_perspective or ()}
    assert set(by) == {Perspective.PUBLIC_PURSE, Perspective.SOCIETY}
    per_basis: dict[Perspective, Decimal] = {p: Decimal(0) for p in Perspective}
    for line in valuation.lines:
        for value in line.values:
            perspective = value.valuation_basis.perspective
            if line.counted and perspective is not None:
                per_basis[perspective] += value.present_value
    assert by[Perspective.PUBLIC_PURSE].present_value == per_basis[Perspective.PUBLIC_PURSE]
    assert by[Perspective.SOCIETY].present_value == per_basis[Perspective.SOCIETY]
    assert ValuationBasis.FISCAL.perspective is Perspective.PUBLIC_PURSE
    assert ValuationBasis.OBLIGATION_CREDIT.perspective is None
    assert any("never summed across perspectives" in note for note in valuation.notes)


def test_without_incremental_cost_value_per_contract_euro_is_reported_not_a_ratio() -> None:
    valuation = value_document(bid2(), fx.catalogue(), tender=tender2())
    for total in valuation.totals.by_perspective or ():
        assert total.sroi_ratio is None
        expected = two_places(Fraction(total.present_value) / 2_000_000)
        assert total.value_per_contract_euro == expected
    assert any("not an SROI ratio" in note for note in valuation.notes)


def test_ratio_is_over_the_discounted_incremental_cost() -> None:
    cost = Money(amount="100000", currency="EUR")
    valuation = value_document(bid2(incremental_cost=cost), fx.catalogue(), tender=tender2())
    # 2026-01-01..2029-12-31: four contract years of 25,000 each, base date = contract start,
    # end-of-year at 3.5 %: year k discounted by k periods.
    cost_pv = sum(Fraction(25000) / Fraction(1035, 1000) ** k for k in range(1, 5))
    assert valuation.incremental_cost_present_value == two_places(cost_pv)
    for total in valuation.totals.by_perspective or ():
        assert total.value_per_contract_euro is None
        assert total.sroi_ratio == two_places(
            Fraction(total.present_value) / Fraction(valuation.incremental_cost_present_value)
        )
    sensitivity = {s.perspective: s for s in valuation.sensitivity.by_perspective or ()}
    society = sensitivity[Perspective.SOCIETY]
    assert [s.name for s in society.scenarios][:3] == ["low", "central", "high"]
    assert {b.adjustment for b in society.break_even} == {
        "deadweight",
        "attribution",
        "displacement",
        "dropOff",
    }


@pytest.mark.parametrize("amount", ["0", "2000001", "9999"])
def test_implausible_cost_gives_no_ratio_and_a_finding(amount: str) -> None:
    bid = bid2(incremental_cost=Money(amount=amount, currency="EUR"))
    valuation = value_document(bid, fx.catalogue(), tender=tender2())
    assert all(t.sroi_ratio is None for t in valuation.totals.by_perspective or ())
    assert all(t.value_per_contract_euro is not None for t in valuation.totals.by_perspective or ())
    findings = run_checks([tender2(), bid], catalogue=fx.catalogue())
    wanted = "quality.incremental-cost-" + ("zero" if amount == "0" else "implausible")
    hits = [f for f in findings if f.rule_id == wanted]
    assert len(hits) == 1
    assert hits[0].message_nl


def test_a_plausible_cost_draws_no_cost_finding() -> None:
    bid = bid2(incremental_cost=Money(amount="100000", currency="EUR"))
    findings = run_checks([tender2(), bid], catalogue=fx.catalogue())
    assert not [f for f in findings if f.rule_id.startswith("quality.incremental-cost")]


def test_lines_are_offset_from_the_base_date() -> None:
    late = fx.commitment(
        "c-late",
        "ind-work-years",
        "4",
        unit="fte-year",
        period=fx.period("2028-03-01", "2029-02-28"),
        duration_years=3,
    )
    valuation = value_document(bid2(commitments=(late,)), fx.catalogue(), tender=tender2())
    assert valuation.base_date == dt.date(2026, 1, 1)
    assert valuation.base_date_source == "tender"
    (line,) = valuation.lines
    assert line.offset_periods == 2
    spec = LineSpec(
        quantity=Decimal(4),
        proxy_value=Decimal(30000),
        deadweight=Decimal("0.3"),
        attribution=Decimal("0.1"),
        displacement=Decimal("0.05"),
        drop_off=Decimal("0.2"),
        duration_years=3,
        discount=constant("0.035"),
        timing=DiscountTiming.END_OF_YEAR,
        offset_periods=2,
    )
    assert line.values[0].present_value == value_line(spec).present_value


def test_the_conventions_base_date_wins_and_a_1_0_bid_is_not_anchored() -> None:
    conventions = ValuationConventions(discount_rate="0.035", base_date=dt.date(2025, 1, 1))
    valuation = value_document(bid2(), fx.catalogue(), tender=tender2(conventions=conventions))
    assert valuation.base_date_source == "conventions"
    assert {line.offset_periods for line in valuation.lines} == {1}
    old = value_document(fx.bid(), fx.catalogue(), tender=fx.tender())
    assert old.totals.outcome_value is not None
    assert old.totals.by_perspective is None
    assert all(line.offset_periods is None for line in old.lines)


def test_anchoring_arithmetic() -> None:
    assert whole_years(dt.date(2026, 1, 1), dt.date(2028, 12, 31)) == 2
    assert whole_years(dt.date(2026, 1, 1), dt.date(2025, 6, 1)) == 0
    assert whole_years(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == 1
    assert contract_years(fx.period("2026-01-01", "2029-12-31")) == 4
    assert contract_years(fx.period("2026-01-01", "2026-03-31")) == 1
    assert contract_years(fx.period("2026-04-01", "2028-06-30")) == 3
    assert cost_present_value(
        Decimal(1000), 1, 0, constant("0.1"), DiscountTiming.START_OF_YEAR
    ) == Decimal("1000.00")
    assert cost_present_value(
        Decimal(1000), 2, 1, constant("0.1"), DiscountTiming.END_OF_YEAR
    ) == two_places(Fraction(500) / Fraction(11, 10) ** 2 + Fraction(500) / Fraction(11, 10) ** 3)


def _mean_change_catalogue() -> object:
    catalogue = fx.catalogue()
    indicators = tuple(
        i.model_copy(update={"valuation_method": "mean-change"}) if i.id == "ind-job" else i
        for i in catalogue.indicators
    )
    return catalogue.model_copy(update={"indicators": indicators})


def _value_scale_item(result: ScaleResult) -> tuple[EvidenceReport, Catalogue, ValuationLine]:
    """A 2.0 report with one verified mean-change item, its catalogue, and its value line."""
    e_job = fx.item(
        "e-job",
        "c-job",
        "ind-job",
        "3",
        status="verified",
        history=fx.verified_history(),
        scale_result=result,
    )
    report = fx.report(standard_version=V2, items=(e_job,))
    catalogue = _mean_change_catalogue()
    valuation = value_document(report, catalogue, tender=tender2(), bid=bid2())  # type: ignore[arg-type]
    (line,) = valuation.lines
    return report, catalogue, line


def test_mean_change_values_baseline_n_times_the_net_change() -> None:
    result = ScaleResult(
        baseline_n=40,
        follow_up_n=31,
        baseline_mean="6.1",
        follow_up_mean="6.9",
        comparison_change="0.2",
    )
    assert mean_change_quantity(result) == Decimal("24.0")  # 40 x (0.8 - 0.2)
    _report, _catalogue, line = _value_scale_item(result)
    assert line.quantity.value == Decimal("24.0")
    assert "valued-as-mean-change" in line.flags


def test_mean_change_not_positive_is_zero_and_a_finding() -> None:
    result = ScaleResult(
        baseline_n=40,
        follow_up_n=41,
        baseline_mean="6.1",
        follow_up_mean="6.2",
        comparison_change="0.3",
    )
    report, catalogue, line = _value_scale_item(result)
    assert line.quantity.value == 0
    assert "mean-change-not-positive" in line.flags
    findings = run_checks([tender2(), bid2(), report], catalogue=catalogue)  # type: ignore[list-item]
    ids = {f.rule_id for f in findings}
    assert {"quality.mean-change-not-positive", "quality.follow-up-exceeds-baseline"} <= ids


def test_migration_carries_investment_over_as_incremental_cost_to_confirm() -> None:
    data = json.loads((ROOT / "examples" / "bid.json").read_text(encoding="utf-8"))
    data["investment"] = {"amount": "50000", "currency": "EUR"}
    migration = migrate_document(data)
    assert "investment" not in migration.data
    assert migration.data["incrementalCost"] == {"amount": "50000", "currency": "EUR"}
    assert migration.needs_input
    assert any(
        n.pointer == "/incrementalCost" and n.kind is NoteKind.NEEDS_INPUT for n in migration.notes
    )


def test_migration_assigns_the_publication_year_where_no_price_year_is_stated() -> None:
    data = json.loads(
        (ROOT / "examples" / "catalogue.illustrative.json").read_text(encoding="utf-8")
    )
    data["proxyValues"][0].pop("priceYear", None)
    data["proxyValues"][0]["valuationBasis"] = "fiscal"
    migration = migrate_document(data)
    proxy = migration.data["proxyValues"][0]
    assert proxy["priceYear"] == proxy["source"]["year"]
    assert proxy["priceYearBasis"] == "assumed"
    assert any(n.kind is NoteKind.ASSUMED for n in migration.notes)


def test_values_without_a_range_get_their_confidence_grades_default_range() -> None:
    valuation = value_document(bid2(), fx.catalogue(), tender=tender2())
    flagged = [v for line in valuation.lines for v in line.values if v.flags]
    assert all("range-by-confidence-grade" in v.flags for v in flagged)
    assert flagged
    sensitivity = {s.perspective: s for s in valuation.sensitivity.by_perspective or ()}
    scenarios = {s.name: s.present_value for s in sensitivity[Perspective.PUBLIC_PURSE].scenarios}
    # The fixture sources are 'primary': -25 % / +25 %, and the line value is linear in it.
    central = scenarios["central"]
    assert abs(scenarios["low"] - central * Decimal("0.75")) <= Decimal("0.05")
    assert abs(scenarios["high"] - central * Decimal("1.25")) <= Decimal("0.05")
    assert scenarios["discount-0"] > central > scenarios["discount-4"]
    assert scenarios["delivery-50"] < scenarios["delivery-75"] < central


def _derived_catalogue(central: str, uri: str) -> object:
    from sroi_core.model.proxy_value import CurrencyTransfer, WellbeingDerivation

    catalogue = fx.catalogue()
    derivation = WellbeingDerivation(
        life_satisfaction_effect="0.25",
        effect_source=fx.SOURCE,
        population=fx.text("adults"),
        wellby_value="15300",
        wellby_currency="GBP",
        wellby_price_year=2025,
        wellby_source=fx.SOURCE,
        transfer=CurrencyTransfer(
            original_currency="GBP",
            original_value="15300",
            exchange_rate="0.85",
            rate_source=fx.SOURCE,
            method="ppp",
        ),
    )
    proxies = tuple(
        p.model_copy(
            update={
                "wellbeing_derivation": derivation,
                "value": p.value.model_copy(update={"central": Decimal(central)}),
            }
        )
        if p.id == "pv-job-wellbeing"
        else p
        for p in catalogue.proxy_values
    )
    indicators = tuple(
        i.model_copy(update={"uri": uri}) if i.id == "ind-job" else i for i in catalogue.indicators
    )
    return catalogue.model_copy(update={"proxy_values": proxies, "indicators": indicators})


def test_wellbeing_route_and_indicator_uri_rules() -> None:
    from sroi_core.validation.semantic import check_catalogue

    good_uri = "https://sroi-os.org/id/catalogue/test-catalogue/indicator/ind-job"
    good = _derived_catalogue("4500.00", good_uri)  # 0.25 x 15300 / 0.85 = 4500
    assert not [
        f
        for f in check_catalogue(good, "c.json")
        if f.rule_id.startswith(("proxy.wellbeing", "indicator.uri"))
    ]
    bad = _derived_catalogue("4600", "https://sroi-os.org/id/catalogue/other/indicator/ind-job")
    ids = {f.rule_id for f in check_catalogue(bad, "c.json")}
    assert {"proxy.wellbeing-derivation-mismatch", "indicator.uri-mismatch"} <= ids


def test_2_0_document_vectors_are_what_the_independent_generator_computes() -> None:
    """tools/make_document_vectors_2_0.py imports nothing from sroi_core; the committed
    vectors must be exactly what it computes, and the engine must pass them."""
    import importlib.util
    import sys

    from sroi_core.conformance import check_document_vector, load_vector

    path = ROOT / "tools" / "make_document_vectors_2_0.py"
    imports = "".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(("import ", "from "))
    )
    assert "sroi_core" not in imports
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("make_document_vectors_2_0", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        targets = module.targets()
    finally:
        sys.path.remove(str(path.parent))
    assert len(targets) >= 3
    for target, content in targets.items():
        assert target.read_text(encoding="utf-8") == content, target.name
        vector = load_vector(target)
        assert vector["standardVersion"] == V2
        assert check_document_vector(vector) == []
        wrong = json.loads(content)
        perspective = next(iter(wrong["expected"]["byPerspective"]))
        wrong["expected"]["byPerspective"][perspective]["presentValue"] = "0.01"
        assert check_document_vector(wrong)


def test_the_cli_shows_a_2_0_valuation_per_perspective(capsys: pytest.CaptureFixture[str]) -> None:
    from sroi_core.cli import main

    two = ROOT / "examples" / "2.0"
    code = main(
        [
            "value",
            str(two / "bid.json"),
            "--catalogue",
            str(two / "catalogue.illustrative.json"),
            "--tender",
            str(two / "tender.json"),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "public-purse perspective" in out
    assert "society perspective" in out
    assert "(not a ratio)" in out
    assert "Outcome value (present value)" not in out
    assert "Sensitivity (society)" in out


def test_the_council_report_shows_each_perspective_and_never_calls_value_per_euro_a_ratio(
    tmp_path: Path,
) -> None:
    from sroi_core.cli import main

    pilot = ROOT / "examples" / "pilot"
    for name in ("tender.json", "bid-a.json"):
        data = json.loads((pilot / name).read_text(encoding="utf-8"))
        migrated = migrate_document(data).data
        (tmp_path / name).write_text(json.dumps(migrated), encoding="utf-8")
    out = tmp_path / "report.md"
    code = main(
        [
            "report",
            str(tmp_path / "tender.json"),
            "--bid",
            str(tmp_path / "bid-a.json"),
            "--format",
            "markdown",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "Waarde voor de overheidsfinanciën (toegezegd)" in text
    assert "Maatschappelijke waarde (toegezegd)" in text
    assert "Waarde per euro opdrachtwaarde, maatschappij" in text
    assert "geen SROI-ratio" in text
    assert "SROI-ratio (toegezegd)" not in text
