"""The document API ``value_document``: every figure checked against an independent spec.

For each line value the test builds the line's inputs itself, from the catalogue and the
commitment (or evidence item) and the rules in the module docstring of
``sroi_core/valuation/document.py``, and compares the engine's figures with the reference
oracle ``value_line`` on that spec. It never reads the engine's intermediate results.
Totals, sensitivity, record-order invariance, schema validity and round trips are checked
on the examples and on small hypothesis-generated bids and reports.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sroi_core._decimal import exact_context
from sroi_core.documents import dump_document, load_document, parse_document, validate_text
from sroi_core.errors import MixedValuationBasisError, ValuationError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import DocumentType, ValuationFamily
from sroi_core.model.commitment import Commitment
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender
from sroi_core.model.types import ObligationCredit, OutcomeValue, Quantity
from sroi_core.model.valuation import Valuation
from sroi_core.rules import Severity
from sroi_core.validation.schema_layer import schema_findings
from sroi_core.valuation import (
    DiscountSchedule,
    LineSpec,
    ScenarioLine,
    break_evens,
    constant,
    proxy_scenarios,
    sroi_ratio,
    value_line,
)
from sroi_core.valuation.document import value_document

D = Decimal
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CENT = D("0.01")


def _example(name: str) -> Any:
    return load_document(EXAMPLES / name)


CATALOGUE: Catalogue = _example("catalogue.illustrative.json")
BID: Bid = _example("bid.json")
TENDER: Tender = _example("tender.json")
REPORT: EvidenceReport = _example("evidence-report.json")

EXAMPLE_CASES: dict[str, tuple[Bid | EvidenceReport, Tender | None, Bid | None]] = {
    "bid": (BID, None, None),
    "bid+tender": (BID, TENDER, None),
    "report": (REPORT, None, None),
    "report+bid": (REPORT, None, BID),
    "report+bid+tender": (REPORT, TENDER, BID),
}


# ------------------------------------------------------------ the independent spec

# Units as (dimension, size in the dimension's base unit). Hours and FTE-years are
# separate dimensions, converted only through the catalogue's FTE norm.
_UNITS: dict[str, tuple[str, int]] = {
    "person": ("person", 1),
    "participant": ("person", 1),
    "tonne-co2e": ("co2e", 1000),
    "kg-co2e": ("co2e", 1),
    "tonne": ("mass", 1000),
}


def _units_factor(source: str, target: str, norm: Decimal | None) -> Fraction:
    """How many ``target`` units one ``source`` unit is, exactly."""
    if source == target:
        return Fraction(1)
    if {source, target} == {"hour", "fte-year"}:
        assert norm is not None
        assert norm > 0
        return 1 / Fraction(norm) if source == "hour" else Fraction(norm)
    (dim_a, size_a), (dim_b, size_b) = _UNITS[source], _UNITS[target]
    assert dim_a == dim_b
    return Fraction(size_a, size_b)


def _decimal(value: Fraction) -> Decimal:
    """A terminating fraction as an exact Decimal (the test only builds such inputs)."""
    with localcontext(exact_context()) as context:
        result = D(value.numerator) / D(value.denominator)
        assert not context.flags[Inexact], f"{value} does not terminate"
    return result


@dataclass(frozen=True)
class Expected:
    """What one (line, proxy) value must be, derived from the inputs alone."""

    line_id: str
    proxy_id: str
    family: ValuationFamily
    counted: bool
    status: str
    adjustments: tuple[Decimal, Decimal, Decimal, Decimal]
    duration: int
    spec: LineSpec
    low: Decimal
    high: Decimal
    indicator: str
    theme: str
    outcome: str
    basis: str
    flags: frozenset[str]

    def credit(self) -> Decimal:
        """An obligation credit is nominal: quantity x rebased credit value, to the cent."""
        value = Fraction(self.spec.quantity) * Fraction(self.spec.proxy_value)
        if self.spec.price_index_from is not None and self.spec.price_index_to is not None:
            value = (
                value * Fraction(self.spec.price_index_to) / Fraction(self.spec.price_index_from)
            )
        return D(round(value * 100)) / 100


def _schedule(subject_conventions: Any) -> DiscountSchedule:
    if subject_conventions.discount_rate is not None:
        return constant(subject_conventions.discount_rate)
    return DiscountSchedule.of(
        (entry.from_period, entry.rate) for entry in subject_conventions.discount_schedule
    )


def expected_values(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    tender: Tender | None = None,
    bid: Bid | None = None,
) -> list[Expected]:
    """Every (line, proxy) value the document must have, in line-id then catalogue order."""
    conventions = (
        tender.conventions if tender is not None and tender.conventions else catalogue.conventions
    )
    schedule = _schedule(conventions)
    year = conventions.valuation_year
    norm = catalogue.fte_norm.hours_per_fte_year if catalogue.fte_norm else None
    index: dict[int, Decimal] = {}
    if catalogue.default_price_index is not None:
        series = next(s for s in catalogue.price_indices if s.id == catalogue.default_price_index)
        index = {point.year: point.value for point in series.values}
    indicators = {i.id: i for i in catalogue.indicators}
    records: list[tuple[str, str, Quantity, Commitment | None, str, bool]]
    if isinstance(subject, Bid):
        records = [
            (c.id, c.indicator, c.quantity, c, "committed", True) for c in subject.commitments
        ]
    else:
        commitments = {c.id: c for c in bid.commitments} if bid is not None else {}
        records = [
            (
                i.id,
                i.indicator,
                i.quantity,
                commitments.get(i.commitment),
                i.status.value,
                i.status.value == "verified",
            )
            for i in subject.items
        ]
    out = []
    for line_id, indicator_id, quantity, commitment, status, counted in sorted(
        records, key=lambda r: r[0]
    ):
        ind = indicators[indicator_id]
        if commitment is not None and commitment.fulfilment.value == "payment-in-lieu":
            continue
        defaults = ind.adjustments
        claim = commitment.adjustments if commitment is not None else None
        adjustments = []
        for name in ("deadweight", "attribution", "displacement", "drop_off"):
            claimed = getattr(claim, name) if claim is not None else None
            default = getattr(defaults, name)
            adjustments.append(claimed if claimed is not None and claimed > default else default)
        if ind.first_year_only or commitment is None:
            duration = 1
        else:
            duration = min(commitment.duration_years, defaults.max_duration_years)
        amount = _decimal(Fraction(quantity.value) * _units_factor(quantity.unit, ind.unit, norm))
        for proxy in (p for p in catalogue.proxy_values if p.indicator == ind.id):
            scale = _units_factor(ind.unit, proxy.per_unit, norm)

            def per_unit(value: Decimal | None, scale: Fraction = scale) -> Decimal | None:
                return None if value is None else _decimal(Fraction(value) * scale)

            central = per_unit(proxy.value.central)
            assert central is not None
            credit = proxy.valuation_basis.family is ValuationFamily.OBLIGATION_CREDIT
            index_pair = None
            if year is not None and index and proxy.price_year not in (None, year) and not credit:
                index_pair = (index[proxy.price_year], index[year])
            value_flags = set()
            # Method 12.7: credits are nominal, never rebased, so never flagged for it.
            if year is not None and index and proxy.price_year is None and not credit:
                value_flags.add("not-rebased-no-price-year")
            if proxy.valuation_basis.family is ValuationFamily.OBLIGATION_CREDIT:
                value_flags.add("obligation-credit-nominal")
            if proxy.transfer is not None:
                value_flags.add("currency-transfer")
            spec = LineSpec(
                quantity=amount,
                proxy_value=central,
                deadweight=adjustments[0],
                attribution=adjustments[1],
                displacement=adjustments[2],
                drop_off=adjustments[3],
                duration_years=duration,
                discount=schedule,
                timing=conventions.discount_timing,
                price_index_from=index_pair[0] if index_pair else None,
                price_index_to=index_pair[1] if index_pair else None,
            )
            out.append(
                Expected(
                    line_id=line_id,
                    proxy_id=proxy.id,
                    family=proxy.valuation_basis.family,
                    counted=counted,
                    status=status,
                    adjustments=(adjustments[0], adjustments[1], adjustments[2], adjustments[3]),
                    duration=duration,
                    spec=spec,
                    low=central
                    if proxy.value.low is None
                    else _decimal(Fraction(proxy.value.low) * scale),
                    high=central
                    if proxy.value.high is None
                    else _decimal(Fraction(proxy.value.high) * scale),
                    indicator=ind.id,
                    theme=ind.theme,
                    outcome=ind.outcome,
                    basis=proxy.valuation_basis.value,
                    flags=frozenset(value_flags),
                )
            )
    return out


LINE_FLAGS = frozenset(
    {
        "adjustment-claim-below-default-ignored",
        "duration-capped",
        "first-year-only",
        "duration-assumed-one-year",
        "not-monetised",
        "payment-in-lieu-not-valued",
        "not-counted",
    }
)
VALUE_FLAGS = frozenset(
    {"not-rebased-no-price-year", "obligation-credit-nominal", "currency-transfer"}
)


def expected_line_flags(
    subject: Bid | EvidenceReport, catalogue: Catalogue, bid: Bid | None = None
) -> dict[str, set[str]]:
    """The flags of method section 12 that each line must carry (and no other known one)."""
    indicators = {i.id: i for i in catalogue.indicators}
    records: list[tuple[str, str, Commitment | None, bool]]
    if isinstance(subject, Bid):
        records = [(c.id, c.indicator, c, True) for c in subject.commitments]
    else:
        commitments = {c.id: c for c in bid.commitments} if bid is not None else {}
        records = [
            (i.id, i.indicator, commitments.get(i.commitment), i.status.value == "verified")
            for i in subject.items
        ]
    flags: dict[str, set[str]] = {}
    for line_id, indicator_id, commitment, verified in records:
        ind = indicators[indicator_id]
        found = set()
        in_lieu = commitment is not None and commitment.fulfilment.value == "payment-in-lieu"
        claim = commitment.adjustments if commitment is not None else None
        defaults = ind.adjustments
        for name in ("deadweight", "attribution", "displacement", "drop_off"):
            claimed = getattr(claim, name) if claim is not None else None
            if claimed is not None and claimed < getattr(defaults, name):
                found.add("adjustment-claim-below-default-ignored")
        if ind.first_year_only:
            if commitment is not None and commitment.duration_years != 1:
                found.add("first-year-only")
        elif commitment is None:
            found.add("duration-assumed-one-year")
        elif commitment.duration_years > defaults.max_duration_years:
            found.add("duration-capped")
        if ind.monetisation == "not-monetised":
            found.add("not-monetised")
        if in_lieu:
            found.add("payment-in-lieu-not-valued")
        if in_lieu or not verified:
            found.add("not-counted")
        flags[line_id] = found
    return flags


def _investment(subject: Any, tender: Tender | None, bid: Bid | None) -> Decimal | None:
    source = subject if isinstance(subject, Bid) else bid
    if source is not None and source.investment is not None:
        return source.investment.amount
    if tender is not None:
        return tender.contract_value.amount
    if source is not None and source.bid_price is not None:
        return source.bid_price.amount
    return None


def check_valuation(
    valuation: Valuation,
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    tender: Tender | None = None,
    bid: Bid | None = None,
) -> None:
    """Every line value equals the oracle on an independently built spec; totals follow."""
    expected = expected_values(subject, catalogue, tender, bid)
    actual = {
        (line.line_id, value.proxy_value): (line, value)
        for line in valuation.lines
        for value in line.values
    }
    assert sorted(actual) == sorted((e.line_id, e.proxy_id) for e in expected)
    ids = [line.line_id for line in valuation.lines]
    assert ids == sorted(ids)
    line_flags = expected_line_flags(subject, catalogue, bid)
    assert sorted(line_flags) == ids
    for line in valuation.lines:
        assert set(line.flags) & LINE_FLAGS == line_flags[line.line_id], line.line_id
    outcome = ValuationFamily.OUTCOME_VALUE
    sums: dict[tuple[str, ValuationFamily], Decimal] = {}
    groups: dict[tuple[str, str, ValuationFamily], Decimal] = {}
    counted_outcome: list[Expected] = []
    for e in expected:
        line, value = actual[(e.line_id, e.proxy_id)]
        assert (line.status, line.counted) == (e.status, e.counted)
        assert (
            line.deadweight,
            line.attribution,
            line.displacement,
            line.drop_off,
        ) == e.adjustments
        assert line.duration_years == e.duration
        assert value.valuation_basis.family is e.family
        assert set(value.flags) & VALUE_FLAGS == e.flags, (e.line_id, e.proxy_id)
        if e.family is outcome:
            result = value_line(e.spec)
            assert value.gross == result.gross
            assert value.after_deadweight == result.after_deadweight
            assert value.after_attribution == result.after_attribution
            assert value.net_annual == result.net_annual
            assert value.year_values == result.year_values
            assert value.present_value == result.present_value
        else:
            credit = e.credit()
            assert value.present_value == credit
            assert value.gross == value.net_annual == credit
        pv = value.present_value
        slot = ("counted" if e.counted else "not-counted", e.family)
        sums[slot] = sums.get(slot, D(0)) + pv
        if e.counted:
            for group, key in (
                ("indicator", e.indicator),
                ("theme", e.theme),
                ("outcome", e.outcome),
                ("basis", e.basis),
            ):
                groups[(group, key, e.family)] = groups.get((group, key, e.family), D(0)) + pv
            if e.family is outcome:
                counted_outcome.append(e)
    totals = valuation.totals
    credit_family = ValuationFamily.OBLIGATION_CREDIT
    assert totals.outcome_value == sums.get(("counted", outcome), D(0))
    assert totals.obligation_credit == sums.get(("counted", credit_family), D(0))
    assert totals.not_counted_value == sums.get(("not-counted", outcome), D(0))
    for group, rows in (
        ("indicator", totals.by_indicator),
        ("theme", totals.by_theme),
        ("outcome", totals.by_outcome),
        ("basis", totals.by_basis),
    ):
        got = {(group, row.key, row.family): row.present_value for row in rows}
        assert got == {k: v for k, v in groups.items() if k[0] == group}
    for row in totals.by_basis:
        assert row.family is (credit_family if row.key == "obligation-credit" else outcome)
    # The headline figures are typed by family and refuse to be added to each other.
    with pytest.raises(MixedValuationBasisError):
        _ = OutcomeValue(amount=totals.outcome_value, currency=valuation.currency) + (
            ObligationCredit(amount=totals.obligation_credit, currency=valuation.currency)
        )

    investment = _investment(subject, tender, bid)
    if investment is None or investment <= 0:
        assert valuation.sroi_ratio is None
        assert valuation.sensitivity.break_even == ()
        return
    assert valuation.sroi_ratio == sroi_ratio(totals.outcome_value, investment)
    scenario_lines = [ScenarioLine(e.spec, e.low, e.high) for e in counted_outcome]
    scenarios = proxy_scenarios(scenario_lines)
    scenario_got = {
        s.name: (s.outcome_value, s.sroi_ratio) for s in valuation.sensitivity.scenarios
    }
    assert scenario_got == {
        "low": (scenarios.low, sroi_ratio(scenarios.low, investment)),
        "central": (scenarios.central, sroi_ratio(scenarios.central, investment)),
        "high": (scenarios.high, sroi_ratio(scenarios.high, investment)),
    }
    if not counted_outcome:
        assert valuation.sensitivity.break_even == ()
        return
    reference = break_evens([e.spec for e in counted_outcome], investment)
    assert [(b.adjustment, b.value) for b in valuation.sensitivity.break_even] == [
        (r.adjustment.value, r.reported) for r in reference
    ]


def assert_valid_document(valuation: Valuation) -> str:
    """The valuation validates against the schema and round-trips byte for byte."""
    text = dump_document(valuation)
    assert schema_findings(json.loads(text), DocumentType.VALUATION, "valuation") == []
    report = validate_text(text, "valuation")
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []
    again = parse_document(text, "valuation")
    assert isinstance(again, Valuation)
    assert dump_document(again) == text
    return text


# ------------------------------------------------------------------------- examples


@pytest.mark.parametrize("case", sorted(EXAMPLE_CASES))
def test_examples_equal_the_oracle(case: str) -> None:
    subject, tender, bid = EXAMPLE_CASES[case]
    valuation = value_document(subject, CATALOGUE, tender=tender, bid=bid)
    check_valuation(valuation, subject, CATALOGUE, tender, bid)
    assert_valid_document(valuation)


def test_example_bid_key_figures() -> None:
    valuation = value_document(BID, CATALOGUE, tender=TENDER)
    by_line = {line.line_id: line for line in valuation.lines}
    # Two proxies on c-01, both outcome values; c-05 not monetised; c-06 bought off.
    assert [v.proxy_value for v in by_line["c-01"].values] == [
        "pv-work-12m-fiscal",
        "pv-work-12m-wellbeing",
    ]
    assert by_line["c-05"].values == ()
    assert "not-monetised" in by_line["c-05"].flags
    assert by_line["c-06"].values == ()
    assert not by_line["c-06"].counted
    assert by_line["c-06"].status == "payment-in-lieu"
    # c-03 claims attribution 0.5 over the default 0.3: the stricter claim is used.
    assert by_line["c-03"].attribution == D("0.5")
    # c-02: 7344 hours at 1836 hours per FTE-year are 4 FTE-years.
    assert by_line["c-02"].quantity.value == 4
    assert by_line["c-02"].quantity.unit == "fte-year"
    assert valuation.investment is not None
    assert valuation.investment.amount == D("4800000.00")


def test_example_report_counts_only_verified() -> None:
    valuation = value_document(REPORT, CATALOGUE, tender=TENDER, bid=BID)
    by_line = {line.line_id: line for line in valuation.lines}
    assert by_line["e-001"].counted
    assert by_line["e-001"].status == "verified"
    assert not by_line["e-002"].counted
    assert by_line["e-002"].status == "submitted"
    assert valuation.totals.outcome_value == by_line["e-001"].values[0].present_value
    assert valuation.totals.not_counted_value == by_line["e-002"].values[0].present_value
    assert {row.indicator for row in valuation.comparison} >= {"ind-work-fte", "ind-co2-avoided"}


def _shuffled(document: Any, seed: int) -> Any:
    data = json.loads(dump_document(document))
    key = "commitments" if "commitments" in data else "items"
    random.Random(seed).shuffle(data[key])
    return parse_document(json.dumps(data))


@pytest.mark.parametrize("seed", range(5))
def test_record_order_does_not_change_the_document(seed: int) -> None:
    for subject, tender, bid in EXAMPLE_CASES.values():
        original = dump_document(value_document(subject, CATALOGUE, tender=tender, bid=bid))
        shuffled_bid = _shuffled(bid, seed) if bid is not None else None
        again = value_document(_shuffled(subject, seed), CATALOGUE, tender=tender, bid=shuffled_bid)
        assert dump_document(again) == original


def test_valuation_is_deterministic() -> None:
    first = dump_document(value_document(REPORT, CATALOGUE, tender=TENDER, bid=BID))
    second = dump_document(value_document(REPORT, CATALOGUE, tender=TENDER, bid=BID))
    assert first == second


def test_mixing_families_raises() -> None:
    with pytest.raises(MixedValuationBasisError):
        _ = OutcomeValue(amount=D("1.00"), currency="EUR") + ObligationCredit(
            amount=D("1.00"), currency="EUR"
        )
    total = OutcomeValue(amount=D("1.00"), currency="EUR") + OutcomeValue(
        amount=D("2.50"), currency="EUR"
    )
    assert total.amount == D("3.50")
    assert isinstance(total, OutcomeValue)


# ---------------------------------------------------- a small constructed catalogue


def _source(title: str) -> dict[str, Any]:
    return {
        "title": f"ILLUSTRATIVE {title}",
        "publisher": "sroi-os tests",
        "year": 2025,
        "confidence": "derived",
        "derivation": "Generated by a test.",
    }


def _text(value: str) -> dict[str, str]:
    return {"en": value}


INDICATOR_UNITS = {
    "ind-person": ("person", ("person", "participant")),
    "ind-fte": ("fte-year", ("fte-year", "hour")),
    "ind-co2": ("tonne-co2e", ("tonne-co2e", "kg-co2e")),
    "ind-credit": ("hour", ("hour", "fte-year")),
}
PROXY_UNITS = {
    "ind-person": ("person",),
    "ind-fte": ("fte-year", "hour"),
    "ind-co2": ("tonne-co2e", "kg-co2e"),
    "ind-credit": ("hour",),
}
BASES = ("fiscal", "economic", "wellbeing", "market", "social-cost")
INDEX = {2024: "121.0", 2025: "124.0", 2026: "127.0"}
GREEN_BOOK = [
    {"fromPeriod": 1, "rate": "0.035"},
    {"fromPeriod": 31, "rate": "0.030"},
    {"fromPeriod": 76, "rate": "0.025"},
]

fractions = st.decimals(min_value=0, max_value=1, places=2)
money = st.decimals(min_value=0, max_value=20000, places=2)


@st.composite
def conventions(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["discountRate"] = str(draw(st.sampled_from(["0", "0.0225", "0.035", "0.1", "-0.01"])))
    else:
        data["discountSchedule"] = draw(
            st.sampled_from(
                [GREEN_BOOK, [{"fromPeriod": 1, "rate": "0.05"}, {"fromPeriod": 3, "rate": "0.01"}]]
            )
        )
    data["discountTiming"] = draw(st.sampled_from(["end-of-year", "start-of-year"]))
    year = draw(st.sampled_from([None, 2025, 2026]))
    if year is not None:
        data["valuationYear"] = year
    data["currency"] = "EUR"
    return data


@st.composite
def catalogues(draw: st.DrawFn) -> dict[str, Any]:
    indicators = []
    proxies = []
    for ident, (unit, _) in INDICATOR_UNITS.items():
        credit = ident == "ind-credit"
        adjustments = [str(draw(fractions)) for _ in range(4)]
        indicators.append(
            {
                "id": ident,
                "outcome": f"out-{ident}",
                "theme": "work-participation",
                "kind": "output" if credit else "outcome",
                "label": _text(ident),
                "definition": _text(ident),
                "unit": unit,
                "measurementMethod": _text("test"),
                "evidenceRequirements": ["payroll-record"],
                "minimumVerification": "documentary",
                "adjustments": {
                    "deadweight": adjustments[0],
                    "attribution": adjustments[1],
                    "displacement": adjustments[2],
                    "dropOff": adjustments[3],
                    "maxDurationYears": draw(st.integers(1, 8)),
                    "rationale": _text("test"),
                },
                "monetisation": "monetised",
                "firstYearOnly": draw(st.booleans()) if ident == "ind-person" else False,
            }
        )
        count = 1 if credit else draw(st.integers(1, 2))
        for number in range(count):
            values = sorted(draw(st.lists(money, min_size=3, max_size=3)))
            value: dict[str, str] = {"central": str(values[1])}
            if draw(st.booleans()):
                value = {"low": str(values[0]), "central": str(values[1]), "high": str(values[2])}
            proxy: dict[str, Any] = {
                "id": f"pv-{ident}-{number}",
                "indicator": ident,
                "valuationBasis": "obligation-credit" if credit else draw(st.sampled_from(BASES)),
                "value": value,
                "currency": "EUR",
                "perUnit": draw(st.sampled_from(PROXY_UNITS[ident])),
                "source": _source("proxy"),
                "scope": {"country": "NL"},
                "effectiveFrom": "2026-01-01",
                "licence": "CC0-1.0",
            }
            year = draw(st.sampled_from([None, 2024, 2025, 2026]))
            if year is not None:
                proxy["priceYear"] = year
            proxies.append(proxy)
    return {
        "standardVersion": "1.0",
        "documentType": "catalogue",
        "id": "test-catalogue",
        "version": "1.0",
        "title": _text("ILLUSTRATIVE test catalogue"),
        "publisher": "sroi-os tests",
        "published": "2026-01-01",
        "conventions": draw(conventions()),
        # 1600 = 2^6 x 25: hours convert to FTE-years as terminating decimals, so the
        # test's spec is exact (the non-terminating case is tested on its own below).
        "fteNorm": {"hoursPerFteYear": "1600", "source": _source("FTE norm")},
        "defaultPriceIndex": "cpi",
        "themes": [{"id": "work-participation", "label": _text("work")}],
        "outcomes": [
            {"id": f"out-{i}", "theme": "work-participation", "label": _text(i)}
            for i in INDICATOR_UNITS
        ],
        "indicators": indicators,
        "proxyValues": proxies,
        "priceIndices": [
            {
                "id": "cpi",
                "label": _text("cpi"),
                "base": "2020=100",
                "source": _source("index"),
                "values": [{"year": y, "value": v} for y, v in INDEX.items()],
            }
        ],
    }


@st.composite
def quantity_texts(draw: st.DrawFn, maximum: int, places: int) -> str:
    """A quantity in plain notation, often a number other lines share in another notation.

    Equal numbers written apart (1.5, 1.50, 1.500) are kept apart where the notation
    shows (a converted quantity shows the number it used) and shared where it cannot
    matter (the kernel's floats and exact values).
    """
    shared = st.sampled_from([Decimal("0"), Decimal("1"), Decimal("1.5"), Decimal("1836")])
    value = draw(st.one_of(st.decimals(min_value=0, max_value=maximum, places=places), shared))
    extra = draw(st.integers(0, 3))
    return f"{value:f}" if extra == 0 else f"{value.quantize(Decimal(1).scaleb(-extra)):f}"


@st.composite
def commitments(draw: st.DrawFn, number: int) -> dict[str, Any]:
    ident = draw(st.sampled_from(sorted(INDICATOR_UNITS)))
    unit = draw(st.sampled_from(INDICATOR_UNITS[ident][1]))
    data: dict[str, Any] = {
        "id": f"c-{number:02d}",
        "indicator": ident,
        "quantity": {
            "value": draw(quantity_texts(5000, 2)),
            "unit": unit,
        },
        "period": {"start": "2026-01-01", "end": "2027-12-31"},
        "durationYears": draw(st.integers(1, 12)),
        "fulfilment": draw(st.sampled_from(["direct", "direct", "partner", "payment-in-lieu"])),
    }
    if data["fulfilment"] == "partner":
        data["partner"] = {"identifier": {"scheme": "NL-KVK", "id": "1"}, "name": "Partner"}
    if draw(st.booleans()):
        claim: dict[str, Any] = {"justification": _text("claimed")}
        for name in ("deadweight", "attribution", "displacement", "dropOff"):
            if draw(st.booleans()):
                claim[name] = str(draw(fractions))
        data["adjustments"] = claim
    return data


SUPPLIER = {"identifier": {"scheme": "NL-KVK", "id": "81234567"}, "name": "Supplier"}


@st.composite
def bids(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 5))
    data: dict[str, Any] = {
        "standardVersion": "1.0",
        "documentType": "bid",
        "id": "bid-test",
        "tender": {"id": "tender-test"},
        "catalogue": {"id": "test-catalogue", "version": "1.0"},
        "supplier": SUPPLIER,
        "submitted": "2026-02-01",
        "commitments": [draw(commitments(n)) for n in range(count)],
    }
    if draw(st.booleans()):
        amount = draw(st.decimals(min_value=1, max_value=200000, places=2))
        data["investment"] = {"amount": str(amount), "currency": "EUR"}
    return data


def _tender(convention: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "standardVersion": "1.0",
        "documentType": "tender",
        "id": "tender-test",
        "title": _text("ILLUSTRATIVE tender"),
        "buyer": {"identifier": {"scheme": "NL-KVK", "id": "2"}, "name": "Buyer"},
        "catalogue": {"id": "test-catalogue", "version": "1.0"},
        "contractValue": {"amount": "75000.00", "currency": "EUR"},
        "period": {"start": "2026-01-01", "end": "2027-12-31"},
        "areas": [{"code": "GM0363"}],
        "indicators": [{"indicator": "ind-person"}],
        "scoring": {"method": "mixed", "socialValueWeight": "0.2", "priceWeight": "0.8"},
        "evidenceRules": {"minimumVerification": "documentary"},
    }
    if convention is not None:
        data["conventions"] = convention
    return data


@st.composite
def cases(draw: st.DrawFn) -> tuple[Catalogue, Bid, Tender | None]:
    catalogue = parse_document(json.dumps(draw(catalogues())))
    bid = parse_document(json.dumps(draw(bids())))
    tender = None
    if draw(st.booleans()):
        tender = parse_document(json.dumps(_tender(draw(st.one_of(st.none(), conventions())))))
    assert isinstance(catalogue, Catalogue)
    assert isinstance(bid, Bid)
    assert tender is None or isinstance(tender, Tender)
    return catalogue, bid, tender


def _value(
    catalogue: Catalogue, subject: Any, tender: Tender | None, bid: Bid | None = None
) -> Valuation:
    return value_document(subject, catalogue, tender=tender, bid=bid)


@SETTINGS
@given(cases())
def test_generated_bids_equal_the_oracle(case: tuple[Catalogue, Bid, Tender | None]) -> None:
    catalogue, bid, tender = case
    valuation = _value(catalogue, bid, tender)
    check_valuation(valuation, bid, catalogue, tender)
    assert_valid_document(valuation)


_SUBMITTED = {"status": "submitted", "at": "2026-07-01T10:00:00Z", "by": "supplier"}
HISTORIES: dict[str, list[dict[str, str]]] = {
    "submitted": [_SUBMITTED],
    "verified": [_SUBMITTED, {"status": "verified", "at": "2026-07-02T10:00:00Z", "by": "buyer"}],
    "rejected": [
        _SUBMITTED,
        {"status": "rejected", "at": "2026-07-02T10:00:00Z", "by": "buyer", "reason": "no proof"},
    ],
    "withdrawn": [
        _SUBMITTED,
        {"status": "withdrawn", "at": "2026-07-02T10:00:00Z", "by": "supplier"},
    ],
}
"""A legal history for each status: the status an item counts with comes from it."""


@st.composite
def reports(draw: st.DrawFn, bid: Bid) -> EvidenceReport:
    items = []
    for number, commitment in enumerate(bid.commitments):
        if not draw(st.booleans()):
            continue
        unit = draw(st.sampled_from(INDICATOR_UNITS[commitment.indicator][1]))
        items.append(
            {
                "id": f"e-{number:02d}",
                "commitment": draw(st.sampled_from([commitment.id, "c-unknown"])),
                "indicator": commitment.indicator,
                "quantity": {
                    "value": draw(quantity_texts(3000, 3)),
                    "unit": unit,
                },
                "period": {"start": "2026-01-01", "end": "2026-06-30"},
                "status": (status := draw(st.sampled_from(sorted(HISTORIES)))),
                "history": HISTORIES[status],
            }
        )
    report = parse_document(
        json.dumps(
            {
                "standardVersion": "1.0",
                "documentType": "evidenceReport",
                "id": "report-test",
                "tender": {"id": "tender-test"},
                "bid": {"id": "bid-test"},
                "catalogue": {"id": "test-catalogue", "version": "1.0"},
                "supplier": SUPPLIER,
                "period": {"start": "2026-01-01", "end": "2026-06-30"},
                "items": items,
            }
        )
    )
    assert isinstance(report, EvidenceReport)
    return report


@SETTINGS
@given(st.data())
def test_generated_reports_equal_the_oracle(data: st.DataObject) -> None:
    catalogue, bid, tender = data.draw(cases())
    report = data.draw(reports(bid))
    with_bid = data.draw(st.booleans())
    valuation = _value(catalogue, report, tender, bid if with_bid else None)
    check_valuation(valuation, report, catalogue, tender, bid if with_bid else None)
    text = assert_valid_document(valuation)
    shuffled = _shuffled(report, data.draw(st.integers(0, 1000)))
    again = _value(catalogue, shuffled, tender, bid if with_bid else None)
    assert dump_document(again) == text


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_generated_bids_ignore_record_order(
    case: tuple[Catalogue, Bid, Tender | None], rng: random.Random
) -> None:
    catalogue, bid, tender = case
    data = json.loads(dump_document(bid))
    rng.shuffle(data["commitments"])
    shuffled = parse_document(json.dumps(data))
    first = _value(catalogue, bid, tender)
    second = _value(catalogue, shuffled, tender)
    assert dump_document(first) == dump_document(second)
    assert first.input_sha256 == second.input_sha256


def _with(bid: Bid, change: Callable[[dict[str, Any]], None]) -> Bid:
    """The bid with ``change`` applied to every commitment (as JSON)."""
    data = json.loads(dump_document(bid))
    for entry in data["commitments"]:
        change(entry)
    parsed = parse_document(json.dumps(data))
    assert isinstance(parsed, Bid)
    return parsed


def _line_totals(valuation: Valuation) -> dict[tuple[str, str], Decimal]:
    return {
        (line.line_id, value.proxy_value): value.present_value
        for line in valuation.lines
        for value in line.values
    }


@SETTINGS
@given(cases(), st.integers(2, 7))
def test_value_is_linear_in_quantity_and_zero_gives_zero(
    case: tuple[Catalogue, Bid, Tender | None], factor: int
) -> None:
    catalogue, bid, tender = case

    def scaled(entry: dict[str, Any]) -> None:
        entry["quantity"]["value"] = str(D(entry["quantity"]["value"]) * factor)

    def zero(entry: dict[str, Any]) -> None:
        entry["quantity"]["value"] = "0"

    base = _line_totals(_value(catalogue, bid, tender))
    bigger = _line_totals(_value(catalogue, _with(bid, scaled), tender))
    assert base.keys() == bigger.keys()
    for key, amount in base.items():
        # |round(k x) - k round(x)| <= (k + 1) / 2 cents
        assert abs(bigger[key] - factor * amount) <= (factor + 1) * CENT / 2, key
    zeroed = _value(catalogue, _with(bid, zero), tender)
    assert set(_line_totals(zeroed).values()) <= {D("0.00")}
    assert zeroed.totals.outcome_value == zeroed.totals.obligation_credit == D("0.00")
    for line in zeroed.lines:
        for value in line.values:
            assert value.gross == 0
            assert set(value.year_values) <= {D("0.00")}


@SETTINGS
@given(cases(), fractions)
def test_a_lower_claim_never_raises_value(
    case: tuple[Catalogue, Bid, Tender | None], claimed: Decimal
) -> None:
    catalogue, bid, tender = case

    def no_claim(entry: dict[str, Any]) -> None:
        entry.pop("adjustments", None)

    def claim(entry: dict[str, Any]) -> None:
        entry["adjustments"] = {"deadweight": str(claimed), "justification": _text("claim")}

    plain = _value(catalogue, _with(bid, no_claim), tender)
    claimed_value = _value(catalogue, _with(bid, claim), tender)
    plain_lines, claimed_lines = _line_totals(plain), _line_totals(claimed_value)
    for key, amount in claimed_lines.items():
        assert amount <= plain_lines[key], key
    assert claimed_value.totals.outcome_value <= plain.totals.outcome_value
    defaults = {i.id: i.adjustments.deadweight for i in catalogue.indicators}
    for line in claimed_value.lines:
        if claimed < defaults[line.indicator]:
            assert line.deadweight == defaults[line.indicator]
            assert _line_totals_of(line) == _line_totals_of(_line(plain, line.line_id))


def _line(valuation: Valuation, line_id: str) -> Any:
    return next(line for line in valuation.lines if line.line_id == line_id)


def _line_totals_of(line: Any) -> list[Decimal]:
    return [value.present_value for value in line.values]


# ------------------------------------------------------------- errors and known bugs


def _small_catalogue(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "standardVersion": "1.0",
        "documentType": "catalogue",
        "id": "test-catalogue",
        "version": "1.0",
        "title": _text("ILLUSTRATIVE test catalogue"),
        "publisher": "sroi-os tests",
        "published": "2026-01-01",
        "conventions": {
            "discountRate": "0",
            "discountTiming": "end-of-year",
            "valuationYear": 2026,
        },
        "themes": [{"id": "work-participation", "label": _text("work")}],
        "outcomes": [{"id": "out-fte", "theme": "work-participation", "label": _text("fte")}],
        "indicators": [
            {
                "id": "ind-fte",
                "outcome": "out-fte",
                "theme": "work-participation",
                "kind": "outcome",
                "label": _text("fte"),
                "definition": _text("fte"),
                "unit": "fte-year",
                "measurementMethod": _text("test"),
                "evidenceRequirements": ["payroll-record"],
                "minimumVerification": "documentary",
                "adjustments": {
                    "deadweight": "0",
                    "attribution": "0",
                    "displacement": "0",
                    "dropOff": "0",
                    "maxDurationYears": 1,
                    "rationale": _text("test"),
                },
                "monetisation": "monetised",
            }
        ],
        "proxyValues": [
            {
                "id": "pv-fte",
                "indicator": "ind-fte",
                "valuationBasis": "economic",
                "value": {"central": "18.36"},
                "currency": "EUR",
                "perUnit": "fte-year",
                "priceYear": 2026,
                "source": _source("proxy"),
                "scope": {"country": "NL"},
                "effectiveFrom": "2026-01-01",
                "licence": "CC0-1.0",
            }
        ],
    }
    data.update(overrides)
    return data


def _small_bid(quantity: str, unit: str) -> Bid:
    bid = parse_document(
        json.dumps(
            {
                "standardVersion": "1.0",
                "documentType": "bid",
                "id": "bid-test",
                "tender": {"id": "tender-test"},
                "catalogue": {"id": "test-catalogue", "version": "1.0"},
                "supplier": SUPPLIER,
                "submitted": "2026-02-01",
                "commitments": [
                    {
                        "id": "c-01",
                        "indicator": "ind-fte",
                        "quantity": {"value": quantity, "unit": unit},
                        "period": {"start": "2026-01-01", "end": "2026-12-31"},
                    }
                ],
            }
        )
    )
    assert isinstance(bid, Bid)
    return bid


def test_price_index_year_missing_is_an_error_naming_the_year() -> None:
    data = _small_catalogue(
        defaultPriceIndex="cpi",
        priceIndices=[
            {
                "id": "cpi",
                "label": _text("cpi"),
                "base": "2020=100",
                "source": _source("index"),
                "values": [{"year": 2025, "value": "124.0"}, {"year": 2026, "value": "127.0"}],
            }
        ],
    )
    data["proxyValues"][0]["priceYear"] = 2019
    catalogue = parse_document(json.dumps(data))
    assert isinstance(catalogue, Catalogue)
    with pytest.raises(ValuationError, match="2019") as raised:
        value_document(_small_bid("1", "fte-year"), catalogue)
    assert raised.value.code == "price-index-year-missing"


@pytest.mark.parametrize("hours", ["1.5", "2.5", "3.5"])
def test_a_non_terminating_conversion_follows_the_20_decimal_rule(hours: str) -> None:
    """Method 12.3: a converted quantity is rounded half-even to 20 decimals, then valued.

    1.5 h / 1836 h per FTE-year does not terminate; with the exact rational the value
    x 18.36 would be an exact half-cent tie (0.015), but the standard values the quantity
    it shows, 0.00081699346405228758 FTE-year, which gives 0.01499999... and so 0.01.
    """
    catalogue = parse_document(
        json.dumps(_small_catalogue(fteNorm={"hoursPerFteYear": "1836", "source": _source("n")}))
    )
    assert isinstance(catalogue, Catalogue)
    valuation = value_document(_small_bid(hours, "hour"), catalogue)
    exact_quantity = Fraction(hours) / 1836
    scaled = exact_quantity * 10**20
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest > scaled.denominator or (2 * rest == scaled.denominator and whole % 2 == 1):
        whole += 1
    shown_quantity = Fraction(whole, 10**20)
    (line,) = valuation.lines
    assert Fraction(line.quantity.value) == shown_quantity
    money = shown_quantity * Fraction("18.36") * 100
    cents, rest = divmod(money.numerator, money.denominator)
    if 2 * rest > money.denominator or (2 * rest == money.denominator and cents % 2 == 1):
        cents += 1
    assert valuation.totals.outcome_value == D(cents) / 100


def test_each_converted_quantity_shows_the_number_its_own_notation_gives() -> None:
    """Conversions are shared per quantity text, never per number: 1836 h is 1 FTE-year,
    1836.0 h is 1.0 (an exact division keeps the dividend's notation, method 12.3), and
    lines in the same notation share the one conversion, whatever their order."""
    catalogue = parse_document(
        json.dumps(_small_catalogue(fteNorm={"hoursPerFteYear": "1836", "source": _source("n")}))
    )
    assert isinstance(catalogue, Catalogue)
    texts = ["1836", "1836.0", "3672.00", "1836", "1836.0", "0.0", "0"]
    bid = _small_bid("1", "hour")
    commitment = bid.commitments[0]
    bid = bid.model_copy(
        update={
            "commitments": tuple(
                commitment.model_copy(
                    update={
                        "id": f"c-{n:02d}",
                        "quantity": commitment.quantity.model_copy(update={"value": D(text)}),
                    }
                )
                for n, text in enumerate(texts)
            )
        }
    )
    valuation = value_document(bid, catalogue)
    shown = [str(line.quantity.value) for line in valuation.lines]
    assert shown == ["1", "1.0", "2.00", "1", "1.0", "0.0", "0"]
    assert [line.quantity.unit for line in valuation.lines] == ["fte-year"] * len(texts)


def test_a_proxy_that_cannot_be_rebased_is_never_silently_used() -> None:
    data = _small_catalogue()
    data["proxyValues"][0]["priceYear"] = 2020
    catalogue = parse_document(json.dumps(data))
    assert isinstance(catalogue, Catalogue)
    try:
        valuation = value_document(_small_bid("1", "fte-year"), catalogue)
    except ValuationError:
        return  # refusing is acceptable
    (value,) = valuation.lines[0].values
    assert any("rebase" in flag for flag in value.flags), value.flags


# ------------------------------------------- the conformance runner on document vectors


def _hour_catalogue_without_norm() -> dict[str, Any]:
    """A catalogue whose hour indicator has a proxy per FTE-year but no FTE norm."""
    data = _small_catalogue()
    data["indicators"][0]["unit"] = "hour"
    return data


def test_document_vector_runner_reports_a_refusal_per_vector(tmp_path: Path) -> None:
    from sroi_core.conformance import run_conformance

    bid = json.loads(dump_document(_small_bid("1", "fte-year")))
    vector = {
        "id": "doc-ok",
        "kind": "document",
        "description": "d",
        "documents": {"catalogue": _small_catalogue(), "subject": bid},
        "expected": {"outcomeValue": "18.36"},
    }
    (tmp_path / "doc-ok.json").write_text(json.dumps(vector), encoding="utf-8")
    assert run_conformance(tmp_path).summary_line() == "1 passed, 0 failed"


def test_a_unit_error_fails_one_vector_not_the_run(tmp_path: Path) -> None:
    from sroi_core.conformance import run_conformance

    bid = json.loads(dump_document(_small_bid("100", "hour")))
    bid["commitments"][0]["indicator"] = "ind-fte"
    vector = {
        "id": "doc-unit",
        "kind": "document",
        "description": "d",
        "documents": {"catalogue": _hour_catalogue_without_norm(), "subject": bid},
        "expected": {"outcomeValue": "0.00"},
    }
    (tmp_path / "doc-unit.json").write_text(json.dumps(vector), encoding="utf-8")
    report = run_conformance(tmp_path)
    assert report.failed == 1


def test_a_document_vector_without_subject_is_malformed(tmp_path: Path) -> None:
    from sroi_core.conformance import run_conformance

    vector = {
        "id": "doc-no-subject",
        "kind": "document",
        "description": "d",
        "documents": {"catalogue": _small_catalogue()},
        "expected": {"outcomeValue": "0.00"},
    }
    (tmp_path / "doc-no-subject.json").write_text(json.dumps(vector), encoding="utf-8")
    report = run_conformance(tmp_path)
    assert report.failed == 1
    assert "malformed" in report.outcomes[0].messages[0]


def test_document_vectors_are_what_the_independent_generator_computes() -> None:
    """The vectors' figures come from tools/make_document_vectors.py, which shares no code
    with the engine; the committed files must be exactly what it computes."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "make_document_vectors.py"
    source = path.read_text(encoding="utf-8")
    assert "sroi_core" not in "".join(
        line for line in source.splitlines() if line.startswith(("import ", "from "))
    )
    spec = importlib.util.spec_from_file_location("make_document_vectors", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets = module.targets()
    assert len([p for p in targets if p.parent.name == "document"]) >= 8
    assert len([p for p in targets if p.parent.name == "document-error"]) >= 4
    for target, content in targets.items():
        assert target.read_text(encoding="utf-8") == content, target.name
