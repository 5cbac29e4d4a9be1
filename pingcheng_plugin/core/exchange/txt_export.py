"""Sites written as a 界址点坐标 TXT (the format itself is :mod:`.txt`), with the two choices a receiver cares
about: the precision of the coordinates (精度, default 0.001 m: 3 decimals) and which area 地块面积 states — the
CGCS2000 ellipsoidal area the plan reports, or the planar area of the coordinates in the file (Gauss-Kruger plane),
which is what a program recomputing the area from the points gets. The header says which one it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCoordinateTransformContext, QgsGeometry

from ...plan import vocabulary
from ..sites import areas
from ..store import schema
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from ..validation.findings import site_label
from . import encoding as enc
from . import txt

ELLIPSOIDAL, PLANAR = "ellipsoidal", "planar"
AREA_KINDS: Tuple[str, ...] = (ELLIPSOIDAL, PLANAR)
#: The header line stating the area (Chinese, like the rest of the file).
AREA_NOTES = {ELLIPSOIDAL: "地块面积为CGCS2000椭球面积，单位公顷",
              PLANAR: "地块面积为本文件坐标（高斯-克吕格投影平面）计算的平面面积，单位公顷"}
MAX_DECIMALS = 6


@dataclass(frozen=True)
class TxtOptions:
    decimals: int = txt.DEFAULT_DECIMALS  # coordinates' decimals; 精度 = 10^-decimals m
    area: str = ELLIPSOIDAL  # ellipsoidal | planar

    def checked(self) -> TxtOptions:
        if not 0 <= int(self.decimals) <= MAX_DECIMALS:
            raise InvalidInputError(tr("The coordinates can be written with 0 to {most} decimals, not {decimals}.")
                                    .format(most=MAX_DECIMALS, decimals=self.decimals))
        if self.area not in AREA_KINDS:
            raise InvalidInputError(tr("The parcel area is “{kinds}”, not “{area}”.").format(
                kinds="” or “".join(AREA_KINDS), area=self.area))
        return self


def write_txt(path: str, format_id: str, sites: Iterable, reference: QgsCoordinateReferenceSystem, encoding: str,
              checker, producer: Optional[str], options: Optional[TxtOptions] = None,
              land_classes: Optional[Dict[str, Tuple[str, str]]] = None) -> None:
    """``sites`` yields (index, values, geometry in ``reference``); ``checker`` is the export's text checker.
    ``land_classes``: {project code: (DLBM, DLMC) of its dominant land class} when the plan has the land survey's
    results: 地块用途 and 地类编码 are then the land use, as cadastral files state them (empty for a site outside
    the survey); None: 地块用途 is the project type, as before the land survey was imported."""
    options = (options or TxtOptions()).checked()
    calculator = areas.distance_area()
    to_storage = QgsCoordinateTransform(reference, QgsCoordinateReferenceSystem(schema.STORAGE_CRS),
                                        QgsCoordinateTransformContext())

    def parcels():
        for index, values, geometry in sites:
            if geometry is None or geometry.isEmpty():
                continue
            if options.area == PLANAR:  # the plane of the file's own coordinates
                area = geometry.area() / 10000.0
            else:
                area = values.get("area_ha")
                if area is None:
                    stored = QgsGeometry(geometry)
                    stored.transform(to_storage)
                    area = areas.ellipsoidal_ha(stored, calculator)
            label = site_label(values.get("name"), values.get("project_code"), index)
            if land_classes is None:
                ptype = vocabulary.by_code("project_type", values.get("project_type"))
                use, code = (ptype.name_zh if ptype else ""), ""
            else:
                code, use = land_classes.get(values.get("project_code") or "", ("", ""))
            yield txt.ParcelOut(
                area, checker.text(label, "地块编号", values.get("project_code"), index) or str(index),
                checker.text(label, "地块名称", values.get("name"), index) or "",
                checker.text(label, "地块用途", use, index) or "", geometry.asMultiPolygon(),
                checker.text(label, "地类编码", code, index) or "")

    codec = "utf-8" if encoding == enc.UTF8 else "gbk"
    header = txt.default_header(reference, producer or vocabulary.PLAN_AUTHOR_ZH, options.decimals,
                                AREA_NOTES[options.area])
    with open(path, "w", encoding=codec, errors="replace", newline="") as handle:
        txt.write(handle, header, parcels(), options.decimals)
