"""UI layer: the look of notes and group frames — their colours in both themes, fonts and
the frame's geometry around its members.

The colour names are the model's (``NOTE_COLORS``, ``GROUP_COLORS``); each has a light and a
dark rendering, so a note written on a dark canvas stays legible and exports (always light)
keep the colour the user chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QGuiApplication

#: Space between the members' bounds and the frame, and the band at the top for its label.
FRAME_PADDING = 14.0
FRAME_LABEL_BAND = 24.0
FRAME_RADIUS = 12.0
#: How wide a band along the frame's border takes a press (its inside is the background).
FRAME_GRIP = 7.0
#: Text inset inside a note, and the smallest size a note can be resized to.
NOTE_PADDING = 10.0
NOTE_MIN_WIDTH = 80.0
NOTE_MIN_HEIGHT = 40.0
NOTE_RADIUS = 4.0
#: The square at a note's bottom-right corner that resizes it.
NOTE_HANDLE = 14.0
#: Stacking: frames behind notes, notes behind links (-1) and cards (0); a frame's name
#: above the links that cross it, below the cards.
FRAME_Z = -3.0
NOTE_Z = -2.0
FRAME_LABEL_Z = -0.5


@dataclass(frozen=True)
class NoteLook:
    fill: QColor
    border: QColor
    text: QColor


@dataclass(frozen=True)
class FrameLook:
    border: QColor
    fill: QColor
    label: QColor


# (light fill, light border, dark fill, dark border): pastel paper on the light canvas,
# a deep tone of the same hue with light text on the dark one.
_NOTES: dict[str, tuple[str, str, str, str]] = {
    "yellow": ("#FFF4B8", "#E6CF5C", "#5A4E1C", "#8C7A2E"),
    "blue": ("#DCEBFF", "#8CB4E8", "#1F3A5C", "#3F6A9E"),
    "green": ("#DDF3DC", "#8CC98A", "#24482A", "#4A8050"),
    "pink": ("#FFE0EC", "#E89AB8", "#5A2438", "#93506A"),
    "purple": ("#EBE2FA", "#B49BE0", "#3A2C5A", "#6A58A0"),
    "grey": ("#ECEFF1", "#B0BEC5", "#3A4048", "#66707A"),
}
# (light border/label, dark border/label)
_FRAMES: dict[str, tuple[str, str]] = {
    "grey": ("#78909C", "#9AA8B2"),
    "blue": ("#1E88E5", "#64B5F6"),
    "green": ("#43A047", "#81C784"),
    "orange": ("#FB8C00", "#FFB74D"),
    "purple": ("#8E24AA", "#CE93D8"),
    "red": ("#E53935", "#EF9A9A"),
}


@cache
def note_look(color: str, dark: bool) -> NoteLook:
    fill, border, dark_fill, dark_border = _NOTES.get(color, _NOTES["yellow"])
    if dark:
        return NoteLook(QColor(dark_fill), QColor(dark_border), QColor("#F1EFE6"))
    return NoteLook(QColor(fill), QColor(border), QColor("#2B2B22"))


@cache
def frame_look(color: str, dark: bool) -> FrameLook:
    light, dark_colour = _FRAMES.get(color, _FRAMES["grey"])
    border = QColor(dark_colour if dark else light)
    fill = QColor(border)
    fill.setAlphaF(0.10 if dark else 0.07)
    label = QColor(border) if dark else QColor(border).darker(125)
    return FrameLook(border, fill, label)


def swatch(color: str, note: bool) -> QColor:
    """The colour a chooser shows for a note or frame colour name (light theme)."""
    return note_look(color, False).fill if note else frame_look(color, False).border


def frame_rect(member_bounds: Iterable[QRectF]) -> QRectF:
    """A group's frame around its members' scene bounds (null when there are none): their
    bounding rectangle, the padding around it and the label band on top."""
    rect = QRectF()
    for bounds in member_bounds:
        rect = rect.united(bounds)
    if rect.isNull():
        return rect
    pad = FRAME_PADDING
    return rect.adjusted(-pad, -pad - FRAME_LABEL_BAND, pad, pad)


# Pixel sizes, not points: the scene must look the same on screen and in an export.
#: A note's text size close up, and the sizes tried zoomed out, largest first: the largest
#: at which the whole text fits the note (else its first words, at the smallest).
NOTE_PIXELS = 13
NOTE_OVERVIEW_PIXELS = (22, 20, 18, 16, 14, 13)


@cache
def note_font(overview: bool = False, pixels: int | None = None) -> QFont:
    """A note's text: close up, or zoomed out (a fitted template) as large as ``pixels``
    (the largest overview size by default)."""
    font = QFont(QGuiApplication.font())
    font.setPixelSize(pixels or (NOTE_OVERVIEW_PIXELS[0] if overview else NOTE_PIXELS))
    return font


@cache
def frame_label_font(overview: bool = False) -> QFont:
    """The frame's name; zoomed out (a fitted template) it fills the label band."""
    font = QFont(QGuiApplication.font())
    font.setPixelSize(24 if overview else 14)
    font.setWeight(QFont.Weight.Bold)
    return font
