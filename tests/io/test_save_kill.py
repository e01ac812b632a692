"""A process killed in the middle of a save (SIGKILL between writing and renaming) leaves
the old file byte-identical: the half-written bytes only ever exist in a temporary file."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from canvas.core.model import Component, Design
from canvas.io import load_design, save_design

pytestmark = pytest.mark.slow

CHILD = r"""
import os, signal, sys
import canvas.io.save as save
from canvas.core.model import Component, Design

def write_half_then_die(fh, data):
    fh.write(data[: len(data) // 2])
    fh.flush()
    os.kill(os.getpid(), signal.SIGKILL)

save._write_all = write_half_then_die
d = Design(name="new")
for i in range(2000):
    d.components[f"c{i}"] = Component(id=f"c{i}", kind="model", label="x" * 50)
save.save_design(d, sys.argv[1])
"""


def test_kill_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "design.json"
    old = Design(name="old")
    old.components["m"] = Component(id="m", kind="model", label="Keep me")
    save_design(old, target)
    before = target.read_bytes()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(target)], capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == before
    assert load_design(target).snapshot() == old.snapshot()
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".design.json.")  # hidden, never the design
