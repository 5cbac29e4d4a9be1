"""The plugin's own thresholds for the site rules (not the plan's: it states none): how far a site may reach past
the district boundary, how much two sites may overlap, the smallest site. Each plan stores its values
(:mod:`..store.plan_settings`), so every user, QField and the database's triggers apply the same ones."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Dict

from ..support.errors import InvalidInputError
from ..support.i18n import tr

DEFAULT_BOUNDARY_TOLERANCE_M = 5.0
DEFAULT_MAX_OVERLAP_M2 = 1.0
DEFAULT_MIN_AREA_HA = 0.01
#: Intersections smaller than this (m²) are rounding noise of shared edges, not overlap: a site's zone, key areas
#: and corridor or barrier overlaps ignore them. Fixed, not a plan setting.
OVERLAP_EPSILON_M2 = 1.0


@dataclass(frozen=True)
class ValidationConfig:
    #: how far (m) a site may reach beyond the district boundary before it is an error
    boundary_tolerance_m: float = DEFAULT_BOUNDARY_TOLERANCE_M
    #: overlap (m²) between two sites above which a warning is raised; touching sites overlap 0
    max_overlap_m2: float = DEFAULT_MAX_OVERLAP_M2
    #: smallest site (ha, ellipsoidal) that is not a digitising slip
    min_area_ha: float = DEFAULT_MIN_AREA_HA

    def check(self) -> ValidationConfig:
        for name, value in asdict(self).items():
            if value is None or value < 0:
                raise InvalidInputError(tr("The validation setting {name} must be zero or more.").format(name=name))
        return self

    def as_meta(self) -> Dict[str, str]:
        return {key: repr(float(value)) for key, value in asdict(self).items()}
