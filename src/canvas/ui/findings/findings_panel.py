"""UI layer: the Findings panel — the checker's results, like an IDE's problems view.

Findings are grouped by severity with counts; each row shows the severity icon, the
message, the rule id and the Figure 1-1 box and chapter the rule comes from. Severity
toggles and a text box filter the list. A click selects and centres the components and
links involved; the context menu suppresses (with a required reason), unsuppresses and
explains the rule. Suppressed findings stay listed, greyed, with their reason. Every
change goes through the :class:`Document`, so it is one undo step.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas.core.model import Severity
from canvas.ui.document import Document
from canvas.ui.findings.checker_service import CheckerService
from canvas.ui.findings.rule_explanation import RuleExplanationDialog
from canvas.ui.findings.severity import ORDER, TITLES, count_text, icon
from canvas.ui.findings.suppress_dialog import ask_reason as _ask_reason

if TYPE_CHECKING:
    from canvas.core.rules import Finding, Rule

#: Rows built per severity group; the rest is summarised (filter to narrow it down).
MAX_ROWS_PER_GROUP = 1000
_FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_GREY = QColor("#8A9199")


class _Selects(Protocol):
    def select_ids(self, component_ids: list[str], link_ids: list[str] = ...) -> None: ...


class _Centres(Protocol):
    def centre_on_ids(self, ids: list[str]) -> None: ...


def ask_reason(parent: QWidget | None, finding: Finding, rule: Rule | None) -> str | None:
    """Ask why a finding is acceptable; ``None`` when cancelled. Tests patch this."""
    return _ask_reason(parent, finding, rule)


def _rule(rule_id: str) -> Rule | None:
    from canvas.core.rules import RULES_BY_ID  # loaded by the check that found ``rule_id``

    return RULES_BY_ID.get(rule_id)


def _key(f: Finding) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return (f.rule, f.components, f.links)


def _box_text(rule: Rule | None) -> str:
    return f"{rule.box_title} · ch. {rule.chapter}" if rule is not None else ""


class FindingsPanel(QDockWidget):
    """Dock listing the current findings. ``scene``/``view`` may be set later with
    :meth:`set_canvas`; without them a click only emits :attr:`finding_activated`."""

    #: A finding was clicked: (component ids, link ids).
    finding_activated = Signal(list, list)

    def __init__(
        self,
        document: Document,
        checker: CheckerService,
        scene: _Selects | None = None,
        view: _Centres | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Findings", parent)
        self.setObjectName("findings_dock")
        self.document = document
        self.checker = checker
        self.scene, self.view = scene, view
        self.findings: list[Finding] = []
        self.explain_dialog: RuleExplanationDialog | None = None
        self._build()
        checker.findings_ready.connect(self.set_findings)
        # A design just opened: say it is being checked, not that it has no findings.
        document.design_replaced.connect(self._refresh_placeholder)
        checker.busy_changed.connect(self._refresh_placeholder)
        self.set_findings(checker.findings)

    def _refresh_placeholder(self, *_signal_args: object) -> None:
        if not self.findings:
            self._rebuild()  # the empty list's sentence: being checked, or nothing to say

    def set_canvas(self, scene: _Selects | None, view: _Centres | None) -> None:
        self.scene, self.view = scene, view

    # --- widgets -------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.setSpacing(2)
        self.severity_buttons: dict[Severity, QToolButton] = {}
        for sev in ORDER:
            button = QToolButton(body)
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setIcon(icon(sev))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"Show {TITLES[sev].lower()}")
            button.toggled.connect(self._rebuild)
            self.severity_buttons[sev] = button
            bar.addWidget(button)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setPlaceholderText("Filter findings (text, rule id, box)…")
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self, singleShot=True, interval=120)
        self._filter_timer.timeout.connect(self._rebuild)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        bar.addWidget(self.filter_edit, 1)

        self.tree = QTreeWidget(body)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Finding", "Rule", "Figure 1-1 box"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.tree.itemClicked.connect(self._on_item_clicked)
        self.tree.itemActivated.connect(self._on_item_clicked)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.setWidget(body)

    # --- content -------------------------------------------------------------------------
    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        counts = {sev: 0 for sev in ORDER}
        for f in self.findings:
            if not f.suppressed:
                counts[f.severity] += 1
        live = sum(counts.values())
        self.setWindowTitle(f"Findings ({live})" if live else "Findings")  # also the dock's tab
        for sev, button in self.severity_buttons.items():
            button.setText(str(counts[sev]))
            button.setToolTip(f"Show {TITLES[sev].lower()} ({count_text(counts[sev], sev)})")
        self._rebuild()

    def _matches(self, f: Finding, needle: str) -> bool:
        if not needle:
            return True
        rule = _rule(f.rule)
        hay = " ".join((f.message, f.rule, f.reason or "", rule.title if rule else "", _box_text(rule)))
        return needle in hay.lower()

    def _rebuild(self) -> None:
        current = self.current_finding()
        needle = self.filter_edit.text().strip().lower()
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            restore: QTreeWidgetItem | None = None
            for sev in ORDER:
                if not self.severity_buttons[sev].isChecked():
                    continue
                group = [f for f in self.findings if f.severity is sev and self._matches(f, needle)]
                if not group:
                    continue
                group.sort(key=lambda f: f.suppressed)  # stable: live findings first, rule order kept
                head = self._group_item(sev, group)
                rows = [self._row_item(f) for f in group[:MAX_ROWS_PER_GROUP]]
                if len(group) > MAX_ROWS_PER_GROUP:
                    more = QTreeWidgetItem([f"… {len(group) - MAX_ROWS_PER_GROUP} more — filter to narrow the list"])
                    more.setForeground(0, QBrush(_GREY))
                    rows.append(more)
                head.addChildren(rows)
                self.tree.addTopLevelItem(head)
                head.setExpanded(True)
                head.setFirstColumnSpanned(True)
                if current is not None and restore is None:
                    restore = next(
                        (
                            r
                            for r, f in ((r, self.finding_of(r)) for r in rows)
                            if f is not None and _key(f) == _key(current)
                        ),
                        None,
                    )
            if restore is not None:
                self.tree.setCurrentItem(restore)
            if self.tree.topLevelItemCount() == 0:
                self.tree.addTopLevelItem(self._placeholder(needle))
        finally:
            self.tree.setUpdatesEnabled(True)

    def _placeholder(self, needle: str) -> QTreeWidgetItem:
        """Say why the list is empty: a design still being checked, a complete design, or
        filters hiding the findings."""
        if not self.findings and not self.checker.checked_this_design:
            text = "Checking the design…"
        elif not self.findings:
            text = "No findings: the checker has nothing to say about this design."
        else:
            text = "No findings match the filter."
        item = QTreeWidgetItem([text])
        item.setForeground(0, QBrush(_GREY))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setFirstColumnSpanned(True)
        return item

    def _group_item(self, sev: Severity, group: list[Finding]) -> QTreeWidgetItem:
        live = sum(1 for f in group if not f.suppressed)
        text = f"{TITLES[sev]}  {live}"
        if live != len(group):
            text += f"  ({len(group) - live} suppressed)"
        head = QTreeWidgetItem([text])
        head.setIcon(0, icon(sev))
        font = QFont(self.tree.font())
        font.setBold(True)
        head.setFont(0, font)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return head

    def _row_item(self, f: Finding) -> QTreeWidgetItem:
        rule = _rule(f.rule)
        message = f.message if not f.suppressed else f"{f.message}  — suppressed: {f.reason}"
        row = QTreeWidgetItem([message, f.rule, _box_text(rule)])
        row.setData(0, _FINDING_ROLE, f)
        row.setIcon(0, icon(f.severity, grey=f.suppressed))
        tip = f"{f.message}\n\n{rule.title if rule else f.rule} — {rule.hint if rule else ''}".strip()
        if f.suppressed:
            tip = f"Suppressed: {f.reason}\n\n{tip}"
            font = QFont(self.tree.font())
            font.setItalic(True)
            for col in range(3):
                row.setForeground(col, QBrush(_GREY))
                row.setFont(col, font)
        row.setToolTip(0, tip)
        if rule is not None:
            row.setToolTip(1, rule.title)
            row.setToolTip(2, f"Figure 1-1: {rule.box_title}, chapter {rule.chapter}")
        return row

    # --- queries (also used by tests) ----------------------------------------------------
    @staticmethod
    def finding_of(item: QTreeWidgetItem | None) -> Finding | None:
        # Only a finding's row holds one (a severity's group row holds nothing).
        return item.data(0, _FINDING_ROLE) if item is not None else None

    def current_finding(self) -> Finding | None:
        return self.finding_of(self.tree.currentItem())

    def _row_items(self) -> Iterator[tuple[QTreeWidgetItem, Finding]]:
        """Every finding row on display, with its finding, top to bottom."""
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount() if head is not None else 0):
                row = head.child(j) if head is not None else None
                f = self.finding_of(row)
                if row is not None and f is not None:
                    yield row, f

    def groups(self) -> dict[Severity, list[Finding]]:
        """The findings shown, per severity group, in display order."""
        out: dict[Severity, list[Finding]] = {}
        for _row, f in self._row_items():
            out.setdefault(f.severity, []).append(f)
        return out

    def shown_findings(self) -> list[Finding]:
        return [f for _row, f in self._row_items()]

    def item_for(self, rule: str, component: str | None = None) -> QTreeWidgetItem | None:
        """The first row of ``rule`` (involving ``component`` if given)."""
        for row, f in self._row_items():
            if f.rule == rule and (component is None or component in f.components):
                return row
        return None

    # --- actions -------------------------------------------------------------------------
    def show_and_raise(self) -> None:
        """Open the panel (the status-bar summary's click)."""
        self.show()
        self.raise_()
        self.tree.setFocus()

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        f = self.finding_of(item)
        if f is not None:
            self.activate(f)

    def activate(self, f: Finding) -> None:
        """Select and centre the finding's components and links on the canvas."""
        components, links = list(f.components), list(f.links)
        if self.scene is not None:
            self.scene.select_ids(components, links)
        if self.view is not None:
            design = self.document.design
            ends = [
                end
                for lid in links
                if lid in design.links
                for end in (design.links[lid].source, design.links[lid].target)
            ]
            ids = list(dict.fromkeys([*components, *ends]))
            if ids:
                self.view.centre_on_ids(ids)
        self.finding_activated.emit(components, links)

    def suppress(self, f: Finding) -> bool:
        """Ask for a reason and suppress on the finding's first component (one undo step)."""
        # The first component still in the design (the list may be a moment old).
        cid = next((c for c in f.components if c in self.document.design.components), None)
        if f.suppressed or cid is None:
            return False
        reason = ask_reason(self, f, _rule(f.rule))
        if reason is None or not reason.strip():
            return False
        self.document.suppress(cid, f.rule, reason.strip())
        return True

    def unsuppress(self, f: Finding) -> bool:
        """Lift the suppression(s) that silence this finding (one undo step)."""
        design = self.document.design
        carriers = [c for c in f.components if c in design.components and design.components[c].suppression_for(f.rule)]
        if not carriers:
            return False
        stack = self.document.undo_stack
        if len(carriers) > 1:
            stack.beginMacro("Unsuppress finding")
        for cid in carriers:
            self.document.suppress(cid, f.rule, None)
        if len(carriers) > 1:
            stack.endMacro()
        return True

    def explain(self, f: Finding) -> RuleExplanationDialog | None:
        rule = _rule(f.rule)
        if rule is None:
            return None
        if self.explain_dialog is not None:
            self.explain_dialog.close()
        self.explain_dialog = RuleExplanationDialog(rule, f, self)
        self.explain_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.explain_dialog.show()
        return self.explain_dialog

    def context_menu_for(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """The row's context menu (built, not shown: tests trigger its actions)."""
        f = self.finding_of(item)
        if f is None:
            return None
        menu = QMenu(self)
        show = QAction("Select on canvas", menu)
        show.triggered.connect(lambda: self.activate(f))
        menu.addAction(show)
        menu.addSeparator()
        if f.suppressed:
            act = QAction("Unsuppress", menu)
            act.triggered.connect(lambda: self.unsuppress(f))
        else:
            act = QAction("Suppress…", menu)
            act.triggered.connect(lambda: self.suppress(f))
            if not f.components:
                act.setEnabled(False)
                act.setToolTip("This finding names no component; disable the rule in Rule settings instead.")
        menu.addAction(act)
        explain = QAction("Explain rule…", menu)
        explain.triggered.connect(lambda: self.explain(f))
        menu.addAction(explain)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        menu = self.context_menu_for(item)
        if menu is not None and item is not None:
            self.tree.setCurrentItem(item)
            self.exec_menu(menu, self.tree.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def exec_menu(self, menu: QMenu, global_pos: QPoint) -> None:
        """Run a context menu (modal); tests replace this to pick an action."""
        menu.exec(global_pos)
