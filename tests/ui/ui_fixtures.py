"""Shared fixtures for the window-level GUI tests: QSettings in a temporary folder, sample designs.

Imported explicitly by the test modules that need them (not a conftest, so other test
modules in this folder are unaffected).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from canvas.core.model import Component, Design, Link, Position


@pytest.fixture
def isolated_settings(tmp_path: Path) -> Iterator[QSettings]:
    """Every QSettings of the test lives under ``tmp_path``; yields the app's own store."""
    QStandardPaths.setTestModeEnabled(True)
    folder = str(tmp_path / "settings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    settings = QSettings(str(tmp_path / "settings" / "ml-canvas.ini"), QSettings.Format.IniFormat)
    yield settings
    settings.sync()


def sample_design() -> Design:
    """A small design with a requirement, a model, two deployments and a link."""
    comps = [
        Component(id="req-1", kind="business_requirement", label="Grow sales", position=Position(x=0, y=0)),
        Component(
            id="model-1",
            kind="model",
            label="Ranker",
            position=Position(x=220, y=0),
            properties={"algorithm": "GBDT", "team_size": 3},
        ),
        Component(
            id="deployment-1",
            kind="deployment",
            label="Online API",
            position=Position(x=440, y=0),
            properties={"mode": "online", "latency_ms": 40},
        ),
        Component(
            id="deployment-2",
            kind="deployment",
            label="Batch job",
            position=Position(x=440, y=120),
            properties={"mode": "batch"},
        ),
        Component(id="monitoring-1", kind="monitoring", label="Monitor", position=Position(x=660, y=0)),
        Component(id="feature-pipeline-1", kind="feature_pipeline", label="Features", position=Position(x=0, y=120)),
    ]
    links = [Link(id="link-1", source="model-1", target="deployment-1", label="")]
    return Design(name="Sample", components={c.id: c for c in comps}, links={link.id: link for link in links})


class Recorder:
    """Stands in for the modal questions: records what was asked and answers as told."""

    def __init__(self) -> None:
        from canvas.ui.files.dialogs import SaveChoice

        self.errors: list[tuple[str, str]] = []
        self.prompts: list[str] = []
        self.choice = SaveChoice.DISCARD
        self.save_path: str | None = None
        self.open_path: str | None = None
        from canvas.ui.files.safety_dialogs import OverwriteChoice

        self.overwrite_choice = OverwriteChoice.CANCEL
        self.overwrite_prompts: list[str] = []
        self.reload_answer = False
        self.reload_prompts: list[tuple[str, bool]] = []

    def ask_save_changes(self, _parent: object, name: str) -> object:
        self.prompts.append(name)
        return self.choice

    def show_error(self, _parent: object, title: str, message: str) -> None:
        self.errors.append((title, message))

    def ask_save_path(self, _parent: object, _suggested: str) -> str | None:
        return self.save_path

    def ask_open_path(self, _parent: object, _folder: str) -> str | None:
        return self.open_path

    def ask_overwrite_changed(self, _parent: object, name: str) -> object:
        self.overwrite_prompts.append(name)
        return self.overwrite_choice

    def ask_reload(self, _parent: object, name: str, dirty: bool) -> bool:
        self.reload_prompts.append((name, dirty))
        return self.reload_answer


@pytest.fixture
def make_window(qtbot, isolated_settings: QSettings):
    """Builds main windows whose questions are answered by a :class:`Recorder` (never modal)."""
    from canvas.ui.shell.main_window import MainWindow

    def make() -> tuple[MainWindow, Recorder]:
        window = MainWindow(settings=isolated_settings)
        recorder = Recorder()
        files = window.files
        files.ask_save_changes = recorder.ask_save_changes
        files.show_error = recorder.show_error
        files.ask_save_path = recorder.ask_save_path
        files.ask_open_path = recorder.ask_open_path
        files.ask_overwrite_changed = recorder.ask_overwrite_changed
        files.ask_reload = recorder.ask_reload
        files.choose_template = lambda _parent: None
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        return window, recorder

    yield make
    from PySide6.QtWidgets import QApplication

    from canvas.ui.theme import apply_theme

    apply_theme(QApplication.instance(), False)  # type: ignore[arg-type]


@pytest.fixture
def focused_window(qtbot, make_window):
    """A main window (and its :class:`Recorder`) whose canvas has the keyboard focus, as
    after a click on it: key presses reach the window's and the canvas's shortcuts."""
    window, recorder = make_window()
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    return window, recorder


def shown(qtbot, widget, width: int = 0, height: int = 0):
    """``widget`` on screen (closed with the test), resized first when a size is given."""
    qtbot.addWidget(widget)
    if width and height:
        widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
