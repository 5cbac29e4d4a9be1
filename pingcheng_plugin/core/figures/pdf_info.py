"""The document information of an exported PDF (title, author, creator, producer).

QGIS writes it for a single layout but not for an atlas (``QgsLayoutExporter.exportToPdf`` on an atlas iterator
leaves Qt's defaults: no title, "Qt 5.x" as producer). GDAL's PDF driver, which QGIS itself uses to add
georeferencing and metadata to layout PDFs, updates the information dictionary in place with an incremental update:
the page content is left as it is.
"""

from __future__ import annotations

import os

from osgeo import gdal
from qgis.core import Qgis

from ..support.errors import ExportError
from ..support.i18n import tr
from ..support.output_files import disk_full, failure


def set_pdf_info(path: str, title: str, author: str) -> None:
    """Give the PDF at ``path`` the same information QGIS gives a single layout's PDF."""
    creator = f"QGIS {Qgis.QGIS_VERSION}"
    gdal.ErrorReset()
    dataset = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_UPDATE, allowed_drivers=["PDF"])
    if dataset is None:
        if disk_full(os.path.dirname(path)):  # a PDF cut off by a full disk: say so, not "cannot add the title"
            raise failure(path, gdal.GetLastErrorMsg())
        raise ExportError(tr("Cannot add the title to {path}: {error}").format(path=path,
                                                                               error=gdal.GetLastErrorMsg()))
    for key, value in (("TITLE", title), ("AUTHOR", author), ("CREATOR", creator), ("PRODUCER", creator)):
        dataset.SetMetadataItem(key, value)
    dataset = None  # closing writes the update
