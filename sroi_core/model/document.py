"""The envelope every exchange document shares: standard version and document type."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.types import Identifier

VERSION_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"


class Document(SroiModel):
    """Fields on top of every document. Subclasses fix ``document_type`` to a literal.

    ``document_type`` always counts as set, so it is written even when a Python caller
    left it to its default.
    """

    standard_version: Annotated[str, Field(pattern=VERSION_PATTERN)]
    document_type: str
    id: Identifier

    def model_post_init(self, _context: Any, /) -> None:
        self.__pydantic_fields_set__.add("document_type")
