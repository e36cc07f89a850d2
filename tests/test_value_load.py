"""What ``sroi value`` loads, and how: light start-up, shared shipped catalogues, the same
findings from the per-pair semantic checks, and a console run that ends as ``main`` does.
"""

from __future__ import annotations

import copy
import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core._gc import gc_paused
from sroi_core.catalogue_store import (
    CatalogueStore,
    builtin_catalogue,
    builtin_id,
    builtin_names,
    newest_edition,
)
from sroi_core.cli import main
from sroi_core.documents import load_document, validate_file
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.types import DocumentRef, Period
from sroi_core.rules import Finding
from sroi_core.validation import semantic

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CATALOGUE = str(EXAMPLES / "catalogue.illustrative.json")
BID = str(EXAMPLES / "bid.json")
TENDER = str(EXAMPLES / "tender.json")
REPORT = str(EXAMPLES / "evidence-report.json")

HEAVY = (
    "numpy", "pint", "jsonschema", "jsonschema_rs", "referencing", "pydantic", "jiter", "orjson",
)  # fmt: skip


def _subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SROI_DEBUG"}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env,
        timeout=120, check=False,
    )  # fmt: skip


# ------------------------------------------------------------------------- start-up


def test_value_help_imports_no_model_and_no_validator() -> None:
    program = (
        "import json, sys\n"
        "from sroi_core.cli import main\n"
        "try:\n"
        "    main(['value', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in sys.argv[1:]\n"
        "          or m.startswith(('sroi_core.model', 'sroi_core.valuation'))]\n"
        "print(json.dumps(sorted(loaded)))\n"
    )
    done = _subprocess("-c", program, *HEAVY)
    assert done.returncode == 0, done.stderr
    assert "--catalogue" in done.stdout
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_valuing_valid_documents_loads_no_explaining_validator(tmp_path: Path) -> None:
    """python-jsonschema only words a refusal: jsonschema-rs decides."""
    program = (
        "import json, sys\n"
        "from sroi_core.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(json.dumps([code, sorted(m for m in ('jsonschema', 'referencing')\n"
        "                              if m in sys.modules)]))\n"
    )
    out = str(tmp_path / "valuation.json")
    args = ["value", BID, "--catalogue", CATALOGUE, "--tender", TENDER, "-o", out]
    done = _subprocess("-c", program, *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [0, []]


# ---------------------------------------------------------- a console run (run())


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_console_run_prints_what_main_prints(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    args = ["value", BID, "--catalogue", CATALOGUE, "--tender", TENDER, "--format", fmt]
    code = main(args)
    out, err = capsys.readouterr()
    done = _subprocess("-m", "sroi_core", *args)
    assert (done.returncode, done.stdout, done.stderr) == (code, out, err)
    assert code == 0
    assert out


def test_console_run_writes_the_same_file(tmp_path: Path) -> None:
    common = ["value", REPORT, "--catalogue", CATALOGUE, "--tender", TENDER, "--bid", BID]
    assert main([*common, "-o", str(tmp_path / "main.json"), "--format", "json"]) == 0
    done = _subprocess(
        "-m", "sroi_core", *common, "-o", str(tmp_path / "run.json"), "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "run.json").read_bytes() == (tmp_path / "main.json").read_bytes()


def test_console_run_reports_invalid_input_as_main_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads(Path(BID).read_text(encoding="utf-8"))
    data["commitments"][0]["indicator"] = "ind-does-not-exist"
    bad = tmp_path / "bid.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    args = ["value", str(bad), "--catalogue", CATALOGUE]
    code = main(args)
    out, err = capsys.readouterr()
    done = _subprocess("-m", "sroi_core", *args)
    assert (done.returncode, done.stdout, done.stderr) == (code, out, err) == (1, "", err)
    assert "[ref.unknown]" in err


def test_a_profiled_console_run_still_writes_its_profile(tmp_path: Path) -> None:
    """The quick exit is skipped under a profiler (or a coverage tracer): they write at exit."""
    stats = tmp_path / "value.prof"
    out = tmp_path / "v.json"
    args = ["value", BID, "--catalogue", CATALOGUE, "--format", "json", "-o", str(out)]
    done = _subprocess("-m", "cProfile", "-o", str(stats), "-m", "sroi_core", *args)
    assert done.returncode == 0, done.stderr
    assert stats.stat().st_size > 0
    assert json.loads(out.read_text(encoding="utf-8"))["documentType"] == "valuation"


# ------------------------------------------------------------- shipped catalogues


def test_each_shipped_file_is_named_after_its_catalogue() -> None:
    assert builtin_names()
    for name in builtin_names():
        catalogue = builtin_catalogue(name)
        assert catalogue is not None
        assert name == f"{catalogue.id}-{catalogue.version}.json"
        assert builtin_id(name) == catalogue.id


def test_shipped_catalogues_are_valid_in_both_layers() -> None:
    """At run time they are read without the semantic layer: it must find no error in them."""
    store = CatalogueStore()
    for name in builtin_names():
        path = ROOT / "sroi_core" / "catalogues" / name
        report = validate_file(path, store)
        assert report.valid, (name, [f for f in report.findings if f.severity.value == "error"])


def test_stores_share_one_copy_of_a_shipped_catalogue() -> None:
    ref = DocumentRef(id="nl", version="2026.1")
    first, second = CatalogueStore().find(ref), CatalogueStore().find(ref)
    assert first is not None
    assert first is second
    assert first == load_document(ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json")


def test_a_named_catalogue_file_reads_no_shipped_catalogue() -> None:
    builtin_catalogue.cache_clear()
    store = CatalogueStore()
    store.resolve(CATALOGUE)
    report = validate_file(BID, store, full_schema=False)
    assert report.valid
    assert builtin_catalogue.cache_info().currsize == 0
    assert isinstance(report.document, Bid)
    assert store.for_document(report.document, CATALOGUE).id == "example-illustrative"


def _scan_find(store: CatalogueStore, ref: DocumentRef, version: str | None) -> Catalogue | None:
    """The store's answer as it was computed before: a scan of every catalogue."""
    same_id = [c for c in store.all() if c.id == ref.id]
    if ref.version is not None:
        return next((c for c in same_id if c.version == ref.version), None)
    return newest_edition(same_id, version)


def _stores() -> Iterator[CatalogueStore]:
    shipped = CatalogueStore().get(DocumentRef(id="nl", version="2026.1"))
    own = shipped.model_copy(update={"version": "2026.9"})
    same = shipped.model_copy(update={"title": shipped.title})
    yield CatalogueStore()
    yield CatalogueStore([own])
    yield CatalogueStore([same])  # a user copy of a shipped edition comes first
    yield CatalogueStore([own], builtin=False)
    with_file = CatalogueStore()
    with_file.resolve(CATALOGUE)
    yield with_file


@pytest.mark.parametrize("standard_version", [None, "1.0", "2.0"])
def test_find_and_resolve_answer_as_a_scan_of_every_catalogue(
    standard_version: str | None,
) -> None:
    refs = [
        DocumentRef(id=id_, version=version)
        for id_ in ("nl", "example-illustrative", "absent")
        for version in (None, "2026.1", "2026.2", "2026.9", "1.0")
    ]
    for store in _stores():
        for ref in refs:
            found = store.find(ref, standard_version)
            assert found is _scan_find(store, ref, standard_version), (ref, standard_version)
            if found is not None:
                name = ref.id if ref.version is None else f"{ref.id}@{ref.version}"
                assert store.resolve(name, standard_version=standard_version) is found


# --------------------------------------------------------------- semantic layer


def _reference_line_findings(
    doc: Bid | EvidenceReport, catalogue: Catalogue | None, source: str
) -> list[Finding]:
    """Period, reference and unit findings of every line, checked line by line."""
    kind, lines = ("commitments", doc.commitments) if isinstance(doc, Bid) else ("items", doc.items)
    findings: list[Finding] = []
    for n, line in enumerate(lines):
        findings += semantic._period(line.period, source, kind, n, "period")
        if catalogue is not None:
            findings += semantic._indicator_ref(
                line.indicator, catalogue, source, kind, n, "indicator"
            )
            findings += semantic._unit(
                line.quantity, catalogue, line.indicator, source, kind, n, "quantity"
            )
    return findings


INDICATORS = ("ind-work-12m", "ind-work-fte", "ind-training-hours", "ind-co2-avoided", "ind-gone")
UNITS = ("person", "fte-year", "hour", "tonne-co2e", "kg-co2e", "euro")
LINE_RULES = ("period.order", "ref.unknown", "unit.incompatible", "unit.fte-norm-missing")
LINE = st.tuples(st.sampled_from(INDICATORS), st.sampled_from(UNITS), st.booleans())


def _with_lines(data: dict[str, Any], key: str, lines: list[tuple[str, str, bool]]) -> None:
    template = data[key][0]
    data[key] = []
    for n, (indicator, unit, _) in enumerate(lines):
        line = copy.deepcopy(template)
        line["id"] = f"x-{n}"
        line["indicator"] = indicator
        line["quantity"]["unit"] = unit
        data[key].append(line)


def _reversed(lines: list[Any], marks: list[tuple[str, str, bool]]) -> list[Any]:
    """The lines, those marked with their period reversed (the model itself refuses that)."""
    return [
        line.model_copy(
            update={"period": Period.model_construct(start=line.period.end, end=line.period.start)}
        )
        if mark[2]
        else line
        for line, mark in zip(lines, marks, strict=True)
    ]


def _catalogues() -> list[Catalogue]:
    catalogue = load_document(CATALOGUE)
    assert isinstance(catalogue, Catalogue)
    return [catalogue, catalogue.model_copy(update={"fte_norm": None})]


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(LINE, min_size=1, max_size=25), without_norm=st.booleans())
def test_bid_semantic_findings_equal_the_line_by_line_checks(
    lines: list[tuple[str, str, bool]], without_norm: bool
) -> None:
    data = json.loads(Path(BID).read_text(encoding="utf-8"))
    _with_lines(data, "commitments", lines)
    bid = Bid.model_validate(data)
    bid = bid.model_copy(update={"commitments": _reversed(bid.commitments, lines)})
    catalogue = _catalogues()[without_norm]
    findings = list(semantic.check_bid(bid, "bid.json", lambda _ref: catalogue))
    expected = [
        *semantic.edition_findings(bid.standard_version, catalogue, "bid.json"),
        *_reference_line_findings(bid, catalogue, "bid.json"),
    ]
    assert findings == expected


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(LINE, min_size=1, max_size=15), without_norm=st.booleans())
def test_report_semantic_findings_equal_the_line_by_line_checks(
    lines: list[tuple[str, str, bool]], without_norm: bool
) -> None:
    data = json.loads(Path(REPORT).read_text(encoding="utf-8"))
    _with_lines(data, "items", lines)
    report = EvidenceReport.model_validate(data)
    report = report.model_copy(update={"items": _reversed(report.items, lines)})
    catalogue = _catalogues()[without_norm]
    found = [
        f
        for f in semantic.check_evidence_report(report, "r.json", lambda _ref: catalogue)
        if f.rule_id in LINE_RULES
    ]
    assert found == [
        *semantic._period(report.period, "r.json", "period"),
        *_reference_line_findings(report, catalogue, "r.json"),
    ]


def test_a_repeated_bad_pair_is_reported_on_every_line() -> None:
    data = json.loads(Path(BID).read_text(encoding="utf-8"))
    lines = [("ind-gone", "person", False)] * 3 + [("ind-work-12m", "tonne-co2e", False)] * 2
    _with_lines(data, "commitments", lines)
    bid = Bid.model_validate(data)
    catalogue = _catalogues()[0]
    findings = list(semantic.check_bid(bid, "bid.json", lambda _ref: catalogue))
    pointers = [(f.rule_id, f.pointer) for f in findings]
    assert pointers == [
        ("ref.unknown", "/commitments/0/indicator"),
        ("ref.unknown", "/commitments/1/indicator"),
        ("ref.unknown", "/commitments/2/indicator"),
        ("unit.incompatible", "/commitments/3/quantity/unit"),
        ("unit.incompatible", "/commitments/4/quantity/unit"),
    ]


# ------------------------------------------------------------------ the collector


def test_what_a_paused_block_built_skips_the_young_collections() -> None:
    gc.collect()
    with gc_paused():
        built = [{"line": [n]} for n in range(10_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # still collectable
    oldest = gc.get_objects(generation=2)  # moved there, not left for the young collections
    assert any(item is built[-1] for item in oldest)


def test_a_program_s_own_frozen_objects_stay_frozen() -> None:
    kept = [{"kept": [n]} for n in range(1_000)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            built = [{"line": [n]} for n in range(1_000)]
        assert gc.get_freeze_count() == frozen
        assert len(built) == len(kept)
    finally:
        gc.unfreeze()
