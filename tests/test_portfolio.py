"""Portfolios: many documents in one call give the rows one document at a time gives."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import _progress, main
from sroi_core.cli._progress import Progress
from sroi_core.documents import load_document, validate_file
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.portfolio import (
    COLUMNS,
    documents_in,
    table_text,
    to_arrow,
    to_dataframe,
    validate_portfolio,
    value_portfolio,
    write_table,
)
from sroi_core.valuation.document import value_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PILOT = EXAMPLES / "pilot"
CATALOGUE = EXAMPLES / "catalogue.illustrative.json"


def test_a_folder_stands_for_every_json_file_below_it() -> None:
    found = documents_in([PILOT])
    assert found == sorted(PILOT.rglob("*.json"))
    assert documents_in([PILOT / "bid-a.json"]) == [PILOT / "bid-a.json"]


def test_validating_a_portfolio_gives_each_file_its_own_verdict() -> None:
    paths = documents_in([EXAMPLES])
    rows = validate_portfolio([EXAMPLES], catalogues=[CATALOGUE], jobs=1)
    assert [row.file for row in rows] == [str(p) for p in paths]
    store = CatalogueStore()
    store.add_file(CATALOGUE)
    for path, row in zip(paths, rows, strict=True):
        report = validate_file(path, store)
        assert row.valid is report.valid, path
        assert row.document_type == report.document_type
    assert {row.valid for row in rows} == {True, False}


def test_processes_change_nothing_in_the_rows() -> None:
    one = value_portfolio([PILOT], jobs=1)
    two = value_portfolio([PILOT], jobs=2)
    assert one == two


def test_a_valued_bid_carries_the_totals_of_value_document() -> None:
    rows = value_portfolio([PILOT / "bid-c.json", PILOT / "tender.json"], jobs=1)
    bid = load_document(PILOT / "bid-c.json")
    assert isinstance(bid, Bid)
    catalogue = CatalogueStore().get(bid.catalogue)
    assert isinstance(catalogue, Catalogue)
    valuation = value_document(bid, catalogue)
    row = rows[0]
    assert row.valid
    assert row.outcome_value == valuation.totals.outcome_value
    assert row.obligation_credit == valuation.totals.obligation_credit
    assert row.sroi_ratio == valuation.sroi_ratio
    assert row.lines == len(valuation.lines)
    assert rows[1].document_type == "tender"
    assert rows[1].outcome_value is None


def test_an_unreadable_or_invalid_file_gets_a_row_not_an_exception(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    shutil.copy(EXAMPLES / "invalid" / "schema-code.bid.json", tmp_path / "code.json")
    rows = value_portfolio([tmp_path], jobs=1)
    assert [row.valid for row in rows] == [False, False]
    assert rows[0].first_error is not None
    assert "[json.syntax]" in rows[0].first_error
    assert rows[1].first_error is not None
    assert "[schema.code]" in rows[1].first_error


def test_tables_keep_money_exact(tmp_path: Path) -> None:
    rows = value_portfolio([PILOT / "bid-c.json"], jobs=1)
    records = list(csv.DictReader(io.StringIO(table_text(rows, "csv"))))
    assert list(records[0]) == list(COLUMNS)
    assert Decimal(records[0]["outcomeValue"]) == rows[0].outcome_value
    assert json.loads(table_text(rows, "json"))[0]["outcomeValue"] == str(rows[0].outcome_value)
    pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    frame = to_dataframe(rows)
    assert list(frame.columns) == list(COLUMNS)
    assert frame.loc[0, "outcomeValue"] == rows[0].outcome_value
    table = to_arrow(rows)
    assert table.column("outcomeValue")[0].as_py() == rows[0].outcome_value
    target = tmp_path / "portfolio.parquet"
    write_table(rows, target)
    import pyarrow.parquet as pq

    assert pq.read_table(target).column("outcomeValue")[0].as_py() == rows[0].outcome_value


def test_the_command_writes_the_table_and_exits_by_the_verdicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    valid = tmp_path / "valid"
    valid.mkdir()
    for name in ("bid-a.json", "bid-b.json", "tender.json"):
        shutil.copy(PILOT / name, valid / name)
    out = tmp_path / "table.csv"
    code = main(["portfolio", "value", str(valid), "--jobs", "1", "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "3 document(s), 0 invalid" in printed.out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [Path(r["file"]).name for r in rows] == ["bid-a.json", "bid-b.json", "tender.json"]
    assert rows[0]["outcomeValue"] == "387350.25"

    code = main(["portfolio", "validate", str(EXAMPLES / "invalid"), "-j", "1", "-q"])
    printed = capsys.readouterr()
    assert code == 1
    assert printed.out.startswith("file,documentType")
    assert "Traceback" not in printed.err

    assert main(["portfolio", "validate", str(tmp_path / "missing")]) == 2


def test_no_bar_when_standard_error_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_progress, "SHOW_AFTER_SECONDS", 0.0)
    with Progress(3, "work") as progress:
        progress.advance()
        assert not progress.shown
    assert capsys.readouterr().err == ""


def test_a_bar_on_a_terminal_after_a_while_unless_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rich")
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    monkeypatch.setattr(_progress, "SHOW_AFTER_SECONDS", 3600.0)
    with Progress(3, "work") as progress:
        progress.advance()
        assert not progress.shown  # a short run shows nothing
    monkeypatch.setattr(_progress, "SHOW_AFTER_SECONDS", 0.0)
    with Progress(3, "work", quiet=True) as progress:
        progress.advance()
        assert not progress.shown
    with Progress(3, "work") as progress:
        progress.advance()
        assert progress.shown
        progress.set(3, 3)
    assert not progress.shown


def test_a_2_0_bid_gets_its_totals_per_perspective_never_summed() -> None:
    pilot = EXAMPLES / "2.0" / "pilot"
    rows = value_portfolio([pilot / "bid-honest.json"], tender=pilot / "tender.json", jobs=1)
    bid = load_document(pilot / "bid-honest.json")
    tender = load_document(pilot / "tender.json")
    assert isinstance(bid, Bid)
    catalogue = CatalogueStore().get(bid.catalogue)
    assert isinstance(catalogue, Catalogue)
    valuation = value_document(bid, catalogue, tender=tender)  # type: ignore[arg-type]
    row = rows[0]
    assert row.valid
    assert row.standard_version == "2.0"
    assert row.outcome_value is None  # 2.0 has no single summed outcome total
    parts = {part.perspective.value: part for part in valuation.totals.by_perspective or ()}
    assert parts, "the 2.0 pilot bid has counted outcome values"
    assert row.society_value == (parts["society"].present_value if "society" in parts else None)
    assert row.public_purse_value == (
        parts["public-purse"].present_value if "public-purse" in parts else None
    )
    assert row.society_sroi_ratio == (parts["society"].sroi_ratio if "society" in parts else None)
