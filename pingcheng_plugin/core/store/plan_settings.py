"""A plan's stored settings in its metadata table: the validation thresholds, and what its figures print
(编制单位, 编制日期, 附图 numbers) so that a re-export keeps them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Dict

from ..rules.thresholds import ValidationConfig
from ..support.errors import PlanFileError
from ..support.i18n import tr
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


def _write_meta(path: str, values: Dict[str, str]) -> None:
    """One transaction; a plan that cannot be written (read-only, locked) raises PlanFileError naming it."""
    try:
        with gpkg.connect(path) as con:
            gpkg.write_meta(con, values)
    except sqlite3.Error as err:
        raise PlanFileError(tr("The plan {path} cannot be written: {error}").format(path=path, error=err)) from err


def write_imprint(path: str, imprint: Imprint) -> None:
    """Store ``imprint`` in the plan (in one transaction, as every plan write)."""
    _write_meta(path, {_IMPRINT_KEYS[0]: imprint.organisation.strip(), _IMPRINT_KEYS[1]: imprint.date.strip()})


_FIGURE_NUMBERS_KEY = "figure_numbers"


def read_figure_numbers(path: str) -> Dict[str, str]:
    """The 附图/附表 numbers stored in the plan: figure id -> number text ({} when none was stored yet)."""
    text = gpkg.read_meta(path).values.get(_FIGURE_NUMBERS_KEY) or ""
    try:
        stored = json.loads(text) if text else {}
    except ValueError:
        return {}  # an unreadable entry: the export falls back to the catalogue's numbers and rewrites it
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def write_figure_numbers(path: str, numbers: Dict[str, str]) -> None:
    """Store the 附图/附表 numbers, so every later export of the plan prints the same ones."""
    _write_meta(path, {_FIGURE_NUMBERS_KEY: json.dumps(dict(sorted(numbers.items())), ensure_ascii=False)})
