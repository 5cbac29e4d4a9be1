"""Live figures of the plan: per corridor, barrier, zone, key area, project type and phase, how many sites, how
much area and investment, split near/long term.

A :class:`SiteFacts` per site is kept in a :class:`PlanStatistics`; an edit replaces one site's facts and the
totals are re-added in one pass over the cached facts (no layer scan), so panels stay live at 10,000 sites.
Zones and key areas come from the sites' stored derived fields (what the GeoPackage says); corridors and
barriers, which have no field, from a spatial test: of the whole saved plan inside the GeoPackage when it is
opened (``store.site_overlaps``), of the changed sites only after an edit.
"""

from __future__ import annotations

import copy
import functools
import math
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from qgis.core import QgsFeature, QgsGeometry

from ...plan import vocabulary
from . import areas
from .derive import parse_key_areas

#: The bucket for sites whose type, zone or phase is missing or unknown (未分类 / 未定).
UNCLASSIFIED = ""


def _overlay():
    """:mod:`.overlay`, imported on first use: it brings shapely and numpy, which the plan panel's modules do not
    load when QGIS starts (see processing/provider.py)."""
    from . import overlay

    return overlay


def _number(value: object) -> Optional[float]:
    try:
        number = None if value is None else float(value)
    except (TypeError, ValueError):
        return None
    return None if number is None or math.isnan(number) else number


def _text(value: object) -> Optional[str]:
    return None if value is None or str(value) in ("", "NULL") else str(value)

#: The site fields the statistics read.
SITE_COLUMNS = ("project_code", "name", "project_type", "zone_code", "key_areas", "phase", "start_year", "area_ha",
            "investment")


@dataclass(frozen=True)
class SiteFacts:
    fid: int
    code: Optional[str]
    name: Optional[str]
    type_code: str  # UNCLASSIFIED when NULL or not one of the 8
    zone_code: str  # UNCLASSIFIED when NULL or unknown
    key_areas: FrozenSet[str]
    corridors: FrozenSet[str]
    barriers: FrozenSet[str]
    phase: str  # 'near', 'long' or UNCLASSIFIED
    area_ha: Optional[float]
    investment: Optional[float]


@dataclass
class Totals:
    count: int = 0
    area_ha: float = 0.0
    investment: float = 0.0
    investment_missing: int = 0
    #: phase code (vocabulary.PHASES, or UNCLASSIFIED for no valid start year) -> [sites, investment]
    by_phase: Dict[str, List[float]] = field(default_factory=dict)

    @property
    def investment_known(self) -> bool:
        """Whether any site counted gave an investment: without one the sum is unknown, not 0."""
        return self.count > self.investment_missing

    def add(self, site: SiteFacts) -> None:
        self.count += 1
        self.area_ha += site.area_ha or 0.0
        if site.investment is None:
            self.investment_missing += 1
        else:
            self.investment += site.investment
        phase = self.by_phase.setdefault(site.phase, [0, 0.0])
        phase[0] += 1
        phase[1] += site.investment or 0.0

    def merge(self, other: Totals) -> None:
        """Add every site ``other`` counts."""
        self.count += other.count
        self.area_ha += other.area_ha
        self.investment += other.investment
        self.investment_missing += other.investment_missing
        for code, (count, investment) in other.by_phase.items():
            phase = self.by_phase.setdefault(code, [0, 0.0])
            phase[0] += count
            phase[1] += investment

    def remove(self, site: SiteFacts) -> None:
        """Undo :meth:`add` for ``site`` (an edited or deleted site); a phase left with no site goes."""
        self.count -= 1
        self.area_ha -= site.area_ha or 0.0
        if site.investment is None:
            self.investment_missing -= 1
        else:
            self.investment -= site.investment
        phase = self.by_phase[site.phase]
        phase[0] -= 1
        phase[1] -= site.investment or 0.0
        if phase[0] == 0:
            del self.by_phase[site.phase]
        if self.count == 0:  # sums taken away to nothing are exactly zero, not -2.8e-17 ("-0.00" on screen)
            self.area_ha = self.investment = 0.0

    def phase(self, code: str) -> Tuple[int, float]:
        count, investment = self.by_phase.get(code, (0, 0.0))
        return int(count), investment


@dataclass(frozen=True)
class PlanArea:
    kind: str
    code: str
    area_km2: Optional[float]
    valid: bool = True  # False when the layer's geometry for it is invalid (figures still shown, with a warning)


@dataclass
class Summary:
    """All totals at one moment: by kind ('corridor', 'barrier', 'zone', 'key_area', 'project_type', 'phase')
    then code; the whole plan under ``total``."""

    by_kind: Dict[str, Dict[str, Totals]] = field(default_factory=dict)
    total: Totals = field(default_factory=Totals)

    def get(self, kind: str, code: str) -> Totals:
        return self.by_kind.get(kind, {}).get(code, Totals())


class PlanStatistics:
    def __init__(self, plan_areas: Mapping[str, Sequence[Tuple[str, Optional[QgsGeometry]]]]):
        """``plan_areas``: kind -> [(code, geometry in the storage CRS)] for corridor, barrier, zone, key_area."""
        calculator = areas.distance_area()
        self.areas: Dict[str, Dict[str, PlanArea]] = {}
        for kind, items in plan_areas.items():
            found: Dict[str, PlanArea] = {}
            for code, geometry in items:
                if geometry is None or geometry.isNull():
                    continue
                km2 = calculator.measureArea(geometry) / areas.M2_PER_KM2
                previous = found.get(code)
                total = km2 + (previous.area_km2 if previous is not None else 0.0)
                valid = geometry.isGeosValid() and (previous is None or previous.valid)
                found[code] = PlanArea(kind, code, total, valid)
            self.areas[kind] = found
        self._corridors = _overlay().AreaOverlay(_shapes(plan_areas.get("corridor", ())))
        self._barriers = _overlay().AreaOverlay(_shapes(plan_areas.get("barrier", ())))
        self.sites: Dict[int, SiteFacts] = {}
        self._summary = Summary(_empty_kinds())

    # --- keeping the facts ----------------------------------------------------------------------------------
    @staticmethod
    def _facts(fid: int, row: Sequence[object], corridors: FrozenSet[str], barriers: FrozenSet[str]) -> SiteFacts:
        """One site's facts from its values in :data:`SITE_COLUMNS` order."""
        code, name, ptype, zone, key_areas, phase, start_year, area_ha, investment = row
        ptype, zone, phase = _text(ptype), _text(zone), _text(phase)
        if phase is None:
            matched = vocabulary.phase_for_year(_int(start_year))
            phase = matched.code if matched else None
        return SiteFacts(
            fid=fid, code=_text(code), name=_text(name),
            type_code=ptype if ptype in _KNOWN["project_type"] else UNCLASSIFIED,
            zone_code=zone if zone in _KNOWN["zone"] else UNCLASSIFIED,
            key_areas=_key_areas(_text(key_areas)),
            corridors=corridors, barriers=barriers,
            phase=phase if phase in _KNOWN["phase"] else UNCLASSIFIED,
            area_ha=_number(area_ha), investment=_number(investment),
        )

    def load(self, features: Iterable[QgsFeature]) -> None:
        """Replace all facts from QGIS features (a layer with unsaved edits)."""
        self._replace(self._facts_of(features))

    def load_records(self, records: Iterable) -> None:
        """Replace all facts from plan records read straight from the plan (``fid``, an ``attributes`` mapping,
        the geometry as ``wkb``), measuring corridors and barriers here."""
        records = list(records)
        overlay = _overlay()
        shapes = overlay.repaired(overlay.from_wkb_many([r.wkb for r in records]))
        rows = [(r.fid, tuple(r.attributes.get(name) for name in SITE_COLUMNS)) for r in records]
        self._replace(self._with_overlays(rows, shapes))

    def load_rows(self, rows: Iterable[Sequence[object]], corridors: Mapping[int, Set[str]],
                  barriers: Mapping[int, Set[str]]) -> None:
        """Replace all facts from rows of (fid, *values in :data:`SITE_COLUMNS` order) read straight from the
        plan, with the corridors and barriers each site overlaps measured already (``store.site_overlaps``, in
        the GeoPackage): a whole plan without a geometry or a QgsFeature per site."""
        corridors, barriers = _frozen(corridors), _frozen(barriers)
        none: FrozenSet[str] = frozenset()
        facts = self._facts
        self._replace({row[0]: facts(row[0], row[1:], corridors.get(row[0], none), barriers.get(row[0], none))
                       for row in rows})

    def _replace(self, facts: Dict[int, SiteFacts]) -> None:
        self.sites = facts
        self._summary = _counted(facts.values())

    def update(self, features: Iterable[QgsFeature]) -> None:
        """Redo the facts of these sites (edited ones); the totals change by their old and new facts only."""
        fresh = self._facts_of(features)
        self.remove(fresh)
        self.sites.update(fresh)
        for site in fresh.values():
            _count(self._summary, site, +1)

    def _facts_of(self, features: Iterable[QgsFeature]) -> Dict[int, SiteFacts]:
        features = list(features)
        if not features:
            return {}
        fields = features[0].fields()
        columns = [fields.indexOf(name) for name in SITE_COLUMNS]

        def row(feature: QgsFeature) -> Tuple[object, ...]:
            attributes = feature.attributes()
            return tuple(attributes[i] if i >= 0 else None for i in columns)

        overlay = _overlay()
        geometries = [f.geometry() if f.hasGeometry() else None for f in features]
        shapes = overlay.repaired(overlay.to_shapely_many(geometries))
        return self._with_overlays([(f.id(), row(f)) for f in features], shapes)

    def _with_overlays(self, sites: List[Tuple[int, Sequence[object]]], shapes) -> Dict[int, SiteFacts]:
        """Facts by fid, with one vectorised corridor/barrier overlay for all of them (sites repaired once)."""
        corridor_hits = self._corridors.overlaps(shapes, sites_valid=True)
        barrier_hits = self._barriers.overlaps(shapes, sites_valid=True)
        return {fid: self._facts(fid, row, frozenset(c), frozenset(b))
                for (fid, row), c, b in zip(sites, corridor_hits, barrier_hits)}

    def remove(self, fids: Iterable[int]) -> None:
        for fid in list(fids):
            site = self.sites.pop(fid, None)
            if site is not None:
                _count(self._summary, site, -1)

    # --- the figures ----------------------------------------------------------------------------------------
    def summary(self) -> Summary:
        """Every total, kept up to date edit by edit (a copy: the caller may keep it while editing goes on)."""
        return copy.deepcopy(self._summary)

    def recount(self) -> Summary:
        """Every total in one pass over the facts, site by site (what :meth:`summary` keeps; tests compare the
        two)."""
        summary = Summary(_empty_kinds())
        for site in self.sites.values():
            _count(summary, site, +1)
        return summary

    def members(self, kind: str, code: str) -> Tuple[int, ...]:
        """fids of the sites counted under (kind, code)."""
        attribute = {"project_type": "type_code", "zone": "zone_code", "phase": "phase"}.get(kind)
        if attribute is not None:
            return tuple(s.fid for s in self.sites.values() if getattr(s, attribute) == code)
        attribute = {"key_area": "key_areas", "corridor": "corridors", "barrier": "barriers"}[kind]
        return tuple(s.fid for s in self.sites.values() if code in getattr(s, attribute))

    def district_share(self, kind: str, code: str, district_km2: Optional[float]) -> Optional[float]:
        area = self.areas.get(kind, {}).get(code)
        if area is None or not district_km2:
            return None
        return area.area_km2 / district_km2


def _empty_kinds() -> Dict[str, Dict[str, Totals]]:
    return {kind: {} for kind in ("corridor", "barrier", "zone", "key_area", "project_type", "phase")}


def _where(site: SiteFacts) -> tuple:
    """What decides the totals a site counts in: sites alike in these count in the same ones."""
    return site.type_code, site.zone_code, site.phase, site.key_areas, site.corridors, site.barriers


def _places(summary: Summary, where: tuple) -> List[Totals]:
    """Every total a site counts in, given its :func:`_where` (made when missing)."""
    type_code, zone_code, phase, key_areas, corridors, barriers = where
    by = summary.by_kind
    places = [summary.total, _bucket(by["project_type"], type_code), _bucket(by["zone"], zone_code),
              _bucket(by["phase"], phase)]
    places += [_bucket(by["key_area"], code) for code in key_areas]
    places += [_bucket(by["corridor"], code) for code in corridors]
    places += [_bucket(by["barrier"], code) for code in barriers]
    return places


def _counted(sites: Iterable[SiteFacts]) -> Summary:
    """Every total of many sites: the sites are first summed by the totals they count in (a plan of 100,000 has
    a few hundred such groups), then each group is added to its totals once."""
    groups: Dict[tuple, Totals] = {}
    for site in sites:
        where = _where(site)
        totals = groups.get(where)
        if totals is None:
            totals = groups[where] = Totals()
        totals.add(site)
    summary = Summary(_empty_kinds())
    for where, totals in groups.items():
        for place in _places(summary, where):
            place.merge(totals)
    return summary


def _count(summary: Summary, site: SiteFacts, sign: int) -> None:
    """Add (+1) or take away (-1) one site in every total it counts in; a total left with no site goes."""
    for totals in _places(summary, _where(site)):
        if sign > 0:
            totals.add(site)
        else:
            totals.remove(site)
    if sign < 0:
        for table in summary.by_kind.values():
            for code in [c for c, t in table.items() if t.count == 0]:
                del table[code]


def _bucket(table: Dict[str, Totals], code: str) -> Totals:
    if code not in table:
        table[code] = Totals()
    return table[code]


#: The codes the plan knows, by kind: anything else is counted as 未分类.
_KNOWN = {kind: frozenset(vocabulary.codes(kind)) for kind in ("project_type", "zone", "key_area", "phase")}


@functools.lru_cache(maxsize=4096)
def _key_areas(value: Optional[str]) -> FrozenSet[str]:
    """The known key-area codes of a stored key_areas text (a plan repeats a few dozen distinct values)."""
    return frozenset(code for code in parse_key_areas(value) if code in _KNOWN["key_area"])


def _frozen(hits: Mapping[int, Set[str]]) -> Dict[int, FrozenSet[str]]:
    """The same codes as one shared frozenset per distinct set (facts are compared and grouped by them)."""
    shared: Dict[FrozenSet[str], FrozenSet[str]] = {}
    return {fid: shared.setdefault(frozenset(codes), frozenset(codes)) for fid, codes in hits.items()}


def _int(value: object) -> Optional[int]:
    number = _number(value)
    return None if number is None else int(number)


def _shapes(items: Sequence[Tuple[str, Optional[QgsGeometry]]]):
    return list(zip([code for code, _ in items], _overlay().to_shapely_many([geometry for _, geometry in items])))
