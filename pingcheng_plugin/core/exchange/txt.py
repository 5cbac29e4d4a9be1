"""The 自然资源部 boundary-point coordinate text (界址点坐标 TXT), read and written.

::

    [属性描述]
    格式版本号=1.0
    数据产生单位=平城区自然资源局
    数据产生日期=2025-03-01
    坐标系=2000国家大地坐标系
    几度分带=3
    投影类型=高斯克吕格
    计量单位=米
    带号=38
    精度=0.001
    转换参数=,,,,,,
    [地块坐标]
    5,1.0000,140213-KSXF-0001,西部矿山修复,面,,KSXF,,@
    J1,1,4434000.000,38440000.000
    J2,1,4434000.000,38440100.000
    ...

Per parcel a header line ``界址点数,地块面积,地块编号,地块名称,记录图形属性,图幅号,地块用途,地类编码,@`` then
its point rows ``点号,圈号,X,Y``: 圈号 1 is the outer ring, 2 and up are holes (or, as some programs write, further
parts: rings are nested by containment), X is the northing and Y the easting, usually with the zone number in
front. The point count includes the closing points, which may be present or absent. Other sections (such as
``[项目信息]``) are read into the header and otherwise ignored. 地块面积 is in hectares.

Parsing streams: a file of any size is read one parcel at a time. A damaged parcel becomes a :class:`Parcel` with a
``problem`` (and no geometry) so the others can still be imported; a damaged file raises InvalidInputError.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, TextIO, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsRectangle

from ...plan import vocabulary
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from . import crs as crs_module
from . import encoding as enc
from .bounds import Bounds
from .geometry import nest_rings

HEADER_SECTION = "属性描述"
PARCEL_SECTION = "地块坐标"
HEADER_KEYS = ("格式版本号", "数据产生单位", "数据产生日期", "坐标系", "几度分带", "投影类型", "计量单位", "带号",
               "精度", "转换参数")
#: The parcel attributes of the header line, in order; they become the source fields of an import.
PARCEL_FIELDS = ("界址点数", "地块面积", "地块编号", "地块名称", "记录图形属性", "图幅号", "地块用途", "地类编码")
#: Coordinates within this distance (m) are the same point (a ring's closing point).
SAME_POINT_M = 0.0005
#: Decimals of the coordinates written (精度 0.001 m) unless another precision is chosen.
DEFAULT_DECIMALS = 3
#: The header line that says which area 地块面积 is (the format has no comment syntax; readers skip unknown keys).
AREA_NOTE_KEY = "备注"

_SECTION = re.compile(r"^\[(.+)\]$")


@dataclass
class TxtHeader:
    values: Dict[str, str] = field(default_factory=dict)  # every key=value line of every section but the parcels
    sections: List[str] = field(default_factory=list)

    def get(self, key: str) -> str:
        return self.values.get(key, "").strip()


@dataclass
class Parcel:
    number: int  # 1-based position in the file
    line: int  # line number of its header line
    attributes: Dict[str, object]
    #: (圈号, n) -> points (点号, X, Y, line); n counts closed rings that share a 圈号 (some writers number every
    #: outer ring of a multi-part parcel 1): a ring closes when its first point's number comes back
    rings: Dict[Tuple[int, int], List[Tuple[str, float, float, int]]] = field(default_factory=dict)
    rows: int = 0
    problem: Optional[str] = None  # translated

    @property
    def declared_points(self) -> Optional[int]:
        value = self.attributes.get("界址点数")
        return value if isinstance(value, int) else None

    def label(self) -> str:
        name = self.attributes.get("地块名称") or self.attributes.get("地块编号")
        if name:
            return tr("parcel {number} “{name}” (line {line})").format(number=self.number, name=name, line=self.line)
        return tr("parcel {number} (line {line})").format(number=self.number, line=self.line)


def _clean(line: str) -> str:
    """Surrounding blanks and a byte-order mark removed (names keep their full-width characters)."""
    return line.strip().lstrip("\ufeff").strip()


def _number(text: str) -> Optional[float]:
    """A number, full-width digits included."""
    try:
        return float(unicodedata.normalize("NFKC", text).strip())
    except ValueError:
        return None


def open_text(path: str, encoding: str) -> TextIO:
    return open(path, encoding=enc.python_codec(encoding), errors="strict", newline=None)


def read_header(path: str, encoding: str) -> TxtHeader:
    """The key=value lines before ``[地块坐标]`` (any section). InvalidInputError when there is no parcel section."""
    header = TxtHeader()
    try:
        with open_text(path, encoding) as handle:
            for line in handle:
                text = _clean(line)
                section = _SECTION.match(text)
                if section:
                    name = section.group(1).strip()
                    if name == PARCEL_SECTION:
                        return header
                    header.sections.append(name)
                elif "=" in text:
                    key, _, value = text.partition("=")
                    header.values.setdefault(key.strip(), value.strip())
    except UnicodeDecodeError as err:
        raise InvalidInputError(tr("{path} is not {encoding} text ({error}); choose another encoding.").format(
            path=path, encoding=enc.label(encoding), error=err)) from err
    raise InvalidInputError(tr("{path} is not a boundary-point coordinate file: it has no [{section}] section.")
                            .format(path=path, section=PARCEL_SECTION))


def _parcel_header(parts: List[str], number: int, line: int) -> Parcel:
    values = [p.strip() for p in parts]
    if values and values[-1] == "@":
        values = values[:-1]
    values += [""] * (len(PARCEL_FIELDS) - len(values))
    attributes: Dict[str, object] = {name: (values[i] or None) for i, name in enumerate(PARCEL_FIELDS)}
    parcel = Parcel(number, line, attributes)
    try:
        attributes["界址点数"] = int(_number(values[0]))
    except (TypeError, ValueError):
        parcel.problem = tr("line {line}: the point count “{value}” is not a number").format(line=line, value=values[0])
    if values[1]:
        area = _number(values[1])
        if area is None:
            parcel.problem = parcel.problem or tr("line {line}: the parcel area “{value}” is not a number").format(
                line=line, value=values[1])
        attributes["地块面积"] = area
    return parcel


def _is_parcel_header(parts: List[str]) -> bool:
    """A parcel's header line ends with '@' (some writers drop it but keep the 8 fields)."""
    return parts[-1].strip() == "@" or len(parts) >= len(PARCEL_FIELDS)


def iter_parcels(path: str, encoding: str) -> Iterator[Parcel]:
    """Every parcel of the file, in order, with its points (geometry is built by :func:`parcel_geometry`)."""
    in_parcels = False
    parcel: Optional[Parcel] = None
    number = 0
    try:
        with open_text(path, encoding) as handle:
            for line_number, line in enumerate(handle, start=1):
                text = _clean(line)
                if not text:
                    continue
                section = _SECTION.match(text)
                if section:
                    in_parcels = section.group(1).strip() == PARCEL_SECTION
                    continue
                if not in_parcels:
                    continue
                parts = text.split(",")
                if _is_parcel_header(parts):
                    if parcel is not None:
                        yield _finish(parcel)
                    number += 1
                    parcel = _parcel_header(parts, number, line_number)
                    continue
                if parcel is None:
                    raise InvalidInputError(tr("{path}, line {line}: a point row comes before the first parcel's "
                                               "header line.").format(path=path, line=line_number))
                parcel.rows += 1
                if parcel.problem:
                    continue
                if len(parts) != 4:
                    parcel.problem = tr("line {line}: “{text}” is not a point row (point number, ring number, X, Y)") \
                        .format(line=line_number, text=text)
                    continue
                point, ring, x, y = (p.strip() for p in parts)
                xv, yv = _number(x), _number(y)
                ring_value = _number(ring)
                ring_number = int(ring_value) if ring_value is not None and ring_value.is_integer() else None
                if xv is None or yv is None or ring_number is None:
                    bad = ring if ring_number is None else (x if xv is None else y)
                    parcel.problem = tr("line {line}: “{value}” is not a number").format(line=line_number, value=bad)
                    continue
                key = _open_ring(parcel, ring_number)
                parcel.rings.setdefault(key, []).append((point, xv, yv, line_number))
    except UnicodeDecodeError as err:
        raise InvalidInputError(tr("{path} is not {encoding} text ({error}); choose another encoding.").format(
            path=path, encoding=enc.label(encoding), error=err)) from err
    if parcel is not None:
        yield _finish(parcel)


def _open_ring(parcel: Parcel, ring_number: int) -> Tuple[int, int]:
    """The ring a new point of 圈号 ``ring_number`` belongs to: the last one of that number, or a new one when
    the last has already closed on its first point's number."""
    keys = [key for key in parcel.rings if key[0] == ring_number]
    if not keys:
        return ring_number, 0
    last = max(keys)
    points = parcel.rings[last]
    if len(points) > 3 and points[-1][0] == points[0][0]:
        return ring_number, last[1] + 1
    return last


def _finish(parcel: Parcel) -> Parcel:
    """Check the point count and every ring; the first problem found is kept."""
    if parcel.problem:
        return parcel
    declared = parcel.declared_points
    if declared is not None and declared != parcel.rows:
        parcel.problem = tr("{parcel} declares {declared} points but has {found}").format(
            parcel=parcel.label(), declared=declared, found=parcel.rows)
        return parcel
    if not parcel.rings:
        parcel.problem = tr("{parcel} has no points").format(parcel=parcel.label())
        return parcel
    for (ring_number, _part), points in sorted(parcel.rings.items()):
        problem = _ring_problem(parcel, ring_number, points)
        if problem:
            parcel.problem = problem
            return parcel
    return parcel


def _same(a: Tuple[str, float, float, int], b: Tuple[str, float, float, int]) -> bool:
    return abs(a[1] - b[1]) <= SAME_POINT_M and abs(a[2] - b[2]) <= SAME_POINT_M


def _ring_problem(parcel: Parcel, ring_number: int, points: List[Tuple[str, float, float, int]]) -> Optional[str]:
    first, last = points[0], points[-1]
    if len(points) > 1 and last[0] == first[0] and not _same(first, last):
        return tr("ring {ring} of {parcel} is not closed: its last point {point} (line {line}) repeats the first "
                  "point's number but not its coordinates").format(
            ring=ring_number, parcel=parcel.label(), point=last[0], line=last[3])
    distinct = []
    for point in points:
        if not any(_same(point, seen) for seen in distinct):
            distinct.append(point)
    if len(distinct) < 3:
        return tr("ring {ring} of {parcel} has {count} distinct points; a ring needs at least 3").format(
            ring=ring_number, parcel=parcel.label(), count=len(distinct))
    return None


def parcel_geometry(parcel: Parcel) -> QgsGeometry:
    """The parcel as a (multi)polygon with x = easting (Y) and y = northing (X), closing points added."""
    rings = [[QgsPointXY(y, x) for _, x, y, _ in points] for _, points in sorted(parcel.rings.items())]
    polygons = nest_rings(rings)
    return QgsGeometry.fromMultiPolygonXY(polygons)


# --- the coordinate system the header states ------------------------------------------------------------------

_DATUMS = (
    # (words in 坐标系, 3-degree zone-prefixed first EPSG, CM-based first EPSG, geographic EPSG, is CGCS2000)
    (("2000", "cgcs"), 4513, 4534, 4490, True),
    (("西安", "1980", "80", "xian"), 2349, 2370, 4610, False),
    (("北京", "1954", "54", "beijing"), 2401, 2422, 4214, False),
)


def header_crs(header: TxtHeader, sample_easting: Optional[float]) -> Tuple[Optional[QgsCoordinateReferenceSystem],
                                                                         List[str]]:
    """The CRS the header states (坐标系, 几度分带, 带号), with notes; None when it does not say enough.

    Whether eastings carry the zone number is read from the numbers (``sample_easting``), as files differ."""
    notes: List[str] = []
    system = header.get("坐标系").casefold()
    datum = next((d for d in _DATUMS if any(word in system for word in d[0])), None)
    if datum is None:
        return None, notes
    width = header.get("几度分带")
    zone_text = header.get("带号")
    if width and width not in ("3", "3度"):
        notes.append(tr("The header states {width}-degree zones; only 3-degree zones are read from the header.")
                     .format(width=width))
        return None, notes
    try:
        zone = int(float(zone_text))
    except ValueError:
        return None, notes
    prefixed = sample_easting is not None and sample_easting >= 1_000_000
    reference = crs_module.zone_crs(zone, prefixed, datum[1], datum[2])
    if reference is None:
        return None, notes
    if not datum[4]:
        notes.append(tr("The file uses {system}, not CGCS2000: without the bureau's conversion parameters "
                        "(转换参数) positions may be off by tens of metres.").format(system=header.get("坐标系")))
    return (reference if reference.isValid() else None), notes


def scan(path: str, encoding: str, limit: Optional[int] = None) -> Tuple[Optional[QgsRectangle], int]:
    """The extent of the point rows of the first ``limit`` parcels (all by default), as (easting = Y,
    northing = X), and the number of parcels read."""
    bounds = Bounds()
    count = 0
    for parcel in iter_parcels(path, encoding):
        if limit is not None and count >= limit:
            break
        count += 1
        for points in parcel.rings.values():
            for _, x, y, _ in points:
                bounds.add(y, x)
    return bounds.rectangle(), count


# --- writing ------------------------------------------------------------------------------------------------

@dataclass
class ParcelOut:
    """One parcel to write: its attributes as text and its polygons (x = easting, y = northing, in the output
    CRS)."""

    area_ha: Optional[float]
    code: str
    name: str
    use: str  # 地块用途
    polygons: Sequence[Sequence[Sequence[QgsPointXY]]]  # polygons -> rings -> points (closed)
    land_code: str = ""  # 地类编码


def _text(value: object) -> str:
    """A header value: commas would split the line, so they become full-width (the format has no quoting)."""
    return "" if value is None else str(value).replace(",", "，").replace("\n", " ").replace("\r", " ").strip()


def header_lines(values: Dict[str, str]) -> List[str]:
    lines = [f"[{HEADER_SECTION}]"]
    lines += [f"{key}={values.get(key, '')}" for key in HEADER_KEYS]
    lines += [f"{AREA_NOTE_KEY}={_text(values[AREA_NOTE_KEY])}"] if values.get(AREA_NOTE_KEY) else []
    lines.append(f"[{PARCEL_SECTION}]")
    return lines


def default_header(output_crs: QgsCoordinateReferenceSystem, producer: str = vocabulary.PLAN_AUTHOR_ZH,
                   decimals: int = DEFAULT_DECIMALS, area_note: str = "") -> Dict[str, str]:
    """The header: 精度 is the precision the coordinates are written with; 带号 the output system's zone, which
    eastings carry in front when the system is zone-prefixed (EPSG:4513–4533) and not otherwise."""
    zone = crs_module.zone_of(output_crs)
    values = {
        "格式版本号": "1.0",
        "数据产生单位": producer,
        "数据产生日期": datetime.date.today().isoformat(),
        "坐标系": "2000国家大地坐标系",
        "几度分带": "3",
        "投影类型": "高斯克吕格",
        "计量单位": "米",
        "带号": str(zone[0]) if zone else "",
        "精度": f"{10 ** -decimals:.{decimals}f}",
        "转换参数": ",,,,,,",
    }
    if area_note:
        values[AREA_NOTE_KEY] = area_note
    return values


def cadastral_order(ring: Sequence[QgsPointXY]) -> List[QgsPointXY]:
    """``ring`` (x = easting, y = northing; without its closing point) clockwise from its north-westernmost point,
    the point nearest the north-west corner of its bounding box, as cadastral boundary points are numbered."""
    points = list(ring)
    twice_area = sum(a.x() * b.y() - b.x() * a.y() for a, b in zip(points, points[1:] + points[:1]))
    if twice_area > 0:  # counter-clockwise
        points.reverse()
    west, north = min(p.x() for p in points), max(p.y() for p in points)
    start = min(range(len(points)), key=lambda i: (points[i].x() - west) ** 2 + (north - points[i].y()) ** 2)
    return points[start:] + points[:start]


def parcel_lines(parcel: ParcelOut, decimals: int = DEFAULT_DECIMALS) -> List[str]:
    """The header line and point rows of one parcel: points numbered J1, J2... across its rings, each ring
    clockwise from its north-westernmost point and closed by repeating its first point (and number); 圈号 counts
    rings from 1 (outer) within the parcel."""
    rows: List[str] = []
    number = 0
    ring_number = 0
    for polygon in parcel.polygons:
        for ring in polygon:
            ring_number += 1
            points = list(ring)
            if len(points) > 1 and points[0] == points[-1]:
                points = points[:-1]
            points = cadastral_order(points)
            first_number = number + 1
            for point in points:
                number += 1
                rows.append(f"J{number},{ring_number},{point.y():.{decimals}f},{point.x():.{decimals}f}")
            first = points[0]
            rows.append(f"J{first_number},{ring_number},{first.y():.{decimals}f},{first.x():.{decimals}f}")
    area = "" if parcel.area_ha is None else f"{parcel.area_ha:.4f}"
    head = (f"{len(rows)},{area},{_text(parcel.code)},{_text(parcel.name)},面,,{_text(parcel.use)},"
            f"{_text(parcel.land_code)},@")
    return [head] + rows


def single_parts(parcel: ParcelOut) -> List[ParcelOut]:
    """A multi-part site as one parcel per part, numbered 地块编号-1, -2… and with its share of the area: the
    format has one outer ring per parcel (圈号 1), and 2+ are holes. Readers join such parcels back into a site."""
    if len(parcel.polygons) <= 1:
        return [parcel]
    sizes = [abs(QgsGeometry.fromPolygonXY([list(ring) for ring in polygon]).area()) for polygon in parcel.polygons]
    total = sum(sizes) or 1.0
    return [ParcelOut(None if parcel.area_ha is None else parcel.area_ha * size / total, f"{parcel.code}-{n}",
                      parcel.name, parcel.use, [polygon], parcel.land_code)
            for n, (polygon, size) in enumerate(zip(parcel.polygons, sizes), 1)]


def write(handle: TextIO, header: Dict[str, str], parcels: Iterable[ParcelOut],
          decimals: int = DEFAULT_DECIMALS) -> int:
    """Write the file; returns the number of sites written (a multi-part site is several parcels)."""
    for line in header_lines(header):
        handle.write(line + "\r\n")
    count = 0
    for parcel in parcels:
        for part in single_parts(parcel):
            for line in parcel_lines(part, decimals):
                handle.write(line + "\r\n")
        count += 1
    return count
