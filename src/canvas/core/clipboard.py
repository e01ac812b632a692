"""Core layer: copy and paste of design fragments (plain JSON-able dicts, no Qt).

A fragment holds components, the links among them, notes, and the groups all of whose
members come along. Pasting gives everything new ids and offsets positions, so a paste
never collides with what is already there.
"""

from __future__ import annotations

from typing import Any

from canvas.core.annotation_edits import AddGroup, AddNote
from canvas.core.edits import AddComponent, AddLink, Batch, Edit
from canvas.core.model import Component, Design, Group, IdAllocator, Link, Note, Position

FRAGMENT_FORMAT = "ml-canvas-fragment"


def copy_fragment(design: Design, component_ids: list[str], note_ids: list[str] | None = None) -> dict[str, Any]:
    chosen = [cid for cid in component_ids if cid in design.components]
    keep = set(chosen)
    return {
        "format": FRAGMENT_FORMAT,
        "components": [design.components[cid].model_dump(mode="json") for cid in chosen],
        "links": [l.model_dump(mode="json") for l in design.links.values() if l.source in keep and l.target in keep],
        "notes": [design.notes[n].model_dump(mode="json") for n in (note_ids or ()) if n in design.notes],
        "groups": [g.model_dump(mode="json") for g in design.groups.values() if keep.issuperset(g.members)],
    }


def paste_fragment(
    design: Design, fragment: dict[str, Any], offset: tuple[float, float] = (30.0, 30.0)
) -> tuple[Batch, list[str]]:
    """The edit that pastes ``fragment`` and the new component ids. Raises ``ValueError`` on
    a fragment that is not ours."""
    if not isinstance(fragment, dict) or fragment.get("format") != FRAGMENT_FORMAT:
        raise ValueError("the clipboard does not hold ML System Canvas components")
    component_ids = IdAllocator(design.components)
    link_ids = IdAllocator(design.links)
    id_map: dict[str, str] = {}
    edits: list[Edit] = []
    new_ids: list[str] = []
    for raw in fragment.get("components", []):
        comp = Component.model_validate(raw)
        new_id = component_ids.next(comp.kind.replace("_", "-"))
        id_map[comp.id] = new_id
        comp = comp.model_copy(
            update={"id": new_id, "position": Position(x=comp.position.x + offset[0], y=comp.position.y + offset[1])},
            deep=True,
        )
        edits.append(AddComponent(comp))
        new_ids.append(new_id)
    for raw in fragment.get("links", []):
        link = Link.model_validate(raw)
        if link.source not in id_map or link.target not in id_map:
            continue
        lid = link_ids.next("link")
        edits.append(AddLink(Link(id=lid, source=id_map[link.source], target=id_map[link.target], label=link.label)))
    note_ids = IdAllocator(design.notes)
    for raw in fragment.get("notes", []):
        note = Note.model_validate(raw)
        at = Position(x=note.position.x + offset[0], y=note.position.y + offset[1])
        edits.append(AddNote(note.model_copy(update={"id": note_ids.next("note"), "position": at})))
    group_ids = IdAllocator(design.groups)
    for raw in fragment.get("groups", []):
        group = Group.model_validate(raw)
        if not group.members or not all(m in id_map for m in group.members):
            continue
        members = [id_map[m] for m in group.members]
        edits.append(AddGroup(group.model_copy(update={"id": group_ids.next("group"), "members": members})))
    return Batch(edits, text="Paste"), new_ids
