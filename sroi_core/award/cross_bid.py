"""Checks across the bids of one tender: commitments copied from another bid.

A commitment is a copy when another bid of the same tender has one with the same
indicator, quantity, period and group text, and that bid was submitted earlier (on the
same day both are flagged: the original cannot be told).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.model.bid import Bid
from sroi_core.model.commitment import Commitment
from sroi_core.model.document import Document
from sroi_core.quality import Thresholds, run_checks
from sroi_core.quality.credibility import group_key
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding

COPIED = define_rule(
    "credibility.copied-commitments",
    Severity.WARNING,
    "Commitment copied from another bid",
    "commitment {commitment} is identical to commitment {other} of bid {bid}, submitted {when}",
    "Bids of one tender are compared: a commitment (indicator, quantity, period, group) or "
    "delivery plan identical to one in a bid submitted earlier is a copy, not a plan. "
    "Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment} is gelijk aan toezegging {other} van inschrijving "
    "{bid}, ingediend {when}",
)


def _signature(c: Commitment) -> tuple[str, str, str, str, str, str]:
    plan = c.description.nl or c.description.en or "" if c.description else ""
    return (
        c.indicator,
        str(c.quantity.value.normalize()),
        c.quantity.unit,
        c.period.start.isoformat(),
        group_key(c) or plan,
        c.period.end.isoformat(),
    )


def copied_findings(bids: Sequence[Bid], sources: dict[str, str]) -> dict[str, list[Finding]]:
    """Findings per bid id for commitments identical to an earlier (or same-day) bid's."""
    found: dict[str, list[Finding]] = {}
    signatures = {id(bid): list(map(_signature, bid.commitments)) for bid in bids}
    first_of: dict[int, dict[tuple[str, str, str, str, str, str], Commitment]] = {}
    for bid in bids:
        index = first_of[id(bid)] = {}
        for commitment, key in zip(bid.commitments, signatures[id(bid)], strict=True):
            index.setdefault(key, commitment)
    for bid in bids:
        for n, (c, key) in enumerate(zip(bid.commitments, signatures[id(bid)], strict=True)):
            if not key[4]:
                continue
            for other in bids:
                if other is bid or other.submitted > bid.submitted:
                    continue
                match = first_of[id(other)].get(key)  # not a scan of its commitments
                if match is None:
                    continue
                when = "the same day" if other.submitted == bid.submitted else "earlier"
                found.setdefault(bid.id, []).append(
                    make_finding(
                        COPIED,
                        json_pointer("commitments", n),
                        source=sources.get(bid.id, f"<bid {bid.id}>"),
                        commitment=c.id,
                        other=match.id,
                        bid=other.id,
                        when=when,
                    )
                )
                break
    return found


def check_bids_of_tender(
    documents: Iterable[tuple[Document, str]],
    *,
    thresholds: Thresholds | None = None,
    store: CatalogueStore | None = None,
) -> list[Finding]:
    """Quality findings of several bids of one tender, each checked, then compared.

    Each bid is checked with the other documents (tender, catalogue) as ``run_checks``
    does; then the bids are compared with each other (copied commitments). The findings of
    the shared documents are reported once.
    """
    pairs = list(documents)
    bids = [(d, name) for d, name in pairs if isinstance(d, Bid)]
    shared = [(d, name) for d, name in pairs if not isinstance(d, Bid)]
    found: list[Finding] = []
    seen: set[tuple[str, str, str, str]] = set()
    for bid, name in bids:
        for finding in run_checks([*shared, (bid, name)], thresholds=thresholds, store=store):
            key = (finding.source, finding.pointer, finding.rule_id, finding.message)
            if key not in seen:
                seen.add(key)
                found.append(finding)
    sources = {bid.id: name for bid, name in bids}
    for extra in copied_findings([b for b, _ in bids], sources).values():
        found.extend(extra)
    return found
