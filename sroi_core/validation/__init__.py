"""Validation of exchange documents: the schema layer, then the semantic layer."""

from __future__ import annotations

from sroi_core.validation.report import FileReport, ValidationReport

__all__ = ["FileReport", "ValidationReport"]
