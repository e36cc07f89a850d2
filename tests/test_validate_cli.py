"""``sroi validate``: exit codes, rule ids and the JSON report for every bad input, no traceback."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sroi_core.io as sroi_io
from sroi_core.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
INVALID = EXAMPLES / "invalid"
CATALOGUE = EXAMPLES / "catalogue.illustrative.json"
VALID_SET = [
    str(CATALOGUE),
    str(EXAMPLES / "tender.json"),
    str(EXAMPLES / "bid.json"),
    str(EXAMPLES / "evidence-report.json"),
]


def _cases() -> list[dict[str, str]]:
    with (INVALID / "cases.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CASES = _cases()


def _args(case: dict[str, str]) -> list[str]:
    return [*(str(ROOT / f) for f in case["with"].split()), str(INVALID / case["file"])]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _json_run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out, err = _run(capsys, "--format", "json", *args)
    assert err == ""
    return code, json.loads(out)


def _subprocess(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SROI_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "sroi_core", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def _rule_ids(report: dict[str, Any], file_name: str) -> list[str]:
    entry = next(f for f in report["files"] if f["file"].endswith(file_name))
    return [finding["ruleId"] for finding in entry["findings"]]


# --------------------------------------------------------------------- the manifest


def test_the_manifest_lists_every_invalid_file() -> None:
    listed = {case["file"] for case in CASES}
    present = {path.name for path in INVALID.glob("*.json")}
    assert listed == present
    for case in CASES:
        assert case["exit"] in {"0", "1", "2"}
        assert case["rule"]
        assert case["description"]
        for extra in case["with"].split():
            assert (ROOT / extra).is_file(), extra


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_each_bad_input_gives_its_exit_code_and_rule(
    case: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = _json_run(capsys, *_args(case))
    assert code == int(case["exit"])
    ids = _rule_ids(report, case["file"])
    assert case["rule"] in ids
    entry = report["files"][-1]
    assert entry["file"].endswith(case["file"])
    assert entry["valid"] is (case["exit"] == "0")
    for finding in entry["findings"]:
        assert finding["message"].strip()
    others = [f for f in report["files"][:-1] if not f["valid"]]
    assert others == [], "the supporting files must be valid"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_each_bad_input_in_text_form(
    case: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, *_args(case))
    assert code == int(case["exit"])
    assert f"[{case['rule']}]" in out
    assert out.rstrip().endswith("invalid")


@pytest.mark.parametrize(
    "name",
    [
        "json-syntax-truncated.bid.json",
        "json-syntax-nan.bid.json",
        "json-syntax-duplicate-key.bid.json",
        "schema-type-1e999.bid.json",
        "document-version-future.bid.json",
        "document-type-unknown.json",
        "file-unreadable-not-utf8.json",
        "json-syntax-empty.json",
    ],
)
def test_bad_inputs_through_a_real_process(name: str) -> None:
    case = next(c for c in CASES if c["file"] == name)
    done = _subprocess("validate", "--format", "json", *_args(case))
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == int(case["exit"])
    assert case["rule"] in _rule_ids(json.loads(done.stdout), name)


# ------------------------------------------------------------------ valid documents


def test_the_valid_set_gives_exit_0_and_no_finding(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _json_run(capsys, *VALID_SET)
    assert code == 0
    assert report["valid"] is True
    assert all(entry["findings"] == [] for entry in report["files"])


def test_the_valid_set_in_any_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, *reversed(VALID_SET))
    assert code == 0
    assert "warning" not in out
    assert out.count("OK ") == 4


def test_the_valid_set_through_a_real_process() -> None:
    done = _subprocess("validate", *VALID_SET)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 file(s) checked, 0 invalid" in done.stdout
    assert done.stderr == ""


def test_a_catalogue_option_resolves_references(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _json_run(capsys, "--catalogue", str(CATALOGUE), str(EXAMPLES / "bid.json"))
    assert code == 0
    assert report["files"][0]["findings"] == []


# --------------------------------------------------------------------- file errors


def test_a_directory_gives_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, report = _json_run(capsys, str(tmp_path))
    assert code == 2
    assert _rule_ids(report, tmp_path.name) == ["file.unreadable"]
    assert report["files"][0]["documentType"] is None


def test_a_missing_file_gives_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _run(capsys, str(tmp_path / "nope.json"))
    assert code == 2
    assert "[file.unreadable] no such file" in out


def test_a_read_error_wins_over_invalid_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = _run(
        capsys, str(INVALID / "tender-weights.tender.json"), str(tmp_path / "nope.json")
    )
    assert code == 2


def test_a_directory_through_a_real_process(tmp_path: Path) -> None:
    done = _subprocess("validate", str(tmp_path))
    assert done.returncode == 2
    assert "is a directory" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    "catalogue",
    [
        "examples/invalid/schema-choice.catalogue.json",
        "examples/tender.json",
        "examples/missing.json",
        "examples/invalid/json-syntax-truncated.bid.json",
        "examples",
    ],
)
def test_a_bad_catalogue_option_gives_exit_2_without_traceback(
    catalogue: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", "--catalogue", str(ROOT / catalogue), str(EXAMPLES / "bid.json")])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("sroi: error:")
    assert "Traceback" not in out + err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--format", "xml", str(CATALOGUE)])
    assert caught.value.code == 2
    assert main([]) == 2
    capsys.readouterr()


def test_usage_error_through_a_real_process() -> None:
    done = _subprocess("validate", "--format", "yaml", "x.json")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- huge and deep files


def _bid_with(commitments: int, version: str = "1.0") -> str:
    data = json.loads((EXAMPLES / "bid.json").read_text(encoding="utf-8"))
    data["standardVersion"] = version
    template = {
        "indicator": "ind-work-12m",
        "quantity": {"value": "1", "unit": "person"},
        "period": {"start": "2026-04-01", "end": "2029-03-31"},
    }
    data["commitments"] = [{"id": f"c-{n:06d}", **template} for n in range(commitments)]
    return json.dumps(data)


def test_a_huge_file_is_read_and_refused_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.bid.json"
    path.write_text(_bid_with(200_000, version="9.0"), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    code, report = _json_run(capsys, str(path))
    assert code == 1
    assert _rule_ids(report, path.name) == ["document.version"]


def test_a_large_valid_bid_is_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "large.bid.json"
    path.write_text(_bid_with(5_000), encoding="utf-8")
    code, report = _json_run(capsys, str(CATALOGUE), str(path))
    assert code == 0
    assert report["files"][1]["findings"] == []


def test_a_file_over_the_size_limit_gives_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sroi_io, "MAX_FILE_BYTES", 1024)
    code, out, _ = _run(capsys, str(EXAMPLES / "bid.json"))
    assert code == 2
    assert "[file.unreadable] the file is" in out


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_a_deeply_nested_file_is_refused(
    opener: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    closer = "]" if opener == "[" else "}"
    path = tmp_path / "deep.json"
    path.write_text(opener * 10_000 + ("" if opener == "[" else "1") + closer * 10_000)
    code, report = _json_run(capsys, str(path))
    assert code == 1
    assert _rule_ids(report, "deep.json") == ["json.syntax"]


def test_a_deeply_nested_file_through_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(
        '{"standardVersion": "1.0", "documentType": "bid", "x": '
        + "[" * 10_000
        + "]" * 10_000
        + "}"
    )
    done = _subprocess("validate", str(path))
    assert done.returncode == 1
    assert "[json.syntax]" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


# --------------------------------------------------------------------- the JSON report


def test_json_report_structure(capsys: pytest.CaptureFixture[str]) -> None:
    files = [
        str(CATALOGUE),
        str(INVALID / "tender-weights.tender.json"),
        str(INVALID / "ref-catalogue-unavailable.bid.json"),
    ]
    code, report = _json_run(capsys, *files)
    assert code == 1
    assert set(report) == {"reportFormat", "tool", "valid", "files"}
    assert report["reportFormat"] == "1.0"
    assert set(report["tool"]) == {"name", "version", "standardVersion"}
    assert report["tool"]["name"] == "sroi_core"
    assert report["valid"] is False
    assert [entry["file"] for entry in report["files"]] == files
    for entry in report["files"]:
        assert set(entry) == {
            "file",
            "documentType",
            "standardVersion",
            "valid",
            "counts",
            "findings",
        }
        assert set(entry["counts"]) == {"error", "warning", "info"}
        for severity, count in entry["counts"].items():
            assert count == sum(1 for f in entry["findings"] if f["severity"] == severity)
        assert entry["valid"] is (entry["counts"]["error"] == 0)
        for finding in entry["findings"]:
            assert {"ruleId", "severity", "file", "pointer", "message"} <= set(finding)
            assert set(finding) <= {
                "ruleId",
                "severity",
                "file",
                "pointer",
                "message",
                "messageNl",
                "params",
            }
            assert finding["file"] == entry["file"]
            assert finding["pointer"] == "" or finding["pointer"].startswith("/")
    catalogue, tender, bid = report["files"]
    assert catalogue == {
        "file": files[0],
        "documentType": "catalogue",
        "standardVersion": "1.0",
        "valid": True,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
    }
    weights = tender["findings"][0]
    assert weights["ruleId"] == "tender.weights"
    assert weights["pointer"] == "/scoring"
    assert weights["params"] == {
        "total": "0.9",
        "what": "socialValueWeight, priceWeight and otherQualityWeight",
    }
    assert bid["valid"] is True
    assert bid["counts"]["warning"] == 1


def test_json_report_carries_the_dutch_message_when_the_rule_has_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, report = _json_run(capsys, str(CATALOGUE), str(INVALID / "period-order.bid.json"))
    finding = report["files"][1]["findings"][0]
    assert finding["ruleId"] == "period.order"
    assert finding["pointer"] == "/commitments/0/period"
    assert finding["messageNl"].startswith("de periode begint op 2029-03-31")
    assert finding["params"] == {"start": "2029-03-31", "end": "2026-04-01"}
