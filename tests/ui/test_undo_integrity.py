"""Undo integrity through the real controller: long random edit sequences (paste, delete,
suppress, settings, properties, moves, links, whole-design replace) pushed on the document's
QUndoStack, undone to the start and redone to the end — the design matches exactly at both
ends and the scene shows exactly the design's components, links, notes and group frames,
where they are."""

from __future__ import annotations

import random

import pytest

from canvas.ui.canvas.scene import DesignScene
from canvas.ui.document import Document
from tests.core.test_edits_undo import exact, random_edit, start_design


def _scene_matches(scene: DesignScene, document: Document) -> None:
    design = document.design
    assert {i.component_id for i in scene.component_items()} == set(design.components)
    assert {i.link_id for i in scene.link_items()} == set(design.links)
    for cid, comp in design.components.items():
        pos = scene.component_item(cid).pos()
        assert (pos.x(), pos.y()) == pytest.approx((comp.position.x, comp.position.y))
    layer = scene.annotations
    assert {i.note_id for i in layer.note_items()} == set(design.notes)
    for nid, note in design.notes.items():
        item = layer.note_item(nid)
        assert (item.x(), item.y(), item.width, item.height, item.text, item.color) == (
            note.position.x,
            note.position.y,
            note.size.width,
            note.size.height,
            note.text,
            note.color,
        )
    assert {f.group_id for f in layer.frames()} == set(design.groups)
    for gid, group in design.groups.items():
        frame = layer.frame(gid)
        assert (frame.label, frame.color) == (group.label, group.color)
        for member in group.members:  # the frame is around every member
            assert frame.scene_rect().contains(scene.component_item(member).sceneBoundingRect())


@pytest.mark.parametrize("seed", range(4))
def test_random_sequences_through_the_undo_stack(qapp, seed: int) -> None:
    rng = random.Random(seed)
    document = Document(start_design(rng))
    scene = DesignScene(document, dark=False)
    start = exact(document.design)
    pushed = 0
    while pushed < 150:
        edit = random_edit(document.design, rng)
        if edit is None:
            continue
        document.apply(edit)
        pushed += 1
    end = exact(document.design)
    _scene_matches(scene, document)
    stack = document.undo_stack
    assert stack.count() == pushed and document.dirty
    while stack.canUndo():
        stack.undo()
    assert exact(document.design) == start and not document.dirty
    _scene_matches(scene, document)
    while stack.canRedo():
        stack.redo()
    assert exact(document.design) == end
    _scene_matches(scene, document)
