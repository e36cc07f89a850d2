"""Data protection of special-category indicators (standard 2.0 ``Indicator.dataCategory``).

An indicator about health (``special-health``) or criminal records (``criminal``) measures
data the GDPR protects most (articles 9 and 10): a buyer may not receive it person by
person, not even under a pseudonym — a pseudonym is still personal data. What a buyer needs
is the aggregate: how many people reached the outcome, attested by the issuer who holds the
records. So for these indicators:

* an evidence item that lists per-person references (``subjects``) is an error, and
  monitoring does not count it (it is shown as not counted) until it is resubmitted as an
  aggregate — evidence the buyer should never have received cannot be what a contract is
  paid or judged on;
* an aggregate of fewer people than the minimum cell size can single a person out in a
  small neighbourhood; the warning asks for a larger aggregate (a longer period or several
  items together). The minimum cell size is a methodological choice (``min-cell-size``,
  default 10), not a sourced figure, and can be changed like every threshold.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sroi_core.model.evidence import Evidence
from sroi_core.model.indicator import Indicator
from sroi_core.quality.context import HEADCOUNT_UNITS, LIVE_STATUSES, CheckContext
from sroi_core.rules import Finding, Severity, define_rule
from sroi_core.verification import effective_status

SPECIAL_CATEGORIES = frozenset({"special-health", "criminal"})
"""Data categories of GDPR articles 9 (health) and 10 (criminal convictions and offences)."""

SPECIAL_CATEGORY_RECORDS = define_rule(
    "quality.special-category-records",
    Severity.ERROR,
    "Special-category data sent per person",
    "evidence item {item} lists {count} per-person reference(s) for indicator {indicator} "
    "(data category {category}); this evidence reaches the buyer only as an aggregate, so "
    "the item is not counted",
    "Health and criminal-record data (GDPR articles 9 and 10) may reach the buyer only as "
    "an aggregate attested by the issuer who holds the records; a pseudonym is still "
    "personal data. An item that lists subjects for such an indicator is not counted in "
    "monitoring until it is resubmitted without them.",
    category="quality",
    template_nl="bewijsstuk {item} noemt {count} verwijzing(en) naar personen voor indicator "
    "{indicator} (gegevenscategorie {category}); dit bewijs mag de opdrachtgever alleen als "
    "totaal bereiken, dus het bewijsstuk telt niet mee",
)

SMALL_CELL = define_rule(
    "quality.special-category-small-cell",
    Severity.WARNING,
    "Special-category aggregate below the minimum cell size",
    "evidence item {item} reports {count} {unit} for indicator {indicator} (data category "
    "{category}), fewer than the minimum cell size {minimum}: aggregate over a longer "
    "period or several items",
    "A count of a few people with a health condition or a criminal record can single "
    "someone out in a small area. Aggregates of special-category indicators should hold at "
    "least the minimum cell size (threshold min-cell-size, a methodological choice).",
    category="quality",
    template_nl="bewijsstuk {item} meldt {count} {unit} voor indicator {indicator} "
    "(gegevenscategorie {category}), minder dan de minimale celgrootte {minimum}: tel op "
    "over een langere periode of meerdere bewijsstukken",
)


def is_special_category(indicator: Indicator | None) -> bool:
    """Whether the indicator measures GDPR special-category or criminal-record data."""
    return indicator is not None and indicator.data_category in SPECIAL_CATEGORIES


def per_person_records(item: Evidence, indicator: Indicator | None) -> bool:
    """Whether ``item`` sends special-category data person by person (it is not counted)."""
    return bool(item.subjects) and is_special_category(indicator)


def _people(item: Evidence) -> Decimal | None:
    """How many people the item's aggregate is about, when it says."""
    if item.scale_result is not None:
        return Decimal(item.scale_result.baseline_n)
    if item.quantity.unit in HEADCOUNT_UNITS:
        return item.quantity.value
    return None


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Findings on live evidence items of special-category indicators."""
    minimum = ctx.thresholds.min_cell_size
    for report in ctx.evidence_reports:
        for number, item in enumerate(report.items):
            indicator = ctx.indicator(item.indicator)
            if indicator is None or not is_special_category(indicator):
                continue
            if effective_status(item) not in LIVE_STATUSES:
                continue
            category = indicator.data_category
            if item.subjects:
                yield ctx.finding(
                    SPECIAL_CATEGORY_RECORDS,
                    report,
                    "items",
                    number,
                    "subjects",
                    item=item.id,
                    count=len(item.subjects),
                    indicator=indicator.id,
                    category=category,
                )
            people = _people(item)
            if people is not None and 0 < people < minimum:
                yield ctx.finding(
                    SMALL_CELL,
                    report,
                    "items",
                    number,
                    "quantity" if item.scale_result is None else "scaleResult",
                    item=item.id,
                    count=people,
                    unit=item.quantity.unit if item.scale_result is None else "participant",
                    indicator=indicator.id,
                    category=category,
                    minimum=minimum,
                )
