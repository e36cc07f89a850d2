"""Ranking with the tender's published tie-break order.

Compliant bids first (under ``rank-after``), then by total, highest first; equal totals
are separated by the tie-break criteria in the published order (fewer award reductions,
higher social-value, qualitative or price points); bids equal on all of them share a rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sroi_core.model.award_rules import TieBreak


@dataclass(frozen=True)
class Contender:
    """What the ranking needs of one scored bid."""

    bid: str
    total: Decimal
    compliant: bool
    reductions: int
    social_value: Decimal
    qualitative: Decimal
    price: Decimal


def _key(c: Contender, order: tuple[TieBreak, ...]) -> tuple[object, ...]:
    parts: list[object] = [not c.compliant, -c.total]
    for criterion in order:
        if criterion == "fewer-reductions":
            parts.append(c.reductions)
        elif criterion == "social-value":
            parts.append(-c.social_value)
        elif criterion == "qualitative":
            parts.append(-c.qualitative)
        elif criterion == "price":
            parts.append(-c.price)
    return tuple(parts)


def rank(
    contenders: list[Contender], order: tuple[TieBreak, ...]
) -> tuple[dict[str, int], list[tuple[str, ...]]]:
    """Rank of each bid (competition ranking: 1, 1, 3) and the groups still tied."""
    ordered = sorted(contenders, key=lambda c: (_key(c, order), c.bid))
    ranks: dict[str, int] = {}
    ties: list[tuple[str, ...]] = []
    position = 0
    previous: tuple[object, ...] | None = None
    group: list[str] = []
    for n, contender in enumerate(ordered, start=1):
        key = _key(contender, order)
        if key != previous:
            if len(group) > 1:
                ties.append(tuple(group))
            position, previous, group = n, key, []
        ranks[contender.bid] = position
        group.append(contender.bid)
    if len(group) > 1:
        ties.append(tuple(group))
    return ranks, ties
