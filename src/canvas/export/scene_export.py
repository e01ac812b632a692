"""Export layer: a clean scene of a design, built the same way headless and in the editor.

The export never reuses the editor's scene: a fresh scene has no selection, no hover and
no drag state, so none can leak into the picture. Findings outlines come from a check of
the same design.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication

from canvas.core.clipboard import copy_fragment
from canvas.core.model import Component, Design, Group, Link, Note
from canvas.core.rules import run_checks
from canvas.export.options import ExportOptions
from canvas.export.render import ExportError, write_pdf, write_png, write_svg
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.document import Document
from canvas.ui.findings.findings_overlay import marks_for


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


class ExportScene:
    """A design, its scene and the region to draw (bounds plus a margin)."""

    def __init__(
        self, design: Design, findings: bool = True, margin: float = 24.0, checked: Design | None = None
    ) -> None:
        """``checked``: the design whose findings mark the items (by default ``design``
        itself; a selection is exported with the whole design's findings)."""
        ensure_app()
        self.design = design
        self.document = Document(design)
        # Uncached cards: every export is drawn once, and vector output needs real paths.
        self.scene = DesignScene(self.document, dark=False, cache_items=False)
        self.scene.routes.finish()  # every link along its route, however big the design
        self.scene.set_grid_visible(False)
        self.scene.setBackgroundBrush(QBrush(Qt.BrushStyle.NoBrush))  # the writer paints white or nothing
        if findings:
            components, links = marks_for(run_checks(checked if checked is not None else design))
            self.scene.set_findings(components, links)
        bounds = drawn_bounds(self.scene)
        if bounds.isNull():
            bounds = QRectF(0, 0, 200, 120)
        self.rect = bounds.adjusted(-margin, -margin, margin, margin)

    def write(self, path: Path, scale: float = 2.0, transparent: bool = False) -> str:
        """Write by the file's extension; returns a short description of what was written."""
        suffix = path.suffix.lower().lstrip(".")
        title = self.design.name
        if suffix == "png":
            size = write_png(self.scene, self.rect, path, scale, transparent)
            return f"{size.width()} × {size.height()} px"
        if suffix == "svg":
            labels = [(c.position.x + 8, c.position.y + 20, c.label) for c in self.design.components.values()]
            # Notes are drawn line by line and a frame's name may be elided: whole, searchable too.
            labels += [(n.position.x + 8, n.position.y + 20, n.text) for n in self.design.notes.values() if n.text]
            for frame in self.scene.annotations.frames():
                labels.append((frame.x() + 12, frame.y() + 24, frame.label))
            write_svg(self.scene, self.rect, path, title, transparent, labels)
            return f"{round(self.rect.width())} × {round(self.rect.height())} SVG"
        if suffix == "pdf":
            write_pdf(self.scene, self.rect, path, title)
            return "one-page vector PDF"
        raise ExportError(f"{path}: unknown extension '{path.suffix}' (use .png, .svg or .pdf)")


def write_design(design: Design, path: Path, options: ExportOptions, checked: Design | None = None) -> str:
    """Export ``design`` to ``path`` (PNG, SVG or PDF by its extension) as File ▸ Export
    does (``ml-canvas export`` uses :class:`ExportScene` itself, to pick a PNG scale that
    fits); returns what was written ("2,040 × 700 px").
    ``checked``: the design whose findings are drawn (a selection's whole design)."""
    scene = ExportScene(design, findings=options.findings, margin=options.margin, checked=checked)
    return scene.write(path, scale=options.scale, transparent=options.transparent)


def drawn_bounds(scene: DesignScene) -> QRectF:
    """The tight rectangle of everything the scene draws (null when empty)."""
    rect = QRectF()
    for card in scene.component_items():
        rect = rect.united(card.drawn_rect())
    for link in scene.link_items():
        rect = rect.united(link.drawn_rect())
    for frame in scene.annotations.frames():
        rect = rect.united(frame.drawn_rect())
    for note in scene.annotations.note_items():
        rect = rect.united(note.drawn_rect())
    return rect


def sub_design(design: Design, component_ids: list[str], note_ids: list[str] | None = None) -> Design:
    """Only the given components, the links among them, the given notes and the groups all
    of whose members are given (for 'export selection')."""
    fragment = copy_fragment(design, component_ids, note_ids)
    out = Design(name=design.name, settings=design.settings.model_copy(deep=True))
    kinds: tuple[tuple[str, type[Component | Link | Note | Group]], ...] = (
        ("components", Component),
        ("links", Link),
        ("notes", Note),
        ("groups", Group),
    )
    for key, model in kinds:
        chosen = getattr(out, key)
        for raw in fragment[key]:
            item = model.model_validate(raw)
            chosen[item.id] = item
    return out
