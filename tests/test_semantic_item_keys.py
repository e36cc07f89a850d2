"""The semantic layer checks a long list once per distinct item key, finding for finding.

``semantic._item_findings`` checks one commitment of each (indicator, unit, period) first
and then, one by one, only the commitments whose combination gave findings. Generated
bids that repeat a few combinations, some clean and some not (an unknown indicator, an
incompatible unit, an hour/FTE conversion with no FTE norm, a period that ends before it
starts; ids that repeat), must get exactly the findings of checking every commitment in
turn, as the streaming validator does: rule, severity, file, pointer, messages and order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sroi_core.documents import load_document
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.types import DocumentRef, Period
from sroi_core.rules import Finding
from sroi_core.validation.semantic import LIST_RULES, IdTally, semantic_findings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOURCE = "bid.json"

BID = load_document(ROOT / "examples" / "bid.json")
CATALOGUE = load_document(ROOT / "examples" / "catalogue.illustrative.json")
assert isinstance(BID, Bid)
assert isinstance(CATALOGUE, Catalogue)
WITHOUT_FTE_NORM = CATALOGUE.model_copy(update={"fte_norm": None})

INDICATORS = st.sampled_from([*(i.id for i in CATALOGUE.indicators), "ind-unknown"])
UNITS = st.sampled_from(["person", "fte-year", "hour", "tonne-co2e", "kg-co2e", "euro"])
DAYS = [dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2027, 6, 30)]
PERIODS = st.sampled_from([(1, 2), (1, 0), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)]).map(
    lambda ends: Period.model_construct(start=DAYS[ends[0]], end=DAYS[ends[1]])
)
"""Periods in order and reversed that share a start or an end."""


@st.composite
def bids(draw: st.DrawFn) -> Bid:
    """A copy of the example bid whose commitments mix a few drawn indicators and units and
    the periods above (each part picked on its own, so combinations share parts)."""
    indicators = draw(st.lists(INDICATORS, min_size=1, max_size=3, unique=True))
    units = draw(st.lists(UNITS, min_size=1, max_size=3, unique=True))
    template = BID.commitments[0]
    commitments = []
    for n in range(draw(st.integers(0, 12))):
        quantity = template.quantity.model_copy(update={"unit": draw(st.sampled_from(units))})
        update = {
            "id": draw(st.sampled_from([f"c-{n}", "c-again", "c-0"])),
            "indicator": draw(st.sampled_from(indicators)),
            "quantity": quantity,
            "period": draw(PERIODS),
        }
        commitments.append(template.model_copy(update=update))
    return BID.model_copy(update={"commitments": tuple(commitments)})


def _one_by_one(bid: Bid, catalogue: Catalogue | None) -> list[Finding]:
    """The findings of checking every commitment in turn (the streaming validator's way)."""
    rules = LIST_RULES[Bid]
    found = list(rules.opening(bid, SOURCE))
    tally = IdTally()
    for n, commitment in enumerate(bid.commitments):
        tally.add(commitment.id, n)
    found += tally.findings(rules.kind, SOURCE, rules.key)
    found_catalogue, context = rules.context(bid, lambda _ref: catalogue, SOURCE)
    found += context
    clean: set[tuple[str, str]] = set()
    for n, commitment in enumerate(bid.commitments):
        found += rules.item(commitment, n, found_catalogue, SOURCE, clean)
    return found


@SETTINGS
@given(bids(), st.sampled_from([CATALOGUE, WITHOUT_FTE_NORM, None]))
def test_keyed_checks_find_what_checking_each_commitment_finds(
    bid: Bid, catalogue: Catalogue | None
) -> None:
    def lookup(_ref: DocumentRef) -> Catalogue | None:
        return catalogue

    found = semantic_findings(bid, SOURCE, lookup)
    assert found == _one_by_one(bid, catalogue)
    assert [f.message for f in found] == [f.message for f in _one_by_one(bid, catalogue)]


def test_a_repeated_faulty_combination_is_reported_at_every_commitment() -> None:
    """Keys decide what is checked again, never what is reported: each pointer is its own."""
    template = BID.commitments[0]
    quantity = template.quantity.model_copy(update={"unit": "euro"})
    faulty = [
        template.model_copy(update={"id": f"c-{n}", "quantity": quantity}) for n in range(3)
    ]
    bid = BID.model_copy(update={"commitments": (template, *faulty)})
    found = semantic_findings(bid, SOURCE, lambda _ref: CATALOGUE)
    assert [(f.rule_id, f.pointer) for f in found] == [
        ("unit.incompatible", f"/commitments/{n}/quantity/unit") for n in (1, 2, 3)
    ]
