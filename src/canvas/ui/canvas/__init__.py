"""UI layer, the canvas: the scene and its items, the view and its gestures, the canvas's
commands (copy, paste, tidy up …) and the palette of kinds dragged onto it. Knows nothing
of the panels around it."""
