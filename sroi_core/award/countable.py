"""What a tender can count of a bid's valuation, apart from what the bid claims.

A bid may value lines the tender cannot count: outside the tender's areas or period, for
indicators the tender did not ask for, outputs under an outcomes-only tender, buy-off.
Those lines stay in the valuation (the bid's claim) but never in the tender's headline.
Both figures are in the award's perspective (:func:`sroi_core.contract.award_perspective`):
values of different perspectives are never added up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sroi_core.award.points import total
from sroi_core.contract import ContractContext, commitment_at
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import IndicatorKind, Perspective
from sroi_core.model.tender import Tender
from sroi_core.model.valuation import Valuation
from sroi_core.quality.commitments import is_payment_in_lieu

OUT_OF_SCOPE = frozenset({"quality.outside-area", "quality.outside-period"})


@dataclass(frozen=True)
class CountableSplit:
    """The valuation's value the tender can count, and the lines it cannot."""

    perspective: Perspective
    """The award's perspective: the one both figures are in."""
    countable: Decimal
    claimed: Decimal
    not_countable: tuple[tuple[str, str], ...]
    """(commitment id, reason) of each line the tender cannot count."""
    reasons_nl: dict[str, str] = field(default_factory=dict)
    """Commitment id -> the Dutch reason, where the reason is a finding (out of area/period)."""


def countable_split(
    valuation: Valuation, bid: Bid, tender: Tender, catalogue: Catalogue
) -> CountableSplit:
    """Split a bid's valuation into what ``tender`` can count and what it cannot."""
    context = ContractContext.build(tender, catalogue, (bid,))
    asked = context.asked
    scope: dict[str, str] = {}
    scope_nl: dict[str, str] = {}
    for finding in context.checks(bid):
        index = commitment_at(finding.pointer, bid)
        if finding.rule_id in OUT_OF_SCOPE and index is not None:
            scope.setdefault(bid.commitments[index].id, finding.message)
            scope_nl.setdefault(bid.commitments[index].id, finding.message_nl)
    commitments = context.commitments(bid)
    reasons: list[tuple[str, str]] = []
    for line in valuation.lines:
        commitment = commitments.get(line.line_id)
        indicator = catalogue.indicator(line.indicator)
        if commitment is not None and is_payment_in_lieu(commitment):
            reasons.append((line.line_id, "payment in lieu (buy-off)"))
        elif line.indicator not in asked:
            reasons.append((line.line_id, f"indicator {line.indicator} is not asked for"))
        elif tender.outcomes_only and indicator.kind is IndicatorKind.OUTPUT:
            reasons.append((line.line_id, f"{line.indicator} is an output"))
        elif line.line_id in scope:
            reasons.append((line.line_id, scope[line.line_id]))
    excluded = {line_id for line_id, _ in reasons}
    perspective = context.perspective
    return CountableSplit(
        perspective=perspective,
        countable=total(
            line.perspective_value(perspective)
            for line in valuation.lines
            if line.line_id not in excluded
        ),
        claimed=total(line.perspective_value(perspective) for line in valuation.lines),
        not_countable=tuple(reasons),
        reasons_nl={
            line_id: scope_nl[line_id] for line_id, _ in reasons if scope_nl.get(line_id)
        },
    )
