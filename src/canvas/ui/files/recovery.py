"""UI layer: autosave of unsaved work and the offer to recover it after a crash.

:class:`Autosaver` (one per window) writes the document's unsaved design to its own
recovery file once the user has been idle for :data:`IDLE_MS` after an edit (and at least
every :data:`MAX_WAIT_S` during non-stop editing), and removes the file when the
document becomes clean (saved, undone to the saved state, another file opened) or the
window closes normally. :func:`offer_recovery` runs at startup: recovery files whose
process is gone are offered one by one — Restore, Compare…, Discard or Later — through
the patchable questions in :mod:`canvas.ui.files.safety_dialogs`. The files themselves are
handled by the Qt-free :mod:`canvas.io.recovery_store`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QWidget

from canvas.core.model import Design
from canvas.io import DesignLoadError, DesignSaveError, load_design
from canvas.io.design_diff import compare_text
from canvas.io.recovery_store import RecoveryEntry, RecoveryError, RecoveryStore
from canvas.ui.document import Document
from canvas.ui.files import dialogs, safety_dialogs
from canvas.ui.files.file_actions import FileActions
from canvas.ui.files.safety_dialogs import RecoveryChoice

IDLE_MS = 3000
MAX_WAIT_S = 30.0


def recovery_folder() -> Path:
    """``<user data folder>/recovery`` (e.g. ``~/.local/share/ml-canvas/ML System Canvas/recovery``)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class Autosaver(QObject):
    """Keeps one window's unsaved design in its own recovery file."""

    #: The recovery file was written.
    autosaved = Signal(Path)
    #: A short message for the status bar (autosave failures).
    status_message = Signal(str)

    def __init__(
        self,
        document: Document,
        store: RecoveryStore | None = None,
        idle_ms: int = IDLE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store if store is not None else RecoveryStore(recovery_folder())
        self.slot = self.store.new_slot()
        self.timer = QTimer(self, singleShot=True, interval=idle_ms)
        self.timer.timeout.connect(self.autosave_now)
        self._dirty_since: float | None = None
        self._written = False
        self._failing = False
        # The stack's signals, not design_changed: that one fires inside push(), before the
        # stack has moved, when "dirty" is not yet true.
        document.undo_stack.indexChanged.connect(self._edited)
        document.undo_stack.cleanChanged.connect(self._edited)
        document.path_changed.connect(self._edited)

    @property
    def path(self) -> Path:
        """This window's recovery file (it exists only while there is unsaved work)."""
        return self.slot.path

    def _edited(self, *_args: object) -> None:
        if not shiboken6.isValid(self.document.undo_stack):
            return  # the stack clears itself while the window is destroyed
        if not self.document.dirty:
            self.discard()
            return
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= MAX_WAIT_S:
            self.autosave_now()  # never idle: don't wait for a pause that never comes
        else:
            self.timer.start()  # restart: write once the user pauses

    def autosave_now(self) -> bool:
        """Write the recovery file now if there is unsaved work; True when written."""
        self.timer.stop()
        if not self.document.dirty:
            self.discard()
            return False
        try:
            self.slot.write(self.document.design, self.document.path)
        except DesignSaveError as exc:
            if not self._failing:  # once, not every few seconds
                self.status_message.emit(f"Autosave failed: {exc}")
            self._failing = True
            return False
        self._failing = False
        self._written = True
        self._dirty_since = None
        self.autosaved.emit(self.slot.path)
        return True

    def discard(self) -> None:
        """No unsaved work any more (saved, discarded, closed): remove the recovery file."""
        self.timer.stop()
        self._dirty_since = None
        if self._written:
            self.slot.remove()
            self._written = False


def install_autosave(document: Document, parent: QObject, status: Callable[[str], None]) -> Autosaver:
    """A window's autosaver for ``document``, reporting to ``status`` (its status bar)."""
    saver = Autosaver(document, parent=parent)
    saver.status_message.connect(status)
    return saver


class RecoveryWindow(Protocol):
    """What the recovery offer needs of a main window (it is the questions' parent too)."""

    document: Document
    files: FileActions
    recovery: Autosaver


_W = TypeVar("_W", bound=RecoveryWindow)


# --- at startup ------------------------------------------------------------------------------
def describe(entry: RecoveryEntry) -> tuple[str, str, str]:
    """(name, when, details) for the question."""
    name = entry.original.name if entry.original is not None else entry.design.name
    when = entry.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    size = f"{len(entry.design.components)} components and {len(entry.design.links)} links."
    where = f" Saved file: {entry.original}." if entry.original is not None else " It was never saved to a file."
    return name, when, size + where


def comparison_text(entry: RecoveryEntry) -> str:
    """What the recovered design changes compared with its file as it is on disk now."""
    if entry.original is None:
        base, note = Design(name=entry.design.name), "This design was never saved; compared with an empty design."
    else:
        try:
            base, note = load_design(entry.original), f"Compared with {entry.original} as it is on disk now."
        except DesignLoadError as exc:
            base, note = Design(name=entry.design.name), f"{exc}; compared with an empty design."
    return note + "\n" + compare_text(base, entry.design, "on disk", "recovered")


def offer_recovery(first: _W, new_window: Callable[[], _W], store: RecoveryStore | None = None) -> list[_W]:
    """Offer every recovery file left by a process that is gone; returns the restored windows.

    The first restore goes into ``first`` if it is still an empty, untouched window, the
    others into windows made by ``new_window``. Damaged files are reported in a sentence and
    moved aside; nothing here raises."""
    store = store if store is not None else RecoveryStore(recovery_folder())
    parent = first if isinstance(first, QWidget) else None
    restored: list[_W] = []
    for orphan in store.orphans():
        file = store.claim(orphan)
        if file is None:
            continue  # another instance is offering it
        try:
            entry = store.read(file)
        except RecoveryError as exc:
            moved = store.move_aside(file)
            where = f" It was moved to {moved}." if moved is not None else ""
            dialogs.show_error(parent, "Recovery file damaged", f"{exc}{where}")
            continue
        choice = _ask(parent, entry)
        if choice is RecoveryChoice.RESTORE:
            target = first if not restored and _untouched(first) else new_window()
            target.files.restore_recovered(entry.design, entry.original)
            # The window's own recovery file first, then drop the old one: never zero copies.
            if target.recovery.autosave_now():
                store.remove(file)
            restored.append(target)
        elif choice is RecoveryChoice.DISCARD:
            store.remove(file)
    return restored


def _ask(parent: QWidget | None, entry: RecoveryEntry) -> RecoveryChoice:
    name, when, details = describe(entry)
    while True:
        choice = safety_dialogs.ask_recovery(parent, name, when, details)
        if choice is not RecoveryChoice.COMPARE:
            return choice
        safety_dialogs.show_comparison(
            parent, f"Recovered “{name}” compared with the file on disk", comparison_text(entry)
        )


def _untouched(window: RecoveryWindow) -> bool:
    doc = window.document
    return doc.path is None and not doc.dirty and not doc.design.components and doc.undo_stack.count() == 0
