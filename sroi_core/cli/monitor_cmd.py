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
    iso_date,
    load_contract,
    print_finding,
)
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
        print(
            f"sroi: {error}: invalid; nothing was monitored (see the findings above)",
            file=sys.stderr,
        )
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
        print(
            "sroi: the documents do not belong to one contract; nothing was monitored",
            file=sys.stderr,
        )
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
    "unverified (not counted)",
    "rejected",
    "withdrawn",
    "not counted",
    "realisation %",
    "forecast",
    "forecast %",
)
ITEM_HEADER = (
    "item",
    "report",
    "commitment",
    "indicator",
    "status",
    "outcome value",
    "credits",
    "counted as",
    "why",
    "also in",
)


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
        [row.key, *([row.label] if with_label else []), row.family, *_figure_cells(row.figures)]
        for row in rows
    ]


def _sections(result: MonitoringResult) -> list[tuple[str, Sequence[str], list[list[str]]]]:
    totals = [["outcome value", *_figure_cells(result.outcome)]]
    if result.credit.committed or result.credit.verified or result.credit.unverified:
        totals.append(["obligation credits (never summed)", *_figure_cells(result.credit)])
    items = [
        [
            i.item,
            i.report,
            i.commitment,
            i.indicator,
            i.status,
            money(i.outcome_value),
            money(i.obligation_credit),
            i.bucket,
            i.reason,
            ", ".join(i.also_in),
        ]
        for i in result.items
    ]
    return [
        ("Contract totals", ("family", *FIGURE_HEADER), totals),
        ("By theme", ("theme", "family", *FIGURE_HEADER), _rows(result.by_theme)),
        ("By indicator", ("indicator", "family", *FIGURE_HEADER), _rows(result.by_indicator)),
        ("By commitment", ("commitment", "family", *FIGURE_HEADER), _rows(result.by_commitment)),
        (
            "By reporting period",
            ("report", "period", "family", *FIGURE_HEADER),
            _rows(result.by_period, with_label=True),
        ),
        ("Evidence items (latest versions)", ITEM_HEADER, items),
    ]


def _header(result: MonitoringResult) -> list[str]:
    reports = ", ".join(
        f"{r.report} ({r.period_start} to {r.period_end}: {r.used} of {r.items} items used)"
        for r in result.reports
    )
    return [
        f"Contract: tender {result.tender_id}, bid {result.bid_id}",
        f"Supplier: {result.supplier} ({result.supplier_id})",
        f"Contract period: {result.contract_start} to {result.contract_end} "
        f"({result.total_days} days); as of {result.as_of}: {result.elapsed_days} days elapsed",
        f"Currency: {result.currency}",
        f"Reports: {reports}",
        f"Forecast: {result.forecast_method}",
    ]


def render_table(result: MonitoringResult) -> str:
    """The monitoring as plain text for a terminal."""
    out = ["Realisation monitoring", *_header(result)]
    for title, header, rows in _sections(result):
        if rows:
            out += ["", title, text_table(header, rows)]
    out += ["", "Notes", *(f"- {n}" for n in result.notes)]
    if result.findings:
        out += [
            "",
            "Findings",
            *(
                f"- {f.severity.value} {f.source} [{f.rule_id}] {f.message}"
                for f in result.findings
            ),
        ]
    return "\n".join(out) + "\n"


def render_markdown(result: MonitoringResult) -> str:
    """The monitoring as Markdown (for a council paper)."""
    out = [
        f"# Realisation monitoring: bid {markdown_code(result.bid_id)}",
        "",
        *(f"- {markdown_text(line)}" for line in _header(result)),
    ]
    for title, header, rows in _sections(result):
        if rows:
            out += ["", f"## {markdown_text(title)}", "", md_table(header, rows)]
    out += ["", "## Notes", "", *(f"- {markdown_text(n)}" for n in result.notes)]
    if result.findings:
        out += [
            "",
            "## Findings",
            "",
            *(
                f"- {f.severity.value} {markdown_code(f.rule_id)} ({markdown_text(f.source)}): "
                f"{markdown_text(f.message)}"
                for f in result.findings
            ),
        ]
    return "\n".join(out) + "\n"
