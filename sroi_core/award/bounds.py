"""Plausibility bounds per unit, derived from the contract so they hold without a target.

A bound is the most a bid can credibly count in one unit over the contract: the smaller of
what the contract value can pay for and what the area's population can supply. The factors
are columns of the unit codelist (``plausible_per_million``,
``plausible_per_thousand_residents_per_year``) — conventions of the standard, not sourced
figures — and a tender may replace the bound of any unit (``award.plausibility.bounds``).
"""

from __future__ import annotations

from decimal import Decimal

from sroi_core._decimal import exact_context
from sroi_core.codelists import codelist
from sroi_core.model.tender import Tender

MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1000)
DAYS_PER_YEAR = Decimal("365.25")


def contract_years(tender: Tender) -> Decimal:
    """The contract period in years (days / 365.25), at least one day's worth."""
    days = (tender.period.end - tender.period.start).days + 1
    return exact_context().divide(Decimal(max(days, 1)), DAYS_PER_YEAR)


def _factor(unit: str, column: str) -> Decimal | None:
    text = codelist("unit").get(unit).get(column)
    return Decimal(text) if text else None


def plausibility_bound(tender: Tender, unit: str) -> Decimal | None:
    """The bound on the total quantity in ``unit`` a bid may count, or None if unbounded."""
    plausibility = tender.award.plausibility if tender.award is not None else None
    if plausibility is not None:
        for override in plausibility.bounds:
            if override.unit == unit:
                return override.bound
    context = exact_context()
    candidates: list[Decimal] = []
    per_million = _factor(unit, "plausible_per_million")
    if per_million is not None:
        value = context.divide(tender.contract_value.amount, MILLION)
        candidates.append(context.multiply(per_million, value))
    per_resident = _factor(unit, "plausible_per_thousand_residents_per_year")
    population = plausibility.area_population if plausibility is not None else None
    if per_resident is not None and population is not None:
        residents = context.divide(Decimal(population), THOUSAND)
        candidates.append(
            context.multiply(context.multiply(per_resident, residents), contract_years(tender))
        )
    if not candidates:
        return None
    return min(candidates).quantize(Decimal("0.0001"), context=context)
