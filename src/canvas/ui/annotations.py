"""UI layer: the controller for notes and groups — the one way to change them.

Reached as ``document.annotations``. Each method builds a core edit
(:mod:`canvas.core.annotation_edits`) and pushes it through the document onto its undo
stack: one step per gesture, named for the undo history. Deleting notes and dissolving
groups together with components goes through :meth:`Document.delete
<canvas.ui.document.Document.delete>`, moving notes with cards through
:meth:`Document.move <canvas.ui.document.Document.move>`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from canvas.core.annotation_edits import AddNote, SetGroup, SetNote, group_components
from canvas.core.edits import Batch, Edit, remove_many
from canvas.core.model import GROUP_COLORS, NOTE_COLORS, Design, Group, Note, Position, Size

if TYPE_CHECKING:  # the document makes its controller
    from canvas.ui.document import Document


class Annotations:
    """Edits of one document's notes and groups."""

    def __init__(self, document: Document) -> None:
        self.document = document

    @property
    def _design(self) -> Design:  # read each time: opening a file replaces the design
        return self.document.design

    # --- notes ---------------------------------------------------------------------------
    def add_note(self, x: float, y: float, text: str = "", color: str = NOTE_COLORS[0]) -> str:
        """A new note with its top-left corner at (x, y); returns its id."""
        nid = self._design.new_note_id()
        color = color if color in NOTE_COLORS else NOTE_COLORS[0]
        self.document.push(AddNote(Note(id=nid, text=text, position=Position(x=x, y=y), color=color)))
        return nid

    def set_note_text(self, note_id: str, text: str) -> None:
        note = self._design.notes.get(note_id)
        if note is not None and note.text != text:
            self.document.push(SetNote(note.model_copy(update={"text": text}), text="Edit note"))

    def resize_note(self, note_id: str, width: float, height: float) -> None:
        note = self._design.notes.get(note_id)
        if note is not None and (note.size.width, note.size.height) != (width, height):
            size = Size(width=width, height=height)
            self.document.push(SetNote(note.model_copy(update={"size": size}), text="Resize note"))

    def set_note_color(self, note_ids: Iterable[str], color: str) -> None:
        """Recolour notes in one step."""
        self._recolour(self._design.notes, note_ids, color, NOTE_COLORS, SetNote, _notes_named)

    # --- groups --------------------------------------------------------------------------
    def group(self, component_ids: Iterable[str], label: str = "Group") -> str | None:
        """Put the components in a new group (out of any they were in); returns its id."""
        ids = [c for c in dict.fromkeys(component_ids) if c in self._design.components]
        if not ids:
            return None
        edit = group_components(self._design, ids, label)
        edit.text = f"Group {self.document.describe(ids)}"
        gid = self._design.new_group_id()
        self.document.push(edit)
        return gid

    def ungroup(self, group_ids: Iterable[str]) -> None:
        """Dissolve the groups: their frames go, their members stay."""
        groups = self._design.groups
        gids = [g for g in dict.fromkeys(group_ids) if g in groups]
        if gids:
            text = f"Ungroup {named_groups([groups[g].label for g in gids])}"
            self.document.push(remove_many(self._design, [], [], text=text, group_ids=gids))

    def rename_group(self, group_id: str, label: str) -> None:
        group = self._design.groups.get(group_id)
        if group is not None and group.label != label:
            text = f"Rename group '{group.label}' to '{label}'"
            self.document.push(SetGroup(group.model_copy(update={"label": label}), text=text))

    def set_group_color(self, group_ids: Iterable[str], color: str) -> None:
        """Recolour groups' frames in one step."""
        self._recolour(self._design.groups, group_ids, color, GROUP_COLORS, SetGroup, _groups_named)

    def _recolour(
        self,
        current: Mapping[str, _Coloured],
        ids: Iterable[str],
        color: str,
        allowed: tuple[str, ...],
        edit: Callable[[_Coloured], Edit],
        named: Callable[[list[_Coloured]], str],
    ) -> None:
        """One step giving ``color`` to those of ``ids`` that have another (none: no step)."""
        if color not in allowed:
            raise ValueError(f"unknown colour {color!r}")
        changed = [current[i] for i in dict.fromkeys(ids) if i in current and current[i].color != color]
        if changed:
            edits = [edit(item.model_copy(update={"color": color})) for item in changed]
            self.document.push(Batch(edits, text=f"Colour {named(changed)}"))


_Coloured = TypeVar("_Coloured", Note, Group)


def _notes_named(notes: list[Note]) -> str:
    return "note" if len(notes) == 1 else f"{len(notes)} notes"


def _groups_named(groups: list[Group]) -> str:
    return named_groups([g.label for g in groups])


def named_groups(labels: list[str]) -> str:
    """How an undo entry names groups: "'Online serving'", or "3 groups"."""
    return f"'{labels[0]}'" if len(labels) == 1 else f"{len(labels)} groups"
