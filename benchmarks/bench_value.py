"""Time ``sroi value`` on the issue's bid, end to end and phase by phase, against its floor.

Builds a bid with N commitments (default 100,000, the bid of issue 12's targets; pass
``--commitments 10000`` for a quick run) on the illustrative example catalogue's monetised
indicators, each claiming the longest duration the catalogue allows for its indicator,
and writes it to a temporary directory. Then it times, best of R runs (default 1: one
end-to-end run of the 100,000-commitment bid takes tens of seconds on a shared machine;
pass ``--repeat 3`` for smaller bids):

- ``sroi value BID --catalogue ... --tender ... --format FORMAT -o OUT`` in a subprocess:
  wall-clock seconds and the child's user and system CPU seconds
  (``resource.getrusage(RUSAGE_CHILDREN)``);
- the start-up of ``sroi value --help`` (interpreter and imports) beside a bare
  ``python -c pass``;
- in process: loading (what the command does: both validation layers, the schema layer
  only to explain a refusal, read for valuation so the reader keeps the digest form),
  ``value_document`` of a freshly loaded bid (each repetition loads anew, untimed, so
  nothing of a previous valuation is reused) and ``dump_document``; loading once more
  as the command runs it (the cyclic collector paused, the loaded documents frozen).

Beside them, measured in the same run: the floor of reading the same bid (``json.loads``
plus jsonschema-rs ``is_valid``, see ``_floor.py``; measured before each command run,
best of R, so drift on a shared machine weighs on both alike) against the end-to-end
wall time (target: within 8x), and the batch kernel's time per line (``value_lines`` on as many
lines as the valuation has line values) against ``value_document``'s (target: within
100x). It also prints what end to end costs besides ``value_document`` and
``dump_document`` (the end-to-end wall time less their in-process times): start-up,
loading, writing the file and ending the process.

The last line printed is a JSON object with every figure, for scripts to read.

    python benchmarks/bench_value.py [--commitments N] [--repeat R] [--format F] [--profile]
        [--standard 1.0|2.0]

``--standard 2.0`` builds the bid from the 2.0 example bid, catalogue and tender (each
commitment a copy of the example's first, with the fields above replaced), valued with
the 2.0 method.

``--profile`` adds a cProfile summary of ``value_document`` (top entries by own time and
by cumulative time) to show where its time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from _floor import floor_seconds
from bench_valuation import make_inputs, run_batch

from sroi_core._gc import gc_paused
from sroi_core._version import __version__
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import dump_document, load_document, validate_file
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.tender import Tender
from sroi_core.model.valuation import Valuation
from sroi_core.valuation.document import value_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CATALOGUE = EXAMPLES / "catalogue.illustrative.json"
TENDER = EXAMPLES / "tender.json"
STANDARDS = {"1.0": ROOT / "examples", "2.0": ROOT / "examples" / "2.0"}
"""Where the example bid, catalogue and tender of each standard version live."""
FLOOR_TARGET = 8.0
"""Issue 12: ``sroi value`` of the bid within 8x of the floor on the same text."""
KERNEL_TARGET = 100.0
"""Issue 12: document valuation per line within 100x of the batch kernel per line."""
T = TypeVar("T")


def use_standard(version: str) -> None:
    """Build and value bids of standard ``version``: its example bid, catalogue and tender.

    Rebinds this script's EXAMPLES, CATALOGUE and TENDER (``--standard``); scripts that
    import them keep the 1.0 documents.
    """
    global EXAMPLES, CATALOGUE, TENDER  # noqa: PLW0603 - the script's one input switch
    EXAMPLES = STANDARDS[version]
    CATALOGUE = EXAMPLES / "catalogue.illustrative.json"
    TENDER = EXAMPLES / "tender.json"


def build_bid(commitments: int) -> dict[str, Any]:
    """A valid bid: commitments cycle through the catalogue's monetised indicators.

    Each commitment claims its indicator's maximum duration; quantities vary so that no
    two neighbouring lines are alike, and FTE-year commitments alternate between hours
    and FTE-years (the hours convert through the catalogue's FTE norm).
    """
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    bid: dict[str, Any] = json.loads((EXAMPLES / "bid.json").read_text(encoding="utf-8"))
    indicators = [i for i in catalogue["indicators"] if i["monetisation"] == "monetised"]
    template = bid["commitments"][0]
    lines = []
    for n in range(commitments):
        indicator = indicators[n % len(indicators)]
        unit = indicator["unit"]
        value = f"{1 + n % 97}.{n % 100:02d}"
        if unit == "fte-year" and n % 2:
            unit, value = "hour", str(180 * (1 + n % 37))
        lines.append(
            {
                **(template if bid["standardVersion"] != "1.0" else {}),
                "id": f"c-{n:07d}",
                "indicator": indicator["id"],
                "quantity": {"value": value, "unit": unit},
                "period": template["period"],
                "durationYears": indicator["adjustments"]["maxDurationYears"],
                "areas": template["areas"],
            }
        )
    bid["commitments"] = lines
    return bid


def best(action: Callable[[], T], repeat: int) -> tuple[T, float]:
    """Run ``action`` ``repeat`` times; return the last result and the fastest wall time."""
    fastest = float("inf")
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        fastest = min(fastest, time.perf_counter() - start)
    return result, fastest


def first_valuation(
    bid_path: Path, bid: Bid, catalogue: Catalogue, tender: Tender, repeat: int
) -> tuple[Valuation, float]:
    """Fastest ``value_document`` of a freshly loaded bid, as ``sroi value`` values it.

    Each repetition after the first loads the documents anew (untimed, as the command
    reads them: the digest form the reader keeps is used, but nothing else of a previous
    valuation).
    """
    fastest = float("inf")
    valuation: Valuation | None = None
    for attempt in range(repeat):
        if attempt:
            del valuation
            bid, catalogue, tender = load(bid_path)
        start = time.perf_counter()
        valuation = value_document(bid, catalogue, tender=tender)
        fastest = min(fastest, time.perf_counter() - start)
    assert valuation is not None
    return valuation, fastest


def end_to_end(
    bid_path: Path, out_path: Path, fmt: str, repeat: int, floor: Callable[[], float]
) -> tuple[dict[str, float], float]:
    """``sroi value`` in a subprocess and the floor, alternately, each best of ``repeat``.

    Wall, user and system seconds of the fastest command run, and the fastest floor. The
    two alternate run by run, so a shared machine's drift over the minutes a large bid
    takes weighs on both sides of the ratio alike.
    """
    command = [
        sys.executable, "-m", "sroi_core", "value", str(bid_path),
        "--catalogue", str(CATALOGUE), "--tender", str(TENDER),
        "--format", fmt, "-o", str(out_path),
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "SROI_DEBUG"}
    runs, floors = [], []
    for _ in range(repeat):
        floors.append(floor())
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"sroi value failed ({done.returncode}): {done.stderr}")
        runs.append(
            {
                "wall_s": wall,
                "user_s": after.ru_utime - before.ru_utime,
                "sys_s": after.ru_stime - before.ru_stime,
            }
        )
    fastest = min(runs, key=lambda run: run["wall_s"])
    return {key: round(value, 3) for key, value in fastest.items()}, min(floors)


def startup(repeat: int, command: list[str] | None = None) -> float:
    """Best-of-``repeat`` wall seconds of ``sroi value --help``: interpreter and imports."""
    command = command or [sys.executable, "-m", "sroi_core", "value", "--help"]
    times = []
    for _ in range(max(repeat, 3)):  # cheap: always best of at least 3
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return round(min(times), 3)


def load(bid_path: Path) -> tuple[Bid, Catalogue, Tender]:
    """Load the documents as ``sroi value`` does (read for valuation, see ``load_document``).

    Both layers, the schema only to explain a refusal; the reader keeps each document's
    digest form.
    """
    store = CatalogueStore()
    catalogue = store.add_file(CATALOGUE)
    bid = validate_file(bid_path, store, full_schema=False, for_valuation=True).document
    tender = validate_file(TENDER, store, full_schema=False, for_valuation=True).document
    assert isinstance(bid, Bid)
    assert isinstance(tender, Tender)
    return bid, catalogue, tender


def load_as_command(bid_path: Path) -> tuple[Bid, Catalogue, Tender]:
    """:func:`load` as ``sroi value`` runs it: collector paused, what it keeps frozen."""
    with gc_paused():
        documents = load(bid_path)
        gc.freeze()  # as sroi_core.cli.keep_until_exit does in a console run
    gc.unfreeze()
    return documents


def profile(bid: Bid, catalogue: Catalogue, tender: Tender, top: int = 15) -> str:
    """cProfile of one ``value_document`` call: top entries by own and cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    value_document(bid, catalogue, tender=tender)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--format", choices=("json", "table", "csv", "markdown"), default="json")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--standard", choices=sorted(STANDARDS), default="1.0")
    args = parser.parse_args(argv)
    use_standard(args.standard)

    with tempfile.TemporaryDirectory(prefix="bench-value-") as work:
        bid_path = Path(work) / "bid.json"
        out_path = Path(work) / f"valuation.{args.format}"
        bid_path.write_text(json.dumps(build_bid(args.commitments)), encoding="utf-8")
        size_mib = bid_path.stat().st_size / 2**20

        # the floor beside each command run, while this process holds no large document
        # (fair collector costs)
        e2e, floor_s = end_to_end(
            bid_path,
            out_path,
            args.format,
            args.repeat,
            lambda: floor_seconds(bid_path.read_text(encoding="utf-8")),
        )
        startup_s = startup(args.repeat)
        bare_s = startup(args.repeat, [sys.executable, "-c", "pass"])
        load(EXAMPLES / "bid.json")  # validators built once per process, not timed
        (bid, catalogue, tender), load_s = best(lambda: load(bid_path), args.repeat)
        valuation, value_s = first_valuation(bid_path, bid, catalogue, tender, args.repeat)
        text, dump_s = best(lambda: dump_document(valuation), args.repeat)
        if args.format == "json":
            assert out_path.read_text(encoding="utf-8") == text, "CLI output differs"
        assert isinstance(load_document(CATALOGUE), Catalogue)
        rows = sum(len(line.values) for line in valuation.lines)
        del bid, catalogue, tender
        (bid, catalogue, tender), command_load_s = best(
            lambda: load_as_command(bid_path), args.repeat
        )

        inputs = make_inputs(rows, 1)
        _, kernel_s = best(lambda: run_batch(inputs), args.repeat)
        per_line_us = value_s / rows * 1e6
        kernel_us = kernel_s / rows * 1e6
        over_floor = e2e["wall_s"] / floor_s
        rest_s = max(e2e["wall_s"] - value_s - dump_s, 0.0)

        print(f"bid: {args.commitments} commitments, {rows} line values, {size_mib:.1f} MiB")
        print(
            f"sroi value --format {args.format} (subprocess, best of {args.repeat}): "
            f"wall {e2e['wall_s']:.3f} s, user {e2e['user_s']:.3f} s, sys {e2e['sys_s']:.3f} s"
        )
        print(
            f"floor: json.loads + jsonschema-rs is_valid {floor_s:.3f} s -> sroi value is "
            f"{over_floor:.1f}x the floor (target {FLOOR_TARGET:.0f}x)"
        )
        print(
            f"start-up: sroi value --help {startup_s:.3f} s, bare python -c pass {bare_s:.3f} s "
            f"(best of {max(args.repeat, 3)})"
        )
        print(
            f"in process (best of {args.repeat}): load {load_s:.3f} s (as the command runs "
            f"it: {command_load_s:.3f} s), value_document {value_s:.3f} s, "
            f"dump_document {dump_s:.3f} s"
        )
        print(
            f"end to end less value_document and dump_document: {rest_s:.3f} s "
            f"({rest_s / floor_s:.1f}x the floor; start-up, load, write, exit)"
        )
        print(f"outcome value {valuation.totals.outcome_value}, ratio {valuation.sroi_ratio}")
        print(
            f"per line value: value_document {per_line_us:.2f} us, batch kernel "
            f"{kernel_us:.3f} us -> {per_line_us / kernel_us:.0f}x the kernel "
            f"(target {KERNEL_TARGET:.0f}x)"
        )
        if args.profile:
            print(profile(bid, catalogue, tender))
        result = {
            "benchmark": "sroi value",
            "standard": args.standard,
            "commitments": args.commitments,
            "line_values": rows,
            "bid_mib": round(size_mib, 2),
            "format": args.format,
            "repeat": args.repeat,
            "end_to_end_wall_s": e2e["wall_s"],
            "end_to_end_user_s": e2e["user_s"],
            "end_to_end_sys_s": e2e["sys_s"],
            "startup_s": startup_s,
            "bare_python_s": bare_s,
            "load_s": round(load_s, 3),
            "load_as_command_s": round(command_load_s, 3),
            "value_document_s": round(value_s, 3),
            "dump_s": round(dump_s, 3),
            "output_mib": round(len(text.encode()) / 2**20, 2),
            "floor_s": round(floor_s, 3),
            "end_to_end_over_floor": round(over_floor, 2),
            "end_to_end_less_value_and_dump_s": round(rest_s, 3),
            "value_document_us_per_line": round(per_line_us, 3),
            "kernel_us_per_line": round(kernel_us, 4),
            "value_document_over_kernel": round(per_line_us / kernel_us, 1),
            "floor_target": FLOOR_TARGET,
            "within_floor_target": over_floor <= FLOOR_TARGET,
            "kernel_target": KERNEL_TARGET,
            "within_kernel_target": per_line_us / kernel_us <= KERNEL_TARGET,
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sroi_core": __version__,
        }
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
