"""The council report's "value that counts for the award" is one perspective, never a sum.

Issue 10: no total, ratio or score adds values of different perspectives. The report shows
the award's perspective as what counts and every other perspective beside it, for a 1.0
tender (read as its migration would: perspective society) and for a 2.0 tender alike.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from sroi_core._decimal import exact_sum
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.contract import award_perspective
from sroi_core.documents import load_document
from sroi_core.model import Bid, Tender
from sroi_core.model.codes import Perspective, ValuationBasis
from sroi_core.report import build_report, render_markdown
from sroi_core.report.data import ReportData

ROOT = Path(__file__).resolve().parents[1]
PILOT_1 = ROOT / "examples" / "pilot"
PILOT_2 = ROOT / "examples" / "2.0" / "pilot"


def _report(tender_path: Path, bid_path: Path, language: str = "nl") -> ReportData:
    tender = load_document(tender_path)
    bid = load_document(bid_path)
    assert isinstance(tender, Tender)
    assert isinstance(bid, Bid)
    catalogue = CatalogueStore().get(tender.catalogue)
    return build_report(tender, bid, catalogue, language=language)


def _counted_lines_in(data: ReportData, perspective: Perspective) -> Decimal:
    assert data.award is not None
    scored = {line.commitment for line in data.award.lines if line.scored}
    return exact_sum(
        line.perspective_value(perspective)
        for line in data.valuation.lines
        if line.line_id in scored
    )


def test_1_0_report_shows_the_award_as_made_and_each_perspective_apart() -> None:
    """A 1.0 award added perspectives (frozen 1.0 method): the report must not contradict it.

    It shows that sum labelled as the 1.0 rule, each perspective apart beside it, and what
    the 2.0 rule (award perspective only) would count — never a sum presented as one
    perspective.
    """
    data = _report(PILOT_1 / "tender.json", PILOT_1 / "bid-a.json")
    counted = data.award_value
    assert counted is not None
    assert data.award is not None
    assert counted.perspective is Perspective.SOCIETY
    society = _counted_lines_in(data, Perspective.SOCIETY)
    public = _counted_lines_in(data, Perspective.PUBLIC_PURSE)
    assert public > 0, "the pilot bid has a fiscal line: the test must see two perspectives"
    assert counted.counted == society
    assert counted.others == ((Perspective.PUBLIC_PURSE, public),)
    assert data.award.eligible_value == society + public
    assert counted.awarded_1_0 == data.award.eligible_value
    assert counted.decisive == data.award.eligible_value
    text = render_markdown(data)
    label = "Telt mee voor de gunning (standaard 1.0: perspectieven opgeteld)"
    summed = f"| {label} | €\xa0{_nl(society + public)} |"
    assert summed in text
    assert f"| waarvan maatschappij | €\xa0{_nl(society)} |" in text
    assert f"| waarvan overheidsfinanciën | €\xa0{_nl(public)} |" in text
    assert f"voor de maatschappij is dat €\xa0{_nl(society)}" in text
    assert "(maatschappij) | €" not in text  # no sum is ever labelled as one perspective


def test_1_0_minimum_verdict_agrees_with_the_1_0_score() -> None:
    data = _report(PILOT_1 / "tender.json", PILOT_1 / "bid-a.json", language="en")
    assert data.award_value is not None
    assert data.award is not None
    assert data.minimum is not None
    text = render_markdown(data)
    met = data.award.eligible_value >= data.minimum
    assert data.award.compliant is met  # the 1.0 score's own verdict
    expected = "meets the minimum" if met else "below the minimum"
    line = text.split("Counts for the award (standard 1.0: perspectives added)")[1]
    assert expected in line.split("\n")[0]
    two_0 = "below the minimum" if data.award_value.counted < data.minimum else "meets"
    assert two_0 in text.split("in the society perspective that is")[1].split("\n")[0]


@pytest.mark.parametrize("bid", ["bid-honest.json", "bid-inflated.json"])
def test_2_0_award_figure_is_one_perspective(bid: str) -> None:
    data = _report(PILOT_2 / "tender.json", PILOT_2 / bid)
    counted = data.award_value
    assert counted is not None
    assert data.award is None  # a 2.0 tender is not scored by the 1.0 method
    assert counted.perspective is award_perspective(data.tender)
    assert all(other is not counted.perspective for other, _ in counted.others)
    totals = data.valuation.totals.by_perspective or ()
    by_perspective = {t.perspective: t.present_value for t in totals}
    # what counts never exceeds the bid's own value in that perspective
    assert counted.counted <= by_perspective.get(counted.perspective, Decimal(0))
    assert counted.committed == by_perspective.get(counted.perspective, Decimal("0.00"))
    for other, value in counted.others:
        assert value <= by_perspective[other]


def test_2_0_excluded_lines_count_nothing_and_shares_reduce_value() -> None:
    inflated = _report(PILOT_2 / "tender.json", PILOT_2 / "bid-inflated.json").award_value
    assert inflated is not None
    assert inflated.counted == 0
    assert inflated.committed > 0
    assert inflated.others == ()
    honest = _report(PILOT_2 / "tender.json", PILOT_2 / "bid-honest.json").award_value
    assert honest is not None
    assert dict(honest.others).get(Perspective.PUBLIC_PURSE, Decimal(0)) > 0


def test_2_0_attainment_minimum_is_not_called_no_minimum() -> None:
    data = _report(PILOT_2 / "tender.json", PILOT_2 / "bid-honest.json")
    assert data.minimum is None
    assert data.tender.award is not None
    assert data.tender.award.minimum is not None
    assert data.tender.award.minimum.attainment is not None
    text = render_markdown(data)
    assert "het minimum van de aanbesteding is een doelbereik, geen bedrag" in text
    assert "de aanbesteding stelt geen minimum" not in text


def test_2_0_line_in_two_perspectives_shows_each_apart() -> None:
    data = _report(PILOT_2 / "tender.json", PILOT_2 / "bid-honest.json")
    line = next(line for line in data.valuation.lines if line.perspective_value("public-purse"))
    public = line.perspective_value("public-purse")
    society = line.values[0].model_copy(
        update={"valuation_basis": ValuationBasis.WELLBEING, "present_value": Decimal("100.00")}
    )
    both = line.model_copy(update={"values": (*line.values, society)})
    lines = tuple(both if other is line else other for other in data.valuation.lines)
    changed = dataclasses.replace(
        data, valuation=data.valuation.model_copy(update={"lines": lines})
    )
    text = render_markdown(changed)
    row = next(r for r in text.splitlines() if r.startswith(f"| {line.line_id} |"))
    assert f"€\xa0{_nl(public)} (overheidsfinanciën); €\xa0100,00 (maatschappij)" in row
    assert _nl(public + Decimal("100.00")) not in row
    plain = next(
        r for r in render_markdown(data).splitlines() if r.startswith(f"| {line.line_id} |")
    )
    assert f"| €\xa0{_nl(public)} |" in plain  # one perspective: the plain amount


def test_award_perspective_follows_the_tender() -> None:
    tender = load_document(PILOT_2 / "tender.json")
    assert isinstance(tender, Tender)
    assert tender.award is not None
    public = tender.model_copy(
        update={"award": tender.award.model_copy(update={"perspective": "public-purse"})}
    )
    assert award_perspective(public) is Perspective.PUBLIC_PURSE
    old = load_document(PILOT_1 / "tender.json")
    assert isinstance(old, Tender)
    assert award_perspective(old) is Perspective.SOCIETY


def _nl(value: Decimal) -> str:
    whole, cents = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + cents
