"""UI layer: the questions asked to keep work safe — recover after a crash, compare, reload a
file changed by another program, overwrite it or not.

Each is one module-level function so tests replace it (``monkeypatch.setattr``) and no real
modal dialog ever opens in a test run. Callers look them up at call time, or copy them onto
an instance attribute when the window is built.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class RecoveryChoice(Enum):
    RESTORE = "restore"
    COMPARE = "compare"
    DISCARD = "discard"
    LATER = "later"


class OverwriteChoice(Enum):
    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


_Choice = TypeVar("_Choice", RecoveryChoice, OverwriteChoice)


def _answer(box: QMessageBox, answers: dict[QAbstractButton, _Choice], otherwise: _Choice) -> _Choice:
    """Show ``box`` and return the answer of the button clicked (``otherwise`` for any
    other way out: Escape, the close button, Cancel)."""
    box.exec()
    return answers.get(box.clickedButton(), otherwise)


def ask_recovery(parent: QWidget | None, name: str, saved_at: str, details: str) -> RecoveryChoice:
    """Restore / Compare… / Discard / Later for one recovery file."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Recover unsaved changes")
    box.setText(
        f"ML System Canvas did not close normally. Unsaved changes to “{name}” from {saved_at} can be recovered."
    )
    box.setInformativeText(details)
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    compare = box.addButton("Compare…", QMessageBox.ButtonRole.ActionRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    answers: dict[QAbstractButton, RecoveryChoice] = {
        restore: RecoveryChoice.RESTORE,
        compare: RecoveryChoice.COMPARE,
        discard: RecoveryChoice.DISCARD,
    }
    return _answer(box, answers, RecoveryChoice.LATER)


class ComparisonDialog(QDialog):
    """A read-only, monospaced view of a comparison text."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("“−” lines are the file on disk, “+” lines the recovered design.", self))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 560)


def show_comparison(parent: QWidget | None, title: str, text: str) -> None:
    ComparisonDialog(title, text, parent).exec()


def ask_overwrite_changed(parent: QWidget | None, name: str) -> OverwriteChoice:
    """Saving over a file another program changed since it was opened or saved here."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk")
    box.setText(f"“{name}” was changed by another program since you opened or saved it.")
    box.setInformativeText(
        "Overwriting replaces those changes with yours (the replaced version is kept "
        f"as {name}.bak). Save As… keeps both."
    )
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    return _answer(
        box, {overwrite: OverwriteChoice.OVERWRITE, save_as: OverwriteChoice.SAVE_AS}, OverwriteChoice.CANCEL
    )


def ask_reload(parent: QWidget | None, name: str, dirty: bool) -> bool:
    """Whether to reload a file another program changed; a dirty document says what is lost."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if dirty else QMessageBox.Icon.Question)
    box.setWindowTitle("File changed on disk")
    box.setText(f"“{name}” was changed by another program.")
    if dirty:
        box.setInformativeText(
            "Reloading it discards the unsaved changes in this window. Keep them to save "
            "over the file or elsewhere later."
        )
        reload = box.addButton("Reload and Discard My Changes", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep My Changes", QMessageBox.ButtonRole.RejectRole)
    else:
        box.setInformativeText("Reload it to see the new version?")
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Ignore", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep if dirty else reload)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is reload
