"""``sroi catalogue list|show|diff``: the catalogues available and what changed between them.

A catalogue is named as ``ID`` (the newest version of that id), ``ID@VERSION`` or a path to
a catalogue file. Built-in catalogues ship in the package; ``--catalogue PATH`` adds a
user's own file (for example a licensed value set). Exit codes: 0 success, 2 a usage error,
an unknown catalogue or a file that cannot be read or is not a valid catalogue.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from sroi_core.catalogue_diff import diff_catalogues
from sroi_core.catalogue_store import CatalogueStore, names_a_path
from sroi_core.cli._common import add_catalogue_option
from sroi_core.cli._i18n import code_text, current_language, figure, number, say
from sroi_core.codelists import codelist
from sroi_core.documents import dump_document
from sroi_core.errors import CatalogueError
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.indicator import Indicator
from sroi_core.results_json import catalogue_list_json, json_text
from sroi_core.textsafe import terminal_text

EXIT_OK = 0
EXIT_USAGE = 2


def register(subparsers: Any) -> None:
    """Add the ``catalogue`` command group."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "catalogue",
        help="list, show and compare indicator catalogues",
        description="List the available catalogues, show one, or compare two versions. "
        "A catalogue is named ID, ID@VERSION or a path to a catalogue file.",
    )
    commands = parser.add_subparsers(dest="catalogue_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=_usage(parser))

    listing = commands.add_parser(
        "list", help="list the built-in catalogues (and any given with --catalogue)"
    )
    listing.add_argument("--format", choices=("table", "json"), default="table")
    add_catalogue_option(listing)
    listing.set_defaults(handler=handle_list)

    show = commands.add_parser(
        "show",
        help="show one catalogue as a table or as its JSON document, or one indicator in full",
    )
    show.add_argument("catalogue_id", metavar="ID", help="catalogue id, ID@VERSION or a file path")
    show.add_argument(
        "indicator",
        metavar="INDICATOR",
        nargs="?",
        help="an indicator id: show its definition, measurement instrument, evidence, "
        "minimum verification, default adjustments and proxy values with their sources",
    )
    show.add_argument(
        "--version", dest="catalogue_version", metavar="V", help="the version to show"
    )
    show.add_argument("--format", choices=("table", "json"), default="table")
    add_catalogue_option(show)
    show.set_defaults(handler=handle_show)

    diff = commands.add_parser(
        "diff", help="what changed from OLD to NEW (indicators, values, adjustments, conventions)"
    )
    diff.add_argument("old", metavar="OLD", help="ID[@VERSION] or a catalogue file")
    diff.add_argument("new", metavar="NEW", help="ID[@VERSION] or a catalogue file")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    add_catalogue_option(diff)
    diff.set_defaults(handler=handle_diff)


def _usage(parser: argparse.ArgumentParser) -> Any:
    def handler(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_USAGE

    return handler


def _store(paths: list[str]) -> tuple[CatalogueStore, list[tuple[Catalogue, str]]]:
    """Return the store (built-in catalogues plus the user's files) and where each came from."""
    store = CatalogueStore()
    origins = [(catalogue, "built-in") for catalogue in store.all()]
    for path in paths:
        if names_a_path(path):
            origins.insert(0, (store.add_file(Path(path)), path))
        else:
            store.resolve(path)  # a bare word is a built-in id: check that it exists
    return store, origins


def resolve(store: CatalogueStore, name: str, version: str | None = None) -> Catalogue:
    """The catalogue ``name`` stands for (see :meth:`CatalogueStore.resolve`)."""
    return store.resolve(name, version)


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def handle_list(args: argparse.Namespace) -> int:
    """Print the catalogues available."""
    _, origins = _store(args.catalogue)
    if args.format == "json":
        sys.stdout.write(catalogue_list_json(origins))
        return EXIT_OK
    rows = [_columns("id", "version", "published", "indicators", "source", "title")]
    rows += [
        [
            c.id,
            c.version,
            c.published.isoformat(),
            str(len(c.indicators)),
            origin,
            c.title.text(current_language()),
        ]
        for c, origin in origins
    ]
    sys.stdout.write(terminal_text(_table(rows), newlines=True))
    return EXIT_OK


def _columns(*keys: str) -> list[str]:
    return [say(f"cat_col_{key}") for key in keys]


def _values_cell(catalogue: Catalogue, indicator: Indicator) -> str:
    if indicator.monetisation == "not-monetised":
        return say("cat_not_monetised")
    parts = []
    for proxy in catalogue.proxies_for(indicator.id):
        year = f", {proxy.price_year}" if proxy.price_year is not None else ""
        transfer = say("cat_transfer") if proxy.transfer is not None else ""
        parts.append(
            f"{proxy.currency} {figure(proxy.value.central)}/{proxy.per_unit} "
            f"({proxy.valuation_basis.value}{year}{transfer})"
        )
    return " + ".join(parts)


def _show_table(catalogue: Catalogue, language: str) -> str:
    conv = catalogue.conventions
    rate = (
        say("cat_discount_rate", rate=figure(conv.discount_rate))
        if conv.discount_rate is not None
        else say("cat_discount_schedule", steps=len(conv.discount_schedule or ()))
    )
    outcomes = sum(1 for i in catalogue.indicators if i.kind.value == "outcome")
    lines = [
        say("cat_title", id=catalogue.id, version=catalogue.version,
            title=catalogue.title.text(language)),
        say("cat_publisher", publisher=catalogue.publisher,
            published=catalogue.published.isoformat()),
        say("cat_conventions", rate=rate, timing=conv.discount_timing.value,
            year=conv.valuation_year or say("not_set"), currency=conv.currency),
    ]
    if catalogue.fte_norm is not None:
        lines.append(say("cat_fte", hours=figure(catalogue.fte_norm.hours_per_fte_year)))
    series = catalogue.price_index()
    if series is not None:
        lines.append(say("cat_price_index", id=series.id, first=series.values[0].year,
                         last=series.values[-1].year))
    lines.append(say("cat_counts", total=len(catalogue.indicators), outcomes=outcomes,
                     outputs=len(catalogue.indicators) - outcomes,
                     proxies=len(catalogue.proxy_values)))
    rows = [_columns("id", "theme", "kind", "unit", "label", "value")]
    rows += [
        [
            i.id,
            i.theme,
            code_text(i.kind.value),
            i.unit,
            i.label.text(language),
            _values_cell(catalogue, i),
        ]
        for i in catalogue.indicators
    ]
    return "\n".join(lines) + "\n\n" + _table(rows)


def handle_show(args: argparse.Namespace) -> int:
    """Print one catalogue as a table or as its JSON document."""
    store, _ = _store(args.catalogue)
    catalogue = resolve(store, args.catalogue_id, args.catalogue_version)
    language = current_language()
    if args.indicator:
        indicator = next((i for i in catalogue.indicators if i.id == args.indicator), None)
        if indicator is None:
            raise CatalogueError(say(
                "cat_no_indicator", id=catalogue.id, version=catalogue.version,
                indicator=args.indicator, name=args.catalogue_id,
            ))
        if args.format == "json":
            data = indicator.model_dump(mode="json", by_alias=True, exclude_none=True)
            data["proxyValues"] = [
                p.model_dump(mode="json", by_alias=True, exclude_none=True)
                for p in catalogue.proxies_for(indicator.id)
            ]
            sys.stdout.write(json_text(data))
        else:
            sys.stdout.write(indicator_text(catalogue, indicator, language))
        return EXIT_OK
    if args.format == "json":
        sys.stdout.write(dump_document(catalogue))
    else:
        sys.stdout.write(terminal_text(_show_table(catalogue, language), newlines=True))
    return EXIT_OK


def _fraction(value: Decimal, language: str) -> str:
    return number(value * 100, 0 if value * 100 == int(value * 100) else 1, language) + "%"


def indicator_text(catalogue: Catalogue, indicator: Indicator, language: str) -> str:
    """One indicator in full: what counts, how it is measured and proven, what it is worth."""
    adj = indicator.adjustments
    evidence_codes = codelist("evidenceType")
    levels = codelist("verificationLevel")

    def title(code_list: Any, code: str) -> str:
        try:
            row = code_list.get(code)
        except KeyError:
            return code
        return f"{row.title_nl if language == 'nl' else row.title_en} ({code})"

    lines = [
        say("ind_title", id=indicator.id, label=indicator.label.text(language)),
        "",
        f"{say('ind_catalogue')}: {catalogue.id} {catalogue.version}",
        f"{say('ind_theme')}: {indicator.theme}",
        f"{say('ind_outcome')}: {indicator.outcome}",
        f"{say('ind_kind')}: {indicator.kind.value}",
        f"{say('ind_unit')}: {indicator.unit}",
    ]
    if indicator.deprecated:
        lines.append(say("ind_deprecated", replacement=indicator.replaced_by or "-"))
    lines += [
        "",
        f"{say('ind_definition')}:",
        f"  {indicator.definition.text(language)}",
        "",
        f"{say('ind_instrument')}:",
        f"  {indicator.measurement_method.text(language)}",
        "",
        f"{say('ind_evidence')}: "
        + ", ".join(title(evidence_codes, code) for code in indicator.evidence_requirements),
        f"{say('ind_verification')}: {title(levels, indicator.minimum_verification)}",
        f"{say('ind_adjustments')}: "
        + say(
            "ind_adjustment_values",
            deadweight=_fraction(adj.deadweight, language),
            attribution=_fraction(adj.attribution, language),
            displacement=_fraction(adj.displacement, language),
            drop_off=_fraction(adj.drop_off, language),
            years=adj.max_duration_years,
        ),
        f"  {adj.rationale.text(language)}",
    ]
    if indicator.double_counting_group:
        lines.append(f"{say('ind_double_counting')}: {indicator.double_counting_group}")
    lines += ["", f"{say('ind_proxies')}:"]
    if indicator.monetisation == "not-monetised":
        reason = indicator.not_monetised_reason.text(language) if (
            indicator.not_monetised_reason
        ) else "-"
        lines.append("  " + say("ind_not_monetised", reason=reason))
    for proxy in catalogue.proxies_for(indicator.id):
        source = proxy.source
        cited = f"{source.publisher} ({source.year}), {source.title}"
        if source.url:
            cited += f", {source.url}"
        lines.append(
            f"  {proxy.id}: "
            + say(
                "ind_proxy",
                value=f"{proxy.currency} {number(proxy.value.central, 2, language)}",
                unit=proxy.per_unit,
                basis=proxy.valuation_basis.value,
                year=proxy.price_year if proxy.price_year is not None else say("not_set"),
                source=cited,
            )
        )
        if proxy.value.low is not None and proxy.value.high is not None:
            lines.append(
                "    "
                + say(
                    "ind_proxy_range",
                    low=number(proxy.value.low, 2, language),
                    high=number(proxy.value.high, 2, language),
                )
            )
    return "\n".join(lines) + "\n"


def handle_diff(args: argparse.Namespace) -> int:
    """Print what changed from OLD to NEW."""
    store, _ = _store(args.catalogue)
    old = resolve(store, args.old)
    new = resolve(store, args.new)
    result = diff_catalogues(old, new)
    if args.format == "json":
        sys.stdout.write(result.to_json())
    else:
        sys.stdout.write(result.to_text(say, current_language()))
    return EXIT_OK
