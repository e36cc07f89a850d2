"""``sroi check`` and ``sroi verify`` as a user runs them: files in, report and exit code out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import quality_fixtures as fx

from sroi_core.cli import main
from sroi_core.documents import load_document
from sroi_core.model import EvidenceReport, Money, Quantity

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """The clean contract written to disk."""
    return {
        "catalogue": fx.write(tmp_path, "catalogue.json", fx.catalogue()),
        "tender": fx.write(tmp_path, "tender.json", fx.tender()),
        "bid": fx.write(tmp_path, "bid.json", fx.bid()),
        "report": fx.write(tmp_path, "report.json", fx.report()),
    }


def run(capsys: Capture, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- sroi check --------------------------------------------------------------------------

def test_check_clean_contract(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = run(capsys, "check", files["bid"], files["report"], "--tender",
                       files["tender"], "--catalogue", files["catalogue"])
    assert code == 0
    assert "OK      " in out
    assert "0 error(s), 0 warning(s)" in out


def test_check_reports_errors_with_exit_1(tmp_path: Path, files: dict[str, Path],
                                         capsys: Capture) -> None:
    bid = fx.write(tmp_path, "bad-bid.json", fx.with_commitment(fx.bid(), 0, duration_years=9))
    code, out, _ = run(capsys, "check", bid, "--tender", files["tender"], "--catalogue",
                       files["catalogue"])
    assert code == 1
    assert "FAIL" in out
    assert "[quality.duration-over-cap]" in out
    assert "/commitments/0/durationYears" in out


def test_check_warnings_only_exit_0(tmp_path: Path, files: dict[str, Path],
                                    capsys: Capture) -> None:
    bid = fx.write(tmp_path, "pil.json", fx.with_commitment(
        fx.bid(), 0, fulfilment="payment-in-lieu", payment_in_lieu=Money(amount="1",
                                                                          currency="EUR")))
    code, out, _ = run(capsys, "check", bid, files["tender"], "--catalogue", files["catalogue"])
    assert code == 0
    assert "warning" in out
    assert "[quality.payment-in-lieu]" in out


def test_check_json_has_the_validate_report_structure(tmp_path: Path, files: dict[str, Path],
                                                      capsys: Capture) -> None:
    report = fx.write(tmp_path, "r.json", fx.with_item(fx.report(), 0, documents=()))
    code, out, _ = run(capsys, "check", report, "--bid", files["bid"], "--tender",
                       files["tender"], "--catalogue", files["catalogue"], "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"reportFormat", "tool", "valid", "files"}
    assert data["valid"] is False
    [entry] = data["files"]
    assert entry["file"] == str(report)
    assert entry["documentType"] == "evidenceReport"
    assert entry["counts"]["error"] == 1
    [finding] = entry["findings"]
    assert finding["ruleId"] == "quality.evidence-missing"
    assert finding["pointer"] == "/items/0/documents"
    assert finding["messageNl"]


def test_check_reports_only_the_files_named(tmp_path: Path, files: dict[str, Path],
                                            capsys: Capture) -> None:
    bid = fx.write(tmp_path, "b.json", fx.with_commitment(fx.bid(), 0, duration_years=9))
    code, out, _ = run(capsys, "check", files["report"], "--bid", bid, "--tender",
                       files["tender"], "--catalogue", files["catalogue"])
    assert code == 0
    assert "duration-over-cap" not in out


def test_check_notes_missing_context(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = run(capsys, "check", files["report"], "--catalogue", files["catalogue"])
    assert code == 0
    assert "no tender was given" in out
    assert "no bid was given" in out


def test_check_threshold_option(tmp_path: Path, files: dict[str, Path], capsys: Capture) -> None:
    bid = fx.write(tmp_path, "big.json", fx.with_commitment(
        fx.bid(), 1, quantity=Quantity(value="60", unit="fte-year")))
    args = ["check", bid, "--tender", files["tender"], "--catalogue", files["catalogue"]]
    _, out, _ = run(capsys, *args)
    assert "quality.quantity-per-contract-value" in out
    _, out, _ = run(capsys, *args, "--threshold", "max-labour-years-per-million=40")
    assert "quality.quantity-per-contract-value" not in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--threshold", "max-apples=3"], "unknown threshold 'max-apples'"),
        (["--threshold", "max-target-multiple"], "NAME=VALUE"),
        (["--threshold", "max-target-multiple=-2"], "positive"),
        (["--tender", "{bid}"], "expected a tender"),
        (["--bid", "{tender}"], "expected a bid"),
        (["--catalogue", "{bid}"], "expected a catalogue"),
        (["--tender", "{missing}"], "no such file"),
        (["{tender}", "--tender", "{other_tender}"], "one tender"),
    ],
)
def test_check_usage_errors_exit_2(tmp_path: Path, files: dict[str, Path], capsys: Capture,
                                   extra: list[str], message: str) -> None:
    names = {k: str(v) for k, v in files.items()}
    names["missing"] = str(tmp_path / "missing.json")
    names["other_tender"] = str(fx.write(tmp_path, "t2.json", fx.tender(id="tender-2")))
    argv = ["check", str(files["bid"]), *(e.format(**names) for e in extra)]
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert err.startswith("sroi: error:")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ('{"documentType": "bid"', "not valid JSON"),
        ('{"standardVersion": "1.0", "documentType": "bid"}', "run 'sroi validate"),
        ("[1, 2]", "top level"),
    ],
)
def test_check_bad_files_exit_2(tmp_path: Path, capsys: Capture, content: str,
                                message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", path)
    assert code == 2
    assert out == ""
    assert str(path) in err
    assert message in err


def test_check_directory_exit_2(tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "check", tmp_path)
    assert code == 2
    assert "is a directory" in err


def test_check_without_files_is_a_usage_error(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2
    assert "FILE" in capsys.readouterr().err


# --- sroi verify -------------------------------------------------------------------------

AT = "2026-03-10T10:00:00+01:00"


def test_verify_accept_writes_the_report(tmp_path: Path, files: dict[str, Path],
                                         capsys: Capture) -> None:
    out_path = tmp_path / "v2.json"
    code, out, err = run(capsys, "verify", files["report"], "--item", "e-job", "--accept",
                         "--at", AT, "--out", out_path)
    assert code == 0
    assert out == ""
    assert "e-job: verified by the buyer" in err
    updated = load_document(out_path)
    assert isinstance(updated, EvidenceReport)
    assert updated.items[0].status == "verified"
    assert updated.items[0].history[-1].by == "buyer"
    code, out, _ = run(capsys, "verify", "--compare", files["report"], out_path)
    assert code == 0
    assert "0 error(s)" in out


def test_verify_is_byte_for_byte_reproducible(files: dict[str, Path], capsys: Capture) -> None:
    argv = ["verify", files["report"], "--item", "e-diploma", "--reject", "--reason",
            "no register entry", "--at", AT]
    _, first, _ = run(capsys, *argv)
    _, second, _ = run(capsys, *argv)
    assert first == second
    assert '"reason": "no register entry"' in first


def test_verify_default_time_from_source_date_epoch(files: dict[str, Path], capsys: Capture,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773136800")
    code, out, err = run(capsys, "verify", files["report"], "--item", "e-job", "--accept")
    assert code == 0
    assert err == ""
    assert '"at": "2026-03-10T10:00:00Z"' in out


def test_verify_default_time_is_the_clock_with_a_note(files: dict[str, Path], capsys: Capture,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    code, out, err = run(capsys, "verify", files["report"], "--item", "e-job", "--withdraw")
    assert code == 0
    assert "pass --at" in err
    assert '"status": "withdrawn"' in out


def test_verify_compare_reports_tampering(tmp_path: Path, files: dict[str, Path],
                                          capsys: Capture) -> None:
    tampered = fx.with_item(fx.report(), 1, quantity=Quantity(value="5", unit="fte-year"))
    new = fx.write(tmp_path, "tampered.json", fx.report(items=tampered.items[:2]))
    code, out, _ = run(capsys, "verify", "--compare", files["report"], new)
    assert code == 1
    assert "[verification.verified-item-changed]" in out
    assert "[verification.item-dropped]" in out
    code, out, _ = run(capsys, "verify", "--compare", files["report"], new, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["valid"] is False
    assert {f["ruleId"] for f in data["files"][0]["findings"]} == {
        "verification.verified-item-changed", "verification.item-dropped"}


def test_verify_lists_items(tmp_path: Path, files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = run(capsys, "verify", files["report"])
    assert code == 0
    assert "e-years" in out
    assert "verified" in out
    forged = fx.write(tmp_path, "forged.json", fx.with_item(fx.report(), 0, status="verified"))
    code, out, _ = run(capsys, "verify", forged)
    assert code == 1
    assert "verification.status-unrecorded" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{report}", "--item", "e-job", "--reject", "--at", AT], "--reject needs --reason"),
        (["{report}", "--item", "e-job", "--accept", "--at", "2026-03-10T10:00"], "time zone"),
        (["{report}", "--item", "e-job", "--accept", "--at", "next tuesday"], "ISO 8601"),
        (["{report}", "--item", "e-nope", "--accept", "--at", AT], "no item 'e-nope'"),
        (["{report}", "--item", "e-years", "--accept", "--at", AT], "is verified"),
        (["{report}", "--item", "e-years", "--withdraw", "--at", AT], "cannot move it"),
        (["{report}", "--accept", "--at", AT], "needs --item"),
        (["{report}", "--item", "e-job"], "give a decision"),
        (["{bid}", "--item", "e-job", "--accept", "--at", AT], "expected an evidence report"),
        (["{missing}", "--item", "e-job", "--accept", "--at", AT], "no such file"),
        (["--compare", "{report}", "{bid}"], "expected an evidence report"),
        (["{report}", "--compare", "{report}", "{report}"], "takes no REPORT"),
        ([], "give an evidence REPORT"),
        (["{report}", "--item", "e-job", "--accept", "--at", AT, "--out", "{tmp}"],
         "cannot write"),
    ],
)
def test_verify_usage_errors_exit_2(tmp_path: Path, files: dict[str, Path], capsys: Capture,
                                    argv: list[str], message: str) -> None:
    names = {k: str(v) for k, v in files.items()}
    names["missing"] = str(tmp_path / "missing.json")
    names["tmp"] = str(tmp_path)
    code, out, err = run(capsys, "verify", *(a.format(**names) for a in argv))
    assert code == 2
    assert out == ""
    assert message in err
    assert err.startswith("sroi: error:")


def test_verify_accept_and_reject_are_exclusive(files: dict[str, Path], capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["verify", str(files["report"]), "--item", "e-job", "--accept", "--reject"])
    assert exit_info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err
