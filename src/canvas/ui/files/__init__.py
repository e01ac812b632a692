"""UI layer, files: open, save, templates, export, autosave and recovery, changes on disk."""
