"""*Export sites…*: which sites (all, the selection, an expression), which format, encoding and coordinate system,
which file. The export itself is core's :func:`..core.exchange.writers.export_sites`, run as a task by
:mod:`.import_actions`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import List, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer
from qgis.gui import QgsFileWidget, QgsProjectionSelectionWidget
from qgis.PyQt.QtWidgets import QDialog

from ..core.exchange import encoding as enc
from ..core.exchange import formats
from ..core.exchange.profile import default_profile_path, load_profile
from ..core.exchange.profile_export import PROFILE_FORMATS, check_format
from ..core.exchange.txt import DEFAULT_DECIMALS
from ..core.exchange.txt_export import ELLIPSOIDAL, MAX_DECIMALS, PLANAR, TxtOptions
from ..core.exchange.writers import DEFAULT_CRS, DEFAULT_ENCODING
from ..core.support.errors import InvalidInputError
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from ..core.support.settings import Settings
from . import dialogs, feedback
from .ui_files import load_ui

FORMAT_NOTES = {
    "gpkg": QT_TRANSLATE_NOOP("@default", "Every attribute, with the Chinese field aliases."),
    "shp": QT_TRANSLATE_NOOP("@default", "Every attribute under short field names (XMMC, XMLX, ZTZ…); text longer "
                                         "than a Shapefile field holds is shortened and reported."),
    "geojson": QT_TRANSLATE_NOOP("@default", "Every attribute; longitude and latitude unless you choose another "
                                             "coordinate system."),
    "kml": QT_TRANSLATE_NOOP("@default", "Every attribute; always longitude and latitude (Google Earth)."),
    "dxf": QT_TRANSLATE_NOOP("@default", "Outlines as closed polylines on one CAD layer per project type, with each "
                                         "site's name and code as texts; no other attributes."),
    "txt": QT_TRANSLATE_NOOP("@default", "The 界址点坐标 format: code, name, type and area (ha) of each parcel, "
                                         "the area ellipsoidal or planar as chosen (the file's header says which); "
                                         "eastings with the zone number (zone 38); rings clockwise from the "
                                         "north-west; parts of a site as parcels 地块编号-1, -2…"),
    "csv": QT_TRANSLATE_NOOP("@default", "Every attribute and the outline as WKT text; UTF-8 opens in Excel."),
}
#: Formats whose text encoding can be chosen.
ENCODED = ("shp", "txt", "csv")
#: The profile choices: none (the plugin's field names), the shipped default, a file the user picks.
NO_PROFILE, DEFAULT_PROFILE, OWN_PROFILE = "none", "default", "file"


@dataclass
class ExportChoice:
    path: str
    format_id: str
    encoding: str
    expression: Optional[str]
    fids: Optional[List[int]]
    crs: Optional[QgsCoordinateReferenceSystem]
    profile: Optional[str] = None  # a 上图入库 export profile (JSON path)
    txt: Optional[TxtOptions] = None  # the TXT's precision and area


class ExportSitesDialog(QDialog):
    def __init__(self, sites: QgsVectorLayer, parent=None, settings: Optional[Settings] = None):
        super().__init__(parent)
        load_ui(self, "export_sites.ui")
        self.sites = sites
        self.settings = settings or Settings()
        for format_id in formats.EXPORT_IDS:
            self.formatComboBox.addItem(tr(formats.get(format_id).label), format_id)
        self.formatComboBox.setCurrentIndex(max(0, self.formatComboBox.findData(self.settings.export_sites_format())))
        selected = sites.selectedFeatureCount() if sites is not None else 0
        self.selectedRadio.setText(tr("Selected sites ({count})").format(count=selected))
        self.selectedRadio.setEnabled(selected > 0)
        if selected:
            self.selectedRadio.setChecked(True)
        if sites is not None:
            self.filterEdit.setLayer(sites)
        self.filterEdit.setEnabled(False)
        self.filterRadio.toggled.connect(self.filterEdit.setEnabled)
        self.crsWidget.setOptionVisible(QgsProjectionSelectionWidget.CrsNotSet, True)
        self.crsWidget.setNotSetText(tr("The format's usual one"))
        self.crsWidget.setCrs(QgsCoordinateReferenceSystem())
        self.outputWidget.setStorageMode(QgsFileWidget.SaveFile)
        self.outputWidget.setConfirmOverwrite(True)
        self.profileComboBox.addItem(tr("None: the plugin's field names"), NO_PROFILE)
        self.profileComboBox.addItem(tr("上图入库 default (BSM, YSDM, XZQDM, XZQMC…; check against your province's "
                                        "standard)"), DEFAULT_PROFILE)
        self.profileComboBox.addItem(tr("A profile file…"), OWN_PROFILE)
        self.profileWidget.setFilter(tr("Export profiles (*.json)"))
        self.txtDecimalsSpinBox.setRange(0, MAX_DECIMALS)
        self.txtDecimalsSpinBox.setValue(DEFAULT_DECIMALS)
        self.txtAreaComboBox.addItem(tr("Ellipsoidal (CGCS2000), as the plan reports it"), ELLIPSOIDAL)
        self.txtAreaComboBox.addItem(tr("Planar, from the file's coordinates"), PLANAR)
        self.profileComboBox.currentIndexChanged.connect(feedback.in_dialog(self)(lambda *_: self._profile_changed()))
        self.formatComboBox.currentIndexChanged.connect(feedback.in_dialog(self)(lambda *_: self._format_changed()))
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        dialogs.set_up(self, "export_sites", self.buttonBox)
        self._format_changed()

    def format_id(self) -> str:
        return self.formatComboBox.currentData()

    def _format_changed(self) -> None:
        format_id = self.format_id()
        fmt = formats.get(format_id)
        self.encodingComboBox.clear()
        default = DEFAULT_ENCODING.get(format_id, enc.UTF8)
        if format_id == "shp":
            default = self.settings.shapefile_encoding() or default
        for name in (enc.UTF8, enc.GB18030):
            self.encodingComboBox.addItem("GBK" if name == enc.GB18030 else name, name)
        self.encodingComboBox.setCurrentIndex(max(0, self.encodingComboBox.findData(default)))
        self.encodingComboBox.setEnabled(format_id in ENCODED)
        self.crsWidget.setEnabled(format_id != "kml")
        self.crsWidget.setNotSetText(tr("The format's usual one ({crs})").format(crs=DEFAULT_CRS[format_id]))
        self.formatNote.setText(tr(FORMAT_NOTES[format_id]))
        self.profileComboBox.setEnabled(format_id in PROFILE_FORMATS)
        for widget in (self.txtDecimalsSpinBox, self.txtAreaComboBox):
            widget.setEnabled(format_id == "txt")
        self._profile_changed()
        self.outputWidget.setFilter(formats.file_filter((format_id,), everything=False))
        current = self.outputWidget.filePath().strip()
        folder = os.path.dirname(current) if current else (self.settings.exchange_folder() or os.path.expanduser("~"))
        stem = os.path.splitext(os.path.basename(current))[0] if current else "重点工程项目"
        self.outputWidget.setFilePath(os.path.join(folder, stem + fmt.extensions[0]))

    def _profile_changed(self) -> None:
        self.profileWidget.setEnabled(self.profileComboBox.isEnabled()
                                      and self.profileComboBox.currentData() == OWN_PROFILE)

    def profile_path(self) -> Optional[str]:
        """The chosen profile, checked (a malformed file is named here, before anything runs)."""
        which = self.profileComboBox.currentData()
        if not self.profileComboBox.isEnabled() or which == NO_PROFILE:
            return None
        path = default_profile_path() if which == DEFAULT_PROFILE else self.profileWidget.filePath().strip()
        if not path:
            raise InvalidInputError(tr("Choose the export profile file, or no profile."))
        check_format(self.format_id())
        load_profile(path)
        return path

    def choice(self) -> ExportChoice:
        path = self.outputWidget.filePath().strip()
        if not path:
            raise InvalidInputError(tr("Choose the file to write."))
        format_id = self.format_id()
        expression, fids = None, None
        if self.filterRadio.isChecked():
            expression = self.filterEdit.expression().strip()
            if not expression:
                raise InvalidInputError(tr("Write the expression that selects the sites, or export all sites."))
        elif self.selectedRadio.isChecked():
            fids = sorted(self.sites.selectedFeatureIds())
        crs = self.crsWidget.crs()
        return ExportChoice(formats.with_extension(path, format_id), format_id, self.encodingComboBox.currentData(),
                            expression, fids, crs if crs.isValid() else None, self.profile_path(),
                            TxtOptions(self.txtDecimalsSpinBox.value(), self.txtAreaComboBox.currentData())
                            if format_id == "txt" else None)

    def remember(self, choice: ExportChoice) -> None:
        self.settings.set_export_sites_format(choice.format_id)
        self.settings.set_exchange_folder(os.path.dirname(os.path.abspath(choice.path)))
        if choice.format_id == "shp":
            self.settings.set_shapefile_encoding(choice.encoding)
