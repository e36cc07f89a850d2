"""Benchmark of line valuation: batch kernel, reference path and a bare-numpy roofline.

Values N lines (default 1,000,000) with 10-year horizons at the Dutch MKBA rate, with
realistic inputs (quantities to 0.1, prices to the cent, shares to 0.01):

- batch: LineArrays validation plus value_lines (float64 kernel with proof and exact
  fallback), best of --repeat runs, interleaved with the roofline's;
- reference: value_line on a random sample (default 2,000 lines), extrapolated per line;
- roofline: the same float arithmetic in the same chunked, in-place style with no
  validation, no proof and no fallback: the fastest the batch could be in numpy.

It checks that the batch's cents equal the reference's on the sample. Peak memory is the
ru_maxrss of a fresh subprocess that only builds the inputs and runs the batch once, so
it is not inflated by the reference run or the timing loop.

Run from the repository root:  PYTHONPATH=. python benchmarks/bench_valuation.py
The last printed line is a JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sroi_core.valuation import (
    NL_MKBA_SCHEDULE,
    DiscountTiming,
    LineArrays,
    LineSpec,
    discount_factors,
    value_line,
    value_lines,
)

YEARS = 10
SCHEDULE = NL_MKBA_SCHEDULE
TIMING = DiscountTiming.END_OF_YEAR
CHUNK = 1 << 15
TARGET_BATCH_OVER_REFERENCE = 50
TARGET_BATCH_OVER_ROOFLINE_TIME = 3
TARGET_PEAK_MB = 500


def make_inputs(lines: int, seed: int) -> dict[str, NDArray[Any]]:
    """Realistic float inputs; each float stands for its short decimal (its repr)."""
    rng = np.random.default_rng(seed)
    return {
        "quantity": np.round(rng.uniform(0, 500, lines), 1),
        "proxy_value": np.round(rng.uniform(1, 20_000, lines), 2),
        "deadweight": np.round(rng.uniform(0, 0.6, lines), 2),
        "attribution": np.round(rng.uniform(0, 0.6, lines), 2),
        "displacement": np.round(rng.uniform(0, 0.3, lines), 2),
        "drop_off": np.round(rng.uniform(0, 0.5, lines), 2),
        "duration_years": np.full(lines, YEARS, dtype=np.int64),
    }


def run_batch(inputs: dict[str, NDArray[Any]]) -> tuple[NDArray[np.int64], int]:
    """Validate and value every line; return the cents and the number of exact-path lines."""
    result = value_lines(LineArrays(**inputs), SCHEDULE, TIMING, chunk_size=CHUNK)
    return result.present_value_cents, int(result.exact_lines.size)


def roofline(inputs: dict[str, NDArray[Any]]) -> NDArray[np.int64]:
    """The batch's float arithmetic alone: chunked and in place, no checks, no fallback."""
    factors = [float(f) for f in discount_factors(SCHEDULE, YEARS)]
    lines = len(inputs["quantity"])
    out = np.empty(lines, dtype=np.int64)
    for lo in range(0, lines, CHUNK):
        hi = min(lo + CHUNK, lines)
        net = inputs["quantity"][lo:hi] * inputs["proxy_value"][lo:hi]
        scratch = np.empty_like(net)
        for name in ("deadweight", "attribution", "displacement"):
            np.subtract(1.0, inputs[name][lo:hi], out=scratch)
            net *= scratch
        keep = np.subtract(1.0, inputs["drop_off"][lo:hi], out=scratch)
        total = np.zeros_like(net)
        for year in range(YEARS, 0, -1):
            total *= keep
            total += factors[year]
        net *= total
        net *= 100.0
        np.rint(net, out=net)
        out[lo:hi] = net
    return out


def reference_cents(inputs: dict[str, NDArray[Any]], sample: NDArray[np.intp]) -> list[int]:
    """Reference cents of the sampled lines, each float input read as its repr decimal."""
    cents = []
    for i in sample.tolist():

        def exact(name: str, index: int = i) -> Decimal:
            return Decimal(repr(float(inputs[name][index])))

        spec = LineSpec(
            quantity=exact("quantity"),
            proxy_value=exact("proxy_value"),
            deadweight=exact("deadweight"),
            attribution=exact("attribution"),
            displacement=exact("displacement"),
            drop_off=exact("drop_off"),
            duration_years=int(inputs["duration_years"][i]),
            discount=SCHEDULE,
            timing=TIMING,
        )
        cents.append(value_line(spec).present_value_cents)
    return cents


def best_time(function: Any, repeat: int) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(lines: int, seed: int) -> None:
    """Fresh-process memory probe: inputs, then one batch run; prints JSON."""
    inputs = make_inputs(lines, seed)
    before = max_rss_mb()
    cents, _ = run_batch(inputs)
    print(
        json.dumps({"rss_inputs_mb": before, "peak_rss_mb": max_rss_mb(), "sum": int(cents.sum())})
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20_260_101)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.lines, args.seed)
        return

    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    probe = subprocess.run(
        [sys.executable, __file__, "--child", "--lines", str(args.lines), "--seed", str(args.seed)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    memory = json.loads(probe.stdout.strip().splitlines()[-1])

    inputs = make_inputs(args.lines, args.seed)
    batch_s, roof_s = float("inf"), float("inf")
    for _ in range(args.repeat):  # interleaved, so both see the same machine load
        batch_run, (cents, exact_lines) = best_time(lambda: run_batch(inputs), 1)
        roof_run, roof_cents = best_time(lambda: roofline(inputs), 1)
        batch_s, roof_s = min(batch_s, batch_run), min(roof_s, roof_run)
    sample = np.random.default_rng(args.seed + 1).choice(args.lines, args.sample, replace=False)
    start = time.perf_counter()
    expected = reference_cents(inputs, sample)
    reference_s = time.perf_counter() - start

    matches = cents[sample].tolist() == expected
    batch_rate = args.lines / batch_s
    reference_rate = args.sample / reference_s
    roof_rate = args.lines / roof_s
    figures = {
        "lines": args.lines,
        "years": YEARS,
        "batch_seconds": round(batch_s, 4),
        "batch_lines_per_s": round(batch_rate),
        "reference_sample": args.sample,
        "reference_lines_per_s": round(reference_rate),
        "reference_seconds_extrapolated": round(args.lines / reference_rate, 1),
        "roofline_seconds": round(roof_s, 4),
        "roofline_lines_per_s": round(roof_rate),
        "batch_over_reference": round(batch_rate / reference_rate, 1),
        "batch_time_over_roofline": round(batch_s / roof_s, 2),
        "exact_path_lines": exact_lines,
        "roofline_cents_differing": int(np.count_nonzero(roof_cents != cents)),
        "sample_matches_reference": matches,
        "peak_rss_mb": round(memory["peak_rss_mb"], 1),
        "rss_inputs_only_mb": round(memory["rss_inputs_mb"], 1),
        "targets_met": {
            "batch_at_least_50x_reference": batch_rate
            >= TARGET_BATCH_OVER_REFERENCE * reference_rate,
            "batch_within_3x_roofline": batch_s <= TARGET_BATCH_OVER_ROOFLINE_TIME * roof_s,
            "peak_under_500_mb": memory["peak_rss_mb"] < TARGET_PEAK_MB,
            "sample_equal": matches,
        },
    }
    print(f"batch      {args.lines:>9} lines  {batch_s:8.3f} s  {batch_rate:14,.0f} lines/s")
    print(f"roofline   {args.lines:>9} lines  {roof_s:8.3f} s  {roof_rate:14,.0f} lines/s")
    print(
        f"reference  {args.sample:>9} lines  {reference_s:8.3f} s  {reference_rate:14,.0f} lines/s"
    )
    print(f"exact-path lines in batch: {exact_lines}; sample equal to reference: {matches}")
    print(
        f"peak RSS of a fresh batch process: {memory['peak_rss_mb']:.1f} MB "
        f"(inputs alone {memory['rss_inputs_mb']:.1f} MB)"
    )
    print(json.dumps(figures))
    if not matches:
        sys.exit(1)


if __name__ == "__main__":
    main()
