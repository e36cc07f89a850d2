"""Pausing the cyclic garbage collector while large, acyclic object graphs are built.

Reading or valuing a large document creates millions of objects that are never part of a
reference cycle; every allocation burst would trigger collections that walk all the
objects already alive again (measured: a third of reading and about half of valuing a
10,000-commitment bid). Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (re-enabled after, if it was on).

    What the block built is then moved straight to the oldest generation
    (``gc.freeze()`` + ``gc.unfreeze()``), where it stays collectable: otherwise the first
    young collections after the pause walk every object of it (over a second after
    reading a 100,000-commitment bid). Skipped when the program has frozen objects of its
    own, which must stay frozen.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
