"""File layer: where the two sides of ``ml-canvas diff`` come from — a file, a file as a git
revision holds it (``REV:PATH``), or nothing (``/dev/null``, as git names the missing side
of an added or deleted file).

``REV:PATH`` is read the way ``git show REV:PATH`` reads it (``git cat-file blob``, which
never runs a textconv): PATH is relative to the repository's top folder, ``REV:./PATH`` to
the current folder, and an empty REV (``:PATH``) is the index. A name that is an existing
file is always a file, so a file whose name has a colon still reads as one. Every way this
can fail is a :class:`DesignLoadError` with one sentence naming the argument.

The editor's File ▸ Compare With… reads the open file at a revision the same way, from the
file's own folder rather than the current one (:func:`read_revision`), and lists the commits
that touched it (:func:`revisions_of`).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from canvas.core.model import Design
from canvas.io.errors import DesignLoadError
from canvas.io.load import MAX_BYTES, parse_design, read_design_bytes

#: How a design file says what it is; the file format writes it first (stable key order).
_DESIGN_MARK = re.compile(rb'"format"\s*:\s*"ml-canvas"')
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
NOTHING = ("/dev/null", os.devnull)


def looks_like_design(data: bytes) -> bool:
    """True when the bytes say they are a design (``"format": "ml-canvas"`` anywhere), broken
    or not: what a hook or a textconv over every ``*.json`` must check, and every other JSON
    file (``package.json``, a JSON-with-comments settings file) may be left alone."""
    return _DESIGN_MARK.search(data) is not None


def is_git_source(spec: str) -> bool:
    """``REV:PATH`` rather than a file: has a colon, is not an existing file, not ``C:\\``."""
    return ":" in spec and not _WINDOWS_DRIVE.match(spec) and not os.path.lexists(spec)


@dataclass(frozen=True)
class Source:
    """A side of a diff: what it is called, and its bytes (``None``: no design)."""

    name: str
    data: bytes | None

    def design(self) -> Design | None:
        return None if self.data is None else parse_design(self.data, self.name)


def read_source(spec: str) -> Source:
    """The bytes ``spec`` names, or a :class:`DesignLoadError` that says why not."""
    if spec in NOTHING:
        return Source(spec, None)
    if is_git_source(spec):
        return Source(spec, read_git_blob(spec))
    return Source(spec, read_design_bytes(spec))


def _git(args: list[str], spec: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], capture_output=True, check=False, cwd=cwd)
    except FileNotFoundError:
        raise DesignLoadError(spec, "reading REV:PATH needs git, and git is not installed") from None
    except OSError as exc:
        raise DesignLoadError(spec, f"git cannot be run ({exc.strerror or exc})") from None


def read_git_blob(spec: str, cwd: Path | None = None) -> bytes:
    """The bytes of ``REV:PATH`` in the git repository of the current folder (or of ``cwd``)."""
    rev, _, path = spec.partition(":")
    if rev.startswith("-"):
        raise DesignLoadError(spec, f"'{rev}' is not a revision")
    if not path:
        raise DesignLoadError(spec, "no path after the colon (write REV:PATH, e.g. HEAD:designs/app.json)")
    _require_repository(spec, cwd)
    if rev and _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{tree}}"], spec, cwd).returncode != 0:
        raise DesignLoadError(spec, f"there is no revision '{rev}' in this repository")
    kind = _git(["cat-file", "-t", spec], spec, cwd)
    where = f"revision '{rev}'" if rev else "the index"
    if kind.returncode != 0:
        if path.startswith("./"):  # relative to the folder: no hint about the top folder
            raise DesignLoadError(spec, f"there is no file '{path[2:]}' in {where}")
        raise DesignLoadError(
            spec, f"there is no file '{path}' in {where} (paths start at the repository's top folder)"
        )
    if kind.stdout.strip() != b"blob":
        raise DesignLoadError(spec, f"'{path}' is a folder in {where}, not a design file")
    size = _git(["cat-file", "-s", spec], spec, cwd)
    if size.returncode == 0 and int(size.stdout.strip() or 0) > MAX_BYTES:
        raise DesignLoadError(spec, f"the file is larger than the {MAX_BYTES // 2**20} MB a design may be")
    blob = _git(["cat-file", "blob", spec], spec, cwd)
    if blob.returncode != 0:
        message = blob.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DesignLoadError(spec, f"git cannot read it ({message[-1] if message else 'no reason given'})")
    return blob.stdout


def _require_repository(spec: str, cwd: Path | None) -> None:
    if _git(["rev-parse", "--git-dir"], spec, cwd).returncode != 0:
        where = f"the current folder ({os.getcwd()})" if cwd is None else f"the folder {cwd}"
        raise DesignLoadError(spec, f"{where} is not in a git repository")


# --- the open file's history (File ▸ Compare With… in the editor) -------------------------


@dataclass(frozen=True)
class Revision:
    """A commit that touched a file: its full and short hash, its date and its subject."""

    commit: str
    short: str
    date: str
    subject: str


def revision_name(path: Path, rev: str) -> str:
    """How the editor names a file at a revision: ``app.json at HEAD~1``."""
    return f"{path.name} at {rev}"


def read_revision(path: Path, rev: str) -> Design:
    """The design file ``path`` as revision ``rev`` of its own repository holds it (``git show
    REV:./NAME`` run in the file's folder). Every failure is one sentence naming the file and
    the revision; an empty ``rev`` is refused (it would be the index)."""
    rev = rev.strip()
    name = revision_name(path, rev or "''")
    if not rev:
        raise DesignLoadError(name, "no revision given (e.g. HEAD, HEAD~1, main or a commit hash)")
    if ":" in rev:  # REV:./NAME would read another file
        raise DesignLoadError(name, f"'{rev}' is not a revision")
    try:
        data = read_git_blob(f"{rev}:./{path.name}", cwd=path.parent)
    except DesignLoadError as exc:  # named by the file and revision, not by git's REV:./NAME
        raise DesignLoadError(name, exc.message) from None
    return parse_design(data, name)


def revisions_of(path: Path, limit: int = 30) -> list[Revision]:
    """The latest ``limit`` commits that touched ``path``, newest first (``git log -- PATH``);
    a :class:`DesignLoadError` when git is missing or the file is not in a repository."""
    spec = str(path)
    _require_repository(spec, path.parent)
    return _log(path, [f"-n{limit}", "--", path.name])


def revision_of(path: Path, rev: str) -> Revision | None:
    """The commit ``rev`` names in the repository of ``path`` (``None`` if it names none)."""
    if rev.startswith("-"):
        return None
    try:
        found = _log(path, ["-n1", rev, "--"])
    except DesignLoadError:
        return None
    return found[0] if found else None


def _log(path: Path, args: list[str]) -> list[Revision]:
    out = _git(["log", "--format=%H%x1f%h%x1f%ad%x1f%s", "--date=short", *args], str(path), path.parent)
    if out.returncode != 0:  # e.g. a repository without commits yet
        return []
    revisions = []
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\x1f")
        if len(parts) == 4:
            revisions.append(Revision(*parts))
    return revisions


__all__ = [
    "NOTHING",
    "Revision",
    "Source",
    "is_git_source",
    "looks_like_design",
    "read_git_blob",
    "read_revision",
    "read_source",
    "revision_name",
    "revision_of",
    "revisions_of",
]
