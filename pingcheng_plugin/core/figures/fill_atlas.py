"""The project location maps (项目位置图): an atlas of one page per site, and what follows each page.

Every atlas page has its own extent and scale, so the parts of the frame that depend on them are redone for each
page in a handler of ``QgsLayoutAtlas.featureChanged`` (the map has its new extent by then): the grid interval and
its corner-free labels, a 1–2–5 scale bar, the legend (only what the page shows) and the boundary-point table.
QGIS 3.22 has no data-defined scale-bar segment, so this cannot be left to expressions.
"""

from __future__ import annotations

from typing import List, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLineSymbolLayer,
    QgsPrintLayout,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSimpleFillSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt

from ..store import schema
from ..support import compat
from . import templates as ids
from .atlas_labels import ZONE_NAMES, place_zone_names
from .boundary_points import fill_point_table
from .catalogue import FigureSpec
from .fill_map import (
    ATLAS_SCALES,
    SAFE_SITE_NAME,
    fill_legend,
    fit_map,
    fit_scalebar,
    link_map_items,
    obstacles,
    set_map_layers,
)
from .fill_text import item
from .land_table import SiteControlRows, fill_land_table
from .layers import FigureLayers, FigureSource
from .map_grid import configure_grid


def fill_atlas(layout: QgsPrintLayout, spec: FigureSpec, layers: FigureLayers, plan: FigureSource, grid: str) -> None:
    map_item = item(layout, ids.ITEM_MAP, QgsLayoutItemMap)
    set_map_layers(map_item, layers.map_layers)
    fit_map(map_item, plan.district_extent())
    layout.renderContext().setPredefinedScales(list(ATLAS_SCALES))
    map_item.setAtlasDriven(True)
    map_item.setAtlasScalingMode(QgsLayoutItemMap.Predefined)
    map_item.setAtlasMargin(0.9)
    configure_grid(map_item, grid, atlas=True)
    link_map_items(layout, map_item)
    fill_legend(layout, map_item, layers.legend)
    overview = item(layout, ids.ITEM_OVERVIEW, QgsLayoutItemMap)
    if overview is not None:
        set_map_layers(overview, layers.overview_layers)
        overview.setAtlasDriven(False)
        fit_map(overview, plan.district_extent(), 1.02)
        for grid_item in overview.grids().asList():
            grid_item.setEnabled(False)
        frame = overview.overview()
        frame.setLinkedMap(map_item)
        frame.setFrameSymbol(QgsFillSymbol.createSimple({"color": "255,255,255,0", "style": "no",
                                                        "outline_color": "#d7191c", "outline_width": "0.4",
                                                        "outline_width_unit": "MM"}))
        frame.setEnabled(True)
    atlas = layout.atlas()
    atlas.setCoverageLayer(layers.coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"seq"')
    atlas.setSortAscending(True)
    atlas.setPageNameExpression('coalesce(nullif("project_code", \'\'), to_string("fid"))')
    stem = spec.file_stem().replace("'", "''")
    atlas.setFilenameExpression(f"'{stem}_' || lpad(to_string(\"seq\"), 3, '0') || '_' || {SAFE_SITE_NAME}")
    page = AtlasPage(layout, map_item, layers, grid, SiteControlRows(plan.table.plan_path if plan.table else None))
    # a plain function, not the bound method: PyQt keeps functions alive, bound methods only weakly
    atlas.featureChanged.connect(lambda feature: page.update(feature))


class AtlasPage:
    """Redoes the page-dependent parts of an atlas layout for the site the atlas has just moved to."""

    def __init__(self, layout: QgsPrintLayout, map_item: QgsLayoutItemMap, layers: FigureLayers, grid: str,
                 controls: Optional[SiteControlRows] = None):
        self.layout = layout
        self.controls = controls or SiteControlRows(None)
        self.map_item = map_item
        self.entries = list(layers.legend)
        self.grid = grid
        self.sites = next((entry.layer for entry in layers.legend if isinstance(entry.layer, QgsVectorLayer)
                           and isinstance(entry.layer.renderer(), QgsRuleBasedRenderer)), None)
        self.names = next((layer for layer in layers.map_layers if layer.name() == ZONE_NAMES), None)
        self.zones = next((entry.layer for entry in layers.legend if entry.title == schema.ZONES.title_zh), None)

    def update(self, feature: QgsFeature) -> None:
        layout, map_item = self.layout, self.map_item
        configure_grid(map_item, self.grid, atlas=True)
        bar = item(layout, ids.ITEM_SCALEBAR, QgsLayoutItemScaleBar)
        if bar is not None:
            fit_scalebar(bar, map_item)
        frame = item(layout, ids.ITEM_POINT_TABLE, QgsLayoutFrame)
        if frame is not None:
            fill_point_table(frame, map_item, self.site_geometry(feature))
            self._place_table_title(frame, ids.ITEM_POINT_TABLE_TITLE)
        land = item(layout, ids.ITEM_LAND_TABLE, QgsLayoutFrame)
        if land is not None:
            valid = feature is not None and feature.isValid()
            fill_land_table(land, map_item, self.controls, int(feature["fid"]) if valid else None, self._inset_top())
            self._place_table_title(land, ids.ITEM_LAND_TABLE_TITLE)
        covered = obstacles(layout, map_item)  # inset, point table, north arrow: what lies under them is unseen
        view = QgsGeometry.fromRect(map_item.extent())
        for rect in covered:
            view = view.difference(QgsGeometry.fromRect(rect))
        entries = [entry for entry in self.entries if self.visible(entry.layer, view)]
        fill_legend(layout, map_item, entries, present=lambda layer: self.present(layer, view))
        if self.names is not None and self.zones is not None and self.sites is not None:
            place_zone_names(self.names, self.zones, self.sites, map_item.extent(), map_item.scale(), covered)

    # --- what the page shows -------------------------------------------------------------------------------
    def _features(self, layer: QgsVectorLayer, view: QgsGeometry, attributes: List[str]):
        request = QgsFeatureRequest().setFilterRect(view.boundingBox())
        request.setSubsetOfAttributes(attributes, layer.fields())
        for feature in layer.getFeatures(request):
            if feature.hasGeometry() and feature.geometry().intersects(view):
                yield feature

    def visible(self, layer: QgsVectorLayer, view: QgsGeometry) -> bool:
        """Whether the layer draws anything on the page: an outline-only layer (区界) when its outline crosses
        the page, not merely when the page lies inside it; others when a feature (of a listed class) is there."""
        if not isinstance(layer, QgsVectorLayer):
            return True  # a base map image covers every page
        if _outline_only(layer):
            for feature in self._features(layer, view, []):
                outline = QgsGeometry(feature.geometry().constGet().boundary())
                if outline.intersects(view):
                    return True
            return False
        classes = self.present(layer, view)
        if classes is not None:
            return bool(classes)
        return any(True for _ in self._features(layer, view, []))

    def present(self, layer: QgsVectorLayer, view: QgsGeometry) -> Optional[List[int]]:
        """Indexes of the legend classes (categories, rules) that some feature on the page is drawn with."""
        renderer = layer.renderer() if isinstance(layer, QgsVectorLayer) else None
        if not isinstance(renderer, (QgsCategorizedSymbolRenderer, QgsRuleBasedRenderer)):
            return None
        renderer = renderer.clone()
        context = QgsRenderContext()
        expressions = self.map_item.createExpressionContext()  # with the atlas feature: rules compare with it
        expressions.appendScope(QgsExpressionContextUtils.layerScope(layer))
        context.setExpressionContext(expressions)
        renderer.startRender(context, layer.fields())
        keys = set()
        try:
            for feature in self._features(layer, view, list(renderer.usedAttributes(context))):
                expressions.setFeature(feature)
                keys.update(renderer.legendKeysForFeature(feature, context))
        finally:
            renderer.stopRender(context)
        return [index for index, entry in enumerate(renderer.legendSymbolItems()) if entry.ruleKey() in keys]

    def site_geometry(self, feature: QgsFeature) -> QgsGeometry:
        """The page's site (the coverage feature is a frame around it; the site copy carries the geometry)."""
        if self.sites is None or feature is None or not feature.isValid():
            return QgsGeometry()
        request = QgsFeatureRequest().setFilterExpression(f'"fid" = {int(feature["fid"])}')
        found = next(self.sites.getFeatures(request), None)
        return QgsGeometry(found.geometry()) if found is not None else QgsGeometry()

    def _inset_top(self) -> Optional[float]:
        """The top (mm) of the inset with its caption, which the land-class table must stay above."""
        tops = [other.sceneBoundingRect().top() for other in (self.layout.itemById(ids.ITEM_OVERVIEW_BOX),
                                                               self.layout.itemById(ids.ITEM_OVERVIEW))
                if other is not None and other.isVisible()]
        return min(tops) if tops else None

    def _place_table_title(self, frame: QgsLayoutFrame, title_id: str) -> None:
        title = item(self.layout, title_id, QgsLayoutItemLabel)
        if title is None:
            return
        box = frame.sceneBoundingRect()
        height = title.sceneBoundingRect().height()
        title.setHAlign(Qt.AlignmentFlag.AlignHCenter)
        title.attemptResize(QgsLayoutSize(box.width(), height, compat.LAYOUT_MM))
        title.attemptMove(QgsLayoutPoint(box.left(), box.top() - height, compat.LAYOUT_MM))
        title.setVisibility(frame.isVisible())


def _outline_only(layer: QgsVectorLayer) -> bool:
    """A single-symbol polygon layer drawn as lines only (区界 with its halo): no fill anyone could see."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsSingleSymbolRenderer) or renderer.symbol() is None:
        return False
    symbol = renderer.symbol()
    if not isinstance(symbol, QgsFillSymbol):  # a line layer (a base map's rivers) is seen along its course
        return False
    for index in range(symbol.symbolLayerCount()):
        symbol_layer = symbol.symbolLayer(index)
        if isinstance(symbol_layer, QgsLineSymbolLayer):
            continue
        if isinstance(symbol_layer, QgsSimpleFillSymbolLayer) and (
                symbol_layer.brushStyle() == Qt.BrushStyle.NoBrush or symbol_layer.color().alpha() == 0):
            continue
        return False
    return True
