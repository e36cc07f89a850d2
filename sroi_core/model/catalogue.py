"""Catalogue: themes, outcomes, indicators and proxy values published as one version.

A tender cites "catalogue NL 2026.1" and means exactly this content; a new version is a
new document (see docs/versioning.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from sroi_core.errors import CatalogueError
from sroi_core.model._base import SroiModel
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.document import Document
from sroi_core.model.indicator import Indicator
from sroi_core.model.outcome import Outcome
from sroi_core.model.price_index import PriceIndexSeries
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.source import Source
from sroi_core.model.theme import Theme
from sroi_core.model.types import Identifier, LocalizedText, NonNegativeDecimal


class FteNorm(SroiModel):
    """Hours in one FTE-year, with its source: the conversion hours -> FTE-years."""

    hours_per_fte_year: NonNegativeDecimal
    source: Source


class Catalogue(Document):
    """A versioned indicator catalogue."""

    document_type: Literal["catalogue"] = "catalogue"
    version: str = Field(min_length=1, max_length=32)
    title: LocalizedText
    publisher: str = Field(min_length=1)
    published: dt.date
    description: LocalizedText | None = None
    conventions: ValuationConventions
    fte_norm: FteNorm | None = None
    default_price_index: Identifier | None = None
    themes: tuple[Theme, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    proxy_values: tuple[ProxyValue, ...] = ()
    price_indices: tuple[PriceIndexSeries, ...] = ()

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; raises CatalogueError naming the catalogue."""
        for item in self.indicators:
            if item.id == indicator_id:
                return item
        raise CatalogueError(
            f"catalogue {self.id} {self.version} has no indicator {indicator_id!r}"
        )

    def proxies_for(self, indicator_id: str) -> tuple[ProxyValue, ...]:
        """Every proxy value of one indicator (several bases may apply)."""
        return tuple(p for p in self.proxy_values if p.indicator == indicator_id)

    def price_index(self, series_id: str | None = None) -> PriceIndexSeries | None:
        """The series ``series_id`` or, by default, the catalogue's default series."""
        wanted = series_id or self.default_price_index
        if wanted is None:
            return None
        for series in self.price_indices:
            if series.id == wanted:
                return series
        raise CatalogueError(f"catalogue {self.id} {self.version} has no price index {wanted!r}")

    def fte_hours(self) -> Decimal | None:
        """Hours per FTE-year, when the catalogue states an FTE norm."""
        return self.fte_norm.hours_per_fte_year if self.fte_norm else None
