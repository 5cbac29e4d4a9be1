"""Writing feature records into a plan GeoPackage in one transaction: all of them or none."""

from __future__ import annotations

from typing import Dict, Iterable, Mapping, Union

from osgeo import gdal, ogr
from qgis.core import QgsGeometry

from ..support import compat
from ..support.errors import PlanFileError
from ..support.gdalutil import FieldIndexes, qgis_to_ogr, set_field
from ..support.i18n import tr
from . import gdal_transaction


def write_records(path: str, table: str, records: Iterable[Mapping[str, object]]) -> int:
    """Append ``records`` (dicts of field values with a QgsGeometry, or its WKB bytes, under 'geometry') to
    ``table``.

    Runs in one GDAL transaction; on any failure nothing is written and PlanFileError names the record.
    Database triggers (rules, project codes) fire as for any other client.
    """
    with compat.gdal_error_codes():
        return _write(path, table, records)


def _write(path: str, table: str, records: Iterable[Mapping[str, object]]) -> int:
    count = 0
    # one transaction: an error part-way leaves no partial write (failures named after the table)
    with gdal_transaction.writing(path, table) as dataset:
        layer = dataset.GetLayerByName(table)
        if layer is None:
            raise PlanFileError(tr("{path} has no table {table}.").format(path=path, table=table))
        definition = layer.GetLayerDefn()
        fields = FieldIndexes(definition)
        indexes: Dict[str, Union[str, int]] = {}  # fields[name] once per name, not once per value
        set_string = ogr.Feature.SetFieldString
        for record in records:
            feature = ogr.Feature(definition)
            for name, value in record.items():
                if name == "geometry":
                    if isinstance(value, bytes):  # WKB as stored (an import's spool): no QgsGeometry round trip
                        feature.SetGeometry(ogr.CreateGeometryFromWkb(value))
                        continue
                    geometry = value if isinstance(value, QgsGeometry) else None
                    if geometry is not None and not geometry.isNull():
                        feature.SetGeometry(qgis_to_ogr(geometry))
                else:
                    index = indexes.get(name)
                    if index is None:
                        index = indexes[name] = fields[name]
                    if type(value) is str and type(index) is int:
                        set_string(feature, index, value)  # what set_field does, without a call per text value
                    else:
                        set_field(feature, index, value)
            gdal.ErrorReset()
            if layer.CreateFeature(feature) != 0:
                raise PlanFileError(tr("Cannot write “{name}” to {table}: {error}").format(
                    name=record.get("name", count + 1), table=table, error=gdal.GetLastErrorMsg()))
            count += 1
    return count
