"""UI layer: the dialog that asks why a finding may be suppressed.

A suppression without a reason is not allowed (the file keeps why): the OK button stays disabled
until the reason has some text. The reason is saved in the design next to the component.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from canvas.core.rules import Finding, Rule


class SuppressDialog(QDialog):
    def __init__(self, finding: Finding, rule: Rule | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suppress finding")
        title = rule.title if rule is not None else finding.rule
        intro = QLabel(
            f"<b>{escape(title)}</b> <span style='color:gray'>({escape(finding.rule)})</span><br>"
            f"{escape(finding.message)}<br><br>"
            "Why is this acceptable in this design? The reason is saved in the file and shown "
            "with the finding, which stays listed, greyed.",
            self,
        )
        intro.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("e.g. offline experiment, monitored by the platform team")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Suppress")
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()


def ask_reason(parent: QWidget | None, finding: Finding, rule: Rule | None) -> str | None:
    """Show the dialog modally; the reason, or ``None`` when cancelled."""
    dialog = SuppressDialog(finding, rule, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reason:
            return dialog.reason
        return None
    finally:
        dialog.deleteLater()
