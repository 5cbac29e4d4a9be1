"""Qt 6 / QGIS 4 readiness (issue #21): an AST scan of the plugin's Python for Qt 5 spellings that Qt 6, PyQt6 or
QGIS 4 removed, run over the package, the tests, the benchmarks and the scripts.

QGIS 4 is built on Qt 6 and PyQt6; QGIS 3.22 LTR (the plugin's minimum) on Qt 5 and PyQt5 5.15. The plugin runs
unchanged on both by writing only what both accept: PyQt5 5.15 already takes fully scoped enums
(``Qt.AlignmentFlag.AlignLeft``) and ``exec()``; where no spelling works on both, one function in
``pingcheng_plugin/core/support/compat.py`` holds the two spellings.

Decisions recorded here (sources in brackets):

- **QAction, QActionGroup, QShortcut** are imported from ``qgis.PyQt.QtWidgets``. Qt 6 moved them to QtGui, but QGIS
  3.22's ``qgis.PyQt.QtGui`` is a bare ``from PyQt5.QtGui import *`` and has no QAction, so the QtGui spelling fails
  on 3.22. QGIS's Qt 6 builds alias all three back into ``qgis.PyQt.QtWidgets`` (qgis/QGIS#55658 for QAction and
  QShortcut, #57467 for QActionGroup), and the maintainers said those aliases stay in QGIS 4 so that one plugin can
  serve 3.x and 4.x (qgis/pyqgis4-checker#6). Classes Qt 6 moved without a QGIS alias (QUndoCommand, QUndoStack,
  QUndoGroup, QFileSystemModel) would need a compat function; the plugin uses none of them.
- **QGIS's own unscoped enums** (``QgsLegendStyle.Title``, ``QgsWkbTypes.PolygonGeometry``,
  ``QgsMapLayer.VectorLayer``, ``QgsTask.CanCancel`` ...) are not flagged: QGIS 4's PyQt6 bindings add every one of
  them back (``python/PyQt6/core/auto_additions/*.py``: ``QgsLegendStyle.Title = QgsLegendStyle.Style.Title``,
  ``QgsMapLayer.VectorLayer = Qgis.LayerType.Vector``, ``QgsWkbTypes.Point = Qgis.WkbType.Point`` ...), and most of
  the scoped ``Qgis.*`` spellings do not exist in 3.22. compat.py already picks ``Qgis.*`` enums where 3.40 refuses
  the old ones.
- **QVariant types**: PyQt6 has no ``QVariant.Type`` (QGIS patches the members back in, but ``QgsField(name,
  QVariant.Type)`` is deprecated since QGIS 3.38), and PyQt6 cannot make a null QVariant. The plugin spells field
  types ``QMetaType.Type.<X>`` and builds fields with ``compat.field``; ``isinstance(value, QVariant)`` stays valid.
- **QFontDatabase** has no default constructor in PyQt6 (its queries are static there) while PyQt5's queries are
  instance methods: ``compat.font_database()`` returns what each one needs.

Not checked: ``QMouseEvent.pos()``/``globalPos()`` (deprecated in Qt 6, still there) and ``QWheelEvent.delta()``
(gone; the plugin handles no mouse or wheel events, and a receiver's type is not known to an AST scan); enum names in
``.ui`` files (PyQt6's uic maps the Qt 5 names to scoped ones itself, ``PyQt6/uic/enum_map.py``); whether ``int()``
of an enum value works (PyQt6 makes enums Python enums).
"""

from __future__ import annotations

import ast
import configparser
import functools
import importlib
import inspect
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Folders whose .py files are scanned (the package first; tests, benchmarks and scripts run on QGIS 4 too).
SCANNED = ("pingcheng_plugin", "tests", "benchmarks", "scripts")

# --- what Qt 6 / PyQt6 removed ---------------------------------------------------------------------------------

#: Classes and module-level names gone from Qt 6 / PyQt6, with what to use instead.
REMOVED_NAMES: Dict[str, str] = {
    "QRegExp": "QRegularExpression",
    "QRegExpValidator": "QRegularExpressionValidator",
    "QDesktopWidget": "QGuiApplication.primaryScreen() / screens() (QScreen)",
    "QTextCodec": "Python codecs (QTextCodec lives on only in Qt5Compat)",
    "QStringList": "a Python list of str",
    "QString": "str",
    "QStringRef": "str",
    "QLinkedList": "a Python list",
    "QMatrix": "QTransform",
    "QDirModel": "QFileSystemModel",
    "QGLWidget": "QOpenGLWidget",
    "QGLFormat": "QSurfaceFormat",
    "QSound": "QSoundEffect (QtMultimedia)",
    "QPyNullVariant": "qgis.core.NULL or None",
    "qApp": "QApplication.instance()",
}

#: qgis.PyQt modules that have no Qt 6 counterpart.
REMOVED_MODULES: Dict[str, str] = {
    "QtWebKit": "QtWebEngine or a QTextBrowser",
    "QtWebKitWidgets": "QtWebEngineWidgets or a QTextBrowser",
    "QtXmlPatterns": "Python's xml modules",
    "QtScript": "QJSEngine (QtQml)",
}

#: Methods PyQt5 named with a trailing underscore (``exec`` and ``print`` were Python 2 keywords); PyQt6 has only
#: the plain name, which PyQt5 5.15 has too.
RENAMED_METHODS: Dict[str, str] = {"exec_": "exec", "print_": "print"}

#: Classes Qt 6 moved from QtWidgets to QtGui and that QGIS aliases back into qgis.PyQt.QtWidgets (see above).
QTGUI_IN_QT6_WITH_QGIS_ALIAS = frozenset({"QAction", "QActionGroup", "QShortcut"})
#: Classes Qt 6 moved from QtWidgets to QtGui without a QGIS alias: neither module has them on both Qt versions.
MOVED_WITHOUT_ALIAS = frozenset({"QUndoCommand", "QUndoStack", "QUndoGroup", "QFileSystemModel"})

#: Enum members (and QFlags classes, which PyQt6 dropped) removed in Qt 6 / PyQt6: (class, name) -> replacement.
REMOVED_MEMBERS: Dict[Tuple[str, str], str] = {
    ("Qt", "MidButton"): "Qt.MouseButton.MiddleButton",
    ("Qt", "TextColorRole"): "Qt.ItemDataRole.ForegroundRole",
    ("Qt", "BackgroundColorRole"): "Qt.ItemDataRole.BackgroundRole",
    ("Qt", "ItemIsTristate"): "Qt.ItemFlag.ItemIsAutoTristate",
    ("Qt", "MatchRegExp"): "Qt.MatchFlag.MatchRegularExpression",
    ("Qt", "SystemLocaleDate"): "QLocale.system().toString(...)",
    ("Qt", "SystemLocaleShortDate"): "QLocale.system().toString(..., QLocale.FormatType.ShortFormat)",
    ("Qt", "SystemLocaleLongDate"): "QLocale.system().toString(..., QLocale.FormatType.LongFormat)",
    ("Qt", "DefaultLocaleShortDate"): "QLocale().toString(..., QLocale.FormatType.ShortFormat)",
    ("Qt", "DefaultLocaleLongDate"): "QLocale().toString(..., QLocale.FormatType.LongFormat)",
    ("Qt", "LocaleDate"): "QLocale().toString(...)",
    ("QPainter", "HighQualityAntialiasing"): "QPainter.RenderHint.Antialiasing",
    ("QPainter", "NonCosmeticDefaultPen"): "a QPen with setCosmetic(False)",
    ("QPalette", "Background"): "QPalette.ColorRole.Window",
    ("QPalette", "Foreground"): "QPalette.ColorRole.WindowText",
    ("QFont", "ForceIntegerMetrics"): "nothing (Qt 6 dropped integer metrics)",
}

#: QFlags classes: PyQt6 has only the enum (an enum.Flag), so ``Qt.Alignment(...)`` and the like are gone.
REMOVED_FLAGS_CLASSES: Dict[Tuple[str, str], str] = {
    ("Qt", "Alignment"): "Qt.AlignmentFlag",
    ("Qt", "ItemFlags"): "Qt.ItemFlag",
    ("Qt", "WindowFlags"): "Qt.WindowType",
    ("Qt", "MatchFlags"): "Qt.MatchFlag",
    ("Qt", "MouseButtons"): "Qt.MouseButton",
    ("Qt", "KeyboardModifiers"): "Qt.KeyboardModifier",
    ("Qt", "DockWidgetAreas"): "Qt.DockWidgetArea",
    ("Qt", "Orientations"): "Qt.Orientation",
    ("Qt", "TextInteractionFlags"): "Qt.TextInteractionFlag",
    ("Qt", "ToolBarAreas"): "Qt.ToolBarArea",
    ("QMessageBox", "StandardButtons"): "QMessageBox.StandardButton",
    ("QDialogButtonBox", "StandardButtons"): "QDialogButtonBox.StandardButton",
    ("QFileDialog", "Options"): "QFileDialog.Option",
    ("QEventLoop", "ProcessEventsFlags"): "QEventLoop.ProcessEventsFlag",
    ("QIODevice", "OpenMode"): "QIODevice.OpenModeFlag",
    ("QPainter", "RenderHints"): "QPainter.RenderHint",
    ("QAbstractItemView", "EditTriggers"): "QAbstractItemView.EditTrigger",
    ("QDockWidget", "DockWidgetFeatures"): "QDockWidget.DockWidgetFeature",
}

#: Overloaded signals Qt 6 reduced to one signature: (signal, index) -> what to connect instead.
REMOVED_SIGNAL_OVERLOADS: Dict[Tuple[str, str], str] = {
    ("activated", "str"): "textActivated",
    ("highlighted", "str"): "textHighlighted",
    ("currentIndexChanged", "str"): "currentTextChanged",
    ("valueChanged", "str"): "textChanged",
    ("buttonClicked", "int"): "idClicked",
    ("buttonPressed", "int"): "idPressed",
    ("buttonReleased", "int"): "idReleased",
    ("buttonToggled", "int"): "idToggled",
}

# --- the enum mapping -----------------------------------------------------------------------------------------

#: Qt enums by class and enum type, with their members. An unscoped ``<Class>.<Member>`` is reported with its
#: scoped spelling; a scoped ``<Class>.<EnumType>.<Member>`` must name a member listed here (so a typo or a member
#: removed in Qt 6 cannot slip through). Members are looked up through the class's bases, so
#: ``QTableWidget.NoEditTriggers`` is found in QAbstractItemView's EditTrigger. test_enum_mapping_is_valid checks
#: every entry against the PyQt that runs the tests; Qt 6 spells the scoped names the same way.
ENUMS: Dict[str, Dict[str, Tuple[str, ...]]] = {
    "Qt": {
        "AlignmentFlag": ("AlignLeft", "AlignRight", "AlignHCenter", "AlignJustify", "AlignTop", "AlignBottom",
                          "AlignVCenter", "AlignCenter", "AlignBaseline", "AlignAbsolute", "AlignLeading",
                          "AlignTrailing"),
        "AspectRatioMode": ("IgnoreAspectRatio", "KeepAspectRatio", "KeepAspectRatioByExpanding"),
        "BrushStyle": ("NoBrush", "SolidPattern", "Dense4Pattern", "BDiagPattern", "FDiagPattern", "DiagCrossPattern"),
        "CaseSensitivity": ("CaseInsensitive", "CaseSensitive"),
        "CheckState": ("Unchecked", "PartiallyChecked", "Checked"),
        "ContextMenuPolicy": ("NoContextMenu", "DefaultContextMenu", "ActionsContextMenu", "CustomContextMenu",
                              "PreventContextMenu"),
        "CursorShape": ("ArrowCursor", "WaitCursor", "BusyCursor", "PointingHandCursor", "CrossCursor",
                        "IBeamCursor", "ForbiddenCursor"),
        "DockWidgetArea": ("LeftDockWidgetArea", "RightDockWidgetArea", "TopDockWidgetArea", "BottomDockWidgetArea",
                           "AllDockWidgetAreas", "NoDockWidgetArea"),
        "FocusPolicy": ("NoFocus", "TabFocus", "ClickFocus", "StrongFocus", "WheelFocus"),
        "GlobalColor": ("white", "black", "red", "darkRed", "green", "darkGreen", "blue", "darkBlue", "cyan",
                        "darkCyan", "magenta", "darkMagenta", "yellow", "darkYellow", "gray", "darkGray",
                        "lightGray", "transparent", "color0", "color1"),
        "ItemDataRole": ("DisplayRole", "DecorationRole", "EditRole", "ToolTipRole", "StatusTipRole",
                         "WhatsThisRole", "FontRole", "TextAlignmentRole", "BackgroundRole", "ForegroundRole",
                         "CheckStateRole", "AccessibleTextRole", "SizeHintRole", "UserRole"),
        "ItemFlag": ("NoItemFlags", "ItemIsSelectable", "ItemIsEditable", "ItemIsDragEnabled", "ItemIsDropEnabled",
                     "ItemIsUserCheckable", "ItemIsEnabled", "ItemIsAutoTristate", "ItemNeverHasChildren",
                     "ItemIsUserTristate"),
        "Key": ("Key_Escape", "Key_Return", "Key_Enter", "Key_Delete", "Key_Backspace", "Key_Tab", "Key_F1"),
        "KeyboardModifier": ("NoModifier", "ShiftModifier", "ControlModifier", "AltModifier", "MetaModifier"),
        "LayoutDirection": ("LeftToRight", "RightToLeft"),
        "MatchFlag": ("MatchExactly", "MatchContains", "MatchStartsWith", "MatchEndsWith", "MatchFixedString",
                      "MatchRegularExpression", "MatchWildcard", "MatchCaseSensitive", "MatchWrap", "MatchRecursive"),
        "MouseButton": ("NoButton", "LeftButton", "RightButton", "MiddleButton"),
        "Orientation": ("Horizontal", "Vertical"),
        "PenStyle": ("NoPen", "SolidLine", "DashLine", "DotLine", "DashDotLine", "DashDotDotLine"),
        "PenCapStyle": ("FlatCap", "SquareCap", "RoundCap"),
        "PenJoinStyle": ("MiterJoin", "BevelJoin", "RoundJoin"),
        "ScrollBarPolicy": ("ScrollBarAsNeeded", "ScrollBarAlwaysOff", "ScrollBarAlwaysOn"),
        "SortOrder": ("AscendingOrder", "DescendingOrder"),
        "TextElideMode": ("ElideLeft", "ElideRight", "ElideMiddle", "ElideNone"),
        "TextFormat": ("PlainText", "RichText", "AutoText", "MarkdownText"),
        "TextFlag": ("TextSingleLine", "TextDontClip", "TextExpandTabs", "TextShowMnemonic", "TextWordWrap",
                     "TextWrapAnywhere", "TextHideMnemonic", "TextDontPrint", "TextIncludeTrailingSpaces"),
        "TimeSpec": ("LocalTime", "UTC", "OffsetFromUTC", "TimeZone"),
        "TextInteractionFlag": ("NoTextInteraction", "TextSelectableByMouse", "TextSelectableByKeyboard",
                                "LinksAccessibleByMouse", "TextBrowserInteraction"),
        "ToolButtonStyle": ("ToolButtonIconOnly", "ToolButtonTextOnly", "ToolButtonTextBesideIcon",
                            "ToolButtonTextUnderIcon", "ToolButtonFollowStyle"),
        "TransformationMode": ("FastTransformation", "SmoothTransformation"),
        "WidgetAttribute": ("WA_DeleteOnClose", "WA_TranslucentBackground"),
        "WindowModality": ("NonModal", "WindowModal", "ApplicationModal"),
        "WindowType": ("Widget", "Window", "Dialog", "Tool", "ToolTip", "WindowStaysOnTopHint",
                       "WindowCloseButtonHint", "FramelessWindowHint"),
    },
    "QAbstractItemView": {
        "EditTrigger": ("NoEditTriggers", "CurrentChanged", "DoubleClicked", "SelectedClicked", "EditKeyPressed",
                        "AnyKeyPressed", "AllEditTriggers"),
        "ScrollHint": ("EnsureVisible", "PositionAtTop", "PositionAtBottom", "PositionAtCenter"),
        "ScrollMode": ("ScrollPerItem", "ScrollPerPixel"),
        "SelectionBehavior": ("SelectItems", "SelectRows", "SelectColumns"),
        "SelectionMode": ("NoSelection", "SingleSelection", "MultiSelection", "ExtendedSelection",
                          "ContiguousSelection"),
    },
    "QColor": {"NameFormat": ("HexRgb", "HexArgb"), "Spec": ("Invalid", "Rgb", "Hsv", "Cmyk", "Hsl", "ExtendedRgb")},
    "QComboBox": {"SizeAdjustPolicy": ("AdjustToContentsOnFirstShow", "AdjustToContents",
                                       "AdjustToMinimumContentsLengthWithIcon")},
    "QDialog": {"DialogCode": ("Rejected", "Accepted")},
    "QDialogButtonBox": {
        "ButtonRole": ("InvalidRole", "AcceptRole", "RejectRole", "DestructiveRole", "ActionRole", "HelpRole",
                       "YesRole", "NoRole", "ApplyRole", "ResetRole"),
        "StandardButton": ("NoButton", "Ok", "Save", "SaveAll", "Open", "Yes", "YesToAll", "No", "NoToAll", "Abort",
                           "Retry", "Ignore", "Close", "Cancel", "Discard", "Help", "Apply", "Reset",
                           "RestoreDefaults"),
    },
    "QDockWidget": {"DockWidgetFeature": ("DockWidgetClosable", "DockWidgetMovable", "DockWidgetFloatable",
                                          "NoDockWidgetFeatures")},
    "QEvent": {"Type": ("None_", "Close", "Show", "Hide", "Resize", "Move", "Paint", "Timer", "KeyPress",
                        "KeyRelease", "MouseButtonPress", "MouseButtonRelease", "MouseButtonDblClick", "MouseMove",
                        "FocusIn", "FocusOut", "Enter", "Leave", "DeferredDelete", "LanguageChange",
                        "LocaleChange", "ContextMenu", "ToolTip", "Wheel", "WindowActivate", "ChildAdded",
                        "ChildPolished", "User")},
    "QEventLoop": {"ProcessEventsFlag": ("AllEvents", "ExcludeUserInputEvents", "ExcludeSocketNotifiers",
                                         "WaitForMoreEvents")},
    "QFileDialog": {
        "AcceptMode": ("AcceptOpen", "AcceptSave"),
        "FileMode": ("AnyFile", "ExistingFile", "Directory", "ExistingFiles"),
        "Option": ("ShowDirsOnly", "DontResolveSymlinks", "DontConfirmOverwrite", "DontUseNativeDialog",
                   "ReadOnly", "HideNameFilterDetails"),
    },
    "QFont": {
        "Capitalization": ("MixedCase", "AllUppercase", "AllLowercase", "SmallCaps", "Capitalize"),
        "SpacingType": ("PercentageSpacing", "AbsoluteSpacing"),
        "Style": ("StyleNormal", "StyleItalic", "StyleOblique"),
        "StyleHint": ("AnyStyle", "SansSerif", "Helvetica", "Serif", "Times", "TypeWriter", "Courier", "Monospace"),
        "StyleStrategy": ("PreferDefault", "PreferBitmap", "PreferDevice", "PreferOutline", "ForceOutline",
                          "PreferMatch", "PreferQuality", "PreferAntialias", "NoAntialias", "NoSubpixelAntialias",
                          "PreferNoShaping", "NoFontMerging"),
        "Weight": ("Thin", "ExtraLight", "Light", "Normal", "Medium", "DemiBold", "Bold", "ExtraBold", "Black"),
    },
    "QFontDatabase": {
        "SystemFont": ("GeneralFont", "FixedFont", "TitleFont", "SmallestReadableFont"),
        "WritingSystem": ("Any", "Latin", "SimplifiedChinese", "TraditionalChinese", "Japanese", "Korean"),
    },
    "QFrame": {"Shadow": ("Plain", "Raised", "Sunken"),
               "Shape": ("NoFrame", "Box", "Panel", "StyledPanel", "HLine", "VLine", "WinPanel")},
    "QHeaderView": {"ResizeMode": ("Interactive", "Fixed", "Stretch", "ResizeToContents")},
    "QTextCursor": {"MoveOperation": ("NoMove", "Start", "End", "StartOfBlock", "EndOfBlock", "Up", "Down")},
    "QTextDocument": {"FindFlag": ("FindBackward", "FindCaseSensitively", "FindWholeWords")},
    "QIcon": {"Mode": ("Normal", "Disabled", "Active", "Selected"), "State": ("On", "Off")},
    "QImage": {"Format": ("Format_Invalid", "Format_Mono", "Format_RGB32", "Format_ARGB32",
                          "Format_ARGB32_Premultiplied", "Format_RGB888", "Format_RGBA8888", "Format_Grayscale8")},
    "QIODevice": {"OpenModeFlag": ("NotOpen", "ReadOnly", "WriteOnly", "ReadWrite", "Append", "Truncate", "Text")},
    "QItemSelectionModel": {"SelectionFlag": ("NoUpdate", "Clear", "Select", "Deselect", "Toggle", "Current", "Rows",
                                              "Columns", "SelectCurrent", "ToggleCurrent", "ClearAndSelect")},
    "QKeySequence": {"StandardKey": ("Open", "Close", "Save", "New", "Delete", "Cut", "Copy", "Paste", "Undo", "Redo",
                                     "Find", "Refresh", "SelectAll", "Print", "HelpContents")},
    "QLayout": {"SizeConstraint": ("SetDefaultConstraint", "SetNoConstraint", "SetMinimumSize", "SetFixedSize",
                                   "SetMaximumSize", "SetMinAndMaxSize")},
    "QLineEdit": {"EchoMode": ("Normal", "NoEcho", "Password", "PasswordEchoOnEdit")},
    "QLocale": {
        "Country": ("AnyCountry", "China", "Taiwan", "HongKong", "UnitedStates", "UnitedKingdom"),
        "FormatType": ("LongFormat", "ShortFormat", "NarrowFormat"),
        "Language": ("AnyLanguage", "C", "Chinese", "English"),
        "NumberOption": ("DefaultNumberOptions", "OmitGroupSeparator", "RejectGroupSeparator"),
        "Script": ("AnyScript", "SimplifiedHanScript", "TraditionalHanScript", "LatinScript"),
    },
    "QMessageBox": {
        "ButtonRole": ("InvalidRole", "AcceptRole", "RejectRole", "DestructiveRole", "ActionRole", "HelpRole",
                       "YesRole", "NoRole", "ApplyRole", "ResetRole"),
        "Icon": ("NoIcon", "Information", "Warning", "Critical", "Question"),
        "StandardButton": ("NoButton", "Ok", "Save", "SaveAll", "Open", "Yes", "YesToAll", "No", "NoToAll", "Abort",
                           "Retry", "Ignore", "Close", "Cancel", "Discard", "Help", "Apply", "Reset",
                           "RestoreDefaults"),
    },
    "QMetaType": {"Type": ("UnknownType", "Bool", "Int", "UInt", "LongLong", "ULongLong", "Double", "QString",
                           "QByteArray", "QDate", "QTime", "QDateTime", "QStringList", "QVariantList",
                           "QVariantMap")},
    "QPainter": {
        "CompositionMode": ("CompositionMode_SourceOver", "CompositionMode_Source", "CompositionMode_Clear",
                            "CompositionMode_Multiply"),
        "RenderHint": ("Antialiasing", "TextAntialiasing", "SmoothPixmapTransform", "LosslessImageRendering"),
    },
    "QPalette": {
        "ColorGroup": ("Active", "Disabled", "Inactive", "Normal"),
        "ColorRole": ("WindowText", "Button", "Light", "Midlight", "Dark", "Mid", "Text", "BrightText",
                      "ButtonText", "Base", "Window", "Shadow", "Highlight", "HighlightedText", "Link",
                      "LinkVisited", "AlternateBase", "ToolTipBase", "ToolTipText", "PlaceholderText"),
    },
    "QSettings": {"Format": ("NativeFormat", "IniFormat"), "Scope": ("UserScope", "SystemScope"),
                  "Status": ("NoError", "AccessError", "FormatError")},
    "QSizePolicy": {"Policy": ("Fixed", "Minimum", "Maximum", "Preferred", "MinimumExpanding", "Expanding",
                               "Ignored")},
    "QStandardPaths": {"StandardLocation": ("DesktopLocation", "DocumentsLocation", "TempLocation", "HomeLocation",
                                            "AppDataLocation", "GenericDataLocation", "CacheLocation")},
    "QTabWidget": {"TabPosition": ("North", "South", "West", "East")},
    "QToolButton": {"ToolButtonPopupMode": ("DelayedPopup", "MenuButtonPopup", "InstantPopup")},
}

#: Upper-case attributes of Qt classes that are not enum members: nested classes, so ``QTextEdit.ExtraSelection()``
#: is not taken for an unscoped enum. Any other upper-case attribute of a Qt class that is in neither table is
#: reported as unclassified, so the scan never guesses.
NOT_ENUMS: Dict[str, Set[str]] = {
    "QTextEdit": {"ExtraSelection"},
    "QPainter": {"PixmapFragment"},
    "QTextLayout": {"FormatRange"},
    "QTextOption": {"Tab"},
}

#: This file is not scanned: its tables and examples name the removed spellings on purpose (it has no Qt code).
SCANNER = "tests/test_qt6_ready.py"

#: Files allowed to hold a spelling the scan reports, because they hold both spellings behind a version test.
ALLOWED: Set[Tuple[str, str]] = {
    ("pingcheng_plugin/core/support/compat.py", "qfontdatabase-constructor"),  # font_database(): Qt 5 only
    ("pingcheng_plugin/core/support/compat.py", "qgsfield-type"),  # field(): the one QgsField(name, type)
}

_QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtXml", "QtNetwork", "QtPrintSupport", "QtSvg", "QtSql", "QtTest")


def _is_qt_class_name(name: str) -> bool:
    """Qt, QDialog ... (not QtCore, not QT_VERSION)."""
    return name == "Qt" or (len(name) > 1 and name[0] == "Q" and name[1].isupper() and not name.isupper())


@functools.cache
def _bases(cls: str) -> Tuple[str, ...]:
    """``cls`` and its Qt base classes, most derived first (from the PyQt that runs the tests)."""
    for module in _QT_MODULES:
        try:
            found = getattr(importlib.import_module(f"qgis.PyQt.{module}"), cls, None)
        except ImportError:
            continue
        if inspect.isclass(found):
            return tuple(base.__name__ for base in found.__mro__ if _is_qt_class_name(base.__name__))
    return (cls,)


def _enum_type(cls: str, name: str) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """(owner, members) when ``cls.name`` is an enum type of ``cls`` or of one of its bases."""
    for base in _bases(cls):
        if name in ENUMS.get(base, {}):
            return base, ENUMS[base][name]
    return None


def _enum_of_member(cls: str, member: str) -> Optional[str]:
    """The enum type holding ``member`` among ``cls``'s and its bases' enums, or None."""
    for base in _bases(cls):
        for enum_type, members in ENUMS.get(base, {}).items():
            if member in members:
                return enum_type
    return None


# --- the scan ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.message}"


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str, tree: ast.AST):
        self.path = path
        self.findings: List[Finding] = []
        self.classes: Dict[str, str] = {}  # local name -> Qt class imported from qgis.PyQt
        self.modules: Set[str] = set()  # local names of qgis.PyQt modules (from qgis.PyQt import QtCore)
        self.built: Dict[str, str] = {}  # "name" / "self.name" -> the Qt class whose constructor made it
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("qgis.PyQt"):
                for alias in node.names:
                    local = alias.asname or alias.name
                    if node.module == "qgis.PyQt" and alias.name in _QT_MODULES:
                        self.modules.add(local)
                    elif _is_qt_class_name(alias.name):
                        self.classes[local] = alias.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                made = self._qt_class(node.value.func)
                if made is None and isinstance(node.value.func, ast.Attribute) \
                        and node.value.func.attr == "fontMetrics":
                    made = "QFontMetrics"
                if made is not None:
                    for target in node.targets:
                        self.built[ast.unparse(target)] = made

    def report(self, node: ast.AST, rule: str, message: str) -> None:
        self.findings.append(Finding(self.path, getattr(node, "lineno", 0), rule, message))

    def _qt_class(self, node: ast.AST) -> Optional[str]:
        """The Qt class an expression names: ``Qt`` (imported from qgis.PyQt) or ``QtCore.Qt``."""
        if isinstance(node, ast.Name):
            return self.classes.get(node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in self.modules \
                and _is_qt_class_name(node.attr):
            return node.attr
        return None

    def _receiver_class(self, node: ast.AST) -> Optional[str]:
        """The Qt class of a method call's receiver, where the module shows it (a constructor or fontMetrics())."""
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "fontMetrics":
                return "QFontMetrics"
            if isinstance(node.func, ast.Attribute) and node.func.attr == "layout" and not node.args:
                return "QLayout"
            return self._qt_class(node.func)
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self.built.get(ast.unparse(node))
        return None

    # imports

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            top = alias.name.split(".")[0]
            if top in ("PyQt5", "PyQt6", "PySide2", "PySide6", "sip"):
                self.report(node, "direct-pyqt-import", f"import {alias.name}: import through qgis.PyQt")
            self._check_module(node, alias.name)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module.split(".")[0] in ("PyQt5", "PyQt6", "PySide2", "PySide6", "sip"):
            self.report(node, "direct-pyqt-import", f"from {module} import ...: import through qgis.PyQt")
        self._check_module(node, module)
        for alias in node.names:
            name = alias.name
            if module == "qgis.PyQt":
                self._check_module(node, f"qgis.PyQt.{name}")
            if name in REMOVED_NAMES:
                self.report(node, "removed-name", f"{name} is gone in Qt 6: use {REMOVED_NAMES[name]}")
            if name in QTGUI_IN_QT6_WITH_QGIS_ALIAS and module == "qgis.PyQt.QtGui":
                self.report(node, "qaction-module", f"{name} from qgis.PyQt.QtGui fails on QGIS 3.22: import it "
                                                    "from qgis.PyQt.QtWidgets (QGIS aliases it there on Qt 6)")
            if name in MOVED_WITHOUT_ALIAS:
                self.report(node, "moved-class", f"{name} is in QtWidgets on Qt 5 and QtGui on Qt 6: go through a "
                                                 "compat function")
            if name == "resources_rc" or name.endswith("_rc"):
                self.report(node, "compiled-resources", f"{name}: PyQt6 has no pyrcc; load files by path")
        self.generic_visit(node)

    def _check_module(self, node: ast.AST, module: str) -> None:
        parts = module.split(".")
        if len(parts) >= 3 and parts[:2] == ["qgis", "PyQt"] and parts[2] in REMOVED_MODULES:
            self.report(node, "removed-module", f"{module} is gone in Qt 6: use {REMOVED_MODULES[parts[2]]}")
        if parts[-1].endswith("_rc"):
            self.report(node, "compiled-resources", f"{module}: PyQt6 has no pyrcc; load files by path")

    # names and attributes

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in REMOVED_NAMES and isinstance(node.ctx, ast.Load):
            self.report(node, "removed-name", f"{node.id} is gone in Qt 6: use {REMOVED_NAMES[node.id]}")
        if node.id == "sipapi":
            self.report(node, "sip-api", "sip API versions do not exist in PyQt6")

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name in RENAMED_METHODS:
            self.report(node, "renamed-method", f"def {node.name}: PyQt6 calls {RENAMED_METHODS[node.name]}")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and node.value in RENAMED_METHODS:  # monkeypatch.setattr(Dialog, "exec_", ..)
            self.report(node, "renamed-method", f"'{node.value}': PyQt6 has only {RENAMED_METHODS[node.value]}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        attr = node.attr
        if attr in RENAMED_METHODS:
            self.report(node, "renamed-method", f".{attr}: use .{RENAMED_METHODS[attr]}() (PyQt5 5.15 has it too)")
        elif attr in ("setapi", "sipapi"):
            self.report(node, "sip-api", f".{attr}: sip API versions do not exist in PyQt6")
        elif attr in REMOVED_NAMES and self._is_module(node.value):  # QtCore.QRegExp
            self.report(node, "removed-name", f"{attr} is gone in Qt 6: use {REMOVED_NAMES[attr]}")
        cls = self._qt_class(node.value)
        if cls is not None:
            self._check_member(node, cls, attr)
        elif isinstance(node.value, ast.Attribute):
            owner = self._qt_class(node.value.value)
            if owner is not None:
                self._check_scoped(node, owner, node.value.attr, attr)
        self.generic_visit(node)

    def _is_module(self, node: ast.AST) -> bool:
        return isinstance(node, ast.Name) and node.id in self.modules

    def _check_member(self, node: ast.Attribute, cls: str, member: str) -> None:
        """``<QtClass>.<member>``: an enum type, a nested class, a method, or an unscoped enum member."""
        removed = REMOVED_MEMBERS.get((cls, member)) or REMOVED_FLAGS_CLASSES.get((cls, member))
        if removed:
            self.report(node, "removed-member", f"{cls}.{member} is gone in Qt 6: use {removed}")
            return
        if cls == "QVariant" and member[:1].isupper():
            self.report(node, "qvariant-type", f"QVariant.{member}: PyQt6 has no QVariant.Type; use "
                                               f"QMetaType.Type (and compat.field for a QgsField)")
            return
        enum_type = _enum_of_member(cls, member)
        if not member[:1].isupper() and enum_type is None:
            return  # a method or static function (QTimer.singleShot, QLocale.system ...)
        if _enum_type(cls, member) is not None or member in NOT_ENUMS.get(cls, ()):
            return  # <QtClass>.<EnumType> (the chain goes on, or the type itself is used) or a nested class
        if enum_type is not None:
            self.report(node, "unscoped-enum", f"{cls}.{member}: use {cls}.{enum_type}.{member}")
        else:
            self.report(node, "unclassified", f"{cls}.{member} is in neither ENUMS nor NOT_ENUMS of "
                                              "tests/test_qt6_ready.py: scope it or classify it there")

    def _check_scoped(self, node: ast.Attribute, cls: str, enum_type: str, member: str) -> None:
        """``<QtClass>.<EnumType>.<member>``: the member must be one the mapping knows (not removed, no typo)."""
        found = _enum_type(cls, enum_type)
        if found is None:
            return  # <QtClass>.<nested class or method>.<attribute>: not an enum chain
        if (cls, member) in REMOVED_MEMBERS:
            self.report(node, "removed-member", f"{cls}.{enum_type}.{member} is gone in Qt 6: use "
                                                f"{REMOVED_MEMBERS[cls, member]}")
        elif member not in found[1] and member[:1].isupper():
            self.report(node, "unclassified", f"{cls}.{enum_type}.{member} is not among ENUMS['{found[0]}']"
                                              f"['{enum_type}'] of tests/test_qt6_ready.py: add it there")

    # calls and subscripts

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        cls = self._qt_class(func)
        if cls == "QFontDatabase" and not node.args and not node.keywords:
            self.report(node, "qfontdatabase-constructor", "QFontDatabase() does not exist in PyQt6: use "
                                                           "compat.font_database()")
        if cls == "QVariant":
            self.report(node, "qvariant-constructor", "QVariant(...): PyQt6 cannot make null variants; use "
                                                      "qgis.core.NULL or None")
        if cls == "QDateTime" and len(node.args) >= 7:
            self.report(node, "qdatetime-constructor", "QDateTime(y, m, d, h, min, s, ...) is gone in PyQt6: use "
                                                       "QDateTime(QDate(...), QTime(...))")
        if isinstance(func, ast.Name) and func.id == "QgsField" and (len(node.args) >= 2 or any(
                k.arg == "type" for k in node.keywords)):
            self.report(node, "qgsfield-type", "QgsField(name, type): build fields with compat.field (QVariant.Type "
                                               "on 3.22, QMetaType.Type from 3.38)")
        if isinstance(func, ast.Attribute):
            receiver = self._receiver_class(func.value)
            if func.attr == "desktop" and not node.args:
                self.report(node, "removed-method", ".desktop(): QDesktopWidget is gone in Qt 6: use "
                                                    "QGuiApplication.primaryScreen() / screens()")
            elif func.attr == "setCodec":
                self.report(node, "removed-method", ".setCodec(): QTextStream.setCodec is gone in Qt 6 "
                                                    "(setEncoding), and so is QTextCodec")
            elif func.attr == "setMargin" and len(node.args) == 1 and receiver and receiver.endswith("Layout"):
                self.report(node, "removed-method", f"{receiver}.setMargin(): gone in Qt 6: use "
                                                    "setContentsMargins(m, m, m, m)")
            elif func.attr == "width" and receiver in ("QFontMetrics", "QFontMetricsF"):
                self.report(node, "removed-method", f"{receiver}.width(): gone in Qt 6: use horizontalAdvance()")
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        index = node.slice
        if isinstance(node.value, ast.Attribute) and isinstance(index, ast.Name):
            replacement = REMOVED_SIGNAL_OVERLOADS.get((node.value.attr, index.id))
            if replacement:
                self.report(node, "removed-signal", f".{node.value.attr}[{index.id}] is gone in Qt 6: connect "
                                                    f".{replacement}")
        self.generic_visit(node)


def scan_source(text: str, path: str) -> List[Finding]:
    tree = ast.parse(text, filename=path)
    scanner = _Scanner(path, tree)
    scanner.visit(tree)
    unique = {(f.line, f.rule, f.message): f for f in scanner.findings}
    return sorted(unique.values(), key=lambda f: (f.line, f.rule))


def python_files(root: Path = ROOT, folders: Iterable[str] = SCANNED) -> List[Path]:
    return sorted(p for folder in folders for p in (root / folder).rglob("*.py") if "__pycache__" not in p.parts)


def scan(root: Path = ROOT, folders: Iterable[str] = SCANNED) -> List[Finding]:
    findings = []
    for path in python_files(root, folders):
        relative = path.relative_to(root).as_posix()
        if relative == SCANNER:
            continue
        findings += [f for f in scan_source(path.read_text(encoding="utf-8"), relative)
                     if (relative, f.rule) not in ALLOWED]
    return findings


# --- the tests -----------------------------------------------------------------------------------------------------

def test_the_plugin_is_qt6_clean():
    """No spelling in the package, the tests, the benchmarks or the scripts that Qt 6 / PyQt6 / QGIS 4 removed."""
    assert len(python_files(folders=("pingcheng_plugin",))) > 30  # the scan does see the package
    findings = scan()
    assert not findings, "Qt 6 readiness:\n" + "\n".join(map(str, findings))


def test_the_scan_reports_a_planted_unscoped_enum(tmp_path):
    """A module the scan passes is reported once a ``Qt.AlignLeft`` and an ``exec_()`` are planted in a copy."""
    source = ROOT / "pingcheng_plugin" / "ui" / "indicators.py"
    copy = tmp_path / "pingcheng_plugin" / "ui" / "indicators.py"
    copy.parent.mkdir(parents=True)
    shutil.copy(source, copy)
    assert scan(tmp_path, ("pingcheng_plugin",)) == []
    text = copy.read_text(encoding="utf-8")
    assert re.search(r"^from qgis\.PyQt\.QtCore import .*\bQt\b", text, re.MULTILINE)  # the planted lines' Qt
    planted = text.rstrip("\n") + "\n\n\ndef _planted(label, dialog):\n    label.setAlignment(Qt.AlignLeft)\n" \
                                   "    return dialog.exec_()\n"
    copy.write_text(planted, encoding="utf-8")
    findings = scan(tmp_path, ("pingcheng_plugin",))
    line = planted.splitlines().index("    label.setAlignment(Qt.AlignLeft)") + 1
    assert [(f.path, f.line, f.rule) for f in findings] == [
        ("pingcheng_plugin/ui/indicators.py", line, "unscoped-enum"),
        ("pingcheng_plugin/ui/indicators.py", line + 1, "renamed-method"),
    ], findings
    assert "Qt.AlignmentFlag.AlignLeft" in findings[0].message


_HEADER = ("from qgis.PyQt import QtCore\n"
           "from qgis.PyQt.QtCore import Qt, QVariant, QEvent, QDateTime, QTimer, QLocale, QMetaType\n"
           "from qgis.PyQt.QtGui import QFont, QFontDatabase, QFontMetrics, QPainter, QColor\n"
           "from qgis.PyQt.QtWidgets import QMessageBox, QDialogButtonBox, QSizePolicy, QHeaderView, "
           "QAbstractItemView, QTableWidget, QTextEdit, QVBoxLayout, QDialog\n"
           "from qgis.core import QgsField, QgsLegendStyle, QgsWkbTypes\n")


@pytest.mark.parametrize("line, rule", [
    ("x = Qt.AlignLeft", "unscoped-enum"),
    ("x = Qt.red", "unscoped-enum"),
    ("x = QtCore.Qt.UserRole", "unscoped-enum"),
    ("x = QMessageBox.Yes | QMessageBox.No", "unscoped-enum"),
    ("x = QDialogButtonBox.Ok", "unscoped-enum"),
    ("x = QSizePolicy.Expanding", "unscoped-enum"),
    ("x = QHeaderView.Stretch", "unscoped-enum"),
    ("x = QAbstractItemView.SingleSelection", "unscoped-enum"),
    ("x = QTableWidget.NoEditTriggers", "unscoped-enum"),  # an enum of a base class
    ("x = QFont.Bold", "unscoped-enum"),
    ("x = QPainter.Antialiasing", "unscoped-enum"),
    ("x = QLocale.Chinese", "unscoped-enum"),
    ("x = QEvent.DeferredDelete", "unscoped-enum"),
    ("x = Qt.MidButton", "removed-member"),
    ("x = Qt.MouseButton.MidButton", "removed-member"),
    ("x = Qt.Alignment(0)", "removed-member"),
    ("x = QPainter.HighQualityAntialiasing", "removed-member"),
    ("x = Qt.AlignmentFlag.AlignLeftt", "unclassified"),
    ("x = Qt.SomethingNew", "unclassified"),
    ("x = QVariant.String", "qvariant-type"),
    ("x = QVariant()", "qvariant-constructor"),
    ("x = QFontDatabase()", "qfontdatabase-constructor"),
    ("x = QDateTime(2024, 1, 2, 3, 4, 5, 0, Qt.TimeSpec.LocalTime)", "qdatetime-constructor"),
    ("dialog.exec_()", "renamed-method"),
    ("QDialog.exec_(dialog)", "renamed-method"),
    ("document.print_(printer)", "renamed-method"),
    ("monkeypatch.setattr(QDialog, 'exec_', lambda self: 1)", "renamed-method"),
    ("from qgis.PyQt.QtGui import QAction", "qaction-module"),
    ("from qgis.PyQt.QtWidgets import QUndoStack", "moved-class"),
    ("from qgis.PyQt.QtCore import QRegExp", "removed-name"),
    ("from qgis.PyQt.QtWidgets import QDesktopWidget", "removed-name"),
    ("from qgis.PyQt.QtCore import QTextCodec", "removed-name"),
    ("x = QtCore.QRegExp('a')", "removed-name"),
    ("from qgis.PyQt.QtWebKitWidgets import QWebView", "removed-module"),
    ("from qgis.PyQt import QtWebKit", "removed-module"),
    ("from PyQt5.QtCore import Qt as Qt5", "direct-pyqt-import"),
    ("import sip", "direct-pyqt-import"),
    ("from . import resources_rc", "compiled-resources"),
    ("sip.setapi('QVariant', 2)", "sip-api"),
    ("screen = app.desktop()", "removed-method"),
    ("stream.setCodec('UTF-8')", "removed-method"),
    ("layout = QVBoxLayout()\nlayout.setMargin(0)", "removed-method"),
    ("widget.layout().setMargin(0)", "removed-method"),
    ("metrics = QFontMetrics(font)\nw = metrics.width('abc')", "removed-method"),
    ("w = widget.fontMetrics().width('abc')", "removed-method"),
    ("combo.activated[str].connect(slot)", "removed-signal"),
    ("group.buttonClicked[int].connect(slot)", "removed-signal"),
    ("field = QgsField('name', QVariant.Int)", "qgsfield-type"),
])
def test_the_scan_reports(line, rule):
    assert rule in {f.rule for f in scan_source(_HEADER + line + "\n", "example.py")}, line


@pytest.mark.parametrize("line", [
    "x = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter",
    "x = QtCore.Qt.ItemDataRole.UserRole + 1",
    "x = Qt.GlobalColor.red",
    "x = Qt.DockWidgetArea(2)",  # the enum type itself
    "x = QMessageBox.StandardButton.Yes",
    "x = QTableWidget.EditTrigger.NoEditTriggers",
    "x = QFont.Weight.Bold",
    "x = QMetaType.Type.QString",
    "x = QEvent.Type.DeferredDelete",
    "QTimer.singleShot(0, slot)",  # static methods
    "x = QLocale.system().name()",
    "x = QColor.fromRgb(1, 2, 3)",
    "x = QMessageBox.question(None, 'a', 'b')",
    "x = QTextEdit.ExtraSelection()",  # a nested class
    "x = isinstance(value, QVariant)",
    "dialog.exec()",
    "from qgis.PyQt.QtWidgets import QAction, QActionGroup, QShortcut",
    "from qgis.PyQt import sip\nalive = not sip.isdeleted(widget)",
    "x = QgsLegendStyle.Title",  # QGIS 4 keeps QGIS's own unscoped enums
    "x = QgsWkbTypes.PolygonGeometry",
    "legend.rstyle(QgsLegendStyle.Title).setMargin(QgsLegendStyle.Bottom, 2.5)",  # QgsLegendStyle, not QLayout
    "style.setMargin(2.0)",  # a receiver the scan cannot type is not guessed at
    "w = rect.width()",
    "w = QFontMetrics(font).horizontalAdvance('abc')",
    "x = QFontDatabase.families()",
    "combo.currentIndexChanged.connect(slot)",
    "x = d[str]",
])
def test_the_scan_passes(line):
    findings = scan_source(_HEADER + line + "\n", "example.py")
    assert not findings, "\n".join(map(str, findings))


def test_enum_mapping_is_valid():
    """Every ``<Class>.<EnumType>.<Member>`` the mapping accepts exists in the PyQt that runs the tests (Qt 6 spells
    scoped names the same way), and on Qt 5 every name the scan calls removed is a real PyQt5 name: no guesswork."""
    from qgis.PyQt.QtCore import QT_VERSION

    def qt_class(name):
        for module in _QT_MODULES:
            found = getattr(importlib.import_module(f"qgis.PyQt.{module}"), name, None)
            if inspect.isclass(found):
                return found
        raise AssertionError(f"no Qt class {name}")

    missing = [f"{cls}.{enum_type}.{member}" for cls, enums in ENUMS.items() for enum_type, members in enums.items()
               for member in members if not hasattr(getattr(qt_class(cls), enum_type, None), member)]
    assert not missing, missing
    if QT_VERSION < 0x060000:
        unknown = [f"{cls}.{name}" for cls, name in {**REMOVED_MEMBERS, **REMOVED_FLAGS_CLASSES}
                   if not hasattr(qt_class(cls), name)]
        assert not unknown, unknown


def test_metadata_declares_qgis4_and_qt6():
    """With the scan clean, metadata.txt offers the plugin to QGIS 4 (Qt 6) builds."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    meta = parser["general"]
    assert meta.get("supportsQt6") == "True"
    assert meta.get("qgisMaximumVersion") == "4.99"
    assert meta.get("qgisMinimumVersion") == "3.22"
