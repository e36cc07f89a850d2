"""Materiality: which outcomes residents and stakeholders said matter, and how they were asked.

The SROI principles start with *involve stakeholders* and *value what matters*: a tender's
outcomes should be the ones the people of the area chose, not only the buyer's. A 2.0
tender records that step as data, so a council, an auditor and a bidder can see why the
award counts these outcomes and with these weights (docs/procurement-profile.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from pydantic import ConfigDict, Field, model_validator

from sroi_core.model._base import SroiModel
from sroi_core.model.theme import ThemeCode
from sroi_core.model.types import Identifier, LocalizedText, Period, StrictInt, code_type

if TYPE_CHECKING:
    InvolvementMethodCode = str
else:
    InvolvementMethodCode = code_type("involvementMethod")


class MaterialOutcome(SroiModel):
    """An outcome residents or stakeholders named as mattering, by theme or by indicator.

    ``rank`` is the place they gave it (1 = mattered most). When the tender does not ask
    for it, ``reason_not_asked`` says why, so a material outcome is never dropped silently.
    """

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["theme"]}, {"required": ["indicator"]}]}
    )

    theme: ThemeCode | None = None
    indicator: Identifier | None = None
    rank: StrictInt = Field(ge=1, le=1000)
    reason_not_asked: LocalizedText | None = None

    @model_validator(mode="after")
    def _theme_or_indicator(self) -> Self:
        if (self.theme is None) == (self.indicator is None):
            raise ValueError("name exactly one of theme or indicator")
        return self


class StakeholderInvolvement(SroiModel):
    """How the buyer asked residents and stakeholders which outcomes matter in their area."""

    methods: tuple[InvolvementMethodCode, ...] = Field(min_length=1)
    period: Period
    participants: StrictInt | None = Field(default=None, ge=1)
    groups: LocalizedText | None = None
    record: str | None = Field(default=None, min_length=1, max_length=2000)
    material_outcomes: tuple[MaterialOutcome, ...] = Field(min_length=1)
