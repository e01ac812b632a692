"""File ▸ New from Template: a gallery with a preview (drawn by the export renderer) and the
description of each template."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from canvas.templates import find_template, list_templates
from canvas.ui.files import dialogs
from canvas.ui.files.template_gallery import PREVIEW, TemplateGallery, preview_image
from tests.ui.ui_fixtures import isolated_settings, make_window, shown  # noqa: F401 - fixtures


def row_of(gallery: TemplateGallery, name: str):  # type: ignore[no-untyped-def]
    for i in range(gallery.list.count()):
        if gallery.list.item(i).data(Qt.ItemDataRole.UserRole) == name:
            return gallery.list.item(i)
    raise AssertionError(name)


def click_row(qtbot, gallery: TemplateGallery, name: str) -> None:  # type: ignore[no-untyped-def]
    rect = gallery.list.visualItemRect(row_of(gallery, name))
    qtbot.mouseClick(gallery.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def colours(image: QImage) -> set[int]:
    return {image.pixelColor(x, y).rgb() for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)}


def error_red_pixels(image: QImage) -> int:
    """Pixels of the error outline's red (#D50000, thinned by the small scale); the
    deployment box's own red band (#E53935) is not this red."""
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 40 and c.blue() < 40
    )


@pytest.fixture
def gallery(qtbot):  # type: ignore[no-untyped-def]
    return shown(qtbot, TemplateGallery(list_templates()))


def test_each_template_has_a_thumbnail_and_the_first_is_shown(gallery):
    templates = list_templates()
    assert gallery.list.count() == len(templates) >= 5
    assert all(not gallery.list.item(i).icon().isNull() for i in range(gallery.list.count()))
    first = templates[0]
    assert gallery.chosen() == first.name
    assert gallery.description.text() == first.description and first.description
    pixmap = gallery.preview.pixmap()
    assert not pixmap.isNull()
    size = pixmap.deviceIndependentSize()
    assert size.width() == pytest.approx(PREVIEW.width(), abs=1) or size.height() == pytest.approx(
        PREVIEW.height(), abs=1
    )


def test_clicking_a_template_shows_its_preview_and_description(qtbot, gallery):
    click_row(qtbot, gallery, "fraud-detection")
    fraud = find_template("fraud-detection")
    assert gallery.chosen() == "fraud-detection"
    assert gallery.description.text() == fraud.description
    assert "slo.latency-exceeded" in gallery.description.text()  # the whole description, not cut
    assert fraud.title in gallery.title.text()
    image = gallery.preview.pixmap().toImage()
    assert len(colours(image)) > 20  # a drawing, not a blank
    assert error_red_pixels(image) > 10  # its error is outlined, as the export draws it
    click_row(qtbot, gallery, "figure-1-1")
    assert error_red_pixels(gallery.preview.pixmap().toImage()) == 0  # the clean reference design


def test_previews_are_rendered_once_per_template_file(tmp_path: Path, qapp):
    original = find_template("recommender")
    copy = tmp_path / "recommender.json"
    shutil.copy(original.path, copy)
    template = replace(original, path=copy)
    first = preview_image(template)
    assert preview_image(template).cacheKey() == first.cacheKey()  # the same image, not drawn again
    copy.write_text(find_template("figure-1-1").path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = preview_image(template)
    assert changed.cacheKey() != first.cacheKey()  # a changed file is drawn again


def test_new_from_template_opens_the_gallery_and_creates_the_chosen_design(qtbot, make_window):  # noqa: F811
    window, _ = make_window()
    window.files.choose_template = dialogs.choose_template  # the real gallery, modal
    seen: dict[str, str] = {}

    def pick() -> None:
        gallery = QApplication.activeModalWidget()
        if not isinstance(gallery, TemplateGallery):
            QTimer.singleShot(10, pick)  # not open yet: look again on a later turn
            return
        click_row(qtbot, gallery, "search-ranking")
        seen["description"] = gallery.description.text()
        qtbot.keyClick(gallery.list, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    window.files.new_from_template_action.trigger()
    assert seen["description"] == find_template("search-ranking").description
    assert window.document.design.name == find_template("search-ranking").title
    assert window.document.path is None and len(window.scene.component_items()) > 10
