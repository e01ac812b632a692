"""What keeps big designs smooth, checked for correctness (speed lives in benchmarks/run.py):
batched drags, the zoomed-out cache policy, cached bounds, no re-check after moves, and a
start-up that leaves pyqtgraph, numpy, the rules and networkx unloaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, LOD_SCALE
from canvas.ui.findings.checker_service import CheckerService
from tests.ui.findings_designs import served_design
from tests.ui.gestures import drag
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]


def centre(scene, cid: str) -> QPointF:
    return scene.component_item(cid).pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)


def test_dragging_linked_cards_reroutes_each_link_once_per_move(qtbot, view, scene, monkeypatch):
    from canvas.ui.canvas.items.link_item import LinkItem

    rerouted: list[str] = []
    original = LinkItem.reroute_to
    monkeypatch.setattr(
        LinkItem, "reroute_to", lambda self, *ends: (rerouted.append(self.link_id), original(self, *ends))
    )
    scene.select_ids(["train", "model"])  # l2 joins them; l1 and l3 touch one each
    steps = 4
    drag(qtbot, view, centre(scene, "train"), centre(scene, "train") + QPointF(40, 80), steps=steps, release=False)
    # l2 has both ends moving, yet is re-routed no more often than l1 and l3: once per move
    assert set(rerouted) == {"l1", "l2", "l3"} and 0 < rerouted.count("l2") == rerouted.count("l1") <= steps
    link = scene.link_item("l2")
    assert (link.arrow()[0] - scene.component_item("model").input_port_pos()).manhattanLength() < 8
    assert scene.component_item("train").isSelected() and scene.component_item("model").isSelected()


def test_an_edit_that_moves_both_ends_of_a_link_draws_it_once(scene, document, monkeypatch):
    from canvas.ui.canvas.items.link_item import LinkItem

    drawn: list[str] = []
    original = LinkItem.reroute_to
    monkeypatch.setattr(LinkItem, "reroute_to", lambda self, *ends: (drawn.append(self.link_id), original(self, *ends)))
    moves = {
        cid: ((c.position.x, c.position.y), (c.position.x + 40, c.position.y + 60))
        for cid, c in document.design.components.items()
    }  # Tidy Up, Align: every card at once
    document.move(moves)
    assert sorted(drawn) == sorted(document.design.links)  # each link once, though both its ends moved
    link = scene.link_item("l2")
    assert (link.arrow()[0] - scene.component_item("model").input_port_pos()).manhattanLength() < 8


def test_zoomed_out_cards_drop_their_pixmap_cache_and_take_it_back(view, scene):
    card = scene.component_item("model")
    assert card.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    view._zoom_to(LOD_SCALE / 2)
    assert card.cacheMode() == QGraphicsItem.CacheMode.NoCache
    view.document.add_component("evaluation", 0, 400)  # new cards follow the zoom level too
    assert all(c.cacheMode() == QGraphicsItem.CacheMode.NoCache for c in scene.component_items())
    view.zoom_reset()
    assert all(c.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache for c in scene.component_items())


def test_items_bounds_follow_moves_additions_and_rebuilds(scene, document):
    before = scene.items_bounds()
    document.move({"dep": ((720.0, 0.0), (2000.0, 900.0))})
    moved = scene.items_bounds()
    assert moved.right() > 2000 + CARD_WIDTH and moved.bottom() > 900 + CARD_HEIGHT
    assert moved.contains(scene.component_item("dep").sceneBoundingRect())
    document.undo_stack.undo()
    assert scene.items_bounds() == before
    document.replace(document.design.clone())
    assert scene.items_bounds() == before
    document.set_link_label("l3", "W" * 80)  # a label can widen a link's extent
    assert scene.items_bounds() == scene._compute_bounds()
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex


def test_items_bounds_of_cards_without_links_and_of_a_card_mid_drag(qtbot, view, scene, document):
    for lid in list(document.design.links):
        document.delete([], [lid])
    assert not scene.link_items()
    cards = [scene.component_item(cid).sceneBoundingRect() for cid in document.design.components]
    assert scene.items_bounds() == scene.itemsBoundingRect()
    assert all(scene.items_bounds().contains(r) for r in cards)
    drag(qtbot, view, centre(scene, "dep"), centre(scene, "dep") + QPointF(300, 200), release=False)
    assert scene.items_bounds().contains(scene.component_item("dep").sceneBoundingRect())  # not yet in the model


def test_items_bounds_asked_in_the_middle_of_a_delete(scene, document):
    """Qt reports the selection change while the edit's signals are still going out: the
    scene then holds cards the model no longer has, and the bounds still answer."""
    asked: list[object] = []
    scene.selectionChanged.connect(lambda: asked.append(scene.items_bounds()))
    scene.select_ids(["model", "dep"])
    asked.clear()
    document.delete(["model", "dep"])
    assert asked and all(not r.isNull() for r in asked)
    assert scene.items_bounds() == scene._compute_bounds()
    assert not scene.items_bounds().contains(QPointF(720 + CARD_WIDTH / 2, CARD_HEIGHT / 2))  # "dep" is gone


def test_a_move_keeps_the_findings_without_a_new_check(qtbot, document):
    checker = CheckerService(document, debounce_ms=5)
    try:
        qtbot.waitUntil(lambda: not checker.busy)
        shown = checker.findings
        document.move({"mon": ((480.0, 200.0), (500.0, 260.0))})
        # Right after the move: nothing pending, nothing running, the same findings still
        # current (a check can only start from the debounce timer, and it is not running).
        assert checker.current and not checker.busy and not checker.running and checker.findings is shown
        with qtbot.waitSignal(checker.findings_ready, timeout=5000):
            document.set_label("mon", "Drift monitor")  # anything else is checked again
            assert checker.busy and not checker.current
        with qtbot.waitSignal(checker.findings_ready, timeout=5000):
            document.move({"mon": ((500.0, 260.0), (520.0, 260.0))})
            document.delete(["src"])  # a move in the same breath as a real change: checked
            assert checker.busy
    finally:
        checker.shutdown()


def test_analysis_tab_behind_findings_is_drawn_only_when_brought_forward(qtbot, make_window):  # noqa: F811
    window, _ = make_window()
    ui = window.checker_ui
    ui.checker.set_debounce(5)
    with qtbot.waitSignal(ui.checker.findings_ready, timeout=5000):
        window.document.replace(served_design())
    panel = ui.analysis_panel
    assert panel.visibleRegion().isEmpty() and panel._charts is None  # tabbed behind Findings
    panel.raise_()
    qtbot.waitUntil(lambda: panel._charts is not None and panel.latency_bars != [])


def test_startup_leaves_the_heavy_libraries_unloaded(tmp_path):
    """pyqtgraph (with numpy) is loaded when the Analysis tab is first shown, the rules and
    networkx with the first check (a quarter of a second): the window does not wait for them."""
    probe = (
        "import sys\n"
        "from canvas.ui.app import create_application\n"
        "from canvas.ui.shell.main_window import MainWindow\n"
        "app = create_application(); w = MainWindow(); w.show(); app.processEvents()\n"
        "heavy = ('pyqtgraph', 'numpy', 'networkx', 'canvas.core.rules', 'canvas.core.diff')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "w.checker_ui.shutdown()\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_editor_exports_a_design_too_wide_for_scale_2(qtbot, make_window, tmp_path):  # noqa: F811
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from canvas.core.model import Component, Design, Position

    window, _ = make_window()
    design = Design(name="Wide")
    for i, x in enumerate((0.0, 20_000.0, 40_000.0)):
        design.components[f"c{i}"] = Component(id=f"c{i}", kind="model", label=f"M{i}", position=Position(x=x, y=0))
    window.document.replace(design)
    errors: list[str] = []
    window.exports.show_error = lambda _parent, message: errors.append(message)
    dialog = window.exports.open_dialog()
    assert dialog.scale_spin.value() < 2 and "at most" in dialog.size_label.text()  # scaled down, not refused
    dialog.path_edit.setText(str(tmp_path / "wide.png"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert errors == []
    image = QImage(str(tmp_path / "wide.png"))
    assert 8_000 < image.width() <= 16_384  # the largest the writer allows, not a refusal
