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

import datetime as dt
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from functools import cached_property
from itertools import count, islice
from operator import le, lt
from typing import Any, TypeVar, get_args

import numpy as np
from numpy.typing import NDArray

from sroi_core import canonical
from sroi_core._decimal import exact_context, from_cents, to_cents
from sroi_core._gc import gc_paused
from sroi_core._version import FROZEN_STANDARD_VERSIONS, __version__
from sroi_core.catalogue_store import edition_standing
from sroi_core.codelists import codelist
from sroi_core.errors import CatalogueError, ValuationError, expect_type
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import (
    DiscountTiming,
    FulfilmentMode,
    Perspective,
    ValuationFamily,
    VerificationStatus,
)
from sroi_core.model.commitment import AdjustmentClaim
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.evidence import ScaleResult
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.indicator import Indicator
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.tender import Tender
from sroi_core.model.types import (
    DocumentRef,
    Money,
    ObligationCredit,
    OutcomeValue,
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
from sroi_core.model.versions import version_key
from sroi_core.units import convert
from sroi_core.valuation.anchoring import (
    BaseDate,
    base_date_for,
    contract_years,
    cost_present_value,
    whole_years,
)
from sroi_core.valuation.batch import (
    Decimals,
    Indexed,
    LineArrays,
    net_figure_cents,
    value_lines,
    year_value_cents,
)
from sroi_core.valuation.columns import PricedValue, ValuationLines, with_lines
from sroi_core.valuation.denominator import EXPLANATIONS, cost_problem
from sroi_core.valuation.discounting import (
    DiscountSchedule,
    ScheduleEntry,
    constant,
    discount_factors,
)
from sroi_core.valuation.document_lines import bid_lines, item_lines
from sroi_core.valuation.line import InvalidLineError, discount_periods
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
FLAG_PRICE_YEAR_ASSUMED = "price-year-assumed"
FLAG_RANGE_BY_CONFIDENCE = "range-by-confidence-grade"
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

_T = TypeVar("_T")


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


@dataclass(frozen=True)
class _Lines:
    """The document's lines as columns, in id order: one entry per commitment or item.

    Values many lines share (indicators, adjustment sets, flag sets, statuses) are kept
    once and referred to by index, so grouping, gathering and writing work per distinct
    value.
    """

    ids: Sequence[str]
    id_code: NDArray[np.intp]
    """Per line, the index of its id among the distinct ids (lines are counted by id)."""
    indicators: list[Indicator]
    indicator: NDArray[np.intp]
    status: list[LineStatus]
    statuses: list[LineStatus]
    """The distinct statuses, sorted: line n's status is ``statuses[status_code[n]]``."""
    status_code: NDArray[np.intp]
    counted: NDArray[np.bool_]
    quantity: list[Decimal]
    adjustment_sets: list[tuple[Decimal, Decimal, Decimal, Decimal]]
    adjustment: NDArray[np.intp]
    duration: NDArray[np.int64]
    flag_sets: list[tuple[str, ...]]
    flags: NDArray[np.intp]
    starts: Sequence[dt.date | None]
    """Per line, the start of its period (read in 2.0 only, where lines are offset by it)."""
    offset: NDArray[np.int64]
    """Whole periods from the base date to the start of the line's period (2.0; 1.0: 0)."""

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def quantities(self) -> Decimals:
        """The quantities beside their floats, converted once for every kernel run."""
        return Decimals(self.quantity)


@dataclass(frozen=True)
class _LineInputs:
    """What each line brings itself, in id order: one entry per commitment or item.

    ``state`` decides a line's status and whether it counts (``_LineBuilder.lines`` is
    told how): a commitment's fulfilment, or an item's status beside its commitment's
    fulfilment. ``scale_result`` is given only where mean-change indicators are valued as
    such (2.0 reports).
    """

    ids: Sequence[str]
    id_code: NDArray[np.intp]
    indicator: Sequence[str]
    value: Sequence[Decimal]
    """The quantity's value (its unit is ``unit``), read with the line's other fields."""
    unit: Sequence[str]
    claimed: Sequence[int | None]
    """The commitment's claimed duration (None: no commitment)."""
    claim: Sequence[AdjustmentClaim | None]
    state: Sequence[Any]
    state_key: Sequence[Hashable]
    """Per line, a key equal for equal states that hashes in C (an enum's ``__hash__`` is
    a Python function, called once per line in a grouping pass): an ``id`` of a member."""
    start: Sequence[dt.date | None]
    """The start of the line's period (2.0; 1.0: None)."""
    scale_result: Sequence[ScaleResult | None] | None = None


def _id_order(ids: Sequence[str]) -> tuple[list[int] | None, NDArray[np.intp]]:
    """Where each line goes in id order, and the number of each line's id once sorted.

    The order is that of a stable sort by id; None when the lines are in order already
    (the usual case, found in one pass). Sorted, equal ids are neighbours, so the number
    of a line's id is how often the ids rose before it.
    """
    size = len(ids)
    if all(map(lt, ids, islice(ids, 1, None))):  # in order, each id once: the usual case
        return None, np.arange(size, dtype=np.intp)
    order = None
    rising = np.fromiter(map(lt, ids, islice(ids, 1, None)), np.bool_, max(size - 1, 0))
    if not all(map(le, ids, islice(ids, 1, None))):
        order = sorted(range(size), key=ids.__getitem__)
        ordered = [ids[n] for n in order]
        rising = np.fromiter(map(lt, ordered, islice(ordered, 1, None)), np.bool_, size - 1)
    code = np.zeros(size, dtype=np.intp)
    if size > 1:
        np.cumsum(rising, out=code[1:])
    return order, code


def _reordered(records: Sequence[_T], order: list[int] | None) -> Sequence[_T]:
    """The records in id order (``order`` from ``_id_order``; None: as they are)."""
    return records if order is None else [records[n] for n in order]


def _first_lines(group: NDArray[np.intp]) -> NDArray[np.intp]:
    """The first line of each group, groups being numbered in order of their first line."""
    if not len(group):
        return np.zeros(0, dtype=np.intp)
    new = np.empty(len(group), dtype=np.bool_)
    new[0] = True
    np.greater(group[1:], np.maximum.accumulate(group)[:-1], out=new[1:])
    return np.flatnonzero(new)


class _LineBuilder:
    """Resolves commitments or evidence items against the catalogue, per group of alike lines.

    A line's indicator, adjustment set, duration and flags depend only on its indicator,
    claimed duration, adjustment claim, status and countedness, and a document repeats a
    handful of such combinations over many lines. So lines are grouped by them (and by
    their quantity's unit), each group is resolved once, in the order of its first line,
    and a line adds only its quantity: column passes instead of a Python call per line.
    Shared values are numbered in order of first use, as line by line.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.indicators: list[Indicator] = []
        self._indicator_of: dict[str, tuple[int, Indicator, int]] = {}
        self.adjustment_sets: list[tuple[Decimal, Decimal, Decimal, Decimal]] = []
        self._adjustment_of: dict[tuple[str, str, str, str], int] = {}
        self.flag_sets: list[tuple[str, ...]] = []
        self._flags_of: dict[tuple[str, ...], int] = {}

    def _adjustment_index(self, values: tuple[Decimal, Decimal, Decimal, Decimal]) -> int:
        # keyed by text: equal text is an identical decimal, and 0.1 and 0.10 (equal
        # numbers) are written apart
        key = (str(values[0]), str(values[1]), str(values[2]), str(values[3]))
        found = self._adjustment_of.get(key)
        if found is None:
            found = self._adjustment_of[key] = len(self.adjustment_sets)
            self.adjustment_sets.append(values)
        return found

    def _flag_index(self, flags: tuple[str, ...]) -> int:
        found = self._flags_of.get(flags)
        if found is None:
            found = self._flags_of[flags] = len(self.flag_sets)
            self.flag_sets.append(flags)
        return found

    def _indicator(self, indicator_id: str) -> tuple[int, Indicator, int]:
        """Number, indicator and default adjustment set, looked up once per indicator."""
        found = self._indicator_of.get(indicator_id)
        if found is None:
            indicator = self.catalogue.indicator(indicator_id)
            defaults, _ = _effective_adjustments(indicator, None)
            found = (len(self.indicators), indicator, self._adjustment_index(defaults))
            self._indicator_of[indicator_id] = found
            self.indicators.append(indicator)
        return found

    def _resolve(
        self,
        indicator_id: str,
        claimed: int | None,
        claim: AdjustmentClaim | None,
        status: LineStatus,
        counted: bool,
    ) -> tuple[int, int, int, int]:
        """Indicator, adjustment set, duration and flag set of one group (module rules)."""
        number, indicator, adjustment = self._indicator(indicator_id)
        ignored = False
        if claim is not None:
            values, claim_flags = _effective_adjustments(indicator, claim)
            adjustment = self._adjustment_index(values)
            ignored = bool(claim_flags)
        duration, flags = _duration(indicator, claimed)
        if ignored:
            flags = (FLAG_CLAIM_IGNORED, *flags)
        if indicator.monetisation == "not-monetised":
            flags += (FLAG_NOT_MONETISED,)
        if status == "payment-in-lieu":
            flags += (FLAG_PAYMENT_IN_LIEU,)
        if not counted:
            flags += (FLAG_NOT_COUNTED,)
        return number, adjustment, duration, self._flag_index(flags)

    def lines(
        self, inputs: _LineInputs, status_of: Callable[[Any], tuple[LineStatus, bool]]
    ) -> _Lines:
        """The lines as columns; ``status_of`` gives a state's status and countedness.

        A refusal names the line that resolving line by line would: the first, in id
        order, whose indicator is unknown or whose quantity does not convert.
        """
        size = len(inputs.ids)
        values, units = list(inputs.value), inputs.unit
        group = _groups(inputs)
        first = _first_lines(group).tolist()
        states = [status_of(inputs.state[line]) for line in first]
        resolved: list[tuple[int, int, int, int]] = []
        refusal: tuple[int, Exception] | None = None
        for line, state in zip(first, states, strict=True):  # groups in order of first line
            try:
                resolved.append(
                    self._resolve(
                        inputs.indicator[line], inputs.claimed[line], inputs.claim[line], *state
                    )
                )
            except Exception as error:  # raised once the lines before it are done
                refusal = (line, error)
                break
        table = np.array(resolved, dtype=np.intp).reshape(-1, 4)
        done = group[: size if refusal is None else refusal[0]]  # lines of resolved groups
        flags = table[:, 3][done]
        self._own_values(
            group=done,
            table=table,
            group_unit=[units[line] for line in first[: len(resolved)]],
            values=values,
            flags=flags,
            scale_results=inputs.scale_result,
        )
        if refusal is not None:
            raise refusal[1]
        by_group = np.array(states, dtype=object).reshape(-1, 2)
        statuses = sorted(set(by_group[:, 0].tolist()))
        status_code = np.array([statuses.index(s) for s in by_group[:, 0]], dtype=np.intp)
        return _Lines(
            ids=inputs.ids,
            id_code=inputs.id_code,
            indicators=self.indicators,
            indicator=table[:, 0][group],
            status=by_group[:, 0][group].tolist(),
            statuses=statuses,
            status_code=status_code[group],
            counted=by_group[:, 1].astype(np.bool_)[group],
            quantity=values,
            adjustment_sets=self.adjustment_sets,
            adjustment=table[:, 1][group],
            duration=table[:, 2].astype(np.int64)[group],
            flag_sets=self.flag_sets,
            flags=flags,
            starts=inputs.start,
            offset=np.zeros(size, dtype=np.int64),
        )

    def _own_values(
        self,
        *,
        group: NDArray[np.intp],
        table: NDArray[np.intp],
        group_unit: list[str],
        values: list[Decimal],
        flags: NDArray[np.intp],
        scale_results: Sequence[ScaleResult | None] | None,
    ) -> None:
        """Quantities in their indicator's unit, and mean-change lines' values and flags.

        Changes ``values`` and ``flags`` of the lines in ``group`` (the lines of resolved
        groups) in place. Only lines whose unit is not their indicator's, or whose
        indicator is valued as mean change, have work to do; they are taken in line order,
        so a refusal names the first such line.
        """
        indicators = [self.indicators[number] for number in table[:, 0].tolist()]
        converts = [unit != i.unit for unit, i in zip(group_unit, indicators, strict=True)]
        mean_change = [
            scale_results is not None and i.valuation_method == "mean-change" for i in indicators
        ]
        work = np.array(converts, dtype=np.bool_) | np.array(mean_change, dtype=np.bool_)
        if not work.any():
            return
        todo = np.flatnonzero(work[group])
        numbers = group[todo]
        failure = self._convert(
            todo[np.array(converts, dtype=np.bool_)[numbers]].tolist(),
            group=group,
            pairs=[(unit, i.unit) for unit, i in zip(group_unit, indicators, strict=True)],
            values=values,
        )
        if scale_results is not None:  # mean-change lines, up to a refused conversion
            valued = todo[np.array(mean_change, dtype=np.bool_)[numbers]]
            for line, number in zip(valued.tolist(), group[valued].tolist(), strict=True):
                if failure is not None and line >= failure[0]:
                    break
                value, revalued = _valued_as_mean_change(
                    self.flag_sets[int(table[number, 3])], scale_results[line]
                )
                values[line] = value
                flags[line] = self._flag_index(revalued)
        if failure is not None:
            raise failure[1]

    def _convert(
        self,
        lines: list[int],
        *,
        group: NDArray[np.intp],
        pairs: list[tuple[str, str]],
        values: list[Decimal],
    ) -> tuple[int, Exception] | None:
        """Converts the quantities of ``lines`` (in line order) to their indicator's unit.

        Once per unit pair and quantity object, in order of the first line of each. A
        conversion depends on the pair and the quantity's text only (1.0 and 1.00 are
        written apart), and a document's equal texts are one object (the model shares
        them), so keying by object gives each text's result once, without writing the
        text of every line; two objects of one text are converted alike, twice. Returns
        the first line whose quantity does not convert, and why: the lines before it are
        converted (the caller raises after the mean-change lines before it, so the
        refusal is the first in line order). The first failing key's first line is that
        line, since a conversion fails for every line of a key or for none.
        """
        if not lines:
            return None
        fte_hours = self.catalogue.fte_hours()
        keys = list(
            zip(
                map(pairs.__getitem__, group[lines].tolist()),
                map(id, map(values.__getitem__, lines)),  # values holds them: ids stay
                strict=True,
            )
        )
        first_line = dict(zip(reversed(keys), reversed(lines), strict=True))
        converted: dict[tuple[tuple[str, str], int], Decimal] = {}
        failure = None
        for key in dict.fromkeys(keys):  # in order of first line
            (unit, target), _ = key
            line = first_line[key]
            try:
                converted[key] = convert(values[line], unit, target, fte_norm_hours=fte_hours)
            except Exception as error:  # raised by the caller, in line order
                failure = (line, error)
                break
        done = len(lines) if failure is None else bisect_left(lines, failure[0])
        deque(  # values[line] = converted[key] for the lines before a failure, in C
            map(values.__setitem__, lines[:done], map(converted.__getitem__, keys[:done])),
            maxlen=0,
        )
        return failure


def _groups(inputs: _LineInputs) -> NDArray[np.intp]:
    """Each line's group of alike lines, groups numbered in order of their first line.

    Alike: the same indicator, unit, claimed duration, adjustment claim (the same claim
    object; equal claims apart only cost a group more) and state (by its key). Every
    part of a key hashes in C.
    """
    number_of: defaultdict[tuple[Any, ...], int] = defaultdict(count().__next__)
    keys = zip(
        inputs.indicator,
        inputs.unit,
        inputs.claimed,
        map(id, inputs.claim),
        inputs.state_key,
        strict=True,
    )
    return np.fromiter(map(number_of.__getitem__, keys), np.intp, len(inputs.ids))


def _commitment_status(fulfilment: FulfilmentMode) -> tuple[LineStatus, bool]:
    """A commitment's status and countedness: payment in lieu is never counted."""
    if fulfilment is FulfilmentMode.PAYMENT_IN_LIEU:
        return "payment-in-lieu", False
    return "committed", True


def _bid_lines(bid: Bid, catalogue: Catalogue) -> _Lines:
    """The bid's lines (2.0: with their periods' starts, by which lines are offset)."""
    read = bid_lines(bid)
    order, id_code = _id_order(read.ids)
    ids = _reordered(read.ids, order)
    fulfilment = _reordered(read.fulfilment, order)
    inputs = _LineInputs(
        ids=ids,
        id_code=id_code,
        indicator=_reordered(read.indicator, order),
        value=_reordered(read.value, order),
        unit=_reordered(read.unit, order),
        claimed=_reordered(read.claimed, order),
        claim=_reordered(read.claim, order),
        state=fulfilment,
        state_key=list(map(id, fulfilment)),  # members are singletons: equal is identical
        start=_reordered(read.start, order) if read.start is not None else [None] * len(ids),
    )
    return _LineBuilder(catalogue).lines(inputs, _commitment_status)


def _item_status(state: VerificationStatus | None) -> tuple[LineStatus, bool]:
    """An item's status and countedness: verified and not bought off (payment in lieu).

    ``state`` is the item's effective status, or None where its commitment is paid in
    lieu (whatever the item's status, it then neither counts nor shows that status).
    """
    if state is None:
        return "payment-in-lieu", False
    status: LineStatus = state.value
    return status, state is VerificationStatus.VERIFIED


def _commitment_terms(
    bid: Bid,
) -> dict[str, tuple[int, AdjustmentClaim | None, FulfilmentMode]]:
    """Each commitment's claimed duration, adjustment claim and fulfilment, by its id."""
    read = bid_lines(bid)
    terms = zip(read.claimed, read.claim, read.fulfilment, strict=True)
    return dict(zip(read.ids, terms, strict=True))


def _report_lines(report: EvidenceReport, catalogue: Catalogue, bid: Bid | None) -> _Lines:
    """The report's lines (2.0: with their periods' starts and scale results)."""
    read = item_lines(report)
    order, id_code = _id_order(read.ids)
    ids = _reordered(read.ids, order)
    commitment = _reordered(read.commitment, order)
    status = _reordered(read.status, order)
    size = len(ids)
    terms = _commitment_terms(bid) if bid is not None else {}
    if terms:
        of_item = list(map(terms.get, commitment))
        claimed = [c[0] if c is not None else None for c in of_item]
        claim = [c[1] if c is not None else None for c in of_item]
        in_lieu = FulfilmentMode.PAYMENT_IN_LIEU
        state: list[VerificationStatus | None] = [
            None if c is not None and c[2] is in_lieu else own
            for c, own in zip(of_item, status, strict=True)
        ]
    else:
        claimed, claim, state = [None] * size, [None] * size, list(status)
    inputs = _LineInputs(
        ids=ids,
        id_code=id_code,
        indicator=_reordered(read.indicator, order),
        value=_reordered(read.value, order),
        unit=_reordered(read.unit, order),
        claimed=claimed,
        claim=claim,
        state=state,
        state_key=list(map(id, state)),  # members and None are singletons
        start=_reordered(read.start, order) if read.start is not None else [None] * size,
        scale_result=(
            _reordered(read.scale_result, order) if read.scale_result is not None else None
        ),
    )
    return _LineBuilder(catalogue).lines(inputs, _item_status)


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
    proxy: ProxyValue,
    indicator: Indicator,
    catalogue: Catalogue,
    valuation_year: int | None,
    *,
    assume_price_year: bool = False,
) -> _Priced:
    """Per-unit values in the indicator's unit, and the rebasing to the valuation year.

    2.0 (``assume_price_year``): a value without a stated price year takes its source's
    publication year (the method's rule), is rebased like any other and flagged.
    """
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
    is_credit = proxy.valuation_basis.family is ValuationFamily.OBLIGATION_CREDIT
    if assume_price_year and not is_credit and range_.low is None and range_.high is None:
        # 2.0: a value without a published range gets its confidence grade's default range
        low_share, high_share = confidence_range(proxy.source.confidence)
        low = _CONTEXT.multiply(central, low_share)
        high = _CONTEXT.multiply(central, high_share)
        flags += (FLAG_RANGE_BY_CONFIDENCE,)
    if assume_price_year and not is_credit:  # 2.0: a price year for every money value
        if proxy.price_year is None:
            proxy = proxy.model_copy(
                update={"price_year": proxy.source.year, "price_year_basis": "assumed"}
            )
        if proxy.price_year_basis == "assumed":
            flags += (FLAG_PRICE_YEAR_ASSUMED,)
    index = None
    factor = None
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


@dataclass(frozen=True)
class _Rows:
    """Kernel rows as columns: one per valued line and proxy value, lines in order."""

    line: NDArray[np.intp]
    priced: NDArray[np.intp]
    table: list[_Priced]
    """The priced proxy values, each for one indicator, in order of first use."""
    outcome: NDArray[np.bool_]
    """Whether the row is an outcome value (else an obligation credit)."""
    start: NDArray[np.intp]
    """Row of each line's first value; ``start[n + 1] - start[n]`` values per line."""

    def __len__(self) -> int:
        return len(self.line)


def _rows(
    lines: _Lines,
    catalogue: Catalogue,
    valuation_year: int | None,
    *,
    assume_price_year: bool = False,
) -> _Rows:
    """Every valued line times every proxy value of its indicator, as index columns.

    Proxy values are priced per indicator in the order of the first line that needs them,
    so a proxy that cannot be priced is reported for the same line as line by line.
    """
    in_lieu = np.array([status == "payment-in-lieu" for status in lines.statuses], np.bool_)
    statuses = in_lieu[lines.status_code] if len(lines) else np.zeros(0, np.bool_)
    monetised = np.array(
        [indicator.monetisation != "not-monetised" for indicator in lines.indicators],
        dtype=np.bool_,
    )
    valued = ~statuses & monetised[lines.indicator] if len(lines) else np.zeros(0, np.bool_)
    table: list[_Priced] = []
    priced_of: list[list[int]] = [[] for _ in lines.indicators]
    first_use: dict[int, None] = dict.fromkeys(lines.indicator[valued].tolist())
    for number in first_use:  # in the order of the first line that uses each
        indicator = lines.indicators[number]
        for proxy in catalogue.proxies_for(indicator.id):
            priced_of[number].append(len(table))
            table.append(
                _price(
                    proxy,
                    indicator,
                    catalogue,
                    valuation_year,
                    assume_price_year=assume_price_year,
                )
            )
    width = max((len(p) for p in priced_of), default=0)
    grid = np.zeros((len(priced_of), max(width, 1)), dtype=np.intp)
    for number, positions in enumerate(priced_of):
        grid[number, : len(positions)] = positions
    sizes = np.array([len(p) for p in priced_of], dtype=np.intp)
    counts = np.where(valued, sizes[lines.indicator], 0) if len(lines) else np.zeros(0, np.intp)
    start = np.zeros(len(lines) + 1, dtype=np.intp)
    np.cumsum(counts, out=start[1:])
    line = np.repeat(np.arange(len(lines), dtype=np.intp), counts)
    position = np.arange(len(line), dtype=np.intp) - start[line]
    priced = grid[lines.indicator[line], position]
    is_outcome = np.array(
        [p.proxy.valuation_basis.family is ValuationFamily.OUTCOME_VALUE for p in table],
        dtype=np.bool_,
    )
    outcome = is_outcome[priced] if table else np.zeros(len(line), np.bool_)
    return _Rows(line, priced, table, outcome, start)


def _used(indices: NDArray[np.intp]) -> list[int]:
    """The distinct values of small non-negative indices, by counting (no sort, no hash)."""
    if not len(indices):
        return []
    found: list[int] = np.flatnonzero(np.bincount(indices)).tolist()
    return found


def _distinct(values: NDArray[Any]) -> NDArray[Any]:
    """The distinct values of an integer array, sorted.

    A sort (fast for large arrays), by timsort: the values here come in line order or
    nearly, which it sorts in about one pass.
    """
    ordered = np.sort(values, kind="stable")
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=np.bool_)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


@dataclass(frozen=True)
class _Kernel:
    """Batch-kernel results of some rows: present values and yearly values in cents."""

    pv: NDArray[np.int64]
    years: NDArray[np.int64]
    low: NDArray[np.int64]
    high: NDArray[np.int64]
    figures: NDArray[np.int64]
    """Gross, after deadweight, after attribution and net annual of each row, in cents."""
    inputs: LineArrays | None
    """The kernel inputs of the rows (None: no rows), which scenario runs vary."""


def _arrays(selected: NDArray[np.intp], rows: _Rows, lines: _Lines) -> LineArrays:
    """Kernel inputs of the ``selected`` rows, every column gathered from distinct values."""
    line = rows.line[selected]
    priced = rows.priced[selected]
    table = rows.table
    adjustment = lines.adjustment[line]
    sets = lines.adjustment_sets
    has_index = any(table[p].index is not None for p in _used(priced))
    one = Decimal(1)
    offsets = lines.offset[line]
    return LineArrays(
        quantity=Indexed(lines.quantities, line),
        proxy_value=Indexed([p.central for p in table], priced),
        deadweight=Indexed([s[0] for s in sets], adjustment),
        attribution=Indexed([s[1] for s in sets], adjustment),
        displacement=Indexed([s[2] for s in sets], adjustment),
        drop_off=Indexed([s[3] for s in sets], adjustment),
        duration_years=lines.duration[line],
        index_from=Indexed([p.index[0] if p.index else one for p in table], priced)
        if has_index
        else None,
        index_to=Indexed([p.index[1] if p.index else one for p in table], priced)
        if has_index
        else None,
        offset_periods=offsets if offsets.any() else None,
    )


def _run_kernel(
    selected: NDArray[np.intp],
    rows: _Rows,
    lines: _Lines,
    schedule: DiscountSchedule,
    timing: DiscountTiming,
) -> _Kernel:
    """The batch kernel over the ``selected`` (outcome) rows; the scenario ranges too."""
    if not len(selected):
        empty = np.zeros(0, dtype=np.int64)
        return _Kernel(
            empty, np.zeros((0, 1), dtype=np.int64), empty, empty, np.zeros((0, 4), np.int64), None
        )
    central = _arrays(selected, rows, lines)
    pv = value_lines(central, schedule, timing).present_value_cents
    years = year_value_cents(central)
    figures = net_figure_cents(central)
    priced = rows.priced[selected]
    table = rows.table
    used = _used(priced)
    if all(table[p].low == table[p].central and table[p].high == table[p].central for p in used):
        return _Kernel(pv, years, pv, pv, figures, central)
    low = value_lines(
        central.with_proxy_value(Indexed([p.low for p in table], priced)), schedule, timing
    )
    high = value_lines(
        central.with_proxy_value(Indexed([p.high for p in table], priced)), schedule, timing
    )
    return _Kernel(pv, years, low.present_value_cents, high.present_value_cents, figures, central)


@dataclass(frozen=True)
class _Results:
    """Reported figures of every row in cents (int64, or Python ints if they do not fit)."""

    pv: NDArray[Any]
    low: NDArray[Any]
    high: NDArray[Any]
    figures: NDArray[Any]
    """Gross, after deadweight, after attribution, net annual of each row."""
    years: NDArray[Any]
    """Yearly values, 0-padded; the first ``year_count`` of a row are reported."""
    year_count: NDArray[np.int64]
    outcome_inputs: LineArrays | None
    """The kernel inputs of the outcome rows (``rows.outcome``), in row order."""


_INT64_MAX = int(np.iinfo(np.int64).max)


def _credit_cents(rows: _Rows, lines: _Lines, positions: NDArray[np.intp]) -> list[int]:
    """Obligation credits: quantity x credit value, as the issuing region counts it.

    Credits count effort toward a quota in the contract period; they are not a stream of
    future welfare, so no deadweight, attribution, displacement, drop-off, duration or
    discounting applies (docs/valuation-method.md §12.7). Credits are never rebased.
    """
    quantity, table = lines.quantity, rows.table
    return [
        to_cents(_CONTEXT.multiply(quantity[line], table[priced].central))
        for line, priced in zip(
            rows.line[positions].tolist(), rows.priced[positions].tolist(), strict=True
        )
    ]


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
        ids = (
            [c.id for c in subject.commitments]
            if isinstance(subject, Bid)
            else [i.id for i in subject.items]
        )
        n = ids.index(self.line_id) if self.line_id in ids else None
        pointer = f"/{key}/{n}/quantity" if n is not None else ""
        where = f"{subject.document_type} {subject.id}" + (f" at {pointer}" if pointer else "")
        return LineTooLargeError(self.line_id, f"{where}, ", pointer)


def _row_results(
    rows: _Rows,
    lines: _Lines,
    schedule: DiscountSchedule,
    timing: DiscountTiming,
) -> _Results:
    """Figures of every row: outcome rows through the batch kernel, credits nominally."""
    outcome = np.flatnonzero(rows.outcome)
    try:
        kernel = _run_kernel(outcome, rows, lines, schedule, timing)
    except InvalidLineError as error:
        if error.index is None or error.code != LineTooLargeError.code:
            raise
        raise LineTooLargeError(lines.ids[int(rows.line[outcome[error.index]])]) from None
    credits = np.flatnonzero(~rows.outcome)
    credit_cents = _credit_cents(rows, lines, credits)
    fits = all(0 <= c <= _INT64_MAX for c in credit_cents)
    dtype: Any = np.int64 if fits else object
    size = len(rows)
    longest = max(1, kernel.years.shape[1])
    pv, low, high = (np.zeros(size, dtype=dtype) for _ in range(3))
    figures = np.zeros((size, 4), dtype=dtype)
    years = np.zeros((size, longest), dtype=dtype)
    pv[outcome], low[outcome], high[outcome] = kernel.pv, kernel.low, kernel.high
    figures[outcome] = kernel.figures
    years[outcome, : kernel.years.shape[1]] = kernel.years
    if credit_cents:
        amounts = np.array(credit_cents, dtype=dtype)
        pv[credits] = low[credits] = high[credits] = amounts
        figures[credits] = amounts[:, None]
        years[credits, 0] = amounts
    year_count = np.where(rows.outcome, lines.duration[rows.line], 1).astype(np.int64)
    return _Results(pv, low, high, figures, years, year_count, kernel.inputs)


_FAMILIES = tuple(ValuationFamily)


def _cents_sum(cents: NDArray[Any]) -> int:
    """The exact sum of integer cents (int64 only where no partial sum can overflow)."""
    if cents.dtype != object and len(cents):
        bound = max(int(cents.max()), -int(cents.min()))
        if bound * len(cents) <= _INT64_MAX:
            return int(cents.sum())
    total: int = sum(cents.tolist())
    return total


_FLOAT_EXACT = 2**53
"""Integers below this are exact in float64, and so is every sum that stays below it."""


def _group_sums(cents: NDArray[Any], groups: NDArray[np.intp], count: int) -> list[int]:
    """Exact integer sums of ``cents`` per group: int64 where no sum can overflow.

    Where no sum can reach 2**53, a weighted ``np.bincount`` adds them (float64, exact
    for such integers) in one pass; ``np.add.at`` is many times slower.
    """
    if cents.dtype != object and len(cents):
        largest = int(cents.max())
        if largest * len(cents) < _FLOAT_EXACT and int(cents.min()) >= 0:
            exact = np.bincount(groups, weights=cents, minlength=count).astype(np.int64)
            found: list[int] = exact.tolist()
            return found
        if largest * len(cents) <= _INT64_MAX and int(cents.min()) >= 0:
            sums = np.zeros(count, dtype=np.int64)
            np.add.at(sums, groups, cents)
            result: list[int] = sums.tolist()
            return result
    totals = [0] * count
    for group, value in zip(groups.tolist(), cents.tolist(), strict=True):
        totals[group] += value
    return totals


class _Totals:
    """Totals by key, one separate sum per valuation family, over chosen rows at once.

    The family is part of every key, so an obligation credit can only ever be added to
    other obligation credits; the headline totals leave as OutcomeValue and
    ObligationCredit amounts, which refuse to be added to each other. A total counts the
    distinct line ids among its rows.
    """

    def __init__(
        self,
        keys: Sequence[str],
        key_of_row: NDArray[np.intp],
        family_of_row: NDArray[np.intp],
        cents: NDArray[Any],
        line_of_row: NDArray[np.intp],
    ) -> None:
        """``keys[key_of_row[r]]`` is row r's key; every array holds the chosen rows only."""
        self.totals: dict[tuple[str, ValuationFamily], tuple[int, int]] = {}
        if not len(cents):
            return
        names = sorted(set(keys))  # equal texts are one key
        code_of = np.array([names.index(k) for k in keys], dtype=np.intp)
        code = code_of[key_of_row] * len(_FAMILIES) + family_of_row
        groups = np.flatnonzero(np.bincount(code))  # few keys: a table, not a sort
        number_of = np.zeros(len(names) * len(_FAMILIES), dtype=np.intp)
        number_of[groups] = np.arange(len(groups))
        inverse = number_of[code]
        sums = _group_sums(cents, inverse, len(groups))
        # (line, group) pairs line-major: rows come in line order, so nearly sorted
        pairs = _distinct(line_of_row.astype(np.int64) * len(groups) + inverse)
        lines = np.bincount(pairs % len(groups), minlength=len(groups)).tolist()
        for number, group in enumerate(groups.tolist()):
            key = (names[group // len(_FAMILIES)], _FAMILIES[group % len(_FAMILIES)])
            self.totals[key] = (sums[number], lines[number])

    def total(self, key: str, family: ValuationFamily) -> Decimal:
        return from_cents(self.totals.get((key, family), (0, 0))[0])

    def rows(self) -> tuple[Total, ...]:
        return tuple(
            Total.trusted(
                key=key,
                family=family,
                present_value=from_cents(cents),
                lines=lines,
            )
            for (key, family), (cents, lines) in sorted(
                self.totals.items(), key=lambda item: (item[0][0], item[0][1].value)
            )
        )


def canonical_json(data: Any) -> bytes:
    """Canonical bytes of JSON data: sorted keys, no spaces, UTF-8 (for hashing)."""
    return canonical.sorted_json(data)


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
    subject keeps the 1.0 digest below: ``canonical_json`` of the payload
    ``{standardVersion, subject, catalogue, tender, bid}``, joined from each document's
    canonical bytes (kept per immutable document, see ``canonical.DocumentMemo``).
    """
    if subject.standard_version not in FROZEN_STANDARD_VERSIONS:
        return canonical.input_digest(subject, catalogue, tender, bid)

    def normal(document: Any) -> bytes:
        return b"null" if document is None else canonical.FORMS_1_0(document)

    payload = {
        "standardVersion": canonical_json(subject.standard_version),
        "subject": normal(subject),
        "catalogue": normal(catalogue),
        "tender": normal(tender),
        "bid": normal(bid) if bid is not subject else b"null",
    }
    return canonical.joined_digest(payload)


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


def _exact_sums(
    values: Sequence[Decimal],
    item: NDArray[np.intp],
    group: NDArray[np.intp],
    count: int,
    context: Context,
) -> list[Decimal]:
    """Per group, the sum of ``values[item[r]]`` over its rows r, added in row order from 0.

    The additions of ``context.add`` in a loop over the rows, made by ``sum`` per group
    (the same context, so the same digits): one C loop per group, not a Python step per
    row.
    """
    small = group.astype(np.uint16) if count <= 1 << 16 else group  # a radix sort
    order = np.argsort(small, kind="stable")  # rows by group, in row order within one
    taken = [values[n] for n in item[order].tolist()]
    ends = np.cumsum(np.bincount(group, minlength=count)).tolist()
    with localcontext(context):
        return [
            sum(taken[start:end], Decimal(0))
            for start, end in zip([0, *ends[:-1]], ends, strict=True)
        ]


_TABLE_SPAN = 1 << 20
"""Combinations of at most this many possible keys are found by a table, not a sort."""


def _combinations(
    columns: Sequence[NDArray[Any]],
) -> tuple[NDArray[np.int64], NDArray[np.intp]]:
    """The distinct rows of non-negative integer columns, sorted; each row's number in them.

    One integer per combination (mixed radix): a 1-D unique, not a unique of rows. Few
    possible keys (small columns, the usual case: indices of a handful of proxy values
    and adjustment sets, durations, offsets) are marked in a table and decoded.
    """
    radices = [int(column.max()) + 1 for column in columns]
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column, radix in zip(columns, radices, strict=True):
        key = key * radix + column
    span = 1
    for radix in radices:
        span *= radix
    if span > _TABLE_SPAN:
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        return np.stack([column[first] for column in columns], axis=1), inverse.reshape(-1)
    present = np.zeros(span, dtype=np.bool_)
    present[key] = True
    distinct = np.flatnonzero(present)  # sorted, as np.unique's
    number = np.zeros(span, dtype=np.intp)
    number[distinct] = np.arange(len(distinct))
    parts = []
    rest = distinct.astype(np.int64)
    for radix in reversed(radices):
        parts.append(rest % radix)
        rest = rest // radix
    return np.stack(parts[::-1], axis=1), number[key]


def _break_evens(
    selected: NDArray[np.intp],
    rows: _Rows,
    lines: _Lines,
    schedule: DiscountSchedule,
    timing: DiscountTiming,
    *,
    investment: Decimal,
) -> tuple[BreakEven, ...]:
    """Break-even adjustments on exact totals, computed per group of alike rows.

    Equal to :func:`sroi_core.valuation.sensitivity.break_evens` on the same lines (a test
    checks it): a line's exact value is N x S(D, 1 - dropOff) with S the discounted sum of
    the drop-off factors, so totals with one adjustment overridden need no re-valuation.
    N is linear in the quantity, so rows alike in everything but their quantity (proxy
    value, adjustments, duration, offset) are one term with the sum of their quantities.
    """
    context = exact_context()
    line = rows.line[selected]
    columns = (
        rows.priced[selected],
        lines.adjustment[line],
        lines.duration[line],
        lines.offset[line],
    )
    groups, inverse = _combinations(columns)
    quantities = _exact_sums(lines.quantity, line, inverse, len(groups), context)
    longest = int(groups[:, 2].max())
    furthest = int(groups[:, 3].max())
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
    for (priced_number, adjustment, duration, offset), total_quantity in zip(
        groups.tolist(), quantities, strict=True
    ):
        priced = rows.table[priced_number]
        adjustments = lines.adjustment_sets[adjustment]
        spec_gross = context.multiply(total_quantity, priced.central)
        if priced.factor is not None and priced.index is not None:
            spec_gross = context.divide(
                context.multiply(spec_gross, priced.index[1]), priced.index[0]
            )
        complements = [context.subtract(one, a) for a in adjustments[:3]]
        keep = context.subtract(one, adjustments[3])
        present = discounted_sum(duration, keep, offset)
        for skip, name in enumerate(_ADJUSTMENTS[:3]):
            value = spec_gross
            for position, complement in enumerate(complements):
                if position != skip:
                    value = context.multiply(value, complement)
            gross_after[name] = context.add(gross_after[name], context.multiply(value, present))
        net = spec_gross
        for complement in complements:
            net = context.multiply(net, complement)
        for year in range(duration):
            coefficients[year] = context.add(
                coefficients[year], context.multiply(net, factors[offset + year])
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
    if edition_standing(subject.standard_version, catalogue) > 0:  # its method cannot read it
        problems.append(
            f"it is standard {subject.standard_version} and catalogue {catalogue.id} "
            f"{catalogue.version} is an edition for standard {catalogue.standard_version}"
        )
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
    expect_type(subject, (Bid, EvidenceReport), "the document to value")
    expect_type(catalogue, Catalogue, "the catalogue")
    with gc_paused():  # hundreds of thousands of acyclic objects: no collector walks
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
        lines = _report_lines(subject, catalogue, bid)
        subject_type = "evidenceReport"
    anchor: BaseDate | None = None
    if is_2_0(subject):  # 2.0: one base date; each line offset by its period's start
        anchor = base_date_for(conventions, tender, (s for s in lines.starts if s))
        lines = _anchored(lines, anchor)
    rows = _rows(lines, catalogue, conventions.valuation_year, assume_price_year=anchor is not None)
    try:
        results = _row_results(rows, lines, schedule, timing)
    except LineTooLargeError as error:
        raise error.located(subject) from None

    outcome = ValuationFamily.OUTCOME_VALUE
    family_number = {family: number for number, family in enumerate(_FAMILIES)}
    families = np.array(
        [family_number[p.proxy.valuation_basis.family] for p in rows.table], dtype=np.intp
    )
    row_family = families[rows.priced] if len(rows.table) else np.zeros(0, np.intp)
    row_id = lines.id_code[rows.line]
    # every total from the columns, one group sum each (the line ids count lines once)
    by_status = _Totals(
        lines.statuses, lines.status_code[rows.line], row_family, results.pv, row_id
    )
    row_counted = lines.counted[rows.line]
    family_totals = _Totals(
        ("not-counted", "counted"), row_counted.astype(np.intp), row_family, results.pv, row_id
    )
    chosen = np.flatnonzero(row_counted)
    chosen_line = rows.line[chosen]
    chosen_priced = rows.priced[chosen]
    chosen_family = row_family[chosen]
    chosen_id = row_id[chosen]
    chosen_pv = results.pv[chosen]
    by_indicator_key = lines.indicator[chosen_line]
    bases = [p.proxy.valuation_basis.value for p in rows.table]
    by_basis = _Totals(bases, chosen_priced, chosen_family, chosen_pv, chosen_id)
    by_theme, by_outcome, by_indicator = (
        _Totals(
            [getattr(indicator, name) for indicator in lines.indicators],
            by_indicator_key,
            chosen_family,
            chosen_pv,
            chosen_id,
        )
        for name in ("theme", "outcome", "id")
    )
    counted_outcome = chosen[chosen_family == family_number[outcome]]
    breakdowns = {  # the same in both methods' totals
        "not_counted_value": family_totals.total("not-counted", outcome),
        "by_basis": by_basis.rows(),
        "by_theme": by_theme.rows(),
        "by_outcome": by_outcome.rows(),
        "by_indicator": by_indicator.rows(),
        "by_status": by_status.rows(),
    }

    valuation_lines = _valuation_lines(lines, rows, results, anchor is not None)
    comparison: tuple[ComparisonRow, ...] = ()
    if isinstance(subject, EvidenceReport) and bid is not None:
        committed_valuation = value_document(bid, catalogue, tender=tender)
        comparison = _comparison(committed_valuation, lines, rows, results)
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
            counted_outcome,
            rows,
            lines,
            results,
            schedule=schedule,
            timing=timing,
            currency=currency,
            subject=subject,
            tender=tender,
            bid=bid,
            anchor=anchor,
        )
        return with_lines(
            Valuation(
                **envelope,
                base_date=anchor.date,
                base_date_source=anchor.source,
                incremental_cost=part.cost,
                incremental_cost_present_value=part.cost_present_value,
                contract_value=tender.contract_value if tender is not None else None,
                lines=(),
                totals=Totals(
                    by_perspective=part.totals,
                    obligation_credit=family_totals.total(
                        "counted", ValuationFamily.OBLIGATION_CREDIT
                    ),
                    **breakdowns,
                ),
                sensitivity=Sensitivity(by_perspective=part.sensitivity),
                comparison=comparison,
                notes=_notes(conventions, schedule, catalogue.default_price_index is not None)
                + part.notes,
            ),
            valuation_lines,
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
    scenario_rows = {"low": results.low, "central": results.pv, "high": results.high}
    for name in ("low", "central", "high"):
        total = from_cents(_cents_sum(scenario_rows[name][counted_outcome]))
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
        if len(counted_outcome):
            break_even = _break_evens(
                counted_outcome, rows, lines, schedule, timing, investment=investment.amount
            )
    return with_lines(
        Valuation(
            **envelope,
            investment=investment,
            sroi_ratio=ratio,
            lines=(),
            totals=Totals(
                outcome_value=outcome_value,
                obligation_credit=headline_credit.amount,
                **breakdowns,
            ),
            sensitivity=Sensitivity(scenarios=tuple(scenarios), break_even=break_even),
            comparison=comparison,
            notes=_notes(conventions, schedule, catalogue.default_price_index is not None),
        ),
        valuation_lines,
    )


def _valuation_lines(
    lines: _Lines, rows: _Rows, results: _Results, anchored: bool
) -> ValuationLines:
    """The valuation's lines as columns (objects are built only when someone reads one)."""
    credit = (FLAG_CREDIT_NOMINAL,)
    return ValuationLines(
        ids=lines.ids,
        indicators=[(i.id, i.outcome, i.theme, i.unit) for i in lines.indicators],
        indicator=lines.indicator,
        status=lines.status,
        counted=lines.counted.tolist(),
        quantity=lines.quantity,
        adjustment_sets=lines.adjustment_sets,
        adjustment=lines.adjustment,
        duration=lines.duration,
        flag_sets=lines.flag_sets,
        flags=lines.flags,
        offsets=lines.offset if anchored else None,
        priced=[
            PricedValue(
                proxy_value=p.proxy.id,
                valuation_basis=p.proxy.valuation_basis,
                proxy_per_unit=p.central,
                price_index_factor=p.shown_factor,
                rebased_per_unit=p.shown_per_unit,
                flags=p.flags
                if p.proxy.valuation_basis.family is ValuationFamily.OUTCOME_VALUE
                else (*p.flags, *credit),
            )
            for p in rows.table
        ],
        row_start=rows.start,
        row_priced=rows.priced,
        figures=results.figures,
        years=results.years,
        year_count=results.year_count,
        pv=results.pv,
    )


def _comparison(
    committed: Valuation, lines: _Lines, rows: _Rows, results: _Results
) -> tuple[ComparisonRow, ...]:
    """Committed (bid) versus verified and unverified (report) value per indicator."""
    outcome = ValuationFamily.OUTCOME_VALUE
    promised = {
        t.key: t.present_value for t in committed.totals.by_indicator if t.family is outcome
    }
    verified: dict[str, int] = defaultdict(int)
    unverified: dict[str, int] = defaultdict(int)
    positions = np.flatnonzero(rows.outcome)
    for line, cents in zip(
        rows.line[positions].tolist(), results.pv[positions].tolist(), strict=True
    ):
        status = lines.status[line]
        if status == "verified":
            verified[lines.indicators[int(lines.indicator[line])].id] += cents
        elif status == "submitted":
            unverified[lines.indicators[int(lines.indicator[line])].id] += cents
    keys = sorted({*promised, *verified, *unverified})
    return tuple(
        ComparisonRow(
            indicator=key,
            family=outcome,
            committed=promised.get(key, Decimal("0.00")),
            verified=from_cents(verified.get(key, 0)),
            unverified=from_cents(unverified.get(key, 0)),
        )
        for key in keys
    )


def value_lines_of(valuation: Valuation) -> Iterable[tuple[ValuationLine, LineValue]]:
    """Every (line, value) pair of a valuation, in order: for reports and exports."""
    for line in valuation.lines:
        for value in line.values:
            yield line, value


# --- standard 2.0: anchored discounting, perspectives apart, a ratio over the cost --------

DISCOUNT_SCENARIOS = (("discount-0", "0"), ("discount-4", "0.04"))
"""Discount-rate scenarios of 2.0, beside the convention's own rate: no discounting, and
4 % (the Green Book's 3.5 % rounded up, above the Dutch MKBA 2.25 %)."""

DELIVERY_SCENARIOS = (("delivery-75", Decimal("0.75")), ("delivery-50", Decimal("0.5")))
"""Delivery-risk scenarios of 2.0: three quarters and half of every committed quantity."""


def is_2_0(subject: Bid | EvidenceReport) -> bool:
    """Whether the document is valued with the 2.0 method (its own standard version)."""
    return version_key(subject.standard_version) >= (2, 0)


def _anchored(lines: _Lines, anchor: BaseDate) -> _Lines:
    """The lines offset by whole years from the base date to the start of their period.

    Worked out once per distinct start date: many lines share a period.
    """
    starts = lines.starts
    offset_of = {
        start: 0 if start is None else whole_years(anchor.date, start) for start in set(starts)
    }
    offsets = np.fromiter(map(offset_of.__getitem__, starts), np.int64, len(starts))
    return replace(lines, offset=offsets)


@dataclass(frozen=True)
class _PerspectivePart:
    """The 2.0 figures of a valuation: per-perspective totals, sensitivity, the cost."""

    totals: tuple[PerspectiveTotal, ...]
    sensitivity: tuple[PerspectiveSensitivity, ...]
    cost: Money | None
    cost_present_value: Decimal | None
    notes: tuple[str, ...]


def _perspectives_2_0(
    counted: NDArray[np.intp],
    rows: _Rows,
    lines: _Lines,
    results: _Results,
    *,
    schedule: DiscountSchedule,
    timing: DiscountTiming,
    currency: str,
    subject: Bid | EvidenceReport,
    tender: Tender | None,
    bid: Bid | None,
    anchor: BaseDate,
) -> _PerspectivePart:
    """Totals, ratios and sensitivity per perspective; never a sum across perspectives.

    ``counted`` holds the rows of counted outcome values.
    """
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

    scenario_cents: dict[str, NDArray[Any]] = {
        "central": results.pv[counted],
        "low": results.low[counted],
        "high": results.high[counted],
    }
    if len(counted):
        scenario_cents.update(
            _scenario_cents(counted, rows, lines, results, schedule=schedule, timing=timing)
        )
    order = get_args(ScenarioName)  # the scenarios in the order the schema lists them
    minimum = tender.minimum_social_value if tender is not None else None
    perspectives = tuple(Perspective)
    number_of: dict[Perspective | None, int] = {p: n for n, p in enumerate(perspectives)}
    perspective_code = np.array(  # per priced value; -1: none
        [number_of.get(p.proxy.valuation_basis.perspective, -1) for p in rows.table],
        dtype=np.intp,
    )
    counted_code = perspective_code[rows.priced[counted]] if rows.table else counted
    counted_ids = lines.id_code[rows.line[counted]]
    totals = []
    sensitivity = []
    for number, perspective in enumerate(perspectives):
        mine = np.flatnonzero(counted_code == number)  # the counted rows of this perspective
        if not len(mine):
            continue
        pv = from_cents(_cents_sum(scenario_cents["central"][mine]))
        ratio, per_euro = ratios(pv)
        totals.append(
            PerspectiveTotal(
                perspective=perspective,
                present_value=pv,
                lines=len(_distinct(counted_ids[mine])),
                sroi_ratio=ratio,
                value_per_contract_euro=per_euro,
            )
        )
        scenarios = []
        for name in order:
            if name not in scenario_cents:
                continue
            value = from_cents(_cents_sum(scenario_cents[name][mine]))
            scenarios.append(
                PerspectiveScenario(name=name, present_value=value, sroi_ratio=ratios(value)[0])
            )
        own_rows = counted[mine]
        break_even = (
            _break_evens(own_rows, rows, lines, schedule, timing, investment=cost_pv)
            if usable and cost_pv is not None
            else ()
        )
        switching = (
            _break_evens(own_rows, rows, lines, schedule, timing, investment=minimum.amount)
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


def _scenario_cents(
    counted: NDArray[np.intp],
    rows: _Rows,
    lines: _Lines,
    results: _Results,
    *,
    schedule: DiscountSchedule,
    timing: DiscountTiming,
) -> dict[str, NDArray[np.int64]]:
    """Present values of the ``counted`` rows in the 2.0 delivery, duration and rate scenarios.

    Each scenario varies one input of the central run (the quantities, the durations or
    the discount rate), so the central kernel inputs are built once and only the varied
    column is read and checked again. Where every outcome row counts (a bid), those are
    the inputs the central run used.
    """
    central = results.outcome_inputs
    if central is None or not np.array_equal(counted, np.flatnonzero(rows.outcome)):
        central = _arrays(counted, rows, lines)
    line = rows.line[counted]
    cents: dict[str, NDArray[np.int64]] = {}
    for name, share in DELIVERY_SCENARIOS:
        scaled = lines.quantities.scaled(share)  # once per distinct quantity
        delivered = central.with_quantity(Indexed(scaled, line))
        cents[name] = value_lines(delivered, schedule, timing).present_value_cents
    one_year = central.with_durations(np.ones(len(counted), dtype=np.int64))
    cents["duration-one-year"] = value_lines(one_year, schedule, timing).present_value_cents
    for name, rate in DISCOUNT_SCENARIOS:
        cents[name] = value_lines(central, constant(rate), timing).present_value_cents
    return cents


def _notes_2_0(anchor: BaseDate, usable: bool, why_not: str, per_contract: bool) -> tuple[str, ...]:
    where = {
        "conventions": "the conventions' baseDate",
        "tender": "the tender's period start",
        "subject": "the earliest period start of the document valued (no tender given)",
    }[anchor.source]
    if usable:
        ratio = (
            "SROI ratios are present value over the present value of the declared incremental "
            "cost (spread evenly over the contract years, discounted to the base date)."
        )
    elif per_contract:
        ratio = (
            f"No SROI ratio: {why_not}. Value per contract euro (present value / tender "
            "contract value) is reported instead; it is not an SROI ratio."
        )
    else:
        ratio = f"No SROI ratio: {why_not}, and no contract value to compare with."
    return (
        f"Base date {anchor.date.isoformat()} ({where}): each line is discounted from the "
        "start of its period, offset by whole years from the base date.",
        "Outcome values are totalled per perspective (public purse; society) and never "
        "summed across perspectives.",
        ratio,
        "Never compare an SROI ratio of one bid with value per contract euro of another: "
        "the denominators differ.",
        "A proxy value whose source states no price year takes the source's publication "
        "year (flagged price-year-assumed) and is rebased like every other value.",
    )


FLAG_MEAN_CHANGE = "valued-as-mean-change"
FLAG_MEAN_CHANGE_NOT_POSITIVE = "mean-change-not-positive"
FLAG_MEAN_CHANGE_MISSING = "mean-change-without-scale-result"


def mean_change_quantity(result: ScaleResult) -> Decimal:
    """Baseline n x (follow-up mean - baseline mean - comparison change), exact (2.0).

    Intention to treat: the baseline n counts everyone who started, drop-outs included,
    so losing the participants who did worst cannot raise the value. May be negative; the
    caller values a change that is not positive as 0.
    """
    change = _CONTEXT.subtract(result.follow_up_mean, result.baseline_mean)
    if result.comparison_change is not None:
        change = _CONTEXT.subtract(change, result.comparison_change)
    return _CONTEXT.multiply(Decimal(result.baseline_n), change)


def _valued_as_mean_change(
    flags: tuple[str, ...], result: ScaleResult | None
) -> tuple[Decimal, tuple[str, ...]]:
    """Quantity and flags of a mean-change indicator's line, from the scale result."""
    if result is None:  # nothing to value: a count of people is not a change on a scale
        return Decimal(0), (*flags, FLAG_MEAN_CHANGE_MISSING)
    quantity = mean_change_quantity(result)
    if quantity <= 0:
        return Decimal(0), (*flags, FLAG_MEAN_CHANGE, FLAG_MEAN_CHANGE_NOT_POSITIVE)
    return quantity, (*flags, FLAG_MEAN_CHANGE)


def confidence_range(confidence: str) -> tuple[Decimal, Decimal]:
    """Low and high multipliers of a value without a published range (2.0 convention).

    Data, not code: the ``confidenceRange`` codelist, by the source's confidence grade.
    """
    row = codelist("confidenceRange").get(confidence)
    return Decimal(row.get("low")), Decimal(row.get("high"))
