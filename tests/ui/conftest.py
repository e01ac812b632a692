"""Fixtures for the canvas GUI tests: a document with a small design, its scene and a shown view.

Every GUI test also gets a private recovery folder (autosave never touches the user's data
folder, and a test never sees another's recovery files) and safety questions that fail the
test if asked unexpectedly (a real modal dialog would hang the run)."""

from __future__ import annotations

import pytest

from canvas.core.model import Component, Design, Link, Position
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from canvas.ui.document import Document


def small_design() -> Design:
    """data source -> training -> model -> deployment, plus an unlinked monitor, in a row."""
    d = Design(name="Small")
    for i, (cid, kind) in enumerate(
        [("src", "data_source"), ("train", "training"), ("model", "model"), ("dep", "deployment")]
    ):
        d.components[cid] = Component(id=cid, kind=kind, label=cid.title(), position=Position(x=i * 240.0, y=0.0))
    d.components["mon"] = Component(id="mon", kind="monitoring", label="Monitor", position=Position(x=480.0, y=200.0))
    for lid, s, t in [("l1", "src", "train"), ("l2", "train", "model"), ("l3", "model", "dep")]:
        d.links[lid] = Link(id=lid, source=s, target=t)
    return d


@pytest.fixture(autouse=True, scope="session")
def clipboard_released_at_the_end(qapp):
    """As the app does when it quits: a test that copies leaves data in the clipboard, which
    Qt would free after Python has finished (a crash on the way out)."""
    yield
    from canvas.ui.app import release_clipboard

    release_clipboard()


@pytest.fixture(autouse=True)
def private_recovery_folder(tmp_path_factory, monkeypatch):
    from canvas.ui.files import recovery, safety_dialogs

    folder = tmp_path_factory.mktemp("recovery")
    monkeypatch.setattr(recovery, "recovery_folder", lambda: folder)

    def unexpected(*args, **_kwargs):
        raise AssertionError(f"an unexpected question was asked: {args[1:]}")

    for name in ("ask_recovery", "show_comparison", "ask_overwrite_changed", "ask_reload"):
        monkeypatch.setattr(safety_dialogs, name, unexpected)
    return folder


@pytest.fixture
def document(qapp) -> Document:
    return Document(small_design())


@pytest.fixture
def scene(document: Document) -> DesignScene:
    return DesignScene(document, dark=False)


@pytest.fixture
def view(qtbot, scene: DesignScene) -> DesignView:
    v = DesignView(scene)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    v.zoom_reset()
    v.centerOn(scene.items_bounds().center())
    return v
