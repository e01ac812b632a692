"""The menus are the source of truth for their names: every "Menu ▸ Item" the README and
the docs mention is an item of the real window's menus, spelled as the menu spells it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[3]
#: "View ▸ Snap to Grid", "File ▸ New from Template…": Title Case words, joined by a few
#: small words, after a top-level menu's name.
MENU_PATH = re.compile(
    r"\b(File|Edit|View|Arrange|Design|Help) ▸ ([A-Z][\w/]*(?: (?:(?:as|from|to|of) )?[A-Z][\w/]*)*)"
)


def menu_items(window) -> set[str]:  # type: ignore[no-untyped-def]
    """Every "Menu ▸ Item" (submenus too) of the window, as a user reads it (no & or …)."""
    items: set[str] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):  # a submenu is an item too ("View ▸ Panels")
                items.add(f"{path} ▸ {action.iconText()}")
                walk(action.menu(), f"{path} ▸ {action.iconText()}")
            elif not action.isSeparator():
                items.add(f"{path} ▸ {action.iconText()}")

    for top in window.menuBar().actions():
        walk(top.menu(), top.iconText())
    return items


def mentioned(path: Path) -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8").split())  # a path may wrap across lines
    return [f"{menu} ▸ {item}" for menu, item in MENU_PATH.findall(text)]


DOCS = sorted((ROOT / "docs").glob("*.md"))
README = ROOT / "README.md"


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.name)
def test_the_menu_items_a_document_names_exist(make_window, doc: Path):  # noqa: F811
    window, _ = make_window()
    items = menu_items(window)
    missing = [path for path in mentioned(doc) if path not in items]
    assert missing == [], f"{doc.name} names menu items the window does not have: {missing}"


def test_the_pattern_reads_wrapped_and_punctuated_paths(tmp_path: Path):
    doc = tmp_path / "x.md"
    doc.write_text(
        "open it with File ▸ New from\n  Template… or View ▸ Snap to Grid; then Edit ▸ Copy Diagram as Image (Ctrl+C)"
    )
    assert mentioned(doc) == ["File ▸ New from Template", "View ▸ Snap to Grid", "Edit ▸ Copy Diagram as Image"]
