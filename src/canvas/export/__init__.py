"""Export layer: PNG, SVG and PDF renderings of a design, from the editor or headless.

The same scene items the editor shows are drawn here, in an export mode without
selection, hover or grid, cropped to the design's bounds plus a margin.
"""
