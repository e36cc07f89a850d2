"""The canonical form of documents behind a 2.0 valuation's ``inputSha256``.

The digest says which inputs produced a valuation, so it must depend on the inputs'
meaning, never on their notation: ``"3080000.00"`` and ``"3080000"`` are the same euros,
and a list of commitments is the same in any order. The form is specified in
docs/canonical-form.md so that any language reproduces it; conformance vectors of kind
``document`` carry the expected digest. 1.0 valuations keep their 1.0 digest
(:func:`sroi_core.valuation.document.input_digest`).
"""

from __future__ import annotations

import hashlib
import json
import math
from decimal import Decimal
from typing import Any

from pydantic import BaseModel


def shortest_decimal(value: Decimal) -> str:
    """A decimal in its shortest exact plain form: no exponent, no trailing zeros, no ``-0``.

    ``Decimal("3080000.00")`` gives ``"3080000"``, ``Decimal("0.0250")`` gives ``"0.025"``.
    """
    if value.is_zero():
        return "0"
    text = format(value, "f")  # exact: no context precision applies
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _with_shortest_decimals(model: Any, data: Any) -> Any:
    """``data`` (the JSON form of ``model``) with every decimal field in shortest form.

    The model says which values are decimals: the JSON text alone cannot (``"2.0"`` is a
    version, not a number).
    """
    if isinstance(model, BaseModel) and isinstance(data, dict):
        for name, info in type(model).model_fields.items():
            key = info.alias or name
            if key in data:
                data[key] = _with_shortest_decimals(getattr(model, name), data[key])
        return data
    if isinstance(model, tuple | list) and isinstance(data, list):
        return [_with_shortest_decimals(m, d) for m, d in zip(model, data, strict=True)]
    if isinstance(model, Decimal) and isinstance(data, str):
        return shortest_decimal(model)
    return data


def _sorted_by_id(data: Any) -> Any:
    """Every array whose members are all objects with a string ``id``, sorted by that id."""
    if isinstance(data, dict):
        return {key: _sorted_by_id(value) for key, value in data.items()}
    if isinstance(data, list):
        items = [_sorted_by_id(item) for item in data]
        if items and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
            items.sort(key=lambda item: _utf16(item["id"]))
        return items
    return data


def canonical_data(document: BaseModel) -> Any:
    """The JSON data of a document in canonical form (before serialisation)."""
    data = json.loads(
        document.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True)
    )
    return _sorted_by_id(_with_shortest_decimals(document, data))


def _utf16(text: str) -> bytes:
    """Sort key of RFC 8785: the string's UTF-16 code units."""
    return text.encode("utf-16-be")


def _number(value: int | float) -> str:
    """An RFC 8785 number (ECMAScript ``Number.prototype.toString``)."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError("a canonical form has no NaN or infinity")
    if value == 0:
        return "0"
    digits, exponent = _shortest_digits(abs(value))
    sign = "-" if value < 0 else ""
    point = exponent + 1  # the position of the decimal point after the first digit
    if -6 < point <= 21:
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        if point >= len(digits):
            return f"{sign}{digits}{'0' * (point - len(digits))}"
        return f"{sign}{digits[:point]}.{digits[point:]}"
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{mantissa}e{'+' if exponent > 0 else '-'}{abs(exponent)}"


def _shortest_digits(value: float) -> tuple[str, int]:
    """The shortest round-trip digits of a positive float and its decimal exponent."""
    _sign, digits, exponent = Decimal(repr(value)).as_tuple()
    text = "".join(str(digit) for digit in digits)
    return text.rstrip("0"), len(text) - 1 + int(exponent)


def canonical_json(data: Any) -> bytes:
    """RFC 8785 (JSON Canonicalization Scheme) bytes of JSON data."""
    return _serialise(data).encode("utf-8")


def _serialise(data: Any) -> str:
    if data is None:
        return "null"
    if data is True:
        return "true"
    if data is False:
        return "false"
    if isinstance(data, int | float):
        return _number(data)
    if isinstance(data, str):
        return json.dumps(data, ensure_ascii=False)
    if isinstance(data, list):
        return "[" + ",".join(_serialise(item) for item in data) + "]"
    if isinstance(data, dict):
        keys = sorted(data, key=_utf16)
        return "{" + ",".join(f"{_serialise(k)}:{_serialise(data[k])}" for k in keys) + "}"
    raise TypeError(f"not JSON data: {type(data).__name__}")


def canonical_digest(payload: Any) -> str:
    """SHA-256 (lower-case hex) of the canonical JSON of ``payload``."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def input_digest(
    subject: BaseModel, catalogue: BaseModel, tender: BaseModel | None, bid: BaseModel | None
) -> str:
    """The ``inputSha256`` of a 2.0 valuation (docs/canonical-form.md)."""

    def form(document: BaseModel | None) -> Any:
        return None if document is None else canonical_data(document)

    payload = {
        "standardVersion": getattr(subject, "standard_version", None),
        "subject": form(subject),
        "catalogue": form(catalogue),
        "tender": form(tender),
        "bid": form(bid) if bid is not subject else None,
    }
    return canonical_digest(payload)
