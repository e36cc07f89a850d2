"""The 2.0 pilot (examples/2.0/pilot): its commands run as written; the honest bid wins."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_pilot import commands

from sroi_core.cli import main
from sroi_core.documents import parse_document
from sroi_core.model.award import Award

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "2.0" / "pilot"
README = PILOT / "README.md"


@contextmanager
def at_root() -> Iterator[None]:
    """Run from the repository root, as the README says."""
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def _redirect(argv: list[str], tmp: Path) -> list[str]:
    return [
        str(tmp / Path(a).name) if prev == "-o" else a
        for prev, a in zip(["", *argv], argv, strict=False)
    ]


def test_the_readme_commands_run_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = commands(README)
    assert len(listed) >= 6
    with at_root():
        for argv, expected in listed:
            code = main(_redirect(argv, tmp_path))
            out, err = capsys.readouterr()
            assert "Traceback" not in out + err
            assert code == expected, f"sroi {' '.join(argv)} exited {code}: {err}"
    award = parse_document((tmp_path / "award.json").read_text(encoding="utf-8"))
    assert isinstance(award, Award)
    assert next(entry.bid for entry in award.ranking) == "lei-2027-031-bid-honest"


def test_the_ranking_in_the_readme_is_what_score_prints(capsys: pytest.CaptureFixture[str]) -> None:
    shown = re.search(r"```text\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert shown is not None
    score = next(argv for argv, _ in commands(README) if argv[0] == "score" and "-o" not in argv)
    with at_root():
        assert main(score) == 0
    out = capsys.readouterr().out
    for line in shown.group(1).splitlines():
        assert line in out


def test_community_outcomes_without_a_proxy_value_score(capsys: pytest.CaptureFixture[str]) -> None:
    """Meeting the non-monetised targets scores more than a token bid, and more than 0."""
    score = next(argv for argv, _ in commands(README) if argv[0] == "score" and "-o" in argv)
    with at_root():
        assert main([*score[: score.index("-o")]]) == 0
    award = json.loads(capsys.readouterr().out)
    bids = {b["bid"]: b for b in award["bids"]}
    honest = bids["lei-2027-031-bid-honest"]
    unpriced = [i for i in honest["indicators"] if i["indicator"] != "wp-bijstand-exit-single-12m"]
    assert all(i["attainment"] == "1.0000" for i in unpriced)
    assert (
        float(honest["points"]["quantitative"])
        > float(bids["lei-2027-031-bid-tickbox"]["points"]["quantitative"])
        > 0
    )
