"""Test helper, not a test: the real editor in a process of its own, to be killed.

``python -m tests.ui.editor_child FILE`` (from the repository root) runs ``canvas.ui.app.run_gui(FILE)`` — the same
entry point as ``ml-canvas FILE`` — and, from inside that process, makes one edit through
the window's document, as a gesture would. Each time the autosave has written the recovery
file it prints ``READY <recovery file>``; then it keeps running until it is killed. Nothing
here is part of the app: the edit is driven by this script, not by an option of the app.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

import canvas.ui.app as app_module

LABEL = "Edit made before the kill"


def main() -> int:
    app_module.create_application()

    def edit() -> None:
        window = app_module.last_window
        assert window is not None
        if not window.is_ready:  # the window paints its frame first, then builds
            window.ready.connect(edit)
            return
        window.recovery.autosaved.connect(lambda path: print(f"READY {path}", flush=True))
        window.document.add_component("monitoring", 320.0, 480.0, label=LABEL)

    QTimer.singleShot(100, edit)
    return app_module.run_gui(sys.argv[1])


if __name__ == "__main__":
    sys.exit(main())
