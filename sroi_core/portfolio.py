"""Portfolios: validate or value many documents in one call, across processes.

A municipality's contract portfolio, or a national monitor, is thousands of documents.
Each document is read, validated and valued on its own, so the work is spread over worker
processes (``concurrent.futures.ProcessPoolExecutor``) one file at a time; the result is
one row per document, in input order, ready for a table (:func:`as_records`,
:func:`to_dataframe`, :func:`write_table` to CSV, JSON or Parquet).

A document that cannot be read or is invalid gets a row saying so, with its first error;
it never stops the run. Rows are values (frozen models), the same whatever the number
of processes.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from decimal import Decimal
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from sroi_core.errors import InputError, SroiError
from sroi_core.fileio import write_atomic
from sroi_core.model.codes import Perspective

Task = Literal["validate", "value"]

COLUMNS = (
    "file",
    "documentType",
    "standardVersion",
    "valid",
    "errors",
    "warnings",
    "firstError",
    "lines",
    "countedLines",
    "currency",
    "outcomeValue",
    "obligationCredit",
    "sroiRatio",
    "societyValue",
    "societySroiRatio",
    "publicPurseValue",
    "publicPurseSroiRatio",
)
"""The columns of a portfolio table, in order."""


class PortfolioRow(BaseModel):
    """One document of a portfolio: its verdict and, when valued, its totals."""

    model_config = ConfigDict(frozen=True)

    file: str
    document_type: str | None = None
    standard_version: str | None = None
    valid: bool
    errors: int = 0
    warnings: int = 0
    first_error: str | None = None
    lines: int | None = None
    counted_lines: int | None = None
    currency: str | None = None
    outcome_value: Decimal | None = None
    obligation_credit: Decimal | None = None
    sroi_ratio: Decimal | None = None
    society_value: Decimal | None = None
    society_sroi_ratio: Decimal | None = None
    public_purse_value: Decimal | None = None
    public_purse_sroi_ratio: Decimal | None = None
    """2.0 valuations total per perspective, never summed: one pair of columns each."""

    def record(self) -> dict[str, Any]:
        """The row as a flat record with the table's column names."""
        values = self.model_dump()
        names = {
            "document_type": "documentType",
            "standard_version": "standardVersion",
            "first_error": "firstError",
            "counted_lines": "countedLines",
            "outcome_value": "outcomeValue",
            "obligation_credit": "obligationCredit",
            "sroi_ratio": "sroiRatio",
            "society_value": "societyValue",
            "society_sroi_ratio": "societySroiRatio",
            "public_purse_value": "publicPurseValue",
            "public_purse_sroi_ratio": "publicPurseSroiRatio",
        }
        return {names.get(key, key): value for key, value in values.items()}


def documents_in(items: Iterable[Path | str]) -> list[Path]:
    """The JSON files named: a folder stands for every ``*.json`` below it, sorted."""
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


# ------------------------------------------------------------------------ one document


@cache
def _settings_store(catalogues: tuple[str, ...]) -> Any:
    """The catalogue store of a run, built once per worker process."""
    from sroi_core.catalogue_store import CatalogueStore  # noqa: PLC0415 - worker-side import

    store = CatalogueStore()
    for path in catalogues:
        store.add_file(Path(path))
    return store


def _verdict_row(report: Any) -> PortfolioRow:
    from sroi_core.rules import Severity  # noqa: PLC0415 - worker-side import

    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    warnings = [f for f in report.findings if f.severity is Severity.WARNING]
    first = errors[0] if errors else None
    return PortfolioRow(
        file=report.file,
        document_type=report.document_type,
        standard_version=report.standard_version,
        valid=report.valid,
        errors=len(errors),
        warnings=len(warnings),
        first_error=f"{first.pointer or '/'} [{first.rule_id}] {first.message}" if first else None,
    )


def _one(
    path: str, task: Task, catalogues: tuple[str, ...], tender: str | None
) -> PortfolioRow:
    """Validate, and for ``value`` also value, one file (runs in a worker process)."""
    from sroi_core.documents import validate_file  # noqa: PLC0415
    from sroi_core.model.bid import Bid  # noqa: PLC0415
    from sroi_core.model.evidence_report import EvidenceReport  # noqa: PLC0415
    from sroi_core.model.tender import Tender  # noqa: PLC0415
    from sroi_core.valuation.document import value_document  # noqa: PLC0415

    store = _settings_store(catalogues)
    report = validate_file(
        Path(path), store, full_schema=task == "validate", for_valuation=task == "value"
    )
    row = _verdict_row(report)
    if task == "validate" or not row.valid:  # a streamed report would load its model
        return row
    document = report.document
    if not isinstance(document, Bid | EvidenceReport):
        return row
    try:
        contract = _tender(tender) if tender else None
        valuation = value_document(
            document,
            store.for_document(document),
            tender=contract if isinstance(contract, Tender) else None,
        )
    except SroiError as error:
        return row.model_copy(update={"valid": False, "errors": 1, "first_error": str(error)})
    totals = valuation.totals
    perspectives = {part.perspective: part for part in totals.by_perspective or ()}
    society = perspectives.get(Perspective.SOCIETY)
    purse = perspectives.get(Perspective.PUBLIC_PURSE)
    return row.model_copy(
        update={
            "society_value": society.present_value if society else None,
            "society_sroi_ratio": society.sroi_ratio if society else None,
            "public_purse_value": purse.present_value if purse else None,
            "public_purse_sroi_ratio": purse.sroi_ratio if purse else None,
            "lines": len(valuation.lines),
            "counted_lines": sum(1 for line in valuation.lines if line.counted),
            "currency": valuation.currency,
            "outcome_value": totals.outcome_value,
            "obligation_credit": totals.obligation_credit,
            "sroi_ratio": valuation.sroi_ratio,
        }
    )


@cache
def _tender(path: str) -> Any:
    """The tender of a run, read once per worker process."""
    from sroi_core.documents import load_document  # noqa: PLC0415 - worker-side import

    return load_document(Path(path))


# ------------------------------------------------------------------------ many documents


def _executor(jobs: int) -> Executor | None:
    """Worker processes started from a clean server process where the platform has one.

    Forking this process instead would copy whatever threads it runs (a progress bar's
    refresh thread, a server's), which Python warns against.
    """
    if jobs <= 1:
        return None
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def default_jobs() -> int:
    """Worker processes by default: the CPUs this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def run_portfolio(
    task: Task,
    items: Iterable[Path | str],
    *,
    catalogues: Iterable[Path | str] = (),
    tender: Path | str | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[PortfolioRow]:
    """Validate or value every document named (files or folders), one row each, in order.

    ``catalogues`` are catalogue files to resolve references with (the built-in ones are
    always there); ``tender`` gives the conventions for valuing bids. ``jobs`` worker
    processes (default: one per CPU; 1 runs in this process). ``progress(done, total)`` is
    called as documents finish.
    """
    paths = [str(path) for path in documents_in(items)]
    work = partial(
        _one,
        task=task,
        catalogues=tuple(str(c) for c in catalogues),
        tender=str(tender) if tender is not None else None,
    )
    workers = min(jobs or default_jobs(), max(1, len(paths)))
    rows: list[PortfolioRow] = []
    executor = _executor(workers)
    results: Iterator[PortfolioRow] = (
        map(work, paths) if executor is None else executor.map(work, paths)
    )
    try:
        for row in results:
            rows.append(row)
            if progress is not None:
                progress(len(rows), len(paths))
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return rows


def validate_portfolio(items: Iterable[Path | str], **options: Any) -> list[PortfolioRow]:
    """Validate every document named: both layers in full, as ``sroi validate`` does."""
    return run_portfolio("validate", items, **options)


def value_portfolio(items: Iterable[Path | str], **options: Any) -> list[PortfolioRow]:
    """Value every bid and evidence report named; other documents get a verdict row."""
    return run_portfolio("value", items, **options)


# ------------------------------------------------------------------------ tables


def as_records(rows: Iterable[PortfolioRow]) -> list[dict[str, Any]]:
    """The rows as flat records (decimals kept exact)."""
    return [row.record() for row in rows]


def to_dataframe(rows: Iterable[PortfolioRow]) -> Any:
    """A pandas DataFrame of the rows (the ``analysis`` extra); money stays ``Decimal``."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise SroiError(
            "a DataFrame needs pandas: pip install 'sroi-core[analysis]'"
        ) from None
    return pd.DataFrame.from_records(as_records(rows), columns=list(COLUMNS))


def to_arrow(rows: Iterable[PortfolioRow]) -> Any:
    """A pyarrow Table of the rows: money as decimal128(38, 20), exact."""
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise SroiError(
            "an Arrow table needs pyarrow: pip install 'sroi-core[parquet]'"
        ) from None
    money = pa.decimal128(38, 20)
    schema = pa.schema(
        [
            ("file", pa.string()),
            ("documentType", pa.string()),
            ("standardVersion", pa.string()),
            ("valid", pa.bool_()),
            ("errors", pa.int64()),
            ("warnings", pa.int64()),
            ("firstError", pa.string()),
            ("lines", pa.int64()),
            ("countedLines", pa.int64()),
            ("currency", pa.string()),
            ("outcomeValue", money),
            ("obligationCredit", money),
            ("sroiRatio", money),
            ("societyValue", money),
            ("societySroiRatio", money),
            ("publicPurseValue", money),
            ("publicPurseSroiRatio", money),
        ]
    )
    return pa.Table.from_pylist(as_records(rows), schema=schema)


def _csv_text(rows: Iterable[PortfolioRow]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for record in as_records(rows):
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return out.getvalue()


def table_text(rows: Iterable[PortfolioRow], table_format: str) -> str:
    """The rows as CSV or JSON text."""
    if table_format == "csv":
        return _csv_text(rows)
    if table_format == "json":
        records = as_records(rows)
        return json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"
    raise SroiError(f"unknown table format {table_format!r}; use csv or json")


def write_table(rows: list[PortfolioRow], path: Path) -> None:
    """Write the rows to ``path``: ``.parquet`` (pyarrow), ``.csv`` or ``.json``.

    Through the one atomic writer, like every file the tool writes: a reader never sees
    half a table, and a failed run leaves the previous one in place.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq  # noqa: PLC0415 - optional dependency

            buffer = io.BytesIO()
            pq.write_table(to_arrow(rows), buffer)
            write_atomic(path, buffer.getvalue())
        elif suffix in (".csv", ".json"):
            write_atomic(path, table_text(rows, suffix[1:]))
        else:
            raise InputError(
                "unknown table format", source=str(path), expected=".parquet, .csv or .json"
            )
    except ImportError:
        raise SroiError("Parquet needs pyarrow: pip install 'sroi-core[parquet]'") from None
    except OSError as error:
        raise InputError(f"cannot write the table: {error.strerror}", source=str(path)) from None
