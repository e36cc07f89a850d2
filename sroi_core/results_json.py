"""The JSON text of results, in one place for the command line and the HTTP service.

``sroi validate|check|score|rules|catalogue list --format json`` and the HTTP API
(``sroi serve``) answer with the same bytes for the same inputs because both call these
functions. Each returns the text as written: two-space indent, UTF-8 characters kept,
newline at the end.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from sroi_core._version import STANDARD_VERSION, __version__

if TYPE_CHECKING:  # the CLI imports this module on every run: keep it light
    from sroi_core.model.catalogue import Catalogue
    from sroi_core.scoring import AwardResult
    from sroi_core.validation.report import ValidationReport

Language = Literal["en", "nl"]
LANGUAGES: tuple[Language, ...] = ("en", "nl")


def json_text(data: Any) -> str:
    """The canonical text of a JSON result: two-space indent, UTF-8, newline at the end."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def localise_findings(report: dict[str, Any], language: Language) -> dict[str, Any]:
    """The report with each finding's ``message`` in ``language`` where the rule has it.

    English is the report as documented. For Dutch, ``message`` is the Dutch text wherever
    the finding carries ``messageNl`` (which stays, so readers of either field keep
    working); findings of rules without a Dutch template keep their English message.
    """
    if language == "en":
        return report
    files = [
        {
            **entry,
            "findings": [
                {**finding, "message": finding.get("messageNl", finding["message"])}
                for finding in entry["findings"]
            ],
        }
        for entry in report["files"]
    ]
    return {**report, "files": files}


def report_json(report: ValidationReport, language: Language = "en") -> str:
    """The validation (or quality) report as JSON (docs/validation-report.md)."""
    return json_text(localise_findings(report.as_dict(), language))


def award_json(result: AwardResult) -> str:
    """The award result as JSON (docs/scoring.md §8).

    The one place the award's JSON is made: when the award result becomes a document,
    only this line changes.
    """
    return json_text(result.to_json())


def tool_dict() -> dict[str, str]:
    """The ``tool`` object of a JSON result: this implementation and its standard version."""
    return {"name": "sroi_core", "version": __version__, "standardVersion": STANDARD_VERSION}


def rules_json() -> str:
    """The rule catalogue as JSON (``sroi rules --format json``)."""
    from sroi_core.reference_docs import rule_dict  # noqa: PLC0415 - heavy, on use
    from sroi_core.rules import all_rules  # noqa: PLC0415 - imports every rule module

    return json_text({"tool": tool_dict(), "rules": [rule_dict(rule) for rule in all_rules()]})


def catalogue_list_json(origins: Sequence[tuple[Catalogue, str]]) -> str:
    """The catalogues available and where each came from (``sroi catalogue list``)."""
    return json_text(
        [
            {
                "id": catalogue.id,
                "version": catalogue.version,
                "title": catalogue.title.to_json_dict(),
                "published": catalogue.published.isoformat(),
                "indicators": len(catalogue.indicators),
                "source": origin,
            }
            for catalogue, origin in origins
        ]
    )
