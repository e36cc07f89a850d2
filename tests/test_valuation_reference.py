"""Known-answer tests of the reference valuation, discounting and sensitivity.

Published figures are cited where they are used; other expectations are worked by hand
in the comment beside them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import pytest
from line_fixtures import plain_line as spec

from sroi_core._decimal import exact_context, round_cent
from sroi_core.errors import ValuationError
from sroi_core.valuation import (
    GREEN_BOOK_SCHEDULE,
    NL_MKBA_RATE,
    NL_MKBA_SCHEDULE,
    Adjustment,
    DiscountSchedule,
    DiscountScheduleError,
    DiscountTiming,
    InvalidLineError,
    ScenarioLine,
    ScheduleEntry,
    break_even,
    break_evens,
    constant,
    discount_factor,
    line_spec_from_json,
    present_value_cents,
    proxy_scenarios,
    rebase_factor,
    sroi_ratio,
    total_present_value,
    value_line,
)

D = Decimal

GREEN_BOOK_TABLE_2 = [1000, 966, 934, 902, 871, 842, 814, 786, 759, 734, 709]
"""HM Treasury Green Book Table 2: present value of 1,000 in years 0-10 at 3.5 %
(reference valuation-anchors.md §2.2, [S13], VERIFIED)."""


@pytest.fixture(autouse=True)
def _fifty_digits() -> Iterator[None]:
    """Comparisons in these tests need the exact path's 50 digits, not the default 28."""
    with localcontext(exact_context()):
        yield




# --- discounting -------------------------------------------------------------------


@pytest.mark.parametrize("schedule", [GREEN_BOOK_SCHEDULE, constant("0.035")])
def test_green_book_table_2_discount_factors(schedule: DiscountSchedule) -> None:
    for year, published in enumerate(GREEN_BOOK_TABLE_2):
        value = D(1000) * discount_factor(schedule, year)
        assert value.quantize(D(1), rounding=ROUND_HALF_UP) == published, year


def test_green_book_table_2_through_value_line_both_timings() -> None:
    start = value_line(
        spec(duration_years=11, discount=GREEN_BOOK_SCHEDULE, timing="start-of-year")
    )
    end = value_line(spec(duration_years=10, discount=GREEN_BOOK_SCHEDULE))
    rounded = [v.quantize(D(1), rounding=ROUND_HALF_UP) for v in start.discounted_year_values]
    assert rounded == GREEN_BOOK_TABLE_2
    assert start.periods == tuple(range(11))
    assert end.periods == tuple(range(1, 11))
    assert end.discounted_year_values == start.discounted_year_values[1:]


def test_green_book_schedule_steps_map_years_to_periods() -> None:
    # Green Book years 0-30 at 3.5 %: period s runs from year s-1 to year s.
    expected = {1: "0.035", 30: "0.035", 31: "0.030", 75: "0.030", 76: "0.025", 125: "0.025"}
    expected |= {126: "0.020", 200: "0.020", 201: "0.015", 300: "0.015", 301: "0.010"}
    for period, rate in expected.items():
        assert GREEN_BOOK_SCHEDULE.rate_for_period(period) == D(rate), period
    assert GREEN_BOOK_SCHEDULE.rate_for_period(1000) == D("0.010")
    df30 = discount_factor(GREEN_BOOK_SCHEDULE, 30)
    df31 = discount_factor(GREEN_BOOK_SCHEDULE, 31)
    assert abs(df31 - df30 / D("1.03")) < D("1e-45")
    assert abs(df30 - 1 / D("1.035") ** 30) < D("1e-45")
    # 0.3563 and 0.3459 at years 30 and 31: the stepwise reading of the schedule.
    assert round(df30, 4) == D("0.3563")
    assert round(df31, 4) == D("0.3459")


def test_mkba_rate_is_constant_2_25_percent() -> None:
    assert D("0.0225") == NL_MKBA_RATE
    assert constant("0.0225") == NL_MKBA_SCHEDULE
    assert NL_MKBA_SCHEDULE.is_constant
    assert abs(discount_factor(NL_MKBA_SCHEDULE, 2) - 1 / D("1.0225") ** 2) < D("1e-45")


@pytest.mark.parametrize(
    ("entries", "code"),
    [
        ((), "bad-discount-schedule"),
        ((ScheduleEntry(2, D("0.03")),), "bad-discount-schedule"),
        ((ScheduleEntry(1, D("0.03")), ScheduleEntry(1, D("0.02"))), "bad-discount-schedule"),
        (
            (ScheduleEntry(1, D("0.03")), ScheduleEntry(5, D("0.02")), ScheduleEntry(3, D(0))),
            "bad-discount-schedule",
        ),
        ((ScheduleEntry(True, D("0.03")),), "bad-discount-schedule"),
        ((ScheduleEntry(1, D(-1)),), "bad-discount-rate"),
        ((ScheduleEntry(1, D("NaN")),), "bad-discount-rate"),
    ],
)
def test_bad_schedules_are_refused(entries: tuple[ScheduleEntry, ...], code: str) -> None:
    with pytest.raises(DiscountScheduleError) as caught:
        DiscountSchedule(entries)
    assert caught.value.code == code
    assert isinstance(caught.value, ValuationError)


def test_schedule_wire_round_trip_and_float_refusal() -> None:
    wire = GREEN_BOOK_SCHEDULE.to_json()
    assert wire[1] == {"fromPeriod": 31, "rate": "0.030"}
    assert DiscountSchedule.from_json(wire) == GREEN_BOOK_SCHEDULE
    with pytest.raises(DiscountScheduleError, match="bad-discount-rate"):
        constant(0.035)  # type: ignore[arg-type]
    with pytest.raises(DiscountScheduleError, match="bad-discount-schedule"):
        DiscountSchedule.from_json([{"fromPeriod": 1}])


# --- one line ----------------------------------------------------------------------


def test_adjustments_are_multiplicative_and_explained() -> None:
    # 10 x 100 = 1000; x 0.8 = 800; x 0.75 = 600; x 0.9 = 540.
    result = value_line(
        spec(quantity=10, proxy_value=100, deadweight="0.2", attribution="0.25", displacement="0.1")
    )
    assert (result.gross, result.after_deadweight, result.after_attribution) == (
        D("1000.00"),
        D("800.00"),
        D("600.00"),
    )
    assert result.net_annual == D("540.00")
    assert result.present_value == D("540.00")
    assert result.present_value_cents == 54000
    text = result.explain()
    assert "net annual impact 540.00" in text
    assert "present value 540.00" in text


def test_drop_off_compounds_from_year_two() -> None:
    # 100, 90, 81 at 10 % drop-off, no discounting.
    result = value_line(spec(proxy_value=100, drop_off="0.1", duration_years=3))
    assert result.year_values == (D("100.00"), D("90.00"), D("81.00"))
    assert result.present_value == D("271.00")


def test_start_of_year_is_end_of_year_times_one_plus_rate() -> None:
    line = spec(
        quantity="7.5",
        proxy_value="333.33",
        drop_off="0.2",
        duration_years=6,
        discount=NL_MKBA_SCHEDULE,
    )
    end = value_line(line).present_value_exact
    start = value_line(dataclasses.replace(line, timing=DiscountTiming.START_OF_YEAR))
    assert abs(start.present_value_exact - end * D("1.0225")) < D("1e-40")


def test_present_value_is_rounded_once_from_the_exact_sum() -> None:
    # 1.005 (tie -> 1.00) + 1.005 x 0.8 = 0.804 (0.80): PV 1.809 -> 1.81, not 1.80.
    result = value_line(
        spec(
            proxy_value="1.005", duration_years=2, discount=constant("0.25"), timing="start-of-year"
        )
    )
    assert sum(result.discounted_year_values) == D("1.80")
    assert result.present_value == D("1.81")


@pytest.mark.parametrize(
    ("proxy", "expected"),
    [
        ("0.125", "0.12"),
        ("0.135", "0.14"),
        ("0.005", "0.00"),
        ("0.015", "0.02"),
        ("2.675", "2.68"),
        ("2.665", "2.66"),
    ],
)
def test_half_cent_ties_round_to_even(proxy: str, expected: str) -> None:
    assert value_line(spec(proxy_value=proxy)).present_value == D(expected)


def test_tie_hidden_by_50_digit_rounding_is_still_exact() -> None:
    # Q = 5^71 x 10^-49 (50 digits), P = 3 and 1 - deadweight = 3 x 2^70 x 10^-24, so the
    # exact PV is 9/200 = 0.045, a tie (half-even: 0.04); but Q x P has 51 digits, and
    # 50-digit arithmetic lands a hair above the tie.
    q = D(f"{5**71}e-49")
    complement = D(f"{3 * 2**70}e-24")
    wide = Context(prec=400)
    assert wide.multiply(wide.multiply(q, D(3)), complement) == D("0.045")
    deadweight = wide.subtract(D(1), complement)
    result = value_line(
        spec(quantity=q, proxy_value=3, deadweight=deadweight, timing="start-of-year")
    )
    assert result.present_value_exact != D("0.045")
    assert round_cent(result.present_value_exact) == D("0.05")  # naive rounding is wrong
    assert result.present_value == D("0.04")
    assert present_value_cents(result.spec) == 4


def test_price_indexation_hmt_deflator_example() -> None:
    # HM Treasury deflator annex: 7.4m x 102.789 / 91.031 = 8.36m (valuation-anchors §2.3).
    result = value_line(
        spec(
            proxy_value=7_400_000,
            price_index_from="91.031",
            price_index_to="102.789",
            timing="start-of-year",
        )
    )
    assert result.present_value == D("8355819.45")
    assert round(result.present_value / 1_000_000, 2) == D("8.36")
    assert abs(result.rebase_factor - D("102.789") / D("91.031")) < D("1e-27")


def test_rebase_factor_from_a_series() -> None:
    cpi = {2015: D("2790.8"), 2019: D("2962.7")}  # CBS 71905ned, price-indices.csv
    assert rebase_factor(cpi, 2015, 2015) == 1
    assert abs(rebase_factor(cpi, 2015, 2019) - D("2962.7") / D("2790.8")) < D("1e-45")
    with pytest.raises(InvalidLineError, match="no value for 2016") as caught:
        rebase_factor(cpi, 2016, 2019)
    assert caught.value.code == "price-index-year-missing"
    with pytest.raises(InvalidLineError, match="bad-price-index"):
        rebase_factor({2015: D(0), 2019: D(1)}, 2015, 2019)


def test_zero_quantity_and_full_adjustments_give_zero() -> None:
    for line in (spec(quantity=0, duration_years=3), spec(deadweight=1), spec(displacement=1)):
        result = value_line(line)
        assert result.present_value == 0
        assert set(result.year_values) == {D("0.00")}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"duration_years": 0}, "duration-below-one"),
        ({"duration_years": -1}, "duration-below-one"),
        ({"duration_years": 1001}, "duration-too-long"),
        ({"duration_years": 1.5}, "duration-not-integer"),
        ({"duration_years": True}, "duration-not-integer"),
        ({"quantity": D(-1)}, "negative-quantity"),
        ({"proxy_value": D("-0.01")}, "negative-proxy-value"),
        ({"deadweight": D("1.01")}, "fraction-out-of-range"),
        ({"attribution": D("-0.01")}, "fraction-out-of-range"),
        ({"displacement": D(2)}, "fraction-out-of-range"),
        ({"drop_off": D("1.0000000000000000000000000000000001")}, "fraction-out-of-range"),
        ({"quantity": 1.5}, "not-a-decimal"),
        ({"quantity": "abc"}, "not-a-decimal"),
        ({"quantity": D("Infinity")}, "not-a-decimal"),
        ({"price_index_from": D(100)}, "bad-price-index"),
        ({"price_index_from": D(0), "price_index_to": D(1)}, "bad-price-index"),
        ({"timing": "mid-year"}, "unknown-discount-timing"),
        ({"discount": "0.035"}, "bad-discount-schedule"),
    ],
)
def test_invalid_lines_are_refused_with_a_code(changes: dict[str, object], code: str) -> None:
    with pytest.raises(InvalidLineError) as caught:
        spec(**changes)
    assert caught.value.code == code
    assert code in str(caught.value)


def test_duration_below_one_message_is_clear() -> None:
    with pytest.raises(ValuationError, match="at least one year, got 0"):
        spec(duration_years=0)


def test_line_spec_is_immutable_and_round_trips_through_the_wire() -> None:
    line = spec(
        quantity="2.5",
        deadweight="0.1",
        duration_years=40,
        discount=GREEN_BOOK_SCHEDULE,
        timing="start-of-year",
        price_index_from="91.031",
        price_index_to="102.789",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.quantity = D(3)  # type: ignore[misc]
    assert line_spec_from_json(line.to_json()) == line
    assert line_spec_from_json(spec(discount=constant("0.0225")).to_json()).discount == (
        NL_MKBA_SCHEDULE
    )


# --- ratio, scenarios, break-even ---------------------------------------------------


def test_sroi_ratio_rounds_half_even_to_two_decimals() -> None:
    assert sroi_ratio(D("1000.00"), 300) == D("3.33")
    assert sroi_ratio(D("1.125"), 1) == D("1.12")
    assert sroi_ratio(D("1.135"), 1) == D("1.14")
    with pytest.raises(InvalidLineError, match="investment-not-positive"):
        sroi_ratio(D(1), 0)


def test_proxy_scenarios_sum_rounded_line_values() -> None:
    lines = [
        ScenarioLine(spec(proxy_value=100), proxy_low=D(80), proxy_high=D(150)),
        ScenarioLine(spec(proxy_value="0.125")),  # no range: central in every scenario
    ]
    scenarios = proxy_scenarios(lines)
    assert (scenarios.low, scenarios.central, scenarios.high) == (
        D("80.12"),
        D("100.12"),
        D("150.12"),
    )
    assert scenarios.ratios(100) == (D("0.80"), D("1.00"), D("1.50"))
    assert total_present_value([line.spec for line in lines]) == D("100.12")
    with pytest.raises(InvalidLineError, match="bad-proxy-range"):
        ScenarioLine(spec(proxy_value=100), proxy_low=D(120))


def test_break_even_multiplicative_closed_form() -> None:
    # Two lines worth 600 and 400 at deadweight 0; investment 400: (1 - d) 1000 = 400.
    lines = [spec(proxy_value=600, deadweight="0.5"), spec(proxy_value=400)]
    result = break_even(lines, 400, Adjustment.DEADWEIGHT)
    assert result.value == D("0.6")
    assert result.reported == D("0.6000")
    overridden = [dataclasses.replace(line, deadweight=result.value) for line in lines]
    assert total_present_value(overridden) == D("400.00")
    unreachable = break_even(lines, 1001, "attribution")
    assert not unreachable.reachable
    assert "not reachable in [0, 1]" in unreachable.note


def test_break_even_drop_off_by_bisection() -> None:
    # 100 a year for 2 years, no discounting: 100 + 100 (1 - d) = 150 at d = 0.5.
    lines = [spec(proxy_value=100, duration_years=2)]
    result = break_even(lines, 150, Adjustment.DROP_OFF)
    assert result.value is not None
    assert abs(result.value - D("0.5")) <= D("1e-12")
    assert result.reported == D("0.5000")
    assert not break_even(lines, 99, Adjustment.DROP_OFF).reachable  # > investment at d = 1
    assert not break_even(lines, 201, Adjustment.DROP_OFF).reachable  # < investment at d = 0
    assert break_even(lines, 200, Adjustment.DROP_OFF).value == 0


def test_break_evens_cover_every_adjustment() -> None:
    lines = [spec(proxy_value=100, duration_years=3, discount=NL_MKBA_SCHEDULE)]
    results = break_evens(lines, 150)
    assert [r.adjustment for r in results] == list(Adjustment)
    assert all(r.reachable for r in results)
