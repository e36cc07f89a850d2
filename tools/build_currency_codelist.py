"""Write ``sroi_core/codelists/currency.csv``: the ISO 4217 codes legal tender today.

Source: the ISO 4217 currency codes that Unicode CLDR records as current legal tender of
some territory, with their English and Dutch names, as shipped in Babel. Run it again
after a Babel upgrade to pick up a new or withdrawn currency (the file is committed, so
the package never needs Babel to read it).

    python tools/build_currency_codelist.py
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from babel import Locale
from babel import __version__ as babel_version
from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies

TARGET = Path(__file__).resolve().parents[1] / "sroi_core" / "codelists" / "currency.csv"


def main() -> None:
    today = dt.date.today()
    territories = get_global("territory_currencies")
    codes: set[str] = set()
    for territory in territories:
        codes.update(get_territory_currencies(territory, start_date=today, tender=True))
    english = Locale("en")
    rows = [
        {
            "code": code,
            "title_en": get_currency_name(code, locale=english),
            "title_nl": get_currency_name(code, locale="nl"),
            "description": f"ISO 4217 code {code} (legal tender per Unicode CLDR, "
            f"Babel {babel_version}).",
        }
        for code in sorted(codes)
        if len(code) == 3 and code.isalpha() and code.isupper()
    ]
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} currencies -> {TARGET}")


if __name__ == "__main__":
    main()
