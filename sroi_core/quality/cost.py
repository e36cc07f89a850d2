"""Quality checks of the SROI ratio's denominator (standard 2.0).

A ratio is only as honest as its denominator: a supplier who declares an incremental cost
of EUR 0 or EUR 1,000 on a multi-million contract makes any social value look like a
bargain. A 2.0 valuation computes an SROI ratio only over a plausible declared cost
(:mod:`sroi_core.valuation.denominator` decides, for both); these findings say why a bid
gets value per contract euro instead, so the buyer sees the reason, not just the figure.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core._decimal import round_cent
from sroi_core.model.versions import version_key
from sroi_core.quality.context import CheckContext
from sroi_core.rules import Finding, Severity, define_rule
from sroi_core.valuation.denominator import MIN_COST_SHARE, CostProblem, cost_problem

COST_MISSING = define_rule(
    "quality.incremental-cost-missing",
    Severity.INFO,
    "No incremental cost declared",
    "bid {bid} declares no incremental cost: its valuation reports value per contract euro, "
    "not an SROI ratio",
    "A 2.0 SROI ratio is present value over the declared incremental cost of delivering "
    "the social value. Without it the valuation reports value per contract euro under that "
    "name; bids with and without a ratio must not be compared on one scale.",
    category="quality",
    template_nl="inschrijving {bid} geeft geen meerkosten op: de waardering toont waarde per "
    "euro opdrachtwaarde, geen SROI-ratio",
)

COST_ZERO = define_rule(
    "quality.incremental-cost-zero",
    Severity.WARNING,
    "Incremental cost of zero",
    "bid {bid} declares an incremental cost of zero: no SROI ratio is computed over it",
    "A ratio over nothing has no meaning, and a zero denominator would make any social "
    "value infinitely efficient. The valuation reports value per contract euro instead, so "
    "the declaration cannot raise the bid's standing.",
    category="quality",
    template_nl="inschrijving {bid} geeft meerkosten van nul op: er wordt geen SROI-ratio "
    "over berekend",
)

COST_IMPLAUSIBLE = define_rule(
    "quality.incremental-cost-implausible",
    Severity.WARNING,
    "Implausible incremental cost",
    "bid {bid}: the declared incremental cost {cost} lies outside {low} to {high} (0.5 % to "
    "100 % of the contract value); no SROI ratio is computed over it",
    "Catches a denominator chosen to inflate the SROI ratio: a declared incremental cost "
    "above the contract value, below the standard's minimum share of it "
    "(docs/valuation-method.md §14), or in another currency. The valuation then reports "
    "value per contract euro instead of a ratio, so the declaration cannot raise the bid's "
    "standing.",
    category="quality",
    template_nl="inschrijving {bid}: de opgegeven meerkosten {cost} liggen buiten {low} tot "
    "{high} (0,5 % tot 100 % van de opdrachtwaarde); er wordt geen SROI-ratio over berekend",
)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Findings on a 2.0 bid's declared incremental cost."""
    bid, tender = ctx.bid, ctx.tender
    if bid is None or version_key(bid.standard_version) < (2, 0):
        return
    cost = bid.incremental_cost
    contract = tender.contract_value if tender is not None else None
    currency = contract.currency if contract is not None else (cost.currency if cost else "EUR")
    problem = cost_problem(cost, contract, currency)
    if problem is None:
        return
    if problem is CostProblem.MISSING or cost is None:
        yield ctx.finding(COST_MISSING, bid, bid=bid.id)
    elif problem is CostProblem.ZERO:
        yield ctx.finding(COST_ZERO, bid, "incrementalCost", bid=bid.id)
    elif contract is not None:
        yield ctx.finding(
            COST_IMPLAUSIBLE,
            bid,
            "incrementalCost",
            bid=bid.id,
            cost=f"{cost.currency} {cost.amount}",
            low=f"{contract.currency} {round_cent(contract.amount * MIN_COST_SHARE)}",
            high=f"{contract.currency} {contract.amount}",
        )
