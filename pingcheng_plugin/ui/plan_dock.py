"""The 生态修复规划 dock: the plan's layout, zones, key areas and key projects with live figures, and 规划指标."""

from __future__ import annotations

import html
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Dict, List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget, QgsHighlight
from qgis.PyQt.QtCore import QModelIndex, QSize, Qt
from qgis.PyQt.QtGui import QColor, QIcon, QPixmap
from qgis.PyQt.QtWidgets import QHeaderView, QMenu, QWidget

from ..core.sites import areas, site_filters
from ..core.sites.plan_stats import SITE_COLUMNS, UNCLASSIFIED, PlanStatistics, Summary
from ..core.store import plan_data, plan_layers, schema, site_overlaps, site_reader, styles
from ..core.support import formatting
from ..core.support.i18n import tr, ui_language
from . import feedback, plan_details
from .indicators import IndicatorsView
from .plan_language import PlanLanguage
from .plan_tree import (
    CODE,
    CODE_ROLE,
    COUNT,
    FID_ROLE,
    INVESTMENT,
    KIND_ROLE,
    NAME,
    PlanTreeModel,
    SiteSearchProxy,
    entry_name,
)
from .plan_watcher import PlanWatcher
from .ui_files import load_ui

DOCK_OBJECT_NAME = "PingchengPlanDock"
_COLOURS = {"corridor": styles.CORRIDOR_COLOURS, "barrier": styles.BARRIER_COLOURS, "zone": styles.ZONE_COLOURS,
            "key_area": styles.KEY_AREA_COLOURS, "project_type": styles.TYPE_COLOURS}
_LAYER_FOR = {**schema.LAYER_FOR_KIND, "project_type": schema.SITES, "site": schema.SITES}
_MARGIN = 0.08  # zoom margin around an entry
#: The width the dock opens at: the longest plan name (16 characters, three levels deep), a project code, a count
#: and an amount side by side; 1366 px screens keep about 850 px of map. It may be narrowed to the minimum.
PANEL_WIDTH = 500
MINIMUM_WIDTH = 320


class PlanPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        load_ui(self, "plan_dock.ui")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide enough for the plan's longest names beside the figures (readable at 1366×768)."""
        return QSize(PANEL_WIDTH, 600)


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class PlanDock(QgsDockWidget):
    def __init__(self, iface, actions: Dict[str, Callable], parent=None):
        """``actions``: 'new_plan', 'open_plan', 'add_site', 'validate' slots of the plugin."""
        super().__init__(tr("Ecological restoration plan"), parent)
        self.setObjectName(DOCK_OBJECT_NAME)
        self.iface = iface
        self.language = ui_language()
        self.panel = PlanPanel(self)
        self.setWidget(self.panel)
        self.model = PlanTreeModel(self.language, self)
        self.proxy = SiteSearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.panel.tree.setModel(self.proxy)
        header = self.panel.tree.header()
        # every column as wide as its text, none cut: a dock narrower than the tree scrolls sideways, as QGIS's own
        # Layers panel does; the code comes last and every name's tooltip holds it too
        for column in (NAME, COUNT, INVESTMENT, CODE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.panel.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._decorate_entries()
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.panel.warningLabel.setTextFormat(Qt.TextFormat.PlainText)  # layer names and filters are user text
        self.panel.splitter.setStretchFactor(0, 3)
        self.panel.splitter.setStretchFactor(1, 2)
        self.indicators = IndicatorsView(self.language, self.panel.indicatorsTab)
        self.panel.indicatorsLayout.addWidget(self.indicators)
        self.panel.addSiteButton.setIcon(QIcon(_icon("add_site")))
        self.panel.addSiteButton.setToolTip(tr("Add project site"))
        self.panel.validateButton.setIcon(QIcon(_icon("validate")))
        self.panel.validateButton.setToolTip(tr("Validate all sites"))
        guarded = feedback.guarded(iface)
        self.panel.newPlanButton.clicked.connect(guarded(lambda *_: actions["new_plan"]()))
        self.panel.openPlanButton.clicked.connect(guarded(lambda *_: actions["open_plan"]()))
        self.panel.addSiteButton.clicked.connect(guarded(lambda *_: actions["add_site"]()))
        self.panel.validateButton.clicked.connect(guarded(lambda *_: actions["validate"]()))
        self.panel.searchEdit.textChanged.connect(guarded(self._search))
        self.panel.searchEdit.returnPressed.connect(guarded(self._zoom_to_first_match))
        self.panel.tree.clicked.connect(guarded(self._entry_clicked))
        self.panel.tree.doubleClicked.connect(guarded(self._entry_double_clicked))
        self.panel.tree.customContextMenuRequested.connect(guarded(self._context_menu))
        self.model.itemChanged.connect(guarded(self._item_checked))
        self.stats: Optional[PlanStatistics] = None
        self.summary: Optional[Summary] = None
        self.plan: Optional[plan_layers.PlanLayers] = None
        self.highlight: Optional[QgsHighlight] = None
        self._district_km2: Optional[float] = None
        self._illustrative = False
        self._plan_warnings: List[str] = []
        self._selected: Optional[Tuple[str, str]] = None
        self.watcher = PlanWatcher(QgsProject.instance(), self, lambda error: feedback.show_error(iface, error))
        self.watcher.planChanged.connect(guarded(self.show_plan))
        # the plan's layer names, fields and lists in the UI language, stored in Chinese
        self.plan_language = PlanLanguage(QgsProject.instance(), self, lambda error: feedback.show_error(iface, error))
        self.watcher.planChanged.connect(guarded(self.plan_language.show_plan))
        self.watcher.sitesChanged.connect(guarded(self.sites_changed))
        self.watcher.sitesReloaded.connect(guarded(self.sites_reloaded))
        self.show_plan(None)
        self.watcher.refresh_plan()

    def cleanup(self) -> None:
        """Disconnect from the project and the map before the plugin unloads."""
        self.watcher.disconnect_all()
        self.plan_language.unload()
        self._clear_highlight()

    # --- the plan ----------------------------------------------------------------------------------------------
    def show_plan(self, plan: Optional[plan_layers.PlanLayers]) -> None:
        self.plan = plan
        self._illustrative = False
        self._clear_highlight()
        self.model.set_sites([])
        if plan is None:
            self.stats = None
            self.panel.stack.setCurrentWidget(self.panel.emptyPage)
            return
        self.panel.stack.setCurrentWidget(self.panel.planPage)
        plan_areas = {}
        warnings = []
        for kind, spec in schema.LAYER_FOR_KIND.items():
            layer = plan.get(spec)
            if layer is None:
                warnings.append(tr("The layer {table} is not in the project; its entries show no area.").format(
                    table=spec.title_zh))
                plan_areas[kind] = []
                continue
            if layer.fields().indexOf("code") < 0:
                warnings.append(tr("The layer {layer} has no “code” field.").format(layer=layer.name()))
                plan_areas[kind] = []
                continue
            plan_areas[kind] = plan_data.coded_geometries(layer)
            self._illustrative = self._illustrative or plan_data.has_illustrative(layer)
        self.stats = PlanStatistics(plan_areas)
        invalid = [entry_name(a.kind, a.code, self.language) for kind in self.stats.areas.values()
                   for a in kind.values() if not a.valid]
        if invalid:
            warnings.append(tr("Invalid geometry in: {entries}. Their areas may be wrong; fix the layer.").format(
                entries="、".join(invalid)))
        self._plan_warnings = warnings
        boundary = plan.get(schema.BOUNDARY)
        district = plan_data.union_geometry(boundary) if boundary is not None else None
        self._district_km2 = areas.distance_area().measureArea(district) / 1e6 if district is not None else None
        name = html.escape(os.path.basename(plan.path))
        label = tr("illustrative layout")
        badge = f" <span style='color:#9a6700'>[{html.escape(label)}]</span>" if self._illustrative else ""
        self.panel.planLabel.setText(f"<b>{name}</b>{badge}")
        self.panel.planLabel.setToolTip(plan.path)
        self.sites_reloaded()

    def sites_reloaded(self) -> None:
        if self.stats is None or self.plan is None or self.plan.sites is None:
            return
        sites = self.plan.sites
        missing = [n for n in ("project_type", "zone_code", "key_areas", "investment", "area_ha", "start_year")
                   if sites.fields().indexOf(n) < 0]
        # every site of the plan as saved plus unsaved edits: a filter on the map must not change the figures;
        # without edits the sites are read straight from the plan (no QgsFeature per site)
        before = dict(self.stats.sites)
        buffer = sites.editBuffer() if sites.isEditable() else None
        if buffer is None or not buffer.isModified():
            self._load_saved_sites()
        else:
            self.stats.load(plan_data.site_features(self.plan.path, sites))
        after = self.stats.sites
        # only the rows that differ change (a save renumbers new sites; the rest of the tree stays as it is)
        if not before:  # a plan just opened: the tree takes every site at once
            self.model.set_sites(after.values())
        else:
            changed = [facts for fid, facts in after.items() if before.get(fid) != facts]
            self.model.update_sites(changed, [fid for fid in before if fid not in after])
        self._refresh_figures(missing)

    def _load_saved_sites(self) -> None:
        """The saved sites' attributes, with their corridors and barriers measured inside the GeoPackage (in a
        second thread meanwhile: both wait on the disk or in C). When the layers shown are not the saved tables
        (unsaved edits, a filter) or the engine cannot, the sites' geometry is read too and measured in Python."""
        tables = []
        for kind in ("corridor", "barrier"):
            spec = schema.LAYER_FOR_KIND[kind]
            layer = self.plan.get(spec)
            if layer is not None and (layer.isModified() or layer.subsetString()):
                tables = None
                break
            tables.append(spec.table if layer is not None else None)
        path = self.plan.path
        if tables is not None:
            with ThreadPoolExecutor(max_workers=1) as pool:
                pending = [pool.submit(site_overlaps.overlapping_codes, path, t) if t else None for t in tables]
                rows = site_reader.read_rows(path, SITE_COLUMNS)
                found = [job.result() if job is not None else {} for job in pending]
            if all(hits is not None for hits in found):
                self.stats.load_rows(rows, found[0], found[1])
                return
        self.stats.load_records(site_reader.read_sites(path, list(SITE_COLUMNS)))

    def sites_changed(self, changed, deleted) -> None:
        """One edit: only the changed sites' facts and rows are redone, then the totals."""
        if self.stats is None or self.plan is None or self.plan.sites is None:
            return
        self.stats.remove(deleted)
        features = list(self.plan.sites.getFeatures(QgsFeatureRequest().setFilterFids(list(changed)))) \
            if changed else []
        self.stats.update(features)
        self.model.update_sites([self.stats.sites[f.id()] for f in features], deleted)
        self._refresh_figures([])

    def _refresh_figures(self, missing_fields: List[str]) -> None:
        self.summary = self.stats.summary()
        self.model.set_figures(self.summary)
        warnings = list(self._plan_warnings)
        if missing_fields:
            warnings.append(tr("The site layer lacks the fields {fields}; figures that need them are empty.")
                            .format(fields=formatting.joined(missing_fields)))
        sites = self.plan.sites
        if sites is not None and sites.subsetString():
            warnings.append(tr("The site layer is filtered on the map ({filter}); the figures count every site of "
                               "the plan.").format(filter=sites.subsetString()))
        unclassified = self.summary.get("project_type", UNCLASSIFIED).count
        if unclassified:
            warnings.append(tr("{sites} without a valid project type (shown under Unclassified).").format(
                sites=formatting.count(unclassified, "site")))
        self.panel.warningLabel.setText("\n".join(warnings))
        self.panel.warningLabel.setVisible(bool(warnings))
        self.indicators.show_figures(self.stats, self.summary, self._district_km2, self._illustrative)
        if self._selected is not None:
            self._show_details(*self._selected)

    # --- entries -----------------------------------------------------------------------------------------------
    def _decorate_entries(self) -> None:
        for (kind, code), items in self.model.entries.items():
            colour = _COLOURS.get(kind, {}).get(code, styles.UNCLASSIFIED_COLOUR)
            for item in items:
                item.setIcon(swatch(colour))

    def _entry_at(self, index: QModelIndex) -> Tuple[Optional[str], Optional[str], Optional[int]]:
        source = self.proxy.mapToSource(index.sibling(index.row(), 0))
        item = self.model.itemFromIndex(source)
        if item is None:
            return None, None, None
        return item.data(KIND_ROLE), item.data(CODE_ROLE), item.data(FID_ROLE)

    def _entry_clicked(self, index: QModelIndex) -> None:
        kind, code, fid = self._entry_at(index)
        if kind is None:
            return
        if kind == "site":
            self._selected = None
            self._zoom_to_sites([fid])
            self._show_site_details(fid)
            return
        self._selected = (kind, code)
        self._show_details(kind, code)
        self.zoom_to_entry(kind, code)

    def _entry_double_clicked(self, index: QModelIndex) -> None:
        kind, _code, fid = self._entry_at(index)
        if kind == "site" and self.plan is not None and self.plan.sites is not None:
            feature = self.plan.sites.getFeature(fid)
            if feature.isValid():
                self.iface.openFeatureForm(self.plan.sites, feature, False, False)

    def entry_geometry(self, kind: str, code: str) -> Tuple[Optional[QgsGeometry], Optional[QgsVectorLayer]]:
        if self.plan is None:
            return None, None
        if kind in ("project_type", "site"):
            sites = self.plan.sites
            fids = self.stats.members(kind, code) if kind == "project_type" else []
            geometries = [f.geometry() for f in sites.getFeatures(QgsFeatureRequest().setFilterFids(list(fids)))
                          if f.hasGeometry()]
            return (QgsGeometry.collectGeometry(geometries) if geometries else None), sites
        layer = self.plan.get(_LAYER_FOR[kind])
        if layer is None:
            return None, None
        geometries = [f.geometry() for f in layer.getFeatures() if f["code"] == code and f.hasGeometry()]
        return (QgsGeometry.collectGeometry(geometries) if geometries else None), layer

    def zoom_to_entry(self, kind: str, code: str) -> None:
        geometry, layer = self.entry_geometry(kind, code)
        if geometry is None or geometry.isEmpty():
            feedback.push(self.iface, tr("{entry} has no geometry in this plan yet.").format(
                entry=entry_name(kind, code, self.language)), Qgis.MessageLevel.Info)
            return
        self._highlight(geometry, layer)

    def _zoom_to_sites(self, fids) -> None:
        sites = self.plan.sites if self.plan else None
        if sites is None:
            return
        geometries = [f.geometry() for f in sites.getFeatures(QgsFeatureRequest().setFilterFids(list(fids)))
                      if f.hasGeometry()]
        if geometries:
            self._highlight(QgsGeometry.collectGeometry(geometries), sites)

    def _highlight(self, geometry: QgsGeometry, layer: QgsVectorLayer) -> None:
        canvas = self.iface.mapCanvas()
        self._clear_highlight()
        self.highlight = QgsHighlight(canvas, geometry, layer)
        self.highlight.setColor(QColor(255, 0, 0, 220))
        self.highlight.setFillColor(QColor(255, 0, 0, 40))
        self.highlight.setWidth(3)
        self.highlight.show()
        to_map = QgsCoordinateTransform(layer.crs() if layer else QgsCoordinateReferenceSystem(schema.STORAGE_CRS),
                                        canvas.mapSettings().destinationCrs(), QgsProject.instance())
        extent = to_map.transformBoundingBox(geometry.boundingBox())
        extent = QgsRectangle(extent)
        extent.grow(max(extent.width(), extent.height()) * _MARGIN + 50)
        canvas.setExtent(extent)
        canvas.refresh()

    def _clear_highlight(self) -> None:
        if self.highlight is not None:
            self.iface.mapCanvas().scene().removeItem(self.highlight)
            self.highlight = None

    # --- details -----------------------------------------------------------------------------------------------
    def _show_details(self, kind: str, code: str) -> None:
        if self.summary is None or self.stats is None:
            return
        self.panel.details.setHtml(plan_details.entry_html(kind, code, self.summary, self.stats, self.language,
                                                           self._district_km2, self._illustrative))

    def _show_site_details(self, fid: int) -> None:
        site = self.stats.sites.get(fid) if self.stats else None
        if site is not None:
            record = plan_details.site_record(self.plan.sites if self.plan else None, fid)
            controls = plan_details.site_controls(self.plan.path, site) if self.plan else None
            self.panel.details.setHtml(plan_details.site_html(site, self.language, record, controls))

    # --- search ------------------------------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        key = text.strip().casefold()
        if key:
            self.model.fetch_matching(key)
        self.proxy.set_text(text)
        if key:
            self.panel.tree.expandAll()

    def _zoom_to_first_match(self) -> None:
        fid = self.model.first_match(self.proxy.text) if self.proxy.text else None
        if fid is not None:
            self._zoom_to_sites([fid])
            self._show_site_details(fid)
            self.plan.sites.selectByIds([fid])

    # --- show / hide ---------------------------------------------------------------------------------------------
    def _item_checked(self, item) -> None:
        kind, code = item.data(KIND_ROLE), item.data(CODE_ROLE)
        if not item.isCheckable() or kind is None or self.plan is None:
            return
        visible = item.checkState() == Qt.CheckState.Checked
        for twin in self.model.entries.get((kind, code), []):
            if twin is not item and twin.checkState() != item.checkState():
                twin.setCheckState(item.checkState())
        self.set_entry_visible(kind, code, visible)

    def set_entry_visible(self, kind: str, code: str, visible: bool) -> bool:
        """Show or hide one entry on the map: its category of the layer's renderer, as the legend does."""
        layer = self.plan.get(_LAYER_FOR[kind]) if self.plan else None
        renderer = layer.renderer() if layer is not None else None
        if not isinstance(renderer, QgsCategorizedSymbolRenderer):
            return False
        index = renderer.categoryIndexForValue(code)
        if index < 0:
            return False
        renderer.updateCategoryRenderState(index, visible)
        layer.triggerRepaint()
        layer.emitStyleChanged()
        view = self.iface.layerTreeView()
        if hasattr(view, "refreshLayerSymbology"):
            view.refreshLayerSymbology(layer.id())
        return True

    # --- context menu ------------------------------------------------------------------------------------------
    def _context_menu(self, position) -> None:
        index = self.panel.tree.indexAt(position)
        kind, code, fid = self._entry_at(index)
        if kind is None:
            return
        menu = QMenu(self)
        if kind == "site":
            menu.addAction(tr("Open form"), lambda: self._entry_double_clicked(index))
            menu.addAction(tr("Zoom to site"), lambda: self._zoom_to_sites([fid]))
        else:
            menu.addAction(tr("Select sites inside"), lambda: self.select_sites(kind, code))
            menu.addAction(tr("Filter the site layer to it"), lambda: self.filter_sites(kind, code))
            menu.addAction(tr("Clear filter"), self.clear_filter)
            menu.addAction(tr("Open attribute table"), lambda: self.open_table(kind, code))
        menu.exec(self.panel.tree.viewport().mapToGlobal(position))

    def select_sites(self, kind: str, code: str) -> List[int]:
        fids = list(self.stats.members(kind, code)) if self.stats else []
        self.plan.sites.selectByIds(fids)
        feedback.push(self.iface, tr("{sites} selected in {entry}.").format(
            sites=formatting.count(len(fids), "site"), entry=entry_name(kind, code, self.language)),
            Qgis.MessageLevel.Info)
        return fids

    def filter_sites(self, kind: str, code: str) -> None:
        sites = self.plan.sites
        members = self.stats.members(kind, code) if self.stats else ()
        site_filters.apply(sites, site_filters.sql_for(kind, code, members))

    def clear_filter(self) -> None:
        site_filters.clear(self.plan.sites)

    def open_table(self, kind: str, code: str) -> None:
        members = self.stats.members(kind, code) if self.stats else ()
        self.iface.showAttributeTable(self.plan.sites, site_filters.expression_for(kind, code, members))


def _icon(name: str) -> str:
    from ..core.support import paths

    return paths.resource("icons", f"{name}.svg")
