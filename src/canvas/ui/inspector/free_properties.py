"""UI layer: the inspector's table of a component's free-form properties (key / value rows).

Users add, remove, rename and edit their own properties here. A typed value is read as
JSON when it is a JSON number or boolean, else kept as a string. A key that names a
catalogue attribute is accepted only with a value that attribute allows
(``canvas.io.load.validate_property``), so the file stays loadable. The widget emits
requests; the inspector turns each into one document edit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas.io.load import validate_property

_NEW_KEY = "property"


def parse_value(text: str, old: Any = None) -> Any:
    """A JSON number or boolean if ``text`` is one (or JSON of the old value's container type), else the text."""
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except ValueError:
        return text
    if isinstance(value, bool) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(old, (list, dict)) and isinstance(value, (list, dict)):
        return value
    return text


def format_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def new_key(taken: set[str]) -> str:
    if _NEW_KEY not in taken:
        return _NEW_KEY
    n = 2
    while f"{_NEW_KEY}_{n}" in taken:
        n += 1
    return f"{_NEW_KEY}_{n}"


class FreePropertiesEditor(QWidget):
    """Key/value rows; emits ``value_set(key, value)``, ``key_renamed(old, new)``, ``key_removed(key)``."""

    value_set = Signal(str, object)
    key_renamed = Signal(str, str)
    key_removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self._values: dict[str, Any] = {}
        #: Every key the component already has (catalogue ones included): renames may not collide.
        #: A catalogue name not yet set is allowed when the value fits its type.
        self._taken: set[str] = set()
        self._filling = False
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Key", "Value"])
        self.table.verticalHeader().hide()
        # Exactly as tall as its rows: an expanding table would push the buttons down.
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton("Add", self)
        self.add_button.setToolTip("Add a property of your own")
        self.add_button.clicked.connect(self.add_property)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("Remove the selected property")
        self.remove_button.clicked.connect(self.remove_selected)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #C62828")
        self.error_label.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        #: Shows a refusal; tests and the inspector may replace it.
        self.report: Callable[[str], None] = self._show_error

    # --- showing -------------------------------------------------------------------------
    def set_properties(self, kind: str, values: dict[str, Any], taken: set[str]) -> None:
        """Show ``values`` (free-form keys only) of a component of ``kind``."""
        if kind == self.kind and values == self._values and taken == self._taken:
            return
        self.kind, self._values, self._taken = kind, dict(values), set(taken)
        self._filling = True
        current = self.table.currentRow()
        self.table.setRowCount(len(values))
        for row, (key, value) in enumerate(values.items()):
            key_item = QTableWidgetItem(key)
            key_item.setData(Qt.ItemDataRole.UserRole, key)
            value_item = QTableWidgetItem(format_value(value))
            value_item.setToolTip(format_value(value))
            self.table.setItem(row, 0, key_item)
            self.table.setItem(row, 1, value_item)
        if 0 <= current < len(values):
            self.table.setCurrentCell(current, 0)
        self.table.resizeRowsToContents()
        rows_height = (
            self.table.verticalHeader().length() if values else self.table.verticalHeader().defaultSectionSize()
        )
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height() + rows_height + 2 * self.table.frameWidth()
        )
        self.remove_button.setEnabled(bool(values))
        self._filling = False

    def keys(self) -> list[str]:
        return list(self._values)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # --- editing -------------------------------------------------------------------------
    def add_property(self) -> None:
        self.report("")
        self.value_set.emit(new_key(self._taken), "")

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            item = self.table.item(row, 0)
            if item is not None:
                self.report("")
                self.key_removed.emit(item.data(Qt.ItemDataRole.UserRole))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        key_item = self.table.item(item.row(), 0)
        if key_item is None:
            return
        key = key_item.data(Qt.ItemDataRole.UserRole)
        if item.column() == 0:
            self._rename(key, item.text().strip())
        else:
            self._set_value(key, item.text())

    def _restore(self) -> None:
        values, self._values = self._values, {}
        self.set_properties(self.kind, values, self._taken)

    def _rename(self, old: str, new: str) -> None:
        problem = None
        if not new:
            problem = "A property needs a name."
        elif new != old and new in self._taken:
            problem = f"This component already has a property named '{new}'."
        else:
            reason = validate_property(self.kind, new, self._values.get(old))
            if reason:
                problem = f"'{new}' is a catalogue attribute of this kind and its value does not fit: {reason}."
        if problem:
            self.report(problem)
            self._restore()
            return
        self.report("")
        if new != old:
            self.key_renamed.emit(old, new)

    def _set_value(self, key: str, text: str) -> None:
        value = parse_value(text, self._values.get(key))
        reason = validate_property(self.kind, key, value)
        if reason:
            self.report(f"'{key}': {reason}.")
            self._restore()
            return
        self.report("")
        if value != self._values.get(key) or type(value) is not type(self._values.get(key)):
            self.value_set.emit(key, value)
