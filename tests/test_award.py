"""The 2.0 award engine: rules in force, consequences, points, ranking, refused bids, document."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.award.attainment import attainment
from sroi_core.award.bounds import plausibility_bound
from sroi_core.award.consequences import consequence_of
from sroi_core.award.engine import award_bids
from sroi_core.award.ledger import LedgerEntry, claimed_twice, pseudonym
from sroi_core.award.price import price_points
from sroi_core.award.ranking import Contender, rank
from sroi_core.award.rules_in_force import resolve_rules
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.documents import dump_document, parse_document
from sroi_core.migrate import NoteKind, migrate_document
from sroi_core.model.bid import Bid
from sroi_core.model.tender import Tender
from sroi_core.model.types import Period
from sroi_core.rules import Finding, Severity
from sroi_core.scoring import Evaluation, EvaluationRow

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "2.0" / "pilot"
CONTEXT = {"document": True}


def _json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PILOT / name).read_text(encoding="utf-8"))
    return data


def _tender(**award: Any) -> Tender:
    data = _json("tender.json")
    data["award"] = {**data["award"], **award} if award else data["award"]
    return Tender.model_validate(data, context=CONTEXT)


def _bid(data: dict[str, Any]) -> Bid:
    return Bid.model_validate(data, context=CONTEXT)


CATALOGUE = CatalogueStore().resolve("nl", "2026.2")
HONEST = _json("bid-honest.json")


def _sheet(*ids: str, score: str = "70") -> Evaluation:
    return Evaluation(tuple(EvaluationRow(i, qualitative_score=Decimal(score)) for i in ids))


def test_a_silent_tender_gets_the_profile_defaults_and_the_award_says_which() -> None:
    data = _json("tender.json")
    data["award"] = {}
    tender = Tender.model_validate(data, context=CONTEXT)
    rules, defaults = resolve_rules(tender, "EUR")
    assert rules.method == "outcome-attainment"
    assert rules.attainment_cap == 1
    fields = {d.field for d in defaults}
    assert {"/award/method", "/award/weights", "/award/tieBreak", "/award/priceFormula"} <= fields
    assert "/award/perspective" not in fields  # not used by the attainment method


def test_a_stated_rule_is_never_replaced_by_a_default() -> None:
    rules, defaults = resolve_rules(_tender(), "EUR")
    assert rules.weights.social_value == Decimal("0.4")
    assert rules.qualitative_share == Decimal("0.3")
    assert defaults == ()


def test_the_tender_consequence_comes_before_the_profile() -> None:
    finding = Finding("credibility.creaming", Severity.WARNING, "/commitments/0", "x")
    default = consequence_of(finding, _tender())
    assert default is not None
    assert default.action == "exclude-line"
    published = _tender(findingConsequences=[{"rule": "warning", "action": "cap-at-bound"}])
    chosen = consequence_of(finding, published)
    assert chosen is not None
    assert chosen.action == "cap-at-bound"
    info = Finding("award.contribution-share", Severity.INFO, "", "x")
    assert consequence_of(info, _tender()) is None


def test_plausibility_bounds_come_from_contract_value_and_population() -> None:
    tender = _tender()
    # persons: min(200 per million x 1.2, 10 per 1,000 residents per year x 18 x ~3 years)
    assert plausibility_bound(tender, "person") == Decimal("240.0000")
    assert plausibility_bound(tender, "tonne-co2e") == Decimal("120.0000")
    tender = _tender(plausibility={"areaPopulation": 2000})
    bound = plausibility_bound(tender, "person")
    assert bound is not None
    assert Decimal(59) < bound < Decimal(61)
    tender = _tender(plausibility={"bounds": [{"unit": "person", "bound": "7"}]})
    assert plausibility_bound(tender, "person") == Decimal(7)


@given(
    counted=st.decimals(min_value=0, max_value=10_000, places=2),
    target=st.decimals(min_value=Decimal("0.01"), max_value=10_000, places=2),
)
@settings(max_examples=60, deadline=None)
def test_attainment_never_exceeds_the_cap(counted: Decimal, target: Decimal) -> None:
    reached = attainment(counted, target, Decimal(1))
    assert Decimal(0) <= reached <= Decimal(1)
    if counted >= target:
        assert reached == 1


def test_price_formulas() -> None:
    assert price_points(Decimal(200), Decimal(100), "lowest-over-price", 100) == Decimal("50.00")
    assert price_points(Decimal(150), Decimal(100), "linear", 100) == Decimal("50.00")
    assert price_points(Decimal(300), Decimal(100), "linear", 100) == Decimal("0.00")
    assert price_points(Decimal(100), Decimal(100), "none", 100) == Decimal(0)


def test_ties_are_broken_in_the_published_order() -> None:
    clean = Contender("a", Decimal(90), True, 0, Decimal(80), Decimal(70), Decimal(100))
    flagged = Contender("b", Decimal(90), True, 3, Decimal(80), Decimal(70), Decimal(100))
    twin = Contender("c", Decimal(90), True, 0, Decimal(80), Decimal(70), Decimal(100))
    ranks, ties = rank([flagged, clean, twin], ("fewer-reductions",))
    assert ranks == {"a": 1, "c": 1, "b": 3}
    assert ties == [("a", "c")]
    below = Contender("d", Decimal(99), False, 0, Decimal(99), Decimal(99), Decimal(99))
    ranks, _ = rank([clean, below], ())
    assert ranks == {"a": 1, "d": 2}


def test_one_bad_bid_does_not_block_the_award() -> None:
    free = dict(HONEST, id="free", bidPrice={"amount": "0.00", "currency": "EUR"})
    other = dict(HONEST, id="elsewhere", tender={"id": "another-tender"})
    award = award_bids(
        _tender(),
        [_bid(HONEST), _bid(free), _bid(other)],
        CATALOGUE,
        _sheet(HONEST["id"], "free", "elsewhere"),
    )
    by_id = {b.bid: b for b in award.bids}
    assert by_id["free"].status == "excluded"
    assert "not above 0" in by_id["free"].exclusion_reasons[0].message
    assert by_id["elsewhere"].status == "excluded"
    assert by_id[HONEST["id"]].rank == 1


def test_a_missing_qualitative_score_excludes_only_that_bid() -> None:
    second = dict(HONEST, id="second", submitted="2026-11-05")
    award = award_bids(_tender(), [_bid(HONEST), _bid(second)], CATALOGUE, _sheet(HONEST["id"]))
    by_id = {b.bid: b for b in award.bids}
    assert by_id["second"].status == "excluded"
    assert "qualitative score" in by_id["second"].exclusion_reasons[0].message


def test_the_award_is_a_document_that_round_trips() -> None:
    award = award_bids(_tender(), [_bid(HONEST)], CATALOGUE, _sheet(HONEST["id"]))
    text = dump_document(award)
    again = parse_document(text, "award.json")
    assert dump_document(again) == text
    assert json.loads(text)["documentType"] == "award"


def test_the_cli_excludes_an_invalid_bid_and_scores_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = dict(HONEST, id="broken", catalogue={"id": "nl", "version": "2099.9"})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"bid_id,qualitative_score\n{HONEST['id']},70\nbroken,70\n", encoding="utf-8")
    code = main(
        [
            "score",
            str(PILOT / "tender.json"),
            str(PILOT / "bid-honest.json"),
            str(path),
            "--evaluation",
            str(sheet),
            "--format",
            "json",
        ]
    )
    assert code == 0
    award = json.loads(capsys.readouterr().out)
    status = {b["bid"]: b["status"] for b in award["bids"]}
    assert status[HONEST["id"]] == "ranked"
    assert "excluded" in status.values()
    assert len(award["ranking"]) == 1


def test_the_migration_publishes_the_1_0_scoring_as_award_rules() -> None:
    data = json.loads((ROOT / "examples" / "tender.json").read_text(encoding="utf-8"))
    migration = migrate_document(data)
    award = migration.data["award"]
    assert "scoring" not in migration.data
    assert award["weights"]["socialValue"] == data["scoring"]["socialValueWeight"]
    assert award["minimum"]["policy"] == "rank-after"
    assert any(n.kind is NoteKind.NEEDS_INPUT and n.pointer == "/award" for n in migration.notes)
    absolute = dict(data, scoring={**data["scoring"], "method": "absolute"})
    assert migrate_document(absolute).data["award"]["method"] == "outcome-attainment"


def test_a_2_0_tender_without_award_rules_is_refused() -> None:
    data = _json("tender.json")
    del data["award"]
    from sroi_core.errors import DocumentInvalidError

    with pytest.raises(DocumentInvalidError):
        parse_document(json.dumps(data), "tender.json")


def test_pseudonyms_are_keyed_by_the_buyer() -> None:
    leiden = pseudonym("123 456 782", b"leiden-secret")
    assert leiden == pseudonym("123456782", b"leiden-secret")
    assert leiden != pseudonym("123456782", b"utrecht-secret")
    assert len(leiden) == 64
    assert "123456782" not in leiden
    with pytest.raises(ValueError, match="key"):
        pseudonym("123456782", b"")


def test_the_ledger_finds_a_person_claimed_under_two_contracts() -> None:
    person = pseudonym("123456782", b"k")
    year = Period(start="2027-01-01", end="2027-12-31")  # type: ignore[arg-type]
    entries = [
        LedgerEntry(
            "contract-a", "NL-KVK 1", "wp-x", "bijstand-exit", year, "g", frozenset({person})
        ),
        LedgerEntry(
            "contract-b", "NL-KVK 2", "wp-y", "bijstand-exit", year, "h", frozenset({person})
        ),
        LedgerEntry(
            "contract-c", "NL-KVK 2", "wp-y", "other-family", year, "h", frozenset({person})
        ),
    ]
    found = claimed_twice(entries)
    assert [f.rule_id for f in found] == ["credibility.claimed-twice"]
    assert "contract-b" in found[0].message


def test_value_separates_what_the_tender_can_count(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["value", str(PILOT / "bid-inflated.json"), "--tender", str(PILOT / "tender.json")])
    assert code == 0
    head = capsys.readouterr().out.split("\n\n")[0].splitlines()
    figures = {}
    for line in head:
        if line.startswith("Counted for tender"):
            perspective = line.split("(")[1].split(")")[0]
            counted, claimed = (
                Decimal(part.split("EUR ")[1].rstrip(")").replace(",", ""))
                for part in line.split(" (claimed in the bid: ")
            )
            figures[perspective] = (counted, claimed)
    # each perspective on its own line, never summed; the award's own (society) first
    assert list(figures) == ["Society", "Public purse"]
    counted, claimed = figures["Society"]
    assert counted < claimed  # the wellbeing line the tender did not ask for does not count
    assert any(line.startswith("  not counted: c-bbq") for line in head)


def test_check_compares_the_bids_of_one_tender(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = dict(
        HONEST,
        id="copy",
        submitted="2026-11-09",
        supplier={"identifier": {"scheme": "NL-KVK", "id": "99995009"}, "name": "Kopie B.V."},
    )
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(copy), encoding="utf-8")
    code = main(
        [
            "check",
            str(PILOT / "tender.json"),
            str(PILOT / "bid-honest.json"),
            str(path),
            "--format",
            "json",
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    rules = {
        f["file"].rsplit("/", 1)[-1]: {x["ruleId"] for x in f["findings"]} for f in report["files"]
    }
    assert rules["copy.json"] == {"credibility.copied-commitments"}
    assert rules["bid-honest.json"] == set()


def test_relative_value_counts_one_perspective_of_the_counted_lines() -> None:
    """A value method the buyer chose: only the perspective's values of counted lines."""
    inflated = _json("bid-inflated.json")
    bids = [_bid(HONEST), _bid(inflated)]
    sheet = _sheet(HONEST["id"], inflated["id"])
    purse = award_bids(
        _tender(method="relative-value", perspective="public-purse"), bids, CATALOGUE, sheet
    )
    society = award_bids(
        _tender(method="relative-value", perspective="society"), bids, CATALOGUE, sheet
    )
    honest_purse = next(b for b in purse.bids if b.bid == HONEST["id"])
    honest_society = next(b for b in society.bids if b.bid == HONEST["id"])
    gaming = next(b for b in purse.bids if b.bid == inflated["id"])
    assert honest_purse.counted_value is not None
    assert honest_society.counted_value is not None
    # the work outcome carries a fiscal value (public purse) and no society value
    assert honest_purse.counted_value > 0
    assert honest_purse.counted_value != honest_society.counted_value
    # the inflated bid's lines are excluded, so it counts nothing and ranks last
    assert gaming.counted_value == 0
    assert honest_purse.points.quantitative == Decimal("100.00")
    assert purse.ranking[0].bid == HONEST["id"]


def test_absolute_value_scores_against_the_published_minimum() -> None:
    tender = _tender(
        method="absolute-value",
        perspective="public-purse",
        minimum={"valueShare": "0.01", "policy": "rank-after"},
    )
    award = award_bids(tender, [_bid(HONEST)], CATALOGUE, _sheet(HONEST["id"]))
    entry = award.bids[0]
    assert entry.counted_value is not None
    minimum = Decimal("0.01") * Decimal("1200000.00")
    expected = min(Decimal(1), entry.counted_value / minimum) * 100
    assert entry.points.quantitative == expected.quantize(Decimal("0.01"))
    assert entry.compliant is (entry.counted_value >= minimum)


def test_a_bid_naming_an_unknown_indicator_is_excluded_not_fatal() -> None:
    odd = json.loads(json.dumps(HONEST))
    odd["id"] = "odd"
    odd["submitted"] = "2026-11-07"
    odd["commitments"][0]["indicator"] = "no-such-indicator"
    award = award_bids(_tender(), [_bid(HONEST), _bid(odd)], CATALOGUE, _sheet(HONEST["id"], "odd"))
    by_id = {b.bid: b for b in award.bids}
    assert by_id["odd"].status == "excluded"
    assert "no-such-indicator" in by_id["odd"].exclusion_reasons[0].message
    assert by_id[HONEST["id"]].rank == 1


def test_every_consequence_row_names_a_rule_and_every_gaming_rule_has_a_row() -> None:
    """No check that names a gaming pattern is left without an award consequence."""
    from sroi_core.codelists import codelist
    from sroi_core.rules import all_rules

    known = {rule.id: rule for rule in all_rules()}
    rows = codelist("findingConsequence")
    for code in rows.values:
        assert code in known or code in ("error", "warning"), code
    gaming = [r for r in known.values() if r.id.startswith("credibility.")]
    assert len(gaming) >= 15
    for rule in gaming:
        assert rule.id in rows, f"{rule.id} has no consequence in the profile"
        assert rule.template_nl


@given(st.permutations(["honest", "inflated", "tickbox"]))
@settings(max_examples=6, deadline=None)
def test_the_award_does_not_depend_on_the_order_of_the_bids(order: list[str]) -> None:
    bids = [_bid(_json(f"bid-{name}.json")) for name in order]
    award = award_bids(_tender(), bids, CATALOGUE, _sheet(*(b.id for b in bids)))
    reference = award_bids(
        _tender(), sorted(bids, key=lambda b: b.id), CATALOGUE, _sheet(*(b.id for b in bids))
    )
    assert dump_document(award) == dump_document(reference)


def test_the_markdown_award_lists_the_ranking_and_each_reduction(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "score",
            str(PILOT / "tender.json"),
            str(PILOT / "bid-honest.json"),
            str(PILOT / "bid-inflated.json"),
            "--evaluation",
            str(PILOT / "evaluation.csv"),
            "--format",
            "markdown",
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "| 1 | lei-2027-031-bid-honest | 96.40 |" in text
    assert "`credibility.creaming`" in text


def test_the_ledger_command_finds_results_promised_to_two_contracts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = dict(HONEST, id="other-contract-bid", tender={"id": "lei-2026-010-sv"})
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    assert main(["ledger", str(PILOT / "bid-honest.json"), str(path), "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {f["ruleId"] for f in found} == {"credibility.promised-elsewhere"}
    assert len(found) == 2 * len(HONEST["commitments"])
    alone = [str(PILOT / "bid-honest.json"), str(PILOT / "bid-inflated.json")]
    assert main(["ledger", *alone]) == 0


def test_the_tender_s_own_findings_are_reported_once_beside_missing_targets() -> None:
    data = _json("tender.json")
    data["indicators"][0] = {"indicator": data["indicators"][0]["indicator"]}
    data["outcomesOnly"] = True
    data["indicators"].append(
        {"indicator": "lv-clean-up-activities", "target": {"value": "5", "unit": "event"}}
    )
    tender = Tender.model_validate(data, context=CONTEXT)
    award = award_bids(tender, [_bid(HONEST)], CATALOGUE, _sheet(HONEST["id"]))
    rules = [f.rule_id for f in award.tender_findings]
    assert "award.indicator-without-target" in rules
    assert "quality.tender-output-indicator" in rules
    assert len(rules) == len(set(rules))


def test_a_line_the_tender_did_not_ask_for_is_excluded_with_a_dutch_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The reason inside award.line-not-counted is prose in each language, never English in
    a Dutch message."""
    files = [str(PILOT / name) for name in ("tender.json", "bid-tickbox.json")]
    sheet = str(PILOT / "evaluation.csv")
    assert main(["score", *files, "--evaluation", sheet, "--language", "nl"]) == 0
    dutch = capsys.readouterr().out
    assert "de aanbesteding vraagt niet om indicator lv-clean-up-activities" in dutch
    assert "asks for" not in dutch
    assert main(["score", *files, "--evaluation", sheet, "--language", "en"]) == 0
    assert "indicator lv-clean-up-activities is not one the tender asks for" in (
        capsys.readouterr().out
    )
