"""Mermaid from the real main window: File ▸ Export… with the Mermaid format, and Edit ▸ Copy
Diagram as Mermaid — the same text ``ml-canvas export -o x.mmd`` writes, for the design as it
is in the editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from canvas.cli import main
from canvas.io import save_design
from canvas.templates import load_template
from tests.ui.files.export_gestures import choose_format, export_button, open_with_ctrl_e, type_path
from tests.ui.ui_fixtures import focused_window, isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(focused_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    window, _ = focused_window
    save_design(load_template("fraud-detection"), tmp_path / "fraud.json", backup=False)
    assert window.files.open_path(tmp_path / "fraud.json", ask=False)
    return window


def export_mermaid(qtbot, window, path: Path | None) -> Path:  # type: ignore[no-untyped-def]
    """File ▸ Export… (Ctrl+E), the Mermaid format, ``path`` (or the file offered), Export."""
    dialog = open_with_ctrl_e(qtbot, window)
    choose_format(qtbot, dialog, "mmd")
    if path is not None:
        type_path(qtbot, dialog, path)
    offered = dialog.path()
    export_button(qtbot, dialog)
    return offered


def test_the_export_dialog_offers_mermaid_beside_the_images(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_with_ctrl_e(qtbot, window)
    formats = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
    assert formats == ["png", "svg", "pdf", "mmd"]
    dialog.reject()
    edit_texts = [a.text() for a in window.edit_menu.actions()]
    assert "Copy Diagram as &Mermaid" in edit_texts


def test_export_writes_what_the_command_line_writes(qtbot, window, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert export_mermaid(qtbot, window, None) == tmp_path / "fraud.mmd"  # offered beside the design
    written = (tmp_path / "fraud.mmd").read_text(encoding="utf-8")
    assert main(["export", str(tmp_path / "fraud.json"), "-o", str(tmp_path / "cli.mmd")]) == 0
    capsys.readouterr()
    assert written == (tmp_path / "cli.mmd").read_text(encoding="utf-8")
    assert written.splitlines()[1] == "flowchart LR" and "Fraud scoring model" in written
    assert window.statusBar().currentMessage().startswith("Exported fraud.mmd (Mermaid flowchart: ")
    assert not window.document.dirty


def test_export_of_unsaved_edits_and_a_failed_write(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.set_name("Renamed in the editor")
    export_mermaid(qtbot, window, tmp_path / "x.mmd")
    assert '"Renamed in the editor"' in (tmp_path / "x.mmd").read_text(encoding="utf-8").splitlines()[0]

    errors: list[str] = []
    window.exports.show_error = lambda _parent, message: errors.append(message)
    export_mermaid(qtbot, window, tmp_path / "no such folder" / "x.mmd")
    assert len(errors) == 1 and errors[0].startswith("Could not save ") and "\n" not in errors[0]
    assert not (tmp_path / "no such folder").exists()


def test_copy_diagram_as_mermaid(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.edit_menu.aboutToShow.emit()
    window.mermaid.copy_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert window.statusBar().currentMessage() == "Copied the diagram as Mermaid (20 components, 27 links)"
    export_mermaid(qtbot, window, tmp_path / "same.mmd")
    assert text == (tmp_path / "same.mmd").read_text(encoding="utf-8")
    assert text.startswith("%% ML System Canvas design ") and "classDef" in text
