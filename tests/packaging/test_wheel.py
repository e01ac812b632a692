"""The wheel and the pre-commit hook, as a team's CI and laptops use them.

- ``python -m build`` makes an sdist and a pure-Python wheel with the assets inside; the wheel
  installs into a fresh virtualenv, where ``ml-canvas --version``, ``templates``, ``check`` on
  a shipped template, ``new``, ``diff`` and both exports (Mermaid, and PNG through Qt offscreen)
  work from the installed package alone (run outside the repository);
- ``pre-commit try-repo`` installs this repository's ``ml-canvas-check`` hook the way a team's
  config does, and runs it in a scratch git repository: it fails on a design with errors,
  passes a clean one and leaves other JSON alone.

They install packages (~1 min), so they run with the packaging tests:
``ML_CANVAS_TEST_PACKAGING=1 .venv/bin/python -m pytest -m packaging tests/packaging/test_wheel.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from canvas.io import save_design
from tests.cli.test_check import write_design
from tests.cli.test_diff import changed_reference, git

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        os.environ.get("ML_CANVAS_TEST_PACKAGING") != "1",
        reason="installs the wheel and the pre-commit hook (~1 min); set ML_CANVAS_TEST_PACKAGING=1",
    ),
]


def _run(cmd: list[str], cwd: Path, timeout: float = 600, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, env={**clean, **env}
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    (whl,) = out.glob("ml_canvas-*-py3-none-any.whl")
    assert list(out.glob("ml_canvas-*.tar.gz"))
    return whl


def test_the_wheel_holds_the_package_and_its_assets(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assets = ROOT / "assets"
    for path in sorted(p for p in assets.rglob("*") if p.is_file()):
        assert f"canvas/assets/{path.relative_to(assets).as_posix()}" in names
    assert "canvas/cli.py" in names and "canvas/py.typed" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or n.startswith("tests/")]


def test_the_wheel_installs_and_runs_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    install = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path)
    assert install.returncode == 0, install.stderr
    work = tmp_path / "work"
    work.mkdir()
    exe = str(venv / "bin" / "ml-canvas")

    def ml_canvas(*args: str) -> subprocess.CompletedProcess[str]:
        return _run([exe, *args], cwd=work, QT_QPA_PLATFORM="offscreen")

    version = ml_canvas("--version")
    assert version.returncode == 0 and version.stdout.startswith("ml-canvas ")
    templates = ml_canvas("templates")
    assert templates.returncode == 0 and "figure-1-1" in templates.stdout
    where = _run(
        [str(venv / "bin" / "python"), "-c", "import canvas.resources as r; print(r.templates_dir())"], cwd=work
    )
    assert where.stdout.strip().startswith(str(venv)), where.stdout  # the wheel's copy, not the checkout's
    figure = Path(where.stdout.strip()) / "figure-1-1.json"
    check = ml_canvas("check", str(figure))
    assert (check.returncode, check.stderr) == (0, ""), check.stdout
    assert "0 errors, 0 warnings" in check.stdout
    assert ml_canvas("new", "--template", "fraud-detection", "-o", "fraud.json").returncode == 0
    assert ml_canvas("check", "fraud.json").returncode == 1  # its SLO error
    old, new = changed_reference()
    save_design(old, work / "old.json", backup=False)
    save_design(new, work / "new.json", backup=False)
    diff = ml_canvas("diff", "old.json", "new.json", "--format", "markdown")
    assert diff.returncode == 1 and "#### Findings introduced" in diff.stdout
    mermaid = ml_canvas("export", "fraud.json", "-o", "fraud.mmd")
    assert mermaid.returncode == 0 and (work / "fraud.mmd").read_text().splitlines()[1] == "flowchart LR"
    png = ml_canvas("export", "fraud.json", "-o", "fraud.png", "--scale", "1")
    assert png.returncode == 0, png.stderr
    assert (work / "fraud.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_pre_commit_hook(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write_design(repo / "lonely.json")  # errors
    clean, _ = changed_reference()
    save_design(clean, repo / "clean.json", backup=False)
    (repo / "package.json").write_text('{"name": "web"}\n')
    git(repo, "add", ".")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "ml-canvas-check"]

    failing = _run([*pre_commit, "--files", "lonely.json", "clean.json", "package.json"], cwd=repo, **env)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "ML System Canvas check" in failing.stdout and "Failed" in failing.stdout
    assert "lonely.json: Lonely — 2 errors" in failing.stdout
    assert "model.unmonitored" in failing.stdout and "package.json" not in failing.stdout

    passing = _run([*pre_commit, "--files", "clean.json", "package.json"], cwd=repo, **env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
