"""Reading exchange files safely: strict JSON, bounded size, clear errors.

Whatever the input — a directory, an empty or truncated file, NaN, Infinity, 1e999,
duplicate keys, a huge or deeply nested document — the reader raises an
:class:`~sroi_core.errors.InputError` naming the file and what was expected; it never
lets a Python traceback through and never drops data silently.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sroi_core._version import SUPPORTED_STANDARD_VERSIONS
from sroi_core.errors import (
    DocumentTypeError,
    FileReadError,
    JSONSyntaxError,
    UnsupportedVersionError,
    expect_type,
)
from sroi_core.model.codes import DocumentType
from sroi_core.model.document import VERSION_PATTERN
from sroi_core.rules import Severity, define_rule

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Largest file read (512 MiB): a 1,000,000-commitment bid is far smaller."""

MAX_DEPTH = 64
"""Deepest nesting accepted; the standard's documents nest fewer than 12 levels."""

RULE_JSON = define_rule(
    "json.syntax",
    Severity.ERROR,
    "Not strict JSON",
    "{problem}",
    "The file is not strict JSON (RFC 8259): truncated, NaN or Infinity, a duplicate key, "
    "an out-of-range number or nesting deeper than the standard allows.",
    category="file",
    template_nl="{problem}",
)
RULE_FILE = define_rule(
    "file.unreadable",
    Severity.ERROR,
    "File cannot be read",
    "{problem}",
    "The path is missing, a directory, unreadable, larger than the limit or not UTF-8 text.",
    category="file",
    template_nl="{problem}",
)
RULE_DOC_TYPE = define_rule(
    "document.type",
    Severity.ERROR,
    "Unknown document type",
    "{problem}",
    "The top-level documentType is missing or is not one of catalogue, tender, bid, "
    "evidenceReport, valuation.",
    category="envelope",
    template_nl="{problem}",
)
RULE_VERSION = define_rule(
    "document.version",
    Severity.ERROR,
    "Unsupported standard version",
    "{problem}",
    "The top-level standardVersion is missing, malformed (major.minor) or not a version "
    "this implementation reads.",
    category="envelope",
    template_nl="{problem}",
)


@dataclass(frozen=True)
class RawDocument:
    """A parsed JSON document with where it came from and what it claims to be."""

    data: dict[str, Any]
    source: str
    document_type: DocumentType
    standard_version: str


def json_type_name(value: Any) -> str:
    """The JSON name of a parsed value's type (object, array, string, number, boolean, null)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list | tuple) else "object"


def json_text(value: Any, limit: int = 80) -> str:
    """A parsed value as it is written in JSON, shortened for a message (never a Python repr)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    text = str(value) if isinstance(value, Decimal) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f'duplicate key "{key}" in one object')
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _depth_ok(node: Any, limit: int) -> bool:
    """Whether no container is nested deeper than ``limit`` (scalars are not visited)."""
    stack: list[tuple[Any, int]] = [(node, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


class _Repeated(dict[str, Any]):
    """An object that had a repeated key (only made when explaining a duplicate)."""


def _duplicate_pointer(text: str) -> str:
    """The JSON pointer of the first object with a repeated key (for the error message).

    Run only after the strict reader refused the text: the text is read again, marking
    objects with a repeated key, and the first marked one is looked for.
    """

    def mark(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        return _Repeated(pairs) if len(set(keys)) < len(keys) else dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=mark, parse_float=Decimal)
    except (ValueError, RecursionError):
        return ""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, pointer = stack.pop(0)
        if isinstance(node, _Repeated):
            return pointer  # "" is the whole document (RFC 6901); "/" would be a key ""
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in children:
            if isinstance(child, dict | list):
                step = str(key).replace("~", "~0").replace("/", "~1")
                stack.append((child, f"{pointer}/{step}"))
    return ""


_NOT_PARSED = object()
_NOT_BRACKETS = bytes(range(256)).translate(None, b'"[]{}')


def _max_depth(raw: bytes) -> int:
    """The deepest nesting of valid JSON bytes, counted from the text in a few C passes.

    Escaped backslashes and quotes are dropped first, so every quote left delimits a
    string; the brackets outside strings (even count of quotes before them) are then
    summed with numpy. Walking the parsed objects instead would visit every container in
    Python.
    """
    import numpy as np  # noqa: PLC0415 - numpy is loaded only for a parsed file

    bare = raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_BRACKETS)
    chars = np.frombuffer(bare, dtype=np.uint8)
    quotes = (chars == ord('"')).view(np.uint8)
    outside = np.bitwise_xor.accumulate(quotes) == 0 if len(chars) else quotes.astype(bool)
    brackets = chars[outside & (quotes == 0)]
    if len(brackets) == 0:
        return 0
    step = np.zeros(256, dtype=np.int8)
    step[list(b"[{")] = 1
    step[list(b"]}")] = -1
    return int(np.cumsum(step[brackets], dtype=np.int32).max())


def _fast_parse(text: str, source: str) -> Any:
    """Parse with jiter under our rules (compiled, several times faster), or ``_NOT_PARSED``.

    jiter refuses duplicate keys, NaN and Infinity and keeps every number with a fraction
    or exponent as ``Decimal``, as :func:`parse_json` does. Whatever it refuses, or where
    it is not installed, the standard library's parser reads the text again, so the
    verdict and the message are always those of the reference reader.
    """
    try:
        import jiter  # noqa: PLC0415 - optional compiled dependency, loaded on use
    except ImportError:  # pragma: no cover - a core dependency; absent only on odd platforms
        return _NOT_PARSED
    raw = text.encode("utf-8", "surrogatepass")
    try:
        data = jiter.from_json(
            raw,
            allow_inf_nan=False,
            catch_duplicate_keys=True,
            float_mode="decimal",
            cache_mode="keys",
        )
    except ValueError:
        return _NOT_PARSED
    if isinstance(data, dict | list) and _max_depth(raw) > MAX_DEPTH:
        raise JSONSyntaxError(
            "the document is nested too deeply",
            source=source,
            expected=f"at most {MAX_DEPTH} levels",
        )
    return data


def parse_json(text: str, source: str = "<memory>") -> Any:
    """Parse strict JSON: no NaN/Infinity, no duplicate keys, floats kept as Decimal.

    Numbers with a fraction or exponent become ``Decimal``, so ``1e999`` is kept exactly
    (and then refused by the schema where a decimal string is expected) instead of
    turning into ``inf``.
    """
    if not text.strip():
        raise JSONSyntaxError("the file is empty", source=source, expected="a JSON object")
    data = _fast_parse(text, source)
    if data is not _NOT_PARSED:
        return data
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=Decimal,
        )
    except json.JSONDecodeError as error:
        raise JSONSyntaxError(
            f"not valid JSON at line {error.lineno} column {error.colno}: {error.msg}",
            source=source,
            expected="a complete JSON document",
        ) from None
    except RecursionError:
        raise JSONSyntaxError(
            "the document is nested too deeply to read",
            source=source,
            expected=f"at most {MAX_DEPTH} levels",
        ) from None
    except ValueError as error:  # duplicate keys, NaN, over-long integers
        message = str(error)
        if "integer string conversion" in message or "int_max_str_digits" in message:
            message = "an integer has more digits than a JSON reader can take (4300)"
        pointer = _duplicate_pointer(text) if message.startswith("duplicate key") else ""
        raise JSONSyntaxError(
            message, source=source, pointer=pointer, expected="strict JSON"
        ) from None
    if isinstance(data, dict | list) and not _depth_ok(data, MAX_DEPTH):
        raise JSONSyntaxError(
            "the document is nested too deeply",
            source=source,
            expected=f"at most {MAX_DEPTH} levels",
        )
    return data


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked before reading.

    The file is opened without blocking and checked on the open descriptor (no race with
    a file swapped in between): a directory, a FIFO, a socket or a device such as
    ``/dev/zero`` is refused before a byte is read, and so is a file larger than the limit;
    at most ``limit + 1`` bytes are ever read, so a file that grows meanwhile is refused too.
    """
    expect_type(path, (str, os.PathLike), "the path")
    limit = MAX_FILE_BYTES if limit is None else limit
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise FileReadError("no such file", source=name) from None
    except IsADirectoryError:
        raise FileReadError("is a directory", source=name, expected="a JSON file") from None
    except OSError as error:
        raise FileReadError(f"cannot read the file: {error.strerror}", source=name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileReadError("is a directory", source=name, expected="a JSON file")
        if not stat.S_ISREG(info.st_mode):
            raise FileReadError(
                "is not a regular file (a pipe, socket or device)",
                source=name,
                expected="a regular file",
            )
        if info.st_size > limit:
            raise FileReadError(
                f"the file is {info.st_size} bytes, more than the limit of {limit} bytes",
                source=name,
                expected=f"at most {limit} bytes",
            )
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise FileReadError(f"cannot read the file: {error.strerror}", source=name) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise FileReadError(
            f"the file grew beyond the limit of {limit} bytes while it was read",
            source=name,
            expected=f"at most {limit} bytes",
        )
    return raw


def read_text(path: str | os.PathLike[str], limit: int | None = None) -> str:
    """The UTF-8 text of a regular file (see :func:`read_bytes` for what is refused)."""
    raw = read_bytes(path, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileReadError(
            f"not UTF-8 text (byte {error.start})", source=os.fspath(path), expected="UTF-8 JSON"
        ) from None


def identify(data: Any, source: str = "<memory>") -> RawDocument:
    """Check the envelope (object, ``documentType``, ``standardVersion``) of parsed JSON."""
    if not isinstance(data, dict):
        raise DocumentTypeError(
            f"the top level is a JSON {json_type_name(data)}",
            source=source,
            expected="a JSON object with documentType and standardVersion",
        )
    raw_type = data.get("documentType")
    known = ", ".join(t.value for t in DocumentType)
    if not isinstance(raw_type, str) or raw_type not in DocumentType.__members__.values():
        problem = (
            "documentType is missing" if raw_type is None else f"unknown documentType {raw_type!r}"
        )
        raise DocumentTypeError(problem, source=source, pointer="/documentType", expected=known)
    version = data.get("standardVersion")
    supported = ", ".join(SUPPORTED_STANDARD_VERSIONS)
    if not isinstance(version, str) or not _matches_version(version):
        raise UnsupportedVersionError(
            "standardVersion is missing or not major.minor"
            if version is None
            else f"standardVersion {version!r} is not major.minor",
            source=source,
            pointer="/standardVersion",
            expected=f'a string such as "{SUPPORTED_STANDARD_VERSIONS[-1]}"',
        )
    if version not in SUPPORTED_STANDARD_VERSIONS:
        raise UnsupportedVersionError(
            f"standard version {version} is not supported by this implementation",
            source=source,
            pointer="/standardVersion",
            expected=f"one of {supported}",
        )
    return RawDocument(data, source, DocumentType(raw_type), version)


def _matches_version(text: str) -> bool:
    return re.fullmatch(VERSION_PATTERN, text) is not None


def load_raw(path: str | os.PathLike[str]) -> RawDocument:
    """Read, parse and identify one exchange file."""
    name = os.fspath(path)
    return identify(parse_json(read_text(path), name), name)
