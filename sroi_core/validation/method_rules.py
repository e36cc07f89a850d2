"""Semantic rules of the 2.0 method on a catalogue: derivations anyone can re-run.

A wellbeing-route value must be the product its derivation states, and an indicator's
persistent URI must name its own catalogue and id; both are checked here so that a
catalogue cannot publish a number its own data does not support.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core.model.catalogue import Catalogue
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding

URI_BASE = "https://sroi-os.org/id/catalogue"
"""Base of the persistent indicator URIs: {URI_BASE}/{catalogueId}/indicator/{indicatorId}."""

WELLBEING_PRODUCT = define_rule(
    "proxy.wellbeing-derivation-mismatch",
    Severity.ERROR,
    "Wellbeing value is not its derivation's product",
    "proxy value {id}: central value {central} is not effect x WELLBY value = {expected}",
    "The wellbeing route is open: the central value of a derived proxy must equal the "
    "published life-satisfaction effect times the WELLBY value (divided by the exchange "
    "rate when transferred), rounded half to even to the cent.",
    category="semantic",
    template_nl="kengetal {id}: centrale waarde {central} is niet effect x WELLBY-waarde = "
    "{expected}",
)

INDICATOR_URI = define_rule(
    "indicator.uri-mismatch",
    Severity.ERROR,
    "Indicator URI does not name the indicator",
    "indicator {id}: uri {uri} is not {expected}",
    "An indicator's persistent URI is https://sroi-os.org/id/catalogue/{catalogueId}/"
    "indicator/{indicatorId}, so a citation resolves to exactly one definition.",
    category="semantic",
    template_nl="indicator {id}: uri {uri} is niet {expected}",
)


def indicator_uri(catalogue_id: str, indicator_id: str) -> str:
    """The persistent URI of an indicator (standard 2.0)."""
    return f"{URI_BASE}/{catalogue_id}/indicator/{indicator_id}"


def check_catalogue_method(doc: Catalogue, source: str) -> Iterator[Finding]:
    """Derivations and URIs of a catalogue (fields absent in 1.0 documents)."""
    for number, indicator in enumerate(doc.indicators):
        if indicator.uri is None:
            continue
        expected = indicator_uri(doc.id, indicator.id)
        if indicator.uri != expected:
            yield make_finding(
                INDICATOR_URI,
                json_pointer("indicators", number, "uri"),
                source=source,
                id=indicator.id,
                uri=indicator.uri,
                expected=expected,
            )
    for number, proxy in enumerate(doc.proxy_values):
        derivation = proxy.wellbeing_derivation
        if derivation is None:
            continue
        expected_value = derivation.central_value()
        if proxy.value.central != expected_value:
            yield make_finding(
                WELLBEING_PRODUCT,
                json_pointer("proxyValues", number, "value", "central"),
                source=source,
                id=proxy.id,
                central=proxy.value.central,
                expected=expected_value,
            )
