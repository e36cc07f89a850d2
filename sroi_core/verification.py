"""The evidence verification workflow: who may move an item between which statuses.

The supplier reports evidence items; the buyer verifies or rejects each one. Only
verified items count as realised value. Everything is a pure function on immutable
models: a decision returns a *new* report, and :func:`check_transition` compares two
versions of a report so that nothing reported is lost or silently changed.

States and moves (docs/verification.md)::

    (new item) --supplier: submit--> submitted
    submitted  --buyer: verify------> verified    (final)
    submitted  --buyer: reject------> rejected    (final; a reason is required)
    submitted  --supplier: withdraw-> withdrawn   (final)

A rejected or withdrawn item is corrected by *resubmission*: a new item with a new id.
The model has no field linking the two, so the link is the reason of the new item's first
history entry, ``"resubmission of <old id>"`` (see :func:`resubmit` and
:func:`replaced_item`); being in the history, it is covered by the append-only rule.

Rules for a new version of a report: every item of the old version is still there; its
history is a prefix of the new history; appended entries are legal moves by the right
actor, in time order, with a reason where one is required; the status equals the last
entry; and an item's content (commitment, indicator, quantity, period, areas, subjects,
documents) never changes once submitted — corrections are new items.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType

from sroi_core.errors import SroiError
from sroi_core.model.codes import VerificationStatus
from sroi_core.model.evidence import Actor, Evidence, StatusChange
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding

SUBMITTED = VerificationStatus.SUBMITTED
VERIFIED = VerificationStatus.VERIFIED
REJECTED = VerificationStatus.REJECTED
WITHDRAWN = VerificationStatus.WITHDRAWN

TRANSITIONS: Mapping[tuple[VerificationStatus, VerificationStatus], Actor] = MappingProxyType(
    {
        (SUBMITTED, VERIFIED): "buyer",
        (SUBMITTED, REJECTED): "buyer",
        (SUBMITTED, WITHDRAWN): "supplier",
    }
)
"""Every legal move and the one party who may make it. Other moves are illegal."""

REASON_REQUIRED = frozenset({REJECTED})
"""Statuses that may only be entered with a reason."""

FINAL = frozenset({VERIFIED, REJECTED, WITHDRAWN})
"""Statuses no move leaves."""

FROZEN_FIELDS = (
    "commitment",
    "indicator",
    "quantity",
    "period",
    "areas",
    "subjects",
    "documents",
)
"""What an item claims; it never changes once submitted (the note may)."""

RESUBMISSION_PREFIX = "resubmission of "
"""Start of the first history reason of an item that replaces a rejected or withdrawn one."""

_RESUBMISSION = re.compile(r"resubmission of ([A-Za-z0-9][A-Za-z0-9._:-]{0,127})(?:;|\s|$)")


class VerificationError(SroiError):
    """A verification step that the workflow does not allow (item, actor, move, time)."""


ITEM_DROPPED = define_rule(
    "verification.item-dropped",
    Severity.ERROR,
    "Evidence item dropped",
    "item {item} of the earlier version ({old}) is missing from this version",
    "Catches results made to disappear: an item, once reported, stays in every later "
    "version of the report — rejected and withdrawn items included — so nothing reported "
    "is lost.",
    category="verification",
    template_nl="bewijsstuk {item} uit de eerdere versie ({old}) ontbreekt in deze versie",
)
VERIFIED_ITEM_CHANGED = define_rule(
    "verification.verified-item-changed",
    Severity.ERROR,
    "Verified item changed",
    "item {item} was verified but its {fields} changed",
    "Catches a verified claim altered after the buyer accepted it (a larger quantity, "
    "other subjects, swapped documents): the buyer verified exactly what was there.",
    category="verification",
    template_nl="bewijsstuk {item} was geverifieerd maar {fields} is gewijzigd",
)
ITEM_CHANGED = define_rule(
    "verification.item-changed",
    Severity.ERROR,
    "Submitted item changed in place",
    "item {item} ({status}) changed its {fields}; correct an item by withdrawing it and "
    "resubmitting it as a new item",
    "Catches silent edits: a submitted, rejected or withdrawn item keeps what it claimed, "
    "so the buyer never verifies something other than what was reported. A correction is "
    "a new item that names the one it replaces.",
    category="verification",
    template_nl="bewijsstuk {item} ({status}) is gewijzigd ({fields}); corrigeer door in "
    "te trekken en als nieuw bewijsstuk opnieuw in te dienen",
)
HISTORY_REWRITTEN = define_rule(
    "verification.history-rewritten",
    Severity.ERROR,
    "History rewritten",
    "the history of item {item} no longer starts with its {count} earlier entries "
    "(first difference at entry {index})",
    "Catches a rewritten audit trail: an item's history is append-only, so the earlier "
    "version's history must be a prefix of the new one.",
    category="verification",
    template_nl="de geschiedenis van bewijsstuk {item} begint niet meer met de {count} "
    "eerdere regels (eerste verschil bij regel {index})",
)
ILLEGAL_TRANSITION = define_rule(
    "verification.illegal-transition",
    Severity.ERROR,
    "Move not allowed",
    "item {item} moves from {old} to {new} by the {actor}, which is not allowed ({allowed})",
    "Catches self-verification and reversals: only the buyer verifies or rejects a "
    "submitted item, only the supplier submits or withdraws one, and verified, rejected "
    "and withdrawn are final.",
    category="verification",
    template_nl="bewijsstuk {item} gaat van {old} naar {new} door de {actor}, wat niet is "
    "toegestaan ({allowed})",
)
REASON_MISSING = define_rule(
    "verification.reason-missing",
    Severity.ERROR,
    "Rejection without a reason",
    "item {item} is {status} without a reason",
    "A rejection must say why, so the supplier can correct and resubmit, and an auditor "
    "can see the ground of the decision.",
    category="verification",
    template_nl="bewijsstuk {item} is {status} zonder reden",
)
STATUS_UNRECORDED = define_rule(
    "verification.status-unrecorded",
    Severity.ERROR,
    "Status not backed by the history",
    "item {item} has status {status} but its history ends at {recorded}",
    "Catches a status set by hand: every status change is an entry in the item's history "
    "(who, when, why), so an item marked verified without the buyer's verification entry "
    "is not verified.",
    category="verification",
    template_nl="bewijsstuk {item} heeft status {status} maar de geschiedenis eindigt bij "
    "{recorded}",
)
HISTORY_ORDER = define_rule(
    "verification.history-out-of-order",
    Severity.ERROR,
    "History entries out of time order",
    "entry {index} of item {item} is dated {at}, before the entry before it ({previous})",
    "Catches back-dated decisions: history entries are appended in time order.",
    category="verification",
    template_nl="regel {index} van bewijsstuk {item} is gedateerd {at}, voor de regel "
    "ervoor ({previous})",
)
BAD_RESUBMISSION = define_rule(
    "verification.bad-resubmission",
    Severity.ERROR,
    "Resubmission of an item that cannot be replaced",
    "item {item} says it replaces {replaced}, which {problem}",
    "A resubmission replaces a rejected or withdrawn item of the same report; replacing a "
    "submitted or verified item (or one that does not exist) would count a result twice.",
    category="verification",
    template_nl="bewijsstuk {item} zegt {replaced} te vervangen, dat {problem}",
)
REPORT_MISMATCH = define_rule(
    "verification.report-mismatch",
    Severity.ERROR,
    "Not two versions of one report",
    "the reports differ in {field} ({old} versus {new}); they are not versions of one report",
    "Versions of an evidence report share its id, bid, tender and supplier; comparing "
    "two different reports says nothing about what changed.",
    category="verification",
    template_nl="de rapportages verschillen in {field} ({old} tegenover {new}); het zijn "
    "geen versies van één rapportage",
)


def _allowed_text() -> str:
    moves = [f"{old}->{new} by {who}" for (old, new), who in TRANSITIONS.items()]
    return "allowed: " + ", ".join(moves)


def replaced_item(item: Evidence) -> str | None:
    """Return the id of the item this one resubmits.

    The model's ``replaces`` field says it; for reports written before that field, the
    first history entry's reason ("resubmission of <id>") is read instead.
    """
    if item.replaces is not None:
        return item.replaces
    if not item.history or item.history[0].status != SUBMITTED:
        return None
    found = _RESUBMISSION.match(item.history[0].reason or "")
    return found.group(1) if found else None


def effective_status(item: Evidence) -> VerificationStatus:
    """The status an item's history supports: the one place verification state is derived.

    The history is replayed from *submitted*: an optional first ``submitted`` entry by the
    supplier, then each entry that is a legal move (:data:`TRANSITIONS`) by the right
    party, in time order, with a reason where one is required. Replay stops at the first
    entry that is not, so a self-verification, a reversal or a back-dated decision
    changes nothing. The ``status`` field is only a cache of this value: an item whose
    field says *verified* but whose history does not is **not** verified for valuation,
    monitoring, reports or scoring (and :func:`check_history` reports it).
    """
    return history_status(item.history)


_MOVER = {(id(old), id(new)): actor for (old, new), actor in TRANSITIONS.items()}
_NEEDS_REASON = frozenset(map(id, REASON_REQUIRED))
""":data:`TRANSITIONS` and :data:`REASON_REQUIRED` keyed by the members' ids: a member is a
singleton, and its ``id`` hashes in C where an enum's ``__hash__`` is a Python call
(a report replays a history per item)."""


def history_status(history: Sequence[StatusChange]) -> VerificationStatus:
    """The status an item's ``history`` supports (:func:`effective_status` says how).

    For a caller that reads the history with the item's other fields in one pass.
    """
    state = SUBMITTED
    last_at: dt.datetime | None = None
    for index, entry in enumerate(history):
        at, status = entry.at, entry.status
        if last_at is not None and at < last_at:
            break
        last_at = at
        if index == 0 and status is SUBMITTED:
            if entry.by != "supplier":
                break
            continue
        if _MOVER.get((id(state), id(status))) != entry.by:
            break
        if id(status) in _NEEDS_REASON and _clean_reason(entry.reason) is None:
            break
        state = status
    return state


def is_verified(item: Evidence) -> bool:
    """Whether the item counts as realised value: its history records the buyer's verification."""
    return effective_status(item) is VERIFIED


def _aware(at: dt.datetime) -> dt.datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise VerificationError(
            f"the time {at.isoformat()} has no time zone; give one, e.g. 2026-03-01T10:00:00+01:00"
        )
    return at


def _index(report: EvidenceReport, item_id: str) -> int:
    for n, item in enumerate(report.items):
        if item.id == item_id:
            return n
    known = ", ".join(item.id for item in report.items[:20]) or "none"
    raise VerificationError(f"report {report.id} has no item {item_id!r} (items: {known})")


def _clean_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    text = reason.strip()
    return text or None


def _append(
    report: EvidenceReport,
    n: int,
    status: VerificationStatus,
    *,
    actor: Actor,
    reason: str | None,
    at: dt.datetime,
) -> EvidenceReport:
    item = report.items[n]
    if item.history and at < item.history[-1].at:
        raise VerificationError(
            f"the time {at.isoformat()} is before item {item.id}'s last history entry "
            f"({item.history[-1].at.isoformat()}); history is appended in time order"
        )
    change = (
        StatusChange(status=status, at=at, by=actor, reason=reason)
        if reason
        else (StatusChange(status=status, at=at, by=actor))
    )
    updated = item.model_copy(update={"status": status, "history": (*item.history, change)})
    items = (*report.items[:n], updated, *report.items[n + 1 :])
    return report.model_copy(update={"items": items})


def decide(
    report: EvidenceReport,
    item_id: str,
    decision: VerificationStatus | str,
    *,
    actor: Actor,
    at: dt.datetime,
    reason: str | None = None,
) -> EvidenceReport:
    """Return the report with item ``item_id`` moved to ``decision`` by ``actor`` at ``at``.

    Raises VerificationError when the item does not exist, the move is not in
    :data:`TRANSITIONS` for that actor, a required reason is missing, or ``at`` is naive
    or earlier than the item's last history entry. The input report is not changed.
    """
    try:
        target = VerificationStatus(decision)
    except ValueError:
        raise VerificationError(
            f"unknown decision {decision!r}; use verified, rejected or withdrawn"
        ) from None
    _aware(at)
    n = _index(report, item_id)
    item = report.items[n]
    recorded = effective_status(item)
    if item.status != recorded:
        raise VerificationError(
            f"item {item_id} has status {item.status} but its history records {recorded}; "
            "the status was edited by hand, so no decision can be added to it (restore the "
            "report from its last valid version)"
        )
    who = TRANSITIONS.get((item.status, target))
    if who is None or who != actor:
        raise VerificationError(
            f"item {item_id} is {item.status}; the {actor} cannot move it to "
            f"{target} ({_allowed_text()})"
        )
    text = _clean_reason(reason)
    if target in REASON_REQUIRED and text is None:
        raise VerificationError(f"a reason is required to mark item {item_id} {target}")
    return _append(report, n, target, actor=actor, reason=text, at=at)


def verify(
    report: EvidenceReport, item_id: str, *, at: dt.datetime, reason: str | None = None
) -> EvidenceReport:
    """Accept a submitted item (the buyer)."""
    return decide(report, item_id, VERIFIED, actor="buyer", reason=reason, at=at)


def reject(report: EvidenceReport, item_id: str, *, reason: str, at: dt.datetime) -> EvidenceReport:
    """Reject a submitted item, saying why (the buyer)."""
    return decide(report, item_id, REJECTED, actor="buyer", reason=reason, at=at)


def withdraw(
    report: EvidenceReport, item_id: str, *, at: dt.datetime, reason: str | None = None
) -> EvidenceReport:
    """Withdraw a submitted item before the buyer decides (the supplier)."""
    return decide(report, item_id, WITHDRAWN, actor="supplier", reason=reason, at=at)


def submit(
    report: EvidenceReport, item: Evidence, *, at: dt.datetime, reason: str | None = None
) -> EvidenceReport:
    """Add a new item, recorded as submitted by the supplier at ``at``.

    The item must have a new id, status submitted and an empty history.
    """
    _aware(at)
    if any(existing.id == item.id for existing in report.items):
        raise VerificationError(
            f"report {report.id} already has an item {item.id!r}; a new or corrected item "
            "needs a new id"
        )
    if item.status != SUBMITTED or item.history:
        raise VerificationError(
            f"a new item enters as submitted with an empty history (item {item.id} is "
            f"{item.status} with {len(item.history)} history entries)"
        )
    text = _clean_reason(reason)
    entry = (
        StatusChange(status=SUBMITTED, at=at, by="supplier", reason=text)
        if text
        else (StatusChange(status=SUBMITTED, at=at, by="supplier"))
    )
    added = item.model_copy(update={"status": SUBMITTED, "history": (entry,)})
    return report.model_copy(update={"items": (*report.items, added)})


def resubmit(
    report: EvidenceReport,
    replaced_id: str,
    item: Evidence,
    *,
    at: dt.datetime,
    reason: str | None = None,
) -> EvidenceReport:
    """Correct a rejected or withdrawn item by submitting a new one (the supplier).

    The new item gets ``replaces: <replaced_id>`` and its first history entry reads
    ``"resubmission of <replaced_id>"`` (plus ``"; <reason>"`` when given), so the link is
    both a field and part of the append-only history.
    """
    old = report.items[_index(report, replaced_id)]
    if old.status not in (REJECTED, WITHDRAWN):
        raise VerificationError(
            f"item {replaced_id} is {old.status}; only a rejected or withdrawn item "
            "can be resubmitted (withdraw a submitted item first)"
        )
    text = _clean_reason(reason)
    link = RESUBMISSION_PREFIX + replaced_id + (f"; {text}" if text else "")
    linked = item.model_copy(update={"replaces": replaced_id})
    return submit(report, linked, at=at, reason=link)


def _walk(
    item: Evidence,
    n: int,
    start: VerificationStatus,
    *,
    first: int,
    source: str,
    previous_at: dt.datetime | None,
) -> Iterator[Finding]:
    """Check history entries from index ``first`` on, starting in status ``start``."""
    state = start
    last_at = previous_at
    for index in range(first, len(item.history)):
        entry = item.history[index]
        where = json_pointer("items", n, "history", index)
        if last_at is not None and entry.at < last_at:
            yield make_finding(
                HISTORY_ORDER,
                where,
                source=source,
                index=index,
                item=item.id,
                at=entry.at.isoformat(),
                previous=last_at.isoformat(),
            )
        last_at = entry.at
        if index == 0 and entry.status == SUBMITTED:
            if entry.by != "supplier":
                yield make_finding(
                    ILLEGAL_TRANSITION,
                    where,
                    source=source,
                    item=item.id,
                    old="(new)",
                    new=SUBMITTED,
                    actor=entry.by,
                    allowed="only the supplier submits",
                )
            continue
        who = TRANSITIONS.get((state, entry.status))
        if who is None or who != entry.by:
            yield make_finding(
                ILLEGAL_TRANSITION,
                where,
                source=source,
                item=item.id,
                old=state,
                new=entry.status,
                actor=entry.by,
                allowed=_allowed_text(),
            )
        if entry.status in REASON_REQUIRED and _clean_reason(entry.reason) is None:
            yield make_finding(
                REASON_MISSING, where, source=source, item=item.id, status=entry.status
            )
        state = entry.status
    if item.status != state:
        yield make_finding(
            STATUS_UNRECORDED,
            json_pointer("items", n, "status"),
            source=source,
            item=item.id,
            status=item.status,
            recorded=state if item.history else "(no entries: submitted)",
        )


def _items_by_id(report: EvidenceReport) -> dict[str, Evidence]:
    """The report's items by id, the first of an id (as a scan from the start finds it)."""
    return {i.id: i for i in reversed(report.items)}


def _resubmission(
    by_id: Mapping[str, Evidence], item: Evidence, n: int, source: str
) -> Iterator[Finding]:
    """A resubmission's finding, if any.

    ``by_id`` comes from :func:`_items_by_id`, made once per report: a scan of the items
    per item made a report of resubmissions cost n squared.
    """
    replaced = replaced_item(item)
    if replaced is None:
        return
    old = by_id.get(replaced)
    problem = None
    if old is None:
        problem = "is not in the report"
    elif old is item:
        problem = "is the item itself"
    elif old.status not in (REJECTED, WITHDRAWN):
        problem = f"is {old.status}, not rejected or withdrawn"
    if problem is not None:
        yield make_finding(
            BAD_RESUBMISSION,
            json_pointer("items", n, "history", 0, "reason"),
            source=source,
            item=item.id,
            replaced=replaced,
            problem=problem,
        )


def check_history(report: EvidenceReport, source: str = "<memory>") -> list[Finding]:
    """Check every item's history in one version of a report.

    An item enters as submitted (an explicit first ``submitted`` entry by the supplier is
    optional); every later entry must be a legal move, in time order, with a reason where
    one is required, and the status must match the last entry.
    """
    findings: list[Finding] = []
    by_id = _items_by_id(report)
    for n, item in enumerate(report.items):
        findings.extend(_walk(item, n, SUBMITTED, first=0, source=source, previous_at=None))
        findings.extend(_resubmission(by_id, item, n, source))
    return findings


def _first_difference(old: Sequence[StatusChange], new: Sequence[StatusChange]) -> int | None:
    for index, entry in enumerate(old):
        if index >= len(new) or new[index] != entry:
            return index
    return None


def changed_fields(old: Evidence, new: Evidence) -> list[str]:
    """Names of the frozen fields (:data:`FROZEN_FIELDS`) that differ."""
    return [name for name in FROZEN_FIELDS if getattr(old, name) != getattr(new, name)]


def check_transition(
    old: EvidenceReport,
    new: EvidenceReport,
    *,
    old_source: str = "<old>",
    source: str = "<memory>",
) -> list[Finding]:
    """Check the move from version ``old`` of a report to version ``new``.

    Findings point into ``new`` (``source``); a dropped item points at ``/items``.
    """
    for name, old_value, new_value in (
        ("id", old.id, new.id),
        ("bid", old.bid.id, new.bid.id),
        ("tender", old.tender.id, new.tender.id),
        ("supplier", old.supplier.identifier.id, new.supplier.identifier.id),
    ):
        if old_value != new_value:
            return [
                make_finding(
                    REPORT_MISMATCH, "", source=source, field=name, old=old_value, new=new_value
                )
            ]
    findings: list[Finding] = []
    new_index: dict[str, int] = {}
    for n, item in enumerate(new.items):
        new_index.setdefault(item.id, n)
    previous: dict[str, Evidence] = {}
    for item in old.items:
        previous.setdefault(item.id, item)
    for item_id, before in previous.items():
        if item_id not in new_index:
            findings.append(
                make_finding(ITEM_DROPPED, "/items", source=source, item=item_id, old=old_source)
            )
            continue
        n = new_index[item_id]
        after = new.items[n]
        changed = changed_fields(before, after)
        if changed:
            rule = VERIFIED_ITEM_CHANGED if before.status == VERIFIED else ITEM_CHANGED
            findings.append(
                make_finding(
                    rule,
                    json_pointer("items", n, changed[0]),
                    source=source,
                    item=item_id,
                    fields=", ".join(changed),
                    status=before.status,
                )
            )
        diff = _first_difference(before.history, after.history)
        if diff is not None:
            findings.append(
                make_finding(
                    HISTORY_REWRITTEN,
                    json_pointer("items", n, "history"),
                    source=source,
                    item=item_id,
                    count=len(before.history),
                    index=diff,
                )
            )
            continue
        last_at = before.history[-1].at if before.history else None
        findings.extend(
            _walk(
                after,
                n,
                before.status,
                first=len(before.history),
                source=source,
                previous_at=last_at,
            )
        )
    by_id = _items_by_id(new)
    for n, item in enumerate(new.items):
        if item.id in previous or new_index[item.id] != n:
            continue
        findings.extend(_walk(item, n, SUBMITTED, first=0, source=source, previous_at=None))
        findings.extend(_resubmission(by_id, item, n, source))
    return findings
