"""Outcome: a change for residents or the community that indicators measure."""

from __future__ import annotations

from sroi_core.model._base import SroiModel
from sroi_core.model.theme import ThemeCode
from sroi_core.model.types import Identifier, LocalizedText


class Outcome(SroiModel):
    """A change in people's lives or in the community, under one theme.

    Indicators that measure the same outcome are candidates for double counting; the
    quality checks use this link.
    """

    id: Identifier
    theme: ThemeCode
    label: LocalizedText
    description: LocalizedText | None = None
