"""UI layer: what the canvas items need of the scene that shows them.

The scene hands itself to each item it makes; an item made on its own (a test, a preview)
has no host and draws in the light theme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from canvas.ui.canvas.items.style import Theme

if TYPE_CHECKING:  # for the annotations only: the items import this module
    from canvas.ui.canvas.items.component_item import ComponentItem


class ItemHost(Protocol):
    """The scene, as its cards and links see it."""

    @property
    def theme(self) -> Theme: ...

    def item_moved(self, item: ComponentItem) -> None:
        """The model moved a card: its links follow when the edit is over."""

    def drag_items(self, grabbed: ComponentItem, press: QPointF, now: QPointF) -> None:
        """The mouse drags ``grabbed`` (and the rest of the selection) from ``press`` to ``now``."""

    def end_drag(self) -> None:
        """The mouse button went down or up on a card: the next drag starts afresh."""


class AnnotationHost(Protocol):
    """What notes and group frames need of the scene that shows them."""

    @property
    def theme(self) -> Theme: ...

    @property
    def band_selecting(self) -> bool:
        """Whether a rubber band is selecting (a frame is then hit only when enclosed)."""
        ...

    def drag_items(self, grabbed: QGraphicsItem, press: QPointF, now: QPointF) -> None:
        """The mouse drags ``grabbed`` (a note, or a frame and its members) and the selection."""

    def end_drag(self) -> None:
        """The mouse button went down or up on the item: the next drag starts afresh."""

    def note_text_edited(self, note_id: str, text: str) -> None:
        """Editing a note in place ended with this text (maybe unchanged)."""

    def note_resized(self, note_id: str, width: float, height: float) -> None:
        """A resize of the note by its handle ended at this size."""
