"""The evidence verification workflow: legal moves, history, and comparing versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import quality_fixtures as fx
from hypothesis import given, settings
from hypothesis import strategies as st

from sroi_core.documents import DOCUMENT_CONTEXT, dump_document, parse_document
from sroi_core.model import Area, Evidence, EvidenceReport, Quantity, StatusChange
from sroi_core.model.codes import VerificationStatus
from sroi_core.rules import Finding
from sroi_core.verification import (
    REASON_REQUIRED,
    TRANSITIONS,
    VerificationError,
    check_history,
    check_transition,
    decide,
    history_status,
    reject,
    replaced_item,
    resubmit,
    submit,
    verify,
    withdraw,
)

S = VerificationStatus


def ids(findings: list[Finding]) -> list[str]:
    return [f.rule_id for f in findings]


def base() -> EvidenceReport:
    """e-job submitted (no history), e-years verified, e-diploma submitted."""
    return fx.report()


def test_verify_appends_a_buyer_entry_and_leaves_the_input_alone() -> None:
    before = base()
    after = verify(before, "e-job", at=fx.at(10), reason="payroll checked")
    assert before.items[0].status == S.SUBMITTED
    assert before.items[0].history == ()
    item = after.items[0]
    assert item.status == S.VERIFIED
    assert item.history == (
        StatusChange(status="verified", at=fx.at(10), by="buyer", reason="payroll checked"),
    )
    assert after.items[1:] == before.items[1:]
    assert check_transition(before, after) == []
    assert check_history(after) == []


def test_reject_needs_a_reason() -> None:
    with pytest.raises(VerificationError, match="reason is required"):
        decide(base(), "e-job", "rejected", actor="buyer", reason="   ", at=fx.at(10))
    after = reject(base(), "e-job", reason="contract is not signed", at=fx.at(10))
    assert after.items[0].history[-1].reason == "contract is not signed"


def test_withdraw_is_the_suppliers() -> None:
    after = withdraw(base(), "e-job", at=fx.at(10))
    assert after.items[0].status == S.WITHDRAWN
    assert after.items[0].history[-1].by == "supplier"
    assert after.items[0].history[-1].reason is None


@pytest.mark.parametrize(
    ("item_id", "decision", "actor"),
    [
        ("e-job", "verified", "supplier"),  # self-verification
        ("e-job", "rejected", "supplier"),
        ("e-job", "withdrawn", "buyer"),
        ("e-job", "submitted", "supplier"),
        ("e-years", "rejected", "buyer"),  # verified is final
        ("e-years", "verified", "buyer"),
        ("e-years", "withdrawn", "supplier"),
    ],
)
def test_illegal_moves_are_refused(item_id: str, decision: str, actor: Any) -> None:
    with pytest.raises(VerificationError, match="cannot move it"):
        decide(base(), item_id, decision, actor=actor, reason="because", at=fx.at(10))


def test_final_states_stay_final() -> None:
    for final in (S.VERIFIED, S.REJECTED, S.WITHDRAWN):
        assert not [move for move in TRANSITIONS if move[0] == final]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"item_id": "e-nope"}, "has no item 'e-nope'"),
        ({"decision": "approved"}, "unknown decision"),
        ({"at": dt.datetime(2026, 3, 10, 9, 0)}, "no time zone"),
    ],
)
def test_bad_calls_are_refused(kwargs: dict[str, Any], message: str) -> None:
    call: dict[str, Any] = {"item_id": "e-job", "decision": "verified", "at": fx.at(10)}
    call.update(kwargs)
    with pytest.raises(VerificationError, match=message):
        decide(base(), call["item_id"], call["decision"], actor="buyer", at=call["at"])


def test_a_decision_cannot_be_back_dated() -> None:
    submitted = submit(fx.report(items=()), fx.item("e-new", "c-job", "ind-job", "1"),
                       at=fx.at(10))
    with pytest.raises(VerificationError, match="before item e-new's last history entry"):
        verify(submitted, "e-new", at=fx.at(9))


def test_submit_records_the_submission() -> None:
    new_item = fx.item("e-new", "c-job", "ind-job", "1", subjects=("p-0100",))
    after = submit(base(), new_item, at=fx.at(10))
    assert after.items[-1].history == (StatusChange(status="submitted", at=fx.at(10),
                                                    by="supplier"),)
    assert check_transition(base(), after) == []
    with pytest.raises(VerificationError, match="already has an item"):
        submit(after, new_item, at=fx.at(11))
    with pytest.raises(VerificationError, match="enters as submitted"):
        submit(base(), fx.item("e-x", "c-job", "ind-job", "1", status="verified"), at=fx.at(10))


def test_resubmission_links_the_new_item_to_the_old() -> None:
    rejected = reject(base(), "e-job", reason="wrong period", at=fx.at(10))
    corrected = fx.item("e-job-2", "c-job", "ind-job", "3",
                        subjects=("p-0001", "p-0002", "p-0003"),
                        period=fx.period("2026-02-01", "2026-06-30"))
    after = resubmit(rejected, "e-job", corrected, at=fx.at(11), reason="period corrected")
    new = after.items[-1]
    assert new.history[0].reason == "resubmission of e-job; period corrected"
    assert replaced_item(new) == "e-job"
    assert replaced_item(after.items[0]) is None
    assert check_transition(rejected, after) == []
    assert check_transition(base(), after) == []
    with pytest.raises(VerificationError, match="only a rejected or withdrawn item"):
        resubmit(base(), "e-job", corrected, at=fx.at(11))


def test_resubmission_of_a_live_item_is_flagged() -> None:
    forged = fx.item("e-dup", "c-job", "ind-job", "3", history=(StatusChange(
        status="submitted", at=fx.at(11), by="supplier", reason="resubmission of e-years"),))
    after = fx.report(forged)
    found = check_transition(base(), after)
    assert ids(found) == ["verification.bad-resubmission"]
    assert "verified" in found[0].message
    assert ids(check_history(after)) == ["verification.bad-resubmission"]


def _item(report: EvidenceReport, item_id: str) -> tuple[int, Evidence]:
    return next((n, i) for n, i in enumerate(report.items) if i.id == item_id)


def _edit(report: EvidenceReport, item_id: str, **changes: Any) -> EvidenceReport:
    n, _ = _item(report, item_id)
    return fx.with_item(report, n, **changes)


VERIFIED_HISTORY = fx.verified_history()

TRANSITION_CASES: list[tuple[str, Any]] = [
    ("verification.item-dropped",
     lambda r: fx.report(items=r.items[1:])),
    ("verification.verified-item-changed",
     lambda r: _edit(r, "e-years", quantity=Quantity(value="3", unit="fte-year"))),
    ("verification.verified-item-changed",
     lambda r: _edit(r, "e-years", documents=(fx.doc("payroll-record", "other-file"),))),
    ("verification.item-changed",
     lambda r: _edit(r, "e-job", subjects=("p-0001", "p-0002", "p-0099"))),
    ("verification.item-changed",
     lambda r: _edit(r, "e-job", areas=(Area(code="BU03630200"),))),
    ("verification.history-rewritten",
     lambda r: _edit(r, "e-years", history=VERIFIED_HISTORY[1:])),
    ("verification.history-rewritten",
     lambda r: _edit(r, "e-years", history=(VERIFIED_HISTORY[0], StatusChange(
         status="verified", at=fx.at(6), by="buyer")))),
    ("verification.illegal-transition",
     lambda r: _edit(r, "e-job", status="verified", history=(StatusChange(
         status="verified", at=fx.at(10), by="supplier"),))),
    ("verification.illegal-transition",
     lambda r: _edit(r, "e-years", status="rejected", history=(*VERIFIED_HISTORY, StatusChange(
         status="rejected", at=fx.at(10), by="buyer", reason="changed my mind")))),
    ("verification.reason-missing",
     lambda r: _edit(r, "e-job", status="rejected", history=(StatusChange(
         status="rejected", at=fx.at(10), by="buyer"),))),
    ("verification.status-unrecorded",
     lambda r: _edit(r, "e-job", status="verified")),
    ("verification.history-out-of-order",
     lambda r: _edit(r, "e-years", status="verified", history=(*VERIFIED_HISTORY[:1],
                                                               StatusChange(
         status="verified", at=fx.at(5), by="buyer"), StatusChange(
         status="verified", at=fx.at(4), by="buyer")))),
    ("verification.report-mismatch",
     lambda _r: fx.report(id="report-other")),
    ("verification.report-mismatch",
     lambda _r: fx.report(bid=fx.DocumentRef(id="bid-9"))),
]


@pytest.mark.parametrize(("rule_id", "change"), TRANSITION_CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(TRANSITION_CASES)])
def test_transition_rule_fires(rule_id: str, change: Any) -> None:
    old = base()
    found = check_transition(old, change(old), old_source="old.json", source="new.json")
    assert rule_id in ids(found)
    assert all(f.source == "new.json" for f in found)
    assert all("{" not in f.message for f in found)


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r,
        lambda r: _edit(r, "e-job", note=fx.text("payroll extract follows")),
        lambda r: verify(r, "e-job", at=fx.at(10)),
        lambda r: reject(r, "e-diploma", reason="register shows no diploma", at=fx.at(10)),
        lambda r: withdraw(r, "e-job", at=fx.at(10)),
        lambda r: fx.report(items=tuple(reversed(r.items))),
    ],
    ids=["same", "note-edited", "verified", "rejected", "withdrawn", "reordered"],
)
def test_legal_changes_pass(change: Any) -> None:
    old = base()
    assert check_transition(old, change(old)) == []


def test_dropped_item_names_the_old_file() -> None:
    old = base()
    found = check_transition(old, fx.report(items=old.items[:2]), old_source="v1.json",
                             source="v2.json")
    assert [(f.rule_id, f.pointer) for f in found] == [("verification.item-dropped", "/items")]
    assert "e-diploma" in found[0].message
    assert "v1.json" in found[0].message


def test_decisions_round_trip_byte_for_byte() -> None:
    after = verify(base(), "e-job", at=dt.datetime.fromisoformat("2026-03-10T10:00:00+01:00"))
    text = dump_document(after)
    assert '"at": "2026-03-10T10:00:00+01:00"' in text
    again = parse_document(text)
    assert again == after
    assert dump_document(again) == text
    assert dump_document(verify(base(), "e-job", at=dt.datetime.fromisoformat(
        "2026-03-10T10:00:00+01:00"))) == text


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["e-job", "e-years", "e-diploma"]),
        st.sampled_from([S.VERIFIED, S.REJECTED, S.WITHDRAWN]),
        st.sampled_from(["buyer", "supplier"]),
    ),
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(ACTIONS)
def test_every_sequence_of_accepted_decisions_checks_clean(
    actions: list[tuple[str, VerificationStatus, Any]],
) -> None:
    report = base()
    for hour, (item_id, decision, actor) in enumerate(actions):
        _, item = _item(report, item_id)
        legal = TRANSITIONS.get((item.status, decision)) == actor
        try:
            updated = decide(report, item_id, decision, actor=actor, reason="r",
                             at=fx.at(20, hour))
        except VerificationError:
            assert not legal
            continue
        assert legal
        assert check_transition(report, updated) == []
        assert check_transition(base(), updated) == []
        report = updated
    assert ids(check_history(report)) == []


def _as_worded(history: list[StatusChange]) -> S:
    """The replay rule as ``effective_status`` words it, on the members themselves."""
    state, last_at = S.SUBMITTED, None
    for index, entry in enumerate(history):
        if last_at is not None and entry.at < last_at:
            break
        last_at = entry.at
        if index == 0 and entry.status == S.SUBMITTED:
            if entry.by != "supplier":
                break
            continue
        if TRANSITIONS.get((state, entry.status)) != entry.by:
            break
        if entry.status in REASON_REQUIRED and not (entry.reason or "").strip():
            break
        state = entry.status
    return state


history_entries = st.builds(
    lambda status, by, minute, zone, reason: StatusChange.model_validate(
        {"status": status, "at": f"2026-03-01T10:{minute:02d}:00{zone}", "by": by}
        | ({"reason": reason} if reason else {}),
        context=DOCUMENT_CONTEXT,
    ),
    st.sampled_from([s.value for s in S]),
    st.sampled_from(["buyer", "supplier"]),
    st.integers(0, 59),
    st.sampled_from(["Z", "+01:00", "-00:30", "z"]),  # "z": read by the checked path
    st.sampled_from(["", " ", "checked the contract"]),
)


@given(st.lists(history_entries, max_size=5))
@settings(max_examples=300)
def test_a_history_replays_to_the_status_its_rule_words(history: list[StatusChange]) -> None:
    """Every history, legal or not, in times of several offsets read by either path."""
    assert history_status(history) is _as_worded(history)
