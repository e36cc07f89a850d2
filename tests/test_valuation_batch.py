"""The float64 batch kernel gives the reference path's cents on every line."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from sroi_core.valuation import (
    GREEN_BOOK_SCHEDULE,
    NL_MKBA_SCHEDULE,
    DiscountSchedule,
    DiscountTiming,
    InvalidLineError,
    LineArrays,
    constant,
    value_line,
    value_lines,
    value_lines_cents,
    year_value_cents,
)

D = Decimal


def reference_cents(
    lines: LineArrays, schedule: DiscountSchedule, timing: DiscountTiming
) -> list[int]:
    return [
        value_line(lines.line_spec(i, schedule, timing)).present_value_cents
        for i in range(len(lines))
    ]


def random_lines(seed: int, count: int, *, with_index: bool = False) -> LineArrays:
    """Realistic inputs: quantities to 1 decimal, prices to cents, shares to 2 decimals."""
    rng = np.random.default_rng(seed)

    def shares(high: float) -> np.ndarray:
        values = np.round(rng.uniform(0, high, count), 2)
        values[rng.random(count) < 0.05] = 1.0 if high == 1 else 0.0
        return values

    return LineArrays(
        quantity=np.round(rng.uniform(0, 500, count), 1),
        proxy_value=np.round(rng.uniform(0, 20_000, count), 2),
        deadweight=shares(1),
        attribution=shares(1),
        displacement=shares(0.5),
        drop_off=shares(1),
        duration_years=rng.integers(1, 45, count),
        index_from=np.round(rng.uniform(80, 120, count), 1) if with_index else None,
        index_to=np.round(rng.uniform(80, 120, count), 1) if with_index else None,
    )


@pytest.mark.parametrize(
    ("schedule", "timing"),
    [
        (GREEN_BOOK_SCHEDULE, DiscountTiming.START_OF_YEAR),
        (GREEN_BOOK_SCHEDULE, DiscountTiming.END_OF_YEAR),
        (NL_MKBA_SCHEDULE, DiscountTiming.END_OF_YEAR),
        (constant("0"), DiscountTiming.START_OF_YEAR),
        (constant("-0.01"), DiscountTiming.END_OF_YEAR),
    ],
)
def test_batch_equals_reference_on_random_lines(
    schedule: DiscountSchedule, timing: DiscountTiming
) -> None:
    lines = random_lines(7, 400, with_index=True)
    result = value_lines(lines, schedule, timing, chunk_size=64)
    assert result.present_value_cents.dtype == np.int64
    assert result.present_value_cents.tolist() == reference_cents(lines, schedule, timing)


def test_exact_ties_go_to_the_exact_path_and_round_to_even() -> None:
    # No discounting and start-of-year: PV = Q x P exactly, so these are half-cent ties.
    proxies = ["0.125", "0.135", "0.005", "0.015", "1234567.885", "2.675"]
    lines = LineArrays(
        quantity=1.0,
        proxy_value=np.array([float(p) for p in proxies]),
        deadweight=0.0,
        attribution=0.0,
        displacement=0.0,
        drop_off=0.0,
        duration_years=1,
    )
    result = value_lines(lines, constant("0"), "start-of-year")
    assert result.present_value_cents.tolist() == [12, 14, 0, 2, 123456788, 268]
    assert result.exact_lines.tolist() == list(range(len(proxies)))


def test_floats_stand_for_their_shortest_decimal() -> None:
    # The float 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary,
    # but stands for 2.675: a tie that rounds to 2.68.
    assert value_lines_cents(
        LineArrays(1.0, np.array([2.675]), 0.0, 0.0, 0.0, 0.0, 1),
        constant("0"),
        "end-of-year",
    ).tolist() == [268]


def test_decimal_inputs_are_taken_exactly() -> None:
    # 0.99999999999999999999 rounds to the float 1.0; the line is still worth something.
    lines = LineArrays(
        quantity=[D("1e20"), D(1), D(3)],
        proxy_value=[D("100"), D("0.125"), D("10.05")],
        deadweight=[D("0.99999999999999999999"), D(0), D("0.5")],
        attribution=0,
        displacement=0,
        drop_off=0,
        duration_years=[1, 1, 1],
    )
    cents = value_lines_cents(lines, constant("0"), DiscountTiming.START_OF_YEAR)
    assert cents.tolist() == [10000, 12, 1508]
    assert cents.tolist() == reference_cents(lines, constant("0"), DiscountTiming.START_OF_YEAR)


def test_full_adjustment_in_floats_is_exactly_zero_without_the_exact_path() -> None:
    lines = LineArrays(
        np.ones(3),
        np.full(3, 1e6),
        np.array([1.0, 0.0, 0.0]),
        np.array([0.0, 1.0, 0.0]),
        np.array([0.0, 0.0, 1.0]),
        0.1,
        5,
    )
    result = value_lines(lines, GREEN_BOOK_SCHEDULE, "end-of-year")
    assert result.present_value_cents.tolist() == [0, 0, 0]
    assert result.exact_lines.size == 0


def test_mixed_durations_and_chunk_sizes_agree() -> None:
    lines = random_lines(11, 300)
    whole = value_lines(lines, GREEN_BOOK_SCHEDULE, "end-of-year").present_value_cents
    for chunk_size in (1, 7, 1000):
        chunked = value_lines(lines, GREEN_BOOK_SCHEDULE, "end-of-year", chunk_size=chunk_size)
        assert chunked.present_value_cents.tolist() == whole.tolist()


def test_unusable_float_schedule_falls_back_to_the_exact_path() -> None:
    # A rate of 10^330 gives year 2 a discount factor below float64's range.
    lines = LineArrays(1, np.array([5.0, 7.0]), 0, 0, 0, 0, 2)
    result = value_lines(lines, constant("1e330"), "start-of-year")
    assert result.present_value_cents.tolist() == [500, 700]
    assert result.exact_lines.tolist() == [0, 1]


def test_value_beyond_int64_cents_is_refused() -> None:
    lines = LineArrays([D("1e30")], [D("1e30")], 0, 0, 0, 0, 1)
    with pytest.raises(InvalidLineError, match="value-too-large"):
        value_lines_cents(lines, constant("0"), "end-of-year")


def test_year_value_cents_equal_reference_and_pad_with_zero() -> None:
    lines = random_lines(3, 200)
    years = year_value_cents(lines, chunk_size=50)
    assert years.shape == (200, int(np.max(lines.durations)))
    for i in range(len(lines)):
        spec = lines.line_spec(i, constant("0"), DiscountTiming.END_OF_YEAR)
        expected = [value.scaleb(2) for value in value_line(spec).year_values]
        assert years[i, : len(expected)].tolist() == expected
        assert not years[i, len(expected) :].any()


def test_year_value_ties() -> None:
    lines = LineArrays(1, np.array([0.125, 0.135]), 0, 0, 0, np.array([0.0, 0.5]), 2)
    assert year_value_cents(lines).tolist() == [[12, 12], [14, 7]]


def base_arrays(count: int = 10) -> dict[str, object]:
    return {
        "quantity": np.ones(count),
        "proxy_value": np.full(count, 100.0),
        "deadweight": np.zeros(count),
        "attribution": np.zeros(count),
        "displacement": np.zeros(count),
        "drop_off": np.zeros(count),
        "duration_years": np.full(count, 3),
    }


@pytest.mark.parametrize(
    ("name", "index", "value", "code"),
    [
        ("deadweight", 7, 1.5, "fraction-out-of-range"),
        ("drop_off", 2, -0.1, "fraction-out-of-range"),
        ("quantity", 4, -1.0, "negative-quantity"),
        ("proxy_value", 9, -0.01, "negative-proxy-value"),
        ("duration_years", 3, 0, "duration-below-one"),
        ("duration_years", 5, 1001, "duration-too-long"),
        ("attribution", 1, np.nan, "not-a-decimal"),
        ("quantity", 6, np.inf, "not-a-decimal"),
    ],
)
def test_validation_reports_the_first_bad_line(
    name: str, index: int, value: float, code: str
) -> None:
    arrays = base_arrays()
    column = np.array(arrays[name], copy=True)
    column[index] = value
    arrays[name] = column
    with pytest.raises(InvalidLineError) as caught:
        LineArrays(**arrays)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.index) == (code, index)
    assert f"line {index}:" in str(caught.value)


def test_validation_picks_the_lowest_index_across_columns() -> None:
    arrays = base_arrays()
    quantity = np.ones(10)
    quantity[5] = -1
    deadweight = np.zeros(10)
    deadweight[2] = 2
    arrays |= {"quantity": quantity, "deadweight": deadweight}
    with pytest.raises(InvalidLineError) as caught:
        LineArrays(**arrays)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.index) == ("fraction-out-of-range", 2)


def test_validation_of_decimal_inputs_is_exact() -> None:
    arrays = base_arrays(4) | {"attribution": ["0", "0.5", "1.0000000000000000000001", "1"]}
    with pytest.raises(InvalidLineError) as caught:
        LineArrays(**arrays)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.index) == ("fraction-out-of-range", 2)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"duration_years": np.array([1.0, 2.5, 3.0])}, "duration-not-integer"),
        ({"duration_years": np.array(["1", "2", "3"])}, "duration-not-integer"),
        ({"quantity": np.ones(4)}, "length-mismatch"),
        ({"quantity": np.ones((3, 1))}, "bad-shape"),
        ({"duration_years": np.ones((3, 1), dtype=np.int64)}, "bad-shape"),
        ({"quantity": np.array([True, False, True])}, "not-a-decimal"),
        ({"quantity": ["1", "x", "2"]}, "not-a-decimal"),
        ({"index_from": np.ones(3)}, "bad-price-index"),
        ({"index_from": np.ones(3), "index_to": np.zeros(3)}, "bad-price-index"),
    ],
)
def test_ill_formed_inputs_are_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(InvalidLineError) as caught:
        LineArrays(**(base_arrays(3) | changes))  # type: ignore[arg-type]
    assert caught.value.code == code


def test_durations_given_as_whole_floats_are_accepted() -> None:
    lines = LineArrays(**(base_arrays(3) | {"duration_years": np.array([1.0, 2.0, 3.0])}))  # type: ignore[arg-type]
    assert value_lines_cents(lines, constant("0"), "end-of-year").tolist() == [
        10000,
        20000,
        30000,
    ]


def test_unknown_timing_is_refused() -> None:
    lines = LineArrays(**base_arrays(2))  # type: ignore[arg-type]
    with pytest.raises(InvalidLineError, match="unknown-discount-timing"):
        value_lines(lines, constant("0"), "mid-year")


def test_small_complements_are_retested_per_line() -> None:
    # One line with deadweight 0.999 loosens the chunk's bound for every line; the
    # per-line retest must still prove the others rather than send them all to the
    # exact path.
    lines = random_lines(5, 2000)
    deadweight = np.round(np.random.default_rng(5).uniform(0, 0.5, 2000), 2)
    deadweight[0] = 0.999999
    tight = LineArrays(
        lines.quantity,
        lines.proxy_value,
        deadweight,
        0.0,
        0.0,
        0.1,
        10,
    )
    result = value_lines(tight, NL_MKBA_SCHEDULE, "end-of-year", chunk_size=4096)
    assert result.exact_lines.size <= 2
    assert result.present_value_cents.tolist() == reference_cents(
        tight, NL_MKBA_SCHEDULE, DiscountTiming.END_OF_YEAR
    )
