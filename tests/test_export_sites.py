"""Exporting project sites: one test per format with Chinese attributes, Shapefile encodings, selection and
filter, what a format cannot hold, cancel, and the round trip back into a plan (geometry within 1 mm, attributes
equal)."""

from __future__ import annotations

import pytest
from osgeo import ogr

from pingcheng_plugin.core.exchange import encoding as enc
from pingcheng_plugin.core.exchange import readers
from pingcheng_plugin.core.exchange.mapping import SHAPEFILE_NAMES
from pingcheng_plugin.core.exchange.pipeline import SiteImport
from pingcheng_plugin.core.exchange.writers import export_sites
from pingcheng_plugin.core.store import gpkg, schema
from pingcheng_plugin.core.support.errors import CancelledError, ExportError, InvalidInputError
from tests.helpers import open_dataset, read_only
from tests.helpers.exchange_files import plan_without_sites, site_values

#: What each format carries back: every attribute, or (DXF, TXT) the outline with name, code and type.
ALL = tuple(n for n in schema.SITES.field_names() if n not in ("created_at", "created_by", "modified_at",
                                                               "modified_by"))
CARRIED = {"gpkg": ALL, "shp": ALL, "geojson": ALL, "kml": ALL, "csv": ALL,
           "dxf": ("name", "project_code", "project_type", "area_ha", "area_proj_ha", "zone_code", "zone_shares",
                   "key_areas"),
           "txt": ("name", "project_code", "project_type", "area_ha", "area_proj_ha", "zone_code", "zone_shares",
                   "key_areas")}


def read_back(path):
    source = readers.open_source(str(path))
    try:
        return source, [f for f in source.features()]
    finally:
        source.close()


@pytest.mark.parametrize("format_id", ["gpkg", "shp", "geojson", "kml", "csv"])
def test_export_carries_chinese_attributes(demo_plan, tmp_path, format_id):
    result = export_sites(str(demo_plan), str(tmp_path / "sites"), format_id)
    assert result.path.endswith(result.path[-len(format_id) - 1:]) and result.count == 13 and result.issues == []
    source, features = read_back(result.path)
    expected = site_values(demo_plan)
    names = SHAPEFILE_NAMES if format_id == "shp" else {}
    name_field = "Name" if format_id == "kml" else names.get("name", "name")
    got = {f.attributes[name_field]: f for f in features}
    assert set(got) == set(expected)
    site = expected["（示意）西部历史遗留矿山生态修复工程"]
    feature = got[site["name"]]
    assert feature.attributes[names.get("implementer", "implementer")] == "平城区自然资源局"
    assert feature.attributes[names.get("measures", "measures")] == "削坡整形、危岩清理、覆土复绿"
    assert str(feature.attributes[names.get("project_code", "project_code")]) == site["project_code"]
    assert source.declared_crs.authid() == ("EPSG:4326" if format_id in ("kml", "geojson") else "EPSG:4547")


def test_export_dxf_with_layers_names_and_codes(demo_plan, tmp_path):
    result = export_sites(str(demo_plan), str(tmp_path / "sites.dxf"))
    _source, features = read_back(result.path)
    expected = site_values(demo_plan)
    assert {f.attributes["Text"] for f in features} == set(expected)
    one = next(f for f in features if f.attributes["Text"] == "（示意）御河湿地生态修复工程")
    assert one.attributes["Layer"] == "LYST" and one.attributes["Code"] == expected[one.attributes["Text"]][
        "project_code"]
    dataset = open_dataset(result.path, drivers=["DXF"])
    kinds = {ogr.GT_Flatten(f.GetGeometryRef().GetGeometryType()) for f in dataset.GetLayer(0)}
    assert kinds == {ogr.wkbLineString, ogr.wkbPoint}  # closed polylines and texts, no hatches


def test_export_txt_is_gbk_with_zone_prefix(demo_plan, tmp_path):
    result = export_sites(str(demo_plan), str(tmp_path / "sites.txt"))
    text = (tmp_path / "sites.txt").read_bytes().decode("gbk")
    assert "坐标系=2000国家大地坐标系" in text and "带号=38" in text
    first_point = text.split("[地块坐标]")[1].strip().splitlines()[1].split(",")
    assert first_point[0] == "J1" and first_point[1] == "1"
    assert 4_400_000 < float(first_point[2]) < 4_500_000 and 38_400_000 < float(first_point[3]) < 38_500_000
    assert result.count == 13


@pytest.mark.parametrize("choice, cpg, ldid", [("auto", "UTF-8", 0), ("GBK", "CP936", 0x4D)])
def test_shapefile_encodings(demo_plan, tmp_path, choice, cpg, ldid):
    export_sites(str(demo_plan), str(tmp_path / "s.shp"), encoding_name=choice)
    assert (tmp_path / "s.cpg").read_text().strip() == cpg
    dbf = (tmp_path / "s.dbf").read_bytes()
    assert dbf[29] == ldid
    name = "（示意）御河湿地生态修复工程"
    assert name.encode("gbk" if choice == "GBK" else "utf-8") in dbf
    (tmp_path / "s.cpg").unlink()  # even without the .cpg it reads back right
    source, features = read_back(tmp_path / "s.shp")
    assert source.encoding.encoding == (enc.GB18030 if choice == "GBK" else enc.UTF8)
    assert name in {f.attributes["XMMC"] for f in features}


def test_text_too_long_for_a_shapefile_is_reported(demo_plan, tmp_path):
    dataset = open_dataset(str(demo_plan), update=True)
    dataset.ExecuteSQL("UPDATE project_sites SET measures = '" + "河道清淤" * 30 + "' WHERE fid = 4")
    dataset = None
    result = export_sites(str(demo_plan), str(tmp_path / "s.shp"))
    (issue,) = result.issues
    assert issue.code == "EXPORT_TRUNCATED" and "JSNR" in issue.message and "御河" in issue.message
    _source, features = read_back(tmp_path / "s.shp")
    stored = next(f for f in features if f.attributes["XMMC"] == "（示意）御河湿地生态修复工程").attributes["JSNR"]
    assert len(stored.encode("utf-8")) <= 254 and stored == ("河道清淤" * 30)[:len(stored)]


def test_selection_and_filter(demo_plan, tmp_path):
    result = export_sites(str(demo_plan), str(tmp_path / "sel.gpkg"), fids=[1, 2])
    assert result.count == 2
    result = export_sites(str(demo_plan), str(tmp_path / "ksxf.geojson"), expression="\"project_type\" = 'KSXF'")
    _source, features = read_back(result.path)
    assert result.count == 2 and {f.attributes["project_type"] for f in features} == {"KSXF"}
    with pytest.raises(InvalidInputError, match="not a valid expression"):
        export_sites(str(demo_plan), str(tmp_path / "bad.gpkg"), expression="\"project_type\" = ")
    with pytest.raises(InvalidInputError, match="No site matches"):
        export_sites(str(demo_plan), str(tmp_path / "none.gpkg"), expression="\"start_year\" > 2099")
    assert not (tmp_path / "bad.gpkg").exists() and not (tmp_path / "none.gpkg").exists()


def test_cancel_writes_no_file_and_keeps_the_old_one(demo_plan, tmp_path):
    target = tmp_path / "keep.geojson"
    target.write_text("old content", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(CancelledError):
        export_sites(str(demo_plan), str(target), progress=lambda percent, *_: False)
    assert target.read_text(encoding="utf-8") == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no staging folder left


def test_missing_and_read_only_folders_are_refused(demo_plan, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_sites(str(demo_plan), str(tmp_path / "nope" / "sites.gpkg"))
    folder = tmp_path / "只读"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(ExportError, match="read-only"):
            export_sites(str(demo_plan), str(folder / "sites.shp"))
        assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["sites.geojson", "sites.shp"])
def test_a_read_only_target_is_refused_and_kept(demo_plan, tmp_path, name):
    """A file that cannot be replaced (read-only, or held open on Windows) is named; the old file stays whole and
    no staging folder is left behind."""
    target = tmp_path / name
    export_sites(str(demo_plan), str(target))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with read_only(target):
        with pytest.raises(ExportError, match="read-only or open in another program"):
            export_sites(str(demo_plan), str(target), expression="\"project_type\" = 'KSXF'")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("format_id", ["gpkg", "shp", "geojson", "kml", "dxf", "txt", "csv"])
def test_round_trip_gives_the_same_sites(demo_plan, tmp_path, format_id):
    exported = export_sites(str(demo_plan), str(tmp_path / f"round.{format_id}"))
    target = tmp_path / "target.gpkg"
    gpkg.copy_database(str(demo_plan), str(target))
    plan_without_sites(target)
    job = SiteImport(str(target), exported.path)
    try:
        if job.decision.how == "guessed":  # DXF has no CRS: the user confirms the recognised one
            assert job.decision.crs.authid() == "EPSG:4547"
            job.choose_crs(job.decision.crs, False)
        preview = job.analyse()
        assert preview.rejected == 0, [i.message for i in preview.issues]
        job.commit()
    finally:
        job.close()
    before, after = site_values(demo_plan), site_values(target)
    assert set(after) == set(before)
    for name, site in before.items():
        back = after[name]
        assert back["geometry"].hausdorffDistance(site["geometry"]) < 0.001, name
        assert {k: back[k] for k in CARRIED[format_id]} == {k: site[k] for k in CARRIED[format_id]}, name
