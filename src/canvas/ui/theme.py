"""UI layer: the application's light and dark palettes (Fusion style + QPalette).

The same look on every platform: Fusion, with a light palette or a dark one whose colours
match the canvas's dark theme (``canvas.ui.canvas.items.style.DARK``).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

#: The canvas's background in the light and dark themes (the items' themes and the start-up
#: frame use these).
CANVAS_LIGHT, CANVAS_DARK = "#FAFAFA", "#1E2126"

_R = QPalette.ColorRole
_G = QPalette.ColorGroup


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#25282D"), QColor(CANVAS_DARK), QColor("#E8EAED")
    disabled = QColor("#7A828C")
    for role, colour in (
        (_R.Window, window),
        (_R.WindowText, text),
        (_R.Base, base),
        (_R.AlternateBase, QColor("#2B3038")),
        (_R.ToolTipBase, QColor("#2B3038")),
        (_R.ToolTipText, text),
        (_R.PlaceholderText, QColor("#8A939C")),
        (_R.Text, text),
        (_R.Button, QColor("#2F343B")),
        (_R.ButtonText, text),
        (_R.BrightText, QColor("#FF5252")),
        (_R.Link, QColor("#64B5F6")),
        (_R.Highlight, QColor("#2F6FB0")),
        (_R.HighlightedText, QColor("#FFFFFF")),
        (_R.Light, QColor("#3A4049")),
        (_R.Midlight, QColor("#33383F")),
        (_R.Mid, QColor("#2A2E34")),
        (_R.Dark, QColor("#15171A")),
        (_R.Shadow, QColor("#000000")),
    ):
        p.setColor(role, colour)
    for role in (_R.WindowText, _R.Text, _R.ButtonText, _R.HighlightedText):
        p.setColor(_G.Disabled, role, disabled)
    p.setColor(_G.Disabled, _R.Highlight, QColor("#3A4049"))
    return p


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def apply_theme(app: QApplication, dark: bool) -> None:
    """Switch the whole application to Fusion with the light or dark palette."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else light_palette())
