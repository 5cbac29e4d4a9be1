"""Per-site control results as stored rows: the area of each site in each control layer with the names and codes
it touches, its area by land class with the dominant class. Recomputed for every site when a control layer is
imported (:mod:`.importer`), and for the saved sites by :func:`refresh_sites` (the save hook)."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsGeometry

from ..rules.control_settings import ControlConfig
from ..sites import areas
from ..sites.overlay import SHAPELY2, from_wkb_many
from ..store import control_data, site_reader
from .site_overlay import ControlIndex, ControlShape, SiteShape, in_layer, land_classes, site_shapes

Rows = List[Dict[str, object]]
_AREA_DECIMALS = 6  # ha: 0.01 m², so a class of a few hundred m² keeps its 0.01 % accuracy


def read_sites(path: str, fids: Optional[Sequence[int]] = None) -> List[SiteShape]:
    """The plan's saved sites (all, or ``fids``) ready for the overlay."""
    records = site_reader.read_sites(path, ["project_code"], fids)
    return site_shapes(records)


def control_shape(kind: str, values: Dict[str, object], shape, geometry: Optional[QgsGeometry] = None
                  ) -> ControlShape:
    """A stored control polygon (its column values) for the overlay. A site meets hundreds of parcels: for the land
    survey the codes it touches are the land classes (DLBM), not each parcel's 标识码."""
    def text(name: str) -> str:
        return str(values.get(name) or "")

    return ControlShape(shape, text("name"), text("dlbm") if kind == "landuse" else text("code"), text("dlbm"),
                        text("dlmc"), text("class_group"), text("group_name"), geometry)


def control_shapes(path: str, kind: str, box: Optional[Tuple[float, float, float, float]] = None,
                   near_sites: Optional[Sequence[int]] = None) -> List[ControlShape]:
    rows = control_data.control_rows(path, kind, box, near_sites)
    if SHAPELY2:
        shapes = from_wkb_many([wkb for _values, wkb in rows])
        return [control_shape(kind, values, shape) for (values, _wkb), shape in zip(rows, shapes)]
    return [control_shape(kind, values, None, _qgs(wkb)) for values, wkb in rows]  # see ControlShape


def _qgs(wkb: bytes) -> QgsGeometry:
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    return geometry


def rows_for(kind: str, controls: Sequence[ControlShape], sites: Sequence[SiteShape], config: ControlConfig
             ) -> Tuple[Rows, Optional[Rows]]:
    """The site_controls rows of ``kind`` and, for the land survey, the site_land_classes rows."""
    index = ControlIndex(controls)
    minimum = config.min_control_m2
    by_fid = {s.fid: s for s in sites}
    found = index.overlaps(sites)  # one pass: the area in the layer and by land class come from the same pieces
    kind_rows = []
    for fid, result in in_layer(index, sites, minimum, found).items():
        site = by_fid[fid]
        kind_rows.append({"site_fid": fid, "project_code": site.project_code, "kind": kind,
                          "area_ha": round(result.area_m2 / areas.M2_PER_HA, _AREA_DECIMALS),
                          "share": _share(result.area_m2, site), "names": "、".join(result.names) or None,
                          "codes": "、".join(result.codes) or None})
    if kind != "landuse":
        return kind_rows, None
    land_rows = []
    for fid, classes in land_classes(index, sites, minimum, found).items():
        site = by_fid[fid]
        for n, item in enumerate(classes):  # largest first: the first is the dominant class
            land_rows.append({"site_fid": fid, "project_code": site.project_code, "dlbm": item.dlbm or None,
                              "dlmc": item.dlmc or None, "class_group": item.group, "group_name": item.group_name,
                              "area_ha": round(item.area_m2 / areas.M2_PER_HA, _AREA_DECIMALS),
                              "share": _share(item.area_m2, site), "dominant": n == 0})
    return kind_rows, land_rows


def _share(area_m2: float, site: SiteShape) -> Optional[float]:
    return round(min(1.0, area_m2 / site.ellipsoidal_m2), 6) if site.ellipsoidal_m2 > 0 else None


def read_config(path: str) -> ControlConfig:
    return ControlConfig.from_meta(control_data.meta_values(path))


def refresh_sites(path: str, fids: Sequence[int]) -> int:
    """Recompute the saved sites ``fids`` against every control layer the plan has (the hook of a site's save);
    only the control polygons near them are read. Returns the number of sites in some control layer."""
    kinds = control_data.imported_kinds(path)
    if not kinds or not fids:
        return 0
    sites = read_sites(path, fids)
    present = [s for s in sites if s.present]
    config = read_config(path)
    kind_rows: Rows = []
    land_rows: Optional[Rows] = [] if "landuse" in kinds else None
    if present:
        near = [s.fid for s in present]
        for kind in kinds:
            rows, lands = rows_for(kind, control_shapes(path, kind, near_sites=near), present, config)
            kind_rows += rows
            if lands is not None:
                land_rows += lands
    control_data.write_site_results(path, list(fids), kind_rows, land_rows)  # a deleted site loses its rows
    return len({r["site_fid"] for r in kind_rows})
