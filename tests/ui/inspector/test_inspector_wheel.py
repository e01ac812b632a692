"""The mouse wheel over the inspector scrolls it and never edits the design: spin boxes and
combo boxes (the When to use ML answers among them) take the wheel only when focused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QWidget

from canvas.core.catalog import ML_FIT_CRITERIA
from canvas.ui.document import Document
from canvas.ui.inspector.inspector import Inspector
from canvas.ui.inspector.inspector_forms import ComponentForm
from canvas.ui.inspector.property_editors import EnumEditor, MlFitEditor, NumberEditor
from tests.ui.gestures import wheel_at
from tests.ui.ui_fixtures import sample_design

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def inspector(qtbot) -> Inspector:
    """An inspector shorter than its forms, so it has something to scroll."""
    inspector = Inspector(Document(sample_design()))
    qtbot.addWidget(inspector)
    inspector.resize(380, 320)
    inspector.show()
    qtbot.waitExposed(inspector)
    return inspector


def _form(inspector: Inspector, component_id: str) -> ComponentForm:
    inspector.set_selection([component_id])
    assert isinstance(inspector.form, ComponentForm)
    return inspector.form


def _on_screen(inspector: Inspector, field: QWidget) -> None:
    """Scroll so ``field`` is in the top half of the inspector, with room to scroll on."""
    area = inspector.scroll_area
    bar = area.verticalScrollBar()
    top = field.mapTo(area.widget(), field.rect().topLeft()).y()
    bar.setValue(max(0, top - 40))
    assert bar.value() < bar.maximum()
    assert not field.visibleRegion().isEmpty()


def _field(inspector: Inspector, which: str) -> tuple[QWidget, str]:
    """The field the pointer is over, and the component it edits."""
    if which == "latency spin box":
        editor = _form(inspector, "deployment-1").editors["latency_ms"]
        assert isinstance(editor, NumberEditor)
        return editor.spin, "deployment-1"
    if which == "mode combo box":
        editor = _form(inspector, "deployment-1").editors["mode"]
        assert isinstance(editor, EnumEditor)
        return editor.combo, "deployment-1"
    ml_fit = next(e for e in _form(inspector, "req-1").editors.values() if isinstance(e, MlFitEditor))
    return ml_fit.combos[next(iter(ML_FIT_CRITERIA))], "req-1"


@pytest.mark.parametrize("which", ["latency spin box", "mode combo box", "When to use ML answer"])
def test_the_wheel_over_an_unfocused_field_scrolls_the_inspector(inspector: Inspector, which: str) -> None:
    field, component_id = _field(inspector, which)
    document = inspector.document
    _on_screen(inspector, field)
    bar = inspector.scroll_area.verticalScrollBar()
    before_scroll = bar.value()
    before = document.design.components[component_id].model_copy(deep=True)
    shown = field.currentIndex() if isinstance(field, QComboBox) else field.text()

    handled_by = [wheel_at(field, field.rect().center(), notches=-1) for _ in range(3)]

    assert document.design.components[component_id] == before
    assert document.undo_stack.count() == 0
    assert (field.currentIndex() if isinstance(field, QComboBox) else field.text()) == shown
    assert bar.value() > before_scroll  # the inspector scrolled instead
    assert field not in handled_by


def test_a_focused_field_still_takes_the_wheel(qtbot, inspector: Inspector) -> None:
    field, component_id = _field(inspector, "latency spin box")
    document = inspector.document
    _on_screen(inspector, field)
    bar = inspector.scroll_area.verticalScrollBar()
    before_scroll = bar.value()
    inspector.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)

    assert wheel_at(field, field.rect().center(), notches=1) is field

    assert document.design.components[component_id].properties["latency_ms"] == 41
    assert document.undo_stack.count() == 1  # one step per notch, like any committed change
    assert bar.value() == before_scroll


def test_a_focused_answer_takes_the_wheel(qtbot, inspector: Inspector) -> None:
    field, component_id = _field(inspector, "When to use ML answer")
    assert isinstance(field, QComboBox)
    _on_screen(inspector, field)
    inspector.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)

    assert wheel_at(field, field.rect().center(), notches=-1) is field  # "not answered" -> "yes"

    key = next(iter(ML_FIT_CRITERIA))
    assert inspector.document.design.components[component_id].properties["ml_fit"] == {key: True}
    assert inspector.document.undo_stack.count() == 1


def test_a_focused_field_scrolled_under_a_still_pointer_does_not_take_the_wheel(qtbot, inspector: Inspector) -> None:
    """Scrolling the inspector with the pointer above the focused field brings the field
    under the pointer: the next turns go on scrolling and change nothing; once the pointer
    moves onto the field, the field takes the wheel."""
    field, component_id = _field(inspector, "latency spin box")
    document = inspector.document
    _on_screen(inspector, field)
    bar = inspector.scroll_area.verticalScrollBar()
    bar.setSingleStep(2)  # small steps: the field comes under the pointer and stays a while
    inspector.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    window = inspector.window()
    still = window.mapFromGlobal(field.mapToGlobal(field.rect().center())) - QPoint(0, 30)

    def under_pointer() -> bool:
        return field.rect().contains(field.mapFrom(window, still))

    handled = []
    for _ in range(60):
        if under_pointer():
            break
        before = bar.value()
        handled.append(wheel_at(window, still, notches=-1))
        assert bar.value() > before  # the inspector scrolls
    assert under_pointer()
    for _ in range(3):  # the focused field under the still pointer does not take these turns
        handled.append(wheel_at(window, still, notches=-1))

    assert document.design.components[component_id].properties["latency_ms"] == 40
    assert document.undo_stack.count() == 0
    assert field not in handled

    _on_screen(inspector, field)
    assert wheel_at(field, field.rect().center(), notches=1) is field  # pointed at: it takes the wheel
    assert document.design.components[component_id].properties["latency_ms"] == 41
