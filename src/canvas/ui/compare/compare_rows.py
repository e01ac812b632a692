"""UI layer (no Qt): the compare panel's rows, from a :class:`~canvas.core.diff.DesignDiff`.

The words are the ``ml-canvas diff`` report's (:mod:`canvas.reports.diff_report`), so the
editor and the command line describe a change alike. Each row says what a click on it shows
(a :class:`Target`): cards and links of the open design by id, removed ones as ghosts by their
id in the other version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from canvas.core.model import Component, Link
from canvas.reports.diff_report import (
    counts_line,
    field_words,
    findings_line,
    group_name,
    kind_name,
    link_text,
    note_name,
    one_line,
    plural,
    still_there_note,
    value_text,
)
from canvas.ui.compare.ghost_item import ADDED, CHANGED, REMOVED

if TYPE_CHECKING:
    from canvas.core.diff import Changes, DesignDiff, ItemChange
    from canvas.core.rules import Finding


@dataclass(frozen=True)
class Target:
    """What a row shows on the canvas: live cards and links, and ghosts (removed ones)."""

    components: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    ghost_components: tuple[str, ...] = ()
    ghost_links: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.components or self.links or self.ghost_components or self.ghost_links)


@dataclass
class Row:
    """One line of the list. ``mark`` is a change (added, changed, removed) or a severity."""

    text: str
    target: Target = field(default_factory=Target)
    mark: str = ""
    tooltip: str = ""
    children: list[Row] = field(default_factory=list)


@dataclass
class Section:
    title: str
    rows: list[Row]
    mark: str = ""


def _component_text(c: Component) -> str:
    return f"{one_line(c.label) or c.id} ({kind_name(c.kind)})"


def _link_target(diff: DesignDiff, link: Link, old: bool) -> Target:
    """A link of the open design, or — for one of the other version — its ghost if it was
    removed, else the link of the open design with the same ends."""
    if not old:
        return Target(links=(link.id,))
    if any(r.id == link.id for r in diff.links.removed):
        return Target(ghost_links=(link.id,))
    same = next((x.id for x in diff.new.links.values() if (x.source, x.target) == (link.source, link.target)), None)
    return Target(links=(same,)) if same else Target()


def finding_target(diff: DesignDiff, finding: Finding, old: bool) -> Target:
    """The cards and links a finding names; for a finding of the other version, the ghosts
    of those the open design no longer has."""
    design = diff.old if old else diff.new
    live = tuple(c for c in finding.components if c in diff.new.components)
    ghosts = tuple(c for c in finding.components if c not in diff.new.components and c in design.components)
    links: list[str] = []
    ghost_links: list[str] = []
    for lid in finding.links:
        if lid in design.links:
            t = _link_target(diff, design.links[lid], old)
            links += t.links
            ghost_links += t.ghost_links
    return Target(live, tuple(links), ghosts, tuple(ghost_links))


def _finding_row(diff: DesignDiff, f: Finding, old: bool, note: str = "") -> Row:
    extra = f" ({note})" if note else (" (suppressed)" if f.suppressed else "")
    return Row(
        one_line(f.message) + extra,
        finding_target(diff, f, old),
        f.severity.value,
        f"{f.severity.value} · {f.rule}: {f.message}" + (f"\nSuppressed: {f.reason}" if f.suppressed else ""),
    )


def _field_rows(diff: DesignDiff, change: ItemChange[Component] | ItemChange[Link], target: Target) -> list[Row]:
    rows = []
    for c in change.fields:
        for what, old, new in field_words(c, diff):
            text = f"{what}: {old} → {new}"
            rows.append(Row(text, target, CHANGED, text))
    return rows


def _component_sections(diff: DesignDiff) -> list[Section]:
    comps = diff.components
    out = []
    if comps.added:
        rows = [Row(_component_text(c), Target(components=(c.id,)), ADDED) for c in comps.added]
        out.append(Section(f"Components added ({len(rows)})", rows, ADDED))
    if comps.removed:
        rows = [Row(_component_text(c), Target(ghost_components=(c.id,)), REMOVED) for c in comps.removed]
        out.append(Section(f"Components removed ({len(rows)})", rows, REMOVED))
    if comps.changed:
        rows = []
        for ch in comps.changed:
            target = Target(components=(ch.id,))
            rows.append(Row(_component_text(ch.new), target, CHANGED, children=_field_rows(diff, ch, target)))
        out.append(Section(f"Components changed ({len(rows)})", rows, CHANGED))
    if comps.moved:
        moved = tuple(comps.moved)
        children = [Row(_component_text(diff.new.components[c]), Target(components=(c,))) for c in moved]
        row = Row(
            f"{plural(len(moved), 'component')} moved (positions only)", Target(components=moved), children=children
        )
        out.append(Section("Moved", [row]))
    return out


def _link_sections(diff: DesignDiff) -> list[Section]:
    links = diff.links
    out = []
    if links.added:
        rows = [Row(one_line(link_text(diff.new, x)), Target(links=(x.id,)), ADDED) for x in links.added]
        out.append(Section(f"Links added ({len(rows)})", rows, ADDED))
    if links.removed:
        rows = [Row(one_line(link_text(diff.old, x)), Target(ghost_links=(x.id,)), REMOVED) for x in links.removed]
        out.append(Section(f"Links removed ({len(rows)})", rows, REMOVED))
    if links.changed:
        rows = []
        for ch in links.changed:
            target = Target(links=(ch.id,))
            rows.append(
                Row(one_line(link_text(diff.new, ch.new)), target, CHANGED, children=_field_rows(diff, ch, target))
            )
        out.append(Section(f"Links changed ({len(rows)})", rows, CHANGED))
    return out


def _annotation_rows(changes: Changes[Any], named: Callable[[Any], str]) -> list[Row]:
    """Notes and groups: listed, not shown (the canvas of this version does not draw them)."""
    rows = [Row(f"added {named(x)}", mark=ADDED) for x in changes.added]
    rows += [Row(f"removed {named(x)}", mark=REMOVED) for x in changes.removed]
    rows += [Row(f"changed {named(ch.new)}", mark=CHANGED) for ch in changes.changed]
    if changes.moved:
        rows.append(Row(f"{len(changes.moved)} moved or resized"))
    return rows


def _design_rows(diff: DesignDiff) -> list[Row]:
    rows = []
    if diff.name:
        rows.append(Row(f"name: {value_text(diff.name.old)} → {value_text(diff.name.new)}", mark=CHANGED))
    rows += [
        Row(f"rule {what}: {old} → {new}", mark=CHANGED)
        for c in diff.settings
        for what, old, new in field_words(c, diff)
    ]
    rows += _annotation_rows(diff.notes, note_name)
    rows += _annotation_rows(diff.groups, group_name)
    return rows


def sections(diff: DesignDiff) -> list[Section]:
    """Findings introduced and resolved first (what a reviewer asks first), then components,
    links, and the rest of the design."""
    fc = diff.findings
    out = []
    if fc.introduced:
        out.append(
            Section(
                f"Findings introduced ({len(fc.introduced)})", [_finding_row(diff, f, old=False) for f in fc.introduced]
            )
        )
    if fc.resolved:
        out.append(
            Section(f"Findings resolved ({len(fc.resolved)})", [_finding_row(diff, f, old=True) for f in fc.resolved])
        )
    differing = [p for p in fc.still_there if p.differs and still_there_note(p)]
    if differing:
        out.append(
            Section(
                f"Findings changed ({len(differing)})",
                [_finding_row(diff, p.new, False, still_there_note(p)) for p in differing],
            )
        )
    out += _component_sections(diff)
    out += _link_sections(diff)
    rest = _design_rows(diff)
    if rest:
        out.append(Section("Design", rest))
    return out


def summary(diff: DesignDiff) -> str:
    """Two short lines above the list."""
    if not diff.design_changed and not diff.findings_changed:
        return "No differences."
    return f"{findings_line(diff)}\n{counts_line(diff.components, 'Components')} · {counts_line(diff.links, 'Links')}"


def is_same(diff: DesignDiff) -> bool:
    return not diff.design_changed and not diff.findings_changed


__all__ = ["Row", "Section", "Target", "finding_target", "is_same", "sections", "summary"]
