"""What every Pingcheng Processing algorithm shares: naming, help, error and progress mapping.

An algorithm maps its parameters to one core call. Core errors become QgsProcessingException with the same
translated message the GUI shows; core progress callbacks drive the Processing feedback (and its cancel button).
"""

from __future__ import annotations

from typing import Any, Callable, Dict

from qgis.core import QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

from ..core.support.errors import PingchengError
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr


class PingchengAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ID, TITLE, GROUP_ID and HELP, and implement run_algorithm() (run() is QGIS's own).

    TITLE and HELP are English source strings marked with QT_TRANSLATE_NOOP("@default", ...) so pylupdate5
    extracts them; they are translated when QGIS asks for them.
    """

    ID = ""
    TITLE = ""
    GROUP_ID = "plan"
    HELP = ""
    _GROUPS = {
        "plan": QT_TRANSLATE_NOOP("@default", "Plan"),
        "sites": QT_TRANSLATE_NOOP("@default", "Project sites"),
        "exports": QT_TRANSLATE_NOOP("@default", "Figures and tables"),
        "review": QT_TRANSLATE_NOOP("@default", "Field review"),
    }

    def name(self) -> str:
        return self.ID

    def displayName(self) -> str:
        return tr(self.TITLE)

    def group(self) -> str:
        return tr(self._GROUPS[self.GROUP_ID])

    def groupId(self) -> str:
        return self.GROUP_ID

    def shortHelpString(self) -> str:
        return tr(self.HELP)

    def createInstance(self):
        return type(self)()

    def processAlgorithm(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        try:
            if self.parameterDefinition("PLAN") is not None:
                # every algorithm checks the plan the same way before reading it, and says so when an
                # interrupted write had to be undone
                from ..core.store import plan_check  # on first use: see provider.py

                plan = self.parameterAsFile(parameters, "PLAN", context)
                for note in plan_check.check_plan(plan).notes:
                    feedback.pushWarning(note)
            return self.run_algorithm(parameters, context, feedback)
        except PingchengError as err:
            message = err.message
        # Raised outside the handler, so nothing keeps the core error: its traceback holds the frames of the job,
        # with the plan's layers and feature iterators, which would otherwise live until the interpreter exits,
        # after QGIS has shut down (a crash on exit).
        raise QgsProcessingException(message)

    def run_algorithm(self, parameters: Dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        raise NotImplementedError


def progress_reporter(feedback: QgsProcessingFeedback) -> Callable[..., bool]:
    """A core progress callback ``(percent[, message]) -> keep going`` feeding ``feedback``."""

    def report(percent: float, message: str = "") -> bool:
        feedback.setProgress(percent)
        if message:
            feedback.pushInfo(message)
        return not feedback.isCanceled()

    return report
