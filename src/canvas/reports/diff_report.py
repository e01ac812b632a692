"""Report layer: ``ml-canvas diff`` as text and as JSON, and the words both it and the
markdown report use to name what changed.

The text reads top-down the way a reviewer asks: what the change does to the findings
(introduced first), then the components, links, notes, groups and rule settings. Moves are
one line, never a list.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from canvas.core.catalog import KINDS
from canvas.core.diff import UNSET, Changes, DesignDiff, FieldChange, FindingPair, ItemChange
from canvas.core.model import Component, Design, Group, Link, Note, Severity
from canvas.core.rules import Finding
from canvas.core.wording import quoted

MAX_VALUE = 80  # characters of a value shown before "…"


# --- words shared by the text and markdown reports -----------------------------------------


def one_line(text: str) -> str:
    """A message or label on one line (a label may hold line breaks)."""
    return " ".join(text.splitlines())


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def kind_name(kind: str) -> str:
    k = KINDS.get(kind)
    return k.default_label if k else kind


def component_name(design: Design, cid: str) -> str:
    """``'Ranker'`` (the label as messages write it), or the bare id if it is not there."""
    c = design.components.get(cid)
    return quoted(c) if c is not None else f"'{cid}'"


def link_name(design: Design, link: Link) -> str:
    return f"{component_name(design, link.source)} → {component_name(design, link.target)}"


def link_text(design: Design, link: Link) -> str:
    """``'A' → 'B'``, with the link's label when it has one."""
    return link_name(design, link) + (f" ({value_text(link.label)})" if link.label else "")


def note_name(note: Note) -> str:
    first = note.text.strip().splitlines()[0] if note.text.strip() else ""
    return f"note {short(json.dumps(first, ensure_ascii=False), 40)}" if first else "empty note"


def group_name(group: Group) -> str:
    return f"group '{group.label}'" if group.label.strip() else f"group {group.id}"


def short(text: str, limit: int = MAX_VALUE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(value: Any) -> str:
    """A property value as JSON (strings quoted), ``unset`` when the side lacks it."""
    if value is UNSET:
        return "unset"
    return short(json.dumps(value, ensure_ascii=False))


def _setting_text(value: Any) -> str:
    if value is UNSET:
        return "default"
    if not value["enabled"]:
        return "off"
    return f"on, severity {value['severity']}" if value["severity"] else "on"


def field_words(change: FieldChange, diff: DesignDiff) -> list[tuple[str, str, str]]:
    """What changed, its old value and its new value, in words: one row, or one per key of an
    object-valued property that differs (the *When to use ML* answers)."""
    f, old, new = change.field, change.old, change.new
    if f == "kind":
        return [("kind", kind_name(old), kind_name(new))]
    if f == "property":
        if isinstance(old, dict) and isinstance(new, dict):
            keys = sorted(old.keys() | new.keys())
            pairs = ((k, value_text(old.get(k, UNSET)), value_text(new.get(k, UNSET))) for k in keys)
            return [(f"{change.key}.{k}", a, b) for k, a, b in pairs if a != b]
        if _scalars(old) and _scalars(new) and set(map(_hashable, old)) != set(map(_hashable, new)):
            return [(change.key, *_list_change(old, new, value_text))]
        return [(change.key, value_text(old), value_text(new))]
    if f == "suppression":
        if old is UNSET:
            return [(f"suppression of {change.key}", "none", f"added ({value_text(new)})")]
        if new is UNSET:
            return [(f"suppression of {change.key}", f"removed (was {value_text(old)})", "none")]
        return [(f"reason to suppress {change.key}", value_text(old), value_text(new))]
    if f == "members":
        return [("members", *_list_change(old, new, lambda c: component_name(diff.old if c in old else diff.new, c)))]
    if f == "rule_setting":
        return [(change.key, _setting_text(old), _setting_text(new))]
    if f == "color":
        return [("colour", str(old), str(new))]
    return [(f, value_text(old), value_text(new))]


def _scalars(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)


def _hashable(value: Any) -> Any:
    return json.dumps(value, sort_keys=True)


def _list_change(old: Sequence[Any], new: Sequence[Any], name: Callable[[Any], str]) -> tuple[str, str]:
    """A list whose items came and went, as ``-gone`` and ``+came`` ("–" for none)."""
    before, after = set(map(_hashable, old)), set(map(_hashable, new))
    gone = [f"-{name(v)}" for v in old if _hashable(v) not in after]
    came = [f"+{name(v)}" for v in new if _hashable(v) not in before]
    return ", ".join(gone) or "–", ", ".join(came) or "–"


def counts_line(changes: Changes[Any], noun: str, moved_verb: str = "moved") -> str:
    parts = [
        f"{len(items)} {what}"
        for what, items in (("added", changes.added), ("removed", changes.removed), ("changed", changes.changed))
        if items
    ]
    if changes.moved:
        parts.append(f"{len(changes.moved)} {moved_verb}")
    return f"{noun}: {', '.join(parts)}" if parts else f"{noun}: no differences"


def findings_line(diff: DesignDiff) -> str:
    fc = diff.findings
    intro = f"{len(fc.introduced)} introduced"
    active = [f for f in fc.introduced if not f.suppressed]
    if active:
        intro += f" ({severity_counts(active)})"
    return f"Findings: {intro}, {len(fc.resolved)} resolved, {len(fc.still_there)} still there"


def severity_counts(findings: Iterable[Finding]) -> str:
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    return ", ".join(plural(n, s.value) if s is not Severity.INFO else f"{n} info" for s, n in counts.items() if n)


def still_there_note(pair: FindingPair) -> str:
    """What changed about a finding both sides have, or ``""``."""
    a, b = pair.old, pair.new
    notes = []
    if a.severity is not b.severity:
        notes.append(f"severity {a.severity.value} → {b.severity.value}")
    if b.suppressed and not a.suppressed:
        notes.append(f"now suppressed: {b.reason}")
    elif a.suppressed and not b.suppressed:
        notes.append("no longer suppressed")
    return "; ".join(notes)


def summary_line(diff: DesignDiff) -> str:
    """One line: the findings first, then what the design change is made of."""
    if not diff.design_changed and not diff.findings_changed:
        return "No differences."
    parts = [findings_line(diff)]
    if diff.components:
        parts.append(counts_line(diff.components, "components"))
    if diff.links:
        parts.append(counts_line(diff.links, "links"))
    if diff.notes:
        parts.append(counts_line(diff.notes, "notes", "moved or resized"))
    if diff.groups:
        parts.append(counts_line(diff.groups, "groups"))
    if diff.settings:
        parts.append(f"rule settings: {len(diff.settings)} changed")
    if diff.name:
        parts.append("renamed")
    return "; ".join(parts) + "."


# --- text ------------------------------------------------------------------------------------


def render_diff_text(diff: DesignDiff, old_name: str, new_name: str) -> str:
    lines = [f"{old_name} → {new_name}", summary_line(diff)]
    if not diff.design_changed and not diff.findings_changed:
        return "\n".join(lines) + "\n"
    lines += _findings_text(diff)
    if diff.name:
        lines += ["", f"Name: {value_text(diff.name.old)} → {value_text(diff.name.new)}"]
    lines += _section(diff, diff.components, "Components", _component_text, "moved")
    lines += _section(diff, diff.links, "Links", None, "")
    lines += _section(diff, diff.notes, "Notes", lambda c, d: note_name(c), "moved or resized")
    lines += _section(diff, diff.groups, "Groups", lambda c, d: group_name(c), "")
    if diff.settings:
        lines += ["", "Rule settings:"]
        lines += [f"  {what}: {old} → {new}" for c in diff.settings for what, old, new in field_words(c, diff)]
    return "\n".join(lines) + "\n"


def _finding_text(mark: str, f: Finding, note: str = "") -> str:
    extra = f" (suppressed: {f.reason})" if f.suppressed and not note else ""
    return f"  {mark} {f.severity.value} {f.rule}: {one_line(f.message)}{extra}{f' ({note})' if note else ''}"


def _findings_text(diff: DesignDiff) -> list[str]:
    fc = diff.findings
    lines = ["", findings_line(diff) + ":"]
    lines += [_finding_text("+", f) for f in fc.introduced]
    lines += [_finding_text("-", f) for f in fc.resolved]
    lines += [_finding_text("=", p.new, still_there_note(p)) for p in fc.still_there]
    if len(lines) == 2:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def _component_text(c: Component, design: Design) -> str:
    return f"{quoted(c)} ({kind_name(c.kind)}) [{c.id}]"


def _section(
    diff: DesignDiff,
    changes: Changes[Any],
    title: str,
    name: Callable[[Any, Design], str] | None,
    moved_verb: str,
) -> list[str]:
    if not changes:
        return []

    def named(item: Any, design: Design) -> str:
        return one_line(name(item, design) if name else link_text(design, item))

    lines = ["", counts_line(changes, title, moved_verb) + ":"]
    lines += [f"  + {named(x, diff.new)}" for x in changes.added]
    lines += [f"  - {named(x, diff.old)}" for x in changes.removed]
    for ch in changes.changed:
        lines.append(f"  ~ {named(ch.new, diff.new)}")
        lines += [f"      {what}: {old} → {new}" for c in ch.fields for what, old, new in field_words(c, diff)]
    if changes.moved:
        lines.append(f"  {plural(len(changes.moved), title.lower()[:-1])} {moved_verb} (positions only, not listed).")
    return lines


# --- JSON ------------------------------------------------------------------------------------


def _field_json(change: FieldChange) -> dict[str, Any]:
    out: dict[str, Any] = {"field": change.field}
    if change.key:
        out["key"] = change.key
    for side in ("old", "new"):
        value = getattr(change, side)
        if value is not UNSET:
            out[side] = list(value) if isinstance(value, tuple) else value
    return out


def _item_json(item: Component | Link | Note | Group) -> dict[str, Any]:
    if isinstance(item, Component):
        return {"id": item.id, "kind": item.kind, "label": item.label}
    if isinstance(item, Link):
        return {"id": item.id, "source": item.source, "target": item.target, "label": item.label}
    if isinstance(item, Note):
        return {"id": item.id, "text": item.text}
    return {"id": item.id, "label": item.label, "members": list(item.members)}


def _changes_json(changes: Changes[Any]) -> dict[str, Any]:
    def changed(ch: ItemChange[Any]) -> dict[str, Any]:
        return {**_item_json(ch.new), "changes": [_field_json(c) for c in ch.fields]}

    return {
        "added": [_item_json(x) for x in changes.added],
        "removed": [_item_json(x) for x in changes.removed],
        "changed": [changed(ch) for ch in changes.changed],
        "moved": list(changes.moved),
    }


def diff_json(diff: DesignDiff, old_name: str, new_name: str) -> dict[str, Any]:
    """The ``diff --format json`` object."""
    fc = diff.findings
    return {
        "old": old_name,
        "new": new_name,
        "name": _field_json(diff.name) if diff.name else None,
        "components": _changes_json(diff.components),
        "links": _changes_json(diff.links),
        "notes": _changes_json(diff.notes),
        "groups": _changes_json(diff.groups),
        "settings": [_field_json(c) for c in diff.settings],
        "findings": {
            "introduced": [f.to_json() for f in fc.introduced],
            "resolved": [f.to_json() for f in fc.resolved],
            "still_there": [{"old": p.old.to_json(), "new": p.new.to_json()} for p in fc.still_there],
        },
    }


def render_diff_json(diff: DesignDiff, old_name: str, new_name: str) -> str:
    return json.dumps(diff_json(diff, old_name, new_name), indent=2, ensure_ascii=False) + "\n"
