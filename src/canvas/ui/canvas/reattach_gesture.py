"""UI layer: re-attaching a link — drag either end of a selected link onto another card.

A selected link shows a handle at each end (:class:`~canvas.ui.canvas.items.link_item.LinkItem`
draws them). Pressing on one starts this gesture: the link dims, a dashed preview runs from
its fixed end to the pointer, and the card under the pointer is marked as a valid or a
refused new end — refused for the same reasons as a new link
(:func:`canvas.core.edits.link_problem`, the link itself not counting as a duplicate), the
reason in :attr:`ReattachGesture.note`. On release the view asks the controller to
re-attach (:meth:`~canvas.ui.document.Document.reattach`: one undo step); the gesture only
reads the design.
"""

from __future__ import annotations

import math
from typing import Literal

from PySide6.QtCore import QPointF

from canvas.core.edits import link_problem
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.link_item import LinkItem, port_ends
from canvas.ui.canvas.link_preview import LinkPreview
from canvas.ui.canvas.scene import DesignScene

End = Literal["source", "target"]
#: How near (screen pixels) to a selected link's end a press grabs it.
GRAB_PIXELS = 9.0


def end_at(scene: DesignScene, scene_pos: QPointF, zoom: float) -> tuple[LinkItem, End] | None:
    """The end of a selected link under ``scene_pos`` (within :data:`GRAB_PIXELS`), if any;
    of two, the nearer."""
    reach = GRAB_PIXELS / max(zoom, 1e-3)
    best: tuple[float, LinkItem, End] | None = None
    for item in scene.selectedItems():
        if not isinstance(item, LinkItem):
            continue
        start, tip = item.end_points()
        ends: tuple[tuple[End, QPointF], ...] = (("source", start), ("target", tip))
        for end, p in ends:
            d = math.hypot(p.x() - scene_pos.x(), p.y() - scene_pos.y())
            if d <= reach and (best is None or d < best[0]):
                best = (d, item, end)
    return None if best is None else (best[1], best[2])


class ReattachGesture:
    """One end of ``link`` being dragged; call :meth:`move`, then :meth:`finish` or :meth:`cancel`."""

    def __init__(self, scene: DesignScene, link: LinkItem, end: End) -> None:
        self.scene = scene
        self.link = link
        self.end = end
        fixed = scene.component_item(link.target_id if end == "source" else link.source_id)
        assert fixed is not None
        self.fixed = fixed
        self.target: ComponentItem | None = None
        #: Why the hovered card cannot take this end (``None``: it can, or no card).
        self.refusal: str | None = None
        #: What to tell the user beside the pointer: the new end, or why it is refused.
        self.note = ""
        self.preview = LinkPreview(scene, scene.theme)
        link.setOpacity(0.3)

    def _card_at(self, scene_pos: QPointF) -> ComponentItem | None:
        for item in self.scene.items(scene_pos):
            if isinstance(item, ComponentItem):
                return item
        return None

    def move(self, scene_pos: QPointF) -> bool:
        """Follow the pointer; returns whether the hovered card changed."""
        card = self._card_at(scene_pos)
        changed = card is not self.target
        if changed:
            if self.target is not None:
                self.target.set_connect_state(None)
            self.target, self.refusal, self.note = card, None, ""
            if card is not None:
                source, target = self._ends(card)
                design = self.scene.document.design
                self.refusal = link_problem(design, source, target, moving=self.link.link_id)
                card.set_connect_state("refused" if self.refusal else "ok")
                self.note = self.refusal or f"Re-attach to {card.label}"
        taken = self.target if self.refusal is None else None
        if self.end == "target":
            tip = taken.input_port_pos() if taken is not None else scene_pos
            start, tip = port_ends(self.fixed.output_port_pos(), tip)
        else:
            start = taken.output_port_pos() if taken is not None else scene_pos
            start, tip = port_ends(start, self.fixed.input_port_pos())
        self.preview.show(start, tip)
        return changed

    def _ends(self, card: ComponentItem) -> tuple[str, str]:
        if self.end == "target":
            return self.link.source_id, card.component_id
        return card.component_id, self.link.target_id

    def finish(self, scene_pos: QPointF) -> ComponentItem | None:
        """End the gesture; returns the card released on (if any)."""
        self.move(scene_pos)
        target = self.target
        self.cancel()
        return target

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_connect_state(None)
            self.target = None
        self.preview.remove()
        self.link.setOpacity(1.0)
