"""File layer: the versioned JSON file format, migrations, loading and atomic saving."""

from canvas.io.errors import DesignLoadError
from canvas.io.load import load_design, parse_design
from canvas.io.save import DesignSaveError, dump_design, save_design

__all__ = ["DesignLoadError", "DesignSaveError", "dump_design", "load_design", "parse_design", "save_design"]
