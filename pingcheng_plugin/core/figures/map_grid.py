"""The map grid of the figures: 经纬网 (graticule, CGCS2000 degrees) or 公里网 (Gauss-Kruger km), its interval
for the map's extent, and labels on all four sides that leave the frame's corners free."""

from __future__ import annotations

import math
from typing import Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutObject,
    QgsPointXY,
    QgsProperty,
    QgsRenderContext,
    QgsTextRenderer,
)

from ..store import schema
from ..support import compat
from . import templates as ids

#: Graticule intervals (degrees) and kilometre-grid intervals (metres) to choose from.
_GRATICULE = tuple(m / 60.0 for m in (0.5, 1, 2, 2.5, 5, 10, 15, 30, 60))
_KM_GRID = (250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10000.0, 20000.0)
_ATLAS_GRATICULE = tuple(sec / 3600.0 for sec in (5, 10, 15, 30, 60, 120, 300, 600))
_ATLAS_KM_GRID = (100.0, 200.0, 250.0, 500.0) + _KM_GRID[2:]
#: Graticule labels as Chinese figures write them: 113°15′E, 40°07′30″N (seconds only when not zero).
GRATICULE_LABEL = ("with_variable('t', round(abs(@grid_number) * 3600), "
                   "to_string(floor(@t / 3600)) || '°' || lpad(to_string(floor((@t % 3600) / 60)), 2, '0') || '′' "
                   "|| if(@t % 60 = 0, '', lpad(to_string(@t % 60), 2, '0') || '″') "
                   "|| if(@grid_axis = 'x', if(@grid_number < 0, 'W', 'E'), if(@grid_number < 0, 'S', 'N')))")
KM_LABEL = "format_number(@grid_number / 1000, 0)"
KM_LABEL_ATLAS = "to_string(round(@grid_number / 1000, 2))"
#: Room (mm) kept between a grid label and a corner of the map frame; it also covers the meridians' slant (grid
#: convergence, about 0.5° here) between the map's middle, where positions are computed, and its edges.
_CORNER_SLACK = 1.5


def size_mm(map_item: QgsLayoutItemMap) -> Tuple[float, float]:
    size = map_item.sizeWithUnits()
    converter = map_item.layout().renderContext().measurementConverter()
    size = converter.convert(size, compat.LAYOUT_MM)
    return size.width(), size.height()


def _grid(map_item: QgsLayoutItemMap) -> Optional[QgsLayoutItemMapGrid]:
    for grid in map_item.grids().asList():
        if grid.name() == ids.GRID_NAME:
            return grid
    return None


def configure_grid(map_item: QgsLayoutItemMap, mode: str, atlas: bool = False) -> None:
    """'graticule' (经纬网, CGCS2000 degrees and minutes), 'km' (公里网, Gauss-Kruger km) or 'none', for the map's
    current extent. Atlas pages change scale: :mod:`.fill_atlas` calls this again for every page (``atlas``: the
    finer intervals a project location map needs)."""
    grid = _grid(map_item)
    if grid is None:
        if mode == "none":
            return
        from .frame_style import add_grid

        grid = add_grid(map_item, 1.0, 1.0)
    if mode == "none":
        grid.setEnabled(False)
        return
    grid.setEnabled(True)
    extent = map_item.extent()
    grid.setAnnotationFormat(QgsLayoutItemMapGrid.CustomFormat)
    if mode == "graticule":
        grid.setCrs(QgsCoordinateReferenceSystem(schema.GEOGRAPHIC_CRS))
        latitude = math.radians(40.0)
        span = max(extent.width() / (111320.0 * math.cos(latitude)), extent.height() / 110574.0)
        choices = _ATLAS_GRATICULE if atlas else _GRATICULE
        label = GRATICULE_LABEL
    else:
        grid.setCrs(QgsCoordinateReferenceSystem(schema.STORAGE_CRS))
        span = max(extent.width(), extent.height())
        choices = _ATLAS_KM_GRID if atlas else _KM_GRID
        label = KM_LABEL_ATLAS if atlas else KM_LABEL
    grid.setUnits(QgsLayoutItemMapGrid.MapUnit)  # degrees for the graticule (its CRS), metres for the km grid
    for key in (QgsLayoutObject.MapGridIntervalX, QgsLayoutObject.MapGridIntervalY):
        grid.dataDefinedProperties().setProperty(key, QgsProperty())  # older templates: a per-page expression
    interval = next((c for c in choices if span / c <= 6.5), choices[-1])
    grid.setIntervalX(interval)
    grid.setIntervalY(interval)
    grid.setOffsetX(0)
    grid.setOffsetY(0)
    for side in (QgsLayoutItemMapGrid.Left, QgsLayoutItemMapGrid.Right, QgsLayoutItemMapGrid.Top,
                 QgsLayoutItemMapGrid.Bottom):
        grid.setAnnotationDisplay(QgsLayoutItemMapGrid.ShowAll, side)
    grid.setAnnotationExpression(corner_free_label(map_item, grid, label))


def corner_free_label(map_item: QgsLayoutItemMap, grid: QgsLayoutItemMapGrid, label: str) -> str:
    """``label`` made blank for the grid lines whose label would reach past a corner of the map frame, where it
    would run into the labels of the next side (or off the page); computed for the map's current extent."""
    width_mm, height_mm = size_mm(map_item)
    extent = map_item.extent()
    if extent.isEmpty() or width_mm <= 0 or height_mm <= 0:
        return label
    context = map_item.layout().project().transformContext()
    forward = QgsCoordinateTransform(map_item.crs(), grid.crs(), context)
    back = QgsCoordinateTransform(grid.crs(), map_item.crs(), context)
    try:
        bounds = forward.transformBoundingBox(extent)
        middle = forward.transform(extent.center())
    except QgsCsException:
        return label
    factor = 36000.0 if grid.crs().isGeographic() else 1.0  # numbers compared in 0.1″ or metres
    expression = QgsExpression(label)
    scope = QgsExpressionContextScope()
    evaluation = QgsExpressionContext()
    evaluation.appendScope(scope)
    render = QgsRenderContext()
    render.setScaleFactor(300 / 25.4)  # painter units per mm, so text widths come out in mm
    text_format = grid.annotationTextFormat()
    skipped = []
    for axis, low, high, interval in (("x", bounds.xMinimum(), bounds.xMaximum(), grid.intervalX()),
                                      ("y", bounds.yMinimum(), bounds.yMaximum(), grid.intervalY())):
        if interval <= 0 or (high - low) / interval > 200:
            continue
        numbers = []
        for step in range(math.ceil(low / interval), math.floor(high / interval) + 1):
            value = step * interval
            scope.setVariable("grid_number", value)
            scope.setVariable("grid_axis", axis)
            half = QgsTextRenderer.textWidth(render, text_format, [str(expression.evaluate(evaluation))]) / \
                render.scaleFactor() / 2
            try:
                if axis == "x":
                    point = back.transform(QgsPointXY(value, middle.y()))
                    position, length = (point.x() - extent.xMinimum()) / extent.width() * width_mm, width_mm
                else:
                    point = back.transform(QgsPointXY(middle.x(), value))
                    position, length = (extent.yMaximum() - point.y()) / extent.height() * height_mm, height_mm
            except QgsCsException:
                continue
            if min(position, length - position) - half < _CORNER_SLACK:
                numbers.append(str(round(value * factor)))
        if numbers:
            skipped.append(f"(@grid_axis = '{axis}' AND round(@grid_number * {factor!r}) IN ({', '.join(numbers)}))")
    if not skipped:
        return label
    return f"if({' OR '.join(skipped)}, '', {label})"
