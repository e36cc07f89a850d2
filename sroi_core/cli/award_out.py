"""``sroi score`` for a 2.0 tender: the award under the tender's published rules.

Each bid is validated on its own; an invalid bid is listed as excluded with its findings
and the others are scored (docs/procurement-profile.md). ``--format json`` writes the
award document (document type ``award``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sroi_core.award.engine import award_bids
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import print_finding
from sroi_core.cli._i18n import code_text, current_language, figure, say
from sroi_core.cli._scoring_nl import dutch_sentence
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


def _defaults(award: Award, code: str = "") -> str:
    return "; ".join(
        f"{code}{d.field}{code} = {d.value}" for d in award.defaults_applied
    ) or say("none")


def _sentence(text: str) -> str:
    return dutch_sentence(text) if current_language() == "nl" else text


def _reduction_message(reduction: Any) -> str:
    dutch = getattr(reduction, "message_nl", None)
    return str(dutch) if dutch and current_language() == "nl" else str(reduction.message)


def render_text(award: Award) -> str:
    """The award as plain text: rules in force, ranking, each bid's lines and reductions."""
    rules = award.rules
    out = [
        say("award_title", standard=award.standard_version, tender=award.tender.id),
        say("award_method", method=rules.method, social=figure(rules.weights.social_value),
            price=figure(rules.weights.price), other=figure(rules.weights.other_quality),
            share=figure(rules.qualitative_share), cap=figure(rules.attainment_cap)),
        say("award_defaults", defaults=_defaults(award)),
        "",
        say("score_ranking"),
    ]
    for entry in award.ranking:
        out.append(say("award_rank_total", rank=entry.rank, bid=entry.bid,
                       total=figure(entry.total)))
    for bid in award.bids:
        rank = say("award_bid_rank", rank=bid.rank) if bid.rank else ""
        out += ["", say("award_bid", bid=bid.bid, status=code_text(bid.status)) + rank]
        for reason in bid.exclusion_reasons:
            out.append(f"  {say('award_excluded')} [{reason.rule_id}] "
                       f"{_reduction_message(reason)}")
        if bid.status == "excluded" and bid.exclusion_reasons:
            continue
        p = bid.points
        meets = (
            say("award_no_minimum") if bid.compliant is None
            else say("yes") if bid.compliant
            else say("award_minimum_not_met", policy=rules.minimum_policy)
        )
        out.append(say("award_minimum", met=meets, reductions=bid.reductions))
        out.append("  " + say(
            "award_points", quantitative=figure(p.quantitative), qualitative=figure(p.qualitative),
            social=figure(p.social_value), price=figure(p.price),
            other=figure(p.other_quality) if p.other_quality is not None else say("n_a"),
            total=figure(p.total),
        ))
        out += [f"  {_sentence(line)}" for line in bid.explanation]
        for line in bid.lines:
            out.append(say(
                "award_line", commitment=line.commitment, indicator=line.indicator,
                claimed=figure(line.claimed.value), claimed_unit=line.claimed.unit,
                counted=figure(line.counted), unit=line.unit, status=code_text(line.status),
            ))
            out += [
                f"    - {code_text(r.action)} [{r.rule_id}] {figure(r.before)} -> "
                f"{figure(r.after)}: {_reduction_message(r)}"
                for r in line.reductions
            ]
    if award.tender_findings:
        out += ["", say("tender_findings")]
        out += [
            f"  {say('severity_' + str(f.severity))} [{f.rule_id}] {_reduction_message(f)}"
            for f in award.tender_findings
        ]
    return "\n".join(out) + "\n"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(award: Award) -> str:
    """The award as Markdown: rules in force, ranking, and per bid its lines and reductions."""
    rules = award.rules
    ranking_header = [say("col_rank"), say("col_bid"), say("col_total")]
    line_header = [say(f"col_{key}") for key in (
        "commitment", "indicator", "claimed", "counted", "status", "reductions")]
    out = [
        "# " + say("award_md_title", tender=f"`{award.tender.id}`",
                   standard=award.standard_version),
        "",
        "- " + say("award_md_method", method=rules.method,
                   social=figure(rules.weights.social_value), price=figure(rules.weights.price),
                   other=figure(rules.weights.other_quality)),
        "- " + say("award_md_share", share=figure(rules.qualitative_share),
                   cap=figure(rules.attainment_cap)),
        "- " + say("award_defaults", defaults=_defaults(award, "`")),
        "",
        f"## {say('score_ranking')}",
        "",
        "| " + " | ".join(ranking_header) + " |",
        "|---|---|---|",
        *(f"| {e.rank} | {_cell(e.bid)} | {figure(e.total)} |" for e in award.ranking),
    ]
    for bid in award.bids:
        out += ["", "## " + say("award_bid", bid=f"`{bid.bid}`", status=code_text(bid.status)), ""]
        out += [
            f"- {say('award_excluded')}: `{r.rule_id}` {_cell(_reduction_message(r))}"
            for r in bid.exclusion_reasons
        ]
        if bid.exclusion_reasons:
            continue
        p = bid.points
        out += [
            "- " + say(
                "award_points", quantitative=figure(p.quantitative),
                qualitative=figure(p.qualitative), social=figure(p.social_value),
                price=figure(p.price),
                other=figure(p.other_quality) if p.other_quality is not None else say("n_a"),
                total=figure(p.total),
            ),
            "",
            "| " + " | ".join(line_header) + " |",
            "|---|---|---|---|---|---|",
        ]
        for line in bid.lines:
            why = "; ".join(
                f"`{r.rule_id}` {figure(r.before)} -> {figure(r.after)}" for r in line.reductions
            )
            out.append(
                f"| {line.commitment} | {line.indicator} | {figure(line.claimed.value)} "
                f"{line.claimed.unit} | {figure(line.counted)} {line.unit} | "
                f"{code_text(line.status)} | {why} |"
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
        print(say("score_sheet_wrong"), file=sys.stderr)
        return 2
    award = award_bids(tender, bids, catalogue, evaluation, refused=refused, sources=sources)
    from sroi_core.cli.score_cmd import emit  # noqa: PLC0415 - the command module imports this one

    renderers = {"json": dump_document, "markdown": render_markdown, "table": render_text}
    emit(args, renderers[args.format](award))
    return 0
