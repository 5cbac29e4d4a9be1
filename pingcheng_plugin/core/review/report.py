"""The review report (issue #20): the reviews read into plain objects (:mod:`.report_data`), then written as HTML
from a jinja2 template (autoescaped; location maps and photo thumbnails embedded as ``data:`` pictures, so the file
stands alone) or as a PDF through the layout machinery (:mod:`.report_pdf`). The file is written aside and moved
into place only when whole.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import List, Optional

import jinja2
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, Qt
from qgis.PyQt.QtGui import QImage

from ...plan import vocabulary
from ..summary.text_formats import environment
from ..support.errors import ExportError, InvalidInputError
from ..support.i18n import tr
from ..support.output_files import atomic_file
from ..support.progress import Progress, report
from .report_data import ReviewReport, read_report
from .report_maps import ReportMaps
from .report_pdf import write_pdf

HTML_TEMPLATE = "review_report.html.j2"
EXTENSIONS = (".html", ".pdf")
THUMBNAIL_PX = 240


@dataclass
class ReportResult:
    path: str
    sites: int
    warnings: List[str]


def write_report(plan: str, package: str, output: str, progress: Progress = None) -> ReportResult:
    """Write the report of ``package`` (a folder; empty: every merged review of ``plan``) to ``output``."""
    extension = os.path.splitext(output)[1].lower()
    if extension not in EXTENSIONS:
        raise InvalidInputError(tr("{path}: the review report is written as .html or .pdf.").format(path=output))
    report(progress, 5, tr("Reading the reviews"))
    data = read_report(plan, package or "")
    warnings = [tr("Site {code}: photo {path} is missing; the report names it instead.").format(
        code=entry.code, path=path) for entry in data.entries for path in entry.missing_photos]
    with atomic_file(output) as staged:
        if extension == ".pdf":
            write_pdf(data, staged, progress, output)
        else:
            write_html(data, staged, progress)
        report(progress, 95, tr("Moving the report into place"))
    report(progress, 100)
    return ReportResult(os.path.abspath(output), len(data.entries), warnings)


def render_html(data: ReviewReport, progress: Progress = None) -> str:
    maps = ReportMaps(data.layers_path)
    try:
        pictures = {}
        for index, entry in enumerate(data.entries):
            report(progress, 20 + 60 * index / len(data.entries), data.labels["map"] + " " + entry.code)
            if entry.code not in pictures:
                image = maps.image(entry.code)
                if image is not None:
                    pictures[entry.code] = _data_uri(image, "PNG")
    finally:
        maps.close()
    thumbnails = [[uri for uri in (_thumbnail(path) for path in entry.photos) if uri] for entry in data.entries]
    try:
        template = environment().get_template(HTML_TEMPLATE)
    except jinja2.TemplateError as err:
        raise ExportError(tr("The HTML template {name} cannot be read: {error}").format(
            name=HTML_TEMPLATE, error=err)) from err
    return template.render(report=data, labels=data.labels, plan_title=vocabulary.PLAN_TITLE_ZH, pictures=pictures,
                           thumbnails=thumbnails)


def write_html(data: ReviewReport, path: str, progress: Progress = None) -> None:
    text = render_html(data, progress)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _thumbnail(path: str) -> Optional[str]:
    """A photo shrunk to a thumbnail, as a data: URI; None for a file that is no picture."""
    image = QImage(path)
    if image.isNull():
        return None
    if max(image.width(), image.height()) > THUMBNAIL_PX:
        image = image.scaled(THUMBNAIL_PX, THUMBNAIL_PX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return _data_uri(image, "JPEG")


def _data_uri(image: QImage, kind: str) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, kind)
    buffer.close()
    mime = "image/png" if kind == "PNG" else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(bytes(data)).decode('ascii')}"
