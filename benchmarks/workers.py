"""The in-process half of the benchmark: one subprocess per size runs this module.

    python benchmarks/workers.py DESIGN.json REPEAT OUT.json

Both sides live in this one process and take turns, repeat by repeat, so a busy spell of
the (shared) machine hits both alike: ``ours`` drives the real app (a shown MainWindow,
File ▸ Open, the scene's items dragged with real mouse events, the checker, an edit and its
live findings, Tidy Up, ExportScene, save_design); ``floor`` the bare canvas of ``floor.py``
in a plain QGraphicsView with the same viewport size and render hints. Each figure is a list of milliseconds (one per
repeat) per side, written to OUT.json; the parent takes medians.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QTransform  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView  # noqa: E402
from qtbench import (  # noqa: E402
    PaintCounter,
    TimedView,
    block,
    block_rect,
    busiest,
    export_scale,
    mark_paint_ends,
    wait_paint,
)

HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
DRAG_MOVES = 100
BLOCK_STEPS = 10
#: Drags are measured at least this many rounds a side (a round is 0.2–0.5 s).
DRAG_ROUNDS = 20
#: Tidy Up is measured on designs up to this size (its budget is at 3,000).
TIDY_UP_TO = 3000
Fn = Callable[[], Any]


@dataclass
class Figure:
    """One measurement: ``run`` is timed, ``before``/``after`` are not; ``setup`` runs once
    before the warm-up; the time is divided by ``per`` (moves per run). ``rounds`` is a
    floor on the number of timed rounds: a figure of a few milliseconds is measured more
    often, or one noisy round moves its median. A ``run`` that returns a time
    (``time.perf_counter()``) ends there: "to first paint" ends when the paint has."""

    run: Fn
    before: Fn | None = None
    after: Fn | None = None
    setup: Fn | None = None
    per: int = 1
    rounds: int = 0


def fit_render(scene: QGraphicsScene, bounds: Callable[[], QRectF]) -> None:
    """The whole scene into a 1920x1080 image (what a fitted view or a thumbnail draws)."""
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(HINTS)
    scene.render(painter, QRectF(0, 0, 1920, 1080), bounds())
    painter.end()


def show_rect(view: QGraphicsView, rect: QRectF, counter: PaintCounter) -> None:
    """The same transform and the same place on both sides: ``rect`` fitted, never above
    100 %, centred. Our view lets the user scroll a viewport past the design's edges; the
    floor's plain view is given the same room (its default scroll area ends at the items,
    so a card near the design's edge would sit elsewhere on screen, its links cut off)."""
    vp = view.viewport().rect()
    scale = min(vp.width() / rect.width(), vp.height() / rect.height(), 1.0)
    if hasattr(view, "_set_scale"):
        view._set_scale(scale)  # the app's own zoom path (it tells the scene its level of detail)
    else:
        view.setTransform(QTransform.fromScale(scale, scale))
        mx, my = vp.width() / scale, vp.height() / scale
        view.setSceneRect(view.scene().itemsBoundingRect().adjusted(-mx, -my, mx, my))
    view.centerOn(rect.center())
    wait_paint(counter)


def moves(move: Callable[[float, float], None], counter: PaintCounter, steps: int) -> Fn:
    """``steps`` moves of a few pixels, each followed by the repaint it causes; the path
    zigzags so the cards end where they started."""

    def run() -> None:
        for i in range(steps):
            dx = 3.0 if (i // 5) % 2 == 0 else -3.0
            move(dx, 2.0 if i % 2 == 0 else -2.0)
            wait_paint(counter)

    return run


class Mouse:
    """Real mouse events on a view's viewport: a press on a card, moves, a release."""

    def __init__(self, view: QGraphicsView, scene_pos: QPointF) -> None:
        self.view, self.scene_pos = view, scene_pos
        self.pos = QPointF()

    def _send(self, kind: QEvent.Type, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        viewport = self.view.viewport()
        event = QMouseEvent(
            kind, self.pos, viewport.mapToGlobal(self.pos), button, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(viewport, event)

    def press(self) -> None:
        self.pos = QPointF(self.view.mapFromScene(self.scene_pos))
        self._send(QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)

    def move(self, dx: float, dy: float) -> None:
        self.pos = self.pos + QPointF(dx, dy)
        self._send(QEvent.Type.MouseMove, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)

    def release(self) -> None:
        # The zigzag ends where it started: Qt takes the release for a click, nothing is committed.
        self._send(QEvent.Type.MouseButtonRelease, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)


class Ours:
    """The real app: a MainWindow, its document, scene, view and checker."""

    def __init__(self, path: Path, out_dir: Path) -> None:
        from canvas.core.rules import run_checks
        from canvas.export.scene_export import ExportScene
        from canvas.io import save_design
        from canvas.ui.app import create_application
        from canvas.ui.canvas.view import DesignView
        from canvas.ui.shell.main_window import MainWindow

        create_application()
        mark_paint_ends(DesignView)
        self.window = window = MainWindow()
        window.resize(1600, 1000)
        window.show()
        view, scene = window.view, window.scene
        self.counter = counter = PaintCounter(view.viewport())
        wait_paint(counter)
        data = json.loads(path.read_text(encoding="utf-8"))

        def open_file() -> float:
            window.files.open_path(path, ask=False)
            view.fit_all()
            wait_paint(counter)
            return float(view.painted_at)

        def open_built() -> float:
            """Open, then until every card and link is an item on screen (a big design is
            painted as a sketch first, its items built in slices after that paint)."""
            open_file()
            while scene.building:
                QApplication.processEvents()
            wait_paint(counter)
            return float(view.painted_at)

        def open_routed() -> float:
            """Open, then until every link is drawn along its route (the big designs' are
            routed in slices after their items are built)."""
            open_file()
            self.wait_routes()
            return time.perf_counter()

        def new_file() -> None:
            window.files.new_design()
            self.settle()
            wait_paint(counter)

        def design() -> Any:
            return window.document.design

        busy = busiest(data)

        # The drags below measure the repaint path as the floor's do: a zigzag of a few pixels
        # near other cards would stay snapped onto their lines with guides on (no move, no
        # repaint to wait for). Snapping itself is a few binary searches per move.
        window.view.arrange_actions.guides_action.setChecked(False)

        def centre_busy() -> None:
            item = scene.component_item(busy)
            assert item is not None
            view.zoom_reset()
            show_rect(view, item.sceneBoundingRect().adjusted(-400, -300, 400, 300), counter)
            self.drag = Mouse(view, item.sceneBoundingRect().center())

        drop_way = [1.0]

        def drag_to_drop() -> None:
            """A drag of the busiest card by 30 px, one way then back (untimed)."""
            drop_way[0] = -drop_way[0]
            self.drag.press()
            for _ in range(5):
                self.drag.move(6.0 * drop_way[0], 0.0)
                wait_paint(counter)

        def drop() -> None:
            """The release: one move edit, the card's links routed, the repaint."""
            self.drag.release()
            wait_paint(counter)

        def tidy_to_paint() -> float:
            window.view.canvas_actions.tidy_action.trigger()
            wait_paint(counter)
            return float(view.painted_at)

        def tidy_to_routed() -> float:
            tidy_to_paint()
            self.wait_routes()
            return time.perf_counter()

        def untidy() -> None:
            window.document.undo_stack.undo()
            self.wait_routes()

        ids = block(data)

        def show_block() -> None:
            show_rect(view, block_rect(data, ids), counter)
            grab = scene.component_item(ids[len(ids) // 2])
            assert grab is not None
            self.block_drag = Mouse(view, grab.sceneBoundingRect().center())

        def select_block() -> None:
            scene.select_ids(ids)
            wait_paint(counter)
            self.block_drag.press()

        png = out_dir / "ours.png"

        def export_scene() -> None:
            self.export = ExportScene(design())
            self.scale = export_scale(self.export.rect)

        edits = [0]

        def edit_to_findings() -> None:
            """Rename the busiest card, as the inspector does, and wait until the live
            checker (debounce, snapshot, worker thread) has shown the findings."""
            edits[0] += 1
            window.document.set_label(busy, f"Renamed {edits[0]}")
            self.settle()

        # Drags are real mouse events on the viewport: view -> scene -> card -> scene.drag_items
        # (move, re-route the touched links) -> the repaint of what changed.
        self.figures = {
            "open_paint": Figure(open_file, before=new_file, setup=new_file),
            "open_built": Figure(open_built, before=new_file),
            "open_routed": Figure(open_routed, before=new_file),
            "check": Figure(lambda: run_checks(design()), setup=open_file),
            "edit_findings": Figure(edit_to_findings),
            "drag1": Figure(
                moves(lambda dx, dy: self.drag.move(dx, dy), counter, DRAG_MOVES),
                setup=centre_busy,
                before=lambda: self.drag.press(),
                after=lambda: self.drag.release(),
                per=DRAG_MOVES,
                rounds=DRAG_ROUNDS,
            ),
            "drop1": Figure(drop, before=drag_to_drop, rounds=DRAG_ROUNDS),
            "move300": Figure(
                moves(lambda dx, dy: self.block_drag.move(dx, dy), counter, BLOCK_STEPS),
                setup=show_block,
                before=select_block,
                after=lambda: self.block_drag.release(),
                per=BLOCK_STEPS,
                rounds=DRAG_ROUNDS,
            ),
            "fit_render": Figure(lambda: fit_render(scene, scene.items_bounds), setup=lambda: scene.select_ids([])),
            "export_png": Figure(lambda: self.export.write(png, scale=self.scale), setup=export_scene),
            "export_editor": Figure(lambda: ExportScene(design()).write(png, scale=self.scale)),
            "save": Figure(lambda: save_design(design(), out_dir / "ours.json")),
        }
        if len(data["components"]) <= TIDY_UP_TO:
            self.figures["tidy"] = Figure(tidy_to_paint, setup=lambda: view.fit_all(), after=untidy)
            self.figures["tidy_routed"] = Figure(tidy_to_routed, after=untidy)

    def wait_routes(self) -> None:
        """Until every item of the open design is built and every link drawn along its route."""
        scene, routes = self.window.scene, self.window.scene.routes
        while scene.building or routes.busy:
            QApplication.processEvents()

    def settle(self) -> None:
        """Let the live checker and the routing of a big design finish, so neither runs
        during anyone's figure."""
        checker = self.window.checker_ui.checker
        while checker.busy:
            QApplication.processEvents()
            time.sleep(0.001)
        self.wait_routes()

    def viewport(self) -> tuple[int, int]:
        size = self.window.view.viewport().size()
        return size.width(), size.height()

    def close(self) -> None:
        self.window.checker_ui.shutdown()


class Floor:
    """The bare canvas of ``floor.py`` in a plain QGraphicsView."""

    def __init__(self, path: Path, out_dir: Path, viewport: tuple[int, int]) -> None:
        from floor import FloorCanvas, floor_check, load_json

        self.view = view = TimedView()
        view.setRenderHints(HINTS)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frame = 2 * view.frameWidth()
        view.resize(viewport[0] + frame, viewport[1] + frame)
        view.show()
        self.counter = counter = PaintCounter(view.viewport())
        wait_paint(counter)
        empty = QGraphicsScene()
        self.keep: list[FloorCanvas] = []

        def open_file() -> float:
            canvas = FloorCanvas(load_json(path))
            self.keep.append(canvas)  # a Python reference, or the scene is collected
            view.setScene(canvas.scene)
            view.fitInView(canvas.scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
            wait_paint(counter)
            return view.painted_at

        def new_file() -> None:
            view.setScene(empty)
            self.keep.clear()
            wait_paint(counter)

        def canvas() -> FloorCanvas:
            return self.keep[-1]

        data = load_json(path)
        busy, ids = busiest(data), block(data)

        def mover(chosen: list[str]) -> Callable[[float, float], None]:  # the pixels the mouse moves ours by
            zoom = view.transform().m11()
            return lambda dx, dy: canvas().move(chosen, dx / zoom, dy / zoom)

        def centre_busy() -> None:
            view.resetTransform()
            show_rect(view, canvas().rects[busy].sceneBoundingRect().adjusted(-400, -300, 400, 300), counter)
            self.drag = moves(mover([busy]), counter, DRAG_MOVES)

        def show_block() -> None:
            show_rect(view, block_rect(data, ids), counter)
            self.block_move = moves(mover(ids), counter, BLOCK_STEPS)

        png = out_dir / "floor.png"

        def export() -> None:
            scene = canvas().scene
            rect = scene.itemsBoundingRect().adjusted(-24, -24, 24, 24)
            scale = export_scale(rect)
            image = QImage(
                round(rect.width() * scale), round(rect.height() * scale), QImage.Format.Format_ARGB32_Premultiplied
            )
            image.fill(QColor("white"))
            painter = QPainter(image)
            painter.setRenderHints(HINTS)
            scene.render(painter, QRectF(0, 0, image.width(), image.height()), rect)
            painter.end()
            image.save(str(png), "PNG")

        def save() -> None:
            with open(out_dir / "floor.json", "w", encoding="utf-8") as fh:
                json.dump(data, fh)

        self.figures = {
            "open_paint": Figure(open_file, before=new_file),
            "check": Figure(lambda: floor_check(data), setup=open_file),
            "drag1": Figure(lambda: self.drag(), setup=centre_busy, per=DRAG_MOVES, rounds=DRAG_ROUNDS),
            "move300": Figure(lambda: self.block_move(), setup=show_block, per=BLOCK_STEPS, rounds=DRAG_ROUNDS),
            "fit_render": Figure(lambda: fit_render(canvas().scene, canvas().scene.itemsBoundingRect)),
            "export_png": Figure(export),
            "export_editor": Figure(export),
            "save": Figure(save),
        }


def measure(sides: dict[str, Any], name: str, repeat: int, settle: Fn) -> dict[str, list[float]]:
    """One untimed warm-up per side, then ``repeat`` rounds in which the sides take turns
    (alternating who goes first). A collection runs before each timed call, so one run's
    garbage is not charged to the next."""
    figures: dict[str, Figure] = {side: s.figures[name] for side, s in sides.items() if name in s.figures}
    out: dict[str, list[float]] = {side: [] for side in sides}
    order = list(figures)
    repeat = max([repeat, *(fig.rounds for fig in figures.values())])
    for fig in figures.values():
        if fig.setup is not None:
            fig.setup()
            settle()
    for round_ in range(repeat + 1):
        for side in order if round_ % 2 else reversed(order):
            fig = figures[side]
            if fig.before is not None:
                fig.before()
            settle()
            gc.collect()
            t = time.perf_counter()
            end = fig.run()
            elapsed = ((end if isinstance(end, float) else time.perf_counter()) - t) * 1000 / fig.per
            if fig.after is not None:
                fig.after()
            if round_:  # round 0 is the warm-up
                out[side].append(elapsed)
    return out


def main(argv: list[str]) -> None:
    path, repeat, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    with tempfile.TemporaryDirectory(prefix="canvas-bench-") as tmp:
        ours = Ours(path, Path(tmp))
        floor = Floor(path, Path(tmp), ours.viewport())
        sides = {"ours": ours, "floor": floor}
        results: dict[str, dict[str, list[float]]] = {"ours": {}, "floor": {}}
        for name in ours.figures:
            for side, times in measure(sides, name, repeat, ours.settle).items():
                results[side][name] = times
        ours.close()
    out.write_text(json.dumps(results), encoding="utf-8")
    sys.stdout.flush()
    os._exit(0)  # skip tearing down thousands of items: not part of any figure


if __name__ == "__main__":
    main(sys.argv[1:])
