"""Layout templates (.qpt): where they are looked up, how they are loaded, and the item ids they are filled by.

A figure's template is the first of these that exists:

1. ``<user folder>/<figure id>_<paper>_<orientation>.qpt`` (one figure edited in the layout designer),
2. ``<user folder>/<kind>_<paper>_<orientation>.qpt`` (every figure of a kind: map, atlas, table),
3. the plugin's own ``templates/<kind>_<paper>_<orientation>.qpt``.

The user folder is the ``template_folder`` setting, else ``<QGIS profile>/pingcheng/templates``. Templates are
filled by item id (the ``ITEM_*`` names below); an item a user deleted is simply not filled, only the map is
required. A label whose text holds a ``[% expression %]`` is left as the user wrote it.
"""

from __future__ import annotations

import os
from typing import List, Optional

from qgis.core import QgsApplication, QgsPrintLayout, QgsProject, QgsReadWriteContext
from qgis.PyQt.QtXml import QDomDocument

from ..support import formatting, paths
from ..support.errors import ExportError
from ..support.i18n import tr
from ..support.output_files import atomic_file, disk_full, no_space

ITEM_MAP = "pc_map"
ITEM_OVERVIEW = "pc_overview"
ITEM_TITLE = "pc_title"
ITEM_SUBTITLE = "pc_subtitle"
ITEM_PLAN_NAME = "pc_plan_name"
ITEM_LEGEND = "pc_legend"
ITEM_NORTH_ARROW = "pc_north_arrow"
ITEM_SCALEBAR = "pc_scalebar"
ITEM_SCALE_TEXT = "pc_scale_text"
ITEM_CRS_NOTE = "pc_crs_note"
ITEM_SOURCE_NOTE = "pc_source_note"
ITEM_ILLUSTRATIVE_NOTE = "pc_illustrative_note"
ITEM_ORGANISATION = "pc_organisation"
ITEM_DATE = "pc_date"
ITEM_FIGURE_NUMBER = "pc_figure_number"  # 附图3 / 附表1, top left of the frame
ITEM_SITE_CARD = "pc_site_card"
ITEM_SITE_CARD_TITLE = "pc_site_card_title"  # 项目概况, bold, over the atlas site card
ITEM_POINT_TABLE = "pc_point_table"  # the atlas page's 界址点坐标 table (a frame of a manual table)
ITEM_POINT_TABLE_TITLE = "pc_point_table_title"
ITEM_LAND_TABLE = "pc_land_table"  # the atlas page's 地类及管控面积 table (a frame of a manual table)
ITEM_LAND_TABLE_TITLE = "pc_land_table_title"
ITEM_OVERVIEW_BOX = "pc_overview_box"  # the inset's white box with its caption strip
ITEM_TABLE = "pc_table"
ITEM_TOTALS_ZONE = "pc_totals_zone"
ITEM_TOTALS_PHASE = "pc_totals_phase"
ITEM_TABLE_NOTE = "pc_table_note"
ITEM_UNIT_NOTE = "pc_unit_note"
GRID_NAME = "pc_grid"

REQUIRED = {"map": (ITEM_MAP,), "atlas": (ITEM_MAP,), "table": (ITEM_TABLE,)}


def user_template_folder(configured: Optional[str] = None) -> str:
    if configured:
        return configured
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "pingcheng", "templates")


def template_name(key: str, paper: str, orientation: str) -> str:
    return f"{key}_{paper}_{orientation}.qpt"


def candidates(figure_id: str, kind: str, paper: str, orientation: str,
               user_folder: Optional[str] = None) -> List[str]:
    folder = user_template_folder(user_folder)
    return [os.path.join(folder, template_name(figure_id, paper, orientation)),
            os.path.join(folder, template_name(kind, paper, orientation)),
            os.path.join(paths.templates_dir(), template_name(kind, paper, orientation))]


def find_template(figure_id: str, kind: str, paper: str, orientation: str,
                  user_folder: Optional[str] = None) -> str:
    for path in candidates(figure_id, kind, paper, orientation, user_folder):
        if os.path.isfile(path):
            return path
    raise ExportError(tr("No layout template for {kind} on {paper} {orientation}: {path} is missing.").format(
        kind=kind, paper=paper, orientation=orientation, path=candidates(figure_id, kind, paper, orientation)[-1]))


def load_template(path: str, project: QgsProject, kind: str) -> QgsPrintLayout:
    """A print layout of ``project`` built from the template ``path``; checks the required items are there."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as err:
        raise ExportError(tr("The layout template {path} cannot be read: {error}").format(path=path, error=err)) \
            from err
    document = QDomDocument()
    parsed = document.setContent(text)
    if not (parsed[0] if isinstance(parsed, tuple) else parsed):  # PyQt returns (ok, message, line, column)
        raise ExportError(tr("The layout template {path} is not a QGIS layout template (.qpt).").format(path=path))
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    _items, ok = layout.loadFromTemplate(document, QgsReadWriteContext(), True)
    if not ok:
        raise ExportError(tr("The layout template {path} cannot be loaded.").format(path=path))
    missing = [item_id for item_id in REQUIRED[kind] if layout.itemById(item_id) is None]
    if missing:
        raise ExportError(tr("The layout template {path} has no item with the id {ids}; add it in the layout "
                             "designer (Item properties → Id) or delete the template to use the plugin's own.")
                          .format(path=path, ids=formatting.joined(missing)))
    return layout


def save_template(layout: QgsPrintLayout, path: str) -> None:
    """Save an edited template as every output is saved: staged, checked, then moved over the old one."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with atomic_file(path) as temporary:
        if not layout.saveAsTemplate(temporary, QgsReadWriteContext()):
            if disk_full(os.path.dirname(path)):
                raise no_space(path)
            raise ExportError(tr("The layout template {path} cannot be written.").format(path=path))
