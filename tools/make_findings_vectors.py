"""Write the ``findings`` conformance vectors: one rule id, one document set, exact findings.

    python tools/make_findings_vectors.py           # (re)write tests/conformance/findings/
    python tools/make_findings_vectors.py --check   # exit 1 if a committed file differs

Each case below starts from one small, clean contract (a catalogue, a tender, a bid and
an evidence report that give no finding at all, in 1.0 and in 2.0), changes one thing,
and **states** the findings that change must give: rule id, severity, file and JSON
pointer. The expectations are written here by hand from the rule's description in
docs/rules.md and the standard's text; they are not captured from the reference
implementation's output. Like its siblings this tool imports nothing from sroi_core.
The format is described in tests/conformance/README.md (kind ``findings``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_document_vectors as v1
import make_document_vectors_2_0 as v2
import vector_files

OUT = v1.VECTORS / "findings"

Docs = dict[str, Any]
Expected = tuple[str, str, str, str]
"""(ruleId, severity, file role, JSON pointer); the file is ``<role>.json``."""

E, W, INFO = "error", "warning", "info"


def _base_1_0() -> Docs:
    indicators = [
        v1.indicator("ind-work", "person", ("0.2", "0.1", "0", "0.3"), 3),
        v1.indicator("ind-care", "hour", ("0.1", "0", "0", "0"), 1, theme="health-wellbeing"),
    ]
    proxies = [
        v1.proxy("pv-work", "ind-work", "fiscal", "20000", "person", 2026),
        v1.proxy("pv-care", "ind-care", "wellbeing", "15", "hour", 2026),
    ]
    return {
        "catalogue": v1.catalogue(indicators, proxies),
        "tender": v1.tender("1000000.00", ["ind-work", "ind-care"]),
        "bid": v1.bid(
            [v1.commitment("c-01", "ind-work", "6", "person", years=3)], bid_price="900000.00"
        ),
        "report": v1.report([v1.item("e-01", "c-01", "ind-work", "2", "person", "verified")]),
    }


def _clean_2_0_commitment(commitment: dict[str, Any]) -> dict[str, Any]:
    """A 2.0 commitment with every credibility datum, so the base gives no finding."""
    quantity = commitment["quantity"]
    third = str(int(quantity["value"]) // 3)
    schedule = [
        {
            "period": {"start": f"{y}-04-01", "end": f"{y + 1}-03-31"},
            "quantity": {**quantity, "value": third},
        }
        for y in (2026, 2027, 2028)
    ]
    return {
        **commitment,
        "areas": [{"code": "GM0363", "name": "Amsterdam"}],
        "cohort": {"targetGroup": v1.text("Residents on benefits"), "selection": "open-referral"},
        "additionality": "new-to-contract",
        "deliverySchedule": schedule,
        "evidencePlan": [{"evidenceType": "payroll-record", "issuer": "independent-verifier"}],
        "deliveryRoute": {"mode": "direct"},
    }


def _base_2_0() -> Docs:
    docs = {role: v2.as_2_0(document) for role, document in _base_1_0().items()}
    docs["bid"]["incrementalCost"] = {"amount": "50000.00", "currency": "EUR"}
    docs["tender"]["award"]["qualitativeShare"] = "0"
    docs["bid"]["commitments"] = [_clean_2_0_commitment(c) for c in docs["bid"]["commitments"]]
    docs["tender"]["stakeholderInvolvement"] = {
        "methods": ["resident-survey"],
        "period": {"start": "2025-09-01", "end": "2025-10-31"},
        "materialOutcomes": [
            {"theme": "work-participation", "rank": 1},
            {"theme": "health-wellbeing", "rank": 2},
        ],
    }
    return docs


BASES: dict[str, Callable[[], Docs]] = {"1.0": _base_1_0, "2.0": _base_2_0}


@dataclass(frozen=True)
class Case:
    """One vector: what changes in the clean contract, and the findings it must give."""

    ident: str
    rules: tuple[str, ...]
    description: str
    expected: tuple[Expected, ...]
    edit: Callable[[Docs], None] | None = None
    roles: tuple[str, ...] = ("catalogue", "bid")
    operation: str = "validate"
    version: str = "1.0"
    texts: dict[str, str] = field(default_factory=dict)
    """Files given as raw text (for rules about the JSON text itself)."""

    def vector(self) -> dict[str, Any]:
        docs = BASES[self.version]()
        if self.edit is not None:
            self.edit(docs)
        files: list[dict[str, Any]] = []
        for role in self.roles:
            name = role if "." in role else f"{role}.json"
            if role in self.texts:
                files.append({"name": name, "text": self.texts[role]})
            else:
                files.append({"name": name, "document": docs[role]})
        return {
            "id": self.ident,
            "kind": "findings",
            "kindVersion": 1,
            "standardVersion": self.version,
            "description": self.description,
            "rules": list(self.rules),
            "operation": self.operation,
            "files": files,
            "expected": [
                {
                    "ruleId": r,
                    "severity": s,
                    "file": role if "." in role else f"{role}.json",
                    "pointer": p,
                }
                for r, s, role, p in self.expected
            ],
        }


def _set(role: str, path: str, value: Any) -> Callable[[Docs], None]:
    """An edit that sets one member, addressed by a JSON pointer (list indices as digits)."""

    def edit(docs: Docs) -> None:
        *parents, last = path.strip("/").split("/")
        node = docs[role]
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return edit


def _edits(*edits: Callable[[Docs], None]) -> Callable[[Docs], None]:
    def edit(docs: Docs) -> None:
        for one in edits:
            one(docs)

    return edit


def _with(role: str, path: str, change: Callable[[Any], None]) -> Callable[[Docs], None]:
    def edit(docs: Docs) -> None:
        node = docs[role]
        for part in [p for p in path.strip("/").split("/") if p]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        change(node)

    return edit


_DELETE = object()

CASES: list[Case] = []


def case(*args: Any, **kwargs: Any) -> None:
    CASES.append(Case(*args, **kwargs))


# ----------------------------------------------------------------- the cases, by rule
# Pointers: into the file named by the role; "" is the whole document.

C0 = "/commitments/0"

# The JSON text itself (operation validate, files given as text).
case(
    "json-syntax-truncated",
    ("json.syntax",),
    "A bid whose JSON text ends early is not JSON: one json.syntax error at the document.",
    ((("json.syntax", E, "bid", "")),),
    texts={"bid": '{"standardVersion": "1.0", "documentType": "bid", "id": '},
)
case(
    "json-duplicate-key",
    ("json.syntax",),
    "A bid whose JSON text names the member id twice: strict JSON refuses duplicate "
    "member names (RFC 8259 leaves them undefined, the standard refuses them).",
    ((("json.syntax", E, "bid", "")),),
    texts={"bid": '{"standardVersion": "1.0", "documentType": "bid", "id": "a", "id": "b"}'},
)
case(
    "json-nan-number",
    ("json.syntax",),
    "A bid with NaN as a number: not JSON, refused as json.syntax.",
    ((("json.syntax", E, "bid", "")),),
    texts={"bid": '{"standardVersion": "1.0", "documentType": "bid", "id": NaN}'},
)
case(
    "document-type-unknown",
    ("document.type",),
    "A document whose documentType is not one of the standard's document types.",
    ((("document.type", E, "bid", "/documentType")),),
    edit=_set("bid", "/documentType", "invoice"),
)
case(
    "document-version-unsupported",
    ("document.version",),
    "A bid of standardVersion 9.0, which the standard does not define.",
    ((("document.version", E, "bid", "/standardVersion")),),
    edit=_set("bid", "/standardVersion", "9.0"),
)

# Schema layer: one keyword each.
case(
    "schema-required-submitted",
    ("schema.required",),
    "A bid without its required submitted date.",
    ((("schema.required", E, "bid", "")),),
    edit=_set("bid", "/submitted", _DELETE),
)
case(
    "schema-type-quantity-number",
    ("schema.type",),
    "A commitment quantity written as a JSON number: decimals are text on the wire.",
    ((("schema.type", E, "bid", C0 + "/quantity/value")),),
    edit=_set("bid", C0 + "/quantity/value", 6),
)
case(
    "schema-unknown-field",
    ("schema.unknown-field",),
    "A bid with a member the standard does not define (a misspelling of submitted).",
    ((("schema.unknown-field", E, "bid", "")),),
    edit=_set("bid", "/submited", "2026-02-20"),
)
case(
    "schema-code-unit",
    ("schema.code",),
    "A commitment quantity in a unit that is not in the closed unit codelist.",
    ((("schema.code", E, "bid", C0 + "/quantity/unit")),),
    edit=_set("bid", C0 + "/quantity/unit", "parsec"),
)
case(
    "schema-format-amount",
    ("schema.format",),
    "A bid price amount that is not plain decimal text (a thousands separator).",
    ((("schema.format", E, "bid", "/bidPrice/amount")),),
    edit=_set("bid", "/bidPrice", {"amount": "1.150.000", "currency": "EUR"}),
)
case(
    "schema-date-month-13",
    ("schema.date",),
    "A commitment period starting in month 13: not an ISO 8601 date.",
    ((("schema.date", E, "bid", C0 + "/period/start")),),
    edit=_set("bid", C0 + "/period/start", "2026-13-01"),
)
case(
    "schema-range-duration-zero",
    ("schema.range",),
    "A commitment of zero years: durationYears is at least 1.",
    ((("schema.range", E, "bid", C0 + "/durationYears")),),
    edit=_set("bid", C0 + "/durationYears", 0),
)
case(
    "schema-choice-rate-and-schedule",
    ("schema.choice",),
    "Catalogue conventions that give both a discount rate and a discount schedule: "
    "exactly one of them is allowed.",
    ((("schema.choice", E, "catalogue", "/conventions")),),
    roles=("catalogue",),
    edit=_set("catalogue", "/conventions/discountSchedule", [{"fromPeriod": 1, "rate": "0.03"}]),
)
case(
    "schema-range-max-duration-2-0",
    ("schema.range",),
    "A 2.0 indicator whose maxDurationYears is 0: at least one year.",
    ((("schema.range", E, "catalogue", "/indicators/0/adjustments/maxDurationYears")),),
    version="2.0",
    roles=("catalogue",),
    edit=_set("catalogue", "/indicators/0/adjustments/maxDurationYears", 0),
)
case(
    "schema-type-integer-2-0",
    ("schema.type",),
    'A 2.0 commitment whose durationYears is the text "3": an integer is a JSON number.',
    ((("schema.type", E, "bid", C0 + "/durationYears")),),
    version="2.0",
    edit=_set("bid", C0 + "/durationYears", "3"),
)
case(
    "schema-required-period-2-0",
    ("schema.required",),
    "A 2.0 tender without its period, required in every version.",
    ((("schema.required", E, "tender", "")),),
    version="2.0",
    roles=("catalogue", "tender"),
    edit=_set("tender", "/period", _DELETE),
)
case(
    "schema-unknown-field-1-0-has-2-0-field",
    ("schema.unknown-field",),
    "A 1.0 bid carrying incrementalCost, a field of 2.0: the schema of the document's own "
    "version decides, so the field is unknown there.",
    ((("schema.unknown-field", E, "bid", "")),),
    edit=_set("bid", "/incrementalCost", {"amount": "1.00", "currency": "EUR"}),
)


# Semantic rules of one document (operation validate; the catalogue is the only one).
case(
    "id-duplicate-commitment",
    ("id.duplicate",),
    "Two commitments of one bid share the id c-01; the finding points at the second.",
    ((("id.duplicate", E, "bid", "/commitments/1/id")),),
    edit=_with("bid", "/commitments", lambda cs: cs.append(dict(cs[0]))),
)
case(
    "id-duplicate-indicator-2-0",
    ("id.duplicate",),
    "Two indicators of a 2.0 catalogue share an id.",
    ((("id.duplicate", E, "catalogue", "/indicators/1/id")),),
    version="2.0",
    roles=("catalogue",),
    edit=_edits(
        _with("catalogue", "/indicators", lambda xs: xs.__setitem__(1, dict(xs[0]))),
        _with("catalogue", "/proxyValues", lambda ps: ps.pop()),
    ),
)
case(
    "period-order-commitment",
    ("period.order",),
    "A commitment whose period ends before it starts.",
    ((("period.order", E, "bid", C0 + "/period")),),
    edit=_set("bid", C0 + "/period", {"start": "2029-03-31", "end": "2026-04-01"}),
)
case(
    "period-order-report-2-0",
    ("period.order",),
    "A 2.0 evidence report whose period ends before it starts.",
    ((("period.order", E, "report", "/period")),),
    version="2.0",
    roles=("catalogue", "report"),
    edit=_set("report", "/period", {"start": "2026-09-30", "end": "2026-04-01"}),
)
case(
    "ref-unknown-indicator",
    ("ref.unknown",),
    "A commitment to an indicator the catalogue does not contain.",
    ((("ref.unknown", E, "bid", C0 + "/indicator")),),
    edit=_set("bid", C0 + "/indicator", "ind-missing"),
)
case(
    "ref-unknown-outcome-2-0",
    ("ref.unknown",),
    "A 2.0 catalogue indicator whose outcome the catalogue does not list.",
    ((("ref.unknown", E, "catalogue", "/indicators/0/outcome")),),
    version="2.0",
    roles=("catalogue",),
    edit=_set("catalogue", "/indicators/0/outcome", "out-missing"),
)
case(
    "ref-catalogue-unavailable",
    ("ref.catalogue-unavailable",),
    "A bid naming a catalogue version that is not available: a warning, and its "
    "references go unchecked.",
    ((("ref.catalogue-unavailable", W, "bid", "/catalogue")),),
    edit=_set("bid", "/catalogue", {"id": v1.CATALOGUE_ID, "version": "9.9"}),
)
case(
    "unit-incompatible-commitment",
    ("unit.incompatible",),
    "A commitment in tonnes of CO2e on an indicator counted in persons.",
    ((("unit.incompatible", E, "bid", C0 + "/quantity/unit")),),
    edit=_set("bid", C0 + "/quantity/unit", "tonne-co2e"),
)
case(
    "unit-incompatible-proxy-2-0",
    ("unit.incompatible",),
    "A 2.0 proxy value per household on an indicator counted in persons.",
    ((("unit.incompatible", E, "catalogue", "/proxyValues/0/perUnit")),),
    version="2.0",
    roles=("catalogue",),
    edit=_set("catalogue", "/proxyValues/0/perUnit", "household"),
)
case(
    "unit-fte-norm-missing-commitment",
    ("unit.fte-norm-missing",),
    "Hours committed on an indicator in FTE-years, and the catalogue states no FTE norm.",
    ((("unit.fte-norm-missing", E, "bid", C0 + "/quantity/unit")),),
    edit=_edits(
        _set("catalogue", "/indicators/0/unit", "fte-year"),
        _set("catalogue", "/proxyValues/0/perUnit", "fte-year"),
        _set("bid", C0 + "/quantity", {"value": "3672", "unit": "hour"}),
    ),
)
case(
    "codelist-unknown-evidence-type",
    ("codelist.unknown-code",),
    "An indicator asking for an evidence type the evidenceType codelist does not hold: a "
    "warning (the codelist is open).",
    ((("codelist.unknown-code", W, "catalogue", "/indicators/0/evidenceRequirements/0")),),
    roles=("catalogue",),
    edit=_set("catalogue", "/indicators/0/evidenceRequirements", ["carrier-pigeon"]),
)
case(
    "conventions-schedule-not-from-one",
    ("conventions.discount-schedule",),
    "A discount schedule whose first entry starts at period 2.",
    (
        (
            (
                "conventions.discount-schedule",
                E,
                "catalogue",
                "/conventions/discountSchedule/0/fromPeriod",
            )
        ),
    ),
    roles=("catalogue",),
    edit=_edits(
        _set("catalogue", "/conventions/discountRate", _DELETE),
        _set("catalogue", "/conventions/discountSchedule", [{"fromPeriod": 2, "rate": "0.035"}]),
    ),
)
case(
    "conventions-schedule-not-increasing-2-0",
    ("conventions.discount-schedule",),
    "A 2.0 tender's discount schedule whose second entry does not start after the first.",
    (
        (
            (
                "conventions.discount-schedule",
                E,
                "tender",
                "/conventions/discountSchedule/1/fromPeriod",
            )
        ),
    ),
    version="2.0",
    roles=("catalogue", "tender"),
    edit=_set(
        "tender",
        "/conventions",
        v1.conventions(
            schedule=[{"fromPeriod": 1, "rate": "0.035"}, {"fromPeriod": 1, "rate": "0.03"}]
        ),
    ),
)


def _repeated_index_year(docs: Docs) -> None:
    """A price index 2024, 2025, 2025 (the third entry repeats the year 2025)."""
    catalogue = docs["catalogue"]
    docs["catalogue"] = v1.catalogue(
        catalogue["indicators"],
        catalogue["proxyValues"],
        index={2024: "121.0", 2025: "124.0", 2026: "127.0"},
    )
    docs["catalogue"]["priceIndices"][0]["values"][2]["year"] = 2025


case(
    "price-index-years-repeated",
    ("price-index.years",),
    "A price index listing the year 2025 twice.",
    ((("price-index.years", E, "catalogue", "/priceIndices/0/values/2/year")),),
    roles=("catalogue",),
    edit=_repeated_index_year,
)
case(
    "privacy-possible-bsn",
    ("privacy.possible-bsn",),
    "An evidence item names its subject by a nine-digit number that passes the BSN "
    "eleven-test (111222333): a supplier uses a pseudonym of its own.",
    ((("privacy.possible-bsn", E, "report", "/items/0/subjects/0")),),
    roles=("catalogue", "report"),
    edit=_set("report", "/items/0/subjects", ["111222333"]),
)
case(
    "proxy-currency-mismatch",
    ("proxy.currency-mismatch",),
    "A proxy value in GBP in a catalogue that values in EUR.",
    ((("proxy.currency-mismatch", E, "catalogue", "/proxyValues/0/currency")),),
    roles=("catalogue",),
    edit=_set("catalogue", "/proxyValues/0/currency", "GBP"),
)
case(
    "proxy-licence-restricted",
    ("proxy.licence-restricted",),
    "A proxy value under a proprietary licence, which does not allow redistribution.",
    ((("proxy.licence-restricted", W, "catalogue", "/proxyValues/0/licence")),),
    roles=("catalogue",),
    edit=_set("catalogue", "/proxyValues/0/licence", "proprietary"),
)
case(
    "proxy-price-year-missing",
    ("proxy.price-year-missing",),
    "A 1.0 proxy value without a price year: it cannot be rebased (a warning).",
    ((("proxy.price-year-missing", W, "catalogue", "/proxyValues/0")),),
    roles=("catalogue",),
    edit=_set("catalogue", "/proxyValues/0/priceYear", _DELETE),
)
case(
    "proxy-range-order",
    ("proxy.range-order",),
    "A proxy value whose low (25000) lies above its central value (20000).",
    ((("proxy.range-order", E, "catalogue", "/proxyValues/0/value")),),
    roles=("catalogue",),
    edit=_set("catalogue", "/proxyValues/0/value", {"low": "25000", "central": "20000"}),
)
case(
    "indicator-monetised-without-proxy",
    ("indicator.monetisation",),
    "An indicator marked monetised that no proxy value refers to.",
    ((("indicator.monetisation", E, "catalogue", "/indicators/1/monetisation")),),
    roles=("catalogue",),
    edit=_with("catalogue", "/proxyValues", lambda ps: ps.pop()),
)
case(
    "indicator-not-monetised-with-proxy-2-0",
    ("indicator.monetisation",),
    "A 2.0 indicator marked not monetised that a proxy value refers to.",
    ((("indicator.monetisation", E, "catalogue", "/indicators/1/monetisation")),),
    version="2.0",
    roles=("catalogue",),
    edit=_edits(
        _set("catalogue", "/indicators/1/monetisation", "not-monetised"),
        _set("catalogue", "/indicators/1/notMonetisedReason", v1.text("Output.")),
    ),
)
case(
    "indicator-uri-mismatch-2-0",
    ("indicator.uri-mismatch",),
    "A 2.0 indicator whose uri is not https://sroi-os.org/id/catalogue/{catalogueId}/"
    "indicator/{indicatorId}.",
    ((("indicator.uri-mismatch", E, "catalogue", "/indicators/0/uri")),),
    version="2.0",
    roles=("catalogue",),
    edit=_set(
        "catalogue",
        "/indicators/0/uri",
        "https://sroi-os.org/id/catalogue/other/indicator/ind-work",
    ),
)
case(
    "proxy-wellbeing-derivation-mismatch-2-0",
    ("proxy.wellbeing-derivation-mismatch",),
    "A 2.0 wellbeing proxy whose central value (16) is not the life-satisfaction effect "
    "(0.1) x the WELLBY value (150) = 15.00.",
    ((("proxy.wellbeing-derivation-mismatch", E, "catalogue", "/proxyValues/1/value/central")),),
    version="2.0",
    roles=("catalogue",),
    edit=_edits(
        _set("catalogue", "/proxyValues/1/value", {"central": "16"}),
        _set(
            "catalogue",
            "/proxyValues/1/wellbeingDerivation",
            {
                "lifeSatisfactionEffect": "0.1",
                "effectSource": v1.source("effect on life satisfaction"),
                "population": v1.text("Informal carers"),
                "wellbyValue": "150",
                "wellbyCurrency": "EUR",
                "wellbyPriceYear": 2026,
                "wellbySource": v1.source("WELLBY value"),
            },
        ),
    ),
)
case(
    "tender-weights-1-0",
    ("tender.weights",),
    "A 1.0 tender whose scoring weights add up to 1.1.",
    ((("tender.weights", E, "tender", "/scoring")),),
    roles=("catalogue", "tender"),
    edit=_set("tender", "/scoring/priceWeight", "0.9"),
)
case(
    "tender-weights-award-2-0",
    ("tender.weights",),
    "A 2.0 tender whose award weights add up to 0.9.",
    ((("tender.weights", E, "tender", "/award")),),
    version="2.0",
    roles=("catalogue", "tender"),
    edit=_set("tender", "/award/weights/price", "0.7"),
)

# Extensions (2.0).
case(
    "extension-undeclared-2-0",
    ("extension.undeclared",),
    "A 2.0 bid with extensionData for tenderned that its extensions list does not name.",
    ((("extension.undeclared", E, "bid", "/extensionData/tenderned")),),
    version="2.0",
    edit=_set("bid", "/extensionData", {"tenderned": {"publicationId": "123"}}),
)
case(
    "extension-invalid-2-0",
    ("extension.invalid",),
    "A 2.0 bid declaring the tenderned extension with a publicationId that is not digits.",
    ((("extension.invalid", E, "bid", "/extensionData/tenderned/publicationId")),),
    version="2.0",
    edit=_edits(
        _set("bid", "/extensions", ["tenderned"]),
        _set("bid", "/extensionData", {"tenderned": {"publicationId": "AB-1"}}),
    ),
)
case(
    "extension-unavailable-2-0",
    ("extension.unavailable",),
    "A 2.0 bid declaring an extension no implementation is given: a warning, its data unchecked.",
    ((("extension.unavailable", W, "bid", "/extensions/0")),),
    version="2.0",
    edit=_edits(
        _set("bid", "/extensions", ["acme-widgets"]),
        _set("bid", "/extensionData", {"acme-widgets": {"anything": 1}}),
    ),
)


# Quality checks: the documents of one contract compared (operation check).
CONTRACT = ("catalogue", "tender", "bid", "report")
BID_SET = ("catalogue", "tender", "bid")
ITEM = "/items/0"


def _second_report(docs: Docs, *, later_period: bool = True) -> None:
    """A second report (report-2) claiming the same subject ps-0001 again.

    With ``later_period`` it covers the next half year, otherwise the same half year.
    """
    later = json.loads(json.dumps(docs["report"]))
    later["id"] = "report-2"
    if later_period:
        later["period"] = {"start": "2026-10-01", "end": "2027-03-31"}
        later["items"][0]["period"] = dict(later["period"])
    for one in (docs["report"], later):
        one["items"][0]["subjects"] = ["ps-0001"]
    docs["report2"] = later


case(
    "quality-adjustment-below-default",
    ("quality.adjustment-below-default",),
    "The bid claims deadweight 0.1, below the catalogue default 0.2 of ind-work: the "
    "default (stricter) is used, and the claim draws a warning.",
    ((("quality.adjustment-below-default", W, "bid", C0 + "/adjustments/deadweight")),),
    operation="check",
    roles=BID_SET,
    edit=_set(
        "bid",
        C0 + "/adjustments",
        {"deadweight": "0.1", "justification": v1.text("Illustrative claim.")},
    ),
)
case(
    "quality-context-missing-tender",
    ("quality.context-missing",),
    "A bid checked with its catalogue but without its tender: the checks that need the "
    "tender are skipped, and the finding says so (info).",
    ((("quality.context-missing", INFO, "bid", "")),),
    operation="check",
)
case(
    "quality-document-mismatch-tender",
    ("quality.document-mismatch",),
    "A bid that names tender-2, checked with tender-1.",
    ((("quality.document-mismatch", E, "bid", "/tender")),),
    operation="check",
    roles=BID_SET,
    edit=_set("bid", "/tender", {"id": "tender-2"}),
)
case(
    "quality-duration-over-cap",
    ("quality.duration-over-cap",),
    "A commitment claiming 5 years of benefit on an indicator capped at 3.",
    ((("quality.duration-over-cap", E, "bid", C0 + "/durationYears")),),
    operation="check",
    roles=BID_SET,
    edit=_set("bid", C0 + "/durationYears", 5),
)
case(
    "quality-first-year-only-duration",
    ("quality.first-year-only-duration",),
    "A commitment claiming 3 years on an indicator that counts only the first year.",
    ((("quality.first-year-only-duration", E, "bid", C0 + "/durationYears")),),
    operation="check",
    roles=BID_SET,
    edit=_set("catalogue", "/indicators/0/firstYearOnly", True),
)
case(
    "quality-evidence-exceeds-commitment",
    ("quality.evidence-exceeds-commitment",),
    "Evidence of 7 persons against a commitment of 6.",
    ((("quality.evidence-exceeds-commitment", W, "report", ITEM + "/quantity")),),
    operation="check",
    roles=CONTRACT,
    edit=_set("report", ITEM + "/quantity/value", "7"),
)
case(
    "quality-evidence-indicator-mismatch",
    ("quality.evidence-indicator-mismatch",),
    "An evidence item reports hours of care (ind-care) against commitment c-01, which is "
    "to ind-work.",
    ((("quality.evidence-indicator-mismatch", E, "report", ITEM + "/indicator")),),
    operation="check",
    roles=CONTRACT,
    edit=_edits(
        _set("report", ITEM + "/indicator", "ind-care"),
        _set("report", ITEM + "/quantity", {"value": "2", "unit": "hour"}),
    ),
)
case(
    "quality-evidence-missing",
    ("quality.evidence-missing",),
    "A verified evidence item that references no documents.",
    ((("quality.evidence-missing", E, "report", ITEM + "/documents")),),
    operation="check",
    roles=CONTRACT,
    edit=_set("report", ITEM + "/documents", []),
)
case(
    "quality-evidence-type-mismatch",
    ("quality.evidence-type-mismatch",),
    "Evidence of an attendance record where the indicator asks for a payroll record "
    "(both documentary, so the level is met).",
    ((("quality.evidence-type-mismatch", W, "report", ITEM + "/documents")),),
    operation="check",
    roles=CONTRACT,
    edit=_set("report", ITEM + "/documents/0/type", "attendance-record"),
)
case(
    "quality-evidence-unknown-commitment",
    ("quality.evidence-unknown-commitment",),
    "An evidence item reported against commitment c-99, which the bid does not contain.",
    ((("quality.evidence-unknown-commitment", E, "report", ITEM + "/commitment")),),
    operation="check",
    roles=CONTRACT,
    edit=_set("report", ITEM + "/commitment", "c-99"),
)
case(
    "quality-self-declared-only",
    ("quality.self-declared-only", "quality.verification-below-minimum"),
    "Evidence resting on a self-declaration only: a warning that it is self-declared, an "
    "error that it does not reach the documentary level the indicator and tender require, "
    "and a warning that it is not the payroll record asked for.",
    (
        (("quality.self-declared-only", W, "report", ITEM + "/documents")),
        ("quality.verification-below-minimum", E, "report", ITEM + "/documents"),
        ("quality.evidence-type-mismatch", W, "report", ITEM + "/documents"),
    ),
    operation="check",
    roles=CONTRACT,
    edit=_set("report", ITEM + "/documents/0/type", "self-declaration"),
)
case(
    "quality-outside-area",
    ("quality.outside-area",),
    "A commitment delivered in Rotterdam (GM0599) for a tender in Amsterdam (GM0363).",
    ((("quality.outside-area", E, "bid", C0 + "/areas/0")),),
    operation="check",
    roles=BID_SET,
    edit=_set("bid", C0 + "/areas", [{"code": "GM0599", "name": "Rotterdam"}]),
)
case(
    "quality-outside-period",
    ("quality.outside-period",),
    "A commitment running a year past the end of the contract period.",
    ((("quality.outside-period", E, "bid", C0 + "/period")),),
    operation="check",
    roles=BID_SET,
    edit=_set("bid", C0 + "/period/end", "2030-03-31"),
)
case(
    "quality-output-only",
    ("quality.output-only", "quality.tender-output-indicator"),
    "A tender asking for outcomes only lists an output indicator (warning on the tender), "
    "and the bid commits to it (error on the bid).",
    (
        (("quality.tender-output-indicator", W, "tender", "/indicators/1/indicator")),
        ("quality.output-only", E, "bid", "/commitments/1/indicator"),
    ),
    operation="check",
    roles=BID_SET,
    edit=_edits(
        _set("catalogue", "/indicators/1/kind", "output"),
        _with(
            "bid",
            "/commitments",
            lambda cs: cs.append(v1.commitment("c-02", "ind-care", "100", "hour", years=1)),
        ),
    ),
)
case(
    "quality-overlapping-commitments",
    ("quality.overlapping-commitments",),
    "Two commitments to two indicators of one double-counting group.",
    ((("quality.overlapping-commitments", W, "bid", "/commitments/1/indicator")),),
    operation="check",
    roles=BID_SET,
    edit=_edits(
        _set("catalogue", "/indicators/0/doubleCountingGroup", "grp-work"),
        _set("catalogue", "/indicators/1/doubleCountingGroup", "grp-work"),
        _with(
            "bid",
            "/commitments",
            lambda cs: cs.append(v1.commitment("c-02", "ind-care", "100", "hour", years=1)),
        ),
    ),
)
case(
    "quality-payment-in-lieu",
    ("quality.payment-in-lieu",),
    "A commitment bought off by a payment in lieu: shown, never counted (warning).",
    ((("quality.payment-in-lieu", W, "bid", C0 + "/fulfilment")),),
    operation="check",
    roles=BID_SET,
    edit=_with(
        "bid",
        "/commitments",
        lambda cs: cs.__setitem__(
            0,
            v1.commitment("c-01", "ind-work", "6", "person", years=3, fulfilment="payment-in-lieu"),
        ),
    ),
)
case(
    "quality-quantity-above-target",
    ("quality.quantity-above-target",),
    "Commitments of 60 persons where the tender's target is 6: more than the threshold "
    "multiple of the target.",
    ((("quality.quantity-above-target", W, "bid", C0 + "/quantity")),),
    operation="check",
    roles=BID_SET,
    edit=_edits(
        _set("tender", "/indicators/0/target", {"value": "6", "unit": "person"}),
        _set("bid", C0 + "/quantity/value", "60"),
    ),
)
case(
    "quality-quantity-per-contract-value",
    ("quality.quantity-per-contract-value", "quality.value-exceeds-contract"),
    "6000 persons into work on a contract of EUR 1,000,000: above the plausibility bound "
    "per contract euro (on the commitment), and the bid's estimated outcome value is "
    "many times the contract value (on the bid's commitments as a whole).",
    (
        (("quality.quantity-per-contract-value", W, "bid", C0 + "/quantity")),
        ("quality.value-exceeds-contract", W, "bid", "/commitments"),
    ),
    operation="check",
    roles=BID_SET,
    edit=_set("bid", C0 + "/quantity/value", "6000"),
)
case(
    "quality-credits-mixed",
    ("quality.credits-mixed",),
    "A tender with a minimum social value whose indicators carry obligation credits only: "
    "a minimum of outcome value that only credits could meet.",
    ((("quality.credits-mixed", E, "tender", "/minimumSocialValue")),),
    operation="check",
    roles=("catalogue", "tender"),
    edit=_edits(
        _set("catalogue", "/proxyValues/0/valuationBasis", "obligation-credit"),
        _set("catalogue", "/proxyValues/1/valuationBasis", "obligation-credit"),
        _set("tender", "/minimumSocialValue", {"amount": "1000.00", "currency": "EUR"}),
    ),
)
case(
    "quality-double-counted-subject",
    ("quality.double-counted-subject",),
    "Two reports (report-1, report-2) claim subject ps-0001 for ind-work over the same "
    "half year: one person counted twice.",
    ((("quality.double-counted-subject", E, "report2", ITEM + "/subjects/0")),),
    operation="check",
    roles=(*CONTRACT, "report2"),
    edit=lambda docs: _second_report(docs, later_period=False),
)
case(
    "quality-first-year-only-repeat",
    ("quality.first-year-only-repeat",),
    "Subject ps-0001 claimed again in a later report for an indicator that counts only "
    "the first year.",
    ((("quality.first-year-only-repeat", E, "report2", ITEM + "/subjects/0")),),
    operation="check",
    roles=(*CONTRACT, "report2"),
    edit=_edits(
        _second_report,
        _set("catalogue", "/indicators/0/firstYearOnly", True),
        _set("bid", C0 + "/durationYears", 1),
    ),
)

# 2.0 quality: the incremental cost and mean-change valuation.
case(
    "quality-incremental-cost-missing-2-0",
    ("quality.incremental-cost-missing",),
    "A 2.0 bid without an incremental cost: its valuation reports value per contract "
    "euro, not an SROI ratio (info).",
    ((("quality.incremental-cost-missing", INFO, "bid", "")),),
    operation="check",
    version="2.0",
    roles=BID_SET,
    edit=_set("bid", "/incrementalCost", _DELETE),
)
case(
    "quality-materiality-missing-2-0",
    ("quality.materiality-missing",),
    "A 2.0 tender without stakeholderInvolvement: no record of how residents and "
    "stakeholders chose its outcomes.",
    ((("quality.materiality-missing", W, "tender", "")),),
    operation="check",
    version="2.0",
    roles=("catalogue", "tender"),
    edit=_set("tender", "/stakeholderInvolvement", _DELETE),
)
case(
    "quality-indicator-not-material-2-0",
    ("quality.indicator-not-material",),
    "Residents named only the theme work-participation; the tender's second indicator "
    "ind-care (theme health-wellbeing) still counts in the award.",
    ((("quality.indicator-not-material", W, "tender", "/indicators/1")),),
    operation="check",
    version="2.0",
    roles=("catalogue", "tender"),
    edit=_set(
        "tender",
        "/stakeholderInvolvement/materialOutcomes",
        [{"theme": "work-participation", "rank": 1}],
    ),
)
case(
    "quality-material-outcome-unasked-2-0",
    ("quality.material-outcome-unasked",),
    "Residents also named social-cohesion (rank 3); the tender asks for no indicator of "
    "that theme and gives no reasonNotAsked.",
    (
        (
            "quality.material-outcome-unasked",
            W,
            "tender",
            "/stakeholderInvolvement/materialOutcomes/2",
        ),
    ),
    operation="check",
    version="2.0",
    roles=("catalogue", "tender"),
    edit=_set(
        "tender",
        "/stakeholderInvolvement/materialOutcomes",
        [
            {"theme": "work-participation", "rank": 1},
            {"theme": "health-wellbeing", "rank": 2},
            {"theme": "social-cohesion", "rank": 3},
        ],
    ),
)
case(
    "ref-catalogue-edition-older-2-0",
    ("ref.catalogue-edition-older",),
    "A 2.0 bid whose catalogue is an edition made for standard 1.0: valid, valued with the "
    "2.0 method, with a warning.",
    ((("ref.catalogue-edition-older", W, "bid", "/catalogue")),),
    version="2.0",
    edit=_set("catalogue", "/standardVersion", "1.0"),
)
case(
    "quality-special-category-small-cell-2-0",
    ("quality.special-category-small-cell",),
    "Indicator ind-work holds health data (dataCategory special-health); the report's "
    "aggregate of 2 persons is below the default minimum cell size of 10.",
    ((("quality.special-category-small-cell", W, "report", "/items/0/quantity")),),
    operation="check",
    version="2.0",
    roles=CONTRACT,
    edit=_set("catalogue", "/indicators/0/dataCategory", "special-health"),
)
case(
    "quality-special-category-records-2-0",
    ("quality.special-category-records",),
    "The same health-data indicator, and the item lists its two people by pseudonym: "
    "special-category evidence reaches the buyer only as an aggregate.",
    (
        ("quality.special-category-records", E, "report", "/items/0/subjects"),
        ("quality.special-category-small-cell", W, "report", "/items/0/quantity"),
    ),
    operation="check",
    version="2.0",
    roles=CONTRACT,
    edit=_edits(
        _set("catalogue", "/indicators/0/dataCategory", "special-health"),
        _set("report", "/items/0/subjects", ["ps-0001", "ps-0002"]),
    ),
)
case(
    "quality-incremental-cost-zero-2-0",
    ("quality.incremental-cost-zero",),
    "A 2.0 bid declaring an incremental cost of 0.00.",
    ((("quality.incremental-cost-zero", W, "bid", "/incrementalCost")),),
    operation="check",
    version="2.0",
    roles=BID_SET,
    edit=_set("bid", "/incrementalCost/amount", "0.00"),
)
case(
    "quality-incremental-cost-implausible-2-0",
    ("quality.incremental-cost-implausible",),
    "A 2.0 bid declaring an incremental cost of EUR 2,000,000 on a contract of "
    "EUR 1,000,000: above 100 % of the contract value.",
    ((("quality.incremental-cost-implausible", W, "bid", "/incrementalCost")),),
    operation="check",
    version="2.0",
    roles=BID_SET,
    edit=_set("bid", "/incrementalCost/amount", "2000000.00"),
)


# Credibility of a 2.0 bid (operation check): the data of issue 8 on each commitment.
def _second_commitment(**changes: Any) -> Callable[[Docs], None]:
    """Append c-02, a copy of c-01 to ind-care in hours, with ``changes`` applied."""

    def edit(docs: Docs) -> None:
        first = json.loads(json.dumps(docs["bid"]["commitments"][0]))
        second = {**first, "id": "c-02", **changes}
        docs["bid"]["commitments"].append(second)

    return edit


V2_BID = {"operation": "check", "version": "2.0", "roles": BID_SET}

case(
    "credibility-data-missing-2-0",
    ("credibility.data-missing",),
    "A 2.0 commitment without a cohort: who is served cannot be judged.",
    ((("credibility.data-missing", W, "bid", C0)),),
    edit=_set("bid", C0 + "/cohort", _DELETE),
    **V2_BID,
)
case(
    "credibility-creaming-2-0",
    ("credibility.creaming",),
    "A 2.0 commitment whose participants the supplier screens itself.",
    ((("credibility.creaming", W, "bid", C0 + "/cohort")),),
    edit=_set("bid", C0 + "/cohort/selection", "supplier-screened"),
    **V2_BID,
)
case(
    "credibility-not-additional-2-0",
    ("credibility.not-additional",),
    "A 2.0 commitment counting beneficiaries the supplier already served.",
    ((("credibility.not-additional", W, "bid", C0 + "/additionality")),),
    edit=_set("bid", C0 + "/additionality", "already-served"),
    **V2_BID,
)
case(
    "credibility-schedule-mismatch-2-0",
    ("credibility.schedule-mismatch",),
    "A delivery schedule of 2 + 2 + 1 = 5 persons for a commitment of 6.",
    ((("credibility.schedule-mismatch", W, "bid", C0 + "/deliverySchedule")),),
    edit=_set("bid", C0 + "/deliverySchedule/2/quantity/value", "1"),
    **V2_BID,
)
case(
    "credibility-back-loaded-2-0",
    ("credibility.back-loaded",),
    "All 6 persons scheduled from 2028-07-01, in the last quarter of the contract period "
    "2026-04-01 to 2029-03-31 (which starts 3/4 of 1095 days = 821 days in, on "
    "2028-06-30): more than half back-loaded.",
    ((("credibility.back-loaded", W, "bid", C0 + "/deliverySchedule")),),
    edit=_set(
        "bid",
        C0 + "/deliverySchedule",
        [
            {
                "period": {"start": "2028-07-01", "end": "2029-03-31"},
                "quantity": {"value": "6", "unit": "person"},
            }
        ],
    ),
    **V2_BID,
)
case(
    "credibility-evidence-below-level-2-0",
    ("credibility.evidence-below-level",),
    "An evidence plan of records issued by the supplier itself, which reach the "
    "self-declared level only, where ind-work needs documentary verification.",
    ((("credibility.evidence-below-level", W, "bid", C0 + "/evidencePlan")),),
    edit=_set("bid", C0 + "/evidencePlan/0/issuer", "supplier"),
    **V2_BID,
)
case(
    "credibility-partner-not-independent-2-0",
    ("credibility.partner-not-independent",),
    "A commitment delivered through a partner that is the buyer itself.",
    ((("credibility.partner-not-independent", W, "bid", C0)),),
    edit=_set(
        "bid",
        C0 + "/deliveryRoute",
        {
            "mode": "direct",
            "partner": {
                "identifier": {"scheme": "NL-KVK", "id": "34366966"},
                "name": "Illustrative buyer",
            },
        },
    ),
    **V2_BID,
)
case(
    "credibility-buy-off-fund-2-0",
    ("credibility.buy-off",),
    "A commitment delivered by a payment into a fund, while its fulfilment is not "
    "declared a payment in lieu: buy-off, whatever the route is called.",
    ((("credibility.buy-off", W, "bid", C0 + "/deliveryRoute")),),
    edit=_set(
        "bid",
        C0 + "/deliveryRoute",
        {"mode": "direct", "paymentToFund": {"amount": "25000.00", "currency": "EUR"}},
    ),
    **V2_BID,
)
case(
    "credibility-whole-change-claimed-2-0",
    ("credibility.whole-change-claimed",),
    "A commitment to an area-level indicator claiming all (1) of the measured change.",
    ((("credibility.whole-change-claimed", W, "bid", C0 + "/contributionShare")),),
    edit=_edits(
        _set("catalogue", "/indicators/0/level", "area"),
        _set("bid", C0 + "/contributionShare", "1"),
        _set("bid", C0 + "/cohort", _DELETE),
        _set("bid", C0 + "/additionality", _DELETE),
    ),
    **V2_BID,
)
case(
    "credibility-cohort-recounted-2-0",
    ("credibility.cohort-recounted",),
    "Two commitments to ind-work for the same target group: the same people counted "
    "twice under one indicator.",
    ((("credibility.cohort-recounted", W, "bid", "/commitments/1")),),
    edit=_second_commitment(),
    **V2_BID,
)
case(
    "credibility-same-people-2-0",
    ("credibility.same-people",),
    "Two commitments for the same target group under two indicators the catalogue does "
    "not declare co-countable.",
    ((("credibility.same-people", W, "bid", "/commitments/1")),),
    edit=_edits(
        _set("catalogue", "/indicators/1/unit", "person"),
        _set("catalogue", "/proxyValues/1/perUnit", "person"),
        _set("catalogue", "/indicators/1/adjustments/maxDurationYears", 3),
        _second_commitment(indicator="ind-care"),
    ),
    **V2_BID,
)
case(
    "credibility-above-plausibility-bound-2-0",
    ("credibility.above-plausibility-bound",),
    "Commitments of 6 persons against a tender whose award rules bound persons at 5.",
    ((("credibility.above-plausibility-bound", W, "bid", C0)),),
    edit=_set("tender", "/award/plausibility", {"bounds": [{"unit": "person", "bound": "5"}]}),
    **V2_BID,
)
case(
    "credibility-uniform-target-multiple-2-0",
    ("credibility.uniform-target-multiple",),
    "Both commitments are exactly 3 times their tender targets: quantities set by the "
    "scoring rule, not by a delivery plan.",
    ((("credibility.uniform-target-multiple", W, "bid", "/commitments")),),
    edit=_edits(
        _set("tender", "/indicators/0/target", {"value": "2", "unit": "person"}),
        _set("tender", "/indicators/1/target", {"value": "100", "unit": "hour"}),
        _second_commitment(
            indicator="ind-care",
            durationYears=1,
            quantity={"value": "300", "unit": "hour"},
            deliverySchedule=[
                {
                    "period": {"start": "2026-04-01", "end": "2027-03-31"},
                    "quantity": {"value": "300", "unit": "hour"},
                }
            ],
            cohort={"targetGroup": v1.text("Informal carers"), "selection": "open-referral"},
        ),
    ),
    **V2_BID,
)


# Mean-change valuation of a 2.0 report (operation check).
def _mean_change(scale: dict[str, Any] | None) -> Callable[[Docs], None]:
    """ind-work valued as mean change; the report's item carries ``scale`` (or none)."""

    def edit(docs: Docs) -> None:
        docs["catalogue"]["indicators"][0]["valuationMethod"] = "mean-change"
        if scale is not None:
            docs["report"]["items"][0]["scaleResult"] = scale

    return edit


V2_CONTRACT = {"operation": "check", "version": "2.0", "roles": CONTRACT}
case(
    "quality-scale-result-missing-2-0",
    ("quality.scale-result-missing",),
    "A mean-change indicator whose evidence item has no scaleResult: valued at 0.",
    ((("quality.scale-result-missing", W, "report", ITEM)),),
    edit=_mean_change(None),
    **V2_CONTRACT,
)
case(
    "quality-follow-up-exceeds-baseline-2-0",
    ("quality.follow-up-exceeds-baseline",),
    "A scale result with 12 people followed up of a baseline of 10.",
    ((("quality.follow-up-exceeds-baseline", E, "report", ITEM + "/scaleResult")),),
    edit=_mean_change(
        {"baselineN": 10, "followUpN": 12, "baselineMean": "6.0", "followUpMean": "6.5"}
    ),
    **V2_CONTRACT,
)
case(
    "quality-mean-change-not-positive-2-0",
    ("quality.mean-change-not-positive",),
    "A scale result whose mean change net of the comparison group is 6.5 - 6.0 - 0.7 = "
    "-0.2: valued at 0.",
    ((("quality.mean-change-not-positive", W, "report", ITEM + "/scaleResult")),),
    edit=_mean_change(
        {
            "baselineN": 10,
            "followUpN": 8,
            "baselineMean": "6.0",
            "followUpMean": "6.5",
            "comparisonChange": "0.7",
        }
    ),
    **V2_CONTRACT,
)


# The bids of one tender compared with each other (operation check, several bids).
def _copied_bid(docs: Docs) -> None:
    copied = json.loads(json.dumps(docs["bid"]))
    copied["id"] = "bid-2"
    copied["supplier"] = {
        "identifier": {"scheme": "NL-KVK", "id": "87654321"},
        "name": "Other Illustrative B.V.",
    }
    copied["submitted"] = "2026-02-21"
    docs["bid2"] = copied


case(
    "credibility-copied-commitments-2-0",
    ("credibility.copied-commitments",),
    "Bid bid-2, submitted a day after bid-1, holds a commitment identical to bid-1's "
    "c-01: the finding is on the later bid.",
    ((("credibility.copied-commitments", W, "bid2", C0)),),
    operation="check",
    version="2.0",
    roles=(*BID_SET, "bid2"),
    edit=_copied_bid,
)


# Verification of evidence (operations history and compare-versions).
HISTORY = ITEM + "/history"
REPORT_ONLY = ("report",)


def _entry(status: str, at: str, by: str, reason: str | None = None) -> dict[str, str]:
    entry = {"status": status, "at": at, "by": by}
    if reason is not None:
        entry["reason"] = reason
    return entry


def _history(*entries: dict[str, str], status: str) -> Callable[[Docs], None]:
    def edit(docs: Docs) -> None:
        docs["report"]["items"][0]["history"] = list(entries)
        docs["report"]["items"][0]["status"] = status

    return edit


SUBMIT = _entry("submitted", "2026-10-01T09:00:00Z", "supplier")
case(
    "verification-illegal-transition",
    ("verification.illegal-transition",),
    "The supplier marks its own item verified: only the buyer verifies.",
    ((("verification.illegal-transition", E, "report", HISTORY + "/1")),),
    operation="history",
    roles=REPORT_ONLY,
    edit=_history(
        SUBMIT, _entry("verified", "2026-10-15T09:00:00Z", "supplier"), status="verified"
    ),
)
case(
    "verification-reason-missing",
    ("verification.reason-missing",),
    "The buyer rejects an item without a reason.",
    ((("verification.reason-missing", E, "report", HISTORY + "/1")),),
    operation="history",
    roles=REPORT_ONLY,
    edit=_history(SUBMIT, _entry("rejected", "2026-10-15T09:00:00Z", "buyer"), status="rejected"),
)
case(
    "verification-history-out-of-order",
    ("verification.history-out-of-order",),
    "A verification dated before the submission it decides.",
    ((("verification.history-out-of-order", E, "report", HISTORY + "/1")),),
    operation="history",
    roles=REPORT_ONLY,
    edit=_history(SUBMIT, _entry("verified", "2026-09-15T09:00:00Z", "buyer"), status="verified"),
)
case(
    "verification-status-unrecorded",
    ("verification.status-unrecorded",),
    "An item whose status says verified while its history ends at submitted.",
    ((("verification.status-unrecorded", E, "report", ITEM + "/status")),),
    operation="history",
    roles=REPORT_ONLY,
    edit=_history(SUBMIT, status="verified"),
)
case(
    "verification-bad-resubmission-2-0",
    ("verification.bad-resubmission",),
    "Item e-02 says it resubmits e-01, but e-01 is verified, not rejected or withdrawn.",
    ((("verification.bad-resubmission", E, "report", "/items/1/history/0/reason")),),
    operation="history",
    version="2.0",
    roles=REPORT_ONLY,
    edit=_with(
        "report",
        "/items",
        lambda items: items.append(
            {
                **items[0],
                "id": "e-02",
                "status": "submitted",
                "history": [
                    _entry("submitted", "2026-10-20T09:00:00Z", "supplier", "resubmission of e-01")
                ],
            }
        ),
    ),
)


def _new_version(change: Callable[[dict[str, Any]], None]) -> Callable[[Docs], None]:
    """report-new.json: the next version of report.json, with ``change`` applied."""

    def edit(docs: Docs) -> None:
        newer = json.loads(json.dumps(docs["report"]))
        change(newer)
        docs["report-new"] = newer

    return edit


def _item_change(**fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda report: report["items"][0].update(fields)


VERSIONS = {"operation": "compare-versions", "roles": ("report", "report-new")}
case(
    "verification-report-mismatch",
    ("verification.report-mismatch",),
    "Two reports with different ids compared as versions of one report.",
    ((("verification.report-mismatch", E, "report-new", "")),),
    edit=_new_version(lambda r: r.update(id="report-9")),
    **VERSIONS,
)
case(
    "verification-item-dropped",
    ("verification.item-dropped",),
    "A later version of the report in which item e-01 is missing.",
    ((("verification.item-dropped", E, "report-new", "/items")),),
    edit=_new_version(
        lambda r: r.update(
            items=[{**r["items"][0], "id": "e-02", "status": "submitted", "history": [SUBMIT]}]
        )
    ),
    **VERSIONS,
)
case(
    "verification-verified-item-changed",
    ("verification.verified-item-changed",),
    "A verified item whose quantity is raised from 2 to 3 in a later version.",
    ((("verification.verified-item-changed", E, "report-new", ITEM + "/quantity")),),
    edit=_new_version(_item_change(quantity={"value": "3", "unit": "person"})),
    **VERSIONS,
)
case(
    "verification-item-changed",
    ("verification.item-changed",),
    "A submitted (not yet decided) item whose quantity changes in a later version: a "
    "correction is a withdrawal and a new item.",
    ((("verification.item-changed", E, "report-new", ITEM + "/quantity")),),
    edit=_edits(
        _history(SUBMIT, status="submitted"),
        _new_version(_item_change(quantity={"value": "3", "unit": "person"})),
    ),
    **VERSIONS,
)
case(
    "verification-history-rewritten",
    ("verification.history-rewritten",),
    "A later version whose history of e-01 no longer starts with the two earlier entries "
    "(the verification's date is changed).",
    ((("verification.history-rewritten", E, "report-new", HISTORY)),),
    edit=_new_version(lambda r: r["items"][0]["history"][1].update(at="2026-10-16T09:00:00Z")),
    **VERSIONS,
)


# Scoring a 1.0 tender's bids (operation score) and awarding a 2.0 tender's (award).
SCORE = {"operation": "score", "roles": BID_SET}
QUALIFIED = _set(
    "tender", "/scoring", {"method": "relative", "socialValueWeight": "0.2", "priceWeight": "0.8"}
)
case(
    "scoring-tender-incomplete",
    ("scoring.tender-incomplete",),
    "A tender scoring by the mixed method without the qualitativeShare that method needs.",
    ((("scoring.tender-incomplete", E, "tender", "/scoring/method")),),
    **SCORE,
)
case(
    "scoring-currency-mismatch",
    ("scoring.currency-mismatch",),
    "A bid priced in GBP where the award is in EUR.",
    ((("scoring.currency-mismatch", E, "bid", "/bidPrice")),),
    edit=_edits(QUALIFIED, _set("bid", "/bidPrice", {"amount": "900000.00", "currency": "GBP"})),
    **SCORE,
)
case(
    "scoring-duplicate-bid",
    ("scoring.duplicate-bid",),
    "The same bid id given twice (bid.json and bid2.json).",
    ((("scoring.duplicate-bid", E, "bid2", "")),),
    operation="score",
    roles=(*BID_SET, "bid2"),
    edit=_edits(QUALIFIED, lambda d: d.update(bid2=json.loads(json.dumps(d["bid"])))),
)
case(
    "scoring-document-mismatch",
    ("quality.document-mismatch",),
    "A bid to tender-2 scored under tender-1: the documents do not belong together.",
    ((("quality.document-mismatch", E, "bid", "/tender")),),
    edit=_edits(QUALIFIED, _set("bid", "/tender", {"id": "tender-2"})),
    **SCORE,
)
case(
    "scoring-minimum-not-met",
    ("scoring.minimum-not-met",),
    "A bid whose eligible outcome value lies below the tender's minimum social value of "
    "EUR 10,000,000.",
    ((("scoring.minimum-not-met", W, "bid", "")),),
    edit=_edits(
        QUALIFIED,
        _set("tender", "/minimumSocialValue", {"amount": "10000000.00", "currency": "EUR"}),
    ),
    **SCORE,
)

AWARD = {"operation": "award", "version": "2.0", "roles": BID_SET}
TARGETS = _edits(
    _set("tender", "/indicators/0/target", {"value": "6", "unit": "person"}),
    _set("tender", "/indicators/1/target", {"value": "100", "unit": "hour"}),
)
case(
    "award-indicator-without-target-2-0",
    ("award.indicator-without-target",),
    "A 2.0 tender awarding by outcome attainment (the default) whose indicator ind-care "
    "has no target: it cannot score.",
    ((("award.indicator-without-target", W, "tender", "/indicators/1")),),
    edit=_set("tender", "/indicators/0/target", {"value": "6", "unit": "person"}),
    **AWARD,
)
case(
    "award-bid-refused-2-0",
    ("award.bid-refused",),
    "A 2.0 bid to another tender is refused from the award, with the reason.",
    ((("award.bid-refused", E, "bid", "/tender")),),
    edit=_edits(TARGETS, _set("bid", "/tender", {"id": "tender-2"})),
    **AWARD,
)


# Monitoring a contract over its reports (operation monitor).
MONITOR = {"operation": "monitor", "roles": (*CONTRACT, "report2")}


def _report_copy(**changes: Any) -> Callable[[Docs], None]:
    def edit(docs: Docs) -> None:
        docs["report2"] = {**json.loads(json.dumps(docs["report"])), **changes}

    return edit


case(
    "monitoring-duplicate-report",
    ("monitoring.duplicate-report",),
    "Two files holding report report-1: which one counts cannot depend on their order.",
    ((("monitoring.duplicate-report", E, "report2", "/id")),),
    edit=_report_copy(),
    **MONITOR,
)
case(
    "monitoring-item-versions-differ",
    ("monitoring.item-versions-differ",),
    "Item e-01 is in report-1 (2 persons, verified 2026-10-15) and in report-2 (3 persons, "
    "verified 2026-11-15): the later version is used, and the difference is reported "
    "where it is used.",
    ((("monitoring.item-versions-differ", W, "report2", ITEM)),),
    edit=_report_copy(
        id="report-2",
        items=[
            {
                **v1.item("e-01", "c-01", "ind-work", "3", "person", "verified"),
                "history": [SUBMIT, _entry("verified", "2026-11-15T09:00:00Z", "buyer")],
            }
        ],
    ),
    **MONITOR,
)


# Buy-off and counting in a valuation (operation check).
def _bought_off(docs: Docs) -> None:
    docs["bid"]["commitments"][0] = v1.commitment(
        "c-01", "ind-work", "6", "person", years=3, fulfilment="payment-in-lieu"
    )


case(
    "quality-payment-in-lieu-valued",
    ("quality.payment-in-lieu-valued",),
    "Evidence of delivered persons reported against commitment c-01, which the bid buys "
    "off: a bought-off commitment is never delivered value.",
    (
        (("quality.payment-in-lieu", W, "bid", C0 + "/fulfilment")),
        ("quality.payment-in-lieu-valued", E, "report", ITEM + "/commitment"),
    ),
    operation="check",
    roles=CONTRACT,
    edit=_bought_off,
)


def _report_valuation(status: str) -> Callable[[Docs], None]:
    """valuation.json: a 1.0 valuation of report-1 whose one line has ``status``, counted.

    Its figures are the method's for 2 persons x 20000, adjustments 0.2/0.1/0/0.3, 3
    years at 2.25 % end of year (worked out by the sibling tool's line_value).
    """

    def edit(docs: Docs) -> None:
        convention = docs["catalogue"]["conventions"]
        adjustments = tuple(v1.Fraction(x) for x in ("0.2", "0.1", "0", "0.3"))
        line = v1.line_value(v1.Fraction(2), v1.Fraction(20000), adjustments, 3, convention)
        pv = v1.money(line["pv"])
        docs["valuation"] = {
            "standardVersion": "1.0",
            "documentType": "valuation",
            "id": "valuation-report-1",
            "subject": {"id": "report-1"},
            "subjectType": "evidenceReport",
            "catalogue": v1.CATALOGUE_REF,
            "engine": {"name": "hand-written for a conformance vector", "version": "1"},
            "inputSha256": "0" * 64,
            "conventions": convention,
            "currency": "EUR",
            "totals": {"outcomeValue": pv, "obligationCredit": "0.00", "notCountedValue": "0.00"},
            "lines": [
                {
                    "lineId": "e-01",
                    "indicator": "ind-work",
                    "outcome": "out-work",
                    "theme": "work-participation",
                    "status": status,
                    "counted": True,
                    "quantity": {"value": "2", "unit": "person"},
                    "deadweight": "0.2",
                    "attribution": "0.1",
                    "displacement": "0",
                    "dropOff": "0.3",
                    "durationYears": 3,
                    "values": [
                        {
                            "proxyValue": "pv-work",
                            "valuationBasis": "fiscal",
                            "proxyPerUnit": "20000",
                            "rebasedPerUnit": "20000.000000",
                            "gross": v1.money(v1.cents(line["gross"])),
                            "afterDeadweight": v1.money(
                                v1.cents(line["gross"] * (1 - adjustments[0]))
                            ),
                            "afterAttribution": v1.money(
                                v1.cents(
                                    line["gross"] * (1 - adjustments[0]) * (1 - adjustments[1])
                                )
                            ),
                            "netAnnual": v1.money(v1.cents(line["net"])),
                            "yearValues": [v1.money(c) for c in line["years"]],
                            "presentValue": pv,
                            "flags": [],
                        }
                    ],
                    "flags": [],
                }
            ],
        }

    return edit


case(
    "quality-unverified-counted",
    ("quality.unverified-counted",),
    "A valuation of report-1 that counts line e-01 as realised value while its status is "
    "submitted: only verified evidence counts.",
    ((("quality.unverified-counted", E, "valuation", "/lines/0/counted")),),
    operation="check",
    roles=("catalogue", "tender", "bid", "valuation"),
    edit=_report_valuation("submitted"),
)


# The buyer's ledger across contracts (operation ledger): bids and reports of two tenders.
def _other_contract(role: str, **changes: Any) -> Callable[[Docs], None]:
    """``<role>2``: the same supplier's ``role`` document for another contract, tender-2."""

    def edit(docs: Docs) -> None:
        other = json.loads(json.dumps(docs[role]))
        other.update(tender={"id": "tender-2"}, **changes)
        docs[f"{role}2"] = other

    return edit


case(
    "credibility-promised-elsewhere-2-0",
    ("credibility.promised-elsewhere",),
    "The supplier promises the same persons (ind-work, the same target group, an "
    "overlapping period) to tender-1 and to tender-2: one result is sold once. Each bid "
    "is found promising what the other promised.",
    (
        (("credibility.promised-elsewhere", W, "bid", C0)),
        ("credibility.promised-elsewhere", W, "bid2", C0),
    ),
    operation="ledger",
    version="2.0",
    roles=("catalogue", "bid", "bid2"),
    edit=_other_contract("bid", id="bid-9"),
)
case(
    "credibility-claimed-twice",
    ("credibility.claimed-twice",),
    "Subject ps-0001 is claimed for ind-work under tender-1 (report-1) and under tender-2 "
    "(report-9) in the same half year; the finding is on the item of the report read "
    "second.",
    ((("credibility.claimed-twice", W, "report2", ITEM)),),
    operation="ledger",
    roles=("catalogue", "report", "report2"),
    edit=_edits(
        _set("report", ITEM + "/subjects", ["ps-0001"]),
        _other_contract("report", id="report-9", bid={"id": "bid-9"}),
    ),
)


# The evaluators' sheet of a 1.0 award (operation score, docs/scoring.md): a CSV file whose
# findings point at /<row>/<column>, row 1 being the header.
SHEET = "evaluation.csv"


def sheet_case(  # noqa: PLR0917 - a table of sheets reads best positionally
    ident: str,
    rule: str,
    description: str,
    sheet: str,
    pointer: str,
    edit: Callable[[Docs], None] | None = None,
) -> None:
    case(
        ident,
        (rule,),
        description,
        (((rule, E, SHEET, pointer)),),
        operation="score",
        roles=(*BID_SET, SHEET),
        texts={SHEET: sheet},
        edit=_edits(QUALIFIED, *((edit,) if edit else ())),
    )


sheet_case(
    "scoring-evaluation-column",
    "scoring.evaluation-column",
    "An evaluation sheet without a bid_id column.",
    "price,note\n900000,first bid\n",
    "/1",
)
sheet_case(
    "scoring-evaluation-not-a-number",
    "scoring.evaluation-not-a-number",
    "A price written with thousands separators (900.000,00) in a comma-separated sheet.",
    'bid_id,price\nbid-1,"900.000,00"\n',
    "/2/price",
)
sheet_case(
    "scoring-evaluation-duplicate-bid",
    "scoring.evaluation-duplicate-bid",
    "Bid bid-1 evaluated in row 2 and again in row 3.",
    "bid_id,price\nbid-1,900000\nbid-1,800000\n",
    "/3/bid_id",
)
sheet_case(
    "scoring-evaluation-unknown-bid",
    "scoring.evaluation-unknown-bid",
    "A row for bid-7, which is not one of the bids scored.",
    "bid_id,price\nbid-1,900000\nbid-7,800000\n",
    "/3/bid_id",
)
sheet_case(
    "scoring-evaluation-out-of-range",
    "scoring.evaluation-out-of-range",
    "A price of 0: a price is greater than 0.",
    "bid_id,price\nbid-1,0\n",
    "/2/price",
)
sheet_case(
    "scoring-evaluation-missing",
    "scoring.evaluation-missing",
    "A row for bid-1 without a price, for a bid that states no bidPrice, where the "
    "price weight is 0.8.",
    "bid_id,note\nbid-1,no price yet\n",
    "/2/price",
    edit=_set("bid", "/bidPrice", _DELETE),
)


ONLY_1_0 = {
    # 2.0 has no such field or rules: the 1.0 tender's scoring (2.0 publishes award rules)
    "schema-unknown-field-1-0-has-2-0-field",
    "tender-weights-1-0",
    # in 2.0 the commitment these cases add or change would also lack its credibility data
    # or its delivery schedule would no longer add up: the rule's 2.0 case is written apart
    "quality-output-only",
    "quality-overlapping-commitments",
    "quality-quantity-above-target",
    "quality-quantity-per-contract-value",
}
"""1.0 cases that do not hold as written for 2.0. Every other 1.0 case, except those of
the 1.0 scoring (operation score) and those given as raw text, holds unchanged for 2.0
documents and is also written as a 2.0 vector (id suffix -2-0) with the same findings."""


def all_cases() -> list[Case]:
    """The cases, each 1.0 case that holds for 2.0 followed by its 2.0 twin."""
    cases: list[Case] = []
    for one in CASES:
        cases.append(one)
        if (
            one.version == "1.0"
            and one.ident not in ONLY_1_0
            and one.operation != "score"
            and not one.texts
        ):
            twin = replace(
                one,
                ident=f"{one.ident}-2-0",
                version="2.0",
                description=f"Standard 2.0, as in 1.0: {one.description}",
            )
            cases.append(twin)
    idents = [one.ident for one in cases]
    duplicated = {i for i in idents if idents.count(i) > 1}
    if duplicated:
        raise SystemExit(f"duplicate vector ids: {sorted(duplicated)}")
    return cases


def targets() -> dict[Path, str]:
    return {OUT / f"{c.ident}.json": vector_files.rendered(c.vector()) for c in all_cases()}


def main(argv: list[str] | None = None) -> int:
    return vector_files.main(targets, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
