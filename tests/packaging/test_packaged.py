"""The standalone build: PyInstaller onedir app, .tar.gz and .deb, smoke-tested clean.

Slow (a build takes about a minute) and it installs a package, so it only runs when
``ML_CANVAS_TEST_PACKAGING=1`` (CI sets it):

    ML_CANVAS_TEST_PACKAGING=1 .venv/bin/python -m pytest -m packaging -v

It builds with ``packaging/build.sh`` unless ``dist/`` already holds a build newer than every
source, asset and packaging file (``ML_CANVAS_PACKAGING_REBUILD=1`` forces a build), then
runs ``packaging/smoke_test.sh`` (``env -i``, no python on PATH, a temporary HOME) on
``dist/ml-canvas/ml-canvas`` and on the unpacked archive, and -- as root with apt-get --
installs the .deb with ``apt-get install``, smoke-tests ``/usr/bin/ml-canvas`` and purges it.
The smoke test's own switches (``ML_CANVAS_SMOKE_ALLOW_NO_EXPORT``, ...) pass through.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
APP = DIST / "ml-canvas" / "ml-canvas"
SMOKE = ROOT / "packaging" / "smoke_test.sh"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        os.environ.get("ML_CANVAS_TEST_PACKAGING") != "1",
        reason="packaging tests build the app (~1 min); set ML_CANVAS_TEST_PACKAGING=1",
    ),
]


def _version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _newest_source_mtime() -> float:
    paths = [ROOT / "pyproject.toml"]
    for folder in ("src", "assets", "packaging"):
        paths += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in paths)


def _artifacts(version: str) -> tuple[Path, Path]:
    tarballs = sorted(DIST.glob(f"ml-canvas-{version}-linux-*.tar.gz"))
    debs = sorted(DIST.glob(f"ml-canvas_{version}_*.deb"))
    return (
        tarballs[-1] if tarballs else Path("/nonexistent"),
        debs[-1] if debs else Path("/nonexistent"),
    )


def _run(cmd: list[str], timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def build() -> dict[str, Path | str]:
    """dist/ml-canvas/, the .tar.gz and the .deb of the current version, built if stale."""
    version = _version()
    tarball, deb = _artifacts(version)
    fresh = (
        all(p.exists() for p in (APP, tarball, deb))
        and min(p.stat().st_mtime for p in (APP, tarball, deb)) > _newest_source_mtime()
    )
    if not fresh or os.environ.get("ML_CANVAS_PACKAGING_REBUILD") == "1":
        result = _run([str(ROOT / "packaging" / "build.sh")], timeout=1200)
        assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
        tarball, deb = _artifacts(version)
    assert APP.is_file() and tarball.is_file() and deb.is_file()
    return {"version": version, "tarball": tarball, "deb": deb}


def _smoke(binary: str, version: str) -> None:
    result = _run([str(SMOKE), binary], timeout=600, env={"ML_CANVAS_EXPECT_VERSION": version})
    print(result.stdout)
    assert result.returncode == 0, f"smoke test of {binary} failed:\n{result.stdout}\n{result.stderr}"


def test_onedir_app_passes_the_smoke_test(build: dict) -> None:
    _smoke(str(APP), build["version"])


def test_archive_unpacks_to_a_working_app(build: dict, tmp_path: Path) -> None:
    with tarfile.open(build["tarball"]) as tar:
        tar.extractall(tmp_path, filter="tar")
    binary = tmp_path / "ml-canvas" / "ml-canvas"
    result = subprocess.run(
        [
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            f"HOME={tmp_path}",
            str(binary),
            "--version",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ml-canvas {build['version']}"
    templates = subprocess.run(
        [
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            f"HOME={tmp_path}",
            str(binary),
            "templates",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert templates.returncode == 0 and "figure-1-1" in templates.stdout, templates.stderr


def test_deb_metadata_and_contents(build: dict) -> None:
    info = _run(
        ["dpkg-deb", "--field", str(build["deb"]), "Package", "Version", "Depends"],
        timeout=60,
    )
    assert info.returncode == 0, info.stderr
    assert "Package: ml-canvas" in info.stdout and f"Version: {build['version']}" in info.stdout
    for dep in (
        "libgl1",
        "libegl1",
        "libxcb1",
        "fontconfig-config",
        "fonts-dejavu-core",
    ):
        assert dep in info.stdout
    listing = _run(["dpkg-deb", "--contents", str(build["deb"])], timeout=60).stdout
    for path in (
        "./opt/ml-canvas/ml-canvas",
        "./usr/bin/ml-canvas -> /opt/ml-canvas/ml-canvas",
        "./usr/share/applications/ml-canvas.desktop",
        "./usr/share/mime/packages/ml-canvas.xml",
        "./usr/share/icons/hicolor/scalable/apps/ml-canvas.svg",
        *(f"./usr/share/icons/hicolor/{n}x{n}/apps/ml-canvas.png" for n in (16, 24, 32, 48, 64, 128, 256)),
    ):
        assert path in listing, f"{path} missing from the .deb"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="installing the .deb needs root",
)
@pytest.mark.skipif(shutil.which("apt-get") is None, reason="no apt-get")
def test_deb_installs_and_the_installed_command_passes_the_smoke_test(
    build: dict,
) -> None:
    before = _run(["dpkg-query", "-W", "-f=${Status}", "ml-canvas"], timeout=60)
    if "install ok installed" in before.stdout:
        pytest.skip("an ml-canvas package is already installed here; not replacing it")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    install = _run(
        [
            "apt-get",
            "install",
            "-y",
            "--no-install-recommends",
            f"./{build['deb'].relative_to(ROOT)}",
        ],
        timeout=600,
        env=env,
    )
    try:
        assert install.returncode == 0, f"apt-get install failed:\n{install.stdout}\n{install.stderr}"
        assert Path("/usr/bin/ml-canvas").resolve() == Path("/opt/ml-canvas/ml-canvas")
        assert Path("/usr/share/applications/ml-canvas.desktop").is_file()
        assert Path("/usr/share/icons/hicolor/48x48/apps/ml-canvas.png").is_file()
        if shutil.which("update-mime-database"):
            assert Path("/usr/share/mime/application/x-ml-canvas+json.xml").is_file()
        _smoke("/usr/bin/ml-canvas", build["version"])
    finally:
        purge = _run(["apt-get", "purge", "-y", "ml-canvas"], timeout=600, env=env)
        assert purge.returncode == 0, purge.stderr
    assert not Path("/opt/ml-canvas").exists() and not Path("/usr/bin/ml-canvas").exists()
