"""Saving: stable output, round trips, atomic replace, backups, and failures that keep the old file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from canvas.core.model import Component, Design, Link, Position, RuleSetting, Severity, Suppression
from canvas.io import DesignSaveError, dump_design, load_design, migrations, parse_design, save_design


def sample() -> Design:
    d = Design(name="Sample")
    d.components["m"] = Component(
        id="m",
        kind="model",
        label="Ränker",
        position=Position(x=10.5, y=-3),
        properties={"latency_ms": 12, "algorithm": "GBDT", "a_custom": [1, 2]},
        suppressions=[Suppression(rule="model.unmonitored", reason="shadow model")],
    )
    d.components["s"] = Component(id="s", kind="data_source", label="Events")
    d.links["l"] = Link(id="l", source="s", target="m", label="events")
    d.settings.rules["component.unhosted"] = RuleSetting(enabled=False)
    d.settings.rules["feedback.not-captured"] = RuleSetting(severity=Severity.WARNING)
    return d


def test_round_trip_is_stable() -> None:
    text = dump_design(sample())
    again = dump_design(parse_design(text, "x.json"))
    assert text == again
    raw = json.loads(text)
    assert list(raw) == ["format", "schema_version", "name", "components", "links", "notes", "groups", "settings"]
    assert list(raw["components"][0]) == ["id", "kind", "label", "position", "properties", "suppressions"]
    assert list(raw["components"][0]["properties"]) == ["a_custom", "algorithm", "latency_ms"]
    assert raw["components"][0]["position"] == {"x": 10.5, "y": -3}
    assert "Ränker" in text  # UTF-8, not escaped


def test_save_and_load(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    save_design(sample(), f)
    assert load_design(f).snapshot() == sample().snapshot()
    assert not list(tmp_path.glob(".*tmp"))


def test_new_file_gets_normal_permissions(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    old = os.umask(0o022)
    try:
        save_design(sample(), f)
    finally:
        os.umask(old)
    assert f.stat().st_mode & 0o777 == 0o644


def test_save_keeps_backup(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    f.write_text("old contents")
    save_design(sample(), f)
    assert (tmp_path / "d.json.bak").read_text() == "old contents"


def test_failed_write_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "d.json"
    f.write_bytes(b"precious")

    def disk_full(fh: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("canvas.io.save._write_all", disk_full)
    with pytest.raises(DesignSaveError, match="No space left on device. The file on disk was not changed."):
        save_design(sample(), f)
    assert f.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


def test_failed_rename_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "d.json"
    f.write_bytes(b"precious")

    def broken_replace(a: object, b: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DesignSaveError):
        save_design(sample(), f)
    assert f.read_bytes() == b"precious"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    f.write_bytes(b"precious")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(DesignSaveError, match="Permission denied"):
            save_design(sample(), f)
    finally:
        tmp_path.chmod(0o700)
    assert f.read_bytes() == b"precious"


def test_save_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DesignSaveError, match="No such file or directory"):
        save_design(sample(), tmp_path / "nope" / "d.json")


def test_migration_registry_is_applied_before_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """A future version 3 plugs in here; simulate it on top of the real 1 -> 2 step."""
    monkeypatch.setattr(migrations, "MIGRATIONS", dict(migrations.MIGRATIONS))

    @migrations.register(2, 3)
    def rename_title(raw: dict) -> dict:
        raw["name"] = raw.pop("title")
        return raw

    old = {"format": "ml-canvas", "schema_version": 1, "title": "Old", "components": [], "links": []}
    migrated = migrations.migrate(old, current=3)
    assert migrated == {
        "format": "ml-canvas",
        "schema_version": 3,
        "name": "Old",
        "components": [],
        "links": [],
        "notes": [],
        "groups": [],
    }
    with pytest.raises(LookupError):
        migrations.migrate({"schema_version": 0}, current=2)
