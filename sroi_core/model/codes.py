"""Enumerations of the closed codelists that the code itself branches on.

The CSV files in :mod:`sroi_core.codelists` are the source of truth; a test checks that
each enum here has exactly the codes of its CSV file.
"""

from __future__ import annotations

from enum import StrEnum


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
