"""Quality checks of where and when: claims must lie in the tender's area and period.

Social value for *the local community* means value in the areas the buyer named, during
the contract. A claim elsewhere or at another time may be real, but it is not what this
contract pays for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sroi_core.model.document import Document
from sroi_core.model.types import Area, Period
from sroi_core.quality.context import LIVE_STATUSES, CheckContext, join
from sroi_core.rules import Bilingual, Finding, Severity, define_rule
from sroi_core.verification import effective_status

OUTSIDE_AREA = define_rule(
    "quality.outside-area",
    Severity.ERROR,
    "Claim outside the agreed area",
    "{what} is in area {area}, which lies outside {where} ({allowed})",
    "Catches value claimed away from the community the contract serves: a commitment or "
    "evidence item whose area (a CBS code) does not lie within any of the tender's areas, "
    "or evidence placed outside the areas its commitment named.",
    category="quality",
    template_nl="{what} ligt in gebied {area}, buiten {where} ({allowed})",
)
OUTSIDE_PERIOD = define_rule(
    "quality.outside-period",
    Severity.ERROR,
    "Claim outside the contract period",
    "{what} runs from {start} to {end}, outside {where} ({allowed})",
    "Catches value claimed for another time than the contract: a commitment or evidence "
    "item whose period does not lie wholly inside the tender's period (for example results "
    "delivered before the contract started, borrowed from other work).",
    category="quality",
    template_nl="{what} loopt van {start} tot {end}, buiten {where} ({allowed})",
)


def _areas(
    ctx: CheckContext,
    doc: Document,
    areas: Sequence[Area],
    allowed: Sequence[Area],
    path: tuple[str | int, ...],
    **names: object,
) -> Iterator[Finding]:
    if not allowed:
        return
    for a, area in enumerate(areas):
        if not any(area.within(region) for region in allowed):
            yield ctx.finding(
                OUTSIDE_AREA,
                doc,
                *path,
                "areas",
                a,
                area=area.code,
                allowed=join(r.code for r in allowed),
                **names,
            )


def _period(
    ctx: CheckContext,
    doc: Document,
    period: Period,
    allowed: Period,
    path: tuple[str | int, ...],
    **names: object,
) -> Iterator[Finding]:
    if not allowed.contains(period):
        yield ctx.finding(
            OUTSIDE_PERIOD,
            doc,
            *path,
            "period",
            start=period.start,
            end=period.end,
            allowed=Bilingual(
                f"{allowed.start} to {allowed.end}", f"{allowed.start} tot en met {allowed.end}"
            ),
            **names,
        )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Every area and period finding of the bid and the evidence reports."""
    tender, bid = ctx.tender, ctx.bid
    if tender is not None and bid is not None:
        where = Bilingual(f"tender {tender.id}", f"aanbesteding {tender.id}")
        for n, commitment in enumerate(bid.commitments):
            names: dict[str, object] = {
                "what": Bilingual(f"commitment {commitment.id}", f"toezegging {commitment.id}"),
                "where": where,
            }
            yield from _areas(ctx, bid, commitment.areas, tender.areas, ("commitments", n), **names)
            yield from _period(
                ctx, bid, commitment.period, tender.period, ("commitments", n), **names
            )
    for report in ctx.evidence_reports:
        for n, item in enumerate(report.items):
            if effective_status(item) not in LIVE_STATUSES:
                continue  # a rejected or withdrawn item claims nothing
            what = Bilingual(f"evidence item {item.id}", f"bewijsstuk {item.id}")
            if tender is not None:
                names = {
                    "what": what,
                    "where": Bilingual(f"tender {tender.id}", f"aanbesteding {tender.id}"),
                }
                yield from _areas(ctx, report, item.areas, tender.areas, ("items", n), **names)
                yield from _period(ctx, report, item.period, tender.period, ("items", n), **names)
            committed = ctx.commitment(item.commitment)
            if committed is not None:
                inside_tender = tender is None or all(
                    any(area.within(region) for region in tender.areas) for area in item.areas
                )
                if inside_tender:
                    yield from _areas(
                        ctx,
                        report,
                        item.areas,
                        committed.areas,
                        ("items", n),
                        what=what,
                        where=Bilingual(
                            f"commitment {committed.id}", f"toezegging {committed.id}"
                        ),
                    )
