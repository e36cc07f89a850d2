"""Regenerate the committed outputs of the pilot in examples/pilot/output/ with the CLI.

Every output is made by the ``sroi`` command line itself (``sroi_core.cli.main``, run in
this process from the repository root, with the paths a buyer would type), so the files
are exactly what the commands in examples/pilot/README.md print or write:

    python tools/make_pilot_outputs.py            # rewrite examples/pilot/output/
    python tools/make_pilot_outputs.py --check    # exit 1 when a committed file differs

tests/test_pilot.py runs :func:`generate` into a temporary directory and compares the
result with the committed files byte for byte.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PILOT = "examples/pilot"
OUTPUT = ROOT / PILOT / "output"

TENDER = f"{PILOT}/tender.json"
BIDS = (f"{PILOT}/bid-a.json", f"{PILOT}/bid-b.json", f"{PILOT}/bid-c.json")
WINNER = f"{PILOT}/bid-a.json"
EVIDENCE = (f"{PILOT}/evidence-2027-h1.json", f"{PILOT}/evidence-2027-h2.json")
EVALUATION = f"{PILOT}/evaluation.csv"


@dataclass(frozen=True)
class Step:
    """One output file: the commands whose standard output (or ``-o`` file) it holds."""

    name: str
    commands: tuple[tuple[str, ...], ...]
    writes: bool = False
    """The command writes the file itself (``-o {out}``) instead of printing it."""
    transcript: bool = False
    """Several commands: each printed after a ``$ sroi ...`` line, with its exit code."""


STEPS: tuple[Step, ...] = (
    Step("score.txt", (("score", TENDER, *BIDS, "--evaluation", EVALUATION),)),
    Step(
        "score.json",
        (("score", TENDER, *BIDS, "--evaluation", EVALUATION, "--format", "json"),),
    ),
    Step(
        "check.txt",
        (
            ("check", TENDER),
            *(("check", bid, "--tender", TENDER) for bid in BIDS),
            ("check", *EVIDENCE, "--bid", WINNER, "--tender", TENDER),
        ),
        transcript=True,
    ),
    Step(
        "valuation-bid-a.json",
        (("value", WINNER, "--tender", TENDER, "--format", "json", "-o", "{out}"),),
        writes=True,
    ),
    Step("monitor.txt", (("monitor", TENDER, WINNER, *EVIDENCE),)),
    Step(
        "report.html",
        (("report", TENDER, "--bid", WINNER, "--evidence", *EVIDENCE, "-o", "{out}"),),
        writes=True,
    ),
    Step(
        "report.md",
        (
            (
                "report",
                TENDER,
                "--bid",
                WINNER,
                "--evidence",
                *EVIDENCE,
                "--format",
                "markdown",
                "-o",
                "{out}",
            ),
        ),
        writes=True,
    ),
)
"""The committed outputs and the commands that make them (paths relative to the root)."""


def run_cli(argv: Sequence[str]) -> tuple[int, str, str]:
    """Run ``sroi ARGV`` in this process; return the exit code, stdout and stderr."""
    from sroi_core.cli import main  # noqa: PLC0415 - import after sys.path is set

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _english_locale() -> Iterator[None]:
    """The committed transcripts are in English whatever the machine's locale (LC_ALL=C)."""
    saved = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = "C.UTF-8"
    try:
        yield
    finally:
        if saved is None:
            del os.environ["LC_ALL"]
        else:
            os.environ["LC_ALL"] = saved


def generate(target: Path) -> dict[str, int]:
    """Write every output into ``target``; return the exit code of each command run.

    Commands run from the repository root, so the paths in the outputs are the ones the
    README shows. A command that fails unexpectedly (exit 2 or more) raises RuntimeError.
    """
    target.mkdir(parents=True, exist_ok=True)
    codes: dict[str, int] = {}
    with contextlib.chdir(ROOT), _english_locale():
        for step in STEPS:
            path = target / step.name
            chunks: list[str] = []
            for command in step.commands:
                argv = [part.replace("{out}", str(path)) for part in command]
                code, out, err = run_cli(argv)
                shown = " ".join(command)
                codes[shown] = code
                if code >= 2:
                    raise RuntimeError(f"sroi {shown} exited {code}: {err.strip()}")
                if step.transcript:
                    chunks.append(f"$ sroi {shown}\n{out}(exit {code})\n")
                else:
                    chunks.append(out)
            if not step.writes:
                path.write_bytes("\n".join(chunks).encode("utf-8"))
    return codes


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate (or with --check, compare) the committed pilot outputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files; change nothing"
    )
    args = parser.parse_args(argv)
    if not args.check:
        generate(OUTPUT)
        print(f"wrote {len(STEPS)} files to {OUTPUT.relative_to(ROOT)}")
        return 0
    import tempfile  # noqa: PLC0415 - only needed for --check

    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        generate(fresh)
        stale = [
            step.name
            for step in STEPS
            if not (OUTPUT / step.name).exists()
            or (OUTPUT / step.name).read_bytes() != (fresh / step.name).read_bytes()
        ]
    for name in stale:
        print(f"out of date: {PILOT}/output/{name}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
