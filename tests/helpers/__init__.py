"""Helpers for the tests, by what they help with: ``common`` (paths, layers, tasks, direct GeoPackage access),
``geometry`` (test shapes), ``sites`` (sites added as QGIS's add-feature tool does), ``exchange_files`` (files written
the way other programs write them), ``legacy`` (a schema-1 plan), ``survey`` (the land survey's area formula)."""

from tests.helpers.common import ROOT, edit, layer_by_table, open_dataset, read_only, sql, wait_for_task
from tests.helpers.geometry import bow_tie, rectangle, square

__all__ = ["ROOT", "bow_tie", "edit", "layer_by_table", "open_dataset", "read_only", "rectangle", "sql", "square",
           "wait_for_task"]
