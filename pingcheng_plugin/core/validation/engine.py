"""The site validator: every rule over a whole layer (or the edited part of it) in a few vectorised passes.

Geometry work uses shapely: one validity pass over all sites, one prepared district outline, one STRtree over the
sites for overlaps (each candidate pair is tested once), and the plan-area overlay of :mod:`..derive`. Nothing
scans the layer once per feature.
"""

from __future__ import annotations

import numbers
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import shapely
from qgis.core import QgsGeometry
from shapely.geometry.base import BaseGeometry

from ...plan import vocabulary
from .. import areas
from ..derive import SiteDeriver, parse_key_areas
from ..errors import CancelledError
from ..i18n import tr
from ..overlay import SHAPELY2, to_shapely, to_shapely_many, valid
from .config import ValidationConfig
from .findings import Finding, make_finding

_LOCATION = re.compile(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)")


@dataclass
class SiteInput:
    """One site as the validator sees it: its id, attribute values by field name and geometry."""

    fid: Optional[int]
    attributes: Mapping[str, object]
    geometry: Optional[QgsGeometry]

    def value(self, name: str) -> object:
        value = self.attributes.get(name)
        return None if value is None or str(value) == "NULL" else value


@dataclass
class PlanContext:
    """What sites are checked against: the district, the zones and key areas, the suitability table."""

    district: Optional[QgsGeometry]
    deriver: SiteDeriver
    suitability: Sequence[Tuple[str, str, str]] = ()
    has_zones: bool = True
    _suitable: Dict[str, Dict[str, Set[str]]] = field(default_factory=dict, init=False)

    def suitable(self, type_code: str) -> Dict[str, Set[str]]:
        if not self._suitable:
            for ptype, kind, area in self.suitability:
                self._suitable.setdefault(ptype, {"zone": set(), "key_area": set()}).setdefault(kind, set()).add(area)
        return self._suitable.get(type_code, {"zone": set(), "key_area": set()})


def name_key(name: object) -> str:
    """How project names are compared for the duplicate-name rule: no whitespace at all, case folded."""
    return "".join(str(name).split()).casefold() if name is not None else ""


def _as_int(value: object) -> Optional[int]:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _as_float(value: object) -> Optional[float]:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _point(geometry: Optional[BaseGeometry]) -> Optional[Tuple[float, float]]:
    if geometry is None or geometry.is_empty:
        return None
    point = geometry.representative_point() if geometry.is_valid else geometry.centroid
    return (point.x, point.y)


def _invalid_location(geometry: BaseGeometry) -> Tuple[Optional[Tuple[float, float]], str]:
    """Where and why a geometry is invalid, from GEOS's own explanation ('Self-intersection[x y]')."""
    if SHAPELY2:
        reason = shapely.is_valid_reason(geometry)
    else:
        from shapely.validation import explain_validity

        reason = explain_validity(geometry)
    match = _LOCATION.search(reason or "")
    where = (float(match.group(1)), float(match.group(2))) if match else _point(geometry)
    return where, reason.split("[")[0].strip() if reason else ""


class SiteValidator:
    def __init__(self, context: PlanContext, config: ValidationConfig):
        self.context = context
        self.config = config.check()
        self._calculator = areas.distance_area()
        district = to_shapely(context.district) if context.district is not None else None
        self._district = None if district is None else district.buffer(config.boundary_tolerance_m)
        if self._district is not None:
            if SHAPELY2:
                shapely.prepare(self._district)
            else:
                from shapely.prepared import prep

                self._district_prepared = prep(self._district)

    def validate(self, sites: Sequence[SiteInput], others: Sequence[SiteInput] = (),
                 only: Optional[Iterable[Optional[int]]] = None,
                 progress: Optional[Callable[..., bool]] = None) -> List[Finding]:
        """Findings for ``sites``. ``others`` are the rest of the layer, checked against (overlap, unique names)
        but not reported; ``only`` restricts reporting to these fids (the edited sites). ``progress(percent)``
        returning False cancels (CancelledError)."""
        everything = list(sites) + list(others)
        wanted = None if only is None else set(only)
        report = set(range(len(sites))) if wanted is None else {i for i, s in enumerate(sites) if s.fid in wanted}
        shapes = to_shapely_many([s.geometry for s in everything])
        findings: List[Finding] = []
        passes = (self._attribute_rules, self._geometry_rules, self._overlaps, self._plan_rules)
        for number, rule_pass in enumerate(passes):
            if progress is not None and progress(100.0 * number / len(passes)) is False:
                raise CancelledError(tr("Cancelled: nothing was changed."))
            findings += rule_pass(everything, shapes, report)
        order = {i: n for n, i in enumerate(sorted(report))}
        by_fid = {s.fid: order.get(i, 0) for i, s in enumerate(everything) if i in report}
        findings.sort(key=lambda f: (by_fid.get(f.fid, 0), f.severity.value, f.rule))
        return findings

    # --- attributes -------------------------------------------------------------------------------------------
    def _attribute_rules(self, sites: Sequence[SiteInput], shapes: List[Optional[BaseGeometry]],
                         report: Set[int]) -> List[Finding]:
        found: List[Finding] = []
        names = Counter(key for key in (name_key(s.value("name")) for s in sites) if key)
        first, last = vocabulary.PLAN_START_YEAR, vocabulary.PLAN_END_YEAR
        for i in sorted(report):
            site, shape = sites[i], shapes[i]
            add = _Reporter(found, site, shape)

            key = name_key(site.value("name"))
            if not key:
                add("NAME_EMPTY", tr("every site needs a project name"))
            elif names[key] > 1:
                add("NAME_DUPLICATE", tr("{count} sites are called “{name}”").format(
                    count=names[key], name=site.value("name")))
            ptype = site.value("project_type")
            if vocabulary.by_code("project_type", ptype) is None:
                add("TYPE_INVALID", tr("“{value}” is not one of the plan's 8 project types").format(
                    value=ptype if ptype is not None else tr("(empty)")))
            status = site.value("status")
            if status is not None and vocabulary.by_code("status", status) is None:
                add("STATUS_INVALID", tr("“{value}” is not a known status").format(value=status))
            start, end = _as_int(site.value("start_year")), _as_int(site.value("end_year"))
            for label, year in ((tr("start year"), start), (tr("end year"), end)):
                if year is None:
                    add("YEAR_MISSING", tr("the {which} is empty").format(which=label))
                elif not first <= year <= last:
                    add("YEAR_OUT_OF_RANGE", tr("the {which} {year} is outside {first}–{last}").format(
                        which=label, year=year, first=first, last=last))
            if start is not None and end is not None and start > end:
                add("YEARS_REVERSED", tr("starts in {start} but ends in {end}").format(start=start, end=end))
            investment = site.value("investment")
            if investment is None:
                add("INVESTMENT_MISSING", tr("the total investment is empty (it is not counted as 0)"))
            elif _as_float(investment) is None or _as_float(investment) < 0:
                add("INVESTMENT_NEGATIVE", tr("the total investment is {value} 万元").format(value=investment))
        return found

    # --- geometry ---------------------------------------------------------------------------------------------
    def _geometry_rules(self, sites: Sequence[SiteInput], shapes: List[Optional[BaseGeometry]],
                        report: Set[int]) -> List[Finding]:
        found: List[Finding] = []
        for i in sorted(report):
            site, shape = sites[i], shapes[i]
            add = _Reporter(found, site, shape).at

            if shape is None or shape.is_empty:
                add("GEOM_EMPTY", None, tr("the site has no boundary"))
                continue
            if not shape.is_valid:
                where, reason = _invalid_location(shape)
                add("GEOM_INVALID", where, tr("{reason} at ({x:.2f}, {y:.2f}); use Fix geometry").format(
                    reason=reason or tr("invalid"), x=where[0], y=where[1]) if where else reason)
                shape = valid(shape)
            # Ellipsoidal and planar areas differ by well under 1 % here: measure on the ellipsoid only near the limit.
            area_ha = shape.area / areas.M2_PER_HA
            if area_ha < self.config.min_area_ha * 1.01:
                area_ha = areas.ellipsoidal_ha(site.geometry, self._calculator)
            if area_ha < self.config.min_area_ha:
                add("AREA_TOO_SMALL", _point(shape), tr("{area} ha is below the minimum of {minimum} ha").format(
                    area=f"{area_ha:.4f}", minimum=f"{self.config.min_area_ha:g}"))
            if self._district is not None and not self._inside(shape):
                outside = shape.difference(self._district)
                if outside.area > 0:
                    add("OUTSIDE_DISTRICT", _point(outside),
                        tr("{area} m² lie outside the district boundary (tolerance {tolerance} m)").format(
                            area=f"{outside.area:.1f}", tolerance=f"{self.config.boundary_tolerance_m:g}"))
        return found

    def _inside(self, shape: BaseGeometry) -> bool:
        if SHAPELY2:
            return bool(shapely.contains(self._district, shape))
        return self._district_prepared.contains(shape)

    def _overlaps(self, sites: Sequence[SiteInput], shapes: List[Optional[BaseGeometry]],
                  report: Set[int]) -> List[Finding]:
        valid = [None if s is None or s.is_empty else (s if s.is_valid else s.buffer(0)) for s in shapes]
        pairs = _intersecting_pairs(valid, report)
        found: List[Finding] = []
        for i, j in pairs:
            overlap = valid[i].intersection(valid[j])
            if overlap.area <= self.config.max_overlap_m2:
                continue
            for me, other in ((i, j), (j, i)):
                if me in report:
                    site, partner = sites[me], sites[other]
                    found.append(make_finding(
                        "OVERLAP", site.fid, site.value("project_code"), site.value("name"), _point(overlap),
                        tr("{area} m² shared with {other} (allowed {allowed} m²)").format(
                            area=f"{overlap.area:.1f}", allowed=f"{self.config.max_overlap_m2:g}",
                            other=_other_label(partner))))
        return found

    # --- the plan ---------------------------------------------------------------------------------------------
    def _plan_rules(self, sites: Sequence[SiteInput], shapes: List[Optional[BaseGeometry]],
                    report: Set[int]) -> List[Finding]:
        indexes = sorted(report)
        assigned = self.context.deriver.assign_many([shapes[i] for i in indexes])
        found: List[Finding] = []
        for i, values in zip(indexes, assigned):
            site, shape = sites[i], shapes[i]
            if shape is None or shape.is_empty:
                continue
            add = _Reporter(found, site, shape)

            if self.context.has_zones and values.zone_code is None:
                add("OUTSIDE_ZONES", tr("the site overlaps none of the 4 restoration zones"))
            ptype = vocabulary.by_code("project_type", site.value("project_type"))
            keys = set(parse_key_areas(values.key_areas))
            if ptype is not None and self.context.has_zones and (values.zone_code is not None or keys):
                suitable = self.context.suitable(ptype.code)
                if values.zone_code not in suitable["zone"] and not keys & suitable["key_area"]:
                    zone = vocabulary.by_code("zone", values.zone_code)
                    add("PLAN_CONFORMANCE", tr("a {type} lies in {zone}{keys}; the suitability table lists it for "
                                               "{expected}").format(
                        type=ptype.name_zh, zone=zone.name_zh if zone else tr("no zone"),
                        keys=("、" + "、".join(_key_names(keys))) if keys else "",
                        expected="、".join(_suitable_names(suitable)) or tr("no area")))
            if self.context.has_zones and self._stale(site, shape, values):
                add("DERIVED_STALE", tr("stored area, zone or key areas differ from the boundary; save the site "
                                        "again or run Recompute derived fields"))
        return found

    @staticmethod
    def _stale(site: SiteInput, shape: BaseGeometry, values) -> bool:
        """Stored derived values that no longer match the boundary (edited outside a QGIS form, or imported)."""
        if "area_proj_ha" not in site.attributes:
            return False
        stored_area = _as_float(site.value("area_proj_ha"))
        if stored_area is None or abs(stored_area - shape.area / areas.M2_PER_HA) > 0.00015:
            return True
        if site.value("zone_code") != values.zone_code:
            return True
        return sorted(parse_key_areas(site.value("key_areas"))) != sorted(parse_key_areas(values.key_areas))


class _Reporter:
    """Adds findings about one site; the location defaults to a point on the site."""

    def __init__(self, found: List[Finding], site: SiteInput, shape: Optional[BaseGeometry]):
        self.found, self.site, self.shape = found, site, shape

    def __call__(self, rule: str, detail: str) -> None:
        shape = self.shape
        self.at(rule, _point(shape if shape is None or shape.is_valid else shape.buffer(0)), detail)

    def at(self, rule: str, where: Optional[Tuple[float, float]], detail: str) -> None:
        site = self.site
        self.found.append(make_finding(rule, site.fid, site.value("project_code"), site.value("name"), where, detail))


def _key_names(codes: Iterable[str]) -> List[str]:
    return [vocabulary.by_code("key_area", c).name_zh for c in sorted(codes) if vocabulary.by_code("key_area", c)]


def _suitable_names(suitable: Dict[str, Set[str]]) -> List[str]:
    names = [vocabulary.by_code("zone", c).name_zh for c in sorted(suitable["zone"]) if vocabulary.by_code("zone", c)]
    return names + _key_names(suitable["key_area"])


def _other_label(site: SiteInput) -> str:
    from .findings import site_label

    return site_label(site.value("name"), site.value("project_code"), site.fid)


def _intersecting_pairs(shapes: List[Optional[BaseGeometry]], report: Set[int]) -> List[Tuple[int, int]]:
    """(i, j), i < j, of sites whose interiors may overlap, at least one of them reported. One STRtree."""
    indexed = [i for i, s in enumerate(shapes) if s is not None]
    if len(indexed) < 2:
        return []
    from shapely.strtree import STRtree

    geometries = [shapes[i] for i in indexed]
    tree = STRtree(geometries)
    pairs: Set[Tuple[int, int]] = set()
    if SHAPELY2:
        import numpy

        queries = [n for n, i in enumerate(indexed) if i in report]
        left, right = tree.query(numpy.array([geometries[n] for n in queries], dtype=object), predicate="intersects")
        for a, b in zip(left.tolist(), right.tolist()):
            i, j = indexed[queries[a]], indexed[b]
            if i != j:
                pairs.add((min(i, j), max(i, j)))
    else:
        position = {id(g): n for n, g in enumerate(geometries)}
        for n, i in enumerate(indexed):
            if i not in report:
                continue
            for candidate in tree.query(geometries[n]):
                m = int(candidate) if isinstance(candidate, numbers.Integral) else position[id(candidate)]
                j = indexed[m]
                if i != j and geometries[n].intersects(geometries[m]):
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)
