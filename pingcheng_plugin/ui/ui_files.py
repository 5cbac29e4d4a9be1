"""The panels' and dialogs' layouts (``*.ui`` beside this module, layout only: no logic, no connections).

A layout is read when its widget is first made, not when the plugin loads: parsing nine ``.ui`` files at start-up
took a third of the plugin's load time, and most sessions open few of the dialogs.
"""

from __future__ import annotations

import os

from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QWidget

UI_DIR = os.path.dirname(os.path.abspath(__file__))


def load_ui(widget: QWidget, name: str) -> None:
    """Build the layout ``name`` (e.g. "findings_dialog.ui") into ``widget``, as a generated setupUi would."""
    uic.loadUi(os.path.join(UI_DIR, name), widget)
