"""ProxyValue: a published money value per unit of an indicator."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from sroi_core._decimal import exact_context, round_cent
from sroi_core.model._base import SroiModel
from sroi_core.model.codes import ValuationBasis
from sroi_core.model.source import Source
from sroi_core.model.types import (
    CurrencyCode,
    DecimalString,
    Identifier,
    IsoDate,
    LocalizedText,
    NonNegativeDecimal,
    UnitCode,
    Year,
    code_type,
)
from sroi_core.model.versions import since

if TYPE_CHECKING:
    LicenceCode = str
else:
    LicenceCode = code_type("licence")


class ValueRange(SroiModel):
    """Low, central and high values per unit; the range drives the sensitivity analysis."""

    low: NonNegativeDecimal | None = None
    central: NonNegativeDecimal
    high: NonNegativeDecimal | None = None


class Scope(SroiModel):
    """Where and by whom the value applies (a bouwblokken table is regional, say)."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    region: str | None = Field(default=None, min_length=1)
    issuing_body: str | None = Field(default=None, min_length=1)


class CurrencyTransfer(SroiModel):
    """A value moved from another country's currency, with the rate and its source.

    ``exchange_rate`` is quoted as the ECB does: units of ``original_currency`` per one
    unit of the catalogue's currency (e.g. GBP per EUR), so the proxy's central value is
    ``original_value / exchange_rate``. Every result that uses such a value is flagged
    ``currency-transfer``.
    """

    original_currency: CurrencyCode
    original_value: NonNegativeDecimal
    exchange_rate: NonNegativeDecimal = Field(
        description="Units of the original currency per one unit of the catalogue currency "
        "(ECB quotation, e.g. 0.85276 GBP per EUR); central value = originalValue / exchangeRate."
    )
    rate_source: Source
    note: LocalizedText | None = None
    method: Literal["market-rate", "ppp"] | None = Field(
        default=None,
        description="market-rate: a market exchange rate; ppp: a purchasing-power-parity "
        "conversion factor, the usual choice in benefit transfer (standard 2.0).",
        json_schema_extra=since("2.0"),
    )


class WellbeingDerivation(SroiModel):
    """A value derived through the wellbeing route: effect x WELLBY value (2.0).

    Anyone can re-run it: the proxy's central value must equal ``life_satisfaction_effect``
    x ``wellby_value`` (divided by the transfer's exchange rate when the WELLBY value is in
    another currency), rounded half-even to the cent.
    """

    life_satisfaction_effect: DecimalString = Field(
        description="The published effect on life satisfaction (0-10 scale) per unit of the "
        "indicator, per year."
    )
    effect_low: DecimalString | None = None
    effect_high: DecimalString | None = None
    effect_source: Source
    population: LocalizedText
    wellby_value: NonNegativeDecimal
    wellby_currency: CurrencyCode
    wellby_price_year: Year
    wellby_source: Source
    transfer: CurrencyTransfer | None = None

    def central_value(self) -> Decimal:
        """Effect x WELLBY value (transferred), rounded half-even to the cent."""
        context = exact_context()
        value = context.multiply(self.life_satisfaction_effect, self.wellby_value)
        if self.transfer is not None:
            value = context.divide(value, self.transfer.exchange_rate)
        return round_cent(value)


class ProxyValue(SroiModel):
    """A money value per unit of an indicator, traceable to its published source.

    1.0: ``price_year`` is absent when the source does not state one; such a value is
    used as published, never rebased. 2.0: every value has a price year; where the source
    states none, the method's written rule assigns the source's publication year and
    ``price_year_basis`` is ``assumed`` (docs/valuation-method.md, price years).
    """

    id: Identifier
    indicator: Identifier
    valuation_basis: ValuationBasis
    value: ValueRange
    currency: CurrencyCode
    per_unit: UnitCode
    price_year: Year | None = None
    source: Source
    scope: Scope
    effective_from: IsoDate
    licence: LicenceCode
    transfer: CurrencyTransfer | None = None
    note: LocalizedText | None = None
    wellbeing_derivation: WellbeingDerivation | None = Field(
        default=None,
        description="How a wellbeing-route value was derived: published effect x WELLBY value "
        "(standard 2.0).",
        json_schema_extra=since("2.0"),
    )
    price_year_basis: Literal["stated", "assumed"] | None = Field(
        default=None,
        description="Whether the source states the price year or the method's rule assigned "
        "it (the source's publication year); assumed years are rebased and flagged "
        "price-year-assumed (standard 2.0).",
        json_schema_extra=since("2.0"),
    )
