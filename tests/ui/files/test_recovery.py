"""GUI tests of autosave and recovery: the recovery file follows the unsaved work of each
window, and a recovery file left by a dead process is restored, compared or discarded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from canvas.core.model import Design
from canvas.io import dump_design, load_design, save_design
from canvas.io.recovery_store import RecoveryStore
from canvas.ui.files import dialogs, safety_dialogs
from canvas.ui.files.dialogs import SaveChoice
from canvas.ui.files.recovery import offer_recovery
from canvas.ui.files.safety_dialogs import RecoveryChoice
from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _edit(window, name: str = " (edited)") -> None:
    window.document.set_name(window.document.design.name + name)


def _fast(window) -> None:
    window.recovery.timer.setInterval(50)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_autosave_writes_after_idle(qtbot, make_window, private_recovery_folder: Path) -> None:
    window, _ = make_window()
    _fast(window)
    path = window.recovery.path
    assert path.parent == private_recovery_folder and not path.exists()
    window.document.replace(sample_design())
    assert not path.exists()  # nothing unsaved yet
    _edit(window)
    assert window.recovery.timer.isActive() and not path.exists()  # waits for a pause
    with qtbot.waitSignal(window.recovery.autosaved, timeout=3000):
        pass
    entry = RecoveryStore(private_recovery_folder).read(path)
    assert entry.design.snapshot() == window.document.design.snapshot()
    assert entry.original is None
    # Every edit restarts the wait; the file follows the latest state.
    window.document.add_component("monitoring", 10, 10, label="Late")
    qtbot.waitUntil(lambda: "Late" in path.read_text(encoding="utf-8"), timeout=3000)


def test_default_idle_is_a_few_seconds(make_window) -> None:
    window, _ = make_window()
    assert 1000 <= window.recovery.timer.interval() <= 10_000
    assert window.recovery.timer.isSingleShot()


def test_non_stop_editing_still_autosaves(qtbot, make_window, monkeypatch) -> None:
    import canvas.ui.files.recovery as recovery

    monkeypatch.setattr(recovery, "MAX_WAIT_S", 0.2)
    window, _ = make_window()
    window.recovery.timer.setInterval(60_000)  # the user never pauses
    _edit(window)
    qtbot.wait(250)
    _edit(window)
    assert window.recovery.path.exists()


def test_clean_save_and_undo_remove_the_file(qtbot, make_window, tmp_path: Path) -> None:
    window, rec = make_window()
    _fast(window)
    path = window.recovery.path
    _edit(window)
    qtbot.waitUntil(path.exists, timeout=3000)
    rec.save_path = str(tmp_path / "saved.json")
    assert window.files.save()
    assert not path.exists()
    _edit(window, " again")
    qtbot.waitUntil(path.exists, timeout=3000)
    assert RecoveryStore(path.parent).read(path).original == (tmp_path / "saved.json").resolve()
    window.document.undo_stack.undo()  # back to the saved state: nothing to recover
    assert not path.exists() and not window.recovery.timer.isActive()


def test_close_discard_removes_and_cancel_keeps(qtbot, make_window) -> None:
    window, rec = make_window()
    _fast(window)
    _edit(window)
    qtbot.waitUntil(window.recovery.path.exists, timeout=3000)
    rec.choice = SaveChoice.CANCEL
    assert not window.close()
    assert window.recovery.path.exists()
    rec.choice = SaveChoice.DISCARD
    assert window.close()
    assert not window.recovery.path.exists()


def test_opening_another_file_removes_it(qtbot, make_window, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    save_design(sample_design(), other)
    window, rec = make_window()
    _fast(window)
    _edit(window)
    qtbot.waitUntil(window.recovery.path.exists, timeout=3000)
    assert window.files.open_path(other)  # the recorder discards
    assert not window.recovery.path.exists()


def test_two_windows_have_their_own_files(qtbot, make_window, private_recovery_folder: Path) -> None:
    first, _ = make_window()
    second, _ = make_window()
    for w, name in ((first, " one"), (second, " two")):
        _fast(w)
        _edit(w, name)
    qtbot.waitUntil(lambda: first.recovery.path.exists() and second.recovery.path.exists(), timeout=3000)
    assert first.recovery.path != second.recovery.path
    store = RecoveryStore(private_recovery_folder)
    assert store.read(first.recovery.path).design.name.endswith(" one")
    assert store.read(second.recovery.path).design.name.endswith(" two")
    assert store.orphans() == []  # both owners alive: nothing to offer


def test_autosave_failure_is_said_once_and_keeps_working(qtbot, make_window, monkeypatch) -> None:
    window, _ = make_window()
    messages: list[str] = []
    window.recovery.status_message.connect(messages.append)

    def disk_full(fh: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("canvas.io.save._write_all", disk_full)
    _edit(window)
    assert not window.recovery.autosave_now()
    assert not window.recovery.autosave_now()
    assert len(messages) == 1 and "No space left on device" in messages[0]
    assert window.document.dirty
    monkeypatch.undo()
    assert window.recovery.autosave_now() and window.recovery.path.exists()


# --- restore / compare / discard -----------------------------------------------------------
def _orphan(folder: Path, design: Design, original: Path | None) -> Path:
    return RecoveryStore(folder, pid=dead_pid()).new_slot().write(design, original)


def _answers(monkeypatch, *choices: RecoveryChoice) -> list[tuple[str, str, str]]:
    asked: list[tuple[str, str, str]] = []
    queue = list(choices)

    def ask(_parent, name: str, when: str, details: str) -> RecoveryChoice:
        asked.append((name, when, details))
        return queue.pop(0)

    monkeypatch.setattr(safety_dialogs, "ask_recovery", ask)
    return asked


def _recovered() -> Design:
    d = sample_design()
    d.name = "Sample (unsaved)"
    d.components.pop("monitoring-1")
    d.components["model-1"] = d.components["model-1"].model_copy(update={"label": "Ranker v2"})
    return d


def test_restore_keeps_path_and_marks_dirty(
    qtbot, make_window, monkeypatch, tmp_path: Path, private_recovery_folder: Path
) -> None:
    original = tmp_path / "design.json"
    save_design(sample_design(), original)
    orphan = _orphan(private_recovery_folder, _recovered(), original.resolve())
    window, rec = make_window()
    asked = _answers(monkeypatch, RecoveryChoice.RESTORE)
    restored = offer_recovery(window, lambda: pytest.fail("no second window needed"))
    assert restored == [window]
    assert asked[0][0] == "design.json" and "5 components and 1 links" in asked[0][2]
    assert window.document.design.snapshot() == _recovered().snapshot()
    assert window.document.dirty and window.isWindowModified()
    assert window.document.path == original.resolve()
    assert len(window.scene.items()) > 0 and window.scene.component_item("monitoring-1") is None
    assert window.scene.component_item("model-1") is not None
    # The old recovery file is gone, replaced by this window's own.
    assert not orphan.exists() and window.recovery.path.exists()
    assert RecoveryStore(private_recovery_folder).orphans() == []
    # Undo shows the file as it is on disk; redo the recovered work; Save writes the original.
    window.document.undo_stack.undo()
    assert window.document.design.snapshot() == sample_design().snapshot() and not window.document.dirty
    window.document.undo_stack.redo()
    assert window.files.save() and rec.overwrite_prompts == []
    assert original.read_text(encoding="utf-8") == dump_design(_recovered())
    assert not window.recovery.path.exists()


def test_restore_untitled_and_second_goes_to_new_window(
    qtbot, make_window, monkeypatch, private_recovery_folder: Path
) -> None:
    one = Design(name="First untitled")
    two = sample_design()
    _orphan(private_recovery_folder, one, None)
    _orphan(private_recovery_folder, two, None)
    window, _ = make_window()
    extra, _ = make_window()
    _answers(monkeypatch, RecoveryChoice.RESTORE, RecoveryChoice.RESTORE)
    restored = offer_recovery(window, lambda: extra)
    assert restored == [window, extra]
    assert {w.document.design.name for w in restored} == {"First untitled", "Sample"}
    assert all(w.document.dirty and w.document.path is None for w in restored)


def test_window_with_a_file_gets_no_restore(
    qtbot, make_window, monkeypatch, tmp_path: Path, private_recovery_folder: Path
) -> None:
    mine = tmp_path / "mine.json"
    save_design(sample_design(), mine)
    _orphan(private_recovery_folder, _recovered(), None)
    window, _ = make_window()
    assert window.files.open_path(mine)
    extra, _ = make_window()
    _answers(monkeypatch, RecoveryChoice.RESTORE)
    assert offer_recovery(window, lambda: extra) == [extra]
    assert window.document.path == mine.resolve() and not window.document.dirty


def test_compare_then_later_keeps_the_file(
    qtbot, make_window, monkeypatch, tmp_path: Path, private_recovery_folder: Path
) -> None:
    original = tmp_path / "design.json"
    save_design(sample_design(), original)
    _orphan(private_recovery_folder, _recovered(), original.resolve())
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(safety_dialogs, "show_comparison", lambda _p, title, text: shown.append((title, text)))
    asked = _answers(monkeypatch, RecoveryChoice.COMPARE, RecoveryChoice.LATER)
    window, _ = make_window()
    assert offer_recovery(window, lambda: pytest.fail("nothing restored")) == []
    assert len(asked) == 2  # asked again after the comparison
    title, text = shown[0]
    assert "design.json" in title
    assert "Components: 0 added, 1 removed (" in text and "1 changed ('Ranker v2')." in text
    assert "Name: “Sample” became “Sample (unsaved)”." in text
    assert '+      "label": "Ranker v2",' in text and "--- on disk" in text
    assert not window.document.dirty and window.document.design.components == {}
    # Kept for later: still there, claimed by this process (offered again once it has exited).
    files = list(private_recovery_folder.glob("recovery-*.json"))
    assert len(files) == 1 and files[0].name.startswith(f"recovery-{os.getpid()}-")
    assert RecoveryStore(private_recovery_folder).read(files[0]).design.snapshot() == _recovered().snapshot()


def test_compare_untitled_and_unreadable_original(
    qtbot, make_window, monkeypatch, tmp_path: Path, private_recovery_folder: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    _orphan(private_recovery_folder, _recovered(), broken)
    shown: list[str] = []
    monkeypatch.setattr(safety_dialogs, "show_comparison", lambda _p, _t, text: shown.append(text))
    _answers(monkeypatch, RecoveryChoice.COMPARE, RecoveryChoice.RESTORE)
    window, _ = make_window()
    offer_recovery(window, lambda: pytest.fail("one window"))
    assert "broken.json" in shown[0].splitlines()[0] and "compared with an empty design" in shown[0]
    assert "Components: 5 added" in shown[0]
    # Restored over the damaged file: Save replaces it (its old bytes stay in .bak).
    assert window.document.path == broken and window.document.design.snapshot() == _recovered().snapshot()


def test_discard_deletes_the_file(qtbot, make_window, monkeypatch, private_recovery_folder: Path) -> None:
    _orphan(private_recovery_folder, _recovered(), None)
    _answers(monkeypatch, RecoveryChoice.DISCARD)
    window, _ = make_window()
    assert offer_recovery(window, lambda: pytest.fail("nothing restored")) == []
    assert list(private_recovery_folder.glob("recovery-*.json")) == []
    assert window.document.design.components == {} and not window.document.dirty


def test_damaged_file_is_reported_and_moved_aside(
    qtbot, make_window, monkeypatch, private_recovery_folder: Path
) -> None:
    bad = private_recovery_folder / f"recovery-{dead_pid()}-0-abcdef.json"
    bad.write_bytes(b"\x00garbage")
    good = _orphan(private_recovery_folder, _recovered(), None)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, msg: errors.append((title, msg)))
    asked = _answers(monkeypatch, RecoveryChoice.RESTORE)
    window, _ = make_window()
    offer_recovery(window, lambda: pytest.fail("one window"))
    assert len(errors) == 1 and errors[0][0] == "Recovery file damaged"
    assert "is damaged" in errors[0][1] and "damaged" + "/" in errors[0][1].replace("\\", "/")
    assert len(asked) == 1 and not good.exists()
    assert list((private_recovery_folder / "damaged").iterdir())[0].read_bytes() == b"\x00garbage"
    assert window.document.design.snapshot() == _recovered().snapshot()


def test_files_of_running_windows_are_not_offered(qtbot, make_window, private_recovery_folder: Path) -> None:
    other, _ = make_window()
    _edit(other)
    assert other.recovery.autosave_now()
    window, _ = make_window()
    assert offer_recovery(window, lambda: pytest.fail("nothing")) == []  # the fixture fails on any question


def test_restored_window_is_loadable_after_save(
    qtbot, make_window, monkeypatch, tmp_path: Path, private_recovery_folder: Path
) -> None:
    _orphan(private_recovery_folder, _recovered(), None)
    _answers(monkeypatch, RecoveryChoice.RESTORE)
    window, rec = make_window()
    offer_recovery(window, lambda: pytest.fail("one window"))
    rec.save_path = str(tmp_path / "rescued.json")
    assert window.files.save()
    assert load_design(tmp_path / "rescued.json").snapshot() == _recovered().snapshot()
