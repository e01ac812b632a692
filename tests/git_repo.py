"""git for the tests, without Qt: a fresh user's git (no configuration, a fixed author) and a
temporary repository whose design file went through given versions, one commit each."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from canvas.core.model import Design
from canvas.io import save_design

#: As on a fresh machine: no user or system configuration, a fixed author and committer.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def repository(root: Path, *versions: tuple[Design, str]) -> Path:
    """A git repository at ``root`` whose designs/app.json went through ``versions`` (one
    commit each, with its message); returns the file's path."""
    (root / "designs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    path = root / "designs" / "app.json"
    for design, message in versions:
        save_design(design, path, backup=False)
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", message)
    return path
