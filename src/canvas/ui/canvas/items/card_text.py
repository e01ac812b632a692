"""UI layer: how a card lays out its label — wrapped whole into the fixed card, cached.

The card keeps one size (the core's Tidy Up and link router assume it), so the label
adapts instead:

* close up (:func:`detail_text`): the label font on up to three lines beside the icon,
  then smaller fonts on up to four and five lines; the kind's name below only when there is room;
* zoomed out (:func:`overview_text`): the largest bold font, from a range, at which the
  whole label fits the card on up to three tightly spaced lines.

Only a label no font of the range can hold whole (a very long word, a paragraph) is
elided; the card's tooltip shows it whole. Layouts are cached per label, so painting a
card costs no text measuring after its first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from canvas.ui.canvas.items.style import BAND_WIDTH, CARD_HEIGHT, CARD_WIDTH, ICON_SIZE, kind_font, label_font

ICON_LEFT = BAND_WIDTH + 7
TEXT_LEFT = ICON_LEFT + ICON_SIZE + 7
TEXT_WIDTH = CARD_WIDTH - TEXT_LEFT - 6
#: The overview label's box: right of the colour band, nearly the card's whole height.
OVERVIEW_LEFT = BAND_WIDTH + 4
OVERVIEW_WIDTH = CARD_WIDTH - OVERVIEW_LEFT - 4
OVERVIEW_HEIGHT = CARD_HEIGHT - 2
#: Overview font sizes tried, largest first (pixels in scene units).
OVERVIEW_SIZES = tuple(range(24, 11, -1))
#: Overview lines are set tight (bold text read from afar; no accents in the way).
OVERVIEW_LINE_STEP = 1.02
_DETAIL_HEIGHT = CARD_HEIGHT - 4
#: Close up, the label's font size (scene pixels) and most lines, tried in turn: still 10 px
#: on screen at 100 % before a long label is cut.
_DETAIL_STEPS = ((13, 3), (12, 4), (11, 4), (10, 5))
_ELIDE = Qt.TextElideMode.ElideRight
#: Lower-case ascenders (b, d, l) stand a little above the capitals.
_ASCENDER = 1.1


@dataclass(frozen=True)
class CardText:
    """A laid-out label: its lines, the font, the distance between baselines, the first
    baseline (item coordinates), and whether the label had to be elided."""

    lines: tuple[str, ...]
    font: QFont
    line_step: float
    first_baseline: float
    elided: bool = False


def wrap_whole(text: str, metrics: QFontMetricsF, width: float) -> list[str] | None:
    """Greedy word wrap of ``text`` into lines no wider than ``width``, or ``None`` when a
    single word is wider than that (the label would have to be cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if metrics.horizontalAdvance(candidate) <= width:
            line = candidate
            continue
        if metrics.horizontalAdvance(word) > width:
            return None
        lines.append(line)
        line = word
    lines.append(line)
    return lines


def wrap_elided(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; a word too long and the last
    line are elided."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(metrics.elidedText(line, _ELIDE, width))
    if words:
        lines.append(metrics.elidedText(" ".join(words), _ELIDE, width))
    return lines or [""]


@cache
def _sized(base: QFont, pixels: int) -> tuple[QFont, QFontMetricsF]:
    font = QFont(base)
    font.setPixelSize(pixels)
    return font, QFontMetricsF(font)


@cache
def overview_base_font() -> QFont:
    """Bold, a little condensed: a long word ("understanding") still fits the card large."""
    font = QFont(label_font())
    font.setWeight(QFont.Weight.Bold)
    font.setStretch(90)
    return font


@lru_cache(maxsize=8192)
def detail_text(label: str, with_kind: bool) -> tuple[CardText, float | None]:
    """The label beside the icon, and the baseline of the kind's line below it (``None``
    when not wanted or when there is no room for it)."""
    kind_metrics = QFontMetricsF(kind_font())
    kind_h = kind_metrics.height() + 1
    base = label_font()
    for pixels, max_lines in _DETAIL_STEPS:
        font, metrics = _sized(base, pixels)
        lines = wrap_whole(label, metrics, TEXT_WIDTH)
        if lines is not None and len(lines) <= max_lines and len(lines) * metrics.height() <= _DETAIL_HEIGHT:
            block = len(lines) * metrics.height()
            kind = with_kind and block + kind_h <= _DETAIL_HEIGHT
            top = (CARD_HEIGHT - block - (kind_h if kind else 0.0)) / 2
            text = CardText(tuple(lines), font, metrics.height(), top + metrics.ascent())
            return text, (top + block + 1 + kind_metrics.ascent() if kind else None)
    pixels, max_lines = _DETAIL_STEPS[-1]
    font, metrics = _sized(base, pixels)
    lines = wrap_elided(label, metrics, TEXT_WIDTH, max_lines)
    top = (CARD_HEIGHT - len(lines) * metrics.height()) / 2
    return CardText(tuple(lines), font, metrics.height(), top + metrics.ascent(), elided=True), None


@lru_cache(maxsize=8192)
def overview_text(label: str) -> CardText:
    """The label as large as it fits the whole card, on up to three lines."""
    base = overview_base_font()
    for pixels in OVERVIEW_SIZES:
        font, metrics = _sized(base, pixels)
        step = pixels * OVERVIEW_LINE_STEP
        lines = wrap_whole(label, metrics, OVERVIEW_WIDTH)
        if lines is not None and len(lines) <= 3 and _ink_height(len(lines), step, metrics) <= OVERVIEW_HEIGHT:
            return CardText(tuple(lines), font, step, _first_baseline(len(lines), step, metrics))
    pixels = OVERVIEW_SIZES[-1]
    font, metrics = _sized(base, pixels)
    step = pixels * OVERVIEW_LINE_STEP
    lines = wrap_elided(label, metrics, OVERVIEW_WIDTH, 3)
    return CardText(tuple(lines), font, step, _first_baseline(len(lines), step, metrics), elided=True)


def _ink_height(count: int, step: float, metrics: QFontMetricsF) -> float:
    """From the top of the first line's tallest letters to the last line's descenders
    (a font's ascent leaves room for accents above the capitals, which labels rarely use)."""
    return (count - 1) * step + metrics.capHeight() * _ASCENDER + metrics.descent()


def _first_baseline(count: int, step: float, metrics: QFontMetricsF) -> float:
    """The first baseline that centres the block of ``count`` lines' ink on the card."""
    return (CARD_HEIGHT - _ink_height(count, step, metrics)) / 2 + metrics.capHeight() * _ASCENDER


@cache
def kind_line(kind_label: str) -> str:
    """The kind's name in small print, elided to the text column."""
    return QFontMetricsF(kind_font()).elidedText(kind_label, _ELIDE, TEXT_WIDTH)
