"""Every bad input is refused with one sentence naming the file, the JSON path and the value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canvas.io import DesignLoadError, load_design, parse_design
from canvas.io.load import MAX_PROPERTY_DEPTH


def good() -> dict:
    return {
        "format": "ml-canvas",
        "schema_version": 1,
        "name": "Tiny",
        "components": [
            {
                "id": "a",
                "kind": "data_source",
                "label": "Events",
                "position": {"x": 0, "y": 0},
                "properties": {},
                "suppressions": [],
            },
            {
                "id": "b",
                "kind": "model",
                "label": "Ranker",
                "position": {"x": 200, "y": 0},
                "properties": {"latency_ms": 20},
                "suppressions": [],
            },
        ],
        "links": [{"id": "l1", "source": "a", "target": "b", "label": ""}],
        "settings": {"rules": {}},
    }


def refuse(raw: object | str | bytes) -> str:
    data = raw if isinstance(raw, (str, bytes)) else json.dumps(raw)
    with pytest.raises(DesignLoadError) as info:
        parse_design(data, "design.json")
    message = str(info.value)
    assert message.startswith("design.json: ")
    assert "\n" not in message and "Traceback" not in message
    return message


def with_change(path: list, value: object) -> dict:
    raw = good()
    target = raw
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


def test_good_file_loads() -> None:
    design = parse_design(json.dumps(good()), "design.json")
    assert list(design.components) == ["a", "b"]
    assert design.links["l1"].target == "b"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "{not json",
            "design.json: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2",
        ),
        ("", "design.json: the file is empty"),
        ("[1, 2]", "design.json: expected a JSON object at the top level, found a list"),
        (b"\xff\xfe\x00garbage", "design.json: is not UTF-8 text (invalid byte at offset 0)"),
        (
            '{"format": "ml-canvas", "schema_version": 1, "name": NaN}',
            "design.json: not valid JSON: NaN is not a number JSON allows",
        ),
    ],
)
def test_unparseable(raw: str, expected: str) -> None:
    assert refuse(raw) == expected


def test_not_ours() -> None:
    assert "this is not an ML System Canvas design" in refuse({"hello": 1})
    assert 'its format is "drawio"' in refuse(with_change(["format"], "drawio"))


def test_newer_version() -> None:
    msg = refuse(with_change(["schema_version"], 7))
    assert msg == (
        "design.json: was saved by a newer ML System Canvas (schema version 7; this version reads up to 2): "
        "update the app to open it"
    )


def test_version_wrong_type_and_missing() -> None:
    assert (
        refuse(with_change(["schema_version"], "1"))
        == 'design.json: schema_version: expected a whole number, found the string "1"'
    )
    assert refuse(with_change(["schema_version"], KeyError)) == "design.json: schema_version: is missing"
    assert (
        refuse(with_change(["schema_version"], 0))
        == "design.json: schema_version: schema version 0 is not one this version can read"
    )


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ["components", 1, "position", "x"],
            "12",
            'components[1].position.x: expected a number, found the string "12"',
        ),
        (["components", 0, "position"], KeyError, "components[0].position: is missing"),
        (["components", 0, "label"], 5, "components[0].label: expected a string, found 5"),
        (["components", 0, "colour"], "red", "components[0].colour: is not a field of the design format"),
        (["components"], {}, "components: expected a list, found an object"),
        (["links", 0, "source"], None, "links[0].source: expected a string, found null"),
        (["components", 1], 5, "components[1]: expected an object, found 5"),
        (["links", 0], ["a", "b"], "links[0]: expected an object, found a list"),
        (
            ["components", 1, "suppressions"],
            [{"rule": "model.unmonitored", "reason": ""}],
            "components[1].suppressions[0].reason: must not be empty",
        ),
        (
            ["components", 1, "suppressions"],
            [{"rule": "model.unmonitored", "reason": " \t "}],
            "components[1].suppressions[0].reason: must say why the finding does not apply (it is blank)",
        ),
        (
            ["settings", "rules"],
            {"model.unmonitored": {"severity": "fatal"}},
            "settings.rules.model.unmonitored.severity",
        ),
    ],
)
def test_wrong_types(path: list, value: object, expected: str) -> None:
    assert expected in refuse(with_change(path, value))


def test_unknown_kind() -> None:
    assert (
        refuse(with_change(["components", 0, "kind"], "blockchain"))
        == 'design.json: components[0].kind: unknown kind "blockchain"'
    )


def test_duplicate_ids() -> None:
    raw = good()
    raw["components"][1]["id"] = "a"
    raw["links"] = []
    assert refuse(raw) == 'design.json: components[1].id: duplicate id "a" (also components[0])'
    raw = good()
    raw["links"].append(dict(raw["links"][0]))
    assert refuse(raw) == 'design.json: links[1].id: duplicate id "l1" (also links[0])'


def test_dangling_link_end() -> None:
    assert (
        refuse(with_change(["links", 0, "target"], "ghost"))
        == 'design.json: links[0].target: no component has the id "ghost"'
    )


@pytest.mark.parametrize(
    ("kind", "key", "value", "expected"),
    [
        ("model", "latency_ms", -3, "expected a non-negative number, found -3"),
        ("model", "latency_ms", -5.5, "expected a non-negative number, found -5.5"),
        (
            "model",
            "latency_ms",
            2e9,
            "expected at most 1,000,000,000 ms (the largest value a design may hold), found 2000000000.0",
        ),
        ("business_requirement", "latency_slo_ms", 1_000_000_001, "expected at most 1,000,000,000 ms"),
        (
            "deployment",
            "monthly_cost",
            10**13,
            "expected at most $1,000,000,000,000 (the largest value a design may hold), found 10000000000000",
        ),
        ("business_requirement", "monthly_budget", 2e12, "expected at most $1,000,000,000,000"),
        ("model", "origin", "finetuned", "expected one of 'trained', 'pretrained', 'hosted', found \"finetuned\""),
        ("model", "origin", None, "expected one of 'trained', 'pretrained', 'hosted', found null"),
        ("model", "latency_ms", True, "expected a non-negative number, found true"),
        ("model", "monthly_cost", "cheap", 'expected a non-negative number, found the string "cheap"'),
        ("deployment", "mode", "streaming", "expected one of 'online', 'batch', found \"streaming\""),
        ("business_requirement", "ml_fit", {"learn": "yes"}, '"learn" expected true or false, found the string "yes"'),
        ("business_requirement", "ml_fit", {"vibes": True}, '"vibes" is not a When-to-use-ML question'),
        # found by test_fuzz: a key with a line break stays on the message's one line
        ("business_requirement", "ml_fit", {"\n": None}, '"\\n" is not a When-to-use-ML question'),
        ("business_requirement", "ml_fit", [True], "expected an object of true/false answers, found a list"),
        ("monitoring", "signals", "drift", "expected a list of strings"),
    ],
)
def test_typed_attributes(kind: str, key: str, value: object, expected: str) -> None:
    raw = good()
    raw["components"][1]["kind"] = kind
    raw["components"][1]["properties"] = {key: value}
    msg = refuse(raw)
    assert msg.startswith(f"design.json: components[1].properties.{key}: ")
    assert expected in msg


def test_free_form_properties_allowed() -> None:
    raw = good()
    raw["components"][1]["properties"] = {"owner": "ranking team", "replicas": 3, "tags": ["a", {"b": None}]}
    design = parse_design(json.dumps(raw), "design.json")
    assert design.components["b"].properties["replicas"] == 3


def test_free_form_name_of_another_kind_is_free() -> None:
    raw = good()
    raw["components"][1]["properties"] = {"mode": "whatever"}  # `mode` is typed on deployments only
    parse_design(json.dumps(raw), "design.json")


def test_deeply_nested_json() -> None:
    assert refuse("[" * 100_000 + "]" * 100_000) == "design.json: the JSON is nested too deeply to be a design"


def test_deeply_nested_property() -> None:
    value: object = 1
    for _ in range(MAX_PROPERTY_DEPTH + 5):
        value = {"x": value}
    msg = refuse(with_change(["components", 0, "properties"], {"deep": value}))
    assert msg == f"design.json: components[0].properties.deep: is nested more than {MAX_PROPERTY_DEPTH} levels deep"


def test_too_many_components(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("canvas.io.load.MAX_COMPONENTS", 1)
    assert refuse(good()) == "design.json: components: has 2 components, more than the 1 allowed"


def test_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("canvas.io.load.MAX_BYTES", 100)
    f = tmp_path / "big.json"
    f.write_text(json.dumps(good()))
    with pytest.raises(DesignLoadError, match=r"big\.json: the file is 0 MB, larger than the 0 MB a design may be"):
        load_design(f)


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(DesignLoadError, match="missing.json: no such file"):
        load_design(tmp_path / "missing.json")
    with pytest.raises(DesignLoadError, match="is a folder, not a design file"):
        load_design(tmp_path)


def test_limits_themselves_load() -> None:
    raw = good()
    raw["components"][1]["properties"] = {"latency_ms": 1_000_000_000, "monthly_cost": 1_000_000_000_000}
    parse_design(json.dumps(raw), "design.json")


def test_a_blank_reason_through_check_names_file_path_and_problem(tmp_path: Path) -> None:
    from canvas.cli import main

    raw = good()
    raw["components"][1]["suppressions"] = [{"rule": "model.unmonitored", "reason": "   "}]
    f = tmp_path / "d.json"
    f.write_text(json.dumps(raw))
    assert main(["check", str(f)]) == 2


@pytest.mark.parametrize(
    "changes",
    [
        [(["components", 1, "label"], 5), (["settings", "link_style"], "wavy")],
        [(["links", 0, "label"], 7), (["groups"], {})],
        [(["components", 0, "position", "x"], "0"), (["zzz"], 1)],
        [(["settings", "rules"], []), (["zzz"], 1)],
        [(["name"], 3), (["components", 0, "label"], 5)],
        [(["links", 0, "id"], ""), (["components", 1, "kind"], 9)],
    ],
)
def test_of_two_problems_the_first_in_the_files_order_is_told(changes: list) -> None:
    """The entries are checked one by one, yet the sentence names the problem a check of the
    whole file at once finds first: fields in the format's order, unknown fields last."""
    from pydantic import ValidationError

    from canvas.io.errors import json_path
    from canvas.io.file_format import DesignFile
    from canvas.io.migrations import migrate

    raw = good()
    for path, value in changes:
        target = raw
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    with pytest.raises(ValidationError) as whole:
        DesignFile.model_validate(migrate(json.loads(json.dumps(raw)), 2))
    first = json_path(tuple(whole.value.errors()[0]["loc"]))
    assert refuse(raw).startswith(f"design.json: {first}: ")
