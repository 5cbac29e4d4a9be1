"""Tables a plan gains when a feature is first used (control-layer imports, merged reviews), written with GDAL
inside the caller's transaction: made once from their specs, rows inserted from plain dicts.

Kept out of :mod:`.schema`'s migrated tables on purpose: a plan without control layers or reviews stays as it was.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from osgeo import gdal, ogr, osr
from qgis.core import QgsGeometry

from ..support.errors import PlanFileError
from ..support.gdalutil import FieldIndexes, qgis_to_ogr, set_field
from ..support.i18n import tr
from . import gpkg, schema

LAYER_OPTIONS = ["FID=fid", "GEOMETRY_NAME=geom"]


def ensure_tables(dataset, specs: Sequence[schema.LayerSpec]) -> None:
    """Create each table of ``specs`` that ``dataset`` lacks (MultiPolygon in the plan's CRS, or no geometry)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(int(schema.STORAGE_CRS.split(":")[1]))
    for spec in specs:
        if dataset.GetLayerByName(spec.table) is not None:
            continue
        geometry = ogr.wkbMultiPolygon if spec.geometry else ogr.wkbNone
        options = LAYER_OPTIONS + [f"IDENTIFIER={spec.title_zh}", f"DESCRIPTION={spec.title_en}"]
        layer = dataset.CreateLayer(spec.table, srs if spec.geometry else None, geometry, options)
        if layer is None or any(layer.CreateField(gpkg.ogr_field(f)) != 0 for f in spec.fields):
            raise PlanFileError(tr("Cannot create the table {table}: {error}").format(
                table=spec.table, error=gdal.GetLastErrorMsg()))


def fill(feature: ogr.Feature, indexes: FieldIndexes, values: Mapping[str, object]) -> None:
    """Set ``values`` on ``feature``; the key ``geometry`` takes a QgsGeometry (a null one is left unset)."""
    for name, value in values.items():
        if name == "geometry":
            if isinstance(value, QgsGeometry) and not value.isNull():
                feature.SetGeometry(qgis_to_ogr(value))
        else:
            set_field(feature, indexes[name], value)


def insert(dataset, spec: schema.LayerSpec, values: Mapping[str, object]) -> None:
    """One row into ``spec``'s table; a refused write raises PlanFileError naming the table."""
    layer = dataset.GetLayerByName(spec.table)
    feature = ogr.Feature(layer.GetLayerDefn())
    fill(feature, FieldIndexes(layer.GetLayerDefn()), values)
    gdal.ErrorReset()
    if layer.CreateFeature(feature) != 0:
        raise PlanFileError(tr("Cannot write to {table}: {error}").format(
            table=spec.table, error=gdal.GetLastErrorMsg()))
