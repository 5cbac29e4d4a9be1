"""Base layers in a review package (#20): the plan's 底图 group carried offline, cut to the packed sites.

A plan gets a user's polygon GeoPackage, a point Shapefile, a GeoTIFF, a web layer, a Shapefile far from the sites
and one that is then deleted, all through the 底图 group as *Add base layer…* puts them there. The package is
prepared through Processing, moved, and its review.qgz opened in a fresh QgsProject; the copies are checked against
QGIS's own native:extractbyextent on the originals and against the original raster's pixels read with GDAL."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsProcessingFeedback, QgsProject, QgsRasterLayer, QgsVectorLayer

from pingcheng_plugin.core.store import plan_project
from tests.helpers import sql
from tests.test_review import SITES, _geometry

MARGIN = 500.0  # the margin the feature promises around the packed sites (README)
PIXEL = 50.0
XYZ = "type=xyz&url=https://tiles.example.invalid/{z}/{x}/{y}.png&zmax=18&zmin=0"


def _srs() -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    return srs


def _vector(path, driver, geometry_type, shapes) -> None:
    dataset = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    layer = dataset.CreateLayer("三调地类" if driver == "GPKG" else path.stem, _srs(), geometry_type)
    layer.CreateField(ogr.FieldDefn("dlmc", ogr.OFTString))
    for number, wkt in enumerate(shapes):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("dlmc", f"地类{number}")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    dataset = None


def _grid(bounds, step):
    xmin, ymin, xmax, ymax = bounds
    return [(x, y) for x in np.arange(xmin, xmax, step) for y in np.arange(ymin, ymax, step)]


@pytest.fixture
def plan_with_base(provider, demo_plan, tmp_path):
    """The demo plan, its 底图 group holding the user's files around the three sites (20 km beyond them)."""
    window = _window(demo_plan)
    wide = (window[0] - 20000, window[1] - 20000, window[2] + 20000, window[3] + 20000)
    data = tmp_path / "底图资料"
    data.mkdir()
    squares = [f"POLYGON(({x} {y},{x + 300} {y},{x + 300} {y + 300},{x} {y + 300},{x} {y}))"
               for x, y in _grid(wide, 1700)]
    _vector(data / "三调.gpkg", "GPKG", ogr.wkbPolygon, squares)
    _vector(data / "村庄.shp", "ESRI Shapefile", ogr.wkbPoint, [f"POINT({x} {y})" for x, y in _grid(wide, 900)])
    _vector(data / "已删除.shp", "ESRI Shapefile", ogr.wkbPoint, [f"POINT({window[0]} {window[1]})"])
    _vector(data / "远处.shp", "ESRI Shapefile", ogr.wkbPoint, [f"POINT({window[0] - 30000} {window[1]})"])
    columns, rows = int((wide[2] - wide[0]) / PIXEL), int((wide[3] - wide[1]) / PIXEL)
    image = gdal.GetDriverByName("GTiff").Create(str(data / "DOM.tif"), columns, rows, 1, gdal.GDT_UInt16)
    image.SetGeoTransform((wide[0], PIXEL, 0, wide[3], 0, -PIXEL))
    image.SetProjection(_srs().ExportToWkt())
    image.GetRasterBand(1).WriteArray(np.arange(columns * rows, dtype=np.uint32).reshape(rows, columns) % 65521)
    image = None
    for name in ("三调.gpkg", "村庄.shp", "DOM.tif", "已删除.shp", "远处.shp"):
        plan_project.add_base_layer(str(demo_plan), str(data / name))
    plan_project.add_base_layer(str(demo_plan), XYZ, "天地图影像", "wms")
    for part in ("shp", "shx", "dbf", "prj"):
        (data / f"已删除.{part}").unlink(missing_ok=True)
    return demo_plan, data, window


def _window(plan):
    """The packed sites' bounds from the plan's rows (shapely on the blobs), grown by the promised margin."""
    marks = ", ".join("?" for _ in SITES)
    bounds = [_geometry(blob).bounds for (blob,) in sql(plan, f"SELECT geom FROM project_sites "
                                                              f"WHERE project_code IN ({marks})", *SITES)]
    return (min(b[0] for b in bounds) - MARGIN, min(b[1] for b in bounds) - MARGIN,
            max(b[2] for b in bounds) + MARGIN, max(b[3] for b in bounds) + MARGIN)


def _extracted(path, window) -> int:
    """How many features QGIS's own Extract by extent finds in the original file."""
    import processing

    extent = f"{window[0]},{window[2]},{window[1]},{window[3]} [EPSG:4547]"
    result = processing.run("native:extractbyextent", {"INPUT": str(path), "EXTENT": extent, "CLIP": False,
                                                       "OUTPUT": "memory:"})
    return result["OUTPUT"].featureCount()


def test_package_carries_the_base_layers_cut_to_the_sites_and_moves(plan_with_base, tmp_path):
    import processing

    plan, data, window = plan_with_base
    warnings = []
    feedback = QgsProcessingFeedback()
    feedback.pushWarning = warnings.append
    expression = "\"project_code\" IN ({})".format(", ".join(f"'{c}'" for c in SITES))
    processing.run("pingcheng:preparereview", {"PLAN": str(plan), "SITES": expression, "REVIEWER": "王核查",
                                               "OUTPUT": str(tmp_path / "pkg")}, feedback=feedback)
    moved = tmp_path / "U盘" / "核查包"
    moved.parent.mkdir()
    shutil.move(str(tmp_path / "pkg"), str(moved))
    assert any("天地图影像" in w and "needs a network" in w for w in warnings), warnings
    assert any("已删除" in w and "missing" in w for w in warnings), warnings
    assert any("远处" in w and "nothing within 500 m" in w for w in warnings), warnings

    project = QgsProject()
    try:
        assert project.read(str(moved / "review.qgz"))
        group = project.layerTreeRoot().findGroup("底图")
        layers = {node.layer().name(): node.layer() for node in group.findLayers()}
        # the user's files and the plan's own illustrative base; the deleted file left out
        assert {"三调", "村庄", "DOM", "天地图影像", "河流"} <= set(layers)
        assert "已删除" not in layers and "远处" not in layers
        assert project.layerTreeRoot().children()[-1] is group  # drawn under the plan layers
        for name in ("三调", "村庄", "DOM", "河流"):
            layer = layers[name]
            assert layer.isValid(), name
            path = layer.source().split("|")[0]
            assert os.path.commonpath([os.path.realpath(path), str(moved.resolve())]) == str(moved.resolve()), path
        web = layers["天地图影像"].source()  # a web layer as it was (QGIS writes its URI in its own form)
        assert "type=xyz" in web and "https://tiles.example.invalid/" in web
        for name, original in (("三调", data / "三调.gpkg"), ("村庄", data / "村庄.shp")):
            copied = layers[name]
            assert isinstance(copied, QgsVectorLayer)
            expected = _extracted(original, window)
            dataset = ogr.Open(str(original))  # kept while its layer is read
            total = dataset.GetLayer(0).GetFeatureCount()
            dataset = None
            assert 0 < expected < total / 10  # the window is a small part of the file
            assert copied.featureCount() == expected, name
            assert copied.renderer() is not None
        # the plan's rivers within reach of the sites, counted by QGIS on the plan's own table
        assert layers["河流"].featureCount() == _extracted(f"{plan}|layername=base_rivers", window)
        assert isinstance(layers["DOM"], QgsRasterLayer)
        dom_path = layers["DOM"].source()
    finally:
        project.clear()
    _check_raster(data / "DOM.tif", dom_path, window)


def _check_raster(original, copied, window) -> None:
    """The cut image covers the window to a pixel and holds the original's pixels there."""
    info = gdal.Info(str(copied), format="json")
    columns, rows = info["size"]
    assert abs(columns - (window[2] - window[0]) / PIXEL) <= 1 and abs(rows - (window[3] - window[1]) / PIXEL) <= 1
    x0, step, _, y0, _, negative = info["geoTransform"]
    assert (step, negative) == (PIXEL, -PIXEL)
    assert abs(x0 - window[0]) <= PIXEL and abs(y0 - window[3]) <= PIXEL
    source = gdal.Open(str(original))
    sx, _, _, sy, _, _ = source.GetGeoTransform()
    offset_x, offset_y = round((x0 - sx) / PIXEL), round((sy - y0) / PIXEL)
    expected = source.GetRasterBand(1).ReadAsArray(offset_x, offset_y, columns, rows)
    assert np.array_equal(gdal.Open(str(copied)).GetRasterBand(1).ReadAsArray(), expected)


def test_a_plan_whose_base_is_all_gone_still_packs(plan_with_base, tmp_path):
    """Every user base file moved away: each one named in a warning, the package complete without them."""
    import processing

    plan, data, _ = plan_with_base
    shutil.rmtree(data)
    warnings = []
    feedback = QgsProcessingFeedback()
    feedback.pushWarning = warnings.append
    result = processing.run("pingcheng:preparereview", {"PLAN": str(plan), "SITES": f"\"project_code\" = '{SITES[0]}'",
                                                        "REVIEWER": "王核查", "OUTPUT": str(tmp_path / "pkg")},
                            feedback=feedback)
    assert result["SITES_COUNT"] == 1
    for name in ("三调", "村庄", "DOM"):
        assert any(name in w and "missing" in w for w in warnings), (name, warnings)
    project = QgsProject()
    try:
        assert project.read(str(tmp_path / "pkg" / "review.qgz"))
        assert all(layer.isValid() for layer in project.mapLayers().values()
                   if layer.providerType() != "wms")
    finally:
        project.clear()
