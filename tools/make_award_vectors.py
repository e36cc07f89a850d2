"""Write the award conformance vectors (tests/conformance/award/) from the 2.0 pilot.

Each vector carries its own small catalogue: the pilot's indicators (and those its bids
name) taken from the built-in ``nl`` 2026.1 with their outcomes, themes, proxy values and
price indices, under the id ``nl-award-subset``. The expected figures are the reference
implementation's; another implementation passes when it gives the same ranking, totals,
points and rule ids.

    python tools/make_award_vectors.py
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sroi_core.award.engine import award_bids
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.tender import Tender
from sroi_core.scoring import Evaluation, EvaluationRow

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "2.0" / "pilot"
OUT = ROOT / "tests" / "conformance" / "award"
CONTEXT = {"document": True}
Json = dict[str, Any]


def _read(path: Path) -> Json:
    data: Json = json.loads(path.read_text(encoding="utf-8"))
    return data


def _subset(indicators: set[str]) -> Json:
    full = _read(ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json")
    kept = [i for i in full["indicators"] if i["id"] in indicators]
    outcomes = {i["outcome"] for i in kept}
    themes = {i["theme"] for i in kept}
    data = copy.deepcopy(full)
    data["id"] = "nl-award-subset"
    data["indicators"] = kept
    data["outcomes"] = [o for o in full["outcomes"] if o["id"] in outcomes]
    data["themes"] = [t for t in full["themes"] if t["id"] in themes] if full.get("themes") else []
    data["proxyValues"] = [p for p in full["proxyValues"] if p["indicator"] in indicators]
    return data


def _retarget(doc: Json) -> Json:
    out = copy.deepcopy(doc)
    out["catalogue"] = {"id": "nl-award-subset", "version": "2026.1"}
    return out


def _expected(tender: Json, bids: list[Json], catalogue: Json, sheet: list[Json]) -> Json:
    award = award_bids(
        Tender.model_validate(tender, context=CONTEXT),
        [Bid.model_validate(b, context=CONTEXT) for b in bids],
        Catalogue.model_validate(catalogue, context=CONTEXT),
        Evaluation(
            tuple(
                EvaluationRow(row["bid"], qualitative_score=Decimal(row["qualitativeScore"]))
                for row in sheet
            )
        ),
    )
    return {
        "ranking": [{"bid": e.bid, "rank": e.rank, "total": str(e.total)} for e in award.ranking],
        "bids": {
            b.bid: {
                "status": b.status,
                **({"quantitative": str(b.points.quantitative)} if b.status == "ranked" else {}),
                "exclusionRules": sorted({r.rule_id for r in b.exclusion_reasons}),
                "lineRules": {
                    line.commitment: sorted({r.rule_id for r in line.reductions})
                    for line in b.lines
                    if line.reductions
                },
            }
            for b in award.bids
        },
    }


def _vector(
    vector_id: str, description: str, tender: Json, bids: list[Json], scores: dict[str, str]
) -> Json:
    names = {c["indicator"] for b in bids for c in b["commitments"]}
    names |= {i["indicator"] for i in tender["indicators"]}
    catalogue = _subset(names)
    tender, bids = _retarget(tender), [_retarget(b) for b in bids]
    sheet = [{"bid": b["id"], "qualitativeScore": scores[b["id"]]} for b in bids]
    return {
        "id": vector_id,
        "kind": "award",
        "description": description,
        "documents": {"catalogue": catalogue, "tender": tender, "bids": bids},
        "evaluation": sheet,
        "expected": _expected(tender, bids, catalogue, sheet),
    }


def main() -> None:
    """Write the vectors."""
    tender = _read(PILOT / "tender.json")
    honest, inflated, tickbox = (
        _read(PILOT / f"bid-{name}.json") for name in ("honest", "inflated", "tickbox")
    )
    scores = {honest["id"]: "70", inflated["id"]: "70", tickbox["id"]: "40"}
    vectors = [
        _vector(
            "award-pilot-outcome-attainment",
            "The 2.0 pilot: outcome attainment against targets (three indicators without a "
            "proxy value), every finding's consequence on its line, the honest bid first.",
            tender,
            [honest, inflated, tickbox],
            scores,
        ),
    ]
    free = copy.deepcopy(honest)
    free["id"] = "bid-price-zero"
    free["submitted"] = "2026-11-03"
    for c in free["commitments"]:
        c["cohort"]["targetGroup"] = {"nl": "Eigen doelgroep " + c["id"]}
    free["bidPrice"] = {"amount": "0.00", "currency": "EUR"}
    vectors.append(
        _vector(
            "award-refused-bid-others-scored",
            "A bid with price 0 is excluded with award.bid-refused; the other bid is scored.",
            tender,
            [honest, free],
            {honest["id"]: "70", "bid-price-zero": "70"},
        )
    )
    lenient = copy.deepcopy(tender)
    lenient["award"]["findingConsequences"] = [
        {"rule": "credibility.creaming", "action": "reduce", "factor": "0.5"}
    ]
    creamed = copy.deepcopy(honest)
    creamed["id"] = "bid-creamed"
    creamed["commitments"][3]["cohort"]["selection"] = "supplier-screened"
    vectors.append(
        _vector(
            "award-tender-consequence-applies",
            "The tender publishes its own consequence for creaming (count half): the creamed "
            "work line counts 3 of 6 exits, not 0 as under the profile default.",
            lenient,
            [creamed],
            {"bid-creamed": "70"},
        )
    )
    OUT.mkdir(parents=True, exist_ok=True)
    for vector in vectors:
        path = OUT / f"{vector['id']}.json"
        path.write_text(json.dumps(vector, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
