"""AutoCAD DXF: project boundaries as CAD draws them, and back.

Reading: OGR returns a closed LWPOLYLINE as a closed line, not a polygon, so the polygons are built here from
the closed polylines of each CAD layer (a ring inside another is a hole) and from hatches. Texts inside a polygon
label it: a text shaped like a project code (140213-KSXF-0001) becomes its ``Code``, any other its ``Text`` (the
usual way CAD drawings carry a parcel's name). Open lines, points and blocks are counted and reported, not
imported. Text encoding follows ``DXF_ENCODING`` (Chinese AutoCAD writes ANSI_936, i.e. GBK).

Writing: one closed LWPOLYLINE per ring on a CAD layer named after the project type code, and the site's name and
project code as texts at a point inside it, which is what reading expects, so a DXF round trip keeps geometry,
type, name and code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from osgeo import gdal, ogr
from qgis.core import QgsGeometry, QgsPointXY

from ..support.errors import InvalidInputError
from ..support.gdalutil import config_option, ogr_to_qgis, qgis_to_ogr, quiet_gdal
from ..support.i18n import tr
from ..support.output_files import failure
from . import encoding as enc
from .geometry import nest_rings

FIELDS = ("Layer", "Handle", "Text", "Code")
CODE_PATTERN = re.compile(r"^\d{6}-[A-Z0-9]{2,8}-\d{3,6}$")
_MTEXT_CODES = re.compile(r"\\[ACcFfHhLlOoQqTtWw][^;\\{}]*;?|\\[LlOoKk]|[{}]")


def clean_text(text: Optional[str]) -> str:
    """MTEXT formatting codes (fonts, paragraphs, stacking) removed."""
    if not text:
        return ""
    text = text.replace("\\P", " ").replace("\\~", " ")
    return " ".join(_MTEXT_CODES.sub("", text).split())


@dataclass
class DxfContent:
    features: List[Tuple[Dict[str, object], QgsGeometry]] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)  # translated kind -> count
    texts_unplaced: int = 0


def _closed(points: List[Tuple[float, float]]) -> bool:
    return len(points) >= 4 and abs(points[0][0] - points[-1][0]) < 1e-6 and abs(points[0][1] - points[-1][1]) < 1e-6


def _ring_key(points: List[QgsPointXY]) -> Tuple:
    """The same ring whatever its start point and direction (a hatch over its own boundary polyline)."""
    rounded = [(round(p.x(), 3), round(p.y(), 3)) for p in points[:-1]] if len(points) > 1 else []
    if not rounded:
        return ()
    start = rounded.index(min(rounded))
    forward = rounded[start:] + rounded[:start]
    backward = list(reversed(forward[1:])) + forward[:1]
    backward = backward[-1:] + backward[:-1]
    return min(tuple(forward), tuple(backward))


def read(path: str, encoding: str) -> DxfContent:
    """Every polygon of the drawing with its CAD layer, entity handle and the texts inside it."""
    content = DxfContent()
    rings: Dict[str, List[Tuple[List[QgsPointXY], str]]] = {}
    hatches: List[Tuple[str, str, QgsGeometry]] = []
    texts: List[Tuple[QgsPointXY, str]] = []
    with config_option("DXF_ENCODING", enc.gdal_name(encoding)), quiet_gdal():
        gdal.ErrorReset()
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["DXF"])
        if dataset is None:
            raise InvalidInputError(tr("{path} cannot be read as DXF: {error}").format(
                path=path, error=gdal.GetLastErrorMsg() or tr("not a DXF file")))
        layer = dataset.GetLayer(0)
        number = 0
        while True:
            gdal.ErrorReset()
            feature = layer.GetNextFeature()
            if gdal.GetLastErrorType() >= gdal.CE_Failure:
                raise InvalidInputError(tr("{path} is damaged or truncated: reading stopped at entity {number} "
                                           "({error}).").format(path=path, number=number + 1,
                                                                error=gdal.GetLastErrorMsg()))
            if feature is None:
                break
            number += 1
            _collect(feature, rings, hatches, texts, content)
        dataset = None
    _build(rings, hatches, texts, content)
    return content


def _collect(feature, rings, hatches, texts, content: DxfContent) -> None:
    geometry = feature.GetGeometryRef()
    cad_layer = feature.GetField("Layer") or "0"
    handle = feature.GetField("EntityHandle") or ""
    if geometry is None:
        content.ignored[tr("entities without geometry")] += 1
        return
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    if flat == ogr.wkbPoint:
        text = clean_text(feature.GetField("Text"))
        if text:
            texts.append((QgsPointXY(geometry.GetX(), geometry.GetY()), text))
        else:
            content.ignored[tr("points and blocks")] += 1
        return
    if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        hatches.append((cad_layer, handle, ogr_to_qgis(geometry)))
        return
    if flat in (ogr.wkbLineString, ogr.wkbMultiLineString, ogr.wkbCompoundCurve, ogr.wkbCircularString):
        linear = geometry.GetLinearGeometry() if flat in (ogr.wkbCompoundCurve, ogr.wkbCircularString) else geometry
        parts = [linear] if ogr.GT_Flatten(linear.GetGeometryType()) == ogr.wkbLineString else [
            linear.GetGeometryRef(i) for i in range(linear.GetGeometryCount())]
        for part in parts:
            points = [(part.GetX(i), part.GetY(i)) for i in range(part.GetPointCount())]
            if _closed(points):
                rings.setdefault(cad_layer, []).append(([QgsPointXY(x, y) for x, y in points], handle))
            else:
                content.ignored[tr("open lines")] += 1
        return
    content.ignored[tr("other entities")] += 1


def _build(rings, hatches, texts, content: DxfContent) -> None:
    polygons: List[Tuple[str, str, QgsGeometry]] = []
    seen = set()
    for cad_layer, items in rings.items():
        handles = {_ring_key(points): handle for points, handle in items}
        for polygon in nest_rings([points for points, _ in items]):
            key = _ring_key(polygon[0])
            seen.add(key)
            polygons.append((cad_layer, handles.get(key, ""), QgsGeometry.fromPolygonXY(polygon)))
    for cad_layer, handle, geometry in hatches:
        outer = geometry.asMultiPolygon()[0][0] if geometry.isMultipart() else geometry.asPolygon()[0]
        if _ring_key(outer) not in seen:
            polygons.append((cad_layer, handle, geometry))
    labels: List[List[str]] = [[] for _ in polygons]
    codes: List[Optional[str]] = [None for _ in polygons]
    for point, text in texts:
        owner = _smallest_containing(polygons, point)
        if owner is None:
            content.texts_unplaced += 1
            continue
        if CODE_PATTERN.match(text) and codes[owner] is None:
            codes[owner] = text
        else:
            labels[owner].append(text)
    # Parts labelled with the same project code are one site (the writer labels every part of a multipart site).
    grouped: Dict[str, int] = {}
    for index, (cad_layer, handle, geometry) in enumerate(polygons):
        code = codes[index]
        if code is not None and code in grouped:
            attributes, merged = content.features[grouped[code]]
            parts = [QgsGeometry(p) for p in merged.asGeometryCollection()] + [geometry]
            content.features[grouped[code]] = (attributes, QgsGeometry.collectGeometry(parts))
            for text in labels[index]:
                if text not in str(attributes["Text"] or "").split(";"):
                    attributes["Text"] = ";".join(filter(None, [attributes["Text"], text]))
            continue
        unique = list(dict.fromkeys(labels[index]))
        attributes = {"Layer": cad_layer, "Handle": handle, "Text": ";".join(unique) or None, "Code": code}
        if code is not None:
            grouped[code] = len(content.features)
        content.features.append((attributes, geometry))


def _smallest_containing(polygons, point: QgsPointXY) -> Optional[int]:
    probe = QgsGeometry.fromPointXY(point)
    best, best_area = None, None
    for index, (_, _, geometry) in enumerate(polygons):
        if geometry.boundingBox().contains(point) and geometry.contains(probe):
            area = geometry.area()
            if best_area is None or area < best_area:
                best, best_area = index, area
    return best


# --- writing ------------------------------------------------------------------------------------------------

def _style_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


class DxfWriter:
    """Writes sites as closed polylines with their name and code as texts (see the module help)."""

    def __init__(self, path: str):
        self.path = path
        # read when the data source is created: closed polylines, not hatches (the reader expects those)
        with config_option("DXF_WRITE_HATCH", "NO"), quiet_gdal():
            gdal.ErrorReset()
            self._dataset = ogr.GetDriverByName("DXF").CreateDataSource(path)
            if self._dataset is None:
                raise failure(path, gdal.GetLastErrorMsg())  # names the final file; "no space" when full
            self._layer = self._dataset.CreateLayer("entities", None, ogr.wkbUnknown)
        self._definition = self._layer.GetLayerDefn()
        self.entities = 0  # how many the file must hold when read back (see output_files' checks)

    def add(self, geometry: QgsGeometry, cad_layer: str, name: Optional[str], code: Optional[str]) -> None:
        """Every part of ``geometry`` as closed polylines, each labelled with ``name`` and ``code``."""
        for part in geometry.asGeometryCollection() if geometry.isMultipart() else [geometry]:
            self._write(qgis_to_ogr(part), cad_layer, None)
            anchor = part.pointOnSurface().asPoint()
            height = max(2.0, min(50.0, (part.area() ** 0.5) / 15.0))
            for offset, text in ((0.0, name), (-1.5 * height, code)):
                if text:
                    point = ogr.Geometry(ogr.wkbPoint)
                    point.AddPoint_2D(anchor.x(), anchor.y() + offset)
                    self._write(point, cad_layer, f'LABEL(f:"SimSun",t:"{_style_text(str(text))}",'
                                                  f's:{height:.2f}g,p:5)')


    def _write(self, geometry, cad_layer: str, style: Optional[str]) -> None:
        feature = ogr.Feature(self._definition)
        feature.SetField("Layer", cad_layer)
        if style:
            feature.SetStyleString(style)
        feature.SetGeometry(geometry)
        with quiet_gdal():
            gdal.ErrorReset()
            if self._layer.CreateFeature(feature) != 0:
                raise failure(self.path, gdal.GetLastErrorMsg())
        self.entities += 1

    def close(self) -> None:
        self._dataset = None
