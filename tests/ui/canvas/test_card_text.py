"""A card's label: whole at every zoom that shows text, elided only when nothing holds it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from canvas.core.catalog import KINDS
from canvas.core.model import Component
from canvas.ui.canvas.items.card_text import OVERVIEW_WIDTH, TEXT_WIDTH, detail_text, overview_text
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.style import CARD_HEIGHT, LOD_DETAIL

REALISTIC = [
    "Kubernetes + GPU pool",
    "Feature store (online)",
    "Candidate generation model",
    "Kubernetes serving cluster",
    "User & item feature store",
    "Query understanding",
    "Nightly ETL (Airflow + dbt)",
]
#: Long but real: whole close up (smaller print), as in an export at any scale.
LONG = [
    "Candidate generation model (two-tower retrieval)",
    "Feature store (online) for real-time ranking and retrieval",
]


def card(label: str, kind: str = "model") -> ComponentItem:
    return ComponentItem(Component(id="x", kind=kind, label=label))


@pytest.mark.parametrize("label", REALISTIC)
def test_a_realistic_label_is_shown_whole_close_up_and_zoomed_out(qapp, label):
    item = card(label)
    for lod in (1.0, LOD_DETAIL, LOD_DETAIL - 0.01, 0.3):
        text = item.shown_text(lod)
        assert " ".join(text.lines) == label and not text.elided, (lod, text.lines)
        metrics = QFontMetricsF(text.font)
        width = TEXT_WIDTH if lod >= LOD_DETAIL else OVERVIEW_WIDTH
        assert all(metrics.horizontalAdvance(line) <= width for line in text.lines)
        assert text.first_baseline - metrics.capHeight() >= 0  # inside the card, top and bottom
        assert text.first_baseline + (len(text.lines) - 1) * text.line_step + metrics.descent() <= CARD_HEIGHT
    # zoomed out the label is large: a 9 px font on screen from a 45 % zoom
    assert item.shown_text(0.3).font.pixelSize() * 0.45 >= 9


@pytest.mark.parametrize("label", LONG)
def test_a_long_label_is_whole_close_up(qapp, label):
    text = card(label).shown_text(1.0)
    assert not text.elided and " ".join(text.lines) == label
    assert text.font.pixelSize() >= 10


def test_only_a_pathological_label_is_elided_and_the_tooltip_shows_it_whole(qapp):
    label = (
        "A very very long ranker name that never fits on a card, written as a whole paragraph of text"
        " about what the ranker does"
    )
    item = card(label)
    for lod in (1.0, 0.3):
        text = item.shown_text(lod)
        assert text.elided and text.lines[-1].endswith("…") and len(text.lines) <= 5
    assert label in item.tooltip_text()
    word = card("Supercalifragilisticexpialidociousranker")  # one word wider than the card
    assert word.shown_text(1.0).elided and word.shown_text(1.0).lines[0].endswith("…")


def test_the_kind_line_shows_when_there_is_room_and_the_label_does_not_say_it(qapp):
    assert detail_text("Ranker", True)[1] is not None
    assert detail_text("Ranker", False)[1] is None
    same = card(KINDS["feature_pipeline"].short_label, "feature_pipeline")
    assert same._detail_text()[1] is None
    three = detail_text("Candidate generation model", True)
    assert len(three[0].lines) == 3  # three lines still leave room for the kind
    assert overview_text("Ranker").font.pixelSize() > overview_text("Candidate generation model").font.pixelSize()
