"""Core layer: reversible edits of a Design.

Every change a user makes is one of these objects. ``apply`` and ``revert`` mutate only the
Design and return the list of :class:`Change` events they caused, which the GUI's
controller turns into signals for the scene. Undo is therefore testable without Qt: apply N
edits, revert them in reverse order, and the design equals the start, order included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from canvas.core.catalog import link_refusal
from canvas.core.model import Component, Design, Group, Link, LinkStyle, Note, Position, RuleSetting, Suppression

ChangeKind = Literal[
    "component_added",
    "component_removed",
    "component_changed",
    "component_moved",
    "link_added",
    "link_removed",
    "link_changed",
    "design_changed",
    "design_replaced",
    "note_added",
    "note_removed",
    "note_changed",
    "group_added",
    "group_removed",
    "group_changed",
]


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    id: str = ""


Changes = list[Change]


class Edit:
    """Base class: a reversible change of a Design."""

    text: str = "Edit"

    def apply(self, design: Design) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self, design: Design) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError


def _insert_at(mapping: dict[str, Any], index: int, key: str, value: Any) -> dict[str, Any]:
    """Return a dict equal to ``mapping`` with ``key`` inserted at ``index`` (keeps saved order)."""
    if index >= len(mapping):
        mapping[key] = value
        return mapping
    items = list(mapping.items())
    items.insert(index, (key, value))
    return dict(items)


@dataclass
class AddComponent(Edit):
    component: Component
    text: str = "Add component"

    def apply(self, design: Design) -> Changes:
        design.components[self.component.id] = self.component
        return [Change("component_added", self.component.id)]

    def revert(self, design: Design) -> Changes:
        del design.components[self.component.id]
        return [Change("component_removed", self.component.id)]


@dataclass
class AddLink(Edit):
    link: Link
    text: str = "Connect"

    def apply(self, design: Design) -> Changes:
        design.links[self.link.id] = self.link
        return [Change("link_added", self.link.id)]

    def revert(self, design: Design) -> Changes:
        del design.links[self.link.id]
        return [Change("link_removed", self.link.id)]


@dataclass
class RemoveLink(Edit):
    link_id: str
    text: str = "Delete link"
    _link: Link | None = None
    _index: int = 0

    def apply(self, design: Design) -> Changes:
        self._index = list(design.links).index(self.link_id)
        self._link = design.links.pop(self.link_id)
        return [Change("link_removed", self.link_id)]

    def revert(self, design: Design) -> Changes:
        assert self._link is not None
        design.links = _insert_at(design.links, self._index, self.link_id, self._link)
        return [Change("link_added", self.link_id)]


@dataclass
class RemoveComponent(Edit):
    """Remove a component and, in the same step, every link touching it."""

    component_id: str
    text: str = "Delete component"
    _component: Component | None = None
    _index: int = 0
    _links: list[RemoveLink] = field(default_factory=list)

    _groups: dict[str, Group] | None = None

    def apply(self, design: Design) -> Changes:
        changes: Changes = []
        self._links = [RemoveLink(l.id) for l in design.links_of(self.component_id)]
        for edit in self._links:
            changes += edit.apply(design)
        self._index = list(design.components).index(self.component_id)
        self._component = design.components.pop(self.component_id)
        changes.append(Change("component_removed", self.component_id))
        self._groups, design.groups, left = design.groups, *_without_members(design.groups, {self.component_id})
        return changes + left

    def revert(self, design: Design) -> Changes:
        assert self._component is not None and self._groups is not None
        changes = _restore_groups(design, self._groups)
        design.components = _insert_at(design.components, self._index, self.component_id, self._component)
        changes.append(Change("component_added", self.component_id))
        for edit in reversed(self._links):
            changes += edit.revert(design)
        return changes


@dataclass
class MoveComponents(Edit):
    """Move several components (and notes) at once; one undo step per drag."""

    moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]  # id -> (old, new)
    text: str = "Move"
    note_moves: dict[str, tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=dict)

    def _set(self, design: Design, which: int) -> Changes:
        changes = []
        for cid, ends in self.moves.items():
            x, y = ends[which]
            design.components[cid].position = Position(x=x, y=y)
            changes.append(Change("component_moved", cid))
        if self.note_moves:  # copy-on-write: another edit may hold the notes dict for its undo
            notes = dict(design.notes)
            for nid, ends in self.note_moves.items():
                x, y = ends[which]
                notes[nid] = notes[nid].model_copy(update={"position": Position(x=x, y=y)})
                changes.append(Change("note_changed", nid))
            design.notes = notes
        return changes

    def apply(self, design: Design) -> Changes:
        return self._set(design, 1)

    def revert(self, design: Design) -> Changes:
        return self._set(design, 0)


@dataclass
class SetProperty(Edit):
    """Set (or, with ``value=None`` and ``delete=True``, remove) one property."""

    component_id: str
    key: str
    value: Any = None
    delete: bool = False
    text: str = "Change property"

    _before: dict[str, Any] | None = None

    # Properties are replaced, never mutated in place (copy-on-write), so a checker running
    # on a shallow snapshot in another thread never sees a half-changed dict, and undo puts
    # the very dict back (key order included).
    def apply(self, design: Design) -> Changes:
        comp = design.components[self.component_id]
        self._before = comp.properties
        props = dict(comp.properties)
        if self.delete:
            props.pop(self.key, None)
        else:
            props[self.key] = self.value
        comp.properties = props
        return [Change("component_changed", self.component_id)]

    def revert(self, design: Design) -> Changes:
        assert self._before is not None
        design.components[self.component_id].properties = self._before
        return [Change("component_changed", self.component_id)]


@dataclass
class RenameProperty(Edit):
    component_id: str
    old_key: str
    new_key: str
    text: str = "Rename property"
    _before: dict[str, Any] = field(default_factory=dict)

    def apply(self, design: Design) -> Changes:
        comp = design.components[self.component_id]
        self._before = dict(comp.properties)
        comp.properties = {(self.new_key if k == self.old_key else k): v for k, v in comp.properties.items()}
        return [Change("component_changed", self.component_id)]

    def revert(self, design: Design) -> Changes:
        design.components[self.component_id].properties = dict(self._before)
        return [Change("component_changed", self.component_id)]


@dataclass
class SetLabel(Edit):
    component_id: str
    label: str
    text: str = "Rename"
    _old: str = ""

    def apply(self, design: Design) -> Changes:
        comp = design.components[self.component_id]
        self._old, comp.label = comp.label, self.label
        return [Change("component_changed", self.component_id)]

    def revert(self, design: Design) -> Changes:
        design.components[self.component_id].label = self._old
        return [Change("component_changed", self.component_id)]


@dataclass
class SetLinkLabel(Edit):
    link_id: str
    label: str
    text: str = "Label link"
    _old: str = ""

    def apply(self, design: Design) -> Changes:
        link = design.links[self.link_id]
        self._old, link.label = link.label, self.label
        return [Change("link_changed", self.link_id)]

    def revert(self, design: Design) -> Changes:
        design.links[self.link_id].label = self._old
        return [Change("link_changed", self.link_id)]


@dataclass
class SetSuppression(Edit):
    """Suppress a rule on a component with a reason, or (``reason=None``) lift it."""

    component_id: str
    rule: str
    reason: str | None
    text: str = "Suppress finding"
    _before: list[Suppression] = field(default_factory=list)

    def apply(self, design: Design) -> Changes:
        comp = design.components[self.component_id]
        self._before = list(comp.suppressions)
        kept = [s for s in comp.suppressions if s.rule != self.rule]
        if self.reason is not None:
            if not self.reason.strip():
                raise ValueError("a suppression needs a reason")
            kept.append(Suppression(rule=self.rule, reason=self.reason))
        comp.suppressions = kept
        return [Change("component_changed", self.component_id)]

    def revert(self, design: Design) -> Changes:
        design.components[self.component_id].suppressions = list(self._before)
        return [Change("component_changed", self.component_id)]


@dataclass
class SetRuleSetting(Edit):
    """Change a rule's design setting; ``setting=None`` restores the default."""

    rule: str
    setting: RuleSetting | None
    text: str = "Change rule setting"
    _before: dict[str, RuleSetting] | None = None

    def apply(self, design: Design) -> Changes:
        self._before = design.settings.rules
        rules = dict(self._before)
        if self.setting is None:
            rules.pop(self.rule, None)
        else:
            rules[self.rule] = self.setting
        design.settings.rules = rules
        return [Change("design_changed")]

    def revert(self, design: Design) -> Changes:
        assert self._before is not None
        design.settings.rules = self._before
        return [Change("design_changed")]


@dataclass
class SetLinkStyle(Edit):
    """Draw the design's links with rounded corners ("orthogonal") or as curves ("curved")."""

    style: LinkStyle
    text: str = "Change link style"
    _old: LinkStyle = "orthogonal"

    def apply(self, design: Design) -> Changes:
        self._old, design.settings.link_style = design.settings.link_style, self.style
        return [Change("design_changed")]

    def revert(self, design: Design) -> Changes:
        design.settings.link_style = self._old
        return [Change("design_changed")]


@dataclass
class ReattachLink(Edit):
    """Move a link's ends to other components; the link keeps its id, label and place in
    the design's order."""

    link_id: str
    source: str
    target: str
    text: str = "Re-attach link"
    _old: Link | None = None

    def apply(self, design: Design) -> Changes:
        self._old = design.links[self.link_id]
        design.links[self.link_id] = self._old.model_copy(update={"source": self.source, "target": self.target})
        return [Change("link_changed", self.link_id)]

    def revert(self, design: Design) -> Changes:
        assert self._old is not None
        design.links[self.link_id] = self._old
        return [Change("link_changed", self.link_id)]


@dataclass
class SetDesignName(Edit):
    name: str
    text: str = "Rename design"
    _old: str = ""

    def apply(self, design: Design) -> Changes:
        self._old, design.name = design.name, self.name
        return [Change("design_changed")]

    def revert(self, design: Design) -> Changes:
        design.name = self._old
        return [Change("design_changed")]


@dataclass
class ReplaceDesign(Edit):
    """Swap the whole content of the design for another's, in place (restoring unsaved work
    over the file it came from: one undo shows the file as it is on disk)."""

    content: Design
    text: str = "Restore unsaved changes"
    _old: Design | None = None

    def apply(self, design: Design) -> Changes:
        self._old = Design.model_construct(**{f: getattr(design, f) for f in _CONTENT})
        # A copy each time: later edits replace fields of the live components.
        fresh = self.content.clone()
        for f in _CONTENT:
            setattr(design, f, getattr(fresh, f))
        return [Change("design_replaced")]

    def revert(self, design: Design) -> Changes:
        assert self._old is not None
        for f in _CONTENT:
            setattr(design, f, getattr(self._old, f))
        return [Change("design_replaced")]


#: Everything a design holds (what replacing it swaps).
_CONTENT = ("name", "components", "links", "notes", "groups", "settings")


@dataclass
class Batch(Edit):
    """Several edits applied as one step (paste, delete selection, tidy up)."""

    edits: list[Edit]
    text: str = "Edit"

    def apply(self, design: Design) -> Changes:
        changes: Changes = []
        for edit in self.edits:
            changes += edit.apply(design)
        return changes

    def revert(self, design: Design) -> Changes:
        changes: Changes = []
        for edit in reversed(self.edits):
            changes += edit.revert(design)
        return changes


@dataclass
class RemoveMany(Edit):
    """Delete components (with every link touching them), links, notes and groups in one
    step. Deleting a group dissolves its frame (its members stay); a group left with no
    members goes too.

    One pass over the links finds what goes; undo rebuilds the dicts once in their saved
    order, so deleting and restoring thousands of components stays linear."""

    component_ids: list[str]
    link_ids: list[str] = field(default_factory=list)
    text: str = "Delete"
    note_ids: list[str] = field(default_factory=list)
    group_ids: list[str] = field(default_factory=list)
    _components: dict[str, Component] = field(default_factory=dict)
    _links: dict[str, Link] = field(default_factory=dict)
    _component_order: list[str] = field(default_factory=list)
    _link_order: list[str] = field(default_factory=list)
    _notes: dict[str, Note] | None = None
    _groups: dict[str, Group] | None = None

    def apply(self, design: Design) -> Changes:
        doomed = {c for c in self.component_ids if c in design.components}
        doomed_links = {l for l in self.link_ids if l in design.links}
        for lid, link in design.links.items():
            if link.source in doomed or link.target in doomed:
                doomed_links.add(lid)
        self._component_order, self._link_order = list(design.components), list(design.links)
        self._links = {lid: design.links[lid] for lid in self._link_order if lid in doomed_links}
        self._components = {cid: design.components[cid] for cid in self._component_order if cid in doomed}
        design.links = {k: v for k, v in design.links.items() if k not in doomed_links}
        design.components = {k: v for k, v in design.components.items() if k not in doomed}
        changes = [Change("link_removed", lid) for lid in self._links] + [
            Change("component_removed", cid) for cid in self._components
        ]
        self._notes, self._groups = design.notes, design.groups
        gone_notes = [n for n in self.note_ids if n in design.notes]
        if gone_notes:
            design.notes = {k: v for k, v in design.notes.items() if k not in gone_notes}
            changes += [Change("note_removed", n) for n in gone_notes]
        dissolved = [g for g in self.group_ids if g in design.groups]
        if dissolved:
            design.groups = {k: v for k, v in design.groups.items() if k not in dissolved}
            changes += [Change("group_removed", g) for g in dissolved]
        if doomed:
            design.groups, left = _without_members(design.groups, doomed)
            changes += left
        return changes

    def revert(self, design: Design) -> Changes:
        assert self._notes is not None and self._groups is not None
        changes = _restore_groups(design, self._groups)
        changes += [Change("note_added", n) for n in self._notes if n not in design.notes]
        design.notes = self._notes
        comps, links = design.components, design.links
        design.components = {k: comps.get(k) or self._components[k] for k in self._component_order}
        design.links = {k: links.get(k) or self._links[k] for k in self._link_order}
        return (
            changes
            + [Change("component_added", cid) for cid in self._components]
            + [Change("link_added", lid) for lid in self._links]
        )


def _without_members(groups: dict[str, Group], gone: set[str]) -> tuple[dict[str, Group], Changes]:
    """``groups`` without the components in ``gone`` (a new dict when anything changes;
    groups replaced, never mutated), and the changes: a group left empty is removed."""
    if not any(not gone.isdisjoint(g.members) for g in groups.values()):
        return groups, []
    out: dict[str, Group] = {}
    changes: Changes = []
    for gid, g in groups.items():
        if gone.isdisjoint(g.members):
            out[gid] = g
            continue
        members = [m for m in g.members if m not in gone]
        if members:
            out[gid] = g.model_copy(update={"members": members})
            changes.append(Change("group_changed", gid))
        else:
            changes.append(Change("group_removed", gid))
    return out, changes


def _restore_groups(design: Design, before: dict[str, Group]) -> Changes:
    """Put ``before`` back as the design's groups; the changes that says."""
    now = design.groups
    changes: Changes = [Change("group_added", g) for g in before if g not in now]
    changes += [Change("group_changed", g) for g in before if g in now and now[g] is not before[g]]
    changes += [Change("group_removed", g) for g in now if g not in before]
    design.groups = before
    return changes


def remove_many(
    design: Design,
    component_ids: list[str],
    link_ids: list[str],
    text: str = "Delete",
    note_ids: list[str] | None = None,
    group_ids: list[str] | None = None,
) -> RemoveMany:
    """One undoable step that deletes the components (with their links), the links and the
    notes, and dissolves the groups."""
    return RemoveMany(
        list(component_ids), list(link_ids), text=text, note_ids=list(note_ids or ()), group_ids=list(group_ids or ())
    )


def link_problem(design: Design, source: str, target: str, moving: str | None = None) -> str | None:
    """Why a new link from ``source`` to ``target`` would be refused, or ``None``; with
    ``moving``, why re-attaching that link to these ends would be (it is not a duplicate
    of itself)."""
    if source == target:
        return "A component cannot link to itself"
    for link in design.links.values():
        if link.source == source and link.target == target and link.id != moving:
            return "These components are already linked"
    return link_refusal(design.components[source].kind, design.components[target].kind)
