"""Benchmark of the canvas (a measurement, not a timed test): build, render, drag, tidy-up.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_canvas.py [N ...]

Prints medians over a few runs for synthetic designs of N components (~1.4 links each).
The full comparison with a bare Qt floor is ``benchmarks/run.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QPointF, QRectF  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from synthetic import make_design  # noqa: E402

from canvas.core.layout import tidy_layout  # noqa: E402
from canvas.ui.canvas.scene import DesignScene  # noqa: E402
from canvas.ui.canvas.view import DesignView  # noqa: E402
from canvas.ui.document import Document  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench(n: int) -> None:
    design = make_design(n)
    doc = Document(design)
    scene = DesignScene(doc)
    fresh = [make_design(n) for _ in range(3)]
    build = median_ms(lambda: doc.replace(fresh.pop()), runs=3)  # tear down the old items, build new ones
    view = DesignView(scene)
    view.resize(1920, 1080)
    view.show()
    QApplication.processEvents()
    view.fit_all()
    QApplication.processEvents()

    def render_all() -> None:
        image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, 1920, 1080), scene.items_bounds())
        painter.end()

    render = median_ms(render_all)
    view.zoom_reset()
    QApplication.processEvents()
    repaint = median_ms(lambda: view.viewport().repaint())
    # a drag: move one busy card and re-route its links, as the scene does per mouse move
    busy = max(scene.component_items(), key=lambda i: len(scene.link_ids_of(i.component_id)))
    start = busy.pos()
    step = [0]

    def drag_step() -> None:
        step[0] += 1
        scene.drag_items(busy, start, start + QPointF(step[0] * 3.0, step[0] * 2.0))
        view.viewport().repaint()

    drag = median_ms(drag_step, runs=30)
    scene.end_drag()
    select_all = median_ms(scene.select_all)
    tidy = median_ms(lambda: tidy_layout(doc.design), runs=3)
    busy_links = len(scene.link_ids_of(busy.component_id))
    print(
        f"n={n:>6} links={len(doc.design.links):>6}  replace {build:7.1f} ms  render-all {render:6.1f} ms  "
        f"repaint@100% {repaint:6.1f} ms  drag-step {drag:5.1f} ms ({busy_links} links)  "
        f"select-all {select_all:6.1f} ms  tidy_layout {tidy:6.1f} ms"
    )
    view.close()


def main() -> None:
    QApplication.instance() or QApplication(sys.argv[:1])
    sizes = [int(a) for a in sys.argv[1:]] or [3000, 10000]
    for n in sizes:
        bench(n)


if __name__ == "__main__":
    main()
