"""Default type-to-area suitability: where each of the 8 project types fits the plan's zones and key areas.

The plan does not publish such a table; these defaults follow the plan's own names (a mine restoration project,
KSXF, belongs in the mine key area K2 or the mine and sand-fixation zone Z2: see vocabulary.py for the names).
They are copied into each plan GeoPackage as the editable table ``suitability``; the validator reads that table,
so a bureau's corrections travel with the plan. A site conforms when its zone or any of its key areas is listed
for its type.

The table is the plugin's, not the plan's: messages say so (:data:`SOURCE_DEFAULT`), and say when a plan's rows
for a type are the bureau's own (:data:`SOURCE_EDITED`). Each row of the plan file records whose it is in its
``source`` column (schema 5): rows written from these defaults carry SOURCE_DEFAULT, rows a user adds or changes in
QGIS's form SOURCE_EDITED; :func:`whose` reads the rows' sources. A row deleted leaves no source behind, so the
one comparison with the defaults is for that: a type whose remaining rows all say default but lack a default row is
the bureau's table, no longer the plugin's (:func:`lacks_default_rows`).
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from .vocabulary import KEY_AREAS, PROJECT_TYPES, ZONES

#: type code -> (zone codes, key-area codes)
DEFAULT_SUITABILITY: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "SXLT": (("Z2", "Z3", "Z4"), ("K1", "K2", "K3")),
    "KSXF": (("Z2",), ("K2", "K1")),
    "LYST": (("Z1", "Z3"), ("K3",)),
    "DXSZ": (("Z1", "Z3"), ("K3", "K6")),
    "TDZZ": (("Z3", "Z4"), ("K4", "K5", "K6")),
    "XCRJ": (("Z3", "Z4"), ("K7", "K5")),
    "CQGG": (("Z1",), ("K7", "K5")),
    "CZXF": (("Z1",), ("K7", "K3")),
}
#: Whose rows a type's suitability is: (Chinese, English); the GUI language picks one.
SOURCE_DEFAULT = ("插件默认，非规划内容", "the plugin's default, not the plan's")
SOURCE_EDITED = ("规划库中修改，非规划内容", "as changed in the plan file, not the plan's")


def whose(sources: Iterable[Optional[str]], rows_deleted: bool = False) -> Tuple[str, str]:
    """(Chinese, English) naming whose a type's rows are, from their stored sources: the plugin's default when
    every row says so and none of the default rows was deleted (``rows_deleted``); the bureau's own wording where
    its rows state one (beside default rows); otherwise (an edited or deleted row, a row without a source, or no
    rows left) as changed in the plan file."""
    texts = [(s or "").strip() for s in sources]
    if texts and all(t == SOURCE_DEFAULT[0] for t in texts) and not rows_deleted:
        return SOURCE_DEFAULT
    own = sorted({t for t in texts if t and t not in (SOURCE_DEFAULT[0], SOURCE_EDITED[0])})
    if own and all(t in own or t == SOURCE_DEFAULT[0] for t in texts):
        return "；".join(own), "; ".join(own)
    return SOURCE_EDITED


def lacks_default_rows(type_code: str, zones: Iterable[str], key_areas: Iterable[str]) -> bool:
    """Whether a type's rows (its zone and key-area codes) miss one of its default rows."""
    default_zones, default_keys = DEFAULT_SUITABILITY.get(type_code, ((), ()))
    return not (set(default_zones) <= set(zones) and set(default_keys) <= set(key_areas))


def default_rows() -> List[Tuple[str, str, str]]:
    """Rows (type code, 'zone' or 'key_area', area code) of the default table, in vocabulary order."""
    zone_order = {z.code: i for i, z in enumerate(ZONES)}
    key_order = {k.code: i for i, k in enumerate(KEY_AREAS)}
    rows = []
    for ptype in PROJECT_TYPES:
        zones, keys = DEFAULT_SUITABILITY[ptype.code]
        rows += [(ptype.code, "zone", z) for z in sorted(zones, key=zone_order.__getitem__)]
        rows += [(ptype.code, "key_area", k) for k in sorted(keys, key=key_order.__getitem__)]
    return rows
