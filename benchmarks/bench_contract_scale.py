"""The contract commands over growing evidence: `check`, `monitor`, `report` stay linear.

For each size N (default 1,000 and 5,000) it writes a bid of N commitments
(``bench_value.build_bid``) and an evidence report of one item per commitment
(``bench_document_valuation.build_report``: every item names the same three people, the
example report's subjects, so the double-counting check has the most earlier claims to
look at), then runs each command in this process as a user would (``sroi_core.cli.main``),
best of R runs (default 2). Beside each command it prints the floor measured in the same
run: ``json.loads`` of the bid and the report (what any reader of the inputs must at least
do), and the ratio of the command to its floor. Linear cost shows as the same ratio at
every size; a lookup by scan (cost n x m) shows as a ratio that grows with N (before
this benchmark, ``report`` went from 3.3 s at 1,000 lines to 17.3 s at 5,000, and
``monitor`` took 136 s at 5,000).

    python benchmarks/bench_contract_scale.py [--sizes 1000 5000] [--repeat R]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bench_value
from bench_document_valuation import build_report

from sroi_core.cli import main as sroi


def best(action: Callable[[], object], repeat: int) -> float:
    """The fastest wall time of ``action`` over ``repeat`` runs."""
    fastest = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def quietly(argv: list[str]) -> None:
    """Run one ``sroi`` command with its standard output and errors swallowed."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = sroi(argv)
    if code not in (0, 1):  # 1: findings, the generated report has double counting on purpose
        raise SystemExit(f"sroi {argv[0]} exited {code}")


def measure(size: int, repeat: int, folder: Path) -> dict[str, float]:
    """Seconds of each command and of the floor for one size."""
    bid_path, report_path = folder / f"bid-{size}.json", folder / f"report-{size}.json"
    bid = bench_value.build_bid(size)
    bid_path.write_text(json.dumps(bid), encoding="utf-8")
    report_path.write_text(json.dumps(build_report(bid)), encoding="utf-8")
    catalogue, tender = str(bench_value.CATALOGUE), str(bench_value.TENDER)
    inputs = [str(bid_path), str(report_path)]
    commands = {
        "check": ["check", "--catalogue", catalogue, "--tender", tender, "--bid", inputs[0],
                  "--format", "json", inputs[1]],
        "monitor": ["monitor", "--catalogue", catalogue, "--format", "json", "-o",
                    str(folder / "monitor.json"), tender, *inputs],
        "report": ["report", "--catalogue", catalogue, "--bid", inputs[0], "--evidence",
                   inputs[1], "--format", "html", "-o", str(folder / "report.html"), tender],
    }  # fmt: skip
    figures = {
        "floor": best(
            lambda: [json.loads(Path(p).read_text(encoding="utf-8")) for p in inputs], repeat
        )
    }
    for name, argv in commands.items():
        figures[name] = best(lambda argv=argv: quietly(argv), repeat)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            figures = measure(size, args.repeat, Path(folder))
            results[size] = figures
            floor = figures["floor"]
            print(f"{size} commitments and evidence items: floor (json.loads of both) "
                  f"{floor:.3f} s")  # fmt: skip
            for name in ("check", "monitor", "report"):
                print(f"  sroi {name}: {figures[name]:.3f} s = {figures[name] / floor:.0f}x "
                      f"the floor, {figures[name] / size * 1e3:.2f} ms per line")  # fmt: skip
    print(json.dumps({str(k): {n: round(v, 4) for n, v in f.items()} for k, f in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
