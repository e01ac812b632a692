"""UI layer: the GUI entry point — creates the application and the window, opens a file, runs.

``run_gui`` is what ``ml-canvas`` (no subcommand) and ``python -m canvas.ui.app`` call.
A file or template that cannot be opened is reported in a dialog; the window still opens,
empty, so the user never loses the app to a bad argument. Unsaved work left by a crashed or
killed editor is offered back as soon as the window is built (:mod:`canvas.ui.files.recovery`).

The window's frame is shown first and painted; only then are the model, the checker and
the panels imported and built, on the next turn of the event loop (``staged=True``).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from canvas import __version__
from canvas.resources import app_icon_path
from canvas.ui.canvas.mime import FRAGMENT_MIME
from canvas.ui.settings import APPLICATION, ORGANIZATION
from canvas.ui.shell.main_window import MainWindow

#: The window of the last ``run_gui`` call (tests and smoke runs look at it).
last_window: MainWindow | None = None
#: Further windows (recovered designs), kept referenced while the app runs.
extra_windows: list[MainWindow] = []


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, named and styled (Fusion) for the app."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ml-canvas")
    app.setWindowIcon(QIcon(str(app_icon_path())))
    app.setStyle("Fusion")
    app.aboutToQuit.connect(release_clipboard)
    return app


def release_clipboard() -> None:
    """Hand back clipboard data this process made (copied components) while Python still
    runs: Qt frees the clipboard's data only at process exit, and freeing a Python-made
    object after the interpreter has finished crashes the process on its way out. Only our
    own components are handed back (no other program reads them); a copied image stays."""
    clipboard = QApplication.clipboard()
    data = clipboard.mimeData() if clipboard is not None else None
    if data is not None and data.hasFormat(FRAGMENT_MIME):
        clipboard.clear()


def run_gui(path: str | None = None, template: str | None = None) -> int:
    """Open the editor (optionally on a file or a template) and run until it is closed."""
    global last_window
    app = create_application()
    window = MainWindow(staged=True)
    last_window = window

    def build_and_open() -> None:
        if window.is_ready or not window.isVisible():  # built already, or closed while starting
            return
        from canvas.ui.files.recovery import offer_recovery

        window.build()
        if path:
            window.files.open_path(path, ask=False)
        elif template:
            window.files.new_from_template(template)
        _close_after_from_env(window)
        offer_recovery(window, new_window)

    # Build right after the frame is on screen; a frame that is never painted (a minimised
    # start) is built after a second all the same.
    window.frame_painted.connect(lambda: QTimer.singleShot(0, build_and_open))
    QTimer.singleShot(1000, build_and_open)
    window.show()
    return app.exec()


def new_window() -> MainWindow:
    """Another main window, shown (for a second recovered design)."""
    window = MainWindow()
    extra_windows.append(window)
    window.show()  # its design is fitted once its docks are in place
    return window


def _close_after_from_env(window: MainWindow) -> None:
    """``ML_CANVAS_QUIT_AFTER_MS=N`` closes the window N ms after it is built, through the normal
    close (unsaved-changes prompt included): smoke tests of the packaged app use it to start,
    paint and shut down with no one at the keyboard."""
    raw = os.environ.get("ML_CANVAS_QUIT_AFTER_MS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        QTimer.singleShot(int(raw), window.close)


def main() -> int:
    args = sys.argv[1:]
    return run_gui(args[0] if args else None)


if __name__ == "__main__":
    sys.exit(main())
