"""Why a file could not be read, in English and Dutch, without the system's or parser's words.

A read or parse error (:class:`sroi_core.errors.InputError`) carries an English message
that may embed the operating system's ``strerror`` or the JSON parser's own phrase. A
Dutch finding must not carry those: :func:`problem_of` maps every known kind to a Dutch
phrase of our own (file not found, permission denied, invalid JSON at line and column,
...). An unknown kind gets a general Dutch phrase; its English original stays in the
finding's English message and in its ``params`` (the detail field of the JSON report).
"""

from __future__ import annotations

import re

from sroi_core.errors import InputError
from sroi_core.rules import Bilingual

_OS_NL = {
    "No such file or directory": "bestand of map bestaat niet",
    "Permission denied": "geen toestemming",
    "Is a directory": "is een map, geen bestand",
    "Not a directory": "een deel van het pad is geen map",
    "Operation not permitted": "geen toestemming",
    "No space left on device": "de schijf is vol",
    "Read-only file system": "het bestandssysteem is alleen-lezen",
    "File name too long": "de bestandsnaam is te lang",
    "Too many levels of symbolic links": "te veel symbolische koppelingen achter elkaar",
    "Input/output error": "invoer-/uitvoerfout van het apparaat",
}
"""The C library's ``strerror`` texts Python passes on, in Dutch."""

_JSON_NL = {
    "Expecting value": "een waarde verwacht",
    "Expecting property name enclosed in double quotes":
        "een veldnaam tussen dubbele aanhalingstekens verwacht",
    "Expecting ',' delimiter": "een komma verwacht",
    "Expecting ':' delimiter": "een dubbele punt verwacht",
    "Unterminated string starting at": "een tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "een ongeldig stuurteken",
    "Invalid \\escape": "een ongeldige escape (\\)",
    "Invalid \\uXXXX escape": "een ongeldige \\uXXXX-escape",
    "Extra data": "extra gegevens na het einde van het document",
    "Illegal trailing comma before end of object": "een komma vóór het einde van een object",
    "Illegal trailing comma before end of array": "een komma vóór het einde van een lijst",
}
"""The JSON parser's own messages (:mod:`json`), in Dutch."""

_PATTERNS: list[tuple[str, str]] = [
    (r"no such file", "het bestand bestaat niet"),
    (r"is a directory", "is een map, geen bestand"),
    (r"is not a regular file \(a pipe, socket or device\)",
     "is geen gewoon bestand (een pipe, socket of apparaat)"),
    (r"the file is (?P<size>\d+) bytes, more than the limit of (?P<limit>\d+) bytes",
     "het bestand is {size} bytes, meer dan de grens van {limit} bytes"),
    (r"the file grew beyond the limit of (?P<limit>\d+) bytes while it was read",
     "het bestand groeide tijdens het lezen voorbij de grens van {limit} bytes"),
    (r"not UTF-8 text \(byte (?P<byte>\d+)\)", "geen UTF-8-tekst (byte {byte})"),
    (r"the file is empty", "het bestand is leeg"),
    (r"the document is nested too deeply( to read)?", "het document is te diep genest"),
    (r"an integer has more digits than a JSON reader can take \((?P<n>\d+)\)",
     "een geheel getal heeft meer cijfers dan een JSON-lezer aankan ({n})"),
    (r'duplicate key (?P<key>".*") in one object',
     "sleutel {key} komt twee keer voor in één object"),
    (r"(?P<name>NaN|Infinity|-Infinity) is not a JSON number", "{name} is geen JSON-getal"),
    (r"documentType is missing", "documentType ontbreekt"),
    (r"unknown documentType (?P<kind>.+)", "onbekend documentType {kind}"),
    (r"the top level is a JSON (?P<kind>\w+)", "het document is als geheel een JSON-{kind}"),
    (r"standardVersion is missing or not major.minor",
     "standardVersion ontbreekt of is niet major.minor"),
    (r"standardVersion (?P<v>.+) is not major.minor", "standardVersion {v} is niet major.minor"),
    (r"standard version (?P<v>.+) is not supported by this implementation",
     "standaardversie {v} wordt door deze implementatie niet ondersteund"),
]

_EXPECTED: list[tuple[str, str]] = [
    (r"a JSON object", "een JSON-object"),
    (r"a JSON object with documentType and standardVersion",
     "een JSON-object met documentType en standardVersion"),
    (r"a complete JSON document", "een volledig JSON-document"),
    (r"strict JSON", "strikte JSON"),
    (r"a JSON file", "een JSON-bestand"),
    (r"a regular file", "een gewoon bestand"),
    (r"UTF-8 JSON", "JSON in UTF-8"),
    (r"at most (?P<n>\d+) levels", "hooguit {n} niveaus"),
    (r"at most (?P<n>\d+) bytes", "hooguit {n} bytes"),
    (r"one of (?P<list>.+)", "een van {list}"),
    (r'a string such as (?P<example>".+")', "een tekst zoals {example}"),
    (r"(?P<list>[a-zA-Z]+(, [a-zA-Z]+)+)", "een van {list}"),
]

_JSON_AT = re.compile(r"not valid JSON at line (?P<line>\d+) column (?P<column>\d+): (?P<msg>.*)")
_CANNOT_READ = re.compile(r"cannot read the file: (?P<why>.*)")
_OS_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"cannot write the output: (?P<why>.*); the file was left as it was"),
     "de uitvoer kan niet geschreven worden{why}; het bestand is gebleven zoals het was"),
    (re.compile(r"cannot write the output: (?P<why>.*)"),
     "de uitvoer kan niet geschreven worden{why}"),
    (re.compile(r"cannot read the file back: (?P<why>.*)"),
     "het bestand kan niet teruggelezen worden{why}"),
    (re.compile(r"cannot open the file to update it: (?P<why>.*)"),
     "het bestand kan niet geopend worden om het bij te werken{why}"),
)


def _dutch(message: str, patterns: list[tuple[str, str]]) -> str | None:
    for pattern, dutch in patterns:
        match = re.fullmatch(pattern, message)
        if match:
            return dutch.format(**match.groupdict())
    return None


def dutch_problem(message: str) -> str:
    """The Dutch of an input error's message; a general phrase when the kind is unknown."""
    return known_dutch(message) or "het bestand kan niet als document gelezen worden"


def dutch_expected(expected: str) -> str | None:
    """The Dutch of what an input error says was expected, when it is a known phrase."""
    return _dutch(expected, _EXPECTED)


def known_dutch(message: str) -> str | None:
    """The Dutch of an input error's message, or None when its kind is not known here."""
    json_error = _JSON_AT.fullmatch(message)
    if json_error:
        what = next((nl for en, nl in _JSON_NL.items() if json_error["msg"].startswith(en)), None)
        where = f"geen geldige JSON op regel {json_error['line']}, kolom {json_error['column']}"
        return f"{where}: {what}" if what else where
    for pattern, dutch in _OS_PREFIXES:
        match = pattern.fullmatch(message)
        if match:
            why = _OS_NL.get(match["why"])
            return dutch.format(why=f": {why}" if why else "")
    cannot_read = _CANNOT_READ.fullmatch(message)
    if cannot_read:
        why = _OS_NL.get(cannot_read["why"])
        return "het bestand kan niet gelezen worden" + (f": {why}" if why else "")
    return _dutch(message, _PATTERNS)


def problem_of(error: InputError, *, with_expected: bool = True) -> Bilingual:
    """An input error's message (and what was expected), in English and in Dutch."""
    with_expected = with_expected and bool(error.expected)
    english = error.message + (f" (expected {error.expected})" if with_expected else "")
    dutch = dutch_problem(error.message)
    if with_expected and error.expected:
        expected = dutch_expected(error.expected)
        if expected is not None:
            dutch += f" (verwacht: {expected})"
    return Bilingual(english, dutch)
