"""Shared pieces of the compare-mode tests: a design and its changed version, a window on the
changed one, what the scene holds (to check that leaving restores it), and a pixel count of a
colour on the canvas. git in a temporary repository is :mod:`tests.git_repo`'s."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QTreeWidgetItem

from canvas.core.model import Component, Design, Link, Position
from canvas.templates import load_template
from canvas.ui.compare.compare_dialog import CompareChoice


def before_and_after() -> tuple[Design, Design]:
    """Figure 1-1, and a change of it: the offline evaluation removed (its two links with it),
    the model renamed and faster and linked straight to the service, an A/B dashboard added
    after the service, and the product app moved."""
    old = load_template("figure-1-1")
    new = old.clone()
    del new.components["evaluation"]
    new.links = {k: x for k, x in new.links.items() if "evaluation" not in (x.source, x.target)}
    new.links["model->deployment"] = Link(id="model->deployment", source="model", target="deployment")
    new.components["model"].label = "Ranking model"
    new.components["model"].properties["latency_ms"] = 12
    new.components["ab"] = Component(
        id="ab", kind="monitoring", label="A/B test dashboard", position=Position(x=1100, y=0)
    )
    new.links["deployment->ab"] = Link(id="deployment->ab", source="deployment", target="ab")
    new.components["interface"].position = Position(x=1540, y=300)
    return old, new


def scene_state(window) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Every item of the scene: its class, its id, where it is, its parent and z order."""
    out = []
    for item in window.scene.items():
        ident = getattr(item, "component_id", None) or getattr(item, "link_id", None) or ""
        parent = item.parentItem()
        out.append(
            (
                type(item).__name__,
                ident,
                item.pos().x(),
                item.pos().y(),
                item.zValue(),
                type(parent).__name__ if parent else None,
                item.isVisible(),
            )
        )
    return sorted(out)


@dataclass
class Errors:
    """Stands in for the message box: what was said."""

    said: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, _parent: object, title: str, message: str) -> None:
        self.said.append((title, message))


def compare_with(window, choice: CompareChoice) -> Errors:  # type: ignore[no-untyped-def]
    """File ▸ Compare With…, answering the dialog with ``choice``."""
    errors = Errors()
    window.compare.show_error = errors
    window.compare.ask_source = lambda _parent, _path, _folder: choice
    window.compare.compare_action.trigger()
    return errors


def click_row(qtbot, window, item: QTreeWidgetItem) -> None:  # type: ignore[no-untyped-def]
    tree = window.compare.panel.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def row(window, text: str) -> QTreeWidgetItem:  # type: ignore[no-untyped-def]
    """The panel's row whose text starts with ``text`` (exactly one)."""
    found = [r for r in window.compare.panel.rows() if r.text(0).startswith(text)]
    assert len(found) == 1, [r.text(0) for r in window.compare.panel.rows()]
    return found[0]


def colour_pixels(scene, rect: QRectF, colour: QColor, tolerance: int = 40) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of ``rect`` (scene units, drawn at 100 %) are close to ``colour``."""
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue())
                < tolerance
            ):
                count += 1
    return count


def around(item: QGraphicsItem, margin: float = 14.0) -> QRectF:
    return item.sceneBoundingRect().adjusted(-margin, -margin, margin, margin)


def centre_distance(window, point: QPointF) -> float:  # type: ignore[no-untyped-def]
    centre = window.view.visible_scene_rect().center()
    return ((centre.x() - point.x()) ** 2 + (centre.y() - point.y()) ** 2) ** 0.5
