"""Print the adversarial set's figures before (1.0 relative scoring) and after (2.0 award).

Before: each bid reduced to its 1.0 fields and scored by ``score_bids`` under the pilot
tender with the 1.0 default pattern (relative monetised scoring, social value 0.4, price
0.6). After: ``award_bids`` under the pilot tender's published 2.0 award rules. Every
strategy competes with the two honest bids at equal price and equal qualitative score.

    python tools/adversarial_figures.py
"""

from __future__ import annotations

import copy
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from adversarial.builder import STRATEGIES, honest, second_honest  # noqa: E402

from sroi_core.award.engine import award_bids  # noqa: E402
from sroi_core.award.ledger import entries_of  # noqa: E402
from sroi_core.catalogue_store import CatalogueStore  # noqa: E402
from sroi_core.errors import SroiError  # noqa: E402
from sroi_core.model.bid import Bid  # noqa: E402
from sroi_core.model.tender import Tender  # noqa: E402
from sroi_core.scoring import Evaluation, EvaluationRow, score_bids  # noqa: E402

PILOT = ROOT / "examples" / "2.0" / "pilot"
V2_FIELDS = (
    "cohort",
    "additionality",
    "deliverySchedule",
    "evidencePlan",
    "deliveryRoute",
    "contributionShare",
)
CONTEXT = {"document": True}


def _as_1_0(bid: dict[str, Any]) -> Bid:
    data = copy.deepcopy(bid)
    data["standardVersion"] = "1.0"
    for c in data["commitments"]:
        for name in V2_FIELDS:
            c.pop(name, None)
    return Bid.model_validate(data, context=CONTEXT)


def _tender_1_0() -> Tender:
    data = json.loads((PILOT / "tender.json").read_text(encoding="utf-8"))
    data["standardVersion"] = "1.0"
    data.pop("award")
    data["scoring"] = {"method": "relative", "socialValueWeight": "0.4", "priceWeight": "0.6"}
    return Tender.model_validate(data, context=CONTEXT)


def _before(bids: list[dict[str, Any]]) -> dict[str, tuple[int | None, Decimal | None]] | str:
    catalogue = CatalogueStore().resolve("nl", "2026.1")
    try:
        result = score_bids(_tender_1_0(), [_as_1_0(b) for b in bids], catalogue)
    except SroiError as error:
        return f"blocked: {str(error)[:60]}"
    return {s.bid_id: (s.rank, s.total) for s in result.bids}


def _after(bids: list[dict[str, Any]], ledger: list[Any]) -> dict[str, tuple[int | None, Any]]:
    catalogue = CatalogueStore().resolve("nl", "2026.1")
    tender = Tender.model_validate(
        json.loads((PILOT / "tender.json").read_text(encoding="utf-8")), context=CONTEXT
    )
    models = [Bid.model_validate(b, context=CONTEXT) for b in bids]
    sheet = Evaluation(tuple(EvaluationRow(b.id, qualitative_score=Decimal(70)) for b in models))
    award = award_bids(tender, models, catalogue, sheet, ledger=ledger)
    return {b.bid: (b.rank, b.points.total) for b in award.bids}


def main() -> None:
    """Print one row per strategy: gaming rank/total before and after, honest ranks."""
    print(
        "strategy | before: gaming rank (total) / honest ranks"
        " | after: gaming rank (total) / honest ranks"
    )
    base = [honest(), second_honest()]
    honest_ids = [b["id"] for b in base]
    for name, (_text, build) in sorted(STRATEGIES.items()):
        gaming = build()
        ledger = []
        if name == "same-exits-two-contracts":
            other = dict(gaming, tender={"id": "lei-2026-010-sv"}, id="elsewhere")
            ledger = entries_of(Bid.model_validate(other, context=CONTEXT))
        before = _before([*base, gaming])
        after = _after([*base, gaming], ledger)
        if isinstance(before, str):
            shown = before
        else:
            shown = f"{before[gaming['id']][0]} ({before[gaming['id']][1]}) / " + ", ".join(
                str(before[h][0]) for h in honest_ids
            )
        later = f"{after[gaming['id']][0]} ({after[gaming['id']][1]}) / " + ", ".join(
            str(after[h][0]) for h in honest_ids
        )
        print(f"{name} | {shown} | {later}")


if __name__ == "__main__":
    main()
