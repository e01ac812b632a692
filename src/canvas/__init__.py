"""ML System Canvas."""

__version__ = "0.1.0"
