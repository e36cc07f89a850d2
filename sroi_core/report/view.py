"""The report as sections of tables, key figures, charts and text, in one language.

:func:`build_view` turns :class:`ReportData` into a :class:`ReportView` whose every text is
already translated and every figure already formatted; the HTML and Markdown renderers
only lay it out. So the two formats always show the same figures with the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from sroi_core._decimal import quantize_display
from sroi_core._version import __version__
from sroi_core.errors import SroiError
from sroi_core.model.codes import Perspective, ValuationFamily
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.types import Area
from sroi_core.model.valuation import ValuationLine
from sroi_core.monitoring import Breakdown, Figures
from sroi_core.report.charts import BarChart, Series, bar_chart
from sroi_core.report.data import AwardValue, ReportData
from sroi_core.report.formatting import EN_DASH, Formatter
from sroi_core.report.labels import (
    TEXT,
    code_title,
    licence_title,
    rule_text,
    text,
    unit_label,
)
from sroi_core.rules import Finding, Severity, get_rule
from sroi_core.scoring import ScoredLine
from sroi_core.valuation.document import ENGINE_NAME

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Link:
    """A hyperlink (used only for source citations)."""

    text: str
    href: str


@dataclass(frozen=True)
class Labelled:
    """A name with its code shown small beside it (an indicator and its id)."""

    text: str
    code: str


@dataclass(frozen=True)
class Source:
    """A citation: title, publisher and year, link, and remarks."""

    title: str
    publisher: str
    year: str
    url: str | None


Cell = str | Link | Labelled | Source


@dataclass(frozen=True)
class Table:
    """A table with a caption, column headers and (optionally) a totals row.

    The first column of each row is its row header.
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()
    footer: tuple[Cell, ...] | None = None
    css: str = ""


@dataclass(frozen=True)
class KeyFigure:
    """One headline figure: a label, the figure and a short note."""

    label: str
    value: str
    note: str
    tone: str = ""
    """"", "good", "warn", "bad" or "muted" (colour accent; the text says it too)."""


@dataclass(frozen=True)
class KeyFigures:
    """A row of headline figures."""

    items: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text."""

    text: str
    css: str = ""


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Definitions:
    """Term/description pairs (a definition list)."""

    items: tuple[tuple[str, Cell], ...]
    caption: str = ""


@dataclass(frozen=True)
class FindingItem:
    """One quality finding, ready to show."""

    severity: str
    severity_label: str
    rule_id: str
    title: str
    where: str
    message: str
    meaning: str


@dataclass(frozen=True)
class FindingList:
    """The quality findings of one document."""

    document: str
    items: tuple[FindingItem, ...]


@dataclass(frozen=True)
class Figure:
    """A chart."""

    chart: BarChart


Block = Table | KeyFigures | Paragraph | Bullets | Definitions | FindingList | Figure


@dataclass(frozen=True)
class Section:
    """A numbered section of the report."""

    anchor: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ReportView:
    """A report ready to lay out: every text translated, every figure formatted."""

    language: str
    kicker: str
    title: str
    subtitle: str
    as_of: str
    meta: Definitions
    sections: tuple[Section, ...]
    footer: str
    formatter: Formatter
    contents_label: str


class _Builder:
    """Builds the view of one report; holds the language and the formatter."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.lang = data.language
        self.fmt = Formatter(data.language)
        self.currency = data.valuation.currency
        self.themes = {theme.id: theme for theme in data.catalogue.themes}
        self.commitments = {c.id: c for c in reversed(data.bid.commitments)}
        """The bid's commitments by id (the first of an id), looked up once per line."""

    # ---------------------------------------------------------------- small helpers

    def t(self, key: str, **params: object) -> str:
        return text(key, self.lang, **params)

    def money(self, amount: Decimal | None) -> str:
        return "" if amount is None else self.fmt.money(amount, self.currency)

    def theme(self, code: str) -> str:
        found = self.themes.get(code)
        if found is not None:
            return found.label.text(self.lang)
        return code_title("theme", code, self.lang)

    def indicator(self, code: str) -> str:
        try:
            return self.data.catalogue.indicator(code).label.text(self.lang)
        except SroiError:
            return code

    def quantity(self, value: Decimal, unit: str) -> str:
        return f"{self.fmt.number(value)} {unit_label(unit, self.lang, plural=value != 1)}"

    def percent(self, value: Decimal | None) -> str:
        return EN_DASH if value is None else self.fmt.percent(value)

    def area(self, area: Area) -> str:
        return f"{area.name} ({area.code})" if area.name else area.code

    def theme_order(self, codes: Sequence[str]) -> list[str]:
        """Themes in the tender's priority order, then the others by label."""
        prioritised = [p.theme for p in self.data.tender.theme_priorities]
        first = [code for code in prioritised if code in codes]
        rest = sorted((c for c in set(codes) if c not in prioritised), key=self.theme)
        return first + rest

    # -------------------------------------------------------------------- header

    def meta(self) -> Definitions:
        data, tender, bid = self.data, self.data.tender, self.data.bid
        reference = f"{tender.id}" + (
            f" ({tender.procurement_reference})" if tender.procurement_reference else ""
        )
        items: list[tuple[str, Cell]] = [
            (self.t("buyer"), tender.buyer.name),
            (self.t("tender"), reference),
        ]
        if tender.ocid:
            items.append((self.t("ocid"), tender.ocid))
        supplier_id = bid.supplier.identifier
        items += [
            (self.t("contract_value"), self.money(tender.contract_value.amount)),
            (self.t("contract_period"), self.fmt.period(tender.period.start, tender.period.end)),
            (self.t("areas"), ", ".join(self.area(a) for a in tender.areas)),
            (self.t("supplier"), f"{bid.supplier.name} ({supplier_id.scheme} {supplier_id.id})"),
            (
                self.t("bid"),
                f"{bid.id}, " + self.t("submitted_on", date=self.fmt.date(bid.submitted)),
            ),
        ]
        if data.reports:
            start = min(r.period.start for r, _ in data.reports)
            end = max(r.period.end for r, _ in data.reports)
            reports = f"{len(data.reports)} ({self.fmt.period(start, end)})"
        else:
            reports = self.t("no_reports")
        items += [
            (self.t("evidence_reports"), reports),
            (self.t("as_of"), self.fmt.date(data.as_of)),
        ]
        return Definitions(tuple(items), caption=self.t("meta_label"))

    # ------------------------------------------------------------------- summary

    def findings_count(self) -> tuple[int, int]:
        errors = sum(f.severity is Severity.ERROR for f in self.data.findings)
        warnings = sum(f.severity is Severity.WARNING for f in self.data.findings)
        return errors, warnings

    def _perspective_figures(self) -> list[KeyFigure]:
        """2.0: each perspective's value and its ratio or value per contract euro, apart."""
        valuation = self.data.valuation
        figures: list[KeyFigure] = []
        for total in valuation.totals.by_perspective or ():
            name = total.perspective.value
            label = self.t(f"p_{name}")
            figures.append(
                KeyFigure(
                    self.t(f"k_perspective_{name}"),
                    self.money(total.present_value),
                    self.t("k_perspective_note"),
                )
            )
            if total.sroi_ratio is not None:
                figures.append(
                    KeyFigure(
                        self.t("k_ratio_2", perspective=label),
                        self.fmt.ratio(total.sroi_ratio),
                        self.t(
                            "k_ratio_2_note",
                            amount=self.money(valuation.incremental_cost_present_value),
                        ),
                        "muted",
                    )
                )
            elif total.value_per_contract_euro is not None:
                figures.append(
                    KeyFigure(
                        self.t("k_per_euro", perspective=label),
                        self.fmt.money(total.value_per_contract_euro, valuation.currency),
                        self.t("k_per_euro_note"),
                        "muted",
                    )
                )
        return figures

    def _minimum_note(self, value: Decimal) -> tuple[str, str]:
        """How ``value`` stands against the tender's minimum: a note and its tone."""
        data = self.data
        rule = data.tender.award.minimum if data.tender.award is not None else None
        if data.minimum is None and rule is not None and rule.attainment is not None:
            return self.t("k_eligible_note_attainment"), ""
        if data.minimum is None:
            return self.t("k_eligible_note_none"), ""
        if value >= data.minimum:
            return self.t("k_eligible_note_ok", amount=self.money(data.minimum)), "good"
        return self.t("k_eligible_note_low", amount=self.money(data.minimum)), "bad"

    def _figures_1_0(self, counted: AwardValue) -> list[KeyFigure]:
        """A 1.0 award: its summed figure as awarded, and each perspective apart beside it."""
        assert counted.awarded_1_0 is not None
        note, tone = self._minimum_note(counted.awarded_1_0)
        figures = [
            KeyFigure(self.t("k_eligible_1_0"), self.money(counted.awarded_1_0), note, tone)
        ]
        for perspective, value in ((counted.perspective, counted.counted), *counted.others):
            figures.append(
                KeyFigure(
                    self.t("k_part_1_0", perspective=self.t(f"p_{perspective.value}")),
                    self.money(value),
                    self.t("k_part_1_0_note"),
                    "muted",
                )
            )
        return figures

    def _summary_1_0(self, counted: AwardValue) -> str:
        """Why a 1.0 report shows a sum, and what the 2.0 rule would count instead."""
        note, _tone = self._minimum_note(counted.counted)
        return self.t(
            "summary_1_0_sum",
            perspective=self.t(f"p_{counted.perspective.value}"),
            value=self.money(counted.counted),
            note=note,
        )

    def summary(self) -> Section:
        data = self.data
        totals = data.valuation.totals
        committed = totals.headline()
        figures = (
            [KeyFigure(self.t("k_committed"), self.money(committed), self.t("k_committed_note"))]
            if totals.by_perspective is None  # 2.0: one figure per perspective, below
            else []
        )
        paragraphs = [
            Paragraph(
                self.t("summary_promised", supplier=data.bid.supplier.name,
                       committed=self.money(committed))
            )
        ]
        counted = data.award_value
        if counted is not None and counted.awarded_1_0 is not None:
            figures += self._figures_1_0(counted)
            paragraphs.append(Paragraph(self._summary_1_0(counted)))
        elif counted is not None:
            perspective = self.t(f"p_{counted.perspective.value}")
            note, tone = self._minimum_note(counted.counted)
            figures.append(
                KeyFigure(
                    self.t("k_eligible", perspective=perspective),
                    self.money(counted.counted),
                    note,
                    tone,
                )
            )
            for other, value in counted.others:
                figures.append(
                    KeyFigure(
                        self.t("k_not_for_award", perspective=self.t(f"p_{other.value}")),
                        self.money(value),
                        self.t("k_not_for_award_note"),
                        "muted",
                    )
                )
            if counted.counted != counted.committed:
                paragraphs.append(
                    Paragraph(
                        self.t(
                            "summary_eligible_differs",
                            perspective=perspective,
                            committed=self.money(counted.committed),
                            eligible=self.money(counted.counted),
                        )
                    )
                )
            if counted.others:
                paragraphs.append(
                    Paragraph(self.t("summary_award_perspective", perspective=perspective))
                )
        monitoring = data.monitoring
        if monitoring is not None:
            outcome = monitoring.outcome
            not_counted = outcome.rejected + outcome.withdrawn + outcome.not_counted
            figures += [
                KeyFigure(
                    self.t("k_verified"),
                    self.money(outcome.verified),
                    self.t("k_verified_note", percent=self.percent(outcome.realisation)),
                    "good",
                ),
                KeyFigure(
                    self.t("k_forecast"),
                    self.money(outcome.forecast),
                    self.t("k_forecast_note", percent=self.percent(outcome.forecast_realisation)),
                ),
                KeyFigure(
                    self.t("k_unverified"), self.money(outcome.unverified),
                    self.t("k_unverified_note"), "warn",
                ),
                KeyFigure(
                    self.t("k_rejected"), self.money(not_counted), self.t("k_rejected_note"),
                    "muted",
                ),
            ]
            paragraphs += [
                Paragraph(
                    self.t(
                        "summary_delivered",
                        date=self.fmt.date(monitoring.as_of),
                        verified=self.money(outcome.verified),
                        percent=self.percent(outcome.realisation),
                        forecast=self.money(outcome.forecast),
                        forecast_percent=self.percent(outcome.forecast_realisation),
                    )
                ),
                Paragraph(
                    self.t(
                        "summary_not_counted",
                        unverified=self.money(outcome.unverified),
                        rejected=self.money(not_counted),
                    )
                ),
            ]
        else:
            paragraphs.append(Paragraph(self.t("summary_no_evidence")))
        if totals.obligation_credit > 0:
            paragraphs.append(
                Paragraph(self.t("summary_credits", credits=self.money(totals.obligation_credit)))
            )
        errors, warnings = self.findings_count()
        figures += [
            KeyFigure(
                self.t("k_credits"), self.money(totals.obligation_credit),
                self.t("k_credits_note"), "muted",
            ),
            KeyFigure(
                self.t("k_findings"),
                self.t("k_findings_errors", errors=errors),
                self.t("k_findings_note", warnings=warnings),
                "bad" if errors else ("warn" if warnings else "good"),
            ),
        ]
        valuation = data.valuation
        figures.extend(self._perspective_figures())
        if valuation.sroi_ratio is not None and valuation.investment is not None:
            figures.append(
                KeyFigure(
                    self.t("k_ratio"),
                    self.fmt.ratio(valuation.sroi_ratio),
                    self.t("k_ratio_note", amount=self.money(valuation.investment.amount)),
                    "muted",
                )
            )
        chart = self.realisation_chart()
        blocks: list[Block] = [KeyFigures(tuple(figures)), *paragraphs]
        if chart is not None:
            blocks.append(chart)
        return Section("summary", self.t("s_summary"), tuple(blocks))

    # ------------------------------------------------------------------ promised

    def rate_text(self) -> str:
        conventions = self.data.valuation.conventions
        if conventions.discount_rate is not None:
            return self.fmt.share(conventions.discount_rate)
        entries = conventions.discount_schedule or ()
        return ", ".join(
            self.t("c_schedule_entry", rate=self.fmt.share(e.rate), period=e.from_period)
            for e in entries
        )

    def per_perspective(self, line: ValuationLine) -> str | None:
        """2.0: a line valued in two perspectives shows each apart (never their sum)."""
        parts = [
            (perspective, line.perspective_value(perspective)) for perspective in Perspective
        ]
        shown = [(p, v) for p, v in parts if v > 0]
        if len(shown) < 2:
            return None
        return "; ".join(f"{self.money(v)} ({self.t(f'p_{p.value}')})" for p, v in shown)

    def award_cell(self, scored: ScoredLine | None) -> str:
        if scored is None:
            return EN_DASH
        if scored.scored:
            return self.t("yes")
        reasons = []
        for reason in scored.reasons:
            if reason.code == "quality-error":
                rule_id = reason.text.split(":", 1)[0]
                try:
                    title, _ = rule_text(get_rule(rule_id), self.lang)
                except SroiError:
                    title = rule_id
                reasons.append(self.t("reason_quality-error", rule=title, id=rule_id))
            else:
                key = f"reason_{reason.code}"
                reasons.append(self.t(key) if key in TEXT else reason.text)
        unique = list(dict.fromkeys(reasons))
        return self.t("no") + " — " + "; ".join(unique)

    def remarks(self, line: ValuationLine, credit: Decimal) -> str:
        commitment = self.commitments.get(line.line_id)
        claimed = commitment.duration_years if commitment is not None else line.duration_years
        notes: list[str] = []
        if credit > 0:
            notes.append(self.t("credit_remark", amount=self.money(credit)))
        if commitment is not None and commitment.payment_in_lieu is not None:
            notes.append(self.t("payment_in_lieu_amount",
                                amount=self.money(commitment.payment_in_lieu.amount)))
        flags = list(line.flags)
        for value in line.values:
            flags += [f for f in value.flags if f not in flags]
        for flag in flags:
            key = f"flag_{flag}"
            if key not in TEXT:
                continue
            notes.append(self.t(key, years=line.duration_years, claimed=claimed))
        return "; ".join(dict.fromkeys(notes))

    def fulfilment(self, line: ValuationLine) -> str:
        commitment = self.commitments.get(line.line_id)
        if commitment is None:
            return ""
        mode = commitment.fulfilment.value
        if mode == "partner":
            if commitment.partner is not None:
                return self.t("fulfilment_partner", partner=commitment.partner.name)
            return self.t("fulfilment_partner_plain")
        return self.t(f"fulfilment_{mode}")

    def promised(self) -> Section:
        data = self.data
        valuation = data.valuation
        scored = {line.commitment: line for line in data.award.lines} if data.award else {}
        blocks: list[Block] = [Paragraph(self.t("promised_intro", rate=self.rate_text()))]
        counted = data.award_value
        if data.minimum is not None and counted is not None:
            verdict = self.t(
                "minimum_met" if counted.decisive >= data.minimum else "minimum_not_met"
            )
            blocks.append(
                Paragraph(
                    self.t("minimum_line" if counted.awarded_1_0 is None else "minimum_line_1_0",
                           amount=self.money(data.minimum),
                           perspective=self.t(f"p_{counted.perspective.value}"),
                           eligible=self.money(counted.decisive), verdict=verdict)
                )
            )
        rows: list[tuple[Cell, ...]] = []
        credit_rows: list[tuple[Cell, ...]] = []
        for line in valuation.lines:
            outcome, credit = line.outcome_value, line.obligation_credit
            monetised = any(
                v.valuation_basis.family is ValuationFamily.OUTCOME_VALUE for v in line.values
            )
            not_monetised = "not-monetised" in line.flags
            value = self.t("not_monetised") if not_monetised and not monetised else self.money(
                outcome
            )
            if valuation.totals.by_perspective is not None:
                value = self.per_perspective(line) or value
            rows.append(
                (
                    line.line_id,
                    Labelled(self.indicator(line.indicator), line.indicator),
                    self.quantity(line.quantity.value, line.quantity.unit),
                    self.fmt.number(Decimal(line.duration_years)),
                    self.fulfilment(line),
                    value,
                    self.award_cell(scored.get(line.line_id)),
                    self.remarks(line, credit),
                )
            )
            if credit > 0:
                credit_rows.append(
                    (
                        line.line_id,
                        Labelled(self.indicator(line.indicator), line.indicator),
                        self.quantity(line.quantity.value, line.quantity.unit),
                        self.money(credit),
                    )
                )
        footer: tuple[Cell, ...] = (
            self.t("total"), "", "", "", "", self.money(valuation.totals.outcome_value),
            (self.money(counted.decisive) if counted is not None else ""), "",
        )
        blocks.append(
            Table(
                self.t("t_commitments"),
                (
                    self.t("col_commitment"), self.t("col_indicator"), self.t("col_quantity"),
                    self.t("col_years"), self.t("col_fulfilment"), self.t("col_value"),
                    self.t("col_award"), self.t("col_remarks"),
                ),
                tuple(rows),
                numeric=frozenset({2, 3, 5}),
                footer=footer,
                css="commitments",
            )
        )
        blocks += self.promised_by_theme()
        if credit_rows:
            blocks += [
                Paragraph(self.t("credits_intro")),
                Table(
                    self.t("t_credits"),
                    (self.t("col_commitment"), self.t("col_indicator"), self.t("col_quantity"),
                     self.t("col_credit")),
                    tuple(credit_rows),
                    numeric=frozenset({2, 3}),
                    footer=(self.t("total"), "", "",
                            self.money(valuation.totals.obligation_credit)),
                    css="credits",
                ),
            ]
        else:
            blocks.append(Paragraph(self.t("credits_none"), css="muted"))
        return Section("promised", self.t("s_promised"), tuple(blocks))

    def promised_by_theme(self) -> list[Block]:
        valuation = self.data.valuation
        values: dict[str, Decimal] = {}
        chosen = self.data.award_value
        for line in valuation.lines:
            # 2.0: one perspective per chart (the award's); 1.0 valued them as one figure
            outcome = (
                line.perspective_value(chosen.perspective)
                if chosen is not None and valuation.totals.by_perspective is not None
                else line.outcome_value
            )
            counted = outcome if line.counted else ZERO
            values[line.theme] = values.get(line.theme, ZERO) + counted
        order = self.theme_order(list(values))
        priorities = {p.theme: p.weight for p in self.data.tender.theme_priorities}
        total = valuation.totals.headline()
        rows: list[tuple[Cell, ...]] = []
        for code in order:
            share = values[code] / total * 100 if total > 0 else None
            priority = priorities.get(code)
            rows.append(
                (
                    self.theme(code),
                    self.fmt.share(priority) if priority is not None else self.t("no_priority"),
                    self.money(values[code]),
                    self.percent(
                        quantize_display(share, Decimal("0.1")) if share is not None else None
                    ),
                )
            )
        table = Table(
            self.t("t_themes_table"),
            (self.t("col_theme"), self.t("col_priority"), self.t("col_value"),
             self.t("col_share")),
            tuple(rows),
            numeric=frozenset({1, 2, 3}),
            footer=(self.t("total"), "", self.money(total), ""),
        )
        shown = [code for code in order if values[code] > 0]
        chart = bar_chart(
            "chart-promised",
            self.t("chart_promised_title"),
            self.t("chart_promised_desc"),
            [self.theme(code) for code in shown],
            [Series(self.t("series_committed"), tuple(values[c] for c in shown), "committed")],
        )
        return [Figure(chart), table] if shown else [table]

    # ----------------------------------------------------------------- delivered

    def delivered(self) -> Section:
        monitoring = self.data.monitoring
        if monitoring is None:
            return Section("delivered", self.t("s_delivered"),
                           (Paragraph(self.t("summary_no_evidence")),))
        blocks: list[Block] = [Paragraph(self.t("delivered_intro"))]
        blocks.append(
            Table(
                self.t("t_reports"),
                (self.t("col_report"), self.t("col_period"), self.t("col_items"),
                 self.t("col_items_used")),
                tuple(
                    (r.report, self.fmt.period(r.period_start, r.period_end),
                     str(r.items), str(r.used))
                    for r in monitoring.reports
                ),
                numeric=frozenset({2, 3}),
            )
        )
        outcome = monitoring.outcome
        buckets = [
            ("verified", outcome.verified),
            ("unverified", outcome.unverified),
            ("rejected", outcome.rejected),
            ("withdrawn", outcome.withdrawn),
        ]
        if outcome.not_counted > 0:
            buckets.append(("not-counted", outcome.not_counted))
        blocks.append(
            Figure(
                bar_chart(
                    "chart-status",
                    self.t("chart_status_title"),
                    self.t("chart_status_desc"),
                    [self.t(f"bucket_{name}") for name, _ in buckets],
                    [Series(self.t("col_value"), tuple(v for _, v in buckets), "verified")],
                    bar_roles=[name for name, _ in buckets],
                )
            )
        )
        rows: list[tuple[Cell, ...]] = []
        for entry in monitoring.items:
            item = self.data.items.get(entry.item)
            quantity = self.quantity(item.quantity.value, item.quantity.unit) if item else ""
            why = [self.t(f"why_{entry.bucket}")]
            if item is not None:
                replaced = item.replaces
                if replaced is not None:
                    why.append(self.t("why_replaces", item=replaced))
                if entry.status in ("rejected", "withdrawn") and item.history:
                    reason = item.history[-1].reason
                    if reason:
                        why.append(self.t("why_reason", reason=reason))
            monetised = entry.outcome_value > 0 or self._monetised(entry.indicator)
            rows.append(
                (
                    entry.item,
                    entry.report,
                    Labelled(self.indicator(entry.indicator), entry.indicator),
                    quantity,
                    code_title("verificationStatus", entry.status, self.lang),
                    self.money(entry.outcome_value) if monetised else self.t("not_monetised"),
                    "; ".join(why),
                )
            )
        blocks.append(
            Table(
                self.t("t_items"),
                (self.t("col_item"), self.t("col_report"), self.t("col_indicator"),
                 self.t("col_quantity"), self.t("col_status"), self.t("col_value"),
                 self.t("col_explanation")),
                tuple(rows),
                numeric=frozenset({3, 5}),
                css="items",
            )
        )
        blocks.append(Paragraph(self.t("quantities_intro")))
        quantity_rows: list[tuple[Cell, ...]] = []
        for q in self.data.quantities:
            quantity_rows.append(
                (
                    Labelled(self.indicator(q.indicator), q.indicator),
                    unit_label(q.unit, self.lang),
                    self.fmt.number(q.committed),
                    self.fmt.number(q.verified),
                    self.fmt.number(q.unverified),
                    self.fmt.number(q.rejected),
                    self.percent(q.realisation),
                )
            )
        blocks.append(
            Table(
                self.t("t_quantities"),
                (self.t("col_indicator"), self.t("col_unit"), self.t("col_committed"),
                 self.t("col_verified"), self.t("col_unverified"), self.t("col_rejected"),
                 self.t("col_realisation")),
                tuple(quantity_rows),
                numeric=frozenset({2, 3, 4, 5, 6}),
                css="quantities",
            )
        )
        return Section("delivered", self.t("s_delivered"), tuple(blocks))

    def _monetised(self, indicator: str) -> bool:
        try:
            return self.data.catalogue.indicator(indicator).monetisation == "monetised"
        except SroiError:
            return True

    # --------------------------------------------------------------- realisation

    def figure_cells(self, figures: Figures) -> tuple[str, ...]:
        return (
            self.money(figures.committed),
            self.money(figures.verified),
            self.percent(figures.realisation),
            self.money(figures.forecast),
            self.percent(figures.forecast_realisation),
        )

    def realisation_chart(self) -> Figure | None:
        """Committed, verified and forecast value per theme (themes with a value only)."""
        monitoring = self.data.monitoring
        if monitoring is None:
            return None
        themes: dict[str, Breakdown] = {
            row.key: row for row in monitoring.by_theme if row.family == "outcome"
        }
        charted = [
            code for code in self.theme_order(list(themes))
            if any((getattr(themes[code].figures, name) or ZERO) > 0
                   for name in ("committed", "verified", "forecast"))
        ]
        if not charted:
            return None

        def series(name: str, role: str, pick: str) -> Series:
            values = []
            for code in charted:
                value = getattr(themes[code].figures, pick)
                values.append(value if value is not None else ZERO)
            return Series(self.t(name), tuple(values), role)

        return Figure(
            bar_chart(
                "chart-realisation",
                self.t("chart_realisation_title"),
                self.t("chart_realisation_desc"),
                [self.theme(code) for code in charted],
                [
                    series("series_committed", "committed", "committed"),
                    series("series_verified", "verified", "verified"),
                    series("series_forecast", "forecast", "forecast"),
                ],
            )
        )

    def realisation(self) -> Section:
        monitoring = self.data.monitoring
        if monitoring is None:
            return Section("realisation", self.t("s_realisation"),
                           (Paragraph(self.t("realisation_none")),))
        header = (
            self.t("col_theme"), self.t("col_committed"), self.t("col_verified"),
            self.t("col_realisation"), self.t("col_forecast"), self.t("col_forecast_share"),
        )
        themes: dict[str, Breakdown] = {
            row.key: row for row in monitoring.by_theme if row.family == "outcome"
        }
        order = self.theme_order(list(themes))
        rows = tuple((self.theme(code), *self.figure_cells(themes[code].figures)) for code in order)
        blocks: list[Block] = [
            Table(
                self.t("t_realisation"), header, rows, numeric=frozenset({1, 2, 3, 4, 5}),
                footer=(self.t("total"), *self.figure_cells(monitoring.outcome)),
            ),
            Paragraph(self.t("realisation_chart_above"), css="muted"),
        ]
        blocks += [
            Paragraph(
                self.t(
                    "forecast_method",
                    total=monitoring.total_days,
                    elapsed=monitoring.elapsed_days,
                    period=self.fmt.period(monitoring.contract_start, monitoring.contract_end),
                    date=self.fmt.date(monitoring.as_of),
                )
            ),
            Paragraph(self.t("forecast_caveat"), css="muted"),
        ]
        credit = monitoring.credit
        if (credit.committed or ZERO) > 0 or credit.verified > 0 or credit.unverified > 0:
            blocks.append(
                Table(
                    self.t("t_realisation_credits"),
                    (self.t("col_theme"), *header[1:]),
                    tuple(
                        (self.theme(row.key), *self.figure_cells(row.figures))
                        for row in monitoring.by_theme
                        if row.family == "credit"
                    ),
                    numeric=frozenset({1, 2, 3, 4, 5}),
                    footer=(self.t("total"), *self.figure_cells(credit)),
                    css="credits",
                )
            )
        return Section("realisation", self.t("s_realisation"), tuple(blocks))

    # ------------------------------------------------------------------ findings

    def finding_item(self, finding: Finding) -> FindingItem:
        try:
            rule = get_rule(finding.rule_id)
            title, meaning = rule_text(rule, self.lang)
        except SroiError:
            title, meaning = finding.rule_id, ""
        message = finding.message_nl if self.lang == "nl" and finding.message_nl else (
            finding.message
        )
        return FindingItem(
            severity=finding.severity.value,
            severity_label=self.t(f"severity_{finding.severity.value}"),
            rule_id=finding.rule_id,
            title=title,
            where=finding.pointer or "/",
            message=message,
            meaning=meaning,
        )

    def findings(self) -> Section:
        blocks: list[Block] = [Paragraph(self.t("findings_intro"))]
        if not self.data.findings:
            blocks.append(Paragraph(self.t("findings_none"), css="muted"))
            return Section("findings", self.t("s_findings"), tuple(blocks))
        errors, warnings = self.findings_count()
        blocks.append(
            Paragraph(self.t("k_findings_value", errors=errors, warnings=warnings), css="strong")
        )
        documents: dict[str, list[FindingItem]] = {}
        for finding in self.data.findings:
            name = PurePath(finding.source).name or finding.source
            documents.setdefault(name, []).append(self.finding_item(finding))
        for name, items in documents.items():
            blocks.append(FindingList(name, tuple(items)))
        return Section("findings", self.t("s_findings"), tuple(blocks))

    # --------------------------------------------------------------- conventions

    def conventions(self) -> Section:
        data = self.data
        valuation = data.valuation
        conventions = valuation.conventions
        catalogue = data.catalogue
        timing = self.t(f"timing_{conventions.discount_timing.value}")
        if conventions.discount_rate is not None:
            discount = self.t("c_discount_rate", rate=self.fmt.share(conventions.discount_rate),
                              timing=timing)
        else:
            discount = self.t("c_discount_schedule", entries=self.rate_text(), timing=timing)
        items: list[tuple[str, Cell]] = [
            (self.t("c_standard"), f"SROI Outcome Standard {valuation.standard_version}"),
            (
                self.t("c_catalogue"),
                f"{catalogue.id} {catalogue.version} — {catalogue.title.text(self.lang)} "
                f"({catalogue.publisher}, {self.fmt.date(catalogue.published)})",
            ),
            (self.t("c_engine"), f"{valuation.engine.name} {valuation.engine.version}"),
            (self.t("c_input_hash"), Labelled("", valuation.input_sha256)),
            (self.t("c_report_hash"), Labelled("", data.input_sha256)),
            (self.t("c_discount"), discount),
            (
                self.t("c_valuation_year"),
                str(conventions.valuation_year)
                if conventions.valuation_year is not None
                else self.t("c_none"),
            ),
            (self.t("c_currency"), conventions.currency),
        ]
        series = catalogue.price_index() if catalogue.default_price_index else None
        if series is not None:
            label = f"{series.id} — {series.label.text(self.lang)} ({series.base})"
            items.append((self.t("c_price_index"), label))
        if catalogue.fte_norm is not None:
            hours = self.fmt.number(catalogue.fte_norm.hours_per_fte_year)
            items.append((self.t("c_fte_norm"), self.t("c_fte_hours", hours=hours)))
        if valuation.investment is not None:
            items.append((self.t("c_investment"), self.money(valuation.investment.amount)))
        blocks: list[Block] = [
            Paragraph(self.t("conventions_intro")),
            Definitions(tuple(items), caption=self.t("t_conventions")),
        ]
        if data.proxies:
            blocks.append(self.proxy_table())
        else:
            blocks.append(Paragraph(self.t("proxies_none"), css="muted"))
        blocks.append(
            Bullets(
                (
                    self.t("note_rounding"),
                    self.t("note_verified_only"),
                    self.t("note_families"),
                    self.t("note_adjustments"),
                )
            )
        )
        return Section("sources", self.t("s_conventions"), tuple(blocks))

    def proxy_table(self) -> Table:
        year = self.data.valuation.conventions.valuation_year
        rows: list[tuple[Cell, ...]] = []
        for proxy in self.data.proxies:
            value = proxy.value
            per_unit = (
                f"{self.fmt.money(value.central, proxy.currency)} / "
                f"{unit_label(proxy.per_unit, self.lang, plural=False)}"
            )
            if value.low is not None or value.high is not None:
                low = value.low if value.low is not None else value.central
                high = value.high if value.high is not None else value.central
                per_unit += " (" + self.t(
                    "range",
                    low=self.fmt.money(low, proxy.currency),
                    high=self.fmt.money(high, proxy.currency),
                ) + ")"
            source = proxy.source
            licence = licence_title(proxy.licence, self.lang)
            rows.append(
                (
                    Labelled(self.indicator(proxy.indicator), proxy.id),
                    per_unit,
                    code_title("valuationBasis", proxy.valuation_basis.value, self.lang),
                    str(proxy.price_year) if proxy.price_year is not None else self.t("c_none"),
                    Source(source.title, source.publisher, str(source.year), source.url),
                    licence,
                    "; ".join(self.caveats(proxy, year)),
                )
            )
        return Table(
            self.t("t_proxies"),
            (self.t("col_proxy"), self.t("col_per_unit"), self.t("col_basis"),
             self.t("col_price_year"), self.t("col_source"), self.t("col_licence"),
             self.t("col_caveats")),
            tuple(rows),
            numeric=frozenset({3}),
            css="sources",
        )

    def caveats(self, proxy: ProxyValue, year: int | None) -> list[str]:
        notes: list[str] = []
        transfer = proxy.transfer
        if transfer is not None:
            original = self.fmt.money(transfer.original_value, transfer.original_currency)
            key = (
                "caveat_uk"
                if transfer.original_currency == "GBP" or proxy.licence.endswith("-UK-3.0")
                else "caveat_transfer"
            )
            notes.append(
                self.t(key, original=original, rate=self.fmt.number(transfer.exchange_rate),
                       currency=transfer.original_currency)
            )
        source = proxy.source
        blob = " ".join(
            part or "" for part in (source.title, source.note, source.derivation, source.publisher)
        ).lower()
        if "illustrative" in blob or "illustratief" in blob:
            notes.append(self.t("caveat_illustrative"))
        if proxy.valuation_basis.value == "obligation-credit":
            notes.append(self.t("caveat_credit"))
        elif proxy.price_year is None:
            notes.append(self.t("caveat_no_price_year"))
        elif year is not None and proxy.price_year != year:
            notes.append(self.t("caveat_rebased", year=year))
        if source.confidence == "secondary":
            notes.append(self.t("caveat_secondary"))
        elif source.confidence == "derived":
            notes.append(self.t("caveat_derived"))
        return notes

    # ---------------------------------------------------------------------- view

    def view(self) -> ReportView:
        data = self.data
        footer = self.t(
            "footer",
            engine=ENGINE_NAME,
            version=__version__,
            standard=data.valuation.standard_version,
            catalogue=f"{data.catalogue.id} {data.catalogue.version}",
            date=self.fmt.date(data.as_of),
        )
        return ReportView(
            language=self.lang,
            kicker=self.t("kicker"),
            title=data.tender.title.text(self.lang),
            subtitle=self.t("subtitle", supplier=data.bid.supplier.name, bid=data.bid.id),
            as_of=self.t("as_of_line", date=self.fmt.date(data.as_of)),
            meta=self.meta(),
            sections=(
                self.summary(),
                self.promised(),
                self.delivered(),
                self.realisation(),
                self.findings(),
                self.conventions(),
            ),
            footer=footer,
            formatter=self.fmt,
            contents_label=self.t("contents"),
        )


def build_view(data: ReportData) -> ReportView:
    """The report in its language, ready for the HTML or Markdown renderer."""
    return _Builder(data).view()
