"""File ▸ Export and Edit ▸ Copy Diagram as Image, driven from the real main window."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from canvas.templates import load_template
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures


@pytest.fixture
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window()[0]


def test_export_menu_writes_each_format(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("fraud-detection"))
    asked: list[str] = []
    exports = window.exports

    def ask(parent, suggested: str, fmt: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(fmt)
        return str(tmp_path / f"diagram.{fmt}")

    exports.ask_path = ask
    menu_texts = [a.text() for a in exports.export_menu.actions() if a.text()]
    assert menu_texts[:3] == ["Export as PNG…", "Export as SVG…", "Export as PDF…"]
    for fmt in ("png", "svg", "pdf"):
        exports.actions[fmt].trigger()
    assert asked == ["png", "svg", "pdf"]
    png = QImage(str(tmp_path / "diagram.png"))
    assert png.width() > 1000
    labels = {
        "".join(t.itertext())
        for t in ET.parse(tmp_path / "diagram.svg").getroot().iter("{http://www.w3.org/2000/svg}text")
    }
    assert "Fraud scoring model" in labels
    assert (tmp_path / "diagram.pdf").read_bytes().startswith(b"%PDF")
    assert "Exported diagram.pdf" in window.statusBar().currentMessage()
    assert not window.document.dirty  # exporting is not an edit


def test_export_selection_only(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("fraud-detection"))
    exports = window.exports
    assert not exports.selection_action.isEnabled()
    exports.ask_path = lambda parent, suggested, fmt: str(tmp_path / "all.png")
    exports.actions["png"].trigger()
    window.scene.select_ids(["fraud-model", "scoring-service"])
    exports.update_enabled()  # what opening the menu does
    assert exports.selection_action.isEnabled()
    exports.ask_path = lambda parent, suggested, fmt: str(tmp_path / "sel.png")
    exports.selection_action.trigger()
    whole, part = QImage(str(tmp_path / "all.png")), QImage(str(tmp_path / "sel.png"))
    assert 0 < part.width() < whole.width() / 2


def test_export_selection_keeps_the_whole_designs_findings(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A part of a design is marked with the design's findings, not those it would have on
    its own (a requirement cut off from its model is not 'disconnected')."""
    from canvas.export.scene_export import ExportScene, sub_design

    design = load_template("figure-1-1")  # no findings at all
    window.document.replace(design)
    window.scene.select_ids([next(iter(design.components))])
    window.exports.update_enabled()  # what opening the menu does
    exported: list[ExportScene] = []
    real = ExportScene.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(self, *args, **kwargs)
        exported.append(self)

    ExportScene.__init__ = spy  # type: ignore[method-assign]
    try:
        window.exports.ask_path = lambda parent, suggested, fmt: str(tmp_path / "one.png")
        window.exports.selection_action.trigger()
    finally:
        ExportScene.__init__ = real  # type: ignore[method-assign]
    (scene_export,) = exported
    assert [c.finding_count for c in scene_export.scene.component_items()] == [0]
    alone = ExportScene(sub_design(design, [next(iter(design.components))]))
    assert [c.finding_count for c in alone.scene.component_items()] != [0]  # what it used to show


def test_export_error_is_a_sentence_and_nothing_is_written(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    exports = window.exports
    exports.show_error = lambda parent, message: errors.append(message)
    target = tmp_path / "missing" / "d.png"
    exports.ask_path = lambda parent, suggested, fmt: str(target)
    exports.actions["png"].trigger()
    assert errors == [f"{target}: the folder {target.parent} does not exist"]
    assert not target.exists()


def test_cancelled_dialog_does_nothing(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.exports.ask_path = lambda parent, suggested, fmt: None
    assert window.exports.export("png") is None


def test_copy_diagram_as_image(window) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("figure-1-1"))
    QGuiApplication.clipboard().clear()
    window.exports.copy_image_action.trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 1000
