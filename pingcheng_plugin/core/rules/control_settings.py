"""The plugin's own settings for the control-layer rules (the plan states none of them): which project types may
occupy 永久基本农田, which must lie inside 城镇开发边界, and the smallest area that counts as touching a control
layer. Each plan stores its values in its metadata table, so every user of the plan applies the same ones.

The defaults are the plugin's reading of the rules, not the plan's text: land consolidation (TDZZ) and the
integrated mountains-rivers-forests-farmland system restoration (SXLT) include farmland consolidation (农田整治), so
they may lie on permanent basic farmland; the two urban project types (CQGG, CZXF) belong inside the urban
development boundary by their names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Tuple

from ...plan import vocabulary
from ..support.errors import InvalidInputError
from ..support.i18n import tr

DEFAULT_FARMLAND_TYPES: Tuple[str, ...] = ("TDZZ", "SXLT")
DEFAULT_URBAN_TYPES: Tuple[str, ...] = ("CQGG", "CZXF")
DEFAULT_MIN_CONTROL_M2 = 1.0

_KEYS = {"farmland_types": "control_farmland_types", "urban_types": "control_urban_types",
         "min_control_m2": "control_min_m2"}


@dataclass(frozen=True)
class ControlConfig:
    #: project types that may occupy 永久基本农田 (others are flagged)
    farmland_types: Tuple[str, ...] = DEFAULT_FARMLAND_TYPES
    #: project types that must lie inside 城镇开发边界
    urban_types: Tuple[str, ...] = DEFAULT_URBAN_TYPES
    #: area (m²) inside (or, for the urban boundary, outside) a control layer below which it is not counted
    min_control_m2: float = DEFAULT_MIN_CONTROL_M2

    def check(self) -> ControlConfig:
        for code in self.farmland_types + self.urban_types:
            if vocabulary.by_code("project_type", code) is None:
                raise InvalidInputError(tr("“{code}” in the control-layer settings is not one of the plan's project "
                                           "types ({codes}).").format(
                    code=code, codes=", ".join(vocabulary.codes("project_type"))))
        if self.min_control_m2 is None or self.min_control_m2 < 0:
            raise InvalidInputError(tr("The validation setting {name} must be zero or more.").format(
                name="min_control_m2"))
        return self

    def as_meta(self) -> Dict[str, str]:
        return {_KEYS["farmland_types"]: ",".join(self.farmland_types),
                _KEYS["urban_types"]: ",".join(self.urban_types),
                _KEYS["min_control_m2"]: repr(float(self.min_control_m2))}

    @classmethod
    def from_meta(cls, values: Dict[str, str]) -> ControlConfig:
        """The stored settings; a missing or unreadable value keeps the plugin's default."""
        def codes(key: str, default: Tuple[str, ...]) -> Tuple[str, ...]:
            text = values.get(_KEYS[key])
            return default if text is None else tuple(c.strip() for c in text.split(",") if c.strip())

        try:
            minimum = float(values.get(_KEYS["min_control_m2"], DEFAULT_MIN_CONTROL_M2))
        except ValueError:
            minimum = DEFAULT_MIN_CONTROL_M2
        return cls(codes("farmland_types", DEFAULT_FARMLAND_TYPES), codes("urban_types", DEFAULT_URBAN_TYPES),
                   minimum)
