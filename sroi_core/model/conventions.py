"""Valuation conventions: discounting, timing and the valuation year.

They are data (in a catalogue as defaults, in a tender as the buyer's choice) so that a
result can state exactly which conventions produced it.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import ConfigDict, Field, model_validator

from sroi_core.model._base import SroiModel
from sroi_core.model.codes import DiscountTiming
from sroi_core.model.source import Source
from sroi_core.model.types import CurrencyCode, DiscountRate, IsoDate, StrictInt, Year
from sroi_core.model.versions import since


class DiscountEntry(SroiModel):
    """From discounting period ``from_period`` on, the yearly rate is ``rate``."""

    from_period: Annotated[StrictInt, Field(ge=1, le=1000)]
    rate: DiscountRate


class ValuationConventions(SroiModel):
    """How present values are computed: one constant rate or a declining schedule."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": ["discountRate"]}, {"required": ["discountSchedule"]}]
        }
    )

    discount_rate: DiscountRate | None = None
    discount_schedule: tuple[DiscountEntry, ...] | None = Field(default=None, min_length=1)
    discount_timing: DiscountTiming = DiscountTiming.END_OF_YEAR
    valuation_year: Year | None = None
    currency: CurrencyCode = "EUR"
    discount_source: Source | None = None
    base_date: IsoDate | None = Field(
        default=None,
        description="The date every present value is discounted to (standard 2.0). Without "
        "it the tender's period start is the base date, else the earliest period start of "
        "the document valued.",
        json_schema_extra=since("2.0"),
    )

    @model_validator(mode="after")
    def _one_discount(self) -> Self:
        if (self.discount_rate is None) == (self.discount_schedule is None):
            raise ValueError("give exactly one of discountRate and discountSchedule")
        return self
