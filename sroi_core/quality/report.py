"""The quality checks' report: findings of the named documents, per document.

``sroi check`` and the HTTP service's ``POST /check`` build it here, so both give the
same report for the same documents.
"""

from __future__ import annotations

from collections.abc import Sequence

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.model.bid import Bid
from sroi_core.model.document import Document
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.quality import Thresholds, run_checks
from sroi_core.validation.report import FileReport, ValidationReport


def quality_report(
    checked: Sequence[tuple[Document, str]],
    context: Sequence[tuple[Document, str]] = (),
    *,
    thresholds: Thresholds | None = None,
    store: CatalogueStore | None = None,
) -> ValidationReport:
    """Run the quality checks; report the findings of each ``checked`` document by name.

    ``context`` documents (the tender, the bid, a catalogue) are compared with the checked
    ones but get no entry of their own; ``valid`` means no error-severity finding.
    """
    documents = [*checked, *context]
    several_bids = sum(isinstance(d, Bid) for d, _ in documents) > 1
    if several_bids and not any(isinstance(d, EvidenceReport) for d, _ in documents):
        # the bids of one tender: each checked, and compared with each other (copying)
        from sroi_core.award.cross_bid import check_bids_of_tender  # noqa: PLC0415

        findings = check_bids_of_tender(documents, thresholds=thresholds, store=store)
    else:
        findings = run_checks(documents, thresholds=thresholds, store=store)
    return ValidationReport(
        [
            FileReport(
                file=name,
                document_type=str(getattr(document, "document_type", "unknown")),
                standard_version=document.standard_version,
                findings=[f for f in findings if f.source == name],
            )
            for document, name in checked
        ]
    )
