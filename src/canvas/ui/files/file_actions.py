"""UI layer: New, New from template, Open, Save, Save As, recent files, file drops, the title.

Loading goes through ``canvas.io.load_design`` and ``Document.replace``; saving through
``canvas.io.save_design`` and ``Document.mark_saved``. A file that cannot be read or
written is reported with the file layer's one sentence and leaves the current document
as it was (still dirty after a failed save). The file's fingerprint is taken when it is
opened or saved (:class:`~canvas.ui.files.disk_watch.DiskWatch`): Save warns before overwriting
a change another program made, and such a change offers a reload. The questions asked
(unsaved changes, file names, errors, template choice, overwrite, reload) are attributes
so tests can replace them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from canvas.core.edits import ReplaceDesign
from canvas.core.model import Design
from canvas.io import DesignLoadError, DesignSaveError, load_design, save_design
from canvas.io.fingerprint import FileFingerprint, fingerprint
from canvas.templates import load_template
from canvas.ui.actions import make_action
from canvas.ui.document import Document
from canvas.ui.files import dialogs, safety_dialogs
from canvas.ui.files.dialogs import SaveChoice
from canvas.ui.files.disk_watch import DiskWatch
from canvas.ui.files.safety_dialogs import OverwriteChoice
from canvas.ui.settings import APPLICATION as APP_TITLE
from canvas.ui.settings import RecentFiles


def design_files(urls: Sequence[QUrl]) -> list[Path]:
    """The local ``.json`` files among dropped URLs."""
    out = []
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == ".json":
                out.append(path)
    return out


UNTITLED = "Untitled design"


class FileActions(QObject):
    """Owns the File menu's actions for one window and its document."""

    #: A short message for the status bar.
    status_message = Signal(str)

    def __init__(self, window: QWidget, document: Document, recent: RecentFiles | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.recent = recent if recent is not None else RecentFiles()
        # The questions, replaceable in tests.
        self.ask_save_changes = dialogs.ask_save_changes
        self.ask_open_path = dialogs.ask_open_path
        self.ask_save_path = dialogs.ask_save_path
        self.show_error = dialogs.show_error
        self.choose_template = dialogs.choose_template
        self.ask_overwrite_changed = safety_dialogs.ask_overwrite_changed
        self.ask_reload = safety_dialogs.ask_reload
        self.disk = DiskWatch(window)
        self.disk.changed.connect(self.offer_reload)
        self.disk.status_message.connect(self.status_message)

        self.new_action = self._action("&New", QKeySequence.StandardKey.New, self.new_design, "document-new")
        self.new_from_template_action = self._action(
            "New from &Template…", QKeySequence("Ctrl+Shift+N"), lambda: self.new_from_template(), "document-new"
        )
        self.open_action = self._action("&Open…", QKeySequence.StandardKey.Open, self.open_dialog, "document-open")
        self.save_action = self._action("&Save", QKeySequence.StandardKey.Save, self.save, "document-save")
        self.save_as_action = self._action(
            "Save &As…", QKeySequence.StandardKey.SaveAs, self.save_as, "document-save-as"
        )
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self.rebuild_recent_menu)
        self.rebuild_recent_menu()

        window.setAcceptDrops(True)
        window.installEventFilter(self)
        document.undo_stack.cleanChanged.connect(self.update_title)
        document.path_changed.connect(self.update_title)
        document.design_changed.connect(self.update_title)
        self.update_title()

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object], icon: str
    ) -> QAction:
        return make_action(self.window, text, slot, shortcut, icon)

    # --- the title -----------------------------------------------------------------------
    def display_name(self) -> str:
        return self.document.path.name if self.document.path is not None else self.document.design.name

    def update_title(self) -> None:
        # The undo stack is cleared (emitting cleanChanged) while the window is being destroyed.
        if not shiboken6.isValid(self.window):
            return
        self.window.setWindowTitle(f"{self.display_name()}[*] — {APP_TITLE}")
        self.window.setWindowModified(self.document.dirty)

    # --- unsaved changes -----------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        if not self.document.dirty:
            return True
        with self.disk.paused():
            choice = self.ask_save_changes(self.window, self.display_name())
        if choice is SaveChoice.SAVE:
            return self.save()
        return choice is SaveChoice.DISCARD

    # --- new / open ----------------------------------------------------------------------
    def new_design(self) -> bool:
        if not self.maybe_save():
            return False
        self._replace(Design(), None)
        self.status_message.emit("New design")
        return True

    def new_from_template(self, name: str | None = None) -> bool:
        if name is None:
            name = self.choose_template(self.window)
            if name is None:
                return False
        if not self.maybe_save():
            return False
        try:
            design = load_template(name)
        except (KeyError, DesignLoadError) as exc:
            self.show_error(self.window, "New from template", str(exc).strip("'\""))
            return False
        # No path: saving a template-based design asks where, never overwrites the template.
        self._replace(design, None)
        self.status_message.emit(f"New design from the template '{name}'")
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path = self.ask_open_path(self.window, self._folder())
        return self.open_path(path, ask=False) if path else False

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open a design file; on failure show the sentence and keep the current document."""
        if ask and not self.maybe_save():
            return False
        target = Path(path)
        # Before reading: a change made while we read must look like a change later.
        known = fingerprint(target)
        try:
            design = load_design(target)
        except DesignLoadError as exc:
            if not target.exists():
                self.recent.remove(target)
                self.rebuild_recent_menu()
            self.show_error(self.window, "Cannot open the design", str(exc))
            return False
        self._replace(design, target.resolve(), known)
        self._remember(target)
        self.status_message.emit(f"Opened {target.name}")
        return True

    def _replace(self, design: Design, path: Path | None, known: FileFingerprint | None = None) -> None:
        self.document.replace(design, path)
        self.disk.track(path, known)

    # --- changed on disk -----------------------------------------------------------------
    def offer_reload(self) -> bool:
        """The file changed on disk: ask, and reload it if the user agrees."""
        path = self.document.path
        if path is None:
            return False
        with self.disk.paused():
            if not self.ask_reload(self.window, path.name, self.document.dirty):
                self.status_message.emit(f"{path.name} changed on disk; kept the version in this window")
                return False
        return self.reload()

    def reload(self) -> bool:
        """Read the document's file again, dropping unsaved changes and the undo history."""
        path = self.document.path
        if path is None:
            return False
        known = fingerprint(path)
        try:
            design = load_design(path)
        except DesignLoadError as exc:
            self.show_error(self.window, "Cannot reload the design", str(exc))
            return False
        self._replace(design, path, known)
        self.status_message.emit(f"Reloaded {path.name}")
        return True

    def restore_recovered(self, design: Design, original: Path | None) -> None:
        """Show a recovered design over its file as on disk now, unsaved: Save writes to
        ``original``, and undoing "Restore unsaved changes" shows the file's version."""
        base, known = Design(name=design.name), None
        if original is not None:
            known = fingerprint(original)
            with contextlib.suppress(DesignLoadError):  # gone or damaged since: the recovered design is all there is
                base = load_design(original)
        self._replace(base, original, known)
        self.document.apply(ReplaceDesign(design))

    # --- save ----------------------------------------------------------------------------
    def save(self) -> bool:
        path = self.document.path
        if path is None:
            return self.save_as()
        if self.disk.conflicts(path):
            with self.disk.paused():
                choice = self.ask_overwrite_changed(self.window, path.name)
            if choice is OverwriteChoice.CANCEL:
                return False
            if choice is OverwriteChoice.SAVE_AS:
                return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        path = self.ask_save_path(self.window, str(self._suggested_path()))
        if not path:
            return False
        if self.document.design.name == UNTITLED:
            # An untitled design takes its file's name, so `check` and exports say what it is.
            self.document.set_name(Path(path).stem.replace("-", " ").replace("_", " ").strip() or UNTITLED)
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        with self.disk.paused():
            try:
                save_design(self.document.design, path)
            except DesignSaveError as exc:
                self.show_error(self.window, "Cannot save the design", str(exc))
                return False
        self.document.mark_saved(path.resolve())
        self.disk.track(path.resolve(), fingerprint(path.resolve()))
        self._remember(path)
        self.status_message.emit(f"Saved {path.name}")
        return True

    def _suggested_path(self) -> Path:
        if self.document.path is not None:
            return self.document.path
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.document.design.name).strip("-").lower() or "design"
        return Path(self._folder()) / f"{slug}.json"

    def _folder(self) -> str:
        if self.document.path is not None:
            return str(self.document.path.parent)
        recent = self.recent.paths()
        return str(recent[0].parent) if recent else str(Path.home())

    # --- recent files --------------------------------------------------------------------
    def _remember(self, path: Path) -> None:
        self.recent.add(path)
        self.rebuild_recent_menu()

    def rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for n, path in enumerate(paths, 1):
            action = self.recent_menu.addAction(f"&{n % 10} {path.name}   —   {path.parent}")
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if paths:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", self._clear_recent)
        else:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def _clear_recent(self) -> None:
        self.recent.clear()
        self.rebuild_recent_menu()

    # --- a design file dropped on the window ---------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is not self.window:
            return super().eventFilter(watched, event)
        if isinstance(event, QDragMoveEvent):  # QDragEnterEvent is a QDragMoveEvent
            if event.mimeData().hasUrls() and design_files(event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        elif isinstance(event, QDropEvent):
            drop = event
            files = design_files(drop.mimeData().urls()) if drop.mimeData().hasUrls() else []
            if files:
                drop.acceptProposedAction()
                # Open after the drop returns: the prompt must not run inside the drag.
                QTimer.singleShot(0, lambda p=files[0]: self.open_path(p))
                return True
        return super().eventFilter(watched, event)
