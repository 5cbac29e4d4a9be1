"""Illustrative (示意) geometry for the plan's corridors, barriers, zones, key areas and a few sample sites.

The plan publishes names, not boundaries. This module draws a schematic layout from real geography so that the
panels, forms and figures have something to show: 御河 runs north-south east of the old city, 十里河 crosses the
south-west towards it, 雷公山 rises in the west and 采凉山 in the east. The four zones partition the district
(the plan divides all of it into 4 units); the key areas overlap them. Every feature carries ``illustrative = 1``
and a source note saying 示意, and must be replaced by the bureau's official boundaries by import.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
)

from ...plan import vocabulary
from . import schema

LonLat = Tuple[float, float]

SOURCE_NOTE = "示意：据规划文本“双廊、两屏、四区”描述按地理位置概略绘制，非规划矢量成果"
SITE_NOTE = "示意项目：规划未公布项目清单，仅用于演示"

_OLD_CITY: LonLat = (113.300, 40.090)
_YUHE: Sequence[LonLat] = ((113.345, 40.178), (113.338, 40.140), (113.342, 40.105), (113.352, 40.070),
                           (113.360, 40.035), (113.372, 39.978))
_SHILIHE: Sequence[LonLat] = ((113.205, 40.062), (113.238, 40.050), (113.268, 40.036), (113.300, 40.020),
                              (113.332, 40.008), (113.362, 39.995))
_LEIGONGSHAN: Sequence[LonLat] = ((113.222, 40.160), (113.214, 40.130), (113.222, 40.100), (113.238, 40.072))
_CAILIANGSHAN: Sequence[LonLat] = ((113.400, 40.150), (113.402, 40.120), (113.398, 40.085), (113.392, 40.050))

#: zone code -> seeds of its Voronoi cells (Z1, the urban zone, is a disc around the old city instead).
_ZONE_SEEDS: Dict[str, Sequence[LonLat]] = {
    "Z2": ((113.225, 40.150), (113.250, 40.170), (113.225, 40.105)),
    "Z3": ((113.330, 40.010), (113.270, 40.040), (113.380, 40.040)),
    "Z4": ((113.380, 40.150), (113.395, 40.110)),
}


class _Projector:
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

    def disc(self, lonlat: LonLat, radius_m: float) -> QgsGeometry:
        return QgsGeometry.fromPointXY(self.point(lonlat)).buffer(radius_m, 16)


def _multi(geometry: QgsGeometry) -> QgsGeometry:
    geometry = QgsGeometry(geometry)
    geometry.convertToMultiType()
    return geometry


def _record(entry: vocabulary.PlanEntry, geometry: QgsGeometry) -> dict:
    return {
        "geometry": _multi(geometry), "code": entry.code, "name": entry.name_zh, "name_en": entry.name_en,
        "description": entry.description_zh, "illustrative": True, "source": SOURCE_NOTE,
    }


def corridors(district: QgsGeometry) -> List[dict]:
    project = _Projector()
    lines = {"C1": (_YUHE, 450.0), "C2": (_SHILIHE, 350.0)}
    return [_record(e, project.line(lines[e.code][0]).buffer(lines[e.code][1], 8).intersection(district))
            for e in vocabulary.CORRIDORS]


def barriers(district: QgsGeometry) -> List[dict]:
    project = _Projector()
    ridges = {"B1": (_LEIGONGSHAN, 1800.0), "B2": (_CAILIANGSHAN, 1500.0)}
    return [_record(e, project.line(ridges[e.code][0]).buffer(ridges[e.code][1], 8).intersection(district))
            for e in vocabulary.BARRIERS]


def zone_geometries(district: QgsGeometry) -> Dict[str, QgsGeometry]:
    """A partition of ``district`` into the four zones: no gaps, no overlaps."""
    project = _Projector()
    urban = project.disc(_OLD_CITY, 5000.0).intersection(district)
    seeds = [(code, project.point(p)) for code, points in _ZONE_SEEDS.items() for p in points]
    cells = QgsGeometry.fromMultiPointXY([p for _, p in seeds]).voronoiDiagram(district.buffer(5000, 4))
    rest = district.difference(urban)
    parts: Dict[str, List[QgsGeometry]] = {code: [] for code in _ZONE_SEEDS}
    for cell in cells.asGeometryCollection():
        owner = next(code for code, point in seeds if cell.contains(QgsGeometry.fromPointXY(point)))
        parts[owner].append(cell.intersection(rest))
    result = {"Z1": urban}
    result.update({code: QgsGeometry.unaryUnion(pieces) for code, pieces in parts.items()})
    return result


def zones(district: QgsGeometry) -> List[dict]:
    geometries = zone_geometries(district)
    return [_record(e, geometries[e.code]) for e in vocabulary.ZONES]


def key_areas(district: QgsGeometry) -> List[dict]:
    project = _Projector()
    shapes = {
        "K1": project.line(((113.215, 40.168), (113.300, 40.170))).buffer(1600.0, 8),
        "K2": project.disc((113.232, 40.128), 3000.0),
        "K3": project.line(_YUHE).buffer(1300.0, 8),
        "K4": project.disc((113.292, 40.030), 2600.0),
        "K5": project.disc((113.368, 40.118), 1800.0),
        "K6": project.disc((113.378, 40.020), 2400.0),
        "K7": project.disc(_OLD_CITY, 2200.0),
    }
    return [_record(e, shapes[e.code].intersection(district)) for e in vocabulary.KEY_AREAS]


def _site_shape(project: _Projector, centre: LonLat, half_width: float, half_height: float) -> QgsGeometry:
    c = project.point(centre)
    ring = [QgsPointXY(c.x() - half_width, c.y() - half_height), QgsPointXY(c.x() + half_width, c.y() - half_height),
            QgsPointXY(c.x() + half_width * 0.8, c.y() + half_height),
            QgsPointXY(c.x() - half_width * 1.1, c.y() + half_height * 0.9)]
    return QgsGeometry.fromPolygonXY([ring + ring[:1]])


#: (name, type, centre, half width m, half height m, start, end, investment 万元, funding, implementer,
#:  status, measures)
_SITES = (
    ("（示意）西部历史遗留矿山生态修复工程", "KSXF", (113.236, 40.128), 900, 700, 2022, 2025, 12800.0,
     "中央财政资金", "平城区自然资源局", "building", "削坡整形、危岩清理、覆土复绿"),
    ("（示意）北部采石废弃地复绿工程", "KSXF", (113.262, 40.160), 600, 450, 2026, 2028, 5600.0,
     "省级财政资金", "平城区自然资源局", "planned", "废弃采石场地形重塑与植被恢复"),
    ("（示意）雷公山草灌植被保护修复工程", "SXLT", (113.228, 40.148), 1000, 700, 2023, 2030, 21000.0,
     "中央财政资金", "平城区林业局", "building", "封山育林、草灌补植、水土保持"),
    ("（示意）御河湿地生态修复工程", "LYST", (113.346, 40.092), 500, 1600, 2021, 2024, 18500.0,
     "市级财政资金", "平城区水务局", "done", "河道清淤、岸坡生态化改造、湿地恢复"),
    ("（示意）十里河河道综合整治工程", "LYST", (113.270, 40.041), 900, 300, 2027, 2030, 9800.0,
     "市级财政资金", "平城区水务局", "planned", "河道疏浚、生态护岸、水系连通"),
    ("（示意）城区地下水超采治理工程", "DXSZ", (113.318, 40.078), 800, 600, 2024, 2029, 7600.0,
     "区级财政资金", "平城区水务局", "building", "关停自备井、水源置换、回补监测"),
    ("（示意）南部高标准农田建设工程", "TDZZ", (113.300, 40.028), 1000, 800, 2025, 2027, 6400.0,
     "省级财政资金", "平城区农业农村局", "planned", "土地平整、灌排设施、田间道路"),
    ("（示意）东部建设用地整理工程", "TDZZ", (113.370, 40.118), 700, 600, 2031, 2034, 8800.0,
     "社会资本", "平城区自然资源局", "planned", "低效建设用地腾退复垦"),
    ("（示意）东南部耕地质量提升工程", "TDZZ", (113.374, 40.025), 900, 700, 2032, 2035, None,
     "省级财政资金", "平城区农业农村局", "planned", "土壤改良、培肥地力"),
    ("（示意）南部乡村人居环境整治工程", "XCRJ", (113.330, 40.030), 600, 450, 2022, 2026, 4300.0,
     "区级财政资金", "平城区农业农村局", "done", "村庄清洁、污水收集、庭院绿化"),
    ("（示意）古城片区公共服务配套改造工程", "CQGG", (113.298, 40.092), 550, 500, 2023, 2027, 15200.0,
     "市级财政资金", "平城区住房和城乡建设局", "building", "街巷改造、公共服务设施补短板"),
    ("（示意）城区口袋公园与绿道生态修复工程", "CZXF", (113.318, 40.104), 500, 400, 2021, 2023, 3900.0,
     "区级财政资金", "平城区园林绿化中心", "accepted", "口袋公园建设、绿道连通"),
    ("（示意）城市边缘生态修复工程", "CZXF", (113.335, 40.129), 800, 500, 2033, 2035, 6100.0,
     "社会资本", "平城区园林绿化中心", "planned", "城市边缘带生态修复、防护林建设"),
)


def sites() -> List[dict]:
    """Sample sites, one or more per project type. Derived fields are filled later by ``core.derive``."""
    project = _Projector()
    records = []
    for (name, ptype, centre, half_w, half_h, start, end, invest, funding, body, status, measures) in _SITES:
        records.append({
            "geometry": _multi(_site_shape(project, centre, half_w, half_h)), "name": name, "project_type": ptype,
            "start_year": start, "end_year": end, "investment": invest, "funding_source": funding,
            "implementer": body, "status": status, "measures": measures, "targets": "示意", "illustrative": True,
            "remarks": SITE_NOTE,
        })
    return records
