"""Exports show every card's whole label: the drawn text, not only the hidden search layer."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from canvas.export.options import ExportOptions
from canvas.export.scene_export import write_design
from canvas.templates import list_templates, load_template

SVG = "{http://www.w3.org/2000/svg}"


def drawn_texts(svg: Path) -> list[str]:
    """The text the SVG draws, in order — leaving out the invisible layer of whole labels
    the exporter adds for searching."""
    root = ET.parse(svg).getroot()
    hidden = {id(e) for g in root.iter(f"{SVG}g") if g.get("id") == "component-labels" for e in g.iter()}
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if id(t) not in hidden]


def drawn_whole(label: str, texts: list[str]) -> bool:
    """Whether some run of consecutive drawn lines reads as ``label``."""
    wanted = " ".join(label.split())
    for start in range(len(texts)):
        run = ""
        for line in texts[start : start + 5]:
            run = f"{run} {line}".strip()
            if run == wanted:
                return True
            if not wanted.startswith(run):
                break
    return False


@pytest.mark.parametrize("name", [t.name for t in list_templates()])
def test_no_template_label_is_cut_in_an_svg_export(name: str, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    design = load_template(name)
    out = tmp_path / f"{name}.svg"
    write_design(design, out, ExportOptions())
    texts = drawn_texts(out)
    cut = [c.label for c in design.components.values() if not drawn_whole(c.label, texts)]
    assert cut == [], f"labels not drawn whole: {cut}"


def test_long_realistic_labels_are_drawn_whole_in_an_svg_export(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from canvas.core.model import Component, Design, Position

    labels = [
        "Candidate generation model",
        "Kubernetes + GPU pool for training",
        "Feature store (online, Redis cluster)",
        "Weekly demand forecast batch job",
        "Candidate generation model (two-tower retrieval)",
    ]
    design = Design(name="Long labels")
    for i, label in enumerate(labels):
        design.components[f"c{i}"] = Component(
            id=f"c{i}", kind="infrastructure", label=label, position=Position(x=i * 220.0, y=0.0)
        )
    out = tmp_path / "long.svg"
    write_design(design, out, ExportOptions())
    texts = drawn_texts(out)
    assert [label for label in labels if not drawn_whole(label, texts)] == []
