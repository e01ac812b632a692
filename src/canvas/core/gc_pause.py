"""Core layer: pausing Python's cyclic garbage collector around bulk work.

Loading, checking and building a scene allocate many short-lived objects and make no
cycles worth collecting: a collection halfway walks everything alive and only costs time
(see shared/PLATFORM.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Collection off for the block, back to what it was after (also on an exception)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
