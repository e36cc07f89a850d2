"""Quality checks: valid is not the same as good data.

Schema and semantic validation (``sroi validate``) say whether a document is well formed.
The quality checks (``sroi check``) look for the ways an effort-based social-return
offer is gamed — output where outcomes were asked, buy-off counted as value, double
counting, implausible quantities, claims outside the area or period, weak evidence,
obligation credits passed off as outcome value — by comparing a contract's documents with
each other. Each family of checks is one module; every finding comes from a rule in the
one rule catalogue (:mod:`sroi_core.rules`, category ``quality`` and ``verification``).

Use :func:`run_checks` with documents, or build a :class:`CheckContext` and call
:func:`check_context`. docs/quality-checks.md lists every rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.contract import reference_mismatches
from sroi_core.errors import SroiError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.document import Document
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender
from sroi_core.model.valuation import Valuation
from sroi_core.quality import (
    commitments,
    cost,
    credibility,
    credits,
    double_counting,
    evidence,
    materiality,
    plausibility,
    privacy,
    scale,
    scope,
)
from sroi_core.quality.context import (
    CONTEXT_MISSING,
    DOCUMENT_MISMATCH,
    CheckContext,
    Thresholds,
)
from sroi_core.rules import Finding

__all__ = [
    "CheckContext",
    "Thresholds",
    "check_context",
    "run_checks",
]

_FAMILIES = (
    commitments,
    scope,
    evidence,
    double_counting,
    plausibility,
    credits,
    credibility,
    cost,
    scale,
    materiality,
    privacy,
)

_NEEDS_TENDER = "outcomes-only, area, period, evidence minimum of the tender, size and targets"
_NEEDS_BID = "commitments behind evidence, evidence totals, buy-off"
_NEEDS_CATALOGUE = (
    "output indicators, duration caps, adjustment defaults, double-counting groups, "
    "indicator evidence minimum, obligation credits, value estimate"
)


def _mismatches(ctx: CheckContext) -> Iterator[Finding]:
    referrers: list[Tender | Bid | EvidenceReport] = [
        d for d in (ctx.tender, ctx.bid) if d is not None
    ]
    referrers.extend(ctx.evidence_reports)
    for document in referrers:
        for wrong in reference_mismatches(
            document, catalogue=ctx.catalogue, tender=ctx.tender, bid=ctx.bid
        ):
            yield wrong.finding(ctx.source(document))
    bid = ctx.bid
    for valuation in ctx.valuations:
        subject = bid if valuation.subject_type == "bid" else None
        if subject is not None and valuation.subject.id != subject.id:
            yield ctx.finding(
                DOCUMENT_MISMATCH,
                valuation,
                "subject",
                kind="bid",
                expected=valuation.subject.text,
                actual=subject.id,
            )


def _missing(ctx: CheckContext) -> Iterator[Finding]:
    checked: list[Document] = [d for d in (ctx.tender, ctx.bid) if d is not None]
    checked.extend(ctx.evidence_reports)
    checked.extend(ctx.valuations)
    for document in checked:
        if ctx.catalogue is None:
            yield ctx.finding(CONTEXT_MISSING, document, what="catalogue", checks=_NEEDS_CATALOGUE)
        needs_tender = isinstance(document, Bid | EvidenceReport) or (
            isinstance(document, Valuation) and document.subject_type == "bid"
        )
        if ctx.tender is None and needs_tender:
            yield ctx.finding(CONTEXT_MISSING, document, what="tender", checks=_NEEDS_TENDER)
        if ctx.bid is None and isinstance(document, EvidenceReport):
            yield ctx.finding(CONTEXT_MISSING, document, what="bid", checks=_NEEDS_BID)


def _pointer_key(pointer: str) -> tuple[tuple[int, int, str], ...]:
    parts = pointer.split("/")[1:] if pointer else []
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def check_context(ctx: CheckContext) -> list[Finding]:
    """Every quality finding of the documents in ``ctx``.

    Ordered by document (as in ``ctx.sources``, then catalogue, tender, bid, reports,
    valuations), then by position in the document, then by rule id — the same input always
    gives the same list.
    """
    findings: list[Finding] = list(_mismatches(ctx))
    findings.extend(_missing(ctx))
    for family in _FAMILIES:
        findings.extend(family.check(ctx))
    order = {name: n for n, (_, name) in enumerate(ctx.sources)}
    return sorted(
        findings,
        key=lambda f: (
            order.get(f.source, len(order)),
            f.source,
            _pointer_key(f.pointer),
            f.rule_id,
            f.message,
        ),
    )


def _single(kind: str, given: Document | None, found: Sequence[Document]) -> Document | None:
    candidates = ([given] if given is not None else []) + [d for d in found if d is not given]
    if len(candidates) > 1:
        raise SroiError(
            f"give one {kind} per check ({len(candidates)} were given); check each contract "
            "separately"
        )
    return candidates[0] if candidates else None


def _resolve_catalogue(
    found: Sequence[Document],
    store: CatalogueStore | None,
    referring: Iterable[Bid | Tender | EvidenceReport],
) -> Catalogue | None:
    given = [d for d in found if isinstance(d, Catalogue)]
    documents = list(referring)
    for document in documents:
        ref = document.catalogue
        for catalogue in given:
            if ref.matches(catalogue.id, catalogue.version):
                return catalogue
    if given:
        return given[0]
    catalogues = store if store is not None else CatalogueStore()
    for document in documents:
        stored = catalogues.find_for(document)
        if stored is not None:
            return stored
    return None


def run_checks(
    documents: Iterable[Document | tuple[Document, str]],
    catalogue: Catalogue | None = None,
    tender: Tender | None = None,
    bid: Bid | None = None,
    *,
    thresholds: Thresholds | None = None,
    store: CatalogueStore | None = None,
) -> list[Finding]:
    """Quality findings of ``documents`` (each optionally with its file name).

    Documents of each type are sorted into a :class:`CheckContext`: at most one catalogue,
    tender and bid (given here or among ``documents``), any number of evidence reports and
    valuations. Without a catalogue, the one the documents name is looked up in ``store``
    (built-in catalogues by default). Raises SroiError when two tenders or two bids are
    given.
    """
    pairs = [d if isinstance(d, tuple) else (d, "<memory>") for d in documents]
    found = [d for d, _ in pairs]
    chosen_tender = _single("tender", tender, [d for d in found if isinstance(d, Tender)])
    chosen_bid = _single("bid", bid, [d for d in found if isinstance(d, Bid)])
    reports = tuple(d for d in found if isinstance(d, EvidenceReport))
    valuations = tuple(d for d in found if isinstance(d, Valuation))
    chosen_catalogue = catalogue
    if chosen_catalogue is None:
        referring: list[Bid | Tender | EvidenceReport] = [
            d for d in (chosen_bid, chosen_tender) if isinstance(d, Bid | Tender)
        ]
        referring.extend(reports)
        chosen_catalogue = _resolve_catalogue(found, store, referring)
    ctx = CheckContext(
        catalogue=chosen_catalogue,
        tender=chosen_tender if isinstance(chosen_tender, Tender) else None,
        bid=chosen_bid if isinstance(chosen_bid, Bid) else None,
        evidence_reports=reports,
        valuations=valuations,
        thresholds=thresholds or Thresholds(),
        sources=tuple(pairs),
    )
    return check_context(ctx)
