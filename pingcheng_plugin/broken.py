"""Stand-in plugin used when the real one cannot be imported: it explains why, and changes nothing else."""

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication


class BrokenPlugin:
    def __init__(self, iface, error: BaseException):
        self.iface = iface
        self.error = error

    def initGui(self):  # noqa: N802
        message = QCoreApplication.translate(
            "@default", "The Pingcheng plugin cannot start: {error}. Install the missing Python package "
            "(shapely, jinja2 or openpyxl) for the Python that QGIS uses.").format(error=self.error)
        QgsMessageLog.logMessage(message, "Pingcheng", Qgis.MessageLevel.Critical)
        self.iface.messageBar().pushMessage("Pingcheng", message, level=Qgis.MessageLevel.Critical, duration=0)

    def unload(self):
        pass
