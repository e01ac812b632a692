"""Export: every template to PNG, SVG and PDF headless; sizes, colours, text, bad input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from canvas.cli import main
from canvas.core.catalog import KINDS
from canvas.export.scene_export import ExportScene
from canvas.io import load_design
from canvas.templates import list_templates

TEMPLATES = [t.path for t in list_templates()]
SVG = "{http://www.w3.org/2000/svg}"


def export(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def close(a: QColor, b: QColor, tol: int = 24) -> bool:
    return abs(a.red() - b.red()) <= tol and abs(a.green() - b.green()) <= tol and abs(a.blue() - b.blue()) <= tol


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_png_size_content_and_colours(template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    assert export([str(template), "-o", str(one), "--scale", "1"], capsys)[0] == 0
    assert export([str(template), "-o", str(two), "--scale", "2"], capsys)[0] == 0
    a, b = QImage(str(one)), QImage(str(two))
    assert abs(b.width() - 2 * a.width()) <= 1 and abs(b.height() - 2 * a.height()) <= 1
    # Not blank: a good share of the pixels are not the white background.
    step = 7
    samples = [a.pixelColor(x, y) for x in range(0, a.width(), step) for y in range(0, a.height(), step)]
    assert sum(1 for c in samples if c != QColor("white")) > len(samples) * 0.02
    # Each component's Figure 1-1 colour appears on its card's left band, where it was placed.
    design = load_design(template)
    scene = ExportScene(design)
    for cid, comp in design.components.items():
        rect = scene.scene.component_item(cid).sceneBoundingRect().translated(-scene.rect.left(), -scene.rect.top())
        want = QColor(KINDS[comp.kind].colour)
        band = [
            a.pixelColor(round(rect.left() + dx), round(rect.center().y() + dy))
            for dx in range(0, 14)
            for dy in (-8, 0, 8)
        ]
        assert any(close(c, want) for c in band), f"{cid}: no {want.name()} on its card"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_svg_has_every_label_and_a_title(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "d.svg"
    assert export([str(template), "-o", str(out)], capsys)[0] == 0
    root = ET.parse(out).getroot()
    design = load_design(template)
    assert root.find(f"{SVG}title").text == design.name
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    for comp in design.components.values():
        assert comp.label in texts
    assert not list(root.iter(f"{SVG}image")), "cards must be vector, not embedded bitmaps"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_pdf_opens(template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "d.pdf"
    assert export([str(template), "-o", str(out)], capsys)[0] == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page/") == 1


def test_transparent_and_no_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    fraud = next(p for p in TEMPLATES if p.stem == "fraud-detection")
    clear, marked = tmp_path / "clear.png", tmp_path / "marked.png"
    assert export([str(fraud), "-o", str(clear), "--transparent", "--no-findings", "--scale", "1"], capsys)[0] == 0
    assert export([str(fraud), "-o", str(marked), "--scale", "1"], capsys)[0] == 0
    img = QImage(str(clear))
    assert img.pixelColor(1, 1).alpha() == 0
    red = QColor("#d32f2f")

    def reds(image: QImage) -> int:
        return sum(
            1
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
            if close(image.pixelColor(x, y), red, 40) and image.pixelColor(x, y).alpha() > 200
        )

    assert reds(QImage(str(marked))) > reds(img) + 50  # the SLO error outlines are drawn


def test_margin(tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    small, big = tmp_path / "s.png", tmp_path / "b.png"
    export([str(TEMPLATES[0]), "-o", str(small), "--scale", "1", "--margin", "0"], capsys)
    export([str(TEMPLATES[0]), "-o", str(big), "--scale", "1", "--margin", "100"], capsys)
    assert QImage(str(big)).width() - QImage(str(small)).width() == 200


def content_box(image: QImage) -> tuple[int, int, int, int]:
    """Left, top, right, bottom blank margins (pixels) around what a transparent PNG draws."""
    w, h = image.width(), image.height()
    drawn = lambda x, y: image.pixelColor(x, y).alpha() > 0  # noqa: E731
    cols = [x for x in range(w) if any(drawn(x, y) for y in range(0, h, 2))]
    rows = [y for y in range(h) if any(drawn(x, y) for x in range(0, w, 2))]
    return cols[0], rows[0], w - 1 - cols[-1], h - 1 - rows[-1]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_margin_is_even_on_all_four_sides(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:  # type: ignore[no-untyped-def]
    """The crop is what is drawn: looping links do not widen it (their control points lie
    far outside the curve), so --margin 0 leaves next to nothing on every side."""
    out = tmp_path / "tight.png"
    assert export([str(template), "-o", str(out), "--scale", "1", "--margin", "0", "--transparent"], capsys)[0] == 0
    assert max(content_box(QImage(str(out)))) <= 6


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-o", "{tmp}/d.jpg"], "{tmp}/d.jpg: unknown extension '.jpg' (use .png, .svg, .pdf or .mmd)"),
        (["-o", "{tmp}/d"], "{tmp}/d: unknown extension '(none)' (use .png, .svg, .pdf or .mmd)"),
        (["-o", "{tmp}/d.png", "--scale", "0"], "--scale 0 is out of range (use 0.1 to 8)"),
        (["-o", "{tmp}/d.png", "--scale", "9"], "--scale 9 is out of range (use 0.1 to 8)"),
        (["-o", "{tmp}/d.png", "--margin", "-1"], "--margin -1 is out of range (use 0 to 2000 px)"),
        (["-o", "{tmp}/missing/d.png"], "{tmp}/missing/d.png: the folder {tmp}/missing does not exist"),
    ],
)
def test_bad_arguments(
    args: list[str], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:  # type: ignore[no-untyped-def]
    code, _, err = export([str(TEMPLATES[0]), *[a.format(tmp=tmp_path) for a in args]], capsys)
    assert code == 2
    assert err.strip() == f"ml-canvas: {expected.format(tmp=tmp_path)}"
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_invalid_design(tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ml-canvas", "schema_version": 9}')
    code, _, err = export([str(bad), "-o", str(tmp_path / "o.png")], capsys)
    assert code == 2 and "newer ML System Canvas" in err
    assert not (tmp_path / "o.png").exists()


def test_huge_png_is_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "huge.png"
    code, _, err = export([str(TEMPLATES[0]), "-o", str(out), "--scale", "8"], capsys)
    assert code == 2
    assert "megapixels allowed: use --scale" in err and "or export SVG or PDF" in err
    assert not out.exists()


def test_unwritable_target_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "d.png"
    out.write_bytes(b"old picture")
    monkeypatch.setattr("os.replace", lambda a, b: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    code, _, err = export([str(TEMPLATES[0]), "-o", str(out)], capsys)
    assert code == 2 and err.strip() == f"ml-canvas: {out}: cannot write here (Permission denied)"
    assert out.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.png"]


def test_big_design_without_scale_writes_the_largest_png_that_fits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:  # type: ignore[no-untyped-def]
    """No --scale on a design too big for the default: the largest PNG under the limits, said on stderr."""
    from canvas.core.catalog import KINDS as kinds
    from canvas.core.model import Component, Design, Position
    from canvas.export.render import MAX_PIXELS, MAX_SIDE
    from canvas.io.save import save_design

    names = sorted(kinds)
    components = {
        f"c{i}": Component(
            id=f"c{i}",
            kind=names[i % len(names)],
            label=f"Part {i}",
            position=Position(x=(i % 60) * 220.0, y=(i // 60) * 120.0),
        )
        for i in range(3000)
    }
    big = tmp_path / "big.json"
    save_design(Design(name="Big", components=components), big)
    out = tmp_path / "big.png"
    code, printed, err = export([str(big), "-o", str(out)], capsys)
    assert code == 0, err
    image = QImage(str(out))
    assert 0 < image.width() <= MAX_SIDE and 0 < image.height() <= MAX_SIDE
    assert image.width() * image.height() <= MAX_PIXELS
    assert image.width() * image.height() > 0.9 * MAX_PIXELS or max(image.width(), image.height()) > 0.9 * MAX_SIDE
    assert "too large for a PNG at the default scale 2" in err and "--scale" in err
    assert f"{image.width()} × {image.height()} px" in printed
    # An explicit scale that does not fit is still refused with its sentence.
    code, _, err = export([str(big), "-o", str(tmp_path / "b2.png"), "--scale", "2"], capsys)
    assert code == 2 and "megapixels allowed" in err


def test_small_design_without_scale_uses_the_default(tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    out, two = tmp_path / "d.png", tmp_path / "two.png"
    code, _, err = export([str(TEMPLATES[0]), "-o", str(out)], capsys)
    assert code == 0 and err == ""
    export([str(TEMPLATES[0]), "-o", str(two), "--scale", "2"], capsys)
    assert QImage(str(out)).size() == QImage(str(two)).size()
