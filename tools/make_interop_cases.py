r"""Write the 2.0 schema-level invalid examples and the interop edge cases.

Each case is a committed 2.0 example with one change. The schema-level counterparts of
``examples/invalid/`` go to ``examples/2.0/invalid/``; edge cases where validators in
different languages used to disagree (calendar dates, ``\S`` versus ASCII, a date-time
with a space, ``2.0`` as an integer, trailing newlines, huge numbers) go to
``tests/interop/cases/``. Each folder gets a ``cases.csv`` with the verdict every
validator must give; ``tests/test_interop.py`` checks them all.

    python tools/make_interop_cases.py
"""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "2.0"
BASES = {
    "bid": "bid.json",
    "tender": "tender.json",
    "evidenceReport": "evidence-report.json",
    "catalogue": "catalogue.illustrative.json",
}
RAW = "@@raw:"
"""A string value written as this prefix plus JSON text is emitted as that raw text."""

Change = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _delete(key: str) -> Change:
    return lambda data: data.pop(key) and None


def _rename(old: str, new: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        data[new] = data.pop(old)

    return change


def _both_discounts(data: dict[str, Any]) -> None:
    data["conventions"]["discountSchedule"] = [{"fromPeriod": 1, "rate": "0.0225"}]


INVALID = [
    ("schema-type", "bid", _set("commitments/0/durationYears", "2"), "durationYears as a string"),
    ("schema-type-float", "bid", _set("bidPrice/amount", f"{RAW}4650000.5"),
     "money amount as a JSON number"),
    ("schema-type-1e999", "bid", _set("bidPrice/amount", f"{RAW}1e999"),
     "1e999 (beyond float range) in a money field"),
    ("schema-required", "bid", _delete("supplier"), "the required supplier is missing"),
    ("schema-unknown-field", "bid", _rename("commitments", "comitments"),
     "commitments misspelt as comitments"),
    ("schema-format", "bid", _set("commitments/0/areas/0/code", "GM363"),
     "CBS municipality code with three digits"),
    ("schema-code", "bid", _set("commitments/0/fulfilment", "afkoop"),
     "fulfilment not in its closed codelist"),
    ("schema-date", "bid", _set("submitted", "20-02-2026"), "date written day-month-year"),
    ("schema-range", "bid", _set("commitments/0/durationYears", 0), "durationYears 0"),
    ("schema-format-trailing-newline", "bid", _set("bidPrice/amount", "4650000.00\n"),
     "money amount with a trailing newline"),
    ("schema-choice", "catalogue", _both_discounts,
     "conventions give both discountRate and discountSchedule"),
]  # fmt: skip

_OCID = "tender"
EDGE = [
    ("date-leap-day", "bid", _set("submitted", "2028-02-29"), True, "29 February of a leap year"),
    ("date-not-leap", "bid", _set("submitted", "2027-02-29"), False, "29 February of 2027"),
    ("date-century-not-leap", "bid", _set("submitted", "2100-02-29"), False, "2100: no leap year"),
    ("date-day-31-april", "bid", _set("submitted", "2026-04-31"), False, "31 April"),
    ("date-year-zero", "bid", _set("submitted", "0000-01-01"), False, "year 0000"),
    ("date-single-digit-month", "bid", _set("submitted", "2026-2-20"), False, "month without zero"),
    ("date-with-time", "bid", _set("submitted", "2026-02-20T00:00:00Z"), False,
     "a date-time where a date is expected"),
    ("date-trailing-newline", "bid", _set("submitted", "2026-02-20\n"), False,
     "date with a trailing newline"),
    ("datetime-space", "evidenceReport", _set("items/0/history/0/at", "2026-10-06 09:15:00+02:00"),
     False, "date-time with a space instead of T"),
    ("datetime-lowercase-t", "evidenceReport",
     _set("items/0/history/0/at", "2026-10-06t09:15:00+02:00"), False, "lower-case t"),
    ("datetime-no-zone", "evidenceReport", _set("items/0/history/0/at", "2026-10-06T09:15:00"),
     False, "date-time without a time zone"),
    ("datetime-leap-second", "evidenceReport",
     _set("items/0/history/0/at", "2026-12-31T23:59:60Z"), False, "leap second 60"),
    ("datetime-fraction-utc", "evidenceReport",
     _set("items/0/history/0/at", "2026-10-06T09:15:00.123456Z"), True, "microseconds and Z"),
    ("datetime-impossible-day", "evidenceReport",
     _set("items/0/history/0/at", "2026-02-30T09:15:00Z"), False, "30 February"),
    ("ocid-ascii", _OCID, _set("ocid", "ocds-a1b2c3-ams/2026:0042"), True, "ocid in visible ASCII"),
    ("ocid-u001c", _OCID, _set("ocid", "ocds-a1b2c3-ams\u001c2026"), False,
     "ocid with U+001C (Python \\s, not ECMA \\s)"),
    ("ocid-u0085", _OCID, _set("ocid", "ocds-a1b2c3-ams\u00852026"), False,
     "ocid with U+0085 (Python \\s, not ECMA \\s)"),
    ("ocid-ufeff", _OCID, _set("ocid", "ocds-a1b2c3-ams\ufeff2026"), False,
     "ocid with U+FEFF (ECMA \\s, not Python \\s)"),
    ("ocid-non-ascii", _OCID, _set("ocid", "ocds-a1b2c3-amé"), False, "ocid with a letter é"),
    ("url-non-ascii", "catalogue", _set("proxyValues/0/source/url", "https://example.org/é"), False,
     "source URL with a non-ASCII character (must be percent-encoded)"),
    ("url-ascii", "catalogue", _set("proxyValues/0/source/url", "https://example.org/a%C3%A9?q=1"),
     True, "percent-encoded source URL"),
    ("integer-written-2.0", "bid", _set("commitments/0/durationYears", f"{RAW}2.0"), True,
     "an integer written 2.0 (Draft 2020-12: a number with zero fraction is an integer)"),
    ("integer-written-2e0", "bid", _set("commitments/0/durationYears", f"{RAW}2e0"), True,
     "an integer written 2e0"),
    ("integer-fraction", "bid", _set("commitments/0/durationYears", f"{RAW}2.5"), False,
     "2.5 where an integer is expected"),
    ("integer-huge", "bid", _set("commitments/0/durationYears", f"{RAW}100000000000000000000001"),
     False, "an integer beyond 64 bits (above the maximum)"),
    ("integer-1e400", "bid", _set("commitments/0/durationYears", f"{RAW}1e400"), False,
     "1e400 where an integer is expected"),
    ("sdg-written-8.0", "catalogue", _set("themes/0/sdgs/0", f"{RAW}8.0"), True,
     "an integer written 8.0 inside an array"),
    ("money-three-decimals", "bid", _set("bidPrice/amount", "4650000.005"), False,
     "money amount with three decimals"),
    ("money-long-fraction", "bid", _set("bidPrice/amount", "3388000.0000000005"), False,
     "money amount with ten decimals"),
    ("money-thirty-digits", "bid", _set("bidPrice/amount", "123456789012345678901234567890.12"),
     True, "money amount with 30 digits before the point"),
    ("money-thirty-one-digits", "bid", _set("bidPrice/amount", "1234567890123456789012345678901"),
     False, "money amount with 31 digits"),
    ("money-exponent", "bid", _set("bidPrice/amount", "4.65E+6"), False, "exponent notation"),
    ("currency-unknown", "bid", _set("bidPrice/currency", "ABC"), False, "not an ISO 4217 code"),
    ("currency-lower-case", "bid", _set("bidPrice/currency", "eur"), False, "lower-case currency"),
    ("id-trailing-newline", "bid", _set("commitments/0/id", "c-01\n"), False,
     "identifier with a trailing newline"),
    ("unit-unknown", "bid", _set("commitments/0/quantity/unit", "people"), False,
     "unit not in the closed unit codelist"),
    ("evidence-type-open", "evidenceReport", _set("items/0/documents/0/type", "video-diary"),
     True, "evidence type not in the open codelist (a warning, not a schema error)"),
    ("version-as-number", "bid", _set("standardVersion", f"{RAW}2.0"), False,
     "standardVersion as a JSON number"),
    ("document-type-number", "bid", _set("documentType", f"{RAW}1"), False,
     "documentType as a number"),
    ("decimal-quantity-trailing-newline", "bid", _set("commitments/0/quantity/value", "8\n"), False,
     "quantity with a trailing newline"),
]  # fmt: skip


def _text(data: dict[str, Any]) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    while f'"{RAW}' in text:
        start = text.index(f'"{RAW}')
        end = text.index('"', start + 1)
        text = text[:start] + text[start + 1 + len(RAW) : end] + text[end + 1 :]
    return text


def _write(folder: Path, rows: list[tuple[str, str, Change, bool, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "cases.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "verdict", "description"])
        for name, base, change, valid, description in rows:
            data = json.loads((EXAMPLES / BASES[base]).read_text(encoding="utf-8"))
            data = copy.deepcopy(data)
            change(data)
            file = f"{name}.{base}.json"
            (folder / file).write_text(_text(data), encoding="utf-8")
            writer.writerow([file, "valid" if valid else "invalid", description])


def main() -> None:
    _write(EXAMPLES / "invalid", [(n, b, c, False, d) for n, b, c, d in INVALID])
    _write(ROOT / "tests" / "interop" / "cases", EDGE)


if __name__ == "__main__":
    main()
