"""Core layer: the *When to use ML* verdict the inspector shows, in one line.

The problems come from the same function the ``ml-fit.unmet`` rule uses, so the inspector
and the checker can never disagree.
"""

from __future__ import annotations

from typing import Any

from canvas.core.catalog import ML_FIT_CRITERIA
from canvas.core.rules.requirements import ml_fit_problems as _problems


def ml_fit_problems(fit: dict[str, Any] | None) -> list[str]:
    """Why ML may not fit, in the rule's words; empty when nothing argues against ML."""
    return _problems(fit) if isinstance(fit, dict) else []


def ml_fit_verdict(fit: dict[str, Any] | None) -> str:
    """One line for the inspector: "ML fits", "ML may not fit: …" or "Not answered yet"."""
    problems = ml_fit_problems(fit)
    if problems:
        return "ML may not fit: it answers " + "; ".join(problems) + "."
    if not fit:
        return "Not answered yet."
    unanswered = [key for key in ML_FIT_CRITERIA if not isinstance(fit.get(key), bool)]
    if unanswered:
        return f"ML fits so far ({len(unanswered)} of the {len(ML_FIT_CRITERIA)} criteria not answered)."
    return "ML fits."
