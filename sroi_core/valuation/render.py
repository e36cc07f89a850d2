"""Human-readable renderings of a valuation: plain-text table, Markdown and CSV.

The JSON form is the valuation document itself; these views show the same figures for
people (a procurement officer at a terminal, a council paper, a spreadsheet). CSV uses a
full stop as decimal separator and one row per line and proxy value, so every figure can
be recomputed in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from sroi_core.model.valuation import Total, Valuation
from sroi_core.textsafe import markdown_code, markdown_text

Row = Sequence[str]

LINE_HEADER = (
    "line",
    "indicator",
    "status",
    "counted",
    "quantity",
    "unit",
    "proxy",
    "basis",
    "per unit",
    "gross",
    "deadweight",
    "after deadweight",
    "attribution",
    "after attribution",
    "displacement",
    "net annual",
    "drop-off",
    "years",
    "present value",
    "flags",
)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def line_rows(valuation: Valuation) -> list[list[str]]:
    """One row per line and proxy value (a line without value gets one row of its own)."""
    rows = []
    for line in valuation.lines:
        base = [
            line.line_id,
            line.indicator,
            line.status,
            "yes" if line.counted else "no",
            str(line.quantity.value),
            line.quantity.unit,
        ]
        if not line.values:
            rows.append(
                [
                    *base,
                    "",
                    "",
                    "",
                    "",
                    str(line.deadweight),
                    "",
                    str(line.attribution),
                    "",
                    str(line.displacement),
                    "",
                    str(line.drop_off),
                    str(line.duration_years),
                    "",
                    " ".join(line.flags),
                ]
            )
        for value in line.values:
            rows.append(
                [
                    *base,
                    value.proxy_value,
                    value.valuation_basis.value,
                    str(value.rebased_per_unit),
                    str(value.gross),
                    str(line.deadweight),
                    str(value.after_deadweight),
                    str(line.attribution),
                    str(value.after_attribution),
                    str(line.displacement),
                    str(value.net_annual),
                    str(line.drop_off),
                    str(line.duration_years),
                    str(value.present_value),
                    " ".join((*line.flags, *value.flags)),
                ]
            )
    return rows


def _total_rows(totals: Sequence[Total]) -> list[list[str]]:
    return [[t.key, t.family.value, _money(t.present_value), str(t.lines)] for t in totals]


def summary_rows(valuation: Valuation) -> list[tuple[str, str]]:
    """Headline figures: the two families apart, the ratio and its investment."""
    totals = valuation.totals
    investment = valuation.investment
    return [
        ("Subject", f"{valuation.subject_type} {valuation.subject.id}"),
        ("Catalogue", f"{valuation.catalogue.id} {valuation.catalogue.version or ''}".strip()),
        (
            "Standard / engine",
            f"{valuation.standard_version} / {valuation.engine.name} {valuation.engine.version}",
        ),
        ("Outcome value (present value)", f"{valuation.currency} {_money(totals.outcome_value)}"),
        (
            "Obligation credits (not summed)",
            f"{valuation.currency} {_money(totals.obligation_credit)}",
        ),
        (
            "Value not counted (unverified, rejected, withdrawn)",
            f"{valuation.currency} {_money(totals.not_counted_value)}",
        ),
        (
            "Investment",
            f"{investment.currency} {_money(investment.amount)}" if investment else "not given",
        ),
        (
            "SROI ratio",
            f"{valuation.sroi_ratio} : 1" if valuation.sroi_ratio is not None else "not computed",
        ),
        ("Input SHA-256", valuation.input_sha256),
    ]


def _sections(valuation: Valuation) -> list[tuple[str, Row, list[list[str]]]]:
    totals = valuation.totals
    total_header = ("key", "family", "present value", "lines")
    sections: list[tuple[str, Row, list[list[str]]]] = [
        ("Lines", LINE_HEADER, line_rows(valuation)),
        ("Totals by theme", total_header, _total_rows(totals.by_theme)),
        ("Totals by outcome", total_header, _total_rows(totals.by_outcome)),
        ("Totals by indicator", total_header, _total_rows(totals.by_indicator)),
        ("Totals by valuation basis", total_header, _total_rows(totals.by_basis)),
        ("Totals by status", total_header, _total_rows(totals.by_status)),
    ]
    if valuation.comparison:
        sections.append(
            (
                "Committed versus delivered",
                ("indicator", "committed", "verified", "unverified"),
                [
                    [c.indicator, _money(c.committed), _money(c.verified), _money(c.unverified)]
                    for c in valuation.comparison
                ],
            )
        )
    sensitivity = valuation.sensitivity
    if sensitivity.scenarios:
        sections.append(
            (
                "Sensitivity: proxy ranges",
                ("scenario", "outcome value", "SROI ratio"),
                [
                    [
                        s.name,
                        _money(s.outcome_value),
                        "" if s.sroi_ratio is None else str(s.sroi_ratio),
                    ]
                    for s in sensitivity.scenarios
                ],
            )
        )
    if sensitivity.break_even:
        sections.append(
            (
                "Sensitivity: value of each adjustment (applied to all lines) giving 1 : 1",
                ("adjustment", "break-even value", "how"),
                [
                    [b.adjustment, "" if b.value is None else str(b.value), b.note]
                    for b in sensitivity.break_even
                ],
            )
        )
    return sections


def _text_table(header: Row, rows: list[list[str]]) -> str:
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def fmt(cells: Row) -> str:
        return "  ".join(
            cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
        ).rstrip()

    lines = [fmt(header), fmt(["-" * w for w in widths])]
    lines.extend(fmt(row) for row in rows)
    return "\n".join(lines)


def render_table(valuation: Valuation) -> str:
    """A plain-text report for a terminal."""
    out = [f"{label}: {value}" for label, value in summary_rows(valuation)]
    for title, header, rows in _sections(valuation):
        if rows:
            out.extend(["", title, _text_table(header, rows)])
    out.extend(["", "Conventions", *(f"- {note}" for note in valuation.notes)])
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return markdown_text(text)


def _md_table(header: Row, rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def render_markdown(valuation: Valuation) -> str:
    """A Markdown report (for a council paper or a pull request)."""
    out = [f"# Valuation of {valuation.subject_type} {markdown_code(valuation.subject.id)}", ""]
    out.append(_md_table(("figure", "value"), [list(row) for row in summary_rows(valuation)]))
    for title, header, rows in _sections(valuation):
        if rows:
            out.extend(["", f"## {markdown_text(title)}", "", _md_table(header, rows)])
    out.extend(["", "## Conventions", "", *(f"- {markdown_text(n)}" for n in valuation.notes)])
    return "\n".join(out) + "\n"


def render_csv(valuation: Valuation) -> str:
    """One CSV row per line and proxy value, with every step of the calculation."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LINE_HEADER)
    writer.writerows(line_rows(valuation))
    return buffer.getvalue()
