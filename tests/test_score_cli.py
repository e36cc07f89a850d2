"""``sroi score`` as a user runs it: files and an evaluation sheet in, ranking and exit code out.

Fixtures and the hand-worked figures are those of test_scoring (bid-a 14,000 at a price of
900,000; bid-b 8,000 at 1,000,000; bid-c 0 at 800,000).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_scoring as fx

from sroi_core.cli import main
from sroi_core.model import DocumentRef, Money

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
Capture = pytest.CaptureFixture[str]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "catalogue": fx.write(tmp_path, "catalogue.json", fx.CAT),
        "tender": fx.write(tmp_path, "tender.json", fx.tender()),
        "mixed": fx.write(tmp_path, "mixed.json", fx.tender(
            id="tender-s", scoring=fx.scoring("mixed", qualitative_share="0.4"))),
        "a": fx.write(tmp_path, "bid-a.json", fx.bid_a()),
        "b": fx.write(tmp_path, "bid-b.json", fx.bid_b()),
        "c": fx.write(tmp_path, "bid-c.json", fx.bid_c()),
    }


def run(capsys: Capture, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def score(capsys: Capture, files: dict[str, Path], *extra: str | Path,
          tender: str = "tender") -> tuple[int, str, str]:
    return run(capsys, "score", files[tender], files["a"], files["b"], files["c"],
               "--catalogue", files["catalogue"], *extra)


def sheet(tmp_path: Path, text: str, name: str = "evaluation.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_table(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = score(capsys, files)
    assert code == 0
    ranking = [line.split() for line in out.splitlines() if line.startswith(("1 ", "2 ", "3 "))]
    # rank, bid, ..., SV points, price points, other points (empty), total
    assert [(r[0], r[1], r[-3], r[-2], r[-1]) for r in ranking] == [
        ("1", "bid-a", "100.00", "88.89", "92.22"),
        ("2", "bid-b", "57.14", "80.00", "73.14"),
        ("3", "bid-c", "0.00", "100.00", "70.00"),
    ]
    assert "payment in lieu (afkoop) is never social value" in out
    assert "is an output indicator and the tender asks for outcomes only" in out
    assert "total: 0.3 x 100.00 + 0.7 x 88.89 + 0 x 0 = 92.223 -> 92.22" in out


def test_json(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = score(capsys, files, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(r["rank"], r["bid"], r["total"]) for r in data["ranking"]] == [
        (1, "bid-a", "92.22"), (2, "bid-b", "73.14"), (3, "bid-c", "70.00")]
    b = data["bids"][1]
    assert b["values"] == {"eligible": "8000.00", "scored": "8000.00",
                           "notScoring": "0.00", "obligationCredit": "3500.00"}
    # credits: job 5 x 500 = 2500 plus output hours 100 x 10 = 1000; never scored


def test_markdown(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = score(capsys, files, "--format", "markdown")
    assert code == 0
    assert out.startswith("# Award scoring: tender `tender-s`")
    assert "| 1 | bid-a |" in out
    assert "## Bid `bid-b`" in out


def test_order_of_bids_on_the_command_line_does_not_matter(files: dict[str, Path],
                                                           capsys: Capture) -> None:
    _, first, _ = score(capsys, files, "--format", "json")
    _, second, _ = run(capsys, "score", files["tender"], files["c"], files["b"], files["a"],
                       "--catalogue", files["catalogue"], "--format", "json")
    strip = [{k: v for k, v in bid.items() if k != "findings"}
             for bid in json.loads(first)["bids"]]
    again = [{k: v for k, v in bid.items() if k != "findings"}
             for bid in json.loads(second)["bids"]]
    assert strip == again  # findings name the file each bid came from


def test_mixed_with_an_evaluation_sheet(tmp_path: Path, files: dict[str, Path],
                                        capsys: Capture) -> None:
    csv = sheet(tmp_path, "bid_id;qualitative_score;note\nbid-a;50;ok\nbid-b;90\nbid-c;60\n")
    code, out, _ = score(capsys, files, "--evaluation", csv, "--format", "json",
                         tender="mixed")
    assert code == 0
    points = {b["bid"]: b["points"]["socialValue"] for b in json.loads(out)["bids"]}
    assert points == {"bid-a": "80.00", "bid-b": "70.28", "bid-c": "24.00"}


def test_ties_are_reported(tmp_path: Path, files: dict[str, Path], capsys: Capture) -> None:
    twin = fx.write(tmp_path, "twin.json", fx.bid_a("bid-a2"))
    code, out, _ = run(capsys, "score", files["tender"], files["a"], twin, "--catalogue",
                       files["catalogue"])
    assert code == 0
    assert "tie at rank 1: bid-a = bid-a2" in out


def test_minimum_policy_option(tmp_path: Path, files: dict[str, Path],
                               capsys: Capture) -> None:
    minimum = fx.write(tmp_path, "minimum.json",
                       fx.tender(minimum_social_value=Money(amount="10000", currency="EUR")))
    code, out, err = run(capsys, "score", minimum, files["a"], files["b"], "--catalogue",
                         files["catalogue"], "--minimum-not-met", "exclude", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["minimum"]["policy"] == "exclude"
    assert data["ranking"] == [
        {"rank": 1, "bid": "bid-a", "total": "100.00", "compliant": True},
        {"rank": None, "bid": "bid-b", "total": None, "compliant": False},
    ]
    assert data["bids"][1]["findings"][0]["ruleId"] == "scoring.minimum-not-met"
    assert err == ""


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("bid_id,qualitative_score\nbid-a,50\nbid-b,90\nbid-x,60\n",
         "evaluation.csv#/4/bid_id [scoring.evaluation-unknown-bid] row 4, column bid_id: "
         "bid-x is not one of the bids scored"),
        ("bid_id,qualitative_score\nbid-a,50\nbid-b,190\nbid-c,60\n",
         "[scoring.evaluation-out-of-range] row 3, column qualitative_score: 190 is out of "
         "range (0 to 100)"),
        ("bid_id,qualitative_score\nbid-a,50\nbid-b,n/a\nbid-c,60\n",
         "[scoring.evaluation-not-a-number] row 3, column qualitative_score: 'n/a' is not a "
         "plain decimal number"),
        ("bid_id,qualitative_score\nbid-a,50\nbid-c,60\n",
         "[scoring.evaluation-missing] no row in the evaluation sheet: no qualitative_score "
         "for bid bid-b"),
        ("bid,score\n", "[scoring.evaluation-column] row 1 (header): the header row has no "
         "bid_id column"),
    ],
)
def test_evaluation_sheet_errors_exit_2(tmp_path: Path, files: dict[str, Path],
                                        capsys: Capture, text: str, fragment: str) -> None:
    csv = sheet(tmp_path, text)
    code, out, err = score(capsys, files, "--evaluation", csv, tender="mixed")
    assert code == 2
    assert out == ""
    assert fragment in err
    assert str(csv) in err
    assert "the evaluation sheet is wrong; nothing was scored" in err


def test_mixed_without_a_sheet_exit_2(files: dict[str, Path], capsys: Capture) -> None:
    code, _, err = score(capsys, files, tender="mixed")
    assert code == 2
    assert "scoring.evaluation-missing" in err


def test_missing_files_exit_2(tmp_path: Path, files: dict[str, Path],
                              capsys: Capture) -> None:
    code, _, err = score(capsys, files, "--evaluation", tmp_path / "nope.csv")
    assert code == 2
    assert "no such file" in err
    code, _, err = run(capsys, "score", files["tender"], tmp_path / "nope.json",
                       "--catalogue", files["catalogue"])
    assert code == 2


def test_wrong_document_type_exit_2(files: dict[str, Path], capsys: Capture) -> None:
    code, _, err = run(capsys, "score", files["a"], files["b"], "--catalogue",
                       files["catalogue"])
    assert code == 2
    assert "is a bid document (expected a tender)" in err


def test_invalid_tender_exit_1(tmp_path: Path, files: dict[str, Path],
                               capsys: Capture) -> None:
    heavy = fx.write(tmp_path, "heavy.json", fx.tender(scoring=fx.scoring(price_weight="0.8")))
    code, out, err = run(capsys, "score", heavy, files["a"], "--catalogue", files["catalogue"])
    assert code == 1
    assert out == ""
    assert "[tender.weights]" in err
    assert "invalid; nothing was scored" in err


def test_bid_for_another_tender_exit_1(tmp_path: Path, files: dict[str, Path],
                                       capsys: Capture) -> None:
    stray = fx.write(tmp_path, "stray.json",
                     fx.bid_a().model_copy(update={"tender": DocumentRef(id="elsewhere")}))
    code, _, err = run(capsys, "score", files["tender"], stray, "--catalogue",
                       files["catalogue"])
    assert code == 1
    assert f"{stray}#/tender [quality.document-mismatch]" in err


def test_tender_its_method_cannot_score_exit_1(tmp_path: Path, files: dict[str, Path],
                                               capsys: Capture) -> None:
    mixed = fx.write(tmp_path, "no-share.json", fx.tender(scoring=fx.scoring("mixed")))
    code, _, err = run(capsys, "score", mixed, files["a"], "--catalogue", files["catalogue"])
    assert code == 1
    assert "[scoring.tender-incomplete]" in err


def test_example_files(tmp_path: Path, capsys: Capture) -> None:
    csv = sheet(tmp_path, "bid_id,qualitative_score,other_quality_score\n"
                "ams-2026-0042-bid-vig,70,80.5\n")
    code, out, _ = run(capsys, "score", EXAMPLES / "tender.json", EXAMPLES / "bid.json",
                       "--catalogue", EXAMPLES / "catalogue.illustrative.json",
                       "--evaluation", csv, "--format", "json")
    assert code == 0
    data = json.loads(out)
    only = data["bids"][0]
    # a single bid is its own best: quantitative 100; mixed 100 x 0.7 + 70 x 0.3 = 91;
    # total 0.2 x 91 + 0.6 x 100 + 0.2 x 80.50 = 18.2 + 60 + 16.1 = 94.30
    assert only["points"]["socialValue"] == "91.00"
    assert only["points"]["total"] == "94.30"
    reasons = {line["commitment"]: [r["code"] for r in line["reasons"]]
               for line in only["lines"]}
    assert reasons["c-06"] == ["payment-in-lieu"]
    assert "output-indicator" in reasons["c-05"]
