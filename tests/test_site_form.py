"""What the plugin adds to QGIS's site form while it runs: the blocking reasons in words at the top, zone shares as
names and percentages, "generated when saved" for the code; and that it changes no value the form saves."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject
from qgis.gui import QgsFilterLineEdit
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPlainTextEdit

from pingcheng_plugin.core.rules.site_rules import RULES
from pingcheng_plugin.core.support.i18n import ui_language
from pingcheng_plugin.plan import vocabulary
from tests.helpers import layer_by_table, square
from tests.helpers.sites import VALID, open_add_form, zone_point


@pytest.fixture
def sites(plugin, opened_plan):
    plugin.dock.watcher.refresh_plan()  # the plan worded in the UI language, as once QGIS has shown it
    layer = layer_by_table(QgsProject.instance(), "project_sites")
    assert layer.startEditing()
    yield layer
    layer.rollBack()


def open_form(layer, geometry, values, canvas, parent=None, focus=True):
    """The add-feature form as QGIS opens it, the user's cursor in its first field."""
    dialog = open_add_form(layer, geometry, values, canvas, parent)
    form = dialog.attributeForm()
    if focus:
        QApplication.setActiveWindow(dialog)
        form.findChild(QgsFilterLineEdit, "name").setFocus()
    QApplication.processEvents()
    return dialog, form


def status_text(form) -> str:
    label = form.findChild(QLabel, "pingchengFormStatus")
    assert label is not None, "the plugin did not add its status line"
    return label.text() if label.isVisible() else ""


def test_the_form_says_why_it_cannot_be_saved(sites, qgis_iface):
    extent = layer_by_table(QgsProject.instance(), "district_boundary").extent()
    dialog, form = open_form(sites, square(extent.xMinimum() - 3000, extent.center().y(), 300),
                             dict(VALID, name=""), qgis_iface.mapCanvas())
    text = status_text(form)
    words = "en" if ui_language() == "en" else "zh"  # the plan's rules in the words the plugin shows
    assert "Cannot be saved" in text
    assert RULES["OUTSIDE_DISTRICT"].message(words) in text and RULES["NAME_EMPTY"].message(words) in text
    name_field = sites.fields().field("name").displayName()  # the name rule names its field: not said twice
    assert f"{name_field}: " not in text and f"{name_field}：" not in text
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # QGIS's own block, now explained
    form.changeAttribute("name", "改名后的项目")
    assert RULES["NAME_EMPTY"].message(words) not in status_text(form)  # follows the user's typing
    dialog.close()


def test_a_valid_site_shows_no_blocking_line(sites, qgis_iface):
    p = zone_point(QgsProject.instance(), "Z1")
    dialog, form = open_form(sites, square(p.x(), p.y(), 200), VALID, qgis_iface.mapCanvas())
    assert "Cannot be saved" not in status_text(form)
    dialog.close()


def test_shares_by_name_and_code_placeholder_and_values_unchanged(sites, qgis_iface):
    zones = {f["code"]: f.geometry() for f in layer_by_table(QgsProject.instance(), "restoration_zones").getFeatures()}
    border = zones["Z1"].intersection(zones["Z3"])
    middle = border.interpolate(border.length() / 2).asPoint()
    dialog, form = open_form(sites, square(middle.x() - 300, middle.y() - 300, 600), VALID, qgis_iface.mapCanvas())
    shown = form.findChild(QLabel, "pingchengZoneShares").text()
    stored = form.currentFormFeature()["zone_shares"]
    parts = dict(part.split(":") for part in stored.split(";"))
    for code, share in parts.items():  # each zone by its plan name, its share as a percentage
        assert f"{vocabulary.by_code('zone', code).name(ui_language())} {float(share) * 100:.1f}%" in shown
    assert form.findChild(QLabel, "pingchengProjectCode").text() == "Generated when saved"
    for name in ("measures", "targets", "remarks"):  # a new site's text fields are empty, not "NULL"
        assert form.findChild(QPlainTextEdit, name).toPlainText() == ""
    before = set(sites.allFeatureIds())
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    fid = (set(sites.allFeatureIds()) - before).pop()
    saved = sites.getFeature(fid)
    assert saved["zone_shares"] == stored  # the raw value is what the form saved
    assert saved["project_code"] is None or str(saved["project_code"]) == "NULL"  # the database makes it on save
    assert sites.commitChanges(), sites.commitErrors()
    code = [f for f in sites.getFeatures() if f["name"] == VALID["name"]][0]["project_code"]
    assert code.startswith("140213-")


def test_a_feature_dialog_on_the_main_window_gets_the_line_before_any_focus(sites, qgis_iface, plugin):
    """QGIS opens the add-feature dialog on its main window; the line is there as soon as it shows, even where no
    window manager hands it the focus."""
    focus = QApplication.instance().focusChanged
    focus.disconnect(plugin.site_form._focus_changed)  # only the main window's child events are left to find it
    try:
        p = zone_point(QgsProject.instance(), "Z1")
        dialog, form = open_form(sites, square(p.x(), p.y(), 200), dict(VALID, name=""), qgis_iface.mapCanvas(),
                                 parent=qgis_iface.mainWindow(), focus=False)
        assert "Cannot be saved" in status_text(form)
        dialog.close()
    finally:
        focus.connect(plugin.site_form._focus_changed)


def test_a_dialog_qgis_made_is_found_by_its_class_name(sites, qgis_iface, plugin):
    """QGIS's own add-feature dialog, parented to the map canvas, reaches Python typed as a plain QWidget: the
    helper knows it by Qt's class name, not by Python's type."""
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QChildEvent, QEvent
    from qgis.PyQt.QtWidgets import QWidget

    focus = QApplication.instance().focusChanged
    focus.disconnect(plugin.site_form._focus_changed)
    try:
        p = zone_point(QgsProject.instance(), "Z1")
        dialog, form = open_form(sites, square(p.x(), p.y(), 200), dict(VALID, name=""), qgis_iface.mapCanvas(),
                                 focus=False)
        as_qgis_hands_it = sip.cast(dialog, QWidget)
        assert not isinstance(as_qgis_hands_it, type(dialog))
        plugin.site_form.eventFilter(qgis_iface.mapCanvas(),
                                     QChildEvent(QEvent.Type.ChildPolished, as_qgis_hands_it))
        assert "Cannot be saved" in status_text(form)
        assert qgis_iface.mapCanvas() in plugin.site_form.watched  # where the add-feature tool parents it
        dialog.close()
    finally:
        focus.connect(plugin.site_form._focus_changed)
