"""Nothing half-written, no decision lost: atomic writes and locked in-place updates."""

from __future__ import annotations

import fcntl
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sroi_core import fileio
from sroi_core.cli import main
from sroi_core.documents import load_document
from sroi_core.errors import ConcurrentUpdateError, FileWriteError
from sroi_core.model import EvidenceReport

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "pilot"
AT = "2028-02-07T10:20:00+01:00"

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A copy of the pilot's second-half report, with two submitted items."""
    path = tmp_path / "evidence.json"
    shutil.copyfile(PILOT / "evidence-2027-h2.json", path)
    return path


def _status(path: Path, item_id: str) -> str:
    document = load_document(path)
    assert isinstance(document, EvidenceReport)
    return next(i.status.value for i in document.items if i.id == item_id)


def test_write_atomic_replaces_whole_files_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    fileio.write_atomic(target, "new text")
    assert target.read_text(encoding="utf-8") == "new text"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left


def test_a_failure_mid_write_leaves_the_original_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    out = tmp_path / "valuation.json"
    out.write_text("the earlier valuation\n", encoding="utf-8")

    def half_then_fail(stream: object, data: bytes) -> None:
        stream.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio, "_write_all", half_then_fail)
    code, _, err = run(capsys, "value", PILOT / "bid-a.json", "--tender", PILOT / "tender.json",
                       "--format", "json", "-o", out)
    assert code == 2
    assert "No space left on device" in err
    assert "left as it was" in err
    assert out.read_text(encoding="utf-8") == "the earlier valuation\n"
    assert [p.name for p in tmp_path.iterdir()] == ["valuation.json"]


def test_a_small_file_size_limit_never_truncates_the_report(report: Path) -> None:
    """``ulimit -f``: the write fails (exit 2) and the report is intact."""
    before = report.read_bytes()
    limit = len(before) // 2

    def small_ulimit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "sroi_core", "verify", str(report), "--item", "e-h2-04",
         "--accept", "--at", AT, "--out", str(report)],
        capture_output=True, text=True, preexec_fn=small_ulimit, timeout=120, check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert report.read_bytes() == before


def test_in_place_verify_refuses_while_another_process_holds_the_report(
    report: Path, capsys: Capture
) -> None:
    before = report.read_bytes()
    with open(report, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        code, _, err = run(capsys, "verify", report, "--item", "e-h2-04", "--accept",
                           "--at", AT, "--out", report)
    assert code == 2
    assert "another process is updating this file" in err
    assert report.read_bytes() == before


def test_in_place_verify_refuses_a_change_made_while_it_ran(
    report: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """An editor saves the file between our read and our write: its change is kept."""
    from sroi_core.cli import verify_cmd

    real_decide = verify_cmd.decide
    others = json.loads(report.read_text(encoding="utf-8"))
    others["items"][2]["note"] = {"en": "saved by an editor meanwhile"}
    edited = json.dumps(others, indent=2)

    def decide_while_edited(*args: object, **kwargs: object) -> EvidenceReport:
        report.write_text(edited, encoding="utf-8")
        return real_decide(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(verify_cmd, "decide", decide_while_edited)
    code, _, err = run(capsys, "verify", report, "--item", "e-h2-04", "--accept", "--at", AT,
                       "--out", report)
    assert code == 2
    assert "changed by someone else" in err
    assert report.read_text(encoding="utf-8") == edited


def test_in_place_update_api_refuses_a_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("one", encoding="utf-8")
    with fileio.InPlaceUpdate(path) as update:
        path.write_text("two", encoding="utf-8")
        with pytest.raises(ConcurrentUpdateError):
            update.write("three")
    assert path.read_text(encoding="utf-8") == "two"
    with pytest.raises(FileWriteError):
        fileio.write_atomic(tmp_path / "missing" / "x.txt", "x")


def _bigger_report(path: Path, copies: int) -> None:
    """Pad the report with rejected items so a run takes long enough to overlap another."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rejected = next(i for i in data["items"] if i["status"] == "rejected") if any(
        i["status"] == "rejected" for i in data["items"]) else None
    template = rejected or data["items"][0]
    for n in range(copies):
        item = json.loads(json.dumps(template))
        item["id"] = f"pad-{n:05d}"
        data["items"].append(item)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_two_concurrent_verify_runs_lose_no_decision(report: Path) -> None:
    """Two real processes decide two items of one report at the same time.

    Each either succeeds (and its decision is in the final file) or refuses with exit 2
    (and its decision is not there): a run never exits 0 with its decision lost.
    """
    _bigger_report(report, 1500)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    commands = [
        [sys.executable, "-m", "sroi_core", "verify", str(report), "--item", item, "--accept",
         "--at", AT, "--out", str(report)]
        for item in ("e-h2-03", "e-h2-04")
    ]
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for c in commands
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in processes]
    for p in processes:
        for stream in (p.stdout, p.stderr):
            if stream is not None:
                stream.close()
    codes = [code for code, _ in results]
    assert 0 in codes, results
    for (code, err), item in zip(results, ("e-h2-03", "e-h2-04"), strict=True):
        assert "Traceback" not in err
        assert code in (0, 2), err
        if code == 0:
            assert _status(report, item) == "verified", f"{item}: exit 0 but decision lost"
        else:
            assert "nothing was written" in err
            assert _status(report, item) == "submitted"
