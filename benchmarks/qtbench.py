"""Benchmark helpers shared by the workers and the start-up probe: paint detection, timing,
the components a benchmark moves and the PNG scale both sides export at."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

#: The editor's PNG scale; both sides export at it (or at what the writer's limits allow).
EXPORT_SCALE = 2.0


def mark_paint_ends(view_class: type[QGraphicsView]) -> None:
    """Every view of ``view_class`` notes when each paint of its canvas has ended, in
    ``view.painted_at``. A figure "to first paint" ends there — not after whatever else the
    event loop runs in the same turn (the editor starts its first check once a design is on
    screen, and a paint is not delayed by it)."""
    base = view_class.paintEvent

    def paint_event(self: QGraphicsView, event: QPaintEvent) -> None:
        base(self, event)
        self.painted_at = time.perf_counter()  # type: ignore[attr-defined]

    view_class.paintEvent = paint_event  # type: ignore[method-assign]


class TimedView(QGraphicsView):
    """A plain QGraphicsView (the floor's) that notes when each paint has ended."""

    painted_at = 0.0


mark_paint_ends(TimedView)


class PaintCounter(QObject):
    """Counts the paint events a widget receives (the filter runs just before each paint)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def wait_paint(counter: PaintCounter, limit: int = 500) -> bool:
    """Run the event loop until the widget has painted once more (the real repaint path:
    the scene's dirty regions -> the view's update -> a paint event)."""
    start = counter.count
    app = QApplication.instance()
    for _ in range(limit):
        app.processEvents()  # type: ignore[union-attr]
        if counter.count > start:
            return True
    return False


def timed(
    fn: Callable[[], Any],
    repeat: int,
    warmup: int = 1,
    before: Callable[[], Any] | None = None,
    after: Callable[[], Any] | None = None,
) -> list[float]:
    """Milliseconds of ``repeat`` calls after ``warmup`` untimed ones; a collection is
    done before each call so one run's garbage is not charged to the next. ``before`` and
    ``after`` run around each call, untimed."""
    out = []
    for i in range(warmup + repeat):
        if before is not None:
            before()
        gc.collect()
        t = time.perf_counter()
        fn()
        elapsed = (time.perf_counter() - t) * 1000
        if after is not None:
            after()
        if i >= warmup:
            out.append(elapsed)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def busiest(data: dict[str, Any]) -> str:
    """The component with the most links (first in file order on a tie): the drag subject."""
    degree = {c["id"]: 0 for c in data["components"]}
    for link in data["links"]:
        degree[link["source"]] += 1
        degree[link["target"]] += 1
    return max(degree, key=lambda cid: degree[cid])


def block(data: dict[str, Any], n: int = 300) -> list[str]:
    """The first ``n`` components of the file: a block of neighbouring clusters."""
    return [c["id"] for c in data["components"][:n]]


def block_rect(data: dict[str, Any], ids: list[str], card: tuple[float, float] = (170.0, 64.0)) -> QRectF:
    chosen = set(ids)
    xs = [c["position"]["x"] for c in data["components"] if c["id"] in chosen]
    ys = [c["position"]["y"] for c in data["components"] if c["id"] in chosen]
    return QRectF(min(xs) - 30, min(ys) - 30, max(xs) - min(xs) + card[0] + 60, max(ys) - min(ys) + card[1] + 60)


def export_scale(rect: QRectF) -> float:
    """The editor's PNG scale (2), or the largest the writer allows for a big design: the
    floor renders the same pixels as ours."""
    from canvas.export.render import fitting_scale

    return fitting_scale(rect, EXPORT_SCALE)


class FirstPaint(QObject):
    """Calls ``then`` once, from the event loop right after the first paint of ``widget``
    that happens while ``ready()`` is true (so the paint has finished)."""

    def __init__(self, widget: QWidget, ready: Callable[[], bool], then: Callable[[], None]) -> None:
        super().__init__()
        self._ready, self._then, self._done = ready, then, False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._done and event.type() == QEvent.Type.Paint and self._ready():
            from PySide6.QtCore import QTimer

            self._done = True
            QTimer.singleShot(0, self._then)
        return False
