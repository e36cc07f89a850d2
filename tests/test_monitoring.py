"""Realisation monitoring (sroi_core.monitoring) and ``sroi monitor`` as a user runs it.

Fixtures come from test_scoring (no adjustments, no discounting, one-year benefits: a
line's value is quantity x proxy). The contract is bid-a: job 10 (EUR 10,000, credits
5,000) and skill 20 (EUR 4,000) over 2026-01-01 to 2027-12-31 (730 days). Two reports:

    r1 2026-01-01..2026-06-30  e1 job 4 verified (4,000; credit 2,000)
                               e2 skill 5 submitted (1,000)  e3 skill 3 rejected (600)
    r2 2026-07-01..2026-12-31  e1 again (same version)  e2 now verified
                               e4 job 2 withdrawn (2,000; credit 1,000)
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import test_scoring as fx

from sroi_core.cli import main
from sroi_core.model import (
    Area,
    DocumentRef,
    Evidence,
    EvidenceDocument,
    EvidenceReport,
    Quantity,
    StatusChange,
)
from sroi_core.monitoring import (
    MonitoringError,
    MonitoringInputError,
    forecast_value,
    monitor_contract,
)

D = Decimal
CAT = fx.CAT
Capture = pytest.CaptureFixture[str]


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=dt.UTC)


def history(*steps: tuple[str, dt.datetime, str]) -> tuple[StatusChange, ...]:
    return tuple(
        StatusChange(status=status, at=moment, by=actor,
                     **({"reason": "not proven"} if status == "rejected" else {}))
        for status, moment, actor in steps
    )


SUBMITTED = ("submitted", at(2026, 7, 2), "supplier")


def item(item_id: str, commitment: str, value: str, status: str,
         steps: tuple[StatusChange, ...], **changes: Any) -> Evidence:
    """An evidence item; its indicator follows from the commitment (c-skill: ind-skill)."""
    indicator = "ind-skill" if commitment == "c-skill" else "ind-job"
    data: dict[str, Any] = {
        "id": item_id, "commitment": commitment, "indicator": indicator,
        "quantity": Quantity(value=value, unit="person"),
        "period": fx.period("2026-01-01", "2026-06-30"), "areas": (Area(code="GM0363"),),
        "documents": (EvidenceDocument(type="payroll-record", reference=f"doc-{item_id}"),),
        "status": status, "history": steps,
    }
    data.update(changes)
    return Evidence(**data)


def e1() -> Evidence:
    return item("e1", "c-job", "4", "verified",
                history(SUBMITTED, ("verified", at(2026, 7, 10), "buyer")))


def report(report_id: str, start: str, end: str, *items: Evidence,
           bid_id: str = "bid-a") -> EvidenceReport:
    return EvidenceReport(
        standard_version="1.0", id=report_id, tender=DocumentRef(id="tender-s"),
        bid=DocumentRef(id=bid_id), catalogue=fx.CATALOGUE_REF,
        supplier=fx.bid_a().supplier, period=fx.period(start, end), items=items,
    )


def r1() -> EvidenceReport:
    return report(
        "r1", "2026-01-01", "2026-06-30", e1(),
        item("e2", "c-skill", "5", "submitted", history(SUBMITTED)),
        item("e3", "c-skill", "3", "rejected",
             history(SUBMITTED, ("rejected", at(2026, 7, 10), "buyer"))),
    )


def r2() -> EvidenceReport:
    return report(
        "r2", "2026-07-01", "2026-12-31", e1(),
        item("e2", "c-skill", "5", "verified",
             history(SUBMITTED, ("verified", at(2027, 1, 10), "buyer"))),
        item("e4", "c-job", "2", "withdrawn",
             history(("submitted", at(2027, 1, 5), "supplier"),
                     ("withdrawn", at(2027, 1, 6), "supplier")),
             period=fx.period("2026-07-01", "2026-12-31")),
    )


def monitor(*reports: EvidenceReport, as_of: dt.date | None = None,
            bid: Any = None) -> Any:
    return monitor_contract(fx.tender(), bid or fx.bid_a(), list(reports), CAT, as_of)


# ------------------------------------------------------------------------------ totals


def test_known_answer_two_periods() -> None:
    result = monitor(r1(), r2())
    outcome, credit = result.outcome, result.credit
    # committed: 10 x 1000 + 20 x 200 = 14000; credits 10 x 500 = 5000
    assert outcome.committed == D("14000.00")
    # verified: e1 4000 + e2 1000 (its latest version is verified); e1 counted once
    assert outcome.verified == D("5000.00")
    assert outcome.unverified == 0
    assert outcome.rejected == D("600.00")  # e3: 3 x 200
    assert outcome.withdrawn == D("2000.00")  # e4: 2 x 1000
    # realisation 5000 / 14000 = 35.714..% -> 35.7
    assert outcome.realisation == D("35.7")
    # credits: verified e1 4 x 500 = 2000 of 5000 = 40.0 %; withdrawn e4 2 x 500 = 1000
    assert (credit.committed, credit.verified, credit.withdrawn) == (
        D("5000.00"), D("2000.00"), D("1000.00"))
    assert credit.realisation == D("40.0")
    # as of the latest report end 2026-12-31: 365 of 730 days
    assert (result.as_of, result.elapsed_days, result.total_days) == (
        dt.date(2026, 12, 31), 365, 730)
    # forecast per indicator: job 4000 x 730/365 = 8000 (< 10000); skill 1000 x 2 = 2000
    indicators = {(r.key, r.family): r.figures for r in result.by_indicator}
    assert indicators[("ind-job", "outcome")].forecast == D("8000.00")
    assert indicators[("ind-skill", "outcome")].forecast == D("2000.00")
    assert outcome.forecast == D("10000.00")
    assert outcome.forecast_realisation == D("71.4")  # 10000 / 14000
    assert credit.forecast == D("4000.00")  # 2000 x 2, below 5000


def test_item_counts_once_in_its_latest_version_and_its_first_period() -> None:
    result = monitor(r1(), r2())
    items = {i.item: i for i in result.items}
    assert [i.item for i in result.items] == ["e1", "e2", "e3", "e4"]
    assert (items["e1"].report, items["e1"].version_from, items["e1"].also_in) == (
        "r1", "r2", ("r2",))
    assert (items["e2"].status, items["e2"].bucket, items["e2"].version_from) == (
        "verified", "verified", "r2")
    periods = {(r.key, r.family): r.figures for r in result.by_period}
    # e1 and e2 were first reported in r1; e4 only in r2
    assert periods[("r1", "outcome")].verified == D("5000.00")
    assert periods[("r1", "outcome")].rejected == D("600.00")
    assert periods[("r2", "outcome")].verified == 0
    assert periods[("r2", "outcome")].withdrawn == D("2000.00")
    assert periods[("r1", "outcome")].committed is None
    assert [(u.report, u.items, u.used) for u in result.reports] == [("r1", 3, 1), ("r2", 3, 3)]


def test_totals_equal_the_sum_of_verified_line_values() -> None:
    result = monitor(r1(), r2())
    verified = [i for i in result.items if i.bucket == "verified"]
    assert result.outcome.verified == sum((i.outcome_value for i in verified), D(0))
    assert result.credit.verified == sum((i.obligation_credit for i in verified), D(0))
    for rows in (result.by_theme, result.by_indicator, result.by_commitment, result.by_period):
        outcome_rows = [r.figures for r in rows if r.family == "outcome"]
        assert sum((f.verified for f in outcome_rows), D(0)) == result.outcome.verified
        assert sum((f.rejected for f in outcome_rows), D(0)) == result.outcome.rejected
    committed = [r.figures.committed or D(0) for r in result.by_commitment
                 if r.family == "outcome"]
    assert sum(committed, D(0)) == result.outcome.committed


def test_unverified_value_is_shown_but_never_counted() -> None:
    result = monitor(r1())
    # in r1 alone e2 is still submitted
    assert result.outcome.unverified == D("1000.00")
    assert result.outcome.verified == D("4000.00")
    assert result.outcome.realisation == D("28.6")  # 4000 / 14000


def test_report_order_does_not_matter() -> None:
    assert monitor(r1(), r2()).to_json() == monitor(r2(), r1()).to_json()


def test_differing_versions_of_an_item_are_reported() -> None:
    changed = report("r2", "2026-07-01", "2026-12-31",
                     item("e1", "c-job", "6", "verified",
                          history(SUBMITTED, ("verified", at(2026, 7, 20), "buyer"))))
    result = monitor(r1(), changed)
    assert result.findings[0].rule_id == "monitoring.item-versions-differ"
    assert "quantity" in result.findings[0].message
    assert result.outcome.verified == D("6000.00")  # the latest version: 6 x 1000


def test_evidence_against_bought_off_or_unknown_commitments_is_not_counted() -> None:
    bought_off = report(
        "rb", "2026-01-01", "2026-06-30",
        item("eb1", "c-skill", "4", "verified",
             history(SUBMITTED, ("verified", at(2026, 7, 10), "buyer"))),
        item("eb2", "c-nowhere", "1", "verified",
             history(SUBMITTED, ("verified", at(2026, 7, 10), "buyer"))),
        bid_id="bid-b",
    )
    result = monitor(bought_off, bid=fx.bid_b())
    items = {i.item: i for i in result.items}
    assert items["eb1"].bucket == items["eb2"].bucket == "not-counted"
    assert "bought off" in items["eb1"].reason
    assert "not in bid bid-b" in items["eb2"].reason
    assert result.outcome.verified == 0
    assert result.outcome.not_counted == D("1000.00")  # eb2: 1 x 1000; eb1 has no value


# ---------------------------------------------------------------------------- forecast


def test_nothing_verified_forecasts_zero_with_a_note() -> None:
    pending = report("rp", "2026-01-01", "2026-06-30",
                     item("e2", "c-skill", "5", "submitted", history(SUBMITTED)))
    result = monitor(pending)
    assert result.outcome.forecast == 0
    assert "Nothing is verified yet: the forecast is 0." in result.notes


def test_forecast_is_capped_at_the_commitment() -> None:
    result = monitor(report("r1", "2026-01-01", "2026-06-30", e1()))
    # as of 2026-06-30: 181 days; job 4000 x 730 / 181 = 16132.6 > 10000 -> 10000
    assert result.elapsed_days == 181
    job = next(r.figures for r in result.by_indicator if r.key == "ind-job"
               and r.family == "outcome")
    assert job.forecast == D("10000.00")


def test_forecast_never_below_what_is_verified_beyond_the_commitment() -> None:
    over = report("ro", "2026-01-01", "2026-06-30",
                  item("e9", "c-job", "12", "verified",
                       history(SUBMITTED, ("verified", at(2026, 7, 10), "buyer"))))
    job = next(r.figures for r in monitor(over).by_indicator
               if r.key == "ind-job" and r.family == "outcome")
    # 12 x 1000 = 12000 verified > 10000 committed: the data shows it, so 12000
    assert job.verified == job.forecast == D("12000.00")
    assert job.realisation == D("120.0")


def test_forecast_after_contract_end_is_what_is_verified() -> None:
    result = monitor(r1(), r2(), as_of=dt.date(2028, 6, 30))
    assert result.elapsed_days == result.total_days == 730
    assert result.outcome.forecast == result.outcome.verified == D("5000.00")
    assert any("has ended" in note for note in result.notes)


@pytest.mark.parametrize(
    ("verified", "committed", "elapsed", "total", "expected"),
    [
        ("100", "1000", 0, 730, "100.00"),      # no day elapsed: what is verified
        ("0", "1000", 365, 730, "0.00"),        # nothing verified
        ("100", "1000", 365, 730, "200.00"),    # 100 x 730 / 365
        ("100", "150", 365, 730, "150.00"),     # capped at committed
        ("100", "0", 365, 730, "100.00"),       # nothing committed: verified stands
        ("1", "1000", 3, 730, "243.33"),        # 730 / 3 = 243.333.. -> cent
    ],
)
def test_forecast_value(verified: str, committed: str, elapsed: int, total: int,
                        expected: str) -> None:
    assert forecast_value(D(verified), D(committed), elapsed, total) == D(expected)


# ------------------------------------------------------------------------------ inputs


def test_report_of_another_bid_is_refused() -> None:
    stray = report("rx", "2026-01-01", "2026-06-30", e1(), bid_id="bid-zz")
    with pytest.raises(MonitoringInputError) as caught:
        monitor(stray)
    assert caught.value.findings[0].rule_id == "quality.document-mismatch"


def test_as_of_before_a_report_is_refused() -> None:
    with pytest.raises(MonitoringError, match="before the period of report"):
        monitor(r1(), r2(), as_of=dt.date(2026, 6, 30))


def test_no_reports_needs_an_as_of_date() -> None:
    with pytest.raises(MonitoringError, match="as-of"):
        monitor()
    empty = monitor(as_of=dt.date(2026, 3, 1))
    assert empty.outcome.verified == 0
    assert empty.outcome.committed == D("14000.00")


# --------------------------------------------------------------------------------- CLI


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "catalogue": fx.write(tmp_path, "catalogue.json", CAT),
        "tender": fx.write(tmp_path, "tender.json", fx.tender()),
        "bid": fx.write(tmp_path, "bid.json", fx.bid_a()),
        "r1": fx.write(tmp_path, "r1.json", r1()),
        "r2": fx.write(tmp_path, "r2.json", r2()),
    }


def run(capsys: Capture, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_cli_table(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = run(capsys, "monitor", files["tender"], files["bid"], files["r1"],
                       files["r2"], "--catalogue", files["catalogue"])
    assert code == 0
    assert "as of 2026-12-31: 365 days elapsed" in out
    totals = next(line for line in out.splitlines() if line.startswith("outcome value"))
    assert totals.split()[2:6] == ["14,000.00", "5,000.00", "0.00", "600.00"]
    assert "By reporting period" in out


def test_cli_json_and_as_of(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = run(capsys, "monitor", files["tender"], files["bid"], files["r1"],
                       files["r2"], "--catalogue", files["catalogue"], "--format", "json",
                       "--as-of", "2027-12-31")
    assert code == 0
    data = json.loads(out)
    assert data["asOf"] == "2027-12-31"
    assert data["totals"]["outcome"]["verified"] == "5000.00"
    assert data["totals"]["outcome"]["forecast"] == "5000.00"
    assert [i["item"] for i in data["items"]] == ["e1", "e2", "e3", "e4"]


def test_cli_markdown(files: dict[str, Path], capsys: Capture) -> None:
    code, out, _ = run(capsys, "monitor", files["tender"], files["bid"], files["r1"],
                       "--catalogue", files["catalogue"], "--format", "markdown")
    assert code == 0
    assert out.startswith("# Realisation monitoring: bid `bid-a`")
    assert "| ind-job | outcome |" in out


def test_cli_errors(tmp_path: Path, files: dict[str, Path], capsys: Capture) -> None:
    base = (files["tender"], files["bid"])
    with pytest.raises(SystemExit) as usage:
        main(["monitor", *map(str, base), str(files["r1"]), "--as-of", "30-06-2026"])
    assert usage.value.code == 2
    assert "is not a date" in capsys.readouterr().err
    code, _, err = run(capsys, "monitor", *base, files["r2"], "--catalogue",
                       files["catalogue"], "--as-of", "2026-01-31")
    assert code == 2
    assert "before the period of report" in err
    code, _, err = run(capsys, "monitor", *base, tmp_path / "missing.json", "--catalogue",
                       files["catalogue"])
    assert code == 2
    stray = fx.write(tmp_path, "stray.json",
                     report("rx", "2026-01-01", "2026-06-30", e1(), bid_id="bid-zz"))
    code, _, err = run(capsys, "monitor", *base, stray, "--catalogue", files["catalogue"])
    assert code == 1
    assert "[quality.document-mismatch]" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"standardVersion": "1.0", "documentType": "evidenceReport"}',
                      encoding="utf-8")
    code, _, err = run(capsys, "monitor", *base, broken, "--catalogue", files["catalogue"])
    assert code == 1
    assert "invalid; nothing was monitored" in err
