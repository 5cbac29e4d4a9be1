"""Derived site fields, stated twice on purpose and kept side by side so they cannot drift apart.

1. As QGIS default-value expressions with "apply on update": the layer's own machinery recomputes them on every
   insert, geometry change and attribute change, inside the same undo step, in QGIS with or without the plugin
   and in QField. ``core/store/forms.py`` installs them.
2. As Python (:class:`SiteDeriver`) for batch work with no form: imports, Processing, recomputation after the
   zones are replaced, validation. It uses QgsDistanceArea and a shapely STRtree.

Both give the same values, formatted the same way; a test compares them feature by feature.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsGeometry

from ...plan import vocabulary
from ..rules.thresholds import OVERLAP_EPSILON_M2
from .areas import HA_DECIMALS, distance_area, ellipsoidal_ha, planar_ha, qgis_round

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

SHARE_DECIMALS = 4
# The largest zone is picked with a string aggregate (QGIS 3.22 has no arg-max): the key is a fixed-width number
# that falls as the overlap (in 0.01 m²) grows, then the code, so the minimum key is the largest overlap and, on a
# tie, the first zone in code order.
_ZONE_KEY_BASE = 10 ** 15
_ZONE_KEY_WIDTH = 16


# --- 1. expressions -------------------------------------------------------------------------------------------

def _overlap_filter() -> str:
    return (f"intersects($geometry, geometry(@parent)) AND "
            f"area(intersection($geometry, geometry(@parent))) > {OVERLAP_EPSILON_M2}")


def zone_code_expression(zone_layer_id: str) -> str:
    """The code of the zone holding the largest part of the site (ties: the first code), else NULL."""
    key = (f"lpad(to_string({_ZONE_KEY_BASE} - round(area(intersection($geometry, geometry(@parent))) * 100)), "
           f"{_ZONE_KEY_WIDTH}, '0') || '|' || \"code\"")
    return (f"with_variable('_best', aggregate(layer:='{zone_layer_id}', aggregate:='min', expression:={key}, "
            f"filter:={_overlap_filter()}), if(@_best IS NULL, NULL, regexp_substr(@_best, '\\\\|(.+)$')))")


def largest_overlap_expression(layer_id: str, value_field: str, fallback_field: str) -> str:
    """``value_field`` of the polygon of ``layer_id`` holding the largest part of the site (ties: the first value),
    else the site's own ``fallback_field`` (the typed value stays where the layer has no polygon). For layers in
    the storage CRS: aggregate() compares coordinates as they are."""
    value = f'"{value_field}"'
    key = (f"lpad(to_string({_ZONE_KEY_BASE} - round(area(intersection($geometry, geometry(@parent))) * 100)), "
           f"{_ZONE_KEY_WIDTH}, '0') || '|' || to_string({value})")
    return (f"coalesce(with_variable('_best', aggregate(layer:='{layer_id}', aggregate:='min', expression:={key}, "
            f"filter:={_overlap_filter()} AND {value} IS NOT NULL), if(@_best IS NULL, NULL, "
            f"regexp_substr(@_best, '\\\\|(.+)$'))), \"{fallback_field}\")")


def zone_shares_expression(zone_layer_id: str) -> str:
    """'Z1:0.75;Z3:0.25': each overlapped zone's share of the site, by code."""
    share = f"round(area(intersection($geometry, geometry(@parent))) / area(geometry(@parent)), {SHARE_DECIMALS})"
    return (f"aggregate(layer:='{zone_layer_id}', aggregate:='concatenate', "
            f"expression:=\"code\" || ':' || to_string({share}), filter:={_overlap_filter()}, "
            f"concatenator:=';', order_by:=\"code\")")


def key_areas_expression(key_area_layer_id: str) -> str:
    """The codes of every key area the site overlaps as '{"K3","K7"}': the array text QGIS's multi-value
    ValueRelation widget reads and writes, so the form shows names and saving it changes nothing."""
    return (f"'{{' || coalesce(aggregate(layer:='{key_area_layer_id}', aggregate:='concatenate', "
            f"expression:='\"' || \"code\" || '\"', filter:={_overlap_filter()}, concatenator:=',', "
            f"order_by:=\"code\"), '') || '}}'")


def area_ha_expression() -> str:
    """Ellipsoidal: ``$area`` measures on the project's ellipsoid, which the stored plan project sets to CGCS2000."""
    return f"round($area / 10000, {HA_DECIMALS})"


def area_proj_ha_expression() -> str:
    return f"round(area($geometry) / 10000, {HA_DECIMALS})"


def phase_expression() -> str:
    # QGIS 3.22's expression grammar has no BETWEEN.
    cases = " ".join(f"WHEN \"start_year\" >= {p.first_year} AND \"start_year\" <= {p.last_year} THEN '{p.code}'"
                     for p in vocabulary.PHASES)
    return f"CASE {cases} ELSE NULL END"


# --- 2. Python ------------------------------------------------------------------------------------------------

def format_number(value: float) -> str:
    """A double as QGIS's to_string() writes it: shortest round-trip digits, no trailing '.0'."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def format_shares(overlaps: Dict[str, float], site_area: float) -> Optional[str]:
    if not overlaps or site_area <= 0:
        return None
    return ";".join(f"{code}:{format_number(qgis_round(overlaps[code] / site_area, SHARE_DECIMALS))}"
                    for code in sorted(overlaps))


def parse_shares(value: object) -> List[Tuple[str, float]]:
    """(code, share) pairs of a stored zone_shares value ('Z1:0.75;Z3:0.25'); unreadable parts are skipped."""
    pairs = []
    for part in str(value or "").split(";"):
        code, _, share = part.partition(":")
        try:
            pairs.append((code.strip(), float(share)))
        except ValueError:
            continue
    return [(code, share) for code, share in pairs if code]


def largest_zone(overlaps: Dict[str, float]) -> Optional[str]:
    if not overlaps:
        return None
    keys = [f"{_ZONE_KEY_BASE - int(qgis_round(area * 100, 0)):0{_ZONE_KEY_WIDTH}d}|{code}"
            for code, area in overlaps.items()]
    return min(keys).split("|", 1)[1]


def format_key_areas(codes: Sequence[str]) -> str:
    return "{" + ",".join(f'"{code}"' for code in sorted(codes)) + "}"


def parse_key_areas(value: object) -> List[str]:
    """Codes from a stored key_areas value: QGIS's array text '{"K1","K2"}' (or '{K1,K2}'), or a JSON array."""
    if value is None:
        return []
    text = str(value).strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            return [str(code) for code in json.loads(text)]
        except ValueError:
            return []
    return [part.strip().strip('"') for part in text.strip("{}").split(",") if part.strip()]


@dataclass(frozen=True)
class Assignment:
    zone_code: Optional[str]
    zone_shares: Optional[str]
    key_areas: Optional[str]


@dataclass
class DerivedValues:
    area_ha: Optional[float]
    area_proj_ha: Optional[float]
    zone_code: Optional[str]
    zone_shares: Optional[str]
    key_areas: Optional[str]
    phase: Optional[str]

    def as_dict(self) -> Dict[str, object]:
        return dict(self.__dict__)


#: The site fields derived from the boundary and the start year (the columns of :class:`DerivedValues`).
DERIVED_FIELDS = tuple(f.name for f in fields(DerivedValues))


class SiteDeriver:
    """Computes derived site fields against a fixed set of zones and key areas."""

    def __init__(self, zones: Sequence[tuple], key_areas: Sequence[tuple]):
        """``zones`` and ``key_areas``: sequences of (code, QgsGeometry) in the storage CRS."""
        # shapely (and numpy) on first use, not with the module: the plan store imports this when QGIS starts
        from .overlay import AreaOverlay, to_shapely_many

        self._zones = AreaOverlay(list(zip([c for c, _ in zones], to_shapely_many([g for _, g in zones]))))
        self._keys = AreaOverlay(list(zip([c for c, _ in key_areas], to_shapely_many([g for _, g in key_areas]))))
        self._calculator = distance_area()

    def assign_many(self, sites: Sequence[Optional[BaseGeometry]],
                    repaired: Optional[Sequence[Optional[BaseGeometry]]] = None,
                    shares: bool = True) -> List[Assignment]:
        """Zone, zone shares and key areas of shapely sites (no area measurement: cheap for whole layers).
        ``repaired``: the same sites, present and already made valid (the validator has them), so they are not
        checked again; ``shares``: False leaves the zone shares out (the validator does not compare them)."""
        overlay_input = sites if repaired is None else repaired
        zone_overlaps = self._zones.overlaps(overlay_input, sites_valid=repaired is not None)
        key_overlaps = self._keys.overlaps(overlay_input, sites_valid=repaired is not None)
        return [Assignment(None, None, None) if site is None else
                Assignment(largest_zone(zones), format_shares(zones, site.area) if shares else None,
                           format_key_areas(list(keys)))
                for site, zones, keys in zip(sites, zone_overlaps, key_overlaps)]

    def derive_many(self, geometries: Sequence[Optional[QgsGeometry]], start_years: Sequence[Optional[int]],
                    shapes: Optional[Sequence[Optional[BaseGeometry]]] = None,
                    assigned: Optional[Sequence[Optional[Assignment]]] = None) -> List[DerivedValues]:
        """``shapes``: the same geometries as shapely, when the caller has them (None for a missing one);
        ``assigned``: their :meth:`assign_many` (with shares) where the caller worked it out already (the validator
        of an import does, for sites it accepted: valid ones, so the repaired sites it overlays are these)."""
        from .overlay import to_shapely_many

        sites = list(shapes) if shapes is not None else to_shapely_many(geometries)
        if assigned is None or any(a is None for a in assigned):
            assigned = self.assign_many(sites)
        results = []
        for geometry, site, assignment, start in zip(geometries, sites, assigned, start_years):
            phase = vocabulary.phase_for_year(start)
            phase_code = phase.code if phase else None
            if site is None:
                results.append(DerivedValues(None, None, None, None, None, phase_code))
                continue
            results.append(DerivedValues(
                area_ha=ellipsoidal_ha(geometry, self._calculator),
                area_proj_ha=planar_ha(geometry),
                zone_code=assignment.zone_code,
                zone_shares=assignment.zone_shares,
                key_areas=assignment.key_areas,
                phase=phase_code,
            ))
        return results

    def derive(self, geometry: Optional[QgsGeometry], start_year: Optional[int]) -> DerivedValues:
        return self.derive_many([geometry], [start_year])[0]
