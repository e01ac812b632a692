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


def test_undo_texts_name_what_was_deleted_renamed_pasted_or_duplicated(qtbot, view, scene, document) -> None:  # type: ignore[no-untyped-def]
    label = document.design.components["model"].label
    document.set_label("model", "Ranker")
    assert document.undo_stack.undoText() == f"Rename '{label}' to 'Ranker'"
    scene.select_ids(["model"])
    view.canvas_actions.duplicate()
    assert document.undo_stack.undoText() == "Duplicate 'Ranker'"
    scene.select_ids(["train", "model"])
    view.canvas_actions.copy_selection()
    view.canvas_actions.paste()
    assert document.undo_stack.undoText() == "Paste 2 components"
    scene.select_ids(["src"])
    view.canvas_actions.cut_selection()
    assert document.undo_stack.undoText().startswith("Cut '")
    scene.select_ids([], [next(iter(document.design.links))])
    view.canvas_actions.delete_selection()
    assert document.undo_stack.undoText() == "Delete link"
    scene.select_ids(["dep", "mon"])
    view.canvas_actions.delete_selection()
    assert document.undo_stack.undoText() == "Delete 2 components and 1 link"  # model -> dep went too


def test_new_components_get_a_short_default_label(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = Document()
    labels = {
        kind: doc.design.components[doc.add_component(kind, 0, 0)].label
        for kind in ("training", "feature_pipeline", "deployment", "continual_learning", "model", "interface")
    }
    assert labels == {
        "training": "Model training",
        "feature_pipeline": "Feature engineering",
        "deployment": "Deployment",
        "continual_learning": "Continual learning",
        "model": "Model",
        "interface": "Interface",
    }
    assert doc.undo_stack.undoText() == "Add Interface"
