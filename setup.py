"""Packaging: everything is declared in pyproject.toml except what its tables cannot say —
the repository's ``assets/`` folder (icons, templates) installed as package data under
``canvas/assets/``, where ``canvas.resources.assets_dir`` finds it in an installed wheel.

The assets stay at the top of the repository (the editor, the PyInstaller spec and the
templates script read them there); each folder directly under ``assets/`` becomes a data-only
package ``canvas.assets.<folder>`` holding all its files.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

ASSETS = Path(__file__).resolve().parent / "assets"
ASSET_PACKAGES = ["canvas.assets", *(f"canvas.assets.{d.name}" for d in sorted(ASSETS.iterdir()) if d.is_dir())]

setup(
    packages=[
        *find_namespace_packages("src", include=["canvas", "canvas.*"], exclude=["*.__pycache__"]),
        *ASSET_PACKAGES,
    ],
    package_dir={"": "src", "canvas.assets": "assets"},
    package_data={"canvas": ["py.typed"], **{package: ["*"] for package in ASSET_PACKAGES}},
)
