"""Award scoring (sroi_core.scoring): known answers worked out by hand, and the edge cases.

The fixture catalogue has no adjustments (deadweight, attribution, displacement and
drop-off 0), a discount rate of 0 and one-year benefits, so a line's present value is
simply quantity x proxy value and every expected figure below can be checked on paper:

    ind-job     work-participation   EUR 1,000 per person (fiscal) + 500 obligation credit
    ind-skill   skills-education     EUR 200 per person (economic)
    ind-co2     climate-environment  EUR 100 per tonne CO2e (social cost)
    ind-hours   skills-education     output, only an obligation credit of 10 per hour
    ind-diploma skills-education     outcome, not monetised

Bids (tender: EUR 1,000,000, targets job 10 / skill 20 / co2 50, weights .5/.3/.2):

    bid-a  job 10 (10,000; credit 5,000) + skill 20 (4,000)              = 14,000  price 900,000
    bid-b  job 5 (5,000) + co2 30 (3,000) + hours 100 (output, excluded)
           + skill 10 bought off (payment in lieu, excluded)             =  8,000  price 1,000,000
    bid-c  diploma 5 (not monetised)                                     =      0  price 800,000
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.documents import dump_document
from sroi_core.model import (
    AdjustmentDefaults,
    Area,
    Bid,
    Catalogue,
    Commitment,
    Document,
    DocumentRef,
    EvidenceRules,
    FteNorm,
    Indicator,
    LocalizedText,
    Money,
    Organisation,
    OrganisationId,
    Outcome,
    Period,
    ProxyValue,
    Quantity,
    Scope,
    ScoringRules,
    Source,
    Tender,
    TenderIndicator,
    Theme,
    ThemePriority,
    ValuationConventions,
    ValueRange,
)
from sroi_core.rules import get_rule
from sroi_core.scoring import (
    Evaluation,
    EvaluationError,
    EvaluationRow,
    ScoringInputError,
    parse_evaluation,
    score_bids,
)

D = Decimal
CATALOGUE_REF = DocumentRef(id="score-test", version="1.0")
SOURCE = Source(title="Illustrative figures for tests", publisher="sroi_core tests", year=2025)


# ----------------------------------------------------------------------------- fixtures


def text(value: str) -> LocalizedText:
    return LocalizedText(en=value)


def period(start: str, end: str) -> Period:
    return Period(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


def org(number: str, name: str) -> Organisation:
    return Organisation(identifier=OrganisationId(scheme="NL-KVK", id=number), name=name)


def _indicator(indicator_id: str, outcome: str, theme: str, unit: str, *,
               kind: str = "outcome", monetised: bool = True) -> Indicator:
    data: dict[str, Any] = {
        "id": indicator_id, "outcome": outcome, "theme": theme, "kind": kind,
        "label": text(indicator_id), "definition": text(f"definition of {indicator_id}"),
        "unit": unit, "measurement_method": text("counted"),
        "evidence_requirements": ("payroll-record",), "minimum_verification": "documentary",
        "adjustments": AdjustmentDefaults(
            deadweight="0", attribution="0", displacement="0", drop_off="0",
            max_duration_years=5, rationale=text("none, so the figures are easy to check"),
        ),
        "monetisation": "monetised" if monetised else "not-monetised",
    }
    if not monetised:
        data["not_monetised_reason"] = text("no citable value")
    return Indicator(**data)


def _proxy(proxy_id: str, indicator: str, basis: str, value: str, unit: str) -> ProxyValue:
    return ProxyValue(
        id=proxy_id, indicator=indicator, valuation_basis=basis,
        value=ValueRange(central=value), currency="EUR", per_unit=unit, price_year=2025,
        source=SOURCE, scope=Scope(country="NL"), effective_from=dt.date(2025, 1, 1),
        licence="CC0-1.0",
    )


def catalogue() -> Catalogue:
    return Catalogue(
        standard_version="1.0", id=CATALOGUE_REF.id, version="1.0", title=text("Test"),
        publisher="sroi_core tests", published=dt.date(2025, 12, 1),
        conventions=ValuationConventions(discount_rate="0"),
        fte_norm=FteNorm(hours_per_fte_year="1600", source=SOURCE),
        themes=(
            Theme(id="work-participation", label=text("Work")),
            Theme(id="skills-education", label=text("Skills")),
            Theme(id="climate-environment", label=text("Climate")),
        ),
        outcomes=(
            Outcome(id="out-job", theme="work-participation", label=text("Job")),
            Outcome(id="out-skill", theme="skills-education", label=text("Skill")),
            Outcome(id="out-co2", theme="climate-environment", label=text("CO2")),
            Outcome(id="out-hours", theme="skills-education", label=text("Hours")),
        ),
        indicators=(
            _indicator("ind-job", "out-job", "work-participation", "person"),
            _indicator("ind-skill", "out-skill", "skills-education", "person"),
            _indicator("ind-co2", "out-co2", "climate-environment", "tonne-co2e"),
            _indicator("ind-hours", "out-hours", "skills-education", "hour", kind="output"),
            _indicator("ind-diploma", "out-skill", "skills-education", "person",
                       monetised=False),
        ),
        proxy_values=(
            _proxy("pv-job", "ind-job", "fiscal", "1000", "person"),
            _proxy("pv-job-credit", "ind-job", "obligation-credit", "500", "person"),
            _proxy("pv-skill", "ind-skill", "economic", "200", "person"),
            _proxy("pv-co2", "ind-co2", "social-cost", "100", "tonne-co2e"),
            _proxy("pv-hours-credit", "ind-hours", "obligation-credit", "10", "hour"),
        ),
    )


def scoring(method: str = "relative", **changes: Any) -> ScoringRules:
    data: dict[str, Any] = {"method": method, "social_value_weight": "0.3",
                            "price_weight": "0.7"}
    data.update(changes)
    return ScoringRules(**data)


def tender(**changes: Any) -> Tender:
    data: dict[str, Any] = {
        "standard_version": "1.0", "id": "tender-s", "title": text("Scoring test tender"),
        "buyer": org("87654321", "Gemeente Voorbeeld"), "catalogue": CATALOGUE_REF,
        "contract_value": Money(amount="1000000", currency="EUR"),
        "period": period("2026-01-01", "2027-12-31"),
        "areas": (Area(code="GM0363"),),
        "indicators": (
            TenderIndicator(indicator="ind-job", target=Quantity(value="10", unit="person"),
                            weight="0.5"),
            TenderIndicator(indicator="ind-skill", target=Quantity(value="20", unit="person"),
                            weight="0.3"),
            TenderIndicator(indicator="ind-co2", target=Quantity(value="50", unit="tonne-co2e"),
                            weight="0.2"),
            TenderIndicator(indicator="ind-diploma"),
        ),
        "outcomes_only": True,
        "scoring": scoring(),
        "evidence_rules": EvidenceRules(minimum_verification="documentary"),
    }
    data.update(changes)
    return Tender(**data)


def commitment(commitment_id: str, indicator: str, value: str, unit: str = "person",
               **changes: Any) -> Commitment:
    data: dict[str, Any] = {
        "id": commitment_id, "indicator": indicator, "quantity": Quantity(value=value, unit=unit),
        "period": period("2026-01-01", "2027-12-31"), "areas": (Area(code="GM0363"),),
    }
    data.update(changes)
    return Commitment(**data)


def bid(bid_id: str, *commitments: Commitment, price: str | None = None,
        **changes: Any) -> Bid:
    data: dict[str, Any] = {
        "standard_version": "1.0", "id": bid_id, "tender": DocumentRef(id="tender-s"),
        "catalogue": CATALOGUE_REF,
        "supplier": org(str(10_000_000 + zlib.crc32(bid_id.encode()) % 10**7),
                        f"Supplier {bid_id}"),
        "submitted": dt.date(2025, 11, 1), "commitments": commitments,
    }
    if price is not None:
        data["bid_price"] = Money(amount=price, currency="EUR")
    data.update(changes)
    return Bid(**data)


def bid_a(bid_id: str = "bid-a", price: str = "900000") -> Bid:
    return bid(bid_id, commitment("c-job", "ind-job", "10"),
               commitment("c-skill", "ind-skill", "20"), price=price)


def bid_b(price: str = "1000000") -> Bid:
    return bid(
        "bid-b",
        commitment("c-job", "ind-job", "5"),
        commitment("c-co2", "ind-co2", "30", unit="tonne-co2e"),
        commitment("c-hours", "ind-hours", "100", unit="hour"),
        commitment("c-skill", "ind-skill", "10", fulfilment="payment-in-lieu",
                   payment_in_lieu=Money(amount="5000", currency="EUR")),
        price=price,
    )


def bid_c(price: str = "800000") -> Bid:
    return bid("bid-c", commitment("c-diploma", "ind-diploma", "5"), price=price)


def bid_d() -> Bid:
    """Compliant with a 10,000 minimum (job 12 = 12,000) but expensive."""
    return bid("bid-d", commitment("c-job", "ind-job", "12"), price="2000000")


def write(folder: Path, name: str, document: Document) -> Path:
    path = folder / name
    path.write_text(dump_document(document), encoding="utf-8")
    return path


def evaluation(*rows: tuple[str, str | None, str | None, str | None]) -> Evaluation:
    """Rows (bid_id, price, qualitative_score, other_quality_score)."""
    return Evaluation(rows=tuple(
        EvaluationRow(bid_id=b, price=None if p is None else D(p),
                      qualitative_score=None if q is None else D(q),
                      other_quality_score=None if o is None else D(o), row=n + 2)
        for n, (b, p, q, o) in enumerate(rows)
    ), source="eval.csv")


CAT = catalogue()


# ------------------------------------------------------------------------ relative method


def test_relative_known_answer() -> None:
    result = score_bids(tender(), [bid_a(), bid_b(), bid_c()], CAT)
    a, b, c = result.bid("bid-a"), result.bid("bid-b"), result.bid("bid-c")
    # scored values: a 10 x 1000 + 20 x 200 = 14000; b 5 x 1000 + 30 x 100 = 8000; c 0
    assert (a.scored_value, b.scored_value, c.scored_value) == (D("14000.00"), D("8000.00"),
                                                                D("0.00"))
    assert result.best_scored_value == D("14000.00")
    # SV points: 100 x 14000/14000 = 100; 100 x 8000/14000 = 57.142857.. -> 57.14; c 0
    assert (a.social_value_points, b.social_value_points, c.social_value_points) == (
        D("100.00"), D("57.14"), D("0.00"))
    # price points, lowest 800000: a 100 x 800000/900000 = 88.888.. -> 88.89; b 80; c 100
    assert (a.price_points, b.price_points, c.price_points) == (D("88.89"), D("80.00"),
                                                                D("100.00"))
    # totals: a 0.3 x 100 + 0.7 x 88.89 = 30 + 62.223 = 92.223 -> 92.22
    #         b 0.3 x 57.14 + 0.7 x 80 = 17.142 + 56 = 73.142 -> 73.14;  c 0 + 70 = 70.00
    assert (a.total, b.total, c.total) == (D("92.22"), D("73.14"), D("70.00"))
    assert [s.bid_id for s in result.bids] == ["bid-a", "bid-b", "bid-c"]
    assert [s.rank for s in result.bids] == [1, 2, 3]
    assert result.ties == ()
    assert "price (bid): 100 x 800000 / 900000 = 88.89" in a.explanation


def test_zero_value_bid_gets_zero_points_without_division() -> None:
    result = score_bids(tender(), [bid_c()], CAT)
    only = result.bid("bid-c")
    assert only.scored_value == 0
    assert only.social_value_points == D("0.00")
    assert result.best_scored_value == 0
    assert any("no division by zero" in note for note in result.notes)
    assert only.total == D("70.00")  # 0.7 x 100 price points


def test_single_bid_gets_full_relative_points() -> None:
    result = score_bids(tender(), [bid_b()], CAT)
    only = result.bid("bid-b")
    # its own best: 100 x 8000 / 8000 = 100; price 100 x 1000000/1000000 = 100
    assert only.social_value_points == D("100.00")
    assert only.price_points == D("100.00")
    assert only.total == D("100.00")
    assert only.rank == 1
    assert any("only one bid competes" in note for note in result.notes)


def test_ties_share_a_rank_and_are_reported() -> None:
    twin = bid_a("bid-a2")
    result = score_bids(tender(), [bid_b(), twin, bid_a()], CAT)
    assert result.bid("bid-a").rank == result.bid("bid-a2").rank == 1
    assert result.bid("bid-b").rank == 3  # competition ranking: 1, 1, 3
    assert result.ties == (("bid-a", "bid-a2"),)
    assert result.bid("bid-a").tied_with == ("bid-a2",)
    assert result.to_json()["ties"] == [["bid-a", "bid-a2"]]


def test_result_does_not_depend_on_bid_order() -> None:
    bids = [bid_a(), bid_b(), bid_c(), bid_d(), bid_a("bid-a2")]
    first = score_bids(tender(), bids, CAT).to_json()
    rng = random.Random(7)
    for _ in range(5):
        shuffled = bids[:]
        rng.shuffle(shuffled)
        assert score_bids(tender(), shuffled, CAT).to_json() == first


# ------------------------------------------------------------------------ what scores


def test_payment_in_lieu_and_output_lines_do_not_score_and_say_why() -> None:
    b = score_bids(tender(), [bid_b()], CAT).bid("bid-b")
    lines = {line.commitment: line for line in b.lines}
    hours, skill = lines["c-hours"], lines["c-skill"]
    assert not hours.scored
    assert not skill.scored
    assert "output-indicator" in {r.code for r in hours.reasons}
    assert "not-a-tender-indicator" in {r.code for r in hours.reasons}
    assert [r.code for r in skill.reasons] == ["payment-in-lieu"]
    assert "never social value" in skill.reasons[0].text
    assert lines["c-job"].scored
    assert lines["c-co2"].scored
    # the bought-off commitment carries no value; the output carries only credits
    assert skill.outcome_value == 0
    assert hours.obligation_credit == D("1000.00")  # 100 h x 10
    assert b.eligible_value == D("8000.00")


def test_partial_buy_off_on_a_direct_commitment_does_not_score() -> None:
    partly = bid("bid-p", commitment("c-job", "ind-job", "10",
                                     payment_in_lieu=Money(amount="100", currency="EUR")),
                 price="1")
    line = score_bids(tender(), [partly], CAT).bid("bid-p").lines[0]
    assert not line.scored
    assert line.reasons[0].code == "payment-in-lieu"
    assert line.outcome_value == D("10000.00")  # valued by the engine, but not scored


def test_obligation_credits_are_shown_but_never_scored() -> None:
    a = score_bids(tender(), [bid_a()], CAT).bid("bid-a")
    # job: 10 x 500 credit; never in the scored value (14000 = outcome values only)
    assert a.obligation_credit == D("5000.00")
    assert a.scored_value == D("14000.00")
    job = next(line for line in a.lines if line.commitment == "c-job")
    assert job.scored
    assert job.obligation_credit == D("5000.00")
    assert job.weighted_value == D("10000.00")
    assert "obligation-credit" in {n.code for n in job.notes}


def test_credit_only_bid_scores_nothing_even_without_outcomes_only() -> None:
    hours_tender = tender(outcomes_only=False, indicators=(
        TenderIndicator(indicator="ind-hours"),
        TenderIndicator(indicator="ind-job"),
    ))
    credits = bid("bid-h", commitment("c-hours", "ind-hours", "1000", unit="hour"), price="1")
    score = score_bids(hours_tender, [credits], CAT).bid("bid-h")
    assert score.lines[0].scored  # allowed to score ...
    assert score.obligation_credit == D("10000.00")  # ... but only credits: 1000 h x 10
    assert score.scored_value == 0
    assert score.social_value_points == D("0.00")


def test_indicator_the_tender_did_not_choose_does_not_score() -> None:
    narrow = tender(indicators=(TenderIndicator(indicator="ind-job"),))
    a = score_bids(narrow, [bid_a()], CAT).bid("bid-a")
    skill = next(line for line in a.lines if line.commitment == "c-skill")
    assert not skill.scored
    assert skill.reasons[0].code == "not-a-tender-indicator"
    assert a.eligible_value == D("10000.00")
    assert a.excluded_value == D("4000.00")


def test_commitment_outside_the_tender_area_does_not_score() -> None:
    away = bid("bid-x", commitment("c-job", "ind-job", "10", areas=(Area(code="GM0599"),)),
               price="1")
    line = score_bids(tender(), [away], CAT).bid("bid-x").lines[0]
    assert not line.scored
    assert line.reasons[0].code == "quality-error"
    assert "quality.outside-area" in line.reasons[0].text


def test_duration_over_cap_is_scored_at_the_cap_and_noted() -> None:
    long = bid("bid-l", commitment("c-job", "ind-job", "1", duration_years=9), price="1")
    line = score_bids(tender(), [long], CAT).bid("bid-l").lines[0]
    assert line.scored
    # capped at 5 years, no discounting or drop-off: 5 x 1 x 1000
    assert line.outcome_value == D("5000.00")
    assert "engine-corrected" in {n.code for n in line.notes}


# ----------------------------------------------------------------------- theme priorities


def test_theme_priorities_weight_by_k_times_weight() -> None:
    prioritised = tender(theme_priorities=(
        ThemePriority(theme="work-participation", weight="0.5"),
        ThemePriority(theme="skills-education", weight="0.3"),
        ThemePriority(theme="climate-environment", weight="0.2"),
    ))
    result = score_bids(prioritised, [bid_a(), bid_b()], CAT)
    a, b = result.bid("bid-a"), result.bid("bid-b")
    # K = 3: multipliers 1.5, 0.9, 0.6
    assert {t: m for t, _, m in result.theme_priorities} == {
        "work-participation": D("1.5"), "skills-education": D("0.9"),
        "climate-environment": D("0.6")}
    # a: 10000 x 1.5 + 4000 x 0.9 = 15000 + 3600 = 18600
    # b: 5000 x 1.5 + 3000 x 0.6 = 7500 + 1800 = 9300
    assert (a.scored_value, b.scored_value) == (D("18600.00"), D("9300.00"))
    # eligible (unweighted) values stay 14000 and 8000
    assert (a.eligible_value, b.eligible_value) == (D("14000.00"), D("8000.00"))
    # relative: 100 x 9300 / 18600 = 50
    assert b.social_value_points == D("50.00")
    themes = {t.theme: t for t in a.by_theme}
    assert themes["work-participation"].weighted_value == D("15000.00")
    assert themes["climate-environment"].value == 0


def test_equal_theme_priorities_leave_the_value_unchanged() -> None:
    equal = tender(theme_priorities=(
        ThemePriority(theme="work-participation", weight="0.5"),
        ThemePriority(theme="skills-education", weight="0.5"),
    ))
    a = score_bids(equal, [bid_a()], CAT).bid("bid-a")
    assert a.scored_value == a.eligible_value == D("14000.00")


def test_unprioritised_theme_weighs_zero() -> None:
    work_only = tender(theme_priorities=(ThemePriority(theme="work-participation",
                                                       weight="1"),))
    result = score_bids(work_only, [bid_a()], CAT)
    a = result.bid("bid-a")
    skill = next(line for line in a.lines if line.commitment == "c-skill")
    assert skill.scored
    assert skill.weighted_value == 0
    assert "theme-not-prioritised" in {n.code for n in skill.notes}
    assert a.scored_value == D("10000.00")  # K = 1, multiplier 1 for work
    assert any("ind-skill is in theme skills-education" in n for n in result.notes)


# ------------------------------------------------------------------------ absolute method


def test_absolute_against_targets_known_answer() -> None:
    result = score_bids(tender(scoring=scoring("absolute")), [bid_a(), bid_b(), bid_c()], CAT)
    a, b, c = result.bid("bid-a"), result.bid("bid-b"), result.bid("bid-c")
    # a: job 10/10 = 1, skill 20/20 = 1, co2 0/50 = 0
    #    100 x (0.5 x 1 + 0.3 x 1 + 0.2 x 0) / (0.5 + 0.3 + 0.2) = 80.00
    assert a.social_value_points == D("80.00")
    # b: job 5/10 = 0.5, skill 0 (its skill commitment is bought off), co2 30/50 = 0.6
    #    100 x (0.25 + 0 + 0.12) / 1 = 37.00
    assert b.social_value_points == D("37.00")
    assert c.social_value_points == D("0.00")
    rows = {row.indicator: row for row in b.by_indicator}
    assert rows["ind-co2"].attainment == D("0.6000")
    assert rows["ind-skill"].quantity == 0
    assert rows["ind-job"].weight == D("0.5")
    assert rows["ind-diploma"].target is None
    assert rows["ind-diploma"].attainment is None
    # totals: a 0.3 x 80 + 0.7 x 88.89 = 24 + 62.223 -> 86.22; b 0.3 x 37 + 56 = 67.10
    assert (a.total, b.total) == (D("86.22"), D("67.10"))


def test_absolute_caps_attainment_at_one_and_converts_units() -> None:
    generous = bid("bid-g", commitment("c-job", "ind-job", "40"),
                   commitment("c-co2", "ind-co2", "50000", unit="kg-co2e"), price="1")
    g = score_bids(tender(scoring=scoring("absolute")), [generous], CAT).bid("bid-g")
    rows = {row.indicator: row for row in g.by_indicator}
    assert rows["ind-job"].attainment == D("1.0000")  # 40/10 capped at 1
    assert rows["ind-co2"].quantity == D("50")  # 50,000 kg = 50 tonne
    # 100 x (0.5 x 1 + 0.3 x 0 + 0.2 x 1) = 70.00
    assert g.social_value_points == D("70.00")


def test_absolute_without_weights_weighs_targets_equally() -> None:
    unweighted = tender(scoring=scoring("absolute"), indicators=(
        TenderIndicator(indicator="ind-job", target=Quantity(value="10", unit="person")),
        TenderIndicator(indicator="ind-skill", target=Quantity(value="40", unit="person")),
    ))
    a = score_bids(unweighted, [bid_a()], CAT).bid("bid-a")
    # (1 x 1 + 1 x 0.5) / 2 x 100 = 75.00
    assert a.social_value_points == D("75.00")


def test_absolute_against_the_minimum_without_targets() -> None:
    no_targets = tender(
        scoring=scoring("absolute"),
        indicators=tuple(TenderIndicator(indicator=i) for i in ("ind-job", "ind-skill",
                                                                "ind-co2")),
        minimum_social_value=Money(amount="10000", currency="EUR"),
    )
    result = score_bids(no_targets, [bid_a(), bid_b()], CAT)
    # a: 100 x min(1, 14000/10000) = 100; b: 100 x 8000/10000 = 80
    assert result.bid("bid-a").social_value_points == D("100.00")
    assert result.bid("bid-b").social_value_points == D("80.00")


def test_absolute_with_neither_targets_nor_minimum_is_refused() -> None:
    bare = tender(scoring=scoring("absolute"),
                  indicators=(TenderIndicator(indicator="ind-job"),))
    with pytest.raises(ScoringInputError) as caught:
        score_bids(bare, [bid_a()], CAT)
    assert [f.rule_id for f in caught.value.findings] == ["scoring.tender-incomplete"]


# --------------------------------------------------------------------------- mixed method


def test_mixed_known_answer() -> None:
    mixed = tender(scoring=scoring("mixed", qualitative_share="0.4"))
    sheet = evaluation(("bid-a", None, "50", None), ("bid-b", None, "90", None),
                       ("bid-c", None, "60", None))
    result = score_bids(mixed, [bid_a(), bid_b(), bid_c()], CAT, sheet)
    a, b, c = result.bid("bid-a"), result.bid("bid-b"), result.bid("bid-c")
    # quantitative (relative): 100, 57.14, 0
    assert (a.quantitative_points, b.quantitative_points) == (D("100.00"), D("57.14"))
    # a: 100 x 0.6 + 50 x 0.4 = 80.00; b: 57.14 x 0.6 + 90 x 0.4 = 34.284 + 36 -> 70.28
    # c: 0 x 0.6 + 60 x 0.4 = 24.00
    assert (a.social_value_points, b.social_value_points, c.social_value_points) == (
        D("80.00"), D("70.28"), D("24.00"))


def test_mixed_without_qualitative_share_is_refused() -> None:
    with pytest.raises(ScoringInputError) as caught:
        score_bids(tender(scoring=scoring("mixed")), [bid_a()], CAT,
                   evaluation(("bid-a", None, "50", None)))
    assert caught.value.findings[0].rule_id == "scoring.tender-incomplete"


def test_mixed_needs_every_qualitative_score() -> None:
    mixed = tender(scoring=scoring("mixed", qualitative_share="0.4"))
    with pytest.raises(EvaluationError) as caught:
        score_bids(mixed, [bid_a(), bid_b()], CAT, evaluation(("bid-a", None, "50", None)))
    finding = caught.value.findings[0]
    assert finding.rule_id == "scoring.evaluation-missing"
    assert "bid-b" in finding.message
    assert "qualitative_score" in finding.message


# -------------------------------------------------------------------- price and quality


def test_evaluation_price_overrides_bid_price_and_other_quality_counts() -> None:
    rules = scoring(social_value_weight="0.2", price_weight="0.5", other_quality_weight="0.3")
    sheet = evaluation(("bid-a", "1000000", None, "70"), ("bid-b", None, None, "82.125"))
    result = score_bids(tender(scoring=rules), [bid_a(), bid_b()], CAT, sheet)
    a, b = result.bid("bid-a"), result.bid("bid-b")
    assert (a.price, a.price_source) == (D("1000000"), "evaluation")
    assert (b.price, b.price_source) == (D("1000000.00"), "bid")
    # other quality 82.125 -> 82.12 (half to even)
    assert b.other_quality_points == D("82.12")
    # a: 0.2 x 100 + 0.5 x 100 + 0.3 x 70 = 20 + 50 + 21 = 91.00
    # b: 0.2 x 57.14 + 0.5 x 100 + 0.3 x 82.12 = 11.428 + 50 + 24.636 = 86.064 -> 86.06
    assert (a.total, b.total) == (D("91.00"), D("86.06"))


def test_price_weight_zero_needs_no_price() -> None:
    rules = scoring(social_value_weight="1", price_weight="0")
    result = score_bids(tender(scoring=rules), [bid("bid-n", commitment("c", "ind-job", "1"))],
                        CAT)
    only = result.bid("bid-n")
    assert only.price_points is None
    assert only.total == D("100.00")
    assert any("price points are not computed" in note for note in result.notes)


def test_missing_price_with_price_weight_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError) as caught:
        score_bids(tender(), [bid("bid-n", commitment("c", "ind-job", "1"))], CAT)
    assert caught.value.findings[0].rule_id == "scoring.evaluation-missing"


def test_out_of_range_and_unknown_bid_in_the_sheet() -> None:
    sheet = evaluation(("bid-a", "0", "101", "-1"), ("bid-zz", None, "1", None))
    with pytest.raises(EvaluationError) as caught:
        score_bids(tender(), [bid_a()], CAT, sheet)
    messages = [f.message for f in caught.value.findings]
    rules = [f.rule_id for f in caught.value.findings]
    assert rules.count("scoring.evaluation-out-of-range") == 3
    assert "scoring.evaluation-unknown-bid" in rules
    assert "row 2, column qualitative_score: 101 is out of range (0 to 100)" in messages
    assert any("row 3, column bid_id: bid-zz" in m for m in messages)
    assert all(f.source == "eval.csv" for f in caught.value.findings)


# ------------------------------------------------------------------------ minimum value


MINIMUM = Money(amount="10000", currency="EUR")


def test_minimum_not_met_is_ranked_after_compliant_bids_by_default() -> None:
    result = score_bids(tender(minimum_social_value=MINIMUM),
                        [bid_a(), bid_b(), bid_c(), bid_d()], CAT)
    # totals as in the relative test; d: 0.3 x 85.71 + 0.7 x 40 = 25.713 + 28 -> 53.71
    d = result.bid("bid-d")
    assert d.social_value_points == D("85.71")  # 100 x 12000 / 14000 = 85.714..
    assert d.total == D("53.71")
    # b (73.14) and c (70.00) beat d on points but are below the minimum: ranked after it
    assert [(s.bid_id, s.rank) for s in result.bids] == [
        ("bid-a", 1), ("bid-d", 2), ("bid-b", 3), ("bid-c", 4)]
    b = result.bid("bid-b")
    assert b.compliant is False
    assert d.compliant is True
    assert "ranked after every compliant bid" in b.compliance
    assert b.findings[0].rule_id == "scoring.minimum-not-met"
    assert result.minimum == D("10000")


def test_minimum_policy_exclude() -> None:
    result = score_bids(tender(minimum_social_value=MINIMUM),
                        [bid_a(), bid_b(), bid_c(), bid_d()], CAT, minimum_policy="exclude")
    b = result.bid("bid-b")
    assert (b.rank, b.total, b.scored) == (None, None, False)
    # lowest price among competing bids is now a's 900000: a 100 price points
    # a: 0.3 x 100 + 0.7 x 100 = 100.00; d: 0.3 x 85.71 + 0.7 x 45 = 25.713 + 31.5 -> 57.21
    assert result.bid("bid-a").total == D("100.00")
    assert result.bid("bid-d").total == D("57.21")
    assert [s.bid_id for s in result.bids] == ["bid-a", "bid-d", "bid-b", "bid-c"]


def test_minimum_policy_zero_points() -> None:
    result = score_bids(tender(minimum_social_value=MINIMUM),
                        [bid_a(), bid_b(), bid_c(), bid_d()], CAT, minimum_policy="zero-points")
    # b: 0 SV points + 0.7 x 80 = 56.00; c 70.00; a 92.22; d 53.71
    assert result.bid("bid-b").social_value_points == D("0.00")
    assert result.bid("bid-b").total == D("56.00")
    assert [(s.bid_id, s.rank) for s in result.bids] == [
        ("bid-a", 1), ("bid-c", 2), ("bid-b", 3), ("bid-d", 4)]


def test_minimum_share_of_contract_value_and_the_higher_minimum() -> None:
    both = tender(minimum_social_value=Money(amount="5000", currency="EUR"),
                  minimum_social_value_share="0.012")
    result = score_bids(both, [bid_a(), bid_b()], CAT)
    # share: 0.012 x 1,000,000 = 12,000 > 5,000: the higher applies; b (8000) misses it
    assert result.minimum == D("12000.00")
    assert "the higher of" in result.minimum_basis
    assert result.bid("bid-a").compliant is True
    assert result.bid("bid-b").compliant is False


def test_minimum_is_met_on_the_boundary() -> None:
    exact = tender(minimum_social_value=Money(amount="14000", currency="EUR"))
    assert score_bids(exact, [bid_a()], CAT).bid("bid-a").compliant is True


# ---------------------------------------------------------------- documents and sheets


def test_bid_for_another_tender_is_refused() -> None:
    stray = bid_a().model_copy(update={"tender": DocumentRef(id="other-tender")})
    with pytest.raises(ScoringInputError) as caught:
        score_bids(tender(), [stray], CAT)
    assert caught.value.findings[0].rule_id == "quality.document-mismatch"


def test_bid_given_twice_is_refused() -> None:
    with pytest.raises(ScoringInputError) as caught:
        score_bids(tender(), [bid_a(), bid_a()], CAT)
    assert caught.value.findings[0].rule_id == "scoring.duplicate-bid"


def test_parse_evaluation_semicolons_and_decimal_comma() -> None:
    sheet = parse_evaluation(
        "\ufeffBid ID;Price;Qualitative score;note\nbid-a;900000,50;70;goed plan\n\n",
        "sheet.csv",
    )
    assert sheet.rows == (EvaluationRow(bid_id="bid-a", price=D("900000.50"),
                                        qualitative_score=D("70"), row=2),)


@pytest.mark.parametrize(
    ("csv_text", "rule", "fragment"),
    [
        ("bid,price\nbid-a,1\n", "scoring.evaluation-column", "no bid_id column"),
        ("bid_id,score\nbid-a,1\n", "scoring.evaluation-column", "unknown column(s) 'score'"),
        ("bid_id,price\nbid-a,1.000.000\n", "scoring.evaluation-not-a-number",
         "row 2, column price: '1.000.000' is not a plain decimal number"),
        ("bid_id,price\nbid-a,\"900,5\"\n", "scoring.evaluation-not-a-number",
         "row 2, column price"),
        ("bid_id,qualitative_score\nbid-a,abc\n", "scoring.evaluation-not-a-number",
         "row 2, column qualitative_score: 'abc'"),
        ("bid_id,price\nbid-a,1\nbid-a,2\n", "scoring.evaluation-duplicate-bid",
         "row 3, column bid_id: bid bid-a was already evaluated in row 2"),
        ("bid_id,price\n,1\n", "scoring.evaluation-column", "row 2, column bid_id: empty"),
        ("bid_id,price\nbid-a,1,extra\n", "scoring.evaluation-column", "row 2: 3 cells"),
        ("", "scoring.evaluation-column", "no bid_id column"),
    ],
)
def test_parse_evaluation_errors(csv_text: str, rule: str, fragment: str) -> None:
    with pytest.raises(EvaluationError) as caught:
        parse_evaluation(csv_text, "sheet.csv")
    found = caught.value.findings
    assert found[0].rule_id == rule
    assert fragment in found[0].message
    assert found[0].source == "sheet.csv"


def test_rules_are_in_the_one_catalogue() -> None:
    for rule_id in ("scoring.minimum-not-met", "scoring.evaluation-out-of-range",
                    "scoring.tender-incomplete", "monitoring.item-versions-differ"):
        assert get_rule(rule_id).id == rule_id


def test_json_structure() -> None:
    data = score_bids(tender(), [bid_a(), bid_b()], CAT).to_json()
    assert set(data) == {
        "tender", "method", "maxPoints", "weights", "qualitativeShare", "currency", "minimum",
        "themePriorities", "bestScoredValue", "lowestPrice", "formulas", "ranking", "ties",
        "bids", "notes", "findings",
    }
    first = data["bids"][0]
    assert first["points"] == {"quantitative": "100.00", "qualitative": None,
                               "socialValue": "100.00", "price": "100.00",
                               "otherQuality": None, "total": "100.00"}
    assert first["values"]["scored"] == "14000.00"
    assert data["ranking"] == [
        {"rank": 1, "bid": "bid-a", "total": "100.00", "compliant": None},
        # b: 0.3 x 57.14 + 0.7 x (100 x 900000/1000000 = 90) = 17.142 + 63 -> 80.14
        {"rank": 2, "bid": "bid-b", "total": "80.14", "compliant": None},
    ]


# ------------------------------------------------------------------------- properties


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=5))
def test_points_stay_in_range_and_the_best_gets_full_points(jobs: list[int]) -> None:
    bids = [bid(f"bid-{n}", commitment("c", "ind-job", str(q)), price=str(1000 + n))
            for n, q in enumerate(jobs)]
    result = score_bids(tender(), bids, CAT)
    for score in result.bids:
        assert score.social_value_points is not None
        assert score.total is not None
        assert D(0) <= score.social_value_points <= D(100)
        assert D(0) <= score.total <= D(100)
    if max(jobs) > 0:
        best = [s for s in result.bids if s.scored_value == result.best_scored_value]
        assert all(s.social_value_points == D("100.00") for s in best)
    ranks = sorted(s.rank or 0 for s in result.bids)
    assert ranks[0] == 1
