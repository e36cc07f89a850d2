"""Regression tests for a hostile supplier and a careless operator (issue 9).

Forged verification, schema-valid extremes, injection into Markdown and the terminal,
catalogue shadowing, special files, and messages in words.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pydantic
import pytest

import sroi_core
from sroi_core import io as sroi_io
from sroi_core.cli import main
from sroi_core.documents import load_document, parse_document
from sroi_core.errors import ArgumentTypeError, FileReadError, SroiError
from sroi_core.model import EvidenceReport, Period
from sroi_core.model.evidence import StatusChange
from sroi_core.textsafe import markdown_text, markdown_url, terminal_text
from sroi_core.verification import VerificationError, decide, effective_status

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "pilot"
TENDER, BID_A, BID_B, BID_C = (PILOT / n for n in ("tender.json", "bid-a.json", "bid-b.json",
                                                    "bid-c.json"))
H1, H2 = PILOT / "evidence-2027-h1.json", PILOT / "evidence-2027-h2.json"
AT = "2028-02-07T10:20:00+01:00"
HOSTILE = (
    "Evil BV\n# Forged heading\n| a | b |\n[click](javascript:alert(1)) <!-- hide "
    "<script>x</script> **bold** \x1b[2J\x1b[31m\rOK"
)

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code != 70, err
    return code, out, err


def edited(tmp_path: Path, source: Path, name: str, change: Any) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def _forge(data: dict[str, Any]) -> None:
    """Mark every submitted item verified by hand, with no buyer entry in its history."""
    for item in data["items"]:
        if item["status"] == "submitted":
            item["status"] = "verified"


def _verified_total(capsys: Capture, report: Path) -> Decimal:
    code, out, _ = run(capsys, "value", report, "--bid", BID_A, "--tender", TENDER,
                       "--format", "json")
    assert code == 0
    return Decimal(json.loads(out)["totals"]["outcomeValue"])


# --- verification state comes from the history --------------------------------------------

def test_a_status_forged_by_hand_is_not_counted_by_value(tmp_path: Path, capsys: Capture) -> None:
    forged = edited(tmp_path, H2, "forged.json", _forge)
    assert _verified_total(capsys, forged) == _verified_total(capsys, H2)


def test_a_forged_status_counts_nowhere_monitor_and_report(tmp_path: Path,
                                                           capsys: Capture) -> None:
    forged = edited(tmp_path, H2, "forged.json", _forge)
    honest = run(capsys, "monitor", TENDER, BID_A, H1, H2, "--format", "json")[1]
    faked = run(capsys, "monitor", TENDER, BID_A, H1, forged, "--format", "json")[1]
    assert json.loads(faked)["contract"] == json.loads(honest)["contract"]
    statuses = {i["item"]: i["status"] for i in json.loads(faked)["items"]}
    assert statuses["e-h2-03"] == statuses["e-h2-04"] == "submitted"
    md_honest = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", H1, H2,
                    "--format", "markdown")[1]
    md_faked = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", H1, forged,
                   "--format", "markdown")[1]
    figure = "Gerealiseerde (geverifieerde) waarde"
    assert [line for line in md_faked.splitlines() if figure in line] == [
        line for line in md_honest.splitlines() if figure in line
    ]


def test_effective_status_replays_only_legal_moves() -> None:
    report = load_document(H2)
    assert isinstance(report, EvidenceReport)
    item = next(i for i in report.items if i.id == "e-h2-03")
    at = dt.datetime(2029, 1, 1, tzinfo=dt.UTC)

    self_verified = item.model_copy(update={
        "status": "verified",
        "history": (*item.history, StatusChange(status="verified", at=at, by="supplier")),
    })
    assert effective_status(self_verified).value == "submitted"
    rejected = item.model_copy(update={
        "status": "verified",
        "history": (*item.history,
                    StatusChange(status="rejected", at=at, by="buyer", reason="no proof")),
    })
    assert effective_status(rejected).value == "rejected"
    honest = next(i for i in report.items if i.id == "e-h2-01")
    assert effective_status(honest).value == "verified"


def test_accept_on_a_status_edited_back_from_rejected_is_refused(tmp_path: Path,
                                                                 capsys: Capture) -> None:
    rejected = tmp_path / "rejected.json"
    code, _, _ = run(capsys, "verify", H2, "--item", "e-h2-03", "--reject", "--reason",
                     "counted twice", "--at", AT, "--out", rejected)
    assert code == 0

    def reopen(data: dict[str, Any]) -> None:
        next(i for i in data["items"] if i["id"] == "e-h2-03")["status"] = "submitted"

    edited_back = edited(tmp_path, rejected, "edited-back.json", reopen)
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "verify", edited_back, "--item", "e-h2-03", "--accept",
                       "--at", "2028-02-08T10:00:00+01:00", "--out", out)
    assert code == 2
    assert "history records rejected" in err
    assert not out.exists()
    report = load_document(edited_back)
    assert isinstance(report, EvidenceReport)
    with pytest.raises(VerificationError):
        decide(report, "e-h2-03", "verified", actor="buyer",
               at=dt.datetime(2028, 2, 8, tzinfo=dt.UTC))


def test_two_reports_with_one_id_are_an_error_not_an_argument_order(tmp_path: Path,
                                                                    capsys: Capture) -> None:
    def inflate(data: dict[str, Any]) -> None:
        for item in data["items"]:
            item["quantity"]["value"] = str(Decimal(item["quantity"]["value"]) * 100)

    inflated = edited(tmp_path, H2, "inflated.json", inflate)
    for order in ((H2, inflated), (inflated, H2)):
        code, _, err = run(capsys, "monitor", TENDER, BID_A, H1, *order)
        assert code == 1
        assert "[monitoring.duplicate-report]" in err
        code, _, err = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", H1, *order)
        assert code == 1
        assert "[monitoring.duplicate-report]" in err


# --- every schema-valid input is computable -----------------------------------------------

BIG = "9" * 30


def _tender_big(data: dict[str, Any]) -> None:
    data["contractValue"]["amount"] = BIG
    data["minimumSocialValue"] = {"amount": BIG, "currency": "EUR"}


def _quantity_big(data: dict[str, Any]) -> None:
    data["commitments"][0]["quantity"]["value"] = BIG


def _in_lieu_big(data: dict[str, Any]) -> None:
    for commitment in data["commitments"]:
        if commitment.get("fulfilment") == "payment-in-lieu":
            commitment["quantity"]["value"] = str(10**30 - 1)


def test_thirty_digit_amounts_never_crash_the_workflow(tmp_path: Path, capsys: Capture) -> None:
    tender = edited(tmp_path, TENDER, "tender.json", _tender_big)
    bid = edited(tmp_path, BID_A, "bid.json", _quantity_big)
    assert run(capsys, "validate", tender)[0] == 0
    assert run(capsys, "validate", bid)[0] == 0
    assert run(capsys, "check", tender)[0] in (0, 1)
    _code, out, _ = run(capsys, "check", bid, "--tender", TENDER)
    assert "[quality.quantity-per-contract-value]" in out
    assert run(capsys, "check", BID_A, "--tender", tender)[0] in (0, 1)
    assert run(capsys, "monitor", tender, BID_A, H1, H2)[0] == 0
    assert run(capsys, "report", tender, "--bid", BID_A, "--format", "markdown")[0] == 0
    assert run(capsys, "score", tender, BID_A, BID_B, BID_C, "--evaluation",
               PILOT / "evaluation.csv")[0] in (0, 1)


def test_a_value_beyond_the_engine_names_file_pointer_and_expectation(
    tmp_path: Path, capsys: Capture
) -> None:
    bid = edited(tmp_path, BID_A, "bid.json", _quantity_big)
    code, _, err = run(capsys, "value", bid, "--tender", TENDER)
    assert code == 2
    assert f"{bid}#/commitments/0/quantity" in err
    assert "line 0" not in err
    assert "expected" in err
    for argv in (("monitor", TENDER, bid, H1), ("score", TENDER, bid),
                 ("report", TENDER, "--bid", bid)):
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert "/commitments/0/quantity" in err


def test_a_huge_payment_in_lieu_is_reported(tmp_path: Path, capsys: Capture) -> None:
    bid = edited(tmp_path, BID_C, "bid-c.json", _in_lieu_big)
    assert run(capsys, "report", TENDER, "--bid", bid, "--format", "markdown")[0] == 0
    assert run(capsys, "report", TENDER, "--bid", bid)[0] == 0


@pytest.mark.parametrize("value", ["1e999", "1E+400", "9" * 40, "1e-30", "-1", "nan"])
def test_threshold_options_are_bounded(value: str, capsys: Capture) -> None:
    code, _, err = run(capsys, "check", BID_A, "--tender", TENDER, "--threshold",
                       f"max-value-multiple={value}")
    assert code == 2
    assert "threshold max-value-multiple must" in err


def test_an_over_long_evaluation_cell_is_a_finding(tmp_path: Path, capsys: Capture) -> None:
    sheet = tmp_path / "evaluation.csv"
    rows = (PILOT / "evaluation.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1] + "x" * 140_000
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "score", TENDER, BID_A, BID_B, BID_C, "--evaluation", sheet)
    assert code == 2
    assert "[scoring.evaluation-column]" in err
    assert "row 2" in err


def test_one_bad_conformance_vector_is_one_failure(tmp_path: Path, capsys: Capture) -> None:
    good = ROOT / "tests" / "conformance" / "line" / "adjustments-multiplicative.json"
    shutil.copyfile(good, tmp_path / good.name)
    deep = '{"id": "deep", "kind": "line", "description": "x", "line": '
    (tmp_path / "deep.json").write_text(deep + "[" * 100_000 + "]" * 100_000 + "}")
    huge = json.loads(good.read_text(encoding="utf-8"))
    huge.update(id="huge")
    huge["line"].update(quantity="9" * 4000, durationYears=10**30)
    (tmp_path / "huge.json").write_text(json.dumps(huge), encoding="utf-8")
    (tmp_path / "fifo.json").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "fifo.json")
    code, out, _ = run(capsys, "conformance", "run", tmp_path)
    assert code == 1
    assert out.splitlines()[-1] == "1 passed, 2 failed"  # the FIFO is not read: no hang


# --- document text is neutralised for each output -----------------------------------------

def _hostile_name(data: dict[str, Any]) -> None:
    data["supplier"]["name"] = HOSTILE


def _assert_neutral_markdown(text: str) -> None:
    assert "\x1b" not in text
    assert "\r" not in text
    assert re.search(r"(?<!\\)<!--", text) is None
    assert re.search(r"(?<!\\)<script", text) is None
    assert re.search(r"(?<!\\)\]\(javascript:", text) is None
    assert not any(line.startswith("# Forged") for line in text.splitlines())
    assert re.search(r"(?<!\\)\| b (?<!\\)\|", text) is None


def test_markdown_outputs_escape_supplier_text(tmp_path: Path, capsys: Capture) -> None:
    bid = edited(tmp_path, BID_A, "bid-a.json", _hostile_name)
    report = edited(tmp_path, H2, "h2.json", lambda d: d["supplier"].update(name=HOSTILE))
    outputs = [
        run(capsys, "report", TENDER, "--bid", bid, "--format", "markdown")[1],
        run(capsys, "score", TENDER, bid, "--format", "markdown")[1],
        run(capsys, "monitor", TENDER, bid, H1, "--format", "markdown")[1],
        run(capsys, "value", report, "--bid", BID_A, "--format", "markdown")[1],
    ]
    for text in outputs:
        _assert_neutral_markdown(text)
    assert "Evil BV" in outputs[0]
    html = run(capsys, "report", TENDER, "--bid", bid)[1]
    assert "<!-- hide" not in html
    assert "&lt;!-- hide" in html


def test_terminal_output_shows_escapes_instead_of_running_them(tmp_path: Path,
                                                               capsys: Capture) -> None:
    bid = edited(tmp_path, BID_A, "bid\x1b[2J.json", _hostile_name)
    for argv in (("score", TENDER, bid), ("monitor", TENDER, bid, H1),
                 ("validate", bid), ("check", bid, "--tender", TENDER)):
        code, out, err = run(capsys, *argv)
        assert "\x1b" not in out + err
        assert "\r" not in out + err
    code, out, _ = run(capsys, "validate", tmp_path / "missing\x1b[31m\r.json")
    assert code == 2
    assert "\\x1b[31m\\x0d" in out


def test_the_escaping_functions() -> None:
    assert markdown_text("# x") == "\\# x"
    assert markdown_text("a | b") == "a \\| b"
    assert markdown_text("[x](javascript:y)") == "\\[x\\](javascript:y)"
    assert markdown_text("<!-- x") == "\\<!-- x"
    assert markdown_text("1.5 kg, 2 - 1") == "1.5 kg, 2 - 1"
    assert markdown_url("javascript:alert(1)") is None
    assert markdown_url("https://example.org/a (b)") == "https://example.org/a%20%28b%29"
    assert terminal_text("a\x1b[2J\rb") == "a\\x1b[2J\\x0db"
    assert terminal_text("a\nb", newlines=True) == "a\nb"


# --- a catalogue argument is an id or a path, by one rule ---------------------------------

def test_a_file_named_like_a_built_in_id_never_shadows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    shipped = ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json"
    data = json.loads(shipped.read_text(encoding="utf-8"))
    for proxy in data["proxyValues"]:
        for key in ("low", "central", "high"):
            if proxy["value"].get(key) is not None:
                proxy["value"][key] = str(Decimal(proxy["value"][key]) * 100)
    (tmp_path / "nl").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def total(*catalogue: str) -> str:
        code, out, _ = run(capsys, "value", BID_A, "--tender", TENDER, "--format", "json",
                           *catalogue)
        assert code == 0
        return str(json.loads(out)["totals"]["outcomeValue"])

    built_in = total()
    assert total("--catalogue", "nl") == built_in
    assert total("--catalogue", "nl@2026.1") == built_in
    assert Decimal(total("--catalogue", "./nl")) > 50 * Decimal(built_in)
    code, _, err = run(capsys, "value", BID_A, "--catalogue", "mine")
    assert code == 2
    assert "no catalogue with id 'mine'" in err


# --- only regular files, sizes checked before reading -------------------------------------

def test_special_files_are_refused_before_reading(tmp_path: Path, capsys: Capture) -> None:
    fifo = tmp_path / "bid.json"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        code, out, _ = run(capsys, "validate", path)
        assert code == 2
        assert "is not a regular file" in out
        code, _, err = run(capsys, "value", path)
        assert code in (1, 2)
        assert "regular file" in err
    code, _, err = run(capsys, "verify", fifo, "--item", "e-1", "--accept", "--at", AT,
                       "--out", fifo)
    assert code == 2
    assert "not a regular file" in err


def test_the_size_limit_is_checked_before_reading(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5000)

    def no_read(*_args: object) -> bytes:
        raise AssertionError("read before the size check")

    monkeypatch.setattr(sroi_io.os, "read", no_read)
    with pytest.raises(FileReadError, match="more than the limit of 1000 bytes"):
        sroi_io.read_text(path, limit=1000)


# --- messages in words; typed errors; models refuse what validate refuses -------------------

def test_messages_use_json_words_not_python_reprs(tmp_path: Path, capsys: Capture) -> None:
    text = BID_A.read_text(encoding="utf-8")
    cases = {
        "exp.json": text.replace('"value": "12"', '"value": 1E+400', 1),
        "null.json": text.replace('"value": "12"', '"value": null', 1),
        "top.json": "null",
        "dup.json": text.replace('"value": "12"', '"value": "12", "value": "13"', 1),
    }
    for name, content in cases.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    _, out, _ = run(capsys, "validate", *(tmp_path / n for n in cases))
    assert "Decimal(" not in out
    assert "None" not in out
    assert "NoneType" not in out
    assert "1E+400 is not valid here" in out
    assert "null is not valid here" in out
    assert "the top level is a JSON null" in out
    assert '/commitments/0/quantity  [json.syntax] duplicate key "value"' in out


def test_the_python_api_takes_str_paths_and_raises_typed_errors() -> None:
    assert sroi_core.load_document(str(BID_A)).id == "bid-a"
    with pytest.raises(ArgumentTypeError, match="the path must be str or PathLike, not int"):
        sroi_core.load_document(5)  # type: ignore[arg-type]
    with pytest.raises(SroiError):
        parse_document(b"{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sroi_core.CatalogueStore().resolve(None)  # type: ignore[arg-type]
    bid = sroi_core.load_document(BID_A)
    with pytest.raises(ArgumentTypeError):
        sroi_core.value_document(bid, "nl")  # type: ignore[arg-type]


def test_a_reversed_period_cannot_be_built() -> None:
    with pytest.raises(pydantic.ValidationError, match="starts on 2027-01-01 but ends on"):
        Period(start=dt.date(2027, 1, 1), end=dt.date(2026, 1, 1))
    assert Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1)).start.year == 2026
