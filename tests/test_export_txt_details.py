"""界址点坐标 TXT details through pingcheng:exportsites and the *Export sites* dialog: 精度 follows the decimals
written, rings run clockwise from their north-westernmost point, 地块面积 is the ellipsoidal or the planar area as
chosen (the header says which), a system without zone numbers states its 带号 and reads back in place."""

from __future__ import annotations

import sqlite3
from typing import Dict, List, Tuple

import pytest
from qgis.core import QgsProcessingFeedback, QgsProject

from pingcheng_plugin.ui.export_sites import ExportSitesDialog
from pingcheng_plugin.ui.import_actions import ExchangeActions
from tests.helpers import layer_by_table, wait_for_task
from tests.helpers.exchange_files import plan_without_sites, site_values


def run(parameters):
    import processing

    return processing.run("pingcheng:exportsites", parameters, feedback=QgsProcessingFeedback())


def read_txt(path) -> Tuple[Dict[str, str], List[Tuple[List[str], Dict[str, List[Tuple[str, str, str]]]]]]:
    """The header's key=value lines and, per parcel, its header fields and its rings' rows (点号, X, Y) as text."""
    header: Dict[str, str] = {}
    parcels = []
    in_parcels = False
    for line in path.read_text(encoding="gbk").splitlines():
        if line.startswith("["):
            in_parcels = line == "[地块坐标]"
            continue
        if not in_parcels:
            key, _, value = line.partition("=")
            header[key] = value
            continue
        parts = line.split(",")
        if parts[-1] == "@":
            parcels.append((parts, {}))
        else:
            parcels[-1][1].setdefault(parts[1], []).append((parts[0], parts[2], parts[3]))
    return header, parcels


def shoelace(points):
    """Twice the signed area of (x = easting, y = northing) points: negative when clockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))


def plan_areas(plan):
    with sqlite3.connect(str(plan)) as con:
        return dict(con.execute("SELECT project_code, area_ha FROM project_sites"))


def test_default_precision_order_and_ellipsoidal_area(provider, demo_plan, tmp_path):
    target = tmp_path / "sites.txt"
    run({"PLAN": str(demo_plan), "FORMAT": "txt", "OUTPUT": str(target)})
    header, parcels = read_txt(target)
    assert header["精度"] == "0.001" and header["带号"] == "38" and "椭球面积" in header["备注"]
    stored = plan_areas(demo_plan)  # (the plan's ellipsoidal areas; test_exchange_txt checks them by survey)
    assert {p[0][2] for p in parcels} == set(stored)  # the demo sites are single parts
    for head, rings in parcels:
        assert float(head[1]) == pytest.approx(stored[head[2]], abs=0.00005)
        for rows in rings.values():
            assert all(len(v.split(".")[1]) == 3 for _n, x, y in rows for v in (x, y))
            assert rows[0] == rows[-1]  # closed with its first point
            points = [(float(y), float(x)) for _n, x, y in rows[:-1]]
            assert shoelace(points) < 0, head[2]  # clockwise
            west, north = min(p[0] for p in points), max(p[1] for p in points)
            corner = [(p[0] - west) ** 2 + (north - p[1]) ** 2 for p in points]
            assert corner[0] == min(corner), head[2]  # from the north-westernmost point


def test_planar_area_and_two_decimals(provider, demo_plan, tmp_path):
    target = tmp_path / "planar.txt"
    run({"PLAN": str(demo_plan), "FORMAT": "txt", "OUTPUT": str(target), "TXT_DECIMALS": 2, "TXT_AREA": "planar"})
    header, parcels = read_txt(target)
    assert header["精度"] == "0.01" and "平面面积" in header["备注"]
    ellipsoidal = plan_areas(demo_plan)
    for head, rings in parcels:
        # the area of the written coordinates (zone prefix dropped), outer ring less holes: what a receiver gets
        planar = 0.0
        for ring, rows in rings.items():
            points = [(float(y) - 38_000_000, float(x)) for _n, x, y in rows[:-1]]
            assert all(len(v.split(".")[1]) == 2 for _n, x, y in rows for v in (x, y))
            planar += (1 if ring == "1" else -1) * abs(shoelace(points)) / 2 / 10000
        assert float(head[1]) == pytest.approx(planar, abs=0.0002), head[2]
        assert abs(float(head[1]) - ellipsoidal[head[2]]) > 0.0001  # not the ellipsoidal figure


def test_a_system_without_zone_numbers_states_its_zone_and_reads_back(provider, demo_plan, tmp_path):
    target = tmp_path / "cm114.txt"
    run({"PLAN": str(demo_plan), "FORMAT": "txt", "OUTPUT": str(target), "TARGET_CRS": "EPSG:4547"})
    header, parcels = read_txt(target)
    assert header["带号"] == "38"
    assert all(float(y) < 1_000_000 for _h, rings in parcels for rows in rings.values() for _n, _x, y in rows)
    from pingcheng_plugin.core.store import gpkg

    copy = tmp_path / "copy.gpkg"
    gpkg.copy_database(str(demo_plan), str(copy))
    plan_without_sites(copy)
    import processing

    processing.run("pingcheng:importsites", {"INPUT": str(target), "PLAN": str(copy)},
                   feedback=QgsProcessingFeedback())
    before, after = site_values(demo_plan), site_values(copy)
    assert set(after) == set(before)
    for name, site in before.items():
        assert after[name]["geometry"].hausdorffDistance(site["geometry"]) < 0.001, name


@pytest.fixture
def actions(qgis_iface, opened_plan):
    instance = ExchangeActions(qgis_iface)
    yield instance
    instance.unload()


def test_the_dialog_offers_precision_and_area_for_the_txt(actions, opened_plan, tmp_path):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    dialog = ExportSitesDialog(sites, None, actions.settings)
    dialog.formatComboBox.setCurrentIndex(dialog.formatComboBox.findData("gpkg"))
    assert not dialog.txtDecimalsSpinBox.isEnabled() and not dialog.txtAreaComboBox.isEnabled()
    dialog.formatComboBox.setCurrentIndex(dialog.formatComboBox.findData("txt"))
    assert dialog.txtDecimalsSpinBox.value() == 3 and "planar" in dialog.formatNote.text()
    dialog.txtDecimalsSpinBox.setValue(4)
    dialog.txtAreaComboBox.setCurrentIndex(dialog.txtAreaComboBox.findData("planar"))
    dialog.outputWidget.setFilePath(str(tmp_path / "界址点"))
    choice = dialog.choice()
    wait_for_task(actions.start_export(str(opened_plan), choice))
    header, _parcels = read_txt(tmp_path / "界址点.txt")
    assert header["精度"] == "0.0001" and "平面面积" in header["备注"]
