"""Line-level valuation: the SROI Outcome Standard's method (docs/valuation-method.md).

- :mod:`~sroi_core.valuation.line`: a line's validated inputs and its explained result;
- :mod:`~sroi_core.valuation.discounting`: discount schedules and factors;
- :mod:`~sroi_core.valuation.reference`: the reference valuation, the oracle;
- :mod:`~sroi_core.valuation.batch`: float64 valuation of many lines, equal to the oracle;
- :mod:`~sroi_core.valuation.sensitivity`: scenarios, the SROI ratio and break-even values.
"""

from __future__ import annotations

from sroi_core.valuation.batch import (
    BatchValuation,
    LineArrays,
    value_lines,
    value_lines_cents,
    year_value_cents,
)
from sroi_core.valuation.discounting import (
    GREEN_BOOK_SCHEDULE,
    NL_MKBA_RATE,
    NL_MKBA_SCHEDULE,
    DiscountSchedule,
    DiscountScheduleError,
    ScheduleEntry,
    constant,
    discount_factor,
    discount_factors,
)
from sroi_core.valuation.line import (
    MAX_DURATION_YEARS,
    DiscountTiming,
    InvalidLineError,
    LineResult,
    LineSpec,
    discount_periods,
    line_spec_from_json,
    parse_decimal,
    rebase_factor,
)
from sroi_core.valuation.reference import present_value_cents, value_line
from sroi_core.valuation.sensitivity import (
    BREAK_EVEN_TOLERANCE,
    Adjustment,
    BreakEven,
    ScenarioLine,
    Scenarios,
    break_even,
    break_evens,
    proxy_scenarios,
    sroi_ratio,
    total_present_value,
)

__all__ = [
    "BREAK_EVEN_TOLERANCE",
    "GREEN_BOOK_SCHEDULE",
    "MAX_DURATION_YEARS",
    "NL_MKBA_RATE",
    "NL_MKBA_SCHEDULE",
    "Adjustment",
    "BatchValuation",
    "BreakEven",
    "DiscountSchedule",
    "DiscountScheduleError",
    "DiscountTiming",
    "InvalidLineError",
    "LineArrays",
    "LineResult",
    "LineSpec",
    "ScenarioLine",
    "Scenarios",
    "ScheduleEntry",
    "break_even",
    "break_evens",
    "constant",
    "discount_factor",
    "discount_factors",
    "discount_periods",
    "line_spec_from_json",
    "parse_decimal",
    "present_value_cents",
    "proxy_scenarios",
    "rebase_factor",
    "sroi_ratio",
    "total_present_value",
    "value_line",
    "value_lines",
    "value_lines_cents",
    "year_value_cents",
]
