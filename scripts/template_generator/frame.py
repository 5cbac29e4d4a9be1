"""Page geometry of the bundled figure frames: where each element sits on a page of one kind, paper and
orientation (mm). Pure geometry: no QGIS items are made here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

from qgis.PyQt.QtCore import QRectF


@dataclass
class Frame:
    """Page geometry (mm) of one kind, paper and orientation; ``s`` scales lengths, ``f`` font sizes."""

    kind: str
    paper: str
    orientation: str
    width: float
    height: float

    @property
    def s(self) -> float:
        return min(self.width, self.height) / 297.0

    @property
    def f(self) -> float:
        return self.s ** 0.6

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    def rects(self) -> Dict[str, QRectF]:
        s = self.s
        margin, gap = 10 * s, 1.6 * s
        out = {"outer": QRectF(margin, margin, self.width - 2 * margin, self.height - 2 * margin)}
        inner = out["outer"].adjusted(gap, gap, -gap, -gap)
        out["inner"] = inner
        out["plan_name"] = QRectF(inner.left(), inner.top() + 3 * s, inner.width(), 7 * s)
        out["title"] = QRectF(inner.left(), inner.top() + 10 * s, inner.width(), 12 * s)
        # 附图3 / 附表1 at the top left, level with the plan name (centred text, so they never meet)
        out["figure_number"] = QRectF(inner.left() + 4 * s, inner.top() + 3 * s, 40 * s, 7 * s)
        top = inner.top() + (31 if self.kind == "atlas" else 25) * s
        if self.kind == "atlas":
            out["subtitle"] = QRectF(inner.left(), inner.top() + 22.5 * s, inner.width(), 6.5 * s)
        if self.kind == "table":
            return self._table_rects(out, inner, top)
        annotation = 7.5 * s
        if self.landscape:
            panel_width = (92 if self.kind == "atlas" else 86) * s
            panel = QRectF(inner.right() - 3 * s - panel_width, top + annotation, panel_width,
                           inner.bottom() - annotation - (top + annotation))
            out["map"] = QRectF(inner.left() + annotation, panel.top(),
                                panel.left() - annotation - (inner.left() + annotation), panel.height())
            out["panel"] = panel
            self._side_panel(out, panel)
        else:
            panel_height = (84 if self.kind == "atlas" else 78) * s
            panel = QRectF(inner.left() + annotation, inner.bottom() - 3 * s - panel_height,
                           inner.width() - 2 * annotation, panel_height)
            out["map"] = QRectF(panel.left(), top + annotation, panel.width(),
                                panel.top() - annotation - (top + annotation))
            out["panel"] = panel
            self._bottom_panel(out, panel)
        map_rect = out["map"]
        out["north_arrow"] = QRectF(map_rect.right() - 15 * s, map_rect.top() + 4 * s, 9 * s, 22 * s)
        if self.kind == "atlas":
            size = QRectF(0, 0, (62 if self.landscape else 58) * s, (56 if self.landscape else 52) * s)
            box = QRectF(map_rect.left(), map_rect.bottom() - size.height(), size.width(), size.height())
            # the inset's heading has a strip of its own above the inset map, clear of its red extent box
            caption = 5.5 * s
            out["overview_box"] = box
            out["overview_caption"] = QRectF(box.left() + 1.2 * s, box.top(), box.width() - 2.4 * s, caption)
            out["overview"] = box.adjusted(0, caption, 0, 0)
            # the boundary-point table: lower right corner of the map, sized per page (fill_atlas)
            out["point_table"] = QRectF(map_rect.right() - 80 * s, map_rect.bottom() - 30 * s, 80 * s, 30 * s)
            out["point_table_title"] = QRectF(map_rect.right() - 80 * s, map_rect.bottom() - 35 * s, 80 * s, 5 * s)
            # the land-class and control-layer table: upper left corner of the map, sized per page (fill_atlas)
            out["land_table_title"] = QRectF(map_rect.left(), map_rect.top(), 80 * s, 5 * s)
            out["land_table"] = QRectF(map_rect.left(), map_rect.top() + 5 * s, 80 * s, 30 * s)
        return out

    def _side_panel(self, out: Dict[str, QRectF], panel: QRectF) -> None:
        s, pad = self.s, 3 * self.s
        x, width = panel.left() + pad, panel.width() - 2 * pad
        block = QRectF(panel.left(), panel.bottom() - 16 * s, panel.width(), 16 * s)
        notes_height = 44 * s
        notes = QRectF(x, block.top() - 2 * s - notes_height, width, notes_height)
        scale = QRectF(x, notes.top() - 3 * s - 17 * s, width, 17 * s)
        top = panel.top() + pad
        if self.kind == "atlas":
            card = QRectF(x, top, width, 59 * s)  # 12 lines and a wrapped 主要建设内容: the rest goes to the legend
            self._site_card(out, card)
            out["sep_card"] = QRectF(panel.left(), card.bottom() + 2 * s, panel.width(), 0)
            top = card.bottom() + 4 * s
        out["legend"] = QRectF(x, top, width, scale.top() - 3 * s - top)
        out["sep_scale"] = QRectF(panel.left(), scale.top() - 2 * s, panel.width(), 0)
        out["sep_notes"] = QRectF(panel.left(), notes.top() - 1.5 * s, panel.width(), 0)
        self._scale(out, scale)
        self._notes(out, notes)
        self._block(out, block)

    def _bottom_panel(self, out: Dict[str, QRectF], panel: QRectF) -> None:
        s, pad = self.s, 3 * self.s
        # atlas: a wider legend column (its pages list zones by their long names) beside the site card
        shares = (0.28, 0.32, 0.21, 0.19) if self.kind == "atlas" else (0.0, 0.50, 0.28, 0.22)
        edges = [panel.left()]
        for share in shares:
            edges.append(edges[-1] + share * panel.width())
        columns = [QRectF(edges[i], panel.top(), edges[i + 1] - edges[i], panel.height()) for i in range(4)]
        if self.kind == "atlas":
            self._site_card(out, columns[0].adjusted(pad, pad, -pad, -pad))
        out["legend"] = columns[1].adjusted(pad, pad, -pad, -pad)
        out["notes_column"] = columns[2]
        self._notes(out, columns[2].adjusted(pad, pad, -pad, -pad))
        right = columns[3]
        block = QRectF(right.left(), right.bottom() - 32 * s, right.width(), 32 * s)
        self._scale(out, QRectF(right.left() + pad, right.top() + pad, right.width() - 2 * pad, 17 * s))
        self._block(out, block)
        out["vsep"] = [QRectF(edges[i], panel.top(), 0, panel.height()) for i in range(1, 4) if shares[i - 1] > 0]

    def _site_card(self, out: Dict[str, QRectF], rect: QRectF) -> None:
        """项目概况: a bold heading over the card's lines."""
        heading = 6 * self.s
        out["site_card_title"] = QRectF(rect.left(), rect.top(), rect.width(), heading)
        out["site_card"] = QRectF(rect.left(), rect.top() + heading, rect.width(), rect.height() - heading)

    def _scale(self, out: Dict[str, QRectF], rect: QRectF) -> None:
        s = self.s
        out["scale_text"] = QRectF(rect.left(), rect.top(), rect.width(), 6 * s)
        out["scalebar"] = QRectF(rect.left() + rect.width() * 0.08, rect.top() + 7 * s, rect.width() * 0.84, 10 * s)

    def _notes(self, out: Dict[str, QRectF], rect: QRectF) -> None:
        s = self.s
        out["crs_note"] = QRectF(rect.left(), rect.top(), rect.width(), 10 * s)
        out["source_note"] = QRectF(rect.left(), rect.top() + 11 * s, rect.width(), 15 * s)
        out["illustrative_note"] = QRectF(rect.left(), rect.top() + 27 * s, rect.width(), rect.height() - 27 * s)

    def _block(self, out: Dict[str, QRectF], block: QRectF) -> None:
        out["block"] = block
        rows = 2
        row_height = block.height() / rows
        caption_width = min(22 * self.s, block.width() * 0.36)
        for index, key in enumerate(("organisation", "date")):
            row = QRectF(block.left(), block.top() + index * row_height, block.width(), row_height)
            out[f"{key}_caption"] = QRectF(row.left(), row.top(), caption_width, row.height())
            out[key] = QRectF(row.left() + caption_width, row.top(), row.width() - caption_width, row.height())
        out["block_hline"] = QRectF(block.left(), block.top() + row_height, block.width(), 0)
        out["block_vline"] = QRectF(block.left() + caption_width, block.top(), 0, block.height())

    def _table_rects(self, out: Dict[str, QRectF], inner: QRectF, top: float) -> Dict[str, QRectF]:
        s = self.s
        body = inner.adjusted(5 * s, 0, -5 * s, 0)
        out["unit_note"] = QRectF(body.left(), top, body.width(), 6 * s)
        bottom_height = 24 * s
        bottom = QRectF(body.left(), inner.bottom() - 3 * s - bottom_height, body.width(), bottom_height)
        out["table"] = QRectF(body.left(), top + 7 * s, body.width(), bottom.top() - 3 * s - (top + 7 * s))
        block_width = 80 * s
        out["table_note"] = QRectF(bottom.left(), bottom.top(), bottom.width() - block_width - 6 * s, bottom.height())
        self._block(out, QRectF(bottom.right() - block_width, bottom.top() + bottom_height - 16 * s, block_width,
                                16 * s))
        # the 示意 banner left of the unit note, and 第 N 页 共 M 页 right above the title block, on every page
        out["illustrative_note"] = QRectF(body.left(), top, body.width() * 0.7, 6 * s)
        out["page_number"] = QRectF(bottom.right() - block_width, bottom.top(), block_width,
                                    bottom_height - 16 * s - 1.5 * s)
        half = (body.width() - 8 * s) / 2
        out["totals_zone"] = QRectF(body.left(), top + 7 * s, half, 40 * s)
        out["totals_phase"] = QRectF(body.left() + half + 8 * s, top + 7 * s, half, 40 * s)
        return out


# --- item helpers ---------------------------------------------------------------------------------------------
