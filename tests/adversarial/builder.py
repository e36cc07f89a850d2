"""Gaming strategies, each a bid built from the honest pilot bid by one reviewable change.

Think as a supplier who wants the points without the outcomes. Every strategy below takes
the honest bid of examples/2.0/pilot (which meets every target with credible data) and
changes what a gaming supplier would change, usually while inflating quantities so that
the change would pay off if it went unpunished. ``STRATEGIES`` maps a name to
``(description, build)``; ``build`` returns a new bid dict (the base is never changed).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PILOT = ROOT / "examples" / "2.0" / "pilot"
Json = dict[str, Any]

BUYER = {"identifier": {"scheme": "NL-KVK", "id": "99990546"}, "name": "Gemeente Leiden"}
SUPPLIER_ID = {"scheme": "NL-KVK", "id": "99995001"}
OTHER_AREA = [{"code": "WK036305", "name": "Wijk in een andere gemeente"}]
PERIOD = {"start": "2027-01-01", "end": "2029-12-31"}


def honest() -> Json:
    """The honest outcome bid of the pilot."""
    data: Json = json.loads((PILOT / "bid-honest.json").read_text(encoding="utf-8"))
    return data


def second_honest() -> Json:
    """A second honest bid: other supplier, own wording, slightly different quantities."""
    bid = honest()
    bid["id"] = "honest-2"
    bid["supplier"] = {
        "identifier": {"scheme": "NL-KVK", "id": "99995002"},
        "name": "Tweede Schoonmaak B.V. (illustratief)",
    }
    for c in bid["commitments"]:
        c["cohort"]["targetGroup"] = {"nl": "Doelgroep " + c["id"] + " van inschrijver 2"}
        _scale(c, 1)
    bid["commitments"][1]["quantity"]["value"] = "45"
    bid["commitments"][1]["deliverySchedule"] = _yearly(45, "participant")
    return bid


def _yearly(total: int, unit: str) -> list[Json]:
    base, rest = divmod(total, 3)
    return [
        {
            "period": {"start": f"{y}-01-01", "end": f"{y}-12-31"},
            "quantity": {"value": str(base + (1 if n < rest else 0)), "unit": unit},
        }
        for n, y in enumerate((2027, 2028, 2029))
    ]


def _scale(c: Json, factor: int) -> Json:
    """Multiply a commitment's quantity (and its schedule, so it still adds up)."""
    value = int(c["quantity"]["value"]) * factor
    c["quantity"]["value"] = str(value)
    c["deliverySchedule"] = _yearly(value, c["quantity"]["unit"])
    return c


def _variant(name: str, change: Callable[[Json], None], inflate: int = 3) -> Callable[[], Json]:
    def build() -> Json:
        bid = honest()
        bid["id"] = name
        bid["supplier"] = {
            "identifier": {
                "scheme": "NL-KVK",
                "id": "99996" + str(abs(hash(name)) % 1000).zfill(3),
            },
            "name": f"Gaming {name} B.V.",
        }
        for c in bid["commitments"]:
            c["cohort"]["targetGroup"] = {"nl": f"{c['id']} groep van {name}"}
            if inflate != 1:
                _scale(c, inflate)
        change(bid)
        return bid

    return build


def _each(change: Callable[[Json], None]) -> Callable[[Json], None]:
    def apply(bid: Json) -> None:
        for c in bid["commitments"]:
            change(c)

    return apply


def _extra(commitment: Json) -> Callable[[Json], None]:
    def apply(bid: Json) -> None:
        bid["commitments"].append(copy.deepcopy(commitment))

    return apply


def _same_people(bid: Json) -> None:
    group = {"nl": "Alle bewoners van Noord"}
    for c in bid["commitments"][:3]:
        c["cohort"]["targetGroup"] = group
        c["quantity"]["unit"] = "person"
        for part in c["deliverySchedule"]:
            part["quantity"]["unit"] = "person"


def _recount(bid: Json) -> None:
    work = bid["commitments"][3]
    work["quantity"]["value"] = "6"
    work["deliverySchedule"] = [
        {
            "period": {"start": "2027-01-01", "end": "2027-12-31"},
            "quantity": {"value": "6", "unit": "person"},
        }
    ]
    work["period"] = {"start": "2027-01-01", "end": "2027-12-31"}
    for year in (2028, 2029):
        again = copy.deepcopy(work)
        again["id"] = f"c-work-{year}"
        again["period"] = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
        again["deliverySchedule"] = [
            {"period": again["period"], "quantity": {"value": "6", "unit": "person"}}
        ]
        bid["commitments"].append(again)
    for c in bid["commitments"][:3]:
        _scale(c, 1)


CO2 = {
    "id": "c-co2",
    "indicator": "ce-co2e-reduced",
    "quantity": {"value": "40000", "unit": "tonne-co2e"},
    "period": PERIOD,
    "areas": [{"code": "WK054603"}],
    "cohort": {"targetGroup": {"nl": "Niet van toepassing"}, "selection": "open-referral"},
    "additionality": "new-to-contract",
    "deliverySchedule": _yearly(40000, "tonne-co2e"),
    "evidencePlan": [{"evidenceType": "certification", "issuer": "independent-verifier"}],
    "deliveryRoute": {"mode": "direct"},
}


def _exactly_three_times(bid: Json) -> None:
    targets = {"c-together": 100, "c-home": 40, "c-green": 80, "c-work": 6}
    for c in bid["commitments"]:
        value = targets[c["id"]] * 3
        c["quantity"]["value"] = str(value)
        c["deliverySchedule"] = _yearly(value, c["quantity"]["unit"])
        c.pop("contributionShare", None)


def _partner(org: Json, relation: str | None = None) -> Callable[[Json], None]:
    def apply(c: Json) -> None:
        c["fulfilment"] = "partner"
        c["partner"] = org
        c["deliveryRoute"] = {"mode": "partner", "partner": org}
        if relation:
            c["deliveryRoute"]["partnerRelation"] = relation

    return apply


FUND = {
    "identifier": {"scheme": "NL-KVK", "id": "99997777"},
    "name": "Stichting Leefbaarheidsfonds Noord",
}
INDEPENDENT_LOOKING = {
    "identifier": {"scheme": "NL-KVK", "id": "99998888"},
    "name": "Buurtpartners Noord",
}


def _fund_route(c: Json) -> None:
    _partner(INDEPENDENT_LOOKING, "independent")(c)
    c["deliveryRoute"]["paymentToFund"] = {"amount": "25000.00", "currency": "EUR"}


def _back_load(c: Json) -> None:
    c["deliverySchedule"] = [
        {"period": {"start": "2029-10-01", "end": "2029-12-31"}, "quantity": c["quantity"]}
    ]


def _self_declared(c: Json) -> None:
    c["evidencePlan"] = [{"evidenceType": "self-declaration", "issuer": "supplier"}]


def _drop(field: str) -> Callable[[Json], None]:
    def apply(c: Json) -> None:
        c.pop(field, None)

    return apply


def _schedule_short(c: Json) -> None:
    c["deliverySchedule"] = _yearly(int(c["quantity"]["value"]) // 3, c["quantity"]["unit"])


def _whole_change(c: Json) -> None:
    if "contributionShare" in c:
        c["contributionShare"] = "1"


def _duplicate_overlapping(bid: Json) -> None:
    twin = copy.deepcopy(bid["commitments"][3])
    twin["id"] = "c-work-twin"
    bid["commitments"].append(twin)


def _couple_too(bid: Json) -> None:
    couple = copy.deepcopy(bid["commitments"][3])
    couple["id"] = "c-work-couple"
    couple["indicator"] = "wp-bijstand-exit-couple-12m"
    couple["quantity"] = {"value": "6", "unit": "household"}
    couple["deliverySchedule"] = _yearly(6, "household")
    bid["commitments"].append(couple)
    bid["commitments"][3]["quantity"]["value"] = "6"
    bid["commitments"][3]["deliverySchedule"] = _yearly(6, "person")


def _output_instead(bid: Json) -> None:
    events = copy.deepcopy(CO2)
    events.update(
        id="c-events",
        indicator="lv-clean-up-activities",
        quantity={"value": "300", "unit": "event"},
        deliverySchedule=_yearly(300, "event"),
    )
    bid["commitments"] = [bid["commitments"][3], events]
    _scale(bid["commitments"][0], 1)


def _not_asked(bid: Json) -> None:
    life = copy.deepcopy(CO2)
    life.update(
        id="c-life",
        indicator="hw-life-satisfaction-gain",
        quantity={"value": "900", "unit": "participant"},
        deliverySchedule=_yearly(900, "participant"),
    )
    bid["commitments"] = [bid["commitments"][3], life]


def _buy_off(c: Json) -> None:
    c["fulfilment"] = "payment-in-lieu"
    c["paymentInLieu"] = {"amount": "10000.00", "currency": "EUR"}


def _low_deadweight(c: Json) -> None:
    c["adjustments"] = {
        "deadweight": "0",
        "attribution": "0",
        "justification": {"nl": "Zonder ons was er niets gebeurd."},
    }


def _outside_period(c: Json) -> None:
    c["period"] = {"start": "2027-01-01", "end": "2031-12-31"}
    c["deliverySchedule"] = [
        {"period": {"start": "2027-01-01", "end": "2031-12-31"}, "quantity": c["quantity"]}
    ]


def _outside_area(c: Json) -> None:
    c["areas"] = OTHER_AREA


def _register_by_partner(c: Json) -> None:
    c["evidencePlan"] = [{"evidenceType": "third-party-statement", "issuer": "partner"}]


def _cohort(selection: str) -> Callable[[Json], None]:
    def apply(c: Json) -> None:
        c["cohort"]["selection"] = selection

    return apply


def _additionality(value: str) -> Callable[[Json], None]:
    def apply(c: Json) -> None:
        c["additionality"] = value

    return apply


def _copy_of_honest(bid: Json) -> None:
    original = honest()
    bid["commitments"] = original["commitments"]
    bid["deliveryPlan"] = original["deliveryPlan"]
    bid["submitted"] = "2026-11-03"


def _fund_name(c: Json) -> None:
    _partner(FUND, "independent")(c)


def _own_group_declared(c: Json) -> None:
    _partner(
        {
            "identifier": {"scheme": "NL-KVK", "id": "99994444"},
            "name": "Schoon Samen Re-integratie B.V.",
        },
        "own-group",
    )(c)


def _unit_trick(c: Json) -> None:
    if c["indicator"] == "wp-bijstand-exit-single-12m":
        c["quantity"] = {"value": "18", "unit": "participant"}


def _empty_schedule_parts(c: Json) -> None:
    c["deliverySchedule"] = [
        {
            "period": {"start": "2027-01-01", "end": "2027-01-31"},
            "quantity": {"value": "0", "unit": c["quantity"]["unit"]},
        },
        {"period": {"start": "2029-11-01", "end": "2029-12-31"}, "quantity": c["quantity"]},
    ]


def _huge(c: Json) -> None:
    c["quantity"]["value"] = str(int(c["quantity"]["value"]) * 10)
    c["deliverySchedule"] = _yearly(int(c["quantity"]["value"]), c["quantity"]["unit"])


def _own_company_as_partner(bid: Json) -> None:
    for c in bid["commitments"]:
        _partner({"identifier": bid["supplier"]["identifier"], "name": "Schoon Samen Groep"})(c)


def _promise_elsewhere(bid: Json) -> None:
    bid["supplier"] = {"identifier": SUPPLIER_ID, "name": "Schoon Samen B.V. (illustratief)"}


StrategyBuild = Callable[[], Json]
STRATEGIES: dict[str, tuple[str, StrategyBuild]] = {
    "same-people-several-indicators": (
        "the same residents counted under togetherness, belonging and green space",
        _variant("same-people-several-indicators", _same_people),
    ),
    "cohort-recounted-each-year": (
        "the same six exits promised again for every contract year",
        _variant("cohort-recounted-each-year", _recount, inflate=1),
    ),
    "co2-without-target": (
        "40,000 t CO2e on a EUR 1.2 m cleaning contract, an indicator with no target",
        _variant("co2-without-target", _extra(CO2), inflate=1),
    ),
    "exactly-three-times-target": (
        "every quantity exactly at 3x the target (the old check fired only above 3x)",
        _variant("exactly-three-times-target", _exactly_three_times, inflate=1),
    ),
    "areas-left-out": (
        "areas left out so the area check never runs",
        _variant("areas-left-out", _each(_drop("areas"))),
    ),
    "buyer-as-partner": (
        "the buyer itself (same KvK) named as delivery partner",
        _variant("buyer-as-partner", _each(_partner(BUYER, "independent"))),
    ),
    "own-group-as-partner": (
        "the supplier's own company (same KvK) named as partner",
        _variant("own-group-as-partner", _own_company_as_partner),
    ),
    "own-group-declared": (
        "a group company declared as partner",
        _variant("own-group-declared", _each(_own_group_declared)),
    ),
    "fund-as-partner": (
        "a payment to a fund presented as partner delivery (fund in the partner's name)",
        _variant("fund-as-partner", _each(_fund_name)),
    ),
    "payment-to-fund-route": (
        "partner delivery that is a payment into a fund (paymentToFund)",
        _variant("payment-to-fund-route", _each(_fund_route)),
    ),
    "back-loading": (
        "everything scheduled in the last months of the contract",
        _variant("back-loading", _each(_back_load)),
    ),
    "back-loading-token-early": (
        "a token zero early and everything in the last months",
        _variant("back-loading-token-early", _each(_empty_schedule_parts)),
    ),
    "copied-commitments": (
        "another bid's commitments and plan copied, submitted a day later",
        _variant("copied-commitments", _copy_of_honest, inflate=1),
    ),
    "self-declared-evidence": (
        "only self-declared evidence promised",
        _variant("self-declared-evidence", _each(_self_declared)),
    ),
    "register-level-by-partner": (
        "partner statements where the indicator needs register data",
        _variant("register-level-by-partner", _each(_register_by_partner)),
    ),
    "creaming": (
        "participants screened by the supplier for readiness",
        _variant("creaming", _each(_cohort("supplier-screened"))),
    ),
    "already-served": (
        "beneficiaries the supplier already serves under another contract",
        _variant("already-served", _each(_additionality("already-served"))),
    ),
    "partly-already-served": (
        "a mix of new and already served beneficiaries",
        _variant("partly-already-served", _each(_additionality("mixed"))),
    ),
    "no-cohort": (
        "no cohort given, so creaming cannot be seen",
        _variant("no-cohort", _each(_drop("cohort"))),
    ),
    "no-additionality": (
        "additionality not stated",
        _variant("no-additionality", _each(_drop("additionality"))),
    ),
    "no-schedule": (
        "no delivery schedule, so back-loading cannot be seen",
        _variant("no-schedule", _each(_drop("deliverySchedule"))),
    ),
    "no-evidence-plan": (
        "no evidence plan",
        _variant("no-evidence-plan", _each(_drop("evidencePlan"))),
    ),
    "schedule-does-not-add-up": (
        "a schedule of honest size under inflated quantities",
        _variant("schedule-does-not-add-up", _each(_schedule_short)),
    ),
    "whole-area-change": (
        "the whole measured change in the area claimed (contribution share 1)",
        _variant("whole-area-change", _each(_whole_change)),
    ),
    "no-contribution-share": (
        "an area-level outcome claimed without a contribution share",
        _variant("no-contribution-share", _each(_drop("contributionShare"))),
    ),
    "overlapping-twin": (
        "the work commitment given twice for the same period",
        _variant("overlapping-twin", _duplicate_overlapping),
    ),
    "single-and-couple-exits": (
        "the same exits counted as single and as couple exits (one double-counting group)",
        _variant("single-and-couple-exits", _couple_too, inflate=1),
    ),
    "outputs-instead-of-outcomes": (
        "clean-up events (an output) instead of the outcomes asked for",
        _variant("outputs-instead-of-outcomes", _output_instead, inflate=1),
    ),
    "indicator-not-asked": (
        "a large claim on an indicator the tender did not ask for",
        _variant("indicator-not-asked", _not_asked, inflate=1),
    ),
    "buy-off": (
        "every commitment bought off (payment in lieu)",
        _variant("buy-off", _each(_buy_off)),
    ),
    "zero-deadweight": (
        "deadweight and attribution claimed at 0",
        _variant("zero-deadweight", _each(_low_deadweight)),
    ),
    "outside-period": (
        "delivery claimed beyond the contract period",
        _variant("outside-period", _each(_outside_period)),
    ),
    "outside-area": (
        "delivery in another district",
        _variant("outside-area", _each(_outside_area)),
    ),
    "ten-times-everything": (
        "every quantity ten times the honest figure (above the plausibility bound)",
        _variant("ten-times-everything", _each(_huge), inflate=1),
    ),
    "same-exits-two-contracts": (
        "the honest supplier promises the same exits already promised to another contract",
        _variant("same-exits-two-contracts", _promise_elsewhere, inflate=1),
    ),
}

EXPECTED_RULE: dict[str, str] = {
    "same-people-several-indicators": "credibility.same-people",
    "cohort-recounted-each-year": "credibility.cohort-recounted",
    "co2-without-target": "credibility.above-plausibility-bound",
    "exactly-three-times-target": "credibility.uniform-target-multiple",
    "areas-left-out": "credibility.data-missing",
    "buyer-as-partner": "credibility.partner-not-independent",
    "own-group-as-partner": "credibility.partner-not-independent",
    "own-group-declared": "credibility.partner-not-independent",
    "fund-as-partner": "credibility.buy-off",
    "payment-to-fund-route": "credibility.buy-off",
    "back-loading": "credibility.back-loaded",
    "back-loading-token-early": "credibility.back-loaded",
    "copied-commitments": "credibility.copied-commitments",
    "self-declared-evidence": "credibility.evidence-below-level",
    "register-level-by-partner": "credibility.evidence-below-level",
    "creaming": "credibility.creaming",
    "already-served": "credibility.not-additional",
    "partly-already-served": "credibility.not-additional",
    "no-cohort": "credibility.data-missing",
    "no-additionality": "credibility.data-missing",
    "no-schedule": "credibility.data-missing",
    "no-evidence-plan": "credibility.data-missing",
    "schedule-does-not-add-up": "credibility.schedule-mismatch",
    "whole-area-change": "credibility.whole-change-claimed",
    "no-contribution-share": "credibility.data-missing",
    "overlapping-twin": "credibility.cohort-recounted",
    "single-and-couple-exits": "credibility.same-people",
    "outputs-instead-of-outcomes": "quality.output-only",
    "indicator-not-asked": "award.line-not-counted",
    "buy-off": "quality.payment-in-lieu",
    "zero-deadweight": "quality.adjustment-below-default",
    "outside-period": "quality.outside-period",
    "outside-area": "quality.outside-area",
    "ten-times-everything": "credibility.above-plausibility-bound",
    "same-exits-two-contracts": "credibility.promised-elsewhere",
}
"""The rule that names each strategy's pattern (the test checks it is among the bid's)."""
