"""File layer: the models of the file format, schema version 2.

These are kept apart from the live model (``canvas.core.model``, imported as ``live``; the
class names here are the format's own, as the JSON Schema shows them) so that a refactor of
the live model cannot silently change what is written to disk. Loading validates against
them, saving writes through them (:func:`from_design`), and the JSON Schema is generated
from them: field order here is the key order of saved files; whole numbers are written as
integers, properties and rule settings sorted, so git diffs stay small. Older files are
brought up to this version by ``canvas.io.migrations`` before they are validated.

Version 2 added ``notes`` (free text on the canvas) and ``groups`` (named frames around
components); the checker ignores both. ``settings.link_style`` ("orthogonal", the default,
or "curved") is written only when it is not the default, so files that never set it keep
their bytes (and files from before it are read as they were).
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    SerializerFunctionWrapHandler,
    field_serializer,
    model_serializer,
)

from canvas.core import model as live
from canvas.core.model import GROUP_COLORS, NOTE_COLORS

FORMAT: Final = "ml-canvas"
SCHEMA_VERSION: Final = 2

_STRICT = ConfigDict(extra="forbid", strict=True)

NoteColor = Literal[NOTE_COLORS]  # type: ignore[valid-type]
GroupColor = Literal[GROUP_COLORS]  # type: ignore[valid-type]


def _whole(v: float) -> float | int:
    """Whole numbers as integers, others rounded to 0.01."""
    r = round(v, 2)
    return int(r) if r == int(r) else r


class Position(BaseModel):
    model_config = _STRICT
    x: float
    y: float

    @field_serializer("x", "y")
    def _coordinate(self, v: float) -> float | int:
        return _whole(v)


class Size(BaseModel):
    model_config = _STRICT
    width: float = Field(gt=0)
    height: float = Field(gt=0)

    @field_serializer("width", "height")
    def _length(self, v: float) -> float | int:
        return _whole(v)


class Suppression(BaseModel):
    model_config = _STRICT
    rule: str = Field(min_length=1)
    reason: str = Field(min_length=1, pattern=r"\S", description="Why the finding does not apply; required, not blank.")


class Component(BaseModel):
    model_config = _STRICT
    id: str = Field(min_length=1, max_length=200)
    kind: str
    label: str = Field(max_length=10_000)
    position: Position
    properties: dict[str, JsonValue] = Field(default_factory=dict)
    suppressions: list[Suppression] = Field(default_factory=list)

    @field_serializer("properties")
    def _sorted(self, props: dict[str, Any]) -> dict[str, Any]:
        return {k: props[k] for k in sorted(props)}


class Link(BaseModel):
    model_config = _STRICT
    id: str = Field(min_length=1, max_length=200)
    source: str
    target: str
    label: str = ""


class Note(BaseModel):
    model_config = _STRICT
    id: str = Field(min_length=1, max_length=200)
    text: str = Field(max_length=100_000)
    position: Position
    size: Size
    color: NoteColor


class Group(BaseModel):
    model_config = _STRICT
    id: str = Field(min_length=1, max_length=200)
    label: str = Field(max_length=10_000)
    members: list[str] = Field(description="Ids of the components inside the frame; each in one group at most.")
    color: GroupColor


class RuleSetting(BaseModel):
    model_config = _STRICT
    enabled: bool = True
    severity: Literal["error", "warning", "info"] | None = None

    @model_serializer
    def _written(self) -> dict[str, Any]:
        """``severity`` only when it is changed."""
        out: dict[str, Any] = {"enabled": self.enabled}
        if self.severity is not None:
            out["severity"] = self.severity
        return out


class Settings(BaseModel):
    model_config = _STRICT
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    link_style: live.LinkStyle = Field(
        default="orthogonal", description="How links are drawn; written only when not the default."
    )

    @model_serializer(mode="wrap")
    def _written(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Rules sorted; ``link_style`` only when it is not the default."""
        out: dict[str, Any] = handler(self)
        out["rules"] = {k: out["rules"][k] for k in sorted(out["rules"])}
        if self.link_style == "orthogonal":
            out.pop("link_style", None)
        return out


class DesignFile(BaseModel):
    """An ML System Canvas design file."""

    model_config = ConfigDict(extra="forbid", strict=True, title="ML System Canvas design")
    format: Literal["ml-canvas"]
    schema_version: Literal[2]
    name: str = ""
    components: list[Component] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    settings: Settings = Field(default_factory=Settings)


def from_design(design: live.Design) -> DesignFile:
    """The file model of a live design (already valid: built without validating again)."""
    return DesignFile.model_construct(
        format=FORMAT,
        schema_version=SCHEMA_VERSION,
        name=design.name,
        components=[
            Component.model_construct(
                id=c.id,
                kind=c.kind,
                label=c.label,
                position=Position.model_construct(x=c.position.x, y=c.position.y),
                properties=c.properties,
                suppressions=[Suppression.model_construct(rule=s.rule, reason=s.reason) for s in c.suppressions],
            )
            for c in design.components.values()
        ],
        links=[
            Link.model_construct(id=link.id, source=link.source, target=link.target, label=link.label)
            for link in design.links.values()
        ],
        notes=[
            Note.model_construct(
                id=n.id,
                text=n.text,
                position=Position.model_construct(x=n.position.x, y=n.position.y),
                size=Size.model_construct(width=n.size.width, height=n.size.height),
                color=n.color,
            )
            for n in design.notes.values()
        ],
        groups=[
            Group.model_construct(id=g.id, label=g.label, members=list(g.members), color=g.color)
            for g in design.groups.values()
        ],
        settings=Settings.model_construct(
            rules={
                rid: RuleSetting.model_construct(enabled=r.enabled, severity=r.severity.value if r.severity else None)
                for rid, r in design.settings.rules.items()
            },
            link_style=design.settings.link_style,
        ),
    )


def to_dict(design: live.Design) -> dict[str, Any]:
    """The JSON object a file holds for ``design``."""
    return from_design(design).model_dump(mode="json")
