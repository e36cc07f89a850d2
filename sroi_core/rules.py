"""The one catalogue of rules behind every finding (validation errors, quality checks).

Each rule has a stable id that never changes meaning, a severity, a bilingual message
template with named placeholders, and a title and description in English and Dutch (the
Dutch ones are data in ``rule_texts_nl.csv``, so the modules that define rules stay as
they are). A message in a log can be looked
up in docs/rules.md, which is generated from this registry (as frictionless-py does with
its error classes). Modules define their rules with :func:`define_rule` at import time;
:func:`all_rules` imports them all so the list is complete.
"""

from __future__ import annotations

import csv
import importlib
import io
import string
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from sroi_core.errors import SroiError


class Severity(StrEnum):
    """How much a finding matters: an error makes a document invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Rule:
    """A named check with a stable id, a severity and message templates."""

    id: str
    severity: Severity
    title: str
    template: str
    description: str
    category: str
    template_nl: str = ""
    title_nl: str = ""
    description_nl: str = ""

    def title_in(self, language: str) -> str:
        """The title in ``language`` (``nl`` or ``en``); English where no Dutch is written."""
        return self.title_nl if language == "nl" and self.title_nl else self.title

    def description_in(self, language: str) -> str:
        """The description in ``language`` (``nl`` or ``en``); English where no Dutch is written."""
        return self.description_nl if language == "nl" and self.description_nl else self.description

    def placeholders(self) -> set[str]:
        """Names used in the templates; findings must supply each of them."""
        names = set()
        for text in (self.template, self.template_nl):
            names |= {f for _, f, _, _ in string.Formatter().parse(text) if f}
        return names


@dataclass(frozen=True)
class Finding:
    """One occurrence of a rule in one document, at one JSON pointer."""

    rule_id: str
    severity: Severity
    pointer: str
    message: str
    source: str = "<memory>"
    message_nl: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The finding as in the documented JSON report (docs/validation-report.md)."""
        data: dict[str, Any] = {
            "ruleId": self.rule_id,
            "severity": self.severity.value,
            "file": self.source,
            "pointer": self.pointer,
            "message": self.message,
        }
        if self.message_nl:
            data["messageNl"] = self.message_nl
        if self.params:
            data["params"] = dict(sorted(self.params.items()))
        return data


_REGISTRY: dict[str, Rule] = {}

_RULE_MODULES: tuple[str, ...] = (
    "sroi_core.validation.schema_layer",
    "sroi_core.validation.semantic",
    "sroi_core.validation.catalogue_edition",
    "sroi_core.extensions",
    "sroi_core.validation.method_rules",
    "sroi_core.io",
    "sroi_core.documents",
    "sroi_core.quality.context",
    "sroi_core.quality.commitments",
    "sroi_core.quality.scope",
    "sroi_core.quality.evidence",
    "sroi_core.quality.double_counting",
    "sroi_core.quality.plausibility",
    "sroi_core.quality.credits",
    "sroi_core.quality.credibility",
    "sroi_core.quality.cost",
    "sroi_core.quality.scale",
    "sroi_core.quality.materiality",
    "sroi_core.quality.privacy",
    "sroi_core.verification",
    "sroi_core.scoring",
    "sroi_core.monitoring",
    "sroi_core.serve.operations",
    "sroi_core.spreadsheet.findings",
    "sroi_core.award.consequences",
    "sroi_core.award.cross_bid",
    "sroi_core.award.ledger",
)
"""Modules that define rules; imported by :func:`all_rules` so the list is complete."""


RULE_TEXTS_NL = "rule_texts_nl.csv"
"""Dutch titles and descriptions of the rules: data beside this module (``id,title_nl,
description_nl``), so a translation never touches the modules that define the rules."""


@cache
def dutch_rule_texts() -> dict[str, tuple[str, str]]:
    """``rule id -> (Dutch title, Dutch description)`` from :data:`RULE_TEXTS_NL`, read once."""
    text = resources.files("sroi_core").joinpath(RULE_TEXTS_NL).read_text(encoding="utf-8")
    return {
        row["id"]: (row["title_nl"], row["description_nl"])
        for row in csv.DictReader(io.StringIO(text))
    }


def define_rule(
    rule_id: str,
    severity: Severity,
    title: str,
    template: str,
    description: str,
    *,
    category: str,
    template_nl: str = "",
) -> Rule:
    """Register a rule. Ids are unique: defining one twice is a programming error."""
    if rule_id in _REGISTRY:
        raise SroiError(f"rule {rule_id!r} is defined twice")
    title_nl, description_nl = dutch_rule_texts().get(rule_id, ("", ""))
    rule = Rule(
        rule_id, severity, title, template, description, category, template_nl,
        title_nl, description_nl,
    )
    _REGISTRY[rule_id] = rule
    return rule


def register_rule_module(module: str) -> None:
    """Add a module whose import defines rules (for extensions and later subsystems)."""
    global _RULE_MODULES  # noqa: PLW0603 - the list of rule modules is process-wide by design
    if module not in _RULE_MODULES:
        _RULE_MODULES = (*_RULE_MODULES, module)


def get_rule(rule_id: str) -> Rule:
    """The rule with this id; raises SroiError when no module defines it."""
    if rule_id not in _REGISTRY:
        all_rules()
    try:
        return _REGISTRY[rule_id]
    except KeyError:
        raise SroiError(f"no rule has id {rule_id!r}") from None


def all_rules() -> list[Rule]:
    """Every rule of the package, sorted by id."""
    for module in _RULE_MODULES:
        importlib.import_module(module)
    return sorted(_REGISTRY.values(), key=lambda rule: rule.id)


@dataclass(frozen=True)
class Bilingual:
    """A message parameter that is prose, not a code: its English and its Dutch wording.

    ``str()`` gives the English (what ``params`` records); the Dutch message uses ``nl``,
    so a Dutch finding never carries an English phrase.
    """

    en: str
    nl: str

    def __str__(self) -> str:
        return self.en


def _dutch_param(value: object, english: str) -> str:
    """A parameter as the Dutch message writes it.

    Prose in Dutch, figures with a decimal comma and point grouping (``14.808.304,72``,
    every digit kept), codes and identifiers as they are.
    """
    if isinstance(value, Bilingual):
        return value.nl
    if isinstance(value, Decimal) and value.is_finite():
        text = format(value, ",f")
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return english


def make_finding(
    rule: Rule, pointer: str, *, source: str = "<memory>", **params: object
) -> Finding:
    """A finding of ``rule`` at ``pointer``, its messages filled from ``params``."""
    text = {key: str(value) for key, value in params.items()}
    missing = rule.placeholders() - text.keys()
    if missing:
        raise SroiError(f"rule {rule.id} needs {sorted(missing)} to format its message")
    dutch = {key: _dutch_param(value, text[key]) for key, value in params.items()}
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        pointer=pointer,
        message=rule.template.format(**text),
        source=source,
        message_nl=rule.template_nl.format(**dutch) if rule.template_nl else "",
        params=text,
    )


def json_pointer(*parts: str | int) -> str:
    """An RFC 6901 pointer from path parts (``~`` and ``/`` escaped)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
