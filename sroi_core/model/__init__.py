"""The typed model of the SROI Outcome Standard: one module per concept."""

from __future__ import annotations

from sroi_core.model.award import Award
from sroi_core.model.award_rules import AwardRules
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue, FteNorm
from sroi_core.model.codes import (
    DiscountTiming,
    DocumentType,
    FulfilmentMode,
    IndicatorKind,
    ValuationBasis,
    ValuationFamily,
    VerificationStatus,
)
from sroi_core.model.commitment import AdjustmentClaim, Commitment
from sroi_core.model.conventions import DiscountEntry, ValuationConventions
from sroi_core.model.document import Document
from sroi_core.model.evidence import Evidence, EvidenceDocument, StatusChange
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.indicator import AdjustmentDefaults, Indicator
from sroi_core.model.materiality import MaterialOutcome, StakeholderInvolvement
from sroi_core.model.monitoring import Monitoring
from sroi_core.model.outcome import Outcome
from sroi_core.model.price_index import IndexPoint, PriceIndexSeries
from sroi_core.model.proxy_value import CurrencyTransfer, ProxyValue, Scope, ValueRange
from sroi_core.model.source import Source
from sroi_core.model.tender import (
    EvidenceRules,
    ScoringRules,
    Tender,
    TenderIndicator,
    ThemePriority,
)
from sroi_core.model.theme import Theme
from sroi_core.model.types import (
    Area,
    DocumentRef,
    LocalizedText,
    Money,
    ObligationCredit,
    Organisation,
    OrganisationId,
    OutcomeValue,
    Period,
    Quantity,
)
from sroi_core.model.valuation import (
    BreakEven,
    ComparisonRow,
    EngineInfo,
    LineValue,
    Scenario,
    Sensitivity,
    Total,
    Totals,
    Valuation,
    ValuationLine,
)

DOCUMENT_MODELS: dict[DocumentType, type[Document]] = {
    DocumentType.CATALOGUE: Catalogue,
    DocumentType.TENDER: Tender,
    DocumentType.BID: Bid,
    DocumentType.EVIDENCE_REPORT: EvidenceReport,
    DocumentType.VALUATION: Valuation,
    DocumentType.AWARD: Award,
    DocumentType.MONITORING: Monitoring,
}
"""The model class of each document type."""

__all__ = [
    "DOCUMENT_MODELS",
    "AdjustmentClaim",
    "AdjustmentDefaults",
    "Area",
    "Award",
    "AwardRules",
    "Bid",
    "BreakEven",
    "Catalogue",
    "Commitment",
    "ComparisonRow",
    "CurrencyTransfer",
    "DiscountEntry",
    "DiscountTiming",
    "Document",
    "DocumentRef",
    "DocumentType",
    "EngineInfo",
    "Evidence",
    "EvidenceDocument",
    "EvidenceReport",
    "EvidenceRules",
    "FteNorm",
    "FulfilmentMode",
    "IndexPoint",
    "Indicator",
    "IndicatorKind",
    "LineValue",
    "LocalizedText",
    "MaterialOutcome",
    "Money",
    "Monitoring",
    "ObligationCredit",
    "Organisation",
    "OrganisationId",
    "Outcome",
    "OutcomeValue",
    "Period",
    "PriceIndexSeries",
    "ProxyValue",
    "Quantity",
    "Scenario",
    "Scope",
    "ScoringRules",
    "Sensitivity",
    "Source",
    "StakeholderInvolvement",
    "StatusChange",
    "Tender",
    "TenderIndicator",
    "Theme",
    "ThemePriority",
    "Total",
    "Totals",
    "Valuation",
    "ValuationBasis",
    "ValuationConventions",
    "ValuationFamily",
    "ValuationLine",
    "ValueRange",
    "VerificationStatus",
]
