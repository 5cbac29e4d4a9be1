"""What the plan panel shows about one site's control results: its area and the names it touches in each imported
control layer, its land classes with the dominant one, and the 生态保护红线 justification.

Read on every site selection, so one read-only connection and a handful of queries filtered to that site (nothing
of the result tables is loaded beyond its rows). No GUI imports: the panel formats it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import control_schema, gpkg

#: Where plans before schema 5 kept the 生态保护红线 justification (schema 5 moved it into a site field).


@dataclass
class SiteControlRow:
    kind: str
    area_ha: float
    share: Optional[float]  # of the site's area, 0-1
    names: List[str]


@dataclass
class SiteLandClass:
    dlbm: Optional[str]
    dlmc: Optional[str]
    group_name: Optional[str]
    area_ha: float
    share: Optional[float]
    dominant: bool


@dataclass
class SiteControlDetails:
    kinds: List[str]  # the control layers the plan has, in control_schema.KINDS order
    controls: Dict[str, SiteControlRow] = field(default_factory=dict)  # kind -> the site's row (only those touched)
    land_classes: List[SiteLandClass] = field(default_factory=list)  # largest first


def _names(text: object) -> List[str]:
    return [part for part in str(text or "").split("、") if part.strip()]


def site_control_details(path: str, fid: int) -> Optional[SiteControlDetails]:
    """The control results of the site ``fid``, or None when the plan never imported a control layer (its
    red-line justification is a field of the site itself)."""
    with gpkg.connect(path, readonly=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        if control_schema.CONTROL_REGISTER.table not in tables:
            return None
        present = {r[0] for r in con.execute(f"SELECT kind FROM {control_schema.CONTROL_REGISTER.table}")}
        details = SiteControlDetails([k for k in control_schema.KINDS if k in present])
        if not details.kinds:
            return None
        if control_schema.SITE_CONTROLS.table in tables:
            for kind, area, share, names in con.execute(
                    f"SELECT kind, area_ha, share, names FROM {control_schema.SITE_CONTROLS.table} "
                    f"WHERE site_fid = ?", (int(fid),)):
                details.controls[kind] = SiteControlRow(kind, float(area or 0.0), share, _names(names))
        if control_schema.SITE_LAND_CLASSES.table in tables:
            for dlbm, dlmc, group, area, share, dominant in con.execute(
                    f"SELECT dlbm, dlmc, group_name, area_ha, share, dominant FROM "
                    f"{control_schema.SITE_LAND_CLASSES.table} WHERE site_fid = ? ORDER BY area_ha DESC",
                    (int(fid),)):
                details.land_classes.append(SiteLandClass(dlbm, dlmc, group, float(area or 0.0), share,
                                                          bool(dominant)))
    return details
