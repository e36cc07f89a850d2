"""Generate or check the document conformance vectors, in exact rational arithmetic.

    python tools/make_document_vectors.py           # (re)write the vectors
    python tools/make_document_vectors.py --check   # exit 1 if a file differs

The vectors live in ``tests/conformance/document/`` (kind ``document``) and
``tests/conformance/document-error/`` (kind ``document-error``); their format is described
in ``tests/conformance/README.md``.

This script is deliberately **independent of sroi_core**: it imports nothing from the
package. The expected figures are worked out here with :class:`fractions.Fraction`
from the method text (``docs/valuation-method.md`` sections 2-7) and the document rules
(the module docstring of ``sroi_core/valuation/document.py``):

* one line per commitment (bid) or evidence item (report), valued once per proxy value
  of its indicator, in the catalogue's order; lines in id order;
* the quantity is expressed in the indicator's unit (hours and FTE-years through the
  catalogue's FTE norm), the proxy value per indicator unit;
* adjustments are the catalogue's defaults; a supplier's claim replaces a default only
  when it is higher (stricter);
* duration: the commitment's, capped by the indicator's ``maxDurationYears``; one year
  for ``firstYearOnly`` indicators; an evidence item takes its commitment's duration
  from the bid, or one year without it;
* proxies are rebased to the valuation year with the catalogue's default price index,
  P' = P x I(valuation year) / I(price year); a proxy without a price year is not rebased;
* conventions (discounting, timing, valuation year) are the tender's when it states
  them, else the catalogue's;
* an obligation credit (basis ``obligation-credit``) is nominal: quantity x credit
  value, rounded once, with no adjustments, duration or discounting;
* payment in lieu gets no value; only commitments of a bid and *verified* evidence items
  are counted; the totals are sums of rounded present values per family (outcome value,
  obligation credit), never across families; ``notCountedValue`` sums the outcome-family
  value of the lines that are not counted;
* SROI ratio = outcome value / investment (the bid's ``investment``, else the tender's
  ``contractValue``, else the bid's ``bidPrice``), rounded half-even to two decimals.

Every amount in these documents is **illustrative**: sources are titled "ILLUSTRATIVE".
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vector_files

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "conformance"

CATALOGUE_ID = "vector-illustrative"
CATALOGUE_VERSION = "1.0"
CREDIT_BASIS = "obligation-credit"

GREEN_BOOK = [
    {"fromPeriod": 1, "rate": "0.035"},
    {"fromPeriod": 31, "rate": "0.030"},
    {"fromPeriod": 76, "rate": "0.025"},
    {"fromPeriod": 126, "rate": "0.020"},
    {"fromPeriod": 201, "rate": "0.015"},
    {"fromPeriod": 301, "rate": "0.010"},
]

# Units as (dimension, size in the dimension's base unit); hour and fte-year are
# separate dimensions that convert only through the catalogue's FTE norm.
UNITS: dict[str, tuple[str, Fraction]] = {
    "person": ("person", Fraction(1)),
    "participant": ("person", Fraction(1)),
    "household": ("household", Fraction(1)),
    "tonne-co2e": ("co2e", Fraction(1000)),
    "kg-co2e": ("co2e", Fraction(1)),
    "tonne": ("mass", Fraction(1000)),
    "hour": ("labour-hour", Fraction(1)),
    "fte-year": ("labour-fte", Fraction(1)),
}


# --------------------------------------------------------------------------- documents


def source(title: str) -> dict[str, Any]:
    """A source block for an illustrative figure (never a real publication)."""
    return {
        "title": f"ILLUSTRATIVE {title}",
        "publisher": "sroi-os conformance vectors",
        "year": 2025,
        "confidence": "derived",
        "derivation": "Chosen for a conformance vector; not read from any publication.",
        "note": "Illustrative, not sourced. Do not use in a valuation.",
    }


def text(en: str) -> dict[str, str]:
    return {"en": en}


def indicator(
    ident: str,
    unit: str,
    adjustments: tuple[str, str, str, str],
    max_years: int,
    *,
    theme: str = "work-participation",
    first_year_only: bool = False,
    monetised: bool = True,
    kind: str = "outcome",
) -> dict[str, Any]:
    deadweight, attribution, displacement, drop_off = adjustments
    data: dict[str, Any] = {
        "id": ident,
        "outcome": f"out-{ident.removeprefix('ind-')}",
        "theme": theme,
        "kind": kind,
        "label": text(f"Illustrative indicator {ident}"),
        "definition": text("An illustrative indicator of a conformance vector."),
        "unit": unit,
        "measurementMethod": text("Illustrative."),
        "evidenceRequirements": ["payroll-record"],
        "minimumVerification": "documentary",
        "adjustments": {
            "deadweight": deadweight,
            "attribution": attribution,
            "displacement": displacement,
            "dropOff": drop_off,
            "maxDurationYears": max_years,
            "rationale": text("Illustrative defaults for a conformance vector."),
        },
        "monetisation": "monetised" if monetised else "not-monetised",
    }
    if not monetised:
        data["notMonetisedReason"] = text("An output, not valued.")
    if first_year_only:
        data["firstYearOnly"] = True
    return data


def proxy(  # noqa: PLR0917 - the vector tables read best positionally
    ident: str,
    indicator_id: str,
    basis: str,
    central: str,
    per_unit: str,
    price_year: int | None,
    *,
    low: str | None = None,
    high: str | None = None,
) -> dict[str, Any]:
    value = {"central": central}
    if low is not None:
        value = {"low": low, **value}
    if high is not None:
        value["high"] = high
    data: dict[str, Any] = {
        "id": ident,
        "indicator": indicator_id,
        "valuationBasis": basis,
        "value": value,
        "currency": "EUR",
        "perUnit": per_unit,
        "source": source(f"value of one {per_unit} ({basis})"),
        "scope": {"country": "NL"},
        "effectiveFrom": "2026-01-01",
        "licence": "CC0-1.0",
    }
    if price_year is not None:
        data["priceYear"] = price_year
    return data


def conventions(
    *,
    rate: str | None = "0.0225",
    schedule: list[dict[str, Any]] | None = None,
    timing: str = "end-of-year",
    valuation_year: int | None = 2026,
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if schedule is not None:
        data["discountSchedule"] = schedule
    else:
        data["discountRate"] = rate
    data["discountTiming"] = timing
    if valuation_year is not None:
        data["valuationYear"] = valuation_year
    data["currency"] = "EUR"
    data["discountSource"] = source("discount convention")
    return data


def catalogue(
    indicators: list[dict[str, Any]],
    proxies: list[dict[str, Any]],
    *,
    convention: dict[str, Any] | None = None,
    fte_norm: str | None = None,
    index: dict[int, str] | None = None,
) -> dict[str, Any]:
    themes = sorted({i["theme"] for i in indicators})
    data: dict[str, Any] = {
        "standardVersion": "1.0",
        "documentType": "catalogue",
        "id": CATALOGUE_ID,
        "version": CATALOGUE_VERSION,
        "title": text("ILLUSTRATIVE catalogue of a conformance vector (not for use)"),
        "publisher": "sroi-os conformance vectors",
        "published": "2026-01-15",
        "conventions": convention or conventions(),
    }
    if fte_norm is not None:
        data["fteNorm"] = {"hoursPerFteYear": fte_norm, "source": source("FTE norm")}
    if index is not None:
        data["defaultPriceIndex"] = "cpi-illustrative"
    data["themes"] = [{"id": t, "label": text(f"Theme {t}")} for t in themes]
    data["outcomes"] = [
        {"id": i["outcome"], "theme": i["theme"], "label": text(f"Outcome of {i['id']}")}
        for i in indicators
    ]
    data["indicators"] = indicators
    data["proxyValues"] = proxies
    if index is not None:
        data["priceIndices"] = [
            {
                "id": "cpi-illustrative",
                "label": text("Consumer price index (illustrative)"),
                "base": "2020=100",
                "source": source("consumer price index"),
                "values": [{"year": y, "value": v} for y, v in sorted(index.items())],
            }
        ]
    return data


def commitment(
    ident: str,
    indicator_id: str,
    value: str,
    unit: str,
    *,
    years: int | None = None,
    fulfilment: str | None = None,
    claim: dict[str, str] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": ident,
        "indicator": indicator_id,
        "quantity": {"value": value, "unit": unit},
        "period": {"start": "2026-04-01", "end": "2029-03-31"},
    }
    if years is not None:
        data["durationYears"] = years
    if fulfilment is not None:
        data["fulfilment"] = fulfilment
        if fulfilment == "payment-in-lieu":
            data["paymentInLieu"] = {"amount": "10000.00", "currency": "EUR"}
    if claim is not None:
        data["adjustments"] = {**claim, "justification": text("Illustrative claim.")}
    return data


SUPPLIER = {"identifier": {"scheme": "NL-KVK", "id": "81234567"}, "name": "Illustrative B.V."}
CATALOGUE_REF = {"id": CATALOGUE_ID, "version": CATALOGUE_VERSION}


def bid(
    commitments: list[dict[str, Any]],
    *,
    investment: str | None = None,
    bid_price: str | None = None,
    ident: str = "bid-1",
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "standardVersion": "1.0",
        "documentType": "bid",
        "id": ident,
        "tender": {"id": "tender-1"},
        "catalogue": CATALOGUE_REF,
        "supplier": SUPPLIER,
        "submitted": "2026-02-20",
    }
    if bid_price is not None:
        data["bidPrice"] = {"amount": bid_price, "currency": "EUR"}
    if investment is not None:
        data["investment"] = {"amount": investment, "currency": "EUR"}
    data["commitments"] = commitments
    return data


def item(  # noqa: PLR0917 - the vector tables read best positionally
    ident: str, commitment_id: str, indicator_id: str, value: str, unit: str, status: str
) -> dict[str, Any]:
    return {
        "id": ident,
        "commitment": commitment_id,
        "indicator": indicator_id,
        "quantity": {"value": value, "unit": unit},
        "period": {"start": "2026-04-01", "end": "2026-09-30"},
        "documents": [{"type": "payroll-record", "reference": f"payroll/{ident}.pdf"}],
        "status": status,
        "history": history(status),
    }


def history(status: str) -> list[dict[str, str]]:
    """A legal history ending in ``status``: the status an item counts with comes from it."""
    entries = [{"status": "submitted", "at": "2026-10-01T09:00:00Z", "by": "supplier"}]
    decided = {"status": status, "at": "2026-10-15T09:00:00Z"}
    if status in ("verified", "rejected"):
        entries.append({**decided, "by": "buyer"})
    if status == "rejected":
        entries[-1]["reason"] = "the payroll record does not show the placement"
    if status == "withdrawn":
        entries.append({**decided, "by": "supplier"})
    return entries


def report(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "standardVersion": "1.0",
        "documentType": "evidenceReport",
        "id": "report-1",
        "tender": {"id": "tender-1"},
        "bid": {"id": "bid-1"},
        "catalogue": CATALOGUE_REF,
        "supplier": SUPPLIER,
        "period": {"start": "2026-04-01", "end": "2026-09-30"},
        "items": items,
    }


def tender(
    contract_value: str, indicators: list[str], convention: dict[str, Any] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "standardVersion": "1.0",
        "documentType": "tender",
        "id": "tender-1",
        "title": text("ILLUSTRATIVE tender of a conformance vector"),
        "buyer": {
            "identifier": {"scheme": "NL-KVK", "id": "34366966"},
            "name": "Illustrative buyer",
        },
        "catalogue": CATALOGUE_REF,
        "contractValue": {"amount": contract_value, "currency": "EUR"},
        "period": {"start": "2026-04-01", "end": "2029-03-31"},
        "areas": [{"code": "GM0363", "name": "Amsterdam"}],
        "indicators": [{"indicator": i} for i in indicators],
        "scoring": {"method": "mixed", "socialValueWeight": "0.2", "priceWeight": "0.8"},
        "evidenceRules": {"minimumVerification": "documentary"},
    }
    if convention is not None:
        data["conventions"] = convention
    return data


# ------------------------------------------------------------- the method, in Fraction


def cents(value: Fraction) -> int:
    """Half-even rounding to whole cents (round() of a Fraction is half-even)."""
    return round(value * 100)


def money(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    return f"{sign}{amount // 100}.{amount % 100:02d}"


def convert(value: Fraction, from_unit: str, to_unit: str, fte_norm: Fraction | None) -> Fraction:
    if from_unit == to_unit:
        return value
    if {from_unit, to_unit} == {"hour", "fte-year"}:
        if fte_norm is None or fte_norm <= 0:
            raise ValueError("hours and FTE-years need an FTE norm")
        return value / fte_norm if from_unit == "hour" else value * fte_norm
    (from_dim, from_size), (to_dim, to_size) = UNITS[from_unit], UNITS[to_unit]
    if from_dim != to_dim:
        raise ValueError(f"{from_unit} does not convert to {to_unit}")
    return value * from_size / to_size


def discount_factors(convention: dict[str, Any], periods: int) -> list[Fraction]:
    """DF(0..periods): DF(n) = prod over s = 1..n of 1 / (1 + r_s) (method section 5.1)."""
    entries = convention.get("discountSchedule") or [
        {"fromPeriod": 1, "rate": convention["discountRate"]}
    ]
    factors = [Fraction(1)]
    for period in range(1, periods + 1):
        rate = Fraction(
            max((e for e in entries if e["fromPeriod"] <= period), key=lambda e: e["fromPeriod"])[
                "rate"
            ]
        )
        factors.append(factors[-1] / (1 + rate))
    return factors


def line_value(
    quantity: Fraction,
    price: Fraction,
    adjustments: tuple[Fraction, Fraction, Fraction, Fraction],
    years: int,
    convention: dict[str, Any],
) -> dict[str, Any]:
    """The method's figures of one line (sections 3-6), each rounded once from its exact value."""
    deadweight, attribution, displacement, drop_off = adjustments
    gross = quantity * price
    net = gross * (1 - deadweight) * (1 - attribution) * (1 - displacement)
    offset = 1 if convention["discountTiming"] == "end-of-year" else 0
    factors = discount_factors(convention, years)
    values = [net * (1 - drop_off) ** (t - 1) for t in range(1, years + 1)]
    present = sum((v * factors[t - 1 + offset] for t, v in enumerate(values, 1)), Fraction(0))
    return {
        "gross": gross,
        "net": net,
        "years": [cents(v) for v in values],
        "pv": cents(present),
        "exact": present,
    }


def credit_value(quantity: Fraction, price: Fraction) -> dict[str, Any]:
    """An obligation credit is nominal: quantity x credit value, rounded once.

    The issuing region counts effort toward its quota: no adjustments, no duration and no
    discounting.
    """
    amount = cents(quantity * price)
    return {"gross": quantity * price, "net": quantity * price, "years": [amount], "pv": amount}


def _fraction(value: Any) -> Fraction:
    return Fraction(str(value))


def expected_figures(documents: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The vector's ``expected`` object and a worked note per line value."""
    cat = documents["catalogue"]
    subject = documents["subject"]
    tender_doc = documents.get("tender")
    bid_doc = subject if subject["documentType"] == "bid" else documents.get("bid")
    convention = (tender_doc or {}).get("conventions") or cat["conventions"]
    valuation_year = convention.get("valuationYear")
    fte_norm = _fraction(cat["fteNorm"]["hoursPerFteYear"]) if "fteNorm" in cat else None
    index: dict[int, Fraction] = {}
    if "defaultPriceIndex" in cat:
        series = next(s for s in cat["priceIndices"] if s["id"] == cat["defaultPriceIndex"])
        index = {p["year"]: _fraction(p["value"]) for p in series["values"]}
    indicators = {i["id"]: i for i in cat["indicators"]}
    commitments = {c["id"]: c for c in (bid_doc or {}).get("commitments", [])}

    if subject["documentType"] == "bid":
        records = [(c, c, "committed", True) for c in subject["commitments"]]
    else:
        records = []
        for entry in subject["items"]:
            linked = commitments.get(entry["commitment"])
            records.append((entry, linked, entry["status"], entry["status"] == "verified"))

    sums = {"outcome": 0, "credit": 0, "not-counted": 0}
    lines: dict[str, dict[str, str]] = {}
    notes: list[str] = []
    for record, linked, status, counted in sorted(records, key=lambda r: r[0]["id"]):
        ind = indicators[record["indicator"]]
        if linked is not None and linked.get("fulfilment") == "payment-in-lieu":
            notes.append(f"{record['id']}: payment in lieu, no value")
            continue
        if ind["monetisation"] != "monetised":
            notes.append(f"{record['id']}: not monetised, no value")
            continue
        quantity = convert(
            _fraction(record["quantity"]["value"]),
            record["quantity"]["unit"],
            ind["unit"],
            fte_norm,
        )
        defaults = ind["adjustments"]
        claim = (linked or {}).get("adjustments", {})
        adjustments = []
        for name in ("deadweight", "attribution", "displacement", "dropOff"):
            default = _fraction(defaults[name])
            claimed = claim.get(name)
            adjustments.append(max(default, _fraction(claimed)) if claimed is not None else default)
        if ind.get("firstYearOnly") or linked is None:
            years = 1
        else:
            years = min(linked.get("durationYears", 1), defaults["maxDurationYears"])
        for pv in (p for p in cat["proxyValues"] if p["indicator"] == ind["id"]):
            price = _fraction(pv["value"]["central"]) * convert(
                Fraction(1), ind["unit"], pv["perUnit"], fte_norm
            )
            rebase = ""
            price_year = pv.get("priceYear")
            if valuation_year is not None and index and price_year not in (None, valuation_year):
                price = price * index[valuation_year] / index[price_year]
                rebase = f" x I{valuation_year}/I{price_year}"
            family = "credit" if pv["valuationBasis"] == CREDIT_BASIS else "outcome"
            if family == "credit":
                figures = credit_value(quantity, price)
            else:
                figures = line_value(quantity, price, tuple(adjustments), years, convention)  # type: ignore[arg-type]
            if counted:
                sums[family] += figures["pv"]
            elif family == "outcome":
                sums["not-counted"] += figures["pv"]
            lines.setdefault(record["id"], {})[pv["id"]] = money(figures["pv"])
            shown = ", ".join(str(a) for a in adjustments)
            if family == "credit":
                notes.append(
                    f"{record['id']}/{pv['id']} ({status}): obligation credit, nominal: "
                    f"Q={quantity} {ind['unit']} x {pv['value']['central']}{rebase} = "
                    f"{money(figures['pv'])}"
                )
                continue
            notes.append(
                f"{record['id']}/{pv['id']} ({status}{'' if counted else ', not counted'}): "
                f"Q={quantity} {ind['unit']}, P={pv['value']['central']}{rebase}, "
                f"adjustments {shown}, {years} year(s): gross {money(cents(figures['gross']))}, "
                f"N {money(cents(figures['net']))}, years "
                f"{', '.join(money(c) for c in figures['years'])}, PV {money(figures['pv'])}"
            )
    expected: dict[str, Any] = {
        "outcomeValue": money(sums["outcome"]),
        "obligationCredit": money(sums["credit"]),
        "notCountedValue": money(sums["not-counted"]),
    }
    investment = None
    if bid_doc is not None and "investment" in bid_doc:
        investment = bid_doc["investment"]["amount"]
    elif tender_doc is not None:
        investment = tender_doc["contractValue"]["amount"]
    elif bid_doc is not None and "bidPrice" in bid_doc:
        investment = bid_doc["bidPrice"]["amount"]
    if investment is not None:
        ratio = round(Fraction(sums["outcome"], 100) / _fraction(investment) * 100)
        expected["sroiRatio"] = money(ratio)
    expected["linePresentValues"] = lines
    return expected, notes


# ------------------------------------------------------------------------ the vectors

WORK = indicator("ind-work", "person", ("0.3", "0.1", "0.05", "0.2"), 3)
WORK_PROXIES = [
    proxy(
        "pv-work-fiscal",
        "ind-work",
        "fiscal",
        "16000.00",
        "person",
        2026,
        low="12000.00",
        high="19000.00",
    ),
    proxy(
        "pv-work-wellbeing",
        "ind-work",
        "wellbeing",
        "9000.00",
        "person",
        2026,
        low="5000.00",
        high="13000.00",
    ),
]


def document_vectors() -> list[dict[str, Any]]:
    """Kind ``document``: (id, description, documents); expected figures are computed."""
    vectors: list[tuple[str, str, dict[str, Any]]] = []

    vectors.append(
        (
            "bid-two-proxies-one-indicator",
            "A bid with one commitment on an indicator that has two proxy values (fiscal and "
            "wellbeing). Both bases are outcome values: the line is valued once per proxy and "
            "both present values add to the outcome value. 8 persons, defaults deadweight 0.3, "
            "attribution 0.1, displacement 0.05, drop-off 0.2, 2 years at 2.25% end-of-year; "
            "investment 400000.",
            {
                "catalogue": catalogue([WORK], WORK_PROXIES),
                "subject": bid(
                    [commitment("c-01", "ind-work", "8", "person", years=2)], investment="400000.00"
                ),
            },
        )
    )

    credit_ind = indicator("ind-sr-hours", "hour", ("0", "0", "0", "0"), 1, kind="output")
    vectors.append(
        (
            "bid-obligation-credit-kept-apart",
            "Outcome values and obligation credits are never summed. ind-work has an economic "
            "proxy (outcome value); ind-sr-hours (hours of work for the target group, an "
            "effort-based quota) has an obligation-credit proxy of 35.00 per hour. The credit "
            "is nominal (1200 hours x 35.00 = 42000.00: no adjustments, no discounting) and "
            "appears only in obligationCredit; the SROI ratio uses the outcome value alone.",
            {
                "catalogue": catalogue(
                    [WORK, credit_ind],
                    [
                        proxy(
                            "pv-work-economic", "ind-work", "economic", "10000.00", "person", 2026
                        ),
                        proxy("pv-sr-credit", "ind-sr-hours", CREDIT_BASIS, "35.00", "hour", 2026),
                    ],
                ),
                "subject": bid(
                    [
                        commitment("c-01", "ind-work", "3", "person", years=1),
                        commitment("c-02", "ind-sr-hours", "1200", "hour"),
                    ],
                    investment="50000.00",
                ),
            },
        )
    )

    vectors.append(
        (
            "bid-payment-in-lieu-not-valued",
            "A commitment fulfilled by payment in lieu (afkoop) carries no value and is not "
            "counted: it has no line values, adds nothing to the outcome value nor to the "
            "not-counted value. Only c-01 (5 persons, 3 years, capped at the maximum 3) counts.",
            {
                "catalogue": catalogue([WORK], WORK_PROXIES[:1]),
                "subject": bid(
                    [
                        commitment("c-01", "ind-work", "5", "person", years=3),
                        commitment(
                            "c-02", "ind-work", "4", "person", years=3, fulfilment="payment-in-lieu"
                        ),
                    ],
                    bid_price="1000000.00",
                ),
            },
        )
    )

    vectors.append(
        (
            "bid-adjustment-claims-only-stricter",
            "A supplier's claimed adjustment replaces the catalogue default only when it is "
            "higher (stricter). c-01 claims deadweight 0.1 (< default 0.3): ignored, valued at "
            "0.3. c-02 claims deadweight 0.5 and attribution 0.25 (> defaults 0.3 and 0.1): "
            "used. c-03 claims drop-off 0.2 (= default): the same value either way.",
            {
                "catalogue": catalogue([WORK], WORK_PROXIES[:1]),
                "subject": bid(
                    [
                        commitment(
                            "c-01", "ind-work", "10", "person", years=2, claim={"deadweight": "0.1"}
                        ),
                        commitment(
                            "c-02",
                            "ind-work",
                            "10",
                            "person",
                            years=2,
                            claim={"deadweight": "0.5", "attribution": "0.25"},
                        ),
                        commitment(
                            "c-03", "ind-work", "10", "person", years=2, claim={"dropOff": "0.2"}
                        ),
                    ],
                    investment="250000.00",
                ),
            },
        )
    )

    vectors.append(
        (
            "bid-duration-capped",
            "The benefit duration is the commitment's, capped by the indicator's "
            "maxDurationYears: c-01 claims 10 years on an indicator with maximum 3, so it is "
            "valued over 3 years (drop-off 0.2: 100%, 80%, 64%); c-02 claims 2 years and keeps "
            "them; c-03 states no duration and gets one year.",
            {
                "catalogue": catalogue([WORK], WORK_PROXIES[:1]),
                "subject": bid(
                    [
                        commitment("c-01", "ind-work", "2", "person", years=10),
                        commitment("c-02", "ind-work", "2", "person", years=2),
                        commitment("c-03", "ind-work", "2", "person"),
                    ],
                    investment="90000.00",
                ),
            },
        )
    )

    qualification = indicator(
        "ind-qualification",
        "person",
        ("0.4", "0.3", "0", "0.1"),
        5,
        theme="skills-education",
        first_year_only=True,
    )
    vectors.append(
        (
            "bid-first-year-only",
            "An indicator marked firstYearOnly (a one-off outcome such as a diploma) is valued "
            "for one year whatever duration the commitment claims (here 4 years, within the "
            "maximum of 5). 6 persons at 3500.00, deadweight 0.4, attribution 0.3.",
            {
                "catalogue": catalogue(
                    [qualification],
                    [
                        proxy(
                            "pv-qualification",
                            "ind-qualification",
                            "economic",
                            "3500.00",
                            "person",
                            2026,
                        )
                    ],
                ),
                "subject": bid(
                    [commitment("c-01", "ind-qualification", "6", "person", years=4)],
                    investment="20000.00",
                ),
            },
        )
    )

    fte = indicator("ind-work-fte", "fte-year", ("0.3", "0.1", "0.05", "0"), 1)
    vectors.append(
        (
            "bid-hours-to-fte-year",
            "A quantity in hours on an indicator measured in FTE-years is converted with the "
            "catalogue's FTE norm (1836 hours per FTE-year): c-01 7344 hours = 4 FTE-years "
            "exactly; c-02 1000 hours = 1000/1836 FTE-year, which is not a finite decimal and "
            "must be kept exact (no rounding of the quantity before the money is rounded); "
            "c-03 2.5 FTE-years needs no conversion. A second proxy is stated per hour and is "
            "scaled by 1836 hours per FTE-year.",
            {
                "catalogue": catalogue(
                    [fte],
                    [
                        proxy(
                            "pv-fte-economic",
                            "ind-work-fte",
                            "economic",
                            "8000.00",
                            "fte-year",
                            2026,
                        ),
                        proxy("pv-fte-hourly", "ind-work-fte", "market", "2.50", "hour", 2026),
                    ],
                    fte_norm="1836",
                ),
                "subject": bid(
                    [
                        commitment("c-01", "ind-work-fte", "7344", "hour"),
                        commitment("c-02", "ind-work-fte", "1000", "hour"),
                        commitment("c-03", "ind-work-fte", "2.5", "fte-year"),
                    ],
                    investment="60000.00",
                ),
            },
        )
    )

    index = {2022: "113.0", 2023: "117.5", 2024: "121.0", 2025: "124.0", 2026: "127.0"}
    co2 = indicator("ind-co2", "tonne-co2e", ("0.2", "0", "0", "0"), 1, theme="climate-environment")
    vectors.append(
        (
            "bid-price-index-rebased",
            "Proxy values are rebased to the valuation year (2026) with the catalogue's default "
            "price index: P' = P x I(2026) / I(price year). pv-work-fiscal has price year 2023 "
            "(factor 127.0/117.5), pv-co2 2024 (factor 127.0/121.0), pv-work-wellbeing 2026 "
            "(factor 1). The factor is never rounded before the money is.",
            {
                "catalogue": catalogue(
                    [WORK, co2],
                    [
                        proxy("pv-work-fiscal", "ind-work", "fiscal", "16000.00", "person", 2023),
                        proxy(
                            "pv-work-wellbeing", "ind-work", "wellbeing", "9000.00", "person", 2026
                        ),
                        proxy("pv-co2", "ind-co2", "social-cost", "150.00", "tonne-co2e", 2024),
                    ],
                    index=index,
                ),
                "subject": bid(
                    [
                        commitment("c-01", "ind-work", "8", "person", years=2),
                        commitment("c-02", "ind-co2", "120.5", "tonne-co2e"),
                    ],
                    investment="300000.00",
                ),
            },
        )
    )

    vectors.append(
        (
            "bid-proxy-without-price-year",
            "A proxy value that states no price year is used as published, never rebased (the "
            "engine refuses to guess its year); the other proxy of the same indicator, price "
            "year 2024, is rebased to 2026 (127.0/121.0).",
            {
                "catalogue": catalogue(
                    [WORK],
                    [
                        proxy("pv-work-fiscal", "ind-work", "fiscal", "16000.00", "person", 2024),
                        proxy(
                            "pv-work-wellbeing", "ind-work", "wellbeing", "9000.00", "person", None
                        ),
                    ],
                    index=index,
                ),
                "subject": bid(
                    [commitment("c-01", "ind-work", "8", "person", years=2)], investment="300000.00"
                ),
            },
        )
    )

    report_catalogue = catalogue(
        [WORK, co2],
        [
            proxy("pv-work-fiscal", "ind-work", "fiscal", "16000.00", "person", 2024),
            proxy("pv-co2", "ind-co2", "social-cost", "150.00", "tonne-co2e", 2024),
        ],
        index=index,
    )
    report_bid = bid(
        [
            commitment("c-01", "ind-work", "8", "person", years=2),
            commitment("c-02", "ind-co2", "120", "tonne-co2e"),
        ],
        investment="400000.00",
    )
    vectors.append(
        (
            "report-only-verified-counts",
            "An evidence report valued with its bid: only verified items count. e-01 (3 "
            "persons, verified) is valued over its commitment's 2 years and counts; e-02 (2 "
            "persons, submitted), e-03 (21.75 tonnes, rejected) and e-04 (1 person, withdrawn) "
            "are valued but not counted: their present values make up notCountedValue. "
            "Investment from the bid: 400000.",
            {
                "catalogue": report_catalogue,
                "bid": report_bid,
                "subject": report(
                    [
                        item("e-01", "c-01", "ind-work", "3", "person", "verified"),
                        item("e-02", "c-01", "ind-work", "2", "person", "submitted"),
                        item("e-03", "c-02", "ind-co2", "21.75", "tonne-co2e", "rejected"),
                        item("e-04", "c-01", "ind-work", "1", "person", "withdrawn"),
                    ]
                ),
            },
        )
    )

    vectors.append(
        (
            "report-without-bid-one-year",
            "An evidence report valued without its bid: an item cannot take its commitment's "
            "duration or claims, so it is valued over one year with the catalogue's defaults. "
            "No bid and no tender: no investment, no SROI ratio.",
            {
                "catalogue": report_catalogue,
                "subject": report(
                    [
                        item("e-01", "c-01", "ind-work", "3", "person", "verified"),
                        item("e-02", "c-02", "ind-co2", "30", "tonne-co2e", "verified"),
                    ]
                ),
            },
        )
    )

    long_ind = indicator(
        "ind-green", "tonne-co2e", ("0.1", "0", "0", "0.02"), 40, theme="climate-environment"
    )
    vectors.append(
        (
            "tender-green-book-schedule-overrides",
            "The tender states its own conventions: the HM Treasury Green Book declining "
            "schedule (3.5% for periods 1-30, 3.0% from period 31, ...) with start-of-year "
            "timing, which replace the catalogue's constant 2.25% end-of-year. A 40-year line "
            "(maximum 40) sees 3.0% from year 32 on (period 31). The SROI ratio uses the "
            "tender's contract value.",
            {
                "catalogue": catalogue(
                    [long_ind],
                    [proxy("pv-green", "ind-green", "social-cost", "150.00", "tonne-co2e", 2026)],
                ),
                "tender": tender(
                    "250000.00",
                    ["ind-green"],
                    conventions(schedule=GREEN_BOOK, timing="start-of-year"),
                ),
                "subject": bid([commitment("c-01", "ind-green", "100", "tonne-co2e", years=40)]),
            },
        )
    )

    vectors.append(
        (
            "bid-units-kg-to-tonne",
            "A quantity in kilograms CO2e on an indicator in tonnes CO2e is converted exactly "
            "(1234.5 kg = 1.2345 t); a proxy stated per kilogram is scaled to the tonne "
            "(0.015 per kg = 15 per tonne).",
            {
                "catalogue": catalogue(
                    [co2],
                    [
                        proxy("pv-co2", "ind-co2", "social-cost", "150.00", "tonne-co2e", 2026),
                        proxy("pv-co2-kg", "ind-co2", "market", "0.015", "kg-co2e", 2026),
                    ],
                ),
                "subject": bid(
                    [
                        commitment("c-01", "ind-co2", "1234.5", "kg-co2e"),
                        commitment("c-02", "ind-co2", "2", "tonne-co2e"),
                    ],
                    investment="1000.00",
                ),
            },
        )
    )

    out = []
    for ident, description, documents in vectors:
        expected, notes = expected_figures(documents)
        out.append(
            {
                "id": ident,
                "kind": "document",
                "description": description
                + " Worked (exact rationals, rounded once): "
                + "; ".join(notes)
                + ".",
                "documents": documents,
                "expected": expected,
            }
        )
    return out


def error_vectors() -> list[dict[str, Any]]:
    """Kind ``document-error``: documents that must be refused."""
    fte = indicator("ind-work-fte", "fte-year", ("0.3", "0.1", "0.05", "0"), 1)
    fte_proxy = proxy("pv-fte-economic", "ind-work-fte", "economic", "8000.00", "fte-year", 2026)
    base = catalogue([WORK], WORK_PROXIES)
    return [
        {
            "id": "bid-unknown-indicator",
            "kind": "document-error",
            "description": "A commitment names an indicator the catalogue does not contain: "
            "the bid is invalid (rule ref.unknown) and nothing is valued.",
            "documents": {
                "catalogue": base,
                "subject": bid([commitment("c-01", "ind-not-in-catalogue", "8", "person")]),
            },
            "expectedError": {"ruleId": "ref.unknown"},
        },
        {
            "id": "bid-incompatible-unit",
            "kind": "document-error",
            "description": "A quantity in tonnes CO2e on an indicator counted in persons "
            "cannot be converted: rule unit.incompatible.",
            "documents": {
                "catalogue": base,
                "subject": bid([commitment("c-01", "ind-work", "8", "tonne-co2e")]),
            },
            "expectedError": {"ruleId": "unit.incompatible"},
        },
        {
            "id": "price-index-year-missing",
            "kind": "document-error",
            "description": "A proxy's price year (2019) is not in the catalogue's price "
            "index, so it cannot be rebased to the valuation year: error "
            "price-index-year-missing, never a silent factor of 1 (method section 2).",
            "documents": {
                "catalogue": catalogue(
                    [WORK],
                    [proxy("pv-work-fiscal", "ind-work", "fiscal", "16000.00", "person", 2019)],
                    index={2024: "121.0", 2025: "124.0", 2026: "127.0"},
                ),
                "subject": bid([commitment("c-01", "ind-work", "8", "person", years=2)]),
            },
            "expectedError": {"code": "price-index-year-missing"},
        },
        {
            "id": "bid-hours-without-fte-norm",
            "kind": "document-error",
            "description": "A quantity in hours on an indicator in FTE-years, but the "
            "catalogue states no FTE norm: the conversion is refused, not guessed (rule "
            "unit.fte-norm-missing).",
            "documents": {
                "catalogue": catalogue([fte], [fte_proxy]),
                "subject": bid([commitment("c-01", "ind-work-fte", "7344", "hour")]),
            },
            "expectedError": {"ruleId": "unit.fte-norm-missing"},
        },
        {
            "id": "report-unknown-indicator",
            "kind": "document-error",
            "description": "An evidence item names an indicator the catalogue does not "
            "contain: the report is invalid (rule ref.unknown).",
            "documents": {
                "catalogue": base,
                "subject": report([item("e-01", "c-01", "ind-missing", "1", "person", "verified")]),
            },
            "expectedError": {"ruleId": "ref.unknown"},
        },
    ]


def targets() -> dict[Path, str]:
    files = {}
    for vector in document_vectors():
        files[VECTORS / "document" / f"{vector['id']}.json"] = vector_files.rendered(vector)
    for vector in error_vectors():
        files[VECTORS / "document-error" / f"{vector['id']}.json"] = vector_files.rendered(vector)
    return files


def main(argv: list[str] | None = None) -> int:
    return vector_files.main(targets, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
