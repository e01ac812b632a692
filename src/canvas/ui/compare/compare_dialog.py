"""UI layer: File ▸ Compare With… asks what to compare the open design with — another design
file, or a git revision of the open file (the commits that touched it are listed, newest
first; any revision git knows can be typed: ``HEAD~2``, ``main``, a tag, a hash).

The dialog only asks; reading the choice, and saying what is wrong with it, is
:class:`~canvas.ui.compare.compare_mode.CompareMode`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from canvas.io import DesignLoadError
from canvas.io.sources import Revision, revisions_of

FILE_FILTER = "ML System Canvas designs (*.json);;All files (*)"


@dataclass(frozen=True)
class CompareChoice:
    """A design file, or a revision of the open file."""

    file: Path | None = None
    revision: str | None = None


def revision_text(rev: Revision) -> str:
    return f"{rev.short} · {rev.date} · {rev.subject}"


class CompareDialog(QDialog):
    def __init__(self, open_path: Path | None, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare With")
        self._folder = folder
        self.file_option = QRadioButton("Another design file:", self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setPlaceholderText("a .json design file")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        name = open_path.name if open_path is not None else "the open design"
        self.revision_option = QRadioButton(f"A git revision of {name}:", self)
        self.revision_box = QComboBox(self)
        self.revision_box.setEditable(True)
        self.revision_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.revision_box.setMinimumContentsLength(36)
        self.revision_edit = self.revision_box.lineEdit()
        assert self.revision_edit is not None  # the box is editable
        self.revision_edit.setPlaceholderText("HEAD, HEAD~2, main, a tag or a commit")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text)")
        group = QButtonGroup(self)
        group.addButton(self.file_option)
        group.addButton(self.revision_option)

        self.revisions = self._fill_revisions(open_path)
        (self.revision_option if self.revisions else self.file_option).setChecked(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for signal in (group.buttonToggled, self.file_edit.textChanged, self.revision_box.currentTextChanged):
            signal.connect(self._update_ok)
        self.file_edit.textEdited.connect(lambda _text: self.file_option.setChecked(True))
        self.revision_edit.textEdited.connect(lambda _text: self.revision_option.setChecked(True))

        grid = QGridLayout(self)
        grid.addWidget(self.file_option, 0, 0, 1, 2)
        grid.addWidget(self.file_edit, 1, 0)
        grid.addWidget(browse, 1, 1)
        grid.addWidget(self.revision_option, 2, 0, 1, 2)
        grid.addWidget(self.revision_box, 3, 0, 1, 2)
        grid.addWidget(self.hint, 4, 0, 1, 2)
        grid.addWidget(self.buttons, 5, 0, 1, 2)
        self._update_ok()

    def _fill_revisions(self, open_path: Path | None) -> list[Revision]:
        if open_path is None:
            self.hint.setText("Save the design to compare it with its git history.")
            self.revision_option.setEnabled(False)
            self.revision_box.setEnabled(False)
            return []
        try:
            revisions = revisions_of(open_path)
        except DesignLoadError as exc:
            self.hint.setText(exc.message[:1].upper() + exc.message[1:] + ".")
            return []
        for rev in revisions:
            self.revision_box.addItem(revision_text(rev), rev.commit)
            self.revision_box.setItemData(self.revision_box.count() - 1, rev.subject, Qt.ItemDataRole.ToolTipRole)
        if revisions:
            self.hint.setText(f"The commits that changed {open_path.name}, newest first; or type any revision.")
        else:
            self.hint.setText(f"No commit has {open_path.name} yet; type a revision to compare with.")
        return revisions

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Compare with", self._folder, FILE_FILTER)
        if path:
            self.file_edit.setText(path)
            self.file_option.setChecked(True)

    def revision(self) -> str:
        """The revision chosen from the list (its full hash) or typed."""
        text = self.revision_box.currentText().strip()
        index = self.revision_box.findText(text)
        data = self.revision_box.itemData(index) if index >= 0 else None
        return str(data) if data else text

    def choice(self) -> CompareChoice | None:
        if self.file_option.isChecked():
            text = self.file_edit.text().strip()
            return CompareChoice(file=Path(text).expanduser()) if text else None
        if self.revision_option.isChecked():
            rev = self.revision()
            return CompareChoice(revision=rev) if rev else None
        return None

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.choice() is not None)


def ask_compare_source(parent: QWidget | None, open_path: Path | None, folder: str) -> CompareChoice | None:
    """What to compare the open design with, or ``None`` (cancelled). Tests replace this."""
    dialog = CompareDialog(open_path, folder, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
