"""Where the pieces of a JSON file are, found in bounded memory without parsing it.

The streaming validator parses a large document one piece at a time: each top-level
member, and each element of one long list. This module finds the pieces. It reads the
bytes in chunks, tells strings from structure with a few numpy passes per chunk, and keeps
only the brackets and commas of the two outermost levels (a few per list element), so
its memory grows with the number of list elements, not with the file.

It does not judge the JSON: a file it misreads gives pieces that do not parse. The caller
parses every piece strictly and checks the bytes between them, so together they cover
every byte of the file (see :mod:`sroi_core.validation.streaming`).
"""

from __future__ import annotations

import codecs
import itertools
from dataclasses import dataclass
from typing import BinaryIO, Protocol

import numpy as np
import numpy.typing as npt

CHUNK_BYTES = 1 << 20
"""Bytes scanned at a time: numpy's temporaries are a few times this."""

_OPEN, _CLOSE, _COMMA = 1, -1, 0

_STRUCTURAL = np.zeros(256, dtype=bool)
_STRUCTURAL[list(b"[]{},")] = True
_STEP = np.zeros(256, dtype=np.int32)
_STEP[list(b"[{")] = _OPEN
_STEP[list(b"]}")] = _CLOSE

_QUOTE, _BACKSLASH = ord('"'), ord("\\")


@dataclass(frozen=True)
class Member:
    """One top-level member: its bytes, and the brackets of its value if it is a container.

    ``start`` is the first byte after the ``{`` or ``,`` before it, ``end`` the ``,`` or
    ``}`` after it (exclusive). ``value_open`` and ``value_close`` are the offsets of the
    value's opening and closing bracket, or -1 when the value is not an array or object.
    """

    start: int
    end: int
    value_open: int = -1
    value_close: int = -1


@dataclass(frozen=True)
class Outline:
    """The root object's brackets and members, and the shallow structure for lists."""

    root_open: int
    root_close: int
    members: tuple[Member, ...]
    max_depth: int
    """The deepest nesting in the file, counted as the reader counts it."""
    has_null: bool
    """Whether the bytes hold ``null`` anywhere (in a string too), as the reader asks."""
    _positions: npt.NDArray[np.int64]
    _chars: npt.NDArray[np.uint8]
    _levels: npt.NDArray[np.int32]

    def elements(
        self, member: Member
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
        """The opening and closing offsets of the objects in ``member``'s array value.

        None when the value is not an array, or holds something other than objects at its
        top (the caller then reads the member whole).
        """
        if member.value_open < 0:
            return None
        inside = slice(
            int(np.searchsorted(self._positions, member.value_open, side="right")),
            int(np.searchsorted(self._positions, member.value_close, side="left")),
        )
        chars, levels = self._chars[inside], self._levels[inside]
        positions = self._positions[inside]
        if self._chars[inside.start - 1] != ord("["):
            return None
        at_top = levels == 2
        opens = positions[at_top & (chars == ord("{"))]
        closes = positions[at_top & (chars == ord("}"))]
        commas = int(np.count_nonzero(at_top & (chars == ord(","))))
        others = int(np.count_nonzero(at_top)) - len(opens) - len(closes) - commas
        if others or len(opens) != len(closes) or commas != max(len(opens) - 1, 0):
            return None
        if not (bool(np.all(opens < closes)) and bool(np.all(closes[:-1] < opens[1:]))):
            return None
        return opens, closes


def _unescaped(chars: npt.NDArray[np.uint8], quotes: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """The quotes not escaped by an odd run of backslashes right before them.

    Works on the backslashes' positions only, so its memory follows their number.
    """
    slashes = np.flatnonzero(chars == _BACKSLASH)
    if not len(slashes):
        return quotes
    starts_run = np.ones(len(slashes), dtype=bool)
    starts_run[1:] = slashes[1:] != slashes[:-1] + 1
    run_start = np.maximum.accumulate(np.where(starts_run, slashes, 0))
    last = np.searchsorted(slashes, quotes) - 1  # the last backslash before each quote
    safe = np.maximum(last, 0)
    touching = (last >= 0) & (slashes[safe] == quotes - 1)
    run = np.where(touching, slashes[safe] - run_start[safe] + 1, 0)
    result: npt.NDArray[np.intp] = quotes[run % 2 == 0]
    return result


class Hasher(Protocol):
    """What :func:`scan` needs of a hash object (``hashlib.sha256()`` is one)."""

    def update(self, data: bytes, /) -> None:
        """Add ``data`` to what is hashed."""


def _read_chunk(handle: BinaryIO) -> bytes:
    """The next chunk, never ending inside a run of backslashes (runs stay whole)."""
    chunk = handle.read(CHUNK_BYTES)
    while chunk.endswith(b"\\"):
        more = handle.read(1)
        if not more:
            break
        chunk += more
    return chunk


def scan(handle: BinaryIO, offset: int, seen: Hasher | None = None) -> Outline | None:
    """The outline of the JSON read from ``handle``, whose first byte is at ``offset``.

    None when the bytes are not UTF-8 or cannot be one JSON object (the caller then reads
    the file as a whole, and the reader words the problem). ``seen``, when given, is
    updated with every byte read, so the caller can tell later whether the file changed.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    in_string = 0
    depth = 0
    max_depth = 0
    kept: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8], npt.NDArray[np.int32]]] = []
    has_null = False
    tail = b""
    while chunk := _read_chunk(handle):
        if seen is not None:
            seen.update(chunk)
        has_null = has_null or b"null" in tail + chunk[:3] or b"null" in chunk
        tail = chunk[-3:]
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return None
        chars = np.frombuffer(chunk, dtype=np.uint8)
        quotes = np.flatnonzero(chars == _QUOTE)
        if len(quotes) and chunk.find(b"\\") >= 0:
            quotes = _unescaped(chars, quotes)
        structural = np.flatnonzero(_STRUCTURAL[chars])
        outside = (np.searchsorted(quotes, structural) + in_string) % 2 == 0
        structural = structural[outside]
        found = chars[structural]
        steps = _STEP[found]
        after = depth + np.cumsum(steps, dtype=np.int32)
        levels = np.where(steps == _OPEN, after - 1, after).astype(np.int32)
        if len(after):
            max_depth = max(max_depth, int(after.max()))
            depth = int(after[-1])
        keep = levels <= 2
        kept.append((structural[keep].astype(np.int64) + offset, found[keep], levels[keep]))
        in_string = (in_string + len(quotes)) % 2
        offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    if not kept:
        return None
    positions = np.concatenate([part[0] for part in kept])
    chars = np.concatenate([part[1] for part in kept])
    levels = np.concatenate([part[2] for part in kept])
    return _outline(positions, chars, levels, max_depth, has_null=has_null)


def _outline(
    positions: npt.NDArray[np.int64],
    chars: npt.NDArray[np.uint8],
    levels: npt.NDArray[np.int32],
    max_depth: int,
    *,
    has_null: bool,
) -> Outline | None:
    """The root object and its members from the shallow structure, or None."""
    if len(positions) < 2 or chars[0] != ord("{") or chars[-1] != ord("}"):
        return None
    if int(np.count_nonzero(levels == 0)) != 2 or bool(np.any(levels < 0)):
        return None
    root_open, root_close = int(positions[0]), int(positions[-1])
    level_one = levels == 1
    commas = positions[level_one & (chars == ord(","))].tolist()
    opens = positions[level_one & np.isin(chars, list(b"[{"))]
    closes = positions[level_one & np.isin(chars, list(b"]}"))]
    if len(opens) != len(closes):
        return None
    bounds = [root_open, *commas, root_close]
    members: list[Member] = []
    for start, end in itertools.pairwise(bounds):
        first = int(np.searchsorted(opens, start))
        last = int(np.searchsorted(opens, end))
        if last - first > 1:
            return None
        if last - first == 1:
            value_open, value_close = int(opens[first]), int(closes[first])
            if not value_open < value_close < end:
                return None
            members.append(Member(start + 1, end, value_open, value_close))
        else:
            members.append(Member(start + 1, end))
    return Outline(
        root_open, root_close, tuple(members), max_depth, has_null, positions, chars, levels
    )
