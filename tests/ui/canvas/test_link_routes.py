"""Links routed around cards on the canvas: every template after Tidy Up (a real Ctrl+L),
a drag and its release, the design's link style, a big design routed after its first
paint, exports. Checked geometrically on what the items draw."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage

from canvas.core.geometry import Rect
from canvas.core.model import Component, Design, Link, Position
from canvas.core.routing import LinkEnds, Route
from canvas.export.scene_export import ExportScene
from canvas.io import load_design
from canvas.ui.canvas.link_routes import SYNC_LINKS
from canvas.ui.canvas.link_style_menu import LinkStyleActions
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from canvas.ui.document import Document
from tests.core.geometry_checks import TEMPLATES, overlapping_segments, route_problems
from tests.ui.gestures import drag


def cards(scene: DesignScene) -> dict[str, Rect]:
    out = {}
    for item in scene.component_items():
        r = item.card_rect()
        out[item.component_id] = Rect(r.x(), r.y(), r.width(), r.height())
    return out


def drawn_routes(scene: DesignScene) -> dict[str, Route]:
    """What each link item draws (None for a plain curve)."""
    out = {}
    for item in scene.link_items():
        points = item.route_points()
        out[item.link_id] = None if points is None else Route(points, "right", "left")
    return out


def problems(scene: DesignScene) -> list[str]:
    links = [LinkEnds(i.link_id, i.source_id, i.target_id) for i in scene.link_items()]
    routes = drawn_routes(scene)
    unrouted = [lid for lid, r in routes.items() if r is None]
    return [f"{lid}: not routed" for lid in unrouted] or route_problems(cards(scene), links, routes)


def show(qtbot, document: Document) -> DesignView:
    view = DesignView(DesignScene(document, dark=False))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_no_link_crosses_a_card_on_any_template_before_and_after_tidy_up(qtbot, path):
    document = Document(load_design(path))
    view = show(qtbot, document)
    scene = view.design_scene
    assert problems(scene) == []
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Tidy up"
    assert all(
        scene.component_item(c).pos() == QPointF(p.position.x, p.position.y)
        for c, p in document.design.components.items()
    )
    assert problems(scene) == []
    assert overlapping_segments({lid: r for lid, r in drawn_routes(scene).items() if r}) == []
    # the arrow's tip is on the line's last segment, at the target card
    for item in scene.link_items():
        tip, last = item.arrow()[0], item.route_points()[-1]
        assert (tip - QPointF(*last)).manhattanLength() <= 6
    # labels sit on their links, clear of the cards
    for item in scene.link_items():
        if item.label:
            assert not any(item.label_rect().intersects(c.card_rect()) for c in scene.component_items()), item.label
    document.undo_stack.undo()
    assert problems(scene) == []


def test_links_both_ways_between_two_cards_stay_apart(view, scene, document):
    there, _ = document.connect("dep", "mon")
    back, _ = document.connect("mon", "dep")
    routes = drawn_routes(scene)
    assert routes[there] is not None and routes[back] is not None and routes[there] != routes[back]
    assert overlapping_segments({there: routes[there], back: routes[back]}) == []
    assert problems(scene) == []


def test_a_dragged_cards_links_follow_plainly_and_are_routed_on_release(qtbot, view, scene, document):
    before = drawn_routes(scene)
    model = scene.component_item("model")
    start = model.card_rect().center()
    drag(qtbot, view, start, start + QPointF(-120, 170), release=False)
    during = drawn_routes(scene)
    assert during["l2"] is None and during["l3"] is None  # the dragged card's links: plain curves
    assert during["l1"] == before["l1"]  # the others keep their routes
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(start + QPointF(-120, 170)))
    assert document.undo_stack.count() == 1
    after = drawn_routes(scene)
    assert after["l2"] is not None and after["l2"] != before["l2"] and problems(scene) == []
    document.undo_stack.undo()
    assert drawn_routes(scene) == before


def test_a_drag_that_ends_where_it_began_shows_the_routes_again(qtbot, view, scene, document):
    before = drawn_routes(scene)
    start = scene.component_item("model").card_rect().center()
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=view.mapFromScene(start))
    qtbot.mouseMove(vp, view.mapFromScene(start + QPointF(40, 40)))
    qtbot.mouseMove(vp, view.mapFromScene(start))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=view.mapFromScene(start))
    assert document.undo_stack.count() == 0
    assert drawn_routes(scene) == before


def test_link_style_is_one_undo_step_and_curves_the_links(qtbot, view, scene, document):
    styles = LinkStyleActions(document)
    assert styles.actions["orthogonal"].isChecked()
    document.move({"dep": ((720.0, 0.0), (300.0, 300.0))})  # a link with corners
    routes = drawn_routes(scene)
    rounded = {lid: scene.link_item(lid).path() for lid in routes}
    styles.actions["curved"].trigger()
    assert document.design.settings.link_style == "curved" and styles.actions["curved"].isChecked()
    assert document.undo_stack.text(document.undo_stack.count() - 1) == "Link style: curved"
    assert drawn_routes(scene) == routes  # the same routes, drawn smoothed
    assert [lid for lid in routes if scene.link_item(lid).path() != rounded[lid]]
    document.undo_stack.undo()
    assert document.design.settings.link_style == "orthogonal" and styles.actions["orthogonal"].isChecked()
    assert all(scene.link_item(lid).path() == rounded[lid] for lid in routes)


def big_design(n: int) -> Design:
    d = Design()
    for i in range(n):
        d.components[f"c{i}"] = Component(
            id=f"c{i}", kind="data_pipeline", label=f"P{i}", position=Position(x=(i % 20) * 240.0, y=(i // 20) * 140.0)
        )
    for i in range(n - 1):
        d.links[f"l{i}"] = Link(id=f"l{i}", source=f"c{i}", target=f"c{i + 1}")
    return d


def test_a_big_design_is_routed_after_its_first_paint_and_edits_meanwhile_count(qtbot):
    document = Document()
    view = show(qtbot, document)
    scene = view.design_scene
    n = SYNC_LINKS + 100
    document.replace(big_design(n))
    assert scene.routes.busy and all(r is None for r in drawn_routes(scene).values())  # plain curves first
    document.move({"c5": ((5 * 240.0, 0.0), (5 * 240.0 + 60, 80.0))})  # an edit before the routes came
    qtbot.waitUntil(lambda: not scene.routes.busy, timeout=30_000)
    assert problems(scene) == []
    assert scene.link_item("l5").route_points()[0][0] in (5 * 240.0 + 60, 5 * 240.0 + 60 + 170)


def test_an_export_draws_the_routed_links(qapp, tmp_path):
    design = big_design(SYNC_LINKS + 20)  # routed at once there, however big
    design.links["back"] = Link(id="back", source="c45", target="c41")  # a feedback link: around the row
    export = ExportScene(design, findings=False)
    scene = export.scene
    assert not scene.routes.busy and problems(scene) == []
    back = scene.link_item("back").route_points()
    assert back is not None and len(back) > 3  # not the straight curve back through the row
    export.write(tmp_path / "d.png", scale=1.0)
    image = QImage(str(tmp_path / "d.png"))
    (ax, ay), (bx, by) = back[2], back[3]  # the route's middle, off any card
    mid = QPointF((ax + bx) / 2 - export.rect.left(), (ay + by) / 2 - export.rect.top())
    near = [image.pixelColor(round(mid.x()) + dx, round(mid.y()) + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    assert any(c != QColor("white") for c in near)
