"""The window paints its frame before the model, checker and panels are loaded, then builds.

``ml-canvas`` makes its window with ``staged=True``: the first paint is the frame (menus,
toolbar, a canvas-coloured centre), and the document, canvas, docks and checker are built
on the next turn of the event loop. These tests hold the order and the result, not times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDockWidget

from canvas.ui.files.dialogs import SaveChoice
from canvas.ui.shell.main_window import MainWindow
from canvas.ui.shell.startup_frame import StartupCanvas
from tests.ui.ui_fixtures import isolated_settings  # noqa: F401 - fixture

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("pydantic", "canvas.core", "canvas.io", "canvas.ui.shell.checker_ui", "pyqtgraph", "networkx")

PROBE = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import canvas.ui.app as app_module
from canvas.cli import main

HEAVY = {heavy!r}
seen = {"at_import": sorted(m for m in sys.modules if m.startswith(HEAVY))}
real = app_module.MainWindow

def heavy():
    return sorted({m.split(".")[0] if m.startswith(("pydantic", "pyqtgraph", "networkx")) else m
                   for m in sys.modules if m.startswith(HEAVY)})

def make(*args, **kwargs):
    window = real(*args, **kwargs)
    def painted():
        seen["frame"] = {"ready": window.is_ready, "heavy": heavy(), "title": window.windowTitle(),
                         "menus": [a.text() for a in window.menuBar().actions()]}
    def ready():
        seen["ready"] = {"components": len(window.document.design.components),
                         "docks": sorted(d.objectName() for d in window.findChildren(
                             __import__("PySide6.QtWidgets", fromlist=["QDockWidget"]).QDockWidget)),
                         "heavy": "canvas.core.model" in sys.modules}
        QTimer.singleShot(50, window.close)
    window.frame_painted.connect(painted)
    window.ready.connect(ready)
    return window

app_module.MainWindow = make
code = main(sys.argv[1:])
print(json.dumps({"code": code, **seen}))
""".replace("{heavy!r}", repr(HEAVY))


def _probe(tmp_path: Path, *args: str) -> dict:  # type: ignore[type-arg]
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_frame_is_painted_before_the_model_is_loaded(tmp_path: Path) -> None:
    seen = _probe(tmp_path)
    assert seen["code"] == 0
    assert seen["at_import"] == []  # the GUI entry point imports Qt and light modules only
    frame = seen["frame"]
    assert frame["ready"] is False and frame["heavy"] == []
    assert frame["title"] == "ML System Canvas"
    assert frame["menus"] == ["&File", "&Edit", "&View", "&Arrange", "&Design", "&Help"]
    ready = seen["ready"]
    assert ready["heavy"] is True and ready["components"] == 0
    assert {"palette_dock", "inspector_dock", "history_dock", "coverage_dock"} <= set(ready["docks"])


def test_a_template_opens_once_the_window_is_built(tmp_path: Path) -> None:
    seen = _probe(tmp_path, "--template", "figure-1-1")
    assert seen["code"] == 0 and seen["frame"]["ready"] is False
    assert seen["ready"]["components"] == 0  # built first, then the template is opened


def test_a_staged_window_builds_once_and_ends_like_a_direct_one(qtbot, isolated_settings: QSettings) -> None:  # noqa: F811
    direct = MainWindow(settings=isolated_settings)
    qtbot.addWidget(direct)
    assert direct.is_ready and direct.centralWidget() is direct.view

    staged = MainWindow(settings=isolated_settings, staged=True)
    qtbot.addWidget(staged)
    assert not staged.is_ready and isinstance(staged.centralWidget(), StartupCanvas)
    assert staged.statusBar().currentMessage() == "Starting…"
    painted: list[bool] = []
    staged.frame_painted.connect(lambda: painted.append(True))
    readies: list[bool] = []
    staged.ready.connect(lambda: readies.append(True))
    staged.show()
    direct.show()
    qtbot.waitUntil(lambda: painted == [True])
    staged.build()
    staged.build()  # a second call changes nothing
    assert readies == [True] and staged.is_ready
    assert staged.centralWidget() is staged.view and staged.statusBar().currentMessage() == ""
    # The same menus (filled, Design once), the same docks, the same default layout.
    titles = lambda w: [a.text() for a in w.menuBar().actions()]  # noqa: E731
    assert titles(staged) == titles(direct) == ["&File", "&Edit", "&View", "&Arrange", "&Design", "&Help"]
    assert all(a.menu().actions() for a in staged.menuBar().actions())
    docks = lambda w: sorted(d.objectName() for d in w.findChildren(QDockWidget))  # noqa: E731
    assert docks(staged) == docks(direct)
    QApplication.processEvents()
    assert abs(staged.palette_dock.width() - direct.palette_dock.width()) <= 4
    assert abs(staged.inspector_dock.width() - direct.inspector_dock.width()) <= 4
    # And it works: an edit goes through the built document and undo stack.
    staged.document.add_component("model", 0.0, 0.0)
    assert len(staged.document.design.components) == 1 and staged.document.undo_stack.count() == 1
    assert len(staged.scene.component_items()) == 1
    staged.files.ask_save_changes = lambda *_a: SaveChoice.DISCARD  # the teardown closes it


def test_closing_while_starting_closes_without_building(qtbot, isolated_settings: QSettings) -> None:  # noqa: F811
    window = MainWindow(settings=isolated_settings, staged=True)
    qtbot.addWidget(window)
    window.show()
    assert window.close() is True
    assert not window.isVisible() and not window.is_ready
