"""``sroi value`` as a user runs it: every format, files, exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sroi_core.cli import main
from sroi_core.documents import parse_document
from sroi_core.model.codes import DocumentType
from sroi_core.model.valuation import Valuation
from sroi_core.validation.schema_layer import schema_findings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CATALOGUE = str(EXAMPLES / "catalogue.illustrative.json")
BID = str(EXAMPLES / "bid.json")
TENDER = str(EXAMPLES / "tender.json")
REPORT = str(EXAMPLES / "evidence-report.json")

SUBJECTS = {
    "bid": [BID, "--catalogue", CATALOGUE, "--tender", TENDER],
    "report": [REPORT, "--catalogue", CATALOGUE, "--tender", TENDER, "--bid", BID],
}
FORMATS = ("table", "json", "csv", "markdown")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["value", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SROI_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "sroi_core", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def _valid(text: str) -> Valuation:
    data = json.loads(text)
    assert schema_findings(data, DocumentType.VALUATION, "stdout") == []
    valuation = parse_document(text)
    assert isinstance(valuation, Valuation)
    return valuation


# ----------------------------------------------------------------------- formats


@pytest.mark.parametrize("subject", sorted(SUBJECTS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format(capsys: pytest.CaptureFixture[str], subject: str, fmt: str) -> None:
    code, out, err = _run(capsys, *SUBJECTS[subject], "--format", fmt)
    assert code == 0, err
    assert "error" not in err
    valuation = _valid(_run(capsys, *SUBJECTS[subject], "--format", "json")[1])
    outcome = f"{valuation.totals.outcome_value:,.2f}"
    if fmt == "json":
        assert _valid(out).totals == valuation.totals
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0][:3] == ["line", "indicator", "status"]
        present = rows[0].index("present value")
        line_ids = {row[0] for row in rows[1:] if row}
        assert line_ids >= {line.line_id for line in valuation.lines}
        flag = rows[0].index("counted")
        counted = sum(
            (
                Decimal(row[present])
                for row in rows[1:]
                if row and row[present] and row[flag] == "yes"
            ),
            start=Decimal(0),
        )
        assert counted == valuation.totals.outcome_value + valuation.totals.obligation_credit
    else:
        assert outcome in out
        assert valuation.subject.id in out
        if fmt == "markdown":
            assert out.startswith("# ")
            assert "|---|" in out
        for line in valuation.lines:
            assert line.line_id in out


def test_bid_figures_in_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, *SUBJECTS["bid"])
    assert code == 0
    assert "EUR 259,973.99" in out  # outcome value of the example bid
    assert "EUR 4,800,000.00" in out  # the tender's contract value is the investment
    assert "payment-in-lieu-not-valued" in out


def test_report_counts_only_verified(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, *SUBJECTS["report"], "--format", "json")
    assert code == 0
    valuation = _valid(out)
    counted = {line.line_id for line in valuation.lines if line.counted}
    assert counted == {"e-001"}
    assert valuation.totals.not_counted_value > 0
    assert valuation.comparison  # committed versus verified, because --bid was given


@pytest.mark.parametrize("subject", sorted(SUBJECTS))
def test_json_is_byte_identical_across_runs(
    capsys: pytest.CaptureFixture[str], subject: str
) -> None:
    first = _run(capsys, *SUBJECTS[subject], "--format", "json")[1]
    second = _run(capsys, *SUBJECTS[subject], "--format", "json")[1]
    assert first == second
    assert first.endswith("}\n")


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "valuation.json"
    code, out, err = _run(capsys, *SUBJECTS["bid"], "--format", "json", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    written = target.read_text(encoding="utf-8")
    assert written == _run(capsys, *SUBJECTS["bid"], "--format", "json")[1]
    markdown = tmp_path / "valuation.md"
    assert _run(capsys, *SUBJECTS["bid"], "--format", "markdown", "--output", str(markdown))[0] == 0
    assert markdown.read_text(encoding="utf-8").startswith("# ")


def test_committed_example_valuation_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/valuation.json is regenerated with:
    sroi value examples/bid.json --catalogue examples/catalogue.illustrative.json
    --tender examples/tender.json --format json -o examples/valuation.json
    """
    committed = (EXAMPLES / "valuation.json").read_text(encoding="utf-8")
    code, fresh, _ = _run(capsys, *SUBJECTS["bid"], "--format", "json")
    assert code == 0
    assert fresh == committed
    _valid(committed)


def test_real_subprocess() -> None:
    done = _subprocess("value", *SUBJECTS["report"], "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    valuation = _valid(done.stdout)
    assert valuation.subject_type == "evidenceReport"
    again = _subprocess("value", *SUBJECTS["report"], "--format", "json")
    assert again.stdout == done.stdout


# ---------------------------------------------------------------------- bad input


def _write(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _bid_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(BID).read_text(encoding="utf-8"))
    return data


def test_unknown_indicator_is_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = _bid_data()
    data["commitments"][0]["indicator"] = "ind-does-not-exist"
    code, out, err = _run(capsys, _write(tmp_path / "bid.json", data), "--catalogue", CATALOGUE)
    assert code == 1
    assert out == ""
    assert "[ref.unknown]" in err
    assert "ind-does-not-exist" in err
    assert "nothing was valued" in err


def test_incompatible_unit_is_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = _bid_data()
    data["commitments"][0]["quantity"]["unit"] = "tonne-co2e"
    code, out, err = _run(capsys, _write(tmp_path / "bid.json", data), "--catalogue", CATALOGUE)
    assert (code, out) == (1, "")
    assert "[unit.incompatible]" in err


def test_invalid_json_is_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"standardVersion": ', encoding="utf-8")
    code, out, err = _run(capsys, str(bad), "--catalogue", CATALOGUE)
    assert (code, out) == (1, "")
    assert "[json.syntax]" in err


def test_invalid_tender_is_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(Path(TENDER).read_text(encoding="utf-8"))
    data["contractValue"]["amount"] = 4800000  # a JSON number, not decimal text
    tender = _write(tmp_path / "tender.json", data)
    code, out, err = _run(capsys, BID, "--catalogue", CATALOGUE, "--tender", tender)
    assert (code, out) == (1, "")
    assert "tender.json" in err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["missing.json", "--catalogue", CATALOGUE], "cannot be read"),
        ([str(EXAMPLES), "--catalogue", CATALOGUE], "cannot be read"),
        ([BID, "--catalogue", "no-such-catalogue"], "no-such-catalogue"),
        ([BID, "--catalogue", "no-such-catalogue@9.9"], "no-such-catalogue"),
        ([BID], "example-illustrative"),  # the named catalogue is not built in
        ([TENDER, "--catalogue", CATALOGUE], "is a tender document"),
        ([BID, "--catalogue", CATALOGUE, "--tender", BID], "is a bid document"),
        ([BID, "--catalogue", CATALOGUE, "--tender", "absent.json"], "cannot be read"),
        ([REPORT, "--catalogue", CATALOGUE, "--bid", "absent.json"], "cannot be read"),
    ],
)
def test_usage_and_file_errors_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2
    assert out == ""
    assert fragment in err
    assert err.strip().splitlines()[-1].startswith("sroi: error:")


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["value", BID, "--format", "xml"])
    assert raised.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_bad_inputs_in_a_subprocess_give_no_traceback(tmp_path: Path) -> None:
    data = _bid_data()
    data["commitments"][0]["indicator"] = "ind-does-not-exist"
    invalid = _subprocess("value", _write(tmp_path / "bid.json", data), "--catalogue", CATALOGUE)
    assert invalid.returncode == 1
    missing = _subprocess("value", "missing.json", "--catalogue", CATALOGUE)
    assert missing.returncode == 2
    for done in (invalid, missing):
        assert done.stdout == ""
        assert "Traceback" not in done.stderr


def test_unwritable_output_is_a_file_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no-such-dir" / "valuation.json"
    code, _, err = _run(capsys, *SUBJECTS["bid"], "--format", "json", "-o", str(target))
    assert code == 2
    assert "internal error" not in err


def test_proxy_needing_an_fte_norm_is_invalid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalogue = json.loads(Path(CATALOGUE).read_text(encoding="utf-8"))
    del catalogue["fteNorm"]
    for proxy in catalogue["proxyValues"]:
        if proxy["indicator"] == "ind-work-fte":
            proxy["perUnit"] = "hour"
            proxy["value"] = {"central": "5.00"}
    data = _bid_data()
    data["commitments"] = [c for c in data["commitments"] if c["indicator"] == "ind-work-fte"]
    data["commitments"][0]["quantity"] = {"value": "4", "unit": "fte-year"}
    code, out, err = _run(
        capsys,
        _write(tmp_path / "bid.json", data),
        "--catalogue",
        _write(tmp_path / "catalogue.json", catalogue),
    )
    # An unusable --catalogue file is a usage error of the option (exit 2), naming the rule.
    assert (code, out) == (2, "")
    assert "[unit.fte-norm-missing]" in err


def test_a_bid_that_is_not_the_reports_bid_is_not_used_silently(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = _bid_data()
    data["id"] = "some-other-bid"
    other = _write(tmp_path / "other-bid.json", data)
    code, _, err = _run(capsys, REPORT, "--catalogue", CATALOGUE, "--bid", other)
    assert code != 0 or "some-other-bid" in err
