"""Report layer: ``ml-canvas diff --format markdown``, written to be posted as a pull-request
comment (GitHub-flavoured markdown: tables, ``<details>``).

The findings the change introduces come first, then those it resolves, then what changed in
the design; the findings still there are folded away. Everything taken from a design — labels,
messages, property values, note text — is escaped: markdown punctuation is backslash-escaped,
``&``, ``<`` and ``>`` are HTML entities (no raw HTML from a design reaches the page), ``|``
cannot end a table cell, line breaks become spaces, and an ``@`` is followed by an invisible
word joiner so a label such as "@oncall" does not notify anyone.
"""

from __future__ import annotations

from typing import Any

from canvas.core.diff import Changes, DesignDiff, FieldChange, FindingPair
from canvas.core.model import Design, Link, Severity
from canvas.core.rules import Finding
from canvas.core.wording import name as component_label
from canvas.io.sources import NOTHING, is_git_source
from canvas.reports.diff_report import (
    counts_line,
    field_words,
    group_name,
    kind_name,
    note_name,
    plural,
    severity_counts,
    still_there_note,
)

#: Inline markdown (emphasis, code, links, strike-through, GitHub's $math$) and the cell end.
_ESCAPED = set("\\`*_[]|~$")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
WORD_JOINER = "\u2060"
_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


def md(text: str) -> str:
    """Text from a design, safe inside a paragraph or a table cell."""
    out = []
    for ch in " ".join(str(text).splitlines()):
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _ESCAPED:
            out.append("\\" + ch)
        elif ch == "@":
            out.append("@" + WORD_JOINER)
        else:
            out.append(ch)
    return "".join(out)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Cells are already escaped; the header is ours."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


def _finding_table(findings: list[Finding], notes: list[str] | None = None) -> list[str]:
    """Severity, rule and message; a fourth column for suppressions or ``notes`` if any."""
    notes = notes or [f"suppressed: {f.reason}" if f.suppressed else "" for f in findings]
    rows = [[f"{_ICON[f.severity]} {f.severity.value}", f"`{f.rule}`", md(f.message)] for f in findings]
    if not any(notes):
        return _table(["Severity", "Rule", "Finding"], rows)
    return _table(["Severity", "Rule", "Finding", "Note"], [[*row, md(n)] for row, n in zip(rows, notes, strict=True)])


def _headline(diff: DesignDiff, title: str) -> list[str]:
    fc = diff.findings
    active = [f for f in fc.introduced if not f.suppressed]
    lines = [f"### {title}", ""]
    if not diff.design_changed and not diff.findings_changed:
        return lines + ["No differences.", ""]
    if active:
        intro = f"**{plural(len(active), 'finding')} introduced** ({severity_counts(active)})"
    else:
        intro = "**No findings introduced**"
    quiet = len(fc.introduced) - len(active)
    if quiet:
        intro += f", {quiet} suppressed"
    lines.append(f"{intro} · {len(fc.resolved)} resolved · {len(fc.still_there)} still there")
    parts = [
        counts_line(c, noun, verb)
        for c, noun, verb in (
            (diff.components, "Components", "moved"),
            (diff.links, "Links", "moved"),
            (diff.notes, "Notes", "moved or resized"),
            (diff.groups, "Groups", "moved"),
        )
        if c
    ]
    if diff.settings:
        parts.append(f"Rule settings: {len(diff.settings)} changed")
    if diff.name:
        parts.append("Name changed")
    if parts:
        lines += ["", " · ".join(parts)]
    return lines + [""]


def _field_rows(lead: list[str], fields: tuple[FieldChange, ...], diff: DesignDiff) -> list[list[str]]:
    return [[*lead, *(md(w) for w in words)] for c in fields for words in field_words(c, diff)]


def _component_rows(diff: DesignDiff) -> list[list[str]]:
    ch = diff.components
    rows = [["added", md(component_label(c)), md(kind_name(c.kind)), "", "", ""] for c in ch.added]
    rows += [["removed", md(component_label(c)), md(kind_name(c.kind)), "", "", ""] for c in ch.removed]
    for item in ch.changed:
        rows += _field_rows(["changed", md(component_label(item.new)), md(kind_name(item.new.kind))], item.fields, diff)
    return rows


def _link_rows(diff: DesignDiff) -> list[list[str]]:
    def ends(design: Design, link: Link) -> list[str]:
        return [md(_label(design, link.source)), md(_label(design, link.target))]

    ch = diff.links
    rows = [["added", *ends(diff.new, x), md(x.label)] for x in ch.added]
    rows += [["removed", *ends(diff.old, x), md(x.label)] for x in ch.removed]
    rows += [
        ["changed", *ends(diff.new, x.new), f"{md(x.old.label) or '–'} → {md(x.new.label) or '–'}"] for x in ch.changed
    ]
    return rows


def _label(design: Design, cid: str) -> str:
    c = design.components.get(cid)
    return component_label(c) if c is not None else cid


def _annotation_rows(changes: Changes[Any], name: Any, diff: DesignDiff) -> list[list[str]]:
    rows = [["added", md(name(x)), "", "", ""] for x in changes.added]
    rows += [["removed", md(name(x)), "", "", ""] for x in changes.removed]
    for item in changes.changed:
        rows += _field_rows(["changed", md(name(item.new))], item.fields, diff)
    return rows


def _title(old: str, new: str) -> str:
    """One name when both sides are one file: ``main:a.json`` against ``a.json`` (a pull
    request's base against its head) is titled ``a.json``; ``main:a.json`` against nothing is
    ``a.json (deleted)``."""
    if old == new or old.endswith(":" + new):
        return new
    if old in NOTHING:
        return f"{new} (added)"
    if new in NOTHING:
        return f"{old.partition(':')[2] if is_git_source(old) else old} (deleted)"
    return f"{old} → {new}"


def render_diff_markdown(diff: DesignDiff, old_name: str, new_name: str) -> str:
    """One file's section of a pull-request comment."""
    title = md(_title(old_name, new_name))
    lines = _headline(diff, title)
    if not diff.design_changed and not diff.findings_changed:
        return "\n".join(lines)
    fc = diff.findings
    if fc.introduced:
        lines += ["#### Findings introduced", ""] + _finding_table(list(fc.introduced))
    if fc.resolved:
        lines += ["#### Findings resolved", ""] + _finding_table(list(fc.resolved))
    changed_pairs = [p for p in fc.still_there if p.differs and still_there_note(p)]
    if changed_pairs:
        lines += ["#### Findings still there, changed", ""]
        lines += _finding_table([p.new for p in changed_pairs], [still_there_note(p) for p in changed_pairs])
    if diff.name:
        lines += [f"**Name:** {md(str(diff.name.old))} → {md(str(diff.name.new))}", ""]
    if diff.components:
        lines += ["#### Components", ""]
        rows = _component_rows(diff)
        if rows:
            lines += _table(["Change", "Component", "Kind", "What", "Before", "After"], rows)
        if diff.components.moved:
            lines += [f"{plural(len(diff.components.moved), 'component')} moved (positions only).", ""]
    if diff.links:
        lines += ["#### Links", ""] + _table(["Change", "From", "To", "Label"], _link_rows(diff))
    for changes, title_, name in ((diff.notes, "Notes", note_name), (diff.groups, "Groups", group_name)):
        if changes:
            lines += [f"#### {title_}", ""]
            rows = _annotation_rows(changes, name, diff)
            if rows:
                lines += _table(["Change", title_[:-1], "What", "Before", "After"], rows)
            if changes.moved:
                lines += [f"{plural(len(changes.moved), 'note')} moved or resized.", ""]
    if diff.settings:
        lines += ["#### Rule settings", ""]
        lines += _table(
            ["Rule", "Before", "After"],
            [[md(what), md(old), md(new)] for c in diff.settings for what, old, new in field_words(c, diff)],
        )
    lines += _still_there(list(fc.still_there))
    return "\n".join(lines)


def _still_there(pairs: list[FindingPair]) -> list[str]:
    if not pairs:
        return []
    lines = [f"<details><summary>Findings still there ({len(pairs)})</summary>", ""]
    lines += _finding_table([p.new for p in pairs])
    return lines + ["</details>", ""]
