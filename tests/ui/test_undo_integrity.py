"""Undo integrity through the real controller: long random edit sequences (paste, delete,
suppress, settings, properties, moves, links, whole-design replace) pushed on the document's
QUndoStack, undone to the start and redone to the end — the design matches exactly at both
ends and the scene shows exactly the design's components and links, where they are."""

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
