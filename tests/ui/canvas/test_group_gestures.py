"""The join/leave rule of a drag, on plain rectangles (the canvas tests drive it with the mouse)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from canvas.ui.canvas.group_gestures import GroupDrag, frame_at
from canvas.ui.canvas.items.annotation_style import frame_rect


def cards(**at: tuple[float, float]) -> dict[str, QRectF]:
    return {cid: QRectF(x, y, 100, 50) for cid, (x, y) in at.items()}


def test_the_smallest_frame_holding_a_point_wins() -> None:
    frames = {"big": QRectF(0, 0, 1000, 1000), "small": QRectF(100, 100, 200, 200)}
    assert frame_at(frames, QPointF(150, 150)) == "small"
    assert frame_at(frames, QPointF(150, 150), skip={"small"}) == "big"
    assert frame_at(frames, QPointF(2000, 0)) is None


def drag(
    now: dict[str, QRectF], moving: set[str], members: dict[str, list[str]], before: dict[str, QRectF]
) -> GroupDrag:
    frames = {gid: frame_rect(before[m] for m in ms) for gid, ms in members.items()}
    return GroupDrag(moving, members, frames, lambda cid: now[cid])


def test_leaving_joining_staying_and_moving_whole() -> None:
    before = cards(a=(0, 0), b=(200, 0), c=(0, 300), d=(1000, 1000))
    members = {"g": ["a", "b"], "h": ["c"]}
    # b nudged within g's frame: stays; d dropped onto h's frame: joins; nothing else changes
    now = {**before, "b": QRectF(210, 10, 100, 50), "d": QRectF(0, 310, 100, 50)}
    assert drag(now, {"b", "d"}, members, before).assignments() == {"d": "h"}
    # b dragged far away: leaves g
    now = {**before, "b": QRectF(900, 900, 100, 50)}
    assert drag(now, {"b"}, members, before).assignments() == {"b": None}
    # a and b dragged together onto h: g moved whole, so it stays g
    now = {**before, "a": QRectF(0, 300, 100, 50), "b": QRectF(200, 300, 100, 50)}
    assert drag(now, {"a", "b"}, members, before).assignments() == {}
    # b dragged from g into h's frame: moves from g to h
    now = {**before, "b": QRectF(0, 310, 100, 50)}
    assert drag(now, {"b"}, members, before).assignments() == {"b": "h"}


def test_while_dragging_a_frame_keeps_its_size_and_lets_go_of_a_card_that_leaves() -> None:
    before = cards(a=(0, 0), b=(200, 0))
    members = {"g": ["a", "b"]}
    start = frame_rect(before.values())
    inside = drag({**before, "b": QRectF(230, 20, 100, 50)}, {"b"}, members, before)
    assert inside.frame_now("g") == start.united(frame_rect([QRectF(230, 20, 100, 50)]))
    outside = drag({**before, "b": QRectF(900, 900, 100, 50)}, {"b"}, members, before)
    assert outside.frame_now("g") == start
