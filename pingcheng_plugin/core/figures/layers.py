"""The layers each figure shows, prepared in the export's private project from the plan's own styled layers.

Plan layers are cloned (so one figure's styling never leaks into another) and given the figure's emphasis: a
pale base of zones under the project sites, a halo inside the district boundary, labels where the figure needs
them. Sites are copied into memory layers carrying the summary table's values (序号, Chinese names, period), so
the map numbers match the table and the atlas site card reads ready-made text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from ...plan import vocabulary
from ..store import base_group, plan_data, plan_layers, schema
from ..summary.table import SummaryTable
from ..support import compat
from ..support.errors import ExportError
from ..support.i18n import tr
from . import base_layers
from .atlas_labels import zone_name_layer
from .catalogue import FigureSpec
from .frame_style import family
from .layer_styles import (
    NEIGHBOUR_LABEL_COLOUR,
    SITE_FIELDS,
    add_halo,
    atlas_renderer,
    block_labels,
    inset_renderer,
    number_labels,
    status_renderer,
    style_area_labels,
)


@dataclass
class LegendEntry:
    layer: QgsVectorLayer
    title: str
    heading: bool  # True: the title is a heading over the layer's classes; False: one symbol with the title


@dataclass
class FigureLayers:
    """What one figure draws: main-map layers top first, legend entries, and for atlases the inset's layers."""

    map_layers: List[QgsVectorLayer]
    legend: List[LegendEntry]
    overview_layers: List[QgsVectorLayer] = field(default_factory=list)
    coverage: Optional[QgsVectorLayer] = None


class FigureSource:
    """Where a figure takes its layers from: the plan's layers in the export project by table name, plus the site
    memory layers built on demand (named apart from the store's PlanLayers, the plan's layers in the QGIS project)."""

    def __init__(self, project: QgsProject, table: Optional[SummaryTable], base_map: bool = True):
        self.project = project
        self.table = table
        #: the layers of the plan project's 底图 group, top first (none when the export leaves the base out)
        self.base: List[QgsMapLayer] = base_group.base_layers(project) if base_map else []
        self._shared: Dict[tuple, QgsVectorLayer] = {}
        self.by_table: Dict[str, QgsVectorLayer] = {}
        tables = {spec.table for spec in schema.PLAN_LAYERS}
        for layer in project.mapLayers().values():
            located = plan_layers.layer_table(layer)
            if located is not None and located[1] in tables:
                self.by_table.setdefault(located[1], layer)
        missing = [spec.title_zh for spec in schema.PLAN_LAYERS if spec.table not in self.by_table]
        if missing:
            raise ExportError(tr("The plan project lacks the layers {layers}; recreate or upgrade the plan.").format(
                layers="、".join(missing)))

    def layer(self, spec: schema.LayerSpec) -> QgsVectorLayer:
        return self.by_table[spec.table]

    def clone(self, spec: schema.LayerSpec, labels: Optional[bool] = None, opacity: Optional[float] = None,
              name: Optional[str] = None, shared: bool = False) -> QgsVectorLayer:
        """A copy of the plan layer for one figure; ``shared`` copies are made once and reused by every figure
        that shows the layer the same way (cloning opens the file again, which is most of a figure's set-up)."""
        key = (spec.table, labels, opacity, name)
        if shared and key in self._shared:
            return self._shared[key]
        layer = self.layer(spec).clone()
        layer.setName(name or spec.title_zh)
        if labels is not None:
            layer.setLabelsEnabled(labels)
        if opacity is not None:
            layer.setOpacity(opacity)
        self.project.addMapLayer(layer, False)
        if shared:
            self._shared[key] = layer
        return layer

    def district_extent(self) -> QgsRectangle:
        extent = QgsRectangle()
        for spec in (schema.BOUNDARY, schema.ZONES, schema.SITES):
            layer = self.layer(spec)
            if layer.featureCount() > 0:
                extent = layer.extent()
                break
        if extent.isEmpty():
            extent = QgsRectangle(*schema.DISTRICT_EXTENT)
        return extent

    def district_geometry(self) -> Optional[QgsGeometry]:
        return plan_data.union_geometry(self.layer(schema.BOUNDARY))

    def illustrative_titles(self, specs: Sequence[schema.LayerSpec]) -> List[str]:
        """Titles of the layers among ``specs`` holding any feature flagged illustrative (示意)."""
        return [spec.title_zh for spec in specs if plan_data.has_illustrative(self.layer(spec))]

    def sources(self, specs: Sequence[schema.LayerSpec]) -> List[str]:
        """Distinct data sources of the layers among ``specs`` (their ``source`` field, first clause)."""
        found: List[str] = []
        for spec in specs:
            layer = self.layer(spec)
            if layer.fields().indexOf("source") < 0:
                continue
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes(["source"], layer.fields())
            for feature in layer.getFeatures(request):
                text = str(feature["source"] or "").strip()
                if not text or text == "NULL":
                    continue
                text = re.split(r"[;；,，]", text)[0].strip()
                if text and text not in found:
                    found.append(text)
        return found

    # --- sites -------------------------------------------------------------------------------------------------
    def site_layer(self, name: str, keep: Callable[[dict], bool] = lambda _row: True,
                   shape: Optional[Callable[[QgsGeometry], QgsGeometry]] = None) -> QgsVectorLayer:
        """A memory copy of the sites with the summary table's values; ``keep`` filters on those values,
        ``shape`` replaces each geometry (the atlas coverage uses a frame around each site)."""
        uri = f"MultiPolygon?crs={schema.STORAGE_CRS}" + "".join(f"&field={n}:{t}" for n, t in SITE_FIELDS)
        layer = QgsVectorLayer(uri, name, "memory")
        if not layer.isValid():
            raise ExportError(tr("A temporary layer for the figures cannot be created."))
        features = []
        fields = layer.fields()
        for values, geometry in self._site_records():
            if not keep(values):
                continue
            feature = QgsFeature(fields)
            feature.setGeometry(shape(geometry) if shape is not None and not geometry.isEmpty() else geometry)
            for index, (field_name, _kind) in enumerate(SITE_FIELDS):
                feature.setAttribute(index, values.get(field_name))
            features.append(feature)
        if features and not layer.dataProvider().addFeatures(features):
            raise ExportError(tr("A temporary layer for the figures cannot be created."))
        layer.updateExtents()
        self.project.addMapLayer(layer, False)
        return layer

    def _site_records(self) -> List[Tuple[dict, QgsGeometry]]:
        if not hasattr(self, "_records"):
            sites = self.layer(schema.SITES)
            stored = {}
            request = QgsFeatureRequest().setSubsetOfAttributes(["status", "phase", "illustrative"], sites.fields())
            for feature in sites.getFeatures(request):
                stored[feature.id()] = (feature.geometry(), feature["status"], feature["phase"],
                                        feature["illustrative"])
            records = []
            for row in (self.table.rows if self.table is not None else []):
                geometry, status, phase, illustrative = stored.get(row.fid, (QgsGeometry(), None, None, None))
                records.append(({
                    "seq": row.seq, "fid": row.fid, "project_code": row.project_code, "name": row.name,
                    "project_type": row.type_code, "status": _null(status), "phase": _null(phase),
                    "type_name": row.type_name, "zone_name": row.zone_name, "key_area_names": row.key_area_names,
                    "area_ha": row.area_ha, "investment": row.investment, "period": row.period,
                    "phase_name": row.phase_name, "implementer": row.implementer, "funding": row.funding,
                    "measures": row.measures, "remarks": row.remarks, "illustrative": 1 if row.illustrative else 0,
                }, geometry))
            self._records = records
        return self._records

    # --- figure recipes ----------------------------------------------------------------------------------------
    def for_figure(self, spec: FigureSpec) -> FigureLayers:
        builder = {"overall": self._overall, "zones": self._zones, "key_areas": self._key_areas,
                   "site_atlas": self._atlas}.get(spec.id)
        if builder is not None:
            return self._with_base(builder())
        if spec.kind == "map" and spec.needs_sites:
            return self._with_base(self._sites(spec))
        return FigureLayers([], [])

    def _with_base(self, layers: FigureLayers) -> FigureLayers:
        """The base layers under the plan layers, above the grey neighbouring districts (every recipe draws
        those last), each with its own legend entry after the plan's."""
        if not self.base or not layers.map_layers:
            return layers
        layers.map_layers[-1:-1] = self.base
        layers.legend.extend(LegendEntry(layer, title, heading)
                             for layer, title, heading in base_layers.legend_entries(self.base))
        return layers

    def base_note(self) -> str:
        """The source note's sentence naming the base layers drawn ('' without any)."""
        return base_layers.note(self.base)

    def _frame_layers(self, neighbour_labels: bool = False) -> Tuple[QgsVectorLayer, QgsVectorLayer]:
        neighbours = self.clone(schema.NEIGHBOURS, labels=neighbour_labels, shared=True)
        key = (schema.BOUNDARY.table, False, None, "区界")
        fresh = key not in self._shared
        boundary = self.clone(schema.BOUNDARY, labels=False, name="区界", shared=True)
        if fresh:
            add_halo(boundary)
        return neighbours, boundary

    def _overall(self) -> FigureLayers:
        neighbours, boundary = self._frame_layers()
        zones = self.clone(schema.ZONES, labels=False, opacity=0.85)
        barriers = self.clone(schema.BARRIERS, labels=True)
        corridors = self.clone(schema.CORRIDORS, labels=True)
        style_area_labels(barriers, 8.0, "#1f5f2a", along=True, wrap=True)
        style_area_labels(corridors, 8.0, "#1f5f9f", along=True)
        heads = vocabulary.LAYOUT_SLOGAN_ZH.split("、")
        return FigureLayers(
            [boundary, corridors, barriers, zones, neighbours],
            [LegendEntry(corridors, heads[0], True), LegendEntry(barriers, heads[1], True),
             LegendEntry(zones, heads[2], True), LegendEntry(boundary, "区界", False)])

    def _zones(self) -> FigureLayers:
        neighbours, boundary = self._frame_layers()
        zones = self.clone(schema.ZONES, labels=True)
        style_area_labels(zones, 10.0, "#262626", bold=True, wrap=True)
        return FigureLayers([boundary, zones, neighbours],
                            [LegendEntry(zones, schema.ZONES.title_zh, True), LegendEntry(boundary, "区界", False)])

    def _pale_zones(self) -> QgsVectorLayer:
        return self.clone(schema.ZONES, labels=False, opacity=0.38, name=schema.ZONES.title_zh, shared=True)

    def _key_areas(self) -> FigureLayers:
        neighbours, boundary = self._frame_layers()
        zones = self._pale_zones()
        key_areas = self.clone(schema.KEY_AREAS, labels=True, opacity=0.9)
        style_area_labels(key_areas, 8.5, "#202020", along=True)
        return FigureLayers([boundary, key_areas, zones, neighbours],
                            [LegendEntry(key_areas, schema.KEY_AREAS.title_zh, True),
                             LegendEntry(zones, f"{schema.ZONES.title_zh}（底图）", True),
                             LegendEntry(boundary, "区界", False)])

    def _sites(self, spec: FigureSpec) -> FigureLayers:
        neighbours, boundary = self._frame_layers()
        zones = self._pale_zones()
        corridors = self.clone(schema.CORRIDORS, labels=False, opacity=0.45, shared=True)
        keep = (lambda row: row["phase"] == spec.phase) if spec.phase else (lambda _row: True)
        sites = self.site_layer(schema.SITES.title_zh, keep)
        if spec.colour_by == "status":
            sites.setRenderer(status_renderer())
            heading = f"{schema.SITES.title_zh}（{schema.SITES.field('status').alias_zh}）"
        else:
            sites.setRenderer(self.layer(schema.SITES).renderer().clone())
            heading = f"{schema.SITES.title_zh}（{schema.SITES.field('project_type').alias_zh}）"
        number_labels(sites)
        return FigureLayers([boundary, sites, corridors, zones, neighbours],
                            [LegendEntry(sites, heading, True),
                             LegendEntry(corridors, schema.CORRIDORS.title_zh, True),
                             LegendEntry(zones, schema.ZONES.title_zh, True),
                             LegendEntry(boundary, "区界", False)])

    def _atlas(self) -> FigureLayers:
        neighbours, boundary = self._frame_layers(neighbour_labels=True)
        zones = self.clone(schema.ZONES, labels=False, opacity=0.38)
        zone_names = zone_name_layer(self.project)  # placed per page, away from the sites (atlas_labels)
        corridors = self.clone(schema.CORRIDORS, labels=False, opacity=0.5)
        sites = self.site_layer(schema.SITES.title_zh)
        sites.setRenderer(atlas_renderer())
        block_labels(sites)
        coverage = self.site_layer("项目位置图范围", shape=_atlas_frame)
        inset_sites = self.site_layer("项目位置（区位）", lambda _row: True)
        inset_sites.setRenderer(inset_renderer())
        inset_boundary = self.clone(schema.BOUNDARY, labels=False, name="区界")
        inset_zones = self.clone(schema.ZONES, labels=False, opacity=0.35)
        return FigureLayers(
            [zone_names, boundary, sites, corridors, zones, neighbours],
            # every layer a page may show: each page lists those it does show (see fill_atlas.AtlasPage)
            [LegendEntry(sites, schema.SITES.title_zh, True),
             LegendEntry(corridors, schema.CORRIDORS.title_zh, True),
             LegendEntry(zones, schema.ZONES.title_zh, True), LegendEntry(boundary, "区界", False)],
            overview_layers=[inset_sites, inset_boundary, inset_zones], coverage=coverage)

    # --- neighbour names ---------------------------------------------------------------------------------------
    def neighbour_labels(self, visible: QgsRectangle, obstacles: Sequence[QgsRectangle], size: float) -> \
            QgsVectorLayer:
        """A point layer naming each neighbouring district inside the visible part of the map.

        Each name sits at the pole of inaccessibility of the district's visible part, shrunk away from the map
        edge and from the items drawn over the map (north arrow, inset), so it never hides under them or
        straddles the frame.
        """
        layer = QgsVectorLayer(f"Point?crs={schema.STORAGE_CRS}&field=name:string", "相邻区名称", "memory")
        margin = min(visible.width(), visible.height()) * 0.04
        window = QgsGeometry.fromRect(visible.buffered(-margin))
        for rect in obstacles:
            window = window.difference(QgsGeometry.fromRect(rect.buffered(margin * 0.5)))
        district = self.district_geometry()
        features = []
        for neighbour in self.layer(schema.NEIGHBOURS).getFeatures():
            if not neighbour.hasGeometry():
                continue
            part = neighbour.geometry().intersection(window)
            if district is not None:
                part = part.difference(district.buffer(margin * 0.6, 8))
            if part.isEmpty() or part.area() < (margin * 2) ** 2:
                continue
            pieces = sorted(part.asGeometryCollection(), key=lambda g: g.area(), reverse=True)
            point, _distance = pieces[0].poleOfInaccessibility(margin * 0.05)
            feature = QgsFeature(layer.fields())
            feature.setGeometry(point)
            feature.setAttribute(0, neighbour["name"])
            features.append(feature)
        layer.dataProvider().addFeatures(features)
        layer.updateExtents()
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"size": "0", "color": "0,0,0,0",
                                                                                "outline_style": "no"})))
        text = QgsTextFormat()
        font = QFont(family())
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, size * 0.35)
        text.setFont(font)
        text.setSize(size)
        text.setColor(QColor(NEIGHBOUR_LABEL_COLOUR))
        settings = QgsPalLayerSettings()
        settings.fieldName = "name"
        settings.placement = compat.LABEL_OVER_POINT
        settings.displayAll = True
        settings.setFormat(text)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        self.project.addMapLayer(layer, False)
        return layer


def _atlas_frame(geometry: QgsGeometry) -> QgsGeometry:
    """The area a project location map shows around a site: its box grown so the site fills about 40 % of it,
    at least 800 m across (the atlas picks the smallest listed scale that holds this box)."""
    box = geometry.boundingBox()
    side = max(box.width(), box.height(), 320.0) * 2.5
    centre = box.center()
    return QgsGeometry.fromRect(QgsRectangle(centre.x() - side / 2, centre.y() - side / 2,
                                             centre.x() + side / 2, centre.y() + side / 2))


def _null(value):
    return None if value is None or str(value) == "NULL" else value
