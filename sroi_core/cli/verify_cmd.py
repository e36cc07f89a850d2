"""``sroi verify``: record the buyer's decision on an evidence item, or compare versions.

* ``sroi verify REPORT --item ID --accept|--reject|--withdraw [--reason TEXT] [--at TIME]
  [--out PATH]`` writes the report with the decision and its history entry (canonical
  form; to standard output unless ``--out`` is given). ``--out REPORT`` updates the report
  in place: the file is locked while the command runs and replaced atomically; when
  another process holds it or changed it meanwhile, nothing is written and the command
  exits 2 (run it again on the current file). ``--accept`` and ``--reject`` are
  the buyer's; ``--withdraw`` is the supplier's. A rejection needs ``--reason``.
* ``sroi verify --compare OLD NEW`` prints what is wrong with the move from one version
  of a report to the next (dropped items, changed verified items, rewritten history,
  illegal moves); exit 1 when there is an error.
* ``sroi verify REPORT`` lists the items with their status and checks their histories.

Timestamps: ``--at`` takes an ISO 8601 date-time with a time zone (``2026-03-01T10:00:00
+01:00`` or ``...Z``) and makes the output byte-for-byte reproducible. Without it the
time is ``SOURCE_DATE_EPOCH`` when that is set (reproducible builds), otherwise the
current time in UTC, to the second — the moment the decision is recorded — and a note on
standard error says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from sroi_core.cli._common import finding_row
from sroi_core.cli._i18n import code_text, say
from sroi_core.documents import dump_document, load_document
from sroi_core.errors import DocumentInvalidError, InputError, SroiError
from sroi_core.fileio import InPlaceUpdate, same_file, write_atomic
from sroi_core.model.codes import VerificationStatus
from sroi_core.model.evidence import Actor
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.rules import Finding, Severity
from sroi_core.textsafe import terminal_text
from sroi_core.validation.report import FileReport, ValidationReport
from sroi_core.verification import check_history, check_transition, decide

_ACTIONS: dict[str, tuple[VerificationStatus, Actor]] = {
    "accept": (VerificationStatus.VERIFIED, "buyer"),
    "reject": (VerificationStatus.REJECTED, "buyer"),
    "withdraw": (VerificationStatus.WITHDRAWN, "supplier"),
}


def register(subparsers: Any) -> None:
    """Add the ``verify`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "verify",
        help="record a decision on an evidence item, or compare two versions of a report",
        description="Record the buyer's decision on one evidence item (--accept/--reject) or "
        "the supplier's withdrawal (--withdraw); compare two versions of a report with "
        "--compare OLD NEW; or, with only REPORT, list its items and check their histories. "
        "Exit 0 on success, 1 when a comparison or history check finds an error, 2 on usage "
        "or file errors.",
    )
    parser.add_argument("report", nargs="?", metavar="REPORT", help="an evidence report file")
    parser.add_argument("--item", metavar="ID", help="the evidence item to decide on")
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--accept",
        dest="action",
        action="store_const",
        const="accept",
        help="the buyer verifies the item",
    )
    action.add_argument(
        "--reject",
        dest="action",
        action="store_const",
        const="reject",
        help="the buyer rejects the item (needs --reason)",
    )
    action.add_argument(
        "--withdraw",
        dest="action",
        action="store_const",
        const="withdraw",
        help="the supplier withdraws the item",
    )
    parser.add_argument("--reason", metavar="TEXT", help="why (required for --reject)")
    parser.add_argument(
        "--at",
        metavar="ISO-DATETIME",
        help="when the decision was taken, with a time zone "
        "(default: SOURCE_DATE_EPOCH, else now in UTC)",
    )
    parser.add_argument(
        "--out", metavar="PATH", help="write the updated report here (default: standard output)"
    )
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="check the move from version OLD of a report to version NEW",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="report format for --compare and for listing",
    )
    parser.set_defaults(handler=handle, action=None)


def parse_time(text: str) -> dt.datetime:
    """Parse ``--at``: an ISO 8601 date-time that must carry a time zone."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise SroiError(say("verify_at_invalid", text=text)) from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise SroiError(say("verify_at_no_zone", text=text))
    return value


def _default_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise SroiError(say("verify_epoch_invalid", epoch=epoch)) from None
    now = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    print(say("verify_now", at=now.isoformat()), file=sys.stderr)
    return now


def _load_report(path: str) -> EvidenceReport:
    try:
        document = load_document(Path(path))
    except DocumentInvalidError as error:
        message = say("run_validate", message=error.message, path=path)
        raise InputError(message, source=path) from None
    if not isinstance(document, EvidenceReport):
        kind = getattr(document, "document_type", "unknown")
        raise InputError(
            say("is_a_document", kind=kind), source=path, expected=say("an_evidence_report")
        )
    return document


def _emit(findings: list[Finding], report: EvidenceReport, source: str, fmt: str) -> int:
    file_report = FileReport(
        file=source,
        document_type=report.document_type,
        standard_version=report.standard_version,
        findings=findings,
    )
    result = ValidationReport([file_report])
    if fmt == "json":
        json.dump(result.as_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for finding in findings:
            print(finding_row(finding))
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        print(
            terminal_text(
                say("verify_summary", source=source, errors=errors, others=len(findings) - errors)
            )
        )
    return 0 if result.valid else 1


def _compare(args: argparse.Namespace) -> int:
    if args.report is not None or args.action is not None or args.item is not None:
        raise SroiError(say("verify_compare_alone"))
    old_path, new_path = args.compare
    old, new = _load_report(old_path), _load_report(new_path)
    findings = check_transition(old, new, old_source=old_path, source=new_path)
    return _emit(findings, new, new_path, args.format)


def _list(args: argparse.Namespace) -> int:
    if args.item is not None or args.reason is not None or args.at is not None or args.out:
        raise SroiError(say("verify_give_decision"))
    report = _load_report(args.report)
    findings = check_history(report, args.report)
    if args.format == "text":
        for item in report.items:
            last = item.history[-1] if item.history else None
            by = code_text(f"actor-{last.by}") if last else ""
            when = say("verify_by", at=last.at.isoformat(), by=by) if last else ""
            print(terminal_text(f"{item.id:<24} {code_text(item.status.value):<10}{when}"))
    return _emit(findings, report, args.report, args.format)


def _decide(args: argparse.Namespace) -> int:
    if args.item is None:
        raise SroiError(say("verify_needs_item", action=args.action))
    status, actor = _ACTIONS[args.action]
    if status is VerificationStatus.REJECTED and not (args.reason or "").strip():
        raise SroiError(say("verify_needs_reason"))
    at = parse_time(args.at) if args.at is not None else _default_time()
    if args.out is not None and same_file(args.report, args.out):
        with InPlaceUpdate(args.out) as update:  # locked; refuses a concurrent change
            report = _load_report(args.report)
            updated = decide(report, args.item, status, actor=actor, reason=args.reason, at=at)
            update.write(dump_document(updated))
    else:
        report = _load_report(args.report)
        updated = decide(report, args.item, status, actor=actor, reason=args.reason, at=at)
        text = dump_document(updated)
        if args.out is None:
            sys.stdout.write(text)
            return 0
        write_atomic(args.out, text)
    print(
        say("verify_decided", item=args.item, status=code_text(status.value),
            actor=code_text(f"actor-{actor}"), at=at.isoformat(), out=args.out),
        file=sys.stderr,
    )
    return 0


def handle(args: argparse.Namespace) -> int:
    """Dispatch to compare, decide or list."""
    if args.compare is not None:
        return _compare(args)
    if args.report is None:
        raise SroiError(say("verify_give_report"))
    if args.action is None:
        return _list(args)
    return _decide(args)
