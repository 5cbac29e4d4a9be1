"""The summary table's control-layer values per site, read from the control results of the plan.

A column exists only for an imported control layer (see :mod:`.columns`); once the layer is imported, a site with
no result row for it lies outside the layer, so its area there is 0, not unknown.
"""

from __future__ import annotations

from typing import Dict, Tuple

from ..store import control_data

Values = Dict[str, object]


def land_class_label(dlbm: object, dlmc: object) -> str:
    """A land class as a reviewer reads it: 地类名称 with its 地类编码, e.g. 旱地（0103）."""
    code, name = str(dlbm or "").strip(), str(dlmc or "").strip()
    if code and name:
        return f"{name}（{code}）"
    return name or code


def read(path: str) -> Tuple[Tuple[str, ...], Dict[int, Values]]:
    """(the plan's imported control kinds, {site fid: {SiteRow field: value}}) for every site of the plan with a
    control result; sites absent from the mapping take :func:`defaults`."""
    kinds = tuple(control_data.imported_kinds(path))
    if not kinds:
        return kinds, {}
    found: Dict[int, Values] = {}
    for fid, by_kind in control_data.site_results(path).items():
        values = found.setdefault(int(fid), {})
        for kind, key in (("redline", "redline_ha"), ("farmland", "farmland_ha")):
            if kind in by_kind and by_kind[kind]["area_ha"] is not None:
                values[key] = float(by_kind[kind]["area_ha"])
        if "protected" in by_kind:
            values["protected_names"] = str(by_kind["protected"]["names"] or "")
    for fid, classes in control_data.site_land_classes(path).items():
        dominant = next((row for row in classes if row["dominant"]), classes[0])
        found.setdefault(int(fid), {})["main_land_class"] = land_class_label(dominant["dlbm"], dominant["dlmc"])
    return kinds, found


def defaults(kinds: Tuple[str, ...]) -> Values:
    """A site's values when it has no result of a kind: 0 ha inside an imported layer, None without the layer."""
    return {"redline_ha": 0.0 if "redline" in kinds else None,
            "farmland_ha": 0.0 if "farmland" in kinds else None}
