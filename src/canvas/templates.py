"""The shipped design templates (Qt-free): list them, load one by name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from canvas.core.model import Design
from canvas.io import load_design
from canvas.resources import templates_dir

#: The template a new window opens with when asked for "the reference design".
REFERENCE = "figure-1-1"


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    path: Path
    components: int
    #: What the template shows and which findings it has, and why (its ``.md`` beside it).
    description: str = ""


def list_templates() -> list[Template]:
    out = []
    for path in sorted(templates_dir().glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            title, count = str(raw.get("name", path.stem)), len(raw.get("components", []))
        except (OSError, ValueError):
            continue
        try:
            about = path.with_suffix(".md").read_text(encoding="utf-8").strip()
        except OSError:
            about = ""
        out.append(Template(path.stem, title, path, count, about))
    out.sort(key=lambda t: (t.name != REFERENCE, t.name))
    return out


def find_template(name: str) -> Template | None:
    for t in list_templates():
        if t.name == name:
            return t
    return None


def load_template(name: str) -> Design:
    t = find_template(name)
    if t is None:
        known = ", ".join(t.name for t in list_templates())
        raise KeyError(f"no template named '{name}' (available: {known})")
    return load_design(t.path)
