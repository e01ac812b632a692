"""File layer: the models of the file format, schema version 1.

These are kept apart from the live model (``canvas.core.model``) so that a refactor of
the live model cannot silently change what is written to disk. Field order here is the
key order of saved files.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue


FORMAT = "ml-canvas"
SCHEMA_VERSION = 1

_STRICT = ConfigDict(extra="forbid", strict=True)


class PositionV1(BaseModel):
    model_config = _STRICT
    x: float
    y: float


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


class SettingsV1(BaseModel):
    model_config = _STRICT
    rules: dict[str, RuleSettingV1] = Field(default_factory=dict)


class DesignFileV1(BaseModel):
    """An ML System Canvas design file."""

    model_config = ConfigDict(extra="forbid", strict=True, title="ML System Canvas design")
    format: Literal["ml-canvas"]
    schema_version: Literal[1]
    name: str = ""
    components: list[ComponentV1] = Field(default_factory=list)
    links: list[LinkV1] = Field(default_factory=list)
    settings: SettingsV1 = Field(default_factory=SettingsV1)


def dump_dict(data: DesignFileV1) -> dict[str, Any]:
    return data.model_dump(mode="json")
