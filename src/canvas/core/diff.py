"""Core layer: what changed between two versions of a design, and which findings came and went.

Qt-free and structured, for the command line's reports (``ml-canvas diff``) and the editor's
compare view. How things are matched:

- components, notes and groups by id — ids are stable, so a renamed component is the same id
  with a new label, never one removed and one added;
- links by their ends (source → target), so a link deleted and drawn again is no change;
  links with the same ends pair up by id first, then in file order;
- findings by rule and subject (a finding's first component), or by rule and message when a
  finding has no subject; among several with the same key, by their components, then by
  message, then in order.

Positions are not changes: components moved (and notes moved or resized) are only listed
apart, for a summary line. The order of things in the file never matters, so a file saved
in another order has no differences.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Generic, TypeVar

from canvas.core.model import Component, Design, Group, Link, Note, Position, Severity
from canvas.core.rules import Finding, run_checks

T = TypeVar("T", Component, Link, Note, Group)
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Unset:
    """The value of a property, suppression or setting on the side that does not have it."""

    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = _Unset()


@dataclass(frozen=True)
class FieldChange:
    """One field that differs. ``field`` is one of ``name``, ``label``, ``kind``, ``property``
    (``key``: its name), ``suppression`` (``key``: the rule; values: the reasons), ``text``,
    ``color``, ``members`` (values: tuples of component ids) or ``rule_setting`` (``key``: the
    rule; values: ``{"enabled": bool, "severity": str | None}``). A side that lacks it is
    :data:`UNSET`."""

    field: str
    old: Any = UNSET
    new: Any = UNSET
    key: str = ""


@dataclass(frozen=True)
class ItemChange(Generic[T]):
    """The same component, link, note or group on both sides, with what differs."""

    old: T
    new: T
    fields: tuple[FieldChange, ...]

    @property
    def id(self) -> str:
        return self.new.id


@dataclass(frozen=True)
class Changes(Generic[T]):
    """Components, links, notes or groups added, removed and changed; ``moved`` holds the ids
    (on the new side) of those whose position — or a note's size — changed, changed or not."""

    added: tuple[T, ...] = ()
    removed: tuple[T, ...] = ()
    changed: tuple[ItemChange[T], ...] = ()
    moved: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.moved)


@dataclass(frozen=True)
class FindingPair:
    """A finding both sides have; its message, severity or suppression may differ."""

    old: Finding
    new: Finding

    @property
    def differs(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class FindingChanges:
    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    still_there: tuple[FindingPair, ...] = ()

    def new_problems(self, level: Severity) -> list[Finding]:
        """Findings of the new side that count against the change at ``level`` (error, or
        warning for warnings and errors): not suppressed, at or above the level, and either
        introduced, or there before but suppressed or below the level (a suppression the
        change removes, a severity it raises)."""
        out = [f for f in self.introduced if _counts(f, level)]
        out += [p.new for p in self.still_there if _counts(p.new, level) and not _counts(p.old, level)]
        return out


def _counts(f: Finding, level: Severity) -> bool:
    return not f.suppressed and f.severity.rank <= level.rank


@dataclass(frozen=True)
class DesignDiff:
    """Everything that differs between ``old`` and ``new`` (both kept, to name things)."""

    old: Design
    new: Design
    name: FieldChange | None
    components: Changes[Component]
    links: Changes[Link]
    notes: Changes[Note]
    groups: Changes[Group]
    settings: tuple[FieldChange, ...]
    findings: FindingChanges = field(default_factory=FindingChanges)

    @property
    def design_changed(self) -> bool:
        """True when anything saved differs, moves included."""
        return bool(self.name or self.components or self.links or self.notes or self.groups or self.settings)

    @property
    def findings_changed(self) -> bool:
        return bool(
            self.findings.introduced or self.findings.resolved or any(p.differs for p in self.findings.still_there)
        )


def diff_designs(
    old: Design,
    new: Design,
    old_findings: Sequence[Finding] | None = None,
    new_findings: Sequence[Finding] | None = None,
) -> DesignDiff:
    """Compare two designs. The findings of each side are checked here unless given (the
    editor passes those it already has)."""
    old_findings = run_checks(old) if old_findings is None else old_findings
    new_findings = run_checks(new) if new_findings is None else new_findings
    name = FieldChange("name", old.name, new.name) if old.name != new.name else None
    return DesignDiff(
        old=old,
        new=new,
        name=name,
        components=_by_id(old.components, new.components, _component_fields, lambda c: _place(c.position)),
        links=_links(old.links.values(), new.links.values()),
        notes=_by_id(old.notes, new.notes, _note_fields, _note_place),
        groups=_by_id(old.groups, new.groups, _group_fields, None),
        settings=_settings(old, new),
        findings=diff_findings(old_findings, new_findings),
    )


# --- components, notes, groups: by id ----------------------------------------------------


def _whole(v: float) -> float:
    """A coordinate as the file writes it (to 0.01), so float noise is not a move."""
    return round(v, 2)


def _place(p: Position) -> tuple[float, float]:
    return _whole(p.x), _whole(p.y)


def _note_place(n: Note) -> tuple[float, ...]:
    return (*_place(n.position), _whole(n.size.width), _whole(n.size.height))


def _by_id(
    old: dict[str, T],
    new: dict[str, T],
    fields: Callable[[T, T], list[FieldChange]],
    where: Callable[[T], object] | None,
) -> Changes[T]:
    changed: list[ItemChange[T]] = []
    moved: list[str] = []
    for key, item in new.items():
        before = old.get(key)
        if before is None:
            continue
        diffs = fields(before, item)
        if diffs:
            changed.append(ItemChange(before, item, tuple(diffs)))
        if where is not None and where(before) != where(item):
            moved.append(key)
    return Changes(
        added=tuple(item for key, item in new.items() if key not in old),
        removed=tuple(item for key, item in old.items() if key not in new),
        changed=tuple(changed),
        moved=tuple(moved),
    )


def _plain(field_name: str, old: object, new: object) -> list[FieldChange]:
    return [FieldChange(field_name, old, new)] if old != new else []


def _keyed(field_name: str, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """One change per key whose value differs, keys in sorted order (file order is not a fact)."""
    return [
        FieldChange(field_name, old.get(key, UNSET), new.get(key, UNSET), key)
        for key in sorted(old.keys() | new.keys())
        if old.get(key, UNSET) != new.get(key, UNSET)
    ]


def _suppressions(c: Component) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in c.suppressions:
        out.setdefault(s.rule, s.reason)  # the first one is the one that applies
    return out


def _component_fields(old: Component, new: Component) -> list[FieldChange]:
    return [
        *_plain("label", old.label, new.label),
        *_plain("kind", old.kind, new.kind),
        *_keyed("property", old.properties, new.properties),
        *_keyed("suppression", _suppressions(old), _suppressions(new)),
    ]


def _note_fields(old: Note, new: Note) -> list[FieldChange]:
    return [*_plain("text", old.text, new.text), *_plain("color", old.color, new.color)]


def _group_fields(old: Group, new: Group) -> list[FieldChange]:
    members = []
    if set(old.members) != set(new.members):
        members = [FieldChange("members", tuple(old.members), tuple(new.members))]
    return [*_plain("label", old.label, new.label), *members, *_plain("color", old.color, new.color)]


def _settings(old: Design, new: Design) -> tuple[FieldChange, ...]:
    def plain(design: Design) -> dict[str, dict[str, object]]:
        return {
            rid: {"enabled": s.enabled, "severity": s.severity.value if s.severity else None}
            for rid, s in design.settings.rules.items()
        }

    return tuple(_keyed("rule_setting", plain(old), plain(new)))


# --- links: by their ends ----------------------------------------------------------------


def _links(old: Iterable[Link], new: Iterable[Link]) -> Changes[Link]:
    pairs, removed, added = match(
        list(old), list(new), lambda link: (link.source, link.target), (lambda link: link.id,)
    )
    changed = tuple(ItemChange(a, b, (FieldChange("label", a.label, b.label),)) for a, b in pairs if a.label != b.label)
    return Changes(added=tuple(added), removed=tuple(removed), changed=changed)


# --- findings: by rule and subject -------------------------------------------------------


def finding_key(f: Finding) -> tuple[str, str, str]:
    """What makes a finding the same one on both sides: its rule and subject, or its rule and
    message when it has no subject."""
    return (f.rule, "subject", f.subject) if f.subject is not None else (f.rule, "message", f.message)


def diff_findings(old: Sequence[Finding], new: Sequence[Finding]) -> FindingChanges:
    """Findings introduced (new side only), resolved (old side only) and still there, each
    in the order the checker gives them."""
    pairs, resolved, introduced = match(old, new, finding_key, (lambda f: f.components, lambda f: f.message))
    return FindingChanges(
        introduced=tuple(introduced),
        resolved=tuple(resolved),
        still_there=tuple(FindingPair(a, b) for a, b in pairs),
    )


def match(
    old: Sequence[V],
    new: Sequence[V],
    key: Callable[[V], Hashable],
    tie_breaks: Sequence[Callable[[V], Hashable]] = (),
) -> tuple[list[tuple[V, V]], list[V], list[V]]:
    """Pair items with equal keys. Among several with one key, those equal by the first
    tie-break pair first, then by the next, then the rest in order. Returns the pairs (in new
    order), the old items left over (in old order) and the new ones left over (in new order)."""
    partner: dict[int, int] = {}  # new index -> old index
    old_left, new_left = list(range(len(old))), list(range(len(new)))
    levels: list[Callable[[V], Hashable] | None] = [*tie_breaks, None]
    for tie in levels:
        waiting: dict[Hashable, deque[int]] = defaultdict(deque)
        for i in old_left:
            waiting[(key(old[i]), tie(old[i]) if tie else None)].append(i)
        unmatched = []
        for j in new_left:
            queue = waiting.get((key(new[j]), tie(new[j]) if tie else None))
            if queue:
                partner[j] = queue.popleft()
            else:
                unmatched.append(j)
        taken = set(partner.values())
        old_left, new_left = [i for i in old_left if i not in taken], unmatched
    pairs = [(old[partner[j]], new[j]) for j in sorted(partner)]
    return pairs, [old[i] for i in old_left], [new[j] for j in new_left]
