"""Reports people read: what was promised, what was delivered, and on what basis.

A report on one contract (a bid under its tender, with the evidence reports so far) for a
council or a supplier, in Dutch (default) or English, as a self-contained HTML page or as
Markdown (``sroi report``)::

    from sroi_core.report import build_report, render_html

    data = build_report(tender, bid, catalogue, [(report, "evidence-2027-h1.json")])
    html = render_html(data)

The figures come from the engine's own components (valuation, monitoring, scoring, quality
checks); this package only arranges and formats them. Output is deterministic: the same
inputs give the same bytes (no wall-clock time; the date is the evidence's as-of date).
Formatting uses babel, a dependency of sroi-core.
"""

from __future__ import annotations

from sroi_core.report import html as _html
from sroi_core.report import markdown as _markdown
from sroi_core.report.data import IndicatorQuantity, ReportData, build_report
from sroi_core.report.formatting import (
    LANGUAGES,
    Formatter,
    ReportDependencyError,
    require_babel,
)
from sroi_core.report.view import ReportView, build_view

__all__ = [
    "LANGUAGES",
    "Formatter",
    "IndicatorQuantity",
    "ReportData",
    "ReportDependencyError",
    "ReportView",
    "build_report",
    "build_view",
    "render_html",
    "render_markdown",
    "require_babel",
]


def render_html(report: ReportData) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no script)."""
    return _html.render_view(build_view(report))


def render_markdown(report: ReportData) -> str:
    """The report as Markdown (the same sections and figures, without charts)."""
    return _markdown.render_view(build_view(report))
