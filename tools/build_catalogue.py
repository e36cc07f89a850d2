"""Build the built-in catalogue ``nl`` and its documentation page from ``catalogue-src/nl/``.

Usage (from the repository root)::

    /work/venv/bin/python tools/build_catalogue.py          # regenerate the JSON and the page
    /work/venv/bin/python tools/build_catalogue.py --check  # exit 1 if the committed files differ

The sources are small, reviewable files: ``catalogue.json`` (metadata, conventions),
``sources.json`` (every cited publication once), ``adjustments.json`` (default-adjustment
profiles with their rationale), ``themes.json``, ``outcomes.csv``, ``indicators/*.json``
(one file per theme), ``proxy-values.csv`` (outcome values), ``bouwblokken-rijnvicus.csv``
(the regional effort-credit table) and ``cbs-cpi-2015.csv``. The build is deterministic:
the same sources always give byte-identical output. Values converted from another currency
are computed here (original value / exchange rate, rounded to the cent) so the stored
figure and its written-out derivation cannot disagree.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sroi_core._decimal import exact_context, round_cent
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.codelists import codelist
from sroi_core.documents import dump_document, parse_document, validate_text
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import ValuationBasis
from sroi_core.model.indicator import Indicator
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.source import Source
from sroi_core.rules import Severity

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "catalogue-src" / "nl"
CATALOGUE_DIR = ROOT / "sroi_core" / "catalogues"
DOC_PATH = ROOT / "docs" / "catalogue-nl.md"

Json = dict[str, Any]


class BuildError(Exception):
    """The sources are inconsistent; the message names the file and the problem."""


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _bilingual(row: dict[str, str], prefix: str) -> Json | None:
    nl, en = row.get(f"{prefix}_nl", ""), row.get(f"{prefix}_en", "")
    if not nl and not en:
        return None
    if not (nl and en):
        raise BuildError(f"{prefix} of {row} is given in one language only")
    return {"nl": nl, "en": en}


def _source(sources: dict[str, Json], key: str, **overrides: str) -> Json:
    if key not in sources:
        raise BuildError(f"unknown source {key!r} (not in sources.json)")
    source = dict(sources[key])
    source.update({name: value for name, value in overrides.items() if value})
    return source


def _code_title(listing: str, code: str) -> tuple[str, str]:
    row = codelist(listing).get(code)
    return row.title_nl, row.title_en


def _adjustments(profiles: dict[str, Json], name: str, where: str) -> Json:
    if name not in profiles:
        raise BuildError(f"{where}: unknown adjustment profile {name!r}")
    return dict(profiles[name])


def _indicators(src: Path, profiles: dict[str, Json], outcome_themes: dict[str, str]) -> list[Json]:
    items: list[Json] = []
    themes = codelist("theme").values
    for theme in themes:
        path = src / "indicators" / f"{theme}.json"
        if not path.exists():
            raise BuildError(f"no indicator file for theme {theme!r} ({path})")
        for raw in _read_json(path):
            item = dict(raw)
            where = f"{path.name}: {item.get('id')}"
            if outcome_themes.get(item["outcome"]) != theme:
                raise BuildError(f"{where}: outcome {item['outcome']!r} is not under theme {theme}")
            item["theme"] = theme
            item["adjustments"] = _adjustments(profiles, item["adjustments"], where)
            items.append(item)
    return items


def _transfer(row: dict[str, str], sources: dict[str, Json]) -> tuple[Json, Json]:
    """Return the converted value range and the transfer record of a row in another currency."""
    currency, rate_text = row["transfer_currency"], row["transfer_rate"]
    rate = Decimal(rate_text)
    rate_source = _source(sources, row["transfer_rate_source"])
    converted: Json = {}
    parts_en: list[str] = []
    parts_nl: list[str] = []
    for level in ("low", "central", "high"):
        original = row[f"transfer_{level}"]
        if not original:
            continue
        euros = round_cent(exact_context().divide(Decimal(original), rate))
        converted[level] = str(euros)
        parts_en.append(f"{level} {currency} {original} / {rate_text} = EUR {euros}")
        parts_nl.append(f"{level} {currency} {original} / {rate_text} = EUR {euros}")
    note = {
        "nl": (
            f"Omgerekend van {currency} met de koers {rate_text} {currency} per euro "
            f"({rate_source['title']}): " + "; ".join(parts_nl) + ". Het eurobedrag houdt "
            f"prijsjaar {row['price_year']} en wordt zoals elke waarde met de Nederlandse CPI "
            "herwaardeerd; elk resultaat dat deze waarde gebruikt, markeert de overdracht."
        ),
        "en": (
            f"Converted from {currency} at {rate_text} {currency} per EUR "
            f"({rate_source['title']}): " + "; ".join(parts_en) + ". The euro value keeps "
            f"price year {row['price_year']} and is rebased with the Dutch CPI like any other "
            "value; every result that uses it flags the transfer."
        ),
    }
    transfer = {
        "originalCurrency": currency,
        "originalValue": row["transfer_central"],
        "exchangeRate": rate_text,
        "rateSource": rate_source,
        "note": note,
    }
    return converted, transfer


def _proxy_values(src: Path, sources: dict[str, Json]) -> list[Json]:
    proxies: list[Json] = []
    for row in _read_csv(src / "proxy-values.csv"):
        value: Json = {key: row[key] for key in ("low", "central", "high") if row[key]}
        proxy: Json = {
            "id": row["id"],
            "indicator": row["indicator"],
            "valuationBasis": row["valuation_basis"],
            "currency": "EUR",
            "perUnit": row["per_unit"],
            "source": _source(
                sources, row["source"], confidence=row["confidence"], derivation=row["derivation"]
            ),
            "scope": {"country": "NL"},
            "effectiveFrom": row["effective_from"],
            "licence": row["licence"],
        }
        if row["transfer_currency"]:
            if value:
                raise BuildError(f"proxy {row['id']}: give either EUR values or a transfer")
            value, proxy["transfer"] = _transfer(row, sources)
        proxy["value"] = value
        if row["price_year"]:
            proxy["priceYear"] = int(row["price_year"])
        note = _bilingual(row, "note")
        if note:
            proxy["note"] = note
        proxies.append(proxy)
    return proxies


_CREDIT_METHOD = {
    "fte-year": (
        "Uren uit de loonadministratie, naar rato van omvang en duur omgerekend naar fte-jaren, "
        "en bewijs van de doelgroep van de kandidaat bij de aanname (verklaring van de "
        "uitkeringsinstantie of UWV). Zonder eigen voltijdnorm in de aanbesteding geldt de "
        "fte-norm van deze catalogus.",
        "Payroll hours converted to FTE-years pro rata by hours and duration, and proof of the "
        "candidate's target group at the hire (statement of the benefit agency or UWV). Unless "
        "the tender states the region's own full-time norm, the catalogue's FTE norm applies.",
    ),
    "placement-year": (
        "Praktijkovereenkomst met de school met begin- en einddatum; naar rato per week.",
        "Placement agreement with the school with start and end dates; pro rata by week.",
    ),
    "event": (
        "Presentielijst en korte beschrijving per activiteit, zoals de aanbesteder een activiteit "
        "heeft afgebakend.",
        "Attendance list and a short description per activity, as the buyer has defined one "
        "activity.",
    ),
    "euro": (
        "Facturen van het SW-bedrijf, bedragen exclusief btw.",
        "Invoices of the SW company, amounts excluding VAT.",
    ),
}
_CREDIT_EVIDENCE = {
    "fte-year": ["payroll-record", "employment-contract", "register-extract"],
    "placement-year": ["third-party-statement"],
    "event": ["attendance-record"],
    "euro": ["invoice"],
}


def _bouwblokken(
    src: Path, sources: dict[str, Json], profiles: dict[str, Json], published: str
) -> tuple[list[Json], list[Json]]:
    """Output indicators and obligation-credit values of the Rijnvicus table."""
    indicators: list[Json] = []
    proxies: list[Json] = []
    for row in _read_csv(src / "bouwblokken-rijnvicus.csv"):
        unit = row["unit"]
        unit_nl, unit_en = _code_title("unit", unit)
        extra = _bilingual(row, "note") or {"nl": "", "en": ""}
        method_nl, method_en = _CREDIT_METHOD[unit]
        indicator: Json = {
            "id": row["indicator"],
            "outcome": row["outcome"],
            "theme": row["theme"],
            "kind": "output",
            "label": {
                "nl": f"Bouwblok Rijnvicus: {row['label_nl']}",
                "en": f"Rijnvicus building block: {row['label_en']}",
            },
            "definition": {
                "nl": (
                    f"Inspanningswaarde uit de bouwblokkentabel van Rijnvicus voor: "
                    f"{row['label_nl']}. Telt per {unit_nl} zoals de tabel voorschrijft. Een "
                    "inspanningswaarde voor een social-returnverplichting, geen welvaartswaarde; "
                    f"wordt nooit opgeteld bij uitkomstwaarden. {extra['nl']}"
                ).strip(),
                "en": (
                    f"Effort credit of the Rijnvicus bouwblokken table for: {row['label_en']}. "
                    f"Counted per {unit_en} as the table prescribes. A credit toward a "
                    "social-return obligation, not a welfare value; never added to outcome "
                    f"values. {extra['en']}"
                ).strip(),
            },
            "unit": unit,
            "measurementMethod": {"nl": method_nl, "en": method_en},
            "evidenceRequirements": _CREDIT_EVIDENCE[unit],
            "minimumVerification": "documentary",
            "adjustments": _adjustments(profiles, "obligation-credit", row["indicator"]),
            "monetisation": "monetised",
        }
        if row["double_counting_group"]:
            indicator["doubleCountingGroup"] = row["double_counting_group"]
        indicators.append(indicator)
        proxies.append(
            {
                "id": f"pv-{row['indicator']}",
                "indicator": row["indicator"],
                "valuationBasis": ValuationBasis.OBLIGATION_CREDIT.value,
                "value": {"central": row["credit"]},
                "currency": "EUR",
                "perUnit": unit,
                "source": _source(sources, "rijnvicus-bouwblokken"),
                "scope": {
                    "country": "NL",
                    "region": "Werkgebied van Rijnvicus",
                    "issuingBody": "Rijnvicus",
                },
                "effectiveFrom": published,
                "licence": "public-information",
                "note": {
                    "nl": (
                        "Inspanningswaarde (bouwblok), geen welvaartswaarde. De pagina is "
                        "ongedateerd: geen prijsjaar, dus nooit herwaardeerd; geldt in deze "
                        "catalogus vanaf de publicatiedatum. Controleer vóór een aanbesteding de "
                        "actuele tabel van Rijnvicus."
                    ),
                    "en": (
                        "Effort credit (bouwblok), not a welfare value. The page is undated: no "
                        "price year, so never rebased; applies in this catalogue from its "
                        "publication date. Check Rijnvicus's current table before a tender."
                    ),
                },
            }
        )
    return indicators, proxies


def build_document(src: Path = SOURCE_DIR) -> Json:
    """Assemble the catalogue as a JSON object from the source files in ``src``."""
    meta = _read_json(src / "catalogue.json")
    sources: dict[str, Json] = _read_json(src / "sources.json")
    profiles: dict[str, Json] = _read_json(src / "adjustments.json")
    themes: list[Json] = []
    for raw in _read_json(src / "themes.json"):
        title_nl, title_en = _code_title("theme", raw["id"])
        themes.append({"id": raw["id"], "label": {"nl": title_nl, "en": title_en}, **raw})
    outcomes = [
        {"id": row["id"], "theme": row["theme"], "label": _bilingual(row, "label")}
        for row in _read_csv(src / "outcomes.csv")
    ]
    outcome_themes = {row["id"]: row["theme"] for row in _read_csv(src / "outcomes.csv")}
    indicators = _indicators(src, profiles, outcome_themes)
    proxies = _proxy_values(src, sources)
    credit_indicators, credit_proxies = _bouwblokken(src, sources, profiles, meta["published"])
    conventions = dict(meta["conventions"])
    conventions["discountSource"] = _source(sources, conventions["discountSource"])
    indices = []
    for series in meta["priceIndices"]:
        values = [
            {"year": int(row["year"]), "value": row["value"]}
            for row in _read_csv(src / series["values"])
        ]
        indices.append({**series, "source": _source(sources, series["source"]), "values": values})
    return {
        "standardVersion": meta["standardVersion"],
        "documentType": "catalogue",
        "id": meta["id"],
        "version": meta["version"],
        "title": meta["title"],
        "publisher": meta["publisher"],
        "published": meta["published"],
        "description": meta["description"],
        "conventions": conventions,
        "fteNorm": {
            "hoursPerFteYear": meta["fteNorm"]["hoursPerFteYear"],
            "source": _source(sources, meta["fteNorm"]["source"]),
        },
        "defaultPriceIndex": meta["defaultPriceIndex"],
        "themes": themes,
        "outcomes": outcomes,
        "indicators": indicators + credit_indicators,
        "proxyValues": proxies + credit_proxies,
        "priceIndices": indices,
    }


def build_catalogue(src: Path = SOURCE_DIR) -> Catalogue:
    """Build the catalogue model, checked against the schema and the standard's rules.

    Raises BuildError listing every error finding; warnings (such as a value without a
    price year) are allowed, because they describe the data honestly.
    """
    text = json.dumps(build_document(src), ensure_ascii=False)
    report = validate_text(text, "catalogue-src/nl", CatalogueStore(builtin=False))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    if errors:
        listing = "\n".join(f"  {f.pointer or '/'} [{f.rule_id}] {f.message}" for f in errors)
        raise BuildError(f"the built catalogue has {len(errors)} error finding(s):\n{listing}")
    document = parse_document(text, "catalogue-src/nl")
    if not isinstance(document, Catalogue):  # pragma: no cover - build_document fixes the type
        raise BuildError("the built document is not a catalogue")
    return document


def json_path(catalogue: Catalogue) -> Path:
    """Return where the built-in catalogue file of ``catalogue`` lives in the package."""
    return CATALOGUE_DIR / f"{catalogue.id}-{catalogue.version}.json"


# ---------------------------------------------------------------------------------------
# The documentation page, generated from the built catalogue so that it cannot drift.
# ---------------------------------------------------------------------------------------

NONE = "-"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _pct(value: Decimal) -> str:
    return f"{(value * 100).normalize():f}%"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _cite(source: Source) -> str:
    text = f"{source.publisher} ({source.year}), *{source.title}*"
    return f"{text}, <{source.url}>" if source.url else text


def _value_text(proxy: ProxyValue) -> str:
    value = proxy.value
    text = f"{proxy.currency} {_money(value.central)}"
    if value.low is not None or value.high is not None:
        low = _money(value.low) if value.low is not None else NONE
        high = _money(value.high) if value.high is not None else NONE
        text += f" (range {low} to {high})"
    return text


def _is_credit(indicator: Indicator, catalogue: Catalogue) -> bool:
    return any(
        p.valuation_basis is ValuationBasis.OBLIGATION_CREDIT
        for p in catalogue.proxies_for(indicator.id)
    )


def _money_column(indicator: Indicator, catalogue: Catalogue) -> str:
    if indicator.monetisation == "not-monetised":
        reason = indicator.not_monetised_reason
        return "not monetised: " + (reason.text("en") if reason else "")
    parts = []
    for proxy in catalogue.proxies_for(indicator.id):
        year = proxy.price_year if proxy.price_year is not None else "no price year"
        flag = ", UK transfer" if proxy.transfer else ""
        parts.append(
            f"{_value_text(proxy)} per {proxy.per_unit} ({proxy.valuation_basis.value}, {year}"
            f"{flag}); {proxy.source.publisher} {proxy.source.year}"
        )
    return "; ".join(parts)


def _md_header(catalogue: Catalogue) -> list[str]:
    indicators = catalogue.indicators
    credits = [i for i in indicators if _is_credit(i, catalogue)]
    regular = [i for i in indicators if not _is_credit(i, catalogue)]
    outcomes = sum(1 for i in indicators if i.kind.value == "outcome")
    monetised = sum(1 for i in regular if i.monetisation == "monetised")
    lines = [
        f"# Catalogue `{catalogue.id}` {catalogue.version}",
        "",
        "<!-- Generated by tools/build_catalogue.py from catalogue-src/nl/. Do not edit by hand: "
        "change the sources and run the build. -->",
        "",
        f"**{catalogue.title.text('en')}** (*{catalogue.title.text('nl')}*)",
        "",
    ]
    if catalogue.description:
        lines += [catalogue.description.text("en"), ""]
    lines += [
        "| | |",
        "|---|---|",
        f"| File | `sroi_core/catalogues/{catalogue.id}-{catalogue.version}.json` |",
        f"| Publisher | {catalogue.publisher} |",
        f"| Published | {catalogue.published.isoformat()} |",
        f"| Indicators | {len(indicators)}: {outcomes} outcome, {len(indicators) - outcomes} "
        f"output ({len(credits)} of the outputs are Rijnvicus bouwblokken) |",
        f"| Monetised (bouwblokken aside) | {monetised} of {len(regular)}; the rest are measured "
        "and reported, not monetised |",
        "",
    ]
    return lines


def _md_conventions(catalogue: Catalogue) -> list[str]:
    conv = catalogue.conventions
    rate = _pct(conv.discount_rate) if conv.discount_rate is not None else "a schedule"
    lines = ["## Conventions", "", f"- **Discount rate**: {rate} a year, real, constant."]
    if conv.discount_source:
        lines.append(f"  Source: {_cite(conv.discount_source)}.")
        if conv.discount_source.note:
            lines.append(f"  {conv.discount_source.note}")
    lines += [
        f"- **Discount timing**: `{conv.discount_timing.value}` (year t is discounted t periods).",
        f"- **Valuation year**: {conv.valuation_year}; **currency**: {conv.currency}.",
    ]
    if catalogue.fte_norm:
        norm = catalogue.fte_norm
        lines.append(
            f"- **FTE norm**: {norm.hours_per_fte_year} hours per FTE-year "
            f"({norm.source.confidence})."
        )
        if norm.source.derivation:
            lines.append(f"  {norm.source.derivation}")
        lines.append(f"  Source: {_cite(norm.source)}.")
        if norm.source.note:
            lines.append(f"  {norm.source.note}")
    series = catalogue.price_index()
    if series is not None:
        first, last = series.values[0].year, series.values[-1].year
        lines += [
            f"- **Default price index**: `{series.id}`, {series.label.text('en')}; base "
            f"{series.base}; covers {first} to {last}.",
            "",
            "  | Year | " + " | ".join(str(p.year) for p in series.values) + " |",
            "  " + "|---" * (len(series.values) + 1) + "|",
            "  | Index | " + " | ".join(f"{p.value}" for p in series.values) + " |",
            "",
            f"  Source: {_cite(series.source)}.",
        ]
        if series.source.derivation:
            lines.append(f"  Derivation: {series.source.derivation}")
        if series.source.note:
            lines.append(f"  {series.source.note}")
    return [*lines, ""]


def _md_themes(catalogue: Catalogue) -> list[str]:
    lines = [
        "## Themes and indicators",
        "",
        "Kind `outcome` is a change for residents or the community; `output` counts effort. "
        "Per theme: the indicators with their Dutch and English labels, kind, unit and money "
        "value, or why there is none. The Rijnvicus bouwblokken are listed separately below.",
    ]
    for theme in catalogue.themes:
        lines += ["", f"### {theme.label.text('en')} / {theme.label.text('nl')} (`{theme.id}`)", ""]
        if theme.description:
            lines += [theme.description.text("en"), ""]
        sdgs = ", ".join(str(s) for s in theme.sdgs) or NONE
        welvaart = ", ".join(theme.brede_welvaart) or NONE
        lines += [
            f"Brede welvaart: {welvaart}. SDGs: {sdgs}.",
            "",
            "| Indicator | Nederlands | English | Kind | Unit | Money value |",
            "|---|---|---|---|---|---|",
        ]
        credits = 0
        for ind in catalogue.indicators:
            if ind.theme != theme.id:
                continue
            if _is_credit(ind, catalogue):
                credits += 1
                continue
            lines.append(
                f"| `{ind.id}` | {_cell(ind.label.text('nl'))} | {_cell(ind.label.text('en'))} "
                f"| {ind.kind.value} | {ind.unit} | {_cell(_money_column(ind, catalogue))} |"
            )
        if credits:
            lines += ["", f"Plus {credits} Rijnvicus bouwblok(ken): see the credit table below."]
    return [*lines, ""]


def _md_definitions(catalogue: Catalogue) -> list[str]:
    lines = ["## Indicator definitions", ""]
    for ind in catalogue.indicators:
        if _is_credit(ind, catalogue):
            continue
        adj = ind.adjustments
        lines += [
            f"### `{ind.id}`: {ind.label.text('en')}",
            "",
            f"- *{ind.label.text('nl')}*",
            f"- Kind: {ind.kind.value}; theme: `{ind.theme}`; outcome: `{ind.outcome}`; "
            f"unit: {ind.unit}.",
            f"- Definition: {ind.definition.text('en')}",
            f"- Measurement: {ind.measurement_method.text('en')}",
            f"- Evidence: {', '.join(ind.evidence_requirements)}; minimum verification: "
            f"{ind.minimum_verification}.",
            f"- Defaults: deadweight {_pct(adj.deadweight)}, attribution "
            f"{_pct(adj.attribution)}, displacement {_pct(adj.displacement)}, drop-off "
            f"{_pct(adj.drop_off)}, at most {adj.max_duration_years} year(s).",
        ]
        if ind.double_counting_group:
            lines.append(f"- Double-counting group: `{ind.double_counting_group}`.")
        if ind.first_year_only:
            lines.append("- Counts in its first year only.")
        lines.append("")
    return lines


def _md_adjustments(catalogue: Catalogue) -> list[str]:
    lines = [
        "## Default adjustments and their rationale",
        "",
        "The defaults are methodological choices of the standard, not sourced figures. A bid "
        "that claims lower figures must justify them. Indicators sharing a rationale:",
        "",
    ]
    groups: dict[str, list[str]] = {}
    for ind in catalogue.indicators:
        groups.setdefault(ind.adjustments.rationale.text("en"), []).append(ind.id)
    for rationale, ids in groups.items():
        shown = ", ".join(f"`{i}`" for i in ids[:6])
        if len(ids) > 6:
            shown += f" and {len(ids) - 6} more"
        lines.append(f"- {shown}: {rationale}")
    return [*lines, ""]


def _md_values(catalogue: Catalogue) -> list[str]:
    lines = [
        "## Outcome values and their sources",
        "",
        "Each value is a separate line: the values of one indicator are added (within the "
        "outcome family). Values without a price year are used as published and never rebased.",
        "",
        "| Value | Indicator | Amount | Per | Basis | Price year | Licence | Source (confidence) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    values = [
        p
        for p in catalogue.proxy_values
        if p.valuation_basis is not ValuationBasis.OBLIGATION_CREDIT
    ]
    for proxy in values:
        year = str(proxy.price_year) if proxy.price_year is not None else "none stated"
        lines.append(
            f"| `{proxy.id}` | `{proxy.indicator}` | {_value_text(proxy)} | {proxy.per_unit} | "
            f"{proxy.valuation_basis.value} | {year} | {proxy.licence} | "
            f"{_cell(_cite(proxy.source))} ({proxy.source.confidence}) |"
        )
    lines.append("")
    for proxy in values:
        details = [proxy.source.derivation, proxy.source.note]
        if proxy.transfer and proxy.transfer.note:
            details.append(proxy.transfer.note.text("en"))
        if proxy.note:
            details.append(proxy.note.text("en"))
        lines.append(f"- `{proxy.id}`: " + " ".join(d for d in details if d))
    return [*lines, ""]


def _md_credits(catalogue: Catalogue) -> list[str]:
    credits = [i for i in catalogue.indicators if _is_credit(i, catalogue)]
    lines = [
        "## Obligation credits: the Rijnvicus bouwblokken table",
        "",
        'Bouwblokken are effort credits toward a social-return quota ("not the spending on '
        'benefits and wages but the effort"), not welfare values. They are kept in this '
        "catalogue so that one bid, which names one catalogue, can state both its outcome "
        "commitments and the credits a region still asks for. They sit on output indicators "
        "only, carry valuation basis `obligation-credit`, and the engine never adds them to "
        "outcome values.",
        "",
    ]
    if credits:
        first = catalogue.proxies_for(credits[0].id)[0]
        lines.append(
            f"Issuing body: {first.scope.issuing_body}; region: {first.scope.region}; effective "
            f"in this catalogue from {first.effective_from.isoformat()}. Source: "
            f"{_cite(first.source)}."
        )
        if first.source.note:
            lines.append(first.source.note)
        lines.append("")
    lines += [
        "| Indicator | Bouwblok (Nederlands) | English | Credit | Per | Double-counting group |",
        "|---|---|---|---|---|---|",
    ]
    for ind in credits:
        proxy = catalogue.proxies_for(ind.id)[0]
        lines.append(
            f"| `{ind.id}` | {_cell(ind.label.text('nl'))} | {_cell(ind.label.text('en'))} | "
            f"{_value_text(proxy)} | {proxy.per_unit} | {ind.double_counting_group or NONE} |"
        )
    return lines


def render_markdown(catalogue: Catalogue, notes: str = "") -> str:
    """Render docs/catalogue-nl.md: contents, sources, conventions and the credit table."""
    lines = [
        *_md_header(catalogue),
        *_md_conventions(catalogue),
        *_md_themes(catalogue),
        *_md_definitions(catalogue),
        *_md_adjustments(catalogue),
        *_md_values(catalogue),
        *_md_credits(catalogue),
    ]
    if notes:
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def _outputs(src: Path) -> dict[Path, str]:
    catalogue = build_catalogue(src)
    notes_path = src / "notes.md"
    notes = notes_path.read_text(encoding="utf-8") if notes_path.exists() else ""
    return {
        json_path(catalogue): dump_document(catalogue),
        DOC_PATH: render_markdown(catalogue, notes),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, compare) the built catalogue and its page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        outputs = _outputs(args.source)
    except (BuildError, KeyError, ValueError, OSError) as error:
        print(f"build_catalogue: error: {error}", file=sys.stderr)
        return 2
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        for path in stale:
            relative = path.relative_to(ROOT)
            print(f"out of date: {relative}; run tools/build_catalogue.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
