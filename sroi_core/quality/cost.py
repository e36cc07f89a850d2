"""Quality checks of the SROI ratio's denominator (standard 2.0).

A ratio is only as honest as its denominator: a supplier who declares an incremental cost
of EUR 0 or EUR 1,000 on a multi-million contract makes any social value look like a
bargain. A 2.0 valuation computes an SROI ratio only over a plausible declared cost
(:mod:`sroi_core.valuation.denominator` decides, for both); these findings say why a bid
gets value per contract euro instead, so the buyer sees the reason, not just the figure.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core.model.versions import version_key
from sroi_core.quality.context import CheckContext
from sroi_core.rules import Finding, Severity, define_rule
from sroi_core.valuation.denominator import EXPLANATIONS, CostProblem, cost_problem

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

COST_IMPLAUSIBLE = define_rule(
    "quality.incremental-cost-implausible",
    Severity.WARNING,
    "Implausible incremental cost",
    "bid {bid}: {problem} ({cost} against a contract value of {contract}); no SROI ratio is "
    "computed over it",
    "Catches a denominator chosen to inflate the SROI ratio: a declared incremental cost of "
    "zero, above the contract value, or below the standard's minimum share of it "
    "(docs/valuation-method.md). The valuation then reports value per contract euro instead "
    "of a ratio, so the declaration cannot raise the bid's standing.",
    category="quality",
    template_nl="inschrijving {bid}: {problem_nl} ({cost} tegenover een opdrachtwaarde van "
    "{contract}); er wordt geen SROI-ratio over berekend",
)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Findings on a 2.0 bid's declared incremental cost."""
    bid, tender = ctx.bid, ctx.tender
    if bid is None or version_key(bid.standard_version) < (2, 0):
        return
    contract = tender.contract_value if tender is not None else None
    currency = (
        contract.currency
        if contract is not None
        else (bid.incremental_cost.currency if bid.incremental_cost is not None else "EUR")
    )
    problem = cost_problem(bid.incremental_cost, contract, currency)
    if problem is None:
        return
    if problem is CostProblem.MISSING:
        yield ctx.finding(COST_MISSING, bid, bid=bid.id)
        return
    cost = bid.incremental_cost
    yield ctx.finding(
        COST_IMPLAUSIBLE,
        bid,
        "incrementalCost",
        bid=bid.id,
        problem=EXPLANATIONS[problem][0],
        problem_nl=EXPLANATIONS[problem][1],
        cost=f"{cost.currency} {cost.amount}" if cost is not None else "-",
        contract=f"{contract.currency} {contract.amount}" if contract is not None else "-",
    )
