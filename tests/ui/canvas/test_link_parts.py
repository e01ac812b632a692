"""Plain links in the editor are drawn by plain Qt child items (no Python per repaint); a
link that is selected, hovered, labelled or marked paints itself. Both must look the same,
and the hand-over must follow the real gestures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem

from canvas.core.model import Component, Design, Link, Position
from canvas.ui.document import Document
from canvas.ui.canvas.items.link_item import LinkItem
from canvas.ui.canvas.items.style import LOD_SCALE
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from tests.ui.gestures import vp_point

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def every_meaning(dashed: bool = True, label: str = "") -> Design:
    """Links of all four meanings (solid and dashed), forward, backward with a dip, and
    steep: every shape of curve and arrowhead the canvas draws. ``dashed=False`` leaves out
    the dashed ones: Qt restarts a dash pattern where a repaint clips a dashed curve, so a
    partial repaint of one never equals a repaint from scratch to the pixel (nothing of
    ours; the gap is under a pixel and only after a repaint). ``label`` labels the link "up"."""
    d = Design(name="Links")
    cards = [("infra", "infrastructure", 0, 0), ("req", "business_requirement", 0, 160),
             ("users", "users", 0, 320), ("src", "data_source", 260, 0), ("train", "training", 520, 40),
             ("model", "model", 780, 0), ("mon", "monitoring", 520, 330)]
    for cid, kind, x, y in cards:
        d.components[cid] = Component(id=cid, kind=kind, label=cid.title(), position=Position(x=float(x), y=float(y)))
    for lid, s, t in [("hosts", "infra", "train"), ("requires", "req", "model"), ("uses", "users", "model"),
                      ("flow", "src", "train"), ("up", "train", "model"), ("back", "mon", "train"),
                      ("level-back", "model", "src")]:
        if dashed or lid not in ("hosts", "requires"):
            d.links[lid] = Link(id=lid, source=s, target=t, label=label if lid == "up" else "")
    return d


@pytest.fixture(params=["all-links"])
def document(request, qapp) -> Document:
    """The shared ``scene`` and ``view`` fixtures show this design: every link
    ("all-links"), the solid ones ("solid-links"), or every link with one labelled."""
    return Document(every_meaning(dashed=request.param != "solid-links",
                                  label="features" if request.param == "labelled" else ""))


@pytest.fixture
def editor(scene: DesignScene, view: DesignView) -> tuple[DesignScene, DesignView]:
    settle()
    return scene, view


def settle() -> None:
    """Paint, then let the links drawn in detail take their parts (one event later)."""
    for _ in range(3):
        QApplication.processEvents()


def shown(view: DesignView) -> QImage:
    """What the window shows now: its backing store, repainted only where marked dirty (a
    grab of the widget would repaint everything and hide stale pixels), after checking it
    equals a repaint from scratch."""
    settle()  # also a zoom's new scroll range arrives one event after the zoom
    area = view.viewport().geometry()
    on_screen = view.screen().grabWindow(view.winId(), area.x(), area.y(), area.width(), area.height()).toImage()
    assert on_screen == view.viewport().grab().toImage(), "stale pixels left on screen"
    return on_screen


def drawn_by_parts(link: LinkItem) -> bool:
    parts = link.childItems()
    return bool(link.flags() & _NO_CONTENTS) and len(parts) == 2 and all(p.isVisible() for p in parts)


def drawn_by_paint(link: LinkItem) -> bool:
    return not link.flags() & _NO_CONTENTS and not any(p.isVisible() for p in link.childItems())


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("zoom", [0.3, 1.0, 2.5])
def test_parts_draw_the_same_pixels_as_paint(editor, dark, zoom):
    scene, view = editor
    scene.set_dark(dark)
    view._set_scale(zoom)
    view.centerOn(scene.items_bounds().center())
    settle()
    links = scene.link_items()
    assert sum(drawn_by_parts(link) for link in links) >= 4  # zoomed in, some are off-screen
    by_parts = shown(view)
    for link in links:
        link.set_quick(False)
    assert all(drawn_by_paint(link) for link in links)
    assert shown(view) == by_parts
    for link in links:
        link.set_quick(True)
    assert shown(view) == by_parts


@pytest.mark.parametrize("document", ["solid-links"], indirect=True)
def test_a_click_hands_a_link_to_paint_and_back(qtbot, editor):
    scene, view = editor
    link = scene.link_item("flow")
    on_curve = vp_point(view, link.path().pointAtPercent(0.5))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=on_curve)
    assert scene.selected_link_ids() == ["flow"]
    assert drawn_by_paint(link)
    assert all(drawn_by_parts(other) for other in scene.link_items() if other is not link)
    selected = shown(view)
    empty = vp_point(view, scene.items_bounds().bottomRight()) + QPoint(-5, -5)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert scene.selected_link_ids() == [] and drawn_by_parts(link)
    assert shown(view) != selected  # the selection colour is gone from the screen
    scene.select_all()  # one selectionChanged for everything
    assert all(drawn_by_paint(other) for other in scene.link_items())
    scene.clearSelection()
    assert all(drawn_by_parts(other) for other in scene.link_items())


def test_links_take_parts_only_once_drawn_in_detail(qtbot, scene):
    """Opened zoomed out (hairlines) or never seen, a link makes no Qt items at all."""
    view = DesignView(scene)
    qtbot.addWidget(view)
    view.resize(400, 300)
    assert not any(link.childItems() for link in scene.link_items())
    view._set_scale(LOD_SCALE * 0.5)
    view.show()
    qtbot.waitExposed(view)
    settle()
    assert not any(link.childItems() for link in scene.link_items())
    view._set_scale(2.0)
    view.centerOn(scene.component_item("infra").sceneBoundingRect().center())
    settle()
    with_parts = {link.link_id for link in scene.link_items() if link.childItems()}
    assert with_parts and with_parts != set(scene.document.design.links)
    assert all(drawn_by_parts(scene.link_item(lid)) for lid in with_parts)


@pytest.mark.parametrize("document", ["solid-links"], indirect=True)
def test_hover_label_and_finding_are_painted_and_leave_no_trace(qtbot, editor):
    scene, view = editor
    plain = shown(view)
    link = scene.link_item("up")
    qtbot.mouseMove(view.viewport(), vp_point(view, link.path().pointAtPercent(0.5)))
    QApplication.processEvents()
    assert link._hover and drawn_by_paint(link)
    assert shown(view) != plain  # the wider hover pen
    qtbot.mouseMove(view.viewport(), vp_point(view, scene.items_bounds().bottomRight()) + QPoint(-5, -5))
    QApplication.processEvents()
    assert not link._hover and drawn_by_parts(link)
    assert shown(view) == plain
    scene.set_findings({}, {"up": ("error", 2, "A finding")})
    assert drawn_by_paint(link)
    scene.set_findings({}, {})
    assert drawn_by_parts(link) and shown(view) == plain


@pytest.mark.parametrize("document", ["labelled"], indirect=True)
def test_a_labelled_link_paints_itself(editor):
    scene, _ = editor
    assert drawn_by_paint(scene.link_item("up"))
    assert drawn_by_parts(scene.link_item("flow"))


def test_zoomed_out_to_hairlines_and_exports_paint_in_python(editor):
    scene, view = editor
    view._set_scale(LOD_SCALE * 0.8)
    assert all(drawn_by_paint(link) for link in scene.link_items())
    view._set_scale(1.0)
    settle()
    assert all(drawn_by_parts(link) for link in scene.link_items())
    export = DesignScene(Document(every_meaning()), dark=False, cache_items=False)
    assert all(not link.childItems() and not link.flags() & _NO_CONTENTS for link in export.link_items())


@pytest.mark.parametrize("document", ["solid-links"], indirect=True)
def test_a_drag_moves_the_parts_with_the_link(qtbot, editor):
    scene, view = editor
    link = scene.link_item("up")
    card = scene.component_item("model")
    start = vp_point(view, card.sceneBoundingRect().center())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(10 * i, 6 * i))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(50, 30))
    curve, tip = link.childItems()[0], link.childItems()[1]
    assert curve.path() == link.path() and tip.polygon() == link.arrow()
    assert scene.document.design.components["model"].position.x == pytest.approx(780 + 50, abs=1)
    by_parts = shown(view)
    for other in scene.link_items():
        other.set_quick(False)
    assert shown(view) == by_parts
