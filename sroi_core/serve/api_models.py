"""Request and response models of the HTTP API: the source of its OpenAPI description.

Requests are read with these models (a request that does not match gets findings of rule
``request.invalid``, never a framework's own error format); document parts are taken as
JSON objects here and then validated in full by the standard's two layers, so a document
is judged exactly as ``sroi validate`` judges a file. In the OpenAPI description a document
part is a ``$ref`` to the standard's published schema of each supported version.

Responses are built by the same functions as the command line's ``--format json``
(:mod:`sroi_core.results_json`); the response models describe that JSON, and a test holds
every response of the pilot to them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from sroi_core._version import SUPPORTED_STANDARD_VERSIONS
from sroi_core.schema_export import schema_id
from sroi_core.scoring import MINIMUM_POLICIES, MinimumPolicy


def document_json_schema(*kinds: str) -> dict[str, Any]:
    """A ``$ref`` to the standard's schema of each kind, in every supported version."""
    refs = [
        {"$ref": schema_id(kind, version)}
        for kind in kinds
        for version in SUPPORTED_STANDARD_VERSIONS
    ]
    names = " or ".join(kinds)
    return {
        **({"anyOf": refs} if len(refs) > 1 else refs[0]),
        "description": f"A {names} document of any supported standard version "
        f"({', '.join(SUPPORTED_STANDARD_VERSIONS)}); GET /schemas/{{version}}/{{name}} "
        "serves the schemas. It is validated in full (schema and semantic rules).",
    }


AnyDocument = Annotated[
    dict[str, Any],
    WithJsonSchema(
        document_json_schema("catalogue", "tender", "bid", "evidenceReport", "valuation")
    ),
]
TenderDocument = Annotated[dict[str, Any], WithJsonSchema(document_json_schema("tender"))]
BidDocument = Annotated[dict[str, Any], WithJsonSchema(document_json_schema("bid"))]
CatalogueDocument = Annotated[dict[str, Any], WithJsonSchema(document_json_schema("catalogue"))]
SubjectDocument = Annotated[
    dict[str, Any], WithJsonSchema(document_json_schema("bid", "evidenceReport"))
]
ValuationDocument = Annotated[dict[str, Any], WithJsonSchema(document_json_schema("valuation"))]


class _Request(BaseModel):
    """A request body: unknown members are refused (a misspelt part is never ignored).

    ``null`` is refused as in the standard's documents: an absent part is left out. (The
    OpenAPI description, tidied like the document schemas, offers no ``null`` either.)
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _no_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = sorted(str(key) for key, item in data.items() if item is None)
            if nulls:
                raise ValueError(
                    f"null is not a value ({', '.join(nulls)}): leave an absent member out"
                )
        return data


class ValidateRequest(_Request):
    """Several documents validated together: catalogues first, then the rest against them.

    The body may also be one document on its own (an object with ``documentType``).
    """

    documents: list[AnyDocument] = Field(
        min_length=1,
        description="The documents, reported in this order as body#/documents/N. A valid "
        "catalogue among them can be referred to by the others.",
    )


class ValueRequest(_Request):
    """A bid or evidence report to value, with the documents it refers to.

    The body may also be the bid or evidence report on its own.
    """

    subject: SubjectDocument
    tender: TenderDocument | None = Field(
        default=None, description="The tender (conventions, contract value)."
    )
    bid: BidDocument | None = Field(
        default=None, description="For an evidence report: the bid it reports on."
    )
    catalogue: CatalogueDocument | str | None = Field(
        default=None,
        description="A catalogue document, or a built-in catalogue as ID or ID@VERSION; "
        "default: the catalogue the subject names.",
    )


class CheckRequest(_Request):
    """Documents to run the quality checks on, with their context."""

    documents: list[AnyDocument] = Field(
        min_length=1, description="The documents checked, reported as body#/documents/N."
    )
    tender: TenderDocument | None = Field(
        default=None, description="The tender the documents belong to (context only)."
    )
    bid: BidDocument | None = Field(
        default=None, description="The bid the evidence reports belong to (context only)."
    )
    catalogues: list[CatalogueDocument] = Field(
        default_factory=list, description="Catalogues to resolve references (context only)."
    )
    thresholds: dict[str, Decimal | str] = Field(
        default_factory=dict,
        description="Plausibility thresholds to change, by name (as `sroi check --threshold "
        "NAME=VALUE`).",
    )


class EvaluationRow(_Request):
    """The evaluators' figures for one bid (one row of the evaluation sheet)."""

    bid_id: str = Field(alias="bidId", min_length=1)
    price: Decimal | None = Field(default=None, description="The bid's price.")
    qualitative_score: Decimal | None = Field(
        default=None, alias="qualitativeScore", description="Qualitative score, 0 to 10."
    )
    other_quality_score: Decimal | None = Field(
        default=None, alias="otherQualityScore", description="Other-quality score, 0 to 10."
    )
    note: str | None = Field(default=None, description="Free text, not used in the scoring.")


class ScoreRequest(_Request):
    """A tender and its bids to score and rank (docs/scoring.md)."""

    tender: TenderDocument
    bids: list[BidDocument] = Field(min_length=1, description="The bids, as body#/bids/N.")
    catalogue: CatalogueDocument | None = Field(
        default=None, description="A catalogue document; default: the one the tender names."
    )
    evaluation: list[EvaluationRow] | str | None = Field(
        default=None,
        description="The evaluators' sheet: rows, or the CSV text `sroi score --evaluation` "
        "reads (row N of the list is sheet row N + 2, after the header).",
    )
    minimum_not_met: MinimumPolicy = Field(
        default="rank-after",
        alias="minimumNotMet",
        description=f"What happens to a bid below the minimum social value: "
        f"{', '.join(MINIMUM_POLICIES)}.",
    )


# ------------------------------------------------------------------------------ responses


class _Response(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)


class Finding(_Response):
    """One finding: a rule of the one rule catalogue (GET /rules), at a place in a document."""

    rule_id: str = Field(alias="ruleId", description="The stable rule id.")
    severity: Literal["error", "warning", "info"]
    file: str = Field(
        description="The document: its file (command line) or its part of the request body, "
        "e.g. body#/bids/0."
    )
    pointer: str = Field(description="JSON pointer (RFC 6901) into the document; '' is all.")
    message: str = Field(description="What is wrong, in the language asked for where it exists.")
    message_nl: str | None = Field(default=None, alias="messageNl", description="In Dutch.")
    params: dict[str, str] | None = Field(
        default=None, description="The values filled into the rule's message template."
    )


class Tool(_Response):
    """The implementation that answered."""

    name: str
    version: str
    standard_version: str = Field(alias="standardVersion")


class FileReport(_Response):
    """The findings of one document."""

    file: str
    document_type: str | None = Field(alias="documentType")
    standard_version: str | None = Field(alias="standardVersion")
    valid: bool = Field(description="No error-severity finding (and the document was read).")
    counts: dict[str, int] = Field(description="Number of findings per severity.")
    findings: list[Finding]


class ValidationReport(_Response):
    """The validation (or quality) report of docs/validation-report.md."""

    report_format: str = Field(alias="reportFormat")
    tool: Tool
    valid: bool
    files: list[FileReport]


class ErrorDetail(_Response):
    """Why a request was not answered."""

    status: int = Field(description="The HTTP status code.")
    code: str = Field(description="A stable code: bad-json, bad-request, document-invalid, ...")
    message: str
    message_nl: str = Field(alias="messageNl")


class Error(_Response):
    """An error answer (4xx, 5xx): never a traceback."""

    error: ErrorDetail
    findings: list[Finding] = Field(
        default_factory=list, description="The findings behind the error, if any."
    )


class AwardResult(_Response):
    """The award result of docs/scoring.md §8 (``sroi score --format json``)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    tender: str
    method: str
    ranking: list[dict[str, Any]]
    bids: list[dict[str, Any]]
    findings: list[Finding]


class CatalogueSummary(_Response):
    """One available catalogue (``sroi catalogue list --format json``)."""

    id: str
    version: str
    title: dict[str, str]
    published: str
    indicators: int
    source: str


class Rule(_Response):
    """One rule of the rule catalogue."""

    id: str
    severity: Literal["error", "warning", "info"]
    category: str
    title: str
    title_nl: str = Field(alias="titleNl")
    template: str
    template_nl: str = Field(alias="templateNl")
    description: str
    description_nl: str = Field(alias="descriptionNl")


class RuleCatalogue(_Response):
    """Every rule a finding can name (``sroi rules --format json``)."""

    tool: Tool
    rules: list[Rule]


class Health(_Response):
    """The service is up; what it implements."""

    status: Literal["ok"]
    tool: Tool
    supported_standard_versions: list[str] = Field(alias="supportedStandardVersions")


REQUEST_MODELS: tuple[type[BaseModel], ...] = (
    ValidateRequest,
    ValueRequest,
    CheckRequest,
    ScoreRequest,
)
RESPONSE_MODELS: tuple[type[BaseModel], ...] = (
    ValidationReport,
    Error,
    AwardResult,
    CatalogueSummary,
    RuleCatalogue,
    Health,
)
