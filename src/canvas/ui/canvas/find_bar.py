"""UI layer: Find (Ctrl+F) — components by label, kind or property value.

A small bar floats at the canvas's top right. Typing finds the components whose label,
kind (its id or its name in the catalogue) or any property's value contains the text,
case-insensitively, in reading order (top to bottom, then left to right), and goes to the
first; Enter (or F3) goes to the next, Shift+Enter (Shift+F3) to the previous, wrapping
around; each is selected and centred in the view. Escape closes the bar and gives the
canvas its focus back. Finding only selects and scrolls (view state): it never edits.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton

from canvas.core.catalog import KINDS
from canvas.core.model import Design
from canvas.ui.actions import make_action
from canvas.ui.canvas.view import DesignView

_KEYS = QKeySequence.StandardKey
_MARGIN = 8


def find_components(design: Design, text: str) -> list[str]:
    """The ids of the components matching ``text`` (label, kind, a property's value), in
    reading order; none for a blank text."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    found = []
    for comp in design.components.values():
        kind = KINDS.get(comp.kind)
        words = [comp.label, comp.kind.replace("_", " ")]
        if kind is not None:
            words += [kind.label, kind.short_label]
        words += [_value_text(v) for v in comp.properties.values()]
        if any(wanted in w.casefold() for w in words):
            found.append(comp)
    found.sort(key=lambda c: (c.position.y, c.position.x))
    return [c.id for c in found]


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class FindBar(QFrame):
    """The find bar of one canvas view, with its actions (Find, Find Next, Find Previous)."""

    def __init__(self, view: DesignView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("find_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find a label, kind or value")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.count = QLabel(self)
        self.count.setMinimumWidth(64)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.count)
        self.find_action = make_action(self, "&Find…", self.open, _KEYS.Find, "edit-find")
        self.next_action = make_action(self, "Find &Next", self.next, _KEYS.FindNext)
        self.previous_action = make_action(self, "Find Pre&vious", self.previous, _KEYS.FindPrevious)
        for action, text in ((self.previous_action, "‹"), (self.next_action, "›")):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setText(text)
            button.setAutoRaise(True)
            layout.addWidget(button)
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip("Close (Escape)")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        view.addActions([self.find_action, self.next_action, self.previous_action])
        self._matches: list[str] = []
        self._index = -1
        self._stale = False
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next)
        self.edit.installEventFilter(self)
        view.installEventFilter(self)  # follow the view's size
        view.document.design_changed.connect(self._design_changed)
        view.document.design_replaced.connect(self._design_changed)
        self.hide()

    # --- what the user does -------------------------------------------------------------
    def open(self) -> None:
        """Show the bar with its text selected, ready to type over."""
        self._place()
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    @property
    def matches(self) -> list[str]:
        """The matching components' ids, in the order Enter visits them."""
        if self._stale:
            self._refresh()
        return list(self._matches)

    # --- finding --------------------------------------------------------------------------
    def _search(self) -> None:
        self._matches = find_components(self.view.document.design, self.edit.text())
        self._stale = False
        self._index = -1
        self._step(1)

    def _refresh(self) -> None:
        """The design changed: find again, staying on the current match if it still is one."""
        current = self._matches[self._index] if 0 <= self._index < len(self._matches) else None
        self._matches = find_components(self.view.document.design, self.edit.text())
        self._index = self._matches.index(current) if current in self._matches else -1
        self._stale = False

    def _step(self, by: int) -> None:
        if not self.isVisible():
            self.open()
        if self._stale:
            self._refresh()
        if not self._matches:
            self._index = -1
            self.count.setText("No match" if self.edit.text().strip() else "")
            return
        self._index = (self._index + by) % len(self._matches) if self._index >= 0 else (0 if by > 0 else -1)
        self._index %= len(self._matches)
        cid = self._matches[self._index]
        self.view.design_scene.select_ids([cid])
        self.view.centre_on_ids([cid])
        self.count.setText(f"{self._index + 1} of {len(self._matches)}")

    def _design_changed(self) -> None:
        self._stale = True

    # --- keys and placement ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if self._canvas_shortcut(event):
                event.accept()  # Delete, Ctrl+A, Ctrl+D … edit the text here, not the design
        elif watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, shift = event.key(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift or key == Qt.Key.Key_Up:
                self.previous()
                return True
            if key == Qt.Key.Key_Down:
                self.next()
                return True
        elif watched is self.view and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _canvas_shortcut(self, event: QKeyEvent) -> bool:
        """Whether the key is one of the canvas's own shortcuts (those live while the canvas
        or a child of it, like this bar, has the focus)."""
        pressed = QKeySequence(event.keyCombination())
        return any(
            shortcut.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
            for action in self.view.actions()
            if action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
            for shortcut in action.shortcuts()
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()  # keys the text field leaves (arrows at its ends …) are not the canvas's

    def _place(self) -> None:
        """At the canvas's top right, clear of the scroll bar."""
        self.adjustSize()
        area = self.view.viewport().geometry()
        self.move(area.right() - self.width() - _MARGIN, area.top() + _MARGIN)
