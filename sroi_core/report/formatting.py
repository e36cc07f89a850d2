"""Numbers, money, percentages and dates as people read them: Dutch (nl_NL) or English.

Formatting uses **babel** (CLDR data), a dependency of sroi-core. babel is imported when a
:class:`Formatter` is made, never when this module is imported, so start-up stays fast; an
installation that lost it gets :class:`ReportDependencyError` with the reinstall hint from
:func:`require_babel`, never a traceback.

Dutch: ``€ 1.234,56``, ``22,2%``, ``26 november 2026``. English (en_GB): ``€1,234.56``,
``22.2%``, ``26 November 2026``. Figures are formatted from exact decimals as they are; money
is always shown to the cent (the engine has already rounded it, half to even).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from importlib import import_module
from typing import Any

from sroi_core._decimal import display_context
from sroi_core.errors import SroiError

LANGUAGES = ("nl", "en")
"""Languages a report can be written in."""

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
"""The CLDR locale of each report language."""

EN_DASH = "\u2013"
"""The dash between the ends of a period, and for a missing figure."""

INSTALL_HINT = (
    "reinstall sroi-core, which depends on babel (pip install --force-reinstall sroi-core)"
)


class ReportDependencyError(SroiError):
    """babel, needed for Dutch and English number and date formats, is not installed."""


def require_babel() -> tuple[Any, Any]:
    """Return babel's ``numbers`` and ``dates`` modules; raise with the install hint.

    The import is repeated on every call (a dictionary lookup once babel is loaded), so a
    test can hide babel for one call.
    """
    try:
        numbers = import_module("babel.numbers")
        dates = import_module("babel.dates")
    except ImportError:
        raise ReportDependencyError(
            "sroi report needs the babel package for Dutch and English number and date "
            f"formats and it is missing from this installation; {INSTALL_HINT}"
        ) from None
    return numbers, dates


def check_language(language: str) -> str:
    """Return ``language`` when a report can be written in it; raise SroiError otherwise."""
    if language not in LANGUAGES:
        raise SroiError(f"unknown report language {language!r}; use one of: nl, en")
    return language


class Formatter:
    """Formats figures for one report language."""

    def __init__(self, language: str) -> None:
        self.language = check_language(language)
        self.locale = LOCALES[language]
        self._numbers, self._dates = require_babel()

    def money(self, amount: Decimal, currency: str = "EUR") -> str:
        """An amount to the cent with its currency sign: ``€ 1.234,56`` (nl)."""
        with localcontext(display_context(amount)):  # any schema-valid size, no overflow
            text: str = self._numbers.format_currency(
                amount, currency, locale=self.locale, currency_digits=True
            )
        return text

    def number(self, value: Decimal) -> str:
        """A quantity with every significant decimal kept: ``14,2``, ``1.872``."""
        with localcontext(display_context(value)):
            text: str = self._numbers.format_decimal(
                value.normalize() if value == value.to_integral_value() else value,
                locale=self.locale,
                decimal_quantization=False,
            )
        return text

    def fixed(self, value: Decimal, places: int) -> str:
        """A number with exactly ``places`` decimals: ``0,12``."""
        pattern = "#,##0" + ("." + "0" * places if places else "")
        with localcontext(display_context(value)):
            text: str = self._numbers.format_decimal(value, format=pattern, locale=self.locale)
        return text

    def percent(self, value: Decimal, places: int = 1) -> str:
        """A figure that is already a percentage (22.2 means 22.2 %): ``22,2%``."""
        return self.fixed(value, places) + "%"

    def share(self, fraction: Decimal) -> str:
        """A fraction as a percentage with the decimals it needs: 0.0225 is ``2,25%``."""
        pattern = "#,##0.####"
        with localcontext(display_context(fraction)):
            text: str = self._numbers.format_decimal(
                fraction * 100, format=pattern, locale=self.locale
            )
        return text + "%"

    def date(self, value: dt.date) -> str:
        """A date in words: ``26 november 2026`` (nl), ``26 November 2026`` (en)."""
        text: str = self._dates.format_date(value, format="long", locale=self.locale)
        return text

    def period(self, start: dt.date, end: dt.date) -> str:
        """A closed period: ``1 maart 2027 \u2013 28 februari 2030`` (an en dash)."""
        return f"{self.date(start)} {EN_DASH} {self.date(end)}"

    def ratio(self, value: Decimal) -> str:
        """An SROI ratio: ``0,12 : 1``."""
        return f"{self.fixed(value, 2)} : 1"
