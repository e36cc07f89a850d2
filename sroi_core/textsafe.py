"""Neutralising document text for each output: Markdown, terminal.

Names, descriptions, reasons and ids come from suppliers. Put raw into Markdown, a
supplier name could forge a heading or a table row, add a ``javascript:`` link or open an
HTML comment that hides the rest of a council report; printed raw to a terminal, ANSI
escapes and carriage returns can clear the screen or overwrite a line with a forged one.
Every renderer passes document text through one of these functions (HTML output escapes
with :func:`html.escape` in :mod:`sroi_core.report.html`).
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides.

Escaping ESC (and the C1 CSI) defuses every ANSI escape sequence: what follows it is
plain text."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
"""Characters with a meaning anywhere in CommonMark/GFM inline text: escapes, code,
emphasis, links and images (``(`` and ``!`` mean nothing once ``[`` is escaped), HTML and
comments, table cells, strikethrough. Each is escaped with a backslash."""

_LINE_START = re.compile(r"^(\s*)(\d*)([-+=#.)])(?=\s|$|[-=#*_])")
"""What makes a line a list item, a setext underline or a block quote when it starts one."""

_SAFE_URL = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


def _visible(match: re.Match[str]) -> str:
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in match[0])


def terminal_text(text: str, *, newlines: bool = False) -> str:
    """``text`` safe to print: escapes and control characters shown as text, never run.

    ESC becomes the four characters backslash, x, 1, b; a carriage return is shown the same
    way (it cannot overwrite the line before it). Newlines are kept only when ``newlines``
    is true (a rendered table), otherwise shown escaped too.
    """
    shown = _CONTROL.sub(_visible, text)
    if not newlines:
        shown = shown.replace("\n", "\\x0a")
    return shown


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline text, on one line.

    Every character with a Markdown or HTML meaning is backslash-escaped (so ``<!--``,
    ``<script>``, ``[x](javascript:...)``, ``| cell |``, ``**bold**`` and ``# heading``
    render as the characters they are); newlines become spaces; a leading ``-``, ``+``,
    ``=``, ``>`` or ``1.`` is escaped so that the text cannot start a list or a quote.
    Control characters are shown escaped, as in :func:`terminal_text`.
    """
    one_line = " ".join(text.splitlines()) if text else text
    shown = terminal_text(one_line)
    shown = _MARKDOWN_SPECIAL.sub(r"\\\1", shown)
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}", shown, count=1)


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span (backticks and newlines cannot break out of it)."""
    shown = terminal_text(" ".join(text.splitlines())).replace("`", "'")
    return f"`{shown}`"


def markdown_url(url: str | None) -> str | None:
    """``url`` when it is safe to link (http, https, mailto, an anchor), else None.

    A ``javascript:`` or ``data:`` link is never written; characters that would end the
    link early (space, parentheses, angle brackets) are percent-encoded.
    """
    if url is None or _SAFE_URL.match(url.strip()) is None or _CONTROL.search(url):
        return None
    return (
        url.strip()
        .replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )
