"""Build the built-in catalogue ``nl`` and its documentation page from ``catalogue-src/nl/``.

Usage (from the repository root)::

    python tools/build_catalogue.py                   # every shipped edition and its page
    python tools/build_catalogue.py --check           # exit 1 if the committed files differ
    python tools/build_catalogue.py --edition 2026.2  # (both editions are built anyway)

One source tree holds every edition of the catalogue. A row or item that exists from a later
edition on says so (``since`` in ``outcomes.csv`` and in ``indicators/*.json``); per-edition
changes of an indicator sit under its ``editions`` key; ``catalogue-<edition>.json`` overlays
``catalogue.json`` for that edition. Edition 2026.1 (standard 1.0) is built exactly as
published. Edition 2026.2 (standard 2.0) adds the wellbeing route (``wellbeing-effects.csv``,
``wellby-values.csv``, ``currency-transfers.csv``), the price-year basis of every value and a
persistent URI per indicator; each 2.0 field is written only when the installed model knows
it. Both editions ship: the newest edition's page is docs/catalogue-nl.md, the others'
docs/catalogue-nl-<edition>.md.

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
from sroi_core._version import SUPPORTED_STANDARD_VERSIONS
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.codelists import codelist
from sroi_core.documents import dump_document, parse_document, validate_text
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import ValuationBasis
from sroi_core.model.indicator import Indicator
from sroi_core.model.proxy_value import CurrencyTransfer, ProxyValue
from sroi_core.model.source import Source
from sroi_core.rules import Severity

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "catalogue-src" / "nl"
CATALOGUE_DIR = ROOT / "sroi_core" / "catalogues"
DOC_PATH = ROOT / "docs" / "catalogue-nl.md"

Json = dict[str, Any]

FIRST_EDITION = "2026.1"
EDITIONS = ("2026.1", "2026.2")
# Editions the plain build (and --check) writes: every shipped edition.
DEFAULT_EDITIONS: tuple[str, ...] = EDITIONS
INDICATOR_URI = "https://sroi-os.org/id/catalogue/{catalogue}/indicator/{indicator}"


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


def _edition_key(edition: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in edition.split("."))
    except ValueError:
        raise BuildError(f"edition {edition!r} is not of the form YYYY.N") from None


def _in_edition(since: str | None, edition: str) -> bool:
    """Whether an item that exists from edition ``since`` on belongs to ``edition``."""
    return not since or _edition_key(since) <= _edition_key(edition)


def _model_knows(model: type[Any], field: str) -> bool:
    """Whether the installed model has ``field`` (2.0 fields arrive with the 2.0 model)."""
    return field in model.model_fields


_INDICATOR_EDITION_FIELDS = {
    "label": "label",
    "definition": "definition",
    "measurementMethod": "measurement_method",
    "valuationMethod": "valuation_method",
}


def _apply_edition(item: Json, edition: str, where: str) -> Json:
    """Drop the edition bookkeeping keys and apply this edition's changes the model knows."""
    changes = item.pop("editions", {})
    item.pop("since", None)
    for name, value in changes.get(edition, {}).items():
        if name not in _INDICATOR_EDITION_FIELDS:
            raise BuildError(f"{where}: unknown field {name!r} under editions.{edition}")
        if _model_knows(Indicator, _INDICATOR_EDITION_FIELDS[name]):
            item[name] = value
    return item


def _indicators(
    src: Path,
    profiles: dict[str, Json],
    outcome_themes: dict[str, str],
    edition: str = FIRST_EDITION,
) -> list[Json]:
    items: list[Json] = []
    themes = codelist("theme").values
    for theme in themes:
        path = src / "indicators" / f"{theme}.json"
        if not path.exists():
            raise BuildError(f"no indicator file for theme {theme!r} ({path})")
        for raw in _read_json(path):
            if not _in_edition(raw.get("since"), edition):
                continue
            where = f"{path.name}: {raw.get('id')}"
            item = _apply_edition(dict(raw), edition, where)
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


def _proxy_values(src: Path, sources: dict[str, Json], edition: str = FIRST_EDITION) -> list[Json]:
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
        if edition != FIRST_EDITION:
            _second_edition_value(proxy, row, src, sources)
        proxies.append(proxy)
    return proxies


# ---------------------------------------------------------------------------------------
# Edition 2026.2 (standard 2.0): price-year basis, the wellbeing route and transfer method.
# ---------------------------------------------------------------------------------------

PRICE_YEAR_BASES = ("stated", "assumed")
WELLBY_VALUE = "wellby-hmt-2021"


def _price_year_basis(proxy: Json, row: dict[str, str]) -> None:
    """Give every value a price year: stated by the source, or assigned by the written rule.

    The rule (catalogue-src/nl/price-years.md): where the source states no price year, the
    price year is the year the source was published. It is the latest year the prices can be
    from, so rebasing to a later valuation year with a rising index adds the least.
    """
    basis = row.get("price_year_basis", "")
    if basis not in PRICE_YEAR_BASES:
        raise BuildError(f"proxy {row['id']}: price_year_basis must be one of {PRICE_YEAR_BASES}")
    if basis == "stated" and not row["price_year"]:
        raise BuildError(f"proxy {row['id']}: a stated price year needs price_year")
    if basis == "assumed":
        if row["price_year"] or not row.get("assumed_price_year"):
            raise BuildError(f"proxy {row['id']}: an assumed price year goes in assumed_price_year")
        if row["assumed_price_year"] != row["effective_from"][:4]:
            raise BuildError(
                f"proxy {row['id']}: the assumed price year must be the publication year "
                f"{row['effective_from'][:4]}"
            )
        proxy["priceYear"] = int(row["assumed_price_year"])
    if _model_knows(ProxyValue, "price_year_basis"):
        proxy["priceYearBasis"] = basis


def _shipped_wellbeing_effects(src: Path) -> dict[str, dict[str, str]]:
    """The shipped rows of wellbeing-effects.csv by the proxy value they derive."""
    path = src / "wellbeing-effects.csv"
    if not path.exists():
        return {}
    shipped: dict[str, dict[str, str]] = {}
    for row in _read_csv(path):
        if row["status"] == "shipped":
            if not row["proxy_value"] or not row["effect"]:
                raise BuildError(f"wellbeing-effects.csv: {row['id']} ships without value/effect")
            shipped[row["proxy_value"]] = row
        elif row["status"] != "not-shipped":
            raise BuildError(f"wellbeing-effects.csv: {row['id']} has unknown status")
        elif not (row["reason_en"] and row["reason_nl"]):
            raise BuildError(f"wellbeing-effects.csv: {row['id']} is not shipped without a reason")
    return shipped


def _transfer_rate(src: Path, currency: str, year: str) -> dict[str, str]:
    """The preferred available rate: a purchasing-power parity if one is filled in, else market."""
    rows = [
        row
        for row in _read_csv(src / "currency-transfers.csv")
        if row["from_currency"] == currency and row["year"] == year and row["status"] == "available"
    ]
    if not rows:
        raise BuildError(f"currency-transfers.csv: no available {currency} rate for {year}")
    return min(rows, key=lambda row: int(row["preference"]))


def _second_edition_indicators(src: Path, catalogue_id: str, indicators: list[Json]) -> None:
    """Persistent URI, level and GDPR data category of every indicator (2.0 fields)."""
    protection = {row["indicator"]: row for row in _read_csv(src / "indicator-data-protection.csv")}
    for indicator in indicators:
        row = protection.get(indicator["id"])
        if row is None:
            raise BuildError(f"indicator-data-protection.csv: no row for {indicator['id']}")
        if _model_knows(Indicator, "uri"):
            uri = INDICATOR_URI.format(catalogue=catalogue_id, indicator=indicator["id"])
            indicator["uri"] = uri
        if _model_knows(Indicator, "level"):
            indicator["level"] = row["level"]
        if _model_knows(Indicator, "data_category"):
            indicator["dataCategory"] = row["data_category"]


def _derivation_note(
    effect: Decimal, wellby: dict[str, str], rate_row: dict[str, str], value: dict[str, str]
) -> Json:
    """The written-out derivation: effect x WELLBY value, converted at the chosen rate."""
    currency, rate = wellby["currency"], rate_row["rate"]
    method_nl = "koopkrachtpariteit" if rate_row["method"] == "ppp" else "marktkoers"
    method_en = "purchasing-power parity" if rate_row["method"] == "ppp" else "market rate"
    def sums(names: dict[str, str]) -> str:
        return "; ".join(
            f"{names[level]} {effect} x {currency} {wellby[level]} / {rate} = EUR {value[level]}"
            for level in ("low", "central", "high")
            if level in value
        )

    return {
        "nl": (
            f"Welzijnsroute: effect op levenstevredenheid maal de waarde van een WELLBY "
            f"(prijsjaar {wellby['price_year']}), omgerekend met de {method_nl} {rate} "
            f"{currency} per euro: {sums({'low': 'laag', 'central': 'centraal', 'high': 'hoog'})}. "
            "Elk resultaat dat deze waarde gebruikt, markeert de overdracht."
        ),
        "en": (
            f"Wellbeing route: life-satisfaction effect times the value of a WELLBY (price year "
            f"{wellby['price_year']}), converted at the {method_en} {rate} {currency} per EUR: "
            f"{sums({level: level for level in ('low', 'central', 'high')})}. Every result that "
            "uses this value flags the transfer."
        ),
    }


def _second_edition_value(
    proxy: Json, row: dict[str, str], src: Path, sources: dict[str, Json]
) -> None:
    _price_year_basis(proxy, row)
    effect_row = _shipped_wellbeing_effects(src).get(row["id"])
    if effect_row is None:
        if "transfer" in proxy and _model_knows(CurrencyTransfer, "method"):
            proxy["transfer"]["method"] = "market-rate"
        return
    wellby = {r["id"]: r for r in _read_csv(src / "wellby-values.csv")}[WELLBY_VALUE]
    rate_row = _transfer_rate(src, wellby["currency"], wellby["price_year"])
    effect = Decimal(effect_row["effect"])
    product = {
        level: exact_context().multiply(effect, Decimal(wellby[level]))
        for level in ("low", "central", "high")
        if wellby[level]
    }
    rate = Decimal(rate_row["rate"])
    value = {
        level: str(round_cent(exact_context().divide(amount, rate)))
        for level, amount in product.items()
    }
    stated = row["transfer_central"] or row["central"]
    if Decimal(stated) != product["central"]:
        raise BuildError(
            f"proxy {row['id']}: proxy-values.csv gives {stated}, but the wellbeing derivation "
            f"is {effect} x {wellby['currency']} {wellby['central']} = {product['central']}"
        )
    proxy["value"] = value
    if "transfer" in proxy:
        proxy["transfer"]["originalValue"] = format(product["central"].normalize(), "f")
        proxy["transfer"]["exchangeRate"] = rate_row["rate"]
        proxy["transfer"]["rateSource"] = _source(sources, rate_row["source"])
        proxy["transfer"]["note"] = _derivation_note(effect, wellby, rate_row, value)
        if _model_knows(CurrencyTransfer, "method"):
            proxy["transfer"]["method"] = rate_row["method"]
    if _model_knows(ProxyValue, "wellbeing_derivation"):
        derivation: Json = {
            "lifeSatisfactionEffect": effect_row["effect"],
            "effectSource": _source(
                sources, effect_row["study_source"], confidence=effect_row["confidence"]
            ),
            "population": {"nl": effect_row["population_nl"], "en": effect_row["population_en"]},
            "wellbyValue": wellby["central"],
            "wellbyCurrency": wellby["currency"],
            "wellbyPriceYear": int(wellby["price_year"]),
            "wellbySource": _source(sources, wellby["source"], confidence=wellby["confidence"]),
        }
        if "transfer" in proxy:
            derivation["transfer"] = proxy["transfer"]
        proxy["wellbeingDerivation"] = derivation


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


def _metadata(src: Path, edition: str) -> Json:
    """catalogue.json, overlaid by catalogue-<edition>.json for a later edition."""
    meta: Json = _read_json(src / "catalogue.json")
    if edition == FIRST_EDITION:
        return meta
    overlay_path = src / f"catalogue-{edition}.json"
    if not overlay_path.exists():
        raise BuildError(f"no metadata for edition {edition} ({overlay_path})")
    meta.update(_read_json(overlay_path))
    if meta["version"] != edition:
        raise BuildError(f"{overlay_path.name}: version {meta['version']!r} is not {edition}")
    return meta


def build_document(src: Path = SOURCE_DIR, edition: str = FIRST_EDITION) -> Json:
    """Assemble the catalogue edition as a JSON object from the source files in ``src``."""
    if edition not in EDITIONS:
        raise BuildError(f"unknown edition {edition!r}; known: {', '.join(EDITIONS)}")
    meta = _metadata(src, edition)
    sources: dict[str, Json] = _read_json(src / "sources.json")
    profiles: dict[str, Json] = _read_json(src / "adjustments.json")
    themes: list[Json] = []
    for raw in _read_json(src / "themes.json"):
        title_nl, title_en = _code_title("theme", raw["id"])
        themes.append({"id": raw["id"], "label": {"nl": title_nl, "en": title_en}, **raw})
    outcome_rows = [
        row for row in _read_csv(src / "outcomes.csv") if _in_edition(row.get("since"), edition)
    ]
    outcomes = [
        {"id": row["id"], "theme": row["theme"], "label": _bilingual(row, "label")}
        for row in outcome_rows
    ]
    outcome_themes = {row["id"]: row["theme"] for row in outcome_rows}
    indicators = _indicators(src, profiles, outcome_themes, edition)
    proxies = _proxy_values(src, sources, edition)
    # the credit table was recorded for the first edition; a later edition keeps that date
    recorded = _read_json(src / "catalogue.json")["published"]
    credit_indicators, credit_proxies = _bouwblokken(src, sources, profiles, recorded)
    if edition != FIRST_EDITION:
        _second_edition_indicators(src, meta["id"], indicators + credit_indicators)
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


def build_catalogue(src: Path = SOURCE_DIR, edition: str = FIRST_EDITION) -> Catalogue:
    """Build the catalogue model, checked against the schema and the standard's rules.

    Raises BuildError listing every error finding; warnings (such as a value without a
    price year) are allowed, because they describe the data honestly.
    """
    document = build_document(src, edition)
    if document["standardVersion"] not in SUPPORTED_STANDARD_VERSIONS:
        raise BuildError(
            f"edition {edition} is a standard {document['standardVersion']} document; this "
            f"sroi_core supports {', '.join(SUPPORTED_STANDARD_VERSIONS)}"
        )
    return _checked(document)


def _checked(built: Json) -> Catalogue:
    text = json.dumps(built, ensure_ascii=False)
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


def _enum_text(value: object) -> str | None:
    """The code of an enum member or a plain string; None stays None (2.0 fields may be absent)."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


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
        uri = getattr(ind, "uri", None)
        if uri:
            lines.append(f"- Persistent URI: <{uri}>.")
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
        "outcome family). "
        + (
            "Every value has a price year, stated by its source or assumed by the written rule "
            "(the publication year), and is rebased to the valuation year."
            if any(getattr(p, "price_year_basis", None) for p in catalogue.proxy_values)
            else "Values without a price year are used as published and never rebased."
        ),
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
        if _enum_text(getattr(proxy, "price_year_basis", None)) == "assumed":
            year += " (assumed: publication year)"
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
    """Render the page of one edition: contents, sources, conventions and the credit table."""
    lines = [
        *_md_header(catalogue),
        *_md_editions(catalogue.version),
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


def _md_editions(edition: str) -> list[str]:
    """Every shipped edition with its standard version, linking the pages of the others."""
    rows = []
    for other in EDITIONS:
        standard = _metadata(SOURCE_DIR, other)["standardVersion"]
        name = f"`nl` {other}" if other == edition else f"[`nl` {other}]({doc_path(other).name})"
        rows.append(f"| {name} | {standard} |")
    return [
        "## Editions",
        "",
        "Both editions are built in. A reference to `nl` without a version means the newest "
        "edition made for the referring document's own standard version (a 1.0 document: "
        f"{_newest_for('1')}; a 2.0 document: {_newest_for('2')}); an explicit version always "
        "wins. See [versioning](versioning.md#which-edition-a-reference-means).",
        "",
        "| Edition | Standard |",
        "|---|---|",
        *rows,
        "",
    ]


def _newest_for(major: str) -> str:
    editions = [
        e for e in EDITIONS if _metadata(SOURCE_DIR, e)["standardVersion"].split(".")[0] == major
    ]
    return f"`nl` {max(editions, key=_edition_key)}" if editions else "none"


def doc_path(edition: str) -> Path:
    """The generated page of an edition: docs/catalogue-nl.md for the newest, else per edition."""
    if edition == max(EDITIONS, key=_edition_key):
        return DOC_PATH
    return DOC_PATH.with_name(f"catalogue-nl-{edition}.md")


def _notes(src: Path, edition: str) -> str:
    """notes.md, then the edition's own notes (notes-<edition>.md) where there are some."""
    parts = [src / f"notes-{edition}.md", src / "notes.md"]
    return "\n\n".join(p.read_text(encoding="utf-8").strip() for p in parts if p.exists())


def _outputs(src: Path, editions: Sequence[str] = DEFAULT_EDITIONS) -> dict[Path, str]:
    outputs: dict[Path, str] = {}
    for edition in editions:
        catalogue = build_catalogue(src, edition)
        outputs[json_path(catalogue)] = dump_document(catalogue)
        outputs[doc_path(edition)] = render_markdown(catalogue, _notes(src, edition))
    return outputs


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, compare) the built catalogue and its page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--edition",
        action="append",
        choices=EDITIONS,
        help=f"build this edition too (repeatable); always built: {', '.join(DEFAULT_EDITIONS)}",
    )
    args = parser.parse_args(argv)
    editions = tuple(dict.fromkeys([*DEFAULT_EDITIONS, *(args.edition or [])]))
    try:
        outputs = _outputs(args.source, editions)
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
