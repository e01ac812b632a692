"""File layer: migrations of older files, applied to the raw dict before validation.

A migration is registered as ``(from_version -> to_version)``; loading applies them in
a chain up to :data:`canvas.io.format_v1.SCHEMA_VERSION`. Version 1 is the first published
format, so the registry is empty today; every future version adds one step here and an
old file under ``tests/io/fixtures/`` that must keep opening.
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
