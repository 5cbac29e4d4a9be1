"""What every import of a file has in common, sites or official plan layers: opening the source with an encoding
and layer, deciding its coordinate system (the file's, recognised from the numbers, or the user's, with X and Y
swapped when asked), and refusing to go on while positions would be wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

from ..support.errors import InvalidInputError
from ..support.gdalutil import gdal_quiet
from ..support.i18n import tr
from . import crs as crs_module
from . import encoding as enc
from . import readers


@dataclass
class SourceOptions:
    """How to read the source file: what every import's options start with."""

    encoding: str = enc.AUTO
    layer: Optional[str] = None  # a layer of a multi-layer file
    source_crs: Optional[QgsCoordinateReferenceSystem] = None  # overrides the file's and the recognised one
    swap_xy: bool = False  # read the file's X as northing (the caller's decision, after detection said so)


def swapped(box: QgsRectangle) -> QgsRectangle:
    return QgsRectangle(box.yMinimum(), box.xMinimum(), box.yMaximum(), box.xMaximum())


class SourceJob:
    """Subclasses set ``plan_path``, ``source_path``, ``options`` (a :class:`SourceOptions`) and ``district_box``
    before calling :meth:`reopen`; they react to changes in :meth:`_source_changed`."""

    source: Optional[readers.Source] = None
    decision: Optional[crs_module.CrsDecision] = None

    @gdal_quiet
    def reopen(self, encoding: Optional[str] = None, layer: Optional[str] = None) -> None:
        """(Re)open the source, e.g. with another encoding or layer."""
        if encoding is not None:
            self.options.encoding = encoding
        if layer is not None:
            self.options.layer = layer
        if self.source is not None:
            self.source.close()
        self.source = self._prepared(readers.open_source(self.source_path, self.options.encoding,
                                                         self.options.layer))
        self._decide()
        self._source_opened()
        self._source_changed()

    def _prepared(self, source: readers.Source) -> readers.Source:
        """The source as the job reads it (e.g. features grouped into sites); closes it on an error."""
        return source

    def _source_opened(self) -> None:
        """After (re)opening: e.g. guess a field mapping."""

    def _source_changed(self) -> None:
        """After the source or its coordinate system changed: a preview made before is stale."""

    def _decide(self) -> None:
        box = self.source.extent()
        if box is not None and self.options.swap_xy:
            box = swapped(box)
        self.decision = crs_module.decide(self.source.declared_crs, box, self.district_box, self.options.source_crs,
                                          False, self.source.crs_by)
        if self.options.swap_xy:
            self.decision.swap = True
            self.decision.notes.append(tr("X and Y are read swapped (X as northing), as asked."))

    def choose_crs(self, reference: Optional[QgsCoordinateReferenceSystem], swap: bool) -> None:
        """The user's (or the caller's) coordinate system and axis order; None keeps the file's or the guess."""
        self.options.source_crs = reference if reference is not None and reference.isValid() else None
        self.options.swap_xy = bool(swap)
        self._decide()
        self._source_changed()

    def check_ready(self) -> None:
        """Refuse what would import wrong positions: a CRS problem, or swapped axes nobody confirmed."""
        decision = self.decision
        if decision.problem:
            raise InvalidInputError(decision.problem)
        if decision.crs is None or not decision.crs.isValid():
            raise InvalidInputError(tr("The coordinate system of {path} is unknown; choose it.").format(
                path=self.source_path))
        if decision.swap and not self.options.swap_xy:
            raise InvalidInputError(tr("{path}: {why}. Nothing was imported; import again with X and Y swapped "
                                       "(SWAP_XY) if that is right.").format(
                path=self.source_path, why=decision.suggestion.why if decision.suggestion else
                "; ".join(decision.notes)))
