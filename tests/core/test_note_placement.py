"""Where notes go when Tidy Up moves the cards (core, no Qt): beside the card they explain,
never on a card or on another note."""

from __future__ import annotations

import pytest

from canvas.core.geometry import Rect, rects_overlap
from canvas.core.layout import CARD_HEIGHT, CARD_WIDTH, tidy_layout
from canvas.core.model import Component, Design, Note, Position, Size
from canvas.core.note_placement import place_notes
from canvas.io import load_design
from canvas.templates import list_templates


def design_with(cards: dict[str, tuple[float, float]], notes: dict[str, tuple[float, float, float, float]]) -> Design:
    d = Design()
    for cid, (x, y) in cards.items():
        d.components[cid] = Component(id=cid, kind="model", label=cid, position=Position(x=x, y=y))
    for nid, (x, y, w, h) in notes.items():
        d.notes[nid] = Note(id=nid, text=nid, position=Position(x=x, y=y), size=Size(width=w, height=h))
    return d


def note_rects(design: Design, moved: dict[str, tuple[float, float]]) -> list[Rect]:
    out = []
    for nid, n in design.notes.items():
        x, y = moved.get(nid, (n.position.x, n.position.y))
        out.append(Rect(x, y, n.size.width, n.size.height))
    return out


def card_rects(design: Design, moved: dict[str, tuple[float, float]]) -> list[Rect]:
    return [
        Rect(*moved.get(cid, (c.position.x, c.position.y)), CARD_WIDTH, CARD_HEIGHT)
        for cid, c in design.components.items()
    ]


def test_a_note_follows_the_card_nearest_to_it():
    d = design_with({"a": (0, 0), "b": (600, 0)}, {"n": (0, 100, 160, 60)})
    assert place_notes(d, {"a": (400, 400), "b": (600, 0)}) == {"n": (400.0, 500.0)}
    assert place_notes(d, {"b": (900, 0)}) == {}  # its card did not move: it stays


def test_a_note_that_would_land_on_a_card_takes_the_nearest_free_spot():
    d = design_with({"a": (0, 0), "b": (0, 300)}, {"n": (0, 100, 160, 60)})
    moved = place_notes(d, {"a": (0, 0), "b": (0, 100)})  # b now sits where the note is
    assert set(moved) == {"n"}
    (note,) = note_rects(d, moved)
    assert not any(rects_overlap(note, card) for card in card_rects(d, {"b": (0, 100)}))
    x, y = moved["n"]
    assert abs(x) + abs(y - 100) <= 200  # near where it was, not thrown across the canvas


def test_notes_placed_together_do_not_cover_each_other():
    d = design_with({"a": (0, 0), "b": (0, 400)}, {"n1": (0, 100, 160, 60), "n2": (10, 110, 160, 60)})
    moved = place_notes(d, {"a": (0, 0), "b": (0, 100)})
    one, two = note_rects(d, moved)
    assert not rects_overlap(one, two)


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.name)
def test_after_tidy_up_no_note_of_a_template_covers_a_card(template):
    d = load_design(template.path)
    if not d.notes:
        pytest.skip("no notes in this template")
    positions = tidy_layout(d)
    moved = place_notes(d, positions)
    cards, notes = card_rects(d, positions), note_rects(d, moved)
    assert not [(n, c) for n in notes for c in cards if rects_overlap(n, c)]
    assert not [(a, b) for i, a in enumerate(notes) for b in notes[i + 1 :] if rects_overlap(a, b)]


def test_tidying_some_cards_leaves_the_notes_of_the_others_alone():
    """A note on a card that stays, and two notes close together, stay where they are when
    only cards far away are tidied."""
    d = design_with(
        {"a": (0, 0), "b": (2000, 0), "c": (2000, 300)},
        {"on-a": (100, -30, 160, 60), "p1": (0, 400, 160, 60), "p2": (0, 470, 160, 60)},
    )
    assert place_notes(d, {"b": (2400, 0), "c": (2400, 300)}) == {}


def test_in_a_layout_with_no_room_nearby_a_note_goes_below_the_cards():
    cards = {f"c{i}-{j}": (i * 190.0, j * 80.0) for i in range(40) for j in range(40)}  # gaps too small for a note
    d = design_with({**cards, "far": (0, 0)}, {"n": (3000, 1500, 200, 80)})
    moved = place_notes(d, {"far": (3000, 1560)})  # a card of the dense block moves onto the note
    (note,) = note_rects(d, moved)
    assert not any(rects_overlap(note, card) for card in card_rects(d, {"far": (3000, 1560)}))
