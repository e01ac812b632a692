"""Core layer: the live design model — everything that is saved.

Components and links are kept in insertion-ordered dicts keyed by id, so lookups are O(1)
and the saved order (and therefore git diffs) stays stable. Graphics items only display
this model; selection and zoom are view state and never live here.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Position(BaseModel):
    model_config = ConfigDict(extra="forbid")
    x: float = 0.0
    y: float = 0.0


class Suppression(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str
    reason: str = Field(min_length=1, pattern=r"\S")  # why the finding does not apply: never blank


class Component(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    kind: str
    label: str
    position: Position = Field(default_factory=Position)
    properties: dict[str, Any] = Field(default_factory=dict)
    suppressions: list[Suppression] = Field(default_factory=list)

    def suppression_for(self, rule: str) -> Suppression | None:
        for s in self.suppressions:
            if s.rule == rule:
                return s
        return None


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    source: str
    target: str
    label: str = ""


class Size(BaseModel):
    model_config = ConfigDict(extra="forbid")
    width: float = 220.0
    height: float = 120.0


#: The colours a note may have (the first is a new note's), and a group's frame.
NOTE_COLORS: tuple[str, ...] = ("yellow", "blue", "green", "pink", "purple", "grey")
GROUP_COLORS: tuple[str, ...] = ("grey", "blue", "green", "orange", "purple", "red")


class Note(BaseModel):
    """Free text on the canvas: saved with the design, ignored by the checker."""

    model_config = ConfigDict(extra="forbid")
    id: str
    text: str = ""
    position: Position = Field(default_factory=Position)
    size: Size = Field(default_factory=Size)
    color: str = NOTE_COLORS[0]


class Group(BaseModel):
    """A named frame around a set of components ("Online serving", "Team Ads"): drawn
    behind its members, following their bounds. A component is in at most one group."""

    model_config = ConfigDict(extra="forbid")
    id: str
    label: str = ""
    members: list[str] = Field(default_factory=list)
    color: str = GROUP_COLORS[0]


class RuleSetting(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    severity: Severity | None = None


#: How links are drawn: routed around cards with rounded corners, or smoothed into curves.
LinkStyle = Literal["orthogonal", "curved"]
LINK_STYLES: tuple[LinkStyle, ...] = ("orthogonal", "curved")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    link_style: LinkStyle = "orthogonal"


class Design(BaseModel):
    """A whole ML system design."""

    model_config = ConfigDict(extra="forbid")
    name: str = "Untitled design"
    components: dict[str, Component] = Field(default_factory=dict)
    links: dict[str, Link] = Field(default_factory=dict)
    notes: dict[str, Note] = Field(default_factory=dict)
    groups: dict[str, Group] = Field(default_factory=dict)
    settings: Settings = Field(default_factory=Settings)

    # --- queries ---------------------------------------------------------------------
    def links_of(self, component_id: str) -> list[Link]:
        """Links touching a component (linear; callers on hot paths keep an index)."""
        return [l for l in self.links.values() if l.source == component_id or l.target == component_id]

    def group_of(self, component_id: str) -> Group | None:
        """The group a component is in (linear; at most one)."""
        for group in self.groups.values():
            if component_id in group.members:
                return group
        return None

    def new_component_id(self, kind: str) -> str:
        return fresh_id(kind.replace("_", "-"), self.components)

    def new_link_id(self) -> str:
        return fresh_id("link", self.links)

    def new_note_id(self) -> str:
        return fresh_id("note", self.notes)

    def new_group_id(self) -> str:
        return fresh_id("group", self.groups)

    def clone(self) -> Design:
        return copy.deepcopy(self)

    def frozen_view(self) -> Design:
        """A snapshot for a checker thread: a copy that shares no mutable object with this
        design, so nothing done to this one can change it (:mod:`canvas.core.snapshot`;
        the live checker keeps such copies between checks with a ``SnapshotCache``)."""
        from canvas.core.snapshot import copy_design  # it builds on this module

        return copy_design(self)

    def snapshot(self) -> dict[str, Any]:
        """A plain, order-preserving dump used to compare states in tests and undo checks."""
        return self.model_dump(mode="json")


_ID_NUM = re.compile(r"^(.*)-(\d+)$")


def fresh_id(prefix: str, taken: Iterable[str]) -> str:
    """The next ``prefix-N`` above every number already used with that prefix."""
    return IdAllocator(taken).next(prefix)


class IdAllocator:
    """Hands out ``prefix-N`` ids above those already taken: one scan of the existing ids,
    then O(1) per id (pasting 1,000 components must not rescan 10,000 ids each time)."""

    def __init__(self, taken: Iterable[str]) -> None:
        self._highest: dict[str, int] = {}
        for key in taken:
            m = _ID_NUM.match(key)
            if m:
                prefix, n = m.group(1), int(m.group(2))
                if n > self._highest.get(prefix, 0):
                    self._highest[prefix] = n

    def next(self, prefix: str) -> str:
        n = self._highest.get(prefix, 0) + 1
        self._highest[prefix] = n
        return f"{prefix}-{n}"
