"""Kind ``findings``: a set of documents must give exactly the expected findings.

The semantic rules of the standard (rule ids in docs/rules.md) are what another
implementation most needs to reproduce, and the JSON schemas alone do not carry them.
A ``findings`` vector (tests/conformance/README.md) names the rule ids it is *for*, an
``operation`` (what is done with the files, in wire terms) and the exact list of
findings expected: rule id, severity, the file it points into and the JSON pointer.
The list is compared as a multiset: an extra finding fails the vector as surely as a
missing one, so a vector proves both that a rule fires and that nothing else does.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sroi_core.errors import ConformanceError
from sroi_core.rules import Finding

__all__ = ["FINDINGS_KIND_VERSION", "OPERATIONS", "check_findings_vector"]

FINDINGS_KIND_VERSION = 1
"""Version of the ``findings`` vector format; a runner refuses a version it does not know."""

FindingKey = tuple[str, str, str, str]
"""(ruleId, severity, file, pointer) of one finding."""


def _file_text(entry: Mapping[str, Any]) -> str:
    """A file of the vector as JSON text: ``text`` verbatim, ``document`` serialised."""
    if isinstance(entry.get("text"), str):
        return str(entry["text"])
    if "document" in entry:
        return json.dumps(entry["document"], ensure_ascii=False)
    raise ConformanceError(f"file {entry.get('name')!r} needs 'document' or 'text'")


def _files(vector: Mapping[str, Any]) -> list[tuple[str, str]]:
    files = vector.get("files")
    if not isinstance(files, list) or not files:
        raise ConformanceError("'files' must be a non-empty list")
    named: list[tuple[str, str]] = []
    for entry in files:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ConformanceError("every file needs a 'name'")
        named.append((entry["name"], _file_text(entry)))
    if len({name for name, _ in named}) != len(named):
        raise ConformanceError("file names must be unique within a vector")
    return named


def _validated(files: Sequence[tuple[str, str]]) -> list[tuple[str, Any, list[Finding]]]:
    """Each file validated alone in both layers; catalogues among them are available.

    As ``sroi validate`` does: catalogue files first, a valid catalogue is added to the
    store (the only catalogues available are the vector's own), results in given order.
    """
    from sroi_core.catalogue_store import CatalogueStore  # noqa: PLC0415 - heavy, on demand
    from sroi_core.documents import validate_many, validate_text  # noqa: PLC0415

    def is_catalogue(item: tuple[str, str]) -> bool:
        try:
            data = json.loads(item[1])
        except ValueError:
            return False
        return isinstance(data, dict) and data.get("documentType") == "catalogue"

    report = validate_many(
        list(files),
        CatalogueStore(builtin=False),
        validate=lambda item, store: validate_text(item[1], item[0], store),
        is_catalogue=is_catalogue,
    )
    return [(r.file, r.document, list(r.findings)) for r in report.files]


def _documents(files: Sequence[tuple[str, str]]) -> list[tuple[Any, str]]:
    """The files as models; a file with an error finding makes the vector malformed."""
    documents = []
    for name, document, findings in _validated(files):
        errors = [f.rule_id for f in findings if f.severity.value == "error"]
        if errors or document is None:
            raise ConformanceError(f"{name} must be valid for this operation: {errors}")
        documents.append((document, name))
    return documents


def _validate(files: Sequence[tuple[str, str]]) -> list[Finding]:
    return [f for _, _, findings in _validated(files) for f in findings]


def _check(files: Sequence[tuple[str, str]]) -> list[Finding]:
    from sroi_core.quality.report import quality_report  # noqa: PLC0415 - heavy, on demand

    report = quality_report(_documents(files))
    return [f for file_report in report.files for f in file_report.findings]


def _compare_versions(files: Sequence[tuple[str, str]]) -> list[Finding]:
    from sroi_core.model.evidence_report import EvidenceReport  # noqa: PLC0415
    from sroi_core.verification import check_transition  # noqa: PLC0415

    documents = _documents(files)
    if len(documents) != 2 or not all(isinstance(d, EvidenceReport) for d, _ in documents):
        raise ConformanceError("compare-versions takes two evidence reports: old, new")
    (old, old_name), (new, new_name) = documents
    return check_transition(old, new, old_source=old_name, source=new_name)


def _history(files: Sequence[tuple[str, str]]) -> list[Finding]:
    from sroi_core.model.evidence_report import EvidenceReport  # noqa: PLC0415
    from sroi_core.verification import check_history  # noqa: PLC0415

    found: list[Finding] = []
    for document, name in _documents(files):
        if not isinstance(document, EvidenceReport):
            raise ConformanceError("history takes evidence reports")
        found.extend(check_history(document, name))
    return found


def _contract(files: Sequence[tuple[str, str]]) -> tuple[Any, Any, list[Any], dict[str, str]]:
    """The catalogue, the tender and the bids of a tender's competition, with file names."""
    from sroi_core.model.bid import Bid  # noqa: PLC0415
    from sroi_core.model.catalogue import Catalogue  # noqa: PLC0415
    from sroi_core.model.tender import Tender  # noqa: PLC0415

    documents = _documents(files)
    catalogues = [d for d, _ in documents if isinstance(d, Catalogue)]
    tenders = [d for d, _ in documents if isinstance(d, Tender)]
    bids = [d for d, _ in documents if isinstance(d, Bid)]
    if len(catalogues) != 1 or len(tenders) != 1 or not bids:
        raise ConformanceError("this operation takes one catalogue, one tender and the bids")
    names = {d.id: name for d, name in documents if isinstance(d, Tender | Bid)}
    return catalogues[0], tenders[0], bids, names


def _score(files: Sequence[tuple[str, str]]) -> list[Finding]:
    """The 1.0 scoring of a tender's bids; findings that stop it, or those of each bid.

    A ``.csv`` file is the evaluators' sheet (docs/scoring.md); its findings point at
    ``/<row>/<column>`` (row 1 is the header).
    """
    from sroi_core.errors import FindingsError  # noqa: PLC0415
    from sroi_core.scoring import parse_evaluation, score_bids  # noqa: PLC0415

    sheets = [(name, text) for name, text in files if name.endswith(".csv")]
    if len(sheets) > 1:
        raise ConformanceError("score takes at most one evaluation sheet (a .csv file)")
    catalogue, tender, bids, names = _contract([f for f in files if f not in sheets])
    try:
        evaluation = parse_evaluation(sheets[0][1], sheets[0][0]) if sheets else None
        result = score_bids(tender, bids, catalogue, evaluation, sources=names)
    except FindingsError as error:
        return [f for f in error.findings if isinstance(f, Finding)]
    return [*result.findings, *(f for bid in result.bids for f in bid.findings)]


def _award(files: Sequence[tuple[str, str]]) -> list[Finding]:
    """The 2.0 award of a tender's bids: the tender's findings, each bid's, its exclusion."""
    from sroi_core.award.engine import award_bids  # noqa: PLC0415
    from sroi_core.rules import get_rule  # noqa: PLC0415

    catalogue, tender, bids, names = _contract(files)
    award = award_bids(tender, bids, catalogue, sources=names)
    reported = [*award.tender_findings]
    for entry in award.bids:
        reported.extend(entry.findings)
        reported.extend(entry.exclusion_reasons)
    return [
        Finding(f.rule_id, get_rule(f.rule_id).severity, f.pointer, f.message, f.file)
        for f in reported
    ]


def _monitor(files: Sequence[tuple[str, str]]) -> list[Finding]:
    """Monitoring of a contract: findings that stop it, or those of the result."""
    from sroi_core.errors import FindingsError  # noqa: PLC0415
    from sroi_core.model.bid import Bid  # noqa: PLC0415
    from sroi_core.model.catalogue import Catalogue  # noqa: PLC0415
    from sroi_core.model.evidence_report import EvidenceReport  # noqa: PLC0415
    from sroi_core.model.tender import Tender  # noqa: PLC0415
    from sroi_core.monitoring import monitor_contract  # noqa: PLC0415

    documents = _documents(files)
    catalogues = [d for d, _ in documents if isinstance(d, Catalogue)]
    tenders = [d for d, _ in documents if isinstance(d, Tender)]
    bids = [d for d, _ in documents if isinstance(d, Bid)]
    if len(catalogues) != 1 or len(tenders) != 1 or len(bids) != 1:
        raise ConformanceError("monitor takes one catalogue, one tender, one bid and reports")
    reports = [(d, name) for d, name in documents if isinstance(d, EvidenceReport)]
    names = {d.id: name for d, name in documents if isinstance(d, Tender | Bid)}
    try:
        result = monitor_contract(tenders[0], bids[0], reports, catalogues[0], sources=names)
    except FindingsError as error:
        return [f for f in error.findings if isinstance(f, Finding)]
    return list(result.findings)


def _ledger(files: Sequence[tuple[str, str]]) -> list[Finding]:
    """The buyer's ledger over bids and reports of several contracts."""
    from sroi_core.award.ledger import ledger_findings  # noqa: PLC0415
    from sroi_core.model.bid import Bid  # noqa: PLC0415
    from sroi_core.model.catalogue import Catalogue  # noqa: PLC0415
    from sroi_core.model.evidence_report import EvidenceReport  # noqa: PLC0415

    documents = _documents(files)
    catalogues = [d for d, _ in documents if isinstance(d, Catalogue)]
    entries = [(d, name) for d, name in documents if isinstance(d, Bid | EvidenceReport)]

    def catalogue_for(document: Any) -> Any:
        ref = document.catalogue
        return next((c for c in catalogues if ref.matches(c.id, c.version)), None)

    return ledger_findings(entries, catalogue_for)[1]


OPERATIONS: dict[str, Callable[[Sequence[tuple[str, str]]], list[Finding]]] = {
    "validate": _validate,
    "check": _check,
    "compare-versions": _compare_versions,
    "history": _history,
    "score": _score,
    "award": _award,
    "monitor": _monitor,
    "ledger": _ledger,
}
"""What a ``findings`` vector does with its files (tests/conformance/README.md)."""


def _key(entry: Mapping[str, Any]) -> FindingKey:
    try:
        return (
            str(entry["ruleId"]),
            str(entry["severity"]),
            str(entry["file"]),
            str(entry["pointer"]),
        )
    except KeyError as missing:
        raise ConformanceError(f"an expected finding lacks {missing}") from None


def _show(key: FindingKey) -> str:
    rule_id, severity, file, pointer = key
    return f"{rule_id} ({severity}) at {file}#{pointer}"


def check_findings_vector(vector: Mapping[str, Any]) -> list[str]:
    """Kind ``findings``: the operation on the files gives exactly the expected findings."""
    version = vector.get("kindVersion", FINDINGS_KIND_VERSION)
    if version != FINDINGS_KIND_VERSION:
        raise ConformanceError(f"kindVersion {version!r} is not {FINDINGS_KIND_VERSION}")
    name = vector.get("operation")
    operation = OPERATIONS.get(name) if isinstance(name, str) else None
    if operation is None:
        raise ConformanceError(f"unknown operation {name!r}; known: {sorted(OPERATIONS)}")
    expected = vector.get("expected")
    if not isinstance(expected, list):
        raise ConformanceError("'expected' must be a list of findings")
    rules = vector.get("rules")
    if not isinstance(rules, list) or not rules:
        raise ConformanceError("'rules' must name the rule ids the vector is for")
    wanted = Counter(_key(entry) for entry in expected)
    missing_for = [r for r in rules if r not in {key[0] for key in wanted}]
    if missing_for:
        raise ConformanceError(f"no expected finding of the rules it is for: {missing_for}")
    got = Counter(
        (f.rule_id, f.severity.value, f.source, f.pointer) for f in operation(_files(vector))
    )
    messages = [f"missing: {_show(key)}" for key in sorted((wanted - got).elements())]
    messages.extend(f"unexpected: {_show(key)}" for key in sorted((got - wanted).elements()))
    return messages
