"""UI layer: File ▸ Export's dialog — ``ml-canvas export``'s options, remembered between exports.

Format (PNG, SVG, PDF or a Mermaid flowchart), the file, the PNG scale (with the size it gives; never more than
the PNG size limits allow for this design), the margin, a transparent background, without
findings, and the selection only: the same
:class:`~canvas.export.options.ExportOptions` the command line builds from its flags. The
choices are kept in QSettings and offered again next time. The dialog only asks; the
:class:`~canvas.ui.files.export_actions.ExportActions` that opened it writes the file.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from canvas.export.options import DEFAULT_MARGIN, DEFAULT_SCALE, MAX_MARGIN, MAX_SCALE, MIN_SCALE, ExportOptions
from canvas.export.render import fitting_scale, png_size

#: What ``ml-canvas export`` writes, by extension.
FORMAT_NAMES = {"png": "PNG image", "svg": "SVG vector image", "pdf": "PDF document", "mmd": "Mermaid flowchart"}
FORMATS = tuple(FORMAT_NAMES)
_KEY = "export/"


@dataclass(frozen=True)
class ExportChoices:
    """Everything the dialog asks, as the user last left it."""

    fmt: str = "png"
    options: ExportOptions = ExportOptions()
    selection_only: bool = False
    folder: str = ""

    @classmethod
    def load(cls, settings: QSettings) -> ExportChoices:
        fmt = str(settings.value(_KEY + "format", "png"))
        options = ExportOptions(
            scale=_number(settings.value(_KEY + "scale"), DEFAULT_SCALE, MIN_SCALE, MAX_SCALE),
            transparent=_flag(settings.value(_KEY + "transparent"), False),
            findings=_flag(settings.value(_KEY + "findings"), True),
            margin=_number(settings.value(_KEY + "margin"), DEFAULT_MARGIN, 0.0, MAX_MARGIN),
        )
        return cls(
            fmt=fmt if fmt in FORMATS else "png",
            options=options,
            selection_only=_flag(settings.value(_KEY + "selection_only"), False),
            folder=str(settings.value(_KEY + "folder", "") or ""),
        )

    def save(self, settings: QSettings) -> None:
        for key, value in (
            ("format", self.fmt),
            ("scale", self.options.scale),
            ("transparent", self.options.transparent),
            ("findings", self.options.findings),
            ("margin", self.options.margin),
            ("selection_only", self.selection_only),
            ("folder", self.folder),
        ):
            settings.setValue(_KEY + key, value)
        settings.sync()


def _flag(value: object, default: bool) -> bool:
    # QSettings gives back "true"/"false" from an INI file and a bool from native stores.
    if isinstance(value, bool):
        return value
    return default if value is None else str(value).lower() == "true"


def _number(value: object, default: float, low: float, high: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return min(high, max(low, number))


class ExportDialog(QDialog):
    """Asks how to export. ``suggested`` is the file offered (a name typed without a folder
    goes into its folder); ``bounds(selection_only)`` gives the region the export will draw
    (for the PNG size shown); ``ask_path`` is the Browse… question (replaceable in tests)."""

    def __init__(
        self,
        choices: ExportChoices,
        suggested: Path,
        selected: int,
        bounds: Callable[[bool], QRectF],
        ask_path: Callable[[QWidget, str, str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle("Export")
        self._bounds = bounds
        self.ask_path = ask_path
        self.folder = suggested.parent

        self.format_combo = QComboBox(self)
        for fmt in FORMATS:
            self.format_combo.addItem(f"{FORMAT_NAMES[fmt]} (.{fmt})", fmt)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("export_path")
        self.path_edit.setMinimumWidth(420)
        browse = self.browse_button = QPushButton("Browse…", self)
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.scale_spin = QDoubleSpinBox(self)
        self.scale_spin.setRange(MIN_SCALE, MAX_SCALE)
        self.scale_spin.setDecimals(2)
        self.scale_spin.setSingleStep(0.5)
        self.scale_spin.setSuffix(" ×")
        self.scale_spin.setToolTip("PNG pixels per design unit (ml-canvas export --scale)")
        self.size_label = QLabel(self)
        self.size_label.setObjectName("png_size")
        scale_row = QHBoxLayout()
        scale_row.addWidget(self.scale_spin)
        scale_row.addWidget(self.size_label, 1)
        self.margin_spin = QSpinBox(self)
        self.margin_spin.setRange(0, int(MAX_MARGIN))
        self.margin_spin.setSuffix(" px")
        self.margin_spin.setToolTip("Room around the design (ml-canvas export --margin)")
        for spin in (self.scale_spin, self.margin_spin):
            spin.setMinimumWidth(110)
        margin_row = QHBoxLayout()
        margin_row.addWidget(self.margin_spin)
        margin_row.addStretch(1)

        self.transparent_check = QCheckBox("Transparent background", self)
        self.no_findings_check = QCheckBox("Without findings (no outlines or count badges)", self)
        self.no_findings_check.setToolTip("ml-canvas export --no-findings")
        count = f"{selected} component{'s' * (selected != 1)}"
        self.selection_check = QCheckBox(f"Selection only ({count} and the links among them)", self)
        self.selection_check.setEnabled(selected > 0)
        if not selected:
            self.selection_check.setToolTip("Select components on the canvas to export only them")

        form = QFormLayout()
        form.addRow("Format", self.format_combo)
        form.addRow("File", path_row)
        form.addRow("Scale", scale_row)
        form.addRow("Margin", margin_row)
        form.addRow("", self.transparent_check)
        form.addRow("", self.no_findings_check)
        form.addRow("", self.selection_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self._accept_if_ready)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        options = choices.options
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(choices.fmt)))
        #: The scale asked for; the spin box shows less when the design is too big for it.
        self.wanted_scale = options.scale
        self.scale_spin.setValue(options.scale)
        self.margin_spin.setValue(round(options.margin))
        self.transparent_check.setChecked(options.transparent)
        self.no_findings_check.setChecked(not options.findings)
        self.selection_check.setChecked(choices.selection_only and selected > 0)
        self.path_edit.setText(str(suggested))
        self._set_suffix()
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.scale_spin.valueChanged.connect(self._scale_edited)
        for signal in (self.margin_spin.valueChanged, self.selection_check.toggled):
            signal.connect(self._update)
        self.path_edit.textChanged.connect(self._update)
        self._format_changed()

    # --- what the user chose -------------------------------------------------------------
    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def _scale_edited(self, value: float) -> None:
        self.wanted_scale = value
        self._update()

    def options(self) -> ExportOptions:
        return ExportOptions(
            scale=self.scale_spin.value(),
            transparent=self.transparent_check.isChecked() and self.fmt in ("png", "svg"),
            findings=not self.no_findings_check.isChecked(),
            margin=float(self.margin_spin.value()),
        )

    def path(self) -> Path | None:
        """The file to write, with the format's extension (added if it is missing)."""
        text = self.path_edit.text().strip()
        path = Path(text).expanduser()
        if not path.name or text.endswith(("/", "\\")):  # nothing typed yet, or a folder
            return None
        if not path.is_absolute():
            path = self.folder / path
        return path if path.suffix.lower() == f".{self.fmt}" else path.with_name(f"{path.name}.{self.fmt}")

    def choices(self) -> ExportChoices:
        path = self.path()
        folder = str(path.parent if path is not None else self.folder)
        remembered = ExportOptions(
            scale=self.wanted_scale,
            transparent=self.transparent_check.isChecked(),
            findings=not self.no_findings_check.isChecked(),
            margin=float(self.margin_spin.value()),
        )
        return ExportChoices(self.fmt, remembered, self.selection_check.isChecked(), folder)

    # --- reacting ------------------------------------------------------------------------
    def browse(self) -> None:
        path = self.ask_path(self, self.path_edit.text(), self.fmt)
        if not path:
            return
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in FORMATS and suffix != self.fmt:
            self.format_combo.setCurrentIndex(self.format_combo.findData(suffix))
        self.path_edit.setText(path)
        self._set_suffix()

    def _format_changed(self) -> None:
        image = self.fmt != "mmd"  # Mermaid is text: only "without findings" applies
        self.scale_spin.setEnabled(self.fmt == "png")
        self.margin_spin.setEnabled(image)
        self.transparent_check.setEnabled(self.fmt in ("png", "svg"))
        self.transparent_check.setToolTip(
            "No background (ml-canvas export --transparent)"
            if self.fmt in ("png", "svg")
            else f"Not for a {FORMAT_NAMES[self.fmt]}"
        )
        self._set_suffix()
        self._update()

    def _set_suffix(self) -> None:
        """The file name follows the format: design.png becomes design.svg."""
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text)
        if path.suffix.lower().lstrip(".") in FORMATS and path.suffix.lower() != f".{self.fmt}":
            self.path_edit.setText(str(path.with_suffix(f".{self.fmt}")))

    def _update(self) -> None:
        """Show what a PNG will measure, at most the largest scale the PNG limits allow."""
        ready = self.path() is not None
        if self.fmt == "png":
            margin = self.margin_spin.value()
            rect = self._bounds(self.selection_check.isChecked()).adjusted(-margin, -margin, margin, margin)
            largest = math.floor(fitting_scale(rect, MAX_SCALE) * 100) / 100
            blocked = self.scale_spin.blockSignals(True)
            self.scale_spin.setMaximum(max(MIN_SCALE, largest))
            self.scale_spin.setValue(min(self.wanted_scale, largest))
            self.scale_spin.blockSignals(blocked)
            if largest < MIN_SCALE:
                self.size_label.setText("too large for a PNG: export SVG or PDF")
                ready = False
            else:
                size = png_size(rect, self.scale_spin.value())
                limit = f" (at most {largest:g} × for this design)" if largest < self.wanted_scale else ""
                self.size_label.setText(f"about {size.width():,} × {size.height():,} px{limit}")
        elif self.fmt == "mmd":
            self.size_label.setText("text: renders in GitHub markdown and docs sites")
        else:
            self.size_label.setText("vector: any size")
        self.export_button.setEnabled(ready)

    def _accept_if_ready(self) -> None:
        if self.export_button.isEnabled():
            self.accept()
