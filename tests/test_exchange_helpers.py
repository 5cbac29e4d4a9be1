"""The test helpers that write exchange files do what other programs do (checked on the bytes they write)."""

from __future__ import annotations

from tests.helpers import square
from tests.helpers.exchange_files import gbk_shapefile, site_row, txt_parcel


def test_gbk_shapefile_has_no_cpg_and_gbk_bytes(tmp_path):
    path = gbk_shapefile(tmp_path / "gbk.shp", [(site_row(1), square(440000, 4430000, 100, multi=False))])
    assert not path.with_suffix(".cpg").exists()
    data = path.with_suffix(".dbf").read_bytes()
    assert "测试修复项目1号".encode("gbk") in data and "测试修复项目1号".encode() not in data
    assert data[29] == 0


def test_txt_parcel_lines_follow_the_format():
    lines = txt_parcel([square(440000, 4430000, 100, multi=False).asPolygon()[0]], "1.0000", "1", "地块")
    assert lines[0] == "5,1.0000,1,地块,面,,,,@"
    assert lines[1].startswith("J1,1,4430000.000,38440000.000") and lines[-1] == lines[1]
    assert len(lines) == 6
