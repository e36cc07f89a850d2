"""Spreadsheets: templates, import with cell-level findings, export, the lossless round trip.

Everything runs through ``sroi_core.cli.main`` as a user would, except the property test,
which calls the same functions the commands call (a workbook per example is slow).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.codelists import codelist
from sroi_core.documents import dump_document, parse_document
from sroi_core.spreadsheet.export import export_csv, export_xlsx
from sroi_core.spreadsheet.layout import flatten, path_text
from sroi_core.spreadsheet.reader import import_file
from sroi_core.spreadsheet.schema_view import SchemaView

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PILOT = EXAMPLES / "pilot"
TENDER = str(PILOT / "tender.json")
Capture = pytest.CaptureFixture[str]

DOCUMENTS = sorted(
    p
    for p in [*EXAMPLES.glob("*.json"), *PILOT.glob("*.json")]
    if json.loads(p.read_text(encoding="utf-8"))["documentType"] != "valuation"
)


def run(capsys: Capture, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------- the lossless round trip

@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_example_document_round_trips_through_the_cli(
    document: Path, suffix: str, tmp_path: Path, capsys: Capture
) -> None:
    sheet = tmp_path / f"doc{suffix}"
    back = tmp_path / "back.json"
    assert run(capsys, "export", document, "-o", sheet)[0] == 0
    code, _, err = run(capsys, "import", sheet, "-o", back)
    assert code == 0, err
    assert f"with {len(flatten(_load(document)))} value(s)" in err
    assert _load(back) == _load(document)
    assert back.read_text(encoding="utf-8") == dump_document(parse_document(
        document.read_text(encoding="utf-8")))


def _round_trip(data: dict[str, Any], folder: Path, suffix: str) -> dict[str, Any]:
    path = folder / f"doc{suffix}"
    if suffix == ".xlsx":
        path.write_bytes(export_xlsx(data))
    else:
        path.write_text(export_csv(data), encoding="utf-8")
    result = import_file(path)
    assert result.findings == []
    return result.data


TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"), min_size=1,
    max_size=40,
)
DECIMAL_TEXT = st.builds(
    lambda d, places: format(Decimal(d).quantize(Decimal(1).scaleb(-places)), "f"),
    st.integers(0, 10**12),
    st.integers(0, 4),
)
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)).map(
    dt.date.isoformat
)


FIXTURE_CHECK = HealthCheck.function_scoped_fixture
"""tmp_path is shared by a test's examples; each example overwrites its file."""


@st.composite
def bids(draw: st.DrawFn) -> dict[str, Any]:
    """Bids like the pilot's, with generated ids, quantities, texts, dates and lists."""
    bid = _load(PILOT / "bid-a.json")
    bid["id"] = draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,20}", fullmatch=True))
    bid["submitted"] = draw(DATES)
    bid["bidPrice"]["amount"] = draw(DECIMAL_TEXT)
    bid["deliveryPlan"] = {"nl": draw(TEXT), "en": draw(TEXT)}
    template = bid["commitments"][0]
    commitments = []
    for index in range(draw(st.integers(0, 5))):
        item = copy.deepcopy(template)
        item["id"] = f"c-{index}"
        item["quantity"]["value"] = draw(DECIMAL_TEXT)
        item["period"] = {"start": draw(DATES), "end": draw(DATES)}
        item["durationYears"] = draw(st.integers(1, 100))
        item["areas"] = [{"code": f"GM{n:04d}"} for n in draw(st.lists(st.integers(1, 9999),
                                                                        max_size=3))]
        if draw(st.booleans()):
            item["description"] = {"nl": draw(TEXT)}
        commitments.append(item)
    if commitments or draw(st.booleans()):
        bid["commitments"] = commitments
    else:
        del bid["commitments"]
    return bid


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    """Evidence reports like the pilot's, with generated items, subjects and histories."""
    report = _load(PILOT / "evidence-2027-h1.json")
    items = report["items"]
    chosen = draw(st.lists(st.sampled_from(items), min_size=1, max_size=4))
    out = []
    for index, original in enumerate(chosen):
        item = copy.deepcopy(original)
        item["id"] = f"e-{index}"
        item["quantity"]["value"] = draw(DECIMAL_TEXT)
        item["subjects"] = draw(st.lists(st.from_regex(r"[A-Z]{3}-[0-9]{4}", fullmatch=True),
                                         max_size=4))
        for entry in item.get("history", []):
            entry["reason"] = draw(TEXT) if draw(st.booleans()) else entry.get("reason", "x")
        out.append(item)
    report["items"] = out
    return report


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@settings(max_examples=15, deadline=None, suppress_health_check=[FIXTURE_CHECK])
@given(bid=bids())
def test_generated_bids_round_trip_exactly(bid: dict[str, Any], suffix: str,
                                           tmp_path: Path) -> None:
    assert _round_trip(bid, tmp_path, suffix) == bid


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@settings(max_examples=15, deadline=None, suppress_health_check=[FIXTURE_CHECK])
@given(report=reports())
def test_generated_reports_round_trip_exactly(report: dict[str, Any], suffix: str,
                                              tmp_path: Path) -> None:
    assert _round_trip(report, tmp_path, suffix) == report


def test_text_that_looks_like_a_formula_or_a_number_stays_text(tmp_path: Path) -> None:
    bid = _load(PILOT / "bid-a.json")
    bid["supplier"]["name"] = "=SUM(A1:A2)"
    bid["deliveryPlan"] = {
        "nl": "007 _x000D_ looks like an escape \u2028 line separator",
        "en": "  leading and trailing spaces  \n second line\ttab",
    }
    bid["bidPrice"]["amount"] = "3080000.00"
    assert _round_trip(bid, tmp_path, ".xlsx") == bid


def test_a_control_character_is_refused_with_its_pointer(tmp_path: Path, capsys: Capture) -> None:
    bid = _load(PILOT / "bid-a.json")
    bid["deliveryPlan"]["en"] = "bell\x07"
    source = tmp_path / "bid.json"
    source.write_text(json.dumps(bid), encoding="utf-8")
    code, _, err = run(capsys, "export", source, "-o", tmp_path / "bid.xlsx")
    assert code == 2
    assert "/deliveryPlan/en" in err
    assert "control character" in err


# ------------------------------------------------------------------------------ templates

def test_bid_template_has_every_schema_field_and_the_tenders_drop_downs(
    tmp_path: Path, capsys: Capture
) -> None:
    target = tmp_path / "bid.xlsx"
    code, _, _ = run(capsys, "template", "bid", "--tender", TENDER, "-o", target)
    assert code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Readme", "Document", "Commitments", "Lists"]
    readme = "\n".join(str(c.value) for c in book["Readme"]["A"] if c.value)
    assert "NEDERLANDS" in readme
    assert "ENGLISH" in readme
    view = SchemaView("bid")
    commitment = view.node_at(("commitments", "0"))
    assert commitment is not None
    header = [c.value for c in book["Commitments"][1]]
    assert header == [path_text(p) for p in view.leaves(commitment)]
    fields = {c.value for c in book["Document"]["A"]}
    assert {"id", "submitted", "supplier.name", "bidPrice.amount", "tender.id"} <= fields
    lists = book["Lists"]
    choices: dict[str, set[str]] = {}
    for rule in book["Commitments"].data_validations.dataValidation:
        column = str(rule.sqref).split(":")[0].rstrip("0123456789")
        ref = rule.formula1.split("!")[1].replace("$", "")
        cells = lists[ref]
        values = {str(row[0].value) for row in cells}
        choices[book["Commitments"][f"{column}1"].value] = values
    tender = _load(PILOT / "tender.json")
    assert choices["indicator"] == {i["indicator"] for i in tender["indicators"]}
    assert choices["quantity.unit"] >= {"person", "household", "tonne-co2e"}
    assert choices["fulfilment"] == set(codelist("fulfilmentMode").values)
    document = {row[0].value: row[1].value for row in book["Document"].iter_rows(min_row=2)}
    assert document["tender.id"] == tender["id"]
    assert document["catalogue.id"] == "nl"


def _fill(path: Path, data: dict[str, Any]) -> None:
    """Type a document into a template the way a supplier would: cell by cell."""
    book = load_workbook(path)
    fields = book["Document"]
    rows = {row[0].value: row[0].row for row in fields.iter_rows(min_row=2)}
    table_names = {"commitments": "Commitments", "items": "Items"}
    for key, value in data.items():
        if key in table_names:
            sheet = book[table_names[key]]
            header = {c.value: c.column for c in sheet[1]}
            for index, item in enumerate(value, start=2):
                for leaf, cell in flatten(item):
                    name = path_text(leaf)
                    if name not in header:
                        header[name] = sheet.max_column + 1
                        sheet.cell(row=1, column=header[name], value=name)
                    sheet.cell(row=index, column=header[name], value=cell)
            continue
        for leaf, cell in flatten({key: value}):
            name = path_text(leaf)
            row = rows.get(name) or fields.max_row + 1
            fields.cell(row=row, column=1, value=name)
            fields.cell(row=row, column=2, value=cell)
    book.save(path)


@pytest.mark.parametrize(
    ("kind", "document"),
    [("bid", PILOT / "bid-a.json"), ("evidence-report", PILOT / "evidence-2027-h1.json")],
)
def test_a_filled_template_imports_to_a_valid_document(
    kind: str, document: Path, tmp_path: Path, capsys: Capture
) -> None:
    sheet = tmp_path / "filled.xlsx"
    assert run(capsys, "template", kind, "--tender", TENDER, "-o", sheet)[0] == 0
    _fill(sheet, _load(document))
    out = tmp_path / "doc.json"
    code, _, err = run(capsys, "import", sheet, "-o", out)
    assert code == 0, err
    assert _load(out) == _load(document)
    assert run(capsys, "validate", out)[0] == 0


def test_empty_template_names_each_missing_field_by_cell(tmp_path: Path, capsys: Capture) -> None:
    sheet = tmp_path / "bid.xlsx"
    run(capsys, "template", "bid", "--tender", TENDER, "-o", sheet)
    code, _, err = run(capsys, "import", sheet, "-o", tmp_path / "bid.json")
    assert code == 1
    rows = {row[0].value: row[0].row for row in load_workbook(sheet)["Document"].iter_rows()}
    assert f"bid.xlsx#Document!B{rows['id']} [schema.required] 'id'" in err
    assert f"bid.xlsx#Document!B{rows['submitted']} [schema.required] 'submitted'" in err


# ------------------------------------------------------------ findings name every cell

def _workbook_of(document: Path, folder: Path) -> Path:
    path = folder / "bid.xlsx"
    path.write_bytes(export_xlsx(_load(document)))
    return path


def test_cells_that_cannot_be_placed_are_findings_with_sheet_row_and_column(
    tmp_path: Path, capsys: Capture
) -> None:
    path = _workbook_of(PILOT / "bid-a.json", tmp_path)
    book = load_workbook(path)
    commitments = book["Commitments"]
    header = {c.value: c.column_letter for c in commitments[1]}
    commitments[f"{header['durationYears']}3"] = "three"       # wrong type
    commitments["AZ4"] = "stray note"                             # no column name
    commitments["BA1"] = "quantitty.value"                        # misspelt column
    commitments["BA2"] = "5"
    book.create_sheet("Notes")["A1"] = "a sheet of my own"        # unknown sheet
    book["Document"]["D2"] = "aside"                              # beside the fields
    book.save(path)
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "import", path, "-o", out)
    assert code == 1
    assert not out.exists()
    column = header["durationYears"]
    assert (f"bid.xlsx#Commitments!{column}3#/commitments/1/durationYears "
            "[import.bad-value]") in err
    assert "bid.xlsx#Commitments!AZ4 [import.unplaced-cell]" in err
    assert "bid.xlsx#Commitments!BA1#/commitments [import.unknown-field] quantitty.value" in err
    assert "bid.xlsx#Notes [import.unknown-sheet]" in err
    assert "bid.xlsx#Document!D2 [import.unplaced-cell]" in err


def test_dutch_import_findings(tmp_path: Path, capsys: Capture) -> None:
    path = _workbook_of(PILOT / "bid-a.json", tmp_path)
    book = load_workbook(path)
    book["Commitments"]["AZ4"] = "x"
    book.save(path)
    code, _, err = run(capsys, "import", path, "--language", "nl")
    assert code == 1
    assert "fout: " in err
    assert "heeft geen veldnaam" in err
    assert "er is geen document geschreven" in err


def test_typed_numbers_and_dates_become_exact_text(tmp_path: Path) -> None:
    path = _workbook_of(PILOT / "bid-a.json", tmp_path)
    book = load_workbook(path)
    header = {c.value: c.column_letter for c in book["Commitments"][1]}
    book["Commitments"][f"{header['quantity.value']}2"] = 12          # a number cell
    book["Commitments"][f"{header['period.start']}2"] = dt.datetime(2027, 3, 1)
    fields = book["Document"]
    for row in fields.iter_rows(min_row=2):
        if row[0].value == "bidPrice.amount":
            row[1].value = 2950000.1
    book.save(path)
    result = import_file(path)
    assert result.findings == []
    first = result.data["commitments"][0]
    assert first["quantity"]["value"] == "12"
    assert first["period"]["start"] == "2027-03-01"
    assert result.data["bidPrice"]["amount"] == "2950000.1"


def test_a_formula_without_a_stored_value_is_reported(tmp_path: Path, capsys: Capture) -> None:
    path = _workbook_of(PILOT / "bid-a.json", tmp_path)
    book = load_workbook(path)
    header = {c.value: c.column_letter for c in book["Commitments"][1]}
    book["Commitments"][f"{header['quantity.value']}2"] = "=6*2"
    book.save(path)  # openpyxl stores no computed value
    code, _, err = run(capsys, "import", path)
    assert code == 1
    assert "[import.formula-without-value]" in err
    assert "=6*2" in err


def test_a_workbook_without_a_document_sheet(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "x.xlsx"
    Workbook().save(path)
    code, _, err = run(capsys, "import", path)
    assert code == 1
    assert "[import.not-a-document]" in err


# ------------------------------------------------------------------------------ exports

@pytest.fixture
def valuation(tmp_path: Path, capsys: Capture) -> Path:
    target = tmp_path / "valuation.json"
    assert run(capsys, "value", PILOT / "bid-a.json", "--tender", TENDER, "--format", "json",
               "-o", target)[0] == 0
    return target


def test_valuation_export_has_lines_and_totals(valuation: Path, tmp_path: Path,
                                               capsys: Capture) -> None:
    target = tmp_path / "valuation.xlsx"
    assert run(capsys, "export", valuation, "-o", target)[0] == 0
    book = load_workbook(target)
    data = _load(valuation)
    assert {"Document", "Lines", "Totals.byTheme"} <= set(book.sheetnames)
    lines = book["Lines"]
    header = [c.value for c in lines[1]]
    ids = [row[header.index("lineId")].value for row in lines.iter_rows(min_row=2)]
    assert ids == [line["lineId"] for line in data["lines"]]
    themes = book["Totals.byTheme"]
    theme_header = [c.value for c in themes[1]]
    exported = {
        row[theme_header.index("key")].value: row[theme_header.index("presentValue")].value
        for row in themes.iter_rows(min_row=2)
    }
    assert exported == {t["key"]: t["presentValue"] for t in data["totals"]["byTheme"]}


def test_valuation_lines_as_csv(valuation: Path, tmp_path: Path, capsys: Capture) -> None:
    target = tmp_path / "lines.csv"
    assert run(capsys, "export", valuation, "-o", target, "--table", "lines")[0] == 0
    rows = target.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("lineId,indicator,")
    assert len(rows) == 1 + len(_load(valuation)["lines"])
    code, _, err = run(capsys, "export", valuation, "-o", target, "--table", "nope")
    assert code == 2
    assert "lines" in err


@pytest.mark.parametrize(
    ("command", "sheet"),
    [
        (["score", TENDER, *sorted(str(p) for p in PILOT.glob("bid-*.json")), "--evaluation",
          str(PILOT / "evaluation.csv"), "--format", "json"], "Ranking"),
        (["monitor", TENDER, str(PILOT / "bid-a.json"), str(PILOT / "evidence-2027-h1.json"),
          "--format", "json"], None),
    ],
    ids=["award", "monitoring"],
)
def test_award_and_monitoring_results_export(command: list[str], sheet: str | None,
                                             tmp_path: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, *command)
    assert code in (0, 1)
    result = tmp_path / "result.json"
    result.write_text(out, encoding="utf-8")
    target = tmp_path / "result.xlsx"
    assert run(capsys, "export", result, "-o", target)[0] == 0
    book = load_workbook(target)
    assert len(book.sheetnames) >= 2
    if sheet:
        assert sheet in book.sheetnames
    every = tmp_path / "result.csv"
    assert run(capsys, "export", result, "-o", every)[0] == 0
    lines = every.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "field,value"
    assert len(lines) - 1 == len(flatten(json.loads(out)))


# ------------------------------------------------------------------------------ sroi new

@pytest.mark.parametrize("kind", ["tender", "bid", "evidence-report"])
def test_new_writes_a_valid_skeleton_with_marked_placeholders(
    kind: str, tmp_path: Path, capsys: Capture
) -> None:
    target = tmp_path / f"{kind}.json"
    code, _, err = run(capsys, "new", kind, "-o", target)
    assert code == 0
    assert "TODO" in err
    assert "TODO" in target.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "validate", target)
    assert code == 0, out
    code, out, _ = run(capsys, "new", kind)
    assert json.loads(out) == _load(target)


# ------------------------------------------------------------------ catalogue show ID

@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalogue_show_one_indicator(language: str, capsys: Capture) -> None:
    catalogue = CatalogueStore().resolve("nl")
    indicator = next(i for i in catalogue.indicators if i.id == "wp-bijstand-exit-single-12m")
    proxy = catalogue.proxies_for(indicator.id)[0]
    code, out, _ = run(capsys, "catalogue", "show", "nl", indicator.id, "--language", language)
    assert code == 0
    assert indicator.definition.text(language) in out
    assert indicator.measurement_method.text(language) in out
    assert indicator.minimum_verification in out
    for evidence in indicator.evidence_requirements:
        assert evidence in out
    assert proxy.id in out
    assert proxy.source.url is not None
    assert proxy.source.url in out
    amount = "16.145,40" if language == "nl" else "16,145.40"
    assert f"EUR {amount}" in out
    assert ("Definitie" if language == "nl" else "Definition") in out


def test_catalogue_show_an_unknown_indicator(capsys: Capture) -> None:
    code, out, err = run(capsys, "catalogue", "show", "nl", "no-such-indicator")
    assert code == 2
    assert out == ""
    assert "no-such-indicator" in err


def test_catalogue_show_one_indicator_as_json(capsys: Capture) -> None:
    code, out, _ = run(capsys, "catalogue", "show", "nl", "ce-co2e-reduced", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "ce-co2e-reduced"
    assert data["proxyValues"]
    assert all(p["indicator"] == "ce-co2e-reduced" for p in data["proxyValues"])
