"""The look of the plugin's figure frames that the export also needs at run time: the CJK font family, text
formats, colours and the map grid (a template without a grid gets this one). The bundled templates are drawn by
``scripts/template_generator`` with the same definitions, so both stay alike.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsLayoutItemMap, QgsLayoutItemMapGrid, QgsLineSymbol, QgsTextFormat
from qgis.PyQt.QtGui import QColor, QFont

from ..store import schema
from ..support.fonts import CJK_FAMILIES, find_cjk_family
from . import templates as ids

#: 2000国家大地坐标系 with the projection of the storage CRS (EPSG:4547), as figures state it.
CRS_NOTE = "坐标系：2000国家大地坐标系\n高斯-克吕格投影 3度带 中央经线114°"
ORGANISATION_CAPTION = "编制单位"
DATE_CAPTION = "编制日期"
LEGEND_TITLE = "图  例"
SCALE_UNIT = "千米"
#: Numeric scale, live: it follows the map (and each atlas page). 1∶ is the ratio sign of Chinese cartography.
SCALE_EXPRESSION = ("比例尺 1∶[% regexp_replace(format_number(map_get(item_variables('{map}'), 'map_scale'), 0), "
                    "'[^0-9]', '') %]")
TEXT_COLOUR = "#1a1a1a"
NOTE_COLOUR = "#333333"
ILLUSTRATIVE_COLOUR = "#b00020"
def family() -> str:
    return find_cjk_family() or CJK_FAMILIES[0]


def text_format(size: float, bold: bool = False, colour: str = TEXT_COLOUR) -> QgsTextFormat:
    font = QFont(family())
    font.setBold(bold)
    font.setPointSizeF(size)
    result = QgsTextFormat.fromQFont(font)
    result.setSize(size)
    result.setColor(QColor(colour))
    return result


def add_grid(item: QgsLayoutItemMap, f: float, s: float) -> QgsLayoutItemMapGrid:
    grid = QgsLayoutItemMapGrid(ids.GRID_NAME, item)
    grid.setEnabled(True)
    grid.setStyle(QgsLayoutItemMapGrid.Cross)
    grid.setCrossLength(2.0 * s)
    grid.setLineSymbol(QgsLineSymbol.createSimple({"line_color": "#5a5a5a", "line_width": "0.15",
                                                   "line_width_unit": "MM"}))
    grid.setCrs(QgsCoordinateReferenceSystem(schema.GEOGRAPHIC_CRS))
    grid.setIntervalX(5 / 60)
    grid.setIntervalY(5 / 60)
    grid.setFrameStyle(QgsLayoutItemMapGrid.ExteriorTicks)
    grid.setFrameWidth(1.6 * s)
    grid.setFramePenSize(0.2)
    grid.setAnnotationEnabled(True)
    grid.setAnnotationFormat(QgsLayoutItemMapGrid.DegreeMinute)
    grid.setAnnotationPrecision(0)
    grid.setAnnotationTextFormat(text_format(6.5 * f, colour=NOTE_COLOUR))
    grid.setAnnotationFrameDistance(0.8 * s)
    for side, direction in ((QgsLayoutItemMapGrid.Left, QgsLayoutItemMapGrid.VerticalDescending),
                            (QgsLayoutItemMapGrid.Right, QgsLayoutItemMapGrid.Vertical),
                            (QgsLayoutItemMapGrid.Top, QgsLayoutItemMapGrid.Horizontal),
                            (QgsLayoutItemMapGrid.Bottom, QgsLayoutItemMapGrid.Horizontal)):
        grid.setAnnotationPosition(QgsLayoutItemMapGrid.OutsideMapFrame, side)
        grid.setAnnotationDirection(direction, side)
    item.grids().addGrid(grid)
    return grid
