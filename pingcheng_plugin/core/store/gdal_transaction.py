"""One GDAL transaction on a plan GeoPackage, for every writer that goes through GDAL rather than sqlite3 (a
GeoPackage's R-tree triggers call GDAL's SQL functions, so rows with a geometry are written through GDAL).

All of it or nothing: the block's writes are committed when it ends and rolled back if it raises, or if the commit
itself fails (a full disk shows up there), so a failure never leaves a partial write behind.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from osgeo import gdal, ogr

from ..support.errors import PlanFileError
from ..support.i18n import tr


@contextlib.contextmanager
def transaction(dataset, name: str) -> Iterator[object]:
    """A transaction on the open ``dataset``; ``name`` (the file or the table) is what a failure names."""
    if dataset.StartTransaction() != 0:
        raise PlanFileError(tr("Cannot open {path} for writing.").format(path=name))
    try:
        yield dataset
    except BaseException:
        dataset.RollbackTransaction()
        dataset = None  # not kept open by this frame while the exception lives on
        raise
    if dataset.CommitTransaction() != 0:
        error = gdal.GetLastErrorMsg()
        dataset.RollbackTransaction()
        dataset = None
        raise PlanFileError(tr("Changes to {layer} were not saved: {errors}").format(layer=name, errors=error))


@contextlib.contextmanager
def writing(path: str, name: str = "") -> Iterator[object]:
    """The GeoPackage ``path`` opened for writing through GDAL, in one :func:`transaction` (named ``name``, by
    default the file), and closed after it."""
    dataset = ogr.Open(path, 1)
    if dataset is None:
        raise PlanFileError(tr("Cannot open {path} for writing.").format(path=path))
    try:
        with transaction(dataset, name or path):
            yield dataset
    except BaseException:
        _close(dataset)  # the caller's own name for it lives on in the exception's traceback
        raise
    finally:
        dataset = None


def _close(dataset) -> None:
    """Close a GDAL dataset now, whoever still refers to it (Close from GDAL 3.8, Destroy before)."""
    close = getattr(dataset, "Close", None) or getattr(dataset, "Destroy", None)
    if close is not None:
        close()
