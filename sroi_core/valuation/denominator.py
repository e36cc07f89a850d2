"""Whether a bid's declared incremental cost can be the denominator of an SROI ratio (2.0).

One place decides it, for the valuation (which computes a ratio only over a usable cost
and otherwise reports value per contract euro) and for the quality checks (which report
every unusable cost as a finding), so the finding and the figure can never disagree.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from sroi_core.model.types import Money

MIN_COST_SHARE = Decimal("0.005")
"""A declared incremental cost below this share of the contract value (0.5 %) is implausible.

A documented convention of the standard (docs/valuation-method.md, "A ratio over the
incremental cost"), not a sourced figure: delivering social value across a public contract
costs more than half a percent of it, and a smaller denominator makes any ratio look
excellent."""


class CostProblem(StrEnum):
    """Why a declared incremental cost cannot carry an SROI ratio."""

    MISSING = "missing"
    CURRENCY = "currency"
    ZERO = "zero"
    ABOVE_CONTRACT = "above-contract-value"
    BELOW_SHARE = "below-minimum-share"


def cost_problem(cost: Money | None, contract: Money | None, currency: str) -> CostProblem | None:
    """The reason ``cost`` cannot be a ratio's denominator, or None when it can."""
    if cost is None:
        return CostProblem.MISSING
    if cost.currency != currency:
        return CostProblem.CURRENCY
    if cost.amount <= 0:
        return CostProblem.ZERO
    if contract is not None and contract.currency == currency:
        if cost.amount > contract.amount:
            return CostProblem.ABOVE_CONTRACT
        if cost.amount < contract.amount * MIN_COST_SHARE:
            return CostProblem.BELOW_SHARE
    return None


EXPLANATIONS: dict[CostProblem, tuple[str, str]] = {
    CostProblem.MISSING: ("no incremental cost is declared", "er is geen meerkosten opgegeven"),
    CostProblem.CURRENCY: (
        "the incremental cost is in another currency than the valuation",
        "de meerkosten staan in een andere munt dan de waardering",
    ),
    CostProblem.ZERO: (
        "the declared incremental cost is zero",
        "de opgegeven meerkosten zijn nul",
    ),
    CostProblem.ABOVE_CONTRACT: (
        "the declared incremental cost exceeds the contract value",
        "de opgegeven meerkosten zijn hoger dan de opdrachtwaarde",
    ),
    CostProblem.BELOW_SHARE: (
        f"the declared incremental cost is below {MIN_COST_SHARE * 100:.1f} % of the contract "
        "value",
        f"de opgegeven meerkosten zijn lager dan {MIN_COST_SHARE * 100:.1f} % van de "
        "opdrachtwaarde",
    ),
}
"""English and Dutch wording of each problem (notes of a valuation, findings)."""
