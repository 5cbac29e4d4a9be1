"""The plan figures: every figure in every format, page sizes, text in the PDF, the atlas, templates, bad input.

Most exports run at a low resolution to keep the suite fast; one test checks the full 300 dpi size.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsLayoutExporter, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QImage

from pingcheng_plugin.core.figures import (
    FIGURES,
    ExportOptions,
    FigureExporter,
    export_figures,
    figure,
    templates,
    typography,
)
from pingcheng_plugin.core.figures import export as figure_export
from pingcheng_plugin.core.figures.catalogue import all_variants
from pingcheng_plugin.core.figures.options import parse_page_setup
from pingcheng_plugin.core.support import paths
from pingcheng_plugin.core.support.errors import CancelledError, ExportError, InvalidInputError
from pingcheng_plugin.plan import vocabulary
from tests.helpers import edit, open_dataset, read_only, sql

LOW_DPI = 30
MAPS = [f.id for f in FIGURES if f.kind == "map"]


def pdf_text(path) -> str:
    """pdftotext's text as a reader's search sees it: no normalising (the export corrects the PDF's text maps, so
    生 comes back as 生, not as the radical ⽣)."""
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def pdf_info(path) -> dict:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


def pdf_pages(path) -> int:
    return int(pdf_info(path)["Pages"].strip())


def site_count(plan) -> int:
    return sql(plan, "SELECT COUNT(*) FROM project_sites")[0][0]


def not_blank(path) -> bool:
    """More than 3 % of the pixels are not page white, and there are many colours."""
    image = QImage(str(path)).scaled(QSize(300, 300), Qt.AspectRatioMode.KeepAspectRatio)
    colours, inked = set(), 0
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            inked += rgb != 0xFFFFFF
    return inked > 0.03 * image.width() * image.height() and len(colours) > 50


def options(**kwargs) -> ExportOptions:
    kwargs.setdefault("dpi", LOW_DPI)
    return ExportOptions(**kwargs)


# --- every figure, every format -------------------------------------------------------------------------------

def test_every_figure_in_every_format(demo_plan, tmp_path):
    result = export_figures(str(demo_plan), str(tmp_path), options(formats=("pdf", "png", "tif", "svg")))
    names = {os.path.basename(f) for f in result.files}
    sites = site_count(demo_plan)
    for spec in FIGURES:
        if spec.kind == "atlas":
            assert spec.file_stem() + ".pdf" in names
            assert pdf_pages(tmp_path / (spec.file_stem() + ".pdf")) == sites
            for extension in (".png", ".tif", ".svg"):
                assert len([n for n in names if n.startswith(spec.file_stem() + "_") and n.endswith(extension)]) \
                    == sites
        else:
            for extension in (".pdf", ".png", ".tif", ".svg"):
                assert spec.file_stem() + extension in names, spec.file_stem() + extension
    assert sorted(os.listdir(tmp_path)) == sorted(names | {demo_plan.name} | {
        n for n in os.listdir(tmp_path) if n.startswith(demo_plan.name)})  # nothing else, no staging folder
    for name in names:
        path = tmp_path / name
        assert path.stat().st_size > 1000, name
        if name.endswith(".png"):
            assert not_blank(path), name
    tiff = open_dataset(str(tmp_path / (figure("zones").file_stem() + ".tif")))
    assert tiff.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE") == "LZW"
    svg = (tmp_path / (figure("zones").file_stem() + ".svg")).read_text(encoding="utf-8")
    assert "生态修复分区图" in svg  # text stays text in SVG
    assert result.warnings == []


def test_png_at_300_dpi_has_the_page_size_and_is_not_blank(demo_plan, tmp_path):
    result = export_figures(str(demo_plan), str(tmp_path), ExportOptions(
        formats=("png",), figures=("zones",), paper="A4", orientation="landscape", dpi=300))
    (path,) = result.files
    image = QImage(path)
    assert abs(image.width() - 297 / 25.4 * 300) <= 1 and abs(image.height() - 210 / 25.4 * 300) <= 1
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert not_blank(path)


@pytest.mark.parametrize("paper, orientation, size", [("A3", "landscape", "1191 x 842"),
                                                      ("A3", "portrait", "842 x 1191"),
                                                      ("A4", "landscape", "842 x 595"),
                                                      ("A4", "portrait", "595 x 842")])
def test_paper_and_orientation(demo_plan, tmp_path, paper, orientation, size):
    export_figures(str(demo_plan), str(tmp_path), options(
        formats=("pdf",), figures=("sites", "site_atlas", "summary_table"), paper=paper, orientation=orientation))
    for spec_id in ("sites", "site_atlas", "summary_table"):
        info = pdf_info(tmp_path / (figure(spec_id).file_stem() + ".pdf"))
        assert info["Page size"].strip().startswith(size), (spec_id, info["Page size"])


def test_page_setup_per_figure(demo_plan, tmp_path):
    export_figures(str(demo_plan), str(tmp_path), options(
        formats=("pdf",), figures=("overall", "zones"), page_setup=parse_page_setup(
            "zones=A4 portrait")))
    assert pdf_info(tmp_path / (figure("overall").file_stem() + ".pdf"))["Page size"].strip().startswith("1191 x 842")
    assert pdf_info(tmp_path / (figure("zones").file_stem() + ".pdf"))["Page size"].strip().startswith("595 x 842")
    with pytest.raises(InvalidInputError, match="page setup"):
        parse_page_setup("zones=A5")


# --- what a plan figure must say -----------------------------------------------------------------------------

def test_pdf_is_vector_text_with_the_frame_and_embedded_fonts(demo_plan, tmp_path):
    export_figures(str(demo_plan), str(tmp_path), options(
        formats=("pdf",), figures=("overall", "zones", "key_areas", "sites"), organisation="某规划设计研究院",
        date="2026年1月"))
    for spec_id in ("overall", "zones", "key_areas", "sites"):
        path = tmp_path / (figure(spec_id).file_stem() + ".pdf")
        text = pdf_text(path)
        flat = text.replace(" ", "")
        for expected in (figure(spec_id).title_zh, vocabulary.PLAN_TITLE_ZH, "图例", "2000国家大地坐标系",
                         "高斯-克吕格投影3度带中央经线114°", "编制单位", "某规划设计研究院", "编制日期", "2026年1月",
                         "数据来源", "示意", "比例尺1∶100000", "千米"):
            assert expected.replace(" ", "") in flat, (spec_id, expected)  # the characters as shown
        for neighbour in vocabulary.NEIGHBOURS:
            assert neighbour.name_zh in flat, neighbour  # placed with letter spacing; spaces removed above
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded
        assert "CJK" in fonts
    overall = pdf_text(tmp_path / (figure("overall").file_stem() + ".pdf")).replace(" ", "")
    for entry in vocabulary.CORRIDORS + vocabulary.BARRIERS + vocabulary.ZONES:
        assert entry.name_zh in overall  # the legend names every corridor, barrier and zone


def test_neighbour_names_sit_inside_their_district_and_the_map(demo_plan):
    exporter = FigureExporter(str(demo_plan), str(demo_plan.parent), options(formats=("pdf",)))
    exporter._read_plan()
    try:
        layout = exporter.build(figure("zones"))
        map_item = layout.itemById(templates.ITEM_MAP)
        names = map_item.layers()[0]
        assert names.name() == "相邻区名称"
        extent = map_item.extent()
        neighbours = {f["name"]: f.geometry() for f in exporter.layers.by_table["neighbour_districts"].getFeatures()}
        district = exporter.layers.district_geometry()
        placed = {f["name"]: f.geometry() for f in names.getFeatures()}
        assert set(placed) == {n.name_zh for n in vocabulary.NEIGHBOURS}
        arrow = map_item.layout().itemById(templates.ITEM_NORTH_ARROW)
        from pingcheng_plugin.core.figures.fill_map import layout_rect_to_map
        arrow_area = layout_rect_to_map(map_item, arrow.sceneBoundingRect())
        for name, point in placed.items():
            assert extent.contains(point.asPoint()), name
            assert neighbours[name].contains(point) and not district.contains(point), name
            assert not arrow_area.contains(point.asPoint()), name
    finally:
        exporter.project.clear()


def test_illustrative_note_follows_the_data(demo_plan):
    def note(plan):
        exporter = FigureExporter(str(plan), str(plan.parent), options(formats=("pdf",), figures=("zones",)))
        exporter._read_plan()
        try:
            return exporter.build(figure("zones")).itemById(templates.ITEM_ILLUSTRATIVE_NOTE).text()
        finally:
            exporter.project.clear()

    text = note(demo_plan)
    assert "示意" in text and "生态修复分区" in text and "不作为" in text
    for table in ("district_boundary", "neighbour_districts", "restoration_zones"):
        edit(demo_plan, f"UPDATE {table} SET illustrative = 0")
    assert note(demo_plan) == ""


def test_grid_options(demo_plan):
    exporter = FigureExporter(str(demo_plan), str(demo_plan.parent), options(formats=("pdf",), grid="km"))
    exporter._read_plan()
    try:
        grid = exporter.build(figure("zones")).itemById(templates.ITEM_MAP).grids().asList()[0]
        assert grid.enabled() and grid.crs().authid() == "EPSG:4547" and grid.intervalX() in (1000, 2000, 2500, 5000)
        exporter.options.grid = "graticule"
        grid = exporter.build(figure("zones")).itemById(templates.ITEM_MAP).grids().asList()[0]
        assert grid.enabled() and grid.crs().authid() == "EPSG:4490" and grid.intervalX() < 1
        exporter.options.grid = "none"
        grids = exporter.build(figure("zones")).itemById(templates.ITEM_MAP).grids().asList()
        assert not any(g.enabled() for g in grids)
    finally:
        exporter.project.clear()


def test_sites_are_numbered_as_in_the_summary_table(demo_plan):
    exporter = FigureExporter(str(demo_plan), str(demo_plan.parent), options(formats=("pdf",), figures=("sites",)))
    exporter._read_plan()
    try:
        layout = exporter.build(figure("sites"))
        sites = next(layer for layer in layout.itemById(templates.ITEM_MAP).layers()
                     if layer.name() == "重点工程项目")
        numbers = {f["project_code"]: f["seq"] for f in sites.getFeatures()}
        assert numbers == {row.project_code: row.seq for row in exporter.table.rows}
        assert sites.labelsEnabled() and sites.labeling().settings().fieldName == "seq"
    finally:
        exporter.project.clear()


def test_near_and_long_term_figures_show_their_phase_only(demo_plan):
    exporter = FigureExporter(str(demo_plan), str(demo_plan.parent), options(formats=("pdf",)))
    exporter._read_plan()
    try:
        for phase in ("near", "long"):
            layout = exporter.build(figure(f"sites_{phase}"))
            sites = next(layer for layer in layout.itemById(templates.ITEM_MAP).layers()
                         if layer.name() == "重点工程项目")
            expected = sql(demo_plan, "SELECT COUNT(*) FROM project_sites WHERE phase = ?", phase)[0][0]
            assert sites.featureCount() == expected > 0
            assert {f["phase"] for f in sites.getFeatures()} == {phase}
    finally:
        exporter.project.clear()


# --- the atlas (the table figure: test_figure_table.py) -------------------------------------------------------

def test_atlas_gives_one_page_per_site_in_table_order(demo_plan, tmp_path):
    export_figures(str(demo_plan), str(tmp_path), options(formats=("pdf",), figures=("site_atlas",)))
    path = tmp_path / (figure("site_atlas").file_stem() + ".pdf")
    codes = [r[0] for r in sql(demo_plan, "SELECT project_code FROM project_sites")]
    assert pdf_pages(path) == len(codes)
    from pingcheng_plugin.core.summary.table import build_summary

    ordered = [row.project_code for row in build_summary(str(demo_plan)).rows]
    for page, code in enumerate(ordered, start=1):
        done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True,
                              text=True, check=True)
        text = done.stdout
        assert code in text and "项目位置图" in text and "项目概况" in text


# --- templates ------------------------------------------------------------------------------------------------

def test_bundled_templates_are_complete(qgis_app):
    from qgis.core import QgsProject

    project = QgsProject()
    for kind, paper, orientation in all_variants():
        path = os.path.join(paths.templates_dir(), templates.template_name(kind, paper, orientation))
        layout = templates.load_template(path, project, kind)
        ids = {item.id() for item in layout.items() if hasattr(item, "id")}
        common = {templates.ITEM_TITLE, templates.ITEM_PLAN_NAME, templates.ITEM_ORGANISATION, templates.ITEM_DATE}
        if kind == "table":
            expected = common | {templates.ITEM_TABLE, templates.ITEM_TOTALS_ZONE, templates.ITEM_TOTALS_PHASE,
                                 templates.ITEM_TABLE_NOTE, templates.ITEM_UNIT_NOTE}
        else:
            expected = common | {templates.ITEM_MAP, templates.ITEM_LEGEND, templates.ITEM_NORTH_ARROW,
                                 templates.ITEM_SCALEBAR, templates.ITEM_SCALE_TEXT, templates.ITEM_CRS_NOTE,
                                 templates.ITEM_SOURCE_NOTE, templates.ITEM_ILLUSTRATIVE_NOTE}
            if kind == "atlas":
                expected |= {templates.ITEM_OVERVIEW, templates.ITEM_SITE_CARD, templates.ITEM_SUBTITLE}
        assert expected <= ids, (kind, paper, orientation, expected - ids)
        page = layout.pageCollection().page(0).pageSize()
        width, height = (420, 297) if paper == "A3" else (297, 210)
        if orientation == "portrait":
            width, height = height, width
        assert (round(page.width()), round(page.height())) == (width, height), (kind, paper, orientation)
    project.clear()


def test_a_user_edited_template_is_used(demo_plan, tmp_path):
    from qgis.core import QgsLayoutItemLabel, QgsLayoutPoint, QgsLayoutSize, QgsProject

    user = tmp_path / "我的模板"
    user.mkdir()
    project = QgsProject()
    source = os.path.join(paths.templates_dir(), "map_A3_landscape.qpt")
    layout = templates.load_template(source, project, "map")
    label = QgsLayoutItemLabel(layout)
    label.setText("审查稿专用标注")
    label.setId("my_note")
    layout.addLayoutItem(label)
    label.attemptMove(QgsLayoutPoint(20, 14))
    label.attemptResize(QgsLayoutSize(80, 10))
    layout.itemById(templates.ITEM_TITLE).setText("[% @layout_name %]（审查稿）")  # the user's own expression
    templates.save_template(layout, str(user / "zones_A3_landscape.qpt"))
    project.clear()
    out = tmp_path / "out"
    out.mkdir()
    export_figures(str(demo_plan), str(out), options(formats=("pdf",), figures=("zones", "key_areas"),
                                                     template_folder=str(user)))
    zones = pdf_text(out / (figure("zones").file_stem() + ".pdf")).replace(" ", "")
    assert "审查稿专用标注" in zones and "生态修复分区图（审查稿）" in zones
    assert "审查稿" not in pdf_text(out / (figure("key_areas").file_stem() + ".pdf"))  # other figures unchanged


def test_a_template_without_the_map_is_refused(demo_plan, tmp_path):
    user = tmp_path / "templates"
    user.mkdir()
    text = Path(paths.templates_dir(), "map_A3_landscape.qpt").read_text(encoding="utf-8")
    (user / "map_A3_landscape.qpt").write_text(text.replace('id="pc_map"', 'id="renamed"'), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError, match="pc_map"):
        export_figures(str(demo_plan), str(out), options(formats=("pdf",), figures=("zones",),
                                                         template_folder=str(user)))
    assert list(out.iterdir()) == []
    (user / "map_A3_landscape.qpt").write_text("<not a template", encoding="utf-8")
    with pytest.raises(ExportError, match="not a QGIS layout template"):
        export_figures(str(demo_plan), str(out), options(formats=("pdf",), figures=("zones",),
                                                         template_folder=str(user)))


# --- bad input ----------------------------------------------------------------------------------------------

def test_every_exporter_result_is_checked(demo_plan, tmp_path, monkeypatch):
    for code in (QgsLayoutExporter.FileError, QgsLayoutExporter.MemoryError, QgsLayoutExporter.PrintError,
                 QgsLayoutExporter.SvgLayerError, QgsLayoutExporter.IteratorError):
        with pytest.raises(ExportError, match="figure.pdf"):
            figure_export.check_result(code, "/tmp/figure.pdf")
    with pytest.raises(CancelledError):
        figure_export.check_result(QgsLayoutExporter.Canceled, "/tmp/figure.pdf")
    figure_export.check_result(QgsLayoutExporter.Success, "/tmp/figure.pdf")
    (tmp_path / "old.txt").write_text("kept")
    monkeypatch.setattr(QgsLayoutExporter, "exportToImage", lambda *args, **kwargs: QgsLayoutExporter.FileError)
    with pytest.raises(ExportError, match="not writable or the file is open"):
        export_figures(str(demo_plan), str(tmp_path), options(formats=("pdf", "png"), figures=("overall", "zones")))
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(demo_plan.name)) == ["old.txt"]


def test_failure_midway_leaves_the_folder_as_it_was(demo_plan, tmp_path, monkeypatch):
    existing = tmp_path / (figure("overall").file_stem() + ".pdf")
    existing.write_bytes(b"last week's figure")
    calls = []
    original = FigureExporter.export

    def export(self, layout, spec, fmt, staging):
        calls.append(spec.id)
        if len(calls) == 3:
            raise ExportError("disk full")
        return original(self, layout, spec, fmt, staging)

    monkeypatch.setattr(FigureExporter, "export", export)
    with pytest.raises(ExportError, match="disk full"):
        export_figures(str(demo_plan), str(tmp_path), options(formats=("pdf",), figures=("overall", "zones", "sites")))
    assert existing.read_bytes() == b"last week's figure"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(demo_plan.name)) == [existing.name]


def test_cancel_writes_nothing(demo_plan, tmp_path):
    steps = []

    def progress(percent, message=""):
        steps.append(message)
        return len(steps) < 4

    with pytest.raises(CancelledError):
        export_figures(str(demo_plan), str(tmp_path), options(formats=("pdf",)), progress)
    assert [p for p in tmp_path.iterdir() if not p.name.startswith(demo_plan.name)] == []


def test_bad_folders_and_options(demo_plan, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_figures(str(demo_plan), str(tmp_path / "missing"), options())
    folder = tmp_path / "只读"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(ExportError, match="read-only"):
            export_figures(str(demo_plan), str(folder), options(figures=("zones",)))
    for bad, message in ((dict(formats=("jpg",)), "not jpg"), (dict(dpi=5), "between"), (dict(paper="B5"), "B5"),
                         (dict(figures=("nope",)), "Unknown figure"), (dict(grid="hex"), "grid")):
        with pytest.raises(InvalidInputError, match=message):
            export_figures(str(demo_plan), str(tmp_path), options(**bad))


def test_a_read_only_target_is_refused_and_kept(demo_plan, tmp_path):
    target = tmp_path / (figure("zones").file_stem() + ".pdf")
    target.write_bytes(b"signed copy")
    with read_only(target):
        with pytest.raises(ExportError, match="read-only or open in another program"):
            export_figures(str(demo_plan), str(tmp_path), options(formats=("pdf",), figures=("zones",)))
    assert target.read_bytes() == b"signed copy"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pingcheng-export")]


def test_empty_site_layer(empty_plan, tmp_path):
    with pytest.raises(ExportError, match="no project sites"):
        export_figures(str(empty_plan), str(tmp_path), options(figures=("sites", "site_atlas")))
    result = export_figures(str(empty_plan), str(tmp_path), options(figures=("zones", "sites")))
    assert [os.path.basename(f) for f in result.files] == [figure("zones").file_stem() + ".pdf"]
    assert any("no project sites" in w for w in result.warnings)


def test_missing_cjk_font_falls_back_and_warns(demo_plan, tmp_path, monkeypatch):
    monkeypatch.setattr(typography, "find_cjk_family", lambda: None)
    result = export_figures(str(demo_plan), str(tmp_path), options(formats=("png",), figures=("zones",)))
    assert len(result.files) == 1 and os.path.exists(result.files[0])
    assert any("Chinese" in w and "font" in w for w in result.warnings)


def test_fonts_missing_on_this_machine_are_switched_to_the_cjk_font(demo_plan, tmp_path):
    from qgis.core import QgsProject

    from pingcheng_plugin.core.support import compat
    from pingcheng_plugin.core.support.fonts import find_cjk_family

    text = Path(paths.templates_dir(), "map_A3_landscape.qpt").read_text(encoding="utf-8")
    user = tmp_path / "t"
    user.mkdir()
    (user / "map_A3_landscape.qpt").write_text(text.replace("Noto Sans CJK SC", "Microsoft YaHei"), encoding="utf-8")
    project = QgsProject()
    layout = templates.load_template(str(user / "map_A3_landscape.qpt"), project, "map")
    assert typography.retarget_fonts(layout) > 5
    title = compat.label_text_format(layout.itemById(templates.ITEM_TITLE))
    assert title.font().family() == find_cjk_family()
    project.clear()


# --- Processing ---------------------------------------------------------------------------------------------

def test_exportfigures_algorithm(provider, qgis_processing, demo_plan, tmp_path):
    import processing

    algorithm = QgsApplication.processingRegistry().algorithmById("pingcheng:exportfigures")
    names = [p.name() for p in algorithm.parameterDefinitions()]
    assert names[:5] == ["PLAN", "OUTPUT_FOLDER", "FORMATS", "PAPER", "DPI"]
    assert {"OUTPUT_FOLDER", "FILES"} <= {o.name() for o in algorithm.outputDefinitions()}
    result = processing.run("pingcheng:exportfigures", {
        "PLAN": str(demo_plan), "OUTPUT_FOLDER": str(tmp_path), "FORMATS": ["pdf", "png"], "PAPER": "A4",
        "DPI": LOW_DPI, "FIGURES": ["zones", "summary_table"], "ORGANISATION": "测试单位"},
        feedback=QgsProcessingFeedback())
    assert result["OUTPUT_FOLDER"] == str(tmp_path)
    assert all(os.path.exists(f) for f in result["FILES"]) and result["COUNT"] == len(result["FILES"]) >= 4
    assert "测试单位" in pdf_text(tmp_path / (figure("zones").file_stem() + ".pdf"))
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run("pingcheng:exportfigures", {"PLAN": str(demo_plan), "OUTPUT_FOLDER": str(tmp_path / "x" / "y"),
                                                   "FORMATS": ["pdf"]}, feedback=QgsProcessingFeedback())


#: PDF points per millimetre (1 pt = 1/72 inch).
_PT_PER_MM = 72 / 25.4
_PAPER_MM = {"A3": (420, 297), "A4": (297, 210)}  # landscape width, height


def test_each_figure_has_the_page_size_asked_for(provider, qgis_processing, demo_plan, tmp_path):
    """A3 and A4, landscape and portrait, one per figure in turn (PAGE_SETUP): every page of every PDF is that
    size, read back by poppler's pdfinfo (ISO 216 sizes, ±1 mm); every PDF names the plan and QGIS."""
    import processing

    setups = [("A3", "landscape"), ("A4", "portrait"), ("A4", "landscape"), ("A3", "portrait")]
    asked = {spec.id: setups[n % len(setups)] for n, spec in enumerate(FIGURES)}
    page_setup = "; ".join(f"{figure_id}={paper} {orientation}" for figure_id, (paper, orientation) in asked.items())
    result = processing.run("pingcheng:exportfigures", {
        "PLAN": str(demo_plan), "OUTPUT_FOLDER": str(tmp_path), "FORMATS": ["pdf"], "DPI": LOW_DPI,
        "PAGE_SETUP": page_setup}, feedback=QgsProcessingFeedback())
    checked = set()
    for figure_id, (paper, orientation) in asked.items():
        width, height = _PAPER_MM[paper] if orientation == "landscape" else _PAPER_MM[paper][::-1]
        pdfs = [f for f in result["FILES"] if f.endswith(".pdf")
                and os.path.basename(f).startswith(figure(figure_id).file_stem())]
        assert pdfs, figure_id
        for pdf in pdfs:
            done = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", pdf], capture_output=True, text=True,
                                  check=True)
            sizes = [line.split(":", 1)[1].split("pts")[0].split("x") for line in done.stdout.splitlines()
                     if line.startswith("Page") and "size:" in line]
            assert sizes, pdf
            info = pdf_info(pdf)  # the atlas too: QGIS leaves an atlas PDF without title and with Qt as producer
            assert info["Title"].strip() == vocabulary.PLAN_TITLE_ZH, pdf
            assert info["Producer"].strip().startswith("QGIS ") and info["Creator"].strip().startswith("QGIS "), pdf
            for w, h in sizes:
                assert abs(float(w) / _PT_PER_MM - width) < 1 and abs(float(h) / _PT_PER_MM - height) < 1, \
                    (figure_id, paper, orientation, w, h)
        checked.add(figure_id)
    assert checked == {spec.id for spec in FIGURES}


def test_qgis_process_exports_headless(plugin_package, demo_plan, tmp_path):
    """Both algorithms through qgis_process.bin with the packaged plugin and the system Python."""
    from tests.helpers import ROOT

    env = dict(os.environ, HOME=str(tmp_path))
    out = tmp_path / "图件 out"
    out.mkdir()
    script = str(ROOT / "scripts" / "qgis-process.sh")
    done = subprocess.run([script, "run", "pingcheng:exportfigures", "--", f"PLAN={demo_plan}",
                           f"OUTPUT_FOLDER={out}", "FORMATS=pdf", "FORMATS=svg", "DPI=30", "FIGURES=overall"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Formats: PDF, SVG; paper: A3 landscape; 30 dpi" in done.stdout  # qgis_process's own echo is empty
    # no Python warning from the plugin or about its libraries (shapely 1.8's STRtree, QGIS 3.22's setapi); newer
    # Pythons warn about QGIS's own code, which is not the plugin's to fix
    warnings = [line for line in done.stderr.splitlines() if "Warning" in line]
    assert not [w for w in warnings if "pingcheng_plugin" in w or "shapely" in w.lower() or "setapi" in w], warnings
    assert (out / (figure("overall").file_stem() + ".pdf")).exists()
    done = subprocess.run([script, "run", "pingcheng:exportsummary", "--", f"PLAN={demo_plan}",
                           f"OUTPUT={out / '汇总表.xlsx'}"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "汇总表.xlsx").stat().st_size > 5000
    shutil.rmtree(out)


# --- searchable PDFs -----------------------------------------------------------------------------------------

def _radicals(text: str) -> list:
    return sorted({c for c in text if 0x2E80 <= ord(c) <= 0x2FDF})


def test_every_pdf_is_searchable_with_its_fonts_embedded(demo_plan, tmp_path):
    """Every figure's PDF gives back its title exactly and no radical look-alike (⽣ for 生); the fonts stay
    embedded (poppler's pdffonts), the text stays text and the file stays sound (qpdf)."""
    result = export_figures(str(demo_plan), str(tmp_path), options(formats=("pdf",)))
    pdfs = [f for f in result.files if f.endswith(".pdf")]
    assert len(pdfs) >= len(FIGURES)
    for spec in FIGURES:
        for pdf in [f for f in pdfs if os.path.basename(f).startswith(spec.file_stem())]:
            text = pdf_text(pdf)
            assert _radicals(text) == [], (pdf, _radicals(text))
            assert spec.title_zh in text.replace(" ", ""), (pdf, spec.title_zh)
            assert "生态" in text or spec.kind == "atlas"
            fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
            rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
            assert rows and all("yes" == row[-5] for row in rows), fonts  # the "emb" column
            # the corrected text maps are an incremental update: qpdf finds the file sound, warnings included
            checked = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
            assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr, checked.stdout


def test_text_maps_are_corrected_in_every_form():
    """bfchar pairs, ranges with one destination per code and runs of destinations: only destinations change."""
    from pingcheng_plugin.core.figures.pdf_text import fix_cmap, ideograph

    assert (ideograph(0x2F63), ideograph(0x2EDB), ideograph(0x751F), ideograph(0x41)) == (0x751F, 0x98CE, 0x751F,
                                                                                          0x41)
    cmap = (b"2 beginbfchar\n<2F63> <2F63>\n<0005> <0041>\nendbfchar\n"
            b"2 beginbfrange\n<0001> <0003> [<2F24> <540C> <2EDB>]\n<0010> <0012> <2F62>\nendbfrange\n")
    fixed = fix_cmap(cmap)
    assert b"<2F63> <751F>" in fixed and b"<0005> <0041>" in fixed  # the source code 2F63 stays a source
    assert b"[<5927> <540C> <98CE>]" in fixed
    assert b"<0010> <0012> [<7518> <751F> <7528>]" in fixed  # ⽢⽣⽤ written out as 甘生用
