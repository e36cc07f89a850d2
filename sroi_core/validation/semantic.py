"""Layer two: rules of the standard that a JSON Schema cannot express.

References resolve, ids are unique, periods are ordered, units fit the indicator, the
catalogue's figures are internally consistent, and no personal data slips in. Each rule
has a stable id (docs/rules.md); each finding carries the JSON pointer of the value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from sroi_core._gc import gc_paused
from sroi_core.codelists import codelist
from sroi_core.errors import CatalogueError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.commitment import Commitment
from sroi_core.model.conventions import ValuationConventions
from sroi_core.model.document import Document
from sroi_core.model.evidence import Evidence
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.indicator import Indicator
from sroi_core.model.tender import Tender
from sroi_core.model.types import DocumentRef, Period, Quantity
from sroi_core.model.valuation import Valuation
from sroi_core.rules import Finding, Rule, Severity, define_rule, json_pointer, make_finding
from sroi_core.units import compatible
from sroi_core.validation.catalogue_edition import edition_findings
from sroi_core.validation.method_rules import check_catalogue_method

CatalogueLookup = Callable[[DocumentRef], Catalogue | None]

PERIOD_ORDER = define_rule(
    "period.order",
    Severity.ERROR,
    "Period ends before it starts",
    "the period starts on {start} but ends on {end}",
    "A period's start date must not be after its end date.",
    category="semantic",
    template_nl="de periode begint op {start} maar eindigt op {end}",
)
DUPLICATE_ID = define_rule(
    "id.duplicate",
    Severity.ERROR,
    "Duplicate id",
    "{kind} id {id!s} is used {count} times",
    "Ids must be unique within their list so that every reference points at one thing.",
    category="semantic",
    template_nl="{kind}-id {id!s} komt {count} keer voor",
)
UNKNOWN_REFERENCE = define_rule(
    "ref.unknown",
    Severity.ERROR,
    "Reference does not resolve",
    "{kind} {id!s} does not exist in {where}",
    "A reference (to an indicator, outcome, theme, price index or commitment) names "
    "something the referenced document does not contain.",
    category="semantic",
    template_nl="{kind} {id!s} bestaat niet in {where}",
)
CATALOGUE_UNAVAILABLE = define_rule(
    "ref.catalogue-unavailable",
    Severity.WARNING,
    "Catalogue not available",
    "catalogue {catalogue} is not available, so references to it were not checked",
    "The document names a catalogue that is neither built in nor given with --catalogue; "
    "its indicator references and units could not be checked.",
    category="semantic",
    template_nl=(
        "catalogus {catalogue} is niet beschikbaar, dus de verwijzingen ernaar zijn niet "
        "gecontroleerd"
    ),
)
UNIT_INCOMPATIBLE = define_rule(
    "unit.incompatible",
    Severity.ERROR,
    "Unit does not fit the indicator",
    "the quantity is in {unit} but indicator {indicator} is measured in {expected}",
    "A quantity must be in the indicator's unit or in one that converts to it.",
    category="semantic",
    template_nl=(
        "de hoeveelheid is in {unit} maar indicator {indicator} wordt gemeten in {expected}"
    ),
)
UNIT_NEEDS_FTE_NORM = define_rule(
    "unit.fte-norm-missing",
    Severity.ERROR,
    "No FTE norm to convert hours",
    "hours and FTE-years are mixed for indicator {indicator} but catalogue {catalogue} states "
    "no FTE norm",
    "Hours convert to FTE-years only through the catalogue's published FTE norm.",
    category="semantic",
    template_nl=(
        "uren en fte-jaren worden gemengd voor indicator {indicator} maar catalogus "
        "{catalogue} noemt geen fte-norm"
    ),
)
UNKNOWN_CODE = define_rule(
    "codelist.unknown-code",
    Severity.WARNING,
    "Code not in open codelist",
    "{code!s} is not in the {codelist} codelist",
    "An open codelist accepts new codes, but an unknown code is often a typo; check it "
    "or propose it for the codelist.",
    category="semantic",
    template_nl="{code!s} staat niet in de codelijst {codelist}",
)
PROXY_RANGE = define_rule(
    "proxy.range-order",
    Severity.ERROR,
    "Proxy range out of order",
    "the proxy value's range must satisfy low <= central <= high (low {low}, central "
    "{central}, high {high})",
    "Low, central and high values drive the sensitivity analysis and must be ordered.",
    category="semantic",
    template_nl=(
        "de bandbreedte van het kengetal moet voldoen aan laag <= centraal <= hoog (laag "
        "{low}, centraal {central}, hoog {high})"
    ),
)
PROXY_NO_PRICE_YEAR = define_rule(
    "proxy.price-year-missing",
    Severity.WARNING,
    "Proxy value without price year",
    "proxy value {id!s} states no price year, so it cannot be rebased to the valuation year",
    "A value without a price year is used as published; the engine refuses to rebase it "
    "rather than guess its year.",
    category="semantic",
    template_nl=(
        "kengetal {id!s} noemt geen prijsjaar en kan dus niet naar het waarderingsjaar "
        "worden omgerekend"
    ),
)
PROXY_LICENCE = define_rule(
    "proxy.licence-restricted",
    Severity.WARNING,
    "Proxy value under a restrictive licence",
    "proxy value {id!s} is under licence {licence}, which does not allow redistribution",
    "Such values may be used by a licence holder in their own catalogue but must not be "
    "redistributed in a published catalogue.",
    category="semantic",
    template_nl="kengetal {id!s} valt onder licentie {licence}, die verspreiding niet toestaat",
)
PROXY_CURRENCY = define_rule(
    "proxy.currency-mismatch",
    Severity.ERROR,
    "Proxy value in another currency",
    "proxy value {id!s} is in {currency} but the catalogue values in {expected}; "
    "record the transfer and convert it",
    "Values must be in the catalogue's currency; a value from another country is "
    "converted at a cited exchange rate and recorded in 'transfer'.",
    category="semantic",
    template_nl=(
        "kengetal {id!s} is in {currency} maar de catalogus waardeert in {expected}; leg "
        "de omrekening vast in 'transfer'"
    ),
)
MONETISATION = define_rule(
    "indicator.monetisation",
    Severity.ERROR,
    "Monetisation state inconsistent",
    "indicator {id!s} is {state} but {problem}",
    "A monetised indicator has at least one proxy value; a not-monetised indicator has "
    "none and says why.",
    category="semantic",
    template_nl="indicator {id!s} is {state} maar {problem}",
)
SCHEDULE = define_rule(
    "conventions.discount-schedule",
    Severity.ERROR,
    "Discount schedule malformed",
    "the discount schedule must start at fromPeriod 1 and increase strictly ({problem})",
    "Each entry of a declining schedule applies from its fromPeriod until the next entry.",
    category="semantic",
    template_nl="het discontoschema moet beginnen bij fromPeriod 1 en strikt oplopen ({problem})",
)
WEIGHTS = define_rule(
    "tender.weights",
    Severity.ERROR,
    "Award weights do not add up",
    "{what} add up to {total}, not 1",
    "Social value, price and other quality weights must add up to 1; so must theme "
    "priorities, when given.",
    category="semantic",
    template_nl="{what} tellen op tot {total}, niet tot 1",
)
POSSIBLE_BSN = define_rule(
    "privacy.possible-bsn",
    Severity.ERROR,
    "Possible citizen service number",
    "the reference {value!s} looks like a BSN; use a pseudonym chosen by the supplier",
    "Exchange files carry no personal data: people appear only as pseudonymous references. "
    "A nine-digit number that passes the BSN check (elfproef) is refused.",
    category="semantic",
    template_nl="de verwijzing {value!s} lijkt een BSN; gebruik een pseudoniem",
)
INDEX_YEARS = define_rule(
    "price-index.years",
    Severity.ERROR,
    "Price index years repeat or run backwards",
    "price index {id!s} lists year {year} out of order or twice",
    "A price-index series has one value per year, in increasing year order.",
    category="semantic",
    template_nl="prijsindex {id!s} noemt jaar {year} dubbel of in de verkeerde volgorde",
)


def _f(rule: Rule, source: str, *path: str | int, **params: object) -> Finding:
    return make_finding(rule, json_pointer(*path), source=source, **params)


class IdTally:
    """Ids of one list counted as they come, for the ``id.duplicate`` rule.

    Holds each id's first index and, for a repeated id, its second index and count: the
    rule needs no more, so a list can be checked one item at a time (a streamed file) as
    well as whole.
    """

    def __init__(self) -> None:
        """An empty tally."""
        self._first: dict[str, int] = {}
        self._repeated: dict[str, list[int]] = {}

    def add(self, item: str, index: int) -> None:
        """Count ``item`` seen at ``index`` (indexes come in increasing order)."""
        first = self._first.setdefault(item, index)
        if first != index:
            seen = self._repeated.setdefault(item, [index, 1])
            seen[1] += 1

    def findings(self, kind: str, source: str, *path: str | int) -> Iterator[Finding]:
        """One finding per repeated id, in the order of first use, at its second use."""
        for item in sorted(self._repeated, key=self._first.__getitem__):
            second, count = self._repeated[item]
            yield _f(DUPLICATE_ID, source, *path, second, "id", kind=kind, id=item, count=count)


def _duplicates(
    items: Iterable[str], kind: str, source: str, *path: str | int
) -> Iterator[Finding]:
    ids = list(items)
    if len(set(ids)) == len(ids):  # the usual case, decided at once: no id repeats
        return
    tally = IdTally()
    for index, item in enumerate(ids):
        tally.add(item, index)
    yield from tally.findings(kind, source, *path)


def _period(period: Period, source: str, *path: str | int) -> Iterator[Finding]:
    if period.start > period.end:
        yield _f(PERIOD_ORDER, source, *path, start=period.start, end=period.end)


def _schedule(
    conventions: ValuationConventions, source: str, *path: str | int
) -> Iterator[Finding]:
    schedule = conventions.discount_schedule
    if not schedule:
        return
    periods = [entry.from_period for entry in schedule]
    if periods[0] != 1:
        yield _f(
            SCHEDULE,
            source,
            *path,
            "discountSchedule",
            0,
            "fromPeriod",
            problem=f"the first entry starts at {periods[0]}",
        )
    for index in range(1, len(periods)):
        if periods[index] <= periods[index - 1]:
            yield _f(
                SCHEDULE,
                source,
                *path,
                "discountSchedule",
                index,
                "fromPeriod",
                problem=f"entry {index} starts at {periods[index]}",
            )


def _looks_like_bsn(value: str) -> bool:
    if len(value) != 9 or not value.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(digit) * weight for digit, weight in zip(value, weights, strict=True))
    return total % 11 == 0 and total != 0


def _find_indicator(catalogue: Catalogue, indicator_id: str) -> Indicator | None:
    """The catalogue's indicator by id through its index (one lookup, not a scan)."""
    try:
        return catalogue.indicator(indicator_id)
    except CatalogueError:
        return None


def _unit(
    quantity: Quantity, catalogue: Catalogue, indicator_id: str, source: str, *path: str | int
) -> Iterator[Finding]:
    indicator = _find_indicator(catalogue, indicator_id)
    if indicator is None:
        return
    if not compatible(quantity.unit, indicator.unit):
        yield _f(
            UNIT_INCOMPATIBLE,
            source,
            *path,
            "unit",
            unit=quantity.unit,
            indicator=indicator_id,
            expected=indicator.unit,
        )
    elif {quantity.unit, indicator.unit} == {"hour", "fte-year"} and catalogue.fte_norm is None:
        yield _f(
            UNIT_NEEDS_FTE_NORM,
            source,
            *path,
            "unit",
            indicator=indicator_id,
            catalogue=f"{catalogue.id} {catalogue.version}",
        )


def _open_code(code: str, name: str, source: str, *path: str | int) -> Iterator[Finding]:
    if code not in codelist(name):
        yield _f(UNKNOWN_CODE, source, *path, code=code, codelist=name)


def check_catalogue(doc: Catalogue, source: str) -> Iterator[Finding]:
    """Internal consistency of a catalogue."""
    yield from _duplicates((t.id for t in doc.themes), "theme", source, "themes")
    yield from _duplicates((o.id for o in doc.outcomes), "outcome", source, "outcomes")
    yield from _duplicates((i.id for i in doc.indicators), "indicator", source, "indicators")
    yield from _duplicates((p.id for p in doc.proxy_values), "proxy value", source, "proxyValues")
    yield from _duplicates((s.id for s in doc.price_indices), "price index", source, "priceIndices")
    yield from _schedule(doc.conventions, source, "conventions")
    yield from check_catalogue_method(doc, source)
    where = f"catalogue {doc.id} {doc.version}"
    themes = {t.id for t in doc.themes}
    outcomes = {o.id for o in doc.outcomes}
    indicator_ids = {i.id for i in doc.indicators}
    for n, theme in enumerate(doc.themes):
        yield from _open_code(theme.id, "theme", source, "themes", n, "id")
    for n, outcome in enumerate(doc.outcomes):
        if outcome.theme not in themes:
            yield _f(
                UNKNOWN_REFERENCE,
                source,
                "outcomes",
                n,
                "theme",
                kind="theme",
                id=outcome.theme,
                where=where,
            )
    proxied = {p.indicator for p in doc.proxy_values}
    for n, indicator in enumerate(doc.indicators):
        if indicator.outcome not in outcomes:
            yield _f(
                UNKNOWN_REFERENCE,
                source,
                "indicators",
                n,
                "outcome",
                kind="outcome",
                id=indicator.outcome,
                where=where,
            )
        if indicator.theme not in themes:
            yield _f(
                UNKNOWN_REFERENCE,
                source,
                "indicators",
                n,
                "theme",
                kind="theme",
                id=indicator.theme,
                where=where,
            )
        if indicator.replaced_by is not None and indicator.replaced_by not in indicator_ids:
            yield _f(
                UNKNOWN_REFERENCE,
                source,
                "indicators",
                n,
                "replacedBy",
                kind="indicator",
                id=indicator.replaced_by,
                where=where,
            )
        for e, code in enumerate(indicator.evidence_requirements):
            yield from _open_code(
                code, "evidenceType", source, "indicators", n, "evidenceRequirements", e
            )
        if indicator.monetisation == "monetised" and indicator.id not in proxied:
            yield _f(
                MONETISATION,
                source,
                "indicators",
                n,
                "monetisation",
                id=indicator.id,
                state="monetised",
                problem="no proxy value refers to it",
            )
        if indicator.monetisation == "not-monetised":
            if indicator.not_monetised_reason is None:
                yield _f(
                    MONETISATION,
                    source,
                    "indicators",
                    n,
                    "monetisation",
                    id=indicator.id,
                    state="not monetised",
                    problem="notMonetisedReason is absent",
                )
            if indicator.id in proxied:
                yield _f(
                    MONETISATION,
                    source,
                    "indicators",
                    n,
                    "monetisation",
                    id=indicator.id,
                    state="not monetised",
                    problem="proxy values refer to it",
                )
    units = {i.id: i.unit for i in doc.indicators}
    for n, proxy in enumerate(doc.proxy_values):
        if proxy.indicator not in indicator_ids:
            yield _f(
                UNKNOWN_REFERENCE,
                source,
                "proxyValues",
                n,
                "indicator",
                kind="indicator",
                id=proxy.indicator,
                where=where,
            )
        elif not compatible(proxy.per_unit, units[proxy.indicator]):
            yield _f(
                UNIT_INCOMPATIBLE,
                source,
                "proxyValues",
                n,
                "perUnit",
                unit=proxy.per_unit,
                indicator=proxy.indicator,
                expected=units[proxy.indicator],
            )
        elif {proxy.per_unit, units[proxy.indicator]} == {"hour", "fte-year"} and not doc.fte_norm:
            yield _f(
                UNIT_NEEDS_FTE_NORM,
                source,
                "proxyValues",
                n,
                "perUnit",
                indicator=proxy.indicator,
                catalogue=f"{doc.id} {doc.version}",
            )
        value = proxy.value
        low = value.low if value.low is not None else value.central
        high = value.high if value.high is not None else value.central
        if not low <= value.central <= high:
            yield _f(
                PROXY_RANGE,
                source,
                "proxyValues",
                n,
                "value",
                low=low,
                central=value.central,
                high=high,
            )
        if proxy.price_year is None:
            yield _f(PROXY_NO_PRICE_YEAR, source, "proxyValues", n, id=proxy.id)
        licences = codelist("licence")
        if proxy.licence in licences:
            if licences.get(proxy.licence).get("redistributable") != "true":
                yield _f(
                    PROXY_LICENCE,
                    source,
                    "proxyValues",
                    n,
                    "licence",
                    id=proxy.id,
                    licence=proxy.licence,
                )
        else:
            yield from _open_code(proxy.licence, "licence", source, "proxyValues", n, "licence")
        if proxy.currency != doc.conventions.currency:
            yield _f(
                PROXY_CURRENCY,
                source,
                "proxyValues",
                n,
                "currency",
                id=proxy.id,
                currency=proxy.currency,
                expected=doc.conventions.currency,
            )
    if doc.default_price_index is not None and doc.default_price_index not in {
        s.id for s in doc.price_indices
    }:
        yield _f(
            UNKNOWN_REFERENCE,
            source,
            "defaultPriceIndex",
            kind="price index",
            id=doc.default_price_index,
            where=where,
        )
    for n, series in enumerate(doc.price_indices):
        years = [point.year for point in series.values]
        for k in range(1, len(years)):
            if years[k] <= years[k - 1]:
                yield _f(
                    INDEX_YEARS,
                    source,
                    "priceIndices",
                    n,
                    "values",
                    k,
                    "year",
                    id=series.id,
                    year=years[k],
                )


def catalogue_for(
    doc: Tender | Bid | EvidenceReport, lookup: CatalogueLookup, source: str
) -> tuple[Catalogue | None, list[Finding]]:
    """The catalogue a document refers to, and the findings about finding it."""
    ref = doc.catalogue
    catalogue = lookup(ref)
    if catalogue is None:
        label = f"{ref.id} {ref.version or '(no version)'}"
        return None, [_f(CATALOGUE_UNAVAILABLE, source, "catalogue", catalogue=label)]
    return catalogue, list(edition_findings(doc.standard_version, catalogue, source))


def _indicator_ref(
    indicator_id: str, catalogue: Catalogue, source: str, *path: str | int
) -> Iterator[Finding]:
    if _find_indicator(catalogue, indicator_id) is None:
        yield _f(
            UNKNOWN_REFERENCE,
            source,
            *path,
            kind="indicator",
            id=indicator_id,
            where=f"catalogue {catalogue.id} {catalogue.version}",
        )


def check_tender(doc: Tender, source: str, lookup: CatalogueLookup) -> Iterator[Finding]:
    """References, period and award weights of a tender."""
    yield from _period(doc.period, source, "period")
    yield from _duplicates(
        (t.indicator for t in doc.indicators), "tender indicator", source, "indicators"
    )
    if doc.conventions is not None:
        yield from _schedule(doc.conventions, source, "conventions")
    scoring = doc.scoring
    if scoring is not None:
        total = scoring.social_value_weight + scoring.price_weight + scoring.other_quality_weight
        if total != 1:
            yield _f(
                WEIGHTS,
                source,
                "scoring",
                what="socialValueWeight, priceWeight and otherQualityWeight",
                total=total,
            )
    weights = doc.award.weights if doc.award is not None else None
    if weights is not None:
        total = weights.social_value + weights.price + weights.other_quality
        if total != 1:
            yield _f(
                WEIGHTS,
                source,
                "award",
                what="award weights socialValue, price and otherQuality",
                total=total,
            )
    if doc.theme_priorities:
        theme_total = sum((p.weight for p in doc.theme_priorities), Decimal(0))
        if theme_total != 1:
            yield _f(
                WEIGHTS, source, "themePriorities", what="theme priority weights", total=theme_total
            )
    catalogue, missing = catalogue_for(doc, lookup, source)
    yield from missing
    if catalogue is not None:
        for n, item in enumerate(doc.indicators):
            yield from _indicator_ref(
                item.indicator, catalogue, source, "indicators", n, "indicator"
            )
            if item.target is not None:
                yield from _unit(
                    item.target, catalogue, item.indicator, source, "indicators", n, "target"
                )


def commitment_findings(
    commitment: Commitment,
    n: int,
    catalogue: Catalogue | None,
    source: str,
    clean: set[tuple[str, str]],
) -> Iterator[Finding]:
    """Period, indicator and unit of the bid's commitment number ``n``.

    A whole bid is checked once per distinct :func:`_commitment_keys` key: a rule added
    here that reads another field of the commitment must add that field to the key.
    """
    yield from _period(commitment.period, source, "commitments", n, "period")
    if catalogue is not None and (commitment.indicator, commitment.quantity.unit) not in clean:
        yield from _reference_and_unit(
            commitment.indicator, commitment.quantity, catalogue, clean, source, "commitments", n
        )


def evidence_item_findings(
    item: Evidence,
    n: int,
    catalogue: Catalogue | None,
    source: str,
    clean: set[tuple[str, str]],
) -> Iterator[Finding]:
    """Period, pseudonymity, evidence types, indicator and unit of evidence item ``n``."""
    yield from _period(item.period, source, "items", n, "period")
    for s, subject in enumerate(item.subjects):
        if _looks_like_bsn(subject):
            yield _f(POSSIBLE_BSN, source, "items", n, "subjects", s, value=subject)
    for d, document in enumerate(item.documents):
        yield from _open_code(
            document.type, "evidenceType", source, "items", n, "documents", d, "type"
        )
    if catalogue is not None and (item.indicator, item.quantity.unit) not in clean:
        yield from _reference_and_unit(
            item.indicator, item.quantity, catalogue, clean, source, "items", n
        )


def _no_findings(_doc: Any, _source: str) -> Iterator[Finding]:
    yield from ()


def _no_item_findings(
    _item: Any, _n: int, _catalogue: Catalogue | None, _source: str, _clean: set[tuple[str, str]]
) -> Iterator[Finding]:
    yield from ()


def _report_period(doc: EvidenceReport, source: str) -> Iterator[Finding]:
    yield from _period(doc.period, source, "period")


def _schedule_only(
    doc: Valuation, _lookup: CatalogueLookup, source: str
) -> tuple[Catalogue | None, list[Finding]]:
    return None, list(_schedule(doc.conventions, source, "conventions"))


@dataclass(frozen=True)
class ListRules:
    """The semantic rules of a document with one long list, split so they can stream.

    A bid's commitments, an evidence report's items and a valuation's lines are checked
    in this order: the document's own ``opening`` findings, the list's duplicate ids, the
    ``context`` findings (the catalogue reference; a valuation's discount schedule), then
    each item's findings in list order. Each item needs only the catalogue the context
    found and its own fields, and the ids need only an :class:`IdTally`, so the streaming
    validator runs the same functions one item at a time.
    """

    key: str
    """The list's JSON key (and, in snake case, its Python attribute)."""
    kind: str
    """What an item is called in an ``id.duplicate`` message."""
    ident: str
    """The item's attribute that is its id."""
    opening: Callable[[Any, str], Iterator[Finding]]
    context: Callable[[Any, CatalogueLookup, str], tuple[Catalogue | None, list[Finding]]]
    item: Callable[[Any, int, Catalogue | None, str, set[tuple[str, str]]], Iterator[Finding]]
    """One item's findings; the set carries the (indicator, unit) pairs already found clean
    in this document (see ``_reference_and_unit``)."""
    item_keys: Callable[[Sequence[Any]], list[Hashable]] | None = None
    """Per item, everything its findings depend on besides its index, if that is cheap to
    gather: items of one key have the same findings but for the pointer, so the whole
    document is checked once per distinct key (``_item_findings``)."""


def _commitment_keys(commitments: Sequence[Commitment]) -> list[Hashable]:
    """What ``commitment_findings`` reads of each commitment, but for its index."""
    return [
        (c.indicator, c.quantity.unit, c.period.start, c.period.end) for c in commitments
    ]


def _no_keys(items: Sequence[Any]) -> list[Hashable]:
    """One key for all: ``_no_item_findings`` reads nothing of an item."""
    return [None] * len(items)


LIST_RULES: dict[type[Document], ListRules] = {
    Bid: ListRules(
        "commitments",
        "commitment",
        "id",
        _no_findings,
        catalogue_for,
        commitment_findings,
        _commitment_keys,
    ),
    EvidenceReport: ListRules(
        "items", "evidence item", "id", _report_period, catalogue_for, evidence_item_findings
    ),
    Valuation: ListRules(
        "lines", "line", "line_id", _no_findings, _schedule_only, _no_item_findings, _no_keys
    ),
}
"""The documents whose semantic rules run one list item at a time, by model class."""


def _check_listed(
    doc: Bid | EvidenceReport | Valuation, source: str, lookup: CatalogueLookup
) -> Iterator[Finding]:
    rules = LIST_RULES[type(doc)]
    items: Sequence[Any] = getattr(doc, rules.key)
    yield from rules.opening(doc, source)
    yield from _duplicates(map(attrgetter(rules.ident), items), rules.kind, source, rules.key)
    catalogue, context = rules.context(doc, lookup, source)
    yield from context
    yield from _item_findings(items, rules, catalogue, source)


def _item_findings(
    items: Sequence[Any], rules: ListRules, catalogue: Catalogue | None, source: str
) -> Iterator[Finding]:
    """Every item's findings in list order, as ``rules.item`` gives them one by one.

    With ``rules.item_keys``, one item of each distinct key is checked first; only the
    items whose key gave findings are then checked (and reported) one by one, so a long
    list that repeats a few combinations costs a few checks, not one per item.
    """
    clean: set[tuple[str, str]] = set()
    if rules.item_keys is None:
        for n, item in enumerate(items):
            yield from rules.item(item, n, catalogue, source, clean)
        return
    with gc_paused():  # a key per item, kept: acyclic, never worth a collection's walk
        keys = rules.item_keys(items)
        one_of_each = dict(zip(keys, range(len(keys)), strict=True))
        found = {
            key
            for key, n in one_of_each.items()
            if list(rules.item(items[n], n, catalogue, source, clean))
        }
    if not found:
        return
    for n, key in enumerate(keys):
        if key in found:
            yield from rules.item(items[n], n, catalogue, source, clean)


def check_bid(doc: Bid, source: str, lookup: CatalogueLookup) -> Iterator[Finding]:
    """References, ids, periods and units of a bid's commitments."""
    return _check_listed(doc, source, lookup)


def _reference_and_unit(
    indicator_id: str,
    quantity: Quantity,
    catalogue: Catalogue,
    clean: set[tuple[str, str]],
    source: str,
    *path: str | int,
) -> Iterator[Finding]:
    """The indicator reference and unit findings of one line (``ref.unknown``, ``unit.*``).

    They depend on the indicator id and the unit code only, so a pair found clean once is
    added to ``clean`` and the callers skip it from then on: a 100,000-line bid uses a few
    dozen pairs. A pair with findings is checked (and reported) on every line that has it.
    """
    findings = [
        *_indicator_ref(indicator_id, catalogue, source, *path, "indicator"),
        *_unit(quantity, catalogue, indicator_id, source, *path, "quantity"),
    ]
    if not findings:
        clean.add((indicator_id, quantity.unit))
    yield from findings


def check_evidence_report(
    doc: EvidenceReport, source: str, lookup: CatalogueLookup
) -> Iterator[Finding]:
    """References, ids, periods, units and pseudonymity of an evidence report."""
    return _check_listed(doc, source, lookup)


def check_valuation(doc: Valuation, source: str) -> Iterator[Finding]:
    """Ids of a valuation's lines are unique; its discount schedule is well formed."""
    return _check_listed(doc, source, lambda _ref: None)


def semantic_findings(doc: Document, source: str, lookup: CatalogueLookup) -> list[Finding]:
    """Every semantic finding of one document."""
    if isinstance(doc, Catalogue):
        return list(check_catalogue(doc, source))
    if isinstance(doc, Tender):
        return list(check_tender(doc, source, lookup))
    if isinstance(doc, Bid):
        return list(check_bid(doc, source, lookup))
    if isinstance(doc, EvidenceReport):
        return list(check_evidence_report(doc, source, lookup))
    if isinstance(doc, Valuation):
        return list(check_valuation(doc, source))
    return []
