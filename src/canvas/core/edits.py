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
from canvas.core.model import Component, Design, Link, Position, RuleSetting, Suppression

ChangeKind = Literal[
    "component_added", "component_removed", "component_changed", "component_moved",
    "link_added", "link_removed", "link_changed", "design_changed",
]


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    id: str = ""


Changes = list[Change]
_MISSING: Any = object()


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

    def apply(self, design: Design) -> Changes:
        changes: Changes = []
        self._links = [RemoveLink(l.id) for l in design.links_of(self.component_id)]
        for edit in self._links:
            changes += edit.apply(design)
        self._index = list(design.components).index(self.component_id)
        self._component = design.components.pop(self.component_id)
        changes.append(Change("component_removed", self.component_id))
        return changes

    def revert(self, design: Design) -> Changes:
        assert self._component is not None
        design.components = _insert_at(design.components, self._index, self.component_id, self._component)
        changes = [Change("component_added", self.component_id)]
        for edit in reversed(self._links):
            changes += edit.revert(design)
        return changes


@dataclass
class MoveComponents(Edit):
    """Move several components at once; one undo step per drag."""

    moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]  # id -> (old, new)
    text: str = "Move"

    def _set(self, design: Design, which: int) -> Changes:
        changes = []
        for cid, ends in self.moves.items():
            x, y = ends[which]
            design.components[cid].position = Position(x=x, y=y)
            changes.append(Change("component_moved", cid))
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
    _old: Any = _MISSING

    # Properties are replaced, never mutated in place (copy-on-write), so a checker running
    # on a shallow snapshot in another thread never sees a half-changed dict.
    def apply(self, design: Design) -> Changes:
        comp = design.components[self.component_id]
        self._old = comp.properties.get(self.key, _MISSING)
        props = dict(comp.properties)
        if self.delete:
            props.pop(self.key, None)
        else:
            props[self.key] = self.value
        comp.properties = props
        return [Change("component_changed", self.component_id)]

    def revert(self, design: Design) -> Changes:
        comp = design.components[self.component_id]
        props = dict(comp.properties)
        if self._old is _MISSING:
            props.pop(self.key, None)
        else:
            props[self.key] = self._old
        comp.properties = props
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
        comp.properties = {
            (self.new_key if k == self.old_key else k): v for k, v in comp.properties.items()
        }
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
    _old: RuleSetting | None = None

    def apply(self, design: Design) -> Changes:
        rules = dict(design.settings.rules)
        self._old = rules.get(self.rule)
        if self.setting is None:
            rules.pop(self.rule, None)
        else:
            rules[self.rule] = self.setting
        design.settings.rules = rules
        return [Change("design_changed")]

    def revert(self, design: Design) -> Changes:
        rules = dict(design.settings.rules)
        if self._old is None:
            rules.pop(self.rule, None)
        else:
            rules[self.rule] = self._old
        design.settings.rules = rules
        return [Change("design_changed")]


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


def remove_many(design: Design, component_ids: list[str], link_ids: list[str], text: str = "Delete") -> Batch:
    """One undoable step that deletes links first, then components (with their links)."""
    doomed = set(component_ids)
    edits: list[Edit] = [
        RemoveLink(lid) for lid in link_ids
        if lid in design.links and design.links[lid].source not in doomed and design.links[lid].target not in doomed
    ]
    edits += [RemoveComponent(cid) for cid in component_ids if cid in design.components]
    return Batch(edits, text=text)


def link_problem(design: Design, source: str, target: str) -> str | None:
    """Why a new link from ``source`` to ``target`` would be refused, or ``None`` (spec §3)."""
    if source == target:
        return "A component cannot link to itself"
    for link in design.links.values():
        if link.source == source and link.target == target:
            return "These components are already linked"
    return link_refusal(design.components[source].kind, design.components[target].kind)
