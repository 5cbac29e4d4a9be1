"""What every dialog of the plugin does the QGIS way: an OK button named by its action, a Help button that opens
the matching part of the README (packaged with the plugin, so it works offline), and the size the user left it at.
"""

from __future__ import annotations

import os
from typing import Dict, Optional, Tuple

from qgis.core import QgsSettings
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, Qt, QTimer
from qgis.PyQt.QtGui import QTextCursor, QTextDocument
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..core.support import paths
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr, ui_language
from . import feedback

#: Where each dialog's help starts in the README: the text that opens the part, in Chinese and in English.
HELP: Dict[str, Tuple[str, str]] = {
    "new_plan": ("新建规划库…", "New plan GeoPackage / Open plan"),
    "import_sites": ("导入项目… / 导出项目…", "Import / Export sites"),
    "export_sites": ("导入项目… / 导出项目…", "Import / Export sites"),
    "import_plan_layer": ("用官方成果替换示意的区界", "Import official plan layer"),
    "import_control_layer": ("导入管控图层…", "Import control layer…"),
    "validation_settings": ("校核规则", "Validation settings…"),
    "export_figures": ("规划图件与汇总表", "Export plan figures"),
    "export_summary": ("规划图件与汇总表", "Export summary table"),
    "prepare_review": ("现场核查（核查包", "Field review (review packages"),
    "merge_review": ("现场核查（核查包", "Field review (review packages"),
    "review_report": ("现场核查（核查包", "Field review (review packages"),
}
#: The OK button of each dialog, named by what it does.
ACTIONS = {
    "new_plan": QT_TRANSLATE_NOOP("@default", "Create"),
    "export_sites": QT_TRANSLATE_NOOP("@default", "Export"),
    "validation_settings": QT_TRANSLATE_NOOP("@default", "Save"),
    "export_figures": QT_TRANSLATE_NOOP("@default", "Export"),
    "export_summary": QT_TRANSLATE_NOOP("@default", "Export"),
    "prepare_review": QT_TRANSLATE_NOOP("@default", "Prepare"),
    "merge_review": QT_TRANSLATE_NOOP("@default", "Merge"),
    "review_report": QT_TRANSLATE_NOOP("@default", "Export"),
}
_GEOMETRY_KEY = "pingcheng/dialogs/{name}/geometry"
#: Qt's own words for the standard buttons come from Qt's catalogue, which a QGIS installation may lack (Debian
#: without qttranslations5-l10n shows "Cancel" in a Chinese QGIS): the plugin names them itself.
_STANDARD = (("Cancel", QT_TRANSLATE_NOOP("@default", "Cancel")), ("Help", QT_TRANSLATE_NOOP("@default", "Help")),
             ("Close", QT_TRANSLATE_NOOP("@default", "Close")), ("Ok", QT_TRANSLATE_NOOP("@default", "OK")))


def readme_path() -> Optional[str]:
    for folder in (paths.PACKAGE_DIR, os.path.dirname(paths.PACKAGE_DIR)):  # installed ZIP, then the repository
        candidate = os.path.join(folder, "README.md")
        if os.path.isfile(candidate):
            return candidate
    return None


class HelpViewer(QDialog):
    """The README, rendered, scrolled to a part; one window, reused."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("pingchengHelp")
        self.setWindowTitle(tr("Pingcheng eco-restoration — help"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.resize(760, 600)
        path = readme_path()
        if path is not None:
            self.browser.setSearchPaths([os.path.dirname(path)])
            with open(path, encoding="utf-8") as handle:
                self.browser.setMarkdown(handle.read())
        else:
            self.browser.setPlainText(tr("The README is missing from this installation."))

    def show_part(self, text: str) -> bool:
        """Scroll so that ``text`` opens the view, a heading holding it first (the README also names its parts
        in passing); False when it is not there."""
        document = self.browser.document()
        found, first = QTextCursor(), QTextCursor()
        cursor = document.find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
        while not cursor.isNull():
            if first.isNull():
                first = QTextCursor(cursor)
            if cursor.block().blockFormat().headingLevel() > 0:
                found = cursor
                break
            cursor = document.find(text, cursor, QTextDocument.FindFlag.FindCaseSensitively)
        found = found if not found.isNull() else first
        if found.isNull():
            return False
        self.browser.setTextCursor(found)
        self._scroll_to_cursor()
        QTimer.singleShot(0, self._scroll_to_cursor)  # again once a window shown for the first time is laid out
        return True

    @feedback.guarded_method
    def _scroll_to_cursor(self) -> None:
        """The cursor's line at the top of the view, not wherever ensureCursorVisible leaves it."""
        if sip.isdeleted(self):
            return
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + self.browser.cursorRect().top())


_viewer: Optional[HelpViewer] = None


def show_help(name: str, parent: Optional[QWidget] = None) -> HelpViewer:
    global _viewer
    if _viewer is None or sip.isdeleted(_viewer):
        # a window of its own: it stays open beside the dialog, and outlives it
        _viewer = HelpViewer(None)
        _viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    zh, en = HELP[name]
    _viewer.show_part(zh if ui_language() == "zh" else en)
    _viewer.show()
    _viewer.raise_()
    return _viewer


def close_help() -> None:
    """On unload: the viewer goes with the plugin."""
    global _viewer
    if _viewer is not None and not sip.isdeleted(_viewer):
        _viewer.close()
        _viewer.deleteLater()
    _viewer = None


def set_up(dialog: QDialog, name: str, box: Optional[QDialogButtonBox] = None) -> None:
    """Name the OK button by its action, add Help, and keep the dialog's size between sessions."""
    if box is not None:
        if box.button(QDialogButtonBox.StandardButton.Help) is None:
            box.addButton(QDialogButtonBox.StandardButton.Help)
        for member, text in _STANDARD:
            button = box.button(getattr(QDialogButtonBox.StandardButton, member))
            if button is not None:
                button.setText(tr(text))
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None and name in ACTIONS:
            ok.setText(tr(ACTIONS[name]))
        box.helpRequested.connect(feedback.in_dialog(dialog)(lambda: show_help(name, dialog)))
    key = _GEOMETRY_KEY.format(name=name)
    saved = QgsSettings().value(key, None)
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        dialog.restoreGeometry(saved)
    dialog.finished.connect(feedback.in_dialog(dialog)(lambda *_: QgsSettings().setValue(key,
                                                                                        dialog.saveGeometry())))
