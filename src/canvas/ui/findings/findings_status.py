"""UI layer: the status-bar summary of the checker — "2 errors, 3 warnings".

A flat button: a click opens (or raises) the Findings panel. While a check is pending it
says so quietly ("checking…") and keeps showing the last counts greyed, so the number
never jumps to zero and back while the user types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QToolButton, QWidget

from canvas.core.model import Severity
from canvas.ui.findings.checker_service import CheckerService
from canvas.ui.findings.severity import ORDER, count_text, pixmap

if TYPE_CHECKING:
    from canvas.core.rules import Finding


def summary_text(counts: dict[str, int]) -> str:
    """``"N errors, N warnings"``, with the info count when there is one."""
    text = f"{count_text(counts['error'], Severity.ERROR)}, {count_text(counts['warning'], Severity.WARNING)}"
    if counts.get("info"):
        text += f", {count_text(counts['info'], Severity.INFO)}"
    return text


def _summary_icon(counts: dict[str, int], grey: bool) -> QIcon:
    """Error and warning icons side by side, like an IDE's problems indicator."""
    size = 14
    pm = QPixmap(2 * (2 * size + 3), 2 * size)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.drawPixmap(0, 0, pixmap(Severity.ERROR, size, grey=grey or not counts["error"]))
    p.drawPixmap(size + 3, 0, pixmap(Severity.WARNING, size, grey=grey or not counts["warning"]))
    p.end()
    return QIcon(pm)


class FindingsStatus(QToolButton):
    """Shows the counts of the live findings; ``clicked`` is the cue to open the panel."""

    def __init__(self, checker: CheckerService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checker = checker
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIconSize(QSize(2 * 14 + 3, 14))
        self.setObjectName("findingsStatus")
        checker.findings_ready.connect(self._on_findings)
        checker.busy_changed.connect(self._refresh)
        checker.failed.connect(self._refresh)
        self._refresh()

    def _on_findings(self, _findings: list[Finding]) -> None:
        self._refresh()

    def _refresh(self, *_args: object) -> None:
        counts = self.checker.summary
        busy = self.checker.busy
        if self.checker.error:
            self.setText("Checker failed")
            self.setStyleSheet("QToolButton#findingsStatus { color: #C62828; }")
            self.setToolTip(self.checker.error)
            return
        text = summary_text(counts)
        if busy:
            text += "  ·  checking…"
        self.setText(text)
        self.setIcon(_summary_icon(counts, grey=busy))
        # Greyed while the counts may be outdated; the palette's own text colour otherwise.
        self.setStyleSheet("QToolButton#findingsStatus { color: #8A9199; }" if busy else "")
        self.setToolTip(
            ", ".join(count_text(counts[s.value], s) for s in ORDER) + " (suppressed findings not counted)"
            f"{' — checking the latest edit' if busy else ''}. Click to open the Findings panel."
        )
