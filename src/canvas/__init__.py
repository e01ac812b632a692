"""ML System Canvas: design ML systems and check them for completeness.

The Python API, for notebooks and scripts (no Qt is imported)::

    from canvas import load_design, check, to_networkx

    design = load_design("recommender.json")
    for finding in check(design):
        print(finding.severity.value, finding.rule, finding.message)
    graph = to_networkx(design, view="request")  # a networkx.DiGraph

``check`` returns the findings the CLI reports (rule, severity, message, components, links,
suppressed, reason); ``to_networkx`` returns the ``"flow"``, ``"forward"``, ``"serving"`` or
``"request"`` view with ``kind``, ``label`` and ``properties`` on the nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from canvas.core.graph import to_networkx
    from canvas.core.rules import check
    from canvas.io import load_design

__all__ = ["__version__", "check", "load_design", "to_networkx"]

_API = {
    "check": ("canvas.core.rules", "check"),
    "load_design": ("canvas.io", "load_design"),
    "to_networkx": ("canvas.core.graph", "to_networkx"),
}


def __getattr__(name: str) -> Any:
    """The API is imported when first used, so ``import canvas`` stays cheap for the GUI."""
    if name not in _API:
        raise AttributeError(f"module 'canvas' has no attribute {name!r}")
    from importlib import import_module

    module, attr = _API[name]
    return getattr(import_module(module), attr)
