"""Export of project sites (all, a selection or those matching a filter) to the exchange formats.

Every format is written to a temporary file beside the target and moved into place only when complete and read
back (see :mod:`..output_files`), so a failure, a full disk or a cancel never leaves half a file (nor replaces a
good one). What a format cannot hold is said, per
site, as a warning: text longer than a Shapefile field (254 bytes), characters GBK cannot encode.

Layouts: GeoPackage, GeoJSON, KML and CSV use the plan's own field names (the GeoPackage also carries the Chinese
aliases); Shapefiles use the short names of :data:`.mapping.SHAPEFILE_NAMES`; DXF carries type, name and code
(see :mod:`.dxf`); the 界址点坐标 TXT carries code, name, type and the ellipsoidal or planar area (see
:mod:`.txt_export`). The import reads each of them back to the same sites.
"""

from __future__ import annotations

import datetime
import functools
import os
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence

from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from ..sites.derive import format_number
from ..store import control_data, plan_check, plan_data, schema
from ..support.cell_text import neutralise
from ..support.errors import InvalidInputError
from ..support.gdalutil import FieldIndexes, gdal_quiet, qgis_to_ogr, quiet_gdal, set_field, shape_encoding
from ..support.i18n import tr
from ..support.output_files import StagingFolder, check_target, failure
from ..support.progress import Progress, report
from ..validation.findings import Severity, site_label
from . import crs, csvwkt, dxf, formats
from . import encoding as enc
from .issues import Issue, feature_message
from .mapping import SHAPEFILE_NAMES
from .txt_export import TxtOptions, write_txt

SHAPEFILE_TEXT_BYTES = 254
#: Output CRS per format when none is asked for: KML must be WGS 84 longitude/latitude, GeoJSON should be
#: (RFC 7946); the TXT convention writes eastings with the zone number; the rest keep the plan's own CRS.
DEFAULT_CRS = {"gpkg": schema.STORAGE_CRS, "shp": schema.STORAGE_CRS, "dxf": schema.STORAGE_CRS,
               "csv": schema.STORAGE_CRS, "geojson": "EPSG:4326", "kml": "EPSG:4326", "txt": "EPSG:4526"}
#: Text encodings per format when ENCODING is auto.
DEFAULT_ENCODING = {"shp": enc.UTF8, "csv": enc.UTF8, "txt": enc.GB18030}
_OGR_DRIVERS = {"gpkg": "GPKG", "shp": "ESRI Shapefile", "geojson": "GeoJSON", "kml": "KML"}


# --- a small OGR writer -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OutField:
    name: str
    kind: str  # text | int | real | bool | datetime
    alias: str = ""
    width: int = 0
    precision: int = 0  # decimals of a real field with a width (export profiles)


class OgrOut:
    """One layer written through OGR, in a transaction where the driver has them."""

    def __init__(self, path: str, format_id: str, fields: Sequence[OutField], reference: Optional[
            QgsCoordinateReferenceSystem], layer_name: str, encoding: Optional[str] = None,
                 title: Optional[str] = None, append: bool = False):
        self.path = path
        self.format_id = format_id
        driver = ogr.GetDriverByName(_OGR_DRIVERS[format_id])
        with quiet_gdal():
            gdal.ErrorReset()
            self.dataset = ogr.Open(path, 1) if append else driver.CreateDataSource(path)  # append: one more layer
        if self.dataset is None:
            raise failure(path, gdal.GetLastErrorMsg())
        srs = None
        if reference is not None and reference.isValid():
            srs = osr.SpatialReference()
            srs.ImportFromWkt(reference.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL)
                              if hasattr(QgsCoordinateReferenceSystem, "WKT_PREFERRED_GDAL") else reference.toWkt())
            if reference.authid().upper().startswith("EPSG:"):
                srs.ImportFromEPSG(int(reference.authid().split(":")[1]))
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        options = []
        if format_id == "shp":
            options.append(f"ENCODING={'CP936' if encoding == enc.GB18030 else 'UTF-8'}")
        if format_id == "gpkg":
            options += ["FID=fid", "GEOMETRY_NAME=geom"]
            if title:
                options.append(f"IDENTIFIER={title}")
        if format_id == "geojson":
            options += ["RFC7946=NO", "WRITE_NAME=YES"]
        # (the encoding also as SHAPE_ENCODING: QGIS clears that option process-wide, see gdalutil)
        with shape_encoding("CP936" if encoding == enc.GB18030 else "UTF-8"):
            self.layer = self.dataset.CreateLayer(layer_name, srs, ogr.wkbMultiPolygon, options)
        if self.layer is None:
            raise failure(path, gdal.GetLastErrorMsg())
        self.fields = list(fields)
        # A DBF field name holds 10 bytes: longer (or multi-byte) names get a unique short name that ends on a
        # character boundary, and values go to that name (OGR would cut mid-character and drop the values).
        self.names = _dbf_names([f.name for f in self.fields]) if format_id == "shp" else \
            {f.name: f.name for f in self.fields}
        for out in self.fields:
            if self.layer.CreateField(self._definition(out)) != 0:
                raise failure(path, gdal.GetLastErrorMsg())
        self.definition = self.layer.GetLayerDefn()
        self.indexes = FieldIndexes(self.definition)
        self._transaction = format_id == "gpkg" and self.dataset.StartTransaction() == 0

    def _definition(self, out: OutField) -> ogr.FieldDefn:
        kind = out.kind
        if kind == "datetime" and self.format_id in ("shp", "kml"):
            kind = "text"
        types = {"text": ogr.OFTString, "int": ogr.OFTInteger, "real": ogr.OFTReal, "bool": ogr.OFTInteger,
                 "datetime": ogr.OFTDateTime}
        definition = ogr.FieldDefn(self.names[out.name], types[kind])
        if kind == "bool" and self.format_id not in ("shp", "kml"):
            definition.SetSubType(ogr.OFSTBoolean)
        if kind == "text" and self.format_id == "shp":
            definition.SetWidth(min(out.width or SHAPEFILE_TEXT_BYTES, SHAPEFILE_TEXT_BYTES))
        elif out.width:  # an export profile's widths and decimals
            definition.SetWidth(out.width)
            definition.SetPrecision(out.precision)
        if out.alias and hasattr(definition, "SetAlternativeName"):
            definition.SetAlternativeName(out.alias)
        return definition

    def add(self, values: Dict[str, object], geometry: Optional[QgsGeometry]) -> None:
        feature = ogr.Feature(self.definition)
        for out in self.fields:
            value = values.get(out.name)
            name = self.names[out.name]
            index = self.indexes[name]
            if isinstance(value, datetime.datetime) and isinstance(index, int) and \
                    self.definition.GetFieldDefn(index).GetType() == ogr.OFTString:
                value = value.strftime("%Y-%m-%d %H:%M:%S")
            set_field(feature, index, value)
        if geometry is not None and not geometry.isNull():
            feature.SetGeometry(qgis_to_ogr(geometry))
        with quiet_gdal():
            gdal.ErrorReset()
            if self.layer.CreateFeature(feature) != 0:
                raise failure(self.path, gdal.GetLastErrorMsg())

    def close(self) -> None:
        if self.dataset is not None and self._transaction:
            if self.dataset.CommitTransaction() != 0:
                raise failure(self.path, gdal.GetLastErrorMsg())
        self.layer = None
        self.dataset = None


def plain(value: object) -> object:
    """A QGIS attribute value as plain Python: NULL -> None, QDateTime -> datetime, QDate -> date."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return value


# --- the export -------------------------------------------------------------------------------------------------

@dataclass
class ExportResult:
    path: str
    count: int
    files: List[str]
    issues: List[Issue] = field(default_factory=list)


def site_fields(format_id: str) -> List[OutField]:
    names = SHAPEFILE_NAMES if format_id == "shp" else {}
    return [OutField(names.get(spec.name, spec.name), spec.kind, spec.alias_zh) for spec in schema.SITES.fields]


def output_crs(format_id: str, requested: Optional[QgsCoordinateReferenceSystem]) -> QgsCoordinateReferenceSystem:
    if format_id == "kml" or requested is None or not requested.isValid():
        return QgsCoordinateReferenceSystem(DEFAULT_CRS[format_id])
    if format_id == "txt" and crs.zone_of(requested) is None:
        # the TXT format states metres, a 3-degree zone and X/Y in it: degrees or other systems would be wrong
        raise InvalidInputError(tr("The boundary-point TXT needs a CGCS2000 3-degree Gauss-Kruger system "
                                   "(EPSG:4513–4533 or 4534–4554), not {crs}.").format(crs=requested.authid()))
    return requested


def output_encoding(format_id: str, requested: Optional[str]) -> str:
    chosen = enc.normalise(requested)
    if chosen == enc.AUTO:
        return DEFAULT_ENCODING.get(format_id, enc.UTF8)
    if chosen not in (enc.UTF8, enc.GB18030):
        raise InvalidInputError(tr("Files can be written in UTF-8 or GBK, not {encoding}.").format(
            encoding=enc.label(chosen)))
    return chosen


def site_request(layer, expression: Optional[str], fids: Optional[Iterable[int]]) -> QgsFeatureRequest:
    request = QgsFeatureRequest()
    if expression and expression.strip():
        parsed = QgsExpression(expression)
        if parsed.hasParserError():
            raise InvalidInputError(tr("The filter “{expression}” is not a valid expression: {error}").format(
                expression=expression, error=parsed.parserErrorString()))
        request.setFilterExpression(expression)
        # global and layer scopes only: createExpressionContext() reads the current QgsProject, which a
        # background export must not touch
        context = QgsExpressionContext()
        context.appendScope(QgsExpressionContextUtils.globalScope())
        context.appendScope(QgsExpressionContextUtils.layerScope(layer))
        request.setExpressionContext(context)
    if fids is not None:
        request.setFilterFids(sorted(int(f) for f in fids))
    return request


class _Checker:
    """What a format cannot hold, found per site: over-long Shapefile text, characters the encoding lacks."""

    def __init__(self, format_id: str, encoding: str):
        self.format_id = format_id
        self.codec = "gbk" if encoding == enc.GB18030 else "utf-8"
        self.issues: List[Issue] = []

    def text(self, label: str, field_name: str, value: Optional[str], index: int) -> Optional[str]:
        if value is None:
            return None
        if self.codec == "gbk":
            try:
                value.encode("gbk")
            except UnicodeEncodeError:
                value = value.encode("gbk", errors="replace").decode("gbk")
                self.issues.append(Issue(index, Severity.WARNING, "EXPORT_CHARACTERS", feature_message(
                    label, tr("{field} has characters GBK cannot store; they were written as “?”").format(
                        field=field_name))))
        if self.format_id == "shp" and len(value.encode(self.codec)) > SHAPEFILE_TEXT_BYTES:
            data = value.encode(self.codec)[:SHAPEFILE_TEXT_BYTES]
            value = data.decode(self.codec, errors="ignore")
            self.issues.append(Issue(index, Severity.WARNING, "EXPORT_TRUNCATED", feature_message(label, tr(
                "{field} is longer than a Shapefile field holds ({limit} bytes) and was shortened to “{start}…”")
                .format(field=field_name, limit=SHAPEFILE_TEXT_BYTES, start=value[:12]))))
        return value


@gdal_quiet
def export_sites(plan_path: str, output: str, format_id: Optional[str] = None, encoding_name: Optional[str] = None,
                 expression: Optional[str] = None, fids: Optional[Iterable[int]] = None,
                 target_crs: Optional[QgsCoordinateReferenceSystem] = None, progress: Progress = None,
                 producer: Optional[str] = None, profile: Optional[str] = None,
                 txt_options: Optional[TxtOptions] = None) -> ExportResult:
    """Write the plan's sites (``fids`` and/or ``expression`` narrow them) to ``output``; returns what was written.
    ``profile``: a 上图入库 export profile (JSON path, :mod:`.profile`); None: the plugin's own field names.
    ``txt_options``: the TXT's precision and area (:mod:`.txt_export`).

    Raises InvalidInputError for a bad filter or when no site matches, ExportError when the file cannot be
    written, CancelledError when ``progress`` returns False; in every case no file is left behind."""
    plan_check.check_plan(plan_path)
    fmt = formats.get(format_id) if format_id else formats.for_path(output)
    output = check_target(formats.with_extension(output, fmt.id))  # a bad folder or target before any work
    layer = plan_data.open_layer(plan_path, schema.SITES)
    request = site_request(layer, expression, fids)
    counting = QgsFeatureRequest(request).setNoAttributes().setFlags(QgsFeatureRequest.NoGeometry)
    total = sum(1 for _ in layer.getFeatures(counting))
    if total == 0:
        raise InvalidInputError(tr("No site matches the selection or filter; nothing was written."))
    reference = output_crs(fmt.id, target_crs)
    encoding = output_encoding(fmt.id, encoding_name)
    if txt_options is not None:
        txt_options.checked()  # a bad choice is refused before any work
    if profile:  # imported here: profile_export builds on this module's writer
        from .profile_export import export_profile
        return export_profile(profile, layer, request, total, output, fmt.id, reference, encoding, progress)
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(schema.STORAGE_CRS), reference,
                                       QgsCoordinateTransformContext())
    checker = _Checker(fmt.id, encoding)
    staging = StagingFolder(os.path.dirname(output))
    count = 0

    def sites():
        nonlocal count
        for feature in layer.getFeatures(request):
            if count % 100 == 0:
                report(progress, 100.0 * count / total, cancelled=tr("Cancelled: no file was written."))
            values = {spec.name: plain(feature[spec.name]) for spec in schema.SITES.fields}
            geometry = QgsGeometry(feature.geometry()) if feature.hasGeometry() else None
            if geometry is not None:
                geometry.transform(transform)
            count += 1
            yield count, values, geometry

    name = os.path.basename(output)
    with staging:  # removed whatever happens; an OSError (a full disk) becomes a message naming the file
        land = control_data.dominant_land_classes(plan_path) if fmt.id == "txt" else None  # 地块用途, 地类编码
        writer = {"txt": functools.partial(write_txt, options=txt_options, land_classes=land), "csv": _write_csv,
                  "dxf": _write_dxf}.get(fmt.id, _write_ogr)
        entities = writer(staging.staged(name), fmt.id, sites(), reference, encoding, checker, producer)
        if fmt.id in _OGR_DRIVERS or fmt.id == "dxf":  # read back before it replaces anything: all must be in it
            staging.expect(name, entities if fmt.id == "dxf" else count)
        files = staging.commit()
    if progress is not None:
        progress(100.0)
    return ExportResult(output, count, files, checker.issues)


def _label(values: Dict[str, object], index: int) -> str:
    return site_label(values.get("name"), values.get("project_code"), index)


def _write_ogr(path, format_id, sites, reference, encoding, checker: _Checker, producer) -> None:
    fields = site_fields(format_id)
    # (the KML driver takes each placemark's name from the field called "name")
    layer_name = schema.SITES.title_zh if format_id == "kml" else schema.SITES.table
    out = OgrOut(path, format_id, fields, reference, layer_name, encoding, schema.SITES.title_zh)
    names = {spec.name: out_field.name for spec, out_field in zip(schema.SITES.fields, fields)}
    try:
        for index, values, geometry in sites:
            row = {}
            label = _label(values, index)
            for spec in schema.SITES.fields:
                value = values[spec.name]
                if spec.kind == "text":
                    value = checker.text(label, names[spec.name], value, index)
                row[names[spec.name]] = value
            out.add(row, geometry)
    finally:
        out.close()
    if format_id == "shp" and encoding == enc.GB18030:
        _mark_dbf_gbk(path)


def _mark_dbf_gbk(shp_path: str) -> None:
    """Also declare GBK in the DBF header's code-page byte (0x4D), for programs that ignore the .cpg file."""
    dbf = os.path.splitext(shp_path)[0] + ".dbf"
    with open(dbf, "r+b") as handle:
        handle.seek(29)
        handle.write(bytes([0x4D]))


def csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return neutralise(str(value))  # a name such as =HYPERLINK(…) from a third party must not run in Excel


def _write_csv(path, format_id, sites, reference, encoding, checker: _Checker, producer) -> None:
    codec = "utf-8-sig" if encoding == enc.UTF8 else "gbk"
    with open(path, "w", encoding=codec, errors="replace", newline="") as handle:
        writer = csvwkt.writer(handle)
        writer.writerow(["WKT"] + [spec.name for spec in schema.SITES.fields])
        for index, values, geometry in sites:
            row = [geometry.asWkt(6) if geometry is not None else ""]
            label = _label(values, index)
            for spec in schema.SITES.fields:
                value = values[spec.name]
                if spec.kind == "text":
                    value = checker.text(label, spec.name, value, index)
                row.append(csv_value(value))
            writer.writerow(row)
    _write_prj(path, reference)


@gdal_quiet
def _write_prj(path: str, reference: QgsCoordinateReferenceSystem) -> None:
    srs = osr.SpatialReference()
    if reference.authid().upper().startswith("EPSG:"):
        srs.ImportFromEPSG(int(reference.authid().split(":")[1]))
    else:
        srs.ImportFromWkt(reference.toWkt())
    srs.MorphToESRI()
    with open(os.path.splitext(path)[0] + ".prj", "w", encoding="ascii") as handle:
        handle.write(srs.ExportToWkt())


def _write_dxf(path, format_id, sites, reference, encoding, checker: _Checker, producer) -> int:
    """Returns the number of CAD entities written (outlines and labels)."""
    writer = dxf.DxfWriter(path)
    try:
        for _index, values, geometry in sites:
            if geometry is None or geometry.isEmpty():
                continue
            writer.add(geometry, str(values.get("project_type") or "0"), values.get("name"), values.get("project_code"))
    finally:
        writer.close()
    return writer.entities


def _dbf_names(names: Sequence[str]) -> Dict[str, str]:
    """Unique DBF field names of at most 10 UTF-8 bytes, cut on a character boundary (names already short stay)."""
    result: Dict[str, str] = {}
    used = set()
    for name in names:
        short = name
        while len(short.encode("utf-8")) > 10:
            short = short[:-1]
        candidate, number = short, 1
        while candidate.upper() in used:
            suffix = f"_{number}"
            stem = short
            while len((stem + suffix).encode("utf-8")) > 10:
                stem = stem[:-1]
            candidate, number = stem + suffix, number + 1
        used.add(candidate.upper())
        result[name] = candidate
    return result
