"""The canonical form of documents behind a 2.0 valuation's ``inputSha256``.

The digest says which inputs produced a valuation, so it must depend on the inputs'
meaning, never on their notation: ``"3080000.00"`` and ``"3080000"`` are the same euros,
and a list of commitments is the same in any order. The form is specified in
docs/canonical-form.md so that any language reproduces it; conformance vectors of kind
``document`` carry the expected digest. 1.0 valuations keep their 1.0 digest
(:func:`sroi_core.valuation.document.input_digest`).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import math
from collections import abc
from decimal import Decimal
from functools import cache
from operator import itemgetter
from types import ModuleType
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from sroi_core._document_memo import DocumentMemo
from sroi_core._version import FROZEN_STANDARD_VERSIONS

_orjson: ModuleType | None
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - the `fast` extra is not installed
    _orjson = None
_jiter: ModuleType | None
try:
    import jiter as _jiter
except ImportError:  # pragma: no cover - a core dependency; absent only on odd platforms
    _jiter = None


def shortest_decimal(value: Decimal) -> str:
    """A decimal in its shortest exact plain form: no exponent, no trailing zeros, no ``-0``.

    ``Decimal("3080000.00")`` gives ``"3080000"``, ``Decimal("0.0250")`` gives ``"0.025"``.
    """
    if value.is_zero():
        return "0"
    text = format(value, "f")  # exact: no context precision applies
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_LEAF = (str, int, bool, float, bytes, dt.date, dt.datetime, dt.time, enum.Enum)
"""Types whose values are never a decimal and hold nothing the form rewrites."""

_SEQUENCES = (tuple, list, abc.Sequence, abc.Collection, abc.Iterable)
"""Origins of annotations that are JSON arrays."""


def _is_identified(annotation: Any) -> bool:
    """Whether a list member of this annotation may be an object with an ``id`` (conservative)."""
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return annotation.model_config.get("extra") == "allow" or any(
                (info.alias or name) == "id" for name, info in annotation.model_fields.items()
            )
        if issubclass(annotation, _LEAF) or issubclass(annotation, Decimal):
            return False
    if annotation is None or annotation is type(None) or get_origin(annotation) is Literal:
        return False
    arguments = [a for a in get_args(annotation) if a is not Ellipsis]
    if arguments and get_origin(annotation) not in _SEQUENCES:
        return any(_is_identified(a) for a in arguments)  # a union: any of its members
    return True  # an array in an array is no object; anything else: assume it may be


def needs_visit(annotation: Any, seen: frozenset[type] = frozenset()) -> bool:
    """Whether a value of this annotation may hold something the form rewrites (conservative).

    That is a decimal (written shortest), a list whose members may be identified objects
    (sorted by id), or free-form data (walked whole).
    """
    if annotation is Decimal:
        return True
    if annotation is None or annotation is type(None):
        return False
    if isinstance(annotation, type):
        if issubclass(annotation, Decimal):
            return True
        if issubclass(annotation, BaseModel):
            if annotation in seen:
                return False  # a recursive model: its other fields decide
            if annotation.model_config.get("extra") == "allow":
                return True
            inner = seen | {annotation}
            return any(
                needs_visit(info.annotation, inner) for info in annotation.model_fields.values()
            )
        if issubclass(annotation, _LEAF):
            return False
    if get_origin(annotation) is Literal:
        return False
    arguments = [a for a in get_args(annotation) if a is not Ellipsis]
    if get_origin(annotation) in _SEQUENCES and any(_is_identified(a) for a in arguments):
        return True
    if arguments:  # a union, a container, an Annotated type: any of its arguments
        return any(needs_visit(a, seen) for a in arguments)
    return True  # Any, a TypeVar, a bare container, an unknown form: assume it may


@cache
def visited_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, JSON key) of the model's fields that may hold what the form rewrites."""
    return tuple(
        (name, info.alias or name)
        for name, info in model.model_fields.items()
        if needs_visit(info.annotation)
    )


def _canonical(model: Any, data: Any) -> Any:
    """``data`` (the JSON form of ``model``) in canonical form, in place where it can be.

    One pass guided by the model: decimals written shortest, lists of identified objects
    sorted by id; fields whose type can hold neither are not visited. Free-form data
    (a ``dict`` or ``Any`` field) has no model to say which strings are decimals: only its
    lists are sorted, as the form says.
    """
    if isinstance(model, BaseModel) and type(data) is dict:
        for name, key in visited_fields(type(model)):
            if key in data:
                data[key] = _canonical(getattr(model, name), data[key])
        return data
    if isinstance(model, tuple | list) and type(data) is list:
        items = [_canonical(m, d) for m, d in zip(model, data, strict=True)]
        return in_id_order(items)
    if isinstance(model, Decimal) and isinstance(data, str):
        return shortest_decimal(model)
    if type(data) is dict or type(data) is list:
        return sorted_by_id(data)
    return data


def in_id_order(items: list[Any]) -> list[Any]:
    """A list whose members are all objects with a string ``id``, sorted by that id.

    In UTF-16 order (RFC 8785). Where no id holds a character at or above U+D800, that is
    code point order, and the ids are compared as they are (no encoding per id).
    """
    if not items or set(map(type, items)) != {dict}:
        return items
    ids = [item.get("id") for item in items]
    if set(map(type, ids)) != {str}:
        return items
    joined = "".join(ids)
    if joined.isascii() or max(joined) < "\ud800":
        items.sort(key=_ID)
    else:
        items.sort(key=lambda item: _utf16(item["id"]))
    return items


_ID = itemgetter("id")


def sorted_by_id(data: Any) -> Any:
    """Every array whose members are all objects with a string ``id``, sorted by that id.

    In place: ``data`` is freshly parsed JSON nobody else holds.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            if type(value) is dict or type(value) is list:
                data[key] = sorted_by_id(value)
        return data
    if isinstance(data, list):
        return in_id_order(
            [
                sorted_by_id(item) if type(item) is dict or type(item) is list else item
                for item in data
            ]
        )
    return data


def canonical_data(document: BaseModel) -> Any:
    """The JSON data of a document in canonical form (before serialisation)."""
    data = json.loads(
        document.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True)
    )
    return _canonical(document, data)


def document_bytes(document: BaseModel) -> bytes:
    """``canonical_json(canonical_data(document))``, by the fast writer where equal.

    A document without floats (nearly all) is written by :func:`written`; one with floats
    (only free-form extension data can hold them) by the RFC 8785 serialiser.
    """
    text = document.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True)
    floats: list[str] = []

    def parse_float(literal: str) -> float:
        floats.append(literal)
        return float(literal)

    data = _canonical(document, json.loads(text, parse_float=parse_float))
    return canonical_json(data) if floats else written(data)


def joined_digest(members: dict[str, bytes]) -> str:
    """SHA-256 (lower-case hex) of a canonical JSON object whose values are canonical bytes.

    Keys in UTF-16 order (RFC 8785); for ASCII keys that is also ``sort_keys`` order, so
    1.0's digest payload is joined the same way. The members are hashed where they lie,
    never joined into one copy (a large document's bytes are tens of megabytes).
    """
    digest = hashlib.sha256(b"{")
    for number, key in enumerate(sorted(members, key=_utf16)):
        digest.update(b"," if number else b"")
        digest.update(_serialise(key).encode("utf-8") + b":")
        digest.update(members[key])
    digest.update(b"}")
    return digest.hexdigest()


def _utf16(text: str) -> bytes:
    """Sort key of RFC 8785: the string's UTF-16 code units."""
    return text.encode("utf-16-be")


def _number(value: int | float) -> str:
    """An RFC 8785 number (ECMAScript ``Number.prototype.toString``)."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError("a canonical form has no NaN or infinity")
    if value == 0:
        return "0"
    digits, exponent = _shortest_digits(abs(value))
    sign = "-" if value < 0 else ""
    point = exponent + 1  # the position of the decimal point after the first digit
    if -6 < point <= 21:
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        if point >= len(digits):
            return f"{sign}{digits}{'0' * (point - len(digits))}"
        return f"{sign}{digits[:point]}.{digits[point:]}"
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{mantissa}e{'+' if exponent > 0 else '-'}{abs(exponent)}"


def _shortest_digits(value: float) -> tuple[str, int]:
    """The shortest round-trip digits of a positive float and its decimal exponent."""
    _sign, digits, exponent = Decimal(repr(value)).as_tuple()
    text = "".join(str(digit) for digit in digits)
    return text.rstrip("0"), len(text) - 1 + int(exponent)


def canonical_json(data: Any) -> bytes:
    """RFC 8785 (JSON Canonicalization Scheme) bytes of JSON data."""
    return _serialise(data).encode("utf-8")


def _serialise(data: Any) -> str:
    if data is None:
        return "null"
    if data is True:
        return "true"
    if data is False:
        return "false"
    if isinstance(data, int | float):
        return _number(data)
    if isinstance(data, str):
        return json.dumps(data, ensure_ascii=False)
    if isinstance(data, list):
        return "[" + ",".join(_serialise(item) for item in data) + "]"
    if isinstance(data, dict):
        keys = sorted(data, key=_utf16)
        return "{" + ",".join(f"{_serialise(k)}:{_serialise(data[k])}" for k in keys) + "}"
    raise TypeError(f"not JSON data: {type(data).__name__}")


def written(data: Any) -> bytes:
    """``canonical_json(data)`` for JSON data without floats, by the C encoder where equal.

    RFC 8785 and ``json.dumps(sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)`` write such data alike unless a string holds a character at or
    above U+D800 (UTF-16 order then differs from code point order): only then is the
    RFC 8785 serialiser used.
    """
    written = sorted_plain(data)
    if not written.isascii() and max(written.decode("utf-8")) >= "\ud800":
        return canonical_json(data)
    return written


def canonical_digest(payload: Any) -> str:
    """SHA-256 (lower-case hex) of the canonical JSON of ``payload``."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


FORMS = DocumentMemo(document_bytes)
"""Each document's canonical bytes in a digest from 2.0 on, kept while it lives."""


def sorted_json(data: Any) -> bytes:
    """1.0's canonical bytes of JSON data: sorted keys, no spaces, UTF-8 (for hashing)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sorted_plain(data: Any) -> bytes:
    """:func:`sorted_json` of JSON data without floats, by orjson where it is installed.

    Such data (strings, integers, booleans, null, arrays and objects, as a parse that
    reads fractions as ``Decimal`` leaves it when it holds none) orjson writes as
    ``json.dumps`` does: keys in code point order (which UTF-8 byte order is), the same
    escapes, about eight times faster on a large document. What orjson refuses (an
    integer beyond 64 bits, a lone surrogate, a ``Decimal``, deep nesting) is written by
    ``json.dumps``, which then writes or raises as it always did. Floats are the caller's
    to keep out: orjson writes some of them differently (``1e16``).
    tests/test_read_form.py compares the two writers on generated data.
    """
    if _orjson is not None:
        try:
            written: bytes = _orjson.dumps(data, option=_orjson.OPT_SORT_KEYS)
        except TypeError:  # orjson.JSONEncodeError
            pass
        else:
            return written
    return sorted_json(data)


LISTS_1_0 = ("commitments", "items")
"""The lists a 1.0 digest puts in id order (top-level members of a bid or report)."""


def in_order_1_0(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a document's JSON object with its 1.0 digest lists in id order."""
    ordered = dict(data)
    for key in LISTS_1_0:
        if key in ordered:
            ordered[key] = sorted(ordered[key], key=lambda entry: entry["id"])
    return ordered


def document_bytes_1_0(document: BaseModel) -> bytes:
    """Canonical bytes of one document in a 1.0 digest: its lists in id order.

    The standard's JSON form of the document (pydantic's serialiser is the fast way to
    it; the digest is over sorted keys, so its key order does not matter).
    """
    text = document.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True)
    return sorted_plain(in_order_1_0(_parsed_exactly(text)))


def _parsed_exactly(text: str) -> Any:
    """JSON text the model wrote, parsed with fractions as ``Decimal``.

    By jiter (compiled, about 1.5x ``json.loads`` on a large document) where it reads the
    text, else by ``json.loads``; both give the same data (tests/test_canonical.py).
    """
    if _jiter is not None:
        try:
            return _jiter.from_json(text.encode("utf-8", "surrogatepass"), float_mode="decimal")
        except ValueError:  # e.g. an escaped lone surrogate: the reference parser decides
            pass
    return json.loads(text, parse_float=Decimal)


FORMS_1_0 = DocumentMemo(document_bytes_1_0)
"""Each document's canonical bytes in a 1.0 digest, kept while it lives."""


def form_memo(standard_version: str) -> DocumentMemo[bytes]:
    """The memo of the form a digest of ``standard_version`` uses."""
    return FORMS_1_0 if standard_version in FROZEN_STANDARD_VERSIONS else FORMS


def input_digest(
    subject: BaseModel, catalogue: BaseModel, tender: BaseModel | None, bid: BaseModel | None
) -> str:
    """The ``inputSha256`` of a 2.0 valuation (docs/canonical-form.md).

    The canonical JSON of ``{"standardVersion", "subject", "catalogue", "tender", "bid"}``,
    joined from each document's canonical bytes (kept per document: see DocumentMemo).
    """

    def form(document: BaseModel | None) -> bytes:
        return b"null" if document is None else FORMS(document)

    version = getattr(subject, "standard_version", None)
    payload = {
        "standardVersion": canonical_json(version),
        "subject": form(subject),
        "catalogue": form(catalogue),
        "tender": form(tender),
        "bid": form(bid) if bid is not subject else b"null",
    }
    return joined_digest(payload)
