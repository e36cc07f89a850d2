"""Runner for the language-neutral conformance vectors (tests/conformance/README.md).

A vector is one JSON file with an ``id``, a ``kind`` and the inputs and expected outputs
of one check. The runner dispatches on ``kind`` through :data:`VECTOR_KINDS`, so a new
kind (for example ``document``) is added by registering one function; a kind with no
function is reported as skipped, never silently passed. A failed expectation is a
result, not an exception: only an unusable directory raises ConformanceError.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from sroi_core._decimal import decimal_text
from sroi_core.conformance_findings import check_findings_vector
from sroi_core.errors import (
    ConformanceError,
    InputError,
    SroiError,
    ValuationError,
    expect_type,
)
from sroi_core.io import read_text
from sroi_core.valuation.line import line_spec_from_json
from sroi_core.valuation.reference import value_line

__all__ = [
    "VECTOR_KINDS",
    "ConformanceReport",
    "VectorCheck",
    "VectorOutcome",
    "VectorStatus",
    "check_document_error_vector",
    "check_document_vector",
    "check_line_error_vector",
    "check_line_vector",
    "load_vector",
    "run_conformance",
]

VectorCheck = Callable[[Mapping[str, Any]], list[str]]
"""Checks one vector; returns failure messages (empty when the vector passes).

Raises ConformanceError when the vector itself is malformed.
"""


class VectorStatus(StrEnum):
    """Outcome of one vector."""

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class VectorOutcome:
    """The result of one vector file."""

    path: Path
    vector_id: str
    kind: str
    status: VectorStatus
    messages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConformanceReport:
    """Outcomes of every vector under one directory, in path order."""

    directory: Path
    outcomes: tuple[VectorOutcome, ...]

    def _count(self, status: VectorStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    @property
    def passed(self) -> int:
        """Number of vectors that passed."""
        return self._count(VectorStatus.PASSED)

    @property
    def failed(self) -> int:
        """Number of vectors that failed or could not be read."""
        return self._count(VectorStatus.FAILED)

    @property
    def skipped(self) -> int:
        """Number of vectors of a kind this implementation does not check yet."""
        return self._count(VectorStatus.SKIPPED)

    @property
    def ok(self) -> bool:
        """True when nothing failed and at least one vector passed (no vacuous success)."""
        return self.failed == 0 and self.passed > 0

    def summary_line(self) -> str:
        """Exactly ``"N passed, M failed"``."""
        return f"{self.passed} passed, {self.failed} failed"

    def lines(self) -> list[str]:
        """One human-readable line per vector, then one per message, then the summary."""
        rows = []
        for outcome in self.outcomes:
            where = outcome.path.relative_to(self.directory).as_posix()
            rows.append(f"{outcome.status.value.upper():7} {outcome.vector_id} ({where})")
            rows.extend(f"        {message}" for message in outcome.messages)
        rows.append(self.summary_line())
        return rows


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in strict JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


MAX_VECTOR_BYTES = 16 * 1024 * 1024
"""Largest vector file read; the published vectors are a few kilobytes."""


def load_vector(path: Path) -> dict[str, Any]:
    """Read one vector file as strict JSON (no NaN, no duplicate keys), with id and kind."""
    refused = f"{path}: not a readable strict JSON file"
    try:
        text = read_text(path, MAX_VECTOR_BYTES)
    except InputError as error:
        raise ConformanceError(f"{refused}: {error.message}") from None
    try:
        vector = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except RecursionError:
        raise ConformanceError(f"{refused}: nested too deeply") from None
    except ValueError as error:
        raise ConformanceError(f"{refused}: {error}") from None
    if not isinstance(vector, dict):
        raise ConformanceError(f"{path}: a vector must be a JSON object")
    for key in ("id", "kind", "description"):
        if not isinstance(vector.get(key), str) or not vector[key]:
            raise ConformanceError(f"{path}: a vector needs a non-empty string {key!r}")
    return vector


def _member(mapping: Mapping[str, Any], key: str, kind: type) -> Any:
    value = mapping.get(key)
    if not isinstance(value, kind):
        raise ConformanceError(f"{key!r} must be a {kind.__name__}, got {value!r}")
    return value


def _money(text: Any, where: str) -> Decimal:
    if not isinstance(text, str):
        raise ConformanceError(f"{where}: money must be decimal text, got {text!r}")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ConformanceError(f"{where}: not decimal text: {text!r}") from None


def _compare(where: str, expected: Any, actual: Decimal) -> list[str]:
    wanted = _money(expected, where)
    if wanted == actual:
        return []
    return [f"{where}: expected {expected}, got {decimal_text(actual)}"]


def _compare_list(where: str, expected: Any, actual: tuple[Decimal, ...]) -> list[str]:
    if not isinstance(expected, list):
        raise ConformanceError(f"{where} must be a list")
    if len(expected) != len(actual):
        return [f"{where}: expected {len(expected)} values, got {len(actual)}"]
    messages = []
    for position, (wanted, got) in enumerate(zip(expected, actual, strict=True)):
        messages.extend(_compare(f"{where}[{position}]", wanted, got))
    return messages


def check_line_vector(vector: Mapping[str, Any]) -> list[str]:
    """Kind ``line``: value the line and compare every expected figure to the cent."""
    line = _member(vector, "line", dict)
    expected = _member(vector, "expected", dict)
    try:
        result = value_line(line_spec_from_json(line))
    except ValuationError as error:
        return [f"the line was refused: {error}"]
    messages = _compare_list("yearValues", expected.get("yearValues"), result.year_values)
    messages.extend(_compare("presentValue", expected.get("presentValue"), result.present_value))
    optional: dict[str, Decimal] = {
        "grossValue": result.gross,
        "afterDeadweight": result.after_deadweight,
        "afterAttribution": result.after_attribution,
        "netAnnualImpact": result.net_annual,
    }
    for key, actual in optional.items():
        if key in expected:
            messages.extend(_compare(key, expected[key], actual))
    if "discountedYearValues" in expected:
        messages.extend(
            _compare_list(
                "discountedYearValues",
                expected["discountedYearValues"],
                result.discounted_year_values,
            )
        )
    return messages


def check_line_error_vector(vector: Mapping[str, Any]) -> list[str]:
    """Kind ``line-error``: the line must be refused with the expected error code."""
    line = vector.get("line")
    wanted = _member(_member(vector, "expectedError", dict), "code", str)
    try:
        result = value_line(line_spec_from_json(line if line is not None else {}))
    except ValuationError as error:
        code = getattr(error, "code", None)
        if code == wanted:
            return []
        return [f"expected error code {wanted!r}, got {code!r}: {error}"]
    return [
        f"expected error code {wanted!r}, but the line was valued "
        f"(present value {result.present_value})"
    ]


def _documents(vector: Mapping[str, Any]) -> tuple[Any, list[str]]:
    """Validate a document vector's documents; return them as models, or error rule ids.

    The catalogue is validated first and made the only catalogue available, so the other
    documents resolve against exactly the vector's catalogue.
    """
    from sroi_core.catalogue_store import CatalogueStore  # noqa: PLC0415 - heavy, on demand
    from sroi_core.documents import parse_document, validate_text  # noqa: PLC0415
    from sroi_core.model.catalogue import Catalogue  # noqa: PLC0415
    from sroi_core.rules import Severity  # noqa: PLC0415

    documents = _member(vector, "documents", dict)
    store = CatalogueStore(builtin=False)
    parsed: dict[str, Any] = {}
    errors: list[str] = []
    for role in ("catalogue", "tender", "bid", "subject"):  # bids of an award: one at a time
        if role not in documents:
            continue
        text = json.dumps(documents[role])
        report = validate_text(text, f"{vector.get('id')}#{role}", store)
        found = [f.rule_id for f in report.findings if f.severity is Severity.ERROR]
        if found:
            errors.extend(found)
            continue
        parsed[role] = parse_document(text, role)
        if isinstance(parsed[role], Catalogue):
            store.add(parsed[role])
    return parsed, errors


def _valuation(vector: Mapping[str, Any]) -> Any:
    """Value a document vector's subject; returns the valuation or raises ValuationError."""
    from sroi_core.errors import CatalogueError, UnitError  # noqa: PLC0415
    from sroi_core.valuation.document import value_document  # noqa: PLC0415

    parsed, errors = _documents(vector)
    if errors:
        return errors
    for role in ("catalogue", "subject"):
        if role not in parsed:
            raise ConformanceError(f"a document vector needs documents.{role}")
    try:
        return value_document(
            parsed["subject"],
            parsed["catalogue"],
            tender=parsed.get("tender"),
            bid=parsed.get("bid"),
        )
    except CatalogueError as error:
        raise ValuationError(str(error), code="catalogue-incomplete") from None
    except UnitError as error:
        raise ValuationError(str(error), code="unit-conversion") from None


def check_document_vector(vector: Mapping[str, Any]) -> list[str]:
    """Kind ``document``: value a bid or report with its catalogue; compare key figures."""
    expected = _member(vector, "expected", dict)
    try:
        valuation = _valuation(vector)
    except ValuationError as error:
        return [f"the document was refused: {error}"]
    if isinstance(valuation, list):
        return [f"the documents are invalid: {', '.join(valuation)}"]
    totals = valuation.totals
    messages: list[str] = []
    if "inputSha256" in expected and expected["inputSha256"] != valuation.input_sha256:
        messages.append(
            f"inputSha256: expected {expected['inputSha256']}, got {valuation.input_sha256}"
        )
    for key, actual in (
        ("outcomeValue", totals.outcome_value),
        ("obligationCredit", totals.obligation_credit),
        ("notCountedValue", totals.not_counted_value),
    ):
        if key in expected:
            messages.extend(_compare(key, expected[key], actual))
    if "sroiRatio" in expected:
        if valuation.sroi_ratio is None:
            messages.append(f"sroiRatio: expected {expected['sroiRatio']}, got none")
        else:
            messages.extend(_compare("sroiRatio", expected["sroiRatio"], valuation.sroi_ratio))
    messages.extend(_check_2_0(expected, valuation))
    wanted_lines = expected.get("linePresentValues", {})
    if not isinstance(wanted_lines, dict):
        raise ConformanceError("linePresentValues must be an object")
    actual_lines = {
        (line.line_id, value.proxy_value): value.present_value
        for line in valuation.lines
        for value in line.values
    }
    for line_id, by_proxy in wanted_lines.items():
        for proxy_id, amount in _member({"p": by_proxy}, "p", dict).items():
            got = actual_lines.get((line_id, proxy_id))
            if got is None:
                messages.append(f"line {line_id} has no value for proxy {proxy_id}")
            else:
                messages.extend(_compare(f"{line_id}/{proxy_id}", amount, got))
    return messages


def _check_2_0(expected: Mapping[str, Any], valuation: Any) -> list[str]:
    """The 2.0 members of a document vector: perspectives, cost, base date, offsets."""
    messages: list[str] = []
    wanted = expected.get("byPerspective")
    if wanted is not None:
        actual = {t.perspective.value: t for t in valuation.totals.by_perspective or ()}
        if set(actual) != set(wanted):
            messages.append(f"byPerspective: expected {sorted(wanted)}, got {sorted(actual)}")
        if valuation.totals.outcome_value is not None:
            messages.append("a 2.0 valuation must not report a summed outcomeValue")
        for name, figures in wanted.items():
            total = actual.get(name)
            if total is None:
                continue
            for key, got in (
                ("presentValue", total.present_value),
                ("sroiRatio", total.sroi_ratio),
                ("valuePerContractEuro", total.value_per_contract_euro),
            ):
                if key in figures:
                    if got is None:
                        messages.append(f"{name}/{key}: expected {figures[key]}, got none")
                    else:
                        messages.extend(_compare(f"{name}/{key}", figures[key], got))
                elif got is not None and key != "presentValue":
                    messages.append(f"{name}/{key}: expected none, got {got}")
    if "incrementalCostPresentValue" in expected:
        got = valuation.incremental_cost_present_value
        if got is None:
            messages.append("incrementalCostPresentValue: expected a figure, got none")
        else:
            wanted_cost = expected["incrementalCostPresentValue"]
            messages.extend(_compare("incrementalCostPresentValue", wanted_cost, got))
    if "baseDate" in expected:
        got_date = valuation.base_date.isoformat() if valuation.base_date else None
        if got_date != expected["baseDate"]:
            messages.append(f"baseDate: expected {expected['baseDate']}, got {got_date}")
    by_id = {line.line_id: line for line in valuation.lines}
    for line_id, offset in expected.get("lineOffsets", {}).items():
        line = by_id.get(line_id)
        if line is None or line.offset_periods != offset:
            got_offset = None if line is None else line.offset_periods
            messages.append(f"{line_id}: expected offset {offset}, got {got_offset}")
    for line_id, quantity in expected.get("lineQuantities", {}).items():
        line = by_id.get(line_id)
        if line is None:
            messages.append(f"{line_id}: no such line")
        else:
            messages.extend(_compare(f"{line_id}/quantity", quantity, line.quantity.value))
    return messages


def check_document_error_vector(vector: Mapping[str, Any]) -> list[str]:
    """Kind ``document-error``: the documents must be refused with the expected rule or code.

    ``expectedError`` holds ``ruleId`` (a validation finding of severity error) or
    ``code`` (an error of the valuation method).
    """
    wanted = _member(vector, "expectedError", dict)
    try:
        valuation = _valuation(vector)
    except ValuationError as error:
        if wanted.get("code") == error.code:
            return []
        return [f"expected {wanted}, got error code {error.code!r}: {error}"]
    if isinstance(valuation, list):
        if wanted.get("ruleId") in valuation:
            return []
        return [f"expected {wanted}, got findings {', '.join(valuation)}"]
    return [f"expected {wanted}, but the document was valued"]


def check_award_vector(vector: Mapping[str, Any]) -> list[str]:
    """Kind ``award``: award a tender's bids under its published rules; compare the result.

    ``expected`` holds the ranking (bid, rank, total) and per bid its status, quantitative
    points, the rule ids of its exclusion and of each line's reductions.
    """
    from sroi_core.award.engine import award_bids  # noqa: PLC0415 - heavy, on demand
    from sroi_core.scoring import Evaluation, EvaluationRow  # noqa: PLC0415

    documents = _member(vector, "documents", dict)
    expected = _member(vector, "expected", dict)
    parsed, errors = _documents(
        {
            "id": vector.get("id"),
            "documents": {k: documents[k] for k in ("catalogue", "tender") if k in documents},
        }
    )
    if errors:
        return [f"the documents are invalid: {', '.join(errors)}"]
    bids = []
    for n, data in enumerate(_member(documents, "bids", list)):
        found, bid_errors = _documents(
            {
                "id": f"{vector.get('id')}#bids/{n}",
                "documents": {
                    "catalogue": documents["catalogue"],
                    "bid": data,
                },
            }
        )
        if bid_errors:
            return [f"bid {n} is invalid: {', '.join(bid_errors)}"]
        bids.append(found["bid"])
    sheet = Evaluation(
        tuple(
            EvaluationRow(
                str(row["bid"]),
                qualitative_score=_money(row["qualitativeScore"], "qualitativeScore")
                if "qualitativeScore" in row
                else None,
            )
            for row in _member(vector, "evaluation", list)
        )
    )
    award = award_bids(parsed["tender"], bids, parsed["catalogue"], sheet)
    messages: list[str] = []
    ranking = [{"bid": e.bid, "rank": e.rank, "total": str(e.total)} for e in award.ranking]
    if ranking != expected.get("ranking"):
        messages.append(f"ranking: expected {expected.get('ranking')}, got {ranking}")
    for bid_id, wanted in _member(expected, "bids", dict).items():
        entry = next((b for b in award.bids if b.bid == bid_id), None)
        if entry is None:
            messages.append(f"bid {bid_id} is missing from the award")
            continue
        actual: dict[str, Any] = {
            "status": entry.status,
            "exclusionRules": sorted({r.rule_id for r in entry.exclusion_reasons}),
            "lineRules": {
                line.commitment: sorted({r.rule_id for r in line.reductions})
                for line in entry.lines
                if line.reductions
            },
        }
        if entry.status == "ranked":
            actual["quantitative"] = str(entry.points.quantitative)
        for key, value in wanted.items():
            if actual.get(key) != value:
                messages.append(f"{bid_id} {key}: expected {value}, got {actual.get(key)}")
    return messages


VECTOR_KINDS: dict[str, VectorCheck] = {
    "line": check_line_vector,
    "line-error": check_line_error_vector,
    "document": check_document_vector,
    "document-error": check_document_error_vector,
    "award": check_award_vector,
    "findings": check_findings_vector,
}
"""Checker for each vector kind. Register a new kind here (e.g. ``"document"``)."""


def _run_one(path: Path, seen: dict[str, Path]) -> VectorOutcome:
    try:
        vector = load_vector(path)
    except ConformanceError as error:
        return VectorOutcome(path, path.stem, "?", VectorStatus.FAILED, (str(error),))
    vector_id, kind = vector["id"], vector["kind"]
    if vector_id in seen:
        message = f"duplicate id, also in {seen[vector_id].name}"
        return VectorOutcome(path, vector_id, kind, VectorStatus.FAILED, (message,))
    seen[vector_id] = path
    if path.stem != vector_id:
        message = f"the file must be named after the id: {vector_id}.json"
        return VectorOutcome(path, vector_id, kind, VectorStatus.FAILED, (message,))
    check = VECTOR_KINDS.get(kind)
    if check is None:
        message = f"no checker for kind {kind!r} in this implementation"
        return VectorOutcome(path, vector_id, kind, VectorStatus.SKIPPED, (message,))
    try:
        messages = check(vector)
    except ConformanceError as error:
        messages = [f"malformed vector: {error}"]
    except SroiError as error:
        messages = [f"the vector cannot be run: {error}"]
    except (
        RecursionError,
        MemoryError,
        ArithmeticError,
        LookupError,
        TypeError,
        ValueError,
    ) as error:
        # One vector that is too deep or too large for this machine is one failure;
        # the run goes on with the next vector.
        messages = [f"the vector cannot be run: {type(error).__name__} ({error})"[:500]]
    status = VectorStatus.FAILED if messages else VectorStatus.PASSED
    return VectorOutcome(path, vector_id, kind, status, tuple(messages))


def run_conformance(directory: str | os.PathLike[str]) -> ConformanceReport:
    """Run every vector (``*.json`` except ``*.schema.json``) under ``directory``.

    Raises:
        ConformanceError: if ``directory`` is not a readable directory.

    """
    expect_type(directory, (str, os.PathLike), "the vector folder")
    directory = Path(directory)
    if not directory.is_dir():
        raise ConformanceError(f"{directory}: not a directory of conformance vectors")
    paths = sorted(
        path
        for path in directory.rglob("*.json")
        if path.is_file() and not path.name.endswith(".schema.json")
    )
    seen: dict[str, Path] = {}
    return ConformanceReport(directory, tuple(_run_one(path, seen) for path in paths))
