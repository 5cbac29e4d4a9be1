"""A plan's stored settings: the validation thresholds in the plan's metadata table."""

from __future__ import annotations

from dataclasses import asdict

from ..rules.thresholds import ValidationConfig
from . import gpkg


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
