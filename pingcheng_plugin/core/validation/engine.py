"""The site validator: every rule of the rule table over a whole layer (or its edited part) in five passes (the
last, the bureau's control layers, when the plan has them).

Each pass works on all sites at once: the geometry facts (:mod:`.geometry_facts`: validity, repairs, areas,
locations) are worked out once, the district test is one prepared containment query, overlaps come from one
spatial-index query and the zones and key areas from one overlay (:mod:`..overlay`). Findings are only built for
the sites that break a rule. Nothing scans the layer once per feature or asks GEOS the same question twice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import shapely
from qgis.core import QgsGeometry
from shapely.geometry.base import BaseGeometry

from ...plan import suitability as plan_suitability
from ...plan import vocabulary
from ..rules.site_rules import RULES, RuleContext, SiteValues, as_float, name_key, rules_for
from ..rules.thresholds import ValidationConfig
from ..sites import areas
from ..sites.derive import SiteDeriver, parse_key_areas
from ..sites.overlay import SHAPELY2, make_strtree, to_shapely, to_shapely_many
from ..store.site_reader import SiteRecord
from ..support import formatting
from ..support.i18n import tr, ui_language
from ..support.progress import Progress
from ..support.progress import report as report_progress
from .findings import Finding, site_label
from .geometry_facts import GeometryFacts, Point, point_on

__all__ = ["PlanContext", "SiteRecord", "SiteValidator", "name_key"]

_LOCATION = re.compile(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)")


def _decode(sites: Sequence[SiteRecord]) -> List[Optional[BaseGeometry]]:
    """Shapely geometries of ``sites``, from their WKB where they have it (one bulk decode on shapely 2)."""
    if all(getattr(s, "shape", None) is not None or (s.wkb is None and s.geometry is None) for s in sites):
        return [getattr(s, "shape", None) for s in sites]  # decoded by the caller, which uses them again
    if all(s.wkb is not None or s.geometry is None for s in sites):
        if SHAPELY2:
            return list(shapely.from_wkb([s.wkb for s in sites]))
        from shapely import wkb as shapely_wkb

        return [None if s.wkb is None else shapely_wkb.loads(s.wkb) for s in sites]
    return to_shapely_many([s.qgs_geometry() for s in sites])


@dataclass
class PlanContext:
    """What sites are checked against: the district, the zones and key areas, the suitability table."""

    district: Optional[QgsGeometry]
    deriver: SiteDeriver
    #: rows (type code, area kind, area code, source) of the plan's suitability table
    suitability: Sequence[Tuple[str, str, str, Optional[str]]] = ()
    has_zones: bool = True
    #: the bureau's control layers (validation/control_rules.ControlChecks), None when the plan has none
    controls: Optional[object] = None
    _suitable: Dict[str, Dict[str, Set[str]]] = field(default_factory=dict, init=False)
    _sources: Dict[str, List[Optional[str]]] = field(default_factory=dict, init=False)

    def suitable(self, type_code: str) -> Dict[str, Set[str]]:
        if not self._suitable:
            for ptype, kind, area, *source in self.suitability:
                self._suitable.setdefault(ptype, {"zone": set(), "key_area": set()}).setdefault(kind, set()).add(area)
                self._sources.setdefault(ptype, []).append(source[0] if source else None)
        return self._suitable.get(type_code, {"zone": set(), "key_area": set()})

    def whose(self, type_code: str) -> Tuple[str, str]:
        """Whose the type's suitability rows are, as their stored sources say (plan/suitability.whose)."""
        rows = self.suitable(type_code)
        deleted = plan_suitability.lacks_default_rows(type_code, rows["zone"], rows["key_area"])
        return plan_suitability.whose(self._sources.get(type_code, []), deleted)


def _invalid_location(geometry: BaseGeometry) -> Tuple[Point, str]:
    """Where and why a geometry is invalid, from GEOS's own explanation ('Self-intersection[x y]')."""
    if SHAPELY2:
        reason = shapely.is_valid_reason(geometry)
    else:
        from shapely.validation import explain_validity

        reason = explain_validity(geometry)
    match = _LOCATION.search(reason or "")
    where = (float(match.group(1)), float(match.group(2))) if match else point_on(geometry)
    return where, reason.split("[")[0].strip() if reason else ""


class _Findings:
    """Builds findings in bulk: the message template and the UI language are looked up once per run."""

    def __init__(self, sites: Sequence[SiteRecord], facts: GeometryFacts):
        self.sites, self.facts = sites, facts
        self.template = tr("{site}: {rule} — {detail}")
        self.language = language = ui_language()
        self.messages = {code: rule.message(language) for code, rule in RULES.items()}
        self.found: List[Finding] = []

    def add(self, rule: str, i: int, detail: str, where: Optional[Point] = None, located: bool = False) -> None:
        """A finding of ``rule`` for site ``i``; at ``where`` when ``located``, else at a point on the site."""
        site = self.sites[i]
        code, name = site.value("project_code"), site.value("name")
        point = where if located else self.facts.point(i)
        message = self.template.format(site=site_label(name, code, site.fid), rule=self.messages[rule], detail=detail)
        self.found.append(Finding(rule, RULES[rule].severity, site.fid, None if code in (None, "") else str(code),
                                  None if name in (None, "") else str(name),
                                  point[0] if point else None, point[1] if point else None, message))


class SiteValidator:
    def __init__(self, context: PlanContext, config: ValidationConfig):
        self.context = context
        self.config = config.check()
        self._calculator = areas.distance_area()
        district = to_shapely(context.district) if context.district is not None else None
        self._district = None if district is None else district.buffer(config.boundary_tolerance_m)
        #: with ``keep_assignments``, the zone, zone shares and key areas of the last call's reported sites by fid:
        #: an import derives the accepted sites' fields from them instead of overlaying the zones a second time
        self.keep_assignments = False
        self.assignments: Dict[Optional[int], object] = {}

    def validate(self, sites: Sequence[SiteRecord], others: Sequence[SiteRecord] = (),
                 only: Optional[Iterable[Optional[int]]] = None,
                 progress: Progress = None) -> List[Finding]:
        """Findings for ``sites``. ``others`` are the rest of the layer, checked against (overlap, unique names)
        but not reported; ``only`` restricts reporting to these fids (the edited sites). ``progress(percent)``
        returning False cancels (CancelledError)."""
        everything = list(sites) + list(others)
        wanted = None if only is None else set(only)
        report = sorted(range(len(sites)) if wanted is None else (i for i, s in enumerate(sites) if s.fid in wanted))
        facts = GeometryFacts(_decode(everything), [s.wkb if s.wkb is not None else s.geometry for s in everything])
        facts.expect(report)
        findings = _Findings(everything, facts)
        passes = (self._attribute_rules, self._geometry_rules, self._overlaps, self._plan_rules,
                  self._control_rules)
        for number, rule_pass in enumerate(passes):
            report_progress(progress, 100.0 * number / len(passes))
            rule_pass(everything, facts, report, findings)
        order = {everything[i].fid: n for n, i in enumerate(report)}
        findings.found.sort(key=lambda f: (order.get(f.fid, 0), f.severity.value, f.rule))
        return findings.found

    # --- attributes -------------------------------------------------------------------------------------------
    def _attribute_rules(self, sites: Sequence[SiteRecord], facts: GeometryFacts, report: List[int],
                         findings: _Findings) -> None:
        """The rule table's attribute rules (:data:`..rules.site_rules.SITE_RULES`), each site in turn."""
        keys = [name_key(s.value("name")) for s in sites]
        context = RuleContext(Counter(key for key in keys if key))
        checks = rules_for("attributes")
        for i in report:
            values = SiteValues(sites[i].attributes, keys[i])
            for rule in checks:
                for detail in rule.check(values, context):
                    findings.add(rule.code, i, detail)

    # --- geometry ---------------------------------------------------------------------------------------------
    def _geometry_rules(self, sites: Sequence[SiteRecord], facts: GeometryFacts, report: List[int],
                        findings: _Findings) -> None:
        present = [i for i in report if facts.present[i]]
        inside = facts.inside(self._district, present)
        minimum = self.config.min_area_ha
        for i in report:
            if not facts.present[i]:
                findings.add("GEOM_EMPTY", i, tr("the site has no boundary"), None, located=True)
                continue
            if not facts.valid[i]:
                where, reason = _invalid_location(facts.shapes[i])
                findings.add("GEOM_INVALID", i, tr("{reason} at ({x:.2f}, {y:.2f}); use Fix geometry").format(
                    reason=reason or tr("invalid"), x=where[0], y=where[1]) if where else reason, where, located=True)
            # Ellipsoidal and planar areas differ by well under 1 % here: measure on the ellipsoid only near the limit.
            area_ha = facts.area[i] / areas.M2_PER_HA
            if area_ha < minimum * 1.01:
                area_ha = areas.ellipsoidal_ha(sites[i].qgs_geometry(), self._calculator)
            if area_ha < minimum:
                where = facts.point(i) if facts.valid[i] else point_on(facts.repaired[i])
                findings.add("AREA_TOO_SMALL", i, tr("{area} ha is below the minimum of {minimum} ha").format(
                    area=f"{area_ha:.4f}", minimum=f"{minimum:g}"), where, located=True)
            if not inside[i]:
                outside = facts.repaired[i].difference(self._district)
                if outside.area > 0:
                    findings.add("OUTSIDE_DISTRICT", i,
                                 tr("{area} m² lie outside the district boundary (tolerance {tolerance} m)").format(
                                     area=formatting.number(outside.area, 1),
                                     tolerance=f"{self.config.boundary_tolerance_m:g}"), point_on(outside),
                                 located=True)

    def _overlaps(self, sites: Sequence[SiteRecord], facts: GeometryFacts, report: List[int],
                  findings: _Findings) -> None:
        reported = set(report)
        limit = self.config.max_overlap_m2
        pairs = _overlapping_pairs(facts, reported, limit)
        shared = GeometryFacts([part for _, _, part in pairs])  # the shared parts' locations, in one call
        shared.expect(range(len(pairs)))
        for n, (i, j, _part) in enumerate(pairs):
            for me, other in ((i, j), (j, i)):
                if me in reported:
                    findings.add("OVERLAP", me, tr("{area} m² shared with {other} (allowed {allowed} m²)").format(
                        area=formatting.number(shared.area[n], 1), allowed=f"{limit:,g}",
                        other=_label(sites[other])),
                        shared.point(n), located=True)

    # --- the plan ---------------------------------------------------------------------------------------------
    def _plan_rules(self, sites: Sequence[SiteRecord], facts: GeometryFacts, report: List[int],
                    findings: _Findings) -> None:
        indexes = [i for i in report if facts.present[i]]
        assigned = self.context.deriver.assign_many([facts.shapes[i] for i in indexes],
                                                    repaired=[facts.repaired[i] for i in indexes],
                                                    shares=self.keep_assignments)
        self.assignments = {sites[i].fid: a for i, a in zip(indexes, assigned)} if self.keep_assignments else {}
        has_zones = self.context.has_zones
        conformance = tr("a {type} lies in {zone}{keys}; the suitability table ({whose}) lists it for {expected}")
        whose_index = 0 if findings.language == "zh" else 1
        for i, values in zip(indexes, assigned):
            site = sites[i]
            if has_zones and values.zone_code is None:
                findings.add("OUTSIDE_ZONES", i, tr("the site overlaps none of the 4 restoration zones"))
            ptype = vocabulary.by_code("project_type", site.value("project_type"))
            keys = set(parse_key_areas(values.key_areas))
            if ptype is not None and has_zones and (values.zone_code is not None or keys):
                suitable = self.context.suitable(ptype.code)
                if values.zone_code not in suitable["zone"] and not keys & suitable["key_area"]:
                    zone = vocabulary.by_code("zone", values.zone_code)
                    whose = self.context.whose(ptype.code)
                    findings.add("PLAN_CONFORMANCE", i, conformance.format(
                        type=ptype.name_zh, zone=zone.name_zh if zone else tr("no zone"),
                        keys=("、" + "、".join(_key_names(keys))) if keys else "",
                        whose=whose[whose_index],
                        expected="、".join(_suitable_names(suitable)) or tr("no area")))
            if has_zones and _stale(site, facts.raw_area[i], values):
                findings.add("DERIVED_STALE", i, tr("stored area, zone or key areas differ from the boundary; save "
                                                    "the site again or run Recompute derived fields"))


    def _control_rules(self, sites: Sequence[SiteRecord], facts: GeometryFacts, report: List[int],
                       findings: _Findings) -> None:
        """The CONTROL_* rules, when the plan has control layers (:mod:`.control_rules`)."""
        if self.context.controls is not None:
            self.context.controls.run(sites, facts, report, findings)


def _stale(site: SiteRecord, raw_area_m2: float, values) -> bool:
    """Stored derived values that no longer match the boundary (edited outside a QGIS form, or imported)."""
    if "area_proj_ha" not in site.attributes:
        return False
    stored_area = as_float(site.value("area_proj_ha"))
    if stored_area is None or abs(stored_area - raw_area_m2 / areas.M2_PER_HA) > 0.00015:
        return True
    if site.value("zone_code") != values.zone_code:
        return True
    return sorted(parse_key_areas(site.value("key_areas"))) != sorted(parse_key_areas(values.key_areas))


def _key_names(codes: Iterable[str]) -> List[str]:
    return [vocabulary.by_code("key_area", c).name_zh for c in sorted(codes) if vocabulary.by_code("key_area", c)]


def _suitable_names(suitable: Dict[str, Set[str]]) -> List[str]:
    names = [vocabulary.by_code("zone", c).name_zh for c in sorted(suitable["zone"]) if vocabulary.by_code("zone", c)]
    return names + _key_names(suitable["key_area"])


def _label(site: SiteRecord) -> str:
    return site_label(site.value("name"), site.value("project_code"), site.fid)


def _overlapping_pairs(facts: GeometryFacts, report: Set[int], limit: float
                       ) -> List[Tuple[int, int, BaseGeometry]]:
    """(i, j, shared part), i < j, of sites sharing more than ``limit`` m², at least one of them reported: one
    spatial-index query, then the shared parts of the candidate pairs (shapely 2: in one vectorised call)."""
    indexed = [i for i, present in enumerate(facts.present) if present]
    if len(indexed) < 2:
        return []
    geometries = [facts.cleaned[i] for i in indexed]
    tree = make_strtree(geometries)
    pairs: Set[Tuple[int, int]] = set()
    if SHAPELY2:
        import numpy

        queries = [n for n, i in enumerate(indexed) if i in report]
        left, right = tree.query(numpy.array(geometries, dtype=object)[queries], predicate="intersects")
        for a, b in zip(left.tolist(), right.tolist()):
            i, j = indexed[queries[a]], indexed[b]
            if i != j:
                pairs.add((min(i, j), max(i, j)))
        ordered = sorted(pairs)
        if not ordered:
            return []
        first = numpy.array([facts.cleaned[i] for i, _ in ordered], dtype=object)
        second = numpy.array([facts.cleaned[j] for _, j in ordered], dtype=object)
        shared = shapely.intersection(first, second)
        return [(i, j, part) for (i, j), part, area in zip(ordered, shared.tolist(), shapely.area(shared).tolist())
                if area > limit]
    import numbers

    position = {id(g): n for n, g in enumerate(geometries)}
    for n, i in enumerate(indexed):
        if i not in report:
            continue
        for candidate in tree.query(geometries[n]):
            m = int(candidate) if isinstance(candidate, numbers.Integral) else position[id(candidate)]
            j = indexed[m]
            if i != j and geometries[n].intersects(geometries[m]):
                pairs.add((min(i, j), max(i, j)))
    found = []
    for i, j in sorted(pairs):
        part = facts.cleaned[i].intersection(facts.cleaned[j])
        if part.area > limit:
            found.append((i, j, part))
    return found
