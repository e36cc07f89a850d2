"""Source: the published origin of a figure, so every euro can be traced."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.types import Year


class Source(SroiModel):
    """A citable publication.

    ``confidence`` says how the figure was read: ``primary`` from the publisher's own
    page, ``secondary`` from a summary or third-party copy, ``derived`` computed from
    published figures (then ``derivation`` writes the computation out).
    """

    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    year: Year
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    confidence: Literal["primary", "secondary", "derived"] = "primary"
    derivation: str | None = Field(default=None, min_length=1)
    note: str | None = Field(default=None, min_length=1)
