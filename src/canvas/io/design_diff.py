"""File layer: what differs between two versions of a design, said for a person.

Used to compare a recovered design with the file on disk before restoring it: a short
summary (components and links added, removed, changed; name, rule settings and link
style) followed by a unified diff of the two files exactly as they would be saved.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from canvas.core.model import Design, Link
from canvas.io.save import dump_design

MAX_DIFF_LINES = 4000


#: How many names a summary line lists per category before "and N more".
MAX_NAMES = 3


@dataclass(frozen=True)
class Counts:
    """Keys added, removed and changed, each with the names a person knows them by."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    def describe(self, noun: str) -> str:
        if not (self.added or self.removed or self.changed):
            return f"{noun}: no differences."
        parts = [
            f"{len(names)} {what}{_names(names)}"
            for what, names in (("added", self.added), ("removed", self.removed), ("changed", self.changed))
        ]
        return f"{noun}: {', '.join(parts)}."


def _names(names: tuple[str, ...]) -> str:
    if not names:
        return ""
    shown = ", ".join(names[:MAX_NAMES])
    more = len(names) - MAX_NAMES
    return f" ({shown}{f' and {more} more' if more > 0 else ''})"


def _counts(old: dict[str, Any], new: dict[str, Any], name: Callable[[Any], str]) -> Counts:
    return Counts(
        added=tuple(name(new[k]) for k in new if k not in old),
        removed=tuple(name(old[k]) for k in old if k not in new),
        changed=tuple(name(new[k]) for k in new if k in old and old[k] != new[k]),
    )


def summary(old: Design, new: Design) -> list[str]:
    """One line per aspect that differs (components and links always listed), naming the
    components by label and the links by their ends ("Components: 1 added ('Ranker'), …")."""

    def link_name(design: Design) -> Callable[[Link], str]:
        def name(link: Link) -> str:
            ends = [design.components[e].label if e in design.components else e for e in (link.source, link.target)]
            return f"'{ends[0]}' → '{ends[1]}'"

        return name

    names_old, names_new = link_name(old), link_name(new)
    links = _counts(
        dict(old.links), dict(new.links), lambda link: names_new(link) if link.id in new.links else names_old(link)
    )
    lines = [
        _counts(dict(old.components), dict(new.components), lambda c: f"'{c.label}'").describe("Components"),
        links.describe("Links"),
    ]
    if old.name != new.name:
        lines.append(f"Name: “{old.name}” became “{new.name}”.")
    if old.settings.rules != new.settings.rules:
        lines.append("Rule settings differ.")
    if old.settings.link_style != new.settings.link_style:
        lines.append(f"Link style: {old.settings.link_style} became {new.settings.link_style}.")
    return lines


def unified(old: Design, new: Design, old_name: str, new_name: str) -> str:
    """The unified diff of the two saved files (cut after :data:`MAX_DIFF_LINES` lines)."""
    diff = list(
        difflib.unified_diff(
            dump_design(old).splitlines(),
            dump_design(new).splitlines(),
            old_name,
            new_name,
            lineterm="",
            n=2,
        )
    )
    if len(diff) > MAX_DIFF_LINES:
        diff = diff[:MAX_DIFF_LINES] + [f"… {len(diff) - MAX_DIFF_LINES} more lines not shown"]
    return "\n".join(diff) if diff else "The two versions are identical."


def compare_text(old: Design, new: Design, old_name: str, new_name: str) -> str:
    """The summary, a blank line, then the unified diff."""
    return "\n".join(summary(old, new)) + "\n\n" + unified(old, new, old_name, new_name)
