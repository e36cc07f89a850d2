"""The envelope every exchange document shares: standard version and document type."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, field_validator

from sroi_core.model._base import SroiModel
from sroi_core.model.types import Identifier
from sroi_core.model.versions import since

VERSION_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"

EXTENSION_ID_PATTERN = r"^([a-z][a-z0-9-]{1,62}|https://[\x21-\x7E]{1,500})$"
"""An extension is named by a short id (``tenderned``) or by the URL of its extension.json."""

ExtensionId = Annotated[str, Field(pattern=EXTENSION_ID_PATTERN)]


def _as_json_number(value: Any) -> Any:
    """Extension data is free JSON: a number read as ``Decimal`` is kept as a JSON number.

    The standard's own exact numbers are decimal strings; inside extension data a number
    is whatever JSON number the extension defines, read as most parsers read it.
    """
    if isinstance(value, dict):
        return {key: _as_json_number(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json_number(item) for item in value]
    if isinstance(value, Decimal):  # only a number written with a point or exponent
        return float(value)
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

    @field_validator("extension_data", mode="before")
    @classmethod
    def _read_extension_data(cls, value: Any) -> Any:
        return _as_json_number(value)

    def model_post_init(self, _context: Any, /) -> None:
        self.__pydantic_fields_set__.add("document_type")


OCID_PATTERN = r"^ocds-[a-z0-9]{6}-[\x21-\x7E]{1,200}$"
"""An Open Contracting ID: ``ocds-``, the publisher's 6-character prefix, and an ID in
visible ASCII."""

OcdsId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[\x21-\x7E]+$")]
"""An OCDS identifier of a lot, award or contract (visible ASCII, as OCDS ids are written)."""


class ProcurementLinked(Document):
    """A document that names the procurement it belongs to, as OCDS identifies it (2.0).

    The four ids tie a bid, evidence report or valuation to an OCDS release: the
    procedure (``ocid``), the lot, the award and the contract (docs/ocds.md).
    """

    ocid: str | None = Field(default=None, pattern=OCID_PATTERN, json_schema_extra=since("2.0"))
    lot: OcdsId | None = Field(default=None, json_schema_extra=since("2.0"))
    award_id: OcdsId | None = Field(default=None, json_schema_extra=since("2.0"))
    contract_id: OcdsId | None = Field(default=None, json_schema_extra=since("2.0"))

    def procurement_links(self) -> dict[str, str]:
        """The ids that are given, by Python name (to carry them onto a derived document)."""
        names = ("ocid", "lot", "award_id", "contract_id")
        return {name: value for name in names if (value := getattr(self, name)) is not None}
