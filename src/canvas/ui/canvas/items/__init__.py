"""UI layer: the graphics items of the canvas (components and links)."""

from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.link_item import LinkItem

__all__ = ["ComponentItem", "LinkItem"]
