"""Request limits and content negotiation of the HTTP API, without the web framework."""

from __future__ import annotations

import ipaddress
import re

from sroi_core.errors import SroiError
from sroi_core.results_json import LANGUAGES, Language
from sroi_core.serve.operations import ApiError

DEFAULT_MAX_BODY = 64 * 1024 * 1024
"""Largest request body accepted by default (64 MiB): the pilot's largest request is
well under 1 MiB, a 10,000-commitment bid about 10 MiB."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 1000**2, "mb": 1000**2}
_UNITS |= {"mib": 1024**2, "g": 1000**3, "gb": 1000**3, "gib": 1024**3}
_SIZE = re.compile(r"^\s*([0-9]+)\s*([a-zA-Z]*)\s*$")


def parse_size(text: str) -> int:
    """Bytes from ``65536``, ``64MiB``, ``10MB`` or ``512k``; raises SroiError otherwise."""
    match = _SIZE.match(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS or int(match.group(1)) == 0:
        raise SroiError(
            f"{text!r} is not a size; give a whole number of bytes, optionally with a unit "
            "(k, KiB, MB, MiB, GB, GiB), e.g. 64MiB"
        )
    return int(match.group(1)) * _UNITS[unit]


def too_large(limit: int) -> ApiError:
    """The 413 answer to a body over ``limit`` bytes."""
    return ApiError(
        413,
        "body-too-large",
        f"the request body is larger than this server's limit of {limit} bytes "
        "(sroi serve --max-body)",
        f"de body van het verzoek is groter dan de limiet van deze server, {limit} bytes "
        "(sroi serve --max-body)",
    )


def choose_language(query: str | None, accept_language: str | None) -> Language:
    """The language of messages: ``?language=`` first, then Accept-Language, else English.

    Accept-Language is read as RFC 9110 says: the tag with the highest q-value among the
    languages we have (``nl-NL`` counts as ``nl``), the first listed on a tie.
    """
    if query is not None:
        wanted = query.strip().lower()
        for language in LANGUAGES:
            if wanted == language:
                return language
        raise ApiError(
            400,
            "bad-request",
            f"language {query!r} is not offered; use one of {', '.join(LANGUAGES)}",
            f"taal {query!r} wordt niet aangeboden; gebruik {', '.join(LANGUAGES)}",
        )
    best: tuple[float, Language] | None = None
    for item in (accept_language or "").split(","):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        for language in LANGUAGES:
            if primary == language and quality > 0 and (best is None or quality > best[0]):
                best = (quality, language)
    return best[1] if best else "en"


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1 or localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
