"""One site from several features: a CAD drawing draws a site as several closed polylines on one layer (two
separate fields, a pond cut out as a hole), other files repeat a key field on each part. Features whose group
field holds the same value are one multi-part site: all their rings are nested by containment (even-odd: a ring
inside one outer ring is a hole, inside a hole an island), and separate outer rings become the parts of one
multipolygon.

DXF groups by ``Layer`` unless told otherwise; polygons on one CAD layer that are labelled with different project
codes or names stay apart (the plugin's own DXF export puts every site of a type on one layer, each part
labelled), so only unlabelled outlines, or outlines with the same label, are joined. Other formats group only when
a field is named.
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple

from qgis.core import QgsGeometry, QgsWkbTypes

from ..support.errors import InvalidInputError
from ..support.i18n import tr
from .geometry import nest_rings
from .readers import Source, SourceFeature

#: GROUP_BY's value for "each feature is a site", also for DXF.
NO_GROUPING = "none"
#: The group field when none is named: DXF draws a site's outlines on one CAD layer.
DEFAULT_FIELD = {"dxf": "Layer"}


def group_field(source: Source, requested: Optional[str]) -> Optional[str]:
    """The field that groups ``source``'s features, or None; InvalidInputError for a field the file lacks."""
    wanted = (requested or "").strip()
    if not wanted:
        return DEFAULT_FIELD.get(source.format_id)
    if wanted.lower() == NO_GROUPING and wanted not in source.field_names():
        return None
    if wanted not in source.field_names():
        raise InvalidInputError(tr("{path} has no field “{field}” to group features by; its fields are {fields} "
                                   "(or “{none}” for one site per feature).").format(
            path=source.path, field=wanted, fields=", ".join(source.field_names()), none=NO_GROUPING))
    return wanted


def _value(feature: SourceFeature, field: str) -> Optional[str]:
    value = feature.attributes.get(field)
    return None if value is None or str(value).strip() in ("", "NULL") else str(value)


def _label(feature: SourceFeature) -> str:
    return str(feature.attributes.get("Code") or feature.attributes.get("Text") or "")


def _polygonal(feature: SourceFeature) -> bool:
    geometry = feature.geometry
    return geometry is not None and not geometry.isEmpty() and feature.problem is None and \
        geometry.type() == QgsWkbTypes.PolygonGeometry


def joined_geometry(geometries: List[QgsGeometry]) -> QgsGeometry:
    """Every ring of ``geometries`` nested by containment (even-odd) into one (multi)polygon."""
    rings = []
    for geometry in geometries:
        for polygon in (geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]):
            rings.extend(polygon)
    return QgsGeometry.fromMultiPolygonXY(nest_rings(rings))


class GroupedSource(Source):
    """``inner``'s features with those of one group joined into one; everything else as ``inner`` has it."""

    def __init__(self, inner: Source, field: str):
        super().__init__(inner.path, inner.encoding)
        self.format_id = inner.format_id
        self.layer, self.fields, self.crs_by = inner.layer, inner.fields, inner.crs_by
        self.declared_crs = inner.declared_crs
        self.notes = list(inner.notes)
        self.inner = inner
        self.field = field
        self._features: List[SourceFeature] = []
        read, joined = self._group()
        if read != len(joined):
            self.notes.append(tr("{read} features were joined into {sites} sites: features with the same “{field}” "
                                 "are the parts of one site.").format(read=read, sites=len(joined), field=field))

    def _group(self) -> Tuple[int, List[SourceFeature]]:
        features = list(self.inner.features())
        # DXF: outlines labelled differently on one CAD layer are different sites; an unlabelled outline belongs
        # to the layer's site when the layer has one label only
        labels: Dict[str, set] = {}
        if self.format_id == "dxf":
            for feature in features:
                if _value(feature, self.field) is not None and _label(feature):
                    labels.setdefault(_value(feature, self.field), set()).add(_label(feature))
        groups: Dict[Tuple, List[SourceFeature]] = {}
        order: List[object] = []  # a group key, or a feature standing alone
        for feature in features:
            value = _value(feature, self.field) if _polygonal(feature) else None
            key = None
            if value is not None:
                only = labels.get(value, set())
                own = _label(feature) if self.format_id == "dxf" else ""
                key = (value, own or (next(iter(only)) if len(only) == 1 else ""))
            if key is None:
                order.append(feature)
                continue
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(feature)
        self._features = [item if isinstance(item, SourceFeature) else self._joined(groups[item]) for item in order]
        return len(features), self._features

    def _joined(self, members: List[SourceFeature]) -> SourceFeature:
        first = members[0]
        if len(members) == 1:
            return first
        attributes = dict(first.attributes)
        for name, value in attributes.items():  # a value any part carries (a name written on one part only)
            if value is None or str(value).strip() in ("", "NULL"):
                attributes[name] = next((m.attributes.get(name) for m in members if _value(m, name)), value)
        if self.format_id == "dxf":  # every name written beside any of the outlines
            texts = [str(m.attributes.get("Text")) for m in members if m.attributes.get("Text")]
            attributes["Text"] = ";".join(dict.fromkeys(t for text in texts for t in text.split(";"))) or None
        label = tr("features {numbers} (the same “{field}”: {value})").format(
            numbers=", ".join(str(m.index) for m in members), field=self.field, value=first.attributes[self.field])
        return SourceFeature(first.index, label, attributes, joined_geometry([m.geometry for m in members]))

    def count(self) -> Optional[int]:
        return len(self._features)

    def features(self) -> Iterator[SourceFeature]:
        for feature in self._features:
            yield SourceFeature(feature.index, feature.label, dict(feature.attributes),
                                QgsGeometry(feature.geometry) if feature.geometry is not None else None,
                                feature.problem)

    def close(self) -> None:
        self.inner.close()


def grouped(source: Source, requested: Optional[str]) -> Source:
    """``source`` with its features grouped by ``requested`` (None/empty: the format's default)."""
    field = group_field(source, requested)
    return source if field is None else GroupedSource(source, field)
