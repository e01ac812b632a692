"""What ``ml-canvas`` sets up before any command runs."""

from __future__ import annotations

import os

import pytest

from canvas.cli import main


def test_pydantic_plugin_discovery_is_skipped_unless_the_user_asks(monkeypatch, capsys) -> None:
    """The app uses no pydantic plugin; discovering them reads every installed package's
    metadata at start (~50 ms of the launch here)."""
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")  # so that the test's end restores the process's own
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS")
    assert main(["rules"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "1"


@pytest.mark.parametrize("setting", ["0", "false", "logfire"])
def test_a_users_own_plugin_setting_wins(monkeypatch, capsys, setting) -> None:
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", setting)
    assert main(["rules"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == setting
