"""File layer: recovery files — unsaved designs autosaved so a crash or a kill loses nothing.

One folder (the GUI passes the user's data folder) holds one file per editor window::

    recovery-<pid>-<boot>-<session>.json
    {"format": "ml-canvas-recovery", "version": 1, "pid": 4711, "session": "…",
     "saved_at": "2025-01-01T12:00:00+00:00", "original": "/abs/design.json" | null,
     "design": { …the design file's object… }}

The name carries the owning process id and a short boot id, so a file whose owner is gone
(killed, crashed, or the machine rebooted) is found without reading it, and two windows or
two instances never share a file. Files are written with the atomic save, without a
backup, private to the user. Reading one goes through the design loader's limits; a
damaged file is moved aside into ``damaged/``, never trusted, never executed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from canvas.core.model import Design
from canvas.io.errors import DesignLoadError
from canvas.io.load import MAX_BYTES, parse_design
from canvas.io.save import design_to_dict, write_atomic

FORMAT = "ml-canvas-recovery"
VERSION = 1
_NAME = re.compile(r"^recovery-(\d{1,10})-([0-9a-z]{1,16})-([0-9a-f]{1,32})\.json$")
_MAX_PATH = 4096


class RecoveryError(Exception):
    """A recovery file that cannot be used; the message is one sentence."""


@dataclass(frozen=True)
class RecoveryEntry:
    """A readable recovery file: the unsaved design and where it came from."""

    file: Path
    pid: int
    saved_at: datetime
    original: Path | None
    design: Design


def boot_tag() -> str:
    """A short id of the current boot ("0" where the system has none): a pid recorded before a
    reboot says nothing about the processes running now."""
    try:
        raw = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii")
    except OSError:
        return "0"
    tag = re.sub(r"[^0-9a-f]", "", raw.lower())[:8]
    return tag or "0"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs now (zombies count as gone)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows: os.kill(pid, 0) would send Ctrl+C
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    except OSError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - mypy on Linux knows no windll
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
    finally:
        kernel32.CloseHandle(handle)


class RecoverySlot:
    """The one recovery file of one editor window."""

    def __init__(self, folder: Path, pid: int, boot: str) -> None:
        self.folder = folder
        self.pid = pid
        self.path = folder / f"recovery-{pid}-{boot}-{uuid.uuid4().hex}.json"

    def write(self, design: Design, original: Path | None, now: datetime | None = None) -> Path:
        """Write (or replace) this window's recovery file; raises ``DesignSaveError``."""
        wrapper = {
            "format": FORMAT,
            "version": VERSION,
            "pid": self.pid,
            "saved_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
            "original": str(original) if original is not None else None,
            "design": design_to_dict(design),
        }
        data = json.dumps(wrapper, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        _make_private_folder(self.folder)
        write_atomic(self.path, data, backup=False, mode=0o600)
        return self.path

    def remove(self) -> None:
        _unlink(self.path)


class RecoveryStore:
    """The recovery folder: hands out slots, finds orphans, reads, claims and removes files."""

    def __init__(self, folder: Path, pid: int | None = None, boot: str | None = None) -> None:
        self.folder = folder
        self.pid = os.getpid() if pid is None else pid
        self.boot = boot_tag() if boot is None else boot

    def new_slot(self) -> RecoverySlot:
        return RecoverySlot(self.folder, self.pid, self.boot)

    def owner_alive(self, file: Path) -> bool:
        """Whether the process that owns ``file`` still runs (a name we cannot parse: no)."""
        m = _NAME.match(file.name)
        if m is None:
            return False
        pid, boot = int(m.group(1)), m.group(2)
        if boot != self.boot and "0" not in (boot, self.boot):
            return False
        return pid == self.pid or pid_alive(pid)

    def orphans(self) -> list[Path]:
        """Recovery files whose owner is gone, oldest first."""
        try:
            files = [p for p in self.folder.glob("recovery-*.json") if p.is_file()]
        except OSError:
            return []
        orphans = [p for p in files if not self.owner_alive(p)]
        return sorted(orphans, key=_mtime)

    def claim(self, file: Path) -> Path | None:
        """Rename an orphan into this process's name, so a second instance starting at the same
        time does not offer it too, and a crash while it is offered keeps it for next time.
        ``None`` when another process claimed it first."""
        target = self.new_slot().path
        try:
            os.replace(file, target)
        except FileNotFoundError:
            return None
        except OSError:
            return file  # cannot rename (read-only folder): offer it where it is
        return target

    def read(self, file: Path) -> RecoveryEntry:
        """Read a recovery file; every problem is a :class:`RecoveryError` sentence."""
        try:
            size = file.stat().st_size
            if size > MAX_BYTES:
                raise RecoveryError(f"The recovery file {file.name} is larger than {MAX_BYTES // 2**20} MB.")
            raw = json.loads(file.read_bytes().decode("utf-8"))
        except RecoveryError:
            raise
        except OSError as exc:
            raise RecoveryError(f"The recovery file {file.name} cannot be read ({exc.strerror or exc}).") from None
        except (ValueError, RecursionError):
            raise RecoveryError(f"The recovery file {file.name} is damaged (not valid JSON).") from None
        return _entry(file, raw)

    def move_aside(self, file: Path) -> Path | None:
        """Move a damaged file into ``damaged/`` (kept for a bug report, never offered again);
        ``None`` when even that fails."""
        target = self.folder / "damaged" / file.name
        try:
            _make_private_folder(target.parent)
            os.replace(file, target)
        except OSError:
            return None
        return target

    def remove(self, file: Path) -> None:
        _unlink(file)


def _entry(file: Path, raw: object) -> RecoveryEntry:
    def bad(what: str) -> RecoveryError:
        return RecoveryError(f"The recovery file {file.name} is damaged ({what}).")

    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise bad("it is not an ML System Canvas recovery file")
    if raw.get("version") != VERSION:
        raise bad(f"unsupported version {raw.get('version')!r}")
    pid, saved_at, original, design = raw.get("pid"), raw.get("saved_at"), raw.get("original"), raw.get("design")
    if not isinstance(pid, int) or isinstance(pid, bool):
        raise bad("no process id")
    try:
        when = datetime.fromisoformat(saved_at) if isinstance(saved_at, str) else None
    except ValueError:
        when = None
    if when is None:
        raise bad("no valid time")
    if original is not None and not (
        isinstance(original, str)
        and 0 < len(original) <= _MAX_PATH
        and "\x00" not in original
        and os.path.isabs(original)
    ):
        raise bad("the original file name is not an absolute path")
    if not isinstance(design, dict):
        raise bad("no design in it")
    try:
        parsed = parse_design(json.dumps(design), file.name)
    except DesignLoadError as exc:
        raise bad(f"its design is invalid: {exc.message}") from None
    except (ValueError, RecursionError):
        raise bad("its design is nested too deeply") from None
    return RecoveryEntry(file, pid, when, Path(original) if original else None, parsed)


def _make_private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
