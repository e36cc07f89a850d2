"""A model.invalid finding speaks Dutch of our own; pydantic's English stays in its params."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from sroi_core.documents import build_model
from sroi_core.errors import DocumentInvalidError
from sroi_core.io import RawDocument
from sroi_core.model.codes import DocumentType
from sroi_core.model.types import LocalizedText
from sroi_core.model_problems import model_problem

ROOT = Path(__file__).resolve().parents[1]


class _Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: Annotated[int, Field(ge=1)] = 1
    name: Annotated[str, Field(min_length=2)] = "ok"
    kind: Literal["a", "b"] = "a"
    amount: Annotated[Decimal, Field(decimal_places=2)] = Decimal("1.00")


def _error(model: Any, data: Any) -> dict[str, Any]:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(model).validate_python(data)
    errors = caught.value.errors()
    assert len(errors) == 1
    return dict(errors[0])


@pytest.mark.parametrize(
    ("data", "dutch"),
    [
        ({"count": 0}, "moet groter dan of gelijk aan 1 zijn"),
        ({"name": "x"}, "tekst is te kort: minstens 2 teken(s)"),
        ({"kind": "c"}, "moet een van deze waarden zijn: 'a' of 'b'"),
        ({"amount": "1.234"}, "te veel decimalen: hoogstens 2"),
        ({"extra": 1}, "veld is niet toegestaan"),
        ({"count": "many"}, "verkeerd type: verwacht een geheel getal"),
    ],
)
def test_pydantic_error_types_in_dutch(data: dict[str, Any], dutch: str) -> None:
    error = _error(_Sample, data)
    problem = model_problem(error)
    assert problem.nl == dutch
    assert problem.en == error["msg"]


def test_our_own_validator_messages_in_dutch() -> None:
    problem = model_problem(_error(LocalizedText, {}))
    assert problem.en == "Value error, give the text in at least one language (nl or en)"
    assert problem.nl == "geef de tekst in minstens één taal (nl of en)"


def test_an_unknown_error_type_is_named_not_quoted() -> None:
    problem = model_problem({"type": "some_new_type", "msg": "Something English happened"})
    assert problem.nl == "het model weigert deze waarde (fouttype some_new_type)"
    assert problem.en == "Something English happened"


def test_a_refused_document_gets_dutch_findings_with_the_english_in_params() -> None:
    data = json.loads((ROOT / "examples" / "2.0" / "pilot" / "bid-honest.json").read_text())
    data["supplier"]["name"] = ""
    data["unexpected"] = 1
    raw = RawDocument(data, "bid.json", DocumentType.BID, "2.0")
    with pytest.raises(DocumentInvalidError) as caught:
        build_model(raw)
    findings = {f.pointer: f for f in caught.value.findings}
    name, extra = findings["/supplier/name"], findings["/unexpected"]
    assert name.rule_id == extra.rule_id == "model.invalid"
    assert name.message_nl == "tekst is te kort: minstens 1 teken(s)"
    assert extra.message_nl == "veld is niet toegestaan"
    assert name.params == {"errorType": "string_too_short", "message": name.message}
    assert re.search(r"[A-Za-z]", name.message)
    assert name.message_nl != name.message
