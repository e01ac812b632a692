"""Core layer: reversible edits of notes and groups — what a diagram says beside the system.

Notes and groups are replaced, never mutated in place (copy-on-write), so undo puts the very
object back and a snapshot taken for another thread never sees a half-changed one. Removing
notes and dissolving groups go through :class:`canvas.core.edits.RemoveMany` with the rest
of a selection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from canvas.core.edits import Batch, Change, Changes, Edit
from canvas.core.model import Design, Group, Note


@dataclass
class AddNote(Edit):
    note: Note
    text: str = "Add note"

    def apply(self, design: Design) -> Changes:
        design.notes = {**design.notes, self.note.id: self.note}
        return [Change("note_added", self.note.id)]

    def revert(self, design: Design) -> Changes:
        design.notes = {k: v for k, v in design.notes.items() if k != self.note.id}
        return [Change("note_removed", self.note.id)]


@dataclass
class SetNote(Edit):
    """Replace a note by a changed copy (text, colour, position or size)."""

    note: Note
    text: str = "Edit note"
    _before: Note | None = None

    def apply(self, design: Design) -> Changes:
        self._before = design.notes[self.note.id]
        design.notes = {**design.notes, self.note.id: self.note}
        return [Change("note_changed", self.note.id)]

    def revert(self, design: Design) -> Changes:
        assert self._before is not None
        design.notes = {**design.notes, self.note.id: self._before}
        return [Change("note_changed", self.note.id)]


@dataclass
class AddGroup(Edit):
    group: Group
    text: str = "Group"

    def apply(self, design: Design) -> Changes:
        design.groups = {**design.groups, self.group.id: self.group}
        return [Change("group_added", self.group.id)]

    def revert(self, design: Design) -> Changes:
        design.groups = {k: v for k, v in design.groups.items() if k != self.group.id}
        return [Change("group_removed", self.group.id)]


@dataclass
class SetGroup(Edit):
    """Replace a group by a changed copy (label, colour or members). A group whose members
    all leave is removed by the same step."""

    group: Group
    text: str = "Edit group"
    _before: dict[str, Group] | None = None

    def apply(self, design: Design) -> Changes:
        self._before = design.groups
        gid = self.group.id
        if self.group.members:
            design.groups = {k: (self.group if k == gid else v) for k, v in design.groups.items()}
            return [Change("group_changed", gid)]
        design.groups = {k: v for k, v in design.groups.items() if k != gid}
        return [Change("group_removed", gid)]

    def revert(self, design: Design) -> Changes:
        assert self._before is not None
        gid = self.group.id
        was_there = gid in design.groups
        design.groups = self._before
        return [Change("group_changed" if was_there else "group_added", gid)]


def group_components(
    design: Design, component_ids: Iterable[str], label: str = "Group", color: str | None = None
) -> Edit:
    """One step that puts the components in a new group, taking them out of the groups they
    were in (a component is in one group at most)."""
    members = [c for c in dict.fromkeys(component_ids) if c in design.components]
    if not members:
        raise ValueError("a group needs at least one component")
    chosen = set(members)
    edits: list[Edit] = []
    for g in design.groups.values():
        if not chosen.isdisjoint(g.members):
            edits.append(SetGroup(g.model_copy(update={"members": [m for m in g.members if m not in chosen]})))
    group = Group(id=design.new_group_id(), label=label, members=members)
    if color is not None:
        group = group.model_copy(update={"color": color})
    edits.append(AddGroup(group))
    return Batch(edits, text="Group")


def set_membership(design: Design, component_ids: Iterable[str], group_id: str | None) -> Edit | None:
    """One step that moves the components into ``group_id`` (``None``: out of any group),
    or ``None`` when nothing changes: a card dropped into a frame joins it, dragged out
    leaves it."""
    edit = regroup(design, dict.fromkeys(component_ids, group_id))
    if edit is not None:
        edit.text = "Move into group" if group_id is not None else "Move out of group"
    return edit


def regroup(design: Design, assignments: Mapping[str, str | None]) -> Batch | None:
    """One step that puts each component of ``assignments`` in the group it names
    (``None``: in no group), or ``None`` when nothing changes. Each group touched is
    replaced once, so cards leaving one group and joining another in the same gesture
    never undo each other; a group left with no members is removed by the same step."""
    current = {m: g.id for g in design.groups.values() for m in g.members}
    changes = {
        c: gid
        for c, gid in assignments.items()
        if c in design.components and current.get(c) != gid and (gid is None or gid in design.groups)
    }
    if not changes:
        return None
    edits: list[Edit] = []
    for g in design.groups.values():
        kept = [m for m in g.members if m not in changes] + [c for c, gid in changes.items() if gid == g.id]
        if kept != g.members:
            edits.append(SetGroup(g.model_copy(update={"members": kept})))
    return Batch(edits, text="Regroup")
