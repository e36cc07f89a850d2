"""The report as Markdown: the same sections, figures and words as the HTML page.

Markdown has no charts; a note says where they are, and the tables beside them hold the
same figures. Numeric columns are right-aligned.
"""

from __future__ import annotations

from sroi_core.report.labels import text
from sroi_core.report.view import (
    Block,
    Bullets,
    Cell,
    Definitions,
    Figure,
    FindingList,
    KeyFigures,
    Labelled,
    Link,
    Paragraph,
    ReportView,
    Section,
    Source,
    Table,
)


def _escape(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        return f"[{_escape(cell.text)}]({cell.href})"
    if isinstance(cell, Labelled):
        code = f"`{cell.code}`"
        return f"{_escape(cell.text)} ({code})" if cell.text else code
    if isinstance(cell, Source):
        shown = f"*{_escape(cell.title)}*. {_escape(cell.publisher)}, {cell.year}."
        return shown + (f" <{cell.url}>" if cell.url else "")
    return _escape(cell)


def _table(table: Table) -> str:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.header))]
    lines = [
        f"**{_escape(table.caption)}**",
        "",
        "| " + " | ".join(_escape(h) for h in table.header) + " |",
        "|" + "|".join(align) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    if table.footer is not None:
        lines.append("| " + " | ".join(f"**{_cell(c)}**" if _cell(c) else "" for c in table.footer)
                     + " |")
    return "\n".join(lines)


def _block(block: Block, view: ReportView) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Paragraph):
        return f"**{block.text}**" if block.css == "strong" else block.text
    if isinstance(block, KeyFigures):
        rows = "\n".join(
            f"| {_escape(k.label)} | {_escape(k.value)} | {_escape(k.note)} |" for k in block.items
        )
        keys = ("md_figure", "md_amount", "md_note")
        header = " | ".join(text(key, view.language) for key in keys)
        return f"| {header} |\n|---|---:|---|\n" + rows
    if isinstance(block, Bullets):
        return "\n".join(f"- {item}" for item in block.items)
    if isinstance(block, Definitions):
        heading = f"### {block.caption}\n\n" if block.caption else ""
        return heading + "\n".join(f"- **{term}**: {_cell(value)}" for term, value in block.items)
    if isinstance(block, FindingList):
        lines = [f"### {block.document}", ""]
        for item in block.items:
            lines.append(
                f"- **{item.severity_label}** `{item.rule_id}` — {item.title} "
                f"(`{item.where}`): {item.message}"
                + (f" *{item.meaning}*" if item.meaning else "")
            )
        return "\n".join(lines)
    if isinstance(block, Figure):
        return f"*{text('markdown_charts', view.language)}*"
    raise TypeError(f"unknown block {type(block).__name__}")  # pragma: no cover


def _section(number: int, section: Section, view: ReportView) -> str:
    body = "\n\n".join(_block(block, view) for block in section.blocks)
    return f"## {number}. {section.title}\n\n{body}"


def render_view(view: ReportView) -> str:
    """The Markdown text of a report view."""
    meta = "\n".join(f"- **{term}**: {_cell(value)}" for term, value in view.meta.items)
    sections = "\n\n".join(_section(n, s, view) for n, s in enumerate(view.sections, start=1))
    return (
        f"# {view.kicker}: {view.title}\n\n"
        f"{view.subtitle}. {view.as_of}.\n\n"
        f"{meta}\n\n"
        f"{sections}\n\n"
        "---\n\n"
        f"{view.footer}\n"
    )
