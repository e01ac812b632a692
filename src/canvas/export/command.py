"""Export layer: ``ml-canvas export FILE -o OUT.{png,svg,pdf,mmd}``, runnable with no display
(and, for Mermaid's ``.mmd``, with no Qt)."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from canvas.export.options import DEFAULT_SCALE, MAX_MARGIN, MAX_SCALE, MIN_SCALE

if TYPE_CHECKING:
    from canvas.core.model import Design
    from canvas.export.scene_export import ExportScene


def run_export(args: argparse.Namespace) -> int:
    """Validate, load, render; one sentence and exit code 2 on any bad input."""
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf", ".mmd"):
        return _fail(f"{out}: unknown extension '{out.suffix or '(none)'}' (use .png, .svg, .pdf or .mmd)")
    image = suffix != ".mmd"  # the image options do not apply to Mermaid's text
    if image and args.scale is not None and not (MIN_SCALE <= args.scale <= MAX_SCALE):
        return _fail(f"--scale {args.scale:g} is out of range (use {MIN_SCALE:g} to {MAX_SCALE:g})")
    if image and not (0 <= args.margin <= MAX_MARGIN):
        return _fail(f"--margin {args.margin:g} is out of range (use 0 to {MAX_MARGIN:g} px)")
    if out.is_dir():
        return _fail(f"{out}: is a folder; give a file name ending in {suffix}")
    from canvas.io import DesignLoadError, load_design

    try:
        design = load_design(args.file)
    except DesignLoadError as exc:
        return _fail(str(exc))
    if suffix == ".mmd":
        return _write_mermaid(design, out, findings=not args.no_findings)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from canvas.export.render import ExportError
    from canvas.export.scene_export import ExportScene

    scene = ExportScene(design, findings=not args.no_findings, margin=args.margin)
    scale, note = args.scale, None
    if scale is None:  # no scale asked for: the default, or the largest PNG a big design fits in
        scale = _largest_scale(scene) if suffix == ".png" else DEFAULT_SCALE
        if scale < DEFAULT_SCALE:
            note = (
                f"the design is too large for a PNG at the default scale {DEFAULT_SCALE:g}; wrote the largest that "
                f"fits, at scale {scale:g} (pass --scale to choose, or export SVG or PDF for a sharp picture)"
            )
    try:
        what = scene.write(out, scale=scale, transparent=args.transparent)
    except ExportError as exc:
        return _fail(str(exc))
    print(f"Wrote {out} ({what}).")
    if note:
        print(f"ml-canvas: note: {note}.", file=sys.stderr)
    return 0


def _largest_scale(scene: ExportScene) -> float:
    """The default scale, or the largest under the PNG size limits, rounded down to 0.01."""
    from canvas.export.render import fitting_scale

    return max(math.floor(fitting_scale(scene.rect, DEFAULT_SCALE) * 100) / 100, 0.01)


def _write_mermaid(design: Design, out: Path, findings: bool) -> int:
    """Mermaid is text: no Qt is imported (canvas.export.mermaid is under the no-Qt contract)."""
    from canvas.export.mermaid import write_mermaid
    from canvas.io import DesignSaveError

    try:
        what, note = write_mermaid(design, out, findings=findings)
    except DesignSaveError as exc:
        return _fail(str(exc))
    print(f"Wrote {out} ({what}).")
    if note:
        print(f"ml-canvas: note: {note}.", file=sys.stderr)
    return 0


def _fail(message: str) -> int:
    print(f"ml-canvas: {message}", file=sys.stderr)
    return 2
