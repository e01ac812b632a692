"""GUI tests of the file workflow: save/open, title marker, unsaved-changes prompt, errors,
dropping a file on the window, recent files and templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from canvas.io import DesignLoadError, dump_design, load_design, save_design
from canvas.templates import list_templates
from canvas.ui.files.dialogs import SaveChoice
from canvas.ui.settings import MAX_RECENT, RecentFiles
from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _edit(window) -> None:
    window.document.set_name(window.document.design.name + " (edited)")


def test_save_as_then_open_round_trip(make_window, tmp_path: Path) -> None:
    window, rec = make_window()
    window.document.replace(sample_design())
    target = tmp_path / "sample.json"
    rec.save_path = str(target)
    assert window.files.save_as()
    text = target.read_text(encoding="utf-8")
    assert text == dump_design(sample_design())
    assert window.document.path == target.resolve()

    other, rec2 = make_window()
    rec2.open_path = str(target)
    assert other.files.open_dialog()
    assert other.document.design.snapshot() == sample_design().snapshot()
    assert not other.document.dirty
    # Saving what was opened writes the same bytes.
    assert other.files.save()
    assert target.read_text(encoding="utf-8") == text
    assert rec.errors == rec2.errors == []


def test_title_marker_follows_undo_stack(make_window, tmp_path: Path) -> None:
    window, rec = make_window()
    assert window.windowTitle() == "Untitled design[*] — ML System Canvas"
    assert not window.isWindowModified()
    _edit(window)
    assert window.isWindowModified()
    assert window.windowTitle() == "Untitled design (edited)[*] — ML System Canvas"
    rec.save_path = str(tmp_path / "mine.json")
    assert window.files.save()  # no path yet: Save asks where
    assert not window.isWindowModified()
    assert window.windowTitle() == "mine.json[*] — ML System Canvas"
    _edit(window)
    assert window.isWindowModified()
    window.document.undo_stack.undo()
    assert not window.isWindowModified()  # back at the saved state


def test_unsaved_changes_prompt_on_close(make_window, tmp_path: Path) -> None:
    window, rec = make_window()
    _edit(window)
    rec.choice = SaveChoice.CANCEL
    assert not window.close()
    assert window.isVisible()
    assert rec.prompts == ["Untitled design (edited)"]
    rec.choice = SaveChoice.DISCARD
    assert window.close()
    assert not window.isVisible()


def test_prompt_save_choice_saves_before_closing(make_window, tmp_path: Path) -> None:
    window, rec = make_window()
    _edit(window)
    rec.choice = SaveChoice.SAVE
    rec.save_path = None  # the user cancels the file dialog: nothing closes
    assert not window.close()
    rec.save_path = str(tmp_path / "kept.json")
    assert window.close()
    assert load_design(tmp_path / "kept.json").name == "Untitled design (edited)"


def test_clean_document_closes_without_asking(make_window) -> None:
    window, rec = make_window()
    assert window.close()
    assert rec.prompts == []


def test_opening_another_file_asks_first(make_window, tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    save_design(sample_design(), path)
    window, rec = make_window()
    _edit(window)
    rec.choice = SaveChoice.CANCEL
    assert not window.files.open_path(path)
    assert window.document.design.name == "Untitled design (edited)"
    rec.choice = SaveChoice.DISCARD
    assert window.files.open_path(path)
    assert window.document.design.name == "Sample"
    assert window.document.undo_stack.count() == 0


def test_load_error_keeps_document_and_shows_sentence(make_window, tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "ml-canvas", "schema_version": 1, "components": [', encoding="utf-8")
    with pytest.raises(DesignLoadError) as expected:
        load_design(bad)
    window, rec = make_window()
    window.document.replace(sample_design())
    _edit(window)
    before = window.document.design.snapshot()
    assert not window.files.open_path(bad)
    assert rec.errors == [("Cannot open the design", str(expected.value))]
    assert window.document.design.snapshot() == before
    assert window.document.dirty and window.isWindowModified()
    assert window.document.undo_stack.count() == 1


def test_save_error_keeps_document_dirty(make_window, tmp_path: Path) -> None:
    window, rec = make_window()
    _edit(window)
    rec.save_path = str(tmp_path / "no" / "such" / "folder" / "x.json")
    assert not window.files.save()
    assert len(rec.errors) == 1 and rec.errors[0][1].startswith("Could not save")
    assert window.document.dirty and window.isWindowModified()
    assert window.document.path is None


def _send_drop(window, path: Path) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(window.width() / 2, 10)
    enter = QDragEnterEvent(
        pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_drop_design_file_on_window_opens_it(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "dropped.json"
    save_design(sample_design(), path)
    window, rec = make_window()
    assert _send_drop(window, path) == (True, True)
    qtbot.waitUntil(lambda: window.document.path == path.resolve())
    assert window.document.design.name == "Sample"
    assert window.windowTitle().startswith("dropped.json")
    # Dragged over the canvas, the view passes file URLs up to the window.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    viewport = window.view.viewport()
    enter = QDragEnterEvent(
        viewport.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    # Other files are refused at the drag.
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hi")
    assert _send_drop(window, text_file) == (False, False)


def test_recent_files(make_window, isolated_settings, tmp_path: Path) -> None:  # noqa: F811
    window, rec = make_window()
    paths = []
    for n in range(MAX_RECENT + 2):
        p = tmp_path / f"d{n}.json"
        save_design(sample_design(), p)
        paths.append(p)
        assert window.files.open_path(p)
    recent = RecentFiles(isolated_settings).paths()
    assert recent == [p.resolve() for p in reversed(paths)][:MAX_RECENT]
    # Missing files are pruned; the menu lists what is left, newest first.
    paths[-1].unlink()
    window.files.rebuild_recent_menu()
    listed = [a.data() for a in window.files.recent_menu.actions() if a.data()]
    assert listed == [str(p.resolve()) for p in reversed(paths[:-1])][: MAX_RECENT - 1]
    # Choosing one opens it.
    first = next(a for a in window.files.recent_menu.actions() if a.data())
    first.trigger()
    assert window.document.path == paths[-2].resolve()
    # A new window of the same settings sees the same list.
    again, _ = make_window()
    assert [a.data() for a in again.files.recent_menu.actions() if a.data()] == listed


def test_opening_a_missing_recent_file_reports_and_prunes(make_window, isolated_settings, tmp_path) -> None:  # noqa: F811
    p = tmp_path / "gone.json"
    save_design(sample_design(), p)
    window, rec = make_window()
    assert window.files.open_path(p)
    p.unlink()
    assert not window.files.open_path(p)
    assert "no such file" in rec.errors[-1][1]
    assert RecentFiles(isolated_settings).paths() == []


def test_new_and_new_from_template(make_window) -> None:
    window, rec = make_window()
    window.document.replace(sample_design())
    _edit(window)
    assert window.files.new_design()
    assert window.document.design.components == {} and not window.document.dirty
    templates = list_templates()
    if not templates:
        pytest.skip("no templates shipped yet")
    name = templates[0].name
    window.files.choose_template = lambda _parent: name
    window.files.new_from_template_action.trigger()
    assert len(window.document.design.components) == templates[0].components
    assert window.document.path is None  # saving asks where; the template is never overwritten
    assert not window.files.new_from_template("no-such-template")
    assert "no template named" in rec.errors[-1][1]


def test_untitled_design_takes_the_file_name_on_save_as(make_window, tmp_path: Path) -> None:
    window, rec = make_window()
    window.view.canvas_actions.add_component_at_centre("model")
    rec.save_path = str(tmp_path / "churn-model.json")
    assert window.files.save_as()
    assert window.document.design.name == "churn model"
    assert '"name": "churn model"' in (tmp_path / "churn-model.json").read_text()
    assert not window.document.dirty
    # A named design keeps its name.
    rec.save_path = str(tmp_path / "other.json")
    assert window.files.save_as()
    assert window.document.design.name == "churn model"
