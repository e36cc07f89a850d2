"""Theme: a community-outcome area a buyer can prioritise (e.g. social cohesion)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from sroi_core.model._base import SroiModel
from sroi_core.model.types import LocalizedText, StrictInt, code_type

if TYPE_CHECKING:
    ThemeCode = str
else:
    ThemeCode = code_type("theme")


class Theme(SroiModel):
    """A theme, mapped onto the CBS "brede welvaart" themes and SDGs where clear.

    The mapping lets a council see a contract's results in the terms of the national
    wellbeing monitor it already reports on.
    """

    id: ThemeCode
    label: LocalizedText
    description: LocalizedText | None = None
    brede_welvaart: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    sdgs: tuple[Annotated[StrictInt, Field(ge=1, le=17)], ...] = ()
