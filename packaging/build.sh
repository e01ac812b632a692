#!/usr/bin/env bash
# Builds the standalone ML System Canvas: one command, from the repository root or anywhere.
#
#   ./packaging/build.sh
#
# Produces, in dist/ (gitignored; the PyInstaller work files go to build/pyinstaller):
#   dist/ml-canvas/                              the onedir app; run dist/ml-canvas/ml-canvas
#   dist/ml-canvas-<version>-linux-<arch>.tar.gz that folder as an archive (unpack anywhere)
#   dist/ml-canvas_<version>_<debarch>.deb       installs /opt/ml-canvas, /usr/bin/ml-canvas,
#                                                a .desktop entry, hicolor icons, a MIME type
#
# Needs the project venv (./scripts/setup.sh) with the `package` extra
# (.venv/bin/pip install -e ".[package]"); it runs either of them itself when missing, and
# installs binutils (objdump, which PyInstaller needs) with apt-get when missing.
# dpkg-deb comes with every Debian. Python is needed to build, never to run the result.
#
# Environment:
#   SKIP_DEB=1    build the app and the archive only
#   SKIP_CLEAN=1  reuse PyInstaller's cache in build/pyinstaller (faster rebuilds)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
START=$(date +%s.%N)

say() { printf '== %s\n' "$*"; }
die() { printf 'packaging/build.sh: %s\n' "$*" >&2; exit 1; }

# --- prerequisites --------------------------------------------------------------------
if [ ! -x "$PY" ]; then
  say "no .venv: running ./scripts/setup.sh"
  ./scripts/setup.sh
fi
if [ ! -x .venv/bin/pyinstaller ]; then
  say "installing the package extra (PyInstaller)"
  "$PY" -m pip install -q -e ".[package]"
fi
if ! command -v objdump >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "objdump (binutils) is missing and there is no apt-get to install it"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  say "installing binutils (objdump)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends binutils
fi
if [ "${SKIP_DEB:-0}" != 1 ]; then
  command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb is missing (set SKIP_DEB=1 to build without the .deb)"
fi
compgen -G "assets/templates/*.json" >/dev/null || die "assets/templates/ holds no template; the app would not start"

# The version the frozen app reports comes from the installed metadata; refresh a stale
# editable install (pyproject.toml bumped since) so the metadata we bundle is right.
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
INSTALLED=$("$PY" -c 'import importlib.metadata as m; print(m.version("ml-canvas"))' 2>/dev/null || true)
if [ "$VERSION" != "$INSTALLED" ]; then
  say "package metadata says '$INSTALLED', pyproject.toml says $VERSION: reinstalling"
  "$PY" -m pip install -q --no-deps -e .
fi
ARCH=$(uname -m)
DEBARCH=$(dpkg --print-architecture 2>/dev/null || echo "$ARCH")

# --- the onedir app -------------------------------------------------------------------
say "PyInstaller: dist/ml-canvas/ (version $VERSION)"
rm -rf dist/ml-canvas
CLEAN=(--clean); [ "${SKIP_CLEAN:-0}" = 1 ] && CLEAN=()
T0=$(date +%s.%N)
.venv/bin/pyinstaller --noconfirm "${CLEAN[@]}" --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/ml-canvas.spec
T1=$(date +%s.%N)

APP=dist/ml-canvas
[ -x "$APP/ml-canvas" ] || die "PyInstaller produced no $APP/ml-canvas"
compgen -G "$APP/_internal/assets/templates/*.json" >/dev/null || die "the bundle has no templates"
compgen -G "$APP/_internal/ml_canvas-*.dist-info" >/dev/null || die "the bundle has no ml-canvas metadata"
if find "$APP" -xtype l | grep -q .; then
  die "dangling links in the bundle: $(find "$APP" -xtype l | tr '\n' ' ')"
fi
# Every library a bundled ELF file links to must be in the bundle or be a system library
# the .deb depends on; list the system ones (checked against Depends by hand) and find the
# newest glibc symbol version the bundle uses (the libc6 dependency).
GLIBC_MIN=$("$PY" - "$APP" <<'EOF'
import os, re, subprocess, sys
root = sys.argv[1]
bundled, needed, glibc = set(), {}, set()
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        if os.path.islink(path) or ".so" not in name and name != "ml-canvas":
            continue
        bundled.add(name)
        out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.strip().startswith("NEEDED"):
                needed.setdefault(line.split()[1], set()).add(os.path.relpath(path, root))
        versions = subprocess.run(["objdump", "-T", path], capture_output=True, text=True).stdout
        for m in re.finditer(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b", versions):
            glibc.add(tuple(int(x or 0) for x in m.groups()))
bundled |= {n for f, _, fs in os.walk(root) for n in fs}
system = sorted(n for n in needed if n not in bundled)
qt = [n for n in system if n.startswith(("libQt6", "libpyside6", "libshiboken6", "libpython"))]
if qt:
    sys.exit(f"bundle is missing its own libraries: {qt} (needed by {[sorted(needed[n]) for n in qt]})")
print("   system libraries the bundle links to:", " ".join(system), file=sys.stderr)
newest = max(glibc)
print(".".join(str(x) for x in (newest if newest[2] else newest[:2])))
EOF
)
echo "   newest glibc symbol version used: $GLIBC_MIN"
"$APP/ml-canvas" --version | grep -qx "ml-canvas $VERSION" || die "the frozen app does not report version $VERSION"

# --- the archive ----------------------------------------------------------------------
TARBALL=dist/ml-canvas-$VERSION-linux-$ARCH.tar.gz
say "archive: $TARBALL"
rm -f "$TARBALL"
tar -C dist --owner=0 --group=0 --numeric-owner --sort=name -czf "$TARBALL" ml-canvas

# --- the .deb -------------------------------------------------------------------------
DEB=dist/ml-canvas_${VERSION}_${DEBARCH}.deb
if [ "${SKIP_DEB:-0}" != 1 ]; then
  say "Debian package: $DEB"
  STAGE=build/deb/ml-canvas
  rm -rf build/deb
  mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/icons/hicolor" "$STAGE/usr/share/doc/ml-canvas"
  cp -a "$APP" "$STAGE/opt/ml-canvas"
  ln -s /opt/ml-canvas/ml-canvas "$STAGE/usr/bin/ml-canvas"
  install -m 0644 packaging/ml-canvas.desktop "$STAGE/usr/share/applications/ml-canvas.desktop"
  install -m 0644 packaging/ml-canvas-mime.xml "$STAGE/usr/share/mime/packages/ml-canvas.xml"
  QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icons.py assets/icons/app.svg "$STAGE/usr/share/icons/hicolor"
  cat > "$STAGE/usr/share/doc/ml-canvas/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ml-canvas
Comment: ML System Canvas $VERSION, a PyInstaller bundle; it includes CPython, Qt 6 and
 PySide6 (LGPL-3.0), shiboken6, pydantic, networkx, pyqtgraph and numpy under their own
 licences, found in /opt/ml-canvas/_internal.

Files: *
License: MIT
EOF
  install -m 0755 packaging/debian/postinst packaging/debian/postrm "$STAGE/DEBIAN/"
  # Depends: what a bare Debian 12 lacks for the bundle (measured on a bare install; the system
  # libraries listed above: libGL/libEGL, libxcb; fontconfig needs its configuration and a font).
  cat > "$STAGE/DEBIAN/control" <<EOF
Package: ml-canvas
Version: $VERSION
Architecture: $DEBARCH
Maintainer: ML System Canvas developers <ml-canvas@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: libc6 (>= $GLIBC_MIN), libgl1, libegl1, libxcb1, fontconfig-config, fonts-dejavu-core
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme
Section: graphics
Priority: optional
Description: design machine-learning systems and check them for completeness
 ML System Canvas lets you draw a machine-learning system (data sources, pipelines,
 models, deployment, monitoring, continual learning, infrastructure) on a canvas,
 and checks the design for what it is missing, like a linter. Designs are JSON files;
 the ml-canvas command also checks and exports them headless, for CI.
 .
 This is a standalone build: it bundles Python, Qt and its libraries under /opt/ml-canvas.
EOF
  chmod -R u+rwX,go+rX,go-w "$STAGE"
  dpkg-deb --root-owner-group -Zzstd --build "$STAGE" "$DEB" >/dev/null
  rm -rf build/deb
fi
END=$(date +%s.%N)

# --- summary --------------------------------------------------------------------------
say "done"
awk -v a="$T0" -v b="$T1" -v c="$START" -v d="$END" \
  'BEGIN { printf "   PyInstaller %.1f s, whole script %.1f s\n", b - a, d - c }'
printf '   %-52s %s\n' "$APP/" "$(du -sh "$APP" | cut -f1)"
printf '   %-52s %s\n' "$TARBALL" "$(du -h "$TARBALL" | cut -f1)"
[ "${SKIP_DEB:-0}" = 1 ] || printf '   %-52s %s\n' "$DEB" "$(du -h "$DEB" | cut -f1)"
