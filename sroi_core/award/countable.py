"""What a tender can count of a bid's valuation, apart from what the bid claims.

A bid may value lines the tender cannot count: outside the tender's areas or period, for
indicators the tender did not ask for, outputs under an outcomes-only tender, buy-off.
Those lines stay in the valuation (the bid's claim) but never in the tender's headline.
Both figures are given per perspective, the award's own
(:func:`sroi_core.contract.award_perspective`) first: values of different perspectives are
never added up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sroi_core.award.points import total
from sroi_core.contract import ContractContext, commitment_at
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import IndicatorKind, Perspective
from sroi_core.model.commitment import Commitment
from sroi_core.model.indicator import Indicator
from sroi_core.model.tender import Tender
from sroi_core.model.valuation import Valuation, ValuationLine
from sroi_core.quality.commitments import is_payment_in_lieu
from sroi_core.rules import Bilingual, Finding

OUT_OF_SCOPE = frozenset({"quality.outside-area", "quality.outside-period"})


@dataclass(frozen=True)
class PerspectiveCount:
    """One perspective's value: what the tender can count and what the bid claims."""

    perspective: Perspective
    countable: Decimal
    claimed: Decimal


@dataclass(frozen=True)
class CountableSplit:
    """The valuation's value the tender can count, per perspective, and the lines it cannot."""

    perspectives: tuple[PerspectiveCount, ...]
    """Each perspective apart (never summed): the award's own first, then every other
    perspective in which the bid claims value."""
    not_countable: tuple[tuple[str, Bilingual], ...]
    """(commitment id, reason) of each line the tender cannot count."""


def _reason(
    line: ValuationLine,
    commitment: Commitment | None,
    indicator: Indicator,
    context: ContractContext,
    *,
    scope: dict[str, Finding],
) -> Bilingual | None:
    """Why the tender cannot count ``line``, in both languages; None when it can."""
    if commitment is not None and is_payment_in_lieu(commitment):
        return Bilingual("payment in lieu (buy-off)", "afkoop")
    if line.indicator not in context.asked:
        return Bilingual(
            f"indicator {line.indicator} is not asked for",
            f"de aanbesteding vraagt niet om indicator {line.indicator}",
        )
    if context.tender.outcomes_only and indicator.kind is IndicatorKind.OUTPUT:
        return Bilingual(f"{line.indicator} is an output", f"{line.indicator} is een output")
    finding = scope.get(line.line_id)
    return None if finding is None else Bilingual(finding.message, finding.message_nl)


def countable_split(
    valuation: Valuation, bid: Bid, tender: Tender, catalogue: Catalogue
) -> CountableSplit:
    """Split a bid's valuation into what ``tender`` can count and what it cannot."""
    context = ContractContext.build(tender, catalogue, (bid,))
    scope: dict[str, Finding] = {}
    for finding in context.checks(bid):
        index = commitment_at(finding.pointer, bid)
        if finding.rule_id in OUT_OF_SCOPE and index is not None:
            scope.setdefault(bid.commitments[index].id, finding)
    commitments = context.commitments(bid)
    reasons: list[tuple[str, Bilingual]] = []
    for line in valuation.lines:
        indicator = catalogue.indicator(line.indicator)
        why = _reason(line, commitments.get(line.line_id), indicator, context, scope=scope)
        if why is not None:
            reasons.append((line.line_id, why))
    excluded = {line_id for line_id, _ in reasons}
    counts = []
    for perspective in sorted(Perspective, key=lambda p: p is not context.perspective):
        claimed = total(line.perspective_value(perspective) for line in valuation.lines)
        if perspective is context.perspective or claimed:
            countable = total(
                line.perspective_value(perspective)
                for line in valuation.lines
                if line.line_id not in excluded
            )
            counts.append(PerspectiveCount(perspective, countable, claimed))
    return CountableSplit(perspectives=tuple(counts), not_countable=tuple(reasons))
