"""Valuing a bid (ex ante) or an evidence report (ex post) against its catalogue.

This is the document API of the engine. It turns each commitment or evidence item into
one kernel row per proxy value, values all rows at once with the batch kernel (which
equals the reference path to the cent), and assembles a ``valuation`` document that
explains every figure and keeps outcome values and obligation credits apart.

Rules applied here (normative, docs/valuation-method.md §12):

* adjustments are the catalogue's defaults; a supplier's claimed figure is used only
  where it is *stricter* (higher), so a claim can never raise a value;
* the benefit duration is the commitment's, capped by the indicator's maximum, and one
  year for ``firstYearOnly`` indicators; an evidence item without its bid gets one year;
* only counted lines enter the totals: commitments in a bid, *verified* evidence items in
  a report; payment in lieu is never counted and carries no value;
* proxies are rebased to the valuation year with the catalogue's price index; a proxy
  without a price year is used as published and flagged, never guessed;
* obligation credits are nominal (quantity x credit value: no adjustments, duration,
  discounting or rebasing) and are totalled apart from outcome values;
* unit conversions are rounded to 20 decimals and the line shows the number it used;
* lines are valued in id order, so the result does not depend on record order.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import numpy as np

from sroi_core._decimal import exact_context, from_cents, round_cent, to_cents
from sroi_core._version import STANDARD_VERSION, __version__
from sroi_core.errors import CatalogueError, ValuationError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import (
    DiscountTiming,
    FulfilmentMode,
    ValuationBasis,
    ValuationFamily,
    VerificationStatus,
)
from sroi_core.model.commitment import AdjustmentClaim, Commitment
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.indicator import Indicator
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.tender import Tender
from sroi_core.model.types import (
    DocumentRef,
    Money,
    ObligationCredit,
    OutcomeValue,
    Quantity,
)
from sroi_core.model.valuation import (
    BreakEven,
    ComparisonRow,
    EngineInfo,
    LineStatus,
    LineValue,
    Scenario,
    Sensitivity,
    Total,
    Totals,
    Valuation,
    ValuationLine,
)
from sroi_core.units import convert
from sroi_core.valuation.batch import (
    LineArrays,
    net_figure_cents,
    value_lines,
    year_value_cents,
)
from sroi_core.valuation.discounting import (
    DiscountSchedule,
    ScheduleEntry,
    constant,
    discount_factors,
)
from sroi_core.valuation.line import discount_periods
from sroi_core.valuation.sensitivity import (
    Adjustment,
    solve_drop_off,
    solve_multiplicative,
    sroi_ratio,
)

ENGINE_NAME = "sroi_core"

FLAG_CLAIM_IGNORED = "adjustment-claim-below-default-ignored"
FLAG_DURATION_CAPPED = "duration-capped"
FLAG_FIRST_YEAR_ONLY = "first-year-only"
FLAG_DURATION_ASSUMED = "duration-assumed-one-year"
FLAG_NOT_MONETISED = "not-monetised"
FLAG_PAYMENT_IN_LIEU = "payment-in-lieu-not-valued"
FLAG_NOT_REBASED = "not-rebased-no-price-year"
FLAG_NO_INDEX = "not-rebased-no-price-index"
FLAG_TRANSFER = "currency-transfer"
FLAG_NOT_COUNTED = "not-counted"
FLAG_CREDIT_NOMINAL = "obligation-credit-nominal"

_ADJUSTMENTS = ("deadweight", "attribution", "displacement", "drop_off")

FACTOR_STEP = Decimal("1e-10")
PER_UNIT_STEP = Decimal("1e-6")
"""Display precision of the price-index factor and the rebased per-unit value, which are
shown for information only: the calculation uses the index values themselves (method §2).
Quantities and per-unit values are shown exactly as used (at most 20 decimals, §12.3)."""


_CONTEXT = exact_context()
"""For exact steps whose flags nobody reads (factors, display rounding, credits)."""


def conventions_for(catalogue: Catalogue, tender: Tender | None) -> ValuationConventions:
    """The conventions in force: the tender's when it states them, else the catalogue's."""
    if tender is not None and tender.conventions is not None:
        return tender.conventions
    return catalogue.conventions


def schedule_for(conventions: ValuationConventions) -> DiscountSchedule:
    """The discount schedule the conventions describe (a constant rate is one entry)."""
    if conventions.discount_rate is not None:
        return constant(conventions.discount_rate)
    entries = conventions.discount_schedule or ()
    return DiscountSchedule(tuple(ScheduleEntry(e.from_period, e.rate) for e in entries))


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


@dataclass(frozen=True)
class _Priced:
    """A proxy value made ready for one indicator: per-unit values, rebasing, flags.

    Computed once per proxy and shared by every row that uses it.
    """

    proxy: ProxyValue
    central: Decimal
    low: Decimal
    high: Decimal
    index: tuple[Decimal, Decimal] | None
    factor: Decimal | None
    flags: tuple[str, ...]
    shown_factor: Decimal | None
    shown_per_unit: Decimal


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


def _effective_adjustments(
    indicator: Indicator, claim: AdjustmentClaim | None
) -> tuple[tuple[Decimal, Decimal, Decimal, Decimal], tuple[str, ...]]:
    """Catalogue defaults, raised (never lowered) by the supplier's claimed figures."""
    defaults = indicator.adjustments
    values = []
    ignored = False
    for name in _ADJUSTMENTS:
        default: Decimal = getattr(defaults, name)
        claimed: Decimal | None = getattr(claim, name) if claim is not None else None
        if claimed is None:
            values.append(default)
        elif claimed >= default:
            values.append(claimed)
        else:
            values.append(default)
            ignored = True
    flags = (FLAG_CLAIM_IGNORED,) if ignored else ()
    return (values[0], values[1], values[2], values[3]), flags


def _duration(indicator: Indicator, claimed: int | None) -> tuple[int, tuple[str, ...]]:
    if indicator.first_year_only:
        return 1, ((FLAG_FIRST_YEAR_ONLY,) if claimed not in (None, 1) else ())
    if claimed is None:
        return 1, (FLAG_DURATION_ASSUMED,)
    cap = indicator.adjustments.max_duration_years
    if claimed > cap:
        return cap, (FLAG_DURATION_CAPPED,)
    return claimed, ()


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
            )
        )
    return lines


def _report_lines(report: EvidenceReport, catalogue: Catalogue, bid: Bid | None) -> list[_Line]:
    commitments = {c.id: c for c in bid.commitments} if bid is not None else {}
    lines = []
    for item in sorted(report.items, key=lambda i: i.id):
        commitment = commitments.get(item.commitment)
        in_lieu = commitment is not None and commitment.fulfilment is FulfilmentMode.PAYMENT_IN_LIEU
        status: LineStatus = "payment-in-lieu" if in_lieu else item.status.value
        counted = item.status is VerificationStatus.VERIFIED and not in_lieu
        lines.append(
            _resolve_line(
                item.id,
                item.indicator,
                item.quantity,
                status=status,
                counted=counted,
                commitment=commitment,
                catalogue=catalogue,
            )
        )
    return lines


def _per_indicator_unit(
    value: Decimal, proxy: ProxyValue, indicator: Indicator, catalogue: Catalogue
) -> Decimal:
    """A proxy value per the indicator's unit (method §12.3: converted like a quantity).

    P per proxy unit is P x (proxy units in one indicator unit): the same arithmetic, and
    the same rounding to 20 decimals, as converting a quantity of P indicator units.
    """
    if proxy.per_unit == indicator.unit:
        return value
    return convert(value, indicator.unit, proxy.per_unit, fte_norm_hours=catalogue.fte_hours())


def _price(
    proxy: ProxyValue, indicator: Indicator, catalogue: Catalogue, valuation_year: int | None
) -> _Priced:
    """Per-unit values in the indicator's unit, and the rebasing to the valuation year."""
    if proxy.currency != catalogue.conventions.currency:
        raise CatalogueError(
            f"proxy value {proxy.id} is in {proxy.currency}, not {catalogue.conventions.currency}"
        )
    series = catalogue.price_index() if valuation_year is not None else None
    range_ = proxy.value
    central = _per_indicator_unit(range_.central, proxy, indicator, catalogue)
    low, high = (
        central if bound is None else _per_indicator_unit(bound, proxy, indicator, catalogue)
        for bound in (range_.low, range_.high)
    )
    flags: tuple[str, ...] = (FLAG_TRANSFER,) if proxy.transfer is not None else ()
    index = None
    factor = None
    is_credit = proxy.valuation_basis.family is ValuationFamily.OBLIGATION_CREDIT
    needs_rebase = (
        valuation_year is not None
        and not is_credit
        and proxy.price_year is not None
        and proxy.price_year != valuation_year
    )
    if needs_rebase and series is None:
        flags += (FLAG_NO_INDEX,)
    elif series is not None and valuation_year is not None and not is_credit:
        if proxy.price_year is None:
            flags += (FLAG_NOT_REBASED,)
        elif proxy.price_year != valuation_year:
            try:
                index = (series.value_in(proxy.price_year), series.value_in(valuation_year))
            except ValuationError as error:
                raise ValuationError(
                    f"cannot rebase proxy value {proxy.id} (price year "
                    f"{proxy.price_year}) to {valuation_year}: {error}",
                    code=error.code,
                ) from None
            factor = _CONTEXT.divide(index[1], index[0])
    shown_factor = None
    shown_per_unit = central
    if factor is not None:
        shown_factor = factor.quantize(FACTOR_STEP, ROUND_HALF_EVEN, _CONTEXT)
        shown_per_unit = _CONTEXT.multiply(central, factor).quantize(
            PER_UNIT_STEP, ROUND_HALF_EVEN, _CONTEXT
        )
    return _Priced(proxy, central, low, high, index, factor, flags, shown_factor, shown_per_unit)


def _rows(lines: Sequence[_Line], catalogue: Catalogue, valuation_year: int | None) -> list[_Row]:
    priced: dict[tuple[str, str], _Priced] = {}
    rows = []
    for number, line in enumerate(lines):
        if line.status == "payment-in-lieu" or line.indicator.monetisation == "not-monetised":
            continue
        for proxy in catalogue.proxies_for(line.indicator.id):
            key = (proxy.id, line.indicator.id)
            if key not in priced:
                priced[key] = _price(proxy, line.indicator, catalogue, valuation_year)
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
    kernel = _run_kernel([rows[p] for p in outcome_positions], lines, schedule, timing)
    results: list[_RowResult | None] = [None] * len(rows)
    # The reported gross, after-deadweight, after-attribution and net figures of every
    # row at once, to the cent of the reference path (net_figure_cents proves or
    # recomputes each one).
    figure_cents = kernel.figures.tolist()
    year_cents = kernel.years.tolist()
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
            int(kernel.pv[k]),
            int(kernel.low[k]),
            int(kernel.high[k]),
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

    @classmethod
    def of(cls, entries: Iterable[tuple[str, int, ValuationFamily, str]]) -> _Accumulator:
        """Totals of (key, cents, family, line id) entries."""
        accumulator = cls()
        sums, lines = accumulator.sums, accumulator.lines
        for key, cents, family, line_id in entries:
            slot = (key, family)
            sums[slot] += cents
            lines[slot].add(line_id)
        return accumulator

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


def canonical_json(data: Any) -> bytes:
    """Canonical bytes of JSON data: sorted keys, no spaces, UTF-8 (for hashing)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def input_digest(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    tender: Tender | None,
    bid: Bid | None,
) -> str:
    """SHA-256 of the canonical input: the documents valued, with their lists in id order.

    Sorting the commitment and item lists first makes the digest, like the euros,
    independent of record order.
    """

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
        "standardVersion": STANDARD_VERSION,
        "subject": normal(subject),
        "catalogue": normal(catalogue),
        "tender": normal(tender),
        "bid": normal(bid) if bid is not subject else None,
    }
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def _investment(
    subject: Bid | EvidenceReport, tender: Tender | None, bid: Bid | None
) -> Money | None:
    source_bid = subject if isinstance(subject, Bid) else bid
    if source_bid is not None and source_bid.investment is not None:
        return source_bid.investment
    if tender is not None:
        return tender.contract_value
    if source_bid is not None:
        return source_bid.bid_price
    return None


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
    periods = [discount_periods(timing, year) for year in range(1, longest + 1)]
    table = discount_factors(schedule, max(periods))
    factors = [table[period] for period in periods]
    sums: dict[tuple[int, Decimal], Decimal] = {}

    def discounted_sum(years: int, keep: Decimal) -> Decimal:
        key = (years, keep)
        if key not in sums:
            total, growth = Decimal(0), Decimal(1)
            for year in range(years):
                total = context.add(total, context.multiply(growth, factors[year]))
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
        present = discounted_sum(line.duration, keep)
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
                coefficients[year], context.multiply(net, factors[year])
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


def _notes(
    conventions: ValuationConventions, schedule: DiscountSchedule, has_index: bool
) -> tuple[str, ...]:
    rates = ", ".join(f"{entry.rate} from period {entry.from_period}" for entry in schedule.entries)
    year = conventions.valuation_year
    if year is None:
        rebasing = "No valuation year is set: proxy values are used at their own price years."
    elif has_index:
        rebasing = (
            f"Proxy values are rebased to price year {year} with the catalogue's price index; "
            "values without a price year are used as published (flagged)."
        )
    else:
        rebasing = (
            f"The valuation year is {year} but the catalogue has no price index: proxy values "
            "of other price years are used unrebased (flagged not-rebased-no-price-index)."
        )
    return (
        "Money is exact decimal until reported; each reported figure is rounded half to even "
        "to the cent; totals are sums of rounded line figures.",
        f"Discounting: {rates}; timing {conventions.discount_timing.value}.",
        rebasing,
        "Outcome values and obligation credits are totalled separately and never summed; "
        "credits are nominal (quantity x credit value: no adjustments, no discounting).",
        "Adjustments are the catalogue's defaults; a supplier's claimed figure is used only "
        "where it is stricter.",
        "Only counted lines (commitments of a bid; verified evidence items) enter the totals; "
        "payment in lieu is never social value.",
    )


def _check_references(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    tender: Tender | None,
    bid: Bid | None,
) -> None:
    """Refuse documents that do not belong together: never value with another's data."""
    problems = []
    if subject.catalogue.id != catalogue.id or subject.catalogue.version not in (
        None,
        catalogue.version,
    ):
        wanted = f"{subject.catalogue.id} {subject.catalogue.version or ''}".strip()
        problems.append(f"it names catalogue {wanted}, not {catalogue.id} {catalogue.version}")
    if tender is not None and subject.tender.id != tender.id:
        problems.append(f"it answers tender {subject.tender.id}, not {tender.id}")
    if isinstance(subject, EvidenceReport) and bid is not None and subject.bid.id != bid.id:
        problems.append(f"it reports on bid {subject.bid.id}, not {bid.id}")
    if problems:
        raise ValuationError(
            f"{subject.document_type} {subject.id} does not belong with the documents given: "
            + "; ".join(problems),
            code="document-mismatch",
        )


def value_document(
    subject: Bid | EvidenceReport,
    catalogue: Catalogue,
    *,
    tender: Tender | None = None,
    bid: Bid | None = None,
) -> Valuation:
    """Value a bid or an evidence report and explain every figure.

    Args:
        subject: The document to value.
        catalogue: The catalogue the document names (the caller resolves it).
        tender: The tender, for its conventions and contract value (the SROI ratio's
            investment), when available.
        bid: For an evidence report: the bid, for durations, claimed adjustments and the
            committed-versus-verified comparison.

    Raises:
        CatalogueError: an indicator or price index the document needs is missing.
        ValuationError: a proxy cannot be rebased (index year missing) or an input is
            outside the method's domain.

    """
    _check_references(subject, catalogue, tender, bid)
    conventions = conventions_for(catalogue, tender)
    schedule = schedule_for(conventions)
    timing = conventions.discount_timing
    currency = conventions.currency
    if isinstance(subject, Bid):
        lines = _bid_lines(subject, catalogue)
        subject_type = "bid"
    else:
        lines = _report_lines(subject, catalogue, bid)
        subject_type = "evidenceReport"
    rows = _rows(lines, catalogue, conventions.valuation_year)
    results = _row_results(rows, lines, schedule, timing)

    values: dict[int, list[LineValue]] = defaultdict(list)
    counted_outcome_rows = []
    all_entries: list[tuple[int, ValuationFamily, str]] = []
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
        all_entries.append((result.pv, family, line.line_id))
        if line.counted:
            counted.append((row, result, line, family, basis.value))
            if family is ValuationFamily.OUTCOME_VALUE:
                counted_outcome_rows.append(row)

    by_status = _Accumulator.of(
        (lines[row.line].status, *entry) for row, entry in zip(rows, all_entries, strict=True)
    )
    family_totals = _Accumulator.of(
        ("counted" if lines[row.line].counted else "not-counted", *entry)
        for row, entry in zip(rows, all_entries, strict=True)
    )
    by_basis = _Accumulator.of((b, r.pv, f, ln.line_id) for _, r, ln, f, b in counted)
    by_theme = _Accumulator.of(
        (ln.indicator.theme, r.pv, f, ln.line_id) for _, r, ln, f, _ in counted
    )
    by_outcome = _Accumulator.of(
        (ln.indicator.outcome, r.pv, f, ln.line_id) for _, r, ln, f, _ in counted
    )
    by_indicator = _Accumulator.of(
        (ln.indicator.id, r.pv, f, ln.line_id) for _, r, ln, f, _ in counted
    )
    scenario_totals = {
        name: _Accumulator.of(
            ("total", getattr(r, field), f, ln.line_id) for _, r, ln, f, _ in counted
        )
        for name, field in (("low", "low"), ("central", "pv"), ("high", "high"))
    }

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
        )
        for number, line in enumerate(lines)
    )
    outcome = ValuationFamily.OUTCOME_VALUE
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
    comparison: tuple[ComparisonRow, ...] = ()
    if isinstance(subject, EvidenceReport) and bid is not None:
        committed = value_document(bid, catalogue, tender=tender)
        comparison = _comparison(committed, lines, rows, results)
    return Valuation(
        standard_version=STANDARD_VERSION,
        document_type="valuation",
        id=f"valuation-{subject.id}"[:128],
        subject=DocumentRef(id=subject.id),
        subject_type=subject_type,
        catalogue=DocumentRef(id=catalogue.id, version=catalogue.version),
        engine=EngineInfo(name=ENGINE_NAME, version=__version__),
        input_sha256=input_digest(subject, catalogue, tender, bid),
        conventions=conventions,
        currency=currency,
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


def value_lines_of(valuation: Valuation) -> Iterable[tuple[ValuationLine, LineValue]]:
    """Every (line, value) pair of a valuation, in order: for reports and exports."""
    for line in valuation.lines:
        for value in line.values:
            yield line, value
