"""Per-site control results as stored rows: the area of each site in each control layer with the names and codes
it touches, its area by land class with the dominant class. Recomputed for every site when a control layer is
imported (:mod:`.importer`), and for the saved sites by :func:`refresh_sites` (the save hook)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy

from ..rules.control_settings import ControlConfig
from ..sites import areas
from ..sites.overlay import SHAPELY2, from_wkb_many
from ..store import control_data, site_reader
from ..store.control_data import ResultRows
from .site_overlay import ControlIndex, ControlLabel, ControlSet, SiteShape, in_layer, land_classes, site_shapes

_AREA_DECIMALS = 6  # ha: 0.01 m², so a class of a few hundred m² keeps its 0.01 % accuracy
#: The stored columns a control polygon's :class:`ControlLabel` is made of, in its fields' order.
LABEL_COLUMNS = ("name", "code", "dlbm", "dlmc", "class_group", "group_name")
KIND_COLUMNS = ("site_fid", "project_code", "kind", "area_ha", "share", "names", "codes")
LAND_COLUMNS = ("site_fid", "project_code", "dlbm", "dlmc", "class_group", "group_name", "area_ha", "share",
                "dominant")


def read_sites(path: str, fids: Optional[Sequence[int]] = None) -> List[SiteShape]:
    """The plan's saved sites (all, or ``fids``) ready for the overlay."""
    records = site_reader.read_sites(path, ["project_code"], fids)
    return site_shapes(records)


def label_columns(kind: str) -> Tuple[str, ...]:
    """The stored columns a polygon of ``kind`` is labelled by, in :class:`ControlLabel` order. For the land survey
    the codes a site touches are the land classes (DLBM), not each parcel's 标识码: a site meets hundreds of
    parcels, and 500,000 parcels then share a few dozen labels."""
    return tuple("dlbm" if kind == "landuse" and column == "code" else column for column in LABEL_COLUMNS)


def control_set(kind: str, values: Iterable[Sequence[object]], geometries: Sequence) -> ControlSet:
    """A control layer's polygons for the overlay from their values of :func:`label_columns` and geometries
    (shapely shapes on shapely 2, WKB on 1.8, see :class:`ControlSet`); equal values share one label."""
    positions: Dict[Tuple, int] = {}
    label_of = [positions.setdefault(key, len(positions)) for key in (tuple(v) for v in values)]
    labels = [ControlLabel(*(str(v or "") for v in key)) for key in positions]
    if SHAPELY2:
        return ControlSet(labels, label_of, shapes=geometries)
    return ControlSet(labels, label_of, wkb=geometries)


def control_shapes(path: str, kind: str, box: Optional[Tuple[float, float, float, float]] = None,
                   near_sites: Optional[Sequence[int]] = None) -> ControlSet:
    """The kind's polygons stored in the plan (all, or near ``box`` or the sites ``near_sites``)."""
    rows = control_data.control_columns(path, kind, label_columns(kind), box, near_sites)
    geometries = from_wkb_many([row[0] for row in rows]) if SHAPELY2 else [row[0] for row in rows]
    return control_set(kind, (row[1:] for row in rows), geometries)


def rows_for(kind: str, controls: ControlSet, sites: Sequence[SiteShape], config: ControlConfig
             ) -> Tuple[ResultRows, Optional[ResultRows]]:
    """The site_controls rows of ``kind`` and, for the land survey, the site_land_classes rows."""
    index = ControlIndex(controls)
    minimum = config.min_control_m2
    by_fid = {s.fid: s for s in sites}
    found = index.overlaps(sites)  # one pass: the area in the layer and by land class come from the same pieces
    kind_rows = ResultRows(KIND_COLUMNS)
    for fid, result in in_layer(index, sites, minimum, found).items():
        site = by_fid[fid]
        kind_rows.values.append((fid, site.project_code, kind, round(result.area_m2 / areas.M2_PER_HA, _AREA_DECIMALS),
                                 _share(result.area_m2, site), "、".join(result.names) or None,
                                 "、".join(result.codes) or None))
    if kind != "landuse":
        return kind_rows, None
    present, table = land_classes(index, sites, minimum, found)
    # rounded by Python as the layer rows are (numpy rounds some halves the other way)
    hectares = [round(area, _AREA_DECIMALS) for area in (table.area_m2 / areas.M2_PER_HA).tolist()]
    own = numpy.array([s.ellipsoidal_m2 for s in present])[table.site] if len(table.site) else numpy.zeros(0)
    with numpy.errstate(divide="ignore", invalid="ignore"):
        shares = [round(share, 6) for share in numpy.minimum(1.0, table.area_m2 / own).tolist()]
    classes = [(dlbm or None, dlmc or None, group, group_name) for dlbm, dlmc, group, group_name in table.classes]
    land_rows = ResultRows(LAND_COLUMNS)
    for n, c, area_ha, share, dominant in zip(table.site.tolist(), table.land_class.tolist(), hectares, shares,
                                              table.dominant.tolist()):
        site = present[n]
        land_rows.values.append((site.fid, site.project_code, *classes[c], area_ha,
                                 share if site.ellipsoidal_m2 > 0 else None, dominant))
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
    kind_rows = ResultRows(KIND_COLUMNS)
    land_rows = ResultRows(LAND_COLUMNS) if "landuse" in kinds else None
    # the polygons near the sites are read on other threads while this one reads the sites: finding them is SQLite's
    # R-tree join (a second each for 100,000 sites), which runs without Python's lock
    with ThreadPoolExecutor(len(kinds), thread_name_prefix="pingcheng-controls") as pool:
        layers = {kind: pool.submit(control_shapes, path, kind, near_sites=list(fids)) for kind in kinds}
        present = [s for s in read_sites(path, fids) if s.present]
        config = read_config(path)
        for kind in kinds:
            rows, lands = rows_for(kind, layers[kind].result(), present, config)
            kind_rows.extend(rows)
            if lands is not None:
                land_rows.extend(lands)
    control_data.write_site_results(path, list(fids), kind_rows, land_rows)  # a deleted site loses its rows
    return len(kind_rows.site_fids())
