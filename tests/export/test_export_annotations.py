"""Exports draw notes and group frames: their colours where they are, their words as real
SVG text, and Export Selection takes notes and the groups all of whose members it takes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage

from canvas.core.annotation_edits import AddNote, group_components
from canvas.core.model import Design, Note, Position, Size
from canvas.export.scene_export import ExportScene, sub_design
from canvas.io import load_design, save_design
from canvas.templates import list_templates
from canvas.ui.canvas.items.annotation_style import frame_look, note_look

SVG = "{http://www.w3.org/2000/svg}"
NOTE_TEXT = "Online path: p99 under 150 ms, features from the online store"


def annotated() -> Design:
    design = load_design(next(t.path for t in list_templates() if t.path.stem == "recommender"))
    design.groups.clear()
    design.notes.clear()
    group_components(design, ["rec-service", "storefront"], "Serving edge", color="blue").apply(design)
    note = Note(
        id="note-1", text=NOTE_TEXT, color="pink", position=Position(x=-400, y=0), size=Size(width=260, height=100)
    )
    AddNote(note).apply(design)
    return design


def close(a: QColor, b: QColor, tol: int = 12) -> bool:
    return abs(a.red() - b.red()) <= tol and abs(a.green() - b.green()) <= tol and abs(a.blue() - b.blue()) <= tol


def test_png_shows_the_note_and_the_frame_in_their_colours(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    design = annotated()
    export = ExportScene(design, findings=False)
    out = tmp_path / "d.png"
    export.write(out, scale=2.0)  # the frame's 1.5 px border is 3 pixels wide: its middle is solid
    image = QImage(str(out))
    origin = export.rect.topLeft()

    def pixel(p: QPointF) -> QColor:
        return image.pixelColor(round(2 * (p.x() - origin.x())), round(2 * (p.y() - origin.y())))

    note = export.scene.annotations.note_item("note-1")
    assert note is not None and export.rect.contains(note.sceneBoundingRect())
    paper = note_look("pink", False).fill
    corner = note.sceneBoundingRect().bottomRight() - QPointF(30, 12)  # blank paper, below the text
    assert close(pixel(corner), paper)
    (gid,) = design.groups
    frame = export.scene.annotations.frame(gid)
    assert frame is not None and export.rect.contains(frame.sceneBoundingRect())
    r = frame.scene_rect()
    border = frame_look("blue", False).border
    left_edge = [pixel(QPointF(r.left() + dx / 2, r.top() + 24)) for dx in range(-4, 5)]  # beside the label
    assert any(close(c, border) for c in left_edge)
    # the frame sits behind its members: a member's card is drawn over it, white
    card = export.scene.component_item("storefront").sceneBoundingRect()
    assert close(pixel(QPointF(card.center().x() + 40, card.bottom() - 14)), QColor("white"))


def test_svg_writes_the_note_and_the_group_label_as_text(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "d.svg"
    ExportScene(annotated()).write(out)
    root = ET.parse(out).getroot()

    def drawn(el: ET.Element) -> list[str]:  # text drawn on the picture, not the invisible search layer
        if el.get("id") == "component-labels":
            return []
        own = [el.text.strip()] if el.tag == f"{SVG}text" and el.text and el.text.strip() else []
        return own + [t for child in el for t in drawn(child)]

    texts = drawn(root)
    words = " ".join(texts)
    for word in ("Online", "p99", "150", "features", "store"):
        assert word in words
    assert "Serving edge" in texts
    layer = [g for g in root.iter(f"{SVG}g") if g.get("id") == "component-labels"][0]
    assert NOTE_TEXT in [t.text for t in layer.iter(f"{SVG}text")]  # the whole text, searchable as one
    assert "Serving edge" in [t.text for t in layer.iter(f"{SVG}text")]


def test_pdf_and_the_command_line_export_annotated_designs(tmp_path: Path, qapp, capsys) -> None:  # type: ignore[no-untyped-def]
    from canvas.cli import main

    path = tmp_path / "d.json"
    save_design(annotated(), path, backup=False)
    for suffix in ("png", "svg", "pdf"):
        out = tmp_path / f"d.{suffix}"
        assert main(["export", str(path), "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    capsys.readouterr()


def test_bounds_hold_notes_far_from_the_cards(qapp) -> None:  # type: ignore[no-untyped-def]
    design = annotated()
    far = Note(id="note-9", text="far away", position=Position(x=5000, y=3000))
    AddNote(far).apply(design)
    export = ExportScene(design, margin=24)
    assert export.rect.contains(QRectF(5000, 3000, 220, 120))
    assert export.rect.right() == pytest.approx(5000 + 220 + 24, abs=3)


def test_export_selection_takes_notes_and_whole_groups_only(qapp) -> None:  # type: ignore[no-untyped-def]
    design = annotated()
    (gid,) = design.groups
    part = sub_design(design, ["rec-service", "storefront", "monitoring"], ["note-1"])
    assert set(part.components) == {"rec-service", "storefront", "monitoring"}
    assert list(part.notes) == ["note-1"] and list(part.groups) == [gid]
    assert sub_design(design, ["rec-service"], []).groups == {}
    export = ExportScene(part)
    assert export.scene.annotations.frame(gid) is not None and export.scene.annotations.note_item("note-1")
