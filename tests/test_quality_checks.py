"""Quality checks: every rule fires on a crafted case and stays quiet on its near miss."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import quality_fixtures as fx
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.errors import SroiError
from sroi_core.model import (
    AdjustmentClaim,
    Area,
    Catalogue,
    Document,
    DocumentRef,
    EvidenceRules,
    FulfilmentMode,
    Money,
    Period,
    Quantity,
    StatusChange,
    TenderIndicator,
)
from sroi_core.model.evidence import ScaleResult
from sroi_core.model.materiality import MaterialOutcome, StakeholderInvolvement
from sroi_core.quality import CheckContext, Thresholds, check_context, run_checks
from sroi_core.quality.evidence import EVIDENCE_LEVELS, evidence_level
from sroi_core.quality.plausibility import estimated_value
from sroi_core.rules import Finding, Severity, all_rules, get_rule

Docs = Sequence[Document]


def check(*documents: Document, thresholds: Thresholds | None = None) -> list[Finding]:
    """Run the checks with the test catalogue (or one given); each named after its id."""
    given = [d for d in documents if isinstance(d, Catalogue)]
    named = [(d, f"{d.id}.json") for d in documents if not isinstance(d, Catalogue)]
    return run_checks(named, given[0] if given else fx.catalogue(), thresholds=thresholds)


def rule_ids(findings: list[Finding]) -> list[str]:
    return [f.rule_id for f in findings]


def contract(**parts: Any) -> list[Document]:
    """The clean contract (tender, bid, report) with some documents replaced."""
    docs: dict[str, Document] = {"tender": fx.tender(), "bid": fx.bid(), "report": fx.report()}
    docs.update(parts)
    return [d for d in docs.values() if d is not None]


def test_clean_contract_has_no_findings() -> None:
    assert check(*contract()) == []


# --- one case per rule: (rule id, documents that fire it, documents that do not) -------

_COST = Money(amount="100000", currency="EUR")
_NO_COST = Money(amount="0", currency="EUR")
_TINY_COST = Money(amount="9999.99", currency="EUR")  # below 0.5 % of EUR 2,000,000


def _scale(baseline: str, follow_up: str, *, follow_up_n: int = 31) -> ScaleResult:
    return ScaleResult(
        baseline_n=40, follow_up_n=follow_up_n, baseline_mean=baseline, follow_up_mean=follow_up
    )


def _scale_report(result: ScaleResult | None) -> list[Document]:
    """A 2.0 report with one item on a mean-change indicator, and its 2.0 catalogue."""
    catalogue = fx.catalogue()
    job = next(i for i in catalogue.indicators if i.id == "ind-job")
    scale = job.model_copy(update={"id": "ind-life-satisfaction", "unit": "participant",
                                   "valuation_method": "mean-change"})
    catalogue = catalogue.model_copy(
        update={"standard_version": "2.0", "indicators": (*catalogue.indicators, scale)}
    )
    extra = fx.item("e-ls", "c-ls", "ind-life-satisfaction", "40", unit="participant",
                    documents=(fx.doc("survey"),), scale_result=result)
    return [catalogue, *contract(report=fx.report(extra, standard_version="2.0"))]


def _special(category: str, **item_changes: Any) -> list[Document]:
    """The contract with indicator ind-job in GDPR ``category``; e-job changed as given."""
    catalogue = fx.catalogue()
    indicators = tuple(
        i.model_copy(update={"data_category": category}) if i.id == "ind-job" else i
        for i in catalogue.indicators
    )
    catalogue = catalogue.model_copy(update={"standard_version": "2.0", "indicators": indicators})
    return [catalogue, *contract(report=fx.with_item(fx.report(), 0, **item_changes))]


def _tender_with(*ids: str, **changes: Any) -> Any:
    return fx.tender(indicators=tuple(TenderIndicator(indicator=i) for i in ids), **changes)


def _report_with(*items: Any) -> Any:
    return fx.report(items=items)


def _hire(item_id: str, subject: str, start: str, end: str, **changes: Any) -> Any:
    return fx.item(item_id, "c-hire", "ind-hire", "1", subjects=(subject,),
                   period=fx.period(start, end), **changes)


PIL = Money(amount="50000", currency="EUR")

def _named(*outcomes: MaterialOutcome) -> Any:
    """A 2.0 tender whose residents named ``outcomes``."""
    involvement = StakeholderInvolvement(
        methods=("resident-survey",),
        period=fx.period("2025-09-01", "2025-10-31"),
        material_outcomes=outcomes,
    )
    return fx.tender(standard_version="2.0", stakeholder_involvement=involvement)


_WORK = MaterialOutcome(theme="work-participation", rank=1)
_SKILLS = MaterialOutcome(indicator="ind-diploma", rank=3)
_COHESION = MaterialOutcome(theme="social-cohesion", rank=2)
_COHESION_REASONED = MaterialOutcome(
    theme="social-cohesion", rank=2, reason_not_asked=fx.text("left to the district tender")
)


CASES: list[tuple[str, Callable[[], Docs], Callable[[], Docs]]] = [
    (
        "quality.output-only",
        lambda: contract(bid=fx.bid(fx.commitment("c-train", "ind-training-hours", "100", "hour"))),
        lambda: contract(
            tender=fx.tender(outcomes_only=False),
            bid=fx.bid(fx.commitment("c-train", "ind-training-hours", "100", "hour")),
        ),
    ),
    (
        "quality.tender-output-indicator",
        lambda: [_tender_with("ind-job", "ind-training-hours")],
        lambda: [_tender_with("ind-job", "ind-training-hours", outcomes_only=False)],
    ),
    (
        "quality.payment-in-lieu",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, fulfilment="payment-in-lieu",
                                                payment_in_lieu=PIL)),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, fulfilment="partner")),
    ),
    (
        "quality.payment-in-lieu-valued",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 1, payment_in_lieu=PIL)),
        lambda: contract(
            bid=fx.with_commitment(fx.bid(), 1, fulfilment="payment-in-lieu",
                                   payment_in_lieu=PIL),
            report=fx.with_item(fx.report(), 1, status="withdrawn", history=(
                StatusChange(status="withdrawn", at=fx.at(2), by="supplier"),)),
        ),
    ),
    (
        "quality.payment-in-lieu-valued",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, fulfilment="payment-in-lieu")),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 2, fulfilment="payment-in-lieu"),
                         report=_report_with(fx.report().items[0])),
    ),
    (
        "quality.payment-in-lieu-valued",
        lambda: [fx.valuation(fx.line("c-job", "payment-in-lieu", counted=False, value="10"))],
        lambda: [fx.valuation(fx.line("c-job", "payment-in-lieu", counted=False))],
    ),
    (
        "quality.duration-over-cap",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, duration_years=4)),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, duration_years=3)),
    ),
    (
        "quality.first-year-only-duration",
        lambda: contract(bid=fx.bid(fx.commitment("c-hire", "ind-hire", "5", duration_years=2))),
        lambda: contract(bid=fx.bid(fx.commitment("c-hire", "ind-hire", "5"))),
    ),
    (
        "quality.adjustment-below-default",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, adjustments=AdjustmentClaim(
            deadweight="0.1", justification=fx.text("our own study")))),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, adjustments=AdjustmentClaim(
            deadweight="0.4", drop_off="0.2", justification=fx.text("stricter")))),
    ),
    (
        "quality.outside-area",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, areas=(Area(code="GM0599"),))),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0, areas=(Area(code="GM0363"),))),
    ),
    (
        "quality.outside-area",
        lambda: contract(report=fx.with_item(fx.report(), 0, areas=(Area(code="BU03630500"),))),
        lambda: contract(report=fx.with_item(fx.report(), 0, areas=(Area(code="WK036301"),))),
    ),
    (
        "quality.outside-period",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0,
                                                period=fx.period("2025-06-01", "2026-12-31"))),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0,
                                                period=fx.period("2026-01-01", "2029-12-31"))),
    ),
    (
        "quality.outside-period",
        lambda: contract(report=fx.with_item(fx.report(), 0,
                                             period=fx.period("2029-07-01", "2030-01-31"))),
        lambda: contract(report=fx.with_item(fx.report(), 0,
                                             period=fx.period("2029-07-01", "2029-12-31"))),
    ),
    (
        "quality.evidence-missing",
        lambda: contract(report=fx.with_item(fx.report(), 0, documents=())),
        lambda: contract(report=fx.with_item(fx.report(), 0, documents=(), status="rejected",
                                             history=(StatusChange(
                                                 status="rejected", at=fx.at(3), by="buyer",
                                                 reason="no proof"),))),
    ),
    (
        "quality.self-declared-only",
        lambda: contract(report=fx.with_item(fx.report(), 0,
                                             documents=(fx.doc("self-declaration"),))),
        lambda: contract(report=fx.with_item(fx.report(), 0, documents=(
            fx.doc("self-declaration"), fx.doc("payroll-record", "ref-2")))),
    ),
    (
        "quality.verification-below-minimum",
        lambda: contract(report=fx.with_item(fx.report(), 2, documents=(fx.doc("diploma"),))),
        lambda: contract(report=fx.with_item(fx.report(), 2, documents=(
            fx.doc("diploma"), fx.doc("third-party-statement", "ref-2")))),
    ),
    (
        "quality.verification-below-minimum",
        lambda: contract(report=fx.with_item(fx.report(), 0,
                                             documents=(fx.doc("my-own-check"),))),
        lambda: contract(report=fx.with_item(fx.report(), 0,
                                             documents=(fx.doc("employment-contract"),))),
    ),
    (
        "quality.evidence-type-mismatch",
        lambda: contract(report=fx.with_item(fx.report(), 0, documents=(fx.doc("invoice"),))),
        lambda: contract(report=fx.with_item(fx.report(), 0, documents=(
            fx.doc("invoice"), fx.doc("employment-contract", "ref-2")))),
    ),
    (
        "quality.evidence-unknown-commitment",
        lambda: contract(report=fx.with_item(fx.report(), 0, commitment="c-nope")),
        lambda: contract(report=fx.with_item(fx.report(), 0, commitment="c-job")),
    ),
    (
        "quality.evidence-indicator-mismatch",
        lambda: contract(report=fx.with_item(fx.report(), 0, indicator="ind-hire")),
        lambda: contract(report=fx.with_item(fx.report(), 0, indicator="ind-job")),
    ),
    (
        "quality.evidence-exceeds-commitment",
        lambda: contract(report=fx.with_item(fx.report(), 1,
                                             quantity=Quantity(value="10.5", unit="fte-year"))),
        lambda: contract(report=fx.with_item(fx.report(), 1,
                                             quantity=Quantity(value="16000", unit="hour"))),
    ),
    (
        "quality.unverified-counted",
        lambda: [fx.valuation(fx.line("e-job", "submitted", counted=True, value="10"))],
        lambda: [fx.valuation(fx.line("e-job", "verified", counted=True, value="10"),
                              fx.line("e-other", "submitted", counted=False, value="10"))],
    ),
    (
        "quality.double-counted-subject",
        lambda: contract(report=fx.report(_hire("e-hire", "p-0001", "2026-03-01", "2026-09-30"))),
        lambda: contract(report=fx.report(_hire("e-hire", "p-0099", "2026-03-01", "2026-09-30"))),
    ),
    (
        "quality.double-counted-subject",
        lambda: contract(report=fx.with_item(fx.report(), 0, subjects=("p-0001", "p-0001"))),
        lambda: contract(report=fx.with_item(fx.report(), 0, subjects=("p-0001", "p-0011"))),
    ),
    (
        "quality.first-year-only-repeat",
        lambda: [fx.report(_hire("e-h1", "p-0042", "2026-01-01", "2026-12-31"),
                           _hire("e-h2", "p-0042", "2027-01-01", "2027-12-31"))],
        lambda: [fx.report(_hire("e-h1", "p-0042", "2026-01-01", "2026-12-31"),
                           _hire("e-h2", "p-0043", "2027-01-01", "2027-12-31"))],
    ),
    (
        "quality.overlapping-commitments",
        lambda: contract(bid=fx.bid(fx.commitment("c-hire", "ind-hire", "5"))),
        lambda: contract(bid=fx.bid(fx.commitment(
            "c-hire", "ind-hire", "5", period=fx.period("2028-01-01", "2028-12-31")))),
    ),
    (
        "quality.quantity-per-contract-value",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 1,
                                                quantity=Quantity(value="51", unit="fte-year"))),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 1,
                                                quantity=Quantity(value="50", unit="fte-year"))),
    ),
    (
        "quality.quantity-per-contract-value",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 2,
                                                quantity=Quantity(value="401", unit="person"))),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 2,
                                                quantity=Quantity(value="400", unit="person"))),
    ),
    (
        "quality.quantity-above-target",
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0,
                                                quantity=Quantity(value="61", unit="person"))),
        lambda: contract(bid=fx.with_commitment(fx.bid(), 0,
                                                quantity=Quantity(value="60", unit="person"))),
    ),
    (
        "quality.value-exceeds-contract",
        lambda: contract(tender=fx.tender(contract_value=Money(amount="39000", currency="EUR"))),
        lambda: contract(tender=fx.tender(contract_value=Money(amount="40000", currency="EUR"))),
    ),
    (
        "quality.value-exceeds-contract",
        lambda: [fx.tender(), fx.valuation(subject_type="bid", outcome_value="20000000.01")],
        lambda: [fx.tender(), fx.valuation(subject_type="bid", outcome_value="20000000")],
    ),
    (
        "quality.credits-mixed",
        lambda: [_tender_with("ind-training-hours", outcomes_only=False,
                              minimum_social_value=Money(amount="1000", currency="EUR"))],
        lambda: [_tender_with("ind-training-hours", "ind-job", outcomes_only=False,
                              minimum_social_value=Money(amount="1000", currency="EUR"))],
    ),
    (
        "quality.credits-mixed",
        lambda: contract(bid=fx.bid(fx.commitment("c-train", "ind-training-hours", "10", "hour"))),
        lambda: contract(tender=fx.tender(outcomes_only=False),
                         bid=fx.bid(fx.commitment("c-train", "ind-training-hours", "10", "hour"))),
    ),
    (
        "quality.credits-mixed",
        lambda: [fx.valuation(by_basis=(fx.total("obligation-credit", "outcome"),))],
        lambda: [fx.valuation(by_basis=(fx.total("obligation-credit", "credit"),
                                        fx.total("fiscal", "outcome")))],
    ),
    (
        "quality.credits-mixed",
        lambda: [fx.valuation(by_indicator=(fx.total("ind-training-hours", "outcome"),))],
        lambda: [fx.valuation(by_indicator=(fx.total("ind-training-hours", "credit"),))],
    ),
    (
        "quality.context-missing",
        lambda: [fx.bid()],
        lambda: [fx.tender(), fx.bid()],
    ),
    (
        "quality.document-mismatch",
        lambda: contract(report=fx.report(bid=DocumentRef(id="bid-2"))),
        lambda: contract(report=fx.report(bid=DocumentRef(id="bid-1"))),
    ),
    (
        "quality.incremental-cost-missing",
        lambda: contract(bid=fx.bid(standard_version="2.0")),
        lambda: contract(bid=fx.bid(standard_version="2.0", incremental_cost=_COST)),
    ),
    (
        "quality.incremental-cost-zero",
        lambda: contract(bid=fx.bid(standard_version="2.0", incremental_cost=_NO_COST)),
        lambda: contract(bid=fx.bid(standard_version="2.0", incremental_cost=_COST)),
    ),
    (
        "quality.incremental-cost-implausible",
        lambda: contract(bid=fx.bid(standard_version="2.0", incremental_cost=_TINY_COST)),
        lambda: contract(bid=fx.bid(standard_version="2.0", incremental_cost=_COST)),
    ),
    (
        "quality.scale-result-missing",
        lambda: _scale_report(None),
        lambda: _scale_report(_scale("6.1", "6.9")),
    ),
    (
        "quality.mean-change-not-positive",
        lambda: _scale_report(_scale("6.1", "6.0")),
        lambda: _scale_report(_scale("6.1", "6.9")),
    ),
    (
        "quality.follow-up-exceeds-baseline",
        lambda: _scale_report(_scale("6.1", "6.9", follow_up_n=41)),
        lambda: _scale_report(_scale("6.1", "6.9", follow_up_n=40)),
    ),
    (
        "quality.materiality-missing",
        lambda: contract(tender=fx.tender(standard_version="2.0")),
        lambda: contract(tender=_named(_WORK, _SKILLS)),
    ),
    (
        "quality.indicator-not-material",
        lambda: contract(tender=_named(_COHESION_REASONED)),
        lambda: contract(tender=_named(_WORK, _SKILLS, _COHESION_REASONED)),
    ),
    (
        "quality.material-outcome-unasked",
        lambda: contract(tender=_named(_WORK, _SKILLS, _COHESION)),
        lambda: contract(tender=_named(_WORK, _SKILLS, _COHESION_REASONED)),
    ),
    (
        "quality.special-category-records",
        lambda: _special("special-health"),
        lambda: _special("personal"),
    ),
    (
        "quality.special-category-small-cell",
        lambda: _special("criminal", subjects=()),
        lambda: _special("criminal", subjects=(), quantity=Quantity(value="12", unit="person")),
    ),
    (
        "verification.status-unrecorded",
        lambda: contract(report=fx.with_item(fx.report(), 0, status="verified")),
        lambda: contract(report=fx.with_item(fx.report(), 0, status="verified",
                                             history=fx.verified_history())),
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "fires", "quiet"), CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)]
)
def test_rule_fires_and_stays_quiet(
    rule_id: str, fires: Callable[[], Docs], quiet: Callable[[], Docs]
) -> None:
    fired = [f for f in check(*fires()) if f.rule_id == rule_id]
    assert fired, f"{rule_id} did not fire"
    rule = get_rule(rule_id)
    for finding in fired:
        assert finding.severity is rule.severity
        assert finding.message
        assert "{" not in finding.message
        assert finding.source.endswith(".json")
    assert rule_id not in rule_ids(check(*quiet())), f"{rule_id} fired on its near miss"


def test_every_quality_rule_has_a_case_and_is_documented() -> None:
    covered = {case[0] for case in CASES}
    quality = {r.id for r in all_rules() if r.category == "quality"}
    assert quality <= covered
    docs = Path(__file__).resolve().parent.parent / "docs"
    text = (docs / "quality-checks.md").read_text(encoding="utf-8")
    text += (docs / "verification.md").read_text(encoding="utf-8")
    for rule in all_rules():
        if rule.category in ("quality", "verification"):
            assert f"`{rule.id}`" in text, rule.id
            assert rule.description
            assert rule.template_nl


# --- details the table does not show -------------------------------------------------

def test_output_only_points_at_the_commitment() -> None:
    findings = check(*contract(bid=fx.bid(fx.commitment("c-t", "ind-training-hours", "5", "hour"))))
    output = [f for f in findings if f.rule_id == "quality.output-only"]
    assert [(f.source, f.pointer) for f in output] == [("bid-1.json", "/commitments/3/indicator")]
    assert "tender-1" in output[0].message
    assert output[0].message_nl


def test_double_counting_across_reports_and_versions() -> None:
    first = fx.report()
    second = fx.report(id="report-2", items=(
        fx.item("e-job-b", "c-job", "ind-job", "1", subjects=("p-0002",),
                period=fx.period("2026-05-01", "2026-08-31")),
    ))
    found = [f for f in check(fx.tender(), fx.bid(), first, second)
             if f.rule_id == "quality.double-counted-subject"]
    assert [(f.source, f.pointer) for f in found] == [("report-2.json", "/items/0/subjects/0")]
    assert "report-1" in found[0].message
    # the same report given twice (two versions) is one claim, not two
    assert check(fx.tender(), fx.bid(), first, fx.report()) == []


def test_double_counting_ignores_rejected_and_later_periods() -> None:
    rejected = _hire("e-hire", "p-0001", "2026-03-01", "2026-09-30", status="rejected",
                     history=(StatusChange(status="rejected", at=fx.at(4), by="buyer",
                                           reason="not a new hire"),))
    later_job = fx.item("e-job-2027", "c-job", "ind-job", "1", subjects=("p-0001",),
                        period=fx.period("2027-01-01", "2027-06-30"))
    ids = rule_ids(check(*contract(report=fx.report(rejected, later_job))))
    assert "quality.double-counted-subject" not in ids
    assert "quality.first-year-only-repeat" not in ids


def test_evidence_exceeds_commitment_across_reports() -> None:
    second = fx.report(id="report-2", items=(
        fx.item("e-job-more", "c-job", "ind-job", "13",
                subjects=tuple(f"p-1{n:03}" for n in range(13))),
    ))
    found = [f for f in check(*contract(), second)
             if f.rule_id == "quality.evidence-exceeds-commitment"]
    assert len(found) == 1
    assert found[0].source == "report-2.json"
    assert found[0].params["total"] == "16"
    assert found[0].params["committed"] == "15"


def test_payment_in_lieu_is_never_in_the_value_estimate() -> None:
    ctx = CheckContext(catalogue=fx.catalogue(), tender=fx.tender(), bid=fx.bid())
    job = fx.bid().commitments[0]
    value = estimated_value(ctx, job)
    # 15 persons x EUR 12,000 (highest outcome proxy) x 0.7 x 0.9 x 0.95 x 2 years
    assert value == Decimal(15) * 12000 * Decimal("0.7") * Decimal("0.9") * Decimal("0.95") * 2
    bought_off = job.model_copy(update={"fulfilment": FulfilmentMode.PAYMENT_IN_LIEU})
    assert estimated_value(ctx, bought_off) is None
    credit_only = fx.commitment("c-t", "ind-training-hours", "100", "hour")
    assert estimated_value(ctx, credit_only) is None


def test_value_estimate_uses_the_stricter_adjustment_and_the_cap() -> None:
    ctx = CheckContext(catalogue=fx.catalogue())
    job = fx.commitment("c", "ind-job", "1", duration_years=9, adjustments=AdjustmentClaim(
        deadweight="0", attribution="0.5", justification=fx.text("x")))
    value = estimated_value(ctx, job)
    assert value == 12000 * Decimal("0.7") * Decimal("0.5") * Decimal("0.95") * 3


def test_thresholds_are_configurable() -> None:
    docs = contract(bid=fx.with_commitment(fx.bid(), 1,
                                           quantity=Quantity(value="51", unit="fte-year")))
    assert "quality.quantity-per-contract-value" in rule_ids(check(*docs))
    looser = Thresholds().with_overrides({"max-labour-years-per-million": "30"})
    assert looser.max_labour_years_per_million == 30
    assert "quality.quantity-per-contract-value" not in rule_ids(check(*docs, thresholds=looser))
    stricter = Thresholds().with_overrides({"max_target_multiple": "0.5"})
    assert "quality.quantity-above-target" in rule_ids(check(*contract(), thresholds=stricter))


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("max-apples", "3", "unknown threshold"),
        ("max-target-multiple", "-1", "positive"),
        ("max-target-multiple", "0", "positive"),
        ("max-target-multiple", "lots", "must be a number"),
        ("max-target-multiple", "NaN", "positive"),
    ],
)
def test_bad_thresholds_are_refused(name: str, value: str, message: str) -> None:
    with pytest.raises(SroiError, match=message):
        Thresholds().with_overrides({name: value})


def test_threshold_defaults_are_stated_in_the_rule_descriptions() -> None:
    defaults = Thresholds().as_params()
    assert defaults == {
        "max-labour-years-per-million": "25",
        "max-persons-per-million": "200",
        "max-target-multiple": "3",
        "max-value-multiple": "10",
        "min-cell-size": "10",
    }
    text = " ".join(r.description for r in all_rules() if r.category == "quality")
    for name in defaults:
        assert name in text


def test_evidence_levels_cover_the_codelist_and_rank_upwards() -> None:
    from sroi_core.codelists import codelist

    assert set(EVIDENCE_LEVELS) == set(codelist("evidenceType").values)
    assert set(EVIDENCE_LEVELS.values()) <= set(codelist("verificationLevel").values)
    item = fx.item("e", "c", "ind-job", "1", documents=(fx.doc("self-declaration"),
                                                       fx.doc("register-extract", "r2")))
    assert evidence_level(item) == "register"
    assert evidence_level(item.model_copy(update={"documents": ()})) is None


def test_self_declaration_accepted_lowers_only_the_tender_floor() -> None:
    lenient = fx.tender(evidence_rules=EvidenceRules(minimum_verification="self-declared",
                                                        self_declaration_accepted=True))
    train = fx.commitment("c-train", "ind-training-hours", "10", "hour")
    item = fx.item("e-train", "c-train", "ind-training-hours", "10", unit="hour",
                   documents=(fx.doc("self-declaration"),))
    ids = rule_ids(check(lenient.model_copy(update={"outcomes_only": False}),
                         fx.bid(train), fx.report(item)))
    assert "quality.self-declared-only" in ids
    assert "quality.verification-below-minimum" not in ids
    ids = rule_ids(check(fx.tender(outcomes_only=False), fx.bid(train), fx.report(item)))
    assert "quality.verification-below-minimum" in ids


def test_two_bids_are_refused() -> None:
    with pytest.raises(SroiError, match="one bid"):
        run_checks([fx.bid(), fx.bid(id="bid-2")], fx.catalogue())


def test_catalogue_found_from_documents_and_missing_noted() -> None:
    cat = fx.catalogue()
    assert run_checks([cat, *contract()]) == []
    ids = rule_ids(run_checks(contract()))
    assert ids.count("quality.context-missing") == 3
    noted = [f for f in run_checks(contract()) if f.rule_id == "quality.context-missing"]
    assert all(f.severity is Severity.INFO for f in noted)


def test_findings_are_sorted_and_deterministic() -> None:
    docs = contract(
        bid=fx.with_commitment(fx.bid(fx.commitment("c-t", "ind-training-hours", "5", "hour")),
                               0, duration_years=9, areas=(Area(code="GM0599"),)),
        report=fx.with_item(fx.report(), 0, documents=()),
    )
    first = check(*docs)
    assert first == check(*docs)
    sources = [f.source for f in first]
    assert sources == sorted(sources, key=["tender-1.json", "bid-1.json",
                                           "report-1.json"].index)


subjects = st.lists(st.sampled_from(["p-0001", "p-0002", "p-0003"]), max_size=3)
starts = st.integers(min_value=0, max_value=300)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(subjects, starts, st.sampled_from(["ind-job", "ind-hire"])),
                min_size=1, max_size=4))
def test_double_counting_fires_exactly_when_a_subject_repeats_in_overlapping_periods(
    spec: list[tuple[list[str], int, str]],
) -> None:
    base = dt.date(2026, 1, 1)
    items = []
    for n, (people, offset, indicator) in enumerate(spec):
        start = base + dt.timedelta(days=offset)
        items.append(fx.item(f"e-{n}", "c", indicator, "1", subjects=tuple(people),
                             period=Period(start=start, end=start + dt.timedelta(days=60))))
    ctx = CheckContext(catalogue=fx.catalogue(),
                       evidence_reports=(fx.report(items=tuple(items)),))
    fired = "quality.double-counted-subject" in rule_ids(check_context(ctx))
    expected = False
    for i, a in enumerate(items):
        if len(set(a.subjects)) < len(a.subjects):
            expected = True
        for b in items[:i]:
            if set(a.subjects) & set(b.subjects) and a.period.overlaps(b.period):
                expected = True
    assert fired == expected


def test_overlapping_commitments_reported_once_per_pair_of_indicators() -> None:
    extra = [fx.commitment(f"c-hire-{n}", "ind-hire", "1") for n in range(5)]
    found = [f for f in check(*contract(bid=fx.bid(*extra)))
             if f.rule_id == "quality.overlapping-commitments"]
    assert len(found) == 1
    assert found[0].params["group"] == "grp-work"
    assert {found[0].params["indicator"], found[0].params["other_indicator"]} == {
        "ind-job", "ind-hire"}
