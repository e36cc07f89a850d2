"""Which rule ids the conformance suite proves, and which are exempt (and why).

Every rule of the catalogue (:func:`sroi_core.rules.all_rules`) that a document can raise
has at least one vector another implementation can run; a rule that no exchange document
can raise (an HTTP request limit, a spreadsheet cell, an unreadable file) is listed with
its reason in ``rule-exemptions.csv`` beside the vectors. A rule with neither is a gap,
and a test fails on it, so a new rule cannot be added without one.

    python -m sroi_core.conformance_coverage [FOLDER]              # the coverage figure
    python -m sroi_core.conformance_coverage --markdown [FOLDER]   # the coverage page
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sroi_core.conformance import load_vector
from sroi_core.errors import ConformanceError
from sroi_core.io import read_text

__all__ = [
    "EXEMPTIONS_FILE",
    "RuleCoverage",
    "coverage_markdown",
    "read_exemptions",
    "rule_coverage",
    "vector_rule_ids",
]

EXEMPTIONS_FILE = "rule-exemptions.csv"
"""Columns ``ruleId``, ``reason``: rules no exchange document can raise."""


def vector_rule_ids(vector: Mapping[str, Any]) -> set[str]:
    """The rule ids a vector proves: what a ``findings`` vector is for, an error rule."""
    kind = vector.get("kind")
    if kind == "findings":
        return {r for r in vector.get("rules", []) if isinstance(r, str)}
    if kind == "document-error":
        rule = vector.get("expectedError", {}).get("ruleId")
        return {rule} if isinstance(rule, str) else set()
    if kind == "award":
        found: set[str] = set()
        for entry in vector.get("expected", {}).get("bids", {}).values():
            found.update(entry.get("exclusionRules", []))
            for rules in entry.get("lineRules", {}).values():
                found.update(rules)
        return found
    return set()


def _vectors(directory: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(directory.rglob("*.json")):
        if not path.name.endswith(".schema.json"):
            yield load_vector(path)


def read_exemptions(directory: Path) -> dict[str, str]:
    """``rule-exemptions.csv``: rule id -> reason (every reason non-empty, ids unique)."""
    path = directory / EXEMPTIONS_FILE
    rows = list(csv.DictReader(io.StringIO(read_text(path))))
    exemptions: dict[str, str] = {}
    for row in rows:
        rule_id, reason = (row.get("ruleId") or "").strip(), (row.get("reason") or "").strip()
        if not rule_id or not reason or rule_id in exemptions:
            raise ConformanceError(f"{path}: every row needs a unique ruleId and a reason")
        exemptions[rule_id] = reason
    return exemptions


@dataclass(frozen=True)
class RuleCoverage:
    """Rule ids of the catalogue, split by how the suite treats them."""

    with_vector: tuple[str, ...]
    vectors: Mapping[str, tuple[str, ...]]
    """Rule id -> ids of the vectors that prove it."""
    exempt: Mapping[str, str]
    missing: tuple[str, ...]
    unknown: tuple[str, ...]
    """Rule ids named by a vector or an exemption that the catalogue does not define."""
    exempt_with_vector: tuple[str, ...]
    """Rules both exempt and proved by a vector: the exemption is stale."""

    @property
    def total(self) -> int:
        """Number of rules in the catalogue."""
        return len(self.with_vector) + len(self.exempt) + len(self.missing)

    def summary_line(self) -> str:
        """``N of T rules with vectors, M exempt, K missing``."""
        return (
            f"{len(self.with_vector)} of {self.total} rules with vectors, "
            f"{len(self.exempt)} exempt, {len(self.missing)} missing"
        )


def rule_coverage(directory: Path) -> RuleCoverage:
    """Compare the catalogue's rule ids with the vectors and exemptions under ``directory``."""
    from sroi_core.rules import all_rules  # noqa: PLC0415 - imports every rule module

    defined = {rule.id for rule in all_rules()}
    by_rule: dict[str, list[str]] = {}
    for vector in _vectors(directory):
        for rule_id in vector_rule_ids(vector):
            by_rule.setdefault(rule_id, []).append(str(vector["id"]))
    proved = set(by_rule)
    exemptions = read_exemptions(directory)
    return RuleCoverage(
        with_vector=tuple(sorted(proved & defined)),
        vectors={k: tuple(sorted(v)) for k, v in sorted(by_rule.items()) if k in defined},
        exempt={k: v for k, v in sorted(exemptions.items()) if k in defined and k not in proved},
        missing=tuple(sorted(defined - proved - set(exemptions))),
        unknown=tuple(sorted((proved | set(exemptions)) - defined)),
        exempt_with_vector=tuple(sorted(proved & set(exemptions))),
    )


def coverage_markdown(coverage: RuleCoverage) -> str:
    """docs/conformance-coverage.md: the figure, then every rule with its vectors or reason."""
    from sroi_core.rules import all_rules  # noqa: PLC0415

    lines = [
        "# Conformance coverage of the rule catalogue",
        "",
        "<!-- Generated by `python -m sroi_core.conformance_coverage --markdown "
        "tests/conformance`; a test fails when it is stale. -->",
        "",
        f"**{coverage.summary_line()}.** Every rule id of the rule catalogue "
        "(docs/rules.md) that an exchange document can raise has at least one conformance "
        "vector another implementation can run (tests/conformance/README.md); a rule that "
        "no exchange document can raise is exempt, with its reason, in "
        "`tests/conformance/rule-exemptions.csv`. A test fails when a rule has neither.",
        "",
        "Run the vectors with `sroi conformance run tests/conformance` (or `sroi conformance "
        "run` for the suite installed with the package), and print this figure with "
        "`python -m sroi_core.conformance_coverage tests/conformance`.",
        "",
        "## Exempt rules",
        "",
        "| rule | why no vector |",
        "|---|---|",
    ]
    lines += [f"| `{rule_id}` | {reason} |" for rule_id, reason in coverage.exempt.items()]
    lines += ["", "## Rules and their vectors", ""]
    lines += ["| rule | severity | vectors |", "|---|---|---|"]
    for rule in all_rules():
        if rule.id in coverage.vectors:
            where = ", ".join(f"`{v}`" for v in coverage.vectors[rule.id])
        elif rule.id in coverage.exempt:
            where = "exempt (above)"
        else:
            where = "**missing**"
        lines.append(f"| `{rule.id}` | {rule.severity.value} | {where} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the coverage figure, the exemptions and any missing rule; exit 1 on a gap.

    With ``--markdown`` print docs/conformance-coverage.md instead.
    """
    args = sys.argv[1:] if argv is None else argv
    from sroi_core.published import conformance_dir  # noqa: PLC0415

    markdown = "--markdown" in args
    folders = [a for a in args if a != "--markdown"]
    directory = Path(folders[0]) if folders else conformance_dir()
    coverage = rule_coverage(directory)
    if markdown:
        sys.stdout.write(coverage_markdown(coverage))
        return 0
    for rule_id, reason in coverage.exempt.items():
        print(f"exempt  {rule_id}: {reason}")
    for rule_id in coverage.missing:
        print(f"MISSING {rule_id}")
    print(coverage.summary_line())
    return 1 if coverage.missing or coverage.unknown or coverage.exempt_with_vector else 0


if __name__ == "__main__":
    sys.exit(main())
