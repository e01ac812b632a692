"""Locates the app's bundled files (icons, templates) in every way the app runs.

Qt-free, so the CLI's headless commands can use it. One place decides where assets live:
next to the PyInstaller bundle when frozen; ``canvas/assets/`` inside the package when
installed from a wheel (``setup.py`` maps the repository's ``assets/`` there); else the
repository's ``assets/`` folder (a checkout, or an editable install).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def assets_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "assets")
    here = Path(__file__).resolve().parent
    candidates += [here / "assets", here.parents[1] / "assets"]
    for c in candidates:
        if (c / "templates").is_dir():
            return c
    raise FileNotFoundError("ML System Canvas cannot find its assets folder; the installation is incomplete")


def icon_path(kind: str) -> Path:
    return assets_dir() / "icons" / f"{kind}.svg"


def app_icon_path() -> Path:
    return assets_dir() / "icons" / "app.svg"


def templates_dir() -> Path:
    return assets_dir() / "templates"
