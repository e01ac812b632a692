"""UI layer: the Help menu — Keyboard Shortcuts and About.

The shortcuts dialog is generated from the window's real QActions each time it opens: the
menus are walked in order (an action's group is the menu it is in), then every other
action of the window that carries a shortcut and sits in no menu. Nothing is listed by
hand, so a new action or a changed shortcut shows up by itself. Both dialogs
are modeless: the window stays usable while they are open.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas.resources import app_icon_path
from canvas.ui.actions import make_action
from canvas.ui.settings import APPLICATION

#: Keys the canvas handles itself (they move or pan, they are not commands with an action).
CANVAS_KEYS = (
    "On the canvas: arrow keys move the selection (one undo step for a run of presses), "
    "double-click a card to rename it, Escape cancels a link being drawn or clears the selection, "
    "Space+drag or the middle button pans, Ctrl+wheel zooms."
)
BOOK = "Chip Huyen, <i>Designing Machine Learning Systems</i> (O'Reilly, 2022)"


def action_text(action: QAction) -> str:
    """An action's name without its mnemonic or ellipsis ("&Open…" -> "Open"): Qt's icon
    text, which an action whose menu text changes (Undo names the edit) sets to stay put."""
    return action.iconText()


def shortcut_text(action: QAction) -> str:
    """Every shortcut of an action as the platform writes it ("Ctrl+Shift+Z, Ctrl+Y")."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def shortcut_groups(window: QMainWindow) -> list[tuple[str, list[QAction]]]:
    """``(group, actions with a shortcut)`` in menu order: one group per menu of the menu
    bar (submenus included), then "Other" for the window's actions (its panels' and the
    canvas's included) that have a shortcut, are on a widget, and are in no menu."""
    seen: set[int] = set()
    groups: list[tuple[str, list[QAction]]] = []

    def walk(menu: QMenu, into: list[QAction]) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, into)
            elif not action.isSeparator() and shortcut_text(action) and id(action) not in seen:
                seen.add(id(action))
                into.append(action)

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            found: list[QAction] = []
            walk(menu, found)
            if found:
                groups.append((action_text(top), found))
    others = [
        a for a in window.findChildren(QAction) if shortcut_text(a) and id(a) not in seen and a.associatedObjects()
    ]
    if others:
        groups.append(("Other", others))
    return groups


class ShortcutsDialog(QDialog):
    """Every action that has a shortcut, grouped by menu, with a filter box."""

    def __init__(self, groups: list[tuple[str, list[QAction]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter by action or key…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._groups: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for title, actions in groups:
            group = QTreeWidgetItem(self.tree, [title])
            rows: list[QTreeWidgetItem] = []
            self._groups.append((group, rows))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for action in actions:
                row = QTreeWidgetItem(group, [action_text(action), shortcut_text(action)])
                rows.append(row)
                row.setIcon(0, action.icon() if not action.icon().isNull() else QIcon())
                if action.statusTip():
                    row.setToolTip(0, action.statusTip())
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(CANVAS_KEYS, self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, 640)

    def rows(self) -> dict[str, str]:
        """Action -> shortcut, as listed (every group)."""
        return {row.text(0): row.text(1) for _group, rows in self._groups for row in rows}

    def visible_rows(self) -> list[str]:
        return [row.text(0) for _group, rows in self._groups for row in rows if not row.isHidden()]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for group, rows in self._groups:
            shown = 0
            for row in rows:
                hit = not needle or needle in row.text(0).casefold() or needle in row.text(1).casefold()
                row.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)


class AboutDialog(QDialog):
    """What the app is, its version, the book it comes from and its license."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(f"About {APPLICATION}")
        from canvas.cli import version  # the installed distribution's, as `ml-canvas --version` says

        icon = QLabel(self)
        icon.setPixmap(QIcon(str(app_icon_path())).pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setObjectName("about_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setOpenExternalLinks(True)
        self.text.setText(
            f"<h3>{html.escape(APPLICATION)} {html.escape(version())}</h3>"
            "<p>Design machine-learning <b>systems</b> — not just models — on a canvas, and let a "
            "completeness checker tell you what the design is missing, the way a linter reviews code.</p>"
            f"<p>The components and the rules come from {BOOK}, chapter 1 and its Figure 1-1: the ML "
            "algorithm is a small part of an ML system, which also holds the business requirements, the "
            "interface, the data stack, the logic to develop, deploy, monitor and update models, and the "
            "infrastructure under it all.</p>"
            f"<p>Released under the {html.escape(license_name())} license.</p>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(480, 300)


def license_name() -> str:
    """The license in the package metadata (pyproject.toml), frozen or not."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        return metadata("ml-canvas")["License"] or "MIT"
    except PackageNotFoundError:
        return "MIT"


class HelpMenu:
    """Fills a window's Help menu."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        self.window, self.menu = window, menu
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.shortcuts_action = make_action(
            window, "&Keyboard Shortcuts…", self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = make_action(window, f"&About {APPLICATION}", self.show_about, icon="help-about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        window.addAction(self.shortcuts_action)  # F1 works with the menu bar hidden too
        menu.addActions([self.shortcuts_action, self.about_action])

    def show_shortcuts(self) -> ShortcutsDialog:
        """Open (or rebuild and raise) the shortcuts dialog from the current actions."""
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
            self.shortcuts_dialog.deleteLater()
        dialog = self.shortcuts_dialog = ShortcutsDialog(shortcut_groups(self.window), self.window)
        dialog.show()
        return dialog

    def show_about(self) -> AboutDialog:
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self.window)
        _show(self.about_dialog)
        return self.about_dialog


def _show(dialog: QDialog) -> None:
    """Show a dialog, or bring it to the front if it is already open."""
    if dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
