"""UI layer: the document controller — the one way to change a design.

Gestures call the methods here; each builds a core :class:`~canvas.core.edits.Edit` and
pushes it on the ``QUndoStack``. Applying or reverting an edit returns the list of
changes, which become signals the scene and panels listen to. Nothing else mutates the
design, so undo/redo always restores model and scene together.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from canvas.core.annotation_edits import SetGroup, regroup
from canvas.core.catalog import KINDS
from canvas.core.edits import (
    AddComponent,
    AddLink,
    Batch,
    Changes,
    Edit,
    MoveComponents,
    ReattachLink,
    RenameProperty,
    SetDesignName,
    SetLabel,
    SetLinkLabel,
    SetLinkStyle,
    SetProperty,
    SetRuleSetting,
    SetSuppression,
    link_problem,
    remove_many,
)
from canvas.core.model import Component, Design, Link, LinkStyle, Position, RuleSetting
from canvas.ui.annotations import Annotations, named_groups


class EditCommand(QUndoCommand):
    """Wraps one core edit; redo applies it, undo reverts it, both through the document."""

    def __init__(self, document: Document, edit: Edit) -> None:
        super().__init__(edit.text)
        self.document = document
        self.edit = edit

    def redo(self) -> None:
        self.document._emit(self.edit.apply(self.document.design))

    def undo(self) -> None:
        self.document._emit(self.edit.revert(self.document.design))


#: The undo-command id of arrow-key nudges (QUndoStack merges commands of equal id).
_NUDGE_ID = 1


class NudgeCommand(EditCommand):
    """An arrow-key move of the selection. Consecutive nudges of the same cards merge
    into one undo step; QUndoStack only merges with the command on top, so any other edit
    in between (or a save) starts a new step."""

    edit: MoveComponents

    def __init__(self, document: Document, edit: MoveComponents) -> None:
        super().__init__(document, edit)

    def id(self) -> int:
        return _NUDGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, NudgeCommand):
            return False
        mine, theirs = self.edit, other.edit
        if mine.moves.keys() != theirs.moves.keys() or mine.note_moves.keys() != theirs.note_moves.keys():
            return False
        moves = {cid: (ends[0], theirs.moves[cid][1]) for cid, ends in mine.moves.items()}
        notes = {nid: (ends[0], theirs.note_moves[nid][1]) for nid, ends in mine.note_moves.items()}
        self.edit = MoveComponents(moves, text=mine.text, note_moves=notes)
        # Nudged back to where they were: nothing to undo, the step goes.
        self.setObsolete(all(old == new for old, new in (*moves.values(), *notes.values())))
        return True


class Document(QObject):
    component_added = Signal(str)
    component_removed = Signal(str)
    component_changed = Signal(str)
    component_moved = Signal(str)
    link_added = Signal(str)
    link_removed = Signal(str)
    link_changed = Signal(str)
    note_added = Signal(str)
    note_removed = Signal(str)
    note_changed = Signal(str)
    group_added = Signal(str)
    group_removed = Signal(str)
    group_changed = Signal(str)
    #: After any edit, undo or redo (the checker and charts listen to this one).
    design_changed = Signal()
    #: The whole design was replaced (new, open, restore): views rebuild from scratch.
    design_replaced = Signal()
    path_changed = Signal()

    def __init__(self, design: Design | None = None, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.design = design if design is not None else Design()
        self.path = path
        self.undo_stack = QUndoStack(self)
        #: Adding, editing, grouping and ungrouping notes and groups.
        self.annotations = Annotations(self)

    # --- the one door --------------------------------------------------------------------
    def push(self, edit: Edit) -> None:
        self.undo_stack.push(EditCommand(self, edit))

    def _emit(self, changes: Changes) -> None:
        for change in changes:
            if change.kind == "design_changed":
                continue  # emitted once below
            if change.kind == "design_replaced":
                self.design_replaced.emit()
            else:
                getattr(self, change.kind).emit(change.id)
        self.design_changed.emit()

    def replace(self, design: Design, path: Path | None = None) -> None:
        """Load another design: clears the undo history and marks the document clean."""
        self.design = design
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.set_path(path)
        self.design_replaced.emit()
        self.design_changed.emit()

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit()

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.undo_stack.setClean()
        self.set_path(path)

    # --- edits ---------------------------------------------------------------------------
    def add_component(self, kind: str, x: float, y: float, label: str | None = None, group: str | None = None) -> str:
        """Add a component; with ``group``, in that group too (dropped into its frame), in
        the same undo step."""
        cid = self.design.new_component_id(kind)
        at = Position(x=round(x), y=round(y))  # whole numbers in the file, whatever the zoom
        comp = Component(id=cid, kind=kind, label=label or KINDS[kind].default_label, position=at)
        frame = self.design.groups.get(group) if group is not None else None
        if frame is None:
            self.push(AddComponent(comp, text=f"Add {comp.label}"))
        else:
            joined = SetGroup(frame.model_copy(update={"members": [*frame.members, cid]}))
            self.push(Batch([AddComponent(comp), joined], text=f"Add {comp.label} to {named_groups([frame.label])}"))
        return cid

    # Named for the gesture; QObject.connect (signals) is never called on a Document.
    def connect(self, source: str, target: str, label: str = "") -> tuple[str | None, str | None]:  # type: ignore[override]
        """Link two components; returns ``(link_id, None)`` or ``(None, reason refused)``."""
        problem = link_problem(self.design, source, target)
        if problem is not None:
            return None, problem
        lid = self.design.new_link_id()
        self.push(AddLink(Link(id=lid, source=source, target=target, label=label)))
        return lid, None

    def reattach(self, link_id: str, end: str, component_id: str) -> str | None:
        """Move the link's ``end`` ("source" or "target") to another component; returns why
        that is refused (as when connecting), or ``None`` (done, or nothing to do)."""
        link = self.design.links[link_id]
        source, target = (component_id, link.target) if end == "source" else (link.source, component_id)
        if (source, target) == (link.source, link.target):
            return None
        problem = link_problem(self.design, source, target, moving=link_id)
        if problem is not None:
            return problem
        names = self.design.components
        self.push(ReattachLink(link_id, source, target, text=f"Re-attach link to '{names[component_id].label}'"))
        return None

    def set_link_style(self, style: LinkStyle) -> None:
        """Draw the design's links with rounded corners or as curves (saved with the design)."""
        if style != self.design.settings.link_style:
            self.push(SetLinkStyle(style, text=f"Link style: {style}"))

    def move(
        self,
        moves: dict[str, tuple[tuple[float, float], tuple[float, float]]],
        note_moves: dict[str, tuple[tuple[float, float], tuple[float, float]]] | None = None,
        groups: dict[str, str | None] | None = None,
    ) -> None:
        """Move components (and notes) in one undo step; the new positions are rounded to
        whole numbers, so a drag at any zoom, with or without snapping, saves integers.
        ``groups`` also puts moved cards in a group or out of theirs (card id -> group id or
        ``None``) in the same step."""
        real = self._real_moves(moves)
        notes = self._real_moves(note_moves or {}, self.design.notes)
        if not real and not notes:
            return
        edit: Edit = MoveComponents(real, text=_move_text(len(real), len(notes)), note_moves=notes)
        regrouped = regroup(self.design, groups) if groups else None
        if regrouped is not None:
            edit = Batch([edit, regrouped], text=self._regroup_text(groups or {}))
        self.push(edit)

    def _regroup_text(self, groups: dict[str, str | None]) -> str:
        """ "Move 'Ranker' into 'Online serving'", "Move 2 components out of 'Team Ads'"."""
        comps, all_groups = self.design.components, self.design.groups
        who = named([comps[c].label for c in groups if c in comps])
        targets = set(groups.values())
        if targets == {None}:
            left = {g.id: g.label for g in all_groups.values() if not set(groups).isdisjoint(g.members)}
            return f"Move {who} out of {named_groups(list(left.values()))}"
        if len(targets) == 1:
            (gid,) = targets
            return f"Move {who} into {named_groups([all_groups[gid].label])}" if gid in all_groups else f"Move {who}"
        return f"Move {who} between groups"

    def nudge(self, component_ids: list[str], dx: float, dy: float, note_ids: Iterable[str] = ()) -> None:
        """Move components and notes by (dx, dy) with the arrow keys: one undo step for a run
        of nudges of the same selection (:class:`NudgeCommand`)."""
        comps, all_notes = self.design.components, self.design.notes
        at = {i: comps[i].position for i in component_ids if i in comps}
        note_at = {i: all_notes[i].position for i in note_ids if i in all_notes}
        real = self._real_moves({i: ((p.x, p.y), (p.x + dx, p.y + dy)) for i, p in at.items()})
        notes = self._real_moves({i: ((p.x, p.y), (p.x + dx, p.y + dy)) for i, p in note_at.items()}, all_notes)
        if real or notes:
            edit = MoveComponents(real, text=_move_text(len(real), len(notes)), note_moves=notes)
            self.undo_stack.push(NudgeCommand(self, edit))

    def _real_moves(
        self, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]], present: Container[str] | None = None
    ) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
        """The moves that move something there (components, or ``present``), rounded."""
        there = self.design.components if present is None else present
        rounded = {cid: (old, (float(round(new[0])), float(round(new[1])))) for cid, (old, new) in moves.items()}
        return {cid: ends for cid, ends in rounded.items() if ends[0] != ends[1] and cid in there}

    def delete(
        self,
        component_ids: list[str],
        link_ids: list[str] = (),  # type: ignore[assignment]
        verb: str = "Delete",
        note_ids: Iterable[str] = (),
        group_ids: Iterable[str] = (),
    ) -> str:
        """Remove components (with their links), links and notes, and dissolve groups (their
        members stay), in one undo step named after what goes ("Delete 'Ranker' and 3 links",
        "Cut 3 components", "Delete link", "Delete 'Ranker' and note"). Returns what went
        ("'Ranker' and 3 links"), or "" when nothing was given."""
        note_ids, group_ids = list(note_ids), list(group_ids)
        if not component_ids and not link_ids and not note_ids and not group_ids:
            return ""
        parts = self._annotation_parts(note_ids, group_ids)
        if component_ids or link_ids or not parts:
            first = self.describe(component_ids, link_ids)
            if any(c in self.design.components for c in component_ids):
                links = self.links_going(component_ids, link_ids)
                first += f" and {links} link{'s' * (links != 1)}" if links else ""
            parts.insert(0, first)
        what = _joined(parts)
        comps, links_given = list(component_ids), list(link_ids)
        self.push(remove_many(self.design, comps, links_given, f"{verb} {what}", note_ids, group_ids))
        return what

    def links_going(self, component_ids: Iterable[str], link_ids: Iterable[str] = ()) -> int:
        """How many links deleting these components and links removes (theirs included)."""
        doomed = set(component_ids)
        chosen = set(link_ids)
        return sum(
            1
            for lid, link in self.design.links.items()
            if lid in chosen or link.source in doomed or link.target in doomed
        )

    def describe(
        self,
        component_ids: Iterable[str],
        link_ids: Iterable[str] = (),
        note_ids: Iterable[str] = (),
        group_ids: Iterable[str] = (),
    ) -> str:
        """Components by label ("'Ranker'", "3 components"), else links ("link", "2 links"),
        then notes and groups ("'Ranker' and note", "2 notes and group 'Team Ads'")."""
        parts = self._annotation_parts(note_ids, group_ids)
        comps = [c for c in component_ids if c in self.design.components]
        if comps:
            parts.insert(0, named([self.design.components[c].label for c in comps]))
        else:
            n = len([lid for lid in link_ids if lid in self.design.links])
            if n or not parts:
                parts.insert(0, "link" if n == 1 else f"{n} links")
        return _joined(parts)

    def _annotation_parts(self, note_ids: Iterable[str], group_ids: Iterable[str]) -> list[str]:
        """ "note" / "2 notes", "group 'Team Ads'" / "2 groups", as far as they are there."""
        d = self.design
        notes = [n for n in note_ids if n in d.notes]
        groups = [g for g in group_ids if g in d.groups]
        parts = ["note" if len(notes) == 1 else f"{len(notes)} notes"] if notes else []
        if len(groups) == 1:
            parts.append(f"group {named_groups([d.groups[groups[0]].label])}")
        elif groups:
            parts.append(f"{len(groups)} groups")
        return parts

    def set_label(self, cid: str, label: str) -> None:
        old = self.design.components[cid].label
        if old != label:
            self.push(SetLabel(cid, label, text=f"Rename '{old}' to '{label}'"))

    def set_link_label(self, lid: str, label: str) -> None:
        if self.design.links[lid].label != label:
            self.push(SetLinkLabel(lid, label))

    def set_property(self, cid: str, key: str, value: Any) -> None:
        props = self.design.components[cid].properties
        if key in props and _same(props[key], value):
            return
        self.push(SetProperty(cid, key, value, text=f"Set {self._what(cid, key)}"))

    def set_properties(self, cids: list[str], key: str, value: Any) -> None:
        """Set one property on several components in one undo step (multi-selection)."""
        edits: list[Edit] = [
            SetProperty(c, key, value)
            for c in cids
            if not _same(self.design.components[c].properties.get(key, _ABSENT), value)
        ]
        if edits:
            self.push(Batch(edits, text=f"Set {self._attr_label(cids[0], key)} of {len(edits)} components"))

    def delete_property(self, cid: str, key: str) -> None:
        if key in self.design.components[cid].properties:
            self.push(SetProperty(cid, key, delete=True, text=f"Clear {self._what(cid, key)}"))

    def _attr_label(self, cid: str, key: str) -> str:
        """The catalogue's name for a property ("Latency"), or the key of a free-form one."""
        kind = KINDS.get(self.design.components[cid].kind)
        attr = kind.attribute(key) if kind else None
        return attr.label if attr else key

    def _what(self, cid: str, key: str) -> str:
        """Undo-history wording: "Latency of 'Ranker'"."""
        return f"{self._attr_label(cid, key)} of '{self.design.components[cid].label}'"

    def delete_properties(self, cids: list[str], key: str) -> None:
        """Remove one property from several components in one undo step."""
        edits: list[Edit] = [
            SetProperty(c, key, delete=True) for c in cids if key in self.design.components[c].properties
        ]
        if edits:
            self.push(Batch(edits, text=f"Clear {self._attr_label(cids[0], key)} of {len(edits)} components"))

    def rename_property(self, cid: str, old: str, new: str) -> None:
        if old != new and new not in self.design.components[cid].properties:
            self.push(RenameProperty(cid, old, new))

    def suppress(self, cid: str, rule: str, reason: str | None) -> None:
        text = "Suppress finding" if reason is not None else "Unsuppress finding"
        self.push(SetSuppression(cid, rule, reason, text=text))

    def set_rule_setting(self, rule: str, setting: RuleSetting | None) -> None:
        self.push(SetRuleSetting(rule, setting))

    def set_name(self, name: str) -> None:
        if name != self.design.name:
            self.push(SetDesignName(name))

    def apply(self, edit: Edit) -> None:
        """Push a prepared edit (paste, tidy-up)."""
        self.push(edit)


_ABSENT = object()


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type: ``1 == True`` in Python, but not in a design file."""
    return type(a) is type(b) and a == b


def _move_text(count: int, notes: int = 0) -> str:
    """ "Move", "Move 3 components", "Move 2 notes", "Move 4 items"."""
    total = count + notes
    if total == 1:
        return "Move"
    return f"Move {total} {'components' if not notes else 'notes' if not count else 'items'}"


def _joined(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def named(labels: list[str]) -> str:
    """How an undo entry names what it touched: "'Ranker'", or "3 components"."""
    return f"'{labels[0]}'" if len(labels) == 1 else f"{len(labels)} components"
