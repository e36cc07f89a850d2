"""The streaming validator gives exactly the whole-document path's report.

``validate_file`` streams bids and evidence reports above ``STREAM_ABOVE_BYTES``; here the
threshold is forced to 0 (stream every file) and compared with a threshold no file
reaches (validate every file whole, the reference path): every example, pilot and
conformance-vector document, and generated mutations of valid 1.0 and 2.0 bids and
evidence reports. The reports must be equal finding for finding (rule, severity, file,
pointer, English and Dutch message, parameters, order), and the streaming pass must have
decided itself every document whose findings are all ones it streams.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.cli import main
from sroi_core.conformance_findings import _files as vector_files
from sroi_core.documents import load_document, validate_file, validate_files
from sroi_core.errors import InputError
from sroi_core.model.catalogue import Catalogue
from sroi_core.portfolio import validate_portfolio
from sroi_core.validation import json_outline, streaming
from sroi_core.validation.report import FileReport, ValidationReport
from sroi_core.validation.semantic import IdTally, _duplicates

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONFORMANCE = ROOT / "tests" / "conformance"
NEVER = 1 << 62

STREAMED_RULES = {
    "id.duplicate",
    "ref.catalogue-unavailable",
    "ref.catalogue-edition-newer",
    "ref.catalogue-edition-older",
    "ref.unknown",
    "unit.incompatible",
    "unit.fte-norm-missing",
    "privacy.possible-bsn",
    "codelist.unknown-code",
    "conventions.discount-schedule",
}
"""Rules the streaming pass reports itself (every other finding makes it fall back)."""


@contextmanager
def streaming_above(
    limit: int, *, window: int | None = None, chunk: int | None = None
) -> Iterator[None]:
    """Stream files above ``limit`` bytes, with small read windows and chunks if given."""
    with (
        mock.patch.object(streaming, "STREAM_ABOVE_BYTES", limit),
        mock.patch.object(streaming, "_WINDOW_BYTES", window or streaming._WINDOW_BYTES),
        mock.patch.object(json_outline, "CHUNK_BYTES", chunk or json_outline.CHUNK_BYTES),
    ):
        yield


def _view(report: FileReport) -> tuple[Any, ...]:
    return (
        report.file,
        report.document_type,
        report.standard_version,
        report.read_error,
        report.valid,
        list(report.findings),
    )


def _both_files(paths: list[Path], *, builtin: bool = True) -> ValidationReport:
    """``validate_files`` streamed and whole; asserts they agree, returns the streamed one."""
    with streaming_above(NEVER):
        whole = validate_files(paths, CatalogueStore(builtin=builtin))
    with streaming_above(0):
        streamed = validate_files(paths, CatalogueStore(builtin=builtin))
    assert [_view(r) for r in streamed.files] == [_view(r) for r in whole.files]
    assert streamed.as_dict() == whole.as_dict()
    for report in streamed.files:
        streamable = report.document_type in ("bid", "evidenceReport", "valuation") and all(
            f.rule_id in STREAMED_RULES for f in report.findings
        )
        if streamable and not _has_extensions(Path(report.file)):
            assert isinstance(report, streaming.StreamedFileReport), report.file
        if isinstance(report, streaming.StreamedFileReport):
            assert not any(f.rule_id not in STREAMED_RULES for f in report.findings)
    return streamed


def _has_extensions(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and ("extensions" in data or "extensionData" in data)


def _example_dirs() -> list[Path]:
    return sorted({path.parent for path in EXAMPLES.rglob("*.json")})


@pytest.mark.parametrize("folder", _example_dirs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_folder_gives_the_same_report(folder: Path) -> None:
    """Each example folder validated as ``sroi validate`` does (its catalogues first)."""
    paths = sorted(folder.glob("*.json"))
    report = _both_files(paths)
    assert len(report.files) == len(paths)


def test_valid_examples_are_decided_by_streaming() -> None:
    """Not a vacuous comparison: the examples' bids and evidence reports do stream."""
    paths = sorted(EXAMPLES.glob("*.json")) + sorted((EXAMPLES / "2.0").glob("*.json"))
    paths += sorted((EXAMPLES / "pilot").glob("*.json"))
    report = _both_files(paths)
    streamed = [r.file for r in report.files if isinstance(r, streaming.StreamedFileReport)]
    kinds = Counter(r.document_type for r in report.files if r.file in streamed)
    assert kinds["bid"] >= 5
    assert kinds["evidenceReport"] >= 4


def _vector_documents(vector: dict[str, Any]) -> list[tuple[str, str]]:
    if isinstance(vector.get("files"), list):
        return vector_files(vector)
    documents = vector.get("documents")
    if not isinstance(documents, dict):
        return []
    return [
        (f"{name}.json", json.dumps(document, ensure_ascii=False))
        for name, document in documents.items()
        if isinstance(document, dict)
    ]


def _vectors() -> list[Path]:
    return sorted(
        path for path in CONFORMANCE.rglob("*.json") if not path.name.endswith(".schema.json")
    )


def test_every_conformance_vector_document_gives_the_same_report(tmp_path: Path) -> None:
    """Every document in every vector, each vector's files validated together."""
    streamed = total = 0
    for number, vector_path in enumerate(_vectors()):
        vector = json.loads(vector_path.read_text(encoding="utf-8"))
        documents = _vector_documents(vector)
        if not documents:
            continue
        folder = tmp_path / str(number)
        folder.mkdir()
        paths = []
        for name, text in documents:
            path = folder / Path(name).name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        report = _both_files(paths, builtin=False)
        total += len(report.files)
        streamed += sum(isinstance(r, streaming.StreamedFileReport) for r in report.files)
    assert total > 300
    assert streamed > 100


# ---------------------------------------------------------------- generated mutations

BASES = {
    "1.0-bid": EXAMPLES / "bid.json",
    "1.0-evidence": EXAMPLES / "evidence-report.json",
    "2.0-bid": EXAMPLES / "2.0" / "bid.json",
    "2.0-evidence": EXAMPLES / "2.0" / "evidence-report.json",
    "pilot-bid": EXAMPLES / "pilot" / "bid-a.json",
    "pilot-evidence": EXAMPLES / "pilot" / "evidence-2027-h1.json",
    "1.0-valuation": EXAMPLES / "valuation.json",
}


def _store(base: Path) -> CatalogueStore:
    store = CatalogueStore()
    catalogue = base.parent / "catalogue.illustrative.json"
    if catalogue.exists():
        document = load_document(catalogue)
        assert isinstance(document, Catalogue)
        store.add(document)
    return store


STORES = {name: _store(path) for name, path in BASES.items()}

RAW = "\u0000raw:"
"""A string value replaced by raw JSON text after serialising (numbers json cannot write)."""

RAW_VALUES = [
    "2.0",
    "2",
    "0.5",
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "-Infinity",
    "1E+2",
    "-0",
    "12345678901234567890",
    "0.10",
    "[" * 70 + "]" * 70,
    "true",
    "null",
    "{}",
    "[]",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(
        [
            "",
            "x",
            "2026-13-01",
            "2026-02-29",
            "GM0363",
            "person",
            "111222333",
            'a "quoted" [text] {with} \\ back, slashes',
            "é ü 中",
        ]
    ),
    st.sampled_from([[], {}, ["x"], {"nl": "x"}, {"value": "1", "unit": "person"}]),
    st.sampled_from(RAW_VALUES).map(lambda raw: RAW + raw),
)
UNITS = ["person", "hour", "fte-year", "tonne-co2e", "kg", "EUR", "m2", "bogus", "Person"]


def _objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _list_key(document: dict[str, Any]) -> str:
    kind = document.get("documentType")
    return {"bid": "commitments", "valuation": "lines"}.get(str(kind), "items")


SEMANTIC = ("many", "duplicate", "indicator", "unit", "bsn", "catalogue", "evil", "first", "empty")
"""Mutations the streaming pass decides itself (findings of streamed rules, odd layouts)."""

BREAKING = ("drop", "set", "extensions", "period")
"""Mutations that mostly make it fall back (schema or model refusals, extensions)."""

TEXTUAL = [
    *("duplicate-key", "nested-duplicate", "truncate", "garbage", "bad-utf8"),
    *("bom", "space", "escaped-key", "null-text"),
    *("none",) * 9,
]


def _mutate(draw: st.DrawFn, document: dict[str, Any], operation: str) -> dict[str, Any]:
    """``document`` with one mutation applied (in place where it can be)."""
    key = _list_key(document)
    items = document.get(key)
    items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    if operation == "drop":
        target = draw(st.sampled_from(_objects(document)))
        if target:
            target.pop(draw(st.sampled_from(sorted(target))))
    elif operation == "set":
        target = draw(st.sampled_from(_objects(document)))
        target[draw(st.sampled_from([*sorted(target), "unknownField", "id"]))] = draw(VALUES)
    elif operation == "extensions":
        document["extensions"] = ["org.example.x"]
    elif operation == "period" and items:
        draw(st.sampled_from(items))["period"] = {"start": "2030-01-01", "end": "2020-01-01"}
    elif operation == "many" and items:
        document[key].extend(
            {**copy.deepcopy(items[n % len(items)]), "id": f"gen-{n}"} for n in range(40)
        )
    elif operation == "duplicate" and items:
        copied = copy.deepcopy(draw(st.sampled_from(items)))
        document[key].insert(draw(st.integers(0, len(document[key]))), copied)
    elif operation == "indicator" and items:
        draw(st.sampled_from(items))["indicator"] = draw(
            st.sampled_from(["ind-unknown", "ind-work-fte", "ind-co2-avoided", "x"])
        )
    elif operation == "unit" and items:
        item = draw(st.sampled_from(items))
        if isinstance(item.get("quantity"), dict):
            item["quantity"]["unit"] = draw(st.sampled_from(UNITS))
    elif operation == "bsn" and items:
        draw(st.sampled_from(items))["subjects"] = ["111222333", "p-1"]
    elif operation == "catalogue" and isinstance(document.get("catalogue"), dict):
        reference = document["catalogue"]
        reference.pop("version", None)
        if draw(st.booleans()):
            reference["id"] = "no-such-catalogue"
        elif draw(st.booleans()):
            reference["version"] = "9.9"
    elif operation == "evil" and items:
        draw(st.sampled_from(items))["description"] = {
            "nl": 'haak ] accolade } "quote" \\" \\\\',
            "en": "[{,:}]\\",
        }
    elif operation == "first":  # the list before documentType and standardVersion
        return {key: document.pop(key, []), **document}
    elif operation == "empty":
        document[key] = []
    return document


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A base document with a few semantic, breaking and textual mutations, as file bytes."""
    name = draw(st.sampled_from(sorted(BASES)))
    document = json.loads(BASES[name].read_text(encoding="utf-8"))
    key = _list_key(document)
    semantic = draw(st.lists(st.sampled_from(SEMANTIC), max_size=4, unique=True))
    breaking = draw(st.sampled_from([[], [], [], *([op] for op in BREAKING)]))
    for operation in sorted(semantic, key=SEMANTIC.index) + breaking:
        document = _mutate(draw, document, operation)
    indent = draw(st.sampled_from([None, 1, 2, "\t"]))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()), indent=indent)
    text = re.sub(r'"\\u0000raw:([^"]*)"', lambda found: found.group(1), text)
    data = text.encode("utf-8")
    textual = draw(st.sampled_from(TEXTUAL))
    if textual == "duplicate-key":
        data = data.replace(b"{", b'{"id": "dup", ', 1)
    elif textual == "nested-duplicate":
        at = data.rfind(b'"indicator"')
        if at > 0:
            data = data[:at] + b'"indicator": "x", ' + data[at:]
    elif textual == "truncate":
        data = data[: draw(st.integers(0, max(len(data) - 1, 0)))]
    elif textual == "garbage":
        data += draw(st.sampled_from([b"x", b"{}", b",", b"]", b" \n"]))
    elif textual == "bom":
        data = b"\xef\xbb\xbf" + data
    elif textual == "space":
        data = b" \n\t" + data.replace(b",", b" ,\r\n", 5) + b"\n"
    elif textual == "bad-utf8":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\xff" + data[at:]
    elif textual == "escaped-key":
        data = data.replace(f'"{key}"'.encode(), f'"{key[:-1]}\\u00{ord(key[-1]):02x}"'.encode())
    elif textual == "null-text":  # a "null" inside a string: the model is built from data
        data = data.replace(b'"nl": "', b'"nl": "null ', 1)
    return name, data


SMALL = st.fixed_dictionaries(
    {
        "window": st.sampled_from([1, 300, 1 << 18]),
        "chunk": st.sampled_from([3, 64, 1 << 20]),
    }
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=mutated(), small=SMALL)
def test_mutated_documents_give_the_same_report(
    case: tuple[str, bytes], small: dict[str, int]
) -> None:
    name, data = case
    with tempfile.TemporaryDirectory(prefix="sroi-stream-") as work:
        path = Path(work) / "document.json"
        path.write_bytes(data)
        store = STORES[name]
        with streaming_above(NEVER):
            whole = validate_file(path, store)
        with streaming_above(0, **small):
            streamed = validate_file(path, store)
        assert _view(streamed) == _view(whole)
        event("streamed" if isinstance(streamed, streaming.StreamedFileReport) else "whole")
        if isinstance(streamed, streaming.StreamedFileReport):
            assert streamed.document == whole.document


def _with_semantic_findings(document: dict[str, Any], *, catalogue: bool) -> dict[str, Any]:
    """Every streamed rule at once: repeated ids, unknown indicator, wrong unit, a BSN."""
    key = _list_key(document)
    items = document[key]
    items.append(copy.deepcopy(items[0]))
    items.append({**copy.deepcopy(items[1]), "id": "extra", "indicator": "ind-unknown"})
    items[2]["quantity"]["unit"] = "tonne-co2e"
    if key == "items":
        items[0]["subjects"] = ["111222333"]
        items[1]["documents"] = [{**items[1]["documents"][0], "type": "not-a-known-type"}]
    if catalogue:
        document["catalogue"] = {"id": "no-such-catalogue"}
    return document


@pytest.mark.parametrize("catalogue", [False, True], ids=["catalogue", "no-catalogue"])
@pytest.mark.parametrize("name", sorted(set(BASES) - {"1.0-valuation"}))
def test_every_streamed_rule_in_the_whole_path_order(
    name: str, catalogue: bool, tmp_path: Path
) -> None:
    document = json.loads(BASES[name].read_text(encoding="utf-8"))
    path = tmp_path / "document.json"
    path.write_text(json.dumps(_with_semantic_findings(document, catalogue=catalogue)))
    with streaming_above(NEVER):
        whole = validate_file(path, STORES[name])
    with streaming_above(0, window=200, chunk=100):
        streamed = validate_file(path, STORES[name])
    assert isinstance(streamed, streaming.StreamedFileReport)
    assert _view(streamed) == _view(whole)
    rules = [f.rule_id for f in whole.findings]
    assert rules[0] == "id.duplicate"
    assert ("ref.catalogue-unavailable" in rules) == catalogue
    assert ("ref.unknown" in rules) != catalogue


def test_a_valuation_streams_its_lines(tmp_path: Path) -> None:
    """A valuation's lines stream; its discount schedule is checked after the line ids."""
    document = json.loads((EXAMPLES / "valuation.json").read_text(encoding="utf-8"))
    document["lines"].insert(3, copy.deepcopy(document["lines"][1]))
    del document["conventions"]["discountRate"]  # one or the other
    document["conventions"]["discountSchedule"] = [
        {"fromPeriod": 2, "rate": "0.03"},
        {"fromPeriod": 2, "rate": "0.02"},
    ]
    path = tmp_path / "valuation.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    with streaming_above(NEVER):
        whole = validate_file(path)
    with streaming_above(0, window=1, chunk=7):
        streamed = validate_file(path)
    assert isinstance(streamed, streaming.StreamedFileReport)
    assert _view(streamed) == _view(whole)
    assert [f.rule_id for f in whole.findings] == [
        "id.duplicate",
        "conventions.discount-schedule",
        "conventions.discount-schedule",
    ]


@pytest.mark.parametrize("name", ["1.0-bid", "2.0-bid"])
def test_an_integer_written_with_a_fraction(name: str, tmp_path: Path) -> None:
    """``2.0`` for an integer: 2.0 reads it (the model is built from the parsed data, as
    the whole path does once pydantic's JSON mode refuses); 1.0's schema refuses it."""
    text = BASES[name].read_text(encoding="utf-8")
    document = json.loads(text)
    document["commitments"][0]["id"] = document["commitments"][1]["id"]
    text = json.dumps(document, indent=2).replace('"durationYears": 2', '"durationYears": 2.0')
    assert '"durationYears": 2.0' in text
    path = tmp_path / "bid.json"
    path.write_text(text, encoding="utf-8")
    with streaming_above(NEVER):
        whole = validate_file(path, STORES[name])
    with streaming_above(0, window=300):
        streamed = validate_file(path, STORES[name])
    assert _view(streamed) == _view(whole)
    streams = name == "2.0-bid"
    assert isinstance(streamed, streaming.StreamedFileReport) == streams
    assert [f.rule_id for f in whole.findings][:1] == (
        ["id.duplicate"] if streams else ["schema.type"]
    )
    if streams:
        assert streamed.document == whole.document


# ---------------------------------------------------------------- the dispatch


def _large_bid(tmp_path: Path, commitments: int = 300) -> Path:
    bid = json.loads((EXAMPLES / "bid.json").read_text(encoding="utf-8"))
    patterns = bid["commitments"]
    bid["commitments"] = [
        {**patterns[n % len(patterns)], "id": f"c-{n:05d}"} for n in range(commitments)
    ]
    bid["commitments"][7]["indicator"] = "ind-not-in-the-catalogue"
    bid["commitments"][9]["id"] = "c-00003"
    path = tmp_path / "large.bid.json"
    path.write_text(json.dumps(bid, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_only_files_above_the_threshold_stream(tmp_path: Path) -> None:
    path = _large_bid(tmp_path)
    size = path.stat().st_size
    store = STORES["1.0-bid"]
    with streaming_above(size):
        assert not isinstance(validate_file(path, store), streaming.StreamedFileReport)
    with streaming_above(size - 1):
        report = validate_file(path, store)
    assert isinstance(report, streaming.StreamedFileReport)
    assert [f.rule_id for f in report.findings] == ["id.duplicate", "ref.unknown"]
    assert report.findings[0].pointer == "/commitments/9/id"
    assert report.findings[1].pointer == "/commitments/7/indicator"


def test_a_list_before_the_document_type_streams(tmp_path: Path) -> None:
    bid = json.loads(_large_bid(tmp_path).read_text(encoding="utf-8"))
    path = tmp_path / "list-first.bid.json"
    path.write_text(json.dumps({"commitments": bid.pop("commitments"), **bid}), encoding="utf-8")
    with streaming_above(NEVER):
        whole = validate_file(path, STORES["1.0-bid"])
    with streaming_above(0, window=4096, chunk=1000):
        streamed = validate_file(path, STORES["1.0-bid"])
    assert isinstance(streamed, streaming.StreamedFileReport)
    assert _view(streamed) == _view(whole)
    assert len(whole.findings) == 2


def test_a_loader_gets_the_model_built_whole(tmp_path: Path) -> None:
    """``full_schema=False`` (the commands that value a document) never streams."""
    path = _large_bid(tmp_path)
    with streaming_above(0):
        report = validate_file(path, full_schema=False)
    assert not isinstance(report, streaming.StreamedFileReport)
    assert report.document is not None


def test_a_streamed_report_loads_its_model_on_first_use(tmp_path: Path) -> None:
    path = _large_bid(tmp_path)
    with streaming_above(0):
        report = validate_file(path)
    assert isinstance(report, streaming.StreamedFileReport)
    assert report.document == load_document(path)


def test_a_streamed_report_refuses_a_model_of_changed_bytes(tmp_path: Path) -> None:
    """The report speaks of the bytes it read: a file changed since is never loaded."""
    path = _large_bid(tmp_path)
    with streaming_above(0):
        report = validate_file(path)
    assert isinstance(report, streaming.StreamedFileReport)
    bid = json.loads(path.read_text(encoding="utf-8"))
    bid["commitments"][0]["quantity"]["value"] = "999"  # still a valid bid, other bytes
    path.write_text(json.dumps(bid), encoding="utf-8")
    with pytest.raises(InputError, match="changed since it was validated") as refused:
        _ = report.document
    assert refused.value.source == str(path)
    unchanged = tmp_path / "again.bid.json"
    unchanged.write_text(json.dumps(bid), encoding="utf-8")
    with streaming_above(0):
        again = validate_file(unchanged)
    assert again.document == load_document(unchanged)


def test_validate_files_does_not_load_streamed_models(tmp_path: Path) -> None:
    path = _large_bid(tmp_path)
    catalogue = EXAMPLES / "catalogue.illustrative.json"
    with (
        streaming_above(0),
        mock.patch.object(streaming, "parse_document", side_effect=AssertionError("loaded")),
    ):
        report = validate_files([path, catalogue])
    assert isinstance(report.files[0], streaming.StreamedFileReport)
    assert [f.rule_id for f in report.files[0].findings] == ["id.duplicate", "ref.unknown"]


def test_portfolio_validation_streams_without_loading_models(tmp_path: Path) -> None:
    path = _large_bid(tmp_path)
    catalogues = (str(EXAMPLES / "catalogue.illustrative.json"),)
    with streaming_above(NEVER):
        whole = validate_portfolio([path], jobs=1, catalogues=catalogues)
    with (
        streaming_above(0),
        mock.patch.object(streaming, "parse_document", side_effect=AssertionError("loaded")),
    ):
        streamed = validate_portfolio([path], jobs=1, catalogues=catalogues)
    assert streamed == whole
    assert [(row.valid, row.errors) for row in streamed] == [(False, 2)]


def test_sroi_validate_prints_the_same_either_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _large_bid(tmp_path)
    catalogue = EXAMPLES / "catalogue.illustrative.json"
    outputs = []
    for limit in (NEVER, 0):
        with streaming_above(limit):
            code = main(["validate", "--quiet", "--format", "json", str(path), str(catalogue)])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1
    assert '"ruleId": "ref.unknown"' in outputs[0][1]


def test_an_unreadable_path_falls_back(tmp_path: Path) -> None:
    with streaming_above(0):
        missing = validate_file(tmp_path / "absent.json")
        folder = validate_file(tmp_path)
    assert missing.read_error
    assert folder.read_error
    assert streaming.validate_streaming(tmp_path) is None


# ---------------------------------------------------------------- the pieces


@given(st.lists(st.text(max_size=8), max_size=30))
def test_the_id_tally_finds_what_counting_the_whole_list_finds(ids: list[str]) -> None:
    counts = Counter(ids)
    expected = [
        (f"/items/{ids.index(item, n + 1)}/id", counts[item])
        for n, item in enumerate(ids)
        if counts[item] > 1 and ids.index(item) == n
    ]
    found = list(_duplicates(ids, "evidence item", "f.json", "items"))
    assert [(f.pointer, int(f.params["count"])) for f in found] == expected
    tally = IdTally()
    for n, item in enumerate(ids):
        tally.add(item, n)
    assert list(tally.findings("evidence item", "f.json", "items")) == found


def _depth(node: Any) -> int:
    if isinstance(node, dict):
        return 1 + max((_depth(value) for value in node.values()), default=0)
    if isinstance(node, list):
        return 1 + max((_depth(value) for value in node), default=0)
    return 0


TRICKY = st.text(alphabet=st.sampled_from('ab"\\[]{},: \n\u00e9'), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(st.dictionaries(TRICKY, TRICKY | st.integers(), max_size=3), max_size=6),
    before=st.dictionaries(TRICKY, TRICKY, max_size=2),
    chunk=st.sampled_from([1, 2, 5, 1 << 20]),
    indent=st.sampled_from([None, 1]),
    ascii_only=st.booleans(),
)
def test_the_outline_finds_each_item_of_a_list(
    items: list[dict[str, Any]],
    before: dict[str, str],
    chunk: int,
    indent: int | None,
    ascii_only: bool,
) -> None:
    document = {**before, "zz list": items, "zz tail": "]}"}
    data = json.dumps(document, indent=indent, ensure_ascii=ascii_only).encode("utf-8")
    with tempfile.TemporaryFile() as handle:
        handle.write(data)
        handle.seek(0)
        with mock.patch.object(json_outline, "CHUNK_BYTES", chunk):
            outline = json_outline.scan(handle, 0)
    assert outline is not None
    assert outline.max_depth == _depth(document)
    members = [json.loads(b"{" + data[m.start : m.end] + b"}") for m in outline.members]
    assert members == [{key: value} for key, value in document.items()]
    listed = next(m for m in outline.members if b'"zz list"' in data[m.start : m.end])
    spans = outline.elements(listed)
    assert spans is not None
    starts, ends = spans
    assert [json.loads(data[s : e + 1]) for s, e in zip(starts, ends, strict=True)] == items
    assert outline.has_null == (b"null" in data)
