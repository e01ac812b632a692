"""Component and link items: what they paint (colours of known parts, findings) and their geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from canvas.core.catalog import KINDS
from canvas.core.model import Component, Link, Position
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.link_item import LinkItem, link_geometry
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, SEVERITY_COLOURS


def render(scene, source: QRectF, scale: float = 2.0) -> QImage:
    """Render a scene region (like an export does) into an image."""
    image = QImage(int(source.width() * scale), int(source.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), source)
    painter.end()
    return image


def count_colour(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    r, g, b = colour.red(), colour.green(), colour.blue()
    hits = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - r) + abs(c.green() - g) + abs(c.blue() - b) <= tolerance:
                hits += 1
    return hits


def test_component_findings_outline_and_badge_are_painted(scene):
    item = scene.component_item("model")  # green band: far from the severity colours
    x, y = item.pos().x(), item.pos().y()
    below = QRectF(x + 20, y + CARD_HEIGHT + 2.5, CARD_WIDTH - 40, 3)  # the outline runs 2.5-5.5 outside
    left = QRectF(x - 5.5, y + 10, 3, 8)  # above the input port
    badge = QRectF(x + CARD_WIDTH - 18, y - 8.5, 10, 2.5)  # above the outline
    area = item.sceneBoundingRect()
    for severity in ("error", "warning", "info"):
        assert count_colour(render(scene, area), SEVERITY_COLOURS[severity]) == 0
    item.set_findings("error", 3, "Model has no monitoring")
    red = SEVERITY_COLOURS["error"]
    assert count_colour(render(scene, below), red) > 0.8 * (CARD_WIDTH - 40) * 2 * 3 * 2
    assert count_colour(render(scene, left), red) > 0.5 * 3 * 8 * 4
    assert count_colour(render(scene, badge), red) > 0.4 * 10 * 2.5 * 4
    assert item.severity == "error" and item.finding_count == 3
    assert "no monitoring" in item.tooltip_text()
    item.set_findings("warning", 1, "")
    assert count_colour(render(scene, area), red) == 0
    assert count_colour(render(scene, below), SEVERITY_COLOURS["warning"]) > 0.8 * (CARD_WIDTH - 40) * 2 * 3 * 2
    item.set_findings("warning", 0, "")  # an outline without a count: no badge
    assert count_colour(render(scene, badge), SEVERITY_COLOURS["warning"]) == 0
    item.set_findings(None, 0, "")
    assert count_colour(render(scene, area), SEVERITY_COLOURS["warning"]) == 0


def test_link_findings_are_painted(scene):
    link = scene.link_item("l2")
    plain = link.sceneBoundingRect()
    assert count_colour(render(scene, plain), SEVERITY_COLOURS["info"], 60) == 0
    link.set_findings("info", 2, "A link finding")
    # The bounds grow to hold the halo and the badge above the curve's middle (a repaint
    # covers them), and shrink back when the finding goes.
    area = link.sceneBoundingRect()
    assert area.top() < plain.top() - 10 and area.contains(plain)
    assert count_colour(render(scene, area), SEVERITY_COLOURS["info"], 60) > 40
    assert "A link finding" in link.tooltip_text("Train", "Model")
    link.set_findings(None, 0, "")
    assert link.sceneBoundingRect() == plain


def test_scene_set_findings_clears_items_not_named(scene):
    scene.set_findings({"model": ("error", 1, "a"), "src": ("info", 1, "b")}, {"l1": ("warning", 1, "c")})
    scene.set_findings({"src": ("warning", 2, "b")})
    assert scene.component_item("model").severity is None
    assert scene.component_item("src").severity == "warning" and scene.component_item("src").finding_count == 2
    assert scene.link_item("l1").severity is None


def test_card_shows_kind_colour_band_and_label(scene):
    item = scene.component_item("train")
    image = render(scene, item.sceneBoundingRect())
    band = QColor(KINDS["training"].colour)
    assert count_colour(image, band, 20) > 2 * 2 * CARD_HEIGHT  # the band is ~7 px wide at 2x
    # some dark text pixels in the text area
    text_area = QRectF(item.pos().x() + 50, item.pos().y() + 10, 100, 44)
    assert count_colour(render(scene, text_area), QColor("#1F2933"), 120) > 20


def test_zoomed_out_card_is_a_plain_coloured_rectangle(scene):
    item = scene.component_item("train")
    image = render(scene, item.sceneBoundingRect(), scale=0.1)
    band = QColor(KINDS["training"].colour)
    total = image.width() * image.height()
    assert count_colour(image, band, 30) > total * 0.4  # almost all of the card is the kind colour


def test_overview_card_shows_its_label_big(scene):
    """Fitted templates sit near 50 % zoom: the card keeps its band and a large label."""
    item = scene.component_item("train")
    image = render(scene, item.sceneBoundingRect(), scale=0.3)
    band = QColor(KINDS["training"].colour)
    total = image.width() * image.height()
    assert 0 < count_colour(image, band, 30) < total * 0.4  # a band, not a block
    dark_text = QColor("#1f2933")
    assert count_colour(image, dark_text, 90) > 3  # the label is drawn


def test_ports_are_hit_by_port_at(qapp):
    item = ComponentItem(Component(id="x", kind="model", label="M", position=Position(x=100, y=50)))
    assert item.output_port_pos() == QPointF(100 + CARD_WIDTH, 50 + CARD_HEIGHT / 2)
    assert item.input_port_pos() == QPointF(100, 50 + CARD_HEIGHT / 2)
    assert item.port_at(QPointF(CARD_WIDTH + 3, CARD_HEIGHT / 2)) == "out"
    assert item.port_at(QPointF(-2, CARD_HEIGHT / 2 + 2)) == "in"
    assert item.port_at(QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)) is None


def test_link_geometry_forward_and_backward():
    path, arrow, mid = link_geometry(QPointF(0, 0), QPointF(300, 100))
    assert arrow[0] == QPointF(300, 100)
    assert path.pointAtPercent(0) == QPointF(0, 0)
    assert (path.pointAtPercent(0.5) - mid).manhattanLength() < 0.5
    # the arrow points right, into the input port
    assert all(p.x() < 300 for p in list(arrow)[1:])
    # a backward link between cards on one row dips below them instead of crossing them
    path, arrow, _ = link_geometry(QPointF(400, 32), QPointF(0, 32))
    assert path.boundingRect().bottom() > 32 + CARD_HEIGHT / 2


def test_link_styles_follow_meaning(qapp):
    hosts = LinkItem(Link(id="a", source="i", target="t"), "infrastructure")
    flows = LinkItem(Link(id="b", source="d", target="t"), "data_source")
    uses = LinkItem(Link(id="c", source="u", target="t"), "users")
    from canvas.ui.canvas.items.style import LIGHT

    assert hosts._colour(LIGHT) == LIGHT.structural
    assert flows._colour(LIGHT) == LIGHT.flows and uses._colour(LIGHT) == LIGHT.uses


def test_link_label_is_drawn_and_hit(scene, document):
    document.set_link_label("l1", "events")
    link = scene.link_item("l1")
    assert link.label == "events"
    mid = link._label_rect.center()
    assert link.contains(mid)
    assert link.shape().contains(link.path().pointAtPercent(0.3))
    assert not link.shape().contains(link.path().pointAtPercent(0.3) + QPointF(0, 40))


def test_selected_and_hovered_states_repaint(scene):
    item = scene.component_item("dep")
    area = item.sceneBoundingRect()
    plain = render(scene, area)
    item.setSelected(True)
    selected = render(scene, area)
    assert count_colour(selected, scene.theme.selection, 30) > count_colour(plain, scene.theme.selection, 30) + 100
    item.set_connect_state("refused")
    assert count_colour(render(scene, area), scene.theme.refused, 30) > 50
    item.set_connect_state(None)
    assert item.flags() & item.GraphicsItemFlag.ItemIsMovable and item.acceptHoverEvents()


def _on_screen(view) -> QImage:
    """What the window shows now: the backing store, which repaints only what was marked
    dirty (QWidget.grab would repaint everything and hide a trail)."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    area = view.viewport().geometry()  # the canvas, not the scroll bars around it
    return view.screen().grabWindow(view.winId(), area.x(), area.y(), area.width(), area.height()).toImage()


@pytest.mark.parametrize("look", ["plain", "with-findings", "selected"])
@pytest.mark.parametrize("zoom", [0.12, 0.45, 1.0, 2.5])
def test_a_dragged_card_leaves_no_trail(qtbot, view, scene, zoom, look):
    """Links keep tight bounds (a moved link's old and new bounds are what the view
    repaints): they must still cover everything a link draws, at every zoom (hairlines
    when zoomed out), with the finding halo and badge, and with the selection's wider
    pen — no stale pixels after a drag."""
    from PySide6.QtCore import QPoint, Qt

    from tests.ui.gestures import vp_point

    card = scene.component_item("train")
    if look == "with-findings":
        scene.set_findings({}, {lid: ("error", 2, "A finding") for lid in ("l1", "l2", "l3")})
    elif look == "selected":  # pressing a selected card keeps the selection
        for lid in ("l1", "l2", "l3"):
            scene.link_item(lid).setSelected(True)
        card.setSelected(True)
    view._set_scale(zoom)
    view.centerOn(card.sceneBoundingRect().center())
    start = vp_point(view, card.sceneBoundingRect().center())
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    _on_screen(view)
    for i in range(1, 13):  # a zigzag, painting after every move as a user's drag does
        qtbot.mouseMove(vp, start + QPoint(7 * i, 9 * (i % 3) - 9))
        _on_screen(view)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(84, -9))
    shown = _on_screen(view)
    vp.update()  # everything repainted from scratch
    fresh = _on_screen(view)
    assert shown.size() == fresh.size() and not shown.isNull()
    assert shown == fresh


def _shown(view) -> QImage:
    """What the window shows, after checking it equals a repaint from scratch (no stale
    pixels left where something was drawn before)."""
    shown = _on_screen(view)
    assert shown == view.viewport().grab().toImage(), "stale pixels left on screen"
    return shown


def test_a_link_hovered_selected_marked_or_labelled_repaints_and_leaves_no_trace(qtbot, view, scene, document):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QApplication

    from tests.ui.gestures import vp_point

    link = scene.link_item("l2")
    plain = _shown(view)
    on_curve = vp_point(view, link.path().pointAtPercent(0.5))
    away = vp_point(view, scene.items_bounds().bottomRight()) + QPoint(-5, -5)
    vp = view.viewport()
    qtbot.mouseMove(vp, on_curve)
    QApplication.processEvents()
    assert link._hover and _shown(view) != plain  # the wider hover pen
    qtbot.mouseMove(vp, away)
    QApplication.processEvents()
    assert not link._hover and _shown(view) == plain
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=on_curve)
    assert scene.selected_link_ids() == ["l2"] and _shown(view) != plain
    qtbot.mouseMove(vp, away)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=away)
    assert scene.selected_link_ids() == [] and _shown(view) == plain
    scene.set_findings({}, {"l2": ("error", 12, "A finding")})  # halo and a two-digit badge
    assert _shown(view) != plain
    scene.set_findings({}, {})
    assert _shown(view) == plain
    document.set_link_label("l2", "features")
    assert _shown(view) != plain
    document.undo_stack.undo()
    assert _shown(view) == plain
