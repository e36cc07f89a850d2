"""Enumerations of the closed codelists that the code itself branches on.

The CSV files in :mod:`sroi_core.codelists` are the source of truth; a test checks that
each enum here has exactly the codes of its CSV file.
"""

from __future__ import annotations

from enum import StrEnum

from sroi_core.codelists import codelist


class DocumentType(StrEnum):
    """The exchange documents."""

    CATALOGUE = "catalogue"
    TENDER = "tender"
    BID = "bid"
    EVIDENCE_REPORT = "evidenceReport"
    VALUATION = "valuation"
    AWARD = "award"
    MONITORING = "monitoring"


class IndicatorKind(StrEnum):
    """Effort counted (output) versus a change for the community (outcome)."""

    OUTCOME = "outcome"
    OUTPUT = "output"


class ValuationFamily(StrEnum):
    """The two kinds of value that may never be summed with each other."""

    OUTCOME_VALUE = "outcome"
    OBLIGATION_CREDIT = "credit"


class Perspective(StrEnum):
    """Whose costs and benefits a value counts; totals of two perspectives are never summed."""

    PUBLIC_PURSE = "public-purse"
    SOCIETY = "society"


class ValuationBasis(StrEnum):
    """What a proxy value measures."""

    FISCAL = "fiscal"
    ECONOMIC = "economic"
    WELLBEING = "wellbeing"
    MARKET = "market"
    SOCIAL_COST = "social-cost"
    OBLIGATION_CREDIT = "obligation-credit"

    @property
    def family(self) -> ValuationFamily:
        """Obligation credits form their own family; every other basis is an outcome value."""
        if self is ValuationBasis.OBLIGATION_CREDIT:
            return ValuationFamily.OBLIGATION_CREDIT
        return ValuationFamily.OUTCOME_VALUE

    @property
    def perspective(self) -> Perspective | None:
        """The perspective of the codelist's ``perspective`` column; None for credits (2.0)."""
        return _PERSPECTIVES[self]


class VerificationStatus(StrEnum):
    """Where an evidence item stands; only ``verified`` counts as realised value."""

    SUBMITTED = "submitted"
    VERIFIED = "verified"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class FulfilmentMode(StrEnum):
    """How a commitment is met; payment in lieu (afkoop) is never social value."""

    DIRECT = "direct"
    PARTNER = "partner"
    PAYMENT_IN_LIEU = "payment-in-lieu"


class DiscountTiming(StrEnum):
    """Whether year t is discounted by t periods (end of year) or t-1 (start of year)."""

    END_OF_YEAR = "end-of-year"
    START_OF_YEAR = "start-of-year"


def _perspectives() -> dict[ValuationBasis, Perspective | None]:
    # Data, not code: the column of the valuationBasis codelist decides (a result-changing
    # rule of the standard is a codelist column another implementation can read).
    table = codelist("valuationBasis")
    out: dict[ValuationBasis, Perspective | None] = {}
    for basis in ValuationBasis:
        column = table.get(basis.value).get("perspective")
        out[basis] = Perspective(column) if column else None
    return out


_PERSPECTIVES = _perspectives()
