"""File layer: the models of the file format, schema version 1.

These are kept apart from the live model (``canvas.core.model``) so that a refactor of
the live model cannot silently change what is written to disk. Loading validates against
them, saving writes through them (:func:`from_design`), and the JSON Schema is generated
from them: field order here is the key order of saved files; whole coordinates are written
as integers, properties and rule settings sorted, so git diffs stay small.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_serializer, model_serializer

from canvas.core.model import Design


FORMAT: Final = "ml-canvas"
SCHEMA_VERSION: Final = 1

_STRICT = ConfigDict(extra="forbid", strict=True)


class PositionV1(BaseModel):
    model_config = _STRICT
    x: float
    y: float

    @field_serializer("x", "y")
    def _coordinate(self, v: float) -> float | int:
        """Whole coordinates as integers, others rounded to 0.01."""
        r = round(v, 2)
        return int(r) if r == int(r) else r


class SuppressionV1(BaseModel):
    model_config = _STRICT
    rule: str = Field(min_length=1)
    reason: str = Field(min_length=1, pattern=r"\S", description="Why the finding does not apply; required, not blank.")


class ComponentV1(BaseModel):
    model_config = _STRICT
    id: str = Field(min_length=1, max_length=200)
    kind: str
    label: str = Field(max_length=10_000)
    position: PositionV1
    properties: dict[str, JsonValue] = Field(default_factory=dict)
    suppressions: list[SuppressionV1] = Field(default_factory=list)

    @field_serializer("properties")
    def _sorted(self, props: dict[str, Any]) -> dict[str, Any]:
        return {k: props[k] for k in sorted(props)}


class LinkV1(BaseModel):
    model_config = _STRICT
    id: str = Field(min_length=1, max_length=200)
    source: str
    target: str
    label: str = ""


class RuleSettingV1(BaseModel):
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


class SettingsV1(BaseModel):
    model_config = _STRICT
    rules: dict[str, RuleSettingV1] = Field(default_factory=dict)

    @field_serializer("rules")
    def _sorted(self, rules: dict[str, Any]) -> dict[str, Any]:
        return {k: rules[k] for k in sorted(rules)}


class DesignFileV1(BaseModel):
    """An ML System Canvas design file."""

    model_config = ConfigDict(extra="forbid", strict=True, title="ML System Canvas design")
    format: Literal["ml-canvas"]
    schema_version: Literal[1]
    name: str = ""
    components: list[ComponentV1] = Field(default_factory=list)
    links: list[LinkV1] = Field(default_factory=list)
    settings: SettingsV1 = Field(default_factory=SettingsV1)


def from_design(design: Design) -> DesignFileV1:
    """The file model of a live design (already valid: built without validating again)."""
    return DesignFileV1.model_construct(
        format=FORMAT,
        schema_version=SCHEMA_VERSION,
        name=design.name,
        components=[
            ComponentV1.model_construct(
                id=c.id, kind=c.kind, label=c.label,
                position=PositionV1.model_construct(x=c.position.x, y=c.position.y),
                properties=c.properties,
                suppressions=[SuppressionV1.model_construct(rule=s.rule, reason=s.reason) for s in c.suppressions],
            )
            for c in design.components.values()
        ],
        links=[
            LinkV1.model_construct(id=link.id, source=link.source, target=link.target, label=link.label)
            for link in design.links.values()
        ],
        settings=SettingsV1.model_construct(rules={
            rid: RuleSettingV1.model_construct(enabled=r.enabled, severity=r.severity.value if r.severity else None)
            for rid, r in design.settings.rules.items()
        }),
    )


def to_dict(design: Design) -> dict[str, Any]:
    """The JSON object a file holds for ``design``."""
    return from_design(design).model_dump(mode="json")
