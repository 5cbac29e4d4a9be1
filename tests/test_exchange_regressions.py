"""Exchange cases found in review: each was wrong once and is pinned here."""

from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

from pingcheng_plugin.core.exchange import encoding as enc
from pingcheng_plugin.core.exchange.mapping import _area_unit_from_name
from pingcheng_plugin.core.exchange.pipeline import SiteImport
from pingcheng_plugin.core.exchange.writers import export_sites
from pingcheng_plugin.core.support.errors import InvalidInputError
from tests.helpers import open_dataset
from tests.helpers.exchange_files import (
    csv_file,
    free_squares,
    plan_without_sites,
    run_import,
    site_row,
    site_values,
    table_rows,
    txt_file,
    txt_parcel,
    write_ogr,
)


def test_a_cancel_pressed_after_the_commit_reports_the_import(demo_plan, tmp_path):
    """The commit is the slow part: a Cancel pressed during it arrives after the data is written. The result must
    say so, not 'nothing was changed'."""
    squares = free_squares(demo_plan, 2)
    path = write_ogr(tmp_path / "two.gpkg", "GPKG", [(site_row(n), g) for n, g in enumerate(squares)])
    job = SiteImport(str(demo_plan), str(path))
    try:
        job.analyse()
        result = job.commit(lambda percent, *_: percent < 100)  # Cancel pressed at the very end
    finally:
        job.close()
    assert result.imported == 2 and len(result.fids) == 2
    assert {"测试修复项目0号", "测试修复项目1号"} <= set(site_values(demo_plan))


def test_rejected_features_keep_chinese_field_names_in_a_shapefile(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 2)
    header = ["WKT", "项目名称", "总投资（万元）", "开工年份", "完工年份", "项目类型"]
    rows = [[squares[0].asWkt(), "保留项目", "100", "2024", "2026", "土地整治工程项目"],
            [squares[1].asWkt(), "拒收项目", "200", "2024", "2040", "土地整治工程项目"]]
    path = csv_file(tmp_path / "sender.csv", header, rows)
    job = SiteImport(str(demo_plan), str(path))
    try:
        if job.decision.how == "guessed":
            job.choose_crs(job.decision.crs, job.decision.swap)
        assert job.analyse().rejected == 1
        written, count = job.write_rejected(str(tmp_path / "rejected.shp"))
    finally:
        job.close()
    assert count == 1
    dataset = open_dataset(written)
    layer = dataset.GetLayer(0)
    names = [layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(layer.GetLayerDefn().GetFieldCount())]
    assert all(len(n.encode("utf-8")) <= 10 for n in names) and len(set(names)) == len(names)
    (feature,) = list(layer)
    values = [feature.GetField(i) for i in range(layer.GetLayerDefn().GetFieldCount())]
    assert "拒收项目" in values and "2040" in [str(v) for v in values]
    assert any("2040" in str(v) for v in values if isinstance(v, str) and len(v) > 8)  # the reason


def test_gbk_detected_from_chinese_field_names_alone(demo_plan, tmp_path):
    """Older software writes Chinese field names and codes as values: no Chinese value to sniff, still GBK."""
    square = free_squares(demo_plan, 1)[0]
    path = tmp_path / "names.shp"
    dataset = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    layer = dataset.CreateLayer("names", None, ogr.wkbPolygon)
    for name in ("F1", "F2", "F3"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    for name, value in (("F1", "A1"), ("F2", "TDZZ"), ("F3", "100")):
        feature.SetField(name, value)
    feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(square.asWkb())))
    layer.CreateFeature(feature)
    dataset = None
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = bytearray(path.with_suffix(".dbf").read_bytes())
    dbf[29] = 0  # no code-page byte either
    for index, name in enumerate(("名称", "类型", "投资")):  # the field names, as GBK bytes in the descriptors
        start = 32 + 32 * index
        dbf[start:start + 11] = name.encode("gbk").ljust(11, b"\0")
    path.with_suffix(".dbf").write_bytes(bytes(dbf))
    guess = enc.detect_shapefile(str(path))
    assert guess.encoding == enc.GB18030


@pytest.mark.parametrize("name, unit", [("面积_km2", "km2"), ("AREA_KM2", "km2"), ("MJ_km²", "km2"),
                                        ("面积平方公里", "km2"), ("area_m2", "m2"), ("MJ_平方米", "m2"),
                                        ("面积亩", "mu"), ("MJ", "ha")])
def test_area_units_from_field_names(name, unit):
    assert _area_unit_from_name(name) == unit


def test_txt_export_refuses_a_system_it_cannot_state(demo_plan, tmp_path):
    before = list(tmp_path.iterdir())
    with pytest.raises(InvalidInputError, match="3-degree"):
        export_sites(str(demo_plan), str(tmp_path / "out.txt"), "txt",
                     target_crs=QgsCoordinateReferenceSystem("EPSG:4490"))
    assert list(tmp_path.iterdir()) == before


def _two_part_site(demo_plan) -> QgsGeometry:
    a, b = free_squares(demo_plan, 2, size=150.0)
    return QgsGeometry.fromMultiPolygonXY([a.asPolygon(), b.asPolygon()])


def test_txt_writes_each_part_as_its_own_parcel_and_reads_them_back_as_one_site(demo_plan, tmp_path):
    source = tmp_path / "source.gpkg"
    site = _two_part_site(demo_plan)
    write_ogr(source, "GPKG", [(site_row(7), site)])
    run_import(demo_plan, source)
    code = site_values(demo_plan)["测试修复项目7号"]["project_code"]
    export_sites(str(demo_plan), str(tmp_path / "two.txt"), "txt", expression=f"\"project_code\" = '{code}'")
    body = (tmp_path / "two.txt").read_text(encoding="gbk").split("[地块坐标]")[1].strip().splitlines()
    heads = [line.split(",") for line in body if line.endswith("@")]
    assert len(heads) == 2 and [h[2] for h in heads] == [f"{code}-1", f"{code}-2"]  # one parcel per part
    rings = {line.split(",")[1] for line in body if not line.endswith("@")}
    assert rings == {"1"}  # only outer rings: 2+ would be holes
    target = plan_without_sites(_copy(demo_plan, tmp_path))
    job = SiteImport(str(target), str(tmp_path / "two.txt"))
    try:
        preview = job.analyse()
        assert preview.accepted == 1 and not [i for i in preview.issues if i.code == "IMPORT_AREA_MISMATCH"]
        job.commit()
    finally:
        job.close()
    (row,) = [r for r in table_rows(target) if code in r]
    assert row is not None


def _copy(plan, tmp_path):
    from pingcheng_plugin.core.store import gpkg

    target = tmp_path / "copy.gpkg"
    gpkg.copy_database(str(plan), str(target))
    return target


def test_txt_parcel_whose_parts_share_ring_number_one(demo_plan, tmp_path):
    """Some writers number every outer ring of a multi-part parcel 1: two rings, not one self-crossing ring."""
    a, b = free_squares(demo_plan, 2, size=150.0)
    lines = txt_parcel([a.asPolygon()[0]], "", "M1", "多块地项目", "土地整治工程项目")
    extra = txt_parcel([b.asPolygon()[0]], "", "M1", "多块地项目", "土地整治工程项目")[1:]
    head = lines[0].split(",")
    head[0] = str(len(lines) - 1 + len(extra))
    numbered = []
    offset = len(lines) - 1
    for row in extra:  # continue the point numbers, keep 圈号 1
        label, ring, x, y = row.split(",")
        numbered.append(f"J{int(label[1:]) + offset - 1},{ring},{x},{y}")
    path = txt_file(tmp_path / "shared.txt", [[",".join(head)] + lines[1:] + numbered])
    job = SiteImport(str(demo_plan), str(path))
    try:
        (feature,) = list(job.source.features())
    finally:
        job.close()
    assert feature.geometry is not None and feature.geometry.isGeosValid()
    assert len(feature.geometry.asMultiPolygon()) == 2


def test_csv_export_neutralises_formulas_and_the_import_restores_them(demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    path = write_ogr(tmp_path / "hostile.gpkg", "GPKG", [(site_row(0, XMMC="=HYPERLINK(\"http://x\",\"点我\")"),
                                                          square)])
    run_import(demo_plan, path)
    export_sites(str(demo_plan), str(tmp_path / "out.csv"), "csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    target = plan_without_sites(_copy(demo_plan, tmp_path))
    run_import(target, tmp_path / "out.csv")
    assert "=HYPERLINK(\"http://x\",\"点我\")" in site_values(target)


def test_exportfigures_creates_a_new_output_folder(plugin, qgis_processing, demo_plan, tmp_path):
    import processing

    folder = tmp_path / "新的 图件"
    result = processing.run("pingcheng:exportfigures", {
        "PLAN": str(demo_plan), "OUTPUT_FOLDER": str(folder), "FORMATS": ["png"], "DPI": 40,
        "FIGURES": ["overall"]})
    assert folder.is_dir() and result["FILES"] and all(Path(f).parent == folder for f in result["FILES"])


def test_site_codes_become_safe_file_names():
    """Codes from other programs are free text: the atlas file names keep only safe characters."""
    from qgis.core import QgsExpression, QgsExpressionContext, QgsFeature, QgsFields
    from qgis.PyQt.QtCore import QMetaType

    from pingcheng_plugin.core.figures.fill_map import SAFE_SITE_NAME
    from pingcheng_plugin.core.support import compat

    expression = QgsExpression(SAFE_SITE_NAME)
    fields = QgsFields()
    fields.append(compat.field("project_code", QMetaType.Type.QString))
    fields.append(compat.field("fid", QMetaType.Type.Int))
    feature = QgsFeature(fields)
    context = QgsExpressionContext()
    for code, expected in (("140213/KSXF:0001*", "140213_KSXF_0001_"), ("", "5")):
        feature.setAttributes([code, 5])
        context.setFeature(feature)
        assert expression.evaluate(context) == expected
