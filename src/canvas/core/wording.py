"""Core layer: how findings and charts write names and numbers.

A component is named by its label — its id when the label is empty, cut to 40 characters
with "…" when longer. Numbers read as a person writes them: ``7,200,020 ms``,
``$1,250,000``, ``12.5 ms`` — at most one decimal, never an exponent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from canvas.core.model import Component

MAX_NAME = 40


def name(component: Component) -> str:
    """The label a message shows: the id when blank, cut with "…" past 40 characters; control
    characters (a line break, a NUL, an escape) read as a space, so a message stays one
    line of plain text in a terminal, an XML report or a PR comment."""
    text = plain(component.label if component.label.strip() else component.id)
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """``text`` with each control character as a space."""
    return _CONTROL.sub(" ", text)


def quoted(component: Component) -> str:
    return f"'{name(component)}'"


def listing(names: Sequence[str], limit: int = 4) -> str:
    """``'a', 'b' and 'c'``; past ``limit`` names: ``'a', 'b', 'c', 'd' and 3 more``."""
    shown = list(names[:limit])
    more = len(names) - len(shown)
    if more > 0:
        shown.append(f"{more} more")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def number(value: float) -> str:
    """``1,250,000``, ``12.5``; a value that is not finite (not from a loaded file) as "?"."""
    if not math.isfinite(value):
        return "?"
    if value == int(value):
        return f"{int(value):,}"
    return format(value, ",.1f")


def ms(value: float) -> str:
    return f"{number(value)} ms"


def usd(value: float) -> str:
    return f"${number(value)}"
