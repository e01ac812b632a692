"""Core layer: the *When to use ML* assessment of ch. 1 — the one verdict shared by the rule
``ml-fit.unmet`` and the inspector, so the two can never disagree.
"""

from __future__ import annotations

from typing import Any

from canvas.core.catalog import ML_FIT_CRITERIA


def ml_fit_problems(fit: object) -> list[str]:
    """What the assessment says against using ML, one phrase per problem (empty: ML fits,
    nothing is answered yet, or ``fit`` is not an assessment): a ``False`` to one of the five
    criteria, or costly mistakes (``cheap_mistakes: False``) without ``human_in_the_loop: True``."""
    if not isinstance(fit, dict):
        return []
    problems = [f"no to '{text}'" for key, text in ML_FIT_CRITERIA.items() if fit.get(key) is False]
    if fit.get("cheap_mistakes") is False and fit.get("human_in_the_loop") is not True:
        problems.append("that wrong predictions are costly, with no human in the loop")
    return problems


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
