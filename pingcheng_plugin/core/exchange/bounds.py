"""A bounding box grown point by point (QgsRectangle.setMinimal() is deprecated from QGIS 3.34 on)."""

from __future__ import annotations

import math
from typing import Optional

from qgis.core import QgsRectangle


class Bounds:
    def __init__(self):
        self.x0 = self.y0 = math.inf
        self.x1 = self.y1 = -math.inf

    def add(self, x: float, y: float) -> Bounds:
        self.x0, self.x1 = min(self.x0, x), max(self.x1, x)
        self.y0, self.y1 = min(self.y0, y), max(self.y1, y)
        return self

    def add_rectangle(self, box: QgsRectangle) -> Bounds:
        self.add(box.xMinimum(), box.yMinimum())
        return self.add(box.xMaximum(), box.yMaximum())

    @property
    def empty(self) -> bool:
        return self.x0 > self.x1

    def rectangle(self) -> Optional[QgsRectangle]:
        return None if self.empty else QgsRectangle(self.x0, self.y0, self.x1, self.y1)
