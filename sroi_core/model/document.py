"""The envelope every exchange document shares: standard version and document type."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, field_serializer

from sroi_core.model._base import SroiModel
from sroi_core.model.types import Identifier
from sroi_core.model.versions import since

VERSION_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"

EXTENSION_ID_PATTERN = r"^([a-z][a-z0-9-]{1,62}|https://[\x21-\x7E]{1,500})$"
"""An extension is named by a short id (``tenderned``) or by the URL of its extension.json."""

ExtensionId = Annotated[str, Field(pattern=EXTENSION_ID_PATTERN)]


def _as_json_number(value: Any) -> Any:
    """Extension data is free JSON: a number read as ``Decimal`` is written as a number."""
    if isinstance(value, dict):
        return {key: _as_json_number(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json_number(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Document(SroiModel):
    """Fields on top of every document. Subclasses fix ``document_type`` to a literal.

    ``document_type`` always counts as set, so it is written even when a Python caller
    left it to its default.
    """

    standard_version: Annotated[str, Field(pattern=VERSION_PATTERN)]
    document_type: str
    id: Identifier
    extensions: tuple[ExtensionId, ...] | None = Field(
        default=None, min_length=1, max_length=50, json_schema_extra=since("2.0")
    )
    extension_data: dict[ExtensionId, dict[str, Any]] | None = Field(
        default=None, json_schema_extra={**since("2.0"), "additionalProperties": False}
    )

    @field_serializer("extension_data")
    def _write_extension_data(self, value: dict[str, dict[str, Any]] | None) -> Any:
        return _as_json_number(value)

    def model_post_init(self, _context: Any, /) -> None:
        self.__pydantic_fields_set__.add("document_type")
