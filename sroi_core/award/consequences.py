"""What each finding does to the award: every finding has a consequence.

A tender publishes the consequence of a finding (``award.findingConsequences``: by rule
id, or ``error`` / ``warning`` for a whole severity); where it is silent the profile's
table applies (codelist ``findingConsequence``: a row per rule, else the row of the
finding's severity). The tender's rows come first. Information findings change
nothing. The award lists every consequence on the line it hits, with its rule id.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sroi_core.codelists import codelist
from sroi_core.contract import commitment_at
from sroi_core.model.award_rules import ConsequenceAction
from sroi_core.model.bid import Bid
from sroi_core.model.tender import Tender
from sroi_core.rules import Finding, Severity, define_rule

BID_REFUSED = define_rule(
    "award.bid-refused",
    Severity.ERROR,
    "Bid excluded from the award",
    "bid {bid} is excluded: {reason}",
    "A bid that is invalid, answers another tender, names another catalogue, is given "
    "twice or lacks a figure the award needs is excluded with its reasons; the other bids "
    "are still scored.",
    category="award",
    template_nl="inschrijving {bid} valt af: {reason}",
)
LINE_NOT_COUNTED = define_rule(
    "award.line-not-counted",
    Severity.INFO,
    "Line does not count in the award",
    "commitment {commitment} does not count: {reason}",
    "Buy-off, indicators the tender did not ask for and outputs under an outcomes-only "
    "tender never count toward the award.",
    category="award",
    template_nl="toezegging {commitment} telt niet mee: {reason}",
)
CONTRIBUTION_SHARE = define_rule(
    "award.contribution-share",
    Severity.INFO,
    "Supplier's share of an area-level change counted",
    "commitment {commitment}: {share} of the measured change counts",
    "An area-level outcome counts only the supplier's contribution share of the measured "
    "change (field contributionShare); the step is shown on the line.",
    category="award",
    template_nl="toezegging {commitment}: {share} van de gemeten verandering telt mee",
)
NO_TARGET = define_rule(
    "award.indicator-without-target",
    Severity.WARNING,
    "Tender indicator without a target",
    "tender indicator {indicator} has no target: under outcome-attainment it cannot score",
    "The outcome-attainment method scores quantities against the tender's targets; an "
    "indicator without a target scores nothing, so a buyer gives every indicator a target.",
    category="award",
    template_nl="aanbestedingsindicator {indicator} heeft geen doel: bij outcome-attainment "
    "levert hij geen punten op",
)


@dataclass(frozen=True)
class Consequence:
    """A finding and what it does to its line (or, for ``exclude-bid``, its bid)."""

    finding: Finding
    action: ConsequenceAction
    factor: Decimal | None


def _profile(rule_id: str, severity: Severity) -> tuple[ConsequenceAction, Decimal | None] | None:
    table = codelist("findingConsequence")
    key = rule_id if rule_id in table else severity.value
    if key not in table:
        return None
    row = table.get(key)
    factor = row.get("factor")
    action: ConsequenceAction = row.get("action")  # type: ignore[assignment]
    return action, Decimal(factor) if factor else None


def consequence_of(finding: Finding, tender: Tender) -> Consequence | None:
    """The consequence of ``finding`` under ``tender``'s rules (None for information)."""
    if finding.severity is Severity.INFO:
        return None
    published = tender.award.finding_consequences if tender.award is not None else None
    by_rule = {item.rule: item for item in published or ()}
    item = by_rule.get(finding.rule_id) or by_rule.get(finding.severity.value)
    if item is not None:
        return Consequence(finding, item.action, item.factor)
    chosen = _profile(finding.rule_id, finding.severity)
    if chosen is None:
        return None
    return Consequence(finding, chosen[0], chosen[1])


def line_index(finding: Finding, bid: Bid) -> int | None:
    """The commitment a finding points into (``/commitments/N/...``), or None."""
    return commitment_at(finding.pointer, bid)
