"""Report layer: a design as sorted lines, one fact a line, for ``git diff`` (a textconv).

git runs ``ml-canvas diff --textconv FILE`` on each side of a change and diffs the two texts
line by line, so every fact is one line that does not depend on the order of the file: the
findings first (sorted by severity, rule, subject and message), then the design's name,
components by id (kind and label, then one line per property and suppression), links by
their ends, groups, notes, rule settings, and one ``layout`` line whose digest changes when
anything moves — a move is one changed line, not a changed coordinate per component.
Strings are written as JSON, so a line break in a label cannot break a line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from canvas.core.catalog import link_meaning
from canvas.core.model import Design
from canvas.core.rules import Finding, summary
from canvas.reports.diff_report import one_line, plural


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _k(text: str) -> str:
    """An id or key as it is when it is printable on one line, else as a JSON string."""
    return text if text.isprintable() else _s(text)


def _properties(props: dict[str, Any]) -> list[str]:
    """``key = value``; an object's keys one line each (``ml_fit.learn = true``)."""
    out = []
    for key in sorted(props):
        value = props[key]
        if isinstance(value, dict) and value:
            out += [f"{_k(key)}.{_k(sub)} = {_json(value[sub])}" for sub in sorted(value)]
        else:
            out.append(f"{_k(key)} = {_json(value)}")
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _finding_sort_key(f: Finding) -> tuple[int, str, str, str]:
    return f.severity.rank, f.rule, f.subject or "", f.message


def layout_digest(design: Design) -> str:
    """Eight hex digits of every position (and note size), to the file's 0.01 precision."""
    facts = sorted(
        [(c.id, round(c.position.x, 2), round(c.position.y, 2)) for c in design.components.values()]
        + [
            (
                f"note {n.id}",
                round(n.position.x, 2),
                round(n.position.y, 2),
                round(n.size.width, 2),
                round(n.size.height, 2),
            )
            for n in design.notes.values()
        ]
    )
    return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()[:8]


def render_textconv(design: Design, findings: Sequence[Finding]) -> str:
    counts = summary(list(findings))
    lines = [
        f"findings: {plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, {counts['info']} info"
    ]
    for f in sorted(findings, key=_finding_sort_key):
        where = f" [{_k(f.subject)}]" if f.subject else ""
        quiet = f" (suppressed: {_s(f.reason or '')})" if f.suppressed else ""
        lines.append(f"finding {f.severity.value} {f.rule}{where}: {one_line(f.message)}{quiet}")
    lines.append(f"design {_s(design.name)}")
    for key_ in sorted(design.components):
        c, cid = design.components[key_], _k(key_)
        lines.append(f"component {cid}: {c.kind} {_s(c.label)}")
        lines += [f"component {cid}: {fact}" for fact in _properties(c.properties)]
        lines += sorted(f"component {cid}: suppresses {_k(s.rule)} because {_s(s.reason)}" for s in c.suppressions)
    link_lines = []
    for link in design.links.values():
        source = design.components.get(link.source)
        meaning = link_meaning(source.kind).value if source is not None else "?"
        label = f" {_s(link.label)}" if link.label else ""
        link_lines.append(f"link {_k(link.source)} -> {_k(link.target)}: {meaning}{label}")
    lines += sorted(link_lines)
    for gid in sorted(design.groups):
        g = design.groups[gid]
        lines.append(f"group {_k(gid)}: {_s(g.label)} ({g.color})")
        lines += [f"group {_k(gid)}: member {_k(m)}" for m in sorted(g.members)]
    for nid in sorted(design.notes):
        n = design.notes[nid]
        lines.append(f"note {_k(nid)}: {_s(n.text)} ({n.color})")
    for rid in sorted(design.settings.rules):
        r = design.settings.rules[rid]
        state = "off" if not r.enabled else f"on, severity {r.severity.value}" if r.severity else "on"
        lines.append(f"setting {_k(rid)}: {state}")
    placed = f"{len(design.components)} components" + (f", {len(design.notes)} notes" if design.notes else "")
    lines.append(f"layout: {placed}, positions {layout_digest(design)}")
    return "\n".join(lines) + "\n"
