"""UI layer: one editor widget per catalogue attribute type (the inspector's building blocks).

Each editor shows a value with :meth:`AttributeEditor.set_value` (never emitting) and emits
``committed(value)`` once per finished user change — :data:`UNSET` meaning "remove the
property". The widget types keep values valid: numbers are non-negative, enums come from
the catalogue's choices, booleans are booleans. Editors never touch the document; the
inspector turns a commit into one document edit (one undo step).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from canvas.core.catalog import ML_FIT_CRITERIA, ML_FIT_HUMAN, ML_FIT_SHINES, Attribute, AttrType
from canvas.core.ml_fit import ml_fit_problems, ml_fit_verdict
from canvas.ui.inspector.elided_combo import ElidedComboBox


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: Emitted by an editor when the user clears a value: the property is removed.
UNSET: Any = _Unset()
MIXED_TEXT = "(mixed)"
NOT_SET = "not set"
NUMBER_MAX = 1e12


class AttributeEditor(QWidget):
    """Base class: shows one attribute's value and reports finished changes."""

    committed = Signal(object)

    def __init__(self, attr: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attr = attr
        self.setToolTip(attr.description)

    def set_value(self, value: Any, mixed: bool = False) -> None:
        """Show ``value`` (``UNSET`` for a missing property); ``mixed`` when a multi-selection disagrees."""
        raise NotImplementedError

    def _commit(self, value: Any) -> None:
        self.committed.emit(value)


class _NumberSpin(QDoubleSpinBox):
    """Shows 100 ms and $ 20,000 rather than 100.00 ms and $ 20000.00."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        text = f"{value:,.{self.decimals()}f}".rstrip("0").rstrip(".")
        return text if self.isGroupSeparatorShown() else text.replace(",", "")


class NumberEditor(AttributeEditor):
    """A non-negative spin box with the unit as suffix; below zero reads "not set"."""

    def __init__(self, attr: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.spin = _NumberSpin(self)
        self.spin.setGroupSeparatorShown(attr.unit == "$")
        self.spin.setDecimals(2)
        # One step below zero is the "not set" state, shown as specialValueText.
        self.spin.setRange(-0.01, NUMBER_MAX)
        self.spin.setSpecialValueText(NOT_SET)
        self.spin.setKeyboardTracking(False)
        self.spin.setAccelerated(True)
        self.spin.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.spin.setMinimumWidth(90)  # its size hint fits the 1e12 maximum: far too wide for a dock
        if attr.unit:
            self.spin.setSuffix(f" {attr.unit}" if attr.unit != "$" else "")
            if attr.unit == "$":
                self.spin.setPrefix("$ ")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip(f"Clear {attr.label} (leave it not set)")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)
        self.spin.valueChanged.connect(self._changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.spin, 1)
        row.addWidget(self.clear_button)

    def set_value(self, value: Any, mixed: bool = False) -> None:
        self.spin.blockSignals(True)
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        self.spin.setValue(float(number) if number is not None and not mixed else self.spin.minimum())
        self.spin.setSpecialValueText(MIXED_TEXT if mixed else NOT_SET)
        self.clear_button.setEnabled(number is not None or mixed)
        self.spin.blockSignals(False)

    def value(self) -> Any:
        v = self.spin.value()
        if v < 0:
            return UNSET
        return int(v) if float(v).is_integer() else v

    def clear(self) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(self.spin.minimum())
        self.spin.blockSignals(False)
        self.clear_button.setEnabled(False)
        self._commit(UNSET)

    def _changed(self, _v: float) -> None:
        self.clear_button.setEnabled(self.spin.value() >= 0)
        self._commit(self.value())


class EnumEditor(AttributeEditor):
    def __init__(self, attr: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.combo = ElidedComboBox(self)
        self.combo.addItem(NOT_SET, UNSET)
        for choice in attr.choices:
            self.combo.addItem(choice, choice)
        self.combo.activated.connect(lambda i: self._commit(self.combo.itemData(i)))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)

    def set_value(self, value: Any, mixed: bool = False) -> None:
        self.combo.setItemText(0, MIXED_TEXT if mixed else self._unset_text())
        index = self.combo.findData(value) if not mixed and value is not UNSET else -1
        self.combo.setCurrentIndex(max(index, 0))

    def _unset_text(self) -> str:
        return f"{NOT_SET} (default {self.attr.default})" if self.attr.default is not None else NOT_SET


class BoolEditor(AttributeEditor):
    def __init__(self, attr: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.check = QCheckBox(self)
        self.check.clicked.connect(lambda on: self._commit(bool(on)))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addStretch(1)

    def set_value(self, value: Any, mixed: bool = False) -> None:
        shown = value if isinstance(value, bool) else bool(self.attr.default)
        self.check.setTristate(mixed)
        self.check.setCheckState(
            Qt.CheckState.PartiallyChecked if mixed else Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked
        )
        self.check.setText(MIXED_TEXT if mixed else "")


class StringEditor(AttributeEditor):
    """A line edit committing on Enter or focus out; an empty text removes the property."""

    def __init__(self, attr: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(NOT_SET)  # the description is a hint under the field
        self.edit.editingFinished.connect(self._finished)
        self._shown = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)

    def set_value(self, value: Any, mixed: bool = False) -> None:
        self._shown = "" if mixed or value is UNSET else self._to_text(value)
        if self.edit.text() != self._shown:
            self.edit.setText(self._shown)
            self.edit.setCursorPosition(0)  # show the start of a long text, not its end
        self.edit.setPlaceholderText(MIXED_TEXT if mixed else NOT_SET)
        self.edit.setToolTip(self._shown)  # a value longer than the field can be read whole

    def _to_text(self, value: Any) -> str:
        return str(value)

    def _from_text(self, text: str) -> Any:
        return text

    def _finished(self) -> None:
        text = self.edit.text().strip()
        if text == self._shown.strip():
            return
        self._shown = text
        self._commit(self._from_text(text) if text else UNSET)


class CommaListEditor(StringEditor):
    """A list of strings typed as comma-separated text."""

    def _to_text(self, value: Any) -> str:
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)

    def _from_text(self, text: str) -> Any:
        items = [part.strip() for part in text.split(",")]
        return [i for i in items if i] or UNSET


class ChecklistEditor(AttributeEditor):
    """A list of strings chosen from the attribute's choices (values outside them stay listed)."""

    def __init__(self, attr: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.list = QListWidget(self)
        self.list.itemChanged.connect(self._changed)
        self._filling = False
        row = QVBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list)
        self._fill([], mixed=False)

    def _fill(self, chosen: list[str], mixed: bool) -> None:
        self._filling = True
        self.list.clear()
        for text in [*self.attr.choices, *(c for c in chosen if c not in self.attr.choices)]:
            item = QListWidgetItem(text, self.list)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if text in chosen else Qt.CheckState.Unchecked)
        self.list.setToolTip(f"{self.attr.description} {MIXED_TEXT if mixed else ''}".strip())
        rows = self.list.count()
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 2 if rows else 24)
        self._filling = False

    def set_value(self, value: Any, mixed: bool = False) -> None:
        chosen = [str(v) for v in value] if isinstance(value, list) and not mixed else []
        if chosen != self.checked():
            self._fill(chosen, mixed)

    def checked(self) -> list[str]:
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _changed(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self._commit(self.checked() or UNSET)


_ANSWERS = (("not answered", None), ("yes", True), ("no", False))


class MlFitEditor(AttributeEditor):
    """The ch. 1 *When to use ML* questions, each yes / no / not answered, and the verdict."""

    def __init__(self, attr: Attribute, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.combos: dict[str, QComboBox] = {}
        self._fit: dict[str, bool] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        row = 0
        for heading, questions in (
            ("ML learns complex patterns from existing data to predict unseen data:", ML_FIT_CRITERIA),
            ("ML shines when:", ML_FIT_SHINES),
            ("Otherwise:", ML_FIT_HUMAN),
        ):
            title = QLabel(f"<i>{heading}</i>", self)
            title.setWordWrap(True)
            grid.addWidget(title, row, 0, 1, 2)
            row += 1
            for key, text in questions.items():
                label = QLabel(text, self)
                label.setWordWrap(True)
                combo = ElidedComboBox(self)
                for shown, answer in _ANSWERS:
                    combo.addItem(shown, answer)
                combo.setObjectName(f"ml_fit.{key}")
                combo.activated.connect(lambda _i, k=key: self._answered(k))
                label.setBuddy(combo)
                grid.addWidget(label, row, 0)
                grid.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignTop)
                self.combos[key] = combo
                row += 1
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.verdict, row, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self._show_verdict(mixed=False)

    def set_value(self, value: Any, mixed: bool = False) -> None:
        self._fit = (
            {k: v for k, v in value.items() if isinstance(v, bool)} if isinstance(value, dict) and not mixed else {}
        )
        for key, combo in self.combos.items():
            combo.setCurrentIndex(combo.findData(self._fit.get(key)) if key in self._fit else 0)
        self._show_verdict(mixed)

    def fit(self) -> dict[str, bool]:
        return dict(self._fit)

    def _answered(self, key: str) -> None:
        answer = self.combos[key].currentData()
        fit = dict(self._fit)
        if answer is None:
            fit.pop(key, None)
        else:
            fit[key] = bool(answer)
        if fit == self._fit:
            return
        # Keep the book's question order in the file, whatever order they were answered in.
        self._fit = {k: fit[k] for k in self.combos if k in fit}
        self._show_verdict(mixed=False)
        self._commit(dict(self._fit) if self._fit else UNSET)

    def _show_verdict(self, mixed: bool) -> None:
        if mixed:
            self.verdict.setText(f"<b>{MIXED_TEXT}</b> — the selected requirements answer differently.")
            return
        ok = not ml_fit_problems(self._fit)
        colour = "#2E7D32" if ok and self._fit else "#C62828" if not ok else ""
        style = f"font-weight:600;color:{colour}" if colour else "font-weight:600"
        self.verdict.setText(f'<span style="{style}">{ml_fit_verdict(self._fit)}</span>')


def editor_for(attr: Attribute, parent: QWidget | None = None) -> AttributeEditor:
    """The widget that edits a catalogue attribute of this type."""
    if attr.type is AttrType.NUMBER:
        return NumberEditor(attr, parent)
    if attr.type is AttrType.ENUM:
        return EnumEditor(attr, parent)
    if attr.type is AttrType.BOOL:
        return BoolEditor(attr, parent)
    if attr.type is AttrType.STRING_LIST:
        return ChecklistEditor(attr, parent) if attr.choices else CommaListEditor(attr, parent)
    if attr.type is AttrType.ML_FIT:
        return MlFitEditor(attr, parent)
    return StringEditor(attr, parent)
