"""A small, clean contract for the quality-check and verification tests.

``catalogue()``, ``tender()``, ``bid()`` and ``report()`` build one consistent set of
documents on which the quality checks find nothing (``test_clean_contract_has_no_findings``
keeps it that way). A test changes one thing with the ``with_*`` helpers and expects
exactly the rule it is about. Figures are illustrative, not sourced.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from sroi_core.documents import dump_document
from sroi_core.model import (
    AdjustmentDefaults,
    Area,
    Bid,
    Catalogue,
    Commitment,
    Document,
    DocumentRef,
    EngineInfo,
    Evidence,
    EvidenceDocument,
    EvidenceReport,
    EvidenceRules,
    FteNorm,
    Indicator,
    LineValue,
    LocalizedText,
    Money,
    Organisation,
    OrganisationId,
    Outcome,
    Period,
    ProxyValue,
    Quantity,
    Scope,
    ScoringRules,
    Source,
    StatusChange,
    Tender,
    TenderIndicator,
    Theme,
    Total,
    Totals,
    Valuation,
    ValuationConventions,
    ValuationLine,
    ValueRange,
)

M = TypeVar("M", bound=BaseModel)
UTC = dt.UTC
CATALOGUE_REF = DocumentRef(id="test-catalogue", version="1.0")
SUPPLIER = Organisation(
    identifier=OrganisationId(scheme="NL-KVK", id="12345678"), name="Supplier BV"
)
BUYER = Organisation(
    identifier=OrganisationId(scheme="NL-KVK", id="87654321"), name="Gemeente Voorbeeld"
)
SOURCE = Source(title="Illustrative figures for tests", publisher="sroi_core tests", year=2025)


def text(value: str) -> LocalizedText:
    return LocalizedText(en=value)


def period(start: str, end: str) -> Period:
    return Period(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


def at(day: int, hour: int = 9) -> dt.datetime:
    """A fixed, timezone-aware moment in March 2026."""
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=UTC)


def _indicator(
    indicator_id: str,
    outcome: str,
    *,
    kind: str = "outcome",
    unit: str = "person",
    evidence: tuple[str, ...] = ("payroll-record", "employment-contract"),
    minimum: str = "documentary",
    max_years: int = 3,
    group: str | None = None,
    first_year_only: bool = False,
    monetised: bool = True,
    theme: str = "work-participation",
) -> Indicator:
    data: dict[str, Any] = {
        "id": indicator_id,
        "outcome": outcome,
        "theme": theme,
        "kind": kind,
        "label": text(indicator_id),
        "definition": text(f"definition of {indicator_id}"),
        "unit": unit,
        "measurement_method": text("counted from the evidence"),
        "evidence_requirements": evidence,
        "minimum_verification": minimum,
        "adjustments": AdjustmentDefaults(
            deadweight="0.3", attribution="0.1", displacement="0.05", drop_off="0.2",
            max_duration_years=max_years, rationale=text("illustrative defaults"),
        ),
        "monetisation": "monetised" if monetised else "not-monetised",
        "first_year_only": first_year_only,
    }
    if not monetised:
        data["not_monetised_reason"] = text("no citable value")
    if group is not None:
        data["double_counting_group"] = group
    return Indicator(**data)


def _proxy(proxy_id: str, indicator: str, basis: str, value: str, unit: str) -> ProxyValue:
    return ProxyValue(
        id=proxy_id, indicator=indicator, valuation_basis=basis,
        value=ValueRange(central=value), currency="EUR", per_unit=unit, price_year=2025,
        source=SOURCE, scope=Scope(country="NL"), effective_from=dt.date(2025, 1, 1),
        licence="CC0-1.0",
    )


def catalogue() -> Catalogue:
    """Indicators: ind-job (group work), ind-hire (group work, first year only),
    ind-work-years (FTE-years), ind-training-hours (output, credits only), ind-diploma
    (not monetised, third-party minimum)."""
    return Catalogue(
        standard_version="1.0", id=CATALOGUE_REF.id, version="1.0", title=text("Test catalogue"),
        publisher="sroi_core tests", published=dt.date(2025, 12, 1),
        conventions=ValuationConventions(discount_rate="0.035"),
        fte_norm=FteNorm(hours_per_fte_year="1600", source=SOURCE),
        themes=(
            Theme(id="work-participation", label=text("Work")),
            Theme(id="skills-education", label=text("Skills")),
        ),
        outcomes=(
            Outcome(id="out-work", theme="work-participation", label=text("In work")),
            Outcome(id="out-work-years", theme="work-participation", label=text("Work years")),
            Outcome(id="out-skills", theme="skills-education", label=text("Skills")),
            Outcome(id="out-training", theme="skills-education", label=text("Training given")),
        ),
        indicators=(
            _indicator("ind-job", "out-work", group="grp-work"),
            _indicator("ind-hire", "out-work", group="grp-work", first_year_only=True),
            _indicator("ind-work-years", "out-work-years", unit="fte-year",
                       evidence=("payroll-record",)),
            _indicator("ind-training-hours", "out-training", kind="output", unit="hour",
                       evidence=("attendance-record", "self-declaration"),
                       minimum="self-declared", theme="skills-education"),
            _indicator("ind-diploma", "out-skills", unit="person",
                       evidence=("diploma", "register-extract"), minimum="third-party",
                       monetised=False, theme="skills-education"),
        ),
        proxy_values=(
            _proxy("pv-job-fiscal", "ind-job", "fiscal", "12000", "person"),
            _proxy("pv-job-wellbeing", "ind-job", "wellbeing", "8000", "person"),
            _proxy("pv-hire", "ind-hire", "fiscal", "10000", "person"),
            _proxy("pv-work-years", "ind-work-years", "economic", "30000", "fte-year"),
            _proxy("pv-training-credit", "ind-training-hours", "obligation-credit", "40", "hour"),
        ),
    )


def tender(**changes: Any) -> Tender:
    """EUR 2,000,000 over 2026-2029 in GM0363, outcomes only, documentary evidence."""
    data: dict[str, Any] = {
        "standard_version": "1.0", "id": "tender-1", "title": text("Test tender"),
        "buyer": BUYER, "catalogue": CATALOGUE_REF,
        "contract_value": Money(amount="2000000", currency="EUR"),
        "period": period("2026-01-01", "2029-12-31"),
        "areas": (Area(code="GM0363"),),
        "indicators": (
            TenderIndicator(indicator="ind-job", target=Quantity(value="20", unit="person")),
            TenderIndicator(indicator="ind-work-years"),
            TenderIndicator(indicator="ind-diploma"),
        ),
        "outcomes_only": True,
        "scoring": ScoringRules(method="relative", social_value_weight="0.3",
                                price_weight="0.7"),
        "evidence_rules": EvidenceRules(minimum_verification="documentary"),
    }
    data.update(changes)
    return Tender(**data)


def commitment(commitment_id: str, indicator: str, value: str, unit: str = "person",
               **changes: Any) -> Commitment:
    data: dict[str, Any] = {
        "id": commitment_id, "indicator": indicator,
        "quantity": Quantity(value=value, unit=unit),
        "period": period("2026-01-01", "2027-12-31"),
        "areas": (Area(code="WK036301"),),
    }
    data.update(changes)
    return Commitment(**data)


def bid(*extra: Commitment, **changes: Any) -> Bid:
    """Commitments c-job (15 persons, 2 years), c-years (10 FTE-years), c-diploma (10)."""
    data: dict[str, Any] = {
        "standard_version": "1.0", "id": "bid-1", "tender": DocumentRef(id="tender-1"),
        "catalogue": CATALOGUE_REF, "supplier": SUPPLIER, "submitted": dt.date(2025, 11, 1),
        "commitments": (
            commitment("c-job", "ind-job", "15", duration_years=2),
            commitment("c-years", "ind-work-years", "10", unit="fte-year"),
            commitment("c-diploma", "ind-diploma", "10"),
            *extra,
        ),
    }
    data.update(changes)
    return Bid(**data)


def doc(kind: str, reference: str = "ref-1") -> EvidenceDocument:
    return EvidenceDocument(type=kind, reference=reference)


def item(item_id: str, commitment_id: str, indicator: str, value: str, unit: str = "person",
         **changes: Any) -> Evidence:
    data: dict[str, Any] = {
        "id": item_id, "commitment": commitment_id, "indicator": indicator,
        "quantity": Quantity(value=value, unit=unit),
        "period": period("2026-01-01", "2026-06-30"),
        "areas": (Area(code="BU03630100"),),
        "documents": (doc("payroll-record"),),
    }
    data.update(changes)
    return Evidence(**data)


def verified_history() -> tuple[StatusChange, ...]:
    return (
        StatusChange(status="submitted", at=at(1), by="supplier"),
        StatusChange(status="verified", at=at(5), by="buyer"),
    )


def report(*extra: Evidence, **changes: Any) -> EvidenceReport:
    """Items e-job (3 persons, submitted), e-years (2 FTE-years, verified), e-diploma."""
    data: dict[str, Any] = {
        "standard_version": "1.0", "id": "report-1", "tender": DocumentRef(id="tender-1"),
        "bid": DocumentRef(id="bid-1"), "catalogue": CATALOGUE_REF, "supplier": SUPPLIER,
        "period": period("2026-01-01", "2026-06-30"),
        "items": (
            item("e-job", "c-job", "ind-job", "3", subjects=("p-0001", "p-0002", "p-0003")),
            item("e-years", "c-years", "ind-work-years", "2", unit="fte-year",
                 status="verified", history=verified_history()),
            item("e-diploma", "c-diploma", "ind-diploma", "2", subjects=("p-0004", "p-0005"),
                 documents=(doc("diploma"), doc("register-extract", "ref-2"))),
            *extra,
        ),
    }
    data.update(changes)
    return EvidenceReport(**data)


def _changed(model: M, changes: dict[str, Any]) -> M:
    """A validated copy of ``model`` with ``changes`` (fields set before stay set)."""
    data = {name: getattr(model, name) for name in model.model_fields_set}
    data.update(changes)
    return type(model)(**data)


def with_commitment(document: Bid, index: int, **changes: Any) -> Bid:
    """The bid with commitment ``index`` changed."""
    items = list(document.commitments)
    items[index] = _changed(items[index], changes)
    return _changed(document, {"commitments": tuple(items)})


def with_item(document: EvidenceReport, index: int, **changes: Any) -> EvidenceReport:
    """The report with item ``index`` changed."""
    items = list(document.items)
    items[index] = _changed(items[index], changes)
    return _changed(document, {"items": tuple(items)})


def write(folder: Path, name: str, document: Document) -> Path:
    """Write ``document`` in canonical form and return its path."""
    path = folder / name
    path.write_text(dump_document(document), encoding="utf-8")
    return path


def line(line_id: str, status: str, *, counted: bool, value: str = "0",
         basis: str = "fiscal") -> ValuationLine:
    """A valuation line for indicator ind-job with one proxy value of present value ``value``."""
    values = ()
    if value != "0":
        values = (LineValue(
            proxy_value="pv-job-fiscal", valuation_basis=basis, proxy_per_unit="12000",
            rebased_per_unit="12000", gross=value, after_deadweight=value,
            after_attribution=value, net_annual=value, year_values=(value,),
            present_value=value,
        ),)
    return ValuationLine(
        line_id=line_id, indicator="ind-job", outcome="out-work", theme="work-participation",
        status=status, counted=counted, quantity=Quantity(value="1", unit="person"),
        deadweight="0.3", attribution="0.1", displacement="0.05", drop_off="0.2",
        duration_years=1, values=values,
    )


def valuation(*lines: ValuationLine, subject_type: str = "evidenceReport",
              outcome_value: str = "0", by_basis: tuple[Total, ...] = (),
              by_indicator: tuple[Total, ...] = ()) -> Valuation:
    subject = "report-1" if subject_type == "evidenceReport" else "bid-1"
    return Valuation(
        standard_version="1.0", id="valuation-1", subject=DocumentRef(id=subject),
        subject_type=subject_type, catalogue=CATALOGUE_REF,
        engine=EngineInfo(name="test", version="0"), input_sha256="0" * 64,
        conventions=ValuationConventions(discount_rate="0.035"), currency="EUR",
        lines=lines,
        totals=Totals(outcome_value=outcome_value, obligation_credit="0",
                      not_counted_value="0", by_basis=by_basis, by_indicator=by_indicator),
    )


def total(key: str, family: str, value: str = "100") -> Total:
    return Total(key=key, family=family, present_value=value, lines=1)
