"""Recovery files without Qt: write, list orphans, owner liveness, claim, remove, damaged files,
and a fuzz of the reader (a recovery file is input too: entry or one sentence, nothing else)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.core.model import Component, Design, Link, Position
from canvas.io import DesignSaveError, dump_design, recovery_store
from canvas.io.recovery_store import RecoveryError, RecoveryStore, pid_alive
from tests.io.test_fuzz import json_values


def design() -> Design:
    d = Design(name="Unsaved")
    d.components["m"] = Component(
        id="m", kind="model", label="Ränker", position=Position(x=1, y=2), properties={"latency_ms": 12}
    )
    d.components["s"] = Component(id="s", kind="data_source", label="Events")
    d.links["l"] = Link(id="l", source="s", target="m")
    return d


def dead_pid() -> int:
    """The id of a process that has exited and been reaped."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not pid_alive(proc.pid)
    return proc.pid


def test_write_and_read_round_trip(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    slot = store.new_slot()
    when = datetime(2025, 3, 1, 12, 30, tzinfo=UTC)
    written = slot.write(design(), Path("/home/me/design.json"), now=when)
    assert written == slot.path and written.parent == tmp_path / "recovery"
    entry = store.read(written)
    assert entry.design.snapshot() == design().snapshot()
    assert entry.original == Path("/home/me/design.json")
    assert entry.saved_at == when and entry.pid == os.getpid()
    raw = json.loads(written.read_text(encoding="utf-8"))
    assert raw["format"] == "ml-canvas-recovery" and raw["design"] == json.loads(dump_design(design()))
    # Private to the user, no backup, no temporary files left behind.
    assert written.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "recovery").stat().st_mode & 0o777 == 0o700
    assert [p.name for p in (tmp_path / "recovery").iterdir()] == [written.name]
    # Writing again replaces the same file; an untitled design records no original.
    slot.write(Design(name="Other"), None)
    assert store.read(written).original is None and store.read(written).design.name == "Other"
    assert len(list((tmp_path / "recovery").iterdir())) == 1


def test_slots_never_share_a_file(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path)
    names = {store.new_slot().path.name for _ in range(50)}
    other_process = RecoveryStore(tmp_path, pid=12345)
    names |= {other_process.new_slot().path.name for _ in range(50)}
    assert len(names) == 100
    assert all(n.startswith(f"recovery-{os.getpid()}-") for n in list(names) if "12345" not in n)


def test_orphans_are_files_whose_owner_is_gone(tmp_path: Path) -> None:
    mine = RecoveryStore(tmp_path)
    alive = mine.new_slot()
    alive.write(design(), None)
    gone = RecoveryStore(tmp_path, pid=dead_pid()).new_slot()
    gone.write(design(), None)
    rebooted = RecoveryStore(tmp_path, boot="deadbeef" if mine.boot != "deadbeef" else "cafe0000").new_slot()
    rebooted.write(design(), None)  # our own pid, but written before a reboot
    stray = tmp_path / "recovery-not-ours.json"
    stray.write_text("{}")
    assert mine.owner_alive(alive.path)
    assert not mine.owner_alive(gone.path)
    assert not mine.owner_alive(stray)
    if mine.boot != "0":
        assert not mine.owner_alive(rebooted.path)
    orphans = set(mine.orphans())
    assert alive.path not in orphans
    assert {gone.path, stray} <= orphans


def test_pid_alive() -> None:
    assert pid_alive(os.getpid())
    assert pid_alive(os.getppid())
    assert not pid_alive(0) and not pid_alive(-5)
    assert not pid_alive(dead_pid())


def test_zombie_counts_as_gone() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        # not reaped yet: a zombie once it has exited
        for _ in range(200):
            if Path(f"/proc/{proc.pid}/stat").exists() and " Z " in Path(f"/proc/{proc.pid}/stat").read_text():
                break
            import time

            time.sleep(0.01)
        else:
            pytest.skip("no /proc here")
        assert not pid_alive(proc.pid)
    finally:
        proc.wait()


def test_claim_renames_into_this_process_once(tmp_path: Path) -> None:
    orphan = RecoveryStore(tmp_path, pid=dead_pid()).new_slot().write(design(), None)
    me = RecoveryStore(tmp_path)
    claimed = me.claim(orphan)
    assert claimed is not None and claimed != orphan and not orphan.exists()
    assert me.owner_alive(claimed) and claimed not in me.orphans()
    assert me.read(claimed).design.snapshot() == design().snapshot()
    assert me.claim(orphan) is None  # a second instance loses the race
    me.remove(claimed)
    assert not claimed.exists()
    me.remove(claimed)  # removing twice is harmless


BAD_FILES = {
    "not json": b'{"format": "ml-canvas-recovery", ',
    "not utf-8": b"\xff\xfe\x00",
    "a list": b"[]",
    "foreign": json.dumps({"format": "something-else"}).encode(),
    "future version": json.dumps({"format": "ml-canvas-recovery", "version": 99}).encode(),
    "no pid": json.dumps({"format": "ml-canvas-recovery", "version": 1, "saved_at": "2025-01-01T00:00:00"}).encode(),
    "bad time": json.dumps({"format": "ml-canvas-recovery", "version": 1, "pid": 1, "saved_at": "yesterday"}).encode(),
    "relative original": json.dumps(
        {
            "format": "ml-canvas-recovery",
            "version": 1,
            "pid": 1,
            "saved_at": "2025-01-01T00:00:00",
            "original": "../x.json",
            "design": json.loads(dump_design(Design())),
        }
    ).encode(),
    "no design": json.dumps(
        {"format": "ml-canvas-recovery", "version": 1, "pid": 1, "saved_at": "2025-01-01T00:00:00", "original": None}
    ).encode(),
    "invalid design": json.dumps(
        {
            "format": "ml-canvas-recovery",
            "version": 1,
            "pid": 1,
            "saved_at": "2025-01-01T00:00:00",
            "original": None,
            "design": {"format": "ml-canvas", "schema_version": 1, "components": [{"id": "a", "kind": "no-such-kind"}]},
        }
    ).encode(),
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("what", sorted(BAD_FILES))
def test_damaged_files_are_one_sentence_and_moved_aside(tmp_path: Path, what: str) -> None:
    store = RecoveryStore(tmp_path)
    file = tmp_path / f"recovery-{dead_pid()}-0-abc.json"
    file.write_bytes(BAD_FILES[what])
    assert store.orphans() == [file]
    with pytest.raises(RecoveryError) as err:
        store.read(file)
    message = str(err.value)
    assert message.startswith(f"The recovery file {file.name} ") and message.endswith(".") and "\n" not in message
    moved = store.move_aside(file)
    assert moved == tmp_path / "damaged" / file.name and moved.read_bytes() == BAD_FILES[what]
    assert store.orphans() == []


def test_oversized_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = RecoveryStore(tmp_path)
    file = store.new_slot().write(design(), None)
    monkeypatch.setattr(recovery_store, "MAX_BYTES", 10)
    with pytest.raises(RecoveryError, match="larger than"):
        store.read(file)
    with pytest.raises(RecoveryError, match="cannot be read"):
        store.read(tmp_path / "recovery-1-0-ab.json")


def test_failed_write_keeps_the_previous_recovery_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slot = RecoveryStore(tmp_path).new_slot()
    slot.write(design(), None)
    before = slot.path.read_bytes()

    def disk_full(fh: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("canvas.io.save._write_all", disk_full)
    with pytest.raises(DesignSaveError, match="No space left on device"):
        slot.write(Design(name="newer"), None)
    assert slot.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [slot.path.name]


def test_missing_folder_lists_nothing_and_is_created_on_write(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "a" / "b")
    assert store.orphans() == []
    assert store.new_slot().write(design(), None).exists()


def test_no_qt_is_imported() -> None:
    code = (
        "import sys, canvas.io.recovery_store, canvas.io.fingerprint, canvas.io.design_diff; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- fuzz: a recovery file is input too ------------------------------------------------------


def _valid_wrapper() -> dict:
    return {
        "format": "ml-canvas-recovery",
        "version": 1,
        "pid": 7,
        "saved_at": "2025-01-01T00:00:00+00:00",
        "original": "/tmp/x.json",
        "design": json.loads(dump_design(design())),
    }


WRAPPER_TEXT = json.dumps(_valid_wrapper()).encode()


def _only_entry_or_sentence(tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "recovery-1-0-ff.json"
    file.write_bytes(data)
    try:
        RecoveryStore(tmp_path).read(file)
    except RecoveryError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("The recovery file ")


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(sorted(_valid_wrapper())), action=st.sampled_from(["delete", "retype"]), value=json_values)
def test_fuzz_mutated_recovery_files(tmp_path: Path, key: str, action: str, value: object) -> None:
    raw = _valid_wrapper()
    if action == "delete":
        del raw[key]
    else:
        raw[key] = value
    _only_entry_or_sentence(tmp_path, json.dumps(raw).encode())


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(WRAPPER_TEXT)), junk=st.binary(max_size=8))
def test_fuzz_truncated_recovery_files(tmp_path: Path, cut: int, junk: bytes) -> None:
    _only_entry_or_sentence(tmp_path, WRAPPER_TEXT[:cut])
    _only_entry_or_sentence(tmp_path, WRAPPER_TEXT[:cut] + junk + WRAPPER_TEXT[cut:])
