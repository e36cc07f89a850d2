"""The buyer's ledger: commitments and evidence across contracts, to find results sold twice.

A buyer keeps one ledger of every contract's commitments (by supplier and group) and
delivered evidence (by beneficiary pseudonym). A bid that promises what its supplier
already promised to another contract, or evidence that claims a person another contract
already claimed for the same indicator family and period, is found here.

Pseudonyms are keyed by the buyer: ``pseudonym(number, key)`` is the HMAC-SHA256 of a
person's number under the municipality's secret key, so the buyer can match within its own
contracts while a supplier (without the key) cannot link people across buyers. The number
itself is never stored. Pseudonymised data are still personal data (GDPR recital 26); see
docs/procurement-profile.md on data protection.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sroi_core.errors import SroiError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.types import Period
from sroi_core.quality.credibility import group_key
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding

PROMISED_ELSEWHERE = define_rule(
    "credibility.promised-elsewhere",
    Severity.WARNING,
    "Same results promised to another contract",
    "commitment {commitment} promises {indicator} for the same group ({group}) that "
    "supplier {supplier} already promised to contract {contract} for an overlapping period",
    "Found in the buyer's ledger of commitments across contracts: one result is sold once. "
    "Profile default: exclude the line.",
    category="credibility",
    template_nl="toezegging {commitment} belooft {indicator} voor dezelfde groep ({group}) "
    "die leverancier {supplier} al aan opdracht {contract} beloofde voor een overlappende "
    "periode",
)
CLAIMED_TWICE = define_rule(
    "credibility.claimed-twice",
    Severity.WARNING,
    "Same person claimed under two contracts",
    "beneficiary {pseudonym} is claimed for {family} under contract {contract} and under "
    "contract {other} in overlapping periods",
    "Found in the buyer's ledger by beneficiary pseudonym: one person counts once per "
    "indicator family per period, across contracts. Profile default: exclude the line.",
    category="credibility",
    template_nl="begunstigde {pseudonym} wordt voor {family} geclaimd onder opdracht "
    "{contract} en onder opdracht {other} in overlappende perioden",
)


def pseudonym(person_number: str, municipal_key: bytes) -> str:
    """The buyer-keyed pseudonym of a person's number (HMAC-SHA256, hex).

    The same number gives the same pseudonym under one key and an unrelated one under
    another, so pseudonyms match within one buyer's ledger only.
    """
    if not municipal_key:
        raise ValueError("a pseudonym needs the municipality's secret key")
    normalised = "".join(person_number.split())
    return hmac.new(municipal_key, normalised.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LedgerEntry:
    """One commitment (or delivered claim) of one contract, as the buyer's ledger keeps it."""

    contract: str
    supplier: str
    indicator: str
    family: str
    period: Period
    group: str
    pseudonyms: frozenset[str] = frozenset()
    source: str = ""
    """The file the entry was read from, so a finding points into a document."""
    pointer: str = ""
    """Where in that file (an evidence item: ``/items/n``)."""


def _overlap(a: Period, b: Period) -> bool:
    return a.start <= b.end and b.start <= a.end


def _supplier(bid: Bid) -> str:
    return f"{bid.supplier.identifier.scheme} {bid.supplier.identifier.id}"


def entries_of(bid: Bid, families: dict[str, str] | None = None) -> list[LedgerEntry]:
    """The ledger entries of a bid's commitments (its contract is the tender it answers)."""
    families = families or {}
    return [
        LedgerEntry(
            contract=bid.tender.id,
            supplier=_supplier(bid),
            indicator=c.indicator,
            family=families.get(c.indicator, c.indicator),
            period=c.period,
            group=group_key(c),
        )
        for c in bid.commitments
    ]


def promised_elsewhere(
    bid: Bid, ledger: Sequence[LedgerEntry], source: str = "<memory>"
) -> list[Finding]:
    """Findings for commitments the bid's supplier already promised to another contract."""
    found: list[Finding] = []
    supplier = _supplier(bid)
    for n, c in enumerate(bid.commitments):
        group = group_key(c)
        for entry in ledger:
            if (
                entry.contract != bid.tender.id
                and entry.supplier == supplier
                and entry.indicator == c.indicator
                and group
                and entry.group == group
                and _overlap(entry.period, c.period)
            ):
                found.append(
                    make_finding(
                        PROMISED_ELSEWHERE,
                        json_pointer("commitments", n),
                        source=source,
                        commitment=c.id,
                        indicator=c.indicator,
                        group=group,
                        supplier=supplier,
                        contract=entry.contract,
                    )
                )
                break
    return found


def claimed_twice(ledger: Iterable[LedgerEntry]) -> list[Finding]:
    """Findings for a pseudonym claimed for one indicator family under two contracts."""
    found: list[Finding] = []
    seen: dict[tuple[str, str], list[LedgerEntry]] = {}
    reported: set[tuple[str, str, str, str]] = set()
    for entry in ledger:
        for person in sorted(entry.pseudonyms):
            for earlier in seen.get((person, entry.family), []):
                pair = (person, entry.family, entry.contract, earlier.contract)
                if (
                    earlier.contract != entry.contract
                    and _overlap(earlier.period, entry.period)
                    and pair not in reported
                ):
                    reported.add(pair)
                    found.append(
                        make_finding(
                            CLAIMED_TWICE,
                            entry.pointer,
                            source=entry.source or f"<ledger {entry.contract}>",
                            pseudonym=person[:12],
                            family=entry.family,
                            contract=entry.contract,
                            other=earlier.contract,
                        )
                    )
            seen.setdefault((person, entry.family), []).append(entry)
    return found


def _family(catalogue: Catalogue | None, indicator: str) -> str:
    if catalogue is None:
        return indicator
    try:
        return catalogue.indicator(indicator).double_counting_group or indicator
    except SroiError:
        return indicator


def evidence_entries(
    report: EvidenceReport, catalogue: Catalogue | None, source: str = ""
) -> list[LedgerEntry]:
    """The ledger entries of a report's items: who was claimed, for which family, when."""
    supplier = f"{report.supplier.identifier.scheme} {report.supplier.identifier.id}"
    return [
        LedgerEntry(
            contract=report.tender.id,
            supplier=supplier,
            indicator=item.indicator,
            family=_family(catalogue, item.indicator),
            period=item.period,
            group="",
            pseudonyms=frozenset(str(s) for s in item.subjects),
            source=source,
            pointer=json_pointer("items", n),
        )
        for n, item in enumerate(report.items)
    ]


def ledger_findings(
    documents: Sequence[tuple[Bid | EvidenceReport, str]],
    catalogue_for: Callable[[Bid | EvidenceReport], Catalogue | None],
) -> tuple[list[LedgerEntry], list[Finding]]:
    """The buyer's ledger of bids and reports (with file names), and what it finds twice.

    ``catalogue_for`` gives the catalogue a document names, under the edition rule of the
    document's own standard version.
    """
    bids: list[tuple[Bid, str]] = []
    entries: list[LedgerEntry] = []
    for document, name in documents:
        catalogue = catalogue_for(document)
        if isinstance(document, Bid):
            bids.append((document, name))
            families = {c.indicator: _family(catalogue, c.indicator) for c in document.commitments}
            entries.extend(entries_of(document, families))
        else:
            entries.extend(evidence_entries(document, catalogue, name))
    findings: list[Finding] = []
    for bid, name in bids:
        findings.extend(promised_elsewhere(bid, entries, name))
    findings.extend(claimed_twice(entries))
    return entries, findings
