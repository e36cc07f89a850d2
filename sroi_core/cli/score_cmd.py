"""``sroi score TENDER BID...``: rank bids on social value and best price-quality ratio.

Every input is validated before use (as ``sroi value`` does); the scoring itself is
:func:`sroi_core.scoring.score_bids` (docs/scoring.md). Exit codes: 0 scored, 1 an input
document is invalid or the documents cannot be scored together (findings printed), 2 usage
or file errors, including a wrong evaluation sheet (each problem named by file, row and
column).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import (
    InvalidInputError,
    _write_output,
    add_catalogue_file_option,
    finding_message,
    load_checked,
    print_finding,
    severity_text,
)
from sroi_core.cli._i18n import code_text, current_language, figure, say, yes_no
from sroi_core.cli._i18n import money as money_text
from sroi_core.cli._scoring_nl import dutch_sentence
from sroi_core.errors import InputError
from sroi_core.model.bid import Bid
from sroi_core.model.tender import Tender
from sroi_core.results_json import award_json
from sroi_core.rules import Finding
from sroi_core.scoring import (
    MINIMUM_POLICIES,
    AwardResult,
    BidScore,
    EvaluationError,
    ScoringInputError,
    read_evaluation,
    score_bids,
)
from sroi_core.textsafe import markdown_code, markdown_text, terminal_text

Row = Sequence[str]


def register(subparsers: Any) -> None:
    """Add the ``score`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "score",
        help="score and rank bids on social value and best price-quality ratio",
        description="Score bids on the tender's social-value award criterion (relative, "
        "absolute or mixed, see docs/scoring.md), combine it with price and other quality "
        "and rank the bids, explaining every figure. Exit 0 on success, 1 when an input is "
        "invalid or the documents cannot be scored together, 2 for usage or file errors "
        "(including a wrong evaluation sheet).",
    )
    parser.add_argument("tender", metavar="TENDER", help="the tender document")
    parser.add_argument("bids", nargs="+", metavar="BID", help="the bid documents to compare")
    add_catalogue_file_option(parser)
    parser.add_argument(
        "--evaluation",
        metavar="CSV",
        help="the evaluators' sheet: columns bid_id, price, qualitative_score, "
        "other_quality_score (and a free-text note)",
    )
    parser.add_argument(
        "--minimum-not-met",
        choices=MINIMUM_POLICIES,
        default="rank-after",
        help="what happens to a bid below the minimum social value (default: rank-after)",
    )
    parser.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the result to FILE instead of printing it"
    )
    parser.set_defaults(handler=handle)


def emit(args: argparse.Namespace, text: str) -> None:
    """Print ``text``, or write it to ``--output``."""
    if getattr(args, "output", None):
        _write_output(args.output, text)
    else:
        sys.stdout.write(text)


def handle(args: argparse.Namespace) -> int:
    """Validate the inputs, score the bids and print the result."""
    store = CatalogueStore()
    if args.catalogue:
        store.resolve(args.catalogue)  # a file given is checked and made available
    sources: dict[str, str] = {}
    try:
        tender = load_checked(Path(args.tender), store, Tender)
        if isinstance(tender, Tender) and tender.scoring is None:
            from sroi_core.cli.award_out import handle_award  # noqa: PLC0415

            found = store.for_document(tender, args.catalogue)
            return handle_award(args, tender, store, found)
        bids = [load_checked(Path(path), store, Bid) for path in args.bids]
    except InvalidInputError as error:
        print(say("score_not_scored_invalid", error=error), file=sys.stderr)
        return 1
    if not isinstance(tender, Tender):  # pragma: no cover - load_checked ensures it
        raise InputError("is not a tender", source=args.tender)
    scored_bids = [bid for bid in bids if isinstance(bid, Bid)]
    sources[tender.id] = args.tender
    for bid, path in zip(scored_bids, args.bids, strict=True):
        sources.setdefault(bid.id, path)
    catalogue = store.for_document(tender, args.catalogue)
    try:
        evaluation = read_evaluation(Path(args.evaluation)) if args.evaluation else None
        result = score_bids(
            tender,
            scored_bids,
            catalogue,
            evaluation,
            minimum_policy=args.minimum_not_met,
            sources=sources,
        )
    except ScoringInputError as error:
        for finding in error.findings:
            print_finding(finding)
        print(say("score_not_together"), file=sys.stderr)
        return 1
    except EvaluationError as error:
        for finding in error.findings:
            print_finding(finding)
        print(say("score_sheet_wrong"), file=sys.stderr)
        return 2
    if args.format == "json":
        emit(args, award_json(result))
    elif args.format == "markdown":
        emit(args, terminal_text(render_markdown(result), newlines=True))
    else:
        emit(args, terminal_text(render_table(result), newlines=True))
    return 0


# ------------------------------------------------------------------------------ tables


def money(value: Decimal | None) -> str:
    """Money with thousands separators and cents in the run's language; empty when absent."""
    return money_text(value)


def plain(value: Decimal | None) -> str:
    """A figure as computed, with the language's decimal mark; empty when absent."""
    return figure(value)


def text_table(header: Row, rows: Sequence[Row]) -> str:
    """A plain-text table with aligned columns."""
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def fmt(cells: Row) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


def md_table(header: Row, rows: Sequence[Row]) -> str:
    """A Markdown table; every cell is literal text (:func:`sroi_core.textsafe.markdown_text`)."""
    lines = ["| " + " | ".join(markdown_text(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def _compliant(score: BidScore) -> str:
    return say("no_caps") if score.compliant is False else yes_no(score.compliant)


def _header(keys: Sequence[str]) -> list[str]:
    """Column headings in the run's language."""
    return [say(f"col_{key}") for key in keys]


RANKING_HEADER = (
    "rank",
    "bid",
    "supplier",
    "compliant",
    "eligible_value",
    "scored_value",
    "sv_points",
    "price_points",
    "other_points",
    "total",
)
LINE_HEADER = (
    "commitment",
    "indicator",
    "theme",
    "status",
    "outcome_value",
    "credits_never_scored",
    "scores",
    "multiplier",
    "weighted_value",
    "why_notes",
)
THEME_HEADER = ("theme", "priority", "multiplier", "value", "weighted_value")
INDICATOR_HEADER = (
    "indicator",
    "theme",
    "quantity",
    "unit",
    "target",
    "attainment",
    "weight",
    "value",
    "weighted_value",
)
"""Column keys (``col_*`` messages) of the tables."""


def _ranking_rows(result: AwardResult) -> list[list[str]]:
    return [
        [
            "-" if s.rank is None else str(s.rank) + ("=" if s.tied_with else ""),
            s.bid_id,
            s.supplier,
            _compliant(s),
            money(s.eligible_value),
            money(s.scored_value),
            plain(s.social_value_points),
            plain(s.price_points),
            plain(s.other_quality_points),
            plain(s.total),
        ]
        for s in result.bids
    ]


def _line_rows(score: BidScore) -> list[list[str]]:
    return [
        [
            line.commitment,
            line.indicator,
            line.theme,
            code_text(line.status),
            money(line.outcome_value),
            money(line.obligation_credit),
            yes_no(line.scored),
            plain(line.multiplier),
            money(line.weighted_value),
            "; ".join(_sentence(r.text, score.findings) for r in (*line.reasons, *line.notes)),
        ]
        for line in score.lines
    ]


def _theme_rows(score: BidScore) -> list[list[str]]:
    return [
        [t.theme, plain(t.priority), plain(t.multiplier), money(t.value), money(t.weighted_value)]
        for t in score.by_theme
    ]


def _indicator_rows(score: BidScore) -> list[list[str]]:
    return [
        [
            i.indicator,
            i.theme,
            plain(i.quantity),
            i.unit,
            plain(i.target),
            plain(i.attainment),
            plain(i.weight),
            money(i.value),
            money(i.weighted_value),
        ]
        for i in score.by_indicator
    ]


def _header_lines(result: AwardResult) -> list[str]:
    amount = f"{result.currency} {money(result.minimum)}"
    minimum = (
        say("score_minimum_policy", amount=amount, basis=result.minimum_basis,
            policy=result.minimum_policy)
        if result.minimum is not None
        else result.minimum_basis
    )
    priorities = ", ".join(
        f"{t} {figure(w)} (x{figure(m)})" for t, w, m in result.theme_priorities
    ) or say("none")
    share = say("score_share", share=figure(result.qualitative_share)) if (
        result.qualitative_share) else ""
    lowest = f"{result.currency} {money(result.lowest_price)}" if result.lowest_price else say(
        "n_a")
    return [
        say("score_tender", tender=result.tender_id),
        say("score_method", method=result.method, points=result.max_points, share=share),
        say("score_weights", social=figure(result.social_value_weight),
            price=figure(result.price_weight), other=figure(result.other_quality_weight)),
        say("score_minimum", minimum=minimum),
        say("score_priorities", priorities=priorities),
        say("score_best", best=f"{result.currency} {money(result.best_scored_value)}",
            lowest=lowest),
    ]


def _finding_line(finding: Any) -> str:
    return f"{severity_text(finding)} [{finding.rule_id}] {finding_message(finding)}"


def _sentence(text: str, findings: Sequence[Finding] = ()) -> str:
    """A sentence of the scoring engine in the run's language."""
    return dutch_sentence(text, findings) if current_language() == "nl" else text


def _ties(result: AwardResult) -> list[str]:
    return [
        say("score_tie", rank=result.bid(group[0]).rank, bids=" = ".join(group))
        for group in result.ties
    ]


def _rank(score: BidScore) -> str:
    return say("score_not_ranked") if score.rank is None else say("score_rank", rank=score.rank)


def render_table(result: AwardResult) -> str:
    """The award as plain text for a terminal."""
    out = [
        say("score_title"),
        *_header_lines(result),
        "",
        say("score_ranking"),
        text_table(_header(RANKING_HEADER), _ranking_rows(result)),
    ]
    ties = _ties(result)
    if ties:
        out += ["", say("score_ties"), *(f"- {t}" for t in ties)]
    out += ["", say("score_formulas"), *(f"- {_sentence(f)}" for f in result.formulas)]
    for score in result.bids:
        out += [
            "",
            say("score_bid", bid=score.bid_id, supplier=score.supplier, rank=_rank(score)),
            *(f"  {_sentence(e)}" for e in score.explanation),
            "",
            text_table(_header(LINE_HEADER), _line_rows(score)),
            "",
            text_table(_header(THEME_HEADER), _theme_rows(score)),
            "",
            text_table(_header(INDICATOR_HEADER), _indicator_rows(score)),
        ]
        if score.findings:
            out += ["", say("findings"), *(f"- {_finding_line(f)}" for f in score.findings)]
    out += ["", say("notes"), *(f"- {n}" for n in result.notes)]
    if result.findings:
        out += ["", say("tender_findings"), *(f"- {_finding_line(f)}" for f in result.findings)]
    return "\n".join(out) + "\n"


def render_markdown(result: AwardResult) -> str:
    """The award as Markdown (for a council paper or an award report)."""
    out = [
        f"# {say('score_md_title', tender=markdown_code(result.tender_id))}",
        "",
        *(f"- {markdown_text(line)}" for line in _header_lines(result)),
        "",
        f"## {say('score_ranking')}",
        "",
        md_table(_header(RANKING_HEADER), _ranking_rows(result)),
    ]
    ties = _ties(result)
    if ties:
        out += ["", f"{say('score_ties')}:", "", *(f"- {markdown_text(t)}" for t in ties)]
    out += ["", f"## {say('score_formulas')}", "",
            *(f"- {markdown_code(_sentence(f))}" for f in result.formulas)]
    for score in result.bids:
        bid = say("score_bid", bid=markdown_code(score.bid_id),
                  supplier=markdown_text(score.supplier), rank=_rank(score))
        out += [
            "",
            f"## {bid}",
            "",
            *(f"- {markdown_text(_sentence(e))}" for e in score.explanation),
            "",
            f"### {say('score_lines')}",
            "",
            md_table(_header(LINE_HEADER), _line_rows(score)),
            "",
            f"### {say('score_themes')}",
            "",
            md_table(_header(THEME_HEADER), _theme_rows(score)),
            "",
            f"### {say('score_indicators')}",
            "",
            md_table(_header(INDICATOR_HEADER), _indicator_rows(score)),
        ]
        if score.findings:
            out += ["", f"### {say('findings')}", "",
                    *(_md_finding(f) for f in score.findings)]
    out += ["", f"## {say('notes')}", "", *(f"- {markdown_text(n)}" for n in result.notes)]
    if result.findings:
        out += ["", f"## {say('tender_findings')}", "",
                *(_md_finding(f) for f in result.findings)]
    return "\n".join(out) + "\n"


def _md_finding(finding: Any) -> str:
    return (
        f"- {severity_text(finding)} {markdown_code(finding.rule_id)}: "
        f"{markdown_text(finding_message(finding))}"
    )
