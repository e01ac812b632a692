"""Export layer: the options of an export, said once for ``ml-canvas export`` and File ▸ Export.

Plain data, no Qt: the command line builds :class:`ExportOptions` from its flags, the
editor's export dialog from its fields, and both hand them to
:func:`canvas.export.scene_export.write_design`.
"""

from __future__ import annotations

from dataclasses import dataclass

#: PNG pixels per design unit: the allowed range and the default (``--scale``).
MIN_SCALE, MAX_SCALE, DEFAULT_SCALE = 0.1, 8.0, 2.0
#: Room around the design, in design units (``--margin``).
MAX_MARGIN, DEFAULT_MARGIN = 2000.0, 24.0


@dataclass(frozen=True)
class ExportOptions:
    """What an export draws besides the design itself."""

    #: PNG pixels per design unit (SVG and PDF are vector: they ignore it).
    scale: float = DEFAULT_SCALE
    #: No white background (PNG and SVG; a PDF page is always white).
    transparent: bool = False
    #: The checker's outlines and count badges (``--no-findings`` leaves them out).
    findings: bool = True
    margin: float = DEFAULT_MARGIN
