"""The illustrative (示意) base map shipped with demo plans: the two rivers, main roads and township-level seats.

The plan names 御河 and 十里河 but publishes no base map, and says nothing of roads or townships. The lines and
points here are hand-digitised from general geography of the Datong basin; every coordinate is approximate (a few
hundred metres off is normal), so each feature carries ``illustrative = 1`` and a 示意 source note. The street
(街道) names are those of 平城区 after the 2018/2020 adjustments; their points stand roughly at each street's
office, not on a survey. A bureau puts its own base data (三调, 天地图, a DOM) in the 底图 group instead.

The tables live beside the plan's schema, not in it (``schema.PLAN_LAYERS``): they are optional, a plan made
before them is complete without them, and the stored project draws whatever its 底图 group holds. The demo
layout (:mod:`.demo_data`) takes its corridors from the same river lines, so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
)

from ..support import compat
from ..support.errors import PlanFileError
from ..support.i18n import tr
from . import features, schema

LonLat = Tuple[float, float]

SOURCE_NOTE = "示意底图：据一般地理知识手工概绘，位置为近似，非测绘成果"
ILLUSTRATIVE_BASE_TITLE = "示意底图"


@dataclass(frozen=True)
class BaseTable:
    table: str
    title_zh: str
    title_en: str
    geometry: str  # 'LineString' or 'Point'


PLACES = BaseTable("base_places", "乡镇（街道）驻地", "Township and street seats", "Point")
ROADS = BaseTable("base_roads", "主要道路", "Main roads", "LineString")
RIVERS = BaseTable("base_rivers", "河流", "Rivers", "LineString")
#: The base tables, top first (their order in the 底图 group).
TABLES: Tuple[BaseTable, ...] = (PLACES, ROADS, RIVERS)

#: River courses, upstream first. 御河 enters from 新荣区 at the district's northern notch, passes east of the old
#: city and leaves at the southern tip; 十里河 comes in from 云冈区 in the south-west and joins 御河 there.
RIVER_COURSES: Dict[str, Sequence[LonLat]] = {
    "御河": ((113.3485, 40.1620), (113.3462, 40.1500), (113.3428, 40.1420), (113.3448, 40.1350),
            (113.3392, 40.1280), (113.3418, 40.1200), (113.3362, 40.1130), (113.3398, 40.1050),
            (113.3355, 40.0980), (113.3392, 40.0900), (113.3370, 40.0820), (113.3432, 40.0740),
            (113.3418, 40.0660), (113.3490, 40.0580), (113.3478, 40.0500), (113.3548, 40.0420),
            (113.3538, 40.0340), (113.3605, 40.0260), (113.3590, 40.0180), (113.3655, 40.0100),
            (113.3648, 40.0020), (113.3700, 39.9940), (113.3715, 39.9860), (113.3740, 39.9760)),
    "十里河": ((113.2000, 40.0790), (113.2110, 40.0765), (113.2190, 40.0705), (113.2290, 40.0712),
             (113.2370, 40.0640), (113.2470, 40.0628), (113.2530, 40.0545), (113.2640, 40.0530),
             (113.2700, 40.0450), (113.2810, 40.0425), (113.2870, 40.0345), (113.2990, 40.0320),
             (113.3060, 40.0240), (113.3180, 40.0220), (113.3250, 40.0140), (113.3370, 40.0115),
             (113.3440, 40.0035), (113.3550, 40.0010), (113.3630, 39.9935), (113.3708, 39.9905)),
}

#: Main roads (示意): names from the city's general geography, courses simplified.
ROAD_COURSES: Dict[str, Sequence[LonLat]] = {
    "魏都大道": ((113.2700, 40.1650), (113.2735, 40.1300), (113.2765, 40.1000), (113.2790, 40.0700),
             (113.2840, 40.0420), (113.2930, 40.0150)),
    "御河西路": ((113.3330, 40.1400), (113.3300, 40.1150), (113.3290, 40.0900), (113.3330, 40.0650),
             (113.3420, 40.0400)),
    "云中路": ((113.2250, 40.1180), (113.2600, 40.1210), (113.3000, 40.1220), (113.3400, 40.1200),
            (113.3900, 40.1160)),
    "迎宾街": ((113.2380, 40.0860), (113.2700, 40.0850), (113.3050, 40.0840), (113.3500, 40.0830),
            (113.3970, 40.0830)),
    "南环路": ((113.2450, 40.0660), (113.2800, 40.0640), (113.3150, 40.0630), (113.3600, 40.0650),
            (113.3900, 40.0680)),
}

#: Street offices (街道) of 平城区, approximate. The plan names none of them.
PLACE_SEATS: Tuple[Tuple[str, LonLat], ...] = (
    ("古城街道", (113.3000, 40.0920)), ("永泰街道", (113.2900, 40.1080)), ("武定街道", (113.3120, 40.1100)),
    ("清远街道", (113.3010, 40.0760)), ("迎宾街道", (113.2830, 40.0800)), ("新华街道", (113.2820, 40.0950)),
    ("振华街道", (113.2630, 40.0740)), ("开源街道", (113.2540, 40.0960)), ("大庆路街道", (113.2700, 40.1030)),
    ("卧虎湾街道", (113.2420, 40.1150)), ("鹿苑街道", (113.3180, 40.1250)), ("御河街道", (113.3260, 40.0870)),
    ("文瀛湖街道", (113.3620, 40.0780)), ("白登山街道", (113.3830, 40.0980)), ("水泊寺街道", (113.3680, 40.1370)),
    ("马军营街道", (113.3800, 40.0480)), ("新旺街道", (113.2680, 40.0580)), ("小南头街道", (113.3220, 40.0380)),
)


class Projector:
    """Longitude/latitude (CGCS2000) to the storage CRS."""

    def __init__(self):
        self._transform = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem(schema.GEOGRAPHIC_CRS),
            QgsCoordinateReferenceSystem(schema.STORAGE_CRS),
            QgsCoordinateTransformContext(),
        )

    def point(self, lonlat: LonLat) -> QgsPointXY:
        return self._transform.transform(QgsPointXY(*lonlat))

    def line(self, lonlats: Sequence[LonLat]) -> QgsGeometry:
        return QgsGeometry.fromPolylineXY([self.point(p) for p in lonlats])

    def polygon(self, lonlats: Sequence[LonLat]) -> QgsGeometry:
        ring = [self.point(p) for p in lonlats]
        return QgsGeometry.fromPolygonXY([ring + ring[:1]])

    def curve(self, lonlats: Sequence[LonLat]) -> QgsGeometry:
        """A hand-digitised course rounded into a smooth line (Chaikin corner cutting), as a river is drawn."""
        return self.line(lonlats).smooth(3, 0.25)


def river_line(name: str) -> QgsGeometry:
    """The course of river ``name`` (御河 or 十里河) in the storage CRS, as the base map draws it."""
    return Projector().curve(RIVER_COURSES[name])


def records() -> Dict[str, List[dict]]:
    """The base map's features by table."""
    project = Projector()

    def record(geometry: QgsGeometry, name: str, kind: str) -> dict:
        return {"geometry": geometry, "name": name, "kind": kind, "illustrative": True, "source": SOURCE_NOTE}

    return {
        RIVERS.table: [record(project.curve(c), n, "river") for n, c in RIVER_COURSES.items()],
        ROADS.table: [record(project.curve(c), n, "road") for n, c in ROAD_COURSES.items()],
        PLACES.table: [record(QgsGeometry.fromPointXY(project.point(p)), n, "street") for n, p in PLACE_SEATS],
    }


def write_base_map(path: str) -> None:
    """Create the base tables in the plan GeoPackage ``path`` and fill them with the illustrative base."""
    with compat.gdal_error_codes():
        _create_tables(path)
    for table, rows in records().items():
        features.write_records(path, table, rows)


def _create_tables(path: str) -> None:
    dataset = ogr.Open(path, 1)
    if dataset is None:
        raise PlanFileError(tr("Cannot open {path} for writing.").format(path=path))
    try:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(int(schema.STORAGE_CRS.split(":")[1]))
        for spec in TABLES:
            if dataset.GetLayerByName(spec.table) is not None:
                continue
            kind = ogr.wkbLineString if spec.geometry == "LineString" else ogr.wkbPoint
            options = ["FID=fid", "GEOMETRY_NAME=geom", f"IDENTIFIER={spec.title_zh}",
                       f"DESCRIPTION={spec.title_en}（{ILLUSTRATIVE_BASE_TITLE}）"]
            layer = dataset.CreateLayer(spec.table, srs, kind, options)
            if layer is None:
                raise PlanFileError(tr("Cannot create the table {table}: {error}").format(
                    table=spec.table, error=gdal.GetLastErrorMsg()))
            for name, ogr_type in (("name", ogr.OFTString), ("kind", ogr.OFTString),
                                   ("illustrative", ogr.OFTInteger), ("source", ogr.OFTString)):
                definition = ogr.FieldDefn(name, ogr_type)
                if name == "illustrative":
                    definition.SetSubType(ogr.OFSTBoolean)
                layer.CreateField(definition)
    finally:
        dataset = None


def base_table(table: str) -> BaseTable:
    for spec in TABLES:
        if spec.table == table:
            return spec
    raise KeyError(table)
