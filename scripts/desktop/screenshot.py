"""Run inside QGIS (scripts/desktop-run.sh): wait for the project to render, save the main window as a PNG, quit.

DESKTOP_ARGS: OUT.png [SETUP] where SETUP names a function below to run first (e.g. show the plan dock).
"""
import os

from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

args = os.environ.get("DESKTOP_ARGS", "").split()
out = args[0]
setup = args[1] if len(args) > 1 else ""


def maximise():
    """Fill the virtual screen (there is no window manager to maximise for us)."""
    from qgis.PyQt.QtWidgets import QApplication

    iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())


def shoot():
    """The whole screen (dialogs included), then quit without the save-changes prompts."""
    from qgis.core import QgsProject, QgsVectorLayer
    from qgis.PyQt.QtWidgets import QApplication

    iface.mapCanvas().waitWhileRendering()
    QApplication.primaryScreen().grabWindow(0).save(out)
    for layer in list(QgsProject.instance().mapLayers().values()):
        if isinstance(layer, QgsVectorLayer) and layer.isEditable():
            layer.rollBack()
        if layer.providerType() == "memory":  # the findings layer: no "temporary layers" prompt on exit
            QgsProject.instance().removeMapLayer(layer)
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()


def prepare():
    maximise()
    step = globals().get("setup_" + setup)
    try:
        if step:
            step(plugins.get("pingcheng_plugin"))
    except Exception:  # noqa: BLE001 - report and still take the picture and quit
        import traceback

        with open(out + ".error.txt", "w", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
    QTimer.singleShot(6000, shoot)


QTimer.singleShot(3000, prepare)


def setup_dock(plugin):
    """The plan dock open on a zone, as a user who clicked it."""
    dock = plugin.dock
    dock.show()
    dock.raise_()
    dock.watcher.refresh_plan()
    item = dock.model.entries[("zone", "Z1")][1]
    index = dock.proxy.mapFromSource(dock.model.indexFromItem(item))
    dock.panel.tree.expandAll()
    dock.panel.tree.setCurrentIndex(index)
    dock.panel.tree.clicked.emit(index)


def setup_indicators(plugin):
    setup_dock(plugin)
    plugin.dock.panel.tabs.setCurrentIndex(1)


def setup_form(plugin):
    """The site form as it opens after drawing: QGIS's own attribute form on the demo's first site."""
    from qgis.core import QgsProject

    sites = plugin.dock.plan.sites if plugin.dock.plan else None
    plugin.dock.hide()
    feature = next(sites.getFeatures())
    sites.startEditing()
    dialog = iface.getFeatureForm(sites, feature)
    dialog.setGeometry(300, 120, 640, 560)
    dialog.show()
    globals()["_keep"] = dialog
    QgsProject.instance()


def setup_findings(plugin):
    """Validate all on the demo plan after one site is made to overlap another."""
    setup_dock(plugin)
    plugin.site_editing.validate_all()


def _centred(dialog):
    """Show ``dialog`` (not modal: the timer must still take the picture) in the middle of the screen."""
    from qgis.PyQt.QtWidgets import QApplication

    screen = QApplication.primaryScreen().availableGeometry()
    dialog.show()  # at the size the dialog opens with for a user
    frame = dialog.frameGeometry()
    frame.moveCenter(screen.center())
    dialog.move(frame.topLeft())
    globals()["_keep"] = dialog


def _plan_path(plugin):
    return plugin.dock.plan.path


def setup_import_sites(plugin):
    """Step 1 of the import wizard with a GBK Shapefile without .cpg (the bureau's usual file)."""
    dialog = plugin.exchange.import_sites()
    sample = os.environ.get("DESKTOP_SAMPLE", "")
    if sample:
        dialog.panel.fileWidget.setFilePath(sample)
    _centred(dialog)


def setup_import_plan_layer(plugin):
    _centred(plugin.exchange.import_plan_layer())


def setup_import_control_layer(plugin):
    """The land survey (三调地类图斑) chosen, the plan's current import of it (none in the demo) shown."""
    dialog = plugin.exchange.import_control_layer()
    dialog.kindComboBox.setCurrentIndex(dialog.kindComboBox.findData("landuse"))
    _centred(dialog)


def setup_export_sites(plugin):
    from pingcheng_plugin.ui.export_sites import ExportSitesDialog

    _centred(ExportSitesDialog(plugin.dock.plan.sites, iface.mainWindow()))


def setup_export_figures(plugin):
    from pingcheng_plugin.ui.export_figures import ExportFiguresDialog

    _centred(ExportFiguresDialog(iface.mainWindow(), _plan_path(plugin)))


def setup_export_summary(plugin):
    from pingcheng_plugin.ui.export_summary import ExportSummaryDialog

    _centred(ExportSummaryDialog(iface.mainWindow(), _plan_path(plugin)))


def setup_new_plan(plugin):
    from pingcheng_plugin.ui.plan_actions import NewPlanDialog

    _centred(NewPlanDialog(iface.mainWindow(), os.path.dirname(_plan_path(plugin))))


def setup_validation_settings(plugin):
    from pingcheng_plugin.core.store.plan_settings import read_config
    from pingcheng_plugin.ui.validation_settings import ValidationSettingsDialog

    _centred(ValidationSettingsDialog(read_config(_plan_path(plugin)), iface.mainWindow()))


def setup_prepare_review(plugin):
    from pingcheng_plugin.ui.review_dialogs import PrepareReviewDialog

    _centred(PrepareReviewDialog(iface.mainWindow(), _plan_path(plugin)))


def setup_merge_review(plugin):
    from pingcheng_plugin.ui.review_dialogs import MergeReviewDialog

    _centred(MergeReviewDialog(iface.mainWindow(), _plan_path(plugin)))


def setup_review_report(plugin):
    from pingcheng_plugin.ui.review_dialogs import ReviewReportDialog

    _centred(ReviewReportDialog(iface.mainWindow(), _plan_path(plugin)))


def setup_form_blocked(plugin):
    """The form of a new site drawn outside the district, without a name: the top line says why OK is off."""
    from qgis.core import QgsGeometry, QgsVectorLayerUtils
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext

    plugin.dock.hide()
    sites = plugin.dock.plan.sites
    sites.startEditing()
    extent = plugin.dock.plan.layers["district_boundary"].extent()
    x, y = extent.xMinimum() - 3000, extent.center().y()
    geometry = QgsGeometry.fromWkt(f"MULTIPOLYGON((({x} {y},{x + 300} {y},{x + 300} {y + 300},{x} {y + 300},{x} {y})))")
    feature = QgsVectorLayerUtils.createFeature(sites, geometry, {}, sites.createExpressionContext())
    context = QgsAttributeEditorContext()
    context.setMapCanvas(iface.mapCanvas())
    dialog = QgsAttributeDialog(sites, feature, False, iface.mainWindow(), True, context)
    dialog.setMode(QgsAttributeEditorContext.AddFeatureMode)
    dialog.setGeometry(300, 100, 660, 580)
    dialog.show()
    dialog.activateWindow()
    from qgis.gui import QgsFilterLineEdit

    dialog.attributeForm().findChild(QgsFilterLineEdit, "name").setFocus()
    globals()["_keep"] = dialog
