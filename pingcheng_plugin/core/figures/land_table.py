"""The 地类及管控面积 table of a project location map (atlas page): the site's area by land class of the land
survey (三调 DLTB), largest first, and its area in each imported control layer (生态保护红线, 永久基本农田, 城镇开发
边界, 自然保护地), as stored by the control import (:mod:`..controls.results`), so the page, the summary table and
the TXT agree.

The table sits over the upper left corner of the map (the north arrow takes the upper right, the inset the lower
left, the boundary-point table the lower right), sized to its rows; it never reaches down to the inset: classes
beyond what fits are summed in a last row, as the boundary-point table does with its points.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from qgis.core import QgsLayoutFrame, QgsLayoutItemMap, QgsLayoutPoint

from ..store import control_data, control_schema
from ..support import compat
from .manual_table import fill_manual_table, row_height_mm

HEADERS = ("地类编码", "地类名称", "面积（公顷）", "占比")
#: Land-class rows a page shows at most (the control rows come on top of these).
MAX_CLASSES = 10
CONTROL_BACKGROUND = "#f4f4f4"
#: The 地类编码 cell of a control-layer row (a land class without a code has an empty one).
CONTROL_MARK = "管控"
#: Room (mm) kept between the table and the inset below it.
GAP_MM = 2.0

Row = Tuple[str, str, str, str]
Values = Tuple[str, str, Optional[float], Optional[float]]  # code, name, area (ha), share (0–1)


def _row(values: Values) -> Row:
    code, name, area, share = values
    return (code, name, "" if area is None else f"{area:.4f}", "" if share is None else f"{100.0 * share:.2f}%")


def _number(value: object) -> Optional[float]:
    return None if value is None else float(value)


class SiteControlRows:
    """The plan's control results read once per atlas export: per site, its land-class rows and control rows."""

    def __init__(self, plan_path: Optional[str]):
        self.kinds: Tuple[str, ...] = tuple(control_data.imported_kinds(plan_path)) if plan_path else ()
        self.results = control_data.site_results(plan_path) if self.kinds else {}
        self.classes = control_data.site_land_classes(plan_path) if "landuse" in self.kinds else {}

    def land_rows(self, fid: int) -> List[Values]:
        """The site's land classes, largest first."""
        return [(str(row["dlbm"] or ""), str(row["dlmc"] or ""), _number(row["area_ha"]), _number(row["share"]))
                for row in self.classes.get(fid, [])]

    def control_rows(self, fid: int) -> List[Values]:
        """One row per imported control layer (0 where the site lies outside it), marked 管控: 地类名称 names the
        layer, and the 自然保护地 it touches."""
        rows = []
        for kind in self.kinds:
            if kind == "landuse":
                continue
            result = self.results.get(fid, {}).get(kind)
            title = control_schema.TITLES_ZH[kind]
            if kind == "protected" and result is not None and result.get("names"):
                title = f"{title}：{result['names']}"
            rows.append((CONTROL_MARK, title, _number(result["area_ha"]) if result else 0.0,
                         _number(result["share"]) if result else 0.0))
        return rows


def fit_rows(land: Sequence[Values], controls: Sequence[Values], room: int
             ) -> Tuple[List[Row], List[Optional[str]]]:
    """The rows shown within ``room`` rows (heading excluded) and their backgrounds: the largest land classes, the
    rest summed in a row 其他N类, then every control row."""
    room = max(0, min(room - len(controls), MAX_CLASSES))
    shown = list(land)
    if len(shown) > room:
        keep = max(0, room - 1)
        rest = shown[keep:]
        shown = shown[:keep] + [("…", f"其他{len(rest)}类", sum(r[2] or 0.0 for r in rest),
                                 sum(r[3] or 0.0 for r in rest))]
    rows = [_row(values) for values in shown + list(controls)]
    return rows, [None] * len(shown) + [CONTROL_BACKGROUND] * len(controls)


def fill_land_table(frame: QgsLayoutFrame, map_item: QgsLayoutItemMap, data: SiteControlRows, fid: Optional[int],
                    lowest: Optional[float]) -> None:
    """Fill the table of ``frame`` with the site's rows and put it in the map's upper left corner, above
    ``lowest`` (the top of the inset, mm on the page; None: the map's bottom). Hidden without rows."""
    box = map_item.mapToScene(map_item.rect()).boundingRect()  # the map itself, not its grid labels
    title_height = _title_height(frame)
    top = box.top() + title_height
    bottom = (lowest if lowest is not None else box.bottom()) - GAP_MM
    land = data.land_rows(fid) if fid is not None else []
    controls = data.control_rows(fid) if fid is not None else []
    room = int((bottom - top) / row_height_mm(frame)) - 1 if frame.multiFrame() is not None else 0
    rows, backgrounds = fit_rows(land, controls, room)
    if not fill_manual_table(frame, HEADERS, rows, backgrounds, right_aligned=(2, 3)):
        return
    frame.attemptMove(QgsLayoutPoint(box.left(), top, compat.LAYOUT_MM))
    frame.setVisibility(bool(rows))


def _title_height(frame: QgsLayoutFrame) -> float:
    from . import templates as ids

    title = frame.layout().itemById(ids.ITEM_LAND_TABLE_TITLE)
    return title.sceneBoundingRect().height() if title is not None else 0.0

