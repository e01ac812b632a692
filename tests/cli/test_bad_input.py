"""Every bad input through ``ml-canvas check``: exit code 2 and one sentence
naming the file and the JSON path — never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canvas.cli import main
from tests.io.test_load_errors import good, with_change


def deep_property() -> dict:
    value: object = 1
    for _ in range(40):
        value = {"x": value}
    return with_change(["components", 0, "properties"], {"deep": value})


def dup_component() -> dict:
    raw = good()
    raw["components"][1]["id"] = "a"
    raw["links"] = []
    return raw


CASES = [
    (
        "malformed JSON",
        "{not json",
        "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2",
    ),
    ("not an object", "[1, 2]", "expected a JSON object at the top level, found a list"),
    ("not ours", {"hello": 1}, 'this is not an ML System Canvas design (no "format" field; expected "ml-canvas")'),
    (
        "wrong format",
        with_change(["format"], "drawio"),
        'this is not an ML System Canvas design (its format is "drawio"; expected "ml-canvas")',
    ),
    (
        "newer version",
        with_change(["schema_version"], 3),
        "was saved by a newer ML System Canvas (schema version 3; this version reads up to 2): "
        "update the app to open it",
    ),
    (
        "unknown kind",
        with_change(["components", 0, "kind"], "blockchain"),
        'components[0].kind: unknown kind "blockchain"',
    ),
    (
        "dangling link end",
        with_change(["links", 0, "target"], "ghost"),
        'links[0].target: no component has the id "ghost"',
    ),
    ("duplicate id", dup_component(), 'components[1].id: duplicate id "a" (also components[0])'),
    (
        "wrong type",
        with_change(["components", 1, "position", "x"], "12"),
        'components[1].position.x: expected a number, found the string "12"',
    ),
    (
        "wrong attribute type",
        with_change(["components", 1, "properties"], {"latency_ms": "fast"}),
        'components[1].properties.latency_ms: expected a non-negative number, found the string "fast"',
    ),
    ("deeply nested JSON", "[" * 50_000 + "]" * 50_000, "the JSON is nested too deeply to be a design"),
    ("deeply nested property", deep_property(), "components[0].properties.deep: is nested more than 16 levels deep"),
    ("not UTF-8", b"\xff\xfe{}", "is not UTF-8 text (invalid byte at offset 0)"),
    ("empty file", "", "the file is empty"),
]


@pytest.mark.parametrize(("case", "content", "sentence"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_file(
    case: str, content: object, sentence: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "design.json"
    if isinstance(content, bytes):
        f.write_bytes(content)
    else:
        f.write_text(content if isinstance(content, str) else json.dumps(content))
    assert main(["check", str(f), "--format", fmt]) == 2
    out, err = capsys.readouterr()
    assert err == f"ml-canvas: {f}: {sentence}\n"
    if fmt == "json":
        assert json.loads(out) == {"files": []}


def test_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("canvas.io.load.MAX_BYTES", 1000)
    f = tmp_path / "big.json"
    f.write_text(json.dumps(good()) + " " * 2000)
    assert main(["check", str(f)]) == 2
    assert capsys.readouterr().err == f"ml-canvas: {f}: the file is 0 MB, larger than the 0 MB a design may be\n"


@pytest.mark.parametrize("kind", ["missing", "folder", "unreadable"])
def test_unreadable_paths(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    target = tmp_path / "x.json"
    expected = {
        "missing": "no such file",
        "folder": "is a folder, not a design file",
        "unreadable": "permission denied: the file cannot be read",
    }[kind]
    if kind == "folder":
        target.mkdir()
    elif kind == "unreadable":
        if os.geteuid() == 0:
            pytest.skip("root reads any file")
        target.write_text("{}")
        target.chmod(0)
    assert main(["check", str(target)]) == 2
    assert capsys.readouterr().err == f"ml-canvas: {target}: {expected}\n"
