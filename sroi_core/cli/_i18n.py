"""The command line's language: Dutch or English, chosen per run, and its one message table.

``--language nl|en`` on every command; without it the locale decides (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``: a value starting with ``nl`` means Dutch, anything else
English). Every fixed text the CLI prints is in :data:`MESSAGES` in both languages;
findings carry their own Dutch message (``message_nl``). Numbers follow the language:
``1.234,56`` in Dutch, ``1,234.56`` in English.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from decimal import Decimal

from sroi_core._decimal import grouped
from sroi_core.cli._command_texts import COMMAND_TEXTS

LANGUAGES = ("nl", "en")
"""Languages the command line speaks."""

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Dutch, English)
    "error": ("sroi: fout: {error}", "sroi: error: {error}"),
    "invalid_input": ("sroi: ongeldige invoer: {error}", "sroi: invalid input: {error}"),
    "internal_error": (
        "sroi: interne fout ({error}); dit is een fout in sroi_core, meld die alstublieft "
        "(zet SROI_DEBUG=1 voor details)",
        "sroi: internal error ({error}); this is a bug in sroi_core, please report it (set "
        "SROI_DEBUG=1 for details)",
    ),
    "language_help": (
        "taal van de uitvoer: nl of en (standaard: uit de locale, LC_ALL/LC_MESSAGES/LANG)",
        "language of the output: nl or en (default: from the locale, LC_ALL/LC_MESSAGES/LANG)",
    ),
    "severity_error": ("fout", "error"),
    "severity_warning": ("waarschuwing", "warning"),
    "severity_info": ("info", "info"),
    "ok": ("OK", "OK"),
    "invalid": ("ONGELDIG", "INVALID"),
    "fail": ("AFGEKEURD", "FAIL"),
    "unknown_document": ("onbekend document", "unknown document"),
    "validate_summary": (
        "{files} bestand(en) gecontroleerd, {invalid} ongeldig",
        "{files} file(s) checked, {invalid} invalid",
    ),
    "check_summary": (
        "{files} bestand(en) gecontroleerd: {errors} fout(en), {warnings} waarschuwing(en)",
        "{files} file(s) checked: {errors} error(s), {warnings} warning(s)",
    ),
    "not_valued": (
        "sroi: {error}: ongeldig; er is niets gewaardeerd (zie de bevindingen hierboven)",
        "sroi: {error}: invalid; nothing was valued (see the findings above)",
    ),
    "no_report": (
        "sroi: {error}: ongeldig; er is geen rapport geschreven (zie de bevindingen hierboven)",
        "sroi: {error}: invalid; no report was written (see the findings above)",
    ),
    "wrote": ("{path} geschreven", "wrote {path}"),
    "template_written": (
        "{path} geschreven: een sjabloon voor een {kind}; vul het in en lees het in met "
        "sroi import {path}",
        "wrote {path}: a {kind} template; fill it in and read it with sroi import {path}",
    ),
    "import_failed": (
        "sroi: {path}: {count} cel(len) konden niet worden gelezen; er is geen document "
        "geschreven",
        "sroi: {path}: {count} cell(s) could not be read; no document was written",
    ),
    "import_invalid": (
        "sroi: {path}: het document is gelezen maar is ongeldig (zie de bevindingen hierboven)",
        "sroi: {path}: the document was read but is invalid (see the findings above)",
    ),
    "import_ok": (
        "{path}: een geldig(e) {kind} met {count} waarde(n)",
        "{path}: a valid {kind} with {count} value(s)",
    ),
    "new_written": (
        "{path} geschreven: een minimale {kind}; vervang elke TODO-waarde voordat u het "
        "document verstuurt",
        "wrote {path}: a minimal {kind}; replace every TODO value before you send it",
    ),
    "conformance_packaged": (
        "conformancevectoren uit {where}",
        "conformance vectors from {where}",
    ),
    # catalogue show ID INDICATOR
    "ind_title": ("Indicator {id}: {label}", "Indicator {id}: {label}"),
    "ind_catalogue": ("Catalogus", "Catalogue"),
    "ind_theme": ("Thema", "Theme"),
    "ind_outcome": ("Uitkomst", "Outcome"),
    "ind_kind": ("Soort", "Kind"),
    "ind_unit": ("Eenheid", "Unit"),
    "ind_definition": ("Definitie", "Definition"),
    "ind_instrument": ("Meetinstrument", "Measurement instrument"),
    "ind_evidence": ("Bewijs", "Evidence"),
    "ind_verification": ("Minimale verificatie", "Minimum verification"),
    "ind_adjustments": ("Standaardcorrecties", "Default adjustments"),
    "ind_adjustment_values": (
        "deadweight {deadweight}, attributie {attribution}, verdringing {displacement}, "
        "afname per jaar {drop_off}, maximaal {years} jaar",
        "deadweight {deadweight}, attribution {attribution}, displacement {displacement}, "
        "drop-off {drop_off} a year, at most {years} year(s)",
    ),
    "ind_double_counting": ("Dubbeltellingsgroep", "Double-counting group"),
    "ind_proxies": ("Financiële proxy's", "Financial proxies"),
    "ind_not_monetised": ("Niet gemonetariseerd: {reason}", "Not monetised: {reason}"),
    "ind_proxy": (
        "{value} per {unit} ({basis}, prijsjaar {year}); bron: {source}",
        "{value} per {unit} ({basis}, price year {year}); source: {source}",
    ),
    "ind_proxy_range": ("bandbreedte {low} tot {high}", "range {low} to {high}"),
    "ind_deprecated": ("Vervallen; vervangen door {replacement}", "Deprecated; replaced by "
                       "{replacement}"),
    "not_set": ("niet vastgelegd", "not set"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
}
"""Every fixed text of the command line: ``key -> (Dutch, English)``."""

_CLASHES = MESSAGES.keys() & COMMAND_TEXTS.keys()
assert not _CLASHES, f"message keys defined twice: {sorted(_CLASHES)}"
MESSAGES.update(COMMAND_TEXTS)

_current = ["en"]


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``nl`` when the first locale variable set starts with ``nl``, else ``en``."""
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def set_language(language: str | None) -> str:
    """Use ``language`` (or the locale's) for this run; return the one chosen."""
    chosen = language if language in LANGUAGES else language_from_environment()
    _current[0] = chosen
    return chosen


def current_language() -> str:
    """The language of this run."""
    return _current[0]


def say(key: str, **params: object) -> str:
    """The message ``key`` in the run's language, filled from ``params``."""
    dutch, english = MESSAGES[key]
    return (dutch if current_language() == "nl" else english).format(**params)


def number(value: Decimal | int, places: int = 2, language: str | None = None) -> str:
    """A figure with ``places`` decimals: ``1.234,56`` (nl) or ``1,234.56`` (en)."""
    return grouped(value, places, language or current_language())


def money(value: Decimal | None) -> str:
    """An amount with thousands separators and cents in the run's language; empty when absent."""
    return "" if value is None else number(value, 2)


def figure(value: object) -> str:
    """A figure as computed (all its decimals, no grouping) with the language's decimal mark.

    ``0.3600`` reads ``0,3600`` in Dutch; empty when absent. Text that is not a number is
    shown as it is.
    """
    if value is None:
        return ""
    text = str(value)
    if current_language() == "nl" and isinstance(value, Decimal | int | float):
        return text.replace(".", ",")
    return text


def code_text(code: object) -> str:
    """A code of the standard (a status, an action) as a word of the run's language.

    Codes with a ``code_*`` message are translated; any other is shown as it is (a code is
    data, and a word from a newer release must not break the output).
    """
    key = f"code_{code}"
    return say(key) if key in MESSAGES else str(code)


def yes_no(value: bool | None) -> str:
    """``ja``/``nee`` or ``yes``/``no``; ``n.v.t.``/``n/a`` when unknown."""
    return say("n_a") if value is None else say("yes" if value else "no")


_OS_ERROR_KEYS = {
    errno.ENOENT: "os_not_found",
    errno.EACCES: "os_permission",
    errno.EPERM: "os_permission",
    errno.EISDIR: "os_is_directory",
    errno.ENOTDIR: "os_not_directory",
    errno.EEXIST: "os_exists",
    errno.ENOSPC: "os_no_space",
    errno.EROFS: "os_read_only",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.EADDRINUSE: "os_address_in_use",
}


def os_error_text(error: OSError) -> str:
    """What an operating-system error means, in the run's language.

    The system's own wording (its ``strerror``, in the system's language) is shown only in
    English runs; a Dutch run names the known kinds in Dutch and the rest by number.
    """
    key = _OS_ERROR_KEYS.get(error.errno or 0)
    if current_language() != "nl":
        return error.strerror or (say(key) if key else str(error))
    return say(key) if key else say("os_other", errno=error.errno or "?")
