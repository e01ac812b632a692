"""UI layer: shared look of the canvas items — sizes, theme colours, fonts, icon cache.

Kept apart from the items so the scene, the view and an exporter agree on one geometry
(card size, port positions) and one palette (light and dark).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtSvg import QSvgRenderer

from canvas.resources import icon_path
from canvas.ui.theme import CANVAS_DARK, CANVAS_LIGHT

#: The card of a component, in item coordinates; its top-left is the model position.
CARD_WIDTH = 170.0
CARD_HEIGHT = 64.0
CARD_RECT = QRectF(0.0, 0.0, CARD_WIDTH, CARD_HEIGHT)
CARD_RADIUS = 8.0
BAND_WIDTH = 7.0
PORT_RADIUS = 5.0
#: How close (scene units) to a port's centre a press counts as grabbing the port, at
#: least (zoomed out, :func:`port_reach` keeps the reach the same on screen).
PORT_GRAB_RADIUS = 10.0
ICON_SIZE = 26.0
#: Below this zoom a card is a coloured block and a link a hairline (big designs stay fast).
LOD_SCALE = 0.15
#: Below this zoom (and above LOD_SCALE) a card shows only its colour band and its label,
#: as large as the card holds (a fitted template sits near 50 %). From this zoom up the
#: label font (12-13 px) is at least 9 px on screen.
LOD_DETAIL = 0.75
#: How far (screen pixels) from a port's centre a press or the pointer still finds it.
PORT_REACH_PIXELS = 8.0
GRID = 20.0
#: The smallest text height (a font's pixel size on screen) a label is legible at.
LEGIBLE_PIXELS = 9.0

SEVERITY_COLOURS: dict[str, QColor] = {
    "error": QColor("#D50000"),
    "warning": QColor("#FF8F00"),
    "info": QColor("#2979FF"),
}


def port_reach(scale: float) -> float:
    """The radius (scene units) around a port's centre that finds it at this view scale:
    :data:`PORT_REACH_PIXELS` on screen, never less than :data:`PORT_GRAB_RADIUS`."""
    return max(PORT_GRAB_RADIUS, PORT_REACH_PIXELS / max(scale, 1e-3))


def input_port(x: float = 0.0, y: float = 0.0) -> QPointF:
    """The input port's centre for a card whose top-left is (x, y)."""
    return QPointF(x, y + CARD_HEIGHT / 2)


def output_port(x: float = 0.0, y: float = 0.0) -> QPointF:
    """The output port's centre for a card whose top-left is (x, y)."""
    return QPointF(x + CARD_WIDTH, y + CARD_HEIGHT / 2)


@dataclass(frozen=True)
class Theme:
    """The colours items draw with; one per scene (the GUI may be dark, an export light)."""

    dark: bool
    background: QColor
    grid_dot: QColor
    card: QColor
    card_hover: QColor
    border: QColor
    text: QColor
    secondary_text: QColor
    selection: QColor
    port_fill: QColor
    flows: QColor
    uses: QColor
    structural: QColor  # hosts / requires
    ok: QColor
    refused: QColor
    icon_backdrop: QColor | None  # behind the (dark-stroked) icons on dark cards


LIGHT = Theme(
    dark=False,
    background=QColor(CANVAS_LIGHT),
    grid_dot=QColor("#C9CED6"),
    card=QColor("#FFFFFF"),
    card_hover=QColor("#F3F7FB"),
    border=QColor("#B0BEC5"),
    text=QColor("#1F2933"),
    secondary_text=QColor("#5F6B76"),
    selection=QColor("#1565C0"),
    port_fill=QColor("#FFFFFF"),
    flows=QColor("#455A64"),
    uses=QColor("#7E57C2"),
    structural=QColor("#9EA7AD"),
    ok=QColor("#2E7D32"),
    refused=QColor("#C62828"),
    icon_backdrop=None,
)

DARK = Theme(
    dark=True,
    background=QColor(CANVAS_DARK),
    grid_dot=QColor("#3A4049"),
    card=QColor("#2B3038"),
    card_hover=QColor("#333944"),
    border=QColor("#56606B"),
    text=QColor("#E8EAED"),
    secondary_text=QColor("#A9B1BA"),
    selection=QColor("#64B5F6"),
    port_fill=QColor("#2B3038"),
    flows=QColor("#B0BEC5"),
    uses=QColor("#B39DDB"),
    structural=QColor("#78828C"),
    ok=QColor("#66BB6A"),
    refused=QColor("#EF5350"),
    icon_backdrop=QColor("#DCE3E9"),
)


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """Whether the application palette (or ``palette``) is a dark one."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(dark: bool) -> Theme:
    return DARK if dark else LIGHT


@cache
def svg_renderer(kind: str) -> QSvgRenderer | None:
    """One renderer per kind, shared by every item (``None`` if the icon is missing)."""
    path = icon_path(kind)
    if not path.is_file():
        return None
    renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None


# Pixel sizes, not points: the scene must look the same on screen and in an export.
@cache
def label_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(13)
    font.setWeight(QFont.Weight.DemiBold)
    return font


@cache
def kind_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(10)
    return font


@cache
def badge_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(10)
    font.setWeight(QFont.Weight.Bold)
    return font


@cache
def link_label_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(10)
    return font
