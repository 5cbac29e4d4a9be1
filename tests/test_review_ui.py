"""Field review in the GUI (#20): the review dock driven through its widgets on a package's own project, and the
prepare and merge dialogs run from the plugin's menu actions; every result checked with SQL on the GeoPackages."""

from __future__ import annotations

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.PyQt.QtWidgets import QComboBox, QDialog

from pingcheng_plugin.ui import feedback
from pingcheng_plugin.ui.review_dialogs import MergeReviewDialog, PrepareReviewDialog, ReviewReportDialog
from tests import test_review
from tests.helpers import sql, wait_for_task
from tests.test_review import CHANGE, SITES, _geometry, _plan_state, _prepare, run

packaged = test_review.packaged  # the reviewed package of test_review, as fixtures here too
reviewed = test_review.reviewed


def _envelope(package, code) -> QgsRectangle:
    (blob,), = sql(package, "SELECT geom FROM project_sites WHERE project_code = ?", code)
    return QgsRectangle(*_geometry(blob).bounds)


def _bar_texts(widget) -> str:
    return " ".join(item.text() for item in feedback.dialog_bar(widget).items())


@pytest.fixture
def package_project(plugin, provider, demo_plan, tmp_path, qgis_iface):
    """A package of the three sites, its review.qgz opened as the reviewer opens it, the canvas in its CRS."""
    folder = tmp_path / "核查包"
    _prepare(demo_plan, folder)
    assert QgsProject.instance().read(str(folder / "review.qgz"))
    qgis_iface.mapCanvas().setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4547"))
    yield folder
    QgsProject.instance().clear()


def test_review_dock_steps_through_the_sites_and_saves_a_review(plugin, package_project, qgis_iface):
    package = package_project / "review.gpkg"
    plugin.action("review_panel").trigger()
    dock = plugin.review_dock
    panel = dock.panel
    assert not dock.isHidden()
    listed = [panel.siteList.item(row).text() for row in range(panel.siteList.count())]
    assert sorted(text.split()[0] for text in listed) == sorted(SITES) and all("待核查" in t for t in listed)
    columns = [r[1] for r in sql(package, "PRAGMA table_info(project_sites)")]
    plan_columns = ", ".join(c for c in columns if not c.startswith("review") and c != "reviewer")
    before = sql(package, f"SELECT {plan_columns} FROM project_sites ORDER BY fid")
    canvas = qgis_iface.mapCanvas()
    seen = []
    for button in (panel.nextButton, panel.nextButton, panel.previousButton):
        button.click()
        code = listed[panel.siteList.currentRow()].split()[0]
        assert canvas.extent().contains(_envelope(package, code)), code
        seen.append(code)
    assert seen[0] == seen[2] != seen[1]
    code = seen[2]
    panel.stateCombo.setCurrentIndex(panel.stateCombo.findData("需修改"))
    panel.findingEdit.setPlainText("东侧已建成道路")
    panel.commentEdit.setPlainText("建议收缩东侧边界")
    panel.saveButton.click()
    rows = {r[0]: r[1:] for r in sql(package, "SELECT project_code, review_state, review_finding, review_comment, "
                                              "reviewer, reviewed_at IS NOT NULL FROM project_sites")}
    assert rows[code] == ("需修改", "东侧已建成道路", "建议收缩东侧边界", "王核查", 1)
    assert all(rows[other][0] == "待核查" for other in SITES if other != code)
    assert sql(package, f"SELECT {plan_columns} FROM project_sites ORDER BY fid") == before  # the sites untouched
    assert "需修改" in panel.siteList.currentItem().text()
    assert panel.positionValue.text() == "No GPS receiver connected"  # none here: tolerated, nothing stored
    assert sql(package, "SELECT review_lon FROM project_sites WHERE project_code = ?", code) == [(None,)]


def test_review_dock_without_a_package_says_so(plugin, opened_plan):
    panel = plugin.review_dock.panel
    assert panel.siteList.count() == 0 and not panel.saveButton.isEnabled()
    assert "review.qgz" in panel.packageLabel.text()


def _run_dialog(monkeypatch, dialog_class, answers):
    """Answer the dialog's exec() calls in turn: each answer fills the dialog and returns the button pressed."""
    shown = []

    def answer(dialog):
        shown.append(dialog)
        return answers[len(shown) - 1](dialog)

    monkeypatch.setattr(dialog_class, "exec", answer)
    return shown


def test_prepare_dialog_packs_the_chosen_sites(plugin, opened_plan, tmp_path, monkeypatch, qgis_iface):
    folder = tmp_path / "包"

    def fill(dialog):
        assert dialog.planWidget.filePath() == str(opened_plan)
        dialog.sitesEdit.setText(f"\"project_code\" = '{CHANGE}'")
        dialog.reviewerEdit.setText("李核查")
        dialog.folderWidget.setFilePath(str(folder))
        return QDialog.DialogCode.Accepted

    _run_dialog(monkeypatch, PrepareReviewDialog, [fill])
    plugin.action("prepare_review").trigger()
    (task,) = plugin.review.runner.tasks
    wait_for_task(task)
    assert sql(folder / "review.gpkg", "SELECT project_code, reviewer FROM project_sites") == [(CHANGE, "李核查")]
    assert any("1 sites packed for review" in item.text() for item in qgis_iface.messageBar().items())


def test_prepare_dialog_refuses_an_expression_matching_nothing(plugin, opened_plan, tmp_path, monkeypatch):
    folder = tmp_path / "包"

    def fill(dialog):
        dialog.sitesEdit.setText("\"project_code\" = 'no such site'")
        dialog.reviewerEdit.setText("李核查")
        dialog.folderWidget.setFilePath(str(folder))
        return QDialog.DialogCode.Accepted

    def read_and_cancel(dialog):
        assert "No site of the plan matches" in _bar_texts(dialog)
        assert dialog.reviewerEdit.text() == "李核查"  # the choices are kept
        return QDialog.DialogCode.Rejected

    shown = _run_dialog(monkeypatch, PrepareReviewDialog, [fill, read_and_cancel])
    plugin.action("prepare_review").trigger()
    assert len(shown) == 2 and plugin.review.runner.tasks == [] and not folder.exists()


def test_merge_dialog_shows_the_changes_and_asks_for_the_conflict(plugin, reviewed, monkeypatch):
    plan, folder, proposal, _ = reviewed

    def fill(dialog):
        dialog.planWidget.setFilePath(str(plan))
        dialog.packageWidget.setFilePath(str(folder))
        table = dialog.siteTable
        rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
        assert set(rows) == set(SITES)
        conflicts = [code for code, r in rows.items() if isinstance(table.cellWidget(r, 2), QComboBox)]
        assert conflicts == [CHANGE]
        assert "boundary proposal" in table.item(rows[CHANGE], 3).text()
        assert "edited in the plan" in table.item(rows[CHANGE], 3).text()
        assert table.item(rows[CHANGE], 1).text() == "需修改"
        dialog.choose(CHANGE, "review")
        return QDialog.DialogCode.Accepted

    _run_dialog(monkeypatch, MergeReviewDialog, [fill])
    plugin.action("merge_review").trigger()
    (task,) = plugin.review.runner.tasks
    wait_for_task(task)
    (geom,), = sql(plan, "SELECT geom FROM project_sites WHERE project_code = ?", CHANGE)
    assert _geometry(geom).equals_exact(proposal, 1e-6)  # the review side, as chosen
    assert sql(plan, "SELECT kept_side, lost_side FROM review_conflicts") == [("review", "plan")]
    assert sql(plan, "SELECT on_conflict, merged_sites FROM review_merges") == [("ask", 3)]


def test_merge_dialog_refuses_a_package_of_another_plan(plugin, reviewed, empty_plan, monkeypatch):
    plan, folder, _, _ = reviewed
    before = _plan_state(empty_plan)

    def fill(dialog):
        dialog.planWidget.setFilePath(str(empty_plan))
        dialog.packageWidget.setFilePath(str(folder))
        assert "prepared from another plan" in _bar_texts(dialog)
        return QDialog.DialogCode.Accepted

    def cancel(dialog):
        assert dialog.siteTable.rowCount() == 0
        return QDialog.DialogCode.Rejected

    shown = _run_dialog(monkeypatch, MergeReviewDialog, [fill, cancel])
    plugin.action("merge_review").trigger()
    assert len(shown) == 2 and plugin.review.runner.tasks == []
    assert _plan_state(empty_plan) == before


def _nmea(body: str) -> bytes:
    checksum = 0
    for character in body:
        checksum ^= ord(character)
    return f"${body}*{checksum:02X}\r\n".encode("ascii")


@pytest.fixture
def gps_receiver():
    """A receiver connected through QGIS's GPS connection registry, reporting a fix at 113.3°E 40.08°N."""
    from qgis.core import QgsApplication, QgsNmeaConnection
    from qgis.PyQt.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.ReadWrite)
    connection = QgsNmeaConnection(buffer)
    buffer.write(_nmea("GPRMC,101500,A,4004.800,N,11318.000,E,0.0,0.0,070526,,,A")
                 + _nmea("GPGGA,101500,4004.800,N,11318.000,E,1,08,0.9,1050.0,M,0.0,M,,"))
    buffer.seek(0)
    connection.parseData()  # what the connection does when the receiver's data arrives
    registry = QgsApplication.gpsConnectionRegistry()
    registry.registerConnection(connection)
    yield connection
    registry.unregisterConnection(connection)


def test_review_dock_records_the_gps_position(plugin, package_project, gps_receiver):
    package = package_project / "review.gpkg"
    panel = plugin.review_dock.panel
    panel.nextButton.click()
    code = panel.siteList.currentItem().text().split()[0]
    assert panel.positionValue.text() == "113.300000, 40.080000"
    panel.stateCombo.setCurrentIndex(panel.stateCombo.findData("通过"))
    panel.saveButton.click()
    (lon, lat, state), = sql(package, "SELECT review_lon, review_lat, review_state FROM project_sites "
                                      "WHERE project_code = ?", code)
    assert (lon, lat, state) == (pytest.approx(113.3), pytest.approx(40.08), "通过")


def test_report_action_writes_the_report_of_the_merged_package(plugin, reviewed, tmp_path, monkeypatch, qgis_iface):
    """Review report… from the menu: a PDF written in a task, every merged review in it (pdftotext vs SQL), and a
    done message whose button opens the report's folder."""
    import subprocess

    from qgis.PyQt.QtWidgets import QPushButton

    plan, folder, _, _ = reviewed
    run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(folder), "ON_CONFLICT": "plan"})
    output = tmp_path / "报告" / "核查报告.pdf"
    output.parent.mkdir()

    def fill(dialog):
        dialog.planWidget.setFilePath(str(plan))
        assert dialog.outputWidget.filePath() == str(plan.parent / "核查报告.html")  # beside the plan by default
        dialog.packageWidget.setFilePath(str(folder))
        dialog.outputWidget.setFilePath(str(output))
        return QDialog.DialogCode.Accepted

    _run_dialog(monkeypatch, ReviewReportDialog, [fill])
    plugin.action("review_report").trigger()
    (task,) = plugin.review.runner.tasks
    wait_for_task(task)
    import unicodedata

    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", str(output), "-"], capture_output=True,
                                                        text=True, check=True).stdout)
    rows = sql(plan, "SELECT project_code, review_state, reviewer FROM site_reviews")
    assert len(rows) == 3 and all(code in text and state in text and reviewer in text for code, state, reviewer in rows)
    (done,) = [item for item in qgis_iface.messageBar().items() if "Review report of 3 sites" in item.text()]
    opened = []
    monkeypatch.setattr("qgis.PyQt.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()))
    (button,) = [b for b in done.findChildren(QPushButton) if b.text() == "Open folder"]
    button.click()
    assert opened == [str(output.parent)]


def test_report_dialog_refuses_bad_choices_in_the_dialog(plugin, reviewed, empty_plan, tmp_path, monkeypatch):
    """A text file, then another plan's package: each said in the dialog, the choices kept, nothing written."""
    _, folder, _, _ = reviewed
    output = tmp_path / "out" / "报告.html"
    output.parent.mkdir()

    def wrong_extension(dialog):
        dialog.planWidget.setFilePath(str(empty_plan))
        dialog.packageWidget.setFilePath(str(folder))
        dialog.outputWidget.setFilePath(str(tmp_path / "out" / "报告.txt"))
        return QDialog.DialogCode.Accepted

    def another_plan(dialog):
        assert ".html or .pdf" in _bar_texts(dialog)
        dialog.outputWidget.setFilePath(str(output))
        return QDialog.DialogCode.Accepted

    def cancel(dialog):
        assert "prepared from another plan" in _bar_texts(dialog)
        assert dialog.packageWidget.filePath() == str(folder)  # the choices are kept
        return QDialog.DialogCode.Rejected

    shown = _run_dialog(monkeypatch, ReviewReportDialog, [wrong_extension, another_plan, cancel])
    plugin.action("review_report").trigger()
    assert len(shown) == 3 and plugin.review.runner.tasks == []
    assert list(output.parent.iterdir()) == []

