"""The validator's pass over the bureau's control layers: the CONTROL_* rules of :mod:`..rules.site_rules`.

Measured live against the control polygons stored in the plan (not the stored per-site results), so a site edited
since the last import is judged by its current boundary. One STRtree per control layer, built once per run
(:class:`..controls.site_overlay.ControlIndex`); the land survey is not needed by any rule and is not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from ...plan import vocabulary
from ..controls import results
from ..controls.site_overlay import ControlIndex, KindResult, SiteShape, in_layer
from ..rules.control_settings import ControlConfig
from ..sites import areas
from ..store import control_data
from ..support import formatting
from ..support.i18n import tr

RULE_KINDS = ("redline", "farmland", "urban", "protected")


@dataclass
class ControlChecks:
    indexes: Dict[str, ControlIndex]  # the control layers the plan has, by kind
    config: ControlConfig

    @classmethod
    def from_plan(cls, path: str) -> Optional[ControlChecks]:
        """The plan's control layers ready for checking; None when it has none (the rules stay silent)."""
        kinds = [k for k in control_data.imported_kinds(path) if k in RULE_KINDS]
        if not kinds:
            return None
        return cls({k: ControlIndex(results.control_shapes(path, k)) for k in kinds}, results.read_config(path))

    def run(self, sites: Sequence, facts, report: List[int], findings) -> None:
        """Add the CONTROL_* findings of the sites ``report`` (indexes into ``sites``) to ``findings``."""
        present = [i for i in report if facts.present[i]]
        # planar first (scale 1); the few sites inside a layer are then measured on the ellipsoid
        shapes = [SiteShape(i, sites[i].value("project_code"), facts.repaired[i], facts.area[i]) for i in present]
        minimum = self.config.min_control_m2
        found = {kind: in_layer(index, shapes, minimum) for kind, index in self.indexes.items()}
        calculator = areas.distance_area()
        scales: Dict[int, float] = {}

        def ellipsoidal(i: int, planar_m2: float) -> float:
            if i not in scales:
                geometry = sites[i].qgs_geometry()
                measured = calculator.measureArea(geometry) if geometry is not None else 0.0
                scales[i] = measured / facts.area[i] if facts.area[i] > 0 else 1.0
            return planar_m2 * scales[i]

        for i in present:
            site = sites[i]
            ptype = vocabulary.by_code("project_type", site.value("project_type"))
            redline = found.get("redline", {}).get(i)
            # the site's own field, as the edit buffer or the file holds it: a justification typed in the form counts
            # at once, and a save does not have to read every site's text to know whether one changed
            if redline is not None and not str(site.value("redline_justification") or "").strip():
                findings.add("CONTROL_REDLINE", i, tr("{area} ha inside {names}; state why the works are allowed "
                                                      "there").format(area=_ha(ellipsoidal(i, redline.area_m2)),
                                                                      names=_names(redline, "生态保护红线")))
            farmland = found.get("farmland", {}).get(i)
            if farmland is not None and ptype is not None and ptype.code not in self.config.farmland_types:
                allowed = "、".join(t.name_zh for t in vocabulary.PROJECT_TYPES
                                   if t.code in self.config.farmland_types) or tr("none")
                findings.add("CONTROL_FARMLAND", i, tr("{area} ha of permanent basic farmland; a {type} is not among "
                                                       "the types allowed there ({allowed})").format(
                    area=_ha(ellipsoidal(i, farmland.area_m2)), type=ptype.name_zh, allowed=allowed))
            if "urban" in self.indexes and ptype is not None and ptype.code in self.config.urban_types:
                inside = found["urban"].get(i)
                outside = facts.area[i] - (inside.area_m2 if inside is not None else 0.0)
                if outside > minimum:
                    findings.add("CONTROL_URBAN_OUTSIDE", i, tr("{area} ha of the {type} lie outside the urban "
                                                                "development boundary").format(
                        area=_ha(ellipsoidal(i, outside)), type=ptype.name_zh))
            protected = found.get("protected", {}).get(i)
            if protected is not None:
                findings.add("CONTROL_PROTECTED", i, tr("touches {names} ({area} ha)").format(
                    names=_names(protected, "自然保护地"), area=_ha(ellipsoidal(i, protected.area_m2))))


def _ha(area_m2: float) -> str:
    return formatting.number(area_m2 / areas.M2_PER_HA, 4)


def _names(result: KindResult, fallback: str) -> str:
    return "、".join(result.names or result.codes) or fallback
