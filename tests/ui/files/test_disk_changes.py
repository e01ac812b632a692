"""GUI tests: a file changed by another program is never silently overwritten, and a change
on disk offers a reload; a failed save says why and keeps the document (and the file) as
they were."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from canvas.core.model import Component
from canvas.io import dump_design, save_design
from canvas.ui.files.safety_dialogs import OverwriteChoice
from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _opened(make_window, tmp_path: Path):
    path = tmp_path / "design.json"
    save_design(sample_design(), path)
    window, rec = make_window()
    assert window.files.open_path(path)
    return window, rec, path


def _other_program_writes(path: Path, name: str = "Changed elsewhere") -> bytes:
    d = sample_design()
    d.name = name
    d.components["extra"] = Component(id="extra", kind="monitoring", label="Added elsewhere")
    save_design(d, path, backup=False)
    return path.read_bytes()


def _edit(window) -> None:
    window.document.set_name("Mine")


def test_save_over_a_changed_file_asks_and_cancel_keeps_it(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    window.files.disk.watcher.blockSignals(True)  # this test is about Save, not the reload prompt
    _edit(window)
    theirs = _other_program_writes(path)
    rec.overwrite_choice = OverwriteChoice.CANCEL
    assert not window.files.save()
    assert rec.overwrite_prompts == ["design.json"]
    assert path.read_bytes() == theirs  # byte-identical: nothing written
    assert window.document.dirty and window.document.design.name == "Mine"


def test_overwrite_writes_and_keeps_theirs_as_backup(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    window.files.disk.watcher.blockSignals(True)
    _edit(window)
    theirs = _other_program_writes(path)
    rec.overwrite_choice = OverwriteChoice.OVERWRITE
    assert window.files.save_action.trigger() is None
    assert rec.overwrite_prompts == ["design.json"]
    assert path.read_text(encoding="utf-8") == dump_design(window.document.design)
    assert (tmp_path / "design.json.bak").read_bytes() == theirs
    assert not window.document.dirty
    # Saved again with no outside change: no question.
    _edit(window)
    window.document.set_name("Mine again")
    assert window.files.save() and rec.overwrite_prompts == ["design.json"]


def test_save_as_choice_writes_elsewhere(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    window.files.disk.watcher.blockSignals(True)
    _edit(window)
    theirs = _other_program_writes(path)
    rec.overwrite_choice = OverwriteChoice.SAVE_AS
    rec.save_path = str(tmp_path / "mine.json")
    assert window.files.save()
    assert path.read_bytes() == theirs
    assert window.document.path == (tmp_path / "mine.json").resolve() and not window.document.dirty


def test_touch_without_new_content_is_not_a_change(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    _edit(window)
    os.utime(path, (1_000_000, 1_000_000))
    window.files.disk.check()
    assert window.files.save()
    assert rec.overwrite_prompts == [] and rec.reload_prompts == []


def test_deleted_file_is_said_and_save_writes_it_again(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    messages: list[str] = []
    window.files.status_message.connect(messages.append)
    path.unlink()
    window.files.disk.check()
    assert messages and "moved or deleted" in messages[-1]
    _edit(window)
    assert window.files.save() and path.exists()
    assert rec.overwrite_prompts == [] and rec.reload_prompts == []


def test_watcher_offers_reload_of_a_clean_document(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    rec.reload_answer = True
    _other_program_writes(path)
    qtbot.waitUntil(lambda: rec.reload_prompts == [("design.json", False)], timeout=5000)
    assert window.document.design.name == "Changed elsewhere"
    assert "extra" in window.document.design.components and window.scene.component_item("extra") is not None
    assert not window.document.dirty and window.document.undo_stack.count() == 0
    # The reloaded version is the new base: saving does not warn.
    _edit(window)
    assert window.files.save() and rec.overwrite_prompts == []


def test_reload_prompt_of_a_dirty_document_says_so_and_keep(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    _edit(window)
    rec.reload_answer = False
    _other_program_writes(path)
    qtbot.waitUntil(lambda: rec.reload_prompts == [("design.json", True)], timeout=5000)
    assert window.document.design.name == "Mine" and window.document.dirty
    # Not asked again for the same version (activation re-checks) ...
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.wait(400)
    assert len(rec.reload_prompts) == 1
    # ... but Save still warns: the user's copy is older than the file.
    rec.overwrite_choice = OverwriteChoice.CANCEL
    assert not window.files.save() and rec.overwrite_prompts == ["design.json"]
    # A further change is asked about again.
    _other_program_writes(path, "Changed twice")
    qtbot.waitUntil(lambda: len(rec.reload_prompts) == 2, timeout=5000)


def test_activation_checks_without_the_watcher(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    window.files.disk.watcher.blockSignals(True)  # e.g. a network folder without notifications
    qtbot.wait(400)  # the window's own first activation has passed
    _other_program_writes(path)
    qtbot.wait(400)
    assert rec.reload_prompts == []
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: rec.reload_prompts == [("design.json", False)], timeout=3000)


def test_own_saves_do_not_prompt(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    for n in range(3):
        window.document.set_name(f"Mine {n}")
        assert window.files.save()
    qtbot.wait(500)
    assert rec.reload_prompts == [] and rec.overwrite_prompts == []


def test_another_window_saving_the_same_file_is_noticed(qtbot, make_window, tmp_path: Path) -> None:
    first, rec1, path = _opened(make_window, tmp_path)
    second, rec2 = make_window()
    assert second.files.open_path(path)
    second.document.set_name("From the second window")
    assert second.files.save()
    qtbot.waitUntil(lambda: rec1.reload_prompts == [("design.json", False)], timeout=5000)
    assert rec2.reload_prompts == []


def test_failed_reload_keeps_the_document(qtbot, make_window, tmp_path: Path) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    _edit(window)
    rec.reload_answer = True
    path.write_text("{ not json")
    qtbot.waitUntil(lambda: len(rec.reload_prompts) == 1, timeout=5000)
    assert rec.errors and rec.errors[-1][0] == "Cannot reload the design"
    assert window.document.design.name == "Mine" and window.document.dirty


# --- a failed save through the real Save action ------------------------------------------
def test_disk_full_on_save_shows_sentence_keeps_file_and_dirty(qtbot, make_window, tmp_path: Path, monkeypatch) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    before = path.read_bytes()
    _edit(window)
    assert window.recovery.autosave_now()
    recovery_before = window.recovery.path.read_bytes()

    def disk_full(fh: object, data: bytes) -> None:
        fh.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("canvas.io.save._write_all", disk_full)
    window.files.save_action.trigger()
    assert rec.errors == [
        (
            "Cannot save the design",
            f"Could not save {path.resolve()}: No space left on device. The file on disk was not changed.",
        )
    ]
    assert path.read_bytes() == before
    assert window.document.dirty and window.isWindowModified()
    assert window.recovery.path.read_bytes() == recovery_before  # the unsaved work is still safe
    assert sorted(p.name for p in tmp_path.glob("*design.json*")) == ["design.json"]  # no temp file, no .bak
    monkeypatch.undo()
    window.files.save_action.trigger()
    assert not window.document.dirty and path.read_text(encoding="utf-8") == dump_design(window.document.design)
    assert not window.recovery.path.exists()


@pytest.mark.parametrize(
    "step, error",
    [
        ("mkstemp", OSError(13, "Permission denied")),  # a read-only folder (root ignores chmod)
        ("mkstemp", OSError(5, "Input/output error")),
        ("fsync", OSError(5, "Input/output error")),
        ("replace", OSError(30, "Read-only file system")),
    ],
)
def test_failure_at_each_step_through_the_gui(
    qtbot, make_window, tmp_path: Path, monkeypatch, step: str, error: OSError
) -> None:
    window, rec, path = _opened(make_window, tmp_path)
    before = path.read_bytes()
    _edit(window)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    target = {
        "mkstemp": "canvas.io.save.tempfile.mkstemp",
        "fsync": "canvas.io.save.os.fsync",
        "replace": "canvas.io.save.os.replace",
    }[step]
    monkeypatch.setattr(target, fail)
    assert not window.files.save()
    monkeypatch.undo()
    assert len(rec.errors) == 1 and f"{error.strerror}. The file on disk was not changed." in rec.errors[0][1]
    assert path.read_bytes() == before and window.document.dirty
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
