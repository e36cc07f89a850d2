"""Human-readable renderings of a valuation: plain-text table, Markdown and CSV.

The JSON form is the valuation document itself; these views show the same figures for
people (a procurement officer at a terminal, a council paper, a spreadsheet). CSV uses a
full stop as decimal separator and one row per line and proxy value, so every figure can
be recomputed in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from decimal import Decimal

from sroi_core._decimal import grouped
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


LABELS_NL: dict[str, str] = {
    "line": "regel",
    "indicator": "indicator",
    "status": "status",
    "counted": "telt mee",
    "quantity": "hoeveelheid",
    "unit": "eenheid",
    "proxy": "kengetal",
    "basis": "grondslag",
    "per unit": "per eenheid",
    "gross": "bruto",
    "deadweight": "deadweight",
    "after deadweight": "na deadweight",
    "attribution": "attributie",
    "after attribution": "na attributie",
    "displacement": "verdringing",
    "net annual": "netto per jaar",
    "drop-off": "afname",
    "years": "jaren",
    "present value": "contante waarde",
    "flags": "kenmerken",
    "yes": "ja",
    "no": "nee",
    "Subject": "Onderwerp",
    "Catalogue": "Catalogus",
    "Standard / engine": "Standaard / rekenkern",
    "Outcome value (present value)": "Uitkomstwaarde (contante waarde)",
    "Obligation credits (not summed)": "Verplichtingscredits (niet opgeteld)",
    "Value not counted (unverified, rejected, withdrawn)": "Niet meegeteld (niet geverifieerd, "
    "afgewezen, ingetrokken)",
    "Investment": "Investering",
    "not given": "niet opgegeven",
    "SROI ratio": "SROI-ratio",
    "not computed": "niet berekend",
    "Input SHA-256": "Invoer-SHA-256",
    "Lines": "Regels",
    "Totals by theme": "Totalen per thema",
    "Totals by outcome": "Totalen per uitkomst",
    "Totals by indicator": "Totalen per indicator",
    "Totals by valuation basis": "Totalen per waarderingsgrondslag",
    "Totals by status": "Totalen per status",
    "key": "sleutel",
    "family": "familie",
    "lines": "regels",
    "Committed versus delivered": "Toegezegd tegenover geleverd",
    "committed": "toegezegd",
    "verified": "geverifieerd",
    "submitted": "ingediend",
    "rejected": "afgewezen",
    "withdrawn": "ingetrokken",
    "unverified": "niet geverifieerd",
    "Sensitivity: proxy ranges": "Gevoeligheid: bandbreedte van de kengetallen",
    "scenario": "scenario",
    "outcome value": "uitkomstwaarde",
    "Sensitivity: value of each adjustment (applied to all lines) giving 1 : 1": "Gevoeligheid: "
    "waarde van elke correctie (op alle regels) die 1 : 1 geeft",
    "adjustment": "correctie",
    "break-even value": "omslagwaarde",
    "how": "hoe",
    "Conventions": "Conventies",
    "figure": "kerncijfer",
    "value": "waarde",
    "Valuation of": "Waardering van",
    "Base date": "Peildatum",
    "Incremental cost": "Meerkosten",
    "not given or not usable": "niet opgegeven of niet bruikbaar",
    "Outcome value, public-purse perspective": "Uitkomstwaarde, perspectief overheidsfinanciën",
    "Outcome value, society perspective": "Uitkomstwaarde, perspectief samenleving",
    "SROI ratio {ratio} : 1": "SROI-ratio {ratio} : 1",
    "value per contract euro {value} (not a ratio)":
        "waarde per contracteuro {value} (geen ratio)",
    "no ratio": "geen ratio",
    "present value {value}": "contante waarde {value}",
    "Sensitivity ({perspective})": "Gevoeligheid ({perspective})",
    "break-even 1 : 1": "omslagpunt 1 : 1",
    "switching values, tender minimum": "omslagwaarden, minimum van de aanbesteding",
    "note": "toelichting",
}
"""The Dutch of every fixed text of the valuation views (CSV keeps its English header)."""


NOTES_NL: tuple[tuple[str, str], ...] = (
    (
        r"^Money is exact decimal until reported; each reported figure is rounded half to even "
        r"to the cent; totals are sums of rounded line figures\.$",
        "Bedragen zijn exact tot ze worden gerapporteerd; elk gerapporteerd bedrag wordt half "
        "naar even op de cent afgerond; totalen zijn sommen van afgeronde regels.",
    ),
    (
        r"^Discounting: (.*); timing (.*)\.$",
        "Verdiscontering: \\1; timing \\2.",
    ),
    (
        r"^No valuation year is set: proxy values are used at their own price years\.$",
        "Er is geen waarderingsjaar: kengetallen worden gebruikt in hun eigen prijsjaar.",
    ),
    (
        r"^Proxy values are rebased to price year (\d+) with the catalogue's price index; "
        r"values without a price year are used as published \(flagged\)\.$",
        "Kengetallen worden met de prijsindex van de catalogus naar prijsjaar \\1 omgerekend; "
        "kengetallen zonder prijsjaar worden gebruikt zoals gepubliceerd (gemarkeerd).",
    ),
    (
        r"^The valuation year is (\d+) but the catalogue has no price index: proxy values "
        r"of other price years are used unrebased \(flagged not-rebased-no-price-index\)\.$",
        "Het waarderingsjaar is \\1 maar de catalogus heeft geen prijsindex: kengetallen uit "
        "andere prijsjaren worden niet omgerekend (gemarkeerd not-rebased-no-price-index).",
    ),
    (
        r"^Outcome values and obligation credits are totalled separately and never summed; "
        r"credits are nominal \(quantity x credit value: no adjustments, no discounting\)\.$",
        "Uitkomstwaarden en verplichtingscredits worden apart getotaliseerd en nooit opgeteld; "
        "credits zijn nominaal (hoeveelheid maal creditwaarde: geen correcties, geen "
        "verdiscontering).",
    ),
    (
        r"^Adjustments are the catalogue's defaults; a supplier's claimed figure is used only "
        r"where it is stricter\.$",
        "Correcties zijn de standaardwaarden van de catalogus; een eigen claim van de "
        "leverancier geldt alleen als die strenger is.",
    ),
    (
        r"^Only counted lines \(commitments of a bid; verified evidence items\) enter the "
        r"totals; payment in lieu is never social value\.$",
        "Alleen meetellende regels (toezeggingen van een bod; geverifieerde bewijsstukken) "
        "tellen in de totalen; afkoop is nooit maatschappelijke waarde.",
    ),
)
_NOTES_NL_2_0: tuple[tuple[str, str], ...] = (
    (
        r"^Base date (\S+) \(the conventions' baseDate\): (.*)$",
        "Peildatum \\1 (de baseDate van de conventies): \\2",
    ),
    (
        r"^Base date (\S+) \(the tender's period start\): (.*)$",
        "Peildatum \\1 (het begin van de periode van de aanbesteding): \\2",
    ),
    (
        r"^Base date (\S+) \(the earliest period start of the document valued \(no tender "
        r"given\)\): (.*)$",
        "Peildatum \\1 (het vroegste periodebegin van het gewaardeerde document; geen "
        "aanbesteding gegeven): \\2",
    ),
    (
        r"each line is discounted from the start of its period, offset by whole years from "
        r"the base date\.$",
        "elke regel wordt verdisconteerd vanaf het begin van zijn periode, verschoven met hele "
        "jaren vanaf de peildatum.",
    ),
    (
        r"^Outcome values are totalled per perspective \(public purse; society\) and never "
        r"summed across perspectives\.$",
        "Uitkomstwaarden worden per perspectief (overheidsfinanciën; samenleving) "
        "getotaliseerd en nooit over perspectieven heen opgeteld.",
    ),
    (
        r"^SROI ratios are present value over the present value of the declared incremental "
        r"cost \(spread evenly over the contract years, discounted to the base date\)\.$",
        "SROI-ratio's zijn contante waarde gedeeld door de contante waarde van de opgegeven "
        "meerkosten (gelijk verdeeld over de contractjaren, verdisconteerd naar de peildatum).",
    ),
    (
        r"^No SROI ratio: (.*)\. Value per contract euro \(present value / tender contract "
        r"value\) is reported instead; it is not an SROI ratio\.$",
        "Geen SROI-ratio: \\1. In plaats daarvan staat de waarde per contracteuro (contante "
        "waarde / opdrachtwaarde van de aanbesteding); dat is geen SROI-ratio.",
    ),
    (
        r"^No SROI ratio: (.*), and no contract value to compare with\.$",
        "Geen SROI-ratio: \\1, en geen opdrachtwaarde om mee te vergelijken.",
    ),
    (
        r"^Never compare an SROI ratio of one bid with value per contract euro of another: "
        r"the denominators differ\.$",
        "Vergelijk nooit de SROI-ratio van de ene inschrijving met de waarde per contracteuro "
        "van een andere: de noemers verschillen.",
    ),
    (
        r"^A proxy value whose source states no price year takes the source's publication "
        r"year \(flagged price-year-assumed\) and is rebased like every other value\.$",
        "Een kengetal waarvan de bron geen prijsjaar noemt krijgt het publicatiejaar van de "
        "bron (gemarkeerd price-year-assumed) en wordt net als elk ander kengetal omgerekend.",
    ),
)
NOTES_NL = NOTES_NL + _NOTES_NL_2_0
"""The valuation document's notes in Dutch (the document itself keeps its English notes)."""


_BREAK_EVEN_NL: tuple[tuple[str, str], ...] = (
    (r"^closed form 1 - investment / value at 0$", "gesloten vorm 1 - investering / waarde bij 0"),
    (r"^bisection to (.+)$", r"bisectie tot \1"),
    (r"^exact at drop-off 0$", "exact bij afname 0"),
    (r"^not reachable in \[0, 1\]: there are no lines$",
     "niet bereikbaar in [0, 1]: er zijn geen regels"),
    (r"^not reachable in \[0, 1\]: even with drop-off 0 the present value is below the "
     r"investment$",
     "niet bereikbaar in [0, 1]: zelfs met afname 0 is de contante waarde lager dan de "
     "investering"),
    (r"^not reachable in \[0, 1\]: even with drop-off 1 the present value exceeds the "
     r"investment$",
     "niet bereikbaar in [0, 1]: zelfs met afname 1 is de contante waarde hoger dan de "
     "investering"),
    (r"^not reachable in \[0, 1\]: even with (\S+) 0 the present value \((\S+)\) is below "
     r"the investment$",
     r"niet bereikbaar in [0, 1]: zelfs met \1 0 is de contante waarde (\2) lager dan de "
     r"investering"),
)
"""The notes of the break-even table (how each value was found), in Dutch."""


def _break_even_note(note: str, language: str) -> str:
    if language != "nl":
        return note
    for pattern, dutch in _BREAK_EVEN_NL:
        translated, count = re.subn(pattern, dutch, note)
        if count:
            return translated
    return note


def _dutch_reasons(text: str) -> str:
    """The denominator's reasons (why there is no SROI ratio) in Dutch."""
    from sroi_core.valuation.denominator import EXPLANATIONS  # noqa: PLC0415

    for english, dutch in EXPLANATIONS.values():
        text = text.replace(english, dutch)
    return text


def _note(note: str, language: str) -> str:
    if language != "nl":
        return note
    translated = note
    for pattern, dutch in NOTES_NL:
        translated = re.sub(pattern, dutch, translated)
    if translated != note:
        return _dutch_reasons(translated).replace(" from period ", " vanaf periode ")
    return note


def _t(text: str, language: str) -> str:
    return LABELS_NL.get(text, text) if language == "nl" else text


def _exact(value: Decimal, language: str) -> str:
    """An exact decimal as written, with a decimal comma in Dutch."""
    text = str(value)
    return text.replace(".", ",") if language == "nl" else text


def _money(value: Decimal | None, language: str = "en") -> str:
    return "" if value is None else grouped(value, 2, language)


def line_rows(valuation: Valuation, language: str = "en") -> list[list[str]]:
    """One row per line and proxy value (a line without value gets one row of its own).

    Figures are exact decimals as the engine wrote them (in Dutch with a decimal comma), so
    every step can be recomputed.
    """
    rows = []
    for line in valuation.lines:
        base = [
            line.line_id,
            line.indicator,
            _t(line.status, language),
            _t("yes" if line.counted else "no", language),
            _exact(line.quantity.value, language),
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
                    _exact(line.deadweight, language),
                    "",
                    _exact(line.attribution, language),
                    "",
                    _exact(line.displacement, language),
                    "",
                    _exact(line.drop_off, language),
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
                    _exact(value.rebased_per_unit, language),
                    _exact(value.gross, language),
                    _exact(line.deadweight, language),
                    _exact(value.after_deadweight, language),
                    _exact(line.attribution, language),
                    _exact(value.after_attribution, language),
                    _exact(line.displacement, language),
                    _exact(value.net_annual, language),
                    _exact(line.drop_off, language),
                    str(line.duration_years),
                    _exact(value.present_value, language),
                    " ".join((*line.flags, *value.flags)),
                ]
            )
    return rows


def _total_rows(
    totals: Sequence[Total], language: str, *, key_is_word: bool = False
) -> list[list[str]]:
    """Rows of a totals table; a key that is a status word follows the language, ids do not."""
    return [
        [
            _t(t.key, language) if key_is_word else t.key,
            t.family.value,
            _money(t.present_value, language),
            str(t.lines),
        ]
        for t in totals
    ]


def _ratio(value: Decimal, language: str) -> str:
    return str(value).replace(".", ",") if language == "nl" else str(value)


def summary_rows(valuation: Valuation, language: str = "en") -> list[tuple[str, str]]:
    """Headline figures: the two families apart, the ratio and its investment."""
    totals = valuation.totals
    investment = valuation.investment
    currency = valuation.currency
    if totals.by_perspective is not None:
        return _summary_rows_2_0(valuation, language)
    rows = [
        ("Subject", f"{valuation.subject_type} {valuation.subject.id}"),
        ("Catalogue", f"{valuation.catalogue.id} {valuation.catalogue.version or ''}".strip()),
        (
            "Standard / engine",
            f"{valuation.standard_version} / {valuation.engine.name} {valuation.engine.version}",
        ),
        (
            "Outcome value (present value)",
            f"{currency} {_money(totals.outcome_value, language)}",
        ),
        (
            "Obligation credits (not summed)",
            f"{currency} {_money(totals.obligation_credit, language)}",
        ),
        (
            "Value not counted (unverified, rejected, withdrawn)",
            f"{currency} {_money(totals.not_counted_value, language)}",
        ),
        (
            "Investment",
            f"{investment.currency} {_money(investment.amount, language)}"
            if investment
            else _t("not given", language),
        ),
        (
            "SROI ratio",
            f"{_ratio(valuation.sroi_ratio, language)} : 1"
            if valuation.sroi_ratio is not None
            else _t("not computed", language),
        ),
        ("Input SHA-256", valuation.input_sha256),
    ]
    return [(_t(label, language), value) for label, value in rows]


def _summary_rows_2_0(valuation: Valuation, language: str) -> list[tuple[str, str]]:
    """2.0 headline figures: one row per perspective, never a sum across them."""
    totals = valuation.totals
    cost = valuation.incremental_cost
    rows = [
        ("Subject", f"{valuation.subject_type} {valuation.subject.id}"),
        ("Catalogue", f"{valuation.catalogue.id} {valuation.catalogue.version or ''}".strip()),
        (
            "Standard / engine",
            f"{valuation.standard_version} / {valuation.engine.name} {valuation.engine.version}",
        ),
        ("Base date", f"{valuation.base_date} ({valuation.base_date_source})"),
    ]
    for total in totals.by_perspective or ():
        if total.sroi_ratio is not None:
            measure = _t("SROI ratio {ratio} : 1", language).format(
                ratio=_ratio(total.sroi_ratio, language)
            )
        elif total.value_per_contract_euro is not None:
            measure = _t("value per contract euro {value} (not a ratio)", language).format(
                value=_ratio(total.value_per_contract_euro, language)
            )
        else:
            measure = _t("no ratio", language)
        rows.append(
            (
                f"Outcome value, {total.perspective.value} perspective",
                f"{valuation.currency} {_money(total.present_value, language)}; {measure}",
            )
        )
    rows += [
        (
            "Obligation credits (not summed)",
            f"{valuation.currency} {_money(totals.obligation_credit, language)}",
        ),
        (
            "Value not counted (unverified, rejected, withdrawn)",
            f"{valuation.currency} {_money(totals.not_counted_value, language)}",
        ),
        (
            "Incremental cost",
            f"{cost.currency} {_money(cost.amount, language)} ("
            + _t("present value {value}", language).format(
                value=_money(valuation.incremental_cost_present_value, language)
            )
            + ")"
            if cost is not None and valuation.incremental_cost_present_value is not None
            else _t("not given or not usable", language),
        ),
        ("Input SHA-256", valuation.input_sha256),
    ]
    return [(_t(label, language), value) for label, value in rows]


def _header(labels: Row, language: str) -> tuple[str, ...]:
    return tuple(_t(label, language) for label in labels)


def _sections(valuation: Valuation, language: str) -> list[tuple[str, Row, list[list[str]]]]:
    totals = valuation.totals
    total_header = _header(("key", "family", "present value", "lines"), language)
    sections: list[tuple[str, Row, list[list[str]]]] = [
        ("Lines", _header(LINE_HEADER, language), line_rows(valuation, language)),
        ("Totals by theme", total_header, _total_rows(totals.by_theme, language)),
        ("Totals by outcome", total_header, _total_rows(totals.by_outcome, language)),
        ("Totals by indicator", total_header, _total_rows(totals.by_indicator, language)),
        ("Totals by valuation basis", total_header, _total_rows(totals.by_basis, language)),
        (
            "Totals by status",
            total_header,
            _total_rows(totals.by_status, language, key_is_word=True),
        ),
    ]
    if valuation.comparison:
        sections.append(
            (
                "Committed versus delivered",
                _header(("indicator", "committed", "verified", "unverified"), language),
                [
                    [
                        c.indicator,
                        _money(c.committed, language),
                        _money(c.verified, language),
                        _money(c.unverified, language),
                    ]
                    for c in valuation.comparison
                ],
            )
        )
    sensitivity = valuation.sensitivity
    for entry in sensitivity.by_perspective or ():
        sections.append(
            (
                _t("Sensitivity ({perspective})", language).format(
                    perspective=entry.perspective.value
                ),
                _header(("scenario", "present value", "SROI ratio"), language),
                [
                    [
                        s.name,
                        _money(s.present_value, language),
                        "" if s.sroi_ratio is None else _ratio(s.sroi_ratio, language),
                    ]
                    for s in entry.scenarios
                ],
            )
        )
        for title, values in (
            ("break-even 1 : 1", entry.break_even),
            ("switching values, tender minimum", entry.switching_values),
        ):
            if values:
                sections.append(
                    (
                        _t("Sensitivity ({perspective})", language).format(
                            perspective=entry.perspective.value
                        )
                        + f": {_t(title, language)}",
                        _header(("adjustment", "value", "note"), language),
                        [
                            [
                                b.adjustment,
                                "" if b.value is None else _ratio(b.value.quantize(
                                    Decimal("0.0001")), language),
                                _break_even_note(b.note, language),
                            ]
                            for b in values
                        ],
                    )
                )
    if sensitivity.scenarios:
        sections.append(
            (
                "Sensitivity: proxy ranges",
                _header(("scenario", "outcome value", "SROI ratio"), language),
                [
                    [
                        s.name,
                        _money(s.outcome_value, language),
                        "" if s.sroi_ratio is None else _ratio(s.sroi_ratio, language),
                    ]
                    for s in sensitivity.scenarios
                ],
            )
        )
    if sensitivity.break_even:
        sections.append(
            (
                "Sensitivity: value of each adjustment (applied to all lines) giving 1 : 1",
                _header(("adjustment", "break-even value", "how"), language),
                [
                    [
                        b.adjustment,
                        "" if b.value is None else str(b.value),
                        _break_even_note(b.note, language),
                    ]
                    for b in sensitivity.break_even
                ],
            )
        )
    return [(_t(title, language), header, rows) for title, header, rows in sections]


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


def render_table(valuation: Valuation, language: str = "en") -> str:
    """A plain-text report for a terminal, in English or Dutch (``language``)."""
    out = [f"{label}: {value}" for label, value in summary_rows(valuation, language)]
    for title, header, rows in _sections(valuation, language):
        if rows:
            out.extend(["", title, _text_table(header, rows)])
    notes = (f"- {_note(note, language)}" for note in valuation.notes)
    out.extend(["", _t("Conventions", language), *notes])
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return markdown_text(text)


def _md_table(header: Row, rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def render_markdown(valuation: Valuation, language: str = "en") -> str:
    """A Markdown report (for a council paper or a pull request), in English or Dutch."""
    title = _t("Valuation of", language)
    subject = markdown_code(valuation.subject.id)
    out = [f"# {title} {valuation.subject_type} {subject}", ""]
    out.append(
        _md_table(
            _header(("figure", "value"), language),
            [list(row) for row in summary_rows(valuation, language)],
        )
    )
    for section, header, rows in _sections(valuation, language):
        if rows:
            out.extend(["", f"## {markdown_text(section)}", "", _md_table(header, rows)])
    notes = (f"- {markdown_text(_note(note, language))}" for note in valuation.notes)
    out.extend(["", f"## {_t('Conventions', language)}", "", *notes])
    return "\n".join(out) + "\n"


def render_csv(valuation: Valuation) -> str:
    """One CSV row per line and proxy value, with every step of the calculation."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LINE_HEADER)
    writer.writerows(line_rows(valuation))
    return buffer.getvalue()
