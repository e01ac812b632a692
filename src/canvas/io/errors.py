"""File layer: the one error a user sees when a design cannot be read."""

from __future__ import annotations


class DesignLoadError(Exception):
    """A file that cannot be opened, said in one sentence naming the file and the JSON path."""

    def __init__(self, source: str, message: str, path: str = "") -> None:
        self.source = source
        self.json_path = path
        self.message = message
        where = f"{source}: {path}: " if path else f"{source}: "
        super().__init__(where + message)


def json_path(loc: tuple[object, ...]) -> str:
    """``('components', 3, 'position', 'x')`` -> ``components[3].position.x``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
