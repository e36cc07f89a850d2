"""One contract's documents, read once: what scoring, the award, monitoring and the report share.

Scoring, the award engine, monitoring, the council report and the quality checks all look at
the same situation — a tender, the catalogue it names, the bids, the evidence reports — and
each used to assemble it (and its indexes, file names, valuations and reference checks) on
its own. :class:`ContractContext` is that situation built once: immutable, with indexed
lookups, and the bid's valuation computed at most once however many parts ask for it.

The module also holds the primitives of a contract that are not a single model's: whether
documents refer to each other (:func:`reference_mismatches`), the bid's commitments by id
(:func:`commitment_index`), the commitment a finding points into (:func:`commitment_at`)
and the perspective the award counts (:func:`award_perspective`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import Perspective
from sroi_core.model.commitment import Commitment
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender

if TYPE_CHECKING:
    from sroi_core.model.valuation import Valuation
    from sroi_core.quality.context import CheckContext
    from sroi_core.rules import Finding

__all__ = [
    "ContractContext",
    "ReferenceMismatch",
    "award_perspective",
    "commitment_at",
    "commitment_index",
    "reference_mismatches",
]

DEFAULT_PERSPECTIVE = Perspective.SOCIETY
"""The perspective a value-based award counts when the tender names none: the procurement
profile's default, and what ``sroi migrate`` assumes for a 1.0 tender (1.0 summed them)."""


@dataclass(frozen=True)
class ReferenceMismatch:
    """A document that names another tender, bid or catalogue than the one it is read with."""

    field: str
    """The referring field (``catalogue``, ``tender``, ``bid``)."""
    kind: str
    expected: str
    """The reference as the document writes it (``id version``)."""
    actual: str
    """The document given instead (``id version`` for a catalogue)."""

    def finding(self, source: str) -> Finding:
        """The mismatch as a ``quality.document-mismatch`` finding at the referring field."""
        from sroi_core.quality.context import DOCUMENT_MISMATCH  # noqa: PLC0415 - imports this
        from sroi_core.rules import make_finding  # noqa: PLC0415

        return make_finding(
            DOCUMENT_MISMATCH,
            f"/{self.field}",
            source=source,
            kind=self.kind,
            expected=self.expected,
            actual=self.actual,
        )


def _catalogue_text(catalogue: Catalogue) -> str:
    return f"{catalogue.id} {catalogue.version}"


def reference_mismatches(
    document: Tender | Bid | EvidenceReport,
    *,
    catalogue: Catalogue | None = None,
    tender: Tender | None = None,
    bid: Bid | None = None,
) -> list[ReferenceMismatch]:
    """Where ``document`` names another catalogue, tender or bid than those given.

    Checked in the order catalogue, tender, bid; a document given as ``None`` is not
    checked. References match by :meth:`DocumentRef.matches` (a reference without a
    version matches any version).
    """
    found: list[ReferenceMismatch] = []
    if catalogue is not None and not document.catalogue.matches(catalogue.id, catalogue.version):
        found.append(
            ReferenceMismatch(
                "catalogue", "catalogue", document.catalogue.text, _catalogue_text(catalogue)
            )
        )
    if (
        tender is not None
        and isinstance(document, Bid | EvidenceReport)
        and not document.tender.matches(tender.id)
    ):
        found.append(ReferenceMismatch("tender", "tender", document.tender.text, tender.id))
    report = document if isinstance(document, EvidenceReport) else None
    if bid is not None and report is not None and not report.bid.matches(bid.id):
        found.append(ReferenceMismatch("bid", "bid", report.bid.text, bid.id))
    return found


def commitment_index(bid: Bid) -> Mapping[str, Commitment]:
    """The bid's commitments by id; of two with one id, the first (a quality error anyway)."""
    found: dict[str, Commitment] = {}
    for commitment in bid.commitments:
        found.setdefault(commitment.id, commitment)
    return MappingProxyType(found)


def commitment_at(pointer: str, bid: Bid) -> int | None:
    """The index of the bid's commitment a JSON pointer points into (``/commitments/N/...``).

    None for a pointer elsewhere in the bid, or past its last commitment.
    """
    parts = pointer.split("/")
    if len(parts) > 2 and parts[1] == "commitments" and parts[2].isdigit():
        index = int(parts[2])
        if index < len(bid.commitments):
            return index
    return None


def award_perspective(tender: Tender) -> Perspective:
    """The one perspective whose value counts for the award of ``tender``.

    A 2.0 tender names it in its award rules (``award.perspective``); otherwise — a 1.0
    tender, or award rules that leave it open — the profile's default applies, which is
    also what a migration of a 1.0 tender writes. Values of another perspective are shown
    beside it, never added to it.
    """
    chosen = tender.award.perspective if tender.award is not None else None
    return Perspective(chosen) if chosen is not None else DEFAULT_PERSPECTIVE


def _source_pairs(
    reports: Iterable[EvidenceReport | tuple[EvidenceReport, str]],
) -> tuple[tuple[EvidenceReport, str], ...]:
    return tuple(r if isinstance(r, tuple) else (r, f"<report {r.id}>") for r in reports)


@dataclass(frozen=True, eq=False)
class ContractContext:
    """The documents of one contract, resolved once, with indexed lookups.

    ``sources`` maps document ids to the file names findings point into. Build it with
    :meth:`build`; the parts of the engine take it instead of re-reading the documents.
    Lookups that cost something (a bid's valuation, its quality checks) are computed on
    first use and kept, so scoring, monitoring and the report share one result.
    """

    tender: Tender
    catalogue: Catalogue
    bids: tuple[Bid, ...] = ()
    reports: tuple[tuple[EvidenceReport, str], ...] = ()
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    _valuations: dict[int, tuple[Bid, Valuation]] = field(default_factory=dict, repr=False)
    _checks: dict[tuple[int, bool], tuple[Bid, tuple[Finding, ...]]] = field(
        default_factory=dict, repr=False
    )
    """Caches by the bid's identity; the bid is kept beside its result so the id stays its."""

    @classmethod
    def build(
        cls,
        tender: Tender,
        catalogue: Catalogue,
        bids: Iterable[Bid] = (),
        reports: Iterable[EvidenceReport | tuple[EvidenceReport, str]] = (),
        sources: Mapping[str, str] | None = None,
    ) -> ContractContext:
        """The context of ``tender`` read with ``catalogue``, its bids and evidence reports."""
        return cls(
            tender=tender,
            catalogue=catalogue,
            bids=tuple(bids),
            reports=_source_pairs(reports),
            sources=MappingProxyType(dict(sources or {})),
        )

    # ------------------------------------------------------------------ file names

    @property
    def tender_source(self) -> str:
        """The file name of the tender (``<tender ID>`` when none was given)."""
        return self.sources.get(self.tender.id, f"<tender {self.tender.id}>")

    def bid_source(self, bid: Bid) -> str:
        """The file name of ``bid`` (``<bid ID>`` when none was given)."""
        return self.sources.get(bid.id, f"<bid {bid.id}>")

    # -------------------------------------------------------------------- the tender

    @cached_property
    def asked(self) -> frozenset[str]:
        """The ids of the indicators the tender asks for (only these can count)."""
        return frozenset(item.indicator for item in self.tender.indicators)

    @cached_property
    def currency(self) -> str:
        """The contract's currency (the tender's conventions, else the catalogue's)."""
        from sroi_core.valuation.document import conventions_for  # noqa: PLC0415 - heavy

        return conventions_for(self.catalogue, self.tender).currency

    @cached_property
    def perspective(self) -> Perspective:
        """The perspective whose value counts for the award (:func:`award_perspective`)."""
        return award_perspective(self.tender)

    # ------------------------------------------------------------------------ a bid

    def commitments(self, bid: Bid) -> Mapping[str, Commitment]:
        """The commitments of ``bid`` by id (:func:`commitment_index`)."""
        return commitment_index(bid)

    def valuation(self, bid: Bid) -> Valuation:
        """``bid`` valued under the tender with the catalogue, computed once per bid."""
        cached = self._valuations.get(id(bid))
        if cached is not None:
            return cached[1]
        from sroi_core.valuation.document import value_document  # noqa: PLC0415

        found = value_document(bid, self.catalogue, tender=self.tender)
        self._valuations[id(bid)] = (bid, found)
        return found

    def check_context(self, bid: Bid, *, with_reports: bool = False) -> CheckContext:
        """What the quality checks compare for ``bid``: this contract's documents.

        With ``with_reports`` the evidence reports are compared too (monitoring, report).
        """
        from sroi_core.quality.context import CheckContext  # noqa: PLC0415 - quality imports this

        reports = self.reports if with_reports else ()
        return CheckContext(
            catalogue=self.catalogue,
            tender=self.tender,
            bid=bid,
            evidence_reports=tuple(report for report, _ in reports),
            sources=((self.tender, self.tender_source), (bid, self.bid_source(bid)), *reports),
        )

    def checks(self, bid: Bid, *, with_reports: bool = False) -> tuple[Finding, ...]:
        """Quality findings of the tender and ``bid`` (and the reports), computed once."""
        key = (id(bid), with_reports)
        cached = self._checks.get(key)
        if cached is not None:
            return cached[1]
        from sroi_core.quality import check_context  # noqa: PLC0415 - quality imports this

        found = tuple(check_context(self.check_context(bid, with_reports=with_reports)))
        self._checks[key] = (bid, found)
        return found

    def mismatches(
        self, document: Tender | Bid | EvidenceReport, bid: Bid | None = None
    ) -> list[ReferenceMismatch]:
        """Where ``document`` names another catalogue, this tender or ``bid`` (if given)."""
        return reference_mismatches(document, catalogue=self.catalogue, tender=self.tender, bid=bid)
