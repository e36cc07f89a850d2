"""The award (2.0): bids scored under the award rules their tender publishes.

One job per module: :mod:`~sroi_core.award.rules_in_force` (the tender's rules completed by
the profile's defaults, each default noted), :mod:`~sroi_core.award.consequences` (what
each finding does to a line), :mod:`~sroi_core.award.bounds` (plausibility bounds),
:mod:`~sroi_core.award.attainment` and :mod:`~sroi_core.award.value` (social-value
points), :mod:`~sroi_core.award.price`, :mod:`~sroi_core.award.ranking` and
:mod:`~sroi_core.award.engine` (the award document). docs/procurement-profile.md is the
normative text. 1.0 tenders are scored by :func:`sroi_core.scoring.score_bids`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["award_bids"]


def __getattr__(name: str) -> Any:
    # Lazy: the quality checks import award.bounds, and the engine imports the checks.
    if name == "award_bids":
        from sroi_core.award.engine import award_bids  # noqa: PLC0415

        return award_bids
    raise AttributeError(name)
