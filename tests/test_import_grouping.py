"""Several features, one site (GROUP_BY of pingcheng:importsites, and the import dialog's option): a DXF written by
OGR's DXF driver with two closed polylines and a hole on one CAD layer becomes one two-part site with its hole;
polygons labelled differently on one layer stay apart; a key field groups a GeoJSON; a missing field is named."""

from __future__ import annotations

import sqlite3

import pytest
from osgeo import gdal, ogr
from qgis.core import QgsGeometry, QgsPointXY, QgsProcessingException, QgsProcessingFeedback

from pingcheng_plugin.core.store import plan_data, schema
from pingcheng_plugin.ui.import_sites import ImportSitesDialog
from tests.helpers.exchange_files import free_squares, site_row, write_ogr


def run(parameters):
    import processing

    return processing.run("pingcheng:importsites", parameters, feedback=QgsProcessingFeedback())


def ogr_dxf(path, entities):
    """A DXF written by OGR's DXF driver: ``entities`` are (CAD layer, QGIS geometry or None, text or None);
    polygon rings go in as closed line strings (what CAD draws), texts as labelled points."""
    dataset = ogr.GetDriverByName("DXF").CreateDataSource(str(path))
    layer = dataset.CreateLayer("entities", None, ogr.wkbUnknown)
    for cad_layer, geometry, text in entities:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("Layer", cad_layer)
        if text is not None:
            feature.SetStyleString(f'LABEL(f:"SimSun",t:"{text}",s:5g,p:5)')
        feature.SetGeometry(ogr.CreateGeometryFromWkt(geometry.asWkt(6)))
        assert layer.CreateFeature(feature) == 0
    dataset = None
    return path


def ring_line(square: QgsGeometry) -> QgsGeometry:
    return QgsGeometry.fromPolylineXY(square.asPolygon()[0])


def sites(plan, where):
    with sqlite3.connect(str(plan)) as con:
        return con.execute(f"SELECT name, project_type, area_proj_ha FROM project_sites WHERE {where} "
                           "ORDER BY name").fetchall()


def two_fields_and_a_pond(plan, tmp_path, second_label=None):
    first, second = free_squares(plan, 2, size=300)
    pond = first.buffer(-100, 1)
    entities = [("TDZZ", ring_line(first), None), ("TDZZ", ring_line(pond), None),
                ("TDZZ", ring_line(second), None),
                ("TDZZ", QgsGeometry.fromPointXY(QgsPointXY(first.boundingBox().xMinimum() + 50,
                                                           first.boundingBox().yMinimum() + 50)), "测试修复项目9号")]
    if second_label:
        entities.append(("TDZZ", second.pointOnSurface(), second_label))
    return ogr_dxf(tmp_path / "cad.dxf", entities), first, second, pond


def test_dxf_outlines_on_one_layer_are_one_site_with_its_hole(provider, demo_plan, tmp_path):
    path, first, second, pond = two_fields_and_a_pond(demo_plan, tmp_path)
    assert gdal.OpenEx(str(path), allowed_drivers=["DXF"]).GetLayer(0).GetFeatureCount() == 4
    result = run({"INPUT": str(path), "PLAN": str(demo_plan), "SOURCE_CRS": "EPSG:4547"})
    assert result["IMPORTED"] == 1 and result["REJECTED_COUNT"] == 0
    layer_sites = sites(demo_plan, "name = '测试修复项目9号'")
    assert [(n, t) for n, t, _ in layer_sites] == [("测试修复项目9号", "TDZZ")]
    expected = (300 * 300 - 100 * 100 + 300 * 300) / 10000  # two fields, less the pond
    assert layer_sites[0][2] == pytest.approx(expected, abs=1e-6)
    (site,) = [f for f in plan_data.open_layer(str(demo_plan), schema.SITES).getFeatures()
               if f["name"] == "测试修复项目9号"]
    geometry = site.geometry()
    parts = geometry.constGet()
    assert parts.numGeometries() == 2
    assert sorted(parts.geometryN(i).numInteriorRings() for i in range(2)) == [0, 1]
    reference = QgsGeometry.unaryUnion([first, second]).difference(pond)
    assert geometry.symDifference(reference).area() < 0.01


def test_differently_labelled_outlines_on_one_layer_stay_apart_and_none_turns_grouping_off(provider, demo_plan,
                                                                                             tmp_path):
    path, *_ = two_fields_and_a_pond(demo_plan, tmp_path, second_label="测试修复项目8号")
    result = run({"INPUT": str(path), "PLAN": str(demo_plan), "SOURCE_CRS": "EPSG:4547", "DRY_RUN": True})
    assert result["IMPORTED"] == 2
    unlabelled = tmp_path / "unlabelled.dxf"
    first, second = free_squares(demo_plan, 2, size=300)
    ogr_dxf(unlabelled, [("TDZZ", ring_line(first), None), ("TDZZ", ring_line(second), None)])
    grouped = run({"INPUT": str(unlabelled), "PLAN": str(demo_plan), "SOURCE_CRS": "EPSG:4547", "DRY_RUN": True})
    apart = run({"INPUT": str(unlabelled), "PLAN": str(demo_plan), "SOURCE_CRS": "EPSG:4547", "DRY_RUN": True,
                 "GROUP_BY": "none"})
    # (nameless, so rejected: what counts is how many features the file gave)
    assert grouped["IMPORTED"] + grouped["REJECTED_COUNT"] == 1
    assert apart["IMPORTED"] + apart["REJECTED_COUNT"] == 2


def test_a_key_field_groups_a_geojson_and_a_missing_field_is_named(provider, demo_plan, tmp_path):
    a, b, c = free_squares(demo_plan, 3, size=200)
    path = write_ogr(tmp_path / "parts.geojson", "GeoJSON", [
        (site_row(1, XMMC="测试两块地"), a), (site_row(2, XMMC="测试两块地"), b), (site_row(3), c)])
    result = run({"INPUT": str(path), "PLAN": str(demo_plan), "GROUP_BY": "XMMC"})
    assert result["IMPORTED"] == 2
    rows = sites(demo_plan, "name LIKE '测试%'")
    assert [(n, round(area, 6)) for n, _t, area in rows] == [("测试两块地", 8.0), ("测试修复项目3号", 4.0)]
    with pytest.raises(QgsProcessingException, match="has no field “BH” to group features by"):
        run({"INPUT": str(path), "PLAN": str(demo_plan), "GROUP_BY": "BH"})


def test_the_dialog_groups_a_dxf_by_layer_and_can_be_told_not_to(demo_plan, tmp_path):
    path, *_ = two_fields_and_a_pond(demo_plan, tmp_path)
    dialog = ImportSitesDialog(str(demo_plan))
    try:
        dialog.panel.fileWidget.setFilePath(str(path))
        assert dialog.groupCheckBox.isChecked() and dialog.groupComboBox.currentText() == "Layer"
        assert dialog.job.source.count() == 1
        dialog.groupCheckBox.setChecked(False)
        assert dialog.job.source.count() == 2  # the two outer outlines (the pond is a hole either way)
        dialog.groupCheckBox.setChecked(True)
        assert dialog.job.source.count() == 1
    finally:
        dialog.panel.close_job()
        dialog.deleteLater()
