"""Real input for the canvas tests: mouse drags on the viewport and palette drops.

Offscreen, ``qtbot.mouseMove`` after ``qtbot.mousePress`` carries the pressed button
(QTest tracks it), so item drags, rubber bands and port-to-port connects are driven with
the same calls a user's mouse produces. ``QDrag.exec()`` drops nothing offscreen, so a
palette drop is the three events a real drop delivers, with the palette's own mime data.
A wheel turn is delivered as Qt delivers the system's: to the widget under the pointer,
then to each parent in turn while the event stays unhandled (:func:`wheel_at`).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from canvas.ui.canvas.mime import KIND_MIME
from canvas.ui.canvas.view import DesignView


def vp_point(view: DesignView, scene_pos: QPointF) -> QPoint:
    """The viewport pixel showing a scene position."""
    return view.mapFromScene(scene_pos)


def drag(
    qtbot: object,
    view: DesignView,
    start: QPointF,
    end: QPointF,
    *,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    steps: int = 6,
    release: bool = True,
) -> None:
    """Press at ``start``, move in ``steps`` to ``end`` (scene positions), release."""
    vp = view.viewport()
    a, b = vp_point(view, start), vp_point(view, end)
    qtbot.mousePress(vp, button, modifier, a)  # type: ignore[attr-defined]
    for i in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
        qtbot.mouseMove(vp, p)  # type: ignore[attr-defined]
    if release:
        qtbot.mouseRelease(vp, button, modifier, b)  # type: ignore[attr-defined]


def kind_mime(kind: str) -> QMimeData:
    """Exactly what the palette puts in its QDrag."""
    mime = QMimeData()
    mime.setData(KIND_MIME, kind.encode("utf-8"))
    return mime


def _drag_event(cls: type, pos: QPointF, mime: QMimeData) -> QDragMoveEvent:
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        return cls(pos, *args)  # QPointF constructors (PySide6 >= 6.12)
    except TypeError:
        return cls(pos.toPoint(), *args)  # 6.11 only has the QPoint ones


def drop(view: DesignView, mime: QMimeData, scene_pos: QPointF) -> tuple[bool, bool]:
    """Drag ``mime`` into the viewport and drop it at ``scene_pos``.

    Returns (whether the drag was accepted on enter, whether the drop was accepted)."""
    vp = view.viewport()
    pos = QPointF(view.mapFromScene(scene_pos))
    enter = _drag_event(QDragEnterEvent, pos, mime)
    QApplication.sendEvent(vp, enter)
    move = _drag_event(QDragMoveEvent, pos, mime)
    QApplication.sendEvent(vp, move)
    if not enter.isAccepted():
        return False, False
    dropped = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, dropped)
    return True, dropped.isAccepted()


def drop_kind(view: DesignView, kind: str, scene_pos: QPointF) -> tuple[bool, bool]:
    return drop(view, kind_mime(kind), scene_pos)


def wheel_at(widget: QWidget, pos: QPoint, notches: int = -1) -> QWidget | None:
    """Turn the mouse wheel ``notches`` (negative: down, towards the user) with the pointer
    at ``pos`` in ``widget``. The event goes to the deepest widget there and, while it is
    left unhandled, on to each parent up to the window — as QApplication passes on a wheel
    event from the system (one sent with ``sendEvent`` alone stops at its receiver).

    Returns the widget that handled it (``None``: nobody did)."""
    window = widget.window()
    at = widget.mapTo(window, pos)
    target: QWidget | None = window.childAt(at) or window
    delta = QPoint(0, 120 * notches)
    while target is not None:
        local = QPointF(target.mapFrom(window, at))
        event = QWheelEvent(
            local,
            QPointF(target.mapToGlobal(local.toPoint())),
            QPoint(),
            delta,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        event.setAccepted(True)  # as Qt does: a handler that does not want it ignores it
        QApplication.sendEvent(target, event)
        if event.isAccepted():
            return target
        if target.isWindow():
            return None
        target = target.parentWidget()
    return None
