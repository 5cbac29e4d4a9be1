"""``python -m scripts.template_generator FOLDER``: draw every bundled frame into FOLDER (``make templates``)."""

import os
import sys

from qgis.core import QgsApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
application = QgsApplication([], False)
application.initQgis()
from .build import write_templates  # noqa: E402 - needs the application

for written in write_templates(sys.argv[1] if len(sys.argv) > 1 else "templates"):
    print(written)
application.exitQgis()
