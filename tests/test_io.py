"""Safe reading: every bad input becomes an InputError naming the file, never a crash."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import sroi_core.io as sroi_io
from sroi_core.errors import (
    DocumentTypeError,
    FileReadError,
    InputError,
    JSONSyntaxError,
    SroiError,
    UnsupportedVersionError,
)
from sroi_core.io import MAX_DEPTH, identify, load_raw, parse_json, read_text
from sroi_core.model.codes import DocumentType

ROOT = Path(__file__).resolve().parents[1]
BID = ROOT / "examples" / "bid.json"


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# --------------------------------------------------------------------------- parse_json


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ('{"a": 1', "line 1"),
        ('{"a": [1, 2', "not valid JSON"),
        ('{"a": NaN}', "NaN"),
        ('{"a": Infinity}', "Infinity"),
        ('{"a": -Infinity}', "-Infinity"),
        ('{"a": 1, "a": 2}', 'duplicate key "a"'),
        ('{"x": {"b": 1, "b": 1}}', 'duplicate key "b"'),
        ('{"a": 1} trailing', "Extra data"),
        ("{'a': 1}", "double quotes"),
        ('{"a": 01}', "not valid JSON"),
        ("[" + "9" * 5000 + "]", "digits"),
    ],
)
def test_parse_json_refuses_non_strict_json(text: str, needle: str) -> None:
    with pytest.raises(JSONSyntaxError) as caught:
        parse_json(text, "in.json")
    assert needle in str(caught.value)
    assert str(caught.value).startswith("in.json")


def test_floats_are_read_as_exact_decimals_and_1e999_is_not_infinity() -> None:
    data = parse_json('{"a": 0.1, "b": 1e999, "c": 12}')
    assert data == {"a": Decimal("0.1"), "b": Decimal("1e999"), "c": 12}
    assert data["b"].is_finite()


def test_nesting_up_to_the_limit_is_read() -> None:
    assert parse_json(_nested(MAX_DEPTH)) is not None


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 10_000, 200_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    with pytest.raises(JSONSyntaxError, match="nested too deeply"):
        parse_json(_nested(depth))


def test_deep_objects_are_refused_too() -> None:
    with pytest.raises(JSONSyntaxError, match="nested too deeply"):
        parse_json('{"a":' * 10_000 + "1" + "}" * 10_000)


# ----------------------------------------------------------------------------- identify


def test_identify_a_valid_envelope() -> None:
    raw = identify({"standardVersion": "1.0", "documentType": "bid"}, "b.json")
    assert raw.document_type is DocumentType.BID
    assert raw.standard_version == "1.0"
    assert raw.source == "b.json"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ([], "top level is a JSON array"),
        ("bid", "top level is a JSON str"),
        (1, "top level is a JSON number"),
        ({"standardVersion": "1.0"}, "documentType is missing"),
        ({"standardVersion": "1.0", "documentType": "proposal"}, "unknown documentType 'proposal'"),
        ({"standardVersion": "1.0", "documentType": "Bid"}, "unknown documentType 'Bid'"),
        ({"standardVersion": "1.0", "documentType": 3}, "unknown documentType 3"),
        ({"standardVersion": "1.0", "documentType": None}, "documentType"),
    ],
)
def test_identify_refuses_unknown_document_types(data: object, needle: str) -> None:
    with pytest.raises(DocumentTypeError) as caught:
        identify(data, "x.json")
    assert needle in str(caught.value)


@pytest.mark.parametrize(
    ("version", "needle"),
    [
        ("0.9", "not supported"),
        ("9.0", "not supported"),
        ("1.1", "not supported"),
        ("1", "not major.minor"),
        ("1.0.0", "not major.minor"),
        ("01.0", "not major.minor"),
        ("v1.0", "not major.minor"),
        (1.0, "not major.minor"),
        (None, "missing"),
    ],
)
def test_identify_refuses_unsupported_versions(version: object, needle: str) -> None:
    data: dict[str, object] = {"documentType": "bid"}
    if version is not None:
        data["standardVersion"] = version
    with pytest.raises(UnsupportedVersionError) as caught:
        identify(data, "x.json")
    assert needle in str(caught.value)
    assert caught.value.pointer == "/standardVersion"


# ---------------------------------------------------------------------------- read_text


def test_read_text_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="no such file"):
        read_text(tmp_path / "missing.json")


def test_read_text_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="is a directory"):
        read_text(tmp_path)


def test_read_text_refuses_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Café"}'.encode("latin-1"))
    with pytest.raises(FileReadError, match="not UTF-8"):
        read_text(path)


def test_read_text_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + BID.read_bytes())
    assert load_raw(path).document_type is DocumentType.BID


def test_read_text_refuses_a_file_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sroi_io, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FileReadError, match="bytes") as caught:
        read_text(BID)
    assert "at most 1000" in str(caught.value)


def test_load_raw_reads_an_example() -> None:
    raw = load_raw(BID)
    assert raw.document_type is DocumentType.BID
    assert raw.source == str(BID)


def test_every_reading_error_is_an_input_error_and_an_sroi_error() -> None:
    for cls in (FileReadError, JSONSyntaxError, DocumentTypeError, UnsupportedVersionError):
        assert issubclass(cls, InputError)
        assert issubclass(cls, SroiError)


def test_input_error_text_names_file_pointer_and_expectation() -> None:
    error = InputError("is wrong", source="a.json", pointer="/x/0", expected="a string")
    assert str(error) == "a.json#/x/0: is wrong (expected a string)"


def test_round_trip_through_json_keeps_decimal_text() -> None:
    data = parse_json(json.dumps({"amount": "1234.50"}))
    assert data == {"amount": "1234.50"}
