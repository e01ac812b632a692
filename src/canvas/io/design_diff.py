"""File layer: what differs between two versions of a design, said for a person.

Used to compare a recovered design with the file on disk before restoring it: a short
summary (components and links added, removed, changed; name and rule settings) followed by
a unified diff of the two files exactly as they would be saved.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from canvas.core.model import Design
from canvas.io.save import dump_design

MAX_DIFF_LINES = 4000


@dataclass(frozen=True)
class Counts:
    added: int
    removed: int
    changed: int

    def describe(self, noun: str) -> str:
        if not (self.added or self.removed or self.changed):
            return f"{noun}: no differences."
        return f"{noun}: {self.added} added, {self.removed} removed, {self.changed} changed."


def _counts(old: dict[str, object], new: dict[str, object]) -> Counts:
    added = sum(1 for k in new if k not in old)
    removed = sum(1 for k in old if k not in new)
    changed = sum(1 for k in new if k in old and old[k] != new[k])
    return Counts(added, removed, changed)


def summary(old: Design, new: Design) -> list[str]:
    """One line per aspect that differs (components and links always listed)."""
    lines = [
        _counts(dict(old.components), dict(new.components)).describe("Components"),
        _counts(dict(old.links), dict(new.links)).describe("Links"),
    ]
    if old.name != new.name:
        lines.append(f"Name: “{old.name}” became “{new.name}”.")
    if old.settings != new.settings:
        lines.append("Rule settings differ.")
    return lines


def unified(old: Design, new: Design, old_name: str, new_name: str) -> str:
    """The unified diff of the two saved files (cut after :data:`MAX_DIFF_LINES` lines)."""
    diff = list(difflib.unified_diff(
        dump_design(old).splitlines(), dump_design(new).splitlines(), old_name, new_name, lineterm="", n=2,
    ))
    if len(diff) > MAX_DIFF_LINES:
        diff = diff[:MAX_DIFF_LINES] + [f"… {len(diff) - MAX_DIFF_LINES} more lines not shown"]
    return "\n".join(diff) if diff else "The two versions are identical."


def compare_text(old: Design, new: Design, old_name: str, new_name: str) -> str:
    """The summary, a blank line, then the unified diff."""
    return "\n".join(summary(old, new)) + "\n\n" + unified(old, new, old_name, new_name)
