"""The one exception hierarchy of sroi_core.

Every error the package raises on purpose derives from :class:`SroiError`, so a caller
(and the CLI) can catch one class and never show a traceback. Errors about input carry
the file and the JSON pointer of the offending value, so a message can be acted upon.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class SroiError(Exception):
    """Base class of every error raised by sroi_core on purpose."""


class InputError(SroiError):
    """Input that cannot be read or is not what was expected.

    ``source`` names the file (or ``<memory>``), ``pointer`` is an RFC 6901 JSON pointer
    into the document ("" for the whole document) and ``expected`` says what would have
    been accepted.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str = "<memory>",
        pointer: str = "",
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.pointer = pointer
        self.expected = expected
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source + (f"#{self.pointer}" if self.pointer else "")
        text = f"{where}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class FileReadError(InputError):
    """The file cannot be opened or read: missing, a directory, not UTF-8, too large."""


class JSONSyntaxError(InputError):
    """The file is not strict JSON (truncated, NaN, Infinity, duplicate keys, overflow)."""


class DocumentTypeError(InputError):
    """The document's ``documentType`` is missing or not one the standard defines."""


class UnsupportedVersionError(InputError):
    """The document's ``standardVersion`` is missing, malformed or not supported."""


class DocumentInvalidError(InputError):
    """The document breaks the schema or the standard's rules.

    ``findings`` holds every finding (see :mod:`sroi_core.rules`), not only the first.
    """

    def __init__(self, message: str, *, source: str, findings: list[object]) -> None:
        self.findings = findings
        super().__init__(message, source=source)


class FindingsError(SroiError):
    """An error explained by findings of the rule catalogue (``findings``), not one message.

    The message joins the findings' sources and messages; a CLI prints each finding.
    """

    def __init__(self, findings: Sequence[Any]) -> None:
        self.findings = tuple(findings)
        super().__init__("; ".join(f"{f.source}: {f.message}" for f in self.findings))


class CatalogueError(SroiError):
    """A catalogue cannot be found, or lacks what a valuation needs."""


class UnitError(SroiError):
    """A unit code is unknown, or a quantity cannot be converted to the unit asked for."""


class MixedValuationBasisError(SroiError):
    """An attempt to add outcome values and obligation credits, or two currencies.

    Obligation credits (the Dutch "bouwblokken") count toward an effort quota; they are
    not welfare values and the standard forbids summing the two.
    """


class ValuationError(SroiError):
    """The valuation method cannot be applied to the inputs given.

    Examples: a duration below one year, a fraction outside [0, 1], a price index year
    missing from the series. ``code`` is a stable error code (docs/valuation-method.md)
    that conformance vectors and callers can match on.
    """

    code: str = "valuation-error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(message)


class ConformanceError(SroiError):
    """A conformance vector file is malformed (not a failed expectation)."""


class FileWriteError(InputError):
    """An output file cannot be written (missing folder, no permission, disk full).

    The file named is left as it was: every write goes through a temporary file that
    replaces it only when complete (:mod:`sroi_core.fileio`).
    """


class ConcurrentUpdateError(SroiError):
    """A file updated in place was changed, or is being changed, by someone else.

    Raised instead of overwriting the other change, so that no decision is lost; run the
    command again on the current file.
    """


class ArgumentTypeError(SroiError, TypeError):
    """A function of the Python API was called with an argument of the wrong type.

    Also a :class:`TypeError`, so code that expects Python's own error keeps working.
    """


def expect_type(value: Any, expected: type | tuple[type, ...], what: str) -> None:
    """Raise ArgumentTypeError naming ``what`` and the expected type(s) unless ``value`` fits."""
    if not isinstance(value, expected):
        kinds = expected if isinstance(expected, tuple) else (expected,)
        names = " or ".join(kind.__name__ for kind in kinds)
        raise ArgumentTypeError(f"{what} must be {names}, not {type(value).__name__}")
