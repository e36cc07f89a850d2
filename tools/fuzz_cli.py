"""Fuzz the ``sroi`` command line: every command over mutated example documents.

Each round takes one seed document (``examples/*.json``, ``examples/pilot/*.json`` or a
conformance vector), applies a few random mutations (extreme numbers, huge or hostile
text, wrong types, deep nesting, deleted keys, duplicated elements), puts it in place of
its original in the pilot contract and runs every command that reads that kind of file
through ``sroi_core.cli.main``, in process, with a per-call time limit. A run fails on
exit 70 (an internal error), a Python traceback in the output, or a hang.

    python tools/fuzz_cli.py --examples 500 --seed 1 --timeout 20

prints the documents and calls run, the histogram of exit codes, the time taken, and
every failure with the seed that reproduces it. The test suite runs a bounded version
(tests/test_fuzz_cli.py) through hypothesis.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from sroi_core.cli import main as sroi_main

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "pilot"
TENDER, BID = "tender.json", "bid-a.json"
REPORTS = ("evidence-2027-h1.json", "evidence-2027-h2.json")
EVALUATION = "evaluation.csv"

HOSTILE_TEXT = (
    "# Forged heading\n| a | b |\n[click](javascript:alert(1)) <script>x</script> <!-- "
    "*bold* _x_ `code` \x1b[2J\x1b[31mred\r\x07\x00\u202e"
)
NUMBER_TEXTS = (
    "9" * 30,
    "9" * 30 + ".99",
    str(10**30 - 1),
    "1e999",
    "1E+400",
    "-1",
    "0",
    "0." + "0" * 40 + "1",
    "-0.00",
    "12345678901234567890.123456789",
)
SCALARS: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    10**30 - 1,
    10**400,
    "__INF__",
    1.5,
    "",
    "nl",
    "x" * 140_000,
    HOSTILE_TEXT,
    *NUMBER_TEXTS,
)


class Hang(BaseException):
    """A call ran past its time limit (a BaseException, so ``main`` cannot swallow it)."""


@dataclass
class Outcome:
    """One command run: its argument list, exit code and whether it failed the fuzz."""

    argv: list[str]
    code: int | str
    failure: str | None = None
    stderr: str = ""


@dataclass
class Tally:
    """What a fuzz run saw."""

    documents: int = 0
    calls: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[int, Outcome]] = field(default_factory=list)


def seed_files() -> list[Path]:
    """Valid example documents and conformance vectors to start from.

    The pilot's files, which the workflow commands combine, are weighted four times.
    """
    files = sorted((ROOT / "examples").glob("*.json")) + 4 * sorted(PILOT.glob("*.json"))
    vectors = sorted((ROOT / "tests" / "conformance").glob("*/*.json"))
    return files + vectors[::4]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(root, path[:-1])[path[-1]] = value
    return root


def _deep(depth: int) -> Any:
    node: Any = "x"
    for _ in range(depth):
        node = [node]
    return node


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def mutate_plausibly(data: Any, rng: random.Random, rounds: int) -> Any:
    """Mutations that keep a document schema-valid more often.

    Extreme numbers in number fields, hostile text in free-text fields, an item status
    edited by hand.
    """
    data = copy.deepcopy(data)
    leaves = [p for p in _paths(data) if isinstance(_get(data, p), str | int) and p]
    for _ in range(rounds):
        path = rng.choice(leaves)
        value = _get(data, path)
        if isinstance(value, int) and not isinstance(value, bool):
            data = _set(data, path, rng.choice((10**30 - 1, 0, 1, 100, 10**9)))
        elif _numeric(value):
            data = _set(data, path, rng.choice(NUMBER_TEXTS))
        elif path[-1] == "status":
            data = _set(data, path, rng.choice(("verified", "rejected", "submitted")))
        elif path[-1] in ("name", "en", "nl", "description", "reason", "reference", "title"):
            data = _set(data, path, rng.choice((HOSTILE_TEXT, "x" * 140_000, value * 2)))
    return data


def mutate(data: Any, rng: random.Random, rounds: int) -> Any:
    """Apply ``rounds`` random mutations to a copy of ``data``."""
    if rng.random() < 0.6:
        return mutate_plausibly(data, rng, rounds)
    data = copy.deepcopy(data)
    for _ in range(rounds):
        paths = list(_paths(data))
        path = rng.choice(paths[1:] or paths)
        target = _get(data, path)
        choice = rng.random()
        if choice < 0.45:
            if isinstance(target, str) and rng.random() < 0.6:
                value: Any = rng.choice((*NUMBER_TEXTS, HOSTILE_TEXT, "x" * 140_000))
            else:
                value = rng.choice(SCALARS)
            data = _set(data, path, value)
        elif choice < 0.6 and path:
            parent = _get(data, path[:-1])
            if isinstance(parent, dict):
                del parent[path[-1]]
            elif isinstance(parent, list) and parent:
                parent.append(copy.deepcopy(parent[path[-1]]))
        elif choice < 0.7:
            data = _set(data, path, _deep(rng.choice((5, 40, 70, 200))))
        elif choice < 0.8:
            data = _set(data, path, rng.choice(([], {}, [target] * rng.randint(2, 50))))
        elif choice < 0.9 and isinstance(target, list) and target:
            target.extend(copy.deepcopy(target) for _ in range(rng.randint(1, 3)))
        else:
            other = _get(data, rng.choice(paths))
            data = _set(data, path, copy.deepcopy(other))
    return data


def _dump(data: Any) -> str:
    def default(value: Any) -> Any:  # pragma: no cover - JSON holds no other types
        raise TypeError(type(value).__name__)

    text = json.dumps(data, ensure_ascii=False, default=default)
    return text.replace('"__INF__"', "1e999")


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hang


def run_one(argv: list[str], timeout: float) -> Outcome:
    """Run ``sroi argv`` in process; classify exit 70, a traceback or a hang as failures."""
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code: int | str = sroi_main(argv)
    except Hang:
        return Outcome(argv, "hang", f"no answer within {timeout} s")
    except SystemExit as stop:  # argparse usage errors
        code = stop.code if isinstance(stop.code, int) else 2
    except BaseException as error:  # exactly what the fuzz looks for
        return Outcome(argv, "raised", f"{type(error).__name__}: {error}"[:500])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    text = err.getvalue() + out.getvalue()
    failure = None
    if code == 70:
        failure = err.getvalue()[-500:]
    elif "Traceback (most recent call last)" in text:
        failure = "a traceback was printed"
    return Outcome(argv, code, failure, err.getvalue()[-2000:])


def _command_lines(kind: str, work: Path, name: str, rng: random.Random) -> list[list[str]]:
    """The commands that read the mutated file ``name`` (a ``kind`` document) in ``work``."""
    def at(file: str) -> str:
        return str(work / file)

    mutated = at(name)
    tender, bid = at(TENDER), at(BID)
    reports = [at(r) for r in REPORTS]
    out = at("out.txt")
    if kind == "vector":
        return [["conformance", "run", str(work / "vectors")]]
    lines = [["validate", mutated], ["check", mutated, "--tender", tender, "--bid", bid]]
    if kind == "tender":
        lines += [
            ["score", mutated, bid, at("bid-b.json"), at("bid-c.json"), "--evaluation",
             at(EVALUATION)],
            ["monitor", mutated, bid, *reports],
            ["report", mutated, "--bid", bid, "--evidence", *reports, "--format", "markdown"],
            ["check", mutated, "--threshold", rng.choice(("minimumSocialValueShare=1e999",
                                                          "x=1", "a=" + "9" * 40))],
        ]
    elif kind == "bid":
        fmt = rng.choice(("table", "json", "csv", "markdown"))
        lines += [
            ["value", mutated, "--tender", tender, "--format", fmt, "-o", out],
            ["score", tender, mutated, at("bid-b.json"), at("bid-c.json"), "--evaluation",
             at(EVALUATION)],
            ["monitor", tender, mutated, *reports],
            ["report", tender, "--bid", mutated, "--evidence", *reports, "--format", "html"],
        ]
    elif kind == "evidenceReport":
        lines += [
            ["value", mutated, "--bid", bid, "--tender", tender, "--format", "markdown"],
            ["verify", mutated],
            ["verify", mutated, "--item", "e-h2-03", "--accept", "--at",
             "2028-02-07T10:20:00+01:00", "--out", mutated],
            ["monitor", tender, bid, mutated, reports[0]],
            ["report", tender, "--bid", bid, "--evidence", mutated, "--format", "markdown"],
        ]
    elif kind in ("catalogue", "valuation"):
        lines += [["value", at(BID), "--catalogue", mutated, "--tender", tender]]
    return lines


def _kind(data: Any, path: Path) -> str:
    if "conformance" in path.parts:
        return "vector"
    kind = data.get("documentType") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else "bid"


def fuzz_document(seed: int, timeout: float = 20.0) -> list[Outcome]:
    """One round: mutate one seed document (chosen by ``seed``) and run its commands."""
    rng = random.Random(seed)
    source = rng.choice(seed_files())
    original = json.loads(source.read_text(encoding="utf-8"))
    kind = _kind(original, source)
    mutated = mutate(original, rng, rng.randint(1, 2))
    with tempfile.TemporaryDirectory(prefix="sroi-fuzz-") as folder:
        work = Path(folder)
        for file in (TENDER, BID, "bid-b.json", "bid-c.json", *REPORTS, EVALUATION):
            (work / file).write_bytes((PILOT / file).read_bytes())
        if rng.random() < 0.3:
            _mutate_sheet(work / EVALUATION, rng)
        name = "mutated.json"
        if kind == "vector":
            (work / "vectors").mkdir()
            (work / "vectors" / "a.json").write_text(_dump(mutated), encoding="utf-8")
            (work / "vectors" / "b.json").write_bytes(source.read_bytes())
        else:
            if source.parent == PILOT and source.name in (TENDER, BID, *REPORTS):
                name = source.name  # the mutated file takes its original's place
            (work / name).write_text(_dump(mutated), encoding="utf-8")
        return [run_one(argv, timeout) for argv in _command_lines(kind, work, name, rng)]


def _mutate_sheet(path: Path, rng: random.Random) -> None:
    rows = path.read_text(encoding="utf-8").splitlines()
    cells = rows[1].split(";")
    cells[rng.randrange(len(cells))] = rng.choice(
        ("9" * 40, "1e999", "x" * 140_000, '"' + HOSTILE_TEXT, "", "-1", "NaN")
    )
    rows[1] = ";".join(cells)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def fuzz(examples: int, seed: int, timeout: float) -> Tally:
    """Run ``examples`` rounds from ``seed`` on."""
    tally = Tally()
    for number in range(seed, seed + examples):
        tally.documents += 1
        for outcome in fuzz_document(number, timeout):
            tally.calls += 1
            tally.codes[str(outcome.code)] += 1
            if outcome.failure is not None:
                tally.failures.append((number, outcome))
    return tally


def main(argv: list[str] | None = None) -> int:
    """Command line of the fuzz script; exit 1 when any call failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="documents to fuzz")
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per call")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tally = fuzz(args.examples, args.seed, args.timeout)
    elapsed = time.perf_counter() - start
    histogram = ", ".join(f"{code}: {n}" for code, n in sorted(tally.codes.items()))
    print(f"documents: {tally.documents}, command calls: {tally.calls}, time: {elapsed:.1f} s")
    print(f"exit codes: {histogram}")
    print(f"failures (exit 70, traceback or hang): {len(tally.failures)}")
    for number, outcome in tally.failures[:50]:
        shown = " ".join(a[:60] for a in outcome.argv)
        print(f"  seed {number}: sroi {shown}\n    {outcome.failure}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
