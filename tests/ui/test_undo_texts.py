"""Undo history entries say what changed in the catalogue's words, not raw keys."""

from __future__ import annotations

from canvas.ui.document import Document


def test_undo_texts_name_the_attribute_and_the_component(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = Document()
    a = doc.add_component("model", 0, 0, label="Ranker")
    b = doc.add_component("model", 200, 0, label="Retriever")
    doc.set_property(a, "latency_ms", 20)
    assert doc.undo_stack.undoText() == "Set Latency of 'Ranker'"
    doc.set_property(a, "owner", "search team")
    assert doc.undo_stack.undoText() == "Set owner of 'Ranker'"
    doc.set_properties([a, b], "monthly_cost", 100)
    assert doc.undo_stack.undoText() == "Set Monthly cost of 2 components"
    doc.delete_property(a, "latency_ms")
    assert doc.undo_stack.undoText() == "Clear Latency of 'Ranker'"
    doc.delete_properties([a, b], "monthly_cost")
    assert doc.undo_stack.undoText() == "Clear Monthly cost of 2 components"
