"""UI layer: the "draw a link" gesture — a live dashed bezier from a card's output port.

While the mouse moves, the card under the cursor is marked as a valid or a refused
target, and :attr:`ConnectGesture.note` says what a release would do or why a link would
be refused (the same check the controller makes, :func:`canvas.core.edits.link_problem`);
the view shows it beside the pointer. The gesture only reads the design; the view asks
the controller to connect on release.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF

from canvas.core.edits import link_problem
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.link_item import port_ends
from canvas.ui.canvas.items.style import PORT_RADIUS
from canvas.ui.canvas.link_preview import LinkPreview
from canvas.ui.canvas.scene import DesignScene


class ConnectGesture:
    """One link being drawn from ``source``; call :meth:`move` then :meth:`finish` or :meth:`cancel`."""

    def __init__(self, scene: DesignScene, source: ComponentItem) -> None:
        self.scene = scene
        self.source = source
        self.target: ComponentItem | None = None
        #: Why linking to the hovered target would be refused (``None``: allowed or no target).
        self.refusal: str | None = None
        self.preview = LinkPreview(scene, scene.theme)
        #: What a release here would do, or why it would be refused ("" over empty space).
        self.note = ""

    def component_at(self, scene_pos: QPointF) -> ComponentItem | None:
        for item in self.scene.items(scene_pos):
            if isinstance(item, ComponentItem) and item is not self.source:
                return item
        return None

    def move(self, scene_pos: QPointF) -> bool:
        """Follow the cursor; returns whether the hovered target changed."""
        target = self.component_at(scene_pos)
        changed = target is not self.target
        if changed:
            if self.target is not None:
                self.target.set_connect_state(None)
            self.target = target
            self.refusal = None
            if target is not None:
                design = self.scene.document.design
                self.refusal = link_problem(design, self.source.component_id, target.component_id)
                target.set_connect_state("refused" if self.refusal else "ok")
        if target is not None and self.refusal is None:
            start, tip = port_ends(self.source.output_port_pos(), target.input_port_pos())
            self.note = f"Link to {target.label}"
        else:
            start = QPointF(self.source.output_port_pos().x() + PORT_RADIUS, self.source.output_port_pos().y())
            tip = scene_pos
            self.note = self.refusal or ""
        self.preview.show(start, tip)
        return changed

    def finish(self, scene_pos: QPointF) -> ComponentItem | None:
        """End the gesture; returns the card released on (if any, and not the source)."""
        self.move(scene_pos)
        target = self.target
        self.cancel()
        return target

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_connect_state(None)
            self.target = None
        self.preview.remove()
        self.note = ""
