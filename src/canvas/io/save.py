"""File layer: writing a design — stable key order, atomic replace, a backup of the old file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from canvas.core.model import Design
from canvas.io.format_v1 import FORMAT, SCHEMA_VERSION


class DesignSaveError(Exception):
    """A save that failed; the old file is intact. The message is one sentence for the user."""


def design_to_dict(design: Design) -> dict[str, object]:
    """The file's JSON object: fixed key order, properties sorted so diffs stay small."""
    settings_rules = {}
    for rid in sorted(design.settings.rules):
        s = design.settings.rules[rid]
        entry: dict[str, object] = {"enabled": s.enabled}
        if s.severity is not None:
            entry["severity"] = s.severity.value
        settings_rules[rid] = entry
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "name": design.name,
        "components": [
            {
                "id": c.id,
                "kind": c.kind,
                "label": c.label,
                "position": {"x": _num(c.position.x), "y": _num(c.position.y)},
                "properties": {k: c.properties[k] for k in sorted(c.properties)},
                "suppressions": [{"rule": s.rule, "reason": s.reason} for s in c.suppressions],
            }
            for c in design.components.values()
        ],
        "links": [
            {"id": l.id, "source": l.source, "target": l.target, "label": l.label} for l in design.links.values()
        ],
        "settings": {"rules": settings_rules},
    }


def _num(v: float) -> float | int:
    """Whole coordinates are written as integers, others rounded to 0.01: smaller diffs."""
    r = round(v, 2)
    return int(r) if r == int(r) else r


def dump_design(design: Design) -> str:
    return json.dumps(design_to_dict(design), indent=2, ensure_ascii=False) + "\n"


def save_design(design: Design, path: str | Path, backup: bool = True) -> None:
    """Write atomically: a temporary file in the same folder, flushed and fsynced, then
    renamed over the target. The previous version is kept as ``NAME.bak``. Any failure
    leaves the old file untouched and raises :class:`DesignSaveError`."""
    write_atomic(Path(path), dump_design(design).encode("utf-8"), backup=backup)


def write_atomic(target: Path, data: bytes, backup: bool = True, mode: int | None = None) -> None:
    """Replace ``target`` by ``data`` so that a reader (or a crash) sees either the old bytes
    or the new ones, never a mix. ``mode`` forces the permissions (else: the old file's, or
    the umask's). Raises :class:`DesignSaveError` with one sentence."""
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            _write_all(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes 0600 files; keep the old file's mode, or the usual umask for a new one.
        try:
            if mode is None:
                mode = target.stat().st_mode & 0o7777 if target.exists() else new_file_mode()
            os.chmod(tmp_name, mode)
        except OSError:
            pass
        if target.exists() and backup:
            _backup(target)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as exc:
        raise DesignSaveError(f"Could not save {target}: {exc.strerror or exc}. The file on disk was not changed.") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def new_file_mode() -> int:
    """The mode a new file gets from the process umask (mkstemp's files are 0600)."""
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def _write_all(fh: object, data: bytes) -> None:
    fh.write(data)  # type: ignore[attr-defined]


def _backup(target: Path) -> None:
    bak = target.with_name(target.name + ".bak")
    try:
        data = target.read_bytes()
        with open(bak, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        # A backup that cannot be written must not stop the save itself.
        pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
