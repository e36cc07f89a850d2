"""Whether a document's catalogue edition was made for the document's own standard version.

A catalogue edition is a document of one standard version (``nl`` 2026.1 is 1.0, ``nl``
2026.2 is 2.0) and a document is valued with the method of its own version. The rule
(docs/versioning.md, "Which edition a reference means"):

- a 1.0 document that names an edition made for 2.0 is an **error**: the 1.0 method would
  read 2.0 data it does not know (mean-change valuation, assumed price years, the wellbeing
  derivation) and give figures that the 1.0 standard never published;
- a 2.0 document that names an edition made for 1.0 **works** with a **warning**: every 2.0
  catalogue field is optional, and the 2.0 method applies its own rules to the older data
  (an assumed price year where none is stated, default ranges by confidence grade), but the
  edition lacks what 2.0 adds (mean-change valuation of scale-based indicators, the wellbeing
  derivation, indicator URIs, the new indicators).

An explicit edition always wins over the newest-edition rule: the finding says what the pin
means, it never swaps the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator

from sroi_core.catalogue_store import edition_standing
from sroi_core.model.catalogue import Catalogue
from sroi_core.rules import Finding, Severity, define_rule, make_finding

EDITION_NEWER = define_rule(
    "ref.catalogue-edition-newer",
    Severity.ERROR,
    "Catalogue edition made for a later standard",
    "catalogue {catalogue} is an edition for standard {catalogue_standard}, but this document "
    "is standard {document_standard}: its method cannot use that edition; name an edition for "
    "standard {document_standard} or leave the version out",
    "A document is valued with the method of its own standard version. An edition made for a "
    "later major version carries data that method does not know, so the figures would be "
    "ones its standard never published.",
    category="semantic",
    template_nl=(
        "catalogus {catalogue} is een editie voor standaard {catalogue_standard}, maar dit "
        "document volgt standaard {document_standard}: de methode daarvan kan die editie niet "
        "gebruiken; noem een editie voor standaard {document_standard} of laat de versie weg"
    ),
)
EDITION_OLDER = define_rule(
    "ref.catalogue-edition-older",
    Severity.WARNING,
    "Catalogue edition made for an earlier standard",
    "catalogue {catalogue} is an edition for standard {catalogue_standard}; this standard "
    "{document_standard} document is valued with the {document_standard} method on data that "
    "lacks what {document_standard} adds (mean-change valuation, the wellbeing derivation, "
    "stated price-year basis); an edition for standard {document_standard} is preferred",
    "Valid, and valued with the document's own method, but the older edition lacks the data "
    "the later standard adds. Leaving the version out picks the newest edition for the "
    "document's standard.",
    category="semantic",
    template_nl=(
        "catalogus {catalogue} is een editie voor standaard {catalogue_standard}; dit document "
        "volgt standaard {document_standard} en wordt met die methode gewaardeerd op gegevens "
        "zonder wat {document_standard} toevoegt (waardering als gemiddelde verandering, de "
        "afleiding via de welzijnsroute, de grondslag van het prijsjaar); een editie voor "
        "standaard {document_standard} heeft de voorkeur"
    ),
)


def edition_findings(
    document_standard: str, catalogue: Catalogue, source: str, pointer: str = "/catalogue"
) -> Iterator[Finding]:
    """The finding when ``catalogue`` was made for another major version than the document's."""
    standing = edition_standing(document_standard, catalogue)
    if standing == 0:
        return
    rule = EDITION_NEWER if standing > 0 else EDITION_OLDER
    yield make_finding(
        rule,
        pointer,
        source=source,
        catalogue=f"{catalogue.id} {catalogue.version}",
        catalogue_standard=catalogue.standard_version,
        document_standard=document_standard,
    )
