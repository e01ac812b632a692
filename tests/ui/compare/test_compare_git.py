"""Compare With… a git revision of the open file (a temporary repository: commit, change,
compare with HEAD), the dialog's list of commits, and bad input: one sentence, nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from canvas.io import save_design
from canvas.ui.compare.compare_dialog import CompareChoice, CompareDialog
from canvas.ui.compare.ghost_item import ChangeMark, GhostCard
from tests.git_repo import GIT_ENV, git, repository
from tests.ui.compare.compare_rig import before_and_after, compare_with, row, scene_state
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def plain_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """git as on a fresh machine (no user configuration), never above the test's folder."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


@pytest.fixture
def repo_file(tmp_path: Path) -> Path:
    """designs/app.json committed twice (an older name, then Figure 1-1 as it was), then
    changed on disk and not committed."""
    old, new = before_and_after()
    first = old.clone()
    first.name = "First draft"
    path = repository(tmp_path / "repo", (first, "First draft"), (old, "Figure 1-1 as in the book"))
    save_design(new, path, backup=False)
    return path


def test_compare_with_head(qtbot, make_window, repo_file: Path) -> None:  # type: ignore[no-untyped-def]
    window, _ = make_window()
    assert window.files.open_path(repo_file, ask=False)
    before = scene_state(window)
    errors = compare_with(window, CompareChoice(revision="HEAD"))
    assert errors.said == [] and window.compare.active
    assert window.compare.panel.title.text() == "This design compared with app.json at HEAD"
    short = git(repo_file.parent.parent, "rev-parse", "--short", "HEAD").strip()
    assert window.compare.panel.summary.text().splitlines()[0].startswith(short)
    assert window.compare.panel.summary.text().splitlines()[0].endswith(" · Figure 1-1 as in the book")
    assert {i.component_id for i in window.scene.items() if isinstance(i, GhostCard)} == {"evaluation"}
    assert {i.parentItem().component_id for i in window.scene.items() if isinstance(i, ChangeMark)} == {"ab", "model"}
    assert row(window, 'label: "Model" → "Ranking model"')
    window.compare.leave()
    assert scene_state(window) == before and window.document.undo_stack.count() == 0


def test_a_commit_chosen_from_the_list_is_named_by_its_short_hash(qtbot, make_window, repo_file: Path) -> None:  # type: ignore[no-untyped-def]
    window, _ = make_window()
    assert window.files.open_path(repo_file, ask=False)
    first = git(repo_file.parent.parent, "rev-parse", "HEAD~1").strip()
    assert compare_with(window, CompareChoice(revision=first)).said == []
    assert window.compare.panel.title.text() == f"This design compared with app.json at {first[:7]}"
    assert window.compare.panel.summary.text().splitlines()[0].endswith(" · First draft")
    assert row(window, 'name: "First draft" → "Figure 1-1 reference system"')


def test_the_dialog_lists_the_commits_of_the_file(qtbot, repo_file: Path) -> None:  # type: ignore[no-untyped-def]
    git(repo_file.parent.parent, "commit", "-q", "--allow-empty", "-m", "Unrelated")  # not about the file
    dialog = CompareDialog(repo_file, str(repo_file.parent))
    qtbot.addWidget(dialog)
    box = dialog.revision_box
    texts = [box.itemText(i) for i in range(box.count())]
    assert len(texts) == 2
    assert texts[0].endswith("· Figure 1-1 as in the book") and texts[1].endswith("· First draft")
    assert dialog.revision_option.isChecked()
    head_of_file = git(repo_file.parent.parent, "rev-parse", "HEAD~1").strip()
    assert dialog.choice() == CompareChoice(revision=head_of_file)  # the full hash of the listed commit
    box.setCurrentIndex(1)
    box.lineEdit().setText("HEAD~2")  # or any revision, typed
    assert dialog.choice() == CompareChoice(revision="HEAD~2")
    dialog.file_edit.setText(str(repo_file))
    dialog.file_option.setChecked(True)
    assert dialog.choice() == CompareChoice(file=repo_file)


def test_the_dialog_for_an_untitled_design_or_a_file_outside_git(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    untitled = CompareDialog(None, str(tmp_path))
    qtbot.addWidget(untitled)
    assert not untitled.revision_option.isEnabled() and untitled.file_option.isChecked()
    assert "Save the design" in untitled.hint.text()
    ok = untitled.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing chosen yet
    untitled.file_edit.setText(str(tmp_path / "x.json"))
    assert ok.isEnabled()

    plain = tmp_path / "plain"
    plain.mkdir()
    save_design(before_and_after()[0], plain / "app.json", backup=False)
    outside = CompareDialog(plain / "app.json", str(plain))
    qtbot.addWidget(outside)
    assert outside.hint.text() == f"The folder {plain} is not in a git repository."
    assert outside.file_option.isChecked()


def _bad(window, choice: CompareChoice) -> str:  # type: ignore[no-untyped-def]
    """Compare, expecting one sentence and no change at all."""
    before, count = scene_state(window), window.document.undo_stack.count()
    was_active = window.compare.active
    errors = compare_with(window, choice)
    assert len(errors.said) == 1, errors.said
    title, message = errors.said[0]
    assert title == "Cannot compare" and "\n" not in message and "Traceback" not in message
    assert scene_state(window) == before and window.document.undo_stack.count() == count
    assert window.compare.active == was_active
    return message


def test_bad_input_is_one_sentence_and_changes_nothing(qtbot, make_window, repo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, _ = make_window()
    window.document.replace(before_and_after()[1])  # untitled: no file, so no history
    assert _bad(window, CompareChoice(revision="HEAD")) == (
        "Figure 1-1 reference system: save the design first: only a file has a git history"
    )
    assert window.files.open_path(repo_file, ask=False)

    not_a_design = tmp_path / "package.json"
    not_a_design.write_text('{"name": "web", "version": "1.0.0"}')
    assert _bad(window, CompareChoice(file=not_a_design)) == (
        f'{not_a_design}: this is not an ML System Canvas design (no "format" field; expected "ml-canvas")'
    )
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert _bad(window, CompareChoice(file=text)).startswith(f"{text}: not valid JSON")
    assert _bad(window, CompareChoice(file=tmp_path / "gone.json")) == f"{tmp_path / 'gone.json'}: no such file"

    assert _bad(window, CompareChoice(revision="nosuchrev")) == (
        "app.json at nosuchrev: there is no revision 'nosuchrev' in this repository"
    )
    assert _bad(window, CompareChoice(revision="HEAD:other.json")) == (
        "app.json at HEAD:other.json: 'HEAD:other.json' is not a revision"
    )
    assert (
        _bad(window, CompareChoice(revision="--output=x")) == "app.json at --output=x: '--output=x' is not a revision"
    )

    # A comparison already shown stays as it was.
    assert compare_with(window, CompareChoice(revision="HEAD")).said == []
    _bad(window, CompareChoice(revision="nosuchrev"))
    assert window.compare.panel.title.text() == "This design compared with app.json at HEAD"

    new_file = repo_file.parent / "new.json"  # in the repository, never committed
    save_design(before_and_after()[0], new_file, backup=False)
    assert window.files.open_path(new_file, ask=False)
    assert _bad(window, CompareChoice(revision="HEAD")) == (
        "new.json at HEAD: there is no file 'new.json' in revision 'HEAD'"
    )


def test_a_file_not_in_a_git_repository(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plain = tmp_path / "plain"
    plain.mkdir()
    save_design(before_and_after()[1], plain / "app.json", backup=False)
    window, _ = make_window()
    assert window.files.open_path(plain / "app.json", ask=False)
    assert _bad(window, CompareChoice(revision="HEAD")) == (
        f"app.json at HEAD: the folder {plain} is not in a git repository"
    )


def test_a_broken_design_at_a_revision(qtbot, make_window, repo_file: Path) -> None:  # type: ignore[no-untyped-def]
    root = repo_file.parent.parent
    good = repo_file.read_bytes()
    repo_file.write_text("{broken")
    git(root, "commit", "-q", "-am", "broken")
    repo_file.write_bytes(good)
    window, _ = make_window()
    assert window.files.open_path(repo_file, ask=False)
    assert _bad(window, CompareChoice(revision="HEAD")).startswith("app.json at HEAD: not valid JSON")
    assert compare_with(window, CompareChoice(revision="HEAD~1")).said == []  # the one before is fine
