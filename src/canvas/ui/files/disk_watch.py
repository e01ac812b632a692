"""UI layer: notices when another program changes the open design file.

The file actions tell it what the file looked like when it was opened or saved
(:meth:`DiskWatch.track`, a :class:`~canvas.io.fingerprint.FileFingerprint`). A
``QFileSystemWatcher`` and every activation of the window trigger a check; a real change
of content (not just a new mtime) is reported once through :attr:`DiskWatch.changed`.
:meth:`DiskWatch.conflicts` tells a save that it would overwrite someone else's change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from canvas.io.fingerprint import FileFingerprint, fingerprint, has_changed


class DiskWatch(QObject):
    """Watches one file: the document's, as it was last opened or saved here."""

    #: The file's content changed on disk (reported once per new content).
    changed = Signal()
    #: A short message for the status bar.
    status_message = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.path: Path | None = None
        self.known: FileFingerprint | None = None
        self._reported: FileFingerprint | None = None
        self._reported_missing = False
        self._paused = 0
        # Editors replace files in several steps; look once they are done.
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.check)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(lambda _path: self._debounce.start())
        window.installEventFilter(self)

    def track(self, path: Path | None, known: FileFingerprint | None) -> None:
        """From now on ``path`` is expected to look like ``known`` (``None``: no file)."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.path, self.known = path, known
        self._reported, self._reported_missing = None, False
        self._watch()

    def conflicts(self, path: Path) -> bool:
        """Whether saving to ``path`` would overwrite a change made by another program."""
        if self.path is None or path.resolve() != self.path or not path.exists():
            return False
        return has_changed(path, self.known)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No reports while a question or a save is under way."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1

    def check(self) -> None:
        """Compare the file with what was tracked; emit :attr:`changed` for new content."""
        if self.path is None or self._paused:
            return
        self._watch()
        if not has_changed(self.path, self.known):
            return
        now = fingerprint(self.path)
        if now is None:
            if not self._reported_missing:
                self._reported_missing = True
                self.status_message.emit(f"{self.path.name} was moved or deleted on disk; Save writes it again.")
            return
        self._reported_missing = False
        if self._reported is not None and now.same_content(self._reported):
            return  # already asked about this version
        self._reported = now
        self.changed.emit()

    def _watch(self) -> None:
        # A file replaced by rename drops out of the watcher: add it again.
        if self.path is not None and self.path.is_file() and str(self.path) not in self.watcher.files():
            self.watcher.addPath(str(self.path))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.WindowActivate:
            self._debounce.start()
        return super().eventFilter(watched, event)
