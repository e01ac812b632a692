"""Core layer: findings about the design's own suppressions and rule settings — a name
that is not a rule, a suppression that no longer hides anything.

These run after every other rule: the runner records in :attr:`Context.produced` which
rule found something on which component (before settings and the disconnected filter),
and a suppression is *used* when its rule found something on the component it sits on.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from canvas.core.rules.base import Context, RawFinding

UNKNOWN_RULE = "design.unknown-rule"
UNUSED_SUPPRESSION = "design.unused-suppression"


def _did_you_mean(ctx: Context, rule: str) -> str:
    close = difflib.get_close_matches(rule, list(ctx.known_rules))
    return f"; did you mean '{close[0]}'?" if close else "."


def unknown_rule(ctx: Context) -> Iterator[RawFinding]:
    for cid, comp in ctx.design.components.items():
        for s in comp.suppressions:
            if s.rule not in ctx.known_rules:
                yield RawFinding(
                    f"{ctx.name(cid)} has a suppression for '{s.rule}', which is not a rule, so it hides "
                    f"nothing{_did_you_mean(ctx, s.rule)}",
                    (cid,),
                )
    for rule in ctx.design.settings.rules:
        if rule not in ctx.known_rules:
            yield RawFinding(f"The design's rule settings name '{rule}', which is not a rule{_did_you_mean(ctx, rule)}")


def unused_suppression(ctx: Context) -> Iterator[RawFinding]:
    settings = ctx.design.settings.rules
    found: list[RawFinding] = []
    last: list[tuple[str, str]] = []  # suppressions of this very rule: judged at the end
    for cid, comp in ctx.design.components.items():
        for s in comp.suppressions:
            rule = ctx.known_rules.get(s.rule)
            if rule is None:
                continue  # said by design.unknown-rule
            setting = settings.get(s.rule)
            if setting is not None and not setting.enabled:
                continue  # the rule is off: its suppressions wait, unreported
            if s.rule == UNUSED_SUPPRESSION:
                last.append((cid, s.reason))
            elif not rule.has_subject:
                found.append(
                    RawFinding(
                        f"{ctx.name(cid)} has a suppression for '{s.rule}', which is about the whole design and "
                        "never about one component: turn the rule off in the design's rule settings instead.",
                        (cid,),
                    )
                )
            elif (s.rule, cid) not in ctx.produced:
                subject = ctx.involved.get((s.rule, cid))
                if subject is not None:
                    text = (
                        f"{ctx.name(cid)} has a suppression for '{s.rule}' (\"{s.reason}\"), but that "
                        f"finding is about {ctx.name(subject)}: a suppression applies to the component a finding "
                        "is about (its first), so move it there."
                    )
                else:
                    text = (
                        f"{ctx.name(cid)} has a suppression for '{s.rule}' (\"{s.reason}\"), but the rule finds "
                        "nothing on it any more: the problem is fixed, remove the suppression."
                    )
                found.append(RawFinding(text, (cid,)))
    flagged = {f.subject for f in found}
    for cid, reason in last:
        if cid not in flagged:
            found.append(
                RawFinding(
                    f"{ctx.name(cid)} has a suppression for '{UNUSED_SUPPRESSION}' (\"{reason}\"), but it has no "
                    "unused suppression to hide: remove it.",
                    (cid,),
                )
            )
    yield from found
