"""The complete pilot (examples/pilot): the buyer's commands, the outputs, the gaming bid.

1. every ``sroi`` command of examples/pilot/README.md and docs/guide-buyer-pilot.md runs as
   written (outputs redirected to a temporary directory) with the exit code the text states;
2. every committed file in examples/pilot/output equals a fresh run, byte for byte;
3. the gaming bid is caught: its rules fire on bid-c and not on the honest bids, it does
   not win, and its buy-off is valued 0;
4. the report shows the key figures in Dutch, loads nothing from elsewhere and runs no
   script.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import json
import re
import shlex
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.documents import load_document
from sroi_core.model import Bid, Tender
from sroi_core.quality import run_checks

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "pilot"
OUTPUT = PILOT / "output"
README = PILOT / "README.md"
GUIDE = ROOT / "docs" / "guide-buyer-pilot.md"
Capture = pytest.CaptureFixture[str]
NBSP = "\xa0"

GAMING_RULES = frozenset(
    {
        "quality.payment-in-lieu",
        "quality.payment-in-lieu-valued",
        "quality.output-only",
        "quality.credits-mixed",
        "quality.adjustment-below-default",
        "quality.duration-over-cap",
        "quality.outside-area",
        "quality.quantity-per-contract-value",
        "quality.quantity-above-target",
        "quality.overlapping-commitments",
    }
)
"""Rules that bid C's gaming must trigger, and the honest bids must not."""


def _tool() -> ModuleType:
    """tools/make_pilot_outputs.py, imported once (tools/ is not a package)."""
    name = "make_pilot_outputs"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The outputs generated afresh by tools/make_pilot_outputs.py."""
    target = tmp_path_factory.mktemp("pilot-output")
    _tool().generate(target)
    return target


@contextlib.contextmanager
def at_root() -> Iterator[None]:
    with contextlib.chdir(ROOT):
        yield


# ------------------------------------------------------------- 1. the documented commands

def commands(path: Path) -> list[tuple[list[str], int]]:
    """The ``sroi`` commands of a Markdown file's sh blocks, with their expected exit code.

    A trailing ``# exit N`` comment states a non-zero exit code; other commands exit 0.
    """
    found = []
    for block in re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S):
        for raw in block.replace("\\\n", " ").splitlines():
            command, _, comment = raw.strip().partition("  # ")
            if not command.startswith("sroi "):
                continue
            match = re.match(r"exit ([0-9]+)", comment)
            found.append((shlex.split(command)[1:], int(match.group(1)) if match else 0))
    return found


def _expand(argv: list[str], tmp: Path, written: dict[str, str]) -> list[str]:
    """Expand globs; send every file the command writes (and later reads back) to ``tmp``."""
    out: list[str] = []
    writes_next = False
    for arg in argv:
        if writes_next:
            written[arg] = str(tmp / Path(arg).name)
            out.append(written[arg])
            writes_next = False
            continue
        writes_next = arg in ("-o", "--out", "--output")
        if arg in written:
            out.append(written[arg])
        elif "*" in arg:
            matches = sorted(glob.glob(arg, root_dir=ROOT))
            assert matches, f"{arg} matches no file"
            out.extend(matches)
        else:
            out.append(arg)
    return out


@pytest.mark.parametrize("document", [README, GUIDE], ids=["pilot-readme", "buyer-guide"])
def test_documented_commands_run_as_written(
    document: Path, tmp_path: Path, capsys: Capture
) -> None:
    listed = commands(document)
    assert len(listed) >= 8
    written: dict[str, str] = {}
    with at_root():
        for argv, expected in listed:
            code = main(_expand(argv, tmp_path, written))
            out, err = capsys.readouterr()
            assert "Traceback" not in out + err
            assert code == expected, f"sroi {' '.join(argv)} exited {code}: {err}"
    for name in ("report.html", "report.md", "valuation-bid-a.json"):
        if name in {Path(p).name for p in written.values()}:
            assert (tmp_path / name).read_bytes() == (OUTPUT / name).read_bytes(), name


def test_readme_runs_the_whole_pilot() -> None:
    used = {word for argv, _ in commands(README) for word in argv[:1]}
    assert {"validate", "check", "value", "score", "verify", "monitor", "report"} <= used


# ----------------------------------------------------------------- 2. committed outputs

def test_committed_outputs_equal_a_fresh_run(fresh: Path) -> None:
    names = sorted(p.name for p in OUTPUT.iterdir())
    assert names == sorted(step.name for step in _tool().STEPS)
    for name in names:
        assert (OUTPUT / name).read_bytes() == (fresh / name).read_bytes(), (
            f"examples/pilot/output/{name} is out of date: run python tools/make_pilot_outputs.py"
        )


def test_all_pilot_documents_validate(capsys: Capture) -> None:
    with at_root():
        code = main(["validate", *sorted(glob.glob("examples/pilot/*.json"))])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "0 invalid" in out
    assert "warning" not in out


# ---------------------------------------------------------------------- 3. gaming bid

def _rules(bid_file: str) -> set[str]:
    tender = load_document(PILOT / "tender.json")
    bid = load_document(PILOT / bid_file)
    assert isinstance(tender, Tender)
    assert isinstance(bid, Bid)
    catalogue = CatalogueStore().get(bid.catalogue)
    findings = run_checks([(bid, bid_file)], catalogue, tender=tender)
    return {f.rule_id for f in findings if f.source == bid_file}


def test_gaming_rules_fire_on_bid_c_only() -> None:
    assert _rules("bid-c.json") >= GAMING_RULES
    assert _rules("bid-a.json") == set()
    assert _rules("bid-b.json") == set()


def test_check_output_shows_the_rules(fresh: Path) -> None:
    text = (fresh / "check.txt").read_text(encoding="utf-8")
    bid_c = text.split("$ sroi check examples/pilot/bid-c.json")[1].split("$ sroi")[0]
    for rule in GAMING_RULES:
        assert f"[{rule}]" in bid_c
    assert bid_c.rstrip().endswith("(exit 1)")
    for honest in ("bid-a", "bid-b"):
        section = text.split(f"$ sroi check examples/pilot/{honest}.json")[1].split("$ sroi")[0]
        assert "0 error(s), 0 warning(s)" in section
        assert "(exit 0)" in section


def test_gaming_bid_does_not_win(fresh: Path) -> None:
    award = json.loads((fresh / "score.json").read_text(encoding="utf-8"))
    ranking = {row["bid"]: row["rank"] for row in award["ranking"]}
    assert ranking == {"bid-a": 1, "bid-b": 2, "bid-c": 3}
    bid_c = next(b for b in award["bids"] if b["bid"] == "bid-c")
    assert bid_c["compliant"] is False
    assert Decimal(bid_c["values"]["eligible"]) < Decimal(award["minimum"]["amount"])
    assert bid_c["values"]["obligationCredit"] == "300000.00"


def test_buy_off_is_valued_zero(fresh: Path, capsys: Capture) -> None:
    award = json.loads((fresh / "score.json").read_text(encoding="utf-8"))
    lines = {line["commitment"]: line for b in award["bids"] for line in b["lines"]
             if b["bid"] == "bid-c"}
    for bought_off in ("c-07", "c-08"):
        assert lines[bought_off]["scored"] is False
        assert lines[bought_off]["weightedValue"] == "0.00"
        assert "payment-in-lieu" in {r["code"] for r in lines[bought_off]["reasons"]}
    assert lines["c-07"]["outcomeValue"] == "0.00"
    with at_root():
        code = main(["value", "examples/pilot/bid-c.json", "--tender",
                     "examples/pilot/tender.json", "--format", "json"])
    valuation = json.loads(capsys.readouterr()[0])
    assert code == 0
    line = next(x for x in valuation["lines"] if x["lineId"] == "c-07")
    assert line["status"] == "payment-in-lieu"
    assert line["counted"] is False
    assert line.get("values", []) == []


# ----------------------------------------------------------------------- 4. the report

def dutch_money(amount: str) -> str:
    """EUR in Dutch notation, written independently of babel: € 1.234,56."""
    whole, cents = f"{Decimal(amount):,.2f}".split(".")
    return f"€{NBSP}{whole.replace(',', '.')},{cents}"


def test_report_shows_key_figures_in_dutch(fresh: Path) -> None:
    html = (fresh / "report.html").read_text(encoding="utf-8")
    valuation = json.loads((fresh / "valuation-bid-a.json").read_text(encoding="utf-8"))
    monitor = (fresh / "monitor.txt").read_text(encoding="utf-8")
    totals = valuation["totals"]
    assert totals["outcomeValue"] == "387350.25"
    assert dutch_money(totals["outcomeValue"]) in html
    verified = re.search(r"^outcome value +[0-9,.]+ +([0-9,.]+)", monitor, flags=re.M)
    assert verified is not None
    assert dutch_money(verified.group(1).replace(",", "")) == f"€{NBSP}86.028,40"
    assert f"€{NBSP}86.028,40" in html
    for theme in totals["byTheme"]:
        assert dutch_money(theme["presentValue"]) in html, theme["key"]
    assert "Duurzame deelname aan werk" in html
    assert "Financiële weerbaarheid" in html
    assert "31 december 2027" in html
    assert "22,2%" in html


def test_report_has_no_script_and_no_outside_resources(fresh: Path) -> None:
    html = (fresh / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert re.findall(r"\ssrc\s*=", html) == []
    assert "url(http" not in html
    assert "@import" not in html
    catalogue = CatalogueStore().get(load_document(PILOT / "bid-a.json").catalogue)
    citations = {p.source.url for p in catalogue.proxy_values if p.source.url}
    sources = html.split('<table class="sources">')[1].split("</table>")[0]
    for href in re.findall(r'href="([^"]*)"', html):
        if href.startswith("#"):
            continue
        assert href in citations, href
        assert f'href="{href}"' in sources
    # the one xmlns is a namespace name, never fetched
    assert set(re.findall(r'xmlns="([^"]*)"', html)) == {"http://www.w3.org/2000/svg"}


# -------------------------------------------------------- bugs found in other modules

def _report_with(change: dict[str, object], index: int) -> object:
    from sroi_core.documents import parse_document

    data = json.loads((PILOT / "evidence-2027-h1.json").read_text(encoding="utf-8"))
    data["items"][index].update(change)
    return parse_document(json.dumps(data), "h1.json")


def test_replaces_naming_a_verified_item_is_a_bad_resubmission() -> None:
    from sroi_core.model import EvidenceReport
    from sroi_core.verification import check_history

    item = json.loads((PILOT / "evidence-2027-h1.json").read_text(encoding="utf-8"))["items"][4]
    history = item["history"]
    history[0]["reason"] = "correctie"
    report = _report_with({"replaces": "e-h1-02", "history": history}, 4)
    assert isinstance(report, EvidenceReport)
    assert "verification.bad-resubmission" in {f.rule_id for f in check_history(report)}


def test_rejected_item_outside_the_area_is_not_an_error() -> None:
    tender = load_document(PILOT / "tender.json")
    bid = load_document(PILOT / "bid-a.json")
    assert isinstance(tender, Tender)
    assert isinstance(bid, Bid)
    report = _report_with({"areas": [{"code": "GM0518"}]}, 2)  # e-h1-03 is rejected
    findings = run_checks([(report, "h1.json")], tender=tender, bid=bid)  # type: ignore[list-item]
    assert "quality.outside-area" not in {f.rule_id for f in findings}
