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
    load_checked,
    print_finding,
)
from sroi_core.errors import InputError
from sroi_core.model.bid import Bid
from sroi_core.model.tender import Tender
from sroi_core.results_json import award_json
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
        print(
            f"sroi: {error}: invalid; nothing was scored (see the findings above)", file=sys.stderr
        )
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
        print("sroi: the documents cannot be scored together; nothing was scored", file=sys.stderr)
        return 1
    except EvaluationError as error:
        for finding in error.findings:
            print_finding(finding)
        print("sroi: the evaluation sheet is wrong; nothing was scored", file=sys.stderr)
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
    """Money with thousands separators and cents; empty when absent."""
    return "" if value is None else f"{value:,.2f}"


def plain(value: Decimal | None) -> str:
    """A figure as given; empty when absent."""
    return "" if value is None else str(value)


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
    return {None: "n/a", True: "yes", False: "NO"}[score.compliant]


RANKING_HEADER = (
    "rank",
    "bid",
    "supplier",
    "compliant",
    "eligible value",
    "scored value",
    "SV points",
    "price points",
    "other points",
    "total",
)
LINE_HEADER = (
    "commitment",
    "indicator",
    "theme",
    "status",
    "outcome value",
    "credits (never scored)",
    "scores",
    "multiplier",
    "weighted value",
    "why / notes",
)
THEME_HEADER = ("theme", "priority", "multiplier", "value", "weighted value")
INDICATOR_HEADER = (
    "indicator",
    "theme",
    "quantity",
    "unit",
    "target",
    "attainment",
    "weight",
    "value",
    "weighted value",
)


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
            line.status,
            money(line.outcome_value),
            money(line.obligation_credit),
            "yes" if line.scored else "no",
            plain(line.multiplier),
            money(line.weighted_value),
            "; ".join(r.text for r in (*line.reasons, *line.notes)),
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
    minimum = (
        f"{result.currency} {money(result.minimum)} ({result.minimum_basis}); policy when "
        f"not met: {result.minimum_policy}"
        if result.minimum is not None
        else result.minimum_basis
    )
    priorities = ", ".join(f"{t} {w} (x{m})" for t, w, m in result.theme_priorities) or "none"
    share = f", qualitative share {result.qualitative_share}" if result.qualitative_share else ""
    return [
        f"Tender: {result.tender_id}",
        f"Method: {result.method} (max {result.max_points} points{share})",
        f"Weights: social value {result.social_value_weight}, price {result.price_weight}, "
        f"other quality {result.other_quality_weight}",
        f"Minimum social value: {minimum}",
        f"Theme priorities: {priorities}",
        f"Best scored value: {result.currency} {money(result.best_scored_value)}; lowest price: "
        + (f"{result.currency} {money(result.lowest_price)}" if result.lowest_price else "n/a"),
    ]


def _ties(result: AwardResult) -> list[str]:
    return [
        f"tie at rank {result.bid(group[0]).rank}: {' = '.join(group)}" for group in result.ties
    ]


def render_table(result: AwardResult) -> str:
    """The award as plain text for a terminal."""
    out = [
        "Award scoring (beste prijs-kwaliteitverhouding)",
        *_header_lines(result),
        "",
        "Ranking",
        text_table(RANKING_HEADER, _ranking_rows(result)),
    ]
    ties = _ties(result)
    if ties:
        out += ["", "Ties (no tie-break applied)", *(f"- {t}" for t in ties)]
    out += ["", "Formulas", *(f"- {f}" for f in result.formulas)]
    for score in result.bids:
        rank = "not ranked" if score.rank is None else f"rank {score.rank}"
        out += [
            "",
            f"Bid {score.bid_id} ({score.supplier}): {rank}",
            *(f"  {e}" for e in score.explanation),
            "",
            text_table(LINE_HEADER, _line_rows(score)),
            "",
            text_table(THEME_HEADER, _theme_rows(score)),
            "",
            text_table(INDICATOR_HEADER, _indicator_rows(score)),
        ]
        if score.findings:
            out += [
                "",
                "Findings",
                *(f"- {f.severity.value} [{f.rule_id}] {f.message}" for f in score.findings),
            ]
    out += ["", "Notes", *(f"- {n}" for n in result.notes)]
    if result.findings:
        out += [
            "",
            "Tender findings",
            *(f"- {f.severity.value} [{f.rule_id}] {f.message}" for f in result.findings),
        ]
    return "\n".join(out) + "\n"


def render_markdown(result: AwardResult) -> str:
    """The award as Markdown (for a council paper or an award report)."""
    out = [
        f"# Award scoring: tender {markdown_code(result.tender_id)}",
        "",
        *(f"- {markdown_text(line)}" for line in _header_lines(result)),
        "",
        "## Ranking",
        "",
        md_table(RANKING_HEADER, _ranking_rows(result)),
    ]
    ties = _ties(result)
    if ties:
        out += ["", "Ties (no tie-break applied):", "", *(f"- {markdown_text(t)}" for t in ties)]
    out += ["", "## Formulas", "", *(f"- {markdown_code(f)}" for f in result.formulas)]
    for score in result.bids:
        rank = "not ranked" if score.rank is None else f"rank {score.rank}"
        out += [
            "",
            f"## Bid {markdown_code(score.bid_id)} ({markdown_text(score.supplier)}): {rank}",
            "",
            *(f"- {markdown_text(e)}" for e in score.explanation),
            "",
            "### Lines",
            "",
            md_table(LINE_HEADER, _line_rows(score)),
            "",
            "### Themes",
            "",
            md_table(THEME_HEADER, _theme_rows(score)),
            "",
            "### Indicators",
            "",
            md_table(INDICATOR_HEADER, _indicator_rows(score)),
        ]
        if score.findings:
            out += [
                "",
                "### Findings",
                "",
                *(
                    f"- {f.severity.value} {markdown_code(f.rule_id)}: {markdown_text(f.message)}"
                    for f in score.findings
                ),
            ]
    out += ["", "## Notes", "", *(f"- {markdown_text(n)}" for n in result.notes)]
    if result.findings:
        out += [
            "",
            "## Tender findings",
            "",
            *(
                f"- {f.severity.value} {markdown_code(f.rule_id)}: {markdown_text(f.message)}"
                for f in result.findings
            ),
        ]
    return "\n".join(out) + "\n"
