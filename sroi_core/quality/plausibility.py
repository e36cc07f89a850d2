"""Quality checks of size: quantities and values out of proportion to the contract.

The bounds are :class:`~sroi_core.quality.context.Thresholds` — methodological choices
stated openly, not sourced figures — and can be changed per run. A finding here is a
warning: an unusual bid may be genuine, but it should be explained before it wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from sroi_core._decimal import display_context, quantize_display
from sroi_core.model.bid import Bid
from sroi_core.model.codes import ValuationFamily
from sroi_core.model.commitment import Commitment
from sroi_core.model.indicator import Indicator
from sroi_core.model.tender import Tender
from sroi_core.quality.commitments import is_payment_in_lieu
from sroi_core.quality.context import HEADCOUNT_UNITS, LABOUR_UNITS, CheckContext
from sroi_core.rules import Bilingual, Finding, Severity, define_rule

MILLION = Decimal(1_000_000)

QUANTITY_PER_CONTRACT_VALUE = define_rule(
    "quality.quantity-per-contract-value",
    Severity.WARNING,
    "Quantity implausible for the contract's size",
    "commitments to indicator {indicator} add up to {total} {unit} (with commitment "
    "{commitment}), more than {bound} {unit} for a contract of {contract} (threshold "
    "{threshold} = {limit} per million)",
    "Catches promises the contract cannot carry. Defaults (methodological choices, "
    "configurable with sroi check --threshold): at most 25 FTE-years, person-years or "
    "placement-years per 1,000,000 of contract value (max-labour-years-per-million; about "
    "EUR 40,000 of labour cost per FTE-year, so more would exceed what the whole contract "
    "could pay for) and at most 200 persons, participants, households or placements per "
    "1,000,000 (max-persons-per-million; at least EUR 5,000 of contract value per person). "
    "Hours count through the catalogue's FTE norm. Bought-off commitments are left out.",
    category="quality",
    template_nl="toezeggingen voor indicator {indicator} komen (met toezegging {commitment}) "
    "op {total} {unit}, meer dan {bound} {unit} bij een opdracht van {contract} "
    "(drempel {threshold} = {limit} per miljoen)",
)
QUANTITY_ABOVE_TARGET = define_rule(
    "quality.quantity-above-target",
    Severity.WARNING,
    "Quantity far above the tender's target",
    "commitments to indicator {indicator} add up to {total} {unit} (with commitment "
    "{commitment}), more than {multiple} times the tender's target of {target} {unit}",
    "Catches bids that outbid the buyer's own estimate of what is achievable by a wide "
    "margin to win on social value. Default (methodological choice, configurable): more "
    "than 3 times the tender's target for the indicator (max-target-multiple).",
    category="quality",
    template_nl="toezeggingen voor indicator {indicator} komen (met toezegging {commitment}) "
    "op {total} {unit}, meer dan {multiple} keer het doel van {target} {unit}",
)
VALUE_EXCEEDS_CONTRACT = define_rule(
    "quality.value-exceeds-contract",
    Severity.WARNING,
    "Committed value many times the contract value",
    "{what} is {value} {currency}, {ratio} times the contract value of {contract} "
    "{currency} (bound: {multiple} times)",
    "Catches inflated social value: outcome value more than 10 times the contract value "
    "(max-value-multiple; a methodological choice, configurable). Checked on a valuation "
    "of a bid (its outcome-value total) and, from the bid and catalogue alone, on an "
    "estimate that is an upper bound of the engine's figure: quantity x the highest "
    "central outcome-family proxy value x (1 - deadweight)(1 - attribution)(1 - "
    "displacement) x years, with the stricter of claimed and default adjustments, the "
    "duration capped by the catalogue, and no drop-off or discounting. Obligation credits "
    "and bought-off commitments are left out.",
    category="quality",
    template_nl="{what} is {value} {currency}, {ratio} keer de opdrachtwaarde van "
    "{contract} {currency} (grens: {multiple} keer)",
)


def _per_indicator(bid: Bid) -> dict[str, list[tuple[int, Commitment]]]:
    grouped: dict[str, list[tuple[int, Commitment]]] = defaultdict(list)
    for n, commitment in enumerate(bid.commitments):
        if not is_payment_in_lieu(commitment):
            grouped[commitment.indicator].append((n, commitment))
    return grouped


def _first_over(
    ctx: CheckContext, items: list[tuple[int, Commitment]], unit: str, bound: Decimal
) -> tuple[int, Commitment, Decimal] | None:
    """Return the commitment whose running total (in ``unit``) first exceeds ``bound``."""
    total = Decimal(0)
    for n, commitment in items:
        amount = ctx.in_unit(commitment.quantity, unit)
        if amount is None:
            continue
        total += amount
        if total > bound:
            return n, commitment, total
    return None


def _size_bound(ctx: CheckContext, indicator: Indicator) -> tuple[str, str, Decimal] | None:
    """Return (unit, threshold name, per-million limit) for the indicator, if any apply."""
    unit = indicator.unit
    if unit == "hour" and ctx.catalogue is not None and ctx.catalogue.fte_hours():
        unit = "fte-year"
    if unit in LABOUR_UNITS:
        return unit, "max-labour-years-per-million", ctx.thresholds.max_labour_years_per_million
    if unit in HEADCOUNT_UNITS:
        return unit, "max-persons-per-million", ctx.thresholds.max_persons_per_million
    return None


def _quantities(ctx: CheckContext, tender: Tender, bid: Bid) -> Iterator[Finding]:
    contract = tender.contract_value
    targets = {t.indicator: t.target for t in tender.indicators if t.target is not None}
    for indicator_id, items in _per_indicator(bid).items():
        indicator = ctx.indicator(indicator_id)
        size = _size_bound(ctx, indicator) if indicator is not None else None
        if size is not None and contract.amount > 0:
            unit, name, limit = size
            context = display_context(limit, contract.amount)
            bound = _tidy(context.divide(context.multiply(limit, contract.amount), MILLION))
            over = _first_over(ctx, items, unit, bound)
            if over is not None:
                n, commitment, total = over
                yield ctx.finding(
                    QUANTITY_PER_CONTRACT_VALUE,
                    bid,
                    "commitments",
                    n,
                    "quantity",
                    indicator=indicator_id,
                    total=_tidy(total),
                    unit=unit,
                    commitment=commitment.id,
                    bound=bound,
                    contract=f"{contract.currency} {contract.amount}",
                    threshold=name,
                    limit=limit,
                )
        target = targets.get(indicator_id)
        if target is not None and target.value > 0:
            multiple = ctx.thresholds.max_target_multiple
            over = _first_over(ctx, items, target.unit, target.value * multiple)
            if over is not None:
                n, commitment, total = over
                yield ctx.finding(
                    QUANTITY_ABOVE_TARGET,
                    bid,
                    "commitments",
                    n,
                    "quantity",
                    indicator=indicator_id,
                    total=_tidy(total),
                    unit=target.unit,
                    commitment=commitment.id,
                    multiple=multiple,
                    target=target.value,
                )


def _stricter(claimed: Decimal | None, default: Decimal) -> Decimal:
    return default if claimed is None else max(claimed, default)


def estimated_value(ctx: CheckContext, commitment: Commitment) -> Decimal | None:
    """Upper bound of a commitment's outcome value (see quality.value-exceeds-contract).

    None when the catalogue does not know the indicator or it has no outcome-family proxy
    value in a unit the quantity converts to.
    """
    indicator = ctx.indicator(commitment.indicator)
    if indicator is None or ctx.catalogue is None or is_payment_in_lieu(commitment):
        return None
    best: Decimal | None = None
    for proxy in ctx.catalogue.proxies_for(indicator.id):
        if proxy.valuation_basis.family != ValuationFamily.OUTCOME_VALUE:
            continue
        quantity = ctx.in_unit(commitment.quantity, proxy.per_unit)
        if quantity is None:
            continue
        gross = quantity * proxy.value.central
        best = gross if best is None else max(best, gross)
    if best is None:
        return None
    defaults = indicator.adjustments
    claim = commitment.adjustments
    factor = Decimal(1)
    for attr in ("deadweight", "attribution", "displacement"):
        claimed = getattr(claim, attr) if claim is not None else None
        factor *= 1 - _stricter(claimed, getattr(defaults, attr))
    years = min(commitment.duration_years, defaults.max_duration_years)
    if indicator.first_year_only:
        years = 1
    return best * factor * years


def _ratio(value: Decimal, contract: Decimal) -> Decimal:
    context = display_context(value, contract)
    return quantize_display(context.divide(value, contract), Decimal("0.1"))


def _tidy(value: Decimal) -> Decimal:
    """Round a figure for a message: at most two decimals, no trailing zeros."""
    rounded = quantize_display(value, Decimal("0.01"))
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def _values(ctx: CheckContext, tender: Tender) -> Iterator[Finding]:
    contract = tender.contract_value
    if contract.amount <= 0:
        return
    multiple = ctx.thresholds.max_value_multiple
    bound = contract.amount * multiple
    bid = ctx.bid
    if bid is not None and ctx.catalogue is not None:
        estimates = [estimated_value(ctx, c) for c in bid.commitments]
        total = sum((e for e in estimates if e is not None), Decimal(0))
        if total > bound and ctx.catalogue.conventions.currency == contract.currency:
            yield ctx.finding(
                VALUE_EXCEEDS_CONTRACT,
                bid,
                "commitments",
                what=Bilingual(
                    f"the estimated outcome value of bid {bid.id} (upper bound)",
                    f"de geschatte uitkomstwaarde van inschrijving {bid.id} (bovengrens)",
                ),
                value=_tidy(total),
                currency=contract.currency,
                ratio=_ratio(total, contract.amount),
                contract=contract.amount,
                multiple=multiple,
            )
    for valuation in ctx.valuations:
        if valuation.subject_type != "bid" or valuation.currency != contract.currency:
            continue
        for name, value in valuation.totals.headline_values():
            if value <= bound:
                continue
            pointer = "outcomeValue" if name == "outcomeValue" else "byPerspective"
            yield ctx.finding(
                VALUE_EXCEEDS_CONTRACT,
                valuation,
                "totals",
                pointer,
                what=Bilingual(
                    f"the outcome value ({name}) of valuation {valuation.id}",
                    f"de uitkomstwaarde ({name}) van waardering {valuation.id}",
                )
                if pointer != "outcomeValue"
                else Bilingual(
                    f"the outcome value of valuation {valuation.id}",
                    f"de uitkomstwaarde van waardering {valuation.id}",
                ),
                value=value,
                currency=contract.currency,
                ratio=_ratio(value, contract.amount),
                contract=contract.amount,
                multiple=multiple,
            )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Every plausibility finding (needs the tender for the contract's size)."""
    tender = ctx.tender
    if tender is None:
        return
    if ctx.bid is not None:
        yield from _quantities(ctx, tender, ctx.bid)
    yield from _values(ctx, tender)
