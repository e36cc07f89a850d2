"""``sroi score`` for a 2.0 tender: the award under the tender's published rules.

Each bid is validated on its own; an invalid bid is listed as excluded with its findings
and the others are scored (docs/procurement-profile.md). ``--format json`` writes the
award document (document type ``award``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sroi_core.award.engine import award_bids
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import print_finding
from sroi_core.documents import dump_document, validate_file
from sroi_core.model.award import Award
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.tender import Tender
from sroi_core.rules import Finding, Severity
from sroi_core.scoring import EvaluationError, read_evaluation


def _load_bids(
    paths: list[str], store: CatalogueStore
) -> tuple[list[Bid], dict[str, str], dict[str, list[Finding]]]:
    bids: list[Bid] = []
    sources: dict[str, str] = {}
    refused: dict[str, list[Finding]] = {}
    for path in paths:
        report = validate_file(Path(path), store, full_schema=False)
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        document = report.document
        if report.read_error or errors or not isinstance(document, Bid):
            refused[path] = errors or list(report.findings)
            continue
        bids.append(document)
        sources.setdefault(document.id, path)
    return bids, sources, refused


def render_text(award: Award) -> str:
    """The award as plain text: rules in force, ranking, each bid's lines and reductions."""
    rules = award.rules
    out = [
        f"Award (standard {award.standard_version}): tender {award.tender.id}",
        f"Method: {rules.method}; weights social value {rules.weights.social_value}, price "
        f"{rules.weights.price}, other quality {rules.weights.other_quality}; qualitative "
        f"share {rules.qualitative_share}; attainment cap {rules.attainment_cap}",
        "Profile defaults applied: "
        + ("; ".join(f"{d.field} = {d.value}" for d in award.defaults_applied) or "none"),
        "",
        "Ranking",
    ]
    for entry in award.ranking:
        out.append(f"  {entry.rank}. {entry.bid}  total {entry.total}")
    for bid in award.bids:
        out += ["", f"Bid {bid.bid}: {bid.status}" + (f", rank {bid.rank}" if bid.rank else "")]
        for reason in bid.exclusion_reasons:
            out.append(f"  excluded [{reason.rule_id}] {reason.message}")
        if bid.status == "excluded" and bid.exclusion_reasons:
            continue
        p = bid.points
        meets = {None: "no minimum", True: "yes", False: "NO (policy " + rules.minimum_policy + ")"}
        out.append(f"  minimum met: {meets[bid.compliant]}; award reductions: {bid.reductions}")
        out.append(
            f"  points: quantitative {p.quantitative}, qualitative {p.qualitative}, social "
            f"value {p.social_value}, price {p.price}, other {p.other_quality}, total {p.total}"
        )
        out += [f"  {line}" for line in bid.explanation]
        for line in bid.lines:
            out.append(
                f"  line {line.commitment} ({line.indicator}): claimed {line.claimed.value} "
                f"{line.claimed.unit}, counted {line.counted} {line.unit} [{line.status}]"
            )
            out += [
                f"    - {r.action} [{r.rule_id}] {r.before} -> {r.after}: {r.message}"
                for r in line.reductions
            ]
    if award.tender_findings:
        out += ["", "Tender findings"]
        out += [f"  {f.severity} [{f.rule_id}] {f.message}" for f in award.tender_findings]
    return "\n".join(out) + "\n"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(award: Award) -> str:
    """The award as Markdown: rules in force, ranking, and per bid its lines and reductions."""
    rules = award.rules
    out = [
        f"# Award: tender `{award.tender.id}` (standard {award.standard_version})",
        "",
        f"- Method: {rules.method}; weights: social value {rules.weights.social_value}, "
        f"price {rules.weights.price}, other quality {rules.weights.other_quality}",
        f"- Qualitative share {rules.qualitative_share}; attainment cap {rules.attainment_cap}",
        "- Profile defaults applied: "
        + ("; ".join(f"`{d.field}` = {d.value}" for d in award.defaults_applied) or "none"),
        "",
        "## Ranking",
        "",
        "| rank | bid | total |",
        "|---|---|---|",
        *(f"| {e.rank} | {_cell(e.bid)} | {e.total} |" for e in award.ranking),
    ]
    for bid in award.bids:
        out += ["", f"## Bid `{bid.bid}`: {bid.status}", ""]
        out += [f"- excluded: `{r.rule_id}` {_cell(r.message)}" for r in bid.exclusion_reasons]
        if bid.exclusion_reasons:
            continue
        p = bid.points
        out += [
            f"- points: quantitative {p.quantitative}, qualitative {p.qualitative}, social "
            f"value {p.social_value}, price {p.price}, total {p.total}",
            "",
            "| commitment | indicator | claimed | counted | status | reductions |",
            "|---|---|---|---|---|---|",
        ]
        for line in bid.lines:
            why = "; ".join(f"`{r.rule_id}` {r.before} -> {r.after}" for r in line.reductions)
            out.append(
                f"| {line.commitment} | {line.indicator} | {line.claimed.value} "
                f"{line.claimed.unit} | {line.counted} {line.unit} | {line.status} | {why} |"
            )
    return "\n".join(out) + "\n"


def handle_award(
    args: argparse.Namespace, tender: Tender, store: CatalogueStore, catalogue: Catalogue
) -> int:
    """Score a 2.0 tender's bids; exit 0 when the award is made, 2 on a wrong sheet."""
    bids, sources, refused = _load_bids(list(args.bids), store)
    sources[tender.id] = args.tender
    try:
        evaluation = read_evaluation(Path(args.evaluation)) if args.evaluation else None
    except EvaluationError as error:
        for finding in error.findings:
            print_finding(finding)
        print("sroi: the evaluation sheet is wrong; nothing was scored", file=sys.stderr)
        return 2
    award = award_bids(tender, bids, catalogue, evaluation, refused=refused, sources=sources)
    from sroi_core.cli.score_cmd import emit  # noqa: PLC0415 - the command module imports this one

    renderers = {"json": dump_document, "markdown": render_markdown, "table": render_text}
    emit(args, renderers[args.format](award))
    return 0
