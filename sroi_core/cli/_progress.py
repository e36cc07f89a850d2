"""Progress on long work: a bar on standard error, only when someone is watching.

The bar appears once a run has taken about a second, only when standard error is a
terminal, never with ``--quiet``, and only where rich is installed (the ``progress``
extra); otherwise reporting progress costs nothing and prints nothing. It is transient:
once the work is done the terminal shows only the command's own output.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, Self

SHOW_AFTER_SECONDS = 1.0
"""A run shorter than this never shows a bar."""


class Progress:
    """Counts steps of a run and shows them as a bar when the run is long.

    Use as a context manager; call :meth:`advance` after each step (a file, a phase) and
    :meth:`describe` to name the step being worked on.
    """

    def __init__(self, total: int, description: str, *, quiet: bool = False) -> None:
        self.total = total
        self.done = 0
        self.description = description
        self._started = time.monotonic()
        self._enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    @property
    def shown(self) -> bool:
        """Whether the bar is on screen."""
        return self._bar is not None

    def describe(self, description: str) -> None:
        """Name the step now being worked on."""
        self.description = description
        self._update()

    def advance(self, steps: int = 1) -> None:
        """Count ``steps`` more steps done."""
        self.done += steps
        self._update()

    def set(self, done: int, total: int) -> None:
        """Set the count outright (a callback of the form ``progress(done, total)``)."""
        self.done, self.total = done, total
        self._update()

    def _update(self) -> None:
        if self._bar is None:
            if not self._enabled or time.monotonic() - self._started < SHOW_AFTER_SECONDS:
                return
            self._start()
            if self._bar is None:
                return
        self._bar.update(
            self._task, completed=self.done, total=self.total, description=self.description
        )

    def _start(self) -> None:
        try:
            from rich.console import Console  # noqa: PLC0415 - optional, loaded when shown
            from rich.progress import (  # noqa: PLC0415
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar  # noqa: PLC0415
        except ImportError:
            self._enabled = False
            return
        self._bar = Bar(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task(self.description, total=self.total, completed=self.done)
        self._bar.start()


def add_quiet_option(parser: Any) -> None:
    """``--quiet``: no progress bar (it is never shown when stderr is not a terminal)."""
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="show no progress bar on long runs"
    )
