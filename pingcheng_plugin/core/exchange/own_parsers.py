"""The formats read by the plugin's own parsers rather than OGR: DXF closed polylines and hatches (:mod:`.dxf`), CSV
with a WKT column (:mod:`.csvwkt`) and the 界址点坐标 TXT (:mod:`.txt`), each as a :class:`.readers.Source`."""

from __future__ import annotations

from typing import Iterator, List, Optional

from qgis.core import QgsGeometry, QgsRectangle

from ..support import formatting
from ..support.i18n import tr
from . import csvwkt, dxf, encoding, txt
from .readers import EXTENT_SAMPLE, Source, SourceFeature, SourceField, count_lines, prj_crs


class DxfSource(Source):
    format_id = "dxf"

    def __init__(self, path: str, guess: encoding.EncodingGuess):
        super().__init__(path, guess)
        self._content = dxf.read(path, guess.encoding)
        self.fields = [SourceField(name, "text") for name in dxf.FIELDS]
        if self._content.ignored:
            self.notes.append(tr("Not imported from the drawing: {what}. Only closed polylines and hatches become "
                                 "sites.").format(what=formatting.joined(f"{count} {kind}" for kind, count in
                                                                  sorted(self._content.ignored.items()))))
        self.declared_crs = prj_crs(path)

    def count(self) -> Optional[int]:
        return len(self._content.features)

    def features(self) -> Iterator[SourceFeature]:
        for index, (attributes, geometry) in enumerate(self._content.features, start=1):
            yield SourceFeature(index, tr("polygon {number} (handle {handle})").format(
                number=index, handle=attributes.get("Handle") or "?"), dict(attributes), QgsGeometry(geometry))


# --- CSV ----------------------------------------------------------------------------------------------------

class CsvSource(Source):
    format_id = "csv"

    def __init__(self, path: str, guess: encoding.EncodingGuess):
        super().__init__(path, guess)
        self._reader = csvwkt.CsvReader(path, guess.encoding)
        self.fields = [SourceField(name, "text") for name in self._reader.fields]
        self.declared_crs = prj_crs(path)
        self._count = None

    def count(self) -> Optional[int]:
        """Data rows, for progress (a quoted value spanning lines counts twice); 0 for a header alone."""
        if self._count is None:
            self._count = 0 if not self.sample(1) else max(1, count_lines(self.path) - 1)
        return self._count

    def features(self) -> Iterator[SourceFeature]:
        for index, (line, attributes, geometry, problem) in enumerate(self._reader.rows(), start=1):
            yield SourceFeature(index, tr("row {number} (line {line})").format(number=index, line=line), attributes,
                                geometry, problem)


# --- 界址点坐标 TXT ----------------------------------------------------------------------------------------------

class TxtSource(Source):
    format_id = "txt"

    def __init__(self, path: str, guess: encoding.EncodingGuess):
        super().__init__(path, guess)
        self.header = txt.read_header(path, guess.encoding)
        self.fields = [SourceField(name, "real" if name == "地块面积" else "int" if name == "界址点数" else "text")
                       for name in txt.PARCEL_FIELDS]
        self._extent, sampled = txt.scan(path, guess.encoding, EXTENT_SAMPLE)
        # header lines end in '@' (a few writers drop it: then the parcels read so far are the best count)
        self._count = max(count_lines(path, b"@"), sampled)
        easting = self._extent.xMinimum() if self._extent is not None else None
        self.declared_crs, notes = txt.header_crs(self.header, easting)
        self.notes += notes
        self.crs_by = "header"
        extra = [s for s in self.header.sections if s != txt.HEADER_SECTION]
        if extra:
            self.notes.append(tr("Sections read but not used: {sections}.").format(
                sections=formatting.joined(f"[{s}]" for s in extra)))

    def extent(self) -> Optional[QgsRectangle]:
        return self._extent

    def count(self) -> Optional[int]:
        return self._count

    def features(self) -> Iterator[SourceFeature]:
        """One feature per site: consecutive parcels numbered X-1, X-2… (the parts of a multi-part site, one
        parcel each, as the export writes them) or with the same 地块编号 (as some programs write them) are joined,
        their stated areas added up."""
        group: List[txt.Parcel] = []
        for parcel in txt.iter_parcels(self.path, self.encoding.encoding):
            code = parcel.attributes.get("地块编号")
            first = group[0].attributes.get("地块编号") if group else None
            part = first is not None and first.endswith("-1") and code == f"{first[:-2]}-{len(group) + 1}"
            if group and (not code or code != first) and not part:
                yield self._joined(group)
                group = []
            group.append(parcel)
        if group:
            yield self._joined(group)

    @staticmethod
    def _joined(parcels: List[txt.Parcel]) -> SourceFeature:
        first = parcels[0]
        attributes = dict(first.attributes)
        stem = str(attributes.get("地块编号") or "")[:-2]
        if len(parcels) > 1 and [p.attributes.get("地块编号") for p in parcels] == [
                f"{stem}-{n}" for n in range(1, len(parcels) + 1)]:  # …: the parts of site X
            attributes["地块编号"] = stem
        problem = next((p.problem for p in parcels if p.problem), None)
        geometry = None
        if problem is None:
            parts = [polygon for p in parcels for polygon in txt.parcel_geometry(p).asMultiPolygon()]
            geometry = QgsGeometry.fromMultiPolygonXY(parts)
            areas = [p.attributes.get("地块面积") for p in parcels]
            if len(parcels) > 1 and all(isinstance(a, float) for a in areas):
                attributes["地块面积"] = sum(areas)
        return SourceFeature(first.number, first.label(), attributes, geometry, problem)
