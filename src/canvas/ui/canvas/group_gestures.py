"""UI layer: what a drag of cards means for the groups — frames that follow, and the rule
that puts a dropped card in a group or takes it out.

The rule judges each card the drag moved by its centre, once the mouse is released,
against the frames *as they were when the drag began* (what the user saw when grabbing):

* a card whose whole group moved with it stays in its group (the group was moved);
* a card whose centre is still inside its group's frame stays in it;
* otherwise it joins the group whose frame holds its centre (the smallest, if frames
  nest), or no group at all: dragged out of its frame it leaves, dropped into another
  frame it joins that one.

(Judging by the frame of the *other* members instead would not do: of two members side
by side, neither is inside the other's frame, so any nudge would take it out.)

While the drag goes on, a touched frame shows what release would do: it keeps its size
and grows to hold the moving members that would stay; one let go is left outside; the
frame a card would join is marked. Untouched frames do not move, so a one-card drag
updates one frame.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF

from canvas.ui.canvas.items.annotation_style import frame_rect

#: A card's bounds in the scene, by component id (the card item's sceneBoundingRect).
BoundsOf = Callable[[str], QRectF]


def frame_at(frames: Mapping[str, QRectF], point: QPointF, skip: Collection[str] = ()) -> str | None:
    """The group whose frame holds ``point`` — the smallest, where frames nest."""
    best, area = None, 0.0
    for gid, rect in frames.items():
        if gid not in skip and rect.contains(point):
            a = rect.width() * rect.height()
            if best is None or a < area:
                best, area = gid, a
    return best


class GroupDrag:
    """The groups as one drag of ``moving`` cards sees them, from its first step to release."""

    def __init__(
        self,
        moving: Collection[str],
        members: Mapping[str, Sequence[str]],
        frames: Mapping[str, QRectF],
        bounds_of: BoundsOf,
    ) -> None:
        """``members``: each group's members; ``frames``: each group's frame before the drag."""
        self.bounds_of = bounds_of
        self.moving = set(moving)
        self.group_of = {m: gid for gid, ms in members.items() for m in ms}
        #: The moving members of each touched group.
        self.touched: dict[str, list[str]] = {}
        for cid in self.moving:
            gid = self.group_of.get(cid)
            if gid is not None:
                self.touched.setdefault(gid, []).append(cid)
        #: The groups that move whole: they stay what they are, wherever they go.
        self.whole = {gid for gid, ms in self.touched.items() if len(ms) == len(members[gid])}
        self.frames = {gid: QRectF(r) for gid, r in frames.items()}

    def centre(self, cid: str) -> QPointF:
        return self.bounds_of(cid).center()

    def frame_now(self, gid: str) -> QRectF:
        """A touched group's frame as release would leave it (never smaller while dragging)."""
        moving = self.touched.get(gid, [])
        if gid in self.whole:
            return frame_rect(self.bounds_of(m) for m in moving)
        before = self.frames.get(gid, QRectF())
        staying = [m for m in moving if before.contains(self.centre(m))]
        return before.united(frame_rect(self.bounds_of(m) for m in staying)) if staying else QRectF(before)

    def group_at(self, point: QPointF) -> str | None:
        """The group whose frame held ``point`` when the drag began; groups moving whole
        are no place to drop into."""
        return frame_at(self.frames, point, skip=self.whole)

    def target_of(self, cid: str) -> str | None:
        """Where release would put ``cid``: its group, another, or none."""
        gid = self.group_of.get(cid)
        if gid is not None and (gid in self.whole or self.frames.get(gid, QRectF()).contains(self.centre(cid))):
            return gid
        return self.group_at(self.centre(cid))

    def assignments(self) -> dict[str, str | None]:
        """The moving cards whose group release changes, and their new group (or ``None``)."""
        out: dict[str, str | None] = {}
        for cid in self.moving:
            target = self.target_of(cid)
            if target != self.group_of.get(cid):
                out[cid] = target
        return out
