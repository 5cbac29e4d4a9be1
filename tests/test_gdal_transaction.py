"""The one GDAL transaction every GeoPackage writer goes through (core/store/gdal_transaction.py): all or nothing,
and the plan file not held open by a failed write while its error is still being reported."""

from __future__ import annotations

import os

import pytest
from osgeo import ogr

from pingcheng_plugin.core.store import gdal_transaction
from pingcheng_plugin.core.support.errors import PlanFileError
from tests.helpers import sql


def _plan(path) -> str:
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("notes", None, ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("text", ogr.OFTString))
    dataset = None
    return str(path)


def _add(dataset, text: str) -> None:
    layer = dataset.GetLayerByName("notes")
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("text", text)
    assert layer.CreateFeature(feature) == 0


def _open_files() -> set:
    folder = "/proc/self/fd"
    found = set()
    for name in os.listdir(folder):
        try:
            found.add(os.path.realpath(os.readlink(os.path.join(folder, name))))
        except OSError:
            pass
    return found


def test_a_block_that_ends_is_committed(tmp_path):
    path = _plan(tmp_path / "plan.gpkg")
    with gdal_transaction.writing(path) as dataset:
        _add(dataset, "一")
        _add(dataset, "二")
    assert sql(path, "SELECT text FROM notes ORDER BY fid") == [("一",), ("二",)]


def test_a_block_that_raises_writes_nothing_and_lets_the_file_go(tmp_path):
    path = _plan(tmp_path / "plan.gpkg")
    caught = None
    try:
        with gdal_transaction.writing(path) as dataset:
            _add(dataset, "一")
            raise ValueError("the second row is refused")
    except ValueError as error:
        caught = error  # kept alive, as a task or a Processing error keeps it while it is reported
    assert caught is not None and caught.__traceback__ is not None
    assert os.path.realpath(path) not in _open_files()
    assert sql(path, "SELECT count(*) FROM notes") == [(0,)]


class _RefusingCommit:
    """A dataset whose commit fails, as a full disk makes it fail at the very end (make check-full-disk has the
    real one)."""

    def __init__(self):
        self.calls = []

    def StartTransaction(self):  # noqa: N802 (GDAL's names)
        self.calls.append("start")
        return 0

    def CommitTransaction(self):  # noqa: N802
        self.calls.append("commit")
        return 1

    def RollbackTransaction(self):  # noqa: N802
        self.calls.append("rollback")
        return 0


def test_a_failed_commit_is_rolled_back_and_named():
    dataset = _RefusingCommit()
    with pytest.raises(PlanFileError, match="plan.gpkg"):
        with gdal_transaction.transaction(dataset, "plan.gpkg"):
            pass
    assert dataset.calls == ["start", "commit", "rollback"]
