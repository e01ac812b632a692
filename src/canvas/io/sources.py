"""File layer: where the two sides of ``ml-canvas diff`` come from — a file, a file as a git
revision holds it (``REV:PATH``), or nothing (``/dev/null``, as git names the missing side
of an added or deleted file).

``REV:PATH`` is read the way ``git show REV:PATH`` reads it (``git cat-file blob``, which
never runs a textconv): PATH is relative to the repository's top folder, ``REV:./PATH`` to
the current folder, and an empty REV (``:PATH``) is the index. A name that is an existing
file is always a file, so a file whose name has a colon still reads as one. Every way this
can fail is a :class:`DesignLoadError` with one sentence naming the argument.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass

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


def _git(args: list[str], spec: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise DesignLoadError(spec, "reading REV:PATH needs git, and git is not installed") from None
    except OSError as exc:
        raise DesignLoadError(spec, f"git cannot be run ({exc.strerror or exc})") from None


def read_git_blob(spec: str) -> bytes:
    """The bytes of ``REV:PATH`` in the git repository of the current folder."""
    rev, _, path = spec.partition(":")
    if rev.startswith("-"):
        raise DesignLoadError(spec, f"'{rev}' is not a revision")
    if not path:
        raise DesignLoadError(spec, "no path after the colon (write REV:PATH, e.g. HEAD:designs/app.json)")
    if _git(["rev-parse", "--git-dir"], spec).returncode != 0:
        raise DesignLoadError(spec, f"the current folder ({os.getcwd()}) is not in a git repository")
    if rev and _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{tree}}"], spec).returncode != 0:
        raise DesignLoadError(spec, f"there is no revision '{rev}' in this repository")
    kind = _git(["cat-file", "-t", spec], spec)
    where = f"revision '{rev}'" if rev else "the index"
    if kind.returncode != 0:
        raise DesignLoadError(
            spec, f"there is no file '{path}' in {where} (paths start at the repository's top folder)"
        )
    if kind.stdout.strip() != b"blob":
        raise DesignLoadError(spec, f"'{path}' is a folder in {where}, not a design file")
    size = _git(["cat-file", "-s", spec], spec)
    if size.returncode == 0 and int(size.stdout.strip() or 0) > MAX_BYTES:
        raise DesignLoadError(spec, f"the file is larger than the {MAX_BYTES // 2**20} MB a design may be")
    blob = _git(["cat-file", "blob", spec], spec)
    if blob.returncode != 0:
        message = blob.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DesignLoadError(spec, f"git cannot read it ({message[-1] if message else 'no reason given'})")
    return blob.stdout


__all__ = ["NOTHING", "Source", "is_git_source", "looks_like_design", "read_git_blob", "read_source"]
