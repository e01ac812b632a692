"""Notes on the canvas, driven with real keys, clicks and drags: add, write in place, move,
resize, recolour, delete, copy and paste — each one undo step, on the model and the scene."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from canvas.core.model import Note, Position, Size
from canvas.ui.canvas.items.annotation_style import NOTE_MIN_HEIGHT, NOTE_MIN_WIDTH, NOTE_Z
from canvas.ui.canvas.items.note_item import NoteItem, wrap_paragraphs
from tests.ui.gestures import drag, vp_point

CTRL = Qt.KeyboardModifier.ControlModifier


def add_note(document, x: float = 0.0, y: float = 300.0, text: str = "Online path", **more) -> str:
    return_id = document.annotations.add_note(x, y, text, **more)
    return return_id


def note_centre(scene, nid: str) -> QPointF:
    return scene.annotations.note_item(nid).sceneBoundingRect().center()


def click(qtbot, view, scene_pos: QPointF, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, vp_point(view, scene_pos))


def test_n_adds_a_note_in_view_and_typing_writes_it_in_one_step(qtbot, view, scene, document):
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N)
    (nid,) = document.design.notes
    item = scene.annotations.note_item(nid)
    assert item is not None and item.editor is not None  # ready to type
    assert scene.selected_note_ids() == [nid]
    assert view.visible_scene_rect().intersects(item.sceneBoundingRect())
    # nothing under it: it was placed beside the cards
    assert not [i for i in scene.items(item.sceneBoundingRect()) if type(i).__name__ == "ComponentItem"]
    qtbot.keyClicks(view, "Online path")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClicks(view, "p99 < 150 ms")
    assert document.undo_stack.count() == 1  # typing is not an edit yet
    click(qtbot, view, QPointF(-400, -400))  # a click elsewhere ends editing
    assert item.editor is None
    assert document.design.notes[nid].text == "Online path\np99 < 150 ms"
    assert item.lines() == ["Online path", "p99 < 150 ms"]
    assert document.undo_stack.count() == 2 and document.undo_stack.undoText() == "Edit note"
    document.undo_stack.undo()
    assert document.design.notes[nid].text == "" and item.text == ""
    document.undo_stack.undo()
    assert nid not in document.design.notes and scene.annotations.note_item(nid) is None


def test_keys_typed_into_a_note_are_text_not_canvas_commands(qtbot, view, scene, document):
    nid = add_note(document, text="abc")
    scene.select_ids(["model"])
    scene.annotations.note_item(nid).start_editing()
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL)  # selects the note's text, not the canvas
    qtbot.keyClicks(view, "nN")
    assert "model" in document.design.components and len(document.design.notes) == 1
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter ends editing
    assert document.design.notes[nid].text == "nN"


def test_escape_gives_up_editing(qtbot, view, scene, document):
    nid = add_note(document, text="keep me")
    item = scene.annotations.note_item(nid)
    item.start_editing()
    qtbot.keyClicks(view, "scribble")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert item.editor is None and document.design.notes[nid].text == "keep me"
    assert document.undo_stack.count() == 1


def test_double_click_a_note_edits_it_in_place(qtbot, view, scene, document):
    nid = add_note(document, text="old")
    pos = vp_point(view, note_centre(scene, nid))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    item = scene.annotations.note_item(nid)
    assert item.editor is not None and item.editor.toPlainText() == "old"
    qtbot.keyClicks(view, "new")  # all of the text was selected: typing replaces it
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert document.design.notes[nid].text == "new"


def test_ctrl_double_click_on_the_background_adds_a_note_there(qtbot, view, scene, document):
    where = QPointF(200.0, 420.0)
    pos = vp_point(view, where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, CTRL, pos)
    (nid,) = document.design.notes
    assert scene.annotations.note_item(nid).sceneBoundingRect().contains(where)
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Add note"
    # a plain double-click on the background adds nothing
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, QPointF(900, 500)))
    assert len(document.design.notes) == 1


def test_dragging_a_note_is_one_step_and_undo_puts_it_back(qtbot, view, scene, document):
    nid = add_note(document, x=0.0, y=300.0)
    start = note_centre(scene, nid)
    drag(qtbot, view, start, start + QPointF(120, 60))
    note = document.design.notes[nid]
    assert (note.position.x, note.position.y) == (120.0, 360.0)
    assert document.undo_stack.count() == 2 and document.undo_stack.undoText() == "Move"
    assert scene.annotations.note_item(nid).pos() == QPointF(120, 360)
    # the next drag, of a card, starts afresh: the note stays where it is
    drag(qtbot, view, scene.component_item("mon").sceneBoundingRect().center(), QPointF(900, 500))
    assert (document.design.notes[nid].position.x, document.design.notes[nid].position.y) == (120.0, 360.0)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (document.design.notes[nid].position.x, document.design.notes[nid].position.y) == (0.0, 300.0)
    assert scene.annotations.note_item(nid).pos() == QPointF(0, 300)


def test_a_note_and_cards_selected_together_move_together(qtbot, view, scene, document):
    nid = add_note(document, x=0.0, y=300.0)
    scene.select_ids(["src", "train"], note_ids=[nid])
    card = scene.component_item("src").sceneBoundingRect().center()
    drag(qtbot, view, card, card + QPointF(40, 100), modifier=Qt.KeyboardModifier.NoModifier)
    d = document.design
    assert (d.notes[nid].position.x, d.notes[nid].position.y) == (40.0, 400.0)
    assert (d.components["train"].position.x, d.components["train"].position.y) == (280.0, 100.0)
    assert document.undo_stack.count() == 2 and document.undo_stack.undoText() == "Move 3 items"
    document.undo_stack.undo()
    assert d.notes[nid].position.y == 300.0 and d.components["train"].position.y == 0.0


def test_arrow_keys_nudge_selected_notes_with_cards_in_one_step(qtbot, view, scene, document):
    from canvas.ui.canvas.items.style import GRID

    nid = add_note(document, x=0.0, y=300.0)
    alone = add_note(document, x=400.0, y=400.0, text="alone")
    steps = document.undo_stack.count()
    click(qtbot, view, note_centre(scene, alone))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    d = document.design
    assert (d.notes[alone].position.x, d.notes[alone].position.y) == (400.0 + GRID, 400.0 + GRID)
    assert scene.annotations.note_item(alone).pos() == QPointF(400.0 + GRID, 400.0 + GRID)
    assert document.undo_stack.count() == steps + 1 and document.undo_stack.undoText() == "Move"
    scene.select_ids(["src"], note_ids=[nid])
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert d.notes[nid].position.x == -2 * GRID and d.components["src"].position.x == -2 * GRID
    assert document.undo_stack.count() == steps + 2 and document.undo_stack.undoText() == "Move 2 items"
    document.undo_stack.undo()
    assert d.notes[nid].position.x == 0.0 and d.components["src"].position.x == 0.0
    document.undo_stack.undo()
    assert (d.notes[alone].position.x, d.notes[alone].position.y) == (400.0, 400.0)


def test_resizing_by_the_corner_is_one_step_and_the_text_rewraps(qtbot, view, scene, document):
    nid = add_note(document, text="A longer note about the online path and its latency budget")
    item = scene.annotations.note_item(nid)
    scene.select_ids([], note_ids=[nid])
    before = list(item.lines())
    corner = item.mapToScene(QPointF(item.width - 4, item.height - 4))
    drag(qtbot, view, corner, corner + QPointF(-90, 80), release=False)
    assert item.width == 130.0  # live, before the release
    assert document.undo_stack.count() == 1
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, corner + QPointF(-90, 80)))
    size = document.design.notes[nid].size
    assert (size.width, size.height) == (130.0, 200.0)
    assert (document.design.notes[nid].position.x, document.design.notes[nid].position.y) == (0.0, 300.0)
    assert document.undo_stack.count() == 2 and document.undo_stack.undoText() == "Resize note"
    assert len(item.lines()) > len(before)
    # never smaller than the least size
    corner = item.mapToScene(QPointF(item.width - 4, item.height - 4))
    drag(qtbot, view, corner, corner + QPointF(-500, -500))
    size = document.design.notes[nid].size
    assert (size.width, size.height) == (NOTE_MIN_WIDTH, NOTE_MIN_HEIGHT)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (item.width, item.height) == (220.0, 120.0)


def test_delete_removes_notes_with_components_in_one_step(qtbot, view, scene, document):
    nid = add_note(document)
    other = add_note(document, x=400, y=400, text="stays")
    scene.select_ids(["mon"], note_ids=[nid])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "mon" not in document.design.components and nid not in document.design.notes
    assert other in document.design.notes and scene.annotations.note_item(nid) is None
    assert document.undo_stack.undoText() == "Delete 'Monitor' and note"
    document.undo_stack.undo()
    assert "mon" in document.design.components and scene.annotations.note_item(nid) is not None
    assert list(document.design.notes) == [nid, other]


def test_copy_paste_and_duplicate_notes(qtbot, view, scene, document):
    nid = add_note(document, text="Why a two-tower model", color="blue")
    scene.select_ids(["model"], note_ids=[nid])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    notes = document.design.notes  # replaced, never changed in place: read it again after each edit
    assert len(notes) == 2 and len(document.design.components) == 6
    pasted = [n for n in notes if n != nid][0]
    assert notes[pasted].text == "Why a two-tower model" and notes[pasted].color == "blue"
    assert scene.selected_note_ids() == [pasted] and len(scene.selected_component_ids()) == 1
    assert document.undo_stack.count() == 2
    # a note alone duplicates too
    scene.select_ids([], note_ids=[nid])
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL)
    notes = document.design.notes
    assert len(notes) == 3 and document.undo_stack.undoText() == "Duplicate note"
    dup = scene.selected_note_ids()[0]
    assert notes[dup].position.x == notes[nid].position.x + 40
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert list(document.design.notes) == [nid]


def test_notes_sit_behind_cards_and_links_and_above_frames(view, scene, document):
    nid = add_note(document)
    item = scene.annotations.note_item(nid)
    assert item.zValue() == NOTE_Z
    assert item.zValue() < scene.link_item("l1").zValue() < scene.component_item("src").zValue()


def test_wrapping_keeps_line_breaks_and_breaks_long_words(qapp):
    from PySide6.QtGui import QFontMetricsF

    from canvas.ui.canvas.items.annotation_style import note_font

    metrics = QFontMetricsF(note_font())
    lines = wrap_paragraphs("one two\n\nx" + "y" * 80, metrics, 100)
    assert lines[0] == "one two" and lines[1] == ""
    assert len(lines) > 3 and all(metrics.horizontalAdvance(line) <= 100 for line in lines)
    assert "".join(lines[2:]) == "x" + "y" * 80


def test_text_longer_than_the_note_ends_with_an_ellipsis(qapp):
    note = Note(id="n", text=" ".join(["word"] * 200), position=Position(), size=Size(width=120, height=60))
    item = NoteItem(note)
    shown = item.shown_lines()
    assert 1 <= len(shown) < len(item.lines()) and shown[-1].endswith("…")
    item.set_size(400, 600)
    assert item.shown_lines() == item.lines() and not item.shown_lines()[-1].endswith("…")


def test_zoomed_out_a_note_shows_its_first_words_large(qapp):
    note = Note(id="n", text="Two stages: candidate generation, then the ranker orders them", size=Size())
    item = NoteItem(note)
    detail, overview = item.shown_lines(), item.shown_lines(overview=True)
    assert overview[0].startswith("Two stages") and " ".join(overview).split() == " ".join(detail).split()
    assert item.pixels(overview=True) > item.pixels()  # the same text, in a larger font


def test_pressing_beside_the_text_ends_editing_and_drags_the_note_with_the_model(qtbot, view, scene, document):
    nid = add_note(document, text="x")
    item = scene.annotations.note_item(nid)
    item.start_editing()
    qtbot.keyClicks(view, "typed")
    edge = item.mapToScene(QPointF(3, item.height / 2))  # on the paper, beside the editor
    drag(qtbot, view, edge, edge + QPointF(100, 100))
    note = document.design.notes[nid]
    assert item.editor is None and note.text == "typed"
    assert item.pos() == QPointF(100, 400) and (note.position.x, note.position.y) == (100.0, 400.0)
    assert [document.undo_stack.text(i) for i in range(document.undo_stack.count())] == [
        "Add note",
        "Edit note",
        "Move",
    ]


def test_tidy_up_moves_notes_off_the_cards_in_the_same_step(qtbot):
    """Ctrl+L on the fraud template, whose notes the new layout would cover: the notes move
    with the cards in the one "Tidy up" step, onto free space, and undo puts them back."""
    from canvas.templates import load_template
    from canvas.ui.canvas.scene import DesignScene
    from canvas.ui.canvas.view import DesignView
    from canvas.ui.document import Document

    document = Document(load_template("fraud-detection"))
    view = DesignView(DesignScene(document, dark=False))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    before = {nid: (n.position.x, n.position.y) for nid, n in document.design.notes.items()}
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL)
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Tidy up"
    scene = view.design_scene
    cards = [scene.component_item(c).sceneBoundingRect() for c in document.design.components]
    for nid, n in document.design.notes.items():
        item = scene.annotations.note_item(nid)
        assert item.pos() == QPointF(n.position.x, n.position.y)
        assert not any(item.sceneBoundingRect().intersects(card) for card in cards), nid
    assert {nid: (n.position.x, n.position.y) for nid, n in document.design.notes.items()} != before
    document.undo_stack.undo()
    assert {nid: (n.position.x, n.position.y) for nid, n in document.design.notes.items()} == before


def test_zoomed_out_a_note_shows_all_its_text_in_the_largest_size_that_holds_it(qapp):
    """A two-line note of a fitted design: smaller than the largest overview size, but whole."""
    text = "Two-stage: retrieval (top-500) then ranking\np99 budget 100 ms, end to end"
    item = NoteItem(Note(id="n", text=text, position=Position(), size=Size(width=240, height=90)))
    shown = item.shown_lines(overview=True)
    assert not shown[-1].endswith("…") and " ".join(shown).split() == text.split()
    assert item.pixels(overview=True) > item.pixels()  # still larger than close up
    item.set_size(240, 400)  # more room: a larger size
    assert item.pixels(overview=True) == 22
