"""The adversarial set: no gaming strategy outranks the honest bids, and each is flagged.

Each strategy (tests/adversarial/builder.py) is one bid built from the honest pilot bid.
It competes with two honest bids at equal price and equal qualitative score under the
pilot tender's published award rules. The catalogue is the one the pilot tender names,
nl 2026.2, whose resident-survey indicators are ``level: area``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from adversarial.builder import EXPECTED_RULE, PILOT, STRATEGIES, honest, second_honest

from sroi_core.award.engine import award_bids
from sroi_core.award.ledger import entries_of
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import parse_document
from sroi_core.model.award import Award, BidAward
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.tender import Tender
from sroi_core.scoring import Evaluation, EvaluationRow

AREA_LEVEL = {"sc-neighbourhood-togetherness", "lv-green-space-satisfied"}
HONEST = ("lei-2027-031-bid-honest", "honest-2")


def _catalogue() -> Catalogue:
    catalogue = CatalogueStore().resolve("nl", "2026.2")
    levels = {i.id: i.level for i in catalogue.indicators}
    assert all(levels[i] == "area" for i in AREA_LEVEL)  # the contribution share applies
    return catalogue


CATALOGUE = _catalogue()
TENDER = parse_document((PILOT / "tender.json").read_text(encoding="utf-8"))
assert isinstance(TENDER, Tender)


def _bid(data: dict[str, Any]) -> Bid:
    bid = parse_document(json.dumps(data), f"{data['id']}.json")
    assert isinstance(bid, Bid)
    return bid


def _sheet(*bids: Bid) -> Evaluation:
    return Evaluation(
        rows=tuple(EvaluationRow(bid_id=b.id, qualitative_score=Decimal(70)) for b in bids)
    )


def _award(*bids: Bid, **kwargs: Any) -> Award:
    return award_bids(TENDER, list(bids), CATALOGUE, _sheet(*bids), **kwargs)


def _entry(award: Award, bid_id: str) -> BidAward:
    return next(b for b in award.bids if b.bid == bid_id)


def _flagged(entry: BidAward) -> bool:
    """A finding with an award consequence, an exclusion or a line that does not count."""
    return bool(
        entry.findings
        or entry.exclusion_reasons
        or any(
            r.rule_id != "award.contribution-share" for line in entry.lines for r in line.reductions
        )
    )


def _rules(entry: BidAward) -> set[str]:
    """Rule ids of the bid's findings, exclusions and line reductions."""
    found = {f.rule_id for f in (*entry.findings, *entry.exclusion_reasons)}
    return found | {r.rule_id for line in entry.lines for r in line.reductions}


HONEST_BIDS = (_bid(honest()), _bid(second_honest()))


def test_the_honest_bids_are_clean_and_reach_every_target() -> None:
    award = _award(*HONEST_BIDS)
    for bid_id in HONEST:
        entry = _entry(award, bid_id)
        assert entry.findings == ()
        assert not _flagged(entry)
        assert entry.points.quantitative == Decimal("100.00")
        assert entry.rank is not None


def test_there_are_at_least_thirty_strategies_each_with_its_rule() -> None:
    assert len(STRATEGIES) >= 30
    assert set(EXPECTED_RULE) == set(STRATEGIES)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_a_gaming_bid_is_flagged_and_cannot_outrank_the_honest_bids(name: str) -> None:
    _description, build = STRATEGIES[name]
    data = build()
    gaming = _bid(data)
    ledger = []
    if name == "same-exits-two-contracts":
        elsewhere = dict(data, tender={"id": "lei-2026-010-sv"}, id="elsewhere")
        ledger = entries_of(_bid(elsewhere))
    award = _award(*HONEST_BIDS, gaming, ledger=ledger)
    entry = _entry(award, gaming.id)
    assert _flagged(entry), f"{name} is not flagged"
    assert EXPECTED_RULE[name] in _rules(entry), (name, sorted(_rules(entry)))
    honest_ranks = [_entry(award, b).rank for b in HONEST]
    assert all(rank is not None for rank in honest_ranks)
    if entry.rank is not None:
        assert all(entry.rank > rank for rank in honest_ranks if rank is not None), (
            f"{name} ranks {entry.rank}, honest {honest_ranks}"
        )
    for bid_id in HONEST:
        if name != "copied-commitments" or bid_id != HONEST[0]:
            assert _entry(award, bid_id).findings == (), (name, bid_id)


def test_a_copy_is_flagged_and_the_earlier_original_stays_clean() -> None:
    _description, build = STRATEGIES["copied-commitments"]
    copy = _bid(build())
    award = _award(HONEST_BIDS[0], copy)
    assert _entry(award, HONEST_BIDS[0].id).findings == ()
    rules = {f.rule_id for f in _entry(award, copy.id).findings}
    assert "credibility.copied-commitments" in rules
