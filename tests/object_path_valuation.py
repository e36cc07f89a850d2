"""The per-object document valuation as it was before the columnar path: the tests' oracle.

``tests/test_valuation_columns.py`` compares :func:`sroi_core.valuation.document.value_document`
with this module's :func:`value_document` on every example, pilot and conformance document
and on generated bids and evidence reports. Only what the columnar path rewrote is kept
here in its former per-object form (line resolution, kernel rows, totals, break-evens,
the input digest, the comparison, the 2.0 perspectives); what it did not change is
imported from the package, so the oracle tests the rewrite and nothing is written twice.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, get_args

import numpy as np

from sroi_core import canonical
from sroi_core._decimal import exact_context, from_cents, round_cent, to_cents
from sroi_core._gc import gc_paused
from sroi_core._version import FROZEN_STANDARD_VERSIONS, __version__
from sroi_core.errors import ValuationError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import (
    DiscountTiming,
    FulfilmentMode,
    Perspective,
    ValuationBasis,
    ValuationFamily,
    VerificationStatus,
)
from sroi_core.model.commitment import Commitment
from sroi_core.model.evidence import ScaleResult
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.indicator import Indicator
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.tender import Tender
from sroi_core.model.types import (
    DocumentRef,
    ObligationCredit,
    OutcomeValue,
    Period,
    Quantity,
)
from sroi_core.model.valuation import (
    BreakEven,
    ComparisonRow,
    EngineInfo,
    LineStatus,
    LineValue,
    PerspectiveScenario,
    PerspectiveSensitivity,
    PerspectiveTotal,
    Scenario,
    ScenarioName,
    Sensitivity,
    Total,
    Totals,
    Valuation,
    ValuationLine,
)
from sroi_core.units import convert
from sroi_core.valuation.anchoring import (
    BaseDate,
    base_date_for,
    contract_years,
    cost_present_value,
    whole_years,
)
from sroi_core.valuation.batch import LineArrays, net_figure_cents, value_lines, year_value_cents
from sroi_core.valuation.denominator import EXPLANATIONS, cost_problem
from sroi_core.valuation.discounting import (
    DiscountSchedule,
    constant,
    discount_factors,
)
from sroi_core.valuation.document import (  # unchanged by the columnar path: shared
    _ADJUSTMENTS,
    _CONTEXT,
    DELIVERY_SCENARIOS,
    DISCOUNT_SCENARIOS,
    ENGINE_NAME,
    FLAG_CREDIT_NOMINAL,
    FLAG_MEAN_CHANGE,
    FLAG_MEAN_CHANGE_MISSING,
    FLAG_MEAN_CHANGE_NOT_POSITIVE,
    FLAG_NOT_COUNTED,
    FLAG_NOT_MONETISED,
    FLAG_PAYMENT_IN_LIEU,
    _check_references,
    _duration,
    _effective_adjustments,
    _investment,
    _notes,
    _notes_2_0,
    _PerspectivePart,
    _price,
    _Priced,
    canonical_json,
    conventions_for,
    is_2_0,
    mean_change_quantity,
    schedule_for,
)
from sroi_core.valuation.line import InvalidLineError, discount_periods
from sroi_core.valuation.sensitivity import (
    Adjustment,
    solve_drop_off,
    solve_multiplicative,
    sroi_ratio,
)
from sroi_core.verification import effective_status


@dataclass(frozen=True)
class _Line:
    """One commitment or evidence item, resolved against the catalogue."""

    line_id: str
    indicator: Indicator
    status: LineStatus
    counted: bool
    quantity: Decimal
    adjustments: tuple[Decimal, Decimal, Decimal, Decimal]
    duration: int
    flags: tuple[str, ...]
    period: Period | None = None
    offset: int = 0
    """Whole periods from the base date to the start of the line's period (2.0; 1.0: 0)."""


@dataclass(frozen=True)
class _Row:
    """One line valued with one proxy value: a row of the batch kernel."""

    line: int
    priced: _Priced

    @property
    def proxy(self) -> ProxyValue:
        return self.priced.proxy

    @property
    def central(self) -> Decimal:
        return self.priced.central

    @property
    def index(self) -> tuple[Decimal, Decimal] | None:
        return self.priced.index

    @property
    def factor(self) -> Decimal | None:
        return self.priced.factor


def _in_unit(quantity: Quantity, indicator: Indicator, catalogue: Catalogue) -> Decimal:
    if quantity.unit == indicator.unit:
        return quantity.value
    return convert(
        quantity.value, quantity.unit, indicator.unit, fte_norm_hours=catalogue.fte_hours()
    )


def _resolve_line(
    line_id: str,
    indicator_id: str,
    quantity: Quantity,
    *,
    status: LineStatus,
    counted: bool,
    commitment: Commitment | None,
    catalogue: Catalogue,
    period: Period | None = None,
) -> _Line:
    indicator = catalogue.indicator(indicator_id)
    adjustments, flags = _effective_adjustments(
        indicator, commitment.adjustments if commitment is not None else None
    )
    duration, duration_flags = _duration(
        indicator, commitment.duration_years if commitment is not None else None
    )
    flags += duration_flags
    if indicator.monetisation == "not-monetised":
        flags += (FLAG_NOT_MONETISED,)
    if status == "payment-in-lieu":
        flags += (FLAG_PAYMENT_IN_LIEU,)
    if not counted:
        flags += (FLAG_NOT_COUNTED,)
    return _Line(
        line_id=line_id,
        indicator=indicator,
        status=status,
        counted=counted,
        quantity=_in_unit(quantity, indicator, catalogue),
        adjustments=adjustments,
        duration=duration,
        flags=flags,
        period=period,
    )


def _bid_lines(bid: Bid, catalogue: Catalogue) -> list[_Line]:
    lines = []
    for commitment in sorted(bid.commitments, key=lambda c: c.id):
        in_lieu = commitment.fulfilment is FulfilmentMode.PAYMENT_IN_LIEU
        status: LineStatus = "payment-in-lieu" if in_lieu else "committed"
        lines.append(
            _resolve_line(
                commitment.id,
                commitment.indicator,
                commitment.quantity,
                status=status,
                counted=not in_lieu,
                commitment=commitment,
                catalogue=catalogue,
                period=commitment.period,
            )
        )
    return lines


def _report_lines(
    report: EvidenceReport, catalogue: Catalogue, bid: Bid | None, *, mean_change: bool = False
) -> list[_Line]:
    commitments = {c.id: c for c in bid.commitments} if bid is not None else {}
    lines = []
    for item in sorted(report.items, key=lambda i: i.id):
        commitment = commitments.get(item.commitment)
        in_lieu = commitment is not None and commitment.fulfilment is FulfilmentMode.PAYMENT_IN_LIEU
        recorded = effective_status(item)  # the history, never a status edited by hand
        status: LineStatus = "payment-in-lieu" if in_lieu else recorded.value
        counted = recorded is VerificationStatus.VERIFIED and not in_lieu
        lines.append(
            _resolve_line(
                item.id,
                item.indicator,
                item.quantity,
                status=status,
                counted=counted,
                commitment=commitment,
                catalogue=catalogue,
                period=item.period,
            )
        )
        if mean_change and lines[-1].indicator.valuation_method == "mean-change":
            lines[-1] = _valued_as_mean_change(lines[-1], item.scale_result)
    return lines


def _rows(
    lines: Sequence[_Line],
    catalogue: Catalogue,
    valuation_year: int | None,
    *,
    assume_price_year: bool = False,
) -> list[_Row]:
    priced: dict[tuple[str, str], _Priced] = {}
    rows = []
    for number, line in enumerate(lines):
        if line.status == "payment-in-lieu" or line.indicator.monetisation == "not-monetised":
            continue
        for proxy in catalogue.proxies_for(line.indicator.id):
            key = (proxy.id, line.indicator.id)
            if key not in priced:
                priced[key] = _price(
                    proxy,
                    line.indicator,
                    catalogue,
                    valuation_year,
                    assume_price_year=assume_price_year,
                )
            rows.append(_Row(number, priced[key]))
    return rows


@dataclass(frozen=True)
class _Kernel:
    """Batch-kernel results of every row: present values and yearly values in cents."""

    pv: Any
    years: Any
    low: Any
    high: Any
    figures: Any
    """Gross, after deadweight, after attribution and net annual of each row, in cents."""


def _arrays(rows: Sequence[_Row], lines: Sequence[_Line]) -> LineArrays:
    has_index = any(row.index is not None for row in rows)
    one = Decimal(1)
    return LineArrays(
        quantity=[lines[row.line].quantity for row in rows],
        proxy_value=[row.central for row in rows],
        deadweight=[lines[row.line].adjustments[0] for row in rows],
        attribution=[lines[row.line].adjustments[1] for row in rows],
        displacement=[lines[row.line].adjustments[2] for row in rows],
        drop_off=[lines[row.line].adjustments[3] for row in rows],
        duration_years=np.array([lines[row.line].duration for row in rows], dtype=np.int64),
        index_from=[row.index[0] if row.index else one for row in rows] if has_index else None,
        index_to=[row.index[1] if row.index else one for row in rows] if has_index else None,
        offset_periods=np.array([lines[row.line].offset for row in rows], dtype=np.int64)
        if any(lines[row.line].offset for row in rows)
        else None,
    )


def _run_kernel(
    rows: Sequence[_Row],
    lines: Sequence[_Line],
    schedule: DiscountSchedule,
    timing: DiscountTiming,
) -> _Kernel:
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return _Kernel(
            empty, np.zeros((0, 1), dtype=np.int64), empty, empty, np.zeros((0, 4), np.int64)
        )
    central = _arrays(rows, lines)
    pv = value_lines(central, schedule, timing).present_value_cents
    years = year_value_cents(central)
    figures = net_figure_cents(central)
    if all(r.priced.low == r.central and r.priced.high == r.central for r in rows):
        return _Kernel(pv, years, pv, pv, figures)
    low = value_lines(central.with_proxy_value([row.priced.low for row in rows]), schedule, timing)
    high = value_lines(
        central.with_proxy_value([row.priced.high for row in rows]), schedule, timing
    )
    return _Kernel(pv, years, low.present_value_cents, high.present_value_cents, figures)


@dataclass(frozen=True)
class _RowResult:
    """Reported figures of one row, whichever path produced them."""

    figures: tuple[Decimal, Decimal, Decimal, Decimal]
    """Gross, after deadweight, after attribution, net annual (rounded to the cent)."""
    years: tuple[Decimal, ...]
    pv: int
    low: int
    high: int
    flags: tuple[str, ...]


def _credit_result(row: _Row, line: _Line) -> _RowResult:
    """An obligation credit: quantity x credit value, as the issuing region counts it.

    Credits count effort toward a quota in the contract period; they are not a stream of
    future welfare, so no deadweight, attribution, displacement, drop-off, duration or
    discounting applies (docs/valuation-method.md §12.7).
    """
    amount = round_cent(_CONTEXT.multiply(line.quantity, row.central))  # credits are never rebased
    cents = to_cents(amount)
    return _RowResult(
        (amount, amount, amount, amount),
        (amount,),
        cents,
        cents,
        cents,
        (*row.priced.flags, FLAG_CREDIT_NOMINAL),
    )


class LineTooLargeError(ValuationError):
    """A line whose value does not fit the engine's integer cents (code value-too-large).

    ``pointer`` is the JSON pointer of the line's quantity in the valued document (set by
    :meth:`located`), so a command can name file, place and what was expected.
    """

    code = "value-too-large"

    def __init__(self, line_id: str, where: str = "", pointer: str = "") -> None:
        self.line_id = line_id
        self.pointer = pointer
        super().__init__(
            f"{where}line {line_id}: the value is too large to compute to the cent (expected "
            "a quantity and proxy value whose product stays below 92,233,720,368,547,758.07)"
        )

    def located(self, subject: Bid | EvidenceReport) -> LineTooLargeError:
        """The same error naming the document and the pointer of the line's quantity."""
        key = "commitments" if isinstance(subject, Bid) else "items"
        ids = [c.id for c in subject.commitments] if isinstance(subject, Bid) else [
            i.id for i in subject.items
        ]
        n = ids.index(self.line_id) if self.line_id in ids else None
        pointer = f"/{key}/{n}/quantity" if n is not None else ""
        where = f"{subject.document_type} {subject.id}" + (f" at {pointer}" if pointer else "")
        return LineTooLargeError(self.line_id, f"{where}, ", pointer)


def _row_results(
    rows: Sequence[_Row],
    lines: Sequence[_Line],
    schedule: DiscountSchedule,
    timing: DiscountTiming,
) -> list[_RowResult]:
    """Figures of every row: outcome rows through the batch kernel, credits nominally."""
    outcome_positions = [
        position
        for position, row in enumerate(rows)
        if row.proxy.valuation_basis.family is ValuationFamily.OUTCOME_VALUE
    ]
    try:
        kernel = _run_kernel([rows[p] for p in outcome_positions], lines, schedule, timing)
    except InvalidLineError as error:
        if error.index is None or error.code != LineTooLargeError.code:
            raise
        raise LineTooLargeError(lines[rows[outcome_positions[error.index]].line].line_id) from None
    results: list[_RowResult | None] = [None] * len(rows)
    # The reported gross, after-deadweight, after-attribution and net figures of every
    # row at once, to the cent of the reference path (net_figure_cents proves or
    # recomputes each one).
    figure_cents = kernel.figures.tolist()
    year_cents = kernel.years.tolist()
    pv, low, high = kernel.pv.tolist(), kernel.low.tolist(), kernel.high.tolist()
    for k, position in enumerate(outcome_positions):
        row = rows[position]
        line = lines[row.line]
        gross, after_deadweight, after_attribution, net = figure_cents[k]
        results[position] = _RowResult(
            (
                from_cents(gross),
                from_cents(after_deadweight),
                from_cents(after_attribution),
                from_cents(net),
            ),
            tuple(from_cents(c) for c in year_cents[k][: line.duration]),
            pv[k],
            low[k],
            high[k],
            row.priced.flags,
        )
    for position, row in enumerate(rows):
        if results[position] is None:
            results[position] = _credit_result(row, lines[row.line])
    return [result for result in results if result is not None]


class _Accumulator:
    """Totals by key, one separate sum per valuation family.

    The family is part of every key, so an obligation credit can only ever be added to
    other obligation credits; the headline totals leave as OutcomeValue and
    ObligationCredit amounts, which refuse to be added to each other.
    """

    def __init__(self) -> None:
        self.sums: dict[tuple[str, ValuationFamily], int] = defaultdict(int)
        self.lines: dict[tuple[str, ValuationFamily], set[str]] = defaultdict(set)

    def add(self, key: str, cents: int, family: ValuationFamily, line_id: str) -> None:
        """Add one row's cents to the total of ``key`` within its family."""
        slot = (key, family)
        self.sums[slot] += cents
        self.lines[slot].add(line_id)

    def total(self, key: str, family: ValuationFamily) -> Decimal:
        return from_cents(self.sums.get((key, family), 0))

    def rows(self) -> tuple[Total, ...]:
        return tuple(
            Total.trusted(
                key=key,
                family=family,
                present_value=from_cents(cents),
                lines=len(self.lines[(key, family)]),
            )
            for (key, family), cents in sorted(
                self.sums.items(), key=lambda item: (item[0][0], item[0][1].value)
            )
        )


def input_digest(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    tender: Tender | None,
    bid: Bid | None,
) -> str:
    """SHA-256 of the canonical input: the documents valued, with their lists in id order.

    Sorting the commitment and item lists first makes the digest, like the euros,
    independent of record order. From 2.0 on the digest is also independent of decimal
    notation (:func:`sroi_core.canonical.input_digest`, docs/canonical-form.md); a 1.0
    subject keeps the 1.0 digest below.
    """
    if subject.standard_version not in FROZEN_STANDARD_VERSIONS:
        return canonical.input_digest(subject, catalogue, tender, bid)

    def normal(document: Any) -> Any:
        if document is None:
            return None
        # The standard's JSON form of the document (pydantic's serialiser is the fast way
        # to it; the digest is over sorted keys, so its key order does not matter).
        data = json.loads(
            document.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True),
            parse_float=Decimal,
        )
        for key in ("commitments", "items"):
            if key in data:
                data[key] = sorted(data[key], key=lambda entry: entry["id"])
        return data

    payload = {
        "standardVersion": subject.standard_version,
        "subject": normal(subject),
        "catalogue": normal(catalogue),
        "tender": normal(tender),
        "bid": normal(bid) if bid is not subject else None,
    }
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def _break_evens(
    rows: Sequence[_Row],
    lines: Sequence[_Line],
    schedule: DiscountSchedule,
    timing: DiscountTiming,
    investment: Decimal,
) -> tuple[BreakEven, ...]:
    """Break-even adjustments on exact totals, computed per line in O(lines).

    Equal to :func:`sroi_core.valuation.sensitivity.break_evens` on the same lines (a test
    checks it): a line's exact value is N x S(D, 1 - dropOff) with S the discounted sum of
    the drop-off factors, so totals with one adjustment overridden need no re-valuation.
    """
    context = exact_context()
    longest = max((lines[row.line].duration for row in rows), default=1)
    furthest = max((lines[row.line].offset for row in rows), default=0)
    periods = [discount_periods(timing, year) for year in range(1, furthest + longest + 1)]
    table = discount_factors(schedule, max(periods))
    # factors[o + t - 1]: year t of a line offset by o periods (2.0; o = 0 in 1.0)
    factors = [table[period] for period in periods]
    sums: dict[tuple[int, Decimal, int], Decimal] = {}

    def discounted_sum(years: int, keep: Decimal, offset: int) -> Decimal:
        key = (years, keep, offset)
        if key not in sums:
            total, growth = Decimal(0), Decimal(1)
            for year in range(years):
                total = context.add(total, context.multiply(growth, factors[offset + year]))
                growth = context.multiply(growth, keep)
            sums[key] = total
        return sums[key]

    gross_after: dict[str, Decimal] = {name: Decimal(0) for name in _ADJUSTMENTS[:3]}
    coefficients = [Decimal(0)] * longest
    one = Decimal(1)
    for row in rows:
        line = lines[row.line]
        spec_gross = context.multiply(line.quantity, row.central)
        if row.factor is not None and row.index is not None:
            spec_gross = context.divide(context.multiply(spec_gross, row.index[1]), row.index[0])
        complements = [context.subtract(one, a) for a in line.adjustments[:3]]
        keep = context.subtract(one, line.adjustments[3])
        present = discounted_sum(line.duration, keep, line.offset)
        for skip, name in enumerate(_ADJUSTMENTS[:3]):
            value = spec_gross
            for position, complement in enumerate(complements):
                if position != skip:
                    value = context.multiply(value, complement)
            gross_after[name] = context.add(gross_after[name], context.multiply(value, present))
        net = spec_gross
        for complement in complements:
            net = context.multiply(net, complement)
        for year in range(line.duration):
            coefficients[year] = context.add(
                coefficients[year], context.multiply(net, factors[line.offset + year])
            )
    results = [
        solve_multiplicative(gross_after[name], investment, kind)
        for name, kind in zip(
            _ADJUSTMENTS[:3],
            (Adjustment.DEADWEIGHT, Adjustment.ATTRIBUTION, Adjustment.DISPLACEMENT),
            strict=True,
        )
    ]
    results.append(solve_drop_off(coefficients, investment))
    return tuple(
        BreakEven(
            adjustment=result.adjustment.value,
            value=result.reported,
            note=result.note,
        )
        for result in results
    )


def value_document(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    *,
    tender: Tender | None = None,
    bid: Bid | None = None,
) -> Valuation:
    """The former per-object ``value_document``, same signature (the tests' oracle)."""
    with gc_paused():
        return _value_document(subject, catalogue, tender, bid)


def _value_document(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    tender: Tender | None,
    bid: Bid | None,
) -> Valuation:
    _check_references(subject, catalogue, tender, bid)
    conventions = conventions_for(catalogue, tender)
    schedule = schedule_for(conventions)
    timing = conventions.discount_timing
    currency = conventions.currency
    if isinstance(subject, Bid):
        lines = _bid_lines(subject, catalogue)
        subject_type = "bid"
    else:
        lines = _report_lines(subject, catalogue, bid, mean_change=is_2_0(subject))
        subject_type = "evidenceReport"
    anchor: BaseDate | None = None
    if is_2_0(subject):  # 2.0: one base date; each line offset by its period's start
        anchor = base_date_for(conventions, tender, (ln.period.start for ln in lines if ln.period))
        lines = [_anchored(line, anchor) for line in lines]
    rows = _rows(
        lines, catalogue, conventions.valuation_year, assume_price_year=anchor is not None
    )
    try:
        results = _row_results(rows, lines, schedule, timing)
    except LineTooLargeError as error:
        raise error.located(subject) from None

    values: dict[int, list[LineValue]] = defaultdict(list)
    counted_outcome_rows = []
    # every total in the same single pass over the rows (the line ids count lines once)
    by_status, family_totals = _Accumulator(), _Accumulator()
    by_basis, by_theme, by_outcome, by_indicator = (_Accumulator() for _ in range(4))
    scenario_totals = {name: _Accumulator() for name in ("low", "central", "high")}
    counted: list[tuple[_Row, _RowResult, _Line, ValuationFamily, str]] = []
    for row, result in zip(rows, results, strict=True):
        line = lines[row.line]
        basis: ValuationBasis = row.proxy.valuation_basis
        family = basis.family
        gross, after_dw, after_at, net = result.figures
        values[row.line].append(
            LineValue.trusted(
                proxy_value=row.proxy.id,
                valuation_basis=basis,
                proxy_per_unit=row.central,
                price_index_factor=row.priced.shown_factor,
                rebased_per_unit=row.priced.shown_per_unit,
                gross=gross,
                after_deadweight=after_dw,
                after_attribution=after_at,
                net_annual=net,
                year_values=result.years,
                present_value=from_cents(result.pv),
                flags=result.flags,
            )
        )
        line_id = line.line_id
        by_status.add(line.status, result.pv, family, line_id)
        family_totals.add(
            "counted" if line.counted else "not-counted", result.pv, family, line_id
        )
        if line.counted:
            counted.append((row, result, line, family, basis.value))
            if family is ValuationFamily.OUTCOME_VALUE:
                counted_outcome_rows.append(row)
            indicator = line.indicator
            by_basis.add(basis.value, result.pv, family, line_id)
            by_theme.add(indicator.theme, result.pv, family, line_id)
            by_outcome.add(indicator.outcome, result.pv, family, line_id)
            by_indicator.add(indicator.id, result.pv, family, line_id)
            scenario_totals["low"].add("total", result.low, family, line_id)
            scenario_totals["central"].add("total", result.pv, family, line_id)
            scenario_totals["high"].add("total", result.high, family, line_id)

    valuation_lines = tuple(
        ValuationLine.trusted(
            line_id=line.line_id,
            indicator=line.indicator.id,
            outcome=line.indicator.outcome,
            theme=line.indicator.theme,
            status=line.status,
            counted=line.counted,
            quantity=Quantity.trusted(value=line.quantity, unit=line.indicator.unit),
            deadweight=line.adjustments[0],
            attribution=line.adjustments[1],
            displacement=line.adjustments[2],
            drop_off=line.adjustments[3],
            duration_years=line.duration,
            values=tuple(values[number]),
            flags=line.flags,
            offset_periods=line.offset if anchor is not None else None,
        )
        for number, line in enumerate(lines)
    )
    comparison: tuple[ComparisonRow, ...] = ()
    if isinstance(subject, EvidenceReport) and bid is not None:
        committed_valuation = value_document(bid, catalogue, tender=tender)
        comparison = _comparison(committed_valuation, lines, rows, results)
    outcome = ValuationFamily.OUTCOME_VALUE
    envelope: dict[str, Any] = {  # what both methods' valuations say about their inputs
        "standard_version": subject.standard_version,
        "document_type": "valuation",
        **subject.procurement_links(),
        "id": f"valuation-{subject.id}"[:128],
        "subject": DocumentRef(id=subject.id),
        "subject_type": subject_type,
        "catalogue": DocumentRef(id=catalogue.id, version=catalogue.version),
        "engine": EngineInfo(name=ENGINE_NAME, version=__version__),
        "input_sha256": input_digest(subject, catalogue, tender, bid),
        "conventions": conventions,
        "currency": currency,
    }
    if anchor is not None:  # 2.0: per perspective, never summed; a ratio only over the cost
        part = _perspectives_2_0(
            [(row, result, line) for row, result, line, family, _ in counted if family is outcome],
            lines,
            schedule,
            timing,
            currency=currency,
            subject=subject,
            tender=tender,
            bid=bid,
            anchor=anchor,
        )
        return Valuation(
            **envelope,
            base_date=anchor.date,
            base_date_source=anchor.source,
            incremental_cost=part.cost,
            incremental_cost_present_value=part.cost_present_value,
            contract_value=tender.contract_value if tender is not None else None,
            lines=valuation_lines,
            totals=Totals(
                by_perspective=part.totals,
                obligation_credit=family_totals.total("counted", ValuationFamily.OBLIGATION_CREDIT),
                not_counted_value=family_totals.total("not-counted", outcome),
                by_basis=by_basis.rows(),
                by_theme=by_theme.rows(),
                by_outcome=by_outcome.rows(),
                by_indicator=by_indicator.rows(),
                by_status=by_status.rows(),
            ),
            sensitivity=Sensitivity(by_perspective=part.sensitivity),
            comparison=comparison,
            notes=_notes(conventions, schedule, catalogue.default_price_index is not None)
            + part.notes,
        )
    headline_outcome = OutcomeValue(
        amount=family_totals.total("counted", outcome), currency=currency
    )
    headline_credit = ObligationCredit(
        amount=family_totals.total("counted", ValuationFamily.OBLIGATION_CREDIT), currency=currency
    )
    outcome_value = headline_outcome.amount
    investment = _investment(subject, tender, bid)
    ratio = None
    scenarios = []
    break_even: tuple[BreakEven, ...] = ()
    usable_investment = (
        investment is not None and investment.amount > 0 and investment.currency == currency
    )
    for name in ("low", "central", "high"):
        total = scenario_totals[name].total("total", outcome)
        scenarios.append(
            Scenario(
                name=name,
                outcome_value=total,
                sroi_ratio=sroi_ratio(total, investment.amount)
                if usable_investment and investment is not None
                else None,
            )
        )
    if usable_investment and investment is not None:
        ratio = sroi_ratio(outcome_value, investment.amount)
        if counted_outcome_rows:
            break_even = _break_evens(
                counted_outcome_rows, lines, schedule, timing, investment.amount
            )
    return Valuation(
        **envelope,
        investment=investment,
        sroi_ratio=ratio,
        lines=valuation_lines,
        totals=Totals(
            outcome_value=outcome_value,
            obligation_credit=headline_credit.amount,
            not_counted_value=family_totals.total("not-counted", outcome),
            by_basis=by_basis.rows(),
            by_theme=by_theme.rows(),
            by_outcome=by_outcome.rows(),
            by_indicator=by_indicator.rows(),
            by_status=by_status.rows(),
        ),
        sensitivity=Sensitivity(scenarios=tuple(scenarios), break_even=break_even),
        comparison=comparison,
        notes=_notes(conventions, schedule, catalogue.default_price_index is not None),
    )


def _comparison(
    committed: Valuation,
    lines: Sequence[_Line],
    rows: Sequence[_Row],
    results: Sequence[_RowResult],
) -> tuple[ComparisonRow, ...]:
    """Committed (bid) versus verified and unverified (report) value per indicator."""
    outcome = ValuationFamily.OUTCOME_VALUE
    promised = {
        t.key: t.present_value for t in committed.totals.by_indicator if t.family is outcome
    }
    verified: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    unverified: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for row, result in zip(rows, results, strict=True):
        line = lines[row.line]
        if row.proxy.valuation_basis.family is not outcome:
            continue
        amount = from_cents(result.pv)
        if line.status == "verified":
            verified[line.indicator.id] += amount
        elif line.status == "submitted":
            unverified[line.indicator.id] += amount
    keys = sorted({*promised, *verified, *unverified})
    return tuple(
        ComparisonRow(
            indicator=key,
            family=outcome,
            committed=promised.get(key, Decimal("0.00")),
            verified=verified[key],
            unverified=unverified[key],
        )
        for key in keys
    )


# --- standard 2.0: anchored discounting, perspectives apart, a ratio over the cost --------


def _anchored(line: _Line, anchor: BaseDate) -> _Line:
    """The line offset by whole years from the base date to the start of its period."""
    if line.period is None:
        return line
    return replace(line, offset=whole_years(anchor.date, line.period.start))


def _perspectives_2_0(
    counted: Sequence[tuple[_Row, _RowResult, _Line]],
    lines: Sequence[_Line],
    schedule: DiscountSchedule,
    timing: DiscountTiming,
    *,
    currency: str,
    subject: Bid | EvidenceReport,
    tender: Tender | None,
    bid: Bid | None,
    anchor: BaseDate,
) -> _PerspectivePart:
    """Totals, ratios and sensitivity per perspective; never a sum across perspectives."""
    source_bid = subject if isinstance(subject, Bid) else bid
    cost = source_bid.incremental_cost if source_bid is not None else None
    contract = tender.contract_value if tender is not None else None
    problem = cost_problem(cost, contract, currency)
    usable = problem is None
    why_not = EXPLANATIONS[problem][0] if problem is not None else ""
    cost_pv: Decimal | None = None
    if usable and cost is not None:
        years = contract_years(tender.period) if tender is not None else 1
        offset = whole_years(anchor.date, tender.period.start) if tender is not None else 0
        cost_pv = cost_present_value(cost.amount, years, offset, schedule, timing)
        usable = cost_pv > 0
    per_contract = contract is not None and contract.currency == currency and contract.amount > 0

    def ratios(pv: Decimal) -> tuple[Decimal | None, Decimal | None]:
        if usable and cost_pv is not None:
            return sroi_ratio(pv, cost_pv), None
        if per_contract and contract is not None:
            return None, sroi_ratio(pv, contract.amount)
        return None, None

    rows = [row for row, _, _ in counted]
    scenario_cents: dict[str, list[int]] = {
        "central": [r.pv for _, r, _ in counted],
        "low": [r.low for _, r, _ in counted],
        "high": [r.high for _, r, _ in counted],
    }
    if rows:
        for name, share in DELIVERY_SCENARIOS:
            scaled = [replace(ln, quantity=ln.quantity * share) for ln in lines]
            scenario_cents[name] = [int(c) for c in _run_kernel(rows, scaled, schedule, timing).pv]
        short = [replace(ln, duration=1) for ln in lines]
        scenario_cents["duration-one-year"] = [
            int(c) for c in _run_kernel(rows, short, schedule, timing).pv
        ]
        for name, rate in DISCOUNT_SCENARIOS:
            scenario_cents[name] = [
                int(c) for c in _run_kernel(rows, lines, constant(rate), timing).pv
            ]
    order = get_args(ScenarioName)  # the scenarios in the order the schema lists them
    minimum = tender.minimum_social_value if tender is not None else None
    totals = []
    sensitivity = []
    for perspective in Perspective:
        mine = [
            k
            for k, (row, _, _) in enumerate(counted)
            if row.proxy.valuation_basis.perspective is perspective
        ]
        if not mine:
            continue
        pv = from_cents(sum(scenario_cents["central"][k] for k in mine))
        ratio, per_euro = ratios(pv)
        totals.append(
            PerspectiveTotal(
                perspective=perspective,
                present_value=pv,
                lines=len({counted[k][2].line_id for k in mine}),
                sroi_ratio=ratio,
                value_per_contract_euro=per_euro,
            )
        )
        scenarios = []
        for name in order:
            if name not in scenario_cents:
                continue
            value = from_cents(sum(scenario_cents[name][k] for k in mine))
            scenarios.append(
                PerspectiveScenario(name=name, present_value=value, sroi_ratio=ratios(value)[0])
            )
        own_rows = [rows[k] for k in mine]
        break_even = (
            _break_evens(own_rows, lines, schedule, timing, cost_pv)
            if usable and cost_pv is not None
            else ()
        )
        switching = (
            _break_evens(own_rows, lines, schedule, timing, minimum.amount)
            if minimum is not None and minimum.currency == currency and minimum.amount > 0
            else ()
        )
        sensitivity.append(
            PerspectiveSensitivity(
                perspective=perspective,
                scenarios=tuple(scenarios),
                break_even=break_even,
                switching_values=switching,
            )
        )
    return _PerspectivePart(
        tuple(totals),
        tuple(sensitivity),
        cost,
        cost_pv,
        _notes_2_0(anchor, usable, why_not, per_contract),
    )


def _valued_as_mean_change(line: _Line, result: ScaleResult | None) -> _Line:
    """The line of a mean-change indicator with its quantity from the scale result."""
    if result is None:  # nothing to value: a count of people is not a change on a scale
        return replace(line, quantity=Decimal(0), flags=(*line.flags, FLAG_MEAN_CHANGE_MISSING))
    quantity = mean_change_quantity(result)
    if quantity <= 0:
        return replace(
            line,
            quantity=Decimal(0),
            flags=(*line.flags, FLAG_MEAN_CHANGE, FLAG_MEAN_CHANGE_NOT_POSITIVE),
        )
    return replace(line, quantity=quantity, flags=(*line.flags, FLAG_MEAN_CHANGE))


