"""The control results in what a user hands on: generated control layers and a DLTB imported with
pingcheng:importcontrollayer, then the summary table (xlsx read back with openpyxl, csv), the atlas page's
地类及管控面积 table (the built layout and the exported PDF's text), the 界址点坐标 TXT's 地块用途 / 地类编码 and a
plan without control layers, each compared with areas QGIS computes itself from the generated files (intersection +
QgsDistanceArea on the CGCS2000 ellipsoid)."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from openpyxl import load_workbook
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)

from tests.test_controls import (
    CODES,
    DLTB,
    dltb_rows,
    farmland_file,
    gbk_shapefile,
    import_control,
    protected_file,
    redline_file,
    reference_land_classes,
    run,
    sites,
)

NAMES = {code or "": name for code, name in CODES}  # a parcel without 地类编码 keeps its 地类名称
REDLINE, FARMLAND = "占用生态保护红线（公顷）", "占用永久基本农田（公顷）"
MAIN_CLASS, PROTECTED = "主要地类", "涉及自然保护地"


@pytest.fixture
def controlled(provider, demo_plan, tmp_path):
    """The demo plan with 生态保护红线, 永久基本农田, 自然保护地 and the DLTB imported; the files and QGIS's own
    reference values: {kind: {project code: (m², names)}} and {project code: {DLBM: m²}}."""
    files = {"redline": redline_file(demo_plan, tmp_path), "farmland": farmland_file(demo_plan, tmp_path),
             "protected": protected_file(demo_plan, tmp_path),
             "landuse": gbk_shapefile(tmp_path / "DLTB.shp", dltb_rows(demo_plan), DLTB, 4490)}
    for kind, path in files.items():
        import_control(demo_plan, kind, path)
    reference = {kind: reference_areas(demo_plan, files[kind]) for kind in ("redline", "farmland", "protected")}
    return demo_plan, reference, reference_land_classes(demo_plan, files["landuse"])


def calculator() -> QgsDistanceArea:
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    assert measure.setEllipsoid("EPSG:1024")
    return measure


def reference_areas(plan: Path, path: Path) -> Dict[str, Tuple[float, str]]:
    """{project code: (ellipsoidal m² inside the file's polygons, the MC names touched)} read by QGIS from the
    generated file itself (any CRS, GBK Shapefiles), intersected with each site in EPSG:4547."""
    layer = QgsVectorLayer(str(path), "control", "ogr")
    layer.setProviderEncoding("GBK" if path.suffix == ".shp" else "UTF-8")
    to_plan = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:4547"), QgsProject.instance())
    shapes = []
    for feature in layer.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(to_plan)
        shapes.append((feature["MC"], geometry))
    measure, found = calculator(), {}
    for code, (_fid, _type, site) in sites(plan).items():
        area, names = 0.0, []
        for name, shape in shapes:
            piece = site.intersection(shape)
            if not piece.isEmpty() and measure.measureArea(piece) > 1.0:
                area += measure.measureArea(piece)
                names.append(name)
        found[code] = (area, "、".join(names))
    return found


def dominant(classes: Dict[str, float]) -> str:
    return max(classes, key=classes.get)


# --- the summary table ------------------------------------------------------------------------------------------

def sheet_rows(path: Path) -> Tuple[List[str], Dict[str, Dict[str, object]], List[Tuple]]:
    """(headers, {project code: {header: value}}, every row) of the xlsx's first sheet."""
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    headers = list(rows[2])
    code = headers.index("项目编码")
    by_code = {row[code]: dict(zip(headers, row)) for row in rows[3:] if str(row[code]).startswith("140213-")}
    return headers, by_code, rows


def test_summary_xlsx_and_csv_show_control_areas_main_class_and_protected_areas(controlled, tmp_path):
    plan, reference, land = controlled
    result = run("pingcheng:exportsummary", {"PLAN": str(plan), "OUTPUT": str(tmp_path / "汇总表.xlsx")})
    headers, by_code, rows = sheet_rows(Path(result["OUTPUT"]))
    assert headers[-5:] == [REDLINE, FARMLAND, MAIN_CLASS, PROTECTED, "备注"]
    assert set(by_code) == set(sites(plan))
    for code, row in by_code.items():
        for header, kind in ((REDLINE, "redline"), (FARMLAND, "farmland")):
            expected = reference[kind][code][0] / 10000
            assert row[header] == pytest.approx(expected, rel=1e-4, abs=1e-6), (code, kind)
        main = dominant(land[code])
        assert row[MAIN_CLASS] == (f"{NAMES[main]}（{main}）" if main else NAMES[main]), code
        assert (row[PROTECTED] or "") == reference["protected"][code][1], code
    assert by_code["140213-LYST-0001"][PROTECTED] == "（测试）御河湿地自然公园"
    assert by_code["140213-KSXF-0001"][REDLINE] > 0 and by_code["140213-TDZZ-0001"][FARMLAND] > 0
    # 小计 and 合计 of the new area columns are formulas over the rows above, like the other areas
    total = next(row for row in rows if row[headers.index("项目名称")] and str(row[2]).startswith("合计"))
    column = headers.index(REDLINE)
    assert str(total[column]).startswith("=SUBTOTAL(9,")
    # the CSV's 合计 is the sum, rounded as the other areas are
    output = run("pingcheng:exportsummary", {"PLAN": str(plan), "OUTPUT": str(tmp_path / "汇总表.csv")})["OUTPUT"]
    with open(output, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][-5:] == [REDLINE, FARMLAND, MAIN_CLASS, PROTECTED, "备注"]
    total_row = next(row for row in table if row[2].startswith("合计"))
    for header, kind in ((REDLINE, "redline"), (FARMLAND, "farmland")):
        expected = sum(area for area, _names in reference[kind].values()) / 10000
        assert float(total_row[table[0].index(header)]) == pytest.approx(expected, abs=0.006), kind
    notes = " ".join(row[0] for row in table if row and row[0].startswith("占用管控图层"))
    assert "椭球面积" in notes and "主要地类" in notes
    html = Path(run("pingcheng:exportsummary", {"PLAN": str(plan), "OUTPUT": str(tmp_path / "汇总表.html")})["OUTPUT"])
    headings = re.findall(r"<th[^>]*>([^<]*)</th>", html.read_text(encoding="utf-8"))
    assert headings[:len(table[0])] == table[0]  # the same columns as the CSV, control columns included
    assert "（测试）御河湿地自然公园" in html.read_text(encoding="utf-8")


def test_a_plan_without_control_layers_keeps_its_columns_and_gains_only_the_imported_ones(provider, demo_plan,
                                                                                            tmp_path):
    from pingcheng_plugin.core.summary.table import COLUMNS

    before = run("pingcheng:exportsummary", {"PLAN": str(demo_plan), "OUTPUT": str(tmp_path / "before.xlsx")})
    headers, _rows, _all = sheet_rows(Path(before["OUTPUT"]))
    assert headers == [c.header for c in COLUMNS]
    assert not {REDLINE, FARMLAND, MAIN_CLASS, PROTECTED} & set(headers)
    import_control(demo_plan, "redline", redline_file(demo_plan, tmp_path))
    after = run("pingcheng:exportsummary", {"PLAN": str(demo_plan), "OUTPUT": str(tmp_path / "after.xlsx")})
    headers, by_code, _all = sheet_rows(Path(after["OUTPUT"]))
    assert headers == [c.header for c in COLUMNS][:-1] + [REDLINE, "备注"]
    assert by_code["140213-SXLT-0001"][REDLINE] == 0  # checked against the red line, outside it: 0, not blank


# --- the 界址点坐标 TXT -------------------------------------------------------------------------------------------

def txt_parcels(path: Path) -> Dict[str, List[str]]:
    """{地块编号: its header line's fields} of a TXT export (GBK, as the export writes by default)."""
    found = {}
    for line in path.read_bytes().decode("gbk").splitlines():
        parts = line.split(",")
        if line.endswith(",@") and len(parts) == 9:
            found[parts[2]] = parts
    return found


def test_txt_land_use_and_code_come_from_the_dominant_land_class(provider, demo_plan, tmp_path):
    before = tmp_path / "before.txt"
    run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": "txt", "OUTPUT": str(before)})
    types = {code: ptype for code, (_fid, ptype, _g) in sites(demo_plan).items()}
    from pingcheng_plugin.plan import vocabulary

    for code, parts in txt_parcels(before).items():  # no land survey: the project type, as before
        assert parts[6] == vocabulary.by_code("project_type", types[code]).name_zh and parts[7] == ""
    dltb = gbk_shapefile(tmp_path / "DLTB.shp", dltb_rows(demo_plan), DLTB, 4490)
    import_control(demo_plan, "landuse", dltb)
    land = reference_land_classes(demo_plan, dltb)
    after = tmp_path / "after.txt"
    run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": "txt", "OUTPUT": str(after)})
    parcels = txt_parcels(after)
    assert set(parcels) == set(land)
    for code, parts in parcels.items():
        main = dominant(land[code])
        assert (parts[6], parts[7]) == (NAMES[main], main), code

    # read back into a plan without sites: 地块用途 now holds a land class, so each site's type comes from its code
    from pingcheng_plugin.core.store import gpkg
    from tests.helpers.exchange_files import plan_without_sites

    target = tmp_path / "again.gpkg"
    gpkg.copy_database(str(demo_plan), str(target))
    plan_without_sites(target)
    result = run("pingcheng:importsites", {"INPUT": str(after), "PLAN": str(target)})
    assert (result["IMPORTED"], result["REJECTED_COUNT"]) == (len(parcels), 0)
    assert {code: ptype for code, (_fid, ptype, _g) in sites(target).items()} == \
        {code: types[code] for code in parcels}


# --- the atlas page ----------------------------------------------------------------------------------------------

def test_the_atlas_page_lists_land_classes_and_control_areas_clear_of_the_inset(controlled, tmp_path):
    from pingcheng_plugin.core.figures import ExportOptions, FigureExporter, figure, templates

    plan, reference, land = controlled
    spec = figure("site_atlas")
    exporter = FigureExporter(str(plan), str(tmp_path), ExportOptions(formats=("pdf",), dpi=30,
                                                                      figures=("site_atlas",)))
    exporter._read_plan()
    checked = 0
    try:
        layout = exporter.build(spec)
        atlas = layout.atlas()
        assert atlas.beginRender()
        frame = layout.itemById(templates.ITEM_LAND_TABLE)
        map_item = layout.itemById(templates.ITEM_MAP)
        map_box = map_item.mapToScene(map_item.rect()).boundingRect()
        for index in range(atlas.count()):
            assert atlas.seekTo(index)
            code = layout.reportContext().feature()["project_code"]
            contents = frame.multiFrame().tableContents()
            assert [cell.content() for cell in contents[0]] == ["地类编码", "地类名称", "面积（公顷）", "占比"]
            rows = [[str(cell.content()) for cell in row] for row in contents[1:]]
            classes = {k: v for k, v in land[code].items() if v > 1.0}
            shown = [row for row in rows if row[0] not in ("…", "管控")]
            assert shown[0][0] == dominant(classes)  # largest first
            if not any(row[0] == "…" for row in rows):  # room for all: every class of the site
                assert {row[0] for row in shown} == set(classes), code
            for dlbm, name, area, _share in shown:
                assert name == NAMES[dlbm] and float(area) == pytest.approx(classes[dlbm] / 10000, rel=1e-4, abs=5.1e-5)
            controls = {row[1].split("：")[0]: row for row in rows if row[0] == "管控"}
            assert set(controls) == {"生态保护红线", "永久基本农田", "自然保护地"}
            for title, kind in (("生态保护红线", "redline"), ("永久基本农田", "farmland"), ("自然保护地", "protected")):
                area, names = reference[kind][code]
                assert float(controls[title][2]) == pytest.approx(area / 10000, rel=1e-4, abs=5.1e-5), (code, kind)
                if kind == "protected" and names:
                    assert controls[title][1] == f"自然保护地：{names}"
            box = frame.sceneBoundingRect()
            assert frame.isVisible() and map_box.contains(box)
            assert abs(box.left() - map_box.left()) < 0.5
            for other in (templates.ITEM_OVERVIEW_BOX, templates.ITEM_POINT_TABLE, templates.ITEM_NORTH_ARROW):
                assert not box.intersects(layout.itemById(other).sceneBoundingRect()), (code, other)
            title = layout.itemById(templates.ITEM_LAND_TABLE_TITLE).sceneBoundingRect()
            assert abs(title.bottom() - box.top()) < 0.5 and title.top() >= map_box.top() - 0.3  # (its outline)
            checked += 1
        atlas.endRender()
    finally:
        exporter.project.clear()
    assert checked == len(land)
    out = tmp_path / "pdf"
    out.mkdir()
    run("pingcheng:exportfigures", {"PLAN": str(plan), "OUTPUT_FOLDER": str(out), "FORMATS": ["pdf"], "DPI": 30,
                                    "FIGURES": ["site_atlas"]})
    text = subprocess.run(["pdftotext", str(out / (spec.file_stem() + ".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert text.count("地类及管控面积表") == checked
    first = "140213-KSXF-0001"
    printed = [float(number) for number in re.findall(r"\b\d+\.\d{4}\b", text)]  # the tables' 4-decimal hectares
    assert any(n == pytest.approx(reference["redline"][first][0] / 10000, rel=1e-4) for n in printed)
    assert NAMES[dominant(land[first])] in text


def test_the_land_table_keeps_above_the_inset_by_summing_the_smallest_classes():
    from pingcheng_plugin.core.figures.land_table import fit_rows

    land = [(f"01{n:02d}", f"地类{n}", 10.0 - n, (10.0 - n) / 100) for n in range(8)]
    controls = [("管控", "生态保护红线", 1.5, 0.015)]
    rows, backgrounds = fit_rows(land, controls, 5)
    assert [r[0] for r in rows] == ["0100", "0101", "0102", "…", "管控"]
    rest = sum(10.0 - n for n in range(3, 8))
    assert rows[3][1:] == ("其他5类", f"{rest:.4f}", f"{rest:.2f}%") and rows[4][2] == "1.5000"
    assert backgrounds[-1] and not any(backgrounds[:-1])
    assert len(fit_rows(land, controls, 40)[0]) == len(land) + 1  # room for all: every class, nothing summed


def test_the_a3_table_sheet_shows_the_red_line_farmland_and_main_class(controlled, tmp_path):
    from tests.test_figure_table import export_table, page_text

    plan, reference, land = controlled
    pdf = export_table(plan, tmp_path / "sheet")
    text = "".join(page_text(pdf, 1, "-raw").split())  # NFKC: （） come back as ()
    for heading in ("占用生态保护红线(公顷)", "占用永久基本农田(公顷)", "主要地类"):
        assert heading in text, heading
    assert "涉及自然保护地" not in text  # names are long: the sheet leaves them to the xlsx
    main = dominant(land["140213-KSXF-0001"])
    assert f"{NAMES[main]}({main})" in text
    printed = [float(n.replace(",", "")) for n in re.findall(r"[\d,]+\.\d{2}", text)]  # 2 decimals, as areas
    assert any(n == pytest.approx(reference["redline"]["140213-KSXF-0001"][0] / 10000, abs=0.006) for n in printed)
