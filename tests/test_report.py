"""``sroi report`` and sroi_core.report: formats, determinism, accessibility, failures."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.documents import load_document
from sroi_core.errors import SroiError
from sroi_core.model import Bid, EvidenceReport, Tender
from sroi_core.report import (
    Formatter,
    ReportDependencyError,
    build_report,
    render_html,
    render_markdown,
    require_babel,
)
from sroi_core.report.charts import Series, bar_chart, render_bar_chart, wrap

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "pilot"
TENDER = PILOT / "tender.json"
BID_A = PILOT / "bid-a.json"
BID_C = PILOT / "bid-c.json"
EVIDENCE = (PILOT / "evidence-2027-h1.json", PILOT / "evidence-2027-h2.json")
NBSP = "\xa0"
Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def documents() -> tuple[Tender, Bid, list[tuple[EvidenceReport, str]]]:
    tender = load_document(TENDER)
    bid = load_document(BID_A)
    reports = [(load_document(p), p.name) for p in EVIDENCE]
    assert isinstance(tender, Tender)
    assert isinstance(bid, Bid)
    return tender, bid, [(r, name) for r, name in reports if isinstance(r, EvidenceReport)]


@pytest.fixture(scope="module")
def pilot_html() -> str:
    tender, bid, reports = documents()
    catalogue = CatalogueStore().get(tender.catalogue)
    return render_html(build_report(tender, bid, catalogue, reports))


# ---------------------------------------------------------------------------- formatting

def test_dutch_formats() -> None:
    fmt = Formatter("nl")
    assert fmt.money(Decimal("1234.56")) == f"€{NBSP}1.234,56"
    assert fmt.money(Decimal("0.00")) == f"€{NBSP}0,00"
    assert fmt.money(Decimal("387350.25")) == f"€{NBSP}387.350,25"
    assert fmt.date(dt.date(2026, 11, 26)) == "26 november 2026"
    assert fmt.percent(Decimal("22.2")) == "22,2%"
    assert fmt.share(Decimal("0.0225")) == "2,25%"
    assert fmt.number(Decimal("14.2")) == "14,2"
    assert fmt.number(Decimal("1872")) == "1.872"
    assert fmt.ratio(Decimal("0.12")) == "0,12 : 1"
    assert fmt.period(dt.date(2027, 3, 1), dt.date(2030, 2, 28)) == (
        "1 maart 2027 \u2013 28 februari 2030"
    )


def test_english_formats() -> None:
    fmt = Formatter("en")
    assert fmt.money(Decimal("1234.56")) == "€1,234.56"
    assert fmt.date(dt.date(2026, 11, 26)) == "26 November 2026"
    assert fmt.percent(Decimal("22.2")) == "22.2%"
    assert fmt.number(Decimal("1872")) == "1,872"


def test_exact_decimals_are_kept() -> None:
    assert Formatter("nl").number(Decimal("0.00081699346405228758")) == "0,00081699346405228758"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(SroiError, match="unknown report language"):
        Formatter("de")


def test_english_report_uses_catalogue_english_labels() -> None:
    tender, bid, reports = documents()
    catalogue = CatalogueStore().get(tender.catalogue)
    html = render_html(build_report(tender, bid, catalogue, reports, language="en"))
    assert '<html lang="en">' in html
    assert "Sustainable participation in work" in html
    assert "What was promised" in html
    assert "€387,350.25" in html
    assert "31 December 2027" in html
    assert "Duurzame deelname aan werk" not in html


# --------------------------------------------------------------------------- determinism

def test_same_inputs_same_bytes(tmp_path: Path, capsys: Capture) -> None:
    outputs = []
    for name in ("one.html", "two.html"):
        code, _, _ = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", *EVIDENCE,
                         "-o", tmp_path / name)
        assert code == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_report_order_of_evidence_does_not_matter(capsys: Capture) -> None:
    _, first, _ = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", *EVIDENCE,
                      "--format", "markdown")
    _, second, _ = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence",
                       *reversed(EVIDENCE), "--format", "markdown")
    assert first == second


MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
          "december")


def test_every_date_comes_from_the_inputs(pilot_html: str) -> None:
    """No wall-clock date: each date shown is one of the inputs' dates."""
    tender, bid, reports = documents()
    catalogue = CatalogueStore().get(tender.catalogue)
    given = {tender.period.start, tender.period.end, bid.submitted, catalogue.published}
    for report, _ in reports:
        given |= {report.period.start, report.period.end}
    fmt = Formatter("nl")
    allowed = {fmt.date(day) for day in given}
    pattern = rf"\b[0-9]{{1,2}} (?:{MONTHS}) [0-9]{{4}}\b"
    titles = " ".join(p.source.title for p in catalogue.proxy_values)
    allowed |= set(re.findall(pattern, titles))  # dates in source titles ("per 1 januari 2025")
    shown = set(re.findall(pattern, pilot_html))
    assert shown
    assert shown <= allowed
    assert re.findall(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:", pilot_html) == []
    assert "Stand per 31 december 2027" in pilot_html


def test_without_evidence_the_report_speaks_for_the_bid_date(capsys: Capture) -> None:
    code, out, _ = run(capsys, "report", TENDER, "--bid", BID_A, "--format", "markdown")
    assert code == 0
    assert "Stand per 20 januari 2027" in out
    assert "Er zijn nog geen bewijsrapportages meegegeven" in out


def test_as_of_option(capsys: Capture) -> None:
    code, out, _ = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", *EVIDENCE,
                       "--as-of", "2028-02-29", "--format", "markdown")
    assert code == 0
    assert "Stand per 29 februari 2028" in out


# ------------------------------------------------------------------------------ content

def test_html_is_self_contained_and_accessible(pilot_html: str) -> None:
    assert pilot_html.startswith("<!DOCTYPE html>\n")
    assert '<html lang="nl">' in pilot_html
    assert "<script" not in pilot_html.lower()
    assert "@import" not in pilot_html
    assert "url(http" not in pilot_html
    assert re.findall(r'\ssrc="', pilot_html) == []
    assert pilot_html.count("<h1>") == 1
    assert '<th scope="col"' in pilot_html
    assert "<caption>" in pilot_html
    for svg in re.findall(r"<svg.*?</svg>", pilot_html, flags=re.S):
        assert 'role="img"' in svg
        assert re.search(r'aria-labelledby="[^"]+-title [^"]+-desc"', svg)
        assert "<title id=" in svg
        assert "<desc id=" in svg


def test_obligation_credits_are_shown_apart_never_summed(capsys: Capture) -> None:
    code, out, _ = run(capsys, "report", TENDER, "--bid", BID_C, "--format", "markdown")
    assert code == 0
    valuation = json.loads(run(capsys, "value", BID_C, "--tender", TENDER, "--format",
                               "json")[1])
    outcome = Decimal(valuation["totals"]["outcomeValue"])
    credit = Decimal(valuation["totals"]["obligationCredit"])
    fmt = Formatter("nl")
    assert credit == Decimal("300000.00")
    assert f"**{fmt.money(outcome)}**" in out
    assert "Verplichtingscredits (bouwblokken): apart, nooit opgeteld" in out
    assert f"**{fmt.money(credit)}**" in out
    assert fmt.money(outcome + credit) not in out
    # what counts for the award is shown beside the bid's own total
    assert "lager dan het minimum van" in out


def test_markdown_has_the_same_figures_as_html(pilot_html: str, capsys: Capture) -> None:
    _, markdown, _ = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", *EVIDENCE,
                         "--format", "markdown")
    figures = set(re.findall(r"€\xa0[0-9.]+,[0-9]{2}", markdown))
    assert len(figures) > 10
    for figure in figures:
        assert figure in pilot_html
    assert "<" not in markdown.replace("<https://", "").replace("<http://", "")


def test_python_api(pilot_html: str) -> None:
    tender, bid, reports = documents()
    catalogue = CatalogueStore().get(tender.catalogue)
    data = build_report(tender, bid, catalogue, reports)
    assert data.has_evidence
    assert data.monitoring is not None
    assert data.as_of == dt.date(2027, 12, 31)
    assert len(data.input_sha256) == 64
    assert [p.id for p in data.proxies] == [
        "pv-pw-single-2025", "pv-ibo-debt-arrangement", "pv-desnz-carbon-2025",
    ]
    assert render_html(data) == pilot_html
    assert render_markdown(data).startswith("# Rapportage maatschappelijke waarde")


# --------------------------------------------------------------------------------- charts

def test_chart_svg_has_titles_and_values() -> None:
    chart = bar_chart(
        "chart-x", "Waarde per thema", "Beschrijving",
        ["Werk", "Een heel erg lange themanaam die over meerdere regels moet worden verdeeld"],
        [Series("Toegezegd", (Decimal("10.00"), Decimal("0.00")), "committed"),
         Series("Prognose", (Decimal("5.00"), Decimal("2.50")), "forecast")],
    )
    svg = render_bar_chart(chart, lambda v: f"EUR {v}")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert '<title id="chart-x-title">Waarde per thema</title>' in svg
    assert '<desc id="chart-x-desc">Beschrijving</desc>' in svg
    assert svg.count('height="18"') == 4  # one bar per value
    assert "<title>Werk — Toegezegd: EUR 10.00</title>" in svg
    assert "EUR 2.50" in svg
    assert 'fill="url(#chart-x-forecast)"' in svg
    assert render_bar_chart(chart, lambda v: f"EUR {v}") == svg


def _contrast(colour: str) -> float:
    """WCAG 2.1 contrast ratio of a #rrggbb colour against white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_chart_colours_have_contrast_on_white() -> None:
    from sroi_core.report.charts import PALETTE, TEXT_COLOUR

    for role, colour in {**PALETTE, "text": TEXT_COLOUR}.items():
        assert _contrast(colour) >= 4.5, role


def test_chart_with_only_zeros_draws_empty_bars() -> None:
    chart = bar_chart("z", "t", "d", ["a"], [Series("s", (Decimal(0),), "verified")])
    svg = render_bar_chart(chart, str)
    assert 'width="0"' in svg


def test_chart_checks_its_shape() -> None:
    with pytest.raises(ValueError, match="values"):
        bar_chart("z", "t", "d", ["a", "b"], [Series("s", (Decimal(1),), "verified")])


def test_wrap_limits_lines() -> None:
    lines = wrap("een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
                 "veertien vijftien zestien zeventien achttien negentien twintig", 20, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(len(line) <= 28 for line in lines)


# ------------------------------------------------------------------------------- failures

def _hide_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("babel", "babel.numbers", "babel.dates"):
        monkeypatch.setitem(sys.modules, name, None)


def test_missing_babel_exits_2_with_install_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    _hide_babel(monkeypatch)
    with pytest.raises(ReportDependencyError, match=r"reinstall sroi-core"):
        require_babel()
    code, out, err = run(capsys, "report", TENDER, "--bid", BID_A)
    assert code == 2
    assert out == ""
    assert "reinstall sroi-core" in err


def test_other_commands_work_without_babel(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    _hide_babel(monkeypatch)
    code, _, _ = run(capsys, "value", BID_A, "--tender", TENDER)
    assert code == 0


def test_missing_file_exits_2(tmp_path: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "report", tmp_path / "nope.json", "--bid", BID_A)
    assert code == 2
    assert out == ""
    assert "nope.json" in err


def test_broken_json_exits_1_as_in_value_and_monitor(tmp_path: Path, capsys: Capture) -> None:
    broken = tmp_path / "bid.json"
    broken.write_text('{"standardVersion": "1.0",', encoding="utf-8")
    code, out, err = run(capsys, "report", TENDER, "--bid", broken)
    assert code == 1
    assert out == ""
    assert "[json.syntax]" in err
    assert "no report was written" in err


def test_invalid_bid_exits_1(tmp_path: Path, capsys: Capture) -> None:
    data = json.loads(BID_A.read_text(encoding="utf-8"))
    del data["supplier"]
    invalid = tmp_path / "bid.json"
    invalid.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "report", TENDER, "--bid", invalid)
    assert code == 1
    assert out == ""
    assert "no report was written" in err


def test_wrong_document_type_exits_2(capsys: Capture) -> None:
    code, _, err = run(capsys, "report", TENDER, "--bid", TENDER)
    assert code == 2
    assert "tender" in err


def test_bid_of_another_tender_exits_1(tmp_path: Path, capsys: Capture) -> None:
    data = json.loads(BID_A.read_text(encoding="utf-8"))
    data["tender"] = {"id": "another-tender"}
    other = tmp_path / "bid.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "report", TENDER, "--bid", other)
    assert code == 1
    assert "another-tender" in err


def test_evidence_of_another_bid_exits_1(capsys: Capture) -> None:
    code, _, err = run(capsys, "report", TENDER, "--bid", BID_C, "--evidence", *EVIDENCE)
    assert code == 1
    assert "quality.document-mismatch" in err


def test_as_of_before_a_report_exits_2(capsys: Capture) -> None:
    code, _, err = run(capsys, "report", TENDER, "--bid", BID_A, "--evidence", *EVIDENCE,
                       "--as-of", "2027-05-01")
    assert code == 2
    assert "sroi: error:" in err


def test_bad_option_values_exit_2(capsys: Capture) -> None:
    for argv in (
        ("report", TENDER, "--bid", BID_A, "--language", "de"),
        ("report", TENDER, "--bid", BID_A, "--as-of", "31-12-2027"),
        ("report", TENDER),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in argv])
        assert exit_info.value.code == 2
    capsys.readouterr()


def test_unwritable_output_exits_2(tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "report", TENDER, "--bid", BID_A, "-o",
                       tmp_path / "missing" / "report.html")
    assert code == 2
    assert "cannot write the output" in err
