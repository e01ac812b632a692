"""The editor is killed (SIGKILL) after an edit; the next start offers the edit back and
restores it, unsaved, on its original file."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import canvas.ui.app as app_module
from canvas.io import load_design, save_design
from canvas.io.recovery_store import RecoveryStore
from canvas.templates import REFERENCE, load_template
from canvas.ui.files import dialogs, recovery, safety_dialogs
from canvas.ui.files.safety_dialogs import RecoveryChoice
from tests.ui.editor_child import LABEL
from tests.ui.ui_fixtures import isolated_settings  # noqa: F401 - fixture

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

#: Run as a module from the repository root: as a script, its folder would come first on
#: sys.path, and tests/ui/canvas/ would shadow the ``canvas`` package.
CHILD = "tests.ui.editor_child"
ROOT = Path(__file__).resolve().parents[3]


def _start_editor(tmp_path: Path, design_file: Path) -> tuple[subprocess.Popen[str], Path]:
    """The real editor on ``design_file`` with a private HOME; returns it once it has autosaved."""
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
        QT_QPA_PLATFORM="offscreen",
    )
    (tmp_path / "runtime").mkdir(mode=0o700)
    proc = subprocess.Popen(
        [sys.executable, "-m", CHILD, str(design_file)],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if sel.select(timeout=1.0):
            line = proc.stdout.readline()
            if line.startswith("READY "):
                return proc, Path(line[len("READY ") :].strip())
            if not line and proc.poll() is not None:
                break
    proc.kill()
    proc.wait()
    pytest.fail("the editor never autosaved its edit")


def test_sigkill_after_an_edit_then_the_next_start_restores_it(
    qtbot,
    monkeypatch,
    isolated_settings,  # noqa: F811
    tmp_path: Path,
) -> None:
    design_file = tmp_path / "work.json"
    save_design(load_template(REFERENCE), design_file)
    on_disk = design_file.read_bytes()

    proc, recovery_file = _start_editor(tmp_path, design_file)
    # The recovery file is in the user's data folder (QStandardPaths), not next to the design.
    assert recovery_file.is_relative_to(tmp_path / "data") and recovery_file.parent.name == "recovery"
    assert recovery_file.name.startswith(f"recovery-{proc.pid}-")
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert recovery_file.exists()  # a killed process removes nothing
    assert design_file.read_bytes() == on_disk  # and it never saved the file
    assert RecoveryStore(recovery_file.parent).orphans() == [recovery_file]

    # The next start: the real run_gui, the user answers Restore.
    monkeypatch.setattr(recovery, "recovery_folder", lambda: recovery_file.parent)
    asked: list[str] = []
    monkeypatch.setattr(
        safety_dialogs, "ask_recovery", lambda _p, name, _when, _details: asked.append(name) or RecoveryChoice.RESTORE
    )
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, msg: errors.append((title, msg)))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.SaveChoice.DISCARD)
    seen: dict[str, object] = {}

    def look_save_and_quit() -> None:
        window = app_module.last_window
        if window is None or not window.is_ready:
            return  # the staged window is still being built: look again on the next tick
        poll.stop()
        labels = [c.label for c in window.document.design.components.values()]
        seen.update(
            labels=labels,
            dirty=window.document.dirty,
            path=window.document.path,
            modified=window.isWindowModified(),
            item=window.scene.items() != [],
        )
        seen["saved"] = window.files.save()
        window.close()

    poll = QTimer(interval=50)
    poll.timeout.connect(look_save_and_quit)
    poll.start()
    safety = QTimer(singleShot=True, interval=20_000)
    safety.timeout.connect(QApplication.instance().quit)
    safety.start()
    assert app_module.run_gui() == 0
    safety.stop()

    assert asked == ["work.json"] and errors == [], (asked, errors, seen)
    assert LABEL in seen["labels"]  # type: ignore[operator]
    assert seen["dirty"] is True and seen["modified"] is True
    assert seen["path"] == design_file.resolve()
    assert seen["saved"] is True
    saved = load_design(design_file)
    assert LABEL in [c.label for c in saved.components.values()]
    assert len(saved.components) == len(load_template(REFERENCE).components) + 1
    assert not recovery_file.exists()
    assert list(recovery_file.parent.glob("recovery-*.json")) == []  # saved and closed: nothing left
