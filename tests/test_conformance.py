"""The conformance vectors and their runner.

The vectors' expected figures are checked twice: by the engine (through the runner) and
by an independent exact-rational calculation written here without any engine code, so a
vector cannot merely record what the engine happens to produce.
"""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from referencing import Registry, Resource

from sroi_core.conformance import (
    VECTOR_KINDS,
    ConformanceReport,
    VectorStatus,
    check_line_error_vector,
    load_vector,
    run_conformance,
)
from sroi_core.errors import ConformanceError

VECTORS = Path(__file__).parent / "conformance"
SCHEMA_PATH = VECTORS / "vector.schema.json"
VECTOR_PATHS = sorted(p for p in VECTORS.rglob("*.json") if not p.name.endswith(".schema.json"))
LINE_VECTOR_PATHS = [p for p in VECTOR_PATHS if load_vector(p)["kind"] == "line"]
ERROR_VECTOR_PATHS = [p for p in VECTOR_PATHS if load_vector(p)["kind"] == "line-error"]


def _cents_text(value: Fraction) -> str:
    """Half-even rounding to the cent (Python's round() of a Fraction is half-even)."""
    cents = round(value * 100)
    return f"{cents // 100}.{cents % 100:02d}"


def fraction_oracle(line: dict[str, Any]) -> dict[str, Any]:
    """The method of docs/valuation-method.md in exact rationals, independent of the engine."""
    price = Fraction(line["proxyValue"])
    if "priceIndex" in line:
        price = price * Fraction(line["priceIndex"]["to"]) / Fraction(line["priceIndex"]["from"])
    gross = Fraction(line["quantity"]) * price
    after_deadweight = gross * (1 - Fraction(line["deadweight"]))
    after_attribution = after_deadweight * (1 - Fraction(line["attribution"]))
    net = after_attribution * (1 - Fraction(line["displacement"]))
    entries = line.get("discountSchedule") or [{"fromPeriod": 1, "rate": line["discountRate"]}]

    def rate(period: int) -> Fraction:
        applicable = [e for e in entries if e["fromPeriod"] <= period]
        return Fraction(max(applicable, key=lambda e: e["fromPeriod"])["rate"])

    duration = line["durationYears"]
    shift = line.get("offsetPeriods", 0)  # 2.0: whole periods from the base date
    factor = [Fraction(1)]
    for period in range(1, shift + duration + 1):
        factor.append(factor[-1] / (1 + rate(period)))
    offset = 1 if line["discountTiming"] == "end-of-year" else 0
    keep = 1 - Fraction(line["dropOff"])
    years = [net * keep ** (year - 1) for year in range(1, duration + 1)]
    discounted = [
        value * factor[shift + year - 1 + offset] for year, value in enumerate(years, 1)
    ]
    return {
        "grossValue": _cents_text(gross),
        "afterDeadweight": _cents_text(after_deadweight),
        "afterAttribution": _cents_text(after_attribution),
        "netAnnualImpact": _cents_text(net),
        "yearValues": [_cents_text(v) for v in years],
        "discountedYearValues": [_cents_text(v) for v in discounted],
        "presentValue": _cents_text(sum(discounted, Fraction(0))),
    }


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _vector_validator() -> jsonschema.Draft202012Validator:
    """vector.schema.json with the schemas of kinds kept in their own files beside it."""
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema))
        for schema in (
            json.loads(path.read_text(encoding="utf-8"))
            for path in VECTORS.glob("*.schema.json")
        )
    )
    return jsonschema.Draft202012Validator(
        json.loads(SCHEMA_PATH.read_text(encoding="utf-8")),
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.mark.parametrize("path", VECTOR_PATHS, ids=lambda p: p.stem)
def test_vector_matches_schema(path: Path) -> None:
    validator = _vector_validator()
    errors = [e.message for e in validator.iter_errors(load_vector(path))]
    assert errors == []


def test_schema_rejects_a_malformed_vector() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    vector = load_vector(LINE_VECTOR_PATHS[0])
    vector["line"]["quantity"] = 3  # a JSON number, not decimal text
    vector["expected"]["presentValue"] = "1.5"  # not two decimals
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(vector))) >= 2


@pytest.mark.parametrize("path", LINE_VECTOR_PATHS, ids=lambda p: p.stem)
def test_line_vector_agrees_with_independent_rationals(path: Path) -> None:
    vector = load_vector(path)
    oracle = fraction_oracle(vector["line"])
    for key, value in vector["expected"].items():
        assert value == oracle[key], key


def test_suite_size_and_coverage() -> None:
    assert len(LINE_VECTOR_PATHS) >= 25
    codes = {load_vector(p)["expectedError"]["code"] for p in ERROR_VECTOR_PATHS}
    assert {
        "duration-below-one",
        "duration-not-integer",
        "fraction-out-of-range",
        "negative-quantity",
        "negative-proxy-value",
        "bad-discount-schedule",
        "bad-discount-rate",
        "both-rate-and-schedule",
        "missing-discount-rate",
        "bad-price-index",
        "unknown-discount-timing",
        "not-a-decimal",
    } <= codes


def test_every_vector_passes() -> None:
    report = run_conformance(VECTORS)
    failures = [line for line in report.lines() if not line.startswith("PASSED")]
    assert report.failed == 0, "\n".join(failures)
    assert report.passed == len(VECTOR_PATHS)
    assert report.ok
    assert report.summary_line() == f"{len(VECTOR_PATHS)} passed, 0 failed"


def _copy(tmp_path: Path, source: Path, mutate: Any = None, name: str | None = None) -> Path:
    vector = load_vector(source)
    if mutate is not None:
        mutate(vector)
    target = tmp_path / (name or source.name)
    target.write_text(json.dumps(vector), encoding="utf-8")
    return target


def test_a_wrong_expectation_fails_with_a_message(tmp_path: Path) -> None:
    source = VECTORS / "line" / "simple-one-year.json"

    def wrong(vector: dict[str, Any]) -> None:
        vector["expected"]["presentValue"] = "1000.01"
        vector["expected"]["yearValues"] = ["999.99"]

    _copy(tmp_path, source, wrong)
    report = run_conformance(tmp_path)
    assert report.summary_line() == "0 passed, 1 failed"
    (outcome,) = report.outcomes
    assert outcome.status is VectorStatus.FAILED
    assert any("presentValue: expected 1000.01, got 1000.00" in m for m in outcome.messages)
    assert any("yearValues[0]" in m for m in outcome.messages)
    assert not report.ok


def test_a_wrong_error_code_and_an_accepted_line_fail() -> None:
    source = VECTORS / "line-error" / "duration-zero.json"
    wrong_code = load_vector(source)
    wrong_code["expectedError"]["code"] = "negative-quantity"
    assert "got 'duration-below-one'" in check_line_error_vector(wrong_code)[0]
    valid = load_vector(source)
    valid["line"]["durationYears"] = 2
    assert "but the line was valued" in check_line_error_vector(valid)[0]


def test_unknown_kind_is_skipped_not_passed(tmp_path: Path) -> None:
    shutil.copy(VECTORS / "line" / "simple-one-year.json", tmp_path)
    (tmp_path / "document").mkdir()
    (tmp_path / "document" / "doc-one.json").write_text(
        json.dumps({"id": "doc-one", "kind": "future-kind", "description": "later"}),
        encoding="utf-8",
    )
    report = run_conformance(tmp_path)
    assert report.summary_line() == "1 passed, 0 failed"
    assert report.skipped == 1
    assert "no checker for kind 'future-kind'" in report.outcomes[0].messages[0]


def test_registered_kind_is_dispatched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def check_document(vector: Any) -> list[str]:
        seen.append(vector["id"])
        return [] if vector["ok"] else ["document mismatch"]

    monkeypatch.setitem(VECTOR_KINDS, "document", check_document)
    for name, ok in (("doc-good", True), ("doc-bad", False)):
        (tmp_path / f"{name}.json").write_text(
            json.dumps({"id": name, "kind": "document", "description": "d", "ok": ok}),
            encoding="utf-8",
        )
    report = run_conformance(tmp_path)
    assert sorted(seen) == ["doc-bad", "doc-good"]
    assert report.summary_line() == "1 passed, 1 failed"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"id": "x", "kind": "line"', "not a readable strict JSON"),
        ('{"id": "x", "id": "x", "kind": "line", "description": "d"}', "duplicate key"),
        ('{"id": "x", "kind": "line", "description": "d", "n": NaN}', "not allowed"),
        ('{"kind": "line", "description": "d"}', "non-empty string 'id'"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_malformed_files_fail(tmp_path: Path, text: str, fragment: str) -> None:
    (tmp_path / "x.json").write_text(text, encoding="utf-8")
    report = run_conformance(tmp_path)
    assert report.failed == 1
    assert fragment in report.outcomes[0].messages[0]


def test_malformed_line_vector_is_a_failure(tmp_path: Path) -> None:
    def drop_expected(vector: dict[str, Any]) -> None:
        del vector["expected"]

    _copy(tmp_path, VECTORS / "line" / "simple-one-year.json", drop_expected)
    report = run_conformance(tmp_path)
    assert "malformed vector" in report.outcomes[0].messages[0]


def test_duplicate_id_and_misnamed_file_fail(tmp_path: Path) -> None:
    source = VECTORS / "line" / "simple-one-year.json"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(source, tmp_path / "a")
    shutil.copy(source, tmp_path / "b")

    def rename(vector: dict[str, Any]) -> None:
        vector["id"] = "different-id"

    _copy(tmp_path, source, rename, name="other-name.json")
    report: ConformanceReport = run_conformance(tmp_path)
    messages = [m for outcome in report.outcomes for m in outcome.messages]
    assert report.summary_line() == "1 passed, 2 failed"
    assert any("duplicate id" in m for m in messages)
    assert any("named after the id: different-id.json" in m for m in messages)


def test_missing_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(ConformanceError, match="not a directory"):
        run_conformance(tmp_path / "absent")


def test_empty_directory_is_not_ok(tmp_path: Path) -> None:
    report = run_conformance(tmp_path)
    assert report.summary_line() == "0 passed, 0 failed"
    assert not report.ok
