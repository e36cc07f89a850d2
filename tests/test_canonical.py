"""The 2.0 input digest does not depend on decimal notation or list order (issue 11)."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sroi_core import canonical
from sroi_core.canonical import canonical_json, shortest_decimal
from sroi_core.documents import parse_document
from sroi_core.valuation.document import value_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2.0"


@pytest.mark.parametrize(
    ("text", "shortest"),
    [
        ("3080000.00", "3080000"), ("3080000", "3080000"), ("0.02250", "0.0225"),
        ("1.50", "1.5"), ("0.000", "0"), ("-0.0", "0"), ("-0.010", "-0.01"), ("10", "10"),
        ("100.100", "100.1"),
    ],
)  # fmt: skip
def test_shortest_decimal(text: str, shortest: str) -> None:
    assert shortest_decimal(Decimal(text)) == shortest


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6))
def test_shortest_decimal_is_exact_and_notation_free(value: Decimal) -> None:
    text = shortest_decimal(value)
    assert Decimal(text) == value
    assert "E" not in text
    assert "e" not in text
    assert shortest_decimal(Decimal(text + ("0" if "." in text else ".0"))) == text
    assert not ("." in text and text.endswith("0"))


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"b": 1, "a": [True, None, "é\n"]}, '{"a":[true,null,"é\\n"],"b":1}'),
        # U+FB01 sorts after U+1F600 in UTF-16 code units (0xFB01 > 0xD83D), not by code point
        ({"\ufb01": 1, "\U0001f600": 2, "z": 3}, '{"z":3,"\U0001f600":2,"\ufb01":1}'),
        ([1.5, 1e21, 1e-7, 100.0, 0.000001], "[1.5,1e+21,1e-7,100,0.000001]"),
    ],
)
def test_serialisation_is_rfc_8785(data: object, text: str) -> None:
    assert canonical_json(data).decode("utf-8") == text


def _digest(bid_text: str) -> str:
    catalogue = parse_document((EXAMPLES / "catalogue.illustrative.json").read_text())
    tender = parse_document((EXAMPLES / "tender.json").read_text())
    bid = parse_document(bid_text)
    return value_document(bid, catalogue, tender=tender).input_sha256  # type: ignore[arg-type]


def test_the_digest_of_a_2_0_bid_ignores_notation_and_order() -> None:
    text = (EXAMPLES / "bid.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["bidPrice"]["amount"] = str(Decimal(data["bidPrice"]["amount"]).to_integral_value())
    data["commitments"] = list(reversed(data["commitments"]))
    quantity = data["commitments"][0]["quantity"]
    quantity["value"] = quantity["value"] + ("0" if "." in quantity["value"] else ".000")
    other = json.dumps(data, indent=1, ensure_ascii=True)
    assert _digest(other) == _digest(text)
    quantity["value"] = str(Decimal(quantity["value"]) + 1)
    assert _digest(json.dumps(data)) != _digest(text)


# ------------------------------------------------------- the fast writer of plain data

_strings = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=8
) | st.sampled_from(["\ud800", "\udfff", "\u2028", "\x7f", "\x00", "\x1f", "😀", "\ue000", "/"])

plain_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | _strings,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_strings, inner, max_size=4),
    max_leaves=25,
)


def _written(write: object, data: object) -> bytes | str:
    try:
        result = write(data)  # type: ignore[operator]
    except (TypeError, ValueError, UnicodeError) as error:
        return type(error).__name__
    assert isinstance(result, bytes)
    return result


@given(plain_json)
def test_the_fast_writer_writes_what_json_dumps_writes(data: object) -> None:
    """orjson (where installed) and ``json.dumps`` give the same bytes or the same refusal.

    For JSON data without floats: strings of any character (controls, U+2028, astral
    characters, lone surrogates), integers beyond 64 bits, nesting.
    """
    pytest.importorskip("orjson")
    assert _written(canonical.sorted_plain, data) == _written(canonical.sorted_json, data)


def test_the_fast_writer_falls_back_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"b": [1, {"id": "x"}], "a": "é\u2028", "c": 2**70}
    expected = canonical.sorted_json(data)
    monkeypatch.setattr(canonical, "_orjson", None)
    assert canonical.sorted_plain(data) == expected


_keys = st.text(st.characters(exclude_categories=["Cs"]), max_size=4)


@given(st.dictionaries(_keys, plain_json, max_size=5))
@example({"\ufb01": 1, "\U0001f600": [2], "z": {"b": 3, "a": None}})  # UTF-16 order
def test_the_joined_digest_is_the_digest_of_the_canonical_object(
    members: dict[str, object],
) -> None:
    """Members already in canonical bytes, hashed in place, give the digest of the whole
    object written canonically (keys in UTF-16 order: astral keys among others)."""
    try:
        parts = {key: canonical_json(value) for key, value in members.items()}
    except (TypeError, ValueError, UnicodeError):
        return  # a value RFC 8785 cannot write (a lone surrogate): no member to join
    whole = hashlib.sha256(canonical_json(members)).hexdigest()
    assert canonical.joined_digest(parts) == whole


@given(plain_json, st.booleans(), st.lists(st.decimals(allow_nan=False, allow_infinity=False)))
def test_the_model_text_parser_reads_what_json_loads_reads(
    data: object, ascii_only: bool, fractions: list[Decimal]
) -> None:
    """jiter (fractions as Decimal, as in 1.0's digest of a model) reads JSON text as
    ``json.loads`` does: escapes, astral characters, lone surrogates (jiter refuses them and
    ``json.loads`` decides), integers beyond 64 bits, numbers with fractions and exponents."""
    numbers = ",".join(f"{value:f}" if value.is_finite() else "0" for value in fractions)
    try:
        text = json.dumps([data], ensure_ascii=ascii_only)[:-1] + f",[{numbers}]]"
    except (TypeError, ValueError):
        return
    expected = json.loads(text, parse_float=Decimal)
    assert repr(canonical._parsed_exactly(text)) == repr(expected)
