"""File ▸ Export (a dialog with the command line's options) and Edit ▸ Copy Diagram as Image,
driven from the real main window with key presses and clicks on the dialog's widgets."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage

from canvas.templates import load_template
from tests.ui.files.export_gestures import choose_format, export_button, open_with_ctrl_e, type_path
from tests.ui.ui_fixtures import focused_window, isolated_settings, make_window  # noqa: F401 - fixtures

ERROR_RED = QColor("#D50000")


@pytest.fixture
def window(focused_window):  # type: ignore[no-untyped-def]
    return focused_window[0]


def tick(qtbot, check) -> None:  # type: ignore[no-untyped-def]
    """Click a check box's box (its middle may be past the end of its text)."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def has_colour(image: QImage, colour: QColor) -> bool:
    return any(
        image.pixelColor(x, y).rgb() == colour.rgb() for y in range(0, image.height(), 2) for x in range(image.width())
    )


def test_ctrl_e_offers_each_format_of_the_cli_and_writes_it(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("fraud-detection"))
    for fmt in ("png", "svg", "pdf", "mmd"):
        dialog = open_with_ctrl_e(qtbot, window)
        choose_format(qtbot, dialog, fmt)
        type_path(qtbot, dialog, tmp_path / "diagram")  # the extension follows the format
        # only the options that apply to the format can be changed
        assert dialog.scale_spin.isEnabled() == (fmt == "png")
        assert dialog.transparent_check.isEnabled() == (fmt in ("png", "svg"))
        assert dialog.margin_spin.isEnabled() == (fmt != "mmd")
        export_button(qtbot, dialog)
    png = QImage(str(tmp_path / "diagram.png"))
    assert png.width() > 1000
    labels = {
        "".join(t.itertext())
        for t in ET.parse(tmp_path / "diagram.svg").getroot().iter("{http://www.w3.org/2000/svg}text")
    }
    assert "Fraud scoring model" in labels
    assert (tmp_path / "diagram.pdf").read_bytes().startswith(b"%PDF")
    mermaid = (tmp_path / "diagram.mmd").read_text(encoding="utf-8")
    assert "flowchart LR" in mermaid and "Fraud scoring model" in mermaid and "finding_error" in mermaid
    assert "Exported diagram.mmd (Mermaid flowchart" in window.statusBar().currentMessage()
    assert not window.document.dirty  # exporting is not an edit


def test_the_cli_options_change_the_picture(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Scale, transparent background and without findings, as ``ml-canvas export`` has them."""
    window.document.replace(load_template("fraud-detection"))  # one error: an SLO outline in red
    dialog = open_with_ctrl_e(qtbot, window)
    type_path(qtbot, dialog, tmp_path / "plain.png")
    export_button(qtbot, dialog)
    plain = QImage(str(tmp_path / "plain.png"))
    assert plain.pixelColor(0, 0).alpha() == 255 and has_colour(plain, ERROR_RED)

    dialog = open_with_ctrl_e(qtbot, window)
    dialog.scale_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.scale_spin, "1")
    tick(qtbot, dialog.transparent_check)
    tick(qtbot, dialog.no_findings_check)
    assert "px" in dialog.size_label.text()
    type_path(qtbot, dialog, tmp_path / "options.png")
    export_button(qtbot, dialog)
    small = QImage(str(tmp_path / "options.png"))
    assert abs(small.width() - plain.width() / 2) <= 2  # scale 1 against the default 2
    assert small.pixelColor(0, 0).alpha() == 0  # transparent
    assert not has_colour(small, ERROR_RED)  # no findings outlines


def test_the_dialog_remembers_the_last_choices(qtbot, window, tmp_path: Path, make_window) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("figure-1-1"))
    dialog = open_with_ctrl_e(qtbot, window)
    choose_format(qtbot, dialog, "svg")
    tick(qtbot, dialog.no_findings_check)
    dialog.margin_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.margin_spin, "60")
    type_path(qtbot, dialog, tmp_path / "remembered.svg")
    export_button(qtbot, dialog)
    assert (tmp_path / "remembered.svg").is_file()

    again = open_with_ctrl_e(qtbot, window)
    assert again.fmt == "svg" and again.no_findings_check.isChecked() and again.margin_spin.value() == 60
    assert Path(again.path_edit.text()).parent == tmp_path  # the last folder
    qtbot.mouseClick(again.buttons.button(again.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    # and in the next window too (they are settings, not state of this window)
    other = make_window()[0]
    other.exports.open_dialog()
    assert other.exports.dialog.fmt == "svg" and other.exports.dialog.no_findings_check.isChecked()
    other.exports.dialog.reject()


def test_export_selection_only(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("fraud-detection"))
    exports = window.exports
    assert not exports.selection_action.isEnabled()
    dialog = open_with_ctrl_e(qtbot, window)
    assert not dialog.selection_check.isEnabled()  # nothing selected
    type_path(qtbot, dialog, tmp_path / "all.png")
    export_button(qtbot, dialog)
    window.scene.select_ids(["fraud-model", "scoring-service"])
    exports.update_enabled()  # what opening the menu does
    assert exports.selection_action.isEnabled()
    exports.selection_action.trigger()
    dialog = exports.dialog
    assert dialog.selection_check.isChecked() and "2 components" in dialog.selection_check.text()
    type_path(qtbot, dialog, tmp_path / "sel.png")
    export_button(qtbot, dialog)
    whole, part = QImage(str(tmp_path / "all.png")), QImage(str(tmp_path / "sel.png"))
    assert 0 < part.width() < whole.width() / 2


def test_export_selection_keeps_the_whole_designs_findings(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A part of a design is marked with the design's findings, not those it would have on
    its own (a requirement cut off from its model is not 'disconnected')."""
    from canvas.export.scene_export import ExportScene, sub_design

    design = load_template("figure-1-1")  # no findings at all
    window.document.replace(design)
    window.scene.select_ids([next(iter(design.components))])
    exported: list[ExportScene] = []
    real = ExportScene.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(self, *args, **kwargs)
        exported.append(self)

    ExportScene.__init__ = spy  # type: ignore[method-assign]
    try:
        window.exports.export_to(tmp_path / "one.png", selection_only=True)
    finally:
        ExportScene.__init__ = real  # type: ignore[method-assign]
    (scene_export,) = exported
    assert [c.finding_count for c in scene_export.scene.component_items()] == [0]
    alone = ExportScene(sub_design(design, [next(iter(design.components))]))
    assert [c.finding_count for c in alone.scene.component_items()] != [0]  # what it used to show


def test_the_file_offered_is_beside_the_design_and_a_bare_name_goes_there(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("figure-1-1"))
    assert window.files.save_to(tmp_path / "reference.json")
    dialog = open_with_ctrl_e(qtbot, window)
    assert Path(dialog.path_edit.text()) == tmp_path / "reference.png"
    type_path(qtbot, dialog, Path("slide"))
    assert dialog.path() == tmp_path / "slide.png"
    export_button(qtbot, dialog)
    assert (tmp_path / "slide.png").is_file()


def test_export_error_is_a_sentence_and_nothing_is_written(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    window.exports.show_error = lambda parent, message: errors.append(message)
    target = tmp_path / "missing" / "d.png"
    dialog = open_with_ctrl_e(qtbot, window)
    type_path(qtbot, dialog, target)
    export_button(qtbot, dialog)
    assert errors == [f"{target}: the folder {target.parent} does not exist"]
    assert not target.exists()


def test_browse_sets_the_file_and_its_format(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    window.exports.ask_path = lambda parent, suggested, fmt: asked.append(fmt) or str(tmp_path / "picked.pdf")
    dialog = open_with_ctrl_e(qtbot, window)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked == ["png"]  # asked for the format shown then
    assert dialog.fmt == "pdf" and dialog.path() == tmp_path / "picked.pdf"
    assert not dialog.transparent_check.isEnabled()  # a PDF page is always white


def test_cancel_writes_nothing(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_with_ctrl_e(qtbot, window)
    type_path(qtbot, dialog, tmp_path / "never.png")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not (tmp_path / "never.png").exists() and window.exports.dialog is None


def test_copy_diagram_as_image(window) -> None:  # type: ignore[no-untyped-def]
    window.document.replace(load_template("figure-1-1"))
    QGuiApplication.clipboard().clear()
    window.exports.copy_image_action.trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 1000
