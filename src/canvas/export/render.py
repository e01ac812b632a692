"""Export layer: render a scene region to PNG, SVG or PDF files (or a QImage).

Every writer renders into a temporary file beside the target and renames it only when
rendering succeeded, so a failed export never leaves a partial file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from canvas.io.save import replacing

#: The largest PNG we allocate: 40 megapixels (~160 MB of RGBA), and 16,384 px a side.
MAX_PIXELS = 40_000_000
MAX_SIDE = 16_384
FORMATS = ("png", "svg", "pdf")


class ExportError(Exception):
    """An export that cannot be done, in one sentence; nothing was written."""


def png_size(rect: QRectF, scale: float) -> QSize:
    width, height = round(rect.width() * scale), round(rect.height() * scale)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        best = min(
            MAX_SIDE / rect.width(), MAX_SIDE / rect.height(), (MAX_PIXELS / (rect.width() * rect.height())) ** 0.5
        )
        raise ExportError(
            f"a {width:,} × {height:,} px PNG at scale {scale:g} is larger than the {MAX_PIXELS // 1_000_000} "
            f"megapixels allowed: use --scale {max(best, 0.01):.2f} or less, or export SVG or PDF"
        )
    return QSize(max(width, 1), max(height, 1))


def fitting_scale(rect: QRectF, wanted: float) -> float:
    """``wanted``, or the largest PNG scale under the size limits for a big design (the
    editor has no --scale option to suggest)."""
    w, h = max(rect.width(), 1.0), max(rect.height(), 1.0)
    largest = min(MAX_SIDE / w, MAX_SIDE / h, (MAX_PIXELS / (w * h)) ** 0.5) * 0.999
    return min(wanted, largest)


def render_image(scene: QGraphicsScene, rect: QRectF, scale: float, transparent: bool) -> QImage:
    size = png_size(rect, scale)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent if transparent else QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
    painter.end()
    return image


def _atomic(path: Path, write: Callable[[str], None]) -> None:
    """Run ``write(tmp_path)``, then move the result over ``path`` through the app's one
    atomic writer (flushed to disk, then renamed); nothing is left behind on a failure."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist")
    try:
        with replacing(path) as tmp:
            write(str(tmp))
            if tmp.stat().st_size == 0:
                raise ExportError(f"{path}: the renderer produced an empty file")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here ({exc.strerror or exc})") from None


def write_png(scene: QGraphicsScene, rect: QRectF, path: Path, scale: float = 2.0, transparent: bool = False) -> QSize:
    image = render_image(scene, rect, scale, transparent)
    image.setDotsPerMeterX(round(3780 * scale))  # 96 dpi × scale, so viewers show it at design size
    image.setDotsPerMeterY(round(3780 * scale))

    def write(tmp: str) -> None:
        # PySide6's stubs say bytes; at run time it takes a str (and refuses bytes).
        if not image.save(tmp, "PNG"):  # type: ignore[call-overload]
            raise ExportError(f"{path}: the PNG could not be written")

    _atomic(path, write)
    return image.size()


def write_svg(
    scene: QGraphicsScene,
    rect: QRectF,
    path: Path,
    title: str,
    transparent: bool = False,
    labels: list[tuple[float, float, str]] = (),  # type: ignore[assignment]
) -> None:
    """Vector SVG with real text. Cards wrap their labels over lines (and elide only one no
    font holds), so each full label is also laid invisibly over its card (``labels``: scene
    x, y, text): searching the SVG for "Card transactions" finds the card even when it is
    drawn on two lines."""

    def write(tmp: str) -> None:
        gen = QSvgGenerator()
        gen.setFileName(tmp)
        gen.setTitle(title)
        gen.setDescription(f"{title} — ML System Canvas")
        gen.setSize(QSize(round(rect.width()), round(rect.height())))
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setResolution(96)
        painter = QPainter()
        if not painter.begin(gen):
            raise ExportError(f"{path}: the SVG could not be written")
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        if not transparent:
            painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), QColor("white"))
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        if labels:
            _add_search_layer(tmp, rect, labels)

    _atomic(path, write)


def _add_search_layer(svg_path: str, rect: QRectF, labels: list[tuple[float, float, str]]) -> None:
    from xml.sax.saxutils import escape, quoteattr

    texts = "".join(
        f'<text x="{x - rect.left():.1f}" y="{y - rect.top():.1f}">{escape(text)}</text>\n' for x, y, text in labels
    )
    layer = (
        '<g id="component-labels" fill="#000000" fill-opacity="0" stroke="none" font-family="sans-serif" '
        f'font-size="12" aria-label={quoteattr("component labels")}>\n{texts}</g>\n'
    )
    with open(svg_path, encoding="utf-8") as fh:
        svg = fh.read()
    end = svg.rfind("</svg>")
    if end < 0:
        raise ExportError(f"{svg_path}: the SVG generator wrote an incomplete file")
    with open(svg_path, "w", encoding="utf-8") as fh:
        fh.write(svg[:end] + layer + svg[end:])


def write_pdf(scene: QGraphicsScene, rect: QRectF, path: Path, title: str) -> None:
    def write(tmp: str) -> None:
        writer = QPdfWriter(tmp)
        writer.setTitle(title)
        writer.setCreator("ML System Canvas")
        writer.setResolution(96)
        # One page exactly the design's size (in points): vector, the design's aspect ratio.
        page = QPageSize(QSizeF(rect.width() * 0.75, rect.height() * 0.75), QPageSize.Unit.Point, title)
        writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(f"{path}: the PDF could not be written")
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        target = QRectF(0, 0, writer.width(), writer.height())
        scene.render(painter, target, rect, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()

    _atomic(path, write)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # a str, as above
    return bytes(data.data())
