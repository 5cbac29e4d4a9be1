"""The architecture the README promises: plan names in one module, no widgets in core, no logic in .ui files."""

from __future__ import annotations

import re

import pytest

from pingcheng_plugin.plan import vocabulary
from tests.conftest import ROOT

PACKAGE = ROOT / "pingcheng_plugin"


def _python(folder):
    return [p for p in (PACKAGE / folder).rglob("*.py")]


def test_ui_files_hold_layout_not_logic():
    for ui in PACKAGE.rglob("*.ui"):
        text = ui.read_text(encoding="utf-8")
        assert "<connections>" not in text, ui
        assert not re.search(r"<header>[^<]*\.h</header>", text), f"{ui}: custom widgets must use qgis.gui"


def test_core_has_no_widgets_and_plan_has_no_qgis():
    for path in _python("core"):
        text = path.read_text(encoding="utf-8")
        assert "qgis.gui" not in text and "QtWidgets" not in text and "iface" not in text, path
    for path in _python("plan"):
        text = path.read_text(encoding="utf-8")
        assert "import qgis" not in text and "from qgis" not in text and "PyQt" not in text, path


@pytest.mark.parametrize("kind", ["corridor", "barrier", "zone", "key_area", "project_type"])
def test_plan_names_live_only_in_the_vocabulary(kind):
    names = [e.name_zh for e in vocabulary.entries(kind)]
    for path in PACKAGE.rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert name not in text, f"{path.relative_to(ROOT)} repeats the plan name {name}"


def test_processing_algorithms_are_thin():
    """An algorithm maps parameters to core calls: no SQL, no layer editing in processing/."""
    for path in _python("processing"):
        text = path.read_text(encoding="utf-8")
        assert "startEditing" not in text and "sqlite3" not in text and "ExecuteSQL" not in text, path
