"""UI layer: the main window — menus, toolbar, docks and status bar, nothing else.

Every action delegates, and is made by what it acts on: file actions by
:class:`~canvas.ui.files.file_actions.FileActions`, canvas actions by the view's
:class:`~canvas.ui.canvas.canvas_actions.CanvasActions`, undo and redo by the document's
undo stack. The window puts them in its menus and toolbar and hands the checker's wiring
the menus and docks it fills (:mod:`canvas.ui.shell.checker_ui`).
Window geometry, dock layout, snap and theme persist through QSettings.

The window is made in two steps. Its frame — size, title, menu titles, toolbar and an
empty canvas-coloured centre — needs nothing but Qt; :meth:`MainWindow.build` then imports
and creates the rest (document, canvas, panels, checker). ``MainWindow()`` does both at
once; ``ml-canvas`` makes the window with ``staged=True``, shows the frame and builds on
the next turn of the event loop, so the window is on screen before the model, the checker
and the panels are loaded (:mod:`canvas.ui.shell.startup_frame`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QSettings, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMenu, QToolBar, QUndoView, QWidget

from canvas.resources import app_icon_path
from canvas.ui.actions import make_action, make_toggle
from canvas.ui.settings import APPLICATION, app_settings, dark_theme_preferred, set_dark_theme_preferred
from canvas.ui.shell.startup_frame import StartupCanvas
from canvas.ui.theme import apply_theme


class MainWindow(QMainWindow):
    """One design in one window: canvas in the middle, palette left, inspector right."""

    #: Emitted once :meth:`build` has made the window's contents.
    ready = Signal()

    def __init__(
        self, settings: QSettings | None = None, parent: QWidget | None = None, *, staged: bool = False
    ) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else app_settings()
        self.setObjectName("main_window")
        self.setWindowIcon(QIcon(str(app_icon_path())))
        self.is_ready = False
        self._build_frame()
        if staged:
            frame = StartupCanvas(dark_theme_preferred(self.settings))
            self.setCentralWidget(frame)
            self.frame_painted: SignalInstance = frame.painted
            self.statusBar().showMessage("Starting…")
        else:
            self.build()

    # --- building ------------------------------------------------------------------------
    def _build_frame(self) -> None:
        """What the window shows from its first paint: Qt widgets only, no model."""
        self.setWindowTitle(APPLICATION)
        bar = self.menuBar()
        self.file_menu, self.edit_menu, self.view_menu, self.arrange_menu, self.design_menu = (
            bar.addMenu(title) for title in ("&File", "&Edit", "&View", "&Arrange", "&Design")
        )
        self.help_menu = bar.addMenu("&Help")
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(self._default_size())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, dark_theme_preferred(self.settings))

    def build(self) -> None:
        """Make the window's contents (once): document, canvas, docks, actions, checker."""
        if self.is_ready:
            return
        # Imported here, not at the top: ``ml-canvas`` paints the frame before loading these.
        from canvas.ui.canvas.find_bar import FindBar
        from canvas.ui.canvas.link_style_menu import LinkStyleActions
        from canvas.ui.canvas.palette import Palette
        from canvas.ui.canvas.scene import DesignScene
        from canvas.ui.canvas.view import DesignView
        from canvas.ui.compare.compare_mode import CompareMode
        from canvas.ui.document import Document
        from canvas.ui.files.export_actions import ExportActions
        from canvas.ui.files.file_actions import FileActions
        from canvas.ui.files.mermaid_actions import MermaidActions
        from canvas.ui.files.recovery import install_autosave
        from canvas.ui.inspector.inspector import Inspector
        from canvas.ui.settings import RecentFiles
        from canvas.ui.shell.checker_ui import install_checker_ui
        from canvas.ui.shell.help_menu import HelpMenu
        from canvas.ui.shell.overview_dock import install_overview

        self.statusBar().clearMessage()
        self.document = Document(parent=self)
        self.scene = DesignScene(self.document, self)  # kept referenced: the view does not own it
        self.view = DesignView(self.scene)
        self.setCentralWidget(self.view)
        self.find_bar = FindBar(self.view)

        self.palette_panel = Palette()
        self.inspector = Inspector(self.document)
        self.undo_view = QUndoView(self.document.undo_stack)
        self.undo_view.setEmptyLabel("<original>")
        self.palette_dock = self._dock(
            "Components", "palette_dock", self.palette_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.inspector_dock = self._dock(
            "Inspector", "inspector_dock", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.history_dock = self._dock(
            "Undo History", "history_dock", self.undo_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.history_dock.hide()

        self.files = FileActions(self, self.document, RecentFiles(self.settings))
        self.link_styles = LinkStyleActions(self.document, self)
        self.exports = ExportActions(self, self.document, self.scene, self.show_status, self.settings)
        self.mermaid = MermaidActions(self, self.document, self.show_status)
        # The checker's findings of the open design, when current (the checker is made below).
        self.compare = CompareMode(
            self,
            self.document,
            self.scene,
            self.view,
            beside=self.palette_dock,
            status=self.show_status,
            findings=lambda: self.checker_ui.checker.findings if self.checker_ui.checker.current else None,
        )
        self.zoom_label = QLabel("100%")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        # Live checker, Findings/Analysis/Figure 1-1 docks, status-bar summary, Design menu.
        self.checker_ui = install_checker_ui(
            self,
            self.document,
            self.scene,
            self.view,
            design_menu=self.design_menu,
            panels_menu=self.panels_menu,
            palette_dock=self.palette_dock,
            filter_palette=self.palette_panel.filter_box,
        )
        self.overview_dock = install_overview(self, self.view, self.panels_menu)  # the design in miniature
        self.help = HelpMenu(self, self.help_menu)
        self.recovery = install_autosave(self.document, self, self.show_status)  # unsaved work survives a crash
        self._restore_state()
        self._connect()
        self.is_ready = True
        self.ready.emit()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # restoreState finds docks by object name
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        """The window's own actions (the canvas's and the files' are made by them)."""
        stack = self.document.undo_stack
        keys = QKeySequence.StandardKey
        self.quit_action = make_action(self, "&Quit", self.close, keys.Quit, "application-exit")
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(keys.Undo)
        self.undo_action.setIconText("Undo")  # the menu text names the edit; lists of shortcuts do not
        self.undo_action.setIcon(QIcon.fromTheme("edit-undo"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setIconText("Redo")
        # Every platform binding (QKeySequence(StandardKey) would keep only the first, Ctrl+Y
        # on some desktops), plus both common ones everywhere.
        redo_keys = QKeySequence.keyBindings(keys.Redo)
        redo_keys += [QKeySequence(k) for k in ("Ctrl+Shift+Z", "Ctrl+Y") if QKeySequence(k) not in redo_keys]
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setIcon(QIcon.fromTheme("edit-redo"))
        self.history_action = make_action(self, "Undo &History…", self._show_history)
        self.snap_action = make_toggle(self, "&Snap to Grid", self._set_snap, "Ctrl+'")  # Ctrl+Shift+G ungroups
        self.dark_action = make_toggle(self, "&Dark Palette", self._set_dark)
        # Added to the window, so their shortcuts work even when the menu bar is hidden.
        self.addActions(
            [
                self.quit_action,
                self.undo_action,
                self.redo_action,
                self.history_action,
                self.snap_action,
                self.dark_action,
            ]
        )

    def _build_menus(self) -> None:
        f = self.files
        file_menu = self.file_menu
        file_menu.addActions([f.new_action, f.new_from_template_action, f.open_action])
        file_menu.addMenu(f.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([f.save_action, f.save_as_action])
        file_menu.addActions([self.exports.export_action, self.exports.selection_action])  # Mermaid too
        file_menu.addSeparator()
        file_menu.addActions([self.compare.compare_action, self.compare.leave_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        c = self.view.canvas_actions
        edit = self.edit_menu
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([c.cut_action, c.copy_action, c.paste_action, c.duplicate_action, c.delete_action])
        edit.addAction(c.rename_action)
        edit.addAction(self.exports.copy_image_action)
        edit.addAction(self.mermaid.copy_action)
        for menu in (edit, file_menu):  # "Copy Selection as Image", "Export Selection…" when there is one
            menu.aboutToShow.connect(self.exports.update_enabled)
        edit.addSeparator()
        edit.addActions([c.select_all_action])
        edit.addSeparator()
        edit.addActions([self.find_bar.find_action, self.find_bar.next_action, self.find_bar.previous_action])
        edit.addSeparator()
        edit.addAction(self.history_action)

        view = self.view_menu
        view.addActions([c.zoom_in_action, c.zoom_out_action, c.zoom_reset_action, c.fit_action])
        view.addSeparator()
        view.addActions([self.snap_action, self.view.arrange_actions.guides_action, self.dark_action])
        view.addMenu("&Link Style").addActions(list(self.link_styles.actions.values()))
        view.addSeparator()
        self.panels_menu: QMenu = view.addMenu("&Panels")
        for dock in (self.palette_dock, self.inspector_dock, self.history_dock):
            self.panels_menu.addAction(dock.toggleViewAction())

        a = self.view.arrange_actions
        self.arrange_menu.addActions([c.tidy_action, a.tidy_selection_action])
        self.arrange_menu.addSeparator()
        align = self.arrange_menu.addMenu("&Align")
        align.addActions(list(a.align_actions.values())[:3])
        align.addSeparator()
        align.addActions(list(a.align_actions.values())[3:])
        distribute = self.arrange_menu.addMenu("&Distribute")
        distribute.addActions([a.distribute_horizontally_action, a.distribute_vertically_action])
        self.arrange_menu.addSeparator()
        notes = self.view.annotation_actions
        self.arrange_menu.addActions([notes.add_note_action, notes.group_action, notes.ungroup_action])

    def _build_toolbar(self) -> None:
        bar = self.toolbar
        f = self.files
        bar.addActions([f.new_action, f.open_action, f.save_action])
        bar.addSeparator()
        # The menu's undo/redo texts name the edit ("Undo Set notes"); the toolbar keeps short ones.
        stack = self.document.undo_stack
        undo = bar.addAction("Undo", stack.undo)
        undo.setToolTip("Undo the last edit")
        undo.setEnabled(stack.canUndo())
        stack.canUndoChanged.connect(undo.setEnabled)
        redo = bar.addAction("Redo", stack.redo)
        redo.setToolTip("Redo the last undone edit")
        redo.setEnabled(stack.canRedo())
        stack.canRedoChanged.connect(redo.setEnabled)
        c = self.view.canvas_actions
        bar.addSeparator()
        bar.addActions([c.zoom_out_action, c.zoom_in_action, c.fit_action])
        bar.addSeparator()
        bar.addActions([self.view.annotation_actions.add_note_action, self.view.annotation_actions.group_action])
        bar.addAction(c.tidy_action)

    def _connect(self) -> None:
        # A new or opened design is shown whole, once the scene has its items.
        self.document.design_replaced.connect(lambda: QTimer.singleShot(0, self.layout_keeper.fit_design))
        self.palette_panel.kind_activated.connect(self.view.canvas_actions.add_component_at_centre)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.view.status_message.connect(self.show_status)
        self.files.status_message.connect(self.show_status)
        self.view.zoom_changed.connect(self._update_zoom_label)
        self.view.context_menu_requested.connect(self._canvas_menu)

    # --- slots ---------------------------------------------------------------------------
    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _selection_changed(self) -> None:
        scene = self.scene
        self.inspector.set_selection(
            scene.selected_component_ids(),
            scene.selected_link_ids(),
            scene.selected_note_ids(),
            scene.selected_group_ids(),
        )

    def canvas_menu(self, on_item: bool, scene_pos: QPointF) -> QMenu:
        """The canvas's context menu: the selection's commands on a card or link, the
        design's (paste here, select all, tidy up, fit) on the background."""
        menu = QMenu(self)
        c = self.view.canvas_actions
        a = self.view.annotation_actions
        if on_item:
            cards = bool(self.scene.selected_component_ids())
            if cards or self.scene.selected_note_ids():  # links alone are only deleted
                menu.addActions([c.cut_action, c.copy_action, c.duplicate_action])
            menu.addAction(c.delete_action)
            if len(self.scene.selected_component_ids()) == 1:
                menu.addAction(c.rename_action)
            if cards:
                menu.addSeparator()
                menu.addActions([a.group_action, a.ungroup_action])
            elif self.scene.selected_group_ids():
                menu.addSeparator()
                menu.addAction(a.ungroup_action)
            if cards:
                menu.addSeparator()
                self.exports.update_enabled()
                menu.addActions([self.exports.copy_image_action, self.exports.selection_action])
        else:
            paste_here = menu.addAction(c.paste_action.icon(), "&Paste Here")
            paste_here.setEnabled(c.can_paste())
            paste_here.triggered.connect(lambda: c.paste(at=scene_pos))
            menu.addAction(c.select_all_action)
            add_note = menu.addAction("Add &Note Here")
            add_note.triggered.connect(lambda: a.add_note_at(scene_pos))
            menu.addSeparator()
            menu.addActions([c.tidy_action, c.fit_action])
        return menu

    def _canvas_menu(self, global_pos: QPoint, scene_pos: QPointF, on_item: bool) -> None:
        menu = self.canvas_menu(on_item, scene_pos)
        self.popup_menu(menu, global_pos)
        menu.deleteLater()

    def popup_menu(self, menu: QMenu, global_pos: QPoint) -> None:
        """Show a context menu and wait for the choice (replaced by tests)."""
        menu.exec(global_pos)

    def _update_zoom_label(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _show_history(self) -> None:
        self.history_dock.show()
        self.history_dock.raise_()

    def _set_snap(self, on: bool) -> None:
        self.view.set_snap(on)
        self.settings.setValue("snap_to_grid", on)

    def _set_dark(self, dark: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, dark)
        self.scene.set_dark(dark)
        set_dark_theme_preferred(dark, self.settings)

    # --- persistence ---------------------------------------------------------------------
    def _restore_state(self) -> None:
        from canvas.ui.shell.window_layout import WindowLayout

        # The docks as the user left them, the canvas kept its room, the design fitted after.
        self.layout_keeper = WindowLayout(self, self.view, self.document.undo_stack)
        self.layout_keeper.restore(self.settings.value("window/state"), self._default_docks)
        self.snap_action.setChecked(str(self.settings.value("snap_to_grid", "false")).lower() == "true")
        self.view.set_snap(self.snap_action.isChecked())
        self.dark_action.setChecked(dark_theme_preferred(self.settings))
        if not self.dark_action.isChecked():
            self._set_dark(False)

    def _default_docks(self) -> None:
        # The first start: side panels at their preferred widths, the rest to the canvas,
        # whether the docks arrived before the window was shown or after.
        self.resizeDocks([self.palette_dock, self.inspector_dock], [300, 320], Qt.Orientation.Horizontal)

    def _default_size(self) -> QSize:
        """Most of the screen, so a template's cards are readable at the first fit."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1280, 800)
        available = screen.availableGeometry().size()
        return QSize(
            min(1680, max(1024, int(available.width() * 0.9))), min(1050, max(700, int(available.height() * 0.9)))
        )

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        # Closed right after building, before the saved layout was put back: the docks are
        # not in place yet, and the last layout stays (it would come back with none shown).
        if self.layout_keeper.is_restored:
            self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.is_ready:  # closed while starting: nothing to save yet
            event.accept()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self.checker_ui.shutdown()
        self.recovery.discard()  # a normal close: saved or deliberately discarded
        event.accept()
