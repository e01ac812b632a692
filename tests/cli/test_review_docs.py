"""docs/review-in-git.md's GitHub Actions workflow, as far as it runs outside GitHub: the YAML
parses and its diff step, run in a scratch clone of a repository whose pull request changes,
adds and deletes designs, writes one section per design and asks the gate to fail."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from canvas.io import save_design
from canvas.templates import load_template
from tests.cli.test_diff import changed_reference, git

DOC = Path(__file__).resolve().parents[2] / "docs" / "review-in-git.md"


def workflow() -> dict:  # type: ignore[type-arg]
    yaml = pytest.importorskip("yaml")
    block = re.search(r"```yaml\n(# \.github/workflows/design-review\.yml\n.*?)```", DOC.read_text(), re.S)
    assert block, "the workflow example is gone from docs/review-in-git.md"
    return yaml.safe_load(block.group(1))  # type: ignore[no-any-return]


def test_the_workflow_diff_step(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    steps = workflow()["jobs"]["review"]["steps"]
    assert [s.get("name") for s in steps][-3:] == [
        "Semantic diff of each changed design",
        "Post the comment",
        "Fail if the change brings an error finding",
    ]
    script = next(s for s in steps if s.get("id") == "diff")["run"]
    assert "pip install ml-canvas" not in str(steps)

    origin = tmp_path / "origin"
    (origin / "designs").mkdir(parents=True)
    git(origin, "init", "-q", "-b", "main")
    old, new = changed_reference()
    save_design(old, origin / "designs" / "app.json", backup=False)
    save_design(load_template("recommender"), origin / "designs" / "gone.json", backup=False)
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "base")
    pr = tmp_path / "pr"
    git(tmp_path, "clone", "-q", str(origin), str(pr))
    git(pr, "checkout", "-q", "-b", "feature")
    save_design(new, pr / "designs" / "app.json", backup=False)
    save_design(load_template("fraud-detection"), pr / "designs" / "new.json", backup=False)
    git(pr, "rm", "-q", "designs/gone.json")
    git(pr, "add", ".")
    git(pr, "commit", "-q", "-m", "change")

    env = {
        **os.environ,
        "GITHUB_BASE_REF": "main",
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(["bash", "-e", "-c", script], cwd=pr, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "output").read_text() == "fail=1\n"  # app.json and new.json bring errors
    review = (pr / "review.md").read_text()
    headings = [line for line in review.splitlines() if line.startswith("### ")]
    assert headings == ["### designs/app.json", "### designs/gone.json (deleted)", "### designs/new.json (added)"]
