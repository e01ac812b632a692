"""UI layer: Design ▸ Rule settings — turn rules off or change their severity, per design.

The settings live in the design file (``settings.rules``). The dialog edits a copy; OK
applies only what changed, through :meth:`Document.set_rule_setting`, as one undo step.
A rule put back to "enabled, default severity" has its entry removed, so files stay small.

Every cell is shown whole, never elided: each column is as wide as its longest text, the
Figure 1-1 box column also takes any room to spare, and a window too narrow for them all
scrolls sideways. The dialog opens wide and tall enough for every rule on one line each,
as far as its screen allows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas.core.model import RuleSetting, Severity
from canvas.core.rules import RULES, RULES_BY_ID, Rule
from canvas.ui.document import Document
from canvas.ui.findings.rule_explanation import RuleExplanationDialog
from canvas.ui.findings.severity import ORDER, icon

_COLUMNS = ("On", "Rule", "Title", "Figure 1-1 box", "Severity")
_BOX = 3  # the Figure 1-1 box column: the one given any room to spare


def _normalised(rule: Rule, setting: RuleSetting | None) -> RuleSetting | None:
    """``None`` for a setting that changes nothing (enabled, default severity)."""
    if setting is None:
        return None
    severity = setting.severity if setting.severity != rule.severity else None
    if setting.enabled and severity is None:
        return None
    return RuleSetting(enabled=setting.enabled, severity=severity)


class RuleSettingsDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Rule settings")
        self.enabled_boxes: dict[str, QCheckBox] = {}
        self.severity_combos: dict[str, QComboBox] = {}
        self._explain: RuleExplanationDialog | None = None

        intro = QLabel(
            "Turn rules off or change their severity for this design. The settings are saved in "
            "the design file, so CI checks it the same way. Double-click a rule to read what it checks.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(RULES), len(_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.explain(RULES[row]))
        settings = document.design.settings.rules
        for row, rule in enumerate(RULES):
            self._fill_row(row, rule, settings.get(rule.id))
        header = self.table.horizontalHeader()
        for col in range(len(_COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Qt's Stretch would squeeze the column below its text in a narrow window: it is
        # sized by hand instead, to its text or the room to spare (see eventFilter).
        header.setSectionResizeMode(_BOX, QHeaderView.ResizeMode.Fixed)
        self.table.viewport().installEventFilter(self)
        self._fit_box_column()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.clicked.connect(self.restore_defaults)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(self._opening_size())

    def _opening_size(self) -> QSize:
        """Every column on one line and every rule in view, as far as the screen allows."""
        table = self.table
        columns = sum(
            max(table.sizeHintForColumn(c), table.horizontalHeader().sectionSizeHint(c)) for c in range(len(_COLUMNS))
        )
        table.resizeRowsToContents()  # one line each (no wrapping): the combo boxes set the height
        rows = table.verticalHeader().length()
        chrome = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width() + 40
        width = columns + chrome
        height = rows + table.horizontalHeader().sizeHint().height() + 150
        screen = self.screen().availableGeometry() if self.screen() is not None else QRect(0, 0, 1280, 800)
        return QSize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9)))

    def _fill_row(self, row: int, rule: Rule, setting: RuleSetting | None) -> None:
        check = QCheckBox(self.table)
        check.setChecked(setting is None or setting.enabled)
        check.setToolTip(f"Run {rule.id} on this design")
        holder = QWidget(self.table)
        box = QHBoxLayout(holder)
        box.setContentsMargins(6, 0, 6, 0)
        box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(check)
        self.table.setCellWidget(row, 0, holder)
        self.enabled_boxes[rule.id] = check

        for col, text in ((1, rule.id), (2, rule.title), (3, f"{rule.box_title} · ch. {rule.chapter}")):
            item = QTableWidgetItem(text)
            item.setToolTip(f"{rule.title}\n\n{rule.hint}")
            self.table.setItem(row, col, item)

        combo = QComboBox(self.table)
        combo.addItem(icon(rule.severity), f"Default ({rule.severity.value})", None)
        for sev in ORDER:
            combo.addItem(icon(sev), sev.value.capitalize(), sev.value)
        current = setting.severity.value if setting is not None and setting.severity else None
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        check.toggled.connect(combo.setEnabled)
        combo.setEnabled(check.isChecked())
        self.table.setCellWidget(row, 4, combo)
        self.severity_combos[rule.id] = combo

    def _fit_box_column(self) -> None:
        table = self.table
        header = table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(len(_COLUMNS)) if c != _BOX)
        text = max(table.sizeHintForColumn(_BOX), header.sectionSizeHint(_BOX))
        width = max(text, table.viewport().width() - others)
        if header.sectionSize(_BOX) != width:
            header.resizeSection(_BOX, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            # After the table's own layout (its columns are sized to their contents lazily).
            QTimer.singleShot(0, self, self._fit_box_column)
        return super().eventFilter(watched, event)

    # --- state ---------------------------------------------------------------------------
    def setting_for(self, rule_id: str) -> RuleSetting | None:
        """What the dialog currently says for a rule (``None`` = defaults)."""
        rule = RULES_BY_ID[rule_id]
        data = self.severity_combos[rule_id].currentData()
        setting = RuleSetting(
            enabled=self.enabled_boxes[rule_id].isChecked(), severity=Severity(data) if data else None
        )
        return _normalised(rule, setting)

    def changes(self) -> dict[str, RuleSetting | None]:
        """The rules whose setting differs from the design's."""
        saved = self.document.design.settings.rules
        out: dict[str, RuleSetting | None] = {}
        for rule in RULES:
            new = self.setting_for(rule.id)
            old = _normalised(rule, saved.get(rule.id))
            if new != old or (new is None and rule.id in saved):
                out[rule.id] = new
        return out

    def restore_defaults(self) -> None:
        for rule in RULES:
            self.enabled_boxes[rule.id].setChecked(True)
            self.severity_combos[rule.id].setCurrentIndex(0)

    def apply(self) -> None:
        """Push the changes, all in one undo step."""
        changes = self.changes()
        if not changes:
            return
        stack = self.document.undo_stack
        stack.beginMacro("Change rule settings" if len(changes) > 1 else f"Change rule {next(iter(changes))}")
        try:
            for rule_id, setting in changes.items():
                self.document.set_rule_setting(rule_id, setting)
        finally:
            stack.endMacro()

    def accept(self) -> None:
        self.apply()
        super().accept()

    def explain(self, rule: Rule) -> None:
        self._explain = RuleExplanationDialog(rule, parent=self)
        self._explain.show()


def edit_rule_settings(document: Document, parent: QWidget | None = None) -> bool:
    """Show the dialog modally (the main window's menu action); True if accepted."""
    dialog = RuleSettingsDialog(document, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
