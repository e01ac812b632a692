"""How notes and frames look: their colours in the light and dark palettes, legible text,
and the zoomed-out drawing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from canvas.core.model import GROUP_COLORS, NOTE_COLORS
from canvas.ui.canvas.items.annotation_style import frame_look, note_look


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_every_note_colour_is_legible_in_both_palettes(qapp, dark: bool) -> None:
    for colour in NOTE_COLORS:
        look = note_look(colour, dark)
        assert contrast(look.text, look.fill) >= 7.0, colour  # WCAG AAA for body text


@pytest.mark.parametrize("dark", [False, True])
def test_every_frame_label_reads_on_its_canvas(qapp, dark: bool) -> None:
    from canvas.ui.canvas.items.style import theme_for

    background = theme_for(dark).background
    for colour in GROUP_COLORS:
        assert contrast(frame_look(colour, dark).label, background) >= 3.0, colour  # large bold text


def render(scene, rect: QRectF) -> QImage:
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image


def test_switching_to_the_dark_palette_repaints_notes_and_frames(qtbot, view, scene, document) -> None:
    nid = document.annotations.add_note(0, 300, "", color="blue")
    gid = document.annotations.group(["train", "model"], "Offline training")
    note = scene.annotations.note_item(nid).sceneBoundingRect()
    frame = scene.annotations.frame(gid).scene_rect()
    spot = QPointF(note.center().x(), note.center().y())
    inside = QPointF(frame.left() + 8, frame.bottom() - 8)  # in the frame, beside the cards
    area = note.united(frame).adjusted(-10, -10, 10, 10)
    for dark in (False, True):
        scene.set_dark(dark)
        image = render(scene, area)
        assert pixel(image, area, spot) == note_look("blue", dark).fill
        tinted = pixel(image, area, inside)
        background = scene.theme.background
        assert tinted != background  # the frame's tint shows over the canvas
        assert abs(luminance(tinted) - luminance(background)) < 0.1  # but only a tint


def pixel(image: QImage, area: QRectF, p: QPointF) -> QColor:
    return image.pixelColor(int(p.x() - area.left()), int(p.y() - area.top()))


def test_zoomed_out_a_note_is_a_block_of_its_colour(qtbot, view, scene, document) -> None:
    nid = document.annotations.add_note(0, 300, "text")
    view._zoom_to(0.1)
    image = view.grab().toImage()  # grab() paints the view now
    note = scene.annotations.note_item(nid).sceneBoundingRect()
    p = view.mapFromScene(note.center())
    assert image.pixelColor(p.x(), p.y()) == note_look("yellow", False).fill
