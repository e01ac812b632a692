"""UI layer: File ▸ New from Template — a gallery of the shipped templates with a preview
and the description of each.

The list on the left shows each template's thumbnail, title and size; the right side shows
the chosen one large, with its description (``assets/templates/NAME.md``: what it shows
and which findings it has, and why). Previews are drawn headless by the export renderer
(:class:`~canvas.export.scene_export.ExportScene`, the picture ``ml-canvas export`` makes,
findings outlines included) and cached per template file for the rest of the session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas.templates import Template

#: The preview's size, in device-independent pixels; the list's thumbnails are smaller.
PREVIEW = QSize(720, 300)
THUMBNAIL = QSize(160, 60)

_cache: dict[tuple[str, int, int, float], QImage] = {}


def preview_image(template: Template, ratio: float = 1.0) -> QImage:
    """The template as ``ml-canvas export`` draws it, fitted into :data:`PREVIEW` at the
    screen's pixel ratio; rendered once per template file (a changed file renders again)."""
    stat = template.path.stat()
    key = (str(template.path), stat.st_mtime_ns, stat.st_size, ratio)
    image = _cache.get(key)
    if image is None:
        image = _cache[key] = _render(template.path, ratio)
    return image


def _render(path: Path, ratio: float) -> QImage:
    from canvas.export.render import render_image
    from canvas.export.scene_export import ExportScene
    from canvas.io import DesignLoadError, load_design

    try:
        export = ExportScene(load_design(path))
    except DesignLoadError:
        return QImage()  # a damaged template: listed without a picture, refused when opened
    rect = export.rect
    scale = min(PREVIEW.width() / rect.width(), PREVIEW.height() / rect.height()) * ratio
    image = render_image(export.scene, rect, scale, transparent=False)
    image.setDevicePixelRatio(ratio)
    return image


class TemplateGallery(QDialog):
    """Pick a template: its thumbnail in the list, a large preview and its description beside it."""

    def __init__(self, templates: list[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("template_gallery")
        self.setWindowTitle("New from Template")
        self.templates = {t.name: t for t in templates}
        ratio = self.devicePixelRatioF()

        self.list = QListWidget(self)
        self.list.setObjectName("template_list")
        self.list.setIconSize(THUMBNAIL)
        self.list.setSpacing(3)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(THUMBNAIL.width() + 190)
        for t in templates:
            item = QListWidgetItem(f"{t.title}\n{t.components} components", self.list)
            item.setData(Qt.ItemDataRole.UserRole, t.name)
            item.setToolTip(str(t.path))
            image = preview_image(t, ratio)
            if not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))

        self.title = QLabel(self)
        self.title.setObjectName("template_title")
        self.title.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("template_preview")
        self.preview.setFixedSize(PREVIEW + QSize(8, 8))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("QLabel#template_preview { background: white; }")
        self.description = QLabel(self)
        self.description.setObjectName("template_description")
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QVBoxLayout()
        detail.addWidget(self.title)
        detail.addWidget(self.preview)
        detail.addWidget(self.description, 1)

        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addLayout(detail, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.create_button = buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start a new design from one of these systems:", self))
        layout.addLayout(row, 1)
        layout.addWidget(buttons)

        self.list.currentItemChanged.connect(self._show)
        self.list.itemActivated.connect(lambda _item: self.accept())
        if templates:
            self.list.setCurrentRow(0)
        self.list.setFocus()
        self.create_button.setEnabled(bool(templates))
        self.resize(1160, 620)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show(self, item: QListWidgetItem | None) -> None:
        template = self.templates.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        if template is None:
            return
        self.title.setText(f"<b style='font-size:15px'>{template.title}</b> · {template.components} components")
        image = preview_image(template, self.devicePixelRatioF())
        if image.isNull():
            self.preview.setText("No preview: the template could not be read.")
        else:
            self.preview.setPixmap(QPixmap.fromImage(image))
        self.description.setText(template.description or "No description.")
