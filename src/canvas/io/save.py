"""File layer: writing a design — stable key order, atomic replace, a backup of the old file."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from canvas.core.model import Design
from canvas.io.file_format import to_dict


class DesignSaveError(Exception):
    """A save that failed; the old file is intact. The message is one sentence for the user."""


def design_to_dict(design: Design) -> dict[str, object]:
    """The file's JSON object, through the file model (fixed key order, sorted properties)."""
    return to_dict(design)


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
    try:
        with replacing(target, backup=backup, mode=mode) as tmp, open(tmp, "wb") as fh:
            _write_all(fh, data)
    except OSError as exc:
        raise DesignSaveError(
            f"Could not save {target}: {exc.strerror or exc}. The file on disk was not changed."
        ) from None


@contextmanager
def replacing(target: Path, backup: bool = False, mode: int | None = None) -> Iterator[Path]:
    """The one atomic writer (saves, recovery files, exports): yields a temporary path
    beside ``target`` for the caller to write; when the block ends without an error, the
    file is flushed to disk (fsync), given ``mode`` (else the old file's, or the umask's),
    the old file optionally copied to ``NAME.bak``, and renamed over ``target``, and the
    folder is synced. On any error the temporary file is removed and ``target`` is left as
    it was; the ``OSError`` goes to the caller."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes 0600 files; keep the old file's mode, or the usual umask for a new one.
        try:
            if mode is None:
                mode = target.stat().st_mode & 0o7777 if target.exists() else new_file_mode()
            os.chmod(tmp, mode)
        except OSError:
            pass
        if target.exists() and backup:
            _backup(target)
        os.replace(tmp, target)
        _fsync_dir(folder)
    finally:
        if tmp.exists():
            with contextlib.suppress(OSError):
                tmp.unlink()


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
