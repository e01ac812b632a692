"""UI layer: the app's persistent preferences (QSettings) — recent files, theme, window state.

One place names the organisation and application so every part reads the same store;
tests point QSettings at a temporary folder before creating any of these.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "ml-canvas"
APPLICATION = "ML System Canvas"
MAX_RECENT = 10


def app_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def _as_list(value: object) -> list[str]:
    # QSettings hands back a str for a one-item list and None for a missing key.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []


class RecentFiles:
    """The most recently opened or saved designs, newest first, at most :data:`MAX_RECENT`."""

    KEY = "recent_files"

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else app_settings()

    def paths(self) -> list[Path]:
        """Recent files that still exist (missing ones are pruned from the store)."""
        stored = _as_list(self.settings.value(self.KEY))
        kept = [p for p in stored if Path(p).is_file()]
        if kept != stored:
            self._store(kept)
        return [Path(p) for p in kept]

    def add(self, path: Path | str) -> None:
        resolved = str(Path(path).resolve())
        stored = [p for p in _as_list(self.settings.value(self.KEY)) if p != resolved]
        self._store([resolved, *stored][:MAX_RECENT])

    def remove(self, path: Path | str) -> None:
        resolved = str(Path(path).resolve())
        self._store([p for p in _as_list(self.settings.value(self.KEY)) if p != resolved])

    def clear(self) -> None:
        self._store([])

    def _store(self, paths: list[str]) -> None:
        self.settings.setValue(self.KEY, paths)
        self.settings.sync()


def dark_theme_preferred(settings: QSettings | None = None) -> bool:
    s = settings if settings is not None else app_settings()
    return str(s.value("theme", "light")) == "dark"


def set_dark_theme_preferred(dark: bool, settings: QSettings | None = None) -> None:
    s = settings if settings is not None else app_settings()
    s.setValue("theme", "dark" if dark else "light")
