"""Schema version 2: notes and groups in the file, version-1 files migrating unchanged, and
each bad note or group refused with its sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canvas.core.model import Group, Note, Position, Size
from canvas.core.rules import run_checks
from canvas.io import DesignLoadError, dump_design, load_design, parse_design

FIXTURES = Path(__file__).parent / "fixtures" / "v1"
V1_FILES = sorted(FIXTURES.glob("*.json"))


def test_there_are_version_1_fixtures() -> None:
    assert len(V1_FILES) >= 6


@pytest.mark.parametrize("path", V1_FILES, ids=[p.stem for p in V1_FILES])
def test_every_version_1_file_opens_unchanged(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1
    design = load_design(path)
    assert list(design.components) == [c["id"] for c in raw["components"]]
    assert list(design.links) == [link["id"] for link in raw["links"]]
    assert {cid: c.properties for cid, c in design.components.items()} == {
        c["id"]: c["properties"] for c in raw["components"]
    }
    assert design.notes == {} and design.groups == {}
    saved = json.loads(dump_design(design))
    assert saved["schema_version"] == 2 and saved["notes"] == [] and saved["groups"] == []
    for key in ("name", "components", "links", "settings"):
        assert saved[key] == raw[key], key


def test_suppressions_and_settings_survive_the_migration() -> None:
    design = load_design(FIXTURES / "suppressions-and-settings.json")
    assert design.settings.rules["design.figure-coverage"].enabled is False
    (finding,) = [f for f in run_checks(design) if f.rule == "slo.latency-exceeded"]
    assert finding.suppressed and finding.severity.value == "warning"


def with_notes_and_groups() -> dict:
    raw = json.loads((FIXTURES / "figure-1-1.json").read_text(encoding="utf-8"))
    raw["schema_version"] = 2
    raw["notes"] = [
        {
            "id": "note-1",
            "text": "Online path:\nfeatures, then the model",
            "position": {"x": 10, "y": -200},
            "size": {"width": 240, "height": 90},
            "color": "blue",
        }
    ]
    raw["groups"] = [
        {"id": "group-1", "label": "Online serving", "members": ["deployment", "interface"], "color": "green"}
    ]
    settings = raw.pop("settings")
    raw["settings"] = settings
    return raw


def test_version_2_round_trips_byte_for_byte() -> None:
    text = json.dumps(with_notes_and_groups(), indent=2, ensure_ascii=False) + "\n"
    design = parse_design(text, "d.json")
    assert design.notes["note-1"] == Note(
        id="note-1",
        text="Online path:\nfeatures, then the model",
        position=Position(x=10, y=-200),
        size=Size(width=240, height=90),
        color="blue",
    )
    assert design.groups["group-1"] == Group(
        id="group-1", label="Online serving", members=["deployment", "interface"], color="green"
    )
    assert dump_design(design) == text


def test_the_checker_ignores_notes_and_groups() -> None:
    plain = parse_design(json.dumps(json.loads((FIXTURES / "figure-1-1.json").read_text())), "a.json")
    annotated = parse_design(json.dumps(with_notes_and_groups()), "b.json")
    assert run_checks(annotated) == run_checks(plain) == []


def refuse(raw: dict) -> str:
    with pytest.raises(DesignLoadError) as info:
        parse_design(json.dumps(raw), "d.json")
    return str(info.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda r: r["groups"][0]["members"].append("ghost"),
            'd.json: groups[0].members[2]: no component has the id "ghost"',
        ),
        (
            lambda r: r["groups"].append({"id": "group-2", "label": "", "members": ["interface"], "color": "grey"}),
            'd.json: groups[1].members[0]: "interface" is already in groups[0]: a component is in one group at most',
        ),
        (
            lambda r: r["groups"][0]["members"].append("deployment"),
            'd.json: groups[0].members[2]: "deployment" is already in groups[0]: a component is in one group at most',
        ),
        (
            lambda r: r["notes"][0]["size"].update(width=0),
            "d.json: notes[0].size.width: expected a number greater than 0, found 0",
        ),
        (
            lambda r: r["notes"][0]["size"].update(height=-5),
            "d.json: notes[0].size.height: expected a number greater than 0, found -5",
        ),
        (
            lambda r: r["notes"][0].update(color="chartreuse"),
            "d.json: notes[0].color: expected 'yellow', 'blue', 'green', 'pink', 'purple' or 'grey', "
            'found "chartreuse"',
        ),
        (
            lambda r: r["groups"].append(dict(r["groups"][0], members=[])),
            'd.json: groups[1].id: duplicate id "group-1" (also groups[0])',
        ),
        (lambda r: r["notes"][0].update(text=5), "d.json: notes[0].text: expected a string, found 5"),
    ],
)
def test_bad_notes_and_groups(change, expected: str) -> None:  # type: ignore[no-untyped-def]
    raw = with_notes_and_groups()
    change(raw)
    assert refuse(raw) == expected


def test_a_newer_file_is_refused_with_the_usual_sentence() -> None:
    raw = with_notes_and_groups()
    raw["schema_version"] = 3
    assert refuse(raw) == (
        "d.json: was saved by a newer ML System Canvas (schema version 3; this version reads up to 2): "
        "update the app to open it"
    )


def test_schema_lists_notes_and_groups() -> None:
    from canvas.io.schema import design_json_schema

    schema = design_json_schema()
    assert {"notes", "groups"} <= set(schema["properties"])
    assert schema["$defs"]["Note"]["properties"]["color"]["enum"][0] == "yellow"
