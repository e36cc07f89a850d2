"""Catalogue: themes, outcomes, indicators and proxy values published as one version.

A tender cites "catalogue NL 2026.1" and means exactly this content; a new version is a
new document (see docs/versioning.md).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import Field

from sroi_core.errors import CatalogueError, UnitError
from sroi_core.model._base import SroiModel
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.document import Document
from sroi_core.model.indicator import Indicator
from sroi_core.model.outcome import Outcome
from sroi_core.model.price_index import PriceIndexSeries
from sroi_core.model.proxy_value import ProxyValue
from sroi_core.model.source import Source
from sroi_core.model.theme import Theme
from sroi_core.model.types import (
    Identifier,
    IsoDate,
    LocalizedText,
    NonNegativeDecimal,
    Quantity,
)


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
    published: IsoDate
    description: LocalizedText | None = None
    conventions: ValuationConventions
    fte_norm: FteNorm | None = None
    default_price_index: Identifier | None = None
    themes: tuple[Theme, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    proxy_values: tuple[ProxyValue, ...] = ()
    price_indices: tuple[PriceIndexSeries, ...] = ()

    @cached_property
    def _indicator_index(self) -> dict[str, Indicator]:
        return {item.id: item for item in self.indicators}

    @cached_property
    def _proxy_index(self) -> dict[str, tuple[ProxyValue, ...]]:
        index: dict[str, list[ProxyValue]] = {}
        for proxy in self.proxy_values:
            index.setdefault(proxy.indicator, []).append(proxy)
        return {key: tuple(value) for key, value in index.items()}

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; raises CatalogueError naming the catalogue."""
        found = self._indicator_index.get(indicator_id)
        if found is None:
            raise CatalogueError(
                f"catalogue {self.id} {self.version} has no indicator {indicator_id!r}"
            )
        return found

    def find_indicator(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, or None when the catalogue has none."""
        return self._indicator_index.get(indicator_id)

    def proxies_for(self, indicator_id: str) -> tuple[ProxyValue, ...]:
        """Every proxy value of one indicator (several bases may apply), in file order."""
        return self._proxy_index.get(indicator_id, ())

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

    def in_unit(self, quantity: Quantity, unit: str) -> Decimal:
        """``quantity`` in ``unit`` (hours and FTE-years through this catalogue's FTE norm).

        Raises UnitError when the units do not convert.
        """
        if quantity.unit == unit:
            return quantity.value
        from sroi_core.units import convert  # noqa: PLC0415 - pint loads on first use

        return convert(quantity.value, quantity.unit, unit, fte_norm_hours=self.fte_hours())

    def in_unit_or_none(self, quantity: Quantity, unit: str) -> Decimal | None:
        """``quantity`` in ``unit``, or None when the units do not convert (a check skips it)."""
        try:
            return self.in_unit(quantity, unit)
        except UnitError:
            return None

    def in_indicator_unit(self, quantity: Quantity, indicator_id: str) -> Decimal:
        """``quantity`` in the unit of indicator ``indicator_id``."""
        return self.in_unit(quantity, self.indicator(indicator_id).unit)
