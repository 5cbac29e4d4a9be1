"""The rejected-features file of an import: every feature the import refused, with its source fields as the sender
wrote them and the reason, so the sender can fix and resend them."""

from __future__ import annotations

import os
from typing import Dict, Iterable, Optional, Sequence, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

from ..support.gdalutil import gdal_quiet
from ..support.output_files import StagingFolder, check_target
from . import csvwkt, formats
from . import encoding as enc
from .writers import OgrOut, OutField, csv_value

#: The two fields a rejected-features file adds to the sender's own.
REJECT_FIELDS = (OutField("SRC_NO", "int", "原要素序号"), OutField("REASON", "text", "拒收原因"))


@gdal_quiet
def write_rejected(path: str, source_fields: Sequence[Tuple[str, str]],
                   rows: Iterable[Tuple[int, Dict[str, object], Optional[QgsGeometry], str]],
                   reference: Optional[QgsCoordinateReferenceSystem]) -> Tuple[str, int]:
    """Rejected features with their original attributes, geometry (as the sender wrote it) and the reasons.
    ``source_fields`` are (name, kind); the format follows the extension (.gpkg, .shp, .geojson, .csv)."""
    fmt = formats.for_path(path) if os.path.splitext(path)[1] else formats.get("gpkg")
    if fmt.id not in ("gpkg", "shp", "geojson", "csv"):
        fmt = formats.get("gpkg")
    path = check_target(formats.with_extension(path, fmt.id))
    kinds = {"date": "text", "datetime": "text"}
    fields = [OutField(name, kinds.get(kind, kind)) for name, kind in source_fields
              if name.upper() not in ("SRC_NO", "REASON")] + list(REJECT_FIELDS)
    staging = StagingFolder(os.path.dirname(path))
    staged = staging.staged(os.path.basename(path))
    count = 0
    with staging:  # removed whatever happens; an OSError (a full disk) becomes a message naming the file
        if fmt.id == "csv":
            with open(staged, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csvwkt.writer(handle)
                writer.writerow(["WKT"] + [f.name for f in fields])
                for index, attributes, geometry, reason in rows:
                    values = dict(attributes, SRC_NO=index, REASON=reason)
                    writer.writerow([geometry.asWkt() if geometry is not None else ""] +
                                    [csv_value(values.get(f.name)) for f in fields])
                    count += 1
        else:
            out = OgrOut(staged, fmt.id, fields, reference, "rejected", enc.UTF8, "拒收要素")
            try:
                for index, attributes, geometry, reason in rows:
                    values = {f.name: _coerce(attributes.get(f.name), f.kind) for f in fields}
                    values.update(SRC_NO=index, REASON=reason)
                    if geometry is not None and not geometry.isNull():
                        geometry = QgsGeometry(geometry)
                        geometry.convertToMultiType()
                        if geometry.type() != 2:  # not polygons: the layer is a polygon layer, keep the record
                            geometry = None
                    out.add(values, geometry)
                    count += 1
            finally:
                out.close()
        if fmt.id != "csv":
            staging.expect(os.path.basename(path), count)
        staging.commit()
    return path, count


def _coerce(value: object, kind: str) -> object:
    if value is None:
        return None
    try:
        if kind == "int":
            return int(value)
        if kind == "real":
            return float(value)
    except (TypeError, ValueError):
        return None
    return str(value) if kind == "text" else value
