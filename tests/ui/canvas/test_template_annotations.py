"""The templates' groups and notes, measured with the app's own items: a frame holds its
members and no other card, frames and notes keep clear of each other and of cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from canvas.io import load_design
from canvas.templates import list_templates
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.document import Document

TEMPLATES = [t.path for t in list_templates()]


def test_the_practitioners_templates_have_groups_and_notes() -> None:
    by_name = {p.stem: load_design(p) for p in TEMPLATES}
    recommender = {g.label for g in by_name["recommender"].groups.values()}
    assert {"Offline training (daily)", "Online serving (150 ms)"} == recommender
    assert any(g.label.startswith("Real-time path") for g in by_name["fraud-detection"].groups.values())
    assert by_name["recommender"].notes and by_name["fraud-detection"].notes


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_frames_hold_their_members_and_no_one_else(qapp, path) -> None:  # type: ignore[no-untyped-def]
    design = load_design(path)
    scene = DesignScene(Document(design), dark=False, cache_items=False)
    layer = scene.annotations
    frames: list[tuple[str, QRectF]] = []
    for gid, group in design.groups.items():
        frame = layer.frame(gid)
        assert frame is not None
        rect = frame.scene_rect()
        for card in scene.component_items():
            bounds = card.sceneBoundingRect()
            if card.component_id in group.members:
                assert rect.contains(bounds), (gid, card.component_id)
            else:
                assert not rect.intersects(bounds), f"{group.label!r} covers {card.component_id}"
        frames.append((gid, rect))
    for i, (a, ra) in enumerate(frames):
        for b, rb in frames[i + 1 :]:
            assert not ra.intersects(rb), (a, b)
    for note in layer.note_items():
        rect = note.sceneBoundingRect()
        for card in scene.component_items():
            assert not rect.intersects(card.sceneBoundingRect()), (note.note_id, card.component_id)
        for gid, frame_rect in frames:
            assert not rect.intersects(frame_rect), (note.note_id, gid)
