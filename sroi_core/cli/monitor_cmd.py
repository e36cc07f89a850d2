"""``sroi monitor TENDER BID REPORT...``: committed versus verified value of a contract.

Every input is validated before use; the monitoring itself is
:func:`sroi_core.monitoring.monitor_contract` (docs/monitoring.md). Exit codes: 0 done, 1 an
input document is invalid or the documents do not belong to one contract (findings
printed), 2 usage or file errors (a bad or too early ``--as-of``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli._common import (
    InvalidInputError,
    _write_output,
    add_catalogue_file_option,
    finding_message,
    iso_date,
    load_contract,
    print_finding,
    severity_text,
)
from sroi_core.cli._i18n import code_text, current_language, say
from sroi_core.cli._monitoring_nl import dutch_sentence
from sroi_core.cli.score_cmd import md_table, money, plain, text_table
from sroi_core.monitoring import (
    Breakdown,
    Figures,
    MonitoringInputError,
    MonitoringResult,
    monitor_contract,
)
from sroi_core.textsafe import markdown_code, markdown_text, terminal_text


def register(subparsers: Any) -> None:
    """Add the ``monitor`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "monitor",
        help="committed versus verified value of a contract, with a forecast to its end",
        description="Combine a contract's evidence reports and set verified value against "
        "the bid's commitments per theme, indicator, commitment and reporting period, with "
        "a linear forecast to contract end (docs/monitoring.md). Exit 0 on success, 1 when "
        "an input is invalid or the documents do not belong together, 2 for usage or file "
        "errors.",
    )
    parser.add_argument("tender", metavar="TENDER", help="the tender document")
    parser.add_argument("bid", metavar="BID", help="the winning bid (the contract's commitments)")
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="evidence reports")
    add_catalogue_file_option(parser)
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="the date the monitoring speaks for (default: the latest report period end)",
    )
    parser.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    parser.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Validate the inputs, monitor the contract and print the result."""
    store = CatalogueStore()
    if args.catalogue:
        store.resolve(args.catalogue)  # a file given is checked and made available
    try:
        tender, bid, pairs = load_contract(args.tender, args.bid, args.reports, store)
    except InvalidInputError as error:
        print(say("monitor_not_monitored_invalid", error=error), file=sys.stderr)
        return 1
    catalogue = store.for_document(tender, args.catalogue)
    try:
        result = monitor_contract(
            tender,
            bid,
            pairs,
            catalogue,
            args.as_of,
            sources={tender.id: args.tender, bid.id: args.bid},
        )
    except MonitoringInputError as error:
        for finding in error.findings:
            print_finding(finding)
        print(say("monitor_not_one_contract"), file=sys.stderr)
        return 1
    if args.format == "json" and tender.scoring is None:
        from sroi_core.documents import dump_document  # noqa: PLC0415
        from sroi_core.monitoring_document import monitoring_document  # noqa: PLC0415

        text = dump_document(monitoring_document(result, tender.standard_version))
    elif args.format == "json":
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "markdown":
        text = render_markdown(result)
    else:
        text = render_table(result)
    if args.output:
        _write_output(args.output, text)
    else:
        sys.stdout.write(terminal_text(text, newlines=True))
    return 0


FIGURE_HEADER = (
    "committed",
    "verified",
    "unverified",
    "rejected",
    "withdrawn",
    "not_counted",
    "realisation",
    "forecast",
    "forecast_pct",
)
ITEM_HEADER = (
    "item",
    "report",
    "commitment",
    "indicator",
    "status",
    "outcome_value",
    "credits",
    "counted_as",
    "why",
    "also_in",
)
"""Column keys (``col_*`` messages) of the tables."""


def _sentence(text: str) -> str:
    """A sentence of the monitoring engine in the run's language."""
    return dutch_sentence(text) if current_language() == "nl" else text


def _columns(*keys: str) -> tuple[str, ...]:
    return tuple(say(f"col_{key}") for key in keys)


def _figure_cells(figures: Figures) -> list[str]:
    return [
        money(figures.committed),
        money(figures.verified),
        money(figures.unverified),
        money(figures.rejected),
        money(figures.withdrawn),
        money(figures.not_counted),
        plain(figures.realisation),
        money(figures.forecast),
        plain(figures.forecast_realisation),
    ]


def _rows(rows: Sequence[Breakdown], with_label: bool = False) -> list[list[str]]:
    return [
        [
            row.key,
            *([row.label] if with_label else []),
            code_text(row.family),
            *_figure_cells(row.figures),
        ]
        for row in rows
    ]


def _sections(result: MonitoringResult) -> list[tuple[str, Sequence[str], list[list[str]]]]:
    totals = [[say("monitor_outcome_value"), *_figure_cells(result.outcome)]]
    if result.credit.committed or result.credit.verified or result.credit.unverified:
        totals.append([say("monitor_credits_row"), *_figure_cells(result.credit)])
    items = [
        [
            i.item,
            i.report,
            i.commitment,
            i.indicator,
            code_text(i.status),
            money(i.outcome_value),
            money(i.obligation_credit),
            code_text(i.bucket),
            _sentence(i.reason),
            ", ".join(i.also_in),
        ]
        for i in result.items
    ]
    return [
        (say("monitor_totals"), _columns("family", *FIGURE_HEADER), totals),
        (say("monitor_by_theme"), _columns("theme", "family", *FIGURE_HEADER),
         _rows(result.by_theme)),
        (say("monitor_by_indicator"), _columns("indicator", "family", *FIGURE_HEADER),
         _rows(result.by_indicator)),
        (say("monitor_by_commitment"), _columns("commitment", "family", *FIGURE_HEADER),
         _rows(result.by_commitment)),
        (
            say("monitor_by_period"),
            _columns("report", "period", "family", *FIGURE_HEADER),
            _rows(result.by_period, with_label=True),
        ),
        (say("monitor_items"), _columns(*ITEM_HEADER), items),
    ]


def _header(result: MonitoringResult) -> list[str]:
    reports = ", ".join(
        say("monitor_report", report=r.report, start=r.period_start, end=r.period_end,
            used=r.used, items=r.items)
        for r in result.reports
    )
    return [
        say("monitor_contract", tender=result.tender_id, bid=result.bid_id),
        say("monitor_supplier", supplier=result.supplier, id=result.supplier_id),
        say("monitor_period", start=result.contract_start, end=result.contract_end,
            days=result.total_days, as_of=result.as_of, elapsed=result.elapsed_days),
        say("monitor_currency", currency=result.currency),
        say("monitor_reports", reports=reports),
        say("monitor_forecast", method=_sentence(result.forecast_method)),
    ]


def render_table(result: MonitoringResult) -> str:
    """The monitoring as plain text for a terminal."""
    out = [say("monitor_title"), *_header(result)]
    for title, header, rows in _sections(result):
        if rows:
            out += ["", title, text_table(header, rows)]
    out += ["", say("notes"), *(f"- {_sentence(n)}" for n in result.notes)]
    if result.findings:
        out += [
            "",
            say("findings"),
            *(
                f"- {severity_text(f)} {f.source} [{f.rule_id}] {finding_message(f)}"
                for f in result.findings
            ),
        ]
    return "\n".join(out) + "\n"


def render_markdown(result: MonitoringResult) -> str:
    """The monitoring as Markdown (for a council paper)."""
    out = [
        f"# {say('monitor_md_title', bid=markdown_code(result.bid_id))}",
        "",
        *(f"- {markdown_text(line)}" for line in _header(result)),
    ]
    for title, header, rows in _sections(result):
        if rows:
            out += ["", f"## {markdown_text(title)}", "", md_table(header, rows)]
    out += [
        "", f"## {say('notes')}", "", *(f"- {markdown_text(_sentence(n))}" for n in result.notes)
    ]
    if result.findings:
        out += [
            "",
            f"## {say('findings')}",
            "",
            *(
                f"- {severity_text(f)} {markdown_code(f.rule_id)} ({markdown_text(f.source)}): "
                f"{markdown_text(finding_message(f))}"
                for f in result.findings
            ),
        ]
    return "\n".join(out) + "\n"
