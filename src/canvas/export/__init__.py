"""Export layer: PNG, SVG and PDF renderings of a design, from the editor or headless, and a
Mermaid flowchart.

The images draw the same scene items the editor shows, in an export mode without selection,
hover or grid, cropped to the design's bounds plus a margin. ``mermaid`` writes text and is
Qt-free (an import-linter contract keeps it so), so ``export -o x.mmd`` needs no Qt at all.
"""
