"""UI layer: everything PySide6. Nothing here is saved; the design lives in canvas.core."""
