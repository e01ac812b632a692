"""File ▸ Export ▸ Export as Mermaid… and Edit ▸ Copy Diagram as Mermaid, from the real main
window: the same text ``ml-canvas export -o x.mmd`` writes, for the design as it is in the editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from canvas.cli import main
from canvas.io import save_design
from canvas.templates import load_template
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(make_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    window, _ = make_window()
    save_design(load_template("fraud-detection"), tmp_path / "fraud.json", backup=False)
    assert window.files.open_path(tmp_path / "fraud.json", ask=False)
    return window


def test_export_menu_offers_mermaid_beside_the_images(window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.exports.export_menu.actions() if a.text()]
    assert texts[:4] == ["Export as PNG…", "Export as SVG…", "Export as PDF…", "Export as &Mermaid…"]
    edit_texts = [a.text() for a in window.edit_menu.actions()]
    assert "Copy Diagram as &Mermaid" in edit_texts


def test_export_writes_what_the_command_line_writes(window, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def ask(_parent, suggested: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(tmp_path / "editor")  # no extension: .mmd is added

    window.mermaid.ask_path = ask
    window.mermaid.export_action.trigger()
    assert asked == [str(tmp_path / "fraud.mmd")]
    written = (tmp_path / "editor.mmd").read_text(encoding="utf-8")
    assert main(["export", str(tmp_path / "fraud.json"), "-o", str(tmp_path / "cli.mmd")]) == 0
    capsys.readouterr()
    assert written == (tmp_path / "cli.mmd").read_text(encoding="utf-8")
    assert written.splitlines()[1] == "flowchart LR" and "Fraud scoring model" in written
    assert window.statusBar().currentMessage().startswith("Exported editor.mmd (Mermaid flowchart: ")
    assert not window.document.dirty


def test_export_of_unsaved_edits_and_a_failed_write(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.set_name("Renamed in the editor")
    window.mermaid.ask_path = lambda _parent, _suggested: str(tmp_path / "x.mmd")
    window.mermaid.export_action.trigger()
    assert '"Renamed in the editor"' in (tmp_path / "x.mmd").read_text(encoding="utf-8").splitlines()[0]

    errors: list[str] = []
    window.mermaid.show_error = lambda _parent, message: errors.append(message)
    window.mermaid.ask_path = lambda _parent, _suggested: str(tmp_path / "no such folder" / "x.mmd")
    window.mermaid.export_action.trigger()
    assert len(errors) == 1 and errors[0].startswith("Could not save ") and "\n" not in errors[0]
    assert not (tmp_path / "no such folder").exists()


def test_copy_diagram_as_mermaid(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.edit_menu.aboutToShow.emit()
    window.mermaid.copy_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert window.statusBar().currentMessage() == "Copied the diagram as Mermaid (20 components, 27 links)"
    window.mermaid.ask_path = lambda _parent, _suggested: str(tmp_path / "same.mmd")
    window.mermaid.export_action.trigger()
    assert text == (tmp_path / "same.mmd").read_text(encoding="utf-8")
    assert text.startswith("%% ML System Canvas design ") and "classDef" in text
