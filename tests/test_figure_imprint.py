"""What a figure set prints once and keeps: 编制单位, 编制日期 and the 附图/附表 numbers, stored in the plan.

An approved set of 规划附图 is re-exported later (a corrected colour, another paper); it must print the same date and
numbers unless the user changes them. Checked through ``pingcheng:exportfigures`` and the export dialog, against
the PDF's own text (pdftotext) and the plan's metadata table read with SQL.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from pingcheng_plugin.core.figures import FIGURES, figure
from tests.helpers import sql

LOW_DPI = 30


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def run_export(plan, folder, **parameters) -> dict:
    import processing

    parameters = {"PLAN": str(plan), "OUTPUT_FOLDER": str(folder), "FORMATS": ["pdf"], "DPI": LOW_DPI, **parameters}
    return processing.run("pingcheng:exportfigures", parameters, feedback=QgsProcessingFeedback())


def pdf_of(folder, figure_id: str) -> str:
    return os.path.join(str(folder), figure(figure_id).file_stem() + ".pdf")


def stored(plan, key: str) -> str:
    rows = sql(plan, "SELECT value FROM pingcheng_meta WHERE key = ?", key)
    return rows[0][0] if rows else ""


def test_the_date_printed_first_is_kept_for_every_later_export(provider, qgis_processing, demo_plan, tmp_path):
    """A first export with no date prints this month and stores it; a later export with no date prints the stored
    one even in another month; a date given explicitly replaces it, and is kept in turn."""
    today = datetime.date.today()
    this_month = f"{today.year}年{today.month}月"
    assert stored(demo_plan, "imprint_date") == ""
    run_export(demo_plan, tmp_path / "first", FIGURES=["zones"])
    assert this_month in pdf_text(pdf_of(tmp_path / "first", "zones"))
    assert stored(demo_plan, "imprint_date") == this_month

    # the approved set's date, as the bureau's approval names it
    run_export(demo_plan, tmp_path / "approved", FIGURES=["zones"], DATE="2025年6月", ORGANISATION="某设计院")
    assert stored(demo_plan, "imprint_date") == "2025年6月"
    run_export(demo_plan, tmp_path / "again", FIGURES=["zones", "summary_table"])
    for figure_id in ("zones", "summary_table"):
        text = pdf_text(pdf_of(tmp_path / "again", figure_id))
        assert "2025年6月" in text and this_month not in text, figure_id
        assert "某设计院" in text, figure_id


def test_every_sheet_prints_its_number_and_the_numbers_are_kept(provider, qgis_processing, demo_plan, tmp_path):
    """Maps are 附图1… in catalogue order, the table 附表1; numbers given once are printed on every sheet of that
    figure (each atlas page, each table page) and by every later export."""
    maps = [spec.id for spec in FIGURES if spec.kind != "table"]
    run_export(demo_plan, tmp_path / "default")
    for position, figure_id in enumerate(maps, start=1):
        text = pdf_text(pdf_of(tmp_path / "default", figure_id))
        assert re.search(rf"附图{position}(?!\d)", text), figure_id
    assert "附表1" in pdf_text(pdf_of(tmp_path / "default", "summary_table"))

    run_export(demo_plan, tmp_path / "renumbered", FIGURES=["overall", "site_atlas", "summary_table"],
               FIGURE_NUMBERS="overall=3-1; site_atlas=附图12; summary_table=2")
    run_export(demo_plan, tmp_path / "later", FIGURES=["overall", "site_atlas", "summary_table"])
    for folder in ("renumbered", "later"):
        assert "附图3-1" in pdf_text(pdf_of(tmp_path / folder, "overall"))
        atlas = pdf_of(tmp_path / folder, "site_atlas")
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
            ["pdfinfo", atlas], capture_output=True, text=True, check=True).stdout).group(1))
        sites = sql(demo_plan, "SELECT COUNT(*) FROM project_sites")[0][0]
        assert pages == sites
        for page in range(1, pages + 1):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), atlas, "-"], capture_output=True,
                                  text=True, check=True).stdout
            assert "附图12" in text, (folder, page)
        table = pdf_of(tmp_path / folder, "summary_table")
        assert "附表2" in pdf_text(table) and "附表1" not in pdf_text(table)
    assert '"overall": "3-1"' in stored(demo_plan, "figure_numbers")


def test_a_bad_number_names_the_figure_and_writes_nothing(provider, qgis_processing, demo_plan, tmp_path):
    before = stored(demo_plan, "figure_numbers")
    with pytest.raises(QgsProcessingException) as caught:
        run_export(demo_plan, tmp_path / "bad", FIGURES=["zones"], FIGURE_NUMBERS="zones=3 <b>x</b>")
    assert figure("zones").title_zh in str(caught.value) and "3 <b>x</b>" in str(caught.value)
    with pytest.raises(QgsProcessingException, match="overall=1"):
        run_export(demo_plan, tmp_path / "bad", FIGURE_NUMBERS="zones")
    assert not (tmp_path / "bad").exists() or not os.listdir(tmp_path / "bad")
    assert stored(demo_plan, "figure_numbers") == before


def test_the_dialog_shows_the_stored_numbers_and_passes_edits(plugin, demo_plan, tmp_path):
    from pingcheng_plugin.core.store import plan_settings
    from pingcheng_plugin.core.support.errors import InvalidInputError
    from pingcheng_plugin.ui.export_figures import NUMBER_COLUMN, ExportFiguresDialog

    plan_settings.write_figure_numbers(str(demo_plan), {"zones": "7"})
    dialog = ExportFiguresDialog(plan=str(demo_plan))
    try:
        shown = {FIGURES[row].id: dialog.figureTable.item(row, NUMBER_COLUMN).text()
                 for row in range(dialog.figureTable.rowCount())}
        assert shown["zones"] == "7" and shown["overall"] == "1" and shown["summary_table"] == "1"
        row = [spec.id for spec in FIGURES].index("key_areas")
        dialog.figureTable.item(row, NUMBER_COLUMN).setText("附图 5")
        assert dialog.options().figure_numbers["key_areas"] == "5"
        dialog.figureTable.item(row, NUMBER_COLUMN).setText("五")
        with pytest.raises(InvalidInputError, match=figure("key_areas").title_zh):
            dialog.options()
    finally:
        dialog.deleteLater()


def test_a_plan_that_cannot_be_written_still_exports_and_says_it_kept_nothing(provider, qgis_processing, demo_plan,
                                                                               tmp_path):
    import processing

    from tests.helpers import read_only

    feedback = QgsProcessingFeedback()
    warnings = []
    feedback.pushWarning = warnings.append  # what the user reads in the algorithm's log
    with read_only(demo_plan):
        result = processing.run("pingcheng:exportfigures", {
            "PLAN": str(demo_plan), "OUTPUT_FOLDER": str(tmp_path), "FORMATS": ["pdf"], "DPI": LOW_DPI,
            "FIGURES": ["zones"], "DATE": "2025年6月"}, feedback=feedback)
    assert "2025年6月" in pdf_text(result["FILES"][0])
    assert any("could not keep" in w and str(demo_plan) in w for w in warnings), warnings
    assert stored(demo_plan, "imprint_date") == ""
