"""The indexed double-counting check names what a scan of every earlier claim names.

``double_counting._subjects`` keeps, per counting key and subject, the first claim of each
distinct period and of each indicator, so a report whose items name the same people no
longer costs n squared. Its definition is the scan below: for each subject of each claim,
every earlier claim under each of the claim's keys (in sorted order), the first whose
period overlaps; else, for a first-year-only indicator, the first earlier claim of its
outcome or indicator. Generated claims share few subjects, periods and indicators.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.quality import double_counting
from sroi_core.quality.context import CheckContext, Claim

INDICATORS = {
    "i-a": SimpleNamespace(
        id="i-a", outcome="o-1", first_year_only=True, double_counting_group="g"
    ),
    "i-b": SimpleNamespace(
        id="i-b", outcome="o-1", first_year_only=False, double_counting_group=None
    ),
    "i-c": SimpleNamespace(
        id="i-c", outcome="o-2", first_year_only=True, double_counting_group="g"
    ),
    "i-d": SimpleNamespace(
        id="i-d", outcome="o-3", first_year_only=False, double_counting_group=None
    ),
}
DAY = dt.date(2026, 1, 1)


class _Period(SimpleNamespace):
    def overlaps(self, other: Any) -> bool:
        return bool(self.start <= other.end and other.start <= self.end)


class _Context:
    """What ``_subjects`` asks of a CheckContext; findings as plain tuples."""

    def __init__(self, claims: list[Claim]) -> None:
        self._claims = claims

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def indicator(self, indicator_id: str) -> Any:
        return INDICATORS.get(indicator_id)

    def counting_keys(self, indicator_id: str) -> frozenset[tuple[str, str]]:
        return CheckContext.counting_keys(self, indicator_id)  # type: ignore[arg-type]

    def finding(self, rule: Any, document: Any, /, *path: Any, **params: Any) -> Any:
        return (rule.id, document.id, path, sorted(params.items()))


def _scan(ctx: _Context) -> Iterator[Any]:
    """The definition: every earlier claim looked at (keys in sorted order)."""
    seen: dict[tuple[tuple[str, str], str], list[Claim]] = defaultdict(list)
    for claim in ctx.claims():
        indicator = ctx.indicator(claim.item.indicator)
        keys = sorted(ctx.counting_keys(claim.item.indicator))
        in_item: set[str] = set()
        for s, subject in enumerate(claim.item.subjects):
            if subject in in_item:
                yield ctx.finding(
                    double_counting.DOUBLE_COUNTED_SUBJECT, claim.report, "items", claim.index,
                    "subjects", s, subject=subject, **double_counting._items(claim, claim),
                    shared_kind="indicator", shared=claim.item.indicator,
                )  # fmt: skip
                continue
            in_item.add(subject)
            earlier = [(key, c) for key in keys for c in seen.get((key, subject), [])]
            overlap = [(key, c) for key, c in earlier if c.item.period.overlaps(claim.item.period)]
            if overlap:
                other = overlap[0][1]
                shared = {key for key, c in overlap if c is other}
                yield ctx.finding(
                    double_counting.DOUBLE_COUNTED_SUBJECT, claim.report, "items", claim.index,
                    "subjects", s, subject=subject, **double_counting._items(claim, other),
                    **double_counting._shared(shared),
                )  # fmt: skip
            elif indicator is not None and indicator.first_year_only:
                repeat = [
                    c
                    for key, c in earlier
                    if key == ("outcome", indicator.outcome) or c.item.indicator == indicator.id
                ]
                if repeat:
                    yield ctx.finding(
                        double_counting.FIRST_YEAR_ONLY_REPEAT, claim.report, "items",
                        claim.index, "subjects", s, subject=subject,
                        **double_counting._items(claim, repeat[0]), indicator=indicator.id,
                    )  # fmt: skip
            for key in keys:
                seen[(key, subject)].append(claim)


@st.composite
def claims(draw: st.DrawFn) -> list[Claim]:
    made = []
    for number in range(draw(st.integers(0, 25))):
        start = draw(st.integers(0, 6)) * 30
        length = draw(st.sampled_from([0, 29, 89, 364]))
        item = SimpleNamespace(
            id=f"e-{number}",
            indicator=draw(st.sampled_from([*INDICATORS, "i-unknown"])),
            subjects=draw(st.lists(st.sampled_from(["p1", "p2", "p3"]), max_size=4)),
            period=_Period(
                start=DAY + dt.timedelta(days=start),
                end=DAY + dt.timedelta(days=start + length),
            ),
        )
        report = SimpleNamespace(id=draw(st.sampled_from(["r-1", "r-2"])))
        made.append(Claim(report=report, source="r.json", index=number, item=item))  # type: ignore[arg-type]
    return made


@settings(max_examples=400, deadline=None)
@given(claims())
def test_the_indexed_check_names_what_the_scan_names(made: list[Claim]) -> None:
    ctx = _Context(made)
    assert list(double_counting._subjects(ctx)) == list(_scan(ctx))  # type: ignore[arg-type]


def test_a_report_naming_the_same_people_in_every_item_is_linear() -> None:
    """Findings for every item after the first, each naming the first item; the index
    holds one period and one indicator per key and subject, whatever the item count."""
    made = [
        Claim(
            report=SimpleNamespace(id="r-1"),  # type: ignore[arg-type]
            source="r.json",
            index=n,
            item=SimpleNamespace(  # type: ignore[arg-type]
                id=f"e-{n}",
                indicator="i-b",
                subjects=["p1", "p2"],
                period=_Period(start=DAY, end=DAY + dt.timedelta(days=180)),
            ),
        )
        for n in range(3000)
    ]
    found = list(double_counting._subjects(_Context(made)))  # type: ignore[arg-type]
    assert len(found) == 2 * 2999
    assert {dict(f[3])["other_item"] for f in found} == {"e-0"}
