"""A document's digest form made from the JSON it was read from, not from its model.

A valuation's ``inputSha256`` is over the canonical JSON of the documents valued. Made
from a model, that costs a write of the whole model, a parse of that text and a sorted
write: on a bid of 100,000 commitments, more than the valuation itself. The reader
already holds the parsed JSON, and where the model writes back exactly what it read, the
form made from that JSON is the same bytes for a third of the work. The reader then
keeps those bytes with the document (``canonical.DocumentMemo.keep``), and the valuation
finds them there.

"Exactly what it read" is decided per model class, conservatively
(:func:`reads_back`): every field's type must write back the JSON it accepts (text,
integers, booleans, closed codes, ``YYYY-MM-DD`` dates, plain decimal strings, nested
models and lists of them, free-form extension data), and no serialiser but the decimal
one may rewrite a value. A date-time is written back normalised (``+00:00`` as ``Z``, a
fraction in six digits): each one is checked, and a document holding one that is not
written as read is not kept. Within a kept class, a number with a
fraction or an exponent (read as ``Decimal``) is what the model rewrites; the form is
then not kept either. Where nothing is kept, the valuation makes the form from the model,
as before: the bytes, and so every digest, are the same either way
(tests/test_read_form.py compares them on every example, conformance vector and
generated document).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache, lru_cache
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    AwareDatetime,
    BaseModel,
    FutureDatetime,
    NaiveDatetime,
    PastDatetime,
    PlainSerializer,
    PlainValidator,
    TypeAdapter,
    WrapSerializer,
    WrapValidator,
)

from sroi_core import canonical
from sroi_core._decimal import decimal_text
from sroi_core._version import FROZEN_STANDARD_VERSIONS

_WRITTEN_AS_READ = (str, int, bool, enum.Enum)
"""Leaf types whose value writes back the JSON it was read from (enums: their value)."""

_SEQUENCES = (tuple, list)
_DATE_TIMES = (dt.datetime, AwareDatetime, NaiveDatetime, PastDatetime, FutureDatetime)
"""Date-time types (pydantic's constrained ones are marker classes, not subclasses)."""


def _serialisers_allowed(metadata: list[Any]) -> bool:
    """Whether ``Annotated`` metadata rewrites no value on the way out.

    Validators check or convert on the way in; what is written is decided by the type
    and its serialiser. The one serialiser allowed writes a decimal's plain text, which
    for every string the decimal patterns admit is that string itself.
    """
    for item in metadata:
        if isinstance(item, PlainSerializer):
            if item.func is not decimal_text:
                return False
        elif isinstance(item, WrapSerializer | PlainValidator | WrapValidator):
            return False
    return True


def _annotation_reads_back(annotation: Any, seen: frozenset[type]) -> bool:
    if annotation is None or annotation is type(None) or annotation is Any:
        return True  # Any: free-form data, written as read
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        return _serialisers_allowed(metadata) and _annotation_reads_back(base, seen)
    if origin is Literal:
        return all(isinstance(value, str | int | bool) for value in get_args(annotation))
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return annotation in seen or _class_reads_back(annotation, seen | {annotation})
        if issubclass(annotation, _DATE_TIMES):
            return True  # written normalised: each value is checked (_datetimes_as_read)
        if issubclass(annotation, dt.time | float | bytes):
            return False  # written normalised: not as read
        if issubclass(annotation, dt.date):
            return True  # the model reads YYYY-MM-DD only, and writes that
        if issubclass(annotation, Decimal):
            return True  # plain text only, written back by decimal_text as it was
        return issubclass(annotation, _WRITTEN_AS_READ)
    if origin is not None:  # a container or a union: all of its arguments
        return all(
            _annotation_reads_back(argument, seen)
            for argument in get_args(annotation)
            if argument is not Ellipsis
        )
    return False  # an unknown form: assume it may rewrite


@cache
def reads_back(model: type[BaseModel]) -> bool:
    """Whether every file this model class accepts is written back by it unchanged.

    "Written back": ``model_dump_json(by_alias=True, exclude_unset=True,
    exclude_none=True)``, the JSON form the digest is made from, parsed, equals the data
    read, for data without numbers that have a fraction or an exponent (those are
    refused by :func:`read_form`). Conservative: a class the rules below do not cover
    says no. Extra members are refused by every class of the standard; a class that
    allowed them, or had its own serialiser or computed fields, says no.
    """
    return _class_reads_back(model, frozenset({model}))


def _class_reads_back(model: type[BaseModel], seen: frozenset[type]) -> bool:
    """:func:`reads_back`, ``seen`` the classes being decided (a class may hold itself)."""
    config = model.model_config
    decorators = model.__pydantic_decorators__
    if (
        config.get("extra") != "forbid"
        or decorators.field_serializers
        or decorators.model_serializers
        or decorators.computed_fields
    ):
        return False
    return all(
        _serialisers_allowed(list(info.metadata)) and _annotation_reads_back(info.annotation, seen)
        for info in model.model_fields.values()
    )


def read_form(model: type[BaseModel], standard_version: str, data: Any) -> bytes | None:
    """The digest form of a document of ``model`` read as ``data``; None: make it later.

    The form is that of a digest of the document's own version (1.0: sorted keys, the
    commitment and item lists in id order; 2.0: also decimals shortest and every list of
    identified objects in id order, docs/canonical-form.md). ``data`` is not changed.
    It must be JSON as :func:`sroi_core.io.parse_json` reads it: a number with a fraction
    or an exponent a ``Decimal`` (which makes the form not kept), never a float (which
    would be written, and written differently than the model writes it).
    """
    if not isinstance(data, dict) or not reads_back(model):
        return None
    if not _datetimes_as_read(model, data):
        return None
    try:
        if standard_version in FROZEN_STANDARD_VERSIONS:
            return canonical.sorted_plain(canonical.in_order_1_0(data))
        return _form_2_0(model, data)
    except (TypeError, ValueError, UnicodeError):  # a Decimal (a number with a fraction),
        return None  # a lone surrogate: what the model writes otherwise, or refuses


def _form_2_0(model: type[BaseModel], data: dict[str, Any]) -> bytes | None:
    """The 2.0 form: the typed walk, then RFC 8785 bytes (a ``Decimal`` left raises)."""
    try:
        formed = _model_step(model)(data)
    except _NotKeptError:
        return None
    return canonical.written(formed)


class _NotKeptError(Exception):
    """The data cannot be put in canonical form by its type alone (see :func:`_step`)."""


_COMPILING: set[type[BaseModel]] = set()
"""Classes whose step is being compiled (a field of one of them may hold the class)."""

_Step = Callable[[Any], Any]
"""Rewrites one value into 2.0 canonical form; returns the value itself when unchanged."""


@cache
def _model_step(model: type[BaseModel]) -> _Step:
    """The step of a model's JSON object: its fields that may need rewriting, rewritten.

    The same rewriting as ``canonical.canonical_data``, which is guided by the model's
    values, here guided by the types alone, compiled once per class: decimals shortest,
    lists of identified objects in id order, free-form data's lists sorted. The data is
    not changed: what a step rewrites is copied.
    """
    _COMPILING.add(model)
    try:
        fields = [
            (key, _step(model.model_fields[name].annotation))
            for name, key in canonical.visited_fields(model)
        ]
    finally:
        _COMPILING.discard(model)
    steps = [(key, step) for key, step in fields if step is not None]

    def walk(data: Any) -> Any:
        if type(data) is not dict:
            raise _NotKeptError
        copied = None
        for key, step in steps:
            if key in data:
                value = data[key]
                formed = step(value)
                if formed is not value:
                    if copied is None:
                        copied = dict(data)
                    copied[key] = formed
        return data if copied is None else copied

    return walk


def _shortest(data: Any) -> Any:
    return _shortest_text(data) if type(data) is str else data


@lru_cache(maxsize=4096)
def _shortest_text(text: str) -> str:
    """A decimal's shortest text (a document repeats a few quantities many times)."""
    return canonical.shortest_decimal(Decimal(text))


def _free_form(data: Any) -> Any:
    if type(data) is dict or type(data) is list:  # sorted in a copy
        return canonical.sorted_by_id(json.loads(json.dumps(data)))
    return data


def _ambiguous(_data: Any) -> Any:
    raise _NotKeptError  # a union of types that may need rewriting: which one is it?


def _step(annotation: Any) -> _Step | None:
    """The step of a value of ``annotation``; None when it never needs rewriting."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _step(get_args(annotation)[0])
    if origin is Literal or not canonical.needs_visit(annotation):
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in _COMPILING:
            return _model_step(annotation)
        model = annotation

        def nested(data: Any) -> Any:
            return _model_step(model)(data)  # a class that holds itself: looked up when run

        return nested
    if isinstance(annotation, type) and issubclass(annotation, Decimal):
        return _shortest
    members = [a for a in get_args(annotation) if a is not Ellipsis and a is not type(None)]
    if origin in _SEQUENCES and len(members) == 1:
        inner = _step(members[0])

        def in_order(data: Any) -> Any:
            if type(data) is not list:
                raise _NotKeptError
            items = list(data) if inner is None else [inner(item) for item in data]
            return canonical.in_id_order(items)

        return in_order
    if origin is not None and origin not in _SEQUENCES and origin is not dict and members:
        if len(members) == 1:  # an optional value
            return _step(members[0])
        return _ambiguous
    return _free_form


_PLAIN_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-](?!00:00)[0-9]{2}:[0-9]{2})"
)
"""RFC 3339 text the model writes back as it is: whole seconds, ``Z`` or a non-zero offset.

Other text (a fraction, ``z``, ``+00:00``) is checked by writing back its value."""


def _may_hold_datetime(annotation: Any, seen: frozenset[type] = frozenset()) -> bool:
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return annotation not in seen and any(
                _may_hold_datetime(info.annotation, seen | {annotation})
                for info in annotation.model_fields.values()
            )
        return issubclass(annotation, _DATE_TIMES)
    return any(_may_hold_datetime(argument, seen) for argument in get_args(annotation))


@cache
def _datetime_fields(model: type[BaseModel]) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, JSON key, annotation) of the model's fields that may hold a date-time."""
    return tuple(
        (name, info.alias or name, info.annotation)
        for name, info in model.model_fields.items()
        if _may_hold_datetime(info.annotation)
    )


@cache
def _writer(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _written_as_read(text: str, annotation: Any) -> bool:
    """Whether the model writes a date-time read from ``text`` back as ``text``."""
    if _PLAIN_DATE_TIME.fullmatch(text) is not None:
        return True
    adapter = _writer(annotation)
    try:
        value = adapter.validate_python(text)
    except ValueError:
        return False
    written: Any = adapter.dump_python(value, mode="json")
    return bool(written == text)


def _datetimes_as_read(model: type[BaseModel], data: Any) -> bool:
    """Whether every date-time in ``data`` (read as ``model``) is written as read."""
    check = _model_check(model)
    return check is None or check(data)


_Check = Callable[[Any], bool]
"""Whether every date-time in one value is written as read."""

_CHECKING: set[type[BaseModel]] = set()
"""Classes whose check is being compiled (a field of one of them may hold the class)."""


@cache
def _model_check(model: type[BaseModel]) -> _Check | None:
    """The check of a model's JSON object, compiled once per class; None: nothing to check."""
    if model in _CHECKING:
        return lambda data: _checked_later(model, data)  # a class that holds itself
    _CHECKING.add(model)
    try:
        fields = [(key, _check(field)) for _name, key, field in _datetime_fields(model)]
    finally:
        _CHECKING.discard(model)
    checks = [(key, check) for key, check in fields if check is not None]
    if not checks:
        return None

    def check(data: Any) -> bool:
        return type(data) is dict and all(
            check(data[key]) for key, check in checks if key in data
        )

    return check


def _checked_later(model: type[BaseModel], data: Any) -> bool:
    check = _model_check(model)
    return check is None or check(data)


def _check(annotation: Any) -> _Check | None:
    """The check of a value of ``annotation``; None where it cannot hold a date-time."""
    if not _may_hold_datetime(annotation):
        return None
    if get_origin(annotation) is Annotated:
        base = get_args(annotation)[0]
        if isinstance(base, type) and issubclass(base, _DATE_TIMES):
            return lambda data: type(data) is str and _written_as_read(data, annotation)
        return _check(base)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _model_check(annotation)
        return lambda data: type(data) is str and _written_as_read(data, annotation)
    members = [a for a in get_args(annotation) if _may_hold_datetime(a)]
    if get_origin(annotation) in _SEQUENCES and len(members) == 1:
        inner = _check(members[0])
        if inner is None:
            return None
        return lambda data: type(data) is list and all(map(inner, data))
    if len(members) == 1 and get_origin(annotation) not in _SEQUENCES:
        return _check(members[0])  # an optional value
    return lambda _data: False  # a union of date-time holders: not kept


def keep_read_form(document: BaseModel, form: bytes | None) -> None:
    """Keep ``form`` (from :func:`read_form`) as the digest form of ``document``."""
    if form is not None:
        canonical.form_memo(getattr(document, "standard_version", "")).keep(document, form)
