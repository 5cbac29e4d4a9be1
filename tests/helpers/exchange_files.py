"""Exchange files written the way other programs write them (OGR, or plain text), and reading a plan back.

Test inputs are generated inside the tests, never shipped: Shapefiles with and without .cpg, GBK DBFs,
GeoJSON with projected numbers, CAD-style DXF, CSV with WKT, and 界址点坐标 TXT written line by line.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
)

from pingcheng_plugin.core.exchange.pipeline import ImportOptions, SiteImport
from pingcheng_plugin.core.store import plan_data, schema
from pingcheng_plugin.core.support.gdalutil import shape_encoding
from tests.helpers.common import gdal_codes
from tests.helpers.geometry import square

#: Attribute columns of the generated site files, named the way design institutes name them.
SITE_COLUMNS = (("XMMC", ogr.OFTString), ("XMLX", ogr.OFTString), ("XMZT", ogr.OFTString),
                ("KSNF", ogr.OFTInteger), ("JSNF", ogr.OFTInteger), ("ZTZ", ogr.OFTReal),
                ("ZJLY", ogr.OFTString), ("SSZT", ogr.OFTString), ("JSNR", ogr.OFTString))


def site_row(number: int, **changes) -> Dict[str, object]:
    row = {"XMMC": f"测试修复项目{number}号", "XMLX": "土地整治工程项目", "XMZT": "规划", "KSNF": 2024, "JSNF": 2026,
           "ZTZ": 1000.0 + number, "ZJLY": "省级财政资金", "SSZT": "平城区农业农村局", "JSNR": "土地平整、灌排设施"}
    row.update(changes)
    return row


def free_squares(plan: Path, count: int, size: float = 200.0, zone: str = "Z3",
                 gap: float = 20.0) -> List[QgsGeometry]:
    """``count`` squares (storage CRS) inside ``zone``, clear of every site of the plan and of each other."""
    zones = {f["code"]: f.geometry() for f in plan_data.open_layer(str(plan), schema.ZONES).getFeatures()}
    sites = [f.geometry() for f in plan_data.open_layer(str(plan), schema.SITES).getFeatures() if f.hasGeometry()]
    area = zones[zone]
    box = area.boundingBox()
    found: List[QgsGeometry] = []
    step = size + gap
    y = box.yMinimum()
    while y < box.yMaximum() and len(found) < count:
        x = box.xMinimum()
        while x < box.xMaximum() and len(found) < count:
            candidate = square(x, y, size, multi=False)
            if area.contains(candidate) and not any(candidate.buffer(gap, 2).intersects(s) for s in sites):
                found.append(candidate)
            x += step
        y += step
    assert len(found) == count, f"only {len(found)} free squares in {zone}"
    return found


def transformed(geometry: QgsGeometry, target: str, source: str = schema.STORAGE_CRS) -> QgsGeometry:
    result = QgsGeometry(geometry)
    result.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem(source),
                                            QgsCoordinateReferenceSystem(target), QgsCoordinateTransformContext()))
    return result


@gdal_codes
def srs(epsg: Optional[int]):
    if epsg is None:
        return None
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(epsg)
    reference.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return reference


@gdal_codes
def write_ogr(path: Path, driver: str, rows: Sequence[Tuple[Dict[str, object], Optional[QgsGeometry]]],
              epsg: Optional[int] = 4547, columns=SITE_COLUMNS, layer_options: Sequence[str] = (),
              geometry_type=ogr.wkbUnknown, layer_name: str = "sites", wkb: bool = True) -> Path:
    """A file written by OGR, as another program would; geometries are written as given."""
    dataset = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    assert dataset is not None, path
    encoding = next((o.split("=", 1)[1] for o in layer_options if o.startswith("ENCODING=")), "UTF-8")
    with shape_encoding(encoding):
        layer = dataset.CreateLayer(layer_name, srs(epsg), geometry_type, list(layer_options))
    for name, kind in columns:
        layer.CreateField(ogr.FieldDefn(name, kind))
    for values, geometry in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in values.items():
            if value is None:
                feature.SetFieldNull(name)
            else:
                feature.SetField(name, value)
        if geometry is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geometry.asWkb())) if wkb else geometry)
        assert layer.CreateFeature(feature) == 0
    dataset = None
    return path


def gbk_shapefile(path: Path, rows, ldid: int = 0, epsg: Optional[int] = 4547) -> Path:
    """A GBK Shapefile as older Chinese software writes it: no .cpg, the DBF code-page byte ``ldid``."""
    write_ogr(path, "ESRI Shapefile", rows, epsg, layer_options=["ENCODING=CP936"],
              geometry_type=ogr.wkbPolygon)
    cpg = path.with_suffix(".cpg")
    if cpg.exists():
        cpg.unlink()
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[29] = ldid
    dbf.write_bytes(bytes(data))
    return path


def csv_file(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], encoding: str = "utf-8",
             delimiter: str = ",") -> Path:
    import csv

    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
    return path


TXT_HEADER = """[属性描述]
格式版本号=1.0
数据产生单位=大同市某设计院
数据产生日期=2024-05-01
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=38
精度=0.001
转换参数=,,,,,,
"""


def txt_parcel(rings: Sequence[Sequence[QgsPointXY]], area: object, code: str, name: str, use: str = "",
               closing: bool = True, prefix: float = 38_000_000.0, count: Optional[int] = None,
               swap: bool = False) -> List[str]:
    """A parcel in the TXT format: X = northing, Y = easting with the zone number, rings numbered from 1."""
    rows = []
    number = 0
    for ring_number, ring in enumerate(rings, start=1):
        points = list(ring)
        if points[0] == points[-1]:
            points = points[:-1]
        first = number + 1
        for point in points:
            number += 1
            rows.append((f"J{number}", ring_number, point))
        if closing:
            rows.append((f"J{first}", ring_number, points[0]))
    lines = [f"{count if count is not None else len(rows)},{area},{code},{name},面,,{use},,@"]
    for label, ring_number, point in rows:
        north, east = f"{point.y():.3f}", f"{point.x() + prefix:.3f}"
        lines.append(f"{label},{ring_number},{east if swap else north},{north if swap else east}")
    return lines


def txt_file(path: Path, parcels: Iterable[List[str]], encoding: str = "gbk", header: str = TXT_HEADER,
             extra: str = "") -> Path:
    text = header + extra + "[地块坐标]\n" + "\n".join(line for parcel in parcels for line in parcel) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def dxf_file(path: Path, polygons: Sequence[Tuple[str, Sequence[Sequence[QgsPointXY]], Optional[str]]],
             codepage: str = "ANSI_936", encoding: str = "gbk", open_lines: int = 0) -> Path:
    """A minimal DXF as Chinese AutoCAD writes it (R2000 header with $DWGCODEPAGE, GBK text): each polygon's rings
    as closed LWPOLYLINEs on CAD layer ``layer``, its name as a TEXT inside it."""
    out = ["0", "SECTION", "2", "HEADER", "9", "$ACADVER", "1", "AC1015", "9", "$DWGCODEPAGE", "3", codepage,
           "0", "ENDSEC", "0", "SECTION", "2", "ENTITIES"]
    handle = 0x100
    for layer, rings, name in polygons:
        for ring in rings:
            points = list(ring)[:-1] if list(ring)[0] == list(ring)[-1] else list(ring)
            handle += 1
            out += ["0", "LWPOLYLINE", "5", f"{handle:X}", "100", "AcDbEntity", "8", layer, "100", "AcDbPolyline",
                    "90", str(len(points)), "70", "1"]
            for point in points:
                out += ["10", f"{point.x():.4f}", "20", f"{point.y():.4f}"]
        if name:
            inside = QgsGeometry.fromPolygonXY([list(r) for r in rings]).pointOnSurface().asPoint()
            handle += 1
            out += ["0", "TEXT", "5", f"{handle:X}", "100", "AcDbEntity", "8", layer, "100", "AcDbText",
                    "10", f"{inside.x():.4f}", "20", f"{inside.y():.4f}", "30", "0.0", "40", "5.0", "1", name]
    for number in range(open_lines):
        handle += 1
        out += ["0", "LINE", "5", f"{handle:X}", "100", "AcDbEntity", "8", "0", "100", "AcDbLine",
                "10", f"{number}.0", "20", "0.0", "30", "0.0", "11", f"{number}.0", "21", "10.0", "31", "0.0"]
    out += ["0", "ENDSEC", "0", "EOF"]
    path.write_bytes(("\r\n".join(out) + "\r\n").encode(encoding))
    return path


@gdal_codes
def plan_without_sites(plan: Path) -> Path:
    dataset = ogr.Open(str(plan), 1)
    dataset.ExecuteSQL("DELETE FROM project_sites")
    dataset = None
    return plan


def table_rows(plan: Path, table: str = "project_sites") -> List[tuple]:
    """Every row of ``table`` (geometry blobs included) and the code sequence: "nothing changed" compares these."""
    with sqlite3.connect(str(plan)) as con:
        rows = con.execute(f"SELECT * FROM {table} ORDER BY fid").fetchall()
        rows += con.execute(f"SELECT * FROM {schema.SEQUENCE_TABLE} ORDER BY prefix").fetchall()
    return rows


def site_values(plan: Path) -> Dict[str, Dict[str, object]]:
    """Sites by name: every attribute and the geometry."""
    layer = plan_data.open_layer(str(plan), schema.SITES)
    found = {}
    for feature in layer.getFeatures():
        values = {name: (None if feature[name] is None or str(feature[name]) == "NULL" else feature[name])
                  for name in schema.SITES.field_names()}
        values["geometry"] = feature.geometry()
        found[values["name"]] = values
    return found


def run_import(plan, path, confirm=True, **options):
    """Open, confirm a recognised CRS (as the user does in the dialog), preview and write; returns what the job
    recognised (encoding, CRS decision, mapping), the preview and the result (None when nothing is accepted)."""
    job = SiteImport(str(plan), str(path), ImportOptions(**options))
    try:
        if confirm and job.decision.how == "guessed" and not job.decision.problem:
            job.choose_crs(job.decision.crs, job.decision.swap)
        preview = job.analyse()
        result = job.commit() if preview.accepted else None
        seen = SimpleNamespace(source=SimpleNamespace(encoding=job.source.encoding, notes=job.source.notes),
                               decision=job.decision, mapping=job.mapping)
        return seen, preview, result
    finally:
        job.close()


def rename_dbf_fields_gbk(shapefile: Path, names: Sequence[str]) -> Path:
    """Give the first fields of ``shapefile``'s DBF Chinese names written as GBK bytes, as older Chinese software
    does (OGR itself would write UTF-8); no code-page byte and no .cpg say so."""
    shapefile.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = bytearray(shapefile.with_suffix(".dbf").read_bytes())
    dbf[29] = 0
    for index, name in enumerate(names):  # 32-byte descriptors after the 32-byte header; 11 bytes of name
        start = 32 + 32 * index
        dbf[start:start + 11] = name.encode("gbk").ljust(11, b"\0")
    shapefile.with_suffix(".dbf").write_bytes(bytes(dbf))
    return shapefile
