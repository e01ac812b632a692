"""File layer: migrations of older files, applied to the raw dict before validation.

A migration is registered as ``(from_version -> to_version)``; loading applies them in a
chain up to :data:`canvas.io.file_format.SCHEMA_VERSION`. Every version adds one step here
and keeps old files under ``tests/io/fixtures/`` that must keep opening.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, tuple[int, Migration]] = {}


def register(from_version: int, to_version: int) -> Callable[[Migration], Migration]:
    def decorate(fn: Migration) -> Migration:
        MIGRATIONS[from_version] = (to_version, fn)
        return fn

    return decorate


def migrate(raw: dict[str, Any], current: int) -> dict[str, Any]:
    """Bring ``raw`` up to ``current``; raises ``LookupError`` when no chain exists."""
    version = raw.get("schema_version")
    while isinstance(version, int) and not isinstance(version, bool) and version < current:
        if version not in MIGRATIONS:
            raise LookupError(f"no migration from schema version {version}")
        to_version, fn = MIGRATIONS[version]
        raw = fn(dict(raw))
        raw["schema_version"] = version = to_version
    return raw


@register(1, 2)
def _add_notes_and_groups(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added notes and groups: a version-1 file has none."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "settings":
            out.setdefault("notes", [])
            out.setdefault("groups", [])
        out[key] = value
    out.setdefault("notes", [])
    out.setdefault("groups", [])
    return out
