"""Scaling of portfolio valuation and validation: 1,000 to 1,000,000 lines.

A portfolio of N lines is N / 1,000 bids of 1,000 commitments each (the bid of
``bench_value.py``), written to a temporary folder. For each size it times
``value_portfolio`` and ``validate_portfolio`` over the folder with ``--jobs`` worker
processes, and beside them the floor measured in the same run: ``json.loads`` plus
jsonschema-rs ``is_valid`` of every file, in this process. Cost is linear when the
microseconds per line stay flat from one size to the next.

    python benchmarks/bench_portfolio.py [--max-lines 1000000] [--jobs N]

The last line printed is a JSON object with every figure, for scripts to read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from _floor import floor_seconds
from bench_value import CATALOGUE, TENDER, build_bid

from sroi_core._version import __version__
from sroi_core.portfolio import default_jobs, validate_portfolio, value_portfolio

LINES_PER_BID = 1_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-lines", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()

    sizes = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n <= args.max_lines]
    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-portfolio-") as work:
        template = Path(work) / "template.json"
        text = json.dumps(build_bid(LINES_PER_BID))
        template.write_text(text, encoding="utf-8")
        for size in sizes:
            folder = Path(work) / f"lines-{size}"
            folder.mkdir()
            for n in range(size // LINES_PER_BID):
                shutil.copyfile(template, folder / f"bid-{n:05d}.json")
            files = sorted(folder.iterdir())
            floor_s = sum(floor_seconds(path.read_text(encoding="utf-8")) for path in files)
            start = time.perf_counter()
            valued = value_portfolio(
                [folder], catalogues=[CATALOGUE], tender=TENDER, jobs=args.jobs
            )
            value_s = time.perf_counter() - start
            start = time.perf_counter()
            checked = validate_portfolio([folder], catalogues=[CATALOGUE], jobs=args.jobs)
            validate_s = time.perf_counter() - start
            assert all(row.valid for row in valued + checked)
            row = {
                "lines": size,
                "documents": len(files),
                "valueSeconds": round(value_s, 3),
                "validateSeconds": round(validate_s, 3),
                "floorSeconds": round(floor_s, 3),
                "valueUsPerLine": round(value_s / size * 1e6, 2),
                "validateUsPerLine": round(validate_s / size * 1e6, 2),
                "floorUsPerLine": round(floor_s / size * 1e6, 2),
            }
            figures.append(row)
            print(
                f"{size:>9,} lines in {len(files):>4} bids: value {value_s:8.2f} s "
                f"({row['valueUsPerLine']:7.2f} us/line), validate {validate_s:8.2f} s "
                f"({row['validateUsPerLine']:7.2f} us/line); floor {floor_s:7.2f} s "
                f"({row['floorUsPerLine']:5.2f} us/line, one process)"
            )
            shutil.rmtree(folder)
    first, last = figures[0], figures[-1]
    print(
        f"per-line cost from {first['lines']:,} to {last['lines']:,} lines: value x"
        f"{last['valueUsPerLine'] / first['valueUsPerLine']:.2f}, validate x"
        f"{last['validateUsPerLine'] / first['validateUsPerLine']:.2f} (1.00 = linear)"
    )
    print(
        json.dumps(
            {
                "benchmark": "portfolio",
                "jobs": args.jobs,
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "sroiCore": __version__,
                "sizes": figures,
            }
        )
    )


if __name__ == "__main__":
    main()
