"""Renders the app icon (an SVG) to the PNG sizes of the freedesktop hicolor theme.

Used by packaging/build.sh for the .deb; runs headless (Qt's offscreen platform):

    .venv/bin/python packaging/render_icons.py assets/icons/app.svg OUT_DIR [SIZE ...]

writes OUT_DIR/<N>x<N>/apps/ml-canvas.png for each size (default 16 22 24 32 48 64 128 256)
and copies the SVG to OUT_DIR/scalable/apps/ml-canvas.svg. Exits 1 if the SVG is invalid.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

DEFAULT_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
NAME = "ml-canvas"


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    svg, out = Path(argv[0]), Path(argv[1])
    sizes = [int(s) for s in argv[2:]] or list(DEFAULT_SIZES)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - fonts need it
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"render_icons: {svg} is not a valid SVG", file=sys.stderr)
        return 1
    view = renderer.viewBoxF()
    for n in sizes:
        image = QImage(n, n, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        # Keep the aspect ratio, centred in the square.
        scale = n / max(view.width(), view.height()) if view.width() and view.height() else 1.0
        w, h = view.width() * scale, view.height() * scale
        renderer.render(painter, QRectF((n - w) / 2, (n - h) / 2, w, h))
        painter.end()
        target = out / f"{n}x{n}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):  # PNG, from the suffix
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
    scalable = out / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
