"""Award scoring: rank bids on social value and on best price-quality ratio (BPKV).

A tender says how social value is scored (``relative``, ``absolute`` or ``mixed``) and how
it is weighed against price and other quality. :func:`score_bids` values every bid with
the engine (:func:`sroi_core.valuation.document.value_document`), decides line by line
what may score, turns the scored value into points, combines the criteria into a total
and ranks the bids, explaining every figure. docs/scoring.md is the normative text; in
short:

* only **outcome values** score; obligation credits are shown beside them, never scored;
* a line scores only if it answers the tender: payment in lieu (afkoop) never scores, nor
  an output indicator under an outcomes-only tender, nor an indicator the tender did not
  choose, nor a line with an error-severity quality finding (claim outside the area or
  period, ...) -- except findings the engine already corrects (a duration over the cap
  is valued at the cap), which are shown;
* theme priorities weight each scored line by ``K x w(theme)`` (K = number of prioritised
  themes, so equal weights leave the value unchanged; an unprioritised theme weighs 0);
* every points figure is rounded half to even to 2 decimals as soon as it is computed,
  and later steps use the rounded figure, so each step can be recomputed from the output;
* ties share a rank and are reported; there is no hidden tie-break.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any, Literal

from sroi_core._decimal import decimal_text, exact_context, exact_sum, round_cent
from sroi_core.contract import (
    ContractContext,
    commitment_at,
    reference_mismatches,
)
from sroi_core.errors import FindingsError, SroiError
from sroi_core.io import read_text
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.codes import IndicatorKind
from sroi_core.model.commitment import Commitment
from sroi_core.model.tender import ScoringRules, Tender
from sroi_core.model.valuation import Valuation, ValuationLine
from sroi_core.quality.commitments import is_payment_in_lieu
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding
from sroi_core.valuation.document import conventions_for

__all__ = [
    "AwardResult",
    "BidScore",
    "Evaluation",
    "EvaluationError",
    "EvaluationRow",
    "IndicatorScore",
    "MinimumPolicy",
    "Reason",
    "ScoredLine",
    "ScoringInputError",
    "ThemeScore",
    "parse_evaluation",
    "read_evaluation",
    "score_bids",
]

MinimumPolicy = Literal["rank-after", "exclude", "zero-points"]
MINIMUM_POLICIES: tuple[MinimumPolicy, ...] = ("rank-after", "exclude", "zero-points")
"""What happens to a bid below the tender's minimum social value (docs/scoring.md §6)."""

POINTS_STEP = Decimal("0.01")
ATTAINMENT_STEP = Decimal("0.0001")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")

ENGINE_CORRECTED = frozenset({"quality.duration-over-cap", "quality.first-year-only-duration"})
"""Error findings the valuation engine already neutralises (it values the capped duration):
the line scores at the corrected value and the finding is shown as a note."""

SUBSUMED = frozenset(
    {"quality.output-only", "quality.payment-in-lieu", "quality.payment-in-lieu-valued"}
)
"""Findings that the scoring's own exclusion reasons already state (not repeated)."""

EVALUATION_COLUMNS = ("bid_id", "price", "qualitative_score", "other_quality_score", "note")
"""Columns of the evaluation CSV; ``note`` is free text and ignored."""

# ------------------------------------------------------------------------------- rules

DUPLICATE_BID = define_rule(
    "scoring.duplicate-bid",
    Severity.ERROR,
    "The same bid given twice",
    "bid {bid} is given more than once ({count} times)",
    "Each bid is scored once; two bids with one id cannot be told apart in the ranking "
    "or in the evaluation sheet.",
    category="scoring",
    template_nl="inschrijving {bid} is meer dan eens meegegeven ({count} keer)",
)
TENDER_INCOMPLETE = define_rule(
    "scoring.tender-incomplete",
    Severity.ERROR,
    "The tender's scoring rules cannot be applied",
    "tender {tender} uses method {method}, which needs {needs}",
    "The scoring method needs data the tender does not give: 'mixed' needs "
    "qualitativeShare; 'absolute' needs a target on at least one tender indicator or a "
    "minimum social value above zero to score against.",
    category="scoring",
    template_nl="aanbesteding {tender} gebruikt methode {method}, die {needs} nodig heeft",
)
CURRENCY_MISMATCH = define_rule(
    "scoring.currency-mismatch",
    Severity.ERROR,
    "Amounts in different currencies",
    "{what} is in {currency}, but the award is in {expected}",
    "Prices, minimum social value and valuations are compared with each other, which "
    "needs one currency; exchange rates are data with a source, never implicit.",
    category="scoring",
    template_nl="{what} is in {currency}, maar de gunning is in {expected}",
)
MINIMUM_NOT_MET = define_rule(
    "scoring.minimum-not-met",
    Severity.WARNING,
    "Minimum social value not met",
    "bid {bid} offers eligible outcome value {currency} {value}, below the tender's "
    "minimum of {currency} {minimum}; it is non-compliant on social value ({policy})",
    "The tender sets a minimum social value (minimumSocialValue and/or "
    "minimumSocialValueShare x contract value). A bid whose eligible outcome value is "
    "below it is marked non-compliant; what follows (ranked after compliant bids, "
    "excluded, or 0 social-value points) is the minimum policy shown in the result.",
    category="scoring",
    template_nl="inschrijving {bid} biedt {currency} {value} aan in aanmerking komende "
    "uitkomstwaarde, onder het minimum van {currency} {minimum}; ze voldoet niet op "
    "sociale waarde ({policy})",
)
EVALUATION_COLUMN = define_rule(
    "scoring.evaluation-column",
    Severity.ERROR,
    "Evaluation sheet columns wrong",
    "{problem}",
    "The evaluation CSV has a header row with the column bid_id and any of price, "
    "qualitative_score, other_quality_score and note; other or repeated columns are "
    "refused so that a misspelt column is never silently ignored.",
    category="scoring",
    template_nl="{problem}",
)
EVALUATION_UNKNOWN_BID = define_rule(
    "scoring.evaluation-unknown-bid",
    Severity.ERROR,
    "Evaluation for a bid that is not scored",
    "row {row}, column bid_id: {bid} is not one of the bids scored ({known})",
    "Every row of the evaluation sheet names one of the bids being scored; a row for "
    "another bid is usually a typo that would leave the intended bid without scores.",
    category="scoring",
    template_nl="rij {row}, kolom bid_id: {bid} is niet een van de gescoorde "
    "inschrijvingen ({known})",
)
EVALUATION_DUPLICATE_BID = define_rule(
    "scoring.evaluation-duplicate-bid",
    Severity.ERROR,
    "Bid evaluated twice",
    "row {row}, column bid_id: bid {bid} was already evaluated in row {first}",
    "One row per bid: two rows for one bid would leave it unclear which scores count.",
    category="scoring",
    template_nl="rij {row}, kolom bid_id: inschrijving {bid} is al beoordeeld in rij {first}",
)
EVALUATION_NOT_A_NUMBER = define_rule(
    "scoring.evaluation-not-a-number",
    Severity.ERROR,
    "Not a number",
    "row {row}, column {column}: {value} is not a plain decimal number ({hint})",
    "Prices and scores are plain decimal numbers without currency signs or thousands "
    "separators (1234.50; with ';' as column separator a decimal comma, 1234,50, is "
    "accepted too).",
    category="scoring",
    template_nl="rij {row}, kolom {column}: {value} is geen gewoon decimaal getal ({hint})",
)
EVALUATION_OUT_OF_RANGE = define_rule(
    "scoring.evaluation-out-of-range",
    Severity.ERROR,
    "Value out of range",
    "{where}: {value} is out of range ({allowed})",
    "Scores are points from 0 to the tender's maxPoints; a price is greater than 0.",
    category="scoring",
    template_nl="{where}: {value} valt buiten het bereik ({allowed})",
)
EVALUATION_MISSING = define_rule(
    "scoring.evaluation-missing",
    Severity.ERROR,
    "Evaluation input missing",
    "{where}: no {column} for bid {bid}, which the award needs ({why})",
    "A figure the award needs is missing: a qualitative score for the 'mixed' method, an "
    "other-quality score when otherQualityWeight is above 0, a price (from the sheet or "
    "the bid's bidPrice) when priceWeight is above 0. A missing figure is never taken "
    "as 0.",
    category="scoring",
    template_nl="{where}: geen {column} voor inschrijving {bid}, terwijl de gunning die "
    "nodig heeft ({why})",
)


class ScoringInputError(FindingsError):
    """The documents cannot be scored together; ``findings`` says why (CLI exit 1)."""


class EvaluationError(FindingsError):
    """The evaluation sheet is wrong; every finding names file, row and column (exit 2)."""


# -------------------------------------------------------------------- evaluation sheet


@dataclass(frozen=True)
class EvaluationRow:
    """The evaluators' figures for one bid; ``row`` is the spreadsheet row (header = 1)."""

    bid_id: str
    price: Decimal | None = None
    qualitative_score: Decimal | None = None
    other_quality_score: Decimal | None = None
    row: int = 0


@dataclass(frozen=True)
class Evaluation:
    """The evaluation sheet: one row per bid, and the file it came from."""

    rows: tuple[EvaluationRow, ...] = ()
    source: str = "<evaluation>"

    def row_for(self, bid_id: str) -> EvaluationRow | None:
        """The (first) row of ``bid_id``, or None."""
        return next((row for row in self.rows if row.bid_id == bid_id), None)


_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_COMMA_NUMBER = re.compile(r"^-?[0-9]+,[0-9]+$")


def _normal_column(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _number(
    text: str, *, delimiter: str, source: str, row: int, column: str, findings: list[Finding]
) -> Decimal | None:
    value = text.strip()
    if not value:
        return None
    if delimiter == ";" and _COMMA_NUMBER.fullmatch(value):
        value = value.replace(",", ".")
    if _PLAIN_NUMBER.fullmatch(value) is None:
        hint = "use a full stop as decimal separator, no thousands separators or symbols"
        if delimiter == ";":
            hint = "a decimal comma or full stop, no thousands separators or symbols"
        findings.append(
            make_finding(
                EVALUATION_NOT_A_NUMBER,
                json_pointer(row, column),
                source=source,
                row=row,
                column=column,
                value=repr(text),
                hint=hint,
            )
        )
        return None
    return Decimal(value)


MAX_CELL_CHARS = 100_000
"""Longest cell of an evaluation sheet (CSV's own limit is 131,072 characters)."""


class _BoundedRows:
    """CSV rows with every cell bounded; a malformed sheet becomes an EvaluationError."""

    def __init__(self, reader: Any, source: str) -> None:
        self._reader = reader
        self._source = source

    @property
    def line_num(self) -> int:
        return int(self._reader.line_num)

    def __iter__(self) -> _BoundedRows:
        return self

    def __next__(self) -> list[str]:
        try:
            cells: list[str] = next(self._reader)
        except csv.Error as error:
            problem = str(error)
            if "field larger than field limit" in problem:
                problem = f"a cell is longer than {csv.field_size_limit()} characters"
            raise self._error(f"not readable as CSV: {problem}") from None
        longest = max((len(cell) for cell in cells), default=0)
        if longest > MAX_CELL_CHARS:
            raise self._error(
                f"a cell has {longest} characters (expected at most {MAX_CELL_CHARS})"
            )
        return cells

    def _error(self, problem: str) -> EvaluationError:
        row = max(self.line_num, 1)
        return EvaluationError(
            [
                make_finding(
                    EVALUATION_COLUMN,
                    json_pointer(row),
                    source=self._source,
                    problem=f"row {row}: {problem}",
                )
            ]
        )


def _bounded_rows(reader: Any, source: str) -> _BoundedRows:
    return _BoundedRows(reader, source)


def parse_evaluation(text: str, source: str = "<evaluation>") -> Evaluation:
    """Read an evaluation sheet (CSV text) and check its syntax.

    The header row names the columns (case, spaces and hyphens are normalised:
    ``Bid ID`` is ``bid_id``); the separator is ``,``, ``;`` or a tab, taken from the
    header. Empty cells are absent figures; blank rows are skipped. Raises
    EvaluationError listing every problem with its row and column. Ranges and bid ids are
    checked by :func:`score_bids`, which knows the tender and the bids.
    """
    text = text.removeprefix("\ufeff")
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = _delimiter(first_line)
    reader = _bounded_rows(csv.reader(io.StringIO(text), delimiter=delimiter), source)
    findings: list[Finding] = []
    try:
        header = next(reader)
    except StopIteration:
        header = []
    columns = [_normal_column(name) for name in header]
    problems = []
    if "bid_id" not in columns:
        problems.append("the header row has no bid_id column")
    unknown = [c for c in columns if c not in EVALUATION_COLUMNS]
    if unknown:
        problems.append(
            f"unknown column(s) {', '.join(repr(c) for c in unknown)}; known columns: "
            + ", ".join(EVALUATION_COLUMNS)
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        problems.append(f"column(s) {', '.join(repeated)} appear more than once")
    for problem in problems:
        findings.append(
            make_finding(
                EVALUATION_COLUMN,
                json_pointer(1),
                source=source,
                problem=f"row 1 (header): {problem}",
            )
        )
    if findings:
        raise EvaluationError(findings)
    rows: list[EvaluationRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        row = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            findings.append(
                make_finding(
                    EVALUATION_COLUMN,
                    json_pointer(row),
                    source=source,
                    problem=f"row {row}: {len(cells)} cells, but the header has {len(columns)} "
                    "columns",
                )
            )
            continue
        record = {name: (cells[n] if n < len(cells) else "") for n, name in enumerate(columns)}
        bid_id = record["bid_id"].strip()
        if not bid_id:
            findings.append(
                make_finding(
                    EVALUATION_COLUMN,
                    json_pointer(row, "bid_id"),
                    source=source,
                    problem=f"row {row}, column bid_id: empty; every row names the bid it "
                    "evaluates",
                )
            )
            continue
        if bid_id in seen:
            findings.append(
                make_finding(
                    EVALUATION_DUPLICATE_BID,
                    json_pointer(row, "bid_id"),
                    source=source,
                    row=row,
                    bid=bid_id,
                    first=seen[bid_id],
                )
            )
            continue
        seen[bid_id] = row
        numbers = {
            name: _number(
                record.get(name, ""),
                delimiter=delimiter,
                source=source,
                row=row,
                column=name,
                findings=findings,
            )
            for name in ("price", "qualitative_score", "other_quality_score")
        }
        rows.append(
            EvaluationRow(
                bid_id=bid_id,
                price=numbers["price"],
                qualitative_score=numbers["qualitative_score"],
                other_quality_score=numbers["other_quality_score"],
                row=row,
            )
        )
    if findings:
        raise EvaluationError(findings)
    return Evaluation(rows=tuple(rows), source=source)


def read_evaluation(path: Path) -> Evaluation:
    """Read an evaluation CSV file (UTF-8, with or without a byte-order mark).

    Raises FileReadError when the file cannot be read, EvaluationError when it is wrong.
    """
    return parse_evaluation(read_text(path), str(path))


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True)
class Reason:
    """Why a line does not score (or a remark on a line that does); ``code`` is stable."""

    code: str
    text: str


@dataclass(frozen=True)
class ScoredLine:
    """One commitment of a bid and what it contributes to the scored value."""

    commitment: str
    indicator: str
    theme: str
    status: str
    fulfilment: str
    quantity: Decimal
    """In the indicator's unit (exact)."""
    unit: str
    outcome_value: Decimal
    """Present value of the line's outcome values (sum of its outcome-family proxies)."""
    obligation_credit: Decimal
    """Present value of its obligation credits: shown, never scored."""
    scored: bool
    reasons: tuple[Reason, ...]
    """Why the line does not score (empty when it scores)."""
    notes: tuple[Reason, ...]
    """Remarks that do not exclude the line (engine corrections, warnings, theme weight)."""
    multiplier: Decimal
    """Theme multiplier K x w(theme), or 1 without theme priorities."""
    weighted_value: Decimal
    """outcome value x multiplier, rounded to the cent; 0 when the line does not score."""


@dataclass(frozen=True)
class ThemeScore:
    """A theme's eligible value and weighted contribution."""

    theme: str
    priority: Decimal | None
    multiplier: Decimal
    value: Decimal
    weighted_value: Decimal


@dataclass(frozen=True)
class IndicatorScore:
    """A tender indicator: eligible value, quantity and target attainment."""

    indicator: str
    theme: str
    value: Decimal
    weighted_value: Decimal
    quantity: Decimal
    unit: str
    target: Decimal | None
    """The target in the indicator's unit, or None."""
    attainment: Decimal | None
    """min(1, quantity / target), rounded half to even to 4 decimals; None without target."""
    weight: Decimal | None
    """The weight used by the absolute method (None when the method does not use it)."""


@dataclass(frozen=True)
class BidScore:
    """One bid: what scores and why, points per criterion, total and rank."""

    bid_id: str
    supplier: str
    eligible_value: Decimal
    """Outcome value of the lines that score (before theme weighting)."""
    scored_value: Decimal
    """Eligible value weighted by theme priorities: what the social-value points rest on."""
    excluded_value: Decimal
    """Outcome value of lines that do not score."""
    obligation_credit: Decimal
    """Obligation credits of all lines: shown, never scored."""
    lines: tuple[ScoredLine, ...]
    by_theme: tuple[ThemeScore, ...]
    by_indicator: tuple[IndicatorScore, ...]
    compliant: bool | None
    """Meets the minimum social value (None when the tender sets none)."""
    compliance: str
    scored: bool
    """False when the bid is excluded from scoring (minimum policy 'exclude')."""
    price: Decimal | None
    price_source: str | None
    quantitative_points: Decimal | None
    qualitative_score: Decimal | None
    social_value_points: Decimal | None
    price_points: Decimal | None
    other_quality_points: Decimal | None
    total: Decimal | None
    rank: int | None
    tied_with: tuple[str, ...]
    explanation: tuple[str, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class AwardResult:
    """The award: method, formulas, every bid's score, the ranking and its ties."""

    tender_id: str
    method: str
    max_points: int
    social_value_weight: Decimal
    price_weight: Decimal
    other_quality_weight: Decimal
    qualitative_share: Decimal | None
    currency: str
    minimum: Decimal | None
    minimum_basis: str
    minimum_policy: MinimumPolicy
    theme_priorities: tuple[tuple[str, Decimal, Decimal], ...]
    """(theme, priority weight, multiplier K x weight)."""
    best_scored_value: Decimal
    lowest_price: Decimal | None
    bids: tuple[BidScore, ...]
    """In ranking order (rank, then bid id; unranked bids last)."""
    ties: tuple[tuple[str, ...], ...]
    formulas: tuple[str, ...]
    notes: tuple[str, ...]
    findings: tuple[Finding, ...] = field(default=())
    """Quality findings of the tender itself."""

    def bid(self, bid_id: str) -> BidScore:
        """The score of one bid; raises KeyError when it was not scored."""
        for score in self.bids:
            if score.bid_id == bid_id:
                return score
        raise KeyError(bid_id)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON structure (docs/scoring.md §8); decimals are strings."""
        return _award_json(self)


# --------------------------------------------------------------------------- arithmetic


def _points(value: Decimal) -> Decimal:
    """Round a points figure half to even to 2 decimals (the one rounding of points)."""
    return value.quantize(POINTS_STEP, rounding=ROUND_HALF_EVEN, context=exact_context())




def _mul(*factors: Decimal) -> Decimal:
    context = exact_context()
    product = Decimal(1)
    for factor in factors:
        product = context.multiply(product, factor)
    return product


def _div(a: Decimal, b: Decimal) -> Decimal:
    return exact_context().divide(a, b)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def _shown(value: Decimal, places: int = 4) -> str:
    """A figure for an explanation: exact when short, else rounded for display only."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent <= places:
        return decimal_text(value)
    step = Decimal(1).scaleb(-places)
    return decimal_text(value.quantize(step, rounding=ROUND_HALF_EVEN, context=exact_context()))


# ------------------------------------------------------------------------------ scoring


@dataclass
class _Work:
    """A bid while it is being scored."""

    bid: Bid
    source: str
    valuation: Valuation
    lines: list[ScoredLine]
    eligible_value: Decimal
    scored_value: Decimal
    excluded_value: Decimal
    credit: Decimal
    by_theme: list[ThemeScore]
    quantities: dict[str, Decimal]
    findings: list[Finding]
    price: Decimal | None = None
    price_source: str | None = None
    qualitative: Decimal | None = None
    other: Decimal | None = None
    compliant: bool | None = None
    compliance: str = ""
    explanation: list[str] = field(default_factory=list)


def _scoring(tender: Tender) -> ScoringRules:
    """The 1.0 scoring rules; a 2.0 tender publishes award rules instead."""
    if tender.scoring is None:
        raise SroiError(
            f"tender {tender.id} follows standard {tender.standard_version} and publishes "
            "award rules (award), not 1.0 scoring rules: score it with "
            "sroi_core.award.award_bids"
        )
    return tender.scoring


def document_findings(
    tender: Tender, bids: Sequence[Bid], catalogue: Catalogue, sources: Mapping[str, str]
) -> list[Finding]:
    """Findings that stop the scoring.

    Documents that do not belong together, a bid given twice, a tender its own method
    cannot score, amounts in another currency.
    """
    findings: list[Finding] = []
    tender_source = sources.get(tender.id, f"<tender {tender.id}>")
    for wrong in reference_mismatches(tender, catalogue=catalogue):
        findings.append(wrong.finding(tender_source))
    counts: dict[str, int] = defaultdict(int)
    for bid in bids:
        counts[bid.id] += 1
    for bid_id, count in sorted(counts.items()):
        if count > 1:
            findings.append(
                make_finding(
                    DUPLICATE_BID, "", source=sources.get(bid_id, bid_id), bid=bid_id, count=count
                )
            )
    currency = conventions_for(catalogue, tender).currency
    money = [
        (
            "the tender's contract value",
            tender_source,
            "/contractValue",
            tender.contract_value.currency,
        )
    ]
    if tender.minimum_social_value is not None:
        money.append(
            (
                "the tender's minimum social value",
                tender_source,
                "/minimumSocialValue",
                tender.minimum_social_value.currency,
            )
        )
    for bid in bids:
        source = sources.get(bid.id, f"<bid {bid.id}>")
        wrongs = reference_mismatches(bid, catalogue=catalogue, tender=tender)
        for wrong in sorted(wrongs, key=lambda w: w.field != "tender"):
            findings.append(wrong.finding(source))
        if bid.bid_price is not None:
            money.append(
                (f"the price of bid {bid.id}", source, "/bidPrice", bid.bid_price.currency)
            )
    for what, source, pointer, other in money:
        if other != currency:
            findings.append(
                make_finding(
                    CURRENCY_MISMATCH,
                    pointer,
                    source=source,
                    what=what,
                    currency=other,
                    expected=currency,
                )
            )
    scoring = _scoring(tender)
    needs = None
    if scoring.method == "mixed" and scoring.qualitative_share is None:
        needs = "scoring.qualitativeShare (the share of the qualitative delivery-plan score)"
    if scoring.method == "absolute":
        has_target = any(i.target is not None and i.target.value > 0 for i in tender.indicators)
        minimum, _ = minimum_social_value(tender)
        if not has_target and (minimum is None or minimum <= 0):
            needs = "a target on at least one tender indicator, or a minimum social value"
    if needs is not None:
        findings.append(
            make_finding(
                TENDER_INCOMPLETE,
                "/scoring/method",
                source=tender_source,
                tender=tender.id,
                method=scoring.method,
                needs=needs,
            )
        )
    return findings


def minimum_social_value(tender: Tender) -> tuple[Decimal | None, str]:
    """The minimum eligible outcome value a bid must offer, and how it was set.

    ``minimumSocialValue`` and ``minimumSocialValueShare x contractValue`` are both
    minimums; when the tender gives both, the higher applies (both must be met). The
    share is of the tender's published contract value (the same for every bid).
    """
    parts: list[tuple[Decimal, str]] = []
    if tender.minimum_social_value is not None:
        amount = tender.minimum_social_value.amount
        parts.append((amount, f"minimumSocialValue {decimal_text(amount)}"))
    if tender.minimum_social_value_share is not None:
        share = tender.minimum_social_value_share
        contract = tender.contract_value.amount
        amount = round_cent(_mul(share, contract))
        parts.append(
            (
                amount,
                f"minimumSocialValueShare {decimal_text(share)} x contract value "
                f"{decimal_text(contract)} = {decimal_text(amount)}",
            )
        )
    if not parts:
        return None, "the tender sets no minimum social value"
    amount = max(value for value, _ in parts)
    if len(parts) == 1:
        return amount, parts[0][1]
    return amount, "the higher of " + " and ".join(text for _, text in parts)


def _multipliers(tender: Tender) -> dict[str, tuple[Decimal, Decimal]] | None:
    """Map theme -> (priority weight, multiplier K x weight); None without priorities."""
    if not tender.theme_priorities:
        return None
    count = Decimal(len(tender.theme_priorities))
    return {p.theme: (p.weight, _mul(count, p.weight)) for p in tender.theme_priorities}


def _line_findings(
    findings: Sequence[Finding], bid: Bid
) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """Findings per commitment id (from their pointer) and the bid-level rest."""
    per_line: dict[str, list[Finding]] = defaultdict(list)
    rest = []
    for finding in findings:
        index = commitment_at(finding.pointer, bid)
        if index is not None:
            per_line[bid.commitments[index].id].append(finding)
        else:
            rest.append(finding)
    return per_line, rest


def _classify(  # noqa: PLR0917 - one call site, each input named
    line: ValuationLine,
    commitment: Commitment | None,
    asked: frozenset[str],
    tender: Tender,
    catalogue: Catalogue,
    findings: Sequence[Finding],
) -> tuple[list[Reason], list[Reason]]:
    reasons: list[Reason] = []
    notes: list[Reason] = []
    if line.status == "payment-in-lieu":
        reasons.append(
            Reason(
                "payment-in-lieu",
                "payment in lieu (afkoop) is never social value: it does not score",
            )
        )
    elif commitment is not None and is_payment_in_lieu(commitment):
        amount = commitment.payment_in_lieu
        shown = f"{amount.currency} {decimal_text(amount.amount)}" if amount else "an amount"
        reasons.append(
            Reason(
                "payment-in-lieu",
                f"a payment in lieu ({shown}) is recorded on "
                "this commitment, so its delivered part cannot be told from the "
                "bought-off part: it does not score",
            )
        )
    if line.indicator not in asked:
        reasons.append(
            Reason(
                "not-a-tender-indicator",
                f"indicator {line.indicator} is not one "
                "of the tender's indicators: commitments the buyer did not ask "
                "for do not score",
            )
        )
    indicator = catalogue.indicator(line.indicator)
    if tender.outcomes_only and indicator.kind is IndicatorKind.OUTPUT:
        reasons.append(
            Reason(
                "output-indicator",
                f"{line.indicator} is an output indicator "
                "and the tender asks for outcomes only: effort does not score",
            )
        )
    for finding in findings:
        if finding.rule_id in SUBSUMED:
            continue
        text = f"{finding.rule_id}: {finding.message}"
        if finding.severity is Severity.ERROR and finding.rule_id not in ENGINE_CORRECTED:
            reasons.append(Reason("quality-error", text))
        elif finding.rule_id in ENGINE_CORRECTED:
            notes.append(Reason("engine-corrected", text + " (valued with the corrected duration)"))
        else:
            notes.append(Reason(f"quality-{finding.severity.value}", text))
    if indicator.monetisation == "not-monetised":
        notes.append(
            Reason(
                "not-monetised",
                "not monetised: no value"
                + ("" if reasons else "; its quantity counts toward the indicator's target"),
            )
        )
    return reasons, notes


def _work(bid: Bid, context: ContractContext) -> tuple[_Work, list[Finding]]:
    tender, catalogue = context.tender, context.catalogue
    source = context.bid_source(bid)
    valuation = context.valuation(bid)
    checks = context.checks(bid)
    bid_findings = [f for f in checks if f.source == source]
    tender_findings = [f for f in checks if f.source == context.tender_source]
    per_line, _ = _line_findings(bid_findings, bid)
    commitments = context.commitments(bid)
    multipliers = _multipliers(tender)
    lines: list[ScoredLine] = []
    quantities: dict[str, Decimal] = defaultdict(lambda: Decimal(0))
    theme_value: dict[str, Decimal] = defaultdict(lambda: ZERO)
    theme_weighted: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in valuation.lines:
        commitment: Commitment | None = commitments.get(line.line_id)
        reasons, notes = _classify(
            line, commitment, context.asked, tender, catalogue, per_line.get(line.line_id, [])
        )
        outcome, credit = line.outcome_value, line.obligation_credit
        if credit > 0:
            notes.append(
                Reason(
                    "obligation-credit",
                    f"obligation credits {decimal_text(credit)} are shown but never scored",
                )
            )
        multiplier = Decimal(1)
        if multipliers is not None:
            _, multiplier = multipliers.get(line.theme, (Decimal(0), Decimal(0)))
            if line.theme not in multipliers:
                notes.append(
                    Reason(
                        "theme-not-prioritised",
                        f"theme {line.theme} has no priority in the tender: weight 0",
                    )
                )
        scored = not reasons
        weighted = round_cent(_mul(outcome, multiplier)) if scored else ZERO
        indicator = catalogue.indicator(line.indicator)
        quantity = (
            catalogue.in_unit(commitment.quantity, indicator.unit)
            if commitment is not None
            else line.quantity.value
        )
        if scored:
            quantities[line.indicator] = exact_context().add(quantities[line.indicator], quantity)
            theme_value[line.theme] += outcome
            theme_weighted[line.theme] += weighted
        lines.append(
            ScoredLine(
                commitment=line.line_id,
                indicator=line.indicator,
                theme=line.theme,
                status=line.status,
                fulfilment=commitment.fulfilment.value if commitment is not None else "",
                quantity=quantity,
                unit=indicator.unit,
                outcome_value=outcome,
                obligation_credit=credit,
                scored=scored,
                reasons=tuple(reasons),
                notes=tuple(notes),
                multiplier=multiplier,
                weighted_value=weighted,
            )
        )
    themes = sorted(set(theme_value) | set(multipliers or {}))
    by_theme = []
    for theme in themes:
        priority, multiplier = (
            multipliers.get(theme, (Decimal(0), Decimal(0)))
            if multipliers is not None
            else (None, Decimal(1))
        )
        by_theme.append(
            ThemeScore(
                theme=theme,
                priority=priority,
                multiplier=multiplier,
                value=theme_value[theme],
                weighted_value=theme_weighted[theme],
            )
        )
    work = _Work(
        bid=bid,
        source=source,
        valuation=valuation,
        lines=lines,
        eligible_value=exact_sum(line.outcome_value for line in lines if line.scored),
        scored_value=exact_sum(line.weighted_value for line in lines),
        excluded_value=exact_sum(line.outcome_value for line in lines if not line.scored),
        credit=exact_sum(line.obligation_credit for line in lines),
        by_theme=by_theme,
        quantities=dict(quantities),
        findings=list(bid_findings),
    )
    return work, tender_findings


def _evaluation_inputs(
    tender: Tender, works: Sequence[_Work], evaluation: Evaluation | None
) -> None:
    """Attach price and scores to each bid; raise EvaluationError on any problem."""
    scoring = _scoring(tender)
    maximum = Decimal(scoring.max_points)
    source = evaluation.source if evaluation is not None else "<no evaluation>"
    findings: list[Finding] = []
    ids = {work.bid.id for work in works}
    known = ", ".join(sorted(ids))
    for entry in evaluation.rows if evaluation is not None else ():
        if entry.bid_id not in ids:
            findings.append(
                make_finding(
                    EVALUATION_UNKNOWN_BID,
                    json_pointer(entry.row, "bid_id"),
                    source=source,
                    row=entry.row,
                    bid=entry.bid_id,
                    known=known,
                )
            )
            continue
        for column, value, allowed, ok in (
            ("price", entry.price, "greater than 0", entry.price is None or entry.price > 0),
            (
                "qualitative_score",
                entry.qualitative_score,
                f"0 to {maximum}",
                entry.qualitative_score is None or 0 <= entry.qualitative_score <= maximum,
            ),
            (
                "other_quality_score",
                entry.other_quality_score,
                f"0 to {maximum}",
                entry.other_quality_score is None or 0 <= entry.other_quality_score <= maximum,
            ),
        ):
            if not ok:
                findings.append(
                    make_finding(
                        EVALUATION_OUT_OF_RANGE,
                        json_pointer(entry.row, column),
                        source=source,
                        where=f"row {entry.row}, column {column}",
                        value=value,
                        allowed=allowed,
                    )
                )
    needs_quality = scoring.method == "mixed"
    needs_other = scoring.other_quality_weight > 0
    needs_price = scoring.price_weight > 0
    for work in sorted(works, key=lambda w: w.bid.id):
        row = evaluation.row_for(work.bid.id) if evaluation is not None else None
        where = f"row {row.row}" if row is not None else "no row in the evaluation sheet"
        if row is not None and row.price is not None:
            work.price, work.price_source = row.price, "evaluation"
        elif work.bid.bid_price is not None:
            work.price, work.price_source = work.bid.bid_price.amount, "bid"
        if work.price_source == "bid" and work.price is not None and work.price <= 0:
            findings.append(
                make_finding(
                    EVALUATION_OUT_OF_RANGE,
                    "/bidPrice",
                    source=work.source,
                    where=f"bid {work.bid.id}, bidPrice",
                    value=work.price,
                    allowed="a price greater than 0",
                )
            )
        if row is not None:
            work.qualitative = row.qualitative_score if needs_quality else None
            work.other = row.other_quality_score
        for column, missing, why in (
            (
                "qualitative_score",
                needs_quality and work.qualitative is None,
                "method mixed scores the delivery plan",
            ),
            (
                "other_quality_score",
                needs_other and work.other is None,
                f"otherQualityWeight is {decimal_text(scoring.other_quality_weight)}",
            ),
            (
                "price",
                needs_price and work.price is None,
                f"priceWeight is {decimal_text(scoring.price_weight)}; give a price column or "
                "the bid's bidPrice",
            ),
        ):
            if missing:
                pointer = json_pointer(row.row, column) if row is not None else ""
                findings.append(
                    make_finding(
                        EVALUATION_MISSING,
                        pointer,
                        source=source,
                        where=where,
                        column=column,
                        bid=work.bid.id,
                        why=why,
                    )
                )
    if findings:
        raise EvaluationError(findings)


def _compliance(work: _Work, minimum: Decimal | None, policy: MinimumPolicy, currency: str) -> None:
    if minimum is None:
        work.compliant, work.compliance = None, "no minimum social value is set"
        return
    value = work.eligible_value
    if value >= minimum:
        work.compliant = True
        work.compliance = (
            f"eligible outcome value {decimal_text(value)} >= minimum "
            f"{decimal_text(minimum)}: compliant"
        )
        return
    work.compliant = False
    consequence = {
        "rank-after": "ranked after every compliant bid",
        "exclude": "excluded from the award (not scored, not ranked)",
        "zero-points": "0 social-value points, ranked with the others",
    }[policy]
    work.compliance = (
        f"eligible outcome value {decimal_text(value)} < minimum "
        f"{decimal_text(minimum)}: non-compliant on social value; "
        f"{consequence}"
    )
    work.findings.insert(
        0,
        make_finding(
            MINIMUM_NOT_MET,
            "",
            source=work.source,
            bid=work.bid.id,
            currency=currency,
            value=decimal_text(value),
            minimum=decimal_text(minimum),
            policy=consequence,
        ),
    )


def _absolute(
    work: _Work, tender: Tender, catalogue: Catalogue, minimum: Decimal | None
) -> tuple[Decimal, list[IndicatorScore], str]:
    """Absolute points (not yet rounded), indicator rows and the explanation."""
    points_max = Decimal(_scoring(tender).max_points)
    targeted = [i for i in tender.indicators if i.target is not None and i.target.value > 0]
    rows = _indicator_rows(work, tender, catalogue, with_weights=True)
    if not targeted:
        if minimum is None or minimum <= 0:  # pragma: no cover - refused by document_findings
            raise SroiError("absolute scoring needs targets or a minimum social value")
        ratio = min(Decimal(1), _div(work.scored_value, minimum))
        exact = _mul(points_max, ratio)
        text = (
            f"social value (absolute, against the minimum): {points_max} x min(1, "
            f"{decimal_text(work.scored_value)} / {decimal_text(minimum)})"
        )
        return exact, rows, text
    weighted = [
        (row.weight or Decimal(0), row.attainment or Decimal(0))
        for row in rows
        if row.attainment is not None
    ]
    total_weight = exact_sum(w for w, _ in weighted)
    score = exact_sum(_mul(w, a) for w, a in weighted)
    exact = _div(_mul(points_max, score), total_weight)
    terms = " + ".join(f"{decimal_text(w)} x {decimal_text(a)}" for w, a in weighted)
    text = (
        f"social value (absolute, against targets): {points_max} x ({terms}) / "
        f"{decimal_text(total_weight)}"
    )
    return exact, rows, text


def _indicator_rows(
    work: _Work, tender: Tender, catalogue: Catalogue, *, with_weights: bool
) -> list[IndicatorScore]:
    targeted = [i for i in tender.indicators if i.target is not None and i.target.value > 0]
    any_weight = any(i.weight is not None for i in targeted)
    weights: dict[str, Decimal] = {}
    for item in targeted:
        weights[item.indicator] = (item.weight or Decimal(0)) if any_weight else Decimal(1)
    if targeted and sum(weights.values()) == 0:
        weights = {key: Decimal(1) for key in weights}
    values: dict[str, Decimal] = defaultdict(lambda: ZERO)
    weighted: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in work.lines:
        if line.scored:
            values[line.indicator] += line.outcome_value
            weighted[line.indicator] += line.weighted_value
    rows = []
    for item in sorted(tender.indicators, key=lambda i: i.indicator):
        indicator = catalogue.indicator(item.indicator)
        quantity = work.quantities.get(item.indicator, Decimal(0))
        target = None
        attainment = None
        if item.target is not None and item.target.value > 0:
            target = catalogue.in_unit(item.target, indicator.unit)
            ratio = min(Decimal(1), _div(quantity, target))
            attainment = ratio.quantize(
                ATTAINMENT_STEP, rounding=ROUND_HALF_EVEN, context=exact_context()
            )
        rows.append(
            IndicatorScore(
                indicator=item.indicator,
                theme=indicator.theme,
                value=values[item.indicator],
                weighted_value=weighted[item.indicator],
                quantity=quantity,
                unit=indicator.unit,
                target=target,
                attainment=attainment,
                weight=weights.get(item.indicator) if with_weights and target is not None else None,
            )
        )
    return rows


def score_bids(
    tender: Tender,
    bids: Sequence[Bid],
    catalogue: Catalogue,
    evaluation: Evaluation | None = None,
    *,
    minimum_policy: MinimumPolicy = "rank-after",
    sources: Mapping[str, str] | None = None,
    context: ContractContext | None = None,
) -> AwardResult:
    """Score and rank ``bids`` on the tender's award criteria (docs/scoring.md).

    Args:
        tender: The tender: scoring rules, indicators, targets, theme priorities, minimum.
        bids: The bids to compare (any order; the result does not depend on it).
        catalogue: The catalogue the tender and bids name.
        evaluation: The evaluators' sheet: prices, qualitative and other-quality scores.
        minimum_policy: What happens to a bid below the minimum social value:
            ``rank-after`` (default: scored, ranked after every compliant bid),
            ``exclude`` (not scored or ranked) or ``zero-points`` (0 social-value points).
        sources: File names of the documents by id, used in findings.
        context: The contract already read (the report shares it, so each bid is valued
            once); built from the other arguments when not given.

    Raises:
        ScoringInputError: the documents do not belong together, a bid is given twice, the
            tender's method lacks what it needs, or amounts are in another currency.
        EvaluationError: the evaluation sheet names an unknown bid, a figure is out of
            range, or a figure the award needs is missing.

    """
    if minimum_policy not in MINIMUM_POLICIES:
        raise SroiError(
            f"unknown minimum policy {minimum_policy!r}; use " + ", ".join(MINIMUM_POLICIES)
        )
    if not bids:
        raise SroiError("there are no bids to score")
    names = dict(sources or {})
    problems = document_findings(tender, bids, catalogue, names)
    if problems:
        raise ScoringInputError(problems)
    scoring = _scoring(tender)
    if context is None:
        context = ContractContext.build(tender, catalogue, bids, sources=names)
    currency = context.currency
    works: list[_Work] = []
    tender_findings: list[Finding] = []
    for bid in sorted(bids, key=lambda b: b.id):
        work, found = _work(bid, context)
        works.append(work)
        tender_findings = tender_findings or found
    _evaluation_inputs(tender, works, evaluation)
    minimum, minimum_basis = minimum_social_value(tender)
    for work in works:
        _compliance(work, minimum, minimum_policy, currency)

    def competes(work: _Work) -> bool:
        return not (minimum_policy == "exclude" and work.compliant is False)

    competing = [w for w in works if competes(w)]
    best = max((w.scored_value for w in competing), default=ZERO)
    priced = [w.price for w in competing if w.price is not None]
    lowest = min(priced) if priced and len(priced) == len(competing) else None
    notes = _award_notes(
        tender,
        catalogue,
        works=works,
        competing=competing,
        best=best,
        lowest=lowest,
        policy=minimum_policy,
    )
    scores: dict[str, dict[str, Any]] = {}
    for work in works:
        scores[work.bid.id] = _score_one(
            work,
            tender,
            catalogue,
            minimum=minimum,
            policy=minimum_policy,
            competes=competes(work),
            best=best,
            lowest=lowest,
        )
    ranks, ties = _rank(works, scores, minimum_policy)
    bid_scores = [
        _bid_score(work, scores[work.bid.id], ranks.get(work.bid.id), ties) for work in works
    ]
    bid_scores.sort(key=lambda s: (s.rank is None, s.rank or 0, s.bid_id))
    multipliers = _multipliers(tender) or {}
    return AwardResult(
        tender_id=tender.id,
        method=scoring.method,
        max_points=scoring.max_points,
        social_value_weight=scoring.social_value_weight,
        price_weight=scoring.price_weight,
        other_quality_weight=scoring.other_quality_weight,
        qualitative_share=scoring.qualitative_share,
        currency=currency,
        minimum=minimum,
        minimum_basis=minimum_basis,
        minimum_policy=minimum_policy,
        theme_priorities=tuple((t, w, m) for t, (w, m) in sorted(multipliers.items())),
        best_scored_value=best,
        lowest_price=lowest,
        bids=tuple(bid_scores),
        ties=tuple(ties),
        formulas=formulas(tender),
        notes=tuple(notes),
        findings=tuple(tender_findings),
    )


def formulas(tender: Tender) -> tuple[str, ...]:
    """The formulas the tender's method uses, in words (for the report header)."""
    scoring = _scoring(tender)
    p = scoring.max_points
    out = [
        "eligible value = outcome value (present value) of the lines that score; obligation "
        "credits never score",
        "scored value = sum over scoring lines of round_cent(outcome value x K x w(theme)), "
        "K = number of prioritised themes (multiplier 1 without theme priorities)"
        if tender.theme_priorities
        else "scored value = eligible value (the tender sets no theme priorities)",
    ]
    relative = f"SV points = round2({p} x scored value / best scored value) (0 when best is 0)"
    if scoring.method == "relative":
        out.append(relative)
    elif scoring.method == "mixed":
        share = decimal_text(scoring.qualitative_share or Decimal(0))
        out.append(f"quantitative = round2({p} x scored value / best scored value)")
        out.append(
            f"SV points = round2(quantitative x (1 - {share}) + qualitative score x {share})"
        )
    elif any(i.target is not None and i.target.value > 0 for i in tender.indicators):
        out.append(
            f"SV points = round2({p} x sum(weight_i x attainment_i) / sum(weight_i)), "
            "attainment_i = round4(min(1, eligible quantity_i / target_i)) over the "
            "tender indicators with a target"
        )
    else:
        out.append(f"SV points = round2({p} x min(1, scored value / minimum social value))")
    out.append(f"price points = round2({p} x lowest price / price)")
    out.append("other quality points = round2(evaluators' other-quality score)")
    out.append(
        f"total = round2({decimal_text(scoring.social_value_weight)} x SV points + "
        f"{decimal_text(scoring.price_weight)} x price points + "
        f"{decimal_text(scoring.other_quality_weight)} x other quality points)"
    )
    return tuple(out)


def _award_notes(
    tender: Tender,
    catalogue: Catalogue,
    *,
    works: Sequence[_Work],
    competing: Sequence[_Work],
    best: Decimal,
    lowest: Decimal | None,
    policy: MinimumPolicy,
) -> list[str]:
    notes = []
    if _scoring(tender).method in ("relative", "mixed"):
        if len(competing) == 1:
            notes.append(
                "only one bid competes: it is its own best, so it gets the full "
                "relative points when its scored value is above 0"
            )
        if competing and best == 0:
            notes.append(
                "no competing bid has a scored value above 0: every bid gets 0 "
                "relative points (no division by zero)"
            )
    if _scoring(tender).price_weight == 0 and lowest is None:
        notes.append(
            "priceWeight is 0 and not every bid has a price: price points are not computed"
        )
    if any(w.compliant is False for w in works):
        notes.append(f"minimum policy {policy}: see each non-compliant bid's compliance text")
    chosen = {p.theme for p in tender.theme_priorities}
    if chosen:
        for item in sorted(tender.indicators, key=lambda i: i.indicator):
            theme = catalogue.indicator(item.indicator).theme
            if theme not in chosen:
                notes.append(
                    f"tender indicator {item.indicator} is in theme {theme}, which "
                    "has no theme priority: its value weighs 0"
                )
    notes.append(
        "ties share a rank and are listed as ties; the listing order within a tie "
        "(by bid id) is not a tie-break"
    )
    return notes


def _score_one(
    work: _Work,
    tender: Tender,
    catalogue: Catalogue,
    *,
    minimum: Decimal | None,
    policy: MinimumPolicy,
    competes: bool,
    best: Decimal,
    lowest: Decimal | None,
) -> dict[str, Any]:
    scoring = _scoring(tender)
    points_max = Decimal(scoring.max_points)
    explanation = work.explanation
    explanation.append(
        f"eligible value {decimal_text(work.eligible_value)}; scored value "
        f"{decimal_text(work.scored_value)}; not scoring {decimal_text(work.excluded_value)}; "
        f"obligation credits (never scored) {decimal_text(work.credit)}"
    )
    explanation.append(f"minimum: {work.compliance}")
    indicator_rows = _indicator_rows(work, tender, catalogue, with_weights=False)
    result: dict[str, Any] = {
        "quantitative": None,
        "social_value": None,
        "price": None,
        "other": None,
        "total": None,
        "indicators": indicator_rows,
    }
    if not competes:
        explanation.append("not scored: excluded by the minimum policy")
        return result
    zeroed = policy == "zero-points" and work.compliant is False
    if scoring.method == "absolute":
        exact, indicator_rows, text = _absolute(work, tender, catalogue, minimum)
        result["indicators"] = indicator_rows
        social = _points(exact)
        explanation.append(f"{text} = {_shown(exact)} -> {social}")
    else:
        if best > 0:
            quantitative = _points(_div(_mul(points_max, work.scored_value), best))
            explanation.append(
                f"quantitative (relative): {points_max} x "
                f"{decimal_text(work.scored_value)} / {decimal_text(best)} = "
                f"{quantitative}"
            )
        else:
            quantitative = _points(Decimal(0))
            explanation.append("quantitative (relative): best scored value is 0, so 0 points")
        result["quantitative"] = quantitative
        if scoring.method == "mixed":
            share = scoring.qualitative_share or Decimal(0)
            qualitative = work.qualitative or Decimal(0)
            exact = exact_context().add(
                _mul(quantitative, exact_context().subtract(Decimal(1), share)),
                _mul(qualitative, share),
            )
            social = _points(exact)
            explanation.append(
                f"social value (mixed): {quantitative} x (1 - "
                f"{decimal_text(share)}) + {decimal_text(qualitative)} x "
                f"{decimal_text(share)} = {_shown(exact)} -> {social}"
            )
        else:
            social = quantitative
            explanation.append(f"social value (relative): {social}")
    if zeroed:
        explanation.append(
            f"minimum not met, policy zero-points: social-value points {social} -> 0.00"
        )
        social = _points(Decimal(0))
    result["social_value"] = social
    price_points = None
    if work.price is not None and lowest is not None:
        price_points = _points(_div(_mul(points_max, lowest), work.price))
        explanation.append(
            f"price ({work.price_source}): {points_max} x {decimal_text(lowest)}"
            f" / {decimal_text(work.price)} = {price_points}"
        )
    other_points = _points(work.other) if work.other is not None else None
    if other_points is not None:
        explanation.append(f"other quality: {other_points}")
    terms = [
        (scoring.social_value_weight, social),
        (scoring.price_weight, price_points or Decimal(0)),
        (scoring.other_quality_weight, other_points or Decimal(0)),
    ]
    exact_total = exact_sum(_mul(w, p) for w, p in terms)
    total = _points(exact_total)
    explanation.append(
        "total: "
        + " + ".join(f"{decimal_text(w)} x {decimal_text(p)}" for w, p in terms)
        + f" = {_shown(exact_total)} -> {total}"
    )
    result.update(price=price_points, other=other_points, total=total)
    return result


def _rank(
    works: Sequence[_Work], scores: Mapping[str, Mapping[str, Any]], policy: MinimumPolicy
) -> tuple[dict[str, int], list[tuple[str, ...]]]:
    """Competition ranking ("1, 1, 3") on the rounded total; compliant bids first."""
    first: list[_Work] = []
    after: list[_Work] = []
    for work in works:
        if scores[work.bid.id]["total"] is None:
            continue
        if policy == "rank-after" and work.compliant is False:
            after.append(work)
        else:
            first.append(work)
    ranks: dict[str, int] = {}
    ties: list[tuple[str, ...]] = []
    offset = 0
    for group in (first, after):
        by_total: dict[Decimal, list[str]] = defaultdict(list)
        for work in group:
            by_total[scores[work.bid.id]["total"]].append(work.bid.id)
        position = offset + 1
        for total in sorted(by_total, reverse=True):
            members = sorted(by_total[total])
            for bid_id in members:
                ranks[bid_id] = position
            if len(members) > 1:
                ties.append(tuple(members))
            position += len(members)
        offset += len(group)
    return ranks, ties


def _bid_score(
    work: _Work, score: Mapping[str, Any], rank: int | None, ties: Sequence[tuple[str, ...]]
) -> BidScore:
    tied = next((group for group in ties if work.bid.id in group), ())
    explanation = list(work.explanation)
    if rank is not None:
        others = ", ".join(b for b in tied if b != work.bid.id)
        explanation.append(f"rank {rank}" + (f", tied with {others}" if tied else ""))
    return BidScore(
        bid_id=work.bid.id,
        supplier=work.bid.supplier.name,
        eligible_value=work.eligible_value,
        scored_value=work.scored_value,
        excluded_value=work.excluded_value,
        obligation_credit=work.credit,
        lines=tuple(work.lines),
        by_theme=tuple(work.by_theme),
        by_indicator=tuple(score["indicators"]),
        compliant=work.compliant,
        compliance=work.compliance,
        scored=score["total"] is not None,
        price=work.price,
        price_source=work.price_source,
        quantitative_points=score["quantitative"],
        qualitative_score=work.qualitative,
        social_value_points=score["social_value"],
        price_points=score["price"],
        other_quality_points=score["other"],
        total=score["total"],
        rank=rank,
        tied_with=tuple(b for b in tied if b != work.bid.id),
        explanation=tuple(explanation),
        findings=tuple(work.findings),
    )


# --------------------------------------------------------------------------------- JSON


def _reason_json(reason: Reason) -> dict[str, str]:
    return {"code": reason.code, "text": reason.text}


def _bid_json(score: BidScore) -> dict[str, Any]:
    return {
        "bid": score.bid_id,
        "supplier": score.supplier,
        "rank": score.rank,
        "tiedWith": list(score.tied_with),
        "scored": score.scored,
        "compliant": score.compliant,
        "compliance": score.compliance,
        "values": {
            "eligible": _text(score.eligible_value),
            "scored": _text(score.scored_value),
            "notScoring": _text(score.excluded_value),
            "obligationCredit": _text(score.obligation_credit),
        },
        "price": None
        if score.price is None
        else {
            "amount": _text(score.price),
            "source": score.price_source,
        },
        "points": {
            "quantitative": _text(score.quantitative_points),
            "qualitative": _text(score.qualitative_score),
            "socialValue": _text(score.social_value_points),
            "price": _text(score.price_points),
            "otherQuality": _text(score.other_quality_points),
            "total": _text(score.total),
        },
        "lines": [
            {
                "commitment": line.commitment,
                "indicator": line.indicator,
                "theme": line.theme,
                "status": line.status,
                "fulfilment": line.fulfilment,
                "quantity": {"value": _text(line.quantity), "unit": line.unit},
                "outcomeValue": _text(line.outcome_value),
                "obligationCredit": _text(line.obligation_credit),
                "scored": line.scored,
                "multiplier": _text(line.multiplier),
                "weightedValue": _text(line.weighted_value),
                "reasons": [_reason_json(r) for r in line.reasons],
                "notes": [_reason_json(r) for r in line.notes],
            }
            for line in score.lines
        ],
        "byTheme": [
            {
                "theme": row.theme,
                "priority": _text(row.priority),
                "multiplier": _text(row.multiplier),
                "value": _text(row.value),
                "weightedValue": _text(row.weighted_value),
            }
            for row in score.by_theme
        ],
        "byIndicator": [
            {
                "indicator": row.indicator,
                "theme": row.theme,
                "value": _text(row.value),
                "weightedValue": _text(row.weighted_value),
                "quantity": {"value": _text(row.quantity), "unit": row.unit},
                "target": _text(row.target),
                "attainment": _text(row.attainment),
                "weight": _text(row.weight),
            }
            for row in score.by_indicator
        ],
        "explanation": list(score.explanation),
        "findings": [f.as_dict() for f in score.findings],
    }


def _award_json(result: AwardResult) -> dict[str, Any]:
    return {
        "tender": result.tender_id,
        "method": result.method,
        "maxPoints": result.max_points,
        "weights": {
            "socialValue": _text(result.social_value_weight),
            "price": _text(result.price_weight),
            "otherQuality": _text(result.other_quality_weight),
        },
        "qualitativeShare": _text(result.qualitative_share),
        "currency": result.currency,
        "minimum": {
            "amount": _text(result.minimum),
            "basis": result.minimum_basis,
            "policy": result.minimum_policy,
        },
        "themePriorities": [
            {"theme": t, "weight": _text(w), "multiplier": _text(m)}
            for t, w, m in result.theme_priorities
        ],
        "bestScoredValue": _text(result.best_scored_value),
        "lowestPrice": _text(result.lowest_price),
        "formulas": list(result.formulas),
        "ranking": [
            {"rank": s.rank, "bid": s.bid_id, "total": _text(s.total), "compliant": s.compliant}
            for s in result.bids
        ],
        "ties": [list(group) for group in result.ties],
        "bids": [_bid_json(s) for s in result.bids],
        "notes": list(result.notes),
        "findings": [f.as_dict() for f in result.findings],
    }
