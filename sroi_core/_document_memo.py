"""What is computed from an immutable document, kept while the document lives."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class DocumentMemo(Generic[T]):
    """A value computed from an immutable document, kept while the document lives.

    Documents are frozen models: what is computed from one cannot change, so a document
    valued again (a bid beside its evidence report, a catalogue shared by many bids) is
    written, or read, once. Entries leave with their document (a weak reference).
    """

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self._compute = compute
        self._held: dict[int, tuple[weakref.ref[Any], T]] = {}

    def __call__(self, document: Any) -> T:
        """The value of ``document``, computed on first use."""
        held = self._held.get(id(document))
        if held is not None and held[0]() is document:
            return held[1]
        value = self._compute(document)
        self.keep(document, value)
        return value

    def keep(self, document: Any, value: T) -> None:
        """Hold ``value`` as the value of ``document`` (made another way, e.g. by the reader).

        The caller vouches that ``value`` is what computing it would give; tests of the
        reader's digest form (tests/test_read_form.py) compare the two on every document
        they read.
        """
        key = id(document)

        def forget(_gone: weakref.ref[Any]) -> None:
            self._held.pop(key, None)

        try:
            self._held[key] = (weakref.ref(document, forget), value)
        except TypeError:  # not weakly referable: not kept
            return
