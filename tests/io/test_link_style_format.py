"""The design's link style in the file: written only when it is not the default, so files
that never set it keep their bytes; read back; a bad value refused with its sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canvas.io import DesignLoadError, dump_design, load_design, parse_design
from canvas.io.schema import design_json_schema
from canvas.templates import list_templates

FIXTURES = Path(__file__).parent / "fixtures" / "v1"


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.path.stem)
def test_files_without_a_link_style_round_trip_byte_for_byte(template) -> None:
    text = template.path.read_text(encoding="utf-8")
    design = parse_design(text)
    assert design.settings.link_style == "orthogonal"
    assert dump_design(design) == text
    assert "link_style" not in text


def test_a_curved_design_says_so_and_reads_back() -> None:
    design = load_design(list_templates()[0].path)
    design.settings.link_style = "curved"
    text = dump_design(design)
    assert json.loads(text)["settings"]["link_style"] == "curved"
    again = parse_design(text)
    assert again.settings.link_style == "curved"
    assert dump_design(again) == text
    again.settings.link_style = "orthogonal"
    assert "link_style" not in dump_design(again)


def test_version_1_files_draw_orthogonal_links() -> None:
    design = load_design(FIXTURES / "suppressions-and-settings.json")
    assert design.settings.link_style == "orthogonal"
    assert "link_style" not in dump_design(design)


def test_an_unknown_link_style_is_refused_with_a_sentence() -> None:
    raw = json.loads(list_templates()[0].path.read_text(encoding="utf-8"))
    raw["settings"]["link_style"] = "wavy"
    with pytest.raises(DesignLoadError) as caught:
        parse_design(json.dumps(raw))
    message = str(caught.value)
    assert "settings.link_style" in message and "Traceback" not in message


def test_the_schema_names_the_link_styles() -> None:
    settings = design_json_schema()["$defs"]["Settings"]["properties"]["link_style"]
    assert settings["enum"] == ["orthogonal", "curved"] and settings["default"] == "orthogonal"
