"""One streaming reader over every import format.

A :class:`Source` tells its fields, the CRS its file declares, its encoding (with how that was found), its
extent and feature count, and yields :class:`SourceFeature` objects one at a time: a file of any size is never
held in memory (DXF excepted: its polygons are built from the whole drawing). Features carry their 1-based
position and a label for messages (“feature 12”, “row 12 (line 13)”, “parcel 3 “名称” (line 40)”); a feature
that cannot be read carries a ``problem`` instead of a geometry. A file that cannot be read at all raises
InvalidInputError naming the file and the reason, before anything is changed.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from osgeo import gdal, ogr, osr
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsRectangle

from ..store import schema
from ..support import formatting
from ..support.errors import InvalidInputError
from ..support.gdalutil import gdal_quiet, ogr_to_qgis, quiet_gdal, shape_encoding
from ..support.i18n import tr
from . import encoding, formats
from .bounds import Bounds

#: Field kinds of a source; the mapping converts values by the kind of the site field, not of the source.
_OGR_KINDS = {ogr.OFTString: "text", ogr.OFTInteger: "int", ogr.OFTInteger64: "int", ogr.OFTReal: "real",
              ogr.OFTDate: "date", ogr.OFTDateTime: "datetime", ogr.OFTTime: "text"}
_NOT_AREAS = {ogr.wkbPoint, ogr.wkbMultiPoint, ogr.wkbLineString, ogr.wkbMultiLineString}
#: Features read to recognise the coordinate system of a file without a spatial index (CSV, TXT).
EXTENT_SAMPLE = 2000


def count_lines(path: str, ending: bytes = b"") -> int:
    """Lines of a text file (those ending in ``ending``, blanks ignored), counted on the bytes: fast on any size."""
    count = 0
    with open(path, "rb") as handle:
        if not ending:
            data = handle.read(1 << 20)
            while data:
                count += data.count(b"\n")
                data = handle.read(1 << 20)
            return count
        for line in handle:
            if line.rstrip().endswith(ending):
                count += 1
    return count


@dataclass(frozen=True)
class SourceField:
    name: str
    kind: str  # text | int | real | date | datetime


@dataclass
class SourceFeature:
    index: int  # 1-based position in the source
    label: str  # translated: how messages name it
    attributes: Dict[str, object]
    geometry: Optional[QgsGeometry]  # in the source's coordinates, as read
    problem: Optional[str] = None  # translated: why it cannot be read (then it is rejected)


def _box(extent: Tuple[float, float, float, float]) -> QgsRectangle:
    return QgsRectangle(extent[0], extent[2], extent[1], extent[3])


@gdal_quiet
def qgis_crs(srs) -> Optional[QgsCoordinateReferenceSystem]:
    """An OGR spatial reference as a QGIS CRS, by its EPSG code where one is recognised (ESRI names included)."""
    if srs is None or (srs.GetName() or "").startswith("Undefined"):  # GeoPackage srs_id 0 / -1: none
        return None
    candidate = srs.Clone()
    code = None
    if candidate.AutoIdentifyEPSG() == 0:
        code = candidate.GetAuthorityCode(None)
    if code is None:
        matches = candidate.FindMatches() or []
        if matches and matches[0][1] >= 90:
            code = matches[0][0].GetAuthorityCode(None)
    if code:
        reference = QgsCoordinateReferenceSystem(f"EPSG:{code}")
        if reference.isValid():
            return reference
    reference = QgsCoordinateReferenceSystem.fromWkt(srs.ExportToWkt())
    return reference if reference.isValid() else None


def prj_crs(path: str) -> Optional[QgsCoordinateReferenceSystem]:
    """The CRS of a ``.prj`` file beside ``path``."""
    prj = formats.sidecar(path, ".prj")
    if prj is None:
        return None
    srs = osr.SpatialReference()
    with open(prj, "rb") as handle:
        text = handle.read().decode("utf-8", errors="ignore")
    with quiet_gdal():
        if srs.SetFromUserInput(text) != 0:
            return None
    return qgis_crs(srs)


class Source:
    """The interface every reader implements."""

    format_id = ""

    def __init__(self, path: str, guess: encoding.EncodingGuess):
        self.path = path
        self.encoding = guess
        self.layer: Optional[str] = None
        self.fields: List[SourceField] = []
        self.declared_crs: Optional[QgsCoordinateReferenceSystem] = None
        self.crs_by = "file"  # 'file' or 'header'
        self.notes: List[str] = []  # translated remarks about the file as a whole

    def field_names(self) -> List[str]:
        return [f.name for f in self.fields]

    def count(self) -> Optional[int]:
        return None

    def extent(self) -> Optional[QgsRectangle]:
        """The extent of the first features' raw coordinates: enough to recognise the coordinate system (a
        feature elsewhere is caught on its own during the import) without reading a large file twice."""
        bounds = Bounds()
        for number, feature in enumerate(self.features()):
            if number >= EXTENT_SAMPLE:
                break
            if feature.geometry is not None and not feature.geometry.isEmpty():
                bounds.add_rectangle(feature.geometry.boundingBox())
        return bounds.rectangle()

    def features(self) -> Iterator[SourceFeature]:
        raise NotImplementedError

    def sample(self, size: int = 20) -> List[SourceFeature]:
        found = []
        for feature in self.features():
            found.append(feature)
            if len(found) >= size:
                break
        return found

    def close(self) -> None:
        pass


# --- OGR formats: GeoPackage, Shapefile, GeoJSON, KML ------------------------------------------------------------

class OgrSource(Source):
    def __init__(self, path: str, format_id: str, guess: encoding.EncodingGuess, layer: Optional[str] = None):
        super().__init__(path, guess)
        self.format_id = format_id
        self._memory: Optional[str] = None
        self._dataset = self._open()
        self._layers = self._choose_layers(layer)
        self.layer = ", ".join(lyr.GetName() for lyr in self._layers)
        self._read_fields()
        srs = self._layers[0].GetSpatialRef()
        self.declared_crs = qgis_crs(srs)

    def _open(self):
        options = []
        source = self.path
        if self.format_id == "shp":
            options.append(f"ENCODING={encoding.gdal_name(self.encoding.encoding)}")
        if self.format_id == "geojson" and self.encoding.encoding != encoding.UTF8:
            # OGR reads GeoJSON as UTF-8 only: hand it a UTF-8 copy in memory
            with open(self.path, "rb") as handle:
                text = handle.read().decode(encoding.python_codec(self.encoding.encoding), errors="replace")
            self._memory = source = f"/vsimem/pingcheng-{uuid.uuid4().hex}.geojson"
            gdal.FileFromMemBuffer(source, text.encode("utf-8"))
        with quiet_gdal(), shape_encoding(encoding.gdal_name(self.encoding.encoding)):
            gdal.ErrorReset()
            dataset = gdal.OpenEx(source, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=options)
            error = gdal.GetLastErrorMsg()
        if dataset is None:
            raise InvalidInputError(tr("{path} cannot be read: {error}. The file may be damaged, truncated or not "
                                       "a {format} file.").format(path=self.path, error=error or tr("unknown error"),
                                                                  format=tr(formats.get(self.format_id).label)))
        return dataset

    def _choose_layers(self, wanted: Optional[str]):
        layers = [self._dataset.GetLayer(i) for i in range(self._dataset.GetLayerCount())]
        names = [lyr.GetName() for lyr in layers]
        if wanted:
            for lyr in layers:
                if lyr.GetName() == wanted:
                    return [lyr]
            raise InvalidInputError(tr("{path} has no layer “{layer}”; its layers are: {layers}.").format(
                path=self.path, layer=wanted, layers=formatting.joined(names) or tr("none")))
        if schema.SITES.table in names:  # another plan GeoPackage: its sites
            return [layers[names.index(schema.SITES.table)]]
        with quiet_gdal():
            counted = [(lyr, lyr.GetFeatureCount()) for lyr in layers]
        areas = [lyr for lyr, count in counted if count != 0
                 and ogr.GT_Flatten(lyr.GetGeomType()) not in _NOT_AREAS and lyr.GetGeomType() != ogr.wkbNone]
        if not areas:
            if any(count for _lyr, count in counted):
                raise InvalidInputError(tr("{path} has no polygon layer: its layers hold points, lines or no "
                                           "geometry ({layers}).").format(path=self.path,
                                                                          layers=formatting.joined(names)))
            raise InvalidInputError(tr("{path} contains no features (the layer is empty).").format(path=self.path))
        if len(areas) > 1 and self.format_id != "kml":  # KML folders are merged; other formats: ask
            raise InvalidInputError(tr("{path} has several polygon layers ({layers}); choose one.").format(
                path=self.path, layers=formatting.joined(lyr.GetName() for lyr in areas)))
        return areas

    def _read_fields(self) -> None:
        seen: Dict[str, SourceField] = {}
        for lyr in self._layers:
            definition = lyr.GetLayerDefn()
            for i in range(definition.GetFieldCount()):
                field = definition.GetFieldDefn(i)
                kind = _OGR_KINDS.get(field.GetType())
                name = encoding.readable(field.GetName())
                if kind and name not in seen:
                    if field.GetType() == ogr.OFTInteger and field.GetSubType() == ogr.OFSTBoolean:
                        kind = "int"
                    seen[name] = SourceField(name, kind)
        self.fields = list(seen.values())

    def count(self) -> Optional[int]:
        with quiet_gdal():
            counts = [lyr.GetFeatureCount() for lyr in self._layers]
        return None if any(c < 0 for c in counts) else sum(counts)

    def extent(self) -> Optional[QgsRectangle]:
        bounds = Bounds()
        with quiet_gdal():
            for lyr in self._layers:
                try:
                    extent = lyr.GetExtent(force=1, can_return_null=True)
                except RuntimeError:
                    extent = None
                if extent:
                    bounds.add_rectangle(_box(extent))
        return bounds.rectangle()

    def features(self) -> Iterator[SourceFeature]:
        index = 0
        names = self.field_names()
        label = tr("feature {number}")  # translated once, not once per feature
        for lyr in self._layers:
            lyr.ResetReading()
            # by position: a field name GDAL could not decode is shown cleaned, which GetFieldIndex would not find
            definition = lyr.GetLayerDefn()
            positions = {encoding.readable(definition.GetFieldDefn(i).GetName()): i
                         for i in range(definition.GetFieldCount())}
            wanted = [(name, positions[name], _getter(definition.GetFieldDefn(positions[name])))
                      for name in names if name in positions]
            empty = dict.fromkeys(names)  # every name, in order; a field this layer lacks stays None
            ended = False
            while not ended:
                # features are fetched 256 under one quiet block (entering one per feature cost a second at
                # 100,000), and handed on outside it, each checked for a read error as before
                batch, error = [], None
                with quiet_gdal():
                    while len(batch) < 256:
                        gdal.ErrorReset()
                        feature = lyr.GetNextFeature()
                        if gdal.GetLastErrorType() >= gdal.CE_Failure:
                            error = gdal.GetLastErrorMsg()
                            break
                        if feature is None:
                            ended = True
                            break
                        batch.append(feature)
                yield from self._converted(batch, index, label, wanted, empty)
                index += len(batch)
                if error is not None:
                    raise InvalidInputError(tr("{path} is damaged or truncated: reading stopped at feature {number} "
                                               "({error}).").format(path=self.path, number=index + 1, error=error))

    @staticmethod
    def _converted(batch: List[ogr.Feature], index: int, label: str, wanted: List[Tuple], empty: Dict[str, None]
                   ) -> Iterator[SourceFeature]:
        for feature in batch:
            index += 1
            attributes = dict(empty)
            for name, position, get in wanted:
                value = get(feature, position) if feature.IsFieldSetAndNotNull(position) else None
                attributes[name] = encoding.readable(value) if isinstance(value, str) else value
            geometry_ref = feature.GetGeometryRef()
            geometry = ogr_to_qgis(geometry_ref) if geometry_ref is not None else None
            yield SourceFeature(index, label.format(number=index), attributes, geometry)

    def close(self) -> None:
        self._layers = []
        self._dataset = None
        if self._memory:
            gdal.Unlink(self._memory)
            self._memory = None


def _getter(field: ogr.FieldDefn) -> Callable[[ogr.Feature, int], object]:
    """What ``Feature.GetField`` returns for a set, non-null field of this definition, chosen once per field
    rather than by GetField per value (800,000 calls, each checking the field's type again, at 100,000 sites)."""
    kind = field.GetType()
    if kind == ogr.OFTInteger:
        if field.GetSubType() == ogr.OFSTBoolean:
            return lambda feature, i: bool(feature.GetFieldAsInteger(i))
        return ogr.Feature.GetFieldAsInteger
    if kind == ogr.OFTInteger64:
        return ogr.Feature.GetFieldAsInteger64
    if kind == ogr.OFTReal:
        return ogr.Feature.GetFieldAsDouble
    if kind == ogr.OFTString:
        return _string
    return ogr.Feature.GetField


def _string(feature: ogr.Feature, i: int) -> object:
    try:
        return feature.GetFieldAsString(i)
    except (UnicodeDecodeError, RuntimeError):  # as GetField: text that is not UTF-8 comes back as bytes
        return feature.GetFieldAsBinary(i)


def list_layers(path: str) -> List[Tuple[str, int]]:
    """(name, feature count) of every layer of a multi-layer file, for the GUI's layer choice."""
    with quiet_gdal():
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
        if dataset is None:
            return []
        layers = [dataset.GetLayer(i) for i in range(dataset.GetLayerCount())]
        return [(lyr.GetName(), lyr.GetFeatureCount()) for lyr in layers
                if ogr.GT_Flatten(lyr.GetGeomType()) not in _NOT_AREAS and lyr.GetGeomType() != ogr.wkbNone]


# --- DXF ----------------------------------------------------------------------------------------------------

# --- opening ------------------------------------------------------------------------------------------------

@gdal_quiet
def open_source(path: str, user_encoding: str = encoding.AUTO, layer: Optional[str] = None,
                format_id: Optional[str] = None) -> Source:
    """A reader for ``path`` (its format from the extension unless given), with the encoding detected or chosen."""
    if not path or not os.path.isfile(path):
        raise InvalidInputError(tr("The file {path} does not exist.").format(path=path))
    if os.path.getsize(path) == 0:
        raise InvalidInputError(tr("{path} is empty (0 bytes).").format(path=path))
    fmt = formats.get(format_id) if format_id else formats.for_path(path)
    if fmt.id == "shp" and path.lower().endswith(".dbf"):
        path = os.path.splitext(path)[0] + ".shp"
        if not os.path.exists(path):
            raise InvalidInputError(tr("The Shapefile {path} is missing its .shp part.").format(path=path))
    if fmt.id == "shp" and formats.sidecar(path, ".dbf") is None:
        # OGR reads the geometry alone and every site would be rejected as nameless: say what is really wrong
        raise InvalidInputError(tr("The Shapefile {path} has no .dbf file beside it ({dbf}), so its attributes "
                                   "(names, types, years) are missing. Copy the .dbf together with the .shp and "
                                   ".shx and import again.").format(
            path=path, dbf=os.path.basename(os.path.splitext(path)[0] + ".dbf")))
    guess = encoding.for_path(path, fmt.id, user_encoding)
    from .own_parsers import CsvSource, DxfSource, TxtSource  # here: they build on this module's Source

    if fmt.id == "dxf":
        source: Source = DxfSource(path, guess)
    elif fmt.id == "csv":
        source = CsvSource(path, guess)
    elif fmt.id == "txt":
        source = TxtSource(path, guess)
    else:
        source = OgrSource(path, fmt.id, guess, layer)
    if source.count() == 0:
        source.close()
        raise InvalidInputError(tr("{path} contains no features (the layer is empty).").format(path=path))
    return source
