"""pandas DataFrames of results, for analysts (the optional extra ``sroi-core[analysis]``).

Figures stay exact: money and fractions are :class:`~decimal.Decimal` objects (an
``object`` column), never floats; call ``.astype(float)`` yourself where rounding is fine.
Columns are the wire names of the standard (``lineId``, ``presentValue``), nested fields
joined by dots (``quantity.value``), so a frame reads like the valuation document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from sroi_core.errors import SroiError
from sroi_core.model.valuation import Valuation
from sroi_core.rules import Finding

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

INSTALL_HINT = "pip install 'sroi-core[analysis]'"


class AnalysisDependencyError(SroiError):
    """pandas, needed for DataFrames, is not installed."""


def _pandas() -> Any:
    try:
        return import_module("pandas")
    except ImportError:
        raise AnalysisDependencyError(
            f"DataFrames need the pandas package; install it with {INSTALL_HINT}"
        ) from None


def _flat(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as dotted columns; lists of scalars joined by ``; ``."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, list | tuple):
            if all(not isinstance(v, Mapping) for v in value):
                out[name] = "; ".join(str(v) for v in value)
        else:
            out[name] = value
    return out


def _dump(model: BaseModel) -> dict[str, Any]:
    """The model's fields by wire name with their Python values (Decimal stays Decimal)."""
    out: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = _value(getattr(model, name))
        if value is not None:
            out[info.alias or name] = value
    return out


def _value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _dump(value)
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def lines_frame(valuation: Valuation) -> pd.DataFrame:
    """One row per valuation line and proxy value (a line without value: one row)."""
    rows = []
    for line in valuation.lines:
        data = _dump(line)
        values = data.pop("values", ())
        base = _flat(data)
        if not values:
            rows.append(base)
        for value in values:
            rows.append({**base, **_flat(value, "value.")})
    frame: pd.DataFrame = _pandas().DataFrame(rows)
    return frame


def totals_frame(valuation: Valuation) -> pd.DataFrame:
    """Every total: ``group`` (``byTheme``, ``byBasis``, ... or ``overall``), key and figures."""
    rows: list[dict[str, Any]] = []
    for group, value in _dump(valuation.totals).items():
        if isinstance(value, list | tuple):
            rows += [{"group": group, **_flat(entry)} for entry in value]
        elif isinstance(value, Mapping):
            rows.append({"group": "overall", "key": group, **_flat(value)})
        else:
            rows.append({"group": "overall", "key": group, "presentValue": value})
    frame: pd.DataFrame = _pandas().DataFrame(rows)
    return frame


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as rows: rule id, severity, file, JSON pointer and both messages."""
    rows = [
        {
            "ruleId": f.rule_id,
            "severity": f.severity.value,
            "file": f.source,
            "pointer": f.pointer,
            "message": f.message,
            "messageNl": f.message_nl,
        }
        for f in findings
    ]
    columns = ["ruleId", "severity", "file", "pointer", "message", "messageNl"]
    frame: pd.DataFrame = _pandas().DataFrame(rows, columns=columns)
    return frame
