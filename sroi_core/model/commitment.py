"""Commitment: what a supplier promises to deliver against one indicator."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.codes import FulfilmentMode
from sroi_core.model.types import (
    Area,
    Fraction,
    Identifier,
    LocalizedText,
    Money,
    Organisation,
    Period,
    Quantity,
    StrictInt,
)


class AdjustmentClaim(SroiModel):
    """A supplier's own adjustment figures, which must be justified.

    Absent figures take the catalogue's defaults. A claim lower than the default raises
    the value and is flagged by the quality checks unless the tender allows it.
    """

    deadweight: Fraction | None = None
    attribution: Fraction | None = None
    displacement: Fraction | None = None
    drop_off: Fraction | None = None
    justification: LocalizedText


class Commitment(SroiModel):
    """A promised quantity of one indicator, in a period and an area.

    ``duration_years`` is how long the benefit is claimed to last (capped by the
    indicator's maximum); ``fulfilment`` records buy-off (afkoop) so it can be shown but
    never counted as social value.
    """

    id: Identifier
    indicator: Identifier
    quantity: Quantity
    period: Period
    duration_years: Annotated[StrictInt, Field(ge=1, le=100)] = 1
    areas: tuple[Area, ...] = Field(default=(), max_length=1000)
    fulfilment: FulfilmentMode = FulfilmentMode.DIRECT
    partner: Organisation | None = None
    payment_in_lieu: Money | None = None
    beneficiary_group: LocalizedText | None = None
    description: LocalizedText | None = None
    adjustments: AdjustmentClaim | None = None
