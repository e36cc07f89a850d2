"""The fast input digest equals its definition on every document (1.0 and 2.0).

``input_digest`` joins per-document canonical bytes (kept while a document lives), visits
only the fields that can hold a decimal, a list of identified objects or free-form data
(one pass guided by the model), and lets ``json.dumps`` write RFC 8785 text where
the two agree. The reference functions below are the definitions as they were written
before: every digest must stay the same.
"""

from __future__ import annotations

import gc
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import object_path_valuation
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from test_valuation_columns import CONFORMANCE, EXAMPLES, PILOT, ROOT, SETTINGS, cases_2_0
from test_valuation_document import cases, reports

from sroi_core import canonical, conformance
from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import load_document
from sroi_core.valuation.document import input_digest

# ------------------------------------------------------------- the definitions, as before


def _shortest_reference(model: Any, data: Any) -> Any:
    if isinstance(model, BaseModel) and isinstance(data, dict):
        for name, info in type(model).model_fields.items():
            key = info.alias or name
            if key in data:
                data[key] = _shortest_reference(getattr(model, name), data[key])
        return data
    if isinstance(model, tuple | list) and isinstance(data, list):
        return [_shortest_reference(m, d) for m, d in zip(model, data, strict=True)]
    if isinstance(model, Decimal) and isinstance(data, str):
        return canonical.shortest_decimal(model)
    return data


def _sorted_reference(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _sorted_reference(value) for key, value in data.items()}
    if isinstance(data, list):
        items = [_sorted_reference(item) for item in data]
        if items and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
            items.sort(key=lambda item: item["id"].encode("utf-16-be"))
        return items
    return data


def _canonical_data_reference(document: BaseModel) -> Any:
    data = json.loads(
        document.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True)
    )
    return _sorted_reference(_shortest_reference(document, data))


def _digest_reference(subject: Any, catalogue: Any, tender: Any, bid: Any) -> str:
    if subject.standard_version == "1.0":  # the 1.0 definition, as the object path wrote it
        return object_path_valuation.input_digest(subject, catalogue, tender, bid)

    def form(document: Any) -> Any:
        return None if document is None else _canonical_data_reference(document)

    payload = {
        "standardVersion": subject.standard_version,
        "subject": form(subject),
        "catalogue": form(catalogue),
        "tender": form(tender),
        "bid": form(bid) if bid is not subject else None,
    }
    return canonical.canonical_digest(payload)


def assert_same_digest(subject: Any, catalogue: Any, tender: Any = None, bid: Any = None) -> None:
    expected = _digest_reference(subject, catalogue, tender, bid)
    assert input_digest(subject, catalogue, tender, bid) == expected
    assert input_digest(subject, catalogue, tender, bid) == expected  # kept: the same again
    for document in (subject, catalogue, tender, bid):
        if document is not None:
            reference = canonical.canonical_json(_canonical_data_reference(document))
            assert canonical.document_bytes(document) == reference


# --------------------------------------------------------------------------- documents


@pytest.mark.parametrize("case", EXAMPLES, ids=[case[0] for case in EXAMPLES])
def test_example_digests_are_unchanged(case: tuple[str, Any, Any, Any, Any]) -> None:
    _, subject, catalogue, tender, bid = case
    assert_same_digest(subject, catalogue, tender, bid)


@pytest.mark.parametrize("case", PILOT, ids=[case[0] for case in PILOT])
def test_pilot_digests_are_unchanged(case: tuple[str, Path, Path]) -> None:
    _, path, folder = case
    bid = load_document(path)
    tender = load_document(folder / "tender.json")
    assert_same_digest(bid, CatalogueStore().for_document(bid), tender)


@pytest.mark.parametrize("case", CONFORMANCE, ids=[case[0] for case in CONFORMANCE])
def test_conformance_digests_are_unchanged(case: tuple[str, dict[str, Any]]) -> None:
    parsed, errors = conformance._documents(case[1])
    if errors or "subject" not in parsed or "catalogue" not in parsed:
        pytest.skip("invalid documents: nothing to digest")
    assert_same_digest(
        parsed["subject"], parsed["catalogue"], parsed.get("tender"), parsed.get("bid")
    )


@SETTINGS
@given(st.data())
def test_generated_digests_are_unchanged(data: st.DataObject) -> None:
    catalogue, bid, tender = data.draw(st.one_of(cases(), cases_2_0()))
    report = data.draw(reports(bid)).model_copy(update={"standard_version": bid.standard_version})
    assert_same_digest(bid, catalogue, tender)
    assert_same_digest(report, catalogue, tender, bid)


def test_a_changed_copy_is_digested_anew() -> None:
    _, bid, catalogue, tender, _ = EXAMPLES[6]  # 2.0
    before = input_digest(bid, catalogue, tender, None)
    first = bid.commitments[0]
    quantity = first.quantity.model_copy(update={"value": first.quantity.value + 1})
    commitments = (first.model_copy(update={"quantity": quantity}), *bid.commitments[1:])
    changed = bid.model_copy(update={"commitments": commitments})
    assert input_digest(changed, catalogue, tender, None) != before
    assert input_digest(changed, catalogue, tender, None) == _digest_reference(
        changed, catalogue, tender, None
    )


def test_kept_bytes_leave_with_their_document() -> None:
    memo = canonical.DocumentMemo(canonical.document_bytes)
    document = load_document(ROOT / "examples" / "2.0" / "bid.json")
    first = memo(document)
    assert memo(document) is first
    assert len(memo._held) == 1
    del document
    gc.collect()
    assert memo._held == {}


# ------------------------------------------------------ json.dumps where RFC 8785 agrees

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.text(st.characters(max_codepoint=0xD7FF)),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(st.characters(max_codepoint=0xD7FF), max_size=4), inner, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(_json)
def test_json_dumps_writes_rfc_8785_for_data_without_floats_or_high_characters(data: Any) -> None:
    written = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert written.encode() == canonical.canonical_json(data)


# ----------------------------------------- the guided walk on shapes the examples lack


class _Named(BaseModel):
    id: str
    name: str = ""


class _Coded(BaseModel):  # objects without an id: their lists keep their order
    code: str
    share: Decimal | None = None


class _Open(BaseModel, extra="allow"):  # extra members may bring an id
    label: str = ""


class _Holder(BaseModel):
    named: tuple[_Named, ...] = ()
    coded: list[_Coded] = []
    nested: tuple[tuple[_Named, ...], ...] = ()
    optional: tuple[_Named, ...] | None = None
    either: tuple[_Named | _Coded, ...] = ()
    opened: tuple[_Open, ...] = ()
    tags: tuple[str, ...] = ()
    free: dict[str, Any] | None = None
    amount: Decimal | None = None


_ids = st.text(st.characters(max_codepoint=0xD7FF), min_size=1, max_size=3)
_named = st.builds(_Named, id=_ids, name=st.text(max_size=2))
_coded = st.builds(
    _Coded,
    code=st.text(max_size=2),
    share=st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=3),
)
_free_json = st.recursive(
    st.none() | st.integers(-5, 5) | _ids,
    lambda inner: st.lists(inner, max_size=3)
    | st.lists(st.fixed_dictionaries({"id": _ids}, optional={"v": inner}), max_size=3)
    | st.dictionaries(_ids, inner, max_size=3),
    max_leaves=12,
)
_holders = st.builds(
    _Holder,
    named=st.lists(_named, max_size=4).map(tuple),
    coded=st.lists(_coded, max_size=4),
    nested=st.lists(st.lists(_named, max_size=3).map(tuple), max_size=3).map(tuple),
    optional=st.none() | st.lists(_named, max_size=3).map(tuple),
    either=st.lists(_named | _coded, max_size=4).map(tuple),
    opened=st.lists(
        st.builds(_Open, label=st.text(max_size=2)).map(lambda o: o)
        | _ids.map(lambda i: _Open.model_validate({"id": i})),
        max_size=3,
    ).map(tuple),
    tags=st.lists(_ids, max_size=3).map(tuple),
    free=st.none() | st.dictionaries(_ids, _free_json, max_size=3),
    amount=st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=4),
)


@SETTINGS
@given(_holders)
def test_the_guided_walk_equals_the_definition_on_every_shape(holder: _Holder) -> None:
    """Lists of identified objects at any depth, unions, extra members, free-form data."""
    expected = canonical.canonical_json(_canonical_data_reference(holder))
    assert canonical.document_bytes(holder) == expected
