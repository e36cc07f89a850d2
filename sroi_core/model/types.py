"""Shared value types: exact decimals, money, quantities, periods, bilingual text, ids.

Wire format (normative): every exact number — money, quantities, fractions, rates — is a
JSON *string* in plain decimal notation (``"1234.50"``, never ``1234.5`` or ``"1.2E+3"``).
JSON numbers are read as binary floats by most parsers, which would lose cents; a string
survives every language unchanged. The exported schemas accept exactly this form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    Strict,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from sroi_core._decimal import decimal_text
from sroi_core.codelists import codelist
from sroi_core.errors import MixedValuationBasisError
from sroi_core.model._base import SroiModel

DECIMAL_PATTERN = r"^-?(0|[1-9][0-9]{0,29})(\.[0-9]{1,20})?$"
NON_NEGATIVE_PATTERN = r"^(0|[1-9][0-9]{0,29})(\.[0-9]{1,20})?$"
RATE_PATTERN = r"^(-0\.[0-9]{0,19}[1-9]|(0|[1-9][0-9]{0,29})(\.[0-9]{1,20})?)$"
FRACTION_PATTERN = r"^(0(\.[0-9]{1,20})?|1(\.0{1,20})?)$"
MAX_DECIMAL_TEXT = 52


_PLAIN_DECIMAL = re.compile(DECIMAL_PATTERN)


def _parse_decimal(value: Any, info: ValidationInfo) -> Decimal:
    """Accept decimal strings, ``Decimal`` and ``int``; refuse floats and booleans.

    Floats are refused because they have already lost the exact value; the message tells
    the writer to send a string. Every value must have the wire form the schema's pattern
    describes (at most 30 digits before and 20 after the point), whatever its Python
    type, so that what the model accepts it can also write.
    """
    in_document = isinstance(info.context, dict) and bool(info.context.get("document"))
    if isinstance(value, bool | float) or (in_document and not isinstance(value, str)):
        raise ValueError('exact numbers are written as decimal strings, e.g. "1234.50"')
    if isinstance(value, Decimal | int):
        parsed = Decimal(value)
        if not parsed.is_finite():
            raise ValueError("must be a finite number")
        text = decimal_text(parsed)
    elif isinstance(value, str):
        text = value
        if len(text) > MAX_DECIMAL_TEXT:
            raise ValueError("decimal text is too long")
    else:
        raise ValueError("must be a decimal string")
    if _PLAIN_DECIMAL.fullmatch(text) is None:
        raise ValueError(
            f"{text[:40]!r} must be plain decimal notation with at most 30 digits before and "
            '20 after the point, e.g. "1234.50"'
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError(f"{text!r} is not a decimal number") from None


_DECIMAL_IN = BeforeValidator(_parse_decimal)


FAST_PATH = "fast-path"
CHECKED_PATH = "checked-path"
"""Labels of the two branches in an error's location (see :func:`error_location`)."""


def error_location(loc: tuple[int | str, ...]) -> tuple[int | str, ...] | None:
    """An error's location without FastPath branch labels; None for a fast-path error.

    A value both paths refuse gets an error from each; the checked path's says why.
    """
    if FAST_PATH in loc:
        return None
    return tuple(part for part in loc if part != CHECKED_PATH)


@dataclass(frozen=True, eq=False)  # hashed by identity: typing hashes annotations
class FastPath:
    """Annotation: try a compiled pydantic-core validator first, the Python one after.

    ``fast`` accepts only the common, well-formed case of what the annotations before it
    accept (a decimal string matching the schema's own pattern, a closed code, a
    ``YYYY-MM-DD`` string) and gives the same value they would; anything else falls through
    to them, so verdicts and messages of refused values are theirs. Reading a large
    document then costs no Python call per value. Annotations after this one (the JSON
    Schema, the serialiser) apply to both paths.
    """

    fast: CoreSchema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The union of the fast schema and the schema of the preceding annotations."""
        return core_schema.union_schema(
            [(self.fast, FAST_PATH), (handler(source), CHECKED_PATH)], mode="left_to_right"
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The JSON Schema of the checked path alone: the fast path changes no verdict."""
        if schema["type"] == "union":
            checked = schema["choices"][-1]
            return handler(checked if isinstance(checked, dict) else checked[0])
        return handler(schema)  # pragma: no cover - this annotation always builds a union


_shared_decimal = lru_cache(maxsize=8192)(Decimal)
"""``Decimal(text)``, one object per text while the text is in use.

A document repeats a few thousand numbers over many lines (quantities, adjustment
shares). A ``Decimal`` is immutable, so lines may share one; sharing makes reading a large
document cheaper and, more so, everything that hashes its numbers later: a ``Decimal``
computes its hash once (about a microsecond) and keeps it. Bounded, so a server reading
document after document holds a few megabytes at most."""


def _decimal_fast_path(pattern: str) -> FastPath:
    """Decimal strings that match ``pattern`` (Rust regex: ``$`` is the end of the text)."""
    return FastPath(
        core_schema.chain_schema(
            [
                core_schema.str_schema(pattern=pattern, strict=True),
                core_schema.no_info_plain_validator_function(_shared_decimal),
            ]
        )
    )


_DECIMAL_OUT = PlainSerializer(decimal_text, return_type=str, when_used="always")


def _decimal_schema(pattern: str, description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern, "description": description})


def _non_negative(value: Decimal) -> Decimal:
    if value.is_signed():
        raise ValueError("must not be negative")
    return value


def _fraction(value: Decimal) -> Decimal:
    if value.is_signed() or value > 1:
        raise ValueError("must be a fraction between 0 and 1")
    return value


DecimalString = Annotated[
    Decimal,
    _DECIMAL_IN,
    _decimal_fast_path(DECIMAL_PATTERN),
    _DECIMAL_OUT,
    _decimal_schema(DECIMAL_PATTERN, "An exact decimal number written as a string."),
]
"""Any exact decimal, written as a string."""

NonNegativeDecimal = Annotated[
    Decimal,
    _DECIMAL_IN,
    AfterValidator(_non_negative),
    _decimal_fast_path(NON_NEGATIVE_PATTERN),
    _DECIMAL_OUT,
    _decimal_schema(NON_NEGATIVE_PATTERN, "A non-negative exact decimal written as a string."),
]
"""An exact decimal >= 0, written as a string."""

Fraction = Annotated[
    Decimal,
    _DECIMAL_IN,
    AfterValidator(_fraction),
    _decimal_fast_path(FRACTION_PATTERN),
    _DECIMAL_OUT,
    _decimal_schema(FRACTION_PATTERN, "A fraction from 0 to 1 inclusive, written as a string."),
]
"""A share in [0, 1] (deadweight, attribution, displacement, drop-off, weights)."""


def _rate(value: Decimal) -> Decimal:
    if value.is_signed() and re.fullmatch(RATE_PATTERN, decimal_text(value)) is None:
        raise ValueError(
            "a negative discount rate is written -0.xxx (greater than -1, no trailing zeros)"
        )
    return value


DiscountRate = Annotated[
    Decimal,
    _DECIMAL_IN,
    AfterValidator(_rate),
    _decimal_fast_path(NON_NEGATIVE_PATTERN),  # negative rates take the checked path
    _DECIMAL_OUT,
    _decimal_schema(
        RATE_PATTERN,
        "A yearly discount rate as a fraction greater than -1 (0.0225 for 2.25 %), "
        "written as a string.",
    ),
]
"""A discount rate > -1 (negative real rates are allowed, as Dutch rules for risk-free
flows allow). A negative rate is written ``-0.xxx`` without trailing zeros, so one
pattern expresses the bound in the schema and the model alike."""


def code_type(name: str) -> Any:
    """A string drawn from codelist ``name``.

    A closed codelist is enumerated in the schema and refused otherwise; an open one takes
    any code (the semantic layer warns about unknown codes).
    """
    listing = codelist(name)
    if listing.closed:

        def check(value: str) -> str:
            if value not in listing:
                raise ValueError(f"{value!r} is not in the closed codelist {name!r}")
            return value

        return Annotated[
            str,
            AfterValidator(check),
            FastPath(core_schema.literal_schema(list(listing.values))),
            WithJsonSchema({"type": "string", "enum": list(listing.values), "x-codelist": name}),
        ]
    return Annotated[
        str,
        Field(min_length=1, max_length=100),
        WithJsonSchema(
            {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "x-codelist": name,
                "examples": list(listing.values),
            }
        ),
    ]


StrictInt = Annotated[int, Strict()]
"""A JSON integer: booleans, floats and numeric strings are refused, as the schema does."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """Accept a date or ``YYYY-MM-DD`` text only (no datetimes, no timestamps)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise ValueError("a date is written YYYY-MM-DD")
    if isinstance(value, str) and _ISO_DATE.fullmatch(value) is None:
        raise ValueError(f"{value[:40]!r} is not a date written YYYY-MM-DD")
    return value


_shared_date = lru_cache(maxsize=4096)(dt.date.fromisoformat)
"""``YYYY-MM-DD`` text's date, one object per text while the text is in use.

A document's periods repeat a few dates over many lines; as with ``_shared_decimal``,
lines share the (immutable) object, which also keeps its hash. An impossible date
(``2026-02-30``) raises here and is then worded by the checked path."""


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    FastPath(
        core_schema.chain_schema(
            [
                core_schema.str_schema(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", strict=True),
                core_schema.no_info_plain_validator_function(_shared_date),
            ]
        )
    ),
]
"""A calendar date, written ``YYYY-MM-DD`` (the schema's ``format: date``)."""

_ISO_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _iso_date_time(value: Any) -> Any:
    """Accept an aware datetime or RFC 3339 text with an offset."""
    if isinstance(value, str) and _ISO_DATE_TIME.fullmatch(value) is None:
        raise ValueError(f"{value[:40]!r} is not an RFC 3339 date-time with a time zone")
    if not isinstance(value, dt.datetime | str):
        raise ValueError("a timestamp is written as RFC 3339 text with a time zone")
    return value


IsoDateTime = Annotated[
    AwareDatetime,
    BeforeValidator(_iso_date_time),
    FastPath(
        core_schema.chain_schema(
            [
                core_schema.str_schema(
                    pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                    r"(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-5][0-9])$",
                    strict=True,
                ),
                core_schema.no_info_plain_validator_function(dt.datetime.fromisoformat),
            ]
        )
    ),
]
"""A time-zone-aware timestamp, written in RFC 3339 (the schema's ``format: date-time``).

The fast path reads the common form (upper-case ``T`` and ``Z``, at most microseconds) with
the standard library's C parser: the same instant and offset, written back alike, and its
offset a ``datetime.timezone``, which a comparison of two timestamps asks in C. An
impossible time (``25:00``, a leap second) raises there and is worded by the checked path."""

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]
"""An identifier: letters, digits and ``. _ : -``, at most 128 characters."""

CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code such as ``EUR``."""

Year = Annotated[StrictInt, Field(ge=1900, le=2200)]
"""A calendar year."""


class LocalizedText(SroiModel):
    """Text in Dutch and/or English; at least one language is given."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    nl: str | None = Field(default=None, min_length=1)
    en: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_language(self) -> Self:
        if self.nl is None and self.en is None:
            raise ValueError("give the text in at least one language (nl or en)")
        return self

    def text(self, language: str = "en") -> str:
        """The text in ``language``, falling back to the other language."""
        preferred = self.nl if language == "nl" else self.en
        return preferred or self.en or self.nl or ""


class Money(SroiModel):
    """An exact, non-negative amount of money in one currency.

    Adding two amounts of different currencies raises: exchange rates are data with a
    source, never implicit.
    """

    amount: NonNegativeDecimal
    currency: CurrencyCode

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if type(other) is not type(self):
            raise MixedValuationBasisError(
                f"cannot add {type(other).__name__} to {type(self).__name__}: outcome values "
                "and obligation credits are never summed"
            )
        if other.currency != self.currency:
            raise MixedValuationBasisError(
                f"cannot add {other.currency} to {self.currency} without an exchange rate"
            )
        return type(self)(amount=self.amount + other.amount, currency=self.currency)


class OutcomeValue(Money):
    """Money that measures an outcome (fiscal, economic, wellbeing, market, social cost)."""


class ObligationCredit(Money):
    """A credit toward an effort-based social-return quota (bouwblokken); not a welfare value.

    Adding it to an :class:`OutcomeValue` raises MixedValuationBasisError: the standard
    never sums the two.
    """


if TYPE_CHECKING:
    UnitCode = str
else:
    UnitCode = code_type("unit")


class Quantity(SroiModel):
    """An exact amount in a unit from the unit codelist."""

    value: NonNegativeDecimal
    unit: UnitCode


class Period(SroiModel):
    """A closed date interval. That ``start`` is not after ``end`` is a semantic rule."""

    start: IsoDate
    end: IsoDate

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        # The model refuses a reversed period itself, so no code builds one that validate
        # would reject; for a file, documents.py reports it as rule period.order.
        if self.start > self.end:
            raise PydanticCustomError(
                "period_order",
                "the period starts on {start} but ends on {end}",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end


_PERIODS: dict[tuple[dt.date, dt.date], Period] = {}
_PERIODS_HELD = 4096


def _shared_period(period: Period) -> Period:
    """An equal period already read, or ``period`` itself (then kept for the next line).

    A document's lines repeat a few periods (the contract's, its years or quarters); one
    object per distinct period, like one per date (``_shared_date``), makes reading a
    large document's periods a pass over a few objects instead of one scattered object per
    line, and holds less memory. Periods are frozen and have no optional field, so the
    shared object is equal in every respect, written alike. Bounded: a server reading
    document after document holds a few thousand.
    """
    key = (period.start, period.end)
    found = _PERIODS.get(key)
    if found is not None:
        return found
    if len(_PERIODS) >= _PERIODS_HELD:
        _PERIODS.clear()
    _PERIODS[key] = period
    return period


SharedPeriod = Annotated[Period, AfterValidator(_shared_period)]
"""A :class:`Period` field of a document's lines (commitments, evidence items): equal
periods read as one object (see ``_shared_period``)."""


AREA_PATTERN = r"^(GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8})$"


class Area(SroiModel):
    """A CBS region: municipality (GM), district (WK) or neighbourhood (BU) code.

    The code carries its parents (BU03630100 lies in WK036301 and GM0363), so whether a
    claim is "local" can be checked without a lookup table.
    """

    code: Annotated[str, Field(pattern=AREA_PATTERN)]
    name: str | None = Field(default=None, min_length=1)

    @property
    def municipality(self) -> str:
        """The GM code of the municipality the area lies in."""
        return "GM" + self.code[2:6]

    def within(self, other: Area) -> bool:
        """Whether this area lies inside (or is) ``other``."""
        return self.code[2:].startswith(other.code[2:]) and len(other.code) <= len(self.code)


class OrganisationId(SroiModel):
    """An organisation identifier as OCDS writes it: a scheme (``NL-KVK``) and an id."""

    scheme: Annotated[str, Field(pattern=r"^[A-Z]{2}-[A-Z0-9]+$")]
    id: Annotated[str, Field(min_length=1, max_length=64)]


class Organisation(SroiModel):
    """A buyer, supplier or partner organisation."""

    identifier: OrganisationId
    name: str = Field(min_length=1)


class DocumentRef(SroiModel):
    """A reference to another document by id and, where it matters, version."""

    id: Identifier
    version: str | None = Field(default=None, min_length=1, max_length=32)

    def matches(self, document_id: str, version: str | None = None) -> bool:
        """Whether this reference names the document ``document_id`` (of ``version``).

        A reference without a version matches any version; one with a version matches
        only a document of that version (when the document has one).
        """
        if self.id != document_id:
            return False
        return self.version is None or version is None or self.version == version

    @property
    def text(self) -> str:
        """``id version`` as shown in messages."""
        return self.id + (f" {self.version}" if self.version else "")
