"""The 生态修复规划 dock: entries, live figures against the GeoPackage, actions, and bad input."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsCategorizedSymbolRenderer, QgsGeometry, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtWidgets import QApplication

from pingcheng_plugin.core.sites.plan_stats import UNCLASSIFIED
from pingcheng_plugin.plan import vocabulary
from pingcheng_plugin.ui.plan_tree import CODE, CODE_ROLE, COUNT, FID_ROLE, INVESTMENT, KIND_ROLE
from tests.helpers import bow_tie, layer_by_table, rectangle, sql, square
from tests.helpers.common import ui_locale
from tests.helpers.sites import VALID, add_site, zone_point


@pytest.fixture
def zh_locale():
    with ui_locale("zh-Hans"):
        yield


@pytest.fixture
def dock(plugin, opened_plan):
    dock = plugin.dock
    dock.watcher.refresh_plan()
    return dock


def shown(dock, kind, code, column):
    """The text the tree shows for an entry (first occurrence) in a column."""
    item = dock.model.entries[(kind, code)][0]
    parent = item.parent() or dock.model.invisibleRootItem()
    return parent.child(item.row(), column).text()


def flush(dock):
    dock.watcher.flush_now()


# --- entries ------------------------------------------------------------------------------------------------------

def test_lists_exactly_the_plans_entries_with_the_plans_names(zh_locale, qgis_iface, opened_plan):
    from pingcheng_plugin import classFactory

    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        model = plugin.dock.model
        keys = model.entry_keys()
        counts = {kind: len([k for k in keys if k[0] == kind]) for kind in
                  ("corridor", "barrier", "zone", "key_area", "project_type")}
        assert counts == {"corridor": 2, "barrier": 2, "zone": 4, "key_area": 7, "project_type": 8}
        for (kind, code), items in model.entries.items():
            if code != UNCLASSIFIED:
                assert all(item.text() == vocabulary.by_code(kind, code).name_zh for item in items)
        sections = [model.item(row).text() for row in range(model.rowCount())]
        assert sections == ["总体布局", "生态修复分区", "重点区域", "重点工程"]
        groups = [model.item(0).child(row).text() for row in range(model.item(0).rowCount())]
        assert groups == ["双廊", "两屏", "四区"]
        assert plugin.dock.windowTitle() == "生态修复规划"
    finally:
        plugin.unload()


def test_empty_prompt_without_a_plan(plugin, qgis_new_project):
    dock = plugin.dock
    dock.watcher.refresh_plan()
    assert dock.panel.stack.currentWidget() is dock.panel.emptyPage
    assert "Open or create" in dock.panel.emptyLabel.text()


def test_follows_the_plan_in_and_out(plugin, opened_plan):
    dock = plugin.dock
    dock.watcher.refresh_plan()
    assert dock.panel.stack.currentWidget() is dock.panel.planPage
    assert "示意" in dock.panel.planLabel.text() or "illustrative" in dock.panel.planLabel.text()
    QgsProject.instance().clear()
    dock.watcher.refresh_plan()
    assert dock.panel.stack.currentWidget() is dock.panel.emptyPage


# --- figures equal the GeoPackage ----------------------------------------------------------------------------------

def test_counts_and_sums_equal_a_direct_query(dock, opened_plan):
    for code, count, total in sql(opened_plan, "SELECT project_type, COUNT(*), TOTAL(investment) FROM project_sites "
                                               "GROUP BY project_type"):
        assert shown(dock, "project_type", code, COUNT) == str(count)
        assert shown(dock, "project_type", code, INVESTMENT).replace(",", "").rstrip(" *") == f"{total:.0f}"
    for code, count, total in sql(opened_plan, "SELECT zone_code, COUNT(*), TOTAL(investment) FROM project_sites "
                                               "GROUP BY zone_code"):
        assert dock.summary.get("zone", code).count == count
        assert dock.summary.get("zone", code).investment == pytest.approx(total)
    for entry in vocabulary.KEY_AREAS:
        ((count, total),) = sql(opened_plan, "SELECT COUNT(*), TOTAL(investment) FROM project_sites "
                                             "WHERE key_areas LIKE ?", f'%"{entry.code}"%')
        assert dock.summary.get("key_area", entry.code).count == count
        assert dock.summary.get("key_area", entry.code).investment == pytest.approx(total)
    for code, count, total in sql(opened_plan, "SELECT phase, COUNT(*), TOTAL(investment) FROM project_sites "
                                               "GROUP BY phase"):
        assert dock.summary.get("phase", code).count == count
        assert dock.summary.get("phase", code).investment == pytest.approx(total)
    ((missing,),) = sql(opened_plan, "SELECT COUNT(*) FROM project_sites WHERE investment IS NULL")
    assert dock.summary.total.investment_missing == missing == 1  # shown with *, never counted as 0


def test_zone_areas_match_the_layer(dock, opened_plan):
    for code, area in sql(opened_plan, "SELECT code, area_km2 FROM restoration_zones"):
        assert dock.stats.areas["zone"][code].area_km2 == pytest.approx(area, abs=0.0001)


def test_corridor_counts_are_spatial(dock, opened_plan):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    corridors = {f["code"]: f.geometry() for f in layer_by_table(QgsProject.instance(), "eco_corridors").getFeatures()}
    expected = sum(1 for s in sites.getFeatures() if s.geometry().intersection(corridors["C1"]).area() > 1)
    assert dock.summary.get("corridor", "C1").count == expected > 0


# --- live ----------------------------------------------------------------------------------------------------------

def test_add_edit_delete_update_the_numbers(dock):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    before = dock.summary.get("project_type", "DXSZ").count
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 300), dict(VALID, project_type="DXSZ", investment=500.0))
    flush(dock)
    assert dock.summary.get("project_type", "DXSZ").count == before + 1
    assert shown(dock, "project_type", "DXSZ", COUNT) == str(before + 1)
    assert dock.model.site_item(fid).parent() is dock.model.type_items["DXSZ"]
    sites.changeAttributeValue(fid, sites.fields().indexOf("project_type"), "CQGG")
    flush(dock)
    assert dock.summary.get("project_type", "DXSZ").count == before
    assert dock.model.site_item(fid).parent() is dock.model.type_items["CQGG"]
    invest_before = dock.summary.get("project_type", "CQGG").investment
    sites.changeAttributeValue(fid, sites.fields().indexOf("investment"), 1500.0)
    flush(dock)
    assert dock.summary.get("project_type", "CQGG").investment == pytest.approx(invest_before + 1000.0)
    sites.deleteFeature(fid)
    flush(dock)
    assert dock.model.site_item(fid) is None
    assert dock.summary.get("project_type", "CQGG").investment == pytest.approx(invest_before - 500.0)
    assert_same_totals(dock.stats.recount(), dock.stats.summary())  # kept edit by edit = counted afresh
    sites.rollBack()
    flush(dock)
    assert dock.summary.get("project_type", "DXSZ").count == before


def test_a_save_rereads_only_the_saved_sites(dock, monkeypatch):
    """A save in a plan of any size re-reads the saved sites only (under their new fids, with the codes the
    database gave them) and gives the same figures as reading the whole plan again."""
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    total = dock.summary.total.count
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    temporary = add_site(sites, square(p.x(), p.y(), 300), VALID)
    edited = next(f.id() for f in sites.getFeatures() if f.id() >= 0)
    sites.changeAttributeValue(edited, sites.fields().indexOf("investment"), 4321.0)
    flush(dock)
    loads, updates = [], []
    monkeypatch.setattr(dock.stats, "load", lambda features: loads.append(features))
    monkeypatch.setattr(dock.stats, "load_records", lambda records: loads.append(records))
    monkeypatch.setattr(dock.stats, "load_rows", lambda rows, *overlaps: loads.append(rows))
    real_update = dock.stats.update
    monkeypatch.setattr(dock.stats, "update", lambda features: updates.append([f.id() for f in features])
                        or real_update(features))
    assert sites.commitChanges()
    flush(dock)
    assert loads == []  # no reading of the whole plan
    new = max(dock.stats.sites)
    assert temporary not in dock.stats.sites and sorted(updates[-1]) == sorted([edited, new])
    assert dock.summary.total.count == total + 1 and all(fid >= 0 for fid in dock.stats.sites)
    assert dock.stats.sites[new].code and dock.stats.sites[new].code.startswith("140213-")
    incremental = dock.summary
    monkeypatch.undo()
    dock.sites_reloaded()
    assert_same_totals(dock.summary, incremental)
    assert_same_totals(dock.stats.recount(), dock.stats.summary())


def assert_same_totals(one, other):
    """Counts equal, sums equal to the last rounding (totals kept edit by edit add and take away floats)."""
    def flat(summary):
        rows = {("total", ""): summary.total}
        rows.update({(kind, code): totals for kind, table in summary.by_kind.items() for code, totals in table.items()})
        return rows

    a, b = flat(one), flat(other)
    assert a.keys() == b.keys()
    for key in a:
        assert (a[key].count, a[key].investment_missing) == (b[key].count, b[key].investment_missing), key
        assert a[key].area_ha == pytest.approx(b[key].area_ha) and a[key].investment == pytest.approx(b[key].investment)
        assert {k: v[0] for k, v in a[key].by_phase.items()} == {k: v[0] for k, v in b[key].by_phase.items()}, key


def test_saved_edits_to_a_zone_update_its_area(dock, opened_plan):
    """The user reshapes a zone and saves: the panel's zone area follows the saved layer."""
    zones = layer_by_table(QgsProject.instance(), "restoration_zones")
    fid = next(f.id() for f in zones.getFeatures() if f["code"] == "Z1")
    p = zone_point(QgsProject.instance(), "Z1")
    assert zones.startEditing()
    assert zones.changeGeometry(fid, square(p.x(), p.y(), 1000))
    assert zones.commitChanges(), zones.commitErrors()
    flush(dock)
    assert dock.stats.areas["zone"]["Z1"].area_km2 == pytest.approx(1.0, rel=0.01)


def test_official_plan_layer_import_updates_the_panel(plugin, dock, opened_plan, tmp_path):
    """After *Import official plan layer…* the panel shows the imported zones (areas and 示意 badge), not the old."""
    from osgeo import ogr

    from tests.helpers import wait_for_task
    from tests.helpers.exchange_files import write_ogr

    zones = {f["code"]: f.geometry() for f in layer_by_table(QgsProject.instance(), "restoration_zones").getFeatures()}
    old = {code: dock.stats.areas["zone"][code].area_km2 for code in zones}
    swapped = {"Z1": zones["Z3"], "Z2": zones["Z2"], "Z3": zones["Z1"], "Z4": zones["Z4"]}
    path = write_ogr(tmp_path / "zones.gpkg", "GPKG", [({"BM": code}, g) for code, g in swapped.items()],
                     columns=(("BM", ogr.OFTString),))
    dialog = plugin.exchange.import_plan_layer()
    dialog.panel.fileWidget.setFilePath(str(path))
    assert dialog.check() is not None
    wait_for_task(dialog.start_import())
    assert dialog.result.imported == ["Z1", "Z2", "Z3", "Z4"]
    flush(dock)
    assert dock.stats.areas["zone"]["Z1"].area_km2 == pytest.approx(old["Z3"], abs=0.001)
    assert dock.stats.areas["zone"]["Z3"].area_km2 == pytest.approx(old["Z1"], abs=0.001)
    assert shown(dock, "zone", "Z1", COUNT) != "" and dock.summary.get("zone", "Z1").count == len(
        sql(opened_plan, "SELECT fid FROM project_sites WHERE zone_code = 'Z1'"))


# --- actions ---------------------------------------------------------------------------------------------------------

def test_select_sites_inside(dock, opened_plan):
    fids = dock.select_sites("zone", "Z1")
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    expected = {r[0] for r in sql(opened_plan, "SELECT fid FROM project_sites WHERE zone_code = 'Z1'")}
    assert set(sites.selectedFeatureIds()) == set(fids) == expected


def test_filter_keeps_the_users_filter_and_clears_back_to_it(dock, opened_plan):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sites.setSubsetString("\"status\" <> 'done'")
    dock.filter_sites("key_area", "K7")
    expected = {r[0] for r in sql(opened_plan, "SELECT fid FROM project_sites WHERE status <> 'done' "
                                               "AND key_areas LIKE '%\"K7\"%'")}
    assert {f.id() for f in sites.getFeatures()} == expected
    dock.filter_sites("project_type", "CZXF")  # a second filter replaces ours, not the user's
    expected = {r[0] for r in sql(opened_plan, "SELECT fid FROM project_sites WHERE status <> 'done' "
                                               "AND project_type = 'CZXF'")}
    assert {f.id() for f in sites.getFeatures()} == expected
    dock.clear_filter()
    assert sites.subsetString() == "\"status\" <> 'done'"
    flush(dock)
    assert any("filtered" in line for line in dock.panel.warningLabel.text().splitlines())


def test_figures_ignore_the_panels_own_filter(dock):
    before = dock.summary.total.count
    dock.filter_sites("zone", "Z3")
    flush(dock)
    assert dock.summary.total.count == before and dock.summary.get("zone", "Z1").count > 0
    dock.clear_filter()


def test_a_filter_the_user_changed_after_ours_is_kept(dock):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    dock.filter_sites("zone", "Z3")
    assert sites.setSubsetString("\"status\" = 'planned'")
    dock.clear_filter()
    assert sites.subsetString() == "\"status\" = 'planned'"


def test_filter_to_a_corridor_uses_its_sites(dock):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    members = set(dock.stats.members("corridor", "C1"))
    dock.filter_sites("corridor", "C1")
    assert {f.id() for f in sites.getFeatures()} == members
    dock.clear_filter()
    assert sites.subsetString() == ""


def test_open_attribute_table(dock, qgis_iface):
    dock.open_table("zone", "Z3")
    layer, expression = qgis_iface.showAttributeTable.call_args[0]
    assert layer is dock.plan.sites and expression == "\"zone_code\" = 'Z3'"


def test_checkbox_hides_one_entry(dock):
    item = dock.model.entries[("zone", "Z2")][0]
    item.setCheckState(Qt.CheckState.Unchecked)
    zones = layer_by_table(QgsProject.instance(), "restoration_zones")
    renderer = zones.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert not renderer.categories()[renderer.categoryIndexForValue("Z2")].renderState()
    assert all(twin.checkState() == Qt.CheckState.Unchecked for twin in dock.model.entries[("zone", "Z2")])
    item.setCheckState(Qt.CheckState.Checked)
    assert renderer.categories()[renderer.categoryIndexForValue("Z2")].renderState()


def test_click_zooms_and_highlights(dock, qgis_iface):
    index = dock.proxy.mapFromSource(dock.model.indexFromItem(dock.model.entries[("key_area", "K2")][0]))
    dock.panel.tree.clicked.emit(index)
    keys = layer_by_table(QgsProject.instance(), "key_areas")
    geometry = next(f for f in keys.getFeatures() if f["code"] == "K2").geometry()
    assert qgis_iface.mapCanvas().extent().contains(geometry.boundingBox())
    assert dock.highlight is not None
    assert "矿山生态修复重点区" in dock.panel.details.toPlainText() or "Mine" in dock.panel.details.toPlainText()


def test_double_click_opens_the_sites_form(dock, qgis_iface):
    fid = next(iter(dock.stats.sites))
    item = dock.model.site_item(fid)
    index = dock.proxy.mapFromSource(dock.model.indexFromItem(item))
    dock.panel.tree.doubleClicked.emit(index)
    layer, feature = qgis_iface.openFeatureForm.call_args[0][:2]
    assert layer is dock.plan.sites and feature.id() == fid


def visible_sites(dock):
    """Texts of the site rows the search leaves visible (rows made so far; the search makes its matches')."""
    return [item.text() for item in dock.model.site_items.values()
            if dock.proxy.mapFromSource(dock.model.indexFromItem(item)).isValid()]


def test_search_finds_sites_by_name_and_code(dock, opened_plan):
    dock.panel.searchEdit.setText("御河")
    expected = [name for (name,) in sql(opened_plan, "SELECT name FROM project_sites WHERE name LIKE '%御河%'")]
    assert expected and sorted(visible_sites(dock)) == sorted(expected)
    dock.panel.searchEdit.setText("140213-KSXF-0002")
    assert visible_sites(dock) == ["（示意）北部采石废弃地复绿工程"]
    found = [i for i in dock.model.site_items.values() if i.text() == "（示意）北部采石废弃地复绿工程"]
    # the code in a column of its own, and with the name in the tooltip: nothing is only visible when cut
    parent = found[0].parent()
    assert parent.child(found[0].row(), CODE).text() == "140213-KSXF-0002"
    assert found[0].toolTip() == "（示意）北部采石废弃地复绿工程\n140213-KSXF-0002"
    dock.panel.searchEdit.returnPressed.emit()  # Enter zooms to the first match and selects it
    ((fid,),) = sql(opened_plan, "SELECT fid FROM project_sites WHERE project_code = '140213-KSXF-0002'")
    assert dock.plan.sites.selectedFeatureIds() == [fid]
    dock.panel.searchEdit.setText("")


def test_site_rows_are_made_when_their_type_is_expanded(dock, opened_plan):
    """A plan of any size opens without a row per site; expanding a type in the panel shows its sites, sorted by
    code, and only its own."""
    tree, proxy, model = dock.panel.tree, dock.proxy, dock.model
    assert model.site_items == {}
    type_index = proxy.mapFromSource(model.indexFromItem(model.type_items["KSXF"]))
    assert proxy.hasChildren(type_index) and proxy.rowCount(type_index) == 0
    dock.show()
    tree.expand(type_index.parent())  # 重点工程, then the type, as a user opens them
    QApplication.processEvents()
    tree.expand(type_index)
    QApplication.processEvents()
    rows = [proxy.index(row, CODE, type_index).data() for row in range(proxy.rowCount(type_index))]
    expected = [code for (code,) in sql(opened_plan, "SELECT project_code FROM project_sites "
                                                     "WHERE project_type = 'KSXF' ORDER BY project_code")]
    assert expected and rows == expected
    assert all(item.parent() is model.type_items["KSXF"] for item in model.site_items.values())
    assert len(model.site_items) == len(expected)
    empty = proxy.mapFromSource(model.indexFromItem(model.type_items[UNCLASSIFIED]))
    assert not proxy.hasChildren(empty)  # no arrow where there is nothing to show
    dock.hide()


# --- bad input -------------------------------------------------------------------------------------------------------

def test_null_type_and_years_go_to_unclassified(dock):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 300), VALID)
    for name in ("project_type", "start_year", "end_year", "phase"):
        sites.changeAttributeValue(fid, sites.fields().indexOf(name), None)
    flush(dock)
    assert dock.summary.get("project_type", UNCLASSIFIED).count == 1
    assert dock.summary.get("phase", UNCLASSIFIED).count == 1
    assert dock.model.site_item(fid).parent() is dock.model.type_items[UNCLASSIFIED]
    assert "Unclassified" in dock.panel.warningLabel.text()
    sites.rollBack()


def test_removed_layer_and_renamed_layers(dock):
    project = QgsProject.instance()
    for layer in project.mapLayers().values():
        layer.setName("renamed " + layer.name())
    dock.watcher.refresh_plan()
    assert dock.panel.stack.currentWidget() is dock.panel.planPage
    project.removeMapLayer(layer_by_table(project, "key_areas"))
    dock.watcher.refresh_plan()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert dock.panel.stack.currentWidget() is dock.panel.planPage
    assert "not in the project" in dock.panel.warningLabel.text()
    assert dock.summary.get("key_area", "K7").count > 0  # the sites' stored key areas still count


def test_missing_fields_and_invalid_zone_geometry(plugin, tmp_path):
    """A foreign site table without half the fields and a bow-tie zone: shown with warnings, no traceback."""
    from pingcheng_plugin.core.store import plan_file, plan_project
    from tests.helpers import bow_tie

    path = plan_file.create_plan(str(tmp_path / "odd.gpkg"), demo=True)
    with sqlite3.connect(path) as con:
        con.execute("ALTER TABLE project_sites DROP COLUMN key_areas")
    project = QgsProject.instance()
    assert project.read(plan_project.project_uri(path))  # plain read: the altered table loads as it is
    zones = layer_by_table(project, "restoration_zones")
    assert zones.startEditing()
    first = next(zones.getFeatures())
    extent = first.geometry().boundingBox()
    zones.changeGeometry(first.id(), bow_tie(extent.xMinimum(), extent.yMinimum(), 2000))
    plugin.dock.watcher.refresh_plan()
    plugin.dock.show_plan(plugin.dock.watcher.plan)
    text = plugin.dock.panel.warningLabel.text()
    assert "key_areas" in text and "Invalid geometry" in text
    zones.rollBack()
    project.clear()


def test_load_unload_leaves_no_connections(qgis_iface, opened_plan):
    from pingcheng_plugin import classFactory

    sites = layer_by_table(QgsProject.instance(), "project_sites")
    signals = ("willBeDeleted()", "beforeCommitChanges(bool)", "featureAdded(QgsFeatureId)")
    before = {name: sites.receivers(getattr(sites, name.split("(")[0])) for name in signals}
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    plugin.dock.watcher.refresh_plan()
    assert sites.receivers(sites.beforeCommitChanges) > before["beforeCommitChanges(bool)"]
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert {name: sites.receivers(getattr(sites, name.split("(")[0])) for name in signals} == before


def test_unload_removes_the_dock(qgis_iface, qgis_new_project):
    from qgis.PyQt import sip

    from pingcheng_plugin import classFactory

    plugin = classFactory(qgis_iface)
    plugin.initGui()
    dock = plugin.dock
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert sip.isdeleted(dock)


def test_dock_remembers_its_state(qgis_iface, qgis_new_project):
    from pingcheng_plugin import classFactory

    plugin = classFactory(qgis_iface)
    plugin.initGui()
    plugin.dock.panel.tabs.setCurrentIndex(1)
    plugin.unload()
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.dock.panel.tabs.currentIndex() == 1
    finally:
        plugin.dock.panel.tabs.setCurrentIndex(0)
        plugin.unload()


def test_indicators_tab(dock):
    table = dock.indicators.table
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    for entry in vocabulary.ZONES + vocabulary.KEY_AREAS:
        assert entry.name("en") in names or entry.name_zh in names
    assert dock.indicators.chart.bars
    assert str(dock.summary.total.count) in dock.indicators.headline.text()


def test_site_rows_carry_their_fid(dock):
    for fid in dock.stats.sites:
        item = dock.model.site_item(fid)
        assert item.data(FID_ROLE) == fid and item.data(KIND_ROLE) == "site" and item.data(CODE_ROLE)


def test_reading_the_plan_directly_gives_the_same_facts_as_qgis_features(dock, opened_plan):
    """Without unsaved edits the panel reads the plan with one SQL query (no QgsFeature per site) and measures
    corridors and barriers inside the GeoPackage: every site's facts equal those read and measured through QGIS
    and shapely."""
    from pingcheng_plugin.core.sites.plan_stats import SITE_COLUMNS
    from pingcheng_plugin.core.store import plan_data, site_reader

    stats = dock.stats
    read_in_the_plan = dict(stats.sites)
    stats.load(plan_data.site_features(str(opened_plan), None))
    through_qgis = dict(stats.sites)
    stats.load_records(site_reader.read_sites(str(opened_plan), list(SITE_COLUMNS)))
    assert stats.sites == through_qgis == read_in_the_plan and len(through_qgis) == 13


def _edge_point(area: QgsGeometry, district: QgsGeometry, share: float):
    """A point on the area's outline, inside the district."""
    outline = QgsGeometry(area.constGet().boundary())
    for step in range(40):
        point = outline.interpolate(outline.length() * ((share + step / 40) % 1.0))
        if district.contains(point):
            return point.asPoint()
    raise LookupError("no edge point inside the district")


def test_corridors_and_barriers_measured_in_the_plan_match_qgis(dock, opened_plan):
    """Sites across corridor and barrier edges, with every geometry defect, saved without the rules' triggers
    (legacy data): the corridors and barriers the panel counts for each, measured inside the GeoPackage when the
    plan opens, are those QGIS's own intersection (after makeValid) finds larger than 1 m²."""
    from pingcheng_plugin.core.store import gpkg, site_overlaps

    project = QgsProject.instance()
    sites = layer_by_table(project, "project_sites")
    district = next(layer_by_table(project, "district_boundary").getFeatures()).geometry()
    areas = {table: [(f["code"], f.geometry()) for f in layer_by_table(project, table).getFeatures()]
             for table in ("eco_corridors", "eco_barriers")}
    shapes = {}
    for items in areas.values():
        for code, geometry in items:
            for n, share in enumerate((0.1, 0.35, 0.6)):
                p = _edge_point(geometry, district, share)
                shapes[f"{code}-{n} bow-tie"] = bow_tie(p.x() - 60, p.y() - 60, 120)
                shapes[f"{code}-{n} square"] = square(p.x() - 40 + 300, p.y() - 40, 80)
                shapes[f"{code}-{n} sliver"] = rectangle(p.x() - 200, p.y() + 300, p.x() + 200, p.y() + 300.002)
                shapes[f"{code}-{n} two parts"] = QgsGeometry.fromMultiPolygonXY([
                    square(p.x() - 25, p.y() - 25, 50, multi=False).asPolygon(),
                    square(p.x() + 600, p.y() + 600, 50, multi=False).asPolygon()])
    with gpkg.connect(str(opened_plan)) as con:
        gpkg.drop_rule_triggers(con)
    assert sites.startEditing()
    for name, geometry in shapes.items():
        geometry.convertToMultiType()
        add_site(sites, geometry, dict(VALID, name=name))
    assert sites.commitChanges(), sites.commitErrors()
    with gpkg.connect(str(opened_plan)) as con:
        gpkg.create_triggers(con)
    dock.show_plan(dock.plan)  # as opening the plan: everything read from the file

    def reference(geometry: QgsGeometry, items):
        fixed = geometry if geometry.isGeosValid() else geometry.makeValid()
        return {code for code, area in items if fixed.intersection(area).area() > 1.0}

    checked = 0
    for feature in sites.getFeatures():
        expected_corridors = reference(feature.geometry(), areas["eco_corridors"])
        expected_barriers = reference(feature.geometry(), areas["eco_barriers"])
        facts = dock.stats.sites[feature.id()]
        assert (set(facts.corridors), set(facts.barriers)) == (expected_corridors, expected_barriers), feature["name"]
        checked += bool(expected_corridors or expected_barriers)
    assert checked >= len(shapes) // 2  # most test sites do meet an area
    assert site_overlaps.overlapping_codes(str(opened_plan), "eco_corridors") is not None  # the SQL path ran


def test_names_are_never_cut(dock):
    """Every column as wide as its longest text (a narrow dock scrolls sideways) and the dock opens wide enough
    for a plan name, its figures and most of a code at 1366 px."""
    from qgis.PyQt.QtCore import Qt as QtNamespace

    from pingcheng_plugin.ui.plan_dock import PANEL_WIDTH
    from pingcheng_plugin.ui.plan_tree import NAME

    tree = dock.panel.tree
    dock.resize(PANEL_WIDTH, 700)
    dock.show()
    tree.expandAll()
    QApplication.processEvents()
    assert tree.textElideMode() == QtNamespace.TextElideMode.ElideNone
    assert tree.header().sectionSize(NAME) >= tree.sizeHintForColumn(NAME)
    longest = max((item.text() for items in dock.model.entries.values() for item in items), key=len)
    assert tree.header().sectionSize(NAME) > tree.fontMetrics().horizontalAdvance(longest)
    assert dock.panel.sizeHint().width() >= PANEL_WIDTH
