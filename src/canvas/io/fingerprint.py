"""File layer: what a design file looked like when it was opened or saved, to notice that
another program changed it since (never silently overwrite someone else's work).

A fingerprint is the file's modification time, size and SHA-256. Comparing first looks at
the cheap ``stat`` fields; only when they differ is the content hashed, so a ``touch`` or a
program that rewrites the same bytes is not reported as a change.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileFingerprint:
    """``sha256`` is empty when the file exists but cannot be read."""

    mtime_ns: int
    size: int
    sha256: str

    def same_content(self, other: FileFingerprint) -> bool:
        if self.size != other.size:
            return False
        if self.sha256 and other.sha256:
            return self.sha256 == other.sha256
        return self.mtime_ns == other.mtime_ns


def fingerprint(path: Path) -> FileFingerprint | None:
    """The file's fingerprint, or ``None`` when there is no file at ``path``."""
    try:
        st = path.stat()
    except OSError:
        return None
    if not os.path.isfile(path):
        return None
    return FileFingerprint(st.st_mtime_ns, st.st_size, _sha256(path))


def has_changed(path: Path, known: FileFingerprint | None) -> bool:
    """True when the file at ``path`` differs from ``known`` (``None``: there was no file).

    A file that disappeared counts as changed; callers decide whether that matters."""
    try:
        st = path.stat()
    except OSError:
        return known is not None
    if known is None:
        return True
    if st.st_mtime_ns == known.mtime_ns and st.st_size == known.size:
        return False
    now = fingerprint(path)
    return now is None or not now.same_content(known)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()
