"""``sroi catalogue list|show|diff`` as a user runs them: output, exit codes, clear errors."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.documents import validate_text
from sroi_core.rules import Severity

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_PATH = ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json"
NEWEST_PATH = ROOT / "sroi_core" / "catalogues" / "nl-2026.2.json"
LICENSED_EXAMPLE = ROOT / "examples" / "licensed-value-set.illustrative.json"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["catalogue", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _write_variant(tmp_path: Path, change: Any) -> Path:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    variant = copy.deepcopy(data)
    variant["version"] = "2026.2"
    change(variant)
    path = tmp_path / "nl-2026.2.json"
    path.write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
    return path


# --- list ------------------------------------------------------------------------------------


def test_list_shows_the_builtin_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "list")
    assert code == 0
    assert err == ""
    header, *rows = out.splitlines()
    assert header.split()[:4] == ["ID", "VERSION", "PUBLISHED", "INDICATORS"]
    nl_rows = [r for r in rows if r.split()[0] == "nl"]
    assert [r.split()[1] for r in nl_rows] == ["2026.1", "2026.2"]  # both editions ship
    assert all("built-in" in r for r in nl_rows)


def test_list_json_includes_a_users_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "list", "--format", "json", "--catalogue", str(LICENSED_EXAMPLE))
    assert code == 0
    entries = {(e["id"], e["version"]): e for e in json.loads(out)}
    assert entries[("nl", "2026.1")]["source"] == "built-in"
    licensed = entries[("licensed-example", "0.1-illustrative")]
    assert licensed["source"] == str(LICENSED_EXAMPLE)
    assert licensed["indicators"] == 1


# --- show ------------------------------------------------------------------------------------


def test_show_json_is_the_valid_catalogue_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "show", "nl", "--format", "json")
    assert code == 0
    assert err == ""
    assert out == NEWEST_PATH.read_text(encoding="utf-8")  # a bare id: the newest edition
    code, first, _ = _run(capsys, "show", "nl@2026.1", "--format", "json")
    assert first == CATALOGUE_PATH.read_text(encoding="utf-8")
    report = validate_text(out, "<stdout>", CatalogueStore(builtin=False))
    assert report.document_type == "catalogue"
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


def test_show_table_lists_indicators_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "nl", "--version", "2026.1")
    assert code == 0
    assert out.startswith("Catalogue nl 2026.1")
    document = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    lines = out.splitlines()
    for indicator in document["indicators"]:
        assert any(line.startswith(indicator["id"] + " ") for line in lines), indicator["id"]
    single = next(line for line in lines if line.startswith("wp-bijstand-exit-single-12m "))
    assert "EUR 16145.40/person (fiscal, 2025)" in single
    wellby = next(line for line in lines if line.startswith("hw-life-satisfaction-gain "))
    assert "transfer" in wellby
    loneliness = next(line for line in lines if line.startswith("hw-loneliness-resolved "))
    assert loneliness.rstrip().endswith("not monetised")


def test_show_in_dutch_and_with_inline_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "nl@2026.1", "--language", "nl")
    assert code == 0
    assert "Eenzame deelnemers zijn niet meer eenzaam" in out
    assert "Nederlandse catalogus" in out.splitlines()[0]


def test_show_a_users_file_by_path_and_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", str(LICENSED_EXAMPLE), "--format", "json")
    assert code == 0
    assert json.loads(out)["id"] == "licensed-example"
    code, out, _ = _run(capsys, "show", "--catalogue", str(LICENSED_EXAMPLE), "licensed-example")
    assert code == 0
    assert "lic-fulltime-job-12m" in out
    assert "ILLUSTRATIVE" in out


def test_show_unknown_id_exits_2_naming_what_exists(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "show", "xx")
    assert code == 2
    assert out == ""
    assert "no catalogue with id 'xx'" in err
    assert "nl@2026.1" in err


def test_show_unknown_version_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "show", "nl", "--version", "1999.1")
    assert code == 2
    assert "has no version '1999.1'" in err
    assert "2026.1" in err


def test_show_conflicting_versions_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "show", "nl@2026.1", "--version", "2026.2")
    assert code == 2
    assert "--version" in err


def test_show_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    code, _, err = _run(capsys, "show", str(missing))
    assert code == 2
    assert str(missing) in err


def test_show_broken_json_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"standardVersion": "1.0", "documentType": "catalogue",', encoding="utf-8")
    code, _, err = _run(capsys, "show", str(broken))
    assert code == 2
    assert str(broken) in err


def test_show_non_catalogue_document_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "tender.json"
    path.write_text('{"standardVersion": "1.0", "documentType": "tender"}', encoding="utf-8")
    code, _, err = _run(capsys, "show", str(path))
    assert code == 2
    assert str(path) in err


def test_bad_catalogue_option_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "list", "--catalogue", str(tmp_path / "missing.json"))
    assert code == 2
    assert "missing.json" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys)
    assert code == 2
    assert "list" in err
    with pytest.raises(SystemExit) as raised:
        main(["catalogue", "show", "nl", "--format", "xml"])
    assert raised.value.code == 2
    capsys.readouterr()


# --- diff ------------------------------------------------------------------------------------


def test_diff_same_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "diff", "nl@2026.1", str(CATALOGUE_PATH))
    assert code == 0
    assert "No differences." in out


def test_diff_against_a_changed_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["conventions"]["discountRate"] = "0.03"
        data["indicators"] = [i for i in data["indicators"] if i["id"] != "ce-waste-diverted"]

    path = _write_variant(tmp_path, change)
    code, out, _ = _run(capsys, "diff", "nl@2026.1", str(path))
    assert code == 0
    assert out.startswith("Catalogue changes from nl 2026.1 to nl 2026.2")
    assert "  - ce-waste-diverted" in out
    assert "conventions.discountRate: 0.0225 -> 0.03" in out
    code, out, _ = _run(capsys, "diff", "nl@2026.1", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["removedIndicators"] == [{"id": "ce-waste-diverted"}]


def test_diff_with_a_bad_side_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _run(capsys, "diff", "nl", str(tmp_path / "absent.json"))
    assert code == 2
    assert out == ""
    assert "absent.json" in err
    code, _, err = _run(capsys, "diff", "nl@2099.1", "nl")
    assert code == 2
    assert "no version '2099.1'" in err


def test_subprocess_user_path() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SROI_DEBUG"}
    ok = subprocess.run(
        [sys.executable, "-m", "sroi_core", "catalogue", "show", "nl", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["version"] == "2026.2"
    bad = subprocess.run(
        [sys.executable, "-m", "sroi_core", "catalogue", "diff", "nl", "nosuch"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert bad.stderr.startswith("sroi: error:")
    assert "nosuch" in bad.stderr


def test_licensed_example_validates_and_says_it_is_illustrative() -> None:
    text = LICENSED_EXAMPLE.read_text(encoding="utf-8")
    report = validate_text(text, str(LICENSED_EXAMPLE), CatalogueStore(builtin=False))
    assert report.valid
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []
    data = json.loads(text)
    assert data["title"]["en"].startswith("ILLUSTRATIVE")
    assert data["proxyValues"]
    for proxy in data["proxyValues"]:
        assert proxy["source"]["title"].startswith("ILLUSTRATIVE")
        assert "ILLUSTRATIVE" in proxy["note"]["en"]
