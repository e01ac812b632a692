"""Design ▸ Rule Settings shows every rule's id and title whole, at any window size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from canvas.core.rules import RULES
from canvas.ui.document import Document
from canvas.ui.findings.rule_settings_dialog import RuleSettingsDialog
from tests.ui.ui_fixtures import shown

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

RULE_ID, TITLE, BOX = 1, 2, 3


@pytest.fixture
def dialog(qtbot):  # type: ignore[no-untyped-def]
    return shown(qtbot, RuleSettingsDialog(Document()))


def whole(dialog: RuleSettingsDialog, column: int) -> bool:
    """Every cell of the column is as wide as its text needs (Qt elides nothing)."""
    return dialog.table.columnWidth(column) >= dialog.table.sizeHintForColumn(column)


def test_every_rule_title_is_shown_whole(qtbot, dialog):
    table = dialog.table
    assert table.rowCount() == len(RULES) >= 23
    assert [table.item(r, TITLE).text() for r in range(table.rowCount())] == [r.title for r in RULES]
    assert table.textElideMode() == Qt.TextElideMode.ElideNone
    assert whole(dialog, RULE_ID) and whole(dialog, TITLE) and whole(dialog, BOX)
    # Opened tall enough for every rule, as far as the screen allows.
    screen = dialog.screen().availableGeometry()
    assert dialog.height() >= min(table.verticalHeader().length() + 100, int(screen.height() * 0.9))


def test_a_narrow_window_scrolls_sideways_instead_of_cutting_titles(qtbot, dialog):
    dialog.resize(520, 420)
    qtbot.waitUntil(lambda: dialog.table.horizontalScrollBar().maximum() > 0)
    assert whole(dialog, RULE_ID) and whole(dialog, TITLE) and whole(dialog, BOX)


def test_a_wide_window_gives_the_spare_room_to_the_box_column(qtbot, dialog):
    dialog.resize(1500, 700)
    table = dialog.table
    qtbot.waitUntil(lambda: table.horizontalHeader().length() == table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0 and whole(dialog, TITLE)
