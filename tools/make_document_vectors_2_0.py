"""Write the 2.0 document conformance vectors: figures worked out in exact rationals.

Companion of tools/make_document_vectors.py (whose document builders and Fraction helpers
it reuses) for the 2.0 method (docs/valuation-method.md §13-§18): perspectives kept
apart, a ratio over the discounted incremental cost or value per contract euro, lines
offset from the base date, mean-change valuation and price years assumed by rule. Like
that tool it imports nothing from sroi_core: every expected figure is computed here from
the method's text. ``--check`` verifies that the committed files are what it computes.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_document_vectors as v1
import vector_files

V2 = "2.0"
PERSPECTIVE = {
    "fiscal": "public-purse",
    "economic": "society",
    "wellbeing": "society",
    "market": "society",
    "social-cost": "society",
}
"""The perspective column of the valuationBasis codelist (method §13)."""
MIN_COST_SHARE = Fraction(5, 1000)
"""Method §14: a cost below 0.5 % of the contract value is not a usable denominator."""


def as_2_0(document: dict[str, Any]) -> dict[str, Any]:
    """A 1.0 document of the sibling tool as a 2.0 document (standardVersion first).

    A 2.0 tender publishes its award rules (``award``) instead of 1.0's ``scoring``; the
    valuation does not read them, so the weights are carried over and the rest left to the
    procurement profile's defaults.
    """
    body = {k: v for k, v in document.items() if k != "standardVersion"}
    scoring = body.pop("scoring", None)
    if scoring is not None:
        weights = {
            "socialValue": scoring["socialValueWeight"],
            "price": scoring["priceWeight"],
            "otherQuality": scoring.get("otherQualityWeight", "0"),
        }
        body["award"] = {"weights": weights}
    return {"standardVersion": V2, **body}


def whole_years(start: dt.date, later: dt.date) -> int:
    """Method §15: anniversaries passed from ``start`` to ``later``; 0 when not after."""
    if later <= start:
        return 0
    years = later.year - start.year
    anniversary = (
        dt.date(later.year, 2, 28)
        if (start.month, start.day) == (2, 29)
        else start.replace(year=later.year)
    )
    return years - 1 if later < anniversary else years


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def periods(timing: str, year: int) -> int:
    return year if timing == "end-of-year" else year - 1


def contract_years(start: dt.date, end: dt.date) -> int:
    """Method §16: whole years of the period, a part year counting as one."""
    after = end + dt.timedelta(days=1)
    years = whole_years(start, after)
    return max(1, years + (1 if start.replace(year=start.year + years) < after else 0))


def line_pv(  # noqa: PLR0917 - read best positionally, like the sibling tool
    quantity: Fraction,
    price: Fraction,
    adjustments: list[Fraction],
    years: int,
    convention: dict[str, Any],
    offset: int,
) -> tuple[Fraction, Fraction, int]:
    """Gross, net and the PV in cents of one line offset by ``offset`` periods (§5.4)."""
    deadweight, attribution, displacement, drop_off = adjustments
    gross = quantity * price
    net = gross * (1 - deadweight) * (1 - attribution) * (1 - displacement)
    timing = convention["discountTiming"]
    factors = v1.discount_factors(convention, offset + periods(timing, years))
    present = sum(
        (
            net * (1 - drop_off) ** (t - 1) * factors[offset + periods(timing, t)]
            for t in range(1, years + 1)
        ),
        Fraction(0),
    )
    return gross, net, v1.cents(present)


def two_places(value: Fraction) -> str:
    return v1.money(round(value * 100))


def expected_figures(documents: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The vector's ``expected`` object and a worked note per line value (method §13-§18)."""
    cat = documents["catalogue"]
    subject = documents["subject"]
    tender = documents.get("tender")
    bid = subject if subject["documentType"] == "bid" else documents.get("bid")
    convention = (tender or {}).get("conventions") or cat["conventions"]
    valuation_year = convention.get("valuationYear")
    index: dict[int, Fraction] = {}
    if "defaultPriceIndex" in cat:
        series = next(s for s in cat["priceIndices"] if s["id"] == cat["defaultPriceIndex"])
        index = {p["year"]: Fraction(p["value"]) for p in series["values"]}
    indicators = {i["id"]: i for i in cat["indicators"]}
    commitments = {c["id"]: c for c in (bid or {}).get("commitments", [])}
    if subject["documentType"] == "bid":
        records = [(c, c, True) for c in subject["commitments"]]
    else:
        records = [
            (e, commitments.get(e["commitment"]), e["status"] == "verified")
            for e in subject["items"]
        ]
    if "baseDate" in convention:
        base, base_source = date(convention["baseDate"]), "conventions"
    elif tender is not None:
        base, base_source = date(tender["period"]["start"]), "tender"
    else:
        base = min(date(r["period"]["start"]) for r, _, _ in records)
        base_source = "subject"
    notes = [f"base date {base.isoformat()} ({base_source})"]
    sums: dict[str, int] = {}
    lines: dict[str, dict[str, str]] = {}
    offsets: dict[str, int] = {}
    quantities: dict[str, str] = {}
    for record, linked, counted in sorted(records, key=lambda r: r[0]["id"]):
        ind = indicators[record["indicator"]]
        quantity = Fraction(record["quantity"]["value"])
        if ind.get("valuationMethod") == "mean-change":
            scale = record.get("scaleResult")
            if scale is None:
                quantity = Fraction(0)
            else:
                change = (
                    Fraction(scale["followUpMean"])
                    - Fraction(scale["baselineMean"])
                    - Fraction(scale.get("comparisonChange", "0"))
                )
                quantity = max(Fraction(0), scale["baselineN"] * change)
                notes.append(
                    f"{record['id']}: mean change, Q = {scale['baselineN']} x "
                    f"({scale['followUpMean']} - {scale['baselineMean']} - "
                    f"{scale.get('comparisonChange', '0')}) = {quantity}"
                )
            quantities[record["id"]] = str(Decimal(quantity.numerator) / quantity.denominator)
        offset = whole_years(base, date(record["period"]["start"]))
        offsets[record["id"]] = offset
        defaults = ind["adjustments"]
        adjustments = [
            Fraction(defaults[name])
            for name in ("deadweight", "attribution", "displacement", "dropOff")
        ]
        years = (
            1
            if linked is None
            else min(linked.get("durationYears", 1), defaults["maxDurationYears"])
        )
        for pv in (p for p in cat["proxyValues"] if p["indicator"] == ind["id"]):
            price = Fraction(pv["value"]["central"])
            price_year = pv.get("priceYear", pv["source"]["year"])  # §17: publication year
            rebase = ""
            if valuation_year is not None and index and price_year != valuation_year:
                price = price * index[valuation_year] / index[price_year]
                rebase = f" x I{valuation_year}/I{price_year}"
                if "priceYear" not in pv:
                    rebase += " (price year assumed: publication year)"
            gross, net, cents = line_pv(quantity, price, adjustments, years, convention, offset)
            perspective = PERSPECTIVE[pv["valuationBasis"]]
            if counted:
                sums[perspective] = sums.get(perspective, 0) + cents
            lines.setdefault(record["id"], {})[pv["id"]] = v1.money(cents)
            notes.append(
                f"{record['id']}/{pv['id']} ({perspective}): Q={quantity}, "
                f"P={pv['value']['central']}{rebase}, offset {offset}, {years} year(s): "
                f"gross {v1.money(v1.cents(gross))}, N {v1.money(v1.cents(net))}, "
                f"PV {v1.money(cents)}"
            )
    cost = (bid or {}).get("incrementalCost")
    contract = Fraction(tender["contractValue"]["amount"]) if tender is not None else None
    cost_pv: Fraction | None = None
    if cost is not None:
        amount = Fraction(cost["amount"])
        plausible = amount > 0 and (
            contract is None or MIN_COST_SHARE * contract <= amount <= contract
        )
        if plausible:
            if tender is not None:
                start, end = date(tender["period"]["start"]), date(tender["period"]["end"])
                n, cost_offset = contract_years(start, end), whole_years(base, start)
            else:
                n, cost_offset = 1, 0
            timing = convention["discountTiming"]
            factors = v1.discount_factors(convention, cost_offset + periods(timing, n))
            exact = sum(
                (amount / n * factors[cost_offset + periods(timing, k)] for k in range(1, n + 1)),
                Fraction(0),
            )
            cost_pv = Fraction(v1.cents(exact), 100)
            notes.append(
                f"incremental cost {cost['amount']} over {n} contract year(s), offset "
                f"{cost_offset}: PV {v1.money(v1.cents(exact))}"
            )
    by_perspective: dict[str, dict[str, str]] = {}
    for perspective in ("public-purse", "society"):
        if perspective not in sums:
            continue
        value = Fraction(sums[perspective], 100)
        entry = {"presentValue": v1.money(sums[perspective])}
        if cost_pv is not None:
            entry["sroiRatio"] = two_places(value / cost_pv)
        elif contract is not None:
            entry["valuePerContractEuro"] = two_places(value / contract)
        by_perspective[perspective] = entry
    expected: dict[str, Any] = {"byPerspective": by_perspective, "baseDate": base.isoformat()}
    if cost_pv is not None:
        expected["incrementalCostPresentValue"] = v1.money(round(cost_pv * 100))
    expected["lineOffsets"] = offsets
    if quantities:
        expected["lineQuantities"] = quantities
    expected["linePresentValues"] = lines
    return expected, notes


def commitment(ident: str, value: str, start: str, years: int) -> dict[str, Any]:
    data = v1.commitment(ident, "ind-work", value, "person", years=years)
    data["period"] = {"start": start, "end": "2029-03-31"}
    return data


def document_vectors() -> list[dict[str, Any]]:
    """Kind ``document``, standard version 2.0."""
    tender = as_2_0(v1.tender("2000000.00", ["ind-work"]))
    catalogue = as_2_0(v1.catalogue([v1.WORK], v1.WORK_PROXIES))
    cases: list[tuple[str, str, dict[str, Any]]] = [
        (
            "v2-bid-perspectives-apart",
            "Standard 2.0, method §13-§14: a fiscal and a wellbeing proxy value of one "
            "indicator are totalled per perspective (public purse; society) and never summed. "
            "No incremental cost is declared, so each perspective reports value per contract "
            "euro (present value / 2000000.00), not an SROI ratio.",
            {
                "catalogue": catalogue,
                "tender": tender,
                "subject": as_2_0(v1.bid([commitment("c-01", "8", "2026-04-01", 2)])),
            },
        ),
    ]
    offset_bid = as_2_0(
        v1.bid([commitment("c-01", "8", "2026-04-01", 2), commitment("c-02", "5", "2028-06-01", 3)])
    )
    offset_bid["incrementalCost"] = {"amount": "60000.00", "currency": "EUR"}
    cases.append(
        (
            "v2-bid-base-date-offset-and-cost-ratio",
            "Standard 2.0, method §14-§16: the base date is the tender's period start "
            "2026-04-01; c-02 starts 2028-06-01, two whole years later, so year t of it is "
            "discounted by 2 + t periods (end-of-year, 2.25%). The incremental cost of 60000.00 "
            "is spread over the 3 contract years (20000.00 each, discounted by 1, 2 and 3 "
            "periods); each perspective's SROI ratio is its present value over that.",
            {"catalogue": catalogue, "tender": tender, "subject": offset_bid},
        )
    )
    wellby = v1.indicator(
        "ind-wellby", "participant", ("0", "0", "0", "0"), 1, theme="health-wellbeing"
    )
    wellby["valuationMethod"] = "mean-change"
    wellby_proxy = v1.proxy("pv-wellby", "ind-wellby", "wellbeing", "15300.00", "participant", None)
    scale_catalogue = as_2_0(
        v1.catalogue([wellby], [wellby_proxy], index={2025: "118.0", 2026: "121.4"})
    )
    scale_commitment = v1.commitment("c-01", "ind-wellby", "40", "participant", years=1)
    item = v1.item("e-01", "c-01", "ind-wellby", "31", "participant", "verified")
    item["scaleResult"] = {
        "baselineN": 40,
        "followUpN": 31,
        "baselineMean": "6.1",
        "followUpMean": "6.9",
        "comparisonChange": "0.2",
    }
    cases.append(
        (
            "v2-report-mean-change-wellbeing",
            "Standard 2.0, method §17-§18: a life-satisfaction indicator valued as mean change, "
            "intention to treat: Q = baselineN 40 (drop-outs included, followUpN 31) x "
            "(6.9 - 6.1 - comparison change 0.2) = 24.0. The proxy states no price year, so "
            "its source's publication year 2025 is assumed and it is rebased to 2026 "
            "(x 121.4 / 118.0).",
            {
                "catalogue": scale_catalogue,
                "tender": as_2_0(v1.tender("2000000.00", ["ind-wellby"])),
                "bid": as_2_0(v1.bid([scale_commitment])),
                "subject": as_2_0(v1.report([item])),
            },
        )
    )
    vectors = []
    for ident, description, documents in cases:
        expected, notes = expected_figures(documents)
        vectors.append(
            {
                "id": ident,
                "kind": "document",
                "standardVersion": V2,
                "description": description + " Worked: " + "; ".join(notes) + ".",
                "documents": documents,
                "expected": expected,
            }
        )
    return vectors


def targets() -> dict[Path, str]:
    return {
        v1.VECTORS / "document" / f"{vector['id']}.json": vector_files.rendered(vector)
        for vector in document_vectors()
    }


def main(argv: list[str] | None = None) -> int:
    return vector_files.main(targets, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
