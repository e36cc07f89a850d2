"""PriceIndexSeries: a published index (CPI) to rebase proxy values to one year."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from sroi_core.errors import ValuationError
from sroi_core.model._base import SroiModel
from sroi_core.model.source import Source
from sroi_core.model.types import Identifier, LocalizedText, NonNegativeDecimal, Year


class IndexPoint(SroiModel):
    """The index value of one year."""

    year: Year
    value: NonNegativeDecimal


class PriceIndexSeries(SroiModel):
    """An annual price index with its base and source."""

    id: Identifier
    label: LocalizedText
    base: str = Field(min_length=1)
    source: Source
    values: tuple[IndexPoint, ...] = Field(min_length=1)

    def value_in(self, year: int) -> Decimal:
        """The index of ``year``; a missing year is an error, never a silent 1.0."""
        for point in self.values:
            if point.year == year:
                return point.value
        years = f"{self.values[0].year}-{self.values[-1].year}"
        raise ValuationError(
            f"price index {self.id!r} has no value for {year} (it covers {years})",
            code="price-index-year-missing",
        )
