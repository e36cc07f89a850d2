"""The reader's digest form is the model's, byte for byte, wherever the reader keeps one.

``sroi_core.read_form`` makes a document's canonical form (behind ``inputSha256``) from
the JSON the reader parsed, instead of from the model. That is only right where the model
writes back exactly what it read; these tests compare the two forms (1.0's and 2.0's) on
every document file in the repository, in every conformance vector, and on generated
documents made to hit what a model rewrites (decimal notation, integers written ``2.0``,
date-times with offsets and fractions, escapes, astral and lone-surrogate text, free-form
extension data, record order).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    PlainSerializer,
    WrapSerializer,
    computed_field,
    field_serializer,
)

from sroi_core import canonical
from sroi_core.documents import load_document, parse_document
from sroi_core.errors import SroiError
from sroi_core.io import parse_json
from sroi_core.model import DOCUMENT_MODELS
from sroi_core.model.bid import Bid
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.types import NON_NEGATIVE_PATTERN
from sroi_core.read_form import _written_as_read, read_form, reads_back
from sroi_core.valuation.document import input_digest, value_document

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference(document: BaseModel, version: str) -> bytes:
    """The form made from the model: the definition the reader must match."""
    if version == "1.0":
        return canonical.document_bytes_1_0(document)
    return canonical.document_bytes(document)


def _compare(text: str, document: BaseModel) -> int:
    """Compare both forms of ``document`` read from ``text``; the number of forms kept."""
    data = parse_json(text)
    kept = 0
    for version in ("1.0", "2.0"):
        form = read_form(type(document), version, data)
        if form is not None:
            assert form == _reference(document, version)
            kept += 1
    return kept


def _document_texts() -> list[tuple[str, str]]:
    """Every JSON document in the repository: files, and the documents inside vectors."""
    texts = []
    for path in sorted([*ROOT.glob("examples/**/*.json"), *ROOT.glob("tests/**/*.json")]):
        try:
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
        except ValueError:  # a test's deliberately broken file (UnicodeError is one too)
            continue
        if isinstance(data, dict) and "documentType" in data:
            texts.append((str(path.relative_to(ROOT)), text))
        elif isinstance(data, dict) and isinstance(data.get("documents"), dict):
            for key, member in data["documents"].items():
                if isinstance(member, dict) and "documentType" in member:
                    texts.append((f"{path.relative_to(ROOT)}#{key}", json.dumps(member)))
    return texts


TEXTS = _document_texts()


def test_every_document_in_the_repository() -> None:
    """Each form the reader keeps is the model's; and the reader keeps most of them."""
    read = kept = 0
    for name, text in TEXTS:
        try:
            document = parse_document(text, name)
        except SroiError:
            continue
        read += 1
        kept += _compare(text, document) > 0
    assert read > 60
    assert kept >= read * 3 // 4  # valuations and 2.0-written integers are not kept


def test_the_reader_keeps_its_form_with_the_document() -> None:
    """``for_valuation`` leaves the form in the digest memo; without it nothing is kept."""
    text = (ROOT / "examples" / "bid.json").read_text(encoding="utf-8")
    kept = parse_document(text, for_valuation=True)
    plain = parse_document(text)
    memo = canonical.form_memo(kept.standard_version)
    assert memo._held[id(kept)][1] == _reference(plain, kept.standard_version)
    assert id(plain) not in memo._held


@pytest.mark.parametrize(
    "name", ["bid.json", "evidence-report.json", "2.0/bid.json", "2.0/evidence-report.json"]
)
def test_valuation_uses_the_kept_form(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document read for valuation is digested from the reader's form, to the same hex.

    Making the form from the model is disabled for the subject: the digest must then come
    from what the reader kept.
    """
    path = ROOT / "examples" / name
    subject = load_document(path, for_valuation=True)
    assert isinstance(subject, Bid | EvidenceReport)
    catalogue = load_document(path.parent / "catalogue.illustrative.json")
    tender = load_document(path.parent / "tender.json")
    bid = load_document(path.parent / "bid.json") if isinstance(subject, EvidenceReport) else None
    expected = input_digest(load_document(path), catalogue, tender, bid)  # type: ignore[arg-type]

    def from_model(document: Any, real: Any) -> bytes:
        if document is subject:
            raise AssertionError("the subject's form was made from the model")
        result: bytes = real(document)
        return result

    for memo in (canonical.FORMS_1_0, canonical.FORMS):
        monkeypatch.setattr(memo, "_compute", lambda d, real=memo._compute: from_model(d, real))
    valuation = value_document(subject, catalogue, tender=tender, bid=bid)  # type: ignore[arg-type]
    assert valuation.input_sha256 == expected


# ------------------------------------------------------------------ generated documents

TRICKY_TEXT = ["é", "😀", "\u2028", "\x00", "\x1f", "\x7f", "\ue000", "\uffff", "a\"b\\c", "\ud800"]
"""Text a writer escapes or orders differently: accents, astral and private-use
characters, controls, quotes, a lone surrogate."""

plain_decimals = st.from_regex(NON_NEGATIVE_PATTERN, fullmatch=True).filter(lambda t: len(t) <= 40)


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))
    return data


@st.composite
def texts(draw: st.DrawFn) -> str:
    return draw(st.one_of(st.text(min_size=1, max_size=12), st.sampled_from(TRICKY_TEXT)))


def _written(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """The document as JSON text, with or without escapes, with integers maybe as ``2.0``."""
    indent = draw(st.sampled_from([None, 2]))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), indent=indent)
    if draw(st.booleans()):
        text = text.replace('"durationYears": 2', '"durationYears": 2.0', 1)
    return text


@st.composite
def bids(draw: st.DrawFn) -> str:
    version = draw(st.sampled_from(["1.0", "2.0"]))
    data = _example("bid.json" if version == "1.0" else "2.0/bid.json")
    commitments = data["commitments"]
    ids = draw(st.permutations([f"c-{n:02d}" for n in range(1, len(commitments) + 1)]))
    for commitment, new_id in zip(commitments, ids, strict=True):
        commitment["id"] = new_id
        if draw(st.booleans()):
            commitment["quantity"]["value"] = draw(plain_decimals)
    random.Random(draw(st.integers(0, 2**16))).shuffle(commitments)
    data["bidPrice"]["amount"] = draw(plain_decimals)
    data["deliveryPlan"] = {"nl": draw(texts()), "en": draw(texts())}
    data["supplier"]["name"] = draw(texts())
    if version != "1.0" and draw(st.booleans()):
        data["extensions"] = ["x-test"]
        data["extensionData"] = {
            "x-test": {
                "rows": draw(st.permutations([{"id": "b", "v": 1}, {"id": "a", "v": [2, 1]}])),
                "n": draw(st.one_of(st.integers(-(10**20), 10**20), st.sampled_from([1.5, 2.0]))),
                draw(texts()): draw(texts()),
            }
        }
    return _written(draw, data)


date_times = st.one_of(
    st.from_regex(
        r"20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:"
        r"[0-5][0-9](\.[0-9]{1,9})?([Zz]|[+-](0[0-9]|1[0-4]):(00|30|45))",
        fullmatch=True,
    ),
    st.sampled_from(["2026-10-06T09:15:00+02:00", "2026-10-06T09:15:00Z"]),
)


@st.composite
def reports(draw: st.DrawFn) -> str:
    version = draw(st.sampled_from(["1.0", "2.0"]))
    data = _example("evidence-report.json" if version == "1.0" else "2.0/evidence-report.json")
    for item in data["items"]:
        for change in item.get("history", []):
            change["at"] = draw(date_times)
        item["quantity"]["value"] = draw(plain_decimals)
    random.Random(draw(st.integers(0, 2**16))).shuffle(data["items"])
    return _written(draw, data)


@SETTINGS
@given(st.one_of(bids(), reports()))
def test_generated_documents(text: str) -> None:
    """On every generated document the model accepts, each kept form is the model's."""
    try:
        document = parse_document(text)
    except SroiError:
        assume(False)
        return
    _compare(text, document)


@SETTINGS
@given(date_times)
def test_a_date_time_is_kept_only_when_written_as_read(text: str) -> None:
    """The date-time check agrees with the model's own round trip of the value."""

    class Stamp(BaseModel):
        at: AwareDatetime

    try:
        value = Stamp.model_validate({"at": text})
    except ValueError:
        assume(False)
        return
    assert _written_as_read(text, AwareDatetime) is (value.model_dump(mode="json")["at"] == text)


# ------------------------------------------------------------------- the class audit


def test_the_standards_document_classes_read_back() -> None:
    """Every document a valuation digests can be kept; a valuation (rewritten lines) not."""
    kinds = {kind.value: reads_back(model) for kind, model in DOCUMENT_MODELS.items()}
    assert kinds == {
        "catalogue": True,
        "tender": True,
        "bid": True,
        "evidenceReport": True,
        "valuation": False,
        "award": True,
        "monitoring": True,
    }


class _Plain(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    count: int | None = None
    when: dt.date | None = None
    parts: tuple[_Inner, ...] = ()


class _Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    value: Annotated[Decimal, PlainSerializer(canonical.shortest_decimal)] | None = None


class _WithFloat(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ratio: float


class _WithTime(BaseModel):
    model_config = ConfigDict(extra="forbid")
    at: dt.time


class _Allowing(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str


class _Ignoring(BaseModel):
    name: str


class _Serialised(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str

    @field_serializer("name")
    def _upper(self, value: str) -> str:
        return value.upper()


class _Computed(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def length(self) -> int:
        return len(self.name)


class _Wrapped(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, WrapSerializer(lambda value, handler: handler(value).strip())]


class _HoldsOneBelow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    inner: _WithFloat | None = None


_Plain.model_rebuild()


@pytest.mark.parametrize(
    "model",
    [
        _Plain,  # its decimal serialiser is not the plain-text one
        _WithFloat,
        _WithTime,
        _Allowing,
        _Ignoring,  # extra keys dropped on reading: not written back
        _Serialised,
        _Computed,
        _Wrapped,
        _HoldsOneBelow,
        _Inner,
    ],
)
def test_classes_that_rewrite_what_they_read_are_not_kept(model: type[BaseModel]) -> None:
    assert not reads_back(model)


class _Node(BaseModel):
    """A class that holds itself, through another."""

    model_config = ConfigDict(extra="forbid")
    name: str
    children: tuple[_Branch, ...] = ()


class _Branch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    node: _Node | None = None
    when: dt.date | None = None


_Node.model_rebuild()


def test_a_class_that_holds_itself_is_decided() -> None:
    assert reads_back(_Node)
    assert reads_back(_Branch)


def test_a_plain_class_is_kept() -> None:
    class Simple(BaseModel):
        model_config = ConfigDict(extra="forbid")
        name: str
        count: int | None = None
        when: dt.date | None = None
        at: AwareDatetime | None = None
        tags: tuple[str, ...] = ()
        free: dict[str, Any] | None = None

    assert reads_back(Simple)
