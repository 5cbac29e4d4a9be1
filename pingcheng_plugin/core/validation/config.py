"""Validation thresholds. They are stored in the plan GeoPackage (``pingcheng_meta``), so every user of a plan,
QField and the database trigger that refuses far-away sites apply the same values."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Dict

from .. import gpkg, schema
from ..errors import InvalidInputError
from ..i18n import tr


@dataclass(frozen=True)
class ValidationConfig:
    #: how far (m) a site may reach beyond the district boundary before it is an error
    boundary_tolerance_m: float = schema.DEFAULT_BOUNDARY_TOLERANCE_M
    #: overlap (m²) between two sites above which a warning is raised; touching sites overlap 0
    max_overlap_m2: float = schema.DEFAULT_MAX_OVERLAP_M2
    #: smallest site (ha, ellipsoidal) that is not a digitising slip
    min_area_ha: float = schema.DEFAULT_MIN_AREA_HA

    def check(self) -> ValidationConfig:
        for name, value in asdict(self).items():
            if value is None or value < 0:
                raise InvalidInputError(tr("The validation setting {name} must be zero or more.").format(name=name))
        return self

    def as_meta(self) -> Dict[str, str]:
        return {key: repr(float(value)) for key, value in asdict(self).items()}


def read_config(path: str) -> ValidationConfig:
    values = gpkg.read_meta(path).values
    kwargs = {}
    for key, default in asdict(ValidationConfig()).items():  # the meta keys are the field names (as_meta)
        try:
            kwargs[key] = float(values[key]) if key in values else default
        except ValueError:
            kwargs[key] = default
    return ValidationConfig(**kwargs)


def write_config(path: str, config: ValidationConfig) -> None:
    config.check()
    with gpkg.connect(path) as con:
        gpkg.write_meta(con, config.as_meta())
