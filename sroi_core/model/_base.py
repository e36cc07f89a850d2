"""The base of every model: immutable, strict about unknown keys, camelCase on the wire."""

from __future__ import annotations

import threading
from decimal import Decimal
from functools import cache
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import SchemaValidator


def _has_decimal(value: Any) -> bool:
    return isinstance(value, Decimal) or (
        isinstance(value, list) and any(isinstance(item, Decimal) for item in value)
    )


def _integral(value: Any) -> Any:
    if isinstance(value, list):
        return [_integral(item) for item in value]
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return value


class SroiModel(BaseModel):
    """Base model of the standard.

    * frozen: a value read from a file cannot change behind the reader's back;
    * extra keys are refused, so a misspelt field is an error, not silently dropped data;
    * JSON keys are camelCase, Python attributes snake_case;
    * ``null`` is refused in documents read from files (validation context
      ``{"document": True}``, as :func:`sroi_core.documents.build_model` sets it): an absent
      optional field is simply left out, so a file has one spelling of "no value" and
      round-trips byte for byte. Python callers may pass ``None`` for an absent value;
    * in such a document a JSON number with a zero fraction (``2.0``, read as ``Decimal``)
      is that integer, as Draft 2020-12 says and as validators in other languages read it
      (which version's schema admits ``2.0`` where an integer is expected is its business).
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        use_enum_values=False,
        ser_json_inf_nan="strings",
    )

    @model_validator(mode="before")
    @classmethod
    def _refuse_null(cls, data: Any, info: ValidationInfo) -> Any:
        if (
            isinstance(data, dict)
            and None in data.values()
            and isinstance(info.context, dict)
            and info.context.get("document")
        ):
            key = next(key for key, value in data.items() if value is None)
            raise ValueError(f"{key!r} is null; leave an absent value out instead")
        if (
            isinstance(data, dict)
            and isinstance(info.context, dict)
            and info.context.get("document")
            and any(_has_decimal(value) for value in data.values())
        ):
            return {key: _integral(value) for key, value in data.items()}
        return data

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """Build an instance from values the engine computed itself, without validation.

        For hot paths only (the valuation of large documents builds hundreds of thousands
        of objects). Every field must be given, with the type the model declares; tests
        check that such objects equal their validated counterparts.
        """
        instance = cls.__new__(cls)
        object.__setattr__(instance, "__dict__", values)
        object.__setattr__(instance, "__pydantic_fields_set__", set(values))
        object.__setattr__(instance, "__pydantic_extra__", None)
        object.__setattr__(instance, "__pydantic_private__", None)
        return instance

    def to_json_dict(self) -> dict[str, Any]:
        """The model as the JSON object the standard defines (absent values left out)."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data


def _without_null_check(node: Any) -> Any:
    """A copy of a core schema with every ``SroiModel._refuse_null`` step taken out."""
    if isinstance(node, list):
        return [_without_null_check(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "function-before":
        function = getattr(node["function"]["function"], "__func__", None)
        if function is _REFUSE_NULL:
            return _without_null_check(node["schema"])
    return {key: _without_null_check(value) for key, value in node.items()}


_REFUSE_NULL = SroiModel._refuse_null.__func__


@cache
def null_free_validator(model: type[SroiModel]) -> SchemaValidator:
    """A validator of ``model`` that skips the per-object ``null`` check.

    For data already known to hold no ``null`` (its JSON text has no ``null`` token): it
    builds the same objects without a Python call per object, which is most of the cost
    of reading a large document once values are checked by compiled validators.
    """
    schema = _without_null_check(model.__pydantic_core_schema__)
    classes = _model_classes(schema)
    # pydantic-core reuses a complete class's own validator for a nested ``model`` schema
    # (null check included); marking the classes incomplete while building makes it
    # compile the schema given here instead.
    with _BUILDING:
        try:
            for cls in classes:
                type.__setattr__(cls, "__pydantic_complete__", False)
            return SchemaValidator(schema)
        finally:
            for cls in classes:
                type.__setattr__(cls, "__pydantic_complete__", True)


_BUILDING = threading.Lock()


def _model_classes(node: Any) -> set[type]:
    """Every model class a core schema builds."""
    found: set[type] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if item.get("type") == "model" and isinstance(item.get("cls"), type):
                found.add(item["cls"])
            stack.extend(item.values())
    return found
