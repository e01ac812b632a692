"""The file layer's reading of a file at a git revision from the file's own folder (what the
editor's Compare With… uses), without Qt: whatever the current folder is."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas.core.model import Design
from canvas.io import DesignLoadError, save_design
from canvas.io.sources import read_revision, revision_of, revisions_of
from tests.git_repo import GIT_ENV, git, repository


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """repo/designs/app.json named "One", then "Two" (two commits); the current folder is
    elsewhere, outside any repository."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    path = repository(tmp_path / "repo", (Design(name="One"), "Name it One"), (Design(name="Two"), "Name it Two"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return path


def test_read_revision_from_the_files_folder(app: Path) -> None:
    assert read_revision(app, "HEAD").name == "Two"
    assert read_revision(app, " HEAD~1 ").name == "One"
    head = git(app.parent, "rev-parse", "HEAD~1").strip()
    assert read_revision(app, head).name == "One"


def test_revisions_of_newest_first(app: Path) -> None:
    revisions = revisions_of(app)
    assert [r.subject for r in revisions] == ["Name it Two", "Name it One"]
    assert revisions[0].commit == git(app.parent, "rev-parse", "HEAD").strip()
    assert revisions[0].commit.startswith(revisions[0].short)
    assert len(revisions[0].date) == 10  # YYYY-MM-DD
    assert revisions_of(app, limit=1) == revisions[:1]
    assert revision_of(app, "HEAD~1") == revisions[1]
    assert revision_of(app, "nope") is None and revision_of(app, "--all") is None


@pytest.mark.parametrize(
    ("rev", "sentence"),
    [
        ("", "app.json at '': no revision given (e.g. HEAD, HEAD~1, main or a commit hash)"),
        ("nope", "app.json at nope: there is no revision 'nope' in this repository"),
        ("HEAD:x.json", "app.json at HEAD:x.json: 'HEAD:x.json' is not a revision"),
        ("-p", "app.json at -p: '-p' is not a revision"),
    ],
)
def test_bad_revisions_are_one_sentence(app: Path, rev: str, sentence: str) -> None:
    with pytest.raises(DesignLoadError) as caught:
        read_revision(app, rev)
    assert str(caught.value) == sentence


def test_outside_a_repository(app: Path, tmp_path: Path) -> None:
    plain = tmp_path / "elsewhere" / "app.json"
    save_design(Design(name="Loose"), plain, backup=False)
    with pytest.raises(DesignLoadError) as caught:
        read_revision(plain, "HEAD")
    assert str(caught.value) == f"app.json at HEAD: the folder {plain.parent} is not in a git repository"
    with pytest.raises(DesignLoadError):
        revisions_of(plain)


def test_a_file_never_committed(app: Path) -> None:
    new = app.parent / "new.json"
    save_design(Design(name="New"), new, backup=False)
    assert revisions_of(new) == []
    with pytest.raises(DesignLoadError, match="there is no file 'new.json' in revision 'HEAD'$"):
        read_revision(new, "HEAD")
