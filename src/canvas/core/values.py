"""Core layer: reading the numbers rules and charts use from a component's properties."""

from __future__ import annotations

import math
from typing import Any

from canvas.core.model import Component


def number(value: Any) -> float | None:
    """A property value as a finite number, or ``None`` (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def cost_of(component: Component) -> float:
    """The component's ``monthly_cost`` (0 when unset)."""
    return number(component.properties.get("monthly_cost")) or 0.0
