"""``ml-canvas check --only-designs``, what the pre-commit hook runs on every staged JSON file:
other JSON is skipped, a broken or bad design is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canvas.cli import main
from tests.cli.test_check import run, write_design


def test_other_json_is_skipped_designs_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "package.json").write_text('{"name": "web", "format": "esm"}')
    (tmp_path / "settings.json").write_text('// a comment: JSON with comments, not JSON\n{"a": 1}')
    bad = write_design(tmp_path / "bad.json")
    files = [str(tmp_path / "package.json"), str(tmp_path / "settings.json")]
    assert run(["check", "--only-designs", *files], capsys) == (0, "", "")
    assert run(["check", "--only-designs", "--format", "json", *files], capsys)[1] == '{\n  "files": []\n}\n'
    code, out, err = run(["check", "--only-designs", *files, str(bad)], capsys)
    assert (code, err) == (1, "")
    assert out.startswith(f"{bad}: Lonely — 2 errors") and "package.json" not in out
    # without the flag, other JSON is refused as before
    assert run(["check", files[0]], capsys)[0] == 2


def test_a_broken_design_is_not_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_design(tmp_path / "d.json", suppress=True)
    text = good.read_text()
    conflicted = tmp_path / "conflicted.json"
    conflicted.write_text(text.replace('"components": [', '"components": [\n<<<<<<< HEAD', 1))
    minified = tmp_path / "minified.json"
    minified.write_text(json.dumps(json.loads(text), separators=(",", ":")))
    assert main(["check", "--only-designs", str(minified)]) == 0
    capsys.readouterr()
    code, out, err = run(["check", "--only-designs", str(conflicted)], capsys)
    assert code == 2 and err.startswith(f"ml-canvas: {conflicted}: not valid JSON")
