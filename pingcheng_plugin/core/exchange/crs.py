"""The coordinate system of a source file: the file's own, or recognised from its coordinate values.

Chinese survey data is CGCS2000 Gauss-Kruger almost always: 3-degree zones with the zone number in front of the
easting (38 512 345.678 → zone 38, EPSG:4513–4533) or without it (512 345.678, EPSG:4534–4554 by central
meridian), sometimes 6-degree zones (EPSG:4491–4512), or longitude/latitude (EPSG:4490). Which of these a file
uses shows in its numbers, and only one of them puts the features in Pingcheng. The same test catches the
usual mistakes: X and Y swapped (the survey convention writes the northing first), a zone prefix the declared
system does not expect, or a declared zone that is not the zone of the numbers. Nothing here is silent: a guess
asks for confirmation, a mismatch is a problem that names what would fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsPointXY,
    QgsRectangle,
)

from ..store import schema
from ..support.i18n import tr
from .bounds import Bounds

#: How far (m) outside the district's bounding box a file's extent may lie and still be "in Pingcheng".
FIT_MARGIN_M = 5000.0

GEOGRAPHIC_EPSG = 4490
_ZONE3_PREFIXED = (4513, 25, 45)  # first EPSG code, first zone, last zone
_ZONE6_PREFIXED = (4491, 13, 23)
_CM3 = (4534, 75, 135)  # first EPSG code, first central meridian, last
_CM6 = (4502, 75, 135)


def crs(authid: str) -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem(authid)


def storage_crs() -> QgsCoordinateReferenceSystem:
    return crs(schema.STORAGE_CRS)


def describe(reference: QgsCoordinateReferenceSystem) -> str:
    """'EPSG:4526 CGCS2000 / 3-degree Gauss-Kruger zone 38' (or the description alone without an id)."""
    authid = reference.authid()
    description = reference.description()
    return f"{authid} {description}".strip() if authid else (description or tr("an unnamed coordinate system"))


@dataclass(frozen=True)
class Interpretation:
    """One way to read a file's numbers: a coordinate system, and whether X and Y are swapped."""

    crs: QgsCoordinateReferenceSystem
    swap: bool = False
    why: str = ""  # translated: what in the numbers points to it

    def describe(self) -> str:
        text = describe(self.crs)
        return tr("{crs} with X and Y swapped").format(crs=text) if self.swap else text


@dataclass
class CrsDecision:
    crs: Optional[QgsCoordinateReferenceSystem]  # None only when nothing fits and nobody chose
    swap: bool = False
    how: str = "file"  # 'file' | 'header' | 'guessed' | 'user'
    confirm: bool = False  # a guess: the GUI asks the user to confirm it
    notes: List[str] = field(default_factory=list)  # translated explanations for the user
    problem: Optional[str] = None  # translated: the coordinates do not fit as declared; Processing refuses
    suggestion: Optional[Interpretation] = None  # what would fit, when there is a problem
    swap_detected: bool = False  # the numbers say X and Y are swapped

    @property
    def usable(self) -> bool:
        return self.crs is not None and self.crs.isValid() and self.problem is None


def _epsg(reference: QgsCoordinateReferenceSystem) -> Optional[int]:
    authid = reference.authid()
    if authid.upper().startswith("EPSG:"):
        try:
            return int(authid.split(":")[1])
        except ValueError:
            return None
    return None


def _corners(box: QgsRectangle, swap: bool) -> List[QgsPointXY]:
    points = [QgsPointXY(box.xMinimum(), box.yMinimum()), QgsPointXY(box.xMaximum(), box.yMaximum()),
              QgsPointXY(box.xMinimum(), box.yMaximum()), QgsPointXY(box.xMaximum(), box.yMinimum()),
              box.center()]
    return [QgsPointXY(p.y(), p.x()) for p in points] if swap else points


def transformed_box(box: QgsRectangle, interpretation: Interpretation) -> Optional[QgsRectangle]:
    """``box`` read as ``interpretation``, in the storage CRS (None when it cannot be transformed)."""
    transform = QgsCoordinateTransform(interpretation.crs, storage_crs(), QgsCoordinateTransformContext())
    result = Bounds()
    try:
        for point in _corners(box, interpretation.swap):
            moved = transform.transform(point)
            if moved.x() != moved.x() or abs(moved.x()) > 1e9:  # NaN or infinite
                return None
            result.add(moved.x(), moved.y())
    except QgsCsException:
        return None
    return result.rectangle()


def distance_m(box: QgsRectangle, interpretation: Interpretation, district: QgsRectangle) -> Optional[float]:
    """How far (m) the features read as ``interpretation`` lie from the district's box (0: they overlap it)."""
    moved = transformed_box(box, interpretation)
    if moved is None:
        return None
    dx = max(0.0, district.xMinimum() - moved.xMaximum(), moved.xMinimum() - district.xMaximum())
    dy = max(0.0, district.yMinimum() - moved.yMaximum(), moved.yMinimum() - district.yMaximum())
    return (dx * dx + dy * dy) ** 0.5


def fits(box: QgsRectangle, interpretation: Interpretation, district: QgsRectangle) -> bool:
    distance = distance_m(box, interpretation, district)
    return distance is not None and distance <= FIT_MARGIN_M


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.6f}".rstrip("0").rstrip(".")


def candidates(box: QgsRectangle) -> List[Interpretation]:
    """Every CGCS2000 reading the numbers of ``box`` allow, most likely first (no swap before swap, the plan's
    own central meridian before the others)."""
    found: List[Interpretation] = []
    for swap in (False, True):
        x0, x1 = (box.yMinimum(), box.yMaximum()) if swap else (box.xMinimum(), box.xMaximum())
        y0, y1 = (box.xMinimum(), box.xMaximum()) if swap else (box.yMinimum(), box.yMaximum())
        example_x, example_y = _number((x0 + x1) / 2), _number((y0 + y1) / 2)
        swapped = tr("X and Y appear to be swapped: the first coordinate holds northings ({y}) and the second "
                     "eastings ({x})").format(x=example_x, y=example_y) if swap else ""

        def add(epsg: int, why: str, swapped: str = swapped, swap: bool = swap) -> None:
            text = f"{swapped}; {why}" if swapped else why
            found.append(Interpretation(crs(f"EPSG:{epsg}"), swap, text))

        if -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90:
            add(GEOGRAPHIC_EPSG, tr("the values are longitudes and latitudes ({x}, {y}): CGCS2000 geographic "
                                    "coordinates").format(x=example_x, y=example_y))
            continue
        if not 0 < y0 <= y1 < 10_000_000:
            continue
        zone = int(x0 // 1_000_000)
        if 10_000_000 <= x0 and int(x1 // 1_000_000) == zone:
            first, low, high = _ZONE3_PREFIXED
            if low <= zone <= high:
                add(first + zone - low, tr("the eastings carry the zone number {zone} in front ({x}): CGCS2000 "
                                           "3-degree Gauss-Kruger zone {zone}, central meridian {cm}°E").format(
                    zone=zone, x=example_x, cm=zone * 3))
            first, low, high = _ZONE6_PREFIXED
            if low <= zone <= high:
                add(first + zone - low, tr("the eastings carry the 6-degree zone number {zone} in front ({x}): "
                                           "CGCS2000 6-degree Gauss-Kruger zone {zone}, central meridian {cm}°E")
                    .format(zone=zone, x=example_x, cm=zone * 6 - 3))
        elif 0 < x0 <= x1 < 1_000_000:
            order = [114] + [cm for cm in range(75, 136, 3) if cm != 114]
            first, low, _high = _CM3
            for cm in order:
                add(first + (cm - low) // 3, tr("the eastings have no zone number ({x}): CGCS2000 3-degree "
                                                "Gauss-Kruger, central meridian {cm}°E").format(x=example_x, cm=cm))
            first, low, high = _CM6
            for cm in range(low, high + 1, 6):
                add(first + (cm - low) // 6, tr("the eastings have no zone number ({x}): CGCS2000 6-degree "
                                                "Gauss-Kruger, central meridian {cm}°E").format(x=example_x, cm=cm))
    return found


def fitting(box: QgsRectangle, district: QgsRectangle) -> List[Interpretation]:
    return [c for c in candidates(box) if fits(box, c, district)]


def _looks_geographic(box: QgsRectangle) -> bool:
    return -180 <= box.xMinimum() <= box.xMaximum() <= 180 and -90 <= box.yMinimum() <= box.yMaximum() <= 90


def _km(distance: Optional[float]) -> str:
    return "?" if distance is None else f"{distance / 1000:,.0f}"


def _mismatch(subject: str, reading: Interpretation, box: QgsRectangle, district: QgsRectangle) -> CrsDecision:
    """The numbers do not fit ``reading``: say how far off they land and what would fit instead."""
    distance = distance_m(box, reading, district)
    better = fitting(box, district)
    problem = tr("{subject}: read as {crs} the features lie {km} km from Pingcheng.").format(
        subject=subject, crs=reading.describe(), km=_km(distance))
    suggestion = better[0] if better else None
    if suggestion is not None:
        problem += " " + tr("They fit {crs}: {why}.").format(crs=suggestion.describe(), why=suggestion.why)
        if suggestion.swap:
            problem += " " + tr("Import with X and Y swapped and the coordinate system {authid}.").format(
                authid=suggestion.crs.authid())
        else:
            problem += " " + tr("Choose the coordinate system {authid}.").format(authid=suggestion.crs.authid())
    else:
        problem += " " + tr("No CGCS2000 zone, with or without zone number, nor longitude/latitude puts them in "
                            "Pingcheng: check the file.")
    return CrsDecision(reading.crs, reading.swap, "file", False, [], problem, suggestion,
                       swap_detected=bool(suggestion and suggestion.swap))


def decide(declared: Optional[QgsCoordinateReferenceSystem], box: Optional[QgsRectangle], district: QgsRectangle,
           user_crs: Optional[QgsCoordinateReferenceSystem] = None, user_swap: bool = False,
           declared_by: str = "file") -> CrsDecision:
    """The coordinate system to read a source with.

    ``declared`` is what the file says (None: nothing), ``box`` the extent of its raw coordinates, ``district``
    the plan's district box in the storage CRS. A user's choice wins; it still gets a problem when the
    features would land far from Pingcheng. ``declared_by`` is 'file' or 'header' (the TXT header)."""
    if user_crs is not None and user_crs.isValid():
        reading = Interpretation(user_crs, user_swap)
        if box is None or fits(box, reading, district):
            return CrsDecision(user_crs, user_swap, "user", False,
                               [tr("{crs} (chosen by you)").format(crs=reading.describe())])
        return _mismatch(tr("The chosen coordinate system does not fit"), reading, box, district)
    notes: List[str] = []
    if declared is not None and declared.isValid():
        if box is None:
            return CrsDecision(declared, False, declared_by, False, [tr("{crs} (declared by the file)").format(
                crs=describe(declared))])
        if declared.isGeographic() and not _looks_geographic(box):
            # GeoJSON and KML readers report WGS 84 for any file without a CRS, even with projected numbers
            notes.append(tr("The file declares {crs}, but its coordinates are not longitudes and latitudes.")
                         .format(crs=describe(declared)))
        else:
            reading = Interpretation(declared)
            if fits(box, reading, district):
                source = tr("declared in the file's header") if declared_by == "header" else tr("declared by the file")
                return CrsDecision(declared, False, declared_by, False, [f"{describe(declared)} ({source})"])
            return _mismatch(tr("The file says {crs}, but its coordinates do not fit it").format(
                crs=describe(declared)), reading, box, district)
    if box is None:
        return CrsDecision(storage_crs(), False, "guessed", True, notes + [tr(
            "No coordinates to recognise; the plan's {crs} assumed.").format(crs=describe(storage_crs()))])
    found = fitting(box, district)
    if not found:
        return CrsDecision(None, False, "guessed", False, notes, tr(
            "The coordinates (X {x0} to {x1}, Y {y0} to {y1}) are not in Pingcheng in CGCS2000 longitude/latitude "
            "nor in any 3- or 6-degree Gauss-Kruger zone, with or without zone number. Choose the coordinate "
            "system.").format(x0=_number(box.xMinimum()), x1=_number(box.xMaximum()), y0=_number(box.yMinimum()),
                              y1=_number(box.yMaximum())))
    best = found[0]
    notes.append(tr("The file has no coordinate system; recognised {crs} because {why}. Please confirm.").format(
        crs=describe(best.crs), why=best.why))
    return CrsDecision(best.crs, best.swap, "guessed", True, notes, None, best if best.swap else None,
                       swap_detected=best.swap)


def zone_of(reference: QgsCoordinateReferenceSystem) -> Optional[Tuple[int, bool]]:
    """(3-degree zone number, whether eastings carry it) for the CGCS2000 3-degree systems, else None."""
    epsg = _epsg(reference)
    if epsg is None:
        return None
    first, low, high = _ZONE3_PREFIXED
    if first <= epsg <= first + high - low:
        return low + epsg - first, True
    first, low, high = _CM3
    if first <= epsg <= first + (high - low) // 3:
        return (low + 3 * (epsg - first)) // 3, False
    return None


def zone_crs(zone: int, prefixed: bool, first_prefixed: int = _ZONE3_PREFIXED[0],
             first_cm: int = _CM3[0]) -> Optional[QgsCoordinateReferenceSystem]:
    """3-degree Gauss-Kruger of ``zone`` (25–45), with or without the zone number in eastings: CGCS2000 unless
    the EPSG codes of another datum's zone 25 (``first_prefixed``, ``first_cm``) are given."""
    _first, low, high = _ZONE3_PREFIXED
    if not low <= zone <= high:
        return None
    if prefixed:
        return crs(f"EPSG:{first_prefixed + zone - low}")
    return crs(f"EPSG:{first_cm + (zone * 3 - _CM3[1]) // 3}")
