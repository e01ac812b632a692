"""UI layer: compare mode — the open design against another file or a git revision of it,
shown on the canvas (outlines, ghosts) and listed in a panel, without editing anything."""
