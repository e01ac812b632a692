"""The published JSON Schema really validates our files (checked with a third-party validator)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from canvas.io.schema import design_json_schema
from canvas.templates import list_templates


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = design_json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_templates_validate(validator: jsonschema.protocols.Validator) -> None:
    templates = list_templates()
    assert len(templates) >= 4
    for t in templates:
        errors = list(validator.iter_errors(json.loads(t.path.read_text())))
        assert not errors, f"{t.name}: {errors[0].message}"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(format="other"),
        lambda d: d.update(schema_version=3),
        lambda d: d["components"][0]["properties"].update(latency_ms=2e9),
        lambda d: d["components"][0]["suppressions"].append({"rule": "x", "reason": "  "}),
        lambda d: d["notes"].append(
            {"id": "n", "text": "", "position": {"x": 0, "y": 0}, "size": {"width": 0, "height": 10}, "color": "yellow"}
        ),
        lambda d: d["notes"].append(
            {
                "id": "n",
                "text": "",
                "position": {"x": 0, "y": 0},
                "size": {"width": 10, "height": 10},
                "color": "chartreuse",
            }
        ),
        lambda d: d["groups"].append({"id": "g", "label": "", "members": "all", "color": "grey"}),
        lambda d: d["components"][0].update(kind="blockchain"),
        lambda d: d["components"][0]["position"].update(x="1"),
        lambda d: d["components"][0].update(extra=1),
        lambda d: d["components"][0]["properties"].update(latency_ms=-1),
    ],
)
def test_schema_rejects_bad_files(validator: jsonschema.protocols.Validator, mutate) -> None:  # type: ignore[no-untyped-def]
    raw = json.loads(list_templates()[0].path.read_text())
    mutate(raw)
    assert list(validator.iter_errors(raw))
