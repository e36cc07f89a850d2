"""What the quality checks look at: the documents of one contract and the thresholds.

A quality check compares documents with each other — a bid with its tender, evidence with
the bid's commitments, all of them with the catalogue — so the checks take one
:class:`CheckContext` instead of a single document. Documents that are missing simply
switch off the checks that need them (and say so with ``quality.context-missing``).

The plausibility thresholds are *methodological choices*, not sourced figures: they are
written out here, in the rule descriptions and in docs/quality-checks.md, and every one
of them can be changed (``sroi check --threshold NAME=VALUE``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property

from sroi_core.codelists import codelist
from sroi_core.contract import commitment_index
from sroi_core.errors import SroiError, UnitError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import ValuationFamily, VerificationStatus
from sroi_core.model.commitment import Commitment
from sroi_core.model.document import Document
from sroi_core.model.evidence import Evidence
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.indicator import Indicator
from sroi_core.model.tender import Tender
from sroi_core.model.types import Quantity
from sroi_core.model.valuation import Valuation
from sroi_core.rules import Finding, Rule, Severity, define_rule, json_pointer, make_finding
from sroi_core.units import convert
from sroi_core.verification import effective_status

CONTEXT_MISSING = define_rule(
    "quality.context-missing",
    Severity.INFO,
    "Some checks could not run",
    "no {what} was given, so these checks were skipped: {checks}",
    "Quality checks compare documents with each other. When the tender, the bid or the "
    "catalogue is not given (sroi check --tender/--bid/--catalogue), the checks that need "
    "it are skipped and this note says which, so a clean report is never mistaken for a "
    "complete one.",
    category="quality",
    template_nl="er is geen {what} meegegeven, dus deze controles zijn overgeslagen: {checks}",
)
DOCUMENT_MISMATCH = define_rule(
    "quality.document-mismatch",
    Severity.ERROR,
    "Documents do not belong together",
    "this document refers to {kind} {expected} but {kind} {actual} was given",
    "A bid names its tender and catalogue, an evidence report its bid; checking a document "
    "against another contract's documents would compare unrelated figures (and could hide "
    "gaming behind a convenient comparison), so a mismatch is an error.",
    category="quality",
    template_nl="dit document verwijst naar {kind} {expected} maar {kind} {actual} is meegegeven",
)

LIVE_STATUSES = frozenset({VerificationStatus.SUBMITTED, VerificationStatus.VERIFIED})
"""Statuses of evidence items that claim a delivered quantity (rejected and withdrawn do not)."""

LABOUR_UNITS = frozenset({"fte-year", "person-year", "placement-year"})
"""Units of paid work over time, bounded by what the contract value could pay for."""

HEADCOUNT_UNITS = frozenset({"person", "participant", "household", "placement"})
"""Units that count people (or households, or places), bounded per million of contract value."""


def _positive_decimal(name: str, text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise SroiError(f"threshold {name} must be a number, not {text!r}") from None
    if not value.is_finite() or value <= 0:
        raise SroiError(f"threshold {name} must be a positive number, not {text!r}")
    if not THRESHOLD_MIN <= value <= THRESHOLD_MAX:
        raise SroiError(
            f"threshold {name} must lie between {THRESHOLD_MIN} and {THRESHOLD_MAX:f}, not "
            f"{text!r}"
        )
    return value


THRESHOLD_MIN = Decimal("0.000001")
THRESHOLD_MAX = Decimal("1000000000000")
"""Bounds of a threshold option: far beyond any meaningful limit, and small enough that
every product with a schema-valid amount stays within the engine's exact digits."""


@dataclass(frozen=True)
class Thresholds:
    """Bounds of the plausibility checks (methodological choices, each configurable).

    * ``max_labour_years_per_million`` (default 25): FTE-years, person-years or
      placement-years committed per EUR 1,000,000 of contract value. At about EUR 40,000
      of labour cost per FTE-year, EUR 1 million pays for 25 FTE-years: a bid that commits
      more labour than the whole contract could pay for is implausible.
    * ``max_persons_per_million`` (default 200): persons, participants, households or
      placements per EUR 1,000,000 of contract value, i.e. at least EUR 5,000 of contract
      value behind every person counted.
    * ``max_target_multiple`` (default 3): a committed quantity more than this many times
      the tender's target for the indicator.
    * ``max_value_multiple`` (default 10): committed outcome value more than this many
      times the contract value.
    * ``min_cell_size`` (default 10): the fewest people an aggregate of a special-category
      indicator (health, criminal records) should count, so that it cannot single a person
      out (quality.special-category-small-cell).

    Amounts are in the contract's currency (EUR for Dutch tenders). The quantities are
    totals over the contract, compared with the total contract value; this equals the
    per-year comparison whenever commitments span the contract period.
    """

    max_labour_years_per_million: Decimal = Decimal(25)
    max_persons_per_million: Decimal = Decimal(200)
    max_target_multiple: Decimal = Decimal(3)
    max_value_multiple: Decimal = Decimal(10)
    min_cell_size: Decimal = Decimal(10)

    @classmethod
    def option_names(cls) -> dict[str, str]:
        """Command-line name (``max-persons-per-million``) of each field."""
        return {f.name.replace("_", "-"): f.name for f in dataclasses.fields(cls)}

    def with_overrides(self, overrides: Mapping[str, str]) -> Thresholds:
        """Return a copy with thresholds set from ``{name: text}`` (command-line names).

        Raises SroiError naming the known thresholds when a name or value is wrong.
        """
        names = self.option_names()
        changes: dict[str, Decimal] = {}
        for name, text in overrides.items():
            key = name.strip().replace("_", "-")
            if key not in names:
                known = ", ".join(sorted(names))
                raise SroiError(f"unknown threshold {name!r}; known thresholds: {known}")
            changes[names[key]] = _positive_decimal(key, text.strip())
        return dataclasses.replace(self, **changes)

    def as_params(self) -> dict[str, str]:
        """Return the thresholds as ``{command-line name: value}``, for reports and docs."""
        return {
            name: str(getattr(self, attr)) for name, attr in sorted(self.option_names().items())
        }


@dataclass(frozen=True)
class Claim:
    """One live evidence item, located in its report: what the double-counting rules see."""

    report: EvidenceReport
    source: str
    index: int
    item: Evidence

    @property
    def key(self) -> tuple[str, str]:
        """Identity across versions of one report: (report id, item id)."""
        return (self.report.id, self.item.id)

    @property
    def label(self) -> str:
        """How a message names the item."""
        return f"item {self.item.id} of report {self.report.id}"


@dataclass(frozen=True)
class CheckContext:
    """The documents of one contract that the quality checks compare.

    ``sources`` maps each document (by identity) to the file name findings point into;
    documents without an entry are reported as ``<memory>``. ``evidence_reports`` may hold
    several reports (periods, or versions of one report): claims in all of them are
    compared with each other.
    """

    catalogue: Catalogue | None = None
    tender: Tender | None = None
    bid: Bid | None = None
    evidence_reports: tuple[EvidenceReport, ...] = ()
    valuations: tuple[Valuation, ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)
    sources: tuple[tuple[Document, str], ...] = ()

    @cached_property
    def _indicators(self) -> dict[str, Indicator]:
        found: dict[str, Indicator] = {}
        for indicator in self.catalogue.indicators if self.catalogue is not None else ():
            found.setdefault(indicator.id, indicator)
        return found

    @cached_property
    def _families(self) -> dict[str, frozenset[ValuationFamily]]:
        found: dict[str, set[ValuationFamily]] = {}
        for proxy in self.catalogue.proxy_values if self.catalogue is not None else ():
            found.setdefault(proxy.indicator, set()).add(proxy.valuation_basis.family)
        return {key: frozenset(value) for key, value in found.items()}

    @cached_property
    def _commitments(self) -> Mapping[str, Commitment]:
        return commitment_index(self.bid) if self.bid is not None else {}

    def source(self, document: Document) -> str:
        """Return the file name of ``document``."""
        for known, name in self.sources:
            if known is document:
                return name
        return "<memory>"

    def finding(
        self, rule: Rule, document: Document, *path: str | int, **params: object
    ) -> Finding:
        """Make a finding of ``rule`` in ``document`` at the JSON pointer of ``path``."""
        return make_finding(rule, json_pointer(*path), source=self.source(document), **params)

    def indicator(self, indicator_id: str) -> Indicator | None:
        """Return the catalogue's indicator with this id, or None (no catalogue, unknown id)."""
        return self._indicators.get(indicator_id)

    def families(self, indicator_id: str) -> frozenset[ValuationFamily]:
        """Return the valuation families of the indicator's proxy values (empty when none)."""
        return self._families.get(indicator_id, frozenset())

    def credit_only(self, indicator_id: str) -> bool:
        """Whether the indicator's only proxy values are obligation credits."""
        return self.families(indicator_id) == {ValuationFamily.OBLIGATION_CREDIT}

    def counting_keys(self, indicator_id: str) -> frozenset[tuple[str, str]]:
        """Return what a claim for this indicator counts toward: its outcome and its group.

        Two claims that share a key must not count the same person twice. An indicator
        the catalogue does not know counts toward itself only.
        """
        keys = {("indicator", indicator_id)}
        indicator = self.indicator(indicator_id)
        if indicator is not None:
            keys.add(("outcome", indicator.outcome))
            if indicator.double_counting_group is not None:
                keys.add(("group", indicator.double_counting_group))
        return frozenset(keys)

    def commitment(self, commitment_id: str) -> Commitment | None:
        """Return the bid's commitment with this id (first of duplicates), or None."""
        return self._commitments.get(commitment_id)

    def in_unit(self, quantity: Quantity, unit: str) -> Decimal | None:
        """``quantity`` expressed in ``unit``, or None when it cannot be converted.

        Without a catalogue, hours and FTE-years do not convert (no FTE norm).
        """
        if self.catalogue is not None:
            return self.catalogue.in_unit_or_none(quantity, unit)
        if quantity.unit == unit:
            return quantity.value
        try:
            return convert(quantity.value, quantity.unit, unit)
        except UnitError:
            return None

    def claims(self) -> list[Claim]:
        """Live evidence items of every report, one per (report id, item id).

        When several versions of one report are given, an item present in more than one
        is the same claim; the version given last is kept.
        """
        return list(self._claims)

    @cached_property
    def _claims(self) -> tuple[Claim, ...]:
        latest: dict[tuple[str, str], Claim] = {}
        for report in self.evidence_reports:
            name = self.source(report)
            for index, item in enumerate(report.items):
                claim = Claim(report, name, index, item)
                latest.pop(claim.key, None)
                if effective_status(item) in LIVE_STATUSES:
                    latest[claim.key] = claim
        return tuple(latest.values())

    def documents(self) -> Iterator[Document]:
        """Every document of the context, catalogue first."""
        if self.catalogue is not None:
            yield self.catalogue
        if self.tender is not None:
            yield self.tender
        if self.bid is not None:
            yield self.bid
        yield from self.evidence_reports
        yield from self.valuations


@cache
def verification_rank(level: str) -> int:
    """Rank of a verificationLevel code (1 self-declared ... 4 register); 0 if unknown."""
    levels = codelist("verificationLevel")
    if level not in levels:
        return 0
    return int(levels.get(level).get("rank") or 0)


def join(items: Iterable[str]) -> str:
    """Comma-separated text of ``items`` (for messages)."""
    return ", ".join(items)
