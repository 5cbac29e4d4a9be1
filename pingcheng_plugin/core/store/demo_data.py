"""Illustrative (示意) geometry for the plan's corridors, barriers, zones, key areas and a few sample sites.

The plan publishes names, not boundaries. This module draws a schematic layout on the illustrative base map
(:mod:`.base_map`: the rivers 御河 and 十里河, main roads, street seats; hand-digitised from general geography,
coordinates approximate). 御河 runs north-south east of the old city, 十里河 crosses the south-west to join it at
the southern tip, 雷公山 rises in the west and 采凉山 in the east.

* The four zones tile the district without gaps or overlaps: the urban zone is the built-up belt across the
  middle around the old city (west of 御河 and the 御东 side); north of it, 御河 divides the mine and wind-sand
  zone (west) from the land-consolidation zone (east); the farmland zone is the south.
* The corridors are buffers of the base map's river lines, so they follow the rivers' courses.
* Each key area is cut from the zone or river it belongs to: 御河流域 is the floodplain of 御河 and 十里河, the
  mine area lies inside the mine zone, the farmland areas inside the farmland zone, and so on.

Every feature carries ``illustrative = 1`` and a source note saying 示意, and must be replaced by the bureau's
official boundaries by import.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from qgis.core import QgsGeometry, QgsPointXY

from ...plan import vocabulary
from .base_map import PLACE_SEATS, Projector, river_line

LonLat = Tuple[float, float]

SOURCE_NOTE = "示意：据规划文本“双廊、两屏、四区”描述按地理位置概略绘制，非规划矢量成果"
SITE_NOTE = "示意项目：规划未公布项目清单，仅用于演示"

_LEIGONGSHAN: Sequence[LonLat] = ((113.212, 40.170), (113.222, 40.150), (113.216, 40.132), (113.226, 40.112),
                                  (113.222, 40.095), (113.236, 40.078))
_CAILIANGSHAN: Sequence[LonLat] = ((113.396, 40.160), (113.404, 40.138), (113.398, 40.118), (113.404, 40.098),
                                   (113.396, 40.075), (113.398, 40.050))

#: The urban zone: the built-up belt from the western boundary across 御河 to the eastern one, around the old city.
_URBAN: Sequence[LonLat] = (
    (113.195, 40.074), (113.195, 40.098), (113.222, 40.103), (113.249, 40.110), (113.266, 40.121),
    (113.290, 40.127), (113.316, 40.132), (113.333, 40.131), (113.340, 40.118), (113.352, 40.108),
    (113.368, 40.104), (113.384, 40.101), (113.420, 40.100), (113.420, 40.066), (113.381, 40.068),
    (113.362, 40.062), (113.346, 40.058), (113.322, 40.061), (113.300, 40.059), (113.280, 40.062),
    (113.258, 40.064), (113.232, 40.068))
#: Everything north of this line and outside the urban zone is the mine zone (west of 御河) or the
#: land-consolidation zone (east of it); the urban belt spans the district at this latitude, so no sliver is left.
_NORTH: Sequence[LonLat] = ((113.15, 40.20), (113.45, 40.20), (113.45, 40.088), (113.15, 40.088))
#: Key-area outlines, cut with their zone (so their edges follow the zone's where they meet it).
_K1_BAND: Sequence[LonLat] = ((113.15, 40.20), (113.36, 40.20), (113.36, 40.142), (113.20, 40.150))
_K2_MINES: Sequence[LonLat] = ((113.18, 40.104), (113.262, 40.112), (113.268, 40.150), (113.18, 40.158))
_K5_EDGE: Sequence[LonLat] = ((113.350, 40.098), (113.420, 40.098), (113.420, 40.128), (113.352, 40.126))
_K7_OLD_CITY: Sequence[LonLat] = ((113.268, 40.072), (113.325, 40.070), (113.330, 40.112), (113.300, 40.118),
                                  (113.270, 40.108))
_K7_VILLAGES: Sequence[LonLat] = ((113.316, 40.021), (113.343, 40.023), (113.346, 40.041), (113.320, 40.045))
#: Corridor half-widths and the floodplain (御河流域) half-widths, metres.
_CORRIDOR_WIDTH = {"C1": ("御河", 450.0), "C2": ("十里河", 350.0)}
_FLOODPLAIN_WIDTH = {"御河": 900.0, "十里河": 600.0}


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
    lines = {code: river_line(river).buffer(width, 8) for code, (river, width) in _CORRIDOR_WIDTH.items()}
    return [_record(e, lines[e.code].intersection(district)) for e in vocabulary.CORRIDORS]


def barriers(district: QgsGeometry) -> List[dict]:
    project = Projector()
    ridges = {"B1": (_LEIGONGSHAN, 1800.0), "B2": (_CAILIANGSHAN, 1500.0)}
    return [_record(e, project.curve(ridges[e.code][0]).buffer(ridges[e.code][1], 8).intersection(district))
            for e in vocabulary.BARRIERS]


def _west_of(line: QgsGeometry, reach: float = 40000.0) -> QgsGeometry:
    """The half of the plane west of ``line`` (a north-south course), its ends drawn on far north and south."""
    points = line.asPolyline()
    first, last = points[0], points[-1]
    ring = ([QgsPointXY(first.x(), first.y() + reach)] + points
            + [QgsPointXY(last.x(), last.y() - reach), QgsPointXY(last.x() - reach, last.y() - reach),
               QgsPointXY(first.x() - reach, first.y() + reach)])
    return QgsGeometry.fromPolygonXY([ring + ring[:1]]).makeValid()


def zone_geometries(district: QgsGeometry) -> Dict[str, QgsGeometry]:
    """A partition of ``district`` into the four zones: no gaps, no overlaps."""
    project = Projector()
    west = _west_of(river_line("御河"))
    north = project.polygon(_NORTH)
    urban = project.polygon(_URBAN).intersection(district)
    mines = district.intersection(west).intersection(north).difference(urban)
    consolidation = district.difference(west).intersection(north).difference(urban)
    farmland = district.difference(urban).difference(mines).difference(consolidation)
    return {"Z1": urban, "Z2": mines, "Z3": farmland, "Z4": consolidation}


def zones(district: QgsGeometry) -> List[dict]:
    geometries = zone_geometries(district)
    return [_record(e, geometries[e.code]) for e in vocabulary.ZONES]


def key_area_geometries(district: QgsGeometry) -> Dict[str, QgsGeometry]:
    """Each key area cut from the zone or river it belongs to."""
    project = Projector()
    zone = zone_geometries(district)
    floodplain = QgsGeometry.unaryUnion([river_line(r).buffer(w, 8) for r, w in _FLOODPLAIN_WIDTH.items()])
    floodplain = floodplain.intersection(district)
    west = _west_of(river_line("御河"))
    villages = project.polygon(_K7_VILLAGES).intersection(zone["Z3"])
    settlements = QgsGeometry.unaryUnion([project.polygon(_K7_OLD_CITY).intersection(zone["Z1"]), villages])
    shapes = {
        "K1": project.polygon(_K1_BAND).intersection(zone["Z2"]),
        "K2": project.polygon(_K2_MINES).intersection(zone["Z2"]),
        "K3": floodplain,
        "K4": zone["Z3"].intersection(west).difference(floodplain).difference(villages),
        "K5": project.polygon(_K5_EDGE).intersection(zone["Z4"]),
        "K6": zone["Z3"].difference(west).difference(floodplain),
        "K7": settlements,
    }
    return {code: _without_crumbs(shape) for code, shape in shapes.items()}


def _without_crumbs(geometry: QgsGeometry, smallest_m2: float = 300000.0) -> QgsGeometry:
    """``geometry`` without the slivers a cut leaves along a jagged boundary (parts under 0.3 km²)."""
    parts = [part for part in geometry.asGeometryCollection() if part.area() >= smallest_m2]
    return QgsGeometry.unaryUnion(parts) if parts else geometry


def key_areas(district: QgsGeometry) -> List[dict]:
    geometries = key_area_geometries(district)
    return [_record(e, geometries[e.code]) for e in vocabulary.KEY_AREAS]


def _site_shape(project: Projector, centre: LonLat, half_width: float, half_height: float) -> QgsGeometry:
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
    ("（示意）南部高标准农田建设工程", "TDZZ", (113.305, 40.049), 1000, 800, 2025, 2027, 6400.0,
     "省级财政资金", "平城区农业农村局", "planned", "土地平整、灌排设施、田间道路"),
    ("（示意）东部建设用地整理工程", "TDZZ", (113.370, 40.118), 700, 600, 2031, 2034, 8800.0,
     "社会资本", "平城区自然资源局", "planned", "低效建设用地腾退复垦"),
    ("（示意）东南部耕地质量提升工程", "TDZZ", (113.381, 40.028), 750, 650, 2032, 2035, None,
     "省级财政资金", "平城区农业农村局", "planned", "土壤改良、培肥地力"),
    ("（示意）南部乡村人居环境整治工程", "XCRJ", (113.330, 40.030), 600, 450, 2022, 2026, 4300.0,
     "区级财政资金", "平城区农业农村局", "done", "村庄清洁、污水收集、庭院绿化"),
    ("（示意）古城片区公共服务配套改造工程", "CQGG", (113.298, 40.092), 550, 500, 2023, 2027, 15200.0,
     "市级财政资金", "平城区住房和城乡建设局", "building", "街巷改造、公共服务设施补短板"),
    ("（示意）城区口袋公园与绿道生态修复工程", "CZXF", (113.318, 40.104), 500, 400, 2021, 2023, 3900.0,
     "区级财政资金", "平城区园林绿化中心", "accepted", "口袋公园建设、绿道连通"),
    ("（示意）城市边缘生态修复工程", "CZXF", (113.322, 40.122), 800, 500, 2033, 2035, 6100.0,
     "社会资本", "平城区园林绿化中心", "planned", "城市边缘带生态修复、防护林建设"),
)


#: Illustrative 修复模式 (codes of schema.RESTORATION_MODES) and 主要生态问题 per project type.
_TYPE_DETAILS: Dict[str, Tuple[Tuple[str, ...], str]] = {
    "SXLT": (("BHBY", "ZRHF", "FZZS"), "植被退化、水土流失"),
    "KSXF": (("FZZS", "STCJ"), "废弃矿山地形破坏、地质灾害隐患、植被损毁"),
    "LYST": (("ZRHF", "FZZS"), "河道淤积、水质下降、湿地萎缩"),
    "DXSZ": (("BHBY", "ZRHF"), "地下水超采、水位下降"),
    "TDZZ": (("FZZS",), "耕地质量不高、建设用地低效"),
    "XCRJ": (("FZZS",), "农村生活污水和垃圾治理不足"),
    "CQGG": (("FZZS", "STCJ"), "老城区公共空间和绿地不足"),
    "CZXF": (("FZZS", "STCJ"), "城市绿地破碎、生态空间不足"),
}
#: Illustrative funding split (shares of 中央、省级、市级、区级、社会资本) by the site's main funding source.
_SPLITS: Dict[str, Tuple[float, ...]] = {
    "中央财政资金": (0.6, 0.2, 0.1, 0.1, 0.0), "省级财政资金": (0.0, 0.6, 0.2, 0.2, 0.0),
    "市级财政资金": (0.0, 0.2, 0.6, 0.2, 0.0), "区级财政资金": (0.0, 0.0, 0.3, 0.7, 0.0),
    "社会资本": (0.0, 0.0, 0.0, 0.3, 0.7),
}
_FUNDS = ("fund_central", "fund_provincial", "fund_city", "fund_district", "fund_social")


def _split(invest, funding: str) -> dict:
    """Amounts per source adding up to ``invest`` exactly (the last source takes the rounding)."""
    if invest is None:
        return {}
    shares = _SPLITS[funding]
    amounts = [round(invest * share, 2) for share in shares[:-1]]
    amounts.append(round(invest - sum(amounts), 2))
    return {name: amount for name, amount in zip(_FUNDS, amounts) if amount}


def _nearest_seat(centre: LonLat) -> str:
    return min(PLACE_SEATS, key=lambda seat: (seat[1][0] - centre[0]) ** 2 + (seat[1][1] - centre[1]) ** 2)[0]


def sites() -> List[dict]:
    """Sample sites, one or more per project type. Derived fields are filled later by ``core.derive``."""
    project = Projector()
    records = []
    for (name, ptype, centre, half_w, half_h, start, end, invest, funding, body, status, measures) in _SITES:
        modes, problems = _TYPE_DETAILS[ptype]
        records.append({
            "geometry": _multi(_site_shape(project, centre, half_w, half_h)), "name": name, "project_type": ptype,
            "start_year": start, "end_year": end, "investment": invest, "funding_source": funding,
            "implementer": body, "status": status, "measures": measures, "targets": "示意", "illustrative": True,
            "remarks": SITE_NOTE, "responsible_unit": body, "location_town": _nearest_seat(centre),
            "restoration_modes": "{" + ",".join(f'"{m}"' for m in modes) + "}", "eco_problems": problems,
            **_split(invest, funding),
        })
    return records
