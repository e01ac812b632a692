"""A big design opened on screen is painted as a sketch first and its items are built in
slices after that paint; an edit, a findings update or a caller needing items never sees
a half-built scene."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor

from canvas.core.catalog import KINDS
from canvas.core.model import Component, Design, Group, Link, Note, Position
from canvas.ui.canvas import scene as scene_module
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

COLUMNS = 20


def grid_design(n: int, name: str = "Big") -> Design:
    """``n`` models in rows of 20, each linked to the next."""
    d = Design(name=name)
    for i in range(n):
        x, y = (i % COLUMNS) * 260.0, (i // COLUMNS) * 140.0
        d.components[f"c{i}"] = Component(id=f"c{i}", kind="model", label=f"Model {i}", position=Position(x=x, y=y))
    for i in range(n - 1):
        d.links[f"l{i}"] = Link(id=f"l{i}", source=f"c{i}", target=f"c{i + 1}")
    return d


@pytest.fixture
def sliced(monkeypatch):
    """Designs of 50 components or more are built in slices, of 64 items each."""
    monkeypatch.setattr(scene_module, "BUILD_IN_SLICES_FROM", 50)
    monkeypatch.setattr(scene_module, "_SLICE_SECONDS", 0.0)


def wait_built(qtbot, scene) -> None:
    qtbot.waitUntil(lambda: not scene.building, timeout=5000)


def test_the_first_paint_is_the_sketch_and_the_items_follow_in_slices(qtbot, view, scene, document, sliced):
    design = grid_design(400)
    slices: list[int] = []
    scene._build_timer.timeout.connect(lambda: slices.append(1))
    document.replace(design)
    assert scene.building and not scene._components  # nothing is built before the first paint
    view.fit_all()
    image = view.viewport().grab().toImage()  # the first paint: cards drawn from the model
    model_colour = QColor(KINDS["model"].colour)
    for cid in ("c0", "c199", "c399"):
        p = design.components[cid].position
        at = view.mapFromScene(QPointF(p.x + CARD_WIDTH / 2, p.y + CARD_HEIGHT / 2))
        assert image.pixelColor(at) == model_colour, cid
    wait_built(qtbot, scene)
    assert len(slices) > 5  # 799 items, 64 a slice
    assert set(scene._components) == set(design.components) and set(scene._links) == set(design.links)
    assert all(i.isVisible() for i in (*scene._components.values(), *scene._links.values()))
    qtbot.waitUntil(lambda: not scene.routes.busy, timeout=10000)  # then routed, as any big design
    assert scene.routes.route("l0") is not None


def test_the_bounds_cover_the_cards_not_built_yet(view, scene, document, sliced):
    document.replace(grid_design(400))
    bounds = scene.items_bounds()
    assert scene.building
    assert bounds.contains(QPointF((COLUMNS - 1) * 260.0 + CARD_WIDTH - 1, 19 * 140.0 + CARD_HEIGHT - 1))


def started(view, scene) -> None:
    """The first paint, then one slice of the build."""
    view.viewport().grab()
    scene._build_slice()
    assert scene.building and 0 < len(scene._components) < 400


def test_an_edit_during_the_build_completes_it_first(qtbot, view, scene, document, sliced):
    document.replace(grid_design(400))
    started(view, scene)
    p = document.design.components["c399"].position
    document.move({"c399": ((p.x, p.y), (p.x + 100, p.y + 50))})
    assert not scene.building
    item = scene._components["c399"]
    assert item.isVisible() and (item.x(), item.y()) == (p.x + 100, p.y + 50)
    assert len(scene._links) == 399
    document.undo_stack.undo()
    assert (scene._components["c399"].x(), scene._components["c399"].y()) == (p.x, p.y)


def test_asking_for_an_item_during_the_build_completes_it(view, scene, document, sliced):
    document.replace(grid_design(400))
    item = scene.component_item("c399")
    assert item is not None and item.isVisible() and not scene.building
    assert scene.link_item("l398") is not None


def test_findings_that_come_during_the_build_mark_the_items_built_later(qtbot, view, scene, document, sliced):
    document.replace(grid_design(400))
    scene.set_findings({"c399": ("error", 2, "two problems")}, {"l398": ("warning", 1, "one")})
    wait_built(qtbot, scene)
    assert scene._components["c399"].severity == "error" and scene._components["c399"].finding_count == 2
    assert scene._links["l398"].severity == "warning"


def test_opening_another_design_during_the_build_drops_the_first(qtbot, view, scene, document, sliced):
    document.replace(grid_design(400))
    started(view, scene)
    document.replace(grid_design(60, name="Second"))
    wait_built(qtbot, scene)
    assert set(scene._components) == {f"c{i}" for i in range(60)} and len(scene._links) == 59
    assert len(scene.items()) == 119 and all(i.isVisible() for i in scene.items())


def test_deleting_a_card_not_built_yet(qtbot, view, scene, document, sliced):
    document.replace(grid_design(400))
    started(view, scene)
    document.delete(["c399"])  # its link l398 goes with it
    assert not scene.building
    assert set(scene._components) == set(document.design.components) and len(scene._components) == 399
    assert set(scene._links) == set(document.design.links) and "l398" not in scene._links
    document.undo_stack.undo()
    assert len(scene._components) == 400 and len(scene._links) == 399


def test_a_link_style_chosen_during_the_build_is_drawn(qtbot, view, scene, document, sliced):
    document.replace(grid_design(400))
    started(view, scene)
    document.set_link_style("curved")  # changes no card or link: the build goes on
    assert scene.building
    wait_built(qtbot, scene)
    qtbot.waitUntil(lambda: not scene.routes.busy, timeout=10000)
    curved = scene.link_item("l19").path()  # from the end of a row to the start of the next: corners
    document.set_link_style("orthogonal")
    assert scene.link_item("l19").path() != curved


def test_a_new_card_or_note_during_the_build_lands_clear_of_the_cards(view, scene, document, sliced):
    document.replace(grid_design(400))
    c0 = document.design.components["c0"].position
    spot = view.canvas_actions.free_position_near(QPointF(c0.x + CARD_WIDTH / 2, c0.y + CARD_HEIGHT / 2))
    assert not scene.building
    card = QRectF(spot.x(), spot.y(), CARD_WIDTH, CARD_HEIGHT)
    assert not any(card.intersects(i.sceneBoundingRect()) for i in scene.component_items())


def test_a_scene_off_screen_builds_at_once(document, scene, sliced):
    document.replace(grid_design(400))  # an export's scene, or one not shown yet
    assert not scene.building and len(scene._components) == 400


def test_a_small_design_is_built_at_once(view, scene, document, sliced):
    document.replace(grid_design(49))
    assert not scene.building and len(scene._components) == 49


def test_notes_and_frames_come_with_the_items_and_a_note_added_meanwhile_once(qtbot, view, scene, document, sliced):
    from canvas.core.annotation_edits import AddNote

    design = grid_design(400)
    design.groups["g1"] = Group(id="g1", label="Serving", members=["c0", "c1"])
    design.notes["n1"] = Note(id="n1", text="Read me", position=Position(x=0.0, y=-300.0))
    document.replace(design)
    assert scene.building and scene.annotations.items() == []  # frames wrap items: they come with them
    document.apply(AddNote(Note(id="n2", text="Added while it was being built", position=Position(x=400.0, y=-300.0))))
    assert not scene.building
    assert sorted(n.note_id for n in scene.annotations.note_items()) == ["n1", "n2"]
    frame = scene.annotations.frame("g1")
    assert frame is not None and frame.scene_rect().contains(scene.component_item("c1").sceneBoundingRect())


def test_the_overview_draws_the_sketch_and_lets_the_build_go_on(qtbot, make_window, sliced):  # noqa: F811
    window, _ = make_window()
    qtbot.waitExposed(window)
    scene = window.scene
    window.document.replace(grid_design(400))
    overview = window.overview_dock.widget()
    picture = overview.grab().toImage()  # drawn while the items are being built
    assert scene.building
    colours = {
        picture.pixelColor(x, y).name() for x in range(0, picture.width(), 3) for y in range(0, picture.height(), 3)
    }
    assert QColor(KINDS["model"].colour).name() in colours  # the blocks are there
    wait_built(qtbot, scene)
    assert len(scene._components) == 400
