"""The validation report: findings per file, and its documented JSON form.

docs/validation-report.md describes the JSON field by field (as libcoveocds does), so
procurement systems can consume it without reading this code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sroi_core._version import STANDARD_VERSION, __version__
from sroi_core.rules import Finding, Severity

REPORT_FORMAT_VERSION = "1.0"


@dataclass
class FileReport:
    """The outcome of validating one file."""

    file: str
    document_type: str | None = None
    standard_version: str | None = None
    findings: list[Finding] = field(default_factory=list)
    read_error: bool = False
    document: Any = field(default=None, repr=False, compare=False)
    """The parsed model when the file got that far (not part of the JSON report)."""

    @property
    def valid(self) -> bool:
        """A file is valid when it was read and has no error-severity finding."""
        return not self.read_error and not any(f.severity is Severity.ERROR for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        """The file's entry in the JSON report."""
        counts = {s.value: sum(1 for f in self.findings if f.severity is s) for s in Severity}
        return {
            "file": self.file,
            "documentType": self.document_type,
            "standardVersion": self.standard_version,
            "valid": self.valid,
            "counts": counts,
            "findings": [f.as_dict() for f in self.findings],
        }


@dataclass
class ValidationReport:
    """Findings for every file validated in one run."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether every file is valid."""
        return all(report.valid for report in self.files)

    def flatten(self, *columns: str) -> list[list[Any]]:
        """Findings as rows of the named JSON report fields, for compact assertions."""
        return [
            [finding.as_dict().get(column) for column in columns]
            for report in self.files
            for finding in report.findings
        ]

    def as_dict(self) -> dict[str, Any]:
        """The documented JSON report."""
        return {
            "reportFormat": REPORT_FORMAT_VERSION,
            "tool": {
                "name": "sroi_core",
                "version": __version__,
                "standardVersion": STANDARD_VERSION,
            },
            "valid": self.valid,
            "files": [report.as_dict() for report in self.files],
        }
