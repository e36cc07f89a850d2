"""Time the HTTP API against the same operation called in process (the floor).

Starts ``sroi serve --port 0`` in a subprocess, then for each endpoint sends the pilot
request REPEAT times with urllib (one connection per request, as a simple client does) and
times the same operation called in this process (:mod:`sroi_core.serve.operations`).
The difference is what HTTP, JSON transport and the server add. The last line printed is
a JSON object with every figure.

    python benchmarks/bench_serve.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from sroi_core._version import __version__
from sroi_core.serve import operations

ROOT = Path(__file__).resolve().parents[1]
CASES = {
    "/validate": ROOT / "examples/pilot/bid-a.json",
    "/value": ROOT / "examples/http/value-bid-a.json",
    "/check": ROOT / "examples/http/check-evidence.json",
    "/score": ROOT / "examples/http/score-pilot.json",
}


def best_ms(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in milliseconds (after one warm-up run)."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    process = subprocess.Popen(
        [sys.executable, "-m", "sroi_core", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    started = time.perf_counter()
    line = process.stdout.readline()
    startup_ms = (time.perf_counter() - started) * 1000
    match = re.search(r"http://[0-9.]+:[0-9]+", line)
    if match is None:
        process.kill()
        raise SystemExit(f"sroi serve did not start: {line!r}")
    base = match.group(0)
    figures: dict[str, object] = {
        "tool": __version__,
        "python": platform.python_version(),
        "repeat": args.repeat,
        "startup_ms": round(startup_ms, 1),
    }
    print(f"sroi serve printed its address after {startup_ms:.0f} ms")
    print(f"{'endpoint':<10} {'HTTP ms':>9} {'in-process ms (floor)':>22} {'overhead ms':>12}")
    try:
        for path, file in CASES.items():
            body = file.read_bytes()

            def over_http(path: str = path, body: bytes = body) -> bytes:
                request = urllib.request.Request(base + path, data=body, method="POST")
                with urllib.request.urlopen(request, timeout=60) as response:
                    return bytes(response.read())

            def in_process(path: str = path, body: bytes = body) -> str:
                parsed = operations.parse_body(body)
                return operations.POST_OPERATIONS[path](parsed, "en").text

            http_ms = best_ms(over_http, args.repeat)
            floor_ms = best_ms(in_process, args.repeat)
            print(f"{path:<10} {http_ms:>9.1f} {floor_ms:>22.1f} {http_ms - floor_ms:>12.1f}")
            figures[path] = {"http_ms": round(http_ms, 2), "in_process_ms": round(floor_ms, 2)}
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
