"""UI layer: a :class:`~canvas.core.diff.DesignDiff` drawn over the canvas, and taken off again.

The open design is the diff's new side, so its cards and links are the scene's own: added
and changed ones get a :class:`ChangeMark` or :class:`LinkMark` as a child item; removed ones
(the other version's) are :class:`GhostCard` and :class:`GhostLink` items of their own.
:meth:`CompareOverlay.remove` takes exactly these items away and touches nothing else. An
item whose card was deleted with it (an edit, a rebuild) is skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from canvas.ui.canvas.scene import DesignScene
from canvas.ui.compare.compare_rows import Target
from canvas.ui.compare.ghost_item import ADDED, CHANGED, ChangeMark, GhostCard, GhostLink, LinkMark

if TYPE_CHECKING:
    from canvas.core.diff import DesignDiff


class CompareOverlay:
    """The marks and ghosts of one comparison on ``scene``."""

    def __init__(self, scene: DesignScene, diff: DesignDiff) -> None:
        self.scene = scene
        self.marks: dict[str, ChangeMark] = {}
        self.link_marks: dict[str, LinkMark] = {}
        self.ghosts: dict[str, GhostCard] = {}
        self.ghost_links: dict[str, GhostLink] = {}
        for change, ids in (
            (ADDED, [c.id for c in diff.components.added]),
            (CHANGED, [ch.id for ch in diff.components.changed]),
        ):
            for cid in ids:
                card = scene.component_item(cid)
                if card is not None:
                    self.marks[cid] = ChangeMark(card, change)
        for change, ids in ((ADDED, [x.id for x in diff.links.added]), (CHANGED, [ch.id for ch in diff.links.changed])):
            for lid in ids:
                link = scene.link_item(lid)
                if link is not None:
                    self.link_marks[lid] = LinkMark(link, change)
        for component in diff.components.removed:
            ghost = GhostCard(component, host=scene)
            scene.addItem(ghost)
            self.ghosts[component.id] = ghost
        for removed in diff.links.removed:
            ends = self._output_port(removed.source), self._input_port(removed.target)
            if ends[0] is not None and ends[1] is not None:
                ghost_link = GhostLink(removed.id, ends[0], ends[1], host=scene)
                scene.addItem(ghost_link)
                self.ghost_links[removed.id] = ghost_link

    def _output_port(self, cid: str) -> QPointF | None:
        card = self.scene.component_item(cid)
        end = card if card is not None else self.ghosts.get(cid)
        return end.output_port_pos() if end is not None else None

    def _input_port(self, cid: str) -> QPointF | None:
        card = self.scene.component_item(cid)
        end = card if card is not None else self.ghosts.get(cid)
        return end.input_port_pos() if end is not None else None

    def items(self) -> list[QGraphicsItem]:
        """Every item the overlay added (children of cards and links included)."""
        return [*self.marks.values(), *self.link_marks.values(), *self.ghosts.values(), *self.ghost_links.values()]

    def changes_rect(self) -> QRectF:
        """The scene rectangle covering every mark and ghost (null when nothing differs)."""
        rect = QRectF()
        for item in self.items():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def highlight(self, target: Target) -> None:
        """Mark the ghosts ``target`` names (and only them) as the ones being shown."""
        for cid, ghost in self.ghosts.items():
            ghost.set_highlighted(cid in target.ghost_components)
        for lid, ghost_link in self.ghost_links.items():
            ghost_link.set_highlighted(lid in target.ghost_links)

    def target_rect(self, target: Target) -> QRectF:
        """The scene rectangle covering what ``target`` names (null when none is drawn)."""
        rect = QRectF()
        found: list[QGraphicsItem | None] = [self.scene.component_item(c) for c in target.components]
        found += [self.scene.link_item(lid) for lid in target.links]
        found += [self.ghosts.get(c) for c in target.ghost_components]
        found += [self.ghost_links.get(lid) for lid in target.ghost_links]
        for item in found:
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        return rect

    def remove(self) -> None:
        """Take every mark and ghost off the scene."""
        for item in self.items():
            if shiboken6.isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        self.marks.clear()
        self.link_marks.clear()
        self.ghosts.clear()
        self.ghost_links.clear()
