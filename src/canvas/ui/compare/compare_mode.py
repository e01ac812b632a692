"""UI layer: compare mode — File ▸ Compare With… and File ▸ Leave Compare (Escape).

The open design (unsaved edits included) is compared with another design file or with a git
revision of its own file, through the same Qt-free pieces as ``ml-canvas diff``: the file layer
reads the other side (:func:`canvas.io.load_design`, :func:`canvas.io.sources.read_revision`,
which reads ``REV:PATH`` as the command does) and :func:`canvas.core.diff.diff_designs` says
what differs, with the checker's current findings for the open design.

While comparing, the canvas shows the difference (:mod:`canvas.ui.compare.compare_overlay`) and
a dock lists it (:mod:`canvas.ui.compare.compare_panel`); a row's click selects and centres
what it names. Compare mode edits nothing — no command reaches the undo stack. Editing is not
locked either: **any edit of the design, by any means (a drag, a key, the inspector, undo, opening
a file), leaves compare mode**, because the comparison would no longer describe the design.
Leaving takes the marks and ghosts off the canvas and hides the dock; the cards and links were
never touched, so the canvas is as it was. A choice that cannot be read is one sentence in a
message box, and nothing changes (a comparison already shown stays).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QWidget

from canvas.core.model import Design
from canvas.io import DesignLoadError, load_design
from canvas.io.sources import read_revision, revision_name, revision_of
from canvas.ui.actions import make_action
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from canvas.ui.compare.compare_dialog import CompareChoice, ask_compare_source, revision_text
from canvas.ui.document import Document

if TYPE_CHECKING:
    from canvas.core.diff import DesignDiff
    from canvas.core.rules import Finding
    from canvas.ui.compare.compare_overlay import CompareOverlay
    from canvas.ui.compare.compare_panel import CompareDock, ComparePanel
    from canvas.ui.compare.compare_rows import Target

_FULL_HASH = re.compile(r"^[0-9a-f]{40}$")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


class CompareMode(QObject):
    """Compare mode of one window: its two actions, the overlay on the canvas and the dock.

    ``findings()`` gives the checker's findings for the open design when they are current
    (else ``None``: they are checked here); ``beside`` is the dock the panel is tabbed with.
    ``ask_source`` and ``show_error`` are the questions asked, replaceable in tests."""

    #: Compare mode started (a comparison is shown) or ended.
    entered = Signal()
    left = Signal()

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        scene: DesignScene,
        view: DesignView,
        *,
        findings: Callable[[], Sequence[Finding] | None],
        status: Callable[[str], None],
        beside: QDockWidget | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.document, self.scene, self.view = window, document, scene, view
        self._findings, self._status, self._beside = findings, status, beside
        self.ask_source: Callable[[QWidget | None, Path | None, str], CompareChoice | None] = ask_compare_source
        self.show_error: Callable[[QWidget | None, str, str], None] = show_error
        self.compare_action = make_action(window, "Compare &With…", self.choose_and_compare)
        self.compare_action.setStatusTip("Show what differs from another design file or a git revision of this one")
        self.leave_action = make_action(window, "&Leave Compare", self.leave, "Escape")
        self.leave_action.setStatusTip("Take the comparison off the canvas")
        self.leave_action.setEnabled(False)
        window.addAction(self.leave_action)  # Escape works with the menu bar hidden too
        self.diff: DesignDiff | None = None
        self.other_name = ""
        self.overlay: CompareOverlay | None = None
        self.panel: ComparePanel | None = None
        self.dock: CompareDock | None = None
        self._showing = False
        document.design_changed.connect(self._design_changed)
        scene.selectionChanged.connect(self._selection_changed)

    @property
    def active(self) -> bool:
        return self.overlay is not None

    # --- entering ------------------------------------------------------------------------
    def choose_and_compare(self) -> bool:
        path = self.document.path
        folder = str(path.parent) if path is not None else str(Path.home())
        choice = self.ask_source(self.window, path, folder)
        # Keys to the window again once the dialog is gone (Escape leaves), also where no
        # window manager hands the focus back (measured under Xvfb).
        self.window.activateWindow()
        return self.compare_with(choice) if choice is not None else False

    def compare_with(self, choice: CompareChoice) -> bool:
        """Read the other side and show the comparison; a sentence and ``False`` if it cannot
        be read (compare mode, on or off, stays as it was)."""
        try:
            other, name, detail = self._read(choice)
        except DesignLoadError as exc:
            self.show_error(self.window, "Cannot compare", str(exc))
            return False
        self.enter(other, name, detail)
        return True

    def _read(self, choice: CompareChoice) -> tuple[Design, str, str]:
        """The other design, its name, and a line more about it (the file's folder, the commit)."""
        if choice.file is not None:
            return load_design(choice.file), choice.file.name, str(choice.file.parent)
        path = self.document.path
        rev = (choice.revision or "").strip()
        if path is None:
            raise DesignLoadError(self.document.design.name, "save the design first: only a file has a git history")
        other = read_revision(path, rev)
        commit = revision_of(path, rev)
        shown = commit.short if commit is not None and _FULL_HASH.match(rev) else rev
        return other, revision_name(path, shown), revision_text(commit) if commit is not None else ""

    def enter(self, other: Design, name: str, detail: str = "") -> None:
        """Show how the open design differs from ``other`` (called ``name``; ``detail`` says
        more about it, on a line of its own)."""
        # The diff, the rules and the panel load at the first comparison, not with the window.
        from canvas.core.diff import diff_designs
        from canvas.ui.compare import compare_rows
        from canvas.ui.compare.compare_overlay import CompareOverlay

        if self.active:
            self._take_off()
        self.diff = diff = diff_designs(other, self.document.design, None, self._findings())
        self.other_name = name
        self.overlay = CompareOverlay(self.scene, diff)
        panel, dock = self._ensure_dock()
        summary = compare_rows.summary(diff)
        panel.show_sections(
            f"This design compared with {name}",
            f"{detail}\n{summary}" if detail else summary,
            compare_rows.sections(diff),
        )
        dock.show()
        dock.raise_()
        self.leave_action.setEnabled(True)
        changes = self.overlay.changes_rect()
        if not changes.isNull():  # what differs, as large as fits (never past 100 %)
            self.view.fit_rect(changes)
        self._status(f"Comparing with {name} — Escape leaves compare mode")
        self.entered.emit()

    def _ensure_dock(self) -> tuple[ComparePanel, CompareDock]:
        """Made at the first comparison, so a window that never compares has no such dock
        (and no saved window state shows an empty one)."""
        if self.panel is None or self.dock is None:
            from canvas.ui.compare.compare_panel import CompareDock, ComparePanel

            self.panel = ComparePanel(self.leave_action)
            self.panel.target_activated.connect(self.show_target)
            self.dock = CompareDock(self.panel, self.window)
            self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
            if self._beside is not None:
                self.window.tabifyDockWidget(self._beside, self.dock)
            self.dock.closed.connect(self.leave)
        return self.panel, self.dock

    # --- showing a row -------------------------------------------------------------------
    def show_target(self, target: Target) -> None:
        """Select the live cards and links ``target`` names, highlight its ghosts, and
        bring them all into view (zooming out, never in past 100 %, if they do not fit)."""
        if self.overlay is None:
            return
        self._showing = True
        try:
            self.scene.select_ids(target.components, target.links)
        finally:
            self._showing = False
        self.overlay.highlight(target)
        rect = self.overlay.target_rect(target)
        if rect.isNull():
            return
        visible = self.view.visible_scene_rect()
        if rect.width() > visible.width() * 0.95 or rect.height() > visible.height() * 0.95:
            self.view.fit_rect(rect)
        else:
            self.view.centre_on_rect(rect)

    def _selection_changed(self) -> None:
        if self.overlay is not None and not self._showing:
            from canvas.ui.compare.compare_rows import Target  # loaded with the overlay

            self.overlay.highlight(Target())  # the user picked something else on the canvas

    # --- leaving -------------------------------------------------------------------------
    def leave(self) -> None:
        """Take the comparison off the canvas and hide the panel."""
        if not self.active:
            return
        self._take_off()
        if self.dock is not None and self.dock.isVisible():
            self.dock.hide()
        self._status("Left compare mode")
        self.left.emit()

    def _take_off(self) -> None:
        if self.overlay is not None:
            self.overlay.remove()
        self.overlay = None
        self.diff = None
        self.leave_action.setEnabled(False)

    def _design_changed(self) -> None:
        if self.active:
            self.leave()
            self._status("Left compare mode: the design was edited")
