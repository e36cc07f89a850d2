"""The report as one self-contained, accessible, printable HTML page.

Self-contained: inline CSS, inline SVG charts, no script, no web font, no image or style
from elsewhere; the only outside addresses are the links of the source citations. The page
uses real headings, table captions and header cells, a language attribute, charts with
titles and descriptions, and colours with enough contrast; it prints on A4 with repeated
table headers and without page breaks inside key figures, rows or charts.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from sroi_core.report.charts import render_bar_chart
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

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #eef1f4; color: #1a1a1a;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.page { max-width: 1180px; margin: 0 auto; background: #fff; padding: 32px 44px 40px; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 12px; top: 12px; background: #fff; padding: 6px 10px; }
header.report-head { border-bottom: 3px solid #1d4f91; padding-bottom: 16px; }
.kicker { margin: 0; color: #1d4f91; font-weight: 700; letter-spacing: .04em;
  text-transform: uppercase; font-size: 13px; }
h1 { font-size: 27px; line-height: 1.25; margin: 6px 0 6px; }
.subtitle { margin: 0; font-size: 17px; }
.asof { margin: 2px 0 0; color: #4a4a4a; }
dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr;
  gap: 4px 18px; margin: 16px 0 0; font-size: 14px; }
dl.meta dt, dl.conventions dt { font-weight: 600; color: #333; }
dl.meta dd, dl.conventions dd { margin: 0; }
nav.contents { margin: 18px 0 4px; font-size: 14px; }
nav.contents h2 { font-size: 14px; margin: 0 0 4px; border: 0; padding: 0; }
nav.contents ol { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap;
  gap: 4px 18px; counter-reset: toc; }
nav.contents li { counter-increment: toc; }
nav.contents li::before { content: counter(toc) ". "; color: #4a4a4a; }
section { margin-top: 30px; }
h2 { font-size: 21px; margin: 0 0 10px; padding-top: 12px; border-top: 1px solid #c9ced6; }
h3 { font-size: 16px; margin: 18px 0 6px; }
p { margin: 8px 0; max-width: 78ch; }
p.muted, .muted { color: #4a4a4a; }
p.strong { font-weight: 600; }
ul.cards { list-style: none; margin: 12px 0 14px; padding: 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(205px, 1fr)); gap: 10px; }
ul.cards li { border: 1px solid #d4d9e0; border-left: 5px solid #1d4f91; border-radius: 4px;
  padding: 9px 12px; background: #fafbfc; break-inside: avoid; }
ul.cards li.good { border-left-color: #2a7a3b; }
ul.cards li.warn { border-left-color: #8a5100; }
ul.cards li.bad { border-left-color: #b3261e; }
ul.cards li.muted { border-left-color: #6b6b6b; }
.card-label { display: block; font-size: 13px; font-weight: 600; color: #333; }
.card-value { display: block; font-size: 21px; font-weight: 700; line-height: 1.3;
  font-variant-numeric: tabular-nums; }
.card-note { display: block; font-size: 12.5px; color: #4a4a4a; line-height: 1.35; }
.table-wrap { overflow-x: auto; margin: 10px 0 16px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
caption { text-align: left; font-weight: 700; font-size: 15px; padding: 0 0 6px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px;
  border-bottom: 1px solid #d9dde3; }
thead th { background: #e9eef5; border-bottom: 2px solid #9aa6b5; font-weight: 700; }
tbody th { font-weight: 600; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid #9aa6b5; border-bottom: 0; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.code { display: block; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  color: #4a4a4a; overflow-wrap: anywhere; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table.commitments th:nth-child(2), table.items td:nth-child(3) { min-width: 15em; }
table.commitments td:last-child, table.items td:last-child { min-width: 13em; }
table.commitments td:nth-child(5) { min-width: 11em; }
table.quantities th:first-child { min-width: 16em; }
table.items td:nth-child(2) { white-space: nowrap; }
table.sources td { font-size: 12.5px; }
table.sources th:first-child { min-width: 12em; }
table.sources td:nth-child(5) { min-width: 16em; }
cite { font-style: italic; }
figure { margin: 8px 0 18px; break-inside: avoid; }
figure svg { display: block; width: 100%; max-width: 900px; height: auto; }
figcaption { font-weight: 700; font-size: 15px; margin-bottom: 4px; }
.finding-doc { margin: 14px 0 4px; font-size: 15px; }
ol.findings { list-style: none; padding: 0; margin: 0 0 10px; }
ol.findings li { border: 1px solid #d9dde3; border-radius: 4px; padding: 8px 10px;
  margin: 6px 0; break-inside: avoid; }
.badge { display: inline-block; font-size: 12px; font-weight: 700; padding: 1px 7px;
  border-radius: 3px; margin-right: 6px; text-transform: uppercase; letter-spacing: .02em; }
.badge.error { background: #fbe4e2; color: #8c1d18; border: 1px solid #e8aaa5; }
.badge.warning { background: #fdf0d9; color: #6d4200; border: 1px solid #e6c48a; }
.badge.info { background: #e8ecf1; color: #333; border: 1px solid #c3cad3; }
.finding-title { font-weight: 700; }
.finding-where { color: #4a4a4a; font-size: 13px; }
.finding-message { margin: 3px 0 0; }
.finding-meaning { margin: 3px 0 0; color: #4a4a4a; font-size: 13.5px; }
dl.conventions { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px;
  font-size: 14px; margin: 8px 0 14px; }
footer { margin-top: 34px; padding-top: 10px; border-top: 1px solid #c9ced6; color: #4a4a4a;
  font-size: 13px; }
@media (max-width: 760px) {
  .page { padding: 18px; }
  dl.meta { grid-template-columns: max-content 1fr; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  nav.contents, .skip { display: none; }
  a { color: #1a1a1a; text-decoration: none; }
  table.sources a::after { content: " (" attr(href) ")"; overflow-wrap: anywhere; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr, ul.cards li, figure, ol.findings li { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
  .table-wrap { overflow: visible; }
  section { margin-top: 18px; }
}
"""


def _cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        return f'<a href="{escape(cell.href)}">{escape(cell.text)}</a>'
    if isinstance(cell, Labelled):
        name = escape(cell.text)
        return (name + " " if name else "") + f'<span class="code">{escape(cell.code)}</span>'
    if isinstance(cell, Source):
        parts = [
            f"<cite>{escape(cell.title)}</cite>. {escape(cell.publisher)}, {escape(cell.year)}."
        ]
        if cell.url:
            host = urlsplit(cell.url).hostname or cell.url
            parts.append(
                f' <a href="{escape(cell.url)}" title="{escape(cell.url)}">'
                f"{escape(host.removeprefix('www.'))}</a>"
            )
        return "".join(parts)
    return escape(cell)


def _table(table: Table) -> str:
    def cls(index: int) -> str:
        return ' class="num"' if index in table.numeric else ""

    out = [
        '<div class="table-wrap">',
        f'<table class="{escape(table.css)}">' if table.css else "<table>",
        f"<caption>{escape(table.caption)}</caption>",
        "<thead><tr>",
        *(f'<th scope="col"{cls(i)}>{escape(h)}</th>' for i, h in enumerate(table.header)),
        "</tr></thead>",
        "<tbody>",
    ]
    for row in table.rows:
        cells = [f'<th scope="row">{_cell(row[0])}</th>']
        cells += [f"<td{cls(i)}>{_cell(c)}</td>" for i, c in enumerate(row[1:], start=1)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody>")
    if table.footer is not None:
        footer = table.footer
        cells = [f'<th scope="row">{_cell(footer[0])}</th>']
        cells += [f"<td{cls(i)}>{_cell(c)}</td>" for i, c in enumerate(footer[1:], start=1)]
        out.append("<tfoot><tr>" + "".join(cells) + "</tr></tfoot>")
    out.append("</table></div>")
    return "\n".join(out)


def _block(block: Block, view: ReportView) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Paragraph):
        css = f' class="{escape(block.css)}"' if block.css else ""
        return f"<p{css}>{escape(block.text)}</p>"
    if isinstance(block, KeyFigures):
        items = "".join(
            f'<li class="{escape(k.tone)}"><span class="card-label">{escape(k.label)}</span>'
            f'<span class="card-value">{escape(k.value)}</span>'
            f'<span class="card-note">{escape(k.note)}</span></li>'
            for k in block.items
        )
        return f'<ul class="cards">{items}</ul>'
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Definitions):
        rows = "".join(
            f"<dt>{escape(term)}</dt><dd>{_cell(value)}</dd>" for term, value in block.items
        )
        heading = f"<h3>{escape(block.caption)}</h3>" if block.caption else ""
        return f'{heading}<dl class="conventions">{rows}</dl>'
    if isinstance(block, FindingList):
        entries: list[str] = []
        for item in block.items:
            entries.append(
                f'<li><span class="badge {escape(item.severity)}">{escape(item.severity_label)}'
                f'</span><span class="finding-title">{escape(item.title)}</span> '
                f"<code>{escape(item.rule_id)}</code>"
                f'<div class="finding-where"><code>{escape(item.where)}</code></div>'
                f'<p class="finding-message">{escape(item.message)}</p>'
                + (f'<p class="finding-meaning">{escape(item.meaning)}</p>' if item.meaning else "")
                + "</li>"
            )
        return (
            f'<h3 class="finding-doc">{escape(block.document)}</h3>'
            f'<ol class="findings">{"".join(entries)}</ol>'
        )
    if isinstance(block, Figure):
        chart = block.chart
        svg = render_bar_chart(chart, view.formatter.money)
        return f"<figure><figcaption>{escape(chart.title)}</figcaption>{svg}</figure>"
    raise TypeError(f"unknown block {type(block).__name__}")  # pragma: no cover


def _section(number: int, section: Section, view: ReportView) -> str:
    heading = f"{section.anchor}-heading"
    body = "\n".join(_block(block, view) for block in section.blocks)
    return (
        f'<section id="{escape(section.anchor)}" aria-labelledby="{heading}">\n'
        f'<h2 id="{heading}">{number}. {escape(section.title)}</h2>\n{body}\n</section>'
    )


def render_view(view: ReportView) -> str:
    """The HTML page of a report view."""
    meta = "".join(
        f"<dt>{escape(term)}</dt><dd>{_cell(value)}</dd>" for term, value in view.meta.items
    )
    contents = "".join(
        f'<li><a href="#{escape(s.anchor)}">{escape(s.title)}</a></li>' for s in view.sections
    )
    sections = "\n".join(_section(n, s, view) for n, s in enumerate(view.sections, start=1))
    skip = "Naar de inhoud" if view.language == "nl" else "Skip to content"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(view.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(view.kicker)}: {escape(view.title)}</title>\n"
        f"<style>{STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        f'<a class="skip" href="#summary">{skip}</a>\n'
        '<div class="page">\n'
        '<header class="report-head">\n'
        f'<p class="kicker">{escape(view.kicker)}</p>\n'
        f"<h1>{escape(view.title)}</h1>\n"
        f'<p class="subtitle">{escape(view.subtitle)}</p>\n'
        f'<p class="asof">{escape(view.as_of)}</p>\n'
        f'<dl class="meta" aria-label="{escape(view.meta.caption)}">{meta}</dl>\n'
        "</header>\n"
        f'<nav class="contents" aria-labelledby="contents-heading"><h2 id="contents-heading">'
        f"{escape(view.contents_label)}</h2><ol>{contents}</ol></nav>\n"
        f"<main>\n{sections}\n</main>\n"
        f"<footer><p>{escape(view.footer)}</p></footer>\n"
        "</div>\n"
        "</body>\n"
        "</html>\n"
    )
