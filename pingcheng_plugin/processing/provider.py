"""The ``pingcheng`` Processing provider: every batch job of the plugin, also runnable with qgis_process."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.support import paths
from ..core.support.fonts import find_cjk_family
from ..core.support.i18n import tr
from .create_plan import CreatePlanAlgorithm
from .export_figures import ExportFiguresAlgorithm
from .export_sites import ExportSitesAlgorithm
from .export_summary import ExportSummaryAlgorithm
from .import_control_layer import ImportControlLayerAlgorithm
from .import_plan_layer import ImportPlanLayerAlgorithm
from .import_sites import ImportSitesAlgorithm
from .merge_review import MergeReviewAlgorithm
from .prepare_review import PrepareReviewAlgorithm
from .review_report import ReviewReportAlgorithm
from .validate_sites import ValidateSitesAlgorithm

# QGIS imports this module when it starts, before its window shows: the algorithm modules import only what
# their parameters need, and each imports its core job (shapely, layouts, GDAL writers) in run_algorithm, on first
# use (benchmarks/bench_initgui.py: initGui < 150 ms).
ALGORITHMS = (CreatePlanAlgorithm, ValidateSitesAlgorithm, ExportFiguresAlgorithm, ExportSummaryAlgorithm,
              ImportSitesAlgorithm, ExportSitesAlgorithm, ImportPlanLayerAlgorithm, PrepareReviewAlgorithm,
              MergeReviewAlgorithm, ReviewReportAlgorithm, ImportControlLayerAlgorithm)


class PingchengProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "pingcheng"

    def name(self) -> str:
        return tr("Pingcheng eco-restoration")

    def longName(self) -> str:
        return tr("Pingcheng District ecological restoration plan (2021-2035)")

    def icon(self) -> QIcon:
        return QIcon(paths.resource("icons", "plugin.svg"))

    def loadAlgorithms(self) -> None:
        find_cjk_family()  # on the main thread, before any algorithm runs in a worker (see core/support/fonts.py)
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
