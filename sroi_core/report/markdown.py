"""The report as Markdown: the same sections, figures and words as the HTML page.

Markdown has no charts; a note says where they are, and the tables beside them hold the
same figures. Numeric columns are right-aligned. Every piece of text goes through
:func:`sroi_core.textsafe.markdown_text` (document text cannot forge headings, tables,
links or HTML) and links only to http(s) addresses.
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
from sroi_core.textsafe import markdown_code, markdown_text, markdown_url

_escape = markdown_text


def _link(text: str, href: str | None) -> str:
    url = markdown_url(href)
    return f"[{_escape(text)}]({url})" if url else _escape(text)


def _cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        return _link(cell.text, cell.href)
    if isinstance(cell, Labelled):
        code = markdown_code(cell.code)
        return f"{_escape(cell.text)} ({code})" if cell.text else code
    if isinstance(cell, Source):
        shown = f"*{_escape(cell.title)}*. {_escape(cell.publisher)}, {_escape(cell.year)}."
        url = markdown_url(cell.url)
        return shown + (f" <{url}>" if url else "")
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
        return f"**{_escape(block.text)}**" if block.css == "strong" else _escape(block.text)
    if isinstance(block, KeyFigures):
        rows = "\n".join(
            f"| {_escape(k.label)} | {_escape(k.value)} | {_escape(k.note)} |" for k in block.items
        )
        keys = ("md_figure", "md_amount", "md_note")
        header = " | ".join(text(key, view.language) for key in keys)
        return f"| {header} |\n|---|---:|---|\n" + rows
    if isinstance(block, Bullets):
        return "\n".join(f"- {_escape(item)}" for item in block.items)
    if isinstance(block, Definitions):
        heading = f"### {_escape(block.caption)}\n\n" if block.caption else ""
        return heading + "\n".join(
            f"- **{_escape(term)}**: {_cell(value)}" for term, value in block.items
        )
    if isinstance(block, FindingList):
        lines = [f"### {_escape(block.document)}", ""]
        for item in block.items:
            lines.append(
                f"- **{_escape(item.severity_label)}** {markdown_code(item.rule_id)} — "
                f"{_escape(item.title)} ({markdown_code(item.where)}): {_escape(item.message)}"
                + (f" *{_escape(item.meaning)}*" if item.meaning else "")
            )
        return "\n".join(lines)
    if isinstance(block, Figure):
        return f"*{_escape(text('markdown_charts', view.language))}*"
    raise TypeError(f"unknown block {type(block).__name__}")  # pragma: no cover


def _section(number: int, section: Section, view: ReportView) -> str:
    body = "\n\n".join(_block(block, view) for block in section.blocks)
    return f"## {number}. {_escape(section.title)}\n\n{body}"


def render_view(view: ReportView) -> str:
    """The Markdown text of a report view."""
    meta = "\n".join(
        f"- **{_escape(term)}**: {_cell(value)}" for term, value in view.meta.items
    )
    sections = "\n\n".join(_section(n, s, view) for n, s in enumerate(view.sections, start=1))
    return (
        f"# {_escape(view.kicker)}: {_escape(view.title)}\n\n"
        f"{_escape(view.subtitle)}. {_escape(view.as_of)}.\n\n"
        f"{meta}\n\n"
        f"{sections}\n\n"
        "---\n\n"
        f"{_escape(view.footer)}\n"
    )
