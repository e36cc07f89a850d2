"""Validating a large bid, evidence report or valuation in bounded memory, item by item.

:func:`sroi_core.documents.validate_file` parses a whole document, checks it against its
schema and builds its model: about twenty times the file in memory. For a file above
:data:`STREAM_ABOVE_BYTES` it asks this module first. Here the document never exists
whole: :mod:`~sroi_core.validation.json_outline` finds the pieces, and

* every top-level member but the long list is parsed under the reader's rules (jiter:
  strict JSON, duplicate keys refused, decimals exact, no NaN or Infinity) into the
  *envelope*, which is checked against the document's schema with the list left empty,
  and built as the document's model with no items;
* the list's items (a bid's ``commitments``, an evidence report's ``items``, a
  valuation's ``lines``) are parsed a window at a time, checked against the schema of
  one item, built as models (the envelope with that window's items, as the whole path
  builds the whole: from the text in pydantic's JSON mode, from the parsed data where
  the file holds ``null`` or JSON mode refuses a part) and put through the semantic
  rules, then let go; what the rules need of the whole list is kept small (an
  :class:`~sroi_core.validation.semantic.IdTally` of the ids, and the findings).

The pieces cover every byte of the file (the bytes between them are checked to be the
commas and white space JSON allows), so the file is strict JSON exactly when every piece
is; and a schema's ``items`` applies to each item alone, so the document is schema-valid
exactly when the envelope and every item are (the list's own constraints, its size
limits, are compared with the count here; a schema that says more about the list is not
streamed at all).

**Same findings, by construction.** This pass only decides what it can decide exactly:
a document that is strict JSON, passes the schema, has no extensions and that the model
accepts. Its findings are then only those of the semantic rules, made by the same
functions in the same order as the whole-document path (:data:`semantic.LIST_RULES`).
Everything else returns None and the caller validates the file the reference way, which
words the finding: a JSON problem (syntax, encoding, duplicate key, depth), an unknown
document type or version, any schema violation, a refusal of the model built from the
parsed data (``period.order`` among them), extensions, an unusual layout (the list
before the document type is fine; a list that is not an array of objects is not). So
memory stays bounded for the common case, a valid document or one with semantic findings
only.

Streamed rules: ``id.duplicate`` of the list, ``ref.catalogue-unavailable``, the catalogue
edition rules (``ref.catalogue-edition-newer``/``-older``), ``ref.unknown``,
``unit.incompatible``, ``unit.fte-norm-missing``, for evidence items
``privacy.possible-bsn`` and ``codelist.unknown-code``, and a valuation's
``conventions.discount-schedule``. Every other finding comes from the fallback.
Catalogues, tenders, awards and monitoring documents are not streamed: they are small,
and a catalogue's rules need the whole of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, BinaryIO

import jiter
import numpy as np
import numpy.typing as npt
from pydantic import ValidationError as PydanticValidationError

from sroi_core._gc import gc_paused
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import DOCUMENT_CONTEXT, parse_document
from sroi_core.errors import InputError
from sroi_core.io import MAX_DEPTH, MAX_FILE_BYTES, identify, read_bytes
from sroi_core.model import DOCUMENT_MODELS
from sroi_core.model._base import null_free_validator
from sroi_core.model.codes import DocumentType
from sroi_core.model.document import Document
from sroi_core.rules import Finding
from sroi_core.validation.json_outline import Member, Outline, scan
from sroi_core.validation.report import FileReport
from sroi_core.validation.schema_layer import compile_fast_validator, schema_for
from sroi_core.validation.semantic import LIST_RULES, IdTally

STREAM_ABOVE_BYTES = 4 * 2**20
"""Files larger than this (4 MiB) are validated in streaming when the caller allows it.

Smaller files take the whole-document path: it is as fast, and its memory is small.
"""

_WINDOW_BYTES = 1 << 18
"""Bytes of list items read, parsed and built at a time (their objects take ~20 times it)."""

_Offsets = npt.NDArray[np.int64]
_NONE: _Offsets = np.zeros(0, dtype=np.int64)
_WHITE = b" \t\n\r"
_BOM = b"\xef\xbb\xbf"
_KEY = re.compile(rb'[ \t\n\r]*("(?:[^"\\]|\\.)*")[ \t\n\r]*:')
_STREAMED_TYPES = {
    DocumentType.BID: "commitments",
    DocumentType.EVIDENCE_REPORT: "items",
    DocumentType.VALUATION: "lines",
}
_LIST_KEYS = set(_STREAMED_TYPES.values())
_OTHER_TYPE = re.compile(
    rb'"documentType"\s*:\s*"('
    + b"|".join(
        re.escape(kind.value.encode()) for kind in DocumentType if kind not in _STREAMED_TYPES
    )
    + rb')"'
)
"""A type that never streams, seen near the start: the file is read whole at once."""
_EXTENSION_KEYS = ("extensions", "extensionData")
_ARRAY_KEYWORDS = {"type", "items", "minItems", "maxItems", "title", "description", "default"}
_DOCUMENT_KEYWORDS = {
    "$id",
    "$schema",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
}


class _CannotStreamError(Exception):
    """The streaming pass cannot decide the file exactly: validate it whole."""


class _JsonModeRefusedError(_CannotStreamError):
    """Pydantic's JSON mode refused a part: build every part from the parsed data."""


def _strict(piece: bytes) -> Any:
    """A piece of JSON parsed under the reader's rules (see ``io._fast_parse``)."""
    try:
        return jiter.from_json(
            piece,
            allow_inf_nan=False,
            catch_duplicate_keys=True,
            float_mode="decimal",
            cache_mode="keys",
        )
    except ValueError:
        raise _CannotStreamError from None


@dataclass(frozen=True)
class _ListSchema:
    """A document's schema split into its envelope and the items of its long list."""

    envelope_valid: Callable[[Any], bool]
    items_valid: Callable[[Any], bool]
    """Whether every element of an array is a valid item."""
    min_items: int
    max_items: int | None


@cache
def _list_schema(version: str, doc_type: DocumentType, key: str) -> _ListSchema | None:
    """The split schema, or None when the schema constrains the list beyond its items.

    The envelope's schema is the document's with the list's own schema reduced to
    ``{"type": "array"}``; its size limits are kept here to be compared with the count.
    """
    schema = schema_for(version, doc_type)
    listed = schema.get("properties", {}).get(key)
    if (
        not set(schema) <= _DOCUMENT_KEYWORDS
        or not isinstance(listed, dict)
        or not set(listed) <= _ARRAY_KEYWORDS
        or listed.get("type") != "array"
        or not isinstance(listed.get("items"), dict)
        or "$ref" in json.dumps(listed["items"])
    ):
        return None
    envelope = {**schema, "properties": {**schema["properties"], key: {"type": "array"}}}
    envelope_valid = compile_fast_validator(envelope, version)
    items_valid = compile_fast_validator({"type": "array", "items": listed["items"]}, version)
    if envelope_valid is None or items_valid is None:  # pragma: no cover - a core dependency
        return None
    return _ListSchema(
        envelope_valid, items_valid, int(listed.get("minItems", 0)), listed.get("maxItems")
    )


def _accepts(is_valid: Callable[[Any], bool], data: Any) -> bool:
    """The fast validator's verdict; False where it cannot convert a value.

    As the schema layer's ``is_schema_valid`` answers.
    """
    try:
        return is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    """Device, inode, size and modification time: a file written in place changes them."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class _File:
    """Reads byte ranges of one open regular file."""

    def __init__(self, fd: int, info: os.stat_result) -> None:
        """Wrap the open descriptor ``fd`` of a file whose status was ``info``."""
        self.fd = fd
        self.size = info.st_size
        self.identity = _identity(info)

    def read(self, start: int, end: int) -> bytes:
        """The bytes from ``start`` to ``end`` (exclusive)."""
        data = os.pread(self.fd, end - start, start)
        if len(data) != end - start:  # the file changed under us
            raise _CannotStreamError
        return data

    def white(self, start: int, end: int) -> None:
        """Refuse unless the bytes from ``start`` to ``end`` are JSON white space."""
        if end > start and self.read(start, end).strip(_WHITE):
            raise _CannotStreamError


def _member_key(file: _File, member: Member) -> str | None:
    """The key of a member, read from its first bytes (None if it is not plain to see)."""
    head = file.read(member.start, min(member.end, member.start + 4096))
    found = _KEY.match(head)
    if found is None:
        return None
    key = _strict(found.group(1))
    return key if isinstance(key, str) else None


def _member(text: bytes) -> tuple[str, Any]:
    """The key and value of one top-level member's text, parsed whole."""
    parsed = _strict(b"{" + text + b"}")
    if not isinstance(parsed, dict) or len(parsed) != 1:
        raise _CannotStreamError
    ((key, value),) = parsed.items()
    return key, value


@dataclass
class _Envelope:
    """The document without its long list, and where the list is in the file."""

    key: str
    data: dict[str, Any]
    """The parsed members, the list (if given) as an empty array."""
    texts: list[bytes]
    """The JSON text of every member but the list."""
    listed: Member | None

    def text_with(self, items: bytes) -> bytes:
        """The document's JSON text with only ``items`` (items' JSON text) in its list."""
        member = json.dumps(self.key).encode() + b":[" + items + b"]"
        return b"{" + b",".join([*self.texts, member]) + b"}"

    def data_with(self, items: list[Any]) -> dict[str, Any]:
        """The parsed document with only ``items`` in its list."""
        return {**self.data, self.key: items}


def _add(data: dict[str, Any], texts: list[bytes], text: bytes) -> None:
    """Parse one member's text into ``data`` (refusing a repeated key)."""
    name, value = _member(text)
    if name in data:
        raise _CannotStreamError  # a repeated key: the reader words it
    data[name] = value
    texts.append(text)


def _envelope(file: _File, outline: Outline) -> _Envelope:
    """Parse every top-level member but the document type's list (refusing repeated keys).

    The arrays under a list key of any streamed type are put aside until the document's
    type is known, so the list may come before ``documentType`` in the file.
    """
    data: dict[str, Any] = {}
    texts: list[bytes] = []
    arrays: dict[str, Member] = {}
    for member in outline.members:
        name = _member_key(file, member)
        if name in _LIST_KEYS and member.value_open >= 0:
            if name in arrays:
                raise _CannotStreamError
            prefix = file.read(member.start, member.value_open)
            if _strict(b"{" + prefix + b"[]}") != {name: []}:
                raise _CannotStreamError
            file.white(member.value_close + 1, member.end)
            arrays[name] = member
            continue
        _add(data, texts, file.read(member.start, member.end))
    kind = str(data.get("documentType"))
    key = _STREAMED_TYPES[DocumentType(kind)] if kind in _STREAMED_TYPES else ""
    for name, member in arrays.items():
        if name != key:
            _add(data, texts, file.read(member.start, member.end))
        elif name in data:
            raise _CannotStreamError
    listed = arrays.get(key)
    if listed is not None:
        data[key] = []
    return _Envelope(key, data, texts, listed)


def _item_spans(file: _File, outline: Outline, listed: Member) -> tuple[_Offsets, _Offsets]:
    """The offsets of the first and last byte of every item of the list."""
    spans = outline.elements(listed)
    if spans is None:
        raise _CannotStreamError
    starts, ends = spans
    file.white((int(ends[-1]) if len(ends) else listed.value_open) + 1, listed.value_close)
    return starts, ends


def _item_windows(
    file: _File, listed: Member, starts: _Offsets, ends: _Offsets
) -> Iterator[tuple[int, bytes]]:
    """The list's items a window at a time: the first item's index, the items' text.

    The bytes between items are checked to be a comma in white space, so the text of a
    window is valid JSON array content exactly when each of its items is valid JSON.
    """
    first = 0
    while first < len(starts):
        reach = int(starts[first]) + _WINDOW_BYTES  # items ending before it fit the window
        last = max(first + 1, int(np.searchsorted(ends, reach)))
        opening, closing = starts[first:last].tolist(), ends[first:last].tolist()
        base = listed.value_open + 1 if first == 0 else int(ends[first - 1]) + 1
        window = file.read(base, closing[-1] + 1)
        previous = base
        for index, (start, end) in enumerate(zip(opening, closing, strict=True), start=first):
            between = window[previous - base : start - base].strip(_WHITE)
            if between != (b"," if index else b""):
                raise _CannotStreamError
            previous = end + 1
        yield first, window[opening[0] - base :]
        first = last


def _validate(
    handle: BinaryIO, file: _File, path: str | os.PathLike[str], store: CatalogueStore
) -> FileReport:
    """The report of a file this pass can decide; raises _CannotStreamError otherwise."""
    source = str(path)  # as validate_file names it
    head = file.read(0, min(file.size, 4096))
    if _OTHER_TYPE.search(head) is not None:
        raise _CannotStreamError  # a document type that does not stream: read it whole
    offset = len(_BOM) if head.startswith(_BOM) else 0
    handle.seek(offset)
    seen = hashlib.sha256(head[:offset])  # every byte, to tell a later change of the file
    outline = scan(handle, offset, seen)
    if outline is None or outline.max_depth > MAX_DEPTH:
        raise _CannotStreamError
    file.white(offset, outline.root_open)
    file.white(outline.root_close + 1, file.size)
    envelope = _envelope(file, outline)
    key = envelope.key
    try:
        raw = identify(envelope.data, source)
    except InputError:
        raise _CannotStreamError from None
    if _STREAMED_TYPES.get(raw.document_type) != key or any(
        name in envelope.data for name in _EXTENSION_KEYS
    ):
        raise _CannotStreamError
    split = _list_schema(raw.standard_version, raw.document_type, key)
    if split is None or not _accepts(split.envelope_valid, envelope.data):
        raise _CannotStreamError
    starts, ends = (
        _item_spans(file, outline, envelope.listed) if envelope.listed else (_NONE, _NONE)
    )
    if len(starts) < split.min_items or (
        split.max_items is not None and len(starts) > split.max_items
    ):
        raise _CannotStreamError
    model = DOCUMENT_MODELS[raw.document_type]
    lists = _ListPass(file, envelope, split, starts, ends, model, source, store)
    try:
        findings = lists.findings(null_free=not outline.has_null)
    except _JsonModeRefusedError:  # as the whole path then does: build from the data
        findings = lists.findings(null_free=False)
    if _identity(os.fstat(handle.fileno())) != file.identity:
        raise _CannotStreamError  # written in place while it was read: read it whole
    report = StreamedFileReport(path, seen.hexdigest())
    report.document_type = raw.document_type.value
    report.standard_version = raw.standard_version
    report.findings = findings
    return report


@dataclass(frozen=True)
class _ListPass:
    """The model and the semantic rules run over the envelope, then the list's items."""

    file: _File
    envelope: _Envelope
    split: _ListSchema
    starts: _Offsets
    ends: _Offsets
    model: type[Document]
    source: str
    store: CatalogueStore

    def findings(self, *, null_free: bool) -> list[Finding]:
        """Every semantic finding, in the whole path's order; raises if a part is refused."""
        envelope, source, key = self.envelope, self.source, self.envelope.key
        build = partial(_build, self.model, null_free=null_free)
        document = build(b"{" + b",".join(envelope.texts) + b"}", envelope.data)
        rules = LIST_RULES[self.model]
        lookup = partial(self.store.find, standard_version=document.standard_version)
        opening = list(rules.opening(document, source))
        catalogue, context = rules.context(document, lookup, source)
        tally = IdTally()
        clean: set[tuple[str, str]] = set()
        item_findings: list[Finding] = []
        count, check, ident, collect = tally.add, rules.item, rules.ident, item_findings.extend
        if envelope.listed is not None:
            for first, text in _item_windows(self.file, envelope.listed, self.starts, self.ends):
                items = _strict(b"[" + text + b"]")
                if not _accepts(self.split.items_valid, items):
                    raise _CannotStreamError
                part = build(envelope.text_with(text), envelope.data_with(items))
                del items  # one window's objects alive at a time
                for index, item in enumerate(getattr(part, key), start=first):
                    count(getattr(item, ident), index)
                    collect(check(item, index, catalogue, source, clean))
                del part
        return [
            *opening,
            *tally.findings(rules.kind, source, rules.key),
            *context,
            *item_findings,
        ]


def _build(model: type[Document], text: bytes, data: Any, *, null_free: bool) -> Any:
    """The document's model with part of its list, built as the whole-document path does.

    A file without ``null`` is built from its text by pydantic's JSON mode, the rest from
    the parsed data with nulls refused (see ``documents._validate_identified``). The
    model's checks of a list are each item's own, so it builds the whole document exactly
    when it builds the envelope with each part of the list. Where JSON mode refuses a
    part, the whole path builds the whole document from the parsed data instead (it reads
    a 2.0 integer written ``2.0``): the caller then runs every part again that way. A
    refusal from the data is left to the whole path.
    """
    if null_free:
        try:
            return null_free_validator(model).validate_json(text, context=DOCUMENT_CONTEXT)
        except PydanticValidationError:
            raise _JsonModeRefusedError from None
    try:
        return model.model_validate(data, context=DOCUMENT_CONTEXT)
    except PydanticValidationError:
        raise _CannotStreamError from None


class StreamedFileReport(FileReport):
    """A report whose model is read from the file again on first use.

    A streamed file's model never existed whole; a caller that asks for it (the Python
    API allows it) gets it loaded as :func:`sroi_core.documents.load_document` does.
    """

    def __init__(self, path: str | os.PathLike[str], sha256: str) -> None:
        """A report of the file at ``path``, whose bytes had the SHA-256 ``sha256``."""
        self._path = path
        self._sha256 = sha256
        self._loaded: Any = None
        super().__init__(file=str(path))

    @property
    def document(self) -> Any:
        """The document's model, loaded on first use from the very bytes validated.

        Raises InputError if the file has changed since it was validated: the report
        speaks of the bytes it read, so a model of other bytes is never handed out.
        """
        if self._loaded is None:
            name = os.fspath(self._path)
            raw = read_bytes(name)
            if hashlib.sha256(raw).hexdigest() != self._sha256:
                raise InputError(
                    "the file has changed since it was validated",
                    source=name,
                    expected="the file as it was validated; validate it again",
                )
            self._loaded = parse_document(raw.decode("utf-8-sig"), name)
        return self._loaded

    @document.setter
    def document(self, value: Any) -> None:
        self._loaded = value


def validate_streaming(
    path: str | os.PathLike[str], store: CatalogueStore | None = None
) -> FileReport | None:
    """The report of a bid or evidence report validated in streaming, or None.

    None says this pass cannot decide the file exactly (see the module's docstring): the
    caller validates it whole, and the reference path words every finding.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        handle = os.fdopen(fd, "rb")
    except OSError:  # pragma: no cover - a descriptor just opened
        os.close(fd)
        return None
    catalogues = store if store is not None else CatalogueStore()
    with handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None
            with gc_paused():
                return _validate(handle, _File(fd, info), path, catalogues)
        except (_CannotStreamError, OSError):
            return None


def streams(path: str | os.PathLike[str], threshold: int | None = None) -> bool:
    """Whether ``validate_file`` tries the streaming pass first for ``path`` (its size)."""
    limit = STREAM_ABOVE_BYTES if threshold is None else threshold
    try:
        return os.stat(path).st_size > limit
    except (OSError, ValueError, TypeError):
        return False
