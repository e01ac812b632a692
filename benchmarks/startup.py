"""The start-up probe: one process from its start to the first paint of the canvas.

    python benchmarks/startup.py ours|floor [DESIGN.json]

``ours`` runs the real ``ml-canvas [FILE]`` entry point (``canvas.cli.main``). Empty, the
first paint counted is the window's (its frame: menus, toolbar, docks and an empty canvas
area, painted before the model and panels are loaded) and ``ready`` is the canvas
viewport's first paint once the window is built; with a design, the first paint counted is
the canvas viewport's after the start-up fit-to-window, and the probe also waits until the
live checker has published its findings.
``floor`` is a bare PySide6 window: a QGraphicsView of the same size (with a design, the
floor scene of ``floor.py``, fitted). It prints one JSON line: ``time.perf_counter()`` at
the first paint (and at the findings), and the peak resident memory; the parent subtracts
its own ``perf_counter()`` taken just before starting the process (both read
CLOCK_MONOTONIC, so the difference is the time since the process started).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

WINDOW = (1024, 700)  # the main window's default size on the offscreen screen
marks: dict[str, Any] = {}


def report() -> None:
    marks["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(marks), flush=True)


def floor(path: str | None) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QGraphicsScene
    from qtbench import FirstPaint, TimedView

    app = QApplication(sys.argv[:1])
    if path:
        from floor import FloorCanvas, load_json

        canvas = FloorCanvas(load_json(Path(path)))
        scene = canvas.scene
    else:
        scene = QGraphicsScene()
    view = TimedView(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view.resize(*WINDOW)

    def painted() -> None:
        marks["paint"] = view.painted_at
        app.quit()

    probe = FirstPaint(view.viewport(), lambda: True, painted)  # noqa: F841 - kept alive
    view.show()
    if path:
        view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    app.exec()
    report()
    return 0


def ours(path: str | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from qtbench import FirstPaint, mark_paint_ends

    import canvas.ui.app as app_module  # what ml-canvas imports to open the window
    from canvas.cli import main

    real = app_module.MainWindow
    keep: list[object] = []

    def findings_shown(window: Any) -> None:
        if window.checker_ui.checker.busy:
            QTimer.singleShot(2, lambda: findings_shown(window))
            return
        marks["findings"] = time.perf_counter()
        QApplication.quit()

    def canvas_painted(window: Any) -> None:
        marks["ready" if "paint" in marks else "paint"] = window.view.painted_at
        if path:
            findings_shown(window)
        else:
            QApplication.quit()

    def built(window: Any) -> None:
        view_class = type(window.view)
        if not hasattr(view_class, "painted_at"):  # before the view's first paint
            view_class.painted_at = 0.0
            mark_paint_ends(view_class)
        fit = window.view.fit_all
        fitted = [False]

        def fit_all() -> None:
            fit()
            fitted[0] = True

        window.view.fit_all = fit_all  # run_gui fits once the window has its size
        keep.append(FirstPaint(window.view.viewport(), lambda: fitted[0], lambda: canvas_painted(window)))

    def frame_painted() -> None:
        # Empty: the window's first paint is the figure (its frame, before the contents are
        # built); "ready" is then the canvas's first paint. With a design, the figure is the
        # canvas's first paint with the design fitted.
        if not path:
            marks["paint"] = time.perf_counter()

    def make_window(*args: Any, **kwargs: Any) -> Any:
        window = real(*args, **kwargs)
        if window.is_ready:
            built(window)
        else:
            window.frame_painted.connect(frame_painted)
            window.ready.connect(lambda: built(window))
        return window

    app_module.MainWindow = make_window  # type: ignore[misc]
    main([path] if path else [])
    report()
    return 0


if __name__ == "__main__":
    side, design = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
    sys.exit(ours(design) if side == "ours" else floor(design))
