"""The base layers of a review package: the plan's 底图 group, carried to the field so the package works offline.

File-based layers are cut to the packed sites' extent plus :data:`MARGIN_M`: vector features that reach into that
window are copied whole (a township polygon keeps its name and area) into ``base/base.gpkg``, one table per
layer; rasters are cut to the window with ``gdal.Translate`` into ``base/*.tif``. Both go into the package
project's 底图 group with their styles, by paths relative to the package folder. Web layers (WMS/WMTS/XYZ, a
database) are kept as they are and named in a warning, since they need a network in the field; a base file that
is missing is a warning too, and the package goes without it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import List, Optional

from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsMapLayer,
    QgsProject,
    QgsProviderRegistry,
    QgsRasterLayer,
    QgsRectangle,
)

from ..store import base_group, schema
from ..store.plan_project import project_uri, relinked
from ..support import compat
from ..support.errors import ExportError
from ..support.i18n import tr

#: Around the packed sites, in metres: enough base for a reviewer to find the way to a site's edge.
MARGIN_M = 500.0
FOLDER = "base"
GPKG_NAME = "base.gpkg"
_FILE_PROVIDERS = ("ogr", "gdal")


@dataclass
class PackedBase:
    """The base layers for the package project (sources inside the package folder, or the web ones as they
    were), top first, and what the user should know about them."""

    layers: List[base_group.KeptLayer] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)


def sites_window(package_gpkg: str, table: str = schema.SITES.table) -> QgsRectangle:
    """The extent of the packed sites (storage CRS) grown by :data:`MARGIN_M` on every side."""
    with compat.gdal_error_codes():
        dataset = ogr.Open(package_gpkg)
        layer = dataset.GetLayerByName(table) if dataset is not None else None
        if layer is None:
            raise ExportError(tr("The review package {path} has no table {table}.").format(
                path=package_gpkg, table=table))
        xmin, xmax, ymin, ymax = layer.GetExtent()
        dataset = None
    return QgsRectangle(xmin - MARGIN_M, ymin - MARGIN_M, xmax + MARGIN_M, ymax + MARGIN_M)


def pack_base_layers(plan: str, folder: str, window: QgsRectangle) -> PackedBase:
    """Copy the 底图 group of the project stored in ``plan`` into ``folder`` (the package being built), cut to
    ``window`` (storage CRS)."""
    packed = PackedBase()
    project = QgsProject()
    try:
        with relinked(plan):
            if not project.read(project_uri(plan)):
                return packed  # no stored project: no base group
        group = base_group.base_group(project)
        if group is None:
            return packed
        storage = QgsCoordinateReferenceSystem(schema.STORAGE_CRS)
        for index, node in enumerate(group.findLayers(), start=1):
            layer = node.layer()
            if layer is None:
                continue
            kept = base_group.keep(layer)
            path = _local_file(layer)
            if path is None:  # a web service or a database: as it is, with a word to the user
                packed.layers.append(kept)
                packed.warnings.append(tr("Base layer “{name}” is a web or database layer ({provider}); it is kept "
                                          "as it is and needs a network in the field.").format(
                    name=layer.name(), provider=layer.providerType()))
                continue
            if not os.path.exists(path) or not layer.isValid():
                packed.warnings.append(tr("Base layer “{name}”: its file {path} is missing or unreadable; the "
                                          "package goes without it.").format(name=layer.name(), path=path))
                continue
            cut = _cut(layer, path, folder, f"base_{index:02d}", window, storage)
            if cut is None:
                packed.warnings.append(tr("Base layer “{name}” has nothing within {margin} m of the packed "
                                          "sites; the package goes without it.").format(
                    name=layer.name(), margin=int(MARGIN_M)))
                continue
            packed.layers.append(replace(kept, source=cut))
        return packed
    finally:
        project.clear()


def _local_file(layer: QgsMapLayer) -> Optional[str]:
    """The file behind a file-based OGR/GDAL layer; None for anything else (web, database, /vsicurl/)."""
    if layer.providerType() not in _FILE_PROVIDERS:
        return None
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path") or ""
    if not path or "://" in path or path.startswith("/vsi"):
        return None
    return path


def _cut(layer: QgsMapLayer, path: str, folder: str, name: str, window: QgsRectangle,
         storage: QgsCoordinateReferenceSystem) -> Optional[str]:
    """Write ``layer`` cut to ``window`` into the package; its new source, or None when nothing is inside."""
    target = os.path.join(folder, FOLDER)
    os.makedirs(target, exist_ok=True)
    with compat.gdal_error_codes():
        if isinstance(layer, QgsRasterLayer):
            return _cut_raster(layer, path, os.path.join(target, name + ".tif"), window, storage)
        return _cut_vector(layer, path, os.path.join(target, GPKG_NAME), name, window)


def _cut_vector(layer: QgsMapLayer, path: str, gpkg: str, table: str, window: QgsRectangle) -> Optional[str]:
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    source = gdal.OpenEx(path, gdal.OF_VECTOR)
    if source is None:
        raise ExportError(tr("Base layer “{name}”: {path} cannot be read: {error}").format(
            name=layer.name(), path=path, error=gdal.GetLastErrorMsg()))
    source_layer = (source.GetLayerByName(parts["layerName"]) if parts.get("layerName")
                    else source.GetLayer(int(parts.get("layerId") or 0)))
    if source_layer is None:
        raise ExportError(tr("Base layer “{name}”: {path} has no such layer.").format(name=layer.name(), path=path))
    options = gdal.VectorTranslateOptions(
        format="GPKG", accessMode="update" if os.path.exists(gpkg) else None,
        layers=[source_layer.GetName()], layerName=table, where=parts.get("subset") or None,
        # the window given in the storage CRS: GDAL turns it into the layer's own CRS
        spatFilter=[window.xMinimum(), window.yMinimum(), window.xMaximum(), window.yMaximum()],
        spatSRS=schema.STORAGE_CRS, layerCreationOptions=[f"IDENTIFIER={layer.name()}"])
    written = gdal.VectorTranslate(gpkg, source, options=options)
    if written is None:
        raise ExportError(tr("Base layer “{name}” cannot be copied into the review package: {error}").format(
            name=layer.name(), error=gdal.GetLastErrorMsg()))
    count = written.GetLayerByName(table).GetFeatureCount()
    if count == 0:  # nothing near the sites: no empty table left behind
        for index in range(written.GetLayerCount()):
            if written.GetLayer(index).GetName() == table:
                written.DeleteLayer(index)
                break
    written = source = None
    if count == 0:
        return None
    return QgsProviderRegistry.instance().encodeUri("ogr", {"path": gpkg, "layerName": table})


def _cut_raster(layer: QgsMapLayer, path: str, tif: str, window: QgsRectangle,
                storage: QgsCoordinateReferenceSystem) -> Optional[str]:
    transform = QgsCoordinateTransform(storage, layer.crs(), QgsCoordinateTransformContext())
    inside = transform.transformBoundingBox(window).intersect(layer.extent())  # the window in the image's CRS
    if inside.isEmpty() or inside.width() <= 0 or inside.height() <= 0:
        return None
    options = gdal.TranslateOptions(
        format="GTiff", projWin=[inside.xMinimum(), inside.yMaximum(), inside.xMaximum(), inside.yMinimum()],
        creationOptions=["COMPRESS=DEFLATE", "TILED=YES"])
    written = gdal.Translate(tif, path, options=options)
    if written is None:
        raise ExportError(tr("Base layer “{name}” cannot be cut into the review package: {error}").format(
            name=layer.name(), error=gdal.GetLastErrorMsg()))
    written.FlushCache()
    written = None
    return tif
