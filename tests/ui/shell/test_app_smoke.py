"""Smoke tests: the real ``run_gui`` starts the app, shows the window and quits cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import canvas.ui.app as app_module
from canvas.io import save_design
from canvas.ui.files import dialogs
from tests.ui.ui_fixtures import isolated_settings, sample_design  # noqa: F401 - fixture

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _run(monkeypatch, **kwargs: object) -> tuple[int, dict[str, object], list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, msg: errors.append((title, msg)))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.SaveChoice.DISCARD)
    seen: dict[str, object] = {}

    def look_and_quit() -> None:
        window = app_module.last_window
        if window is None or not hasattr(window, "document"):
            return  # the staged window is still being built: look again on the next tick
        poll.stop()
        seen.update(
            visible=window.isVisible(),
            title=window.windowTitle(),
            components=len(window.document.design.components),
        )
        # Closing the last window quits the app. No extra quit(): a second Quit event
        # would stay queued and end the event loops of later tests.
        window.close()

    poll = QTimer(interval=50)
    poll.timeout.connect(look_and_quit)
    poll.start()
    safety = QTimer(singleShot=True, interval=10_000)
    safety.timeout.connect(QApplication.instance().quit)
    safety.start()
    code = app_module.run_gui(**kwargs)  # type: ignore[arg-type]
    safety.stop()
    return code, seen, errors


def test_run_gui_starts_and_quits(qtbot, monkeypatch, isolated_settings) -> None:  # noqa: F811
    code, seen, errors = _run(monkeypatch)
    assert code == 0
    assert seen == {"visible": True, "title": "Untitled design[*] — ML System Canvas", "components": 0}
    assert errors == []
    assert QApplication.applicationName() == "ML System Canvas"
    assert not QApplication.windowIcon().isNull()


def test_run_gui_opens_a_file(qtbot, monkeypatch, isolated_settings, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "smoke.json"
    save_design(sample_design(), path)
    code, seen, errors = _run(monkeypatch, path=str(path))
    assert code == 0 and errors == []
    assert seen["components"] == 6 and str(seen["title"]).startswith("smoke.json")


def test_run_gui_with_a_bad_file_still_opens(qtbot, monkeypatch, isolated_settings, tmp_path: Path) -> None:  # noqa: F811
    code, seen, errors = _run(monkeypatch, path=str(tmp_path / "missing.json"))
    assert code == 0 and seen["visible"] is True and seen["components"] == 0
    assert len(errors) == 1 and "missing.json" in errors[0][1] and "no such file" in errors[0][1]


def test_run_gui_from_template(qtbot, monkeypatch, isolated_settings) -> None:  # noqa: F811
    from canvas.templates import REFERENCE, find_template

    template = find_template(REFERENCE)
    if template is None:
        pytest.skip("the reference template is not shipped yet")
    code, seen, errors = _run(monkeypatch, template=REFERENCE)
    assert code == 0 and errors == []
    assert seen["components"] == template.components


def test_quit_after_env_closes_the_real_app(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The packaged smoke test's hook: the real console command starts, paints and exits 0."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ML_CANVAS_QUIT_AFTER_MS="800",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    exe = Path(sys.executable).with_name("ml-canvas")
    proc = subprocess.run([str(exe), "--template", "figure-1-1"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_quitting_after_copying_components_exits_cleanly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Copied components sit in the clipboard; quitting must not crash on the way out (Qt
    would free them after Python has finished)."""
    import os
    import subprocess
    import sys

    probe = (
        "from PySide6.QtCore import QTimer\n"
        "from canvas.ui.app import create_application\n"
        "from canvas.ui.shell.main_window import MainWindow\n"
        "from canvas.templates import load_template\n"
        "app = create_application(); w = MainWindow(); w.show()\n"
        "w.document.replace(load_template('figure-1-1'))\n"
        "w.scene.select_ids(['model']); w.view.canvas_actions.copy_selection()\n"
        "QTimer.singleShot(0, app.quit); app.exec()\n"
        "w.checker_ui.shutdown()\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "c"),
        XDG_DATA_HOME=str(tmp_path / "d"),
    )
    proc = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
