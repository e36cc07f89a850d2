"""Why the model refused a value, in English and Dutch, without pydantic's words in Dutch.

A ``model.invalid`` finding quotes a pydantic error. Its English message stays pydantic's
(and our validators') own text, kept in the finding's ``params``; a Dutch finding must not
carry that English, so :func:`model_problem` words each common pydantic error type, and
each message our own validators raise, in Dutch. An unknown one gets a general Dutch
phrase that names its type (a code).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sroi_core.rules import Bilingual

_TYPES_NL: dict[str, str] = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "veld is niet toegestaan",
    "string_type": "verkeerd type: verwacht een tekst",
    "int_type": "verkeerd type: verwacht een geheel getal",
    "int_parsing": "verkeerd type: verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal, zonder decimalen",
    "float_type": "verkeerd type: verwacht een getal",
    "decimal_type": "verkeerd type: verwacht een decimaal getal",
    "decimal_parsing": "verwacht een decimaal getal",
    "bool_type": "verkeerd type: verwacht true of false",
    "bool_parsing": "verwacht true of false",
    "list_type": "verkeerd type: verwacht een lijst",
    "dict_type": "verkeerd type: verwacht een object",
    "model_type": "verkeerd type: verwacht een object",
    "model_attributes_type": "verkeerd type: verwacht een object",
    "none_required": "verwacht null",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet groter dan of gelijk aan {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "moet kleiner dan of gelijk aan {le} zijn",
    "multiple_of": "moet een veelvoud van {multiple_of} zijn",
    "finite_number": "moet een eindig getal zijn",
    "string_too_short": "tekst is te kort: minstens {min_length} teken(s)",
    "string_too_long": "tekst is te lang: hoogstens {max_length} teken(s)",
    "too_short": "te weinig elementen: minstens {min_length}",
    "too_long": "te veel elementen: hoogstens {max_length}",
    "string_pattern_mismatch": "tekst heeft niet de vereiste vorm ({pattern})",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "enum": "moet een van deze waarden zijn: {expected}",
    "decimal_max_digits": "te veel cijfers: hoogstens {max_digits}",
    "decimal_max_places": "te veel decimalen: hoogstens {decimal_places}",
    "decimal_whole_digits": "te veel cijfers voor de komma: hoogstens {whole_digits}",
    "date_type": "verwacht een datum (JJJJ-MM-DD)",
    "date_parsing": "geen geldige datum (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "geen geldige datum (JJJJ-MM-DD)",
    "datetime_type": "verwacht een tijdstip (RFC 3339, met tijdzone)",
    "datetime_parsing": "geen geldig tijdstip (RFC 3339, met tijdzone)",
    "datetime_from_date_parsing": "geen geldig tijdstip (RFC 3339, met tijdzone)",
    "timezone_aware": "het tijdstip mist een tijdzone",
    "url_parsing": "geen geldige URL",
    "url_scheme": "URL-schema niet toegestaan",
    "union_tag_invalid": "onbekende soort {tag}; verwacht een van {expected_tags}",
    "union_tag_not_found": "het veld {discriminator} ontbreekt",
    "frozen_instance": "de waarde kan niet worden gewijzigd",
}
"""pydantic's error types, in Dutch; ``{names}`` come from the error's ``ctx``."""

_VALUE_ERRORS_NL: list[tuple[str, str]] = [
    (r"'(.*)' is null; leave an absent value out instead",
     r"'\1' is null; laat een ontbrekende waarde weg"),
    (r"standard version (.*) is not one this package defines",
     r"versie \1 van de standaard is niet een die dit pakket kent"),
    (r"give exactly one of discountRate and discountSchedule",
     "geef precies één van discountRate en discountSchedule"),
    (r"name exactly one of theme or indicator", "noem precies één van theme of indicator"),
    (r'exact numbers are written as decimal strings, e\.g\. "1234\.50"',
     'exacte getallen worden als decimale tekst geschreven, bv. "1234.50"'),
    (r"must be a finite number", "moet een eindig getal zijn"),
    (r"decimal text is too long", "de decimale tekst is te lang"),
    (r"must be a decimal string", "moet een decimale tekst zijn"),
    (r"(.*) must be plain decimal notation with at most 30 digits before and (.*)",
     r"\1 moet gewone decimale notatie zijn met hoogstens 30 cijfers voor en \2"),
    (r"(.*) is not a decimal number", r"\1 is geen decimaal getal"),
    (r"must not be negative", "mag niet negatief zijn"),
    (r"must be a fraction between 0 and 1", "moet een fractie tussen 0 en 1 zijn"),
    (r"a negative discount rate is written -0\.xxx \(greater than -1, no trailing zeros\)",
     "een negatieve discontovoet wordt geschreven als -0.xxx (groter dan -1, zonder nullen "
     "aan het eind)"),
    (r"(.*) is not in the closed codelist (.*)", r"\1 staat niet in de gesloten codelijst \2"),
    (r"a date is written YYYY-MM-DD", "een datum wordt geschreven als JJJJ-MM-DD"),
    (r"(.*) is not a date written YYYY-MM-DD", r"\1 is geen datum in de vorm JJJJ-MM-DD"),
    (r"(.*) is not an RFC 3339 date-time with a time zone",
     r"\1 is geen RFC 3339-tijdstip met tijdzone"),
    (r"a timestamp is written as RFC 3339 text with a time zone",
     "een tijdstip wordt geschreven als RFC 3339-tekst met tijdzone"),
    (r"give the text in at least one language \(nl or en\)",
     "geef de tekst in minstens één taal (nl of en)"),
]
"""Messages our own model validators raise (``ValueError``), in Dutch."""

_VALUE_ERROR_PREFIX = re.compile(r"^(?:Value error|Assertion failed), ")


def _format(template: str, context: Mapping[str, Any]) -> str | None:
    """Fill ``template`` from an error's ``ctx``; pydantic lists alternatives with "or"."""
    values = {key: str(value).replace("' or '", "' of '") for key, value in context.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return None


def model_problem(error: Mapping[str, Any]) -> Bilingual:
    """The error of one pydantic ``errors()`` entry: pydantic's English and a Dutch of our own."""
    english = str(error.get("msg", ""))
    kind = str(error.get("type", ""))
    dutch: str | None = None
    if kind in {"value_error", "assertion_error"}:
        text = _VALUE_ERROR_PREFIX.sub("", english)
        for pattern, replacement in _VALUE_ERRORS_NL:
            if re.fullmatch(pattern, text):
                dutch = re.sub(pattern, replacement, text)
                break
    elif kind in _TYPES_NL:
        dutch = _format(_TYPES_NL[kind], error.get("ctx") or {})
    return Bilingual(english, dutch or f"het model weigert deze waarde (fouttype {kind})")
