"""Quality checks for double counting: one person, one outcome, counted once.

Evidence names people only by pseudonyms chosen by the supplier (``subjects``). That is
enough to see the same pseudonym claimed twice for one outcome — in two items, under two
indicators of one outcome or double-counting group, or in two reports — without anyone
learning who the person is. A pseudonym is only comparable within one supplier's
reports, which is exactly the scope of these checks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count

from sroi_core.model.commitment import Commitment
from sroi_core.quality.context import CheckContext, Claim
from sroi_core.rules import Finding, Severity, define_rule

DOUBLE_COUNTED_SUBJECT = define_rule(
    "quality.double-counted-subject",
    Severity.ERROR,
    "Same person claimed twice for one outcome",
    "subject {subject} of item {item} of report {report} is also claimed in item "
    "{other_item} of report {other_report} for the same {shared_kind} {shared} in an "
    "overlapping period",
    "Catches one person counted twice: the same pseudonymous subject in two submitted or "
    "verified evidence items (of one report or of several) whose indicators share an "
    "outcome or a doubleCountingGroup and whose periods overlap, or listed twice in one "
    "item.",
    category="quality",
    template_nl="subject {subject} van bewijsstuk {item} in rapportage {report} wordt ook "
    "geclaimd in bewijsstuk {other_item} van rapportage {other_report} voor dezelfde "
    "{shared_kind} {shared} in een overlappende periode",
)
FIRST_YEAR_ONLY_REPEAT = define_rule(
    "quality.first-year-only-repeat",
    Severity.ERROR,
    "First-year-only result counted again later",
    "subject {subject} of item {item} of report {report} was already claimed in item "
    "{other_item} of report {other_report} for indicator {indicator}, which counts only the "
    "first year",
    "Catches a hire (or another first-year-only result) counted again in a later period: "
    "the indicator says firstYearOnly, so the same subject may be claimed for its outcome "
    "once.",
    category="quality",
    template_nl="subject {subject} van bewijsstuk {item} in rapportage {report} is al "
    "geclaimd in bewijsstuk {other_item} van rapportage {other_report} voor indicator "
    "{indicator}, die alleen het eerste jaar telt",
)
OVERLAPPING_COMMITMENTS = define_rule(
    "quality.overlapping-commitments",
    Severity.WARNING,
    "Overlapping indicators committed together",
    "commitment {commitment} (indicator {indicator}) and commitment {other} (indicator "
    "{other_indicator}) share double-counting group {group} in overlapping periods",
    "Flags the set-up for double counting: the catalogue marks indicators that measure "
    "overlapping things with one doubleCountingGroup. Committing to two of them in one bid "
    "is allowed only if no person or effect is counted under both; the evidence must show "
    "distinct subjects.",
    category="quality",
    template_nl="toezegging {commitment} (indicator {indicator}) en toezegging {other} "
    "(indicator {other_indicator}) delen dubbeltelgroep {group} in overlappende perioden",
)


def _shared(keys: set[tuple[str, str]]) -> dict[str, str]:
    """What two claims share, named by its field in the standard (the same in nl and en)."""
    kind, value = sorted(keys)[0]
    field = {"indicator": "indicator", "outcome": "outcome", "group": "doubleCountingGroup"}
    return {"shared_kind": field[kind], "shared": value}


def _items(claim: Claim, other: Claim) -> dict[str, str]:
    """The two claims' item and report ids, as the messages name them."""
    return {
        "item": claim.item.id,
        "report": claim.report.id,
        "other_item": other.item.id,
        "other_report": other.report.id,
    }


@dataclass
class _Earlier:
    """The claims of one subject under one counting key so far, indexed for a new claim.

    A claim needs the first earlier claim whose period overlaps its own, and (first-year-
    only indicators) the first earlier claim at all or of its indicator. Claims of one
    subject repeat a few periods, so the first claim of each distinct period is kept:
    a new claim looks at periods, not at every earlier claim (which made a report of
    n items naming the same people cost n squared).
    """

    first: Claim
    by_period: dict[tuple[dt.date, dt.date], tuple[int, Claim]] = field(default_factory=dict)
    """The first claim of each distinct period, with its place in the order of claims."""
    by_indicator: dict[str, Claim] = field(default_factory=dict)

    def add(self, claim: Claim, place: int) -> None:
        period = claim.item.period
        self.by_period.setdefault((period.start, period.end), (place, claim))
        self.by_indicator.setdefault(claim.item.indicator, claim)

    def first_overlapping(self, claim: Claim) -> Claim | None:
        """The earliest claim whose period overlaps ``claim``'s, or None."""
        found: tuple[int, Claim] | None = None
        period = claim.item.period
        for (start, end), (place, earlier) in self.by_period.items():
            if start <= period.end and period.start <= end and (found is None or place < found[0]):
                found = (place, earlier)
        return found[1] if found is not None else None


def _subjects(ctx: CheckContext) -> Iterator[Finding]:
    """Subjects claimed twice for one key in overlapping periods, or again (first year only).

    Keys are taken in sorted order, so the claim a finding names does not depend on the
    process's hash seed (a claim counts toward a set of keys).
    """
    seen: dict[tuple[tuple[str, str], str], _Earlier] = {}
    places = count()
    for claim in ctx.claims():
        indicator = ctx.indicator(claim.item.indicator)
        first_year_only = indicator is not None and indicator.first_year_only
        keys = sorted(ctx.counting_keys(claim.item.indicator))
        in_item: set[str] = set()
        for s, subject in enumerate(claim.item.subjects):
            if subject in in_item:
                yield ctx.finding(
                    DOUBLE_COUNTED_SUBJECT,
                    claim.report,
                    "items",
                    claim.index,
                    "subjects",
                    s,
                    subject=subject,
                    **_items(claim, claim),
                    shared_kind="indicator",
                    shared=claim.item.indicator,
                )
                continue
            in_item.add(subject)
            earlier = [(key, seen[(key, subject)]) for key in keys if (key, subject) in seen]
            other = next(
                (found for _, e in earlier if (found := e.first_overlapping(claim)) is not None),
                None,
            )
            if other is not None:
                # the keys under which ``other`` was counted too: all of its own keys
                shared = set(keys) & ctx.counting_keys(other.item.indicator)
                yield ctx.finding(
                    DOUBLE_COUNTED_SUBJECT,
                    claim.report,
                    "items",
                    claim.index,
                    "subjects",
                    s,
                    subject=subject,
                    **_items(claim, other),
                    **_shared(shared),
                )
            elif first_year_only and indicator is not None:
                outcome_key = ("outcome", indicator.outcome)
                repeat = next(
                    (
                        found
                        for key, e in earlier
                        if (
                            found := e.first
                            if key == outcome_key
                            else e.by_indicator.get(indicator.id)
                        )
                        is not None
                    ),
                    None,
                )
                if repeat is not None:
                    yield ctx.finding(
                        FIRST_YEAR_ONLY_REPEAT,
                        claim.report,
                        "items",
                        claim.index,
                        "subjects",
                        s,
                        subject=subject,
                        **_items(claim, repeat),
                        indicator=indicator.id,
                    )
            place = next(places)
            for key in keys:
                entry = seen.get((key, subject))
                if entry is None:
                    entry = seen[(key, subject)] = _Earlier(claim)
                entry.add(claim, place)


def _overlapping_pair(
    first: list[tuple[int, Commitment]], second: list[tuple[int, Commitment]]
) -> tuple[tuple[int, Commitment], tuple[int, Commitment]] | None:
    """Return one overlapping pair (first's, second's) of the two lists, or None.

    A sweep over the periods sorted by start: a period overlaps the other list when it
    starts on or before the latest end seen in that list so far.
    """
    events = sorted(
        [(c.period.start, 0, n, c) for n, c in first]
        + [(c.period.start, 1, n, c) for n, c in second],
        key=lambda e: (e[0], e[1], e[2]),
    )
    latest: list[tuple[int, Commitment] | None] = [None, None]
    for start, side, n, commitment in events:
        other = latest[1 - side]
        if other is not None and start <= other[1].period.end:
            return ((n, commitment), other) if side == 0 else (other, (n, commitment))
        current = latest[side]
        if current is None or commitment.period.end > current[1].period.end:
            latest[side] = (n, commitment)
    return None


def _commitments(ctx: CheckContext) -> Iterator[Finding]:
    """One warning per pair of indicators of a group committed in overlapping periods."""
    bid = ctx.bid
    if bid is None:
        return
    groups: dict[str, dict[str, list[tuple[int, Commitment]]]] = defaultdict(dict)
    for n, commitment in enumerate(bid.commitments):
        indicator = ctx.indicator(commitment.indicator)
        if indicator is None or indicator.double_counting_group is None:
            continue
        groups[indicator.double_counting_group].setdefault(indicator.id, []).append((n, commitment))
    for group, by_indicator in groups.items():
        names = list(by_indicator)
        for a, first in enumerate(names):
            for second in names[a + 1 :]:
                pair = _overlapping_pair(by_indicator[first], by_indicator[second])
                if pair is None:
                    continue
                (_, c1), (n2, c2) = sorted(pair, key=lambda item: item[0])
                yield ctx.finding(
                    OVERLAPPING_COMMITMENTS,
                    bid,
                    "commitments",
                    n2,
                    "indicator",
                    commitment=c2.id,
                    indicator=c2.indicator,
                    other=c1.id,
                    other_indicator=c1.indicator,
                    group=group,
                )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Every double-counting finding of the bid and the evidence reports."""
    yield from _commitments(ctx)
    yield from _subjects(ctx)
