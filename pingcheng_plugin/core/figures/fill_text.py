"""Filling a loaded template's texts for one figure, by item id: title, plan name, notes, organisation and
date, and stacking the notes so none overlaps.

A label whose text holds a ``[% expression %]`` is the user's (or the atlas card's) and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List

from qgis.core import (
    QgsLayoutItemLabel,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsPrintLayout,
)
from qgis.PyQt.QtGui import QFont

from ...plan import vocabulary
from ..support import compat
from . import templates as ids
from .catalogue import FigureSpec


@dataclass
class FigureText:
    """The texts every figure carries."""

    organisation: str
    date: str
    source_note: str = ""
    illustrative_note: str = ""
    extra: dict = field(default_factory=dict)


def item(layout: QgsPrintLayout, item_id: str, kind=None):
    found = layout.itemById(item_id)
    if found is None or (kind is not None and not isinstance(found, kind)):
        return None
    return found


def set_text(layout: QgsPrintLayout, item_id: str, text: str) -> None:
    label = item(layout, item_id, QgsLayoutItemLabel)
    if label is not None and "[%" not in label.text():
        label.setText(text)


def fill_texts(layout: QgsPrintLayout, spec: FigureSpec, text: FigureText) -> None:
    set_text(layout, ids.ITEM_TITLE, spec.title_zh)
    set_text(layout, ids.ITEM_PLAN_NAME, vocabulary.PLAN_TITLE_ZH)
    set_text(layout, ids.ITEM_ORGANISATION, text.organisation)
    set_text(layout, ids.ITEM_DATE, text.date)
    set_text(layout, ids.ITEM_SOURCE_NOTE, text.source_note)
    set_text(layout, ids.ITEM_ILLUSTRATIVE_NOTE, text.illustrative_note)
    for item_id, value in text.extra.items():
        set_text(layout, item_id, value)
    stack_notes(layout)


def stack_notes(layout: QgsPrintLayout) -> None:
    """Lay the coordinate-system, source and 示意 notes one under another at the height their text needs,
    smaller when the three do not fit the space the template gives them. Only when the template keeps them in
    one column, in that order, as the plugin's do; a user who moved them keeps their places."""
    labels = [item(layout, item_id, QgsLayoutItemLabel)
              for item_id in (ids.ITEM_CRS_NOTE, ids.ITEM_SOURCE_NOTE, ids.ITEM_ILLUSTRATIVE_NOTE)]
    if any(label is None for label in labels):
        return
    boxes = [label.sceneBoundingRect() for label in labels]
    if any(abs(b.left() - boxes[0].left()) > 0.5 or abs(b.width() - boxes[0].width()) > 0.5 for b in boxes) or \
            not boxes[0].top() < boxes[1].top() < boxes[2].top():
        return
    stored = labels[0].customProperty("pingcheng/notes_area")
    if stored:
        top, bottom = (float(v) for v in str(stored).split(","))
    else:
        top, bottom = boxes[0].top(), boxes[2].bottom()
        labels[0].setCustomProperty("pingcheng/notes_area", f"{top},{bottom}")
    originals = [label.text() for label in labels]  # fresh from fill_texts, or already wrapped (idempotent)
    if any("[%" in text for text in originals):
        return
    for label in labels:
        if not label.customProperty("pingcheng/size"):
            label.setCustomProperty("pingcheng/size", compat.label_text_format(label).size())
    gap = 1.2
    for factor in (1.0, 0.92, 0.85, 0.78):
        heights = []
        for label, original in zip(labels, originals):
            text_format = compat.label_text_format(label)
            text_format.setSize(float(label.customProperty("pingcheng/size")) * factor)
            compat.set_label_text_format(label, text_format)
            font = text_format.toQFont()
            width = boxes[0].width() - 2 * label.marginX() - 0.5
            wrapped = "\n".join(wrap(line, width, font) for line in original.split("\n")) if original else ""
            label.setText(wrapped)
            heights.append(QgsLayoutUtils.textHeightMM(font, wrapped or " ", 1.0) + 2 * label.marginY() + 0.6
                           if wrapped else 0.0)
        if sum(heights) + gap * 2 <= bottom - top:
            break
    cursor = top
    for label, height in zip(labels, heights):
        label.attemptResize(QgsLayoutSize(boxes[0].width(), max(height, 0.1), compat.LAYOUT_MM))
        label.attemptMove(QgsLayoutPoint(boxes[0].left(), cursor, compat.LAYOUT_MM))
        cursor += height + (gap if height else 0.0)


# --- maps ---------------------------------------------------------------------------------------------------


_TOKENS = re.compile(r"（[^（）]{1,6}）|[A-Za-z0-9.\-_/:%,+@#&'=]+|\s+|.", re.S)
_CLOSING = set("，。、；：？！）》」』”’)]}%")
_OPENING = set("（《「『“‘([{")


def _tokens(text: str) -> List[str]:
    """Break opportunities for Chinese text: between CJK characters, not inside Latin words or numbers, never
    before closing or after opening punctuation (避头尾)."""
    tokens: List[str] = []
    for token in _TOKENS.findall(text):
        if tokens and (token[0] in _CLOSING or tokens[-1][-1] in _OPENING):
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def wrap(text: str, width_mm: float, font: QFont) -> str:
    """``text`` with line breaks so no line is wider than ``width_mm`` in ``font`` (layout tables only wrap at
    spaces, which Chinese does not have)."""
    if not text or width_mm <= 0:
        return text
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _tokens(paragraph):
            candidate = line + token
            if line and QgsLayoutUtils.textWidthMM(font, candidate.rstrip()) > width_mm:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return "\n".join(lines)
