"""File layer: the one error a user sees when a design cannot be read."""

from __future__ import annotations

import json
import re


class DesignLoadError(Exception):
    """A file that cannot be opened, said in one sentence naming the file and the JSON path."""

    def __init__(self, source: str, message: str, path: str = "") -> None:
        self.source = source
        self.json_path = path
        self.message = message
        where = f"{source}: {path}: " if path else f"{source}: "
        super().__init__(where + message)


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_.\-]+$")


def json_path(loc: tuple[object, ...]) -> str:
    """``('components', 3, 'position', 'x')`` -> ``components[3].position.x``; a key that is
    not plain (spaces, quotes, control characters) is written as a quoted JSON string:
    ``settings.rules["a b"]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(str(part)):
            out += ("." if out else "") + str(part)
        else:
            out += f"[{json.dumps(str(part))[:80]}]"
    return out
