"""File layer: the published JSON Schema of the design file format.

Generated from the file models, then tightened with what the loader checks beyond types:
the known kinds and, per kind, the typed attributes of the catalogue (the same pydantic
types the loader validates with, :mod:`canvas.io.attributes`).
"""

from __future__ import annotations

from typing import Any

from canvas.core.catalog import KINDS
from canvas.io.attributes import attribute_schema
from canvas.io.file_format import SCHEMA_VERSION, DesignFile

SCHEMA_ID = f"https://ml-canvas.dev/schema/design-v{SCHEMA_VERSION}.json"


def design_json_schema() -> dict[str, Any]:
    schema = DesignFile.model_json_schema()
    component = schema["$defs"]["Component"]
    component["properties"]["kind"] = {"enum": list(KINDS), "title": "Kind"}
    component["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind.id}}, "required": ["kind"]},
            "then": {
                "properties": {
                    "properties": {
                        "type": "object",
                        "properties": {a.name: attribute_schema(a) for a in kind.all_attributes},
                    }
                }
            },
        }
        for kind in KINDS.values()
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "description": "An ML System Canvas design: components of an ML system (Figure 1-1 of "
        "Designing Machine Learning Systems) and the links between them.",
    }
