"""File layer: the catalogue's typed attributes as pydantic types.

One table — the attributes of ``canvas.core.catalog`` — turned here into one pydantic type
each, from which both the loader's checks (:func:`attribute_problem`) and the published JSON
Schema (:func:`attribute_schema`) follow: a limit or a choice is written once.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StrictBool, StrictStr, TypeAdapter, ValidationError, create_model

from canvas.core.catalog import KINDS, ML_FIT_KEYS, Attribute, AttrType

_STRICT = ConfigDict(extra="forbid", strict=True)


def _pydantic_type(attr: Attribute) -> Any:
    t = attr.type
    if t is AttrType.NUMBER:
        return Annotated[float, Field(strict=True, ge=0, le=attr.maximum, allow_inf_nan=False)]
    if t is AttrType.STRING:
        return StrictStr
    if t is AttrType.ENUM:
        return Literal[attr.choices]
    if t is AttrType.BOOL:
        return StrictBool
    if t is AttrType.STRING_LIST:
        return list[StrictStr]
    fields: dict[str, Any] = {key: (StrictBool, None) for key in ML_FIT_KEYS}
    return create_model("WhenToUseML", __config__=_STRICT, **fields)


@cache
def _adapter(attr: Attribute) -> TypeAdapter[Any]:
    return TypeAdapter(_pydantic_type(attr))


def attribute_schema(attr: Attribute) -> dict[str, Any]:
    """The JSON Schema of one attribute's value."""
    schema = _adapter(attr).json_schema()
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
        prop.pop("default", None)
    if attr.description:
        schema["description"] = attr.description
    return schema


def attribute_problem(attr: Attribute, value: Any) -> str | None:
    """Why ``value`` is not valid for the attribute — showing the value — or ``None``."""
    try:
        _adapter(attr).validate_python(value)
    except ValidationError as exc:
        return _sentence(attr, value, exc.errors()[0])
    return None


def validate_property(kind: str, key: str, value: Any) -> str | None:
    """Why a property value is invalid for a component of ``kind``, or ``None`` (free-form
    properties, and the attributes of other kinds, take any JSON value)."""
    k = KINDS.get(kind)
    attr = k.attribute(key) if k else None
    return attribute_problem(attr, value) if attr else None


def shown(value: Any) -> str:
    """A value as a load error shows it: ``-5``, ``true``, ``the string "cheap"``, ``a list``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return f"the string {json.dumps(value)[:40]}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _sentence(attr: Attribute, value: Any, err: Any) -> str:
    t = attr.type
    if t is AttrType.NUMBER:
        if err["type"] == "less_than_equal":
            unit = f" {attr.unit}" if attr.unit and attr.unit != "$" else ""
            limit = f"${attr.maximum:,.0f}" if attr.unit == "$" else f"{attr.maximum:,.0f}{unit}"
            return f"expected at most {limit} (the largest value a design may hold), found {shown(value)}"
        return f"expected a non-negative number, found {shown(value)}"
    if t is AttrType.STRING:
        return f"expected a string, found {shown(value)}"
    if t is AttrType.ENUM:
        return f"expected one of {', '.join(repr(c) for c in attr.choices)}, found {json.dumps(value)[:60]}"
    if t is AttrType.BOOL:
        return f"expected true or false, found {shown(value)}"
    if t is AttrType.STRING_LIST:
        return "expected a list of strings"
    loc = err.get("loc", ())
    if not loc:
        return f"expected an object of true/false answers, found {shown(value)}"
    key = str(loc[0])
    if err["type"] == "extra_forbidden":
        # JSON-quoted: a key may hold a line break, and the message is one line
        quoted = json.dumps(key[:40], ensure_ascii=False)
        return f"{quoted} is not a When-to-use-ML question (known: {', '.join(ML_FIT_KEYS)})"
    return f'"{key}" expected true or false, found {shown(err.get("input"))}'
