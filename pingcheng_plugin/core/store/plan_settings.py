"""A plan's stored settings: the validation thresholds in the plan's metadata table."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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


@dataclass(frozen=True)
class Imprint:
    """编制单位 and 编制日期 as the plan's figures and tables print them; empty: not set for this plan.

    Kept in the plan, not in the user's settings, so that re-exporting an approved set keeps its date and the
    organisation travels with the file to whoever exports it next."""

    organisation: str = ""
    date: str = ""


_IMPRINT_KEYS = ("imprint_organisation", "imprint_date")


def read_imprint(path: str) -> Imprint:
    values = gpkg.read_meta(path).values
    return Imprint(values.get(_IMPRINT_KEYS[0], "") or "", values.get(_IMPRINT_KEYS[1], "") or "")


def write_imprint(path: str, imprint: Imprint) -> None:
    """Store ``imprint`` in the plan (in one transaction, as every plan write)."""
    with gpkg.connect(path) as con:
        gpkg.write_meta(con, {_IMPRINT_KEYS[0]: imprint.organisation.strip(), _IMPRINT_KEYS[1]: imprint.date.strip()})
