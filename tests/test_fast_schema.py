"""The fast schema validator (jsonschema-rs) gives python-jsonschema's verdict, always.

jsonschema-rs decides validity; python-jsonschema explains refusals and is the reference.
These tests hold the two together on every example file, on edge cases where regex, format
and number semantics of the two libraries could differ, and on random strings put into
every string field of a bid. The fast reader (jiter) and the fast model path (no per-object
null check) are held to the reference reader and model the same way.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sroi_core import documents
from sroi_core import io as sroi_io
from sroi_core.documents import build_model, parse_document, validate_text
from sroi_core.errors import DocumentInvalidError, InputError
from sroi_core.io import identify, parse_json
from sroi_core.model.codes import DocumentType
from sroi_core.validation import schema_layer
from sroi_core.validation.schema_layer import explain, is_schema_valid

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BID = json.loads((EXAMPLES / "bid.json").read_text(encoding="utf-8"))
BID_2_0 = json.loads((EXAMPLES / "2.0" / "bid.json").read_text(encoding="utf-8"))
"""A 2.0 bid: its own (generated, portable) schemas decide, as the frozen ones decide 1.0."""
REPORT = json.loads((EXAMPLES / "evidence-report.json").read_text(encoding="utf-8"))
LICENSED = json.loads(
    (EXAMPLES / "licensed-value-set.illustrative.json").read_text(encoding="utf-8")
)


def _verdicts(data: Any, doc_type: DocumentType) -> tuple[bool | None, bool]:
    return is_schema_valid(data, doc_type), not explain(data, doc_type)


def _readable_examples() -> Iterator[Path]:
    for path in sorted(EXAMPLES.rglob("*.json")):
        try:
            identify(parse_json(path.read_text(encoding="utf-8"), path.name))
        except (InputError, UnicodeDecodeError):
            continue
        yield path


@pytest.mark.parametrize(
    "path", list(_readable_examples()), ids=lambda p: str(p.relative_to(EXAMPLES))
)
def test_every_example_gets_the_same_verdict(path: Path) -> None:
    raw = identify(parse_json(path.read_text(encoding="utf-8"), path.name))
    fast, reference = _verdicts(raw.data, raw.document_type)
    assert fast is reference


def test_the_examples_include_both_verdicts() -> None:
    verdicts = set()
    for path in _readable_examples():
        raw = identify(parse_json(path.read_text(encoding="utf-8"), path.name))
        verdicts.add(not explain(raw.data, raw.document_type))
    assert verdicts == {True, False}


def _set(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(document)
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


BID_EDGES: list[tuple[tuple[str | int, ...], Any]] = [
    (("bidPrice", "amount"), "10.00\n"),  # ECMA "$": no match before a final newline
    (("bidPrice", "amount"), "\n10.00"),
    (("bidPrice", "amount"), "1.5e3"),
    (("bidPrice", "amount"), "٣.00"),  # Arabic-Indic digits: not [0-9]
    (("bidPrice", "amount"), Decimal("10.00")),  # a JSON number where a string is due
    (("bidPrice", "amount"), Decimal("1E+999")),
    (("bidPrice", "currency"), "EUR\n"),
    (("bidPrice", "currency"), "eur"),
    (("submitted",), "2026-02-30"),  # format: date, an impossible day
    (("submitted",), "2026-02-20\n"),
    (("submitted",), "2026-2-20"),
    (("submitted",), "2026-02-20T00:00:00"),
    (("submitted",), "0000-01-01"),  # year 0: RFC 3339 allows it, Python's date does not
    (("submitted",), "2024-02-29"),
    (("submitted",), "2023-02-29"),
    (("submitted",), "9999-12-31"),
    (("submitted",), "2026-13-01"),
    (("submitted",), "2026-00-10"),
    (("submitted",), "2026-01-00"),
    (("submitted",), "+2026-01-01"),
    (("submitted",), "\uff12\uff10\uff12\uff16-02-20"),  # full-width digits
    (("commitments", 0, "durationYears"), Decimal("2.0")),  # 2.0 read as Decimal
    (("commitments", 0, "durationYears"), Decimal("2")),
    (("commitments", 0, "durationYears"), Decimal("1E+999")),
    (("commitments", 0, "durationYears"), 2.0),  # a float from a Python caller
    (("commitments", 0, "durationYears"), True),
    (("commitments", 0, "durationYears"), 10**30),
    (("commitments", 0, "durationYears"), "2"),
    (("commitments", 0, "id"), "c-01\n"),
    (("commitments", 0, "id"), "c 01"),
    (("commitments", 0, "quantity", "unit"), "person\n"),
    (("commitments", 0, "quantity", "unit"), "PERSON"),
    (("commitments", 0, "areas", 0, "code"), "GM0363\n"),
    (("commitments", 0, "period", "start"), "2026-04-31"),
    (("commitments", 0, "period"), None),
    (("commitments", 0, "description"), {}),
]


@pytest.mark.parametrize("bid", [BID, BID_2_0], ids=["1.0", "2.0"])
@pytest.mark.parametrize(("path", "value"), BID_EDGES, ids=repr)
def test_bid_edge_cases_get_the_same_verdict(
    bid: dict[str, Any], path: tuple[str | int, ...], value: Any
) -> None:
    fast, reference = _verdicts(_set(bid, path, value), DocumentType.BID)
    assert fast is reference


def test_each_version_keeps_its_own_integer_rule() -> None:
    """``2.0`` where an integer is due: refused by frozen 1.0, accepted by portable 2.0."""
    path = ("commitments", 0, "durationYears")
    assert _verdicts(_set(BID, path, Decimal("2.0")), DocumentType.BID) == (False, False)
    assert _verdicts(_set(BID_2_0, path, Decimal("2.0")), DocumentType.BID) == (True, True)


REPORT_EDGES = [
    "2026-10-06T09:15:00+02:00",
    "2026-10-06t09:15:00z",
    "2026-10-06T09:15:00",  # no offset
    "2026-10-06 09:15:00Z",
    "2026-10-06T24:00:00Z",
    "2026-10-06T23:59:60Z",  # a leap second: RFC 3339 allows it, Python's datetime does not
    "2026-10-06T09:15:00.123456789Z",
    "2026-10-06T09:15:00+24:00",
    "2026-10-06T09:15:00Z\n",
]


def _timestamp_paths(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "at" and isinstance(value, str):
                yield (*path, key)
            yield from _timestamp_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _timestamp_paths(value, (*path, index))


@pytest.mark.parametrize("value", REPORT_EDGES)
def test_timestamp_edge_cases_get_the_same_verdict(value: str) -> None:
    path = next(_timestamp_paths(REPORT))
    fast, reference = _verdicts(_set(REPORT, path, value), DocumentType.EVIDENCE_REPORT)
    assert fast is reference


URL_EDGES = [
    "https://example.org/a",
    "https://example.org/a b",
    "https://a\x1cb",
    "https://a\u00a0b",
]


def _url_paths(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and value.startswith("http"):
                yield (*path, key)
            yield from _url_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _url_paths(value, (*path, index))


@pytest.mark.parametrize("value", URL_EDGES, ids=repr)
def test_url_edge_cases_get_the_same_verdict(value: str) -> None:
    path = next(_url_paths(LICENSED))
    fast, reference = _verdicts(_set(LICENSED, path, value), DocumentType.CATALOGUE)
    assert fast is reference


def _string_paths(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key not in ("documentType", "standardVersion"):
                yield (*path, key)
            yield from _string_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_paths(value, (*path, index))


BID_STRINGS = [(BID, path) for path in _string_paths(BID)] + [
    (BID_2_0, path) for path in _string_paths(BID_2_0)
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    where=st.sampled_from(BID_STRINGS),
    value=st.one_of(
        st.text(max_size=12),
        st.from_regex(r"-?[0-9]{1,3}(\.[0-9]{1,3})?\s?", fullmatch=True),
        st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\s?", fullmatch=True),
        st.sampled_from(["person", "hour", "EUR", "GM0363", "c-01", "", " ", "\n"]),
    ),
)
def test_random_strings_in_any_bid_field_get_the_same_verdict(
    where: tuple[dict[str, Any], tuple[str | int, ...]], value: str
) -> None:
    bid, path = where
    fast, reference = _verdicts(_set(bid, path, value), DocumentType.BID)
    assert fast is reference


def test_without_the_fast_validator_the_reference_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_layer, "fast_validator_for", lambda *_: None)
    bad = _set(BID, ("bidPrice", "amount"), "ten")
    assert is_schema_valid(bad, DocumentType.BID) is None
    assert [f.rule_id for f in schema_layer.schema_findings(bad, DocumentType.BID)] == [
        "schema.format"
    ]
    assert schema_layer.schema_findings(BID, DocumentType.BID) == []


# ------------------------------------------------------------------------ the fast reader

TEXTS = [
    '{"a": 0.1, "b": 1e999, "c": 12, "d": -0.0, "e": 1E-7, "f": "\\u00e9\\n\\"", "g": [true]}',
    '{"a": "x\\\\", "b": "[[{{", "c": {"d": []}}',
    '{"a": 123456789012345678901234567890, "b": -1}',
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_fast_reader_reads_what_the_reference_reader_reads(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = parse_json(text)
    monkeypatch.setattr(sroi_io, "_fast_parse", lambda *_: sroi_io._NOT_PARSED)
    reference = parse_json(text)
    assert fast == reference
    assert json.dumps(fast, default=str) == json.dumps(reference, default=str)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=30,
    )
)
@settings(max_examples=200, deadline=None)
def test_the_nesting_depth_is_counted_from_the_text(value: Any) -> None:
    def depth(node: Any) -> int:
        children = node.values() if isinstance(node, dict) else node
        if not isinstance(node, dict | list):
            return 0
        return 1 + max((depth(child) for child in children), default=0)

    raw = json.dumps(value).encode()
    assert sroi_io._max_depth(raw) == depth(value)


def test_the_fast_reader_keeps_the_depth_limit() -> None:
    deep = "[" * (sroi_io.MAX_DEPTH + 1) + "]" * (sroi_io.MAX_DEPTH + 1)
    with pytest.raises(InputError, match="nested too deeply"):
        parse_json(deep)
    assert parse_json("[" * sroi_io.MAX_DEPTH + "]" * sroi_io.MAX_DEPTH) is not None


# ------------------------------------------------------------------------ the fast model


def _outcome(build: Any) -> Any:
    """The model ``build`` returns, or the (rule, pointer) pairs of its refusal."""
    try:
        return build()
    except DocumentInvalidError as error:
        return tuple((f.rule_id, f.pointer) for f in error.findings)


@pytest.mark.parametrize("path", list(_readable_examples()), ids=lambda p: p.name)
def test_the_null_free_model_equals_the_checked_model(path: Path) -> None:
    raw = identify(parse_json(path.read_text(encoding="utf-8"), path.name))
    if explain(raw.data, raw.document_type):
        return
    checked = _outcome(lambda: build_model(raw))
    fast = _outcome(lambda: build_model(raw, null_free=True))
    assert fast == checked
    if not isinstance(fast, tuple):
        assert fast.model_fields_set == checked.model_fields_set


@pytest.mark.parametrize("path", list(_readable_examples()), ids=lambda p: p.name)
def test_the_model_built_from_checked_text_equals_the_checked_model(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    raw = identify(parse_json(text, path.name))
    if explain(raw.data, raw.document_type) or "null" in text:
        return
    from_text = documents._model_of_checked_text(text, raw)
    checked = _outcome(lambda: build_model(raw))
    if from_text is None:  # refused in JSON mode: the callers fall back to the checked model
        assert _outcome(lambda: parse_document(text)) == checked
        return
    assert from_text == checked
    assert from_text.model_fields_set == checked.model_fields_set
    assert documents.dump_document(from_text) == documents.dump_document(checked)
    assert parse_document(text) == checked


def test_a_null_anywhere_is_still_refused() -> None:
    text = json.dumps(_set(BID, ("commitments", 0, "description"), None))
    assert [f.rule_id for f in validate_text(text).findings] == ["schema.type"]
    with pytest.raises(InputError):
        parse_document(text)
