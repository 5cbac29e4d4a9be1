"""What a field-review package is on disk: its files, its tables and fields, its metadata and the site fingerprints.

A package is one folder a reviewer takes to the field (QGIS on a laptop, or QField)::

    <folder>/review.gpkg         the chosen sites with review columns, the plan layers, the proposals, the metadata
    <folder>/review.qgz          the QGIS project (relative paths, CGCS2000 ellipsoid, the site form)
    <folder>/photos/             photos the reviewer takes, linked from the sites by relative path
    <folder>/.base/review.gpkg   review.gpkg as it was packed: GeoDiff's base for the reviewer's changes

Both the preparing and the merging side read this module only, so a name is written in one place.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Dict, List

from ...plan import vocabulary
from ..store import review_data, schema
from ..store.review_schema import PACKAGE_META_TABLE as META_TABLE
from ..store.review_schema import PENDING as PENDING
from ..store.review_schema import PROPOSALS as PROPOSALS
from ..store.review_schema import PROPOSALS_TABLE as PROPOSALS_TABLE
from ..store.review_schema import REVIEW_FIELDS as REVIEW_FIELDS
from ..store.review_schema import REVIEW_NAMES as REVIEW_NAMES
from ..support.errors import InvalidInputError
from ..support.i18n import QT_TRANSLATE_NOOP, tr

#: Bumped when a package's layout changes; a package of another format is refused with the versions named.
PACKAGE_FORMAT = 1
GPKG_NAME = "review.gpkg"
PROJECT_NAME = "review.qgz"
PHOTO_FOLDER = "photos"
BASE_FOLDER = ".base"
#: Which side wins where a site was edited in the plan after packaging (mergereview's ON_CONFLICT).
ON_CONFLICT = ("plan", "review")
#: The plan layers copied into a package beside the sites (drawing order, bottom first).
PLAN_SPECS = (schema.BOUNDARY, schema.ZONES, schema.KEY_AREAS, schema.BARRIERS, schema.CORRIDORS)

#: Review states as stored (the plan's Chinese words, as QField shows them) with the English shown in English QGIS.
STATES = ((PENDING, QT_TRANSLATE_NOOP("@default", "To review")),
          ("通过", QT_TRANSLATE_NOOP("@default", "Passed")),
          ("需修改", QT_TRANSLATE_NOOP("@default", "Needs changes")),
          ("不符合", QT_TRANSLATE_NOOP("@default", "Does not comply")))


def base_path(folder: str) -> str:
    return os.path.join(folder, BASE_FOLDER, GPKG_NAME)


def state_names(language: str = "zh") -> List[Dict[str, str]]:
    """The value map of the state field: what the form shows → what is stored."""
    return [{(stored if language == "zh" else tr(english)): stored} for stored, english in STATES]


@dataclass
class PackageInfo:
    """The package's metadata table, read back."""

    folder: str
    values: Dict[str, str]

    @property
    def package_id(self) -> str:
        return self.values.get("package_id", "")

    @property
    def site_codes(self) -> List[str]:
        return json.loads(self.values.get("site_codes", "[]"))

    @property
    def fingerprints(self) -> Dict[str, str]:
        return json.loads(self.values.get("fingerprints", "{}"))


def read_info(folder: str) -> PackageInfo:
    """The metadata of the package in ``folder``; InvalidInputError when the folder is no review package."""
    path = os.path.join(folder, GPKG_NAME)
    if not os.path.isfile(path):
        raise InvalidInputError(tr("{folder} is not a review package: it has no {name}.").format(
            folder=folder, name=GPKG_NAME))
    return PackageInfo(folder, review_data.read_key_values(path, META_TABLE))


def check_format(info: PackageInfo, plugin_version: str) -> None:
    """Refuse a package written in another layout, naming the plugin versions on both sides."""
    try:
        found = int(info.values.get("package_format", "0"))
    except ValueError:
        found = 0
    if found != PACKAGE_FORMAT:
        raise InvalidInputError(tr(
            "The review package {folder} was made by plugin version {made} (package format {found}); this "
            "version {running} reads format {supported}. Nothing was merged: merge it with the version that made "
            "it, or prepare a new package.").format(
            folder=info.folder, made=info.values.get("plugin_version") or "?", found=found,
            running=plugin_version, supported=PACKAGE_FORMAT))


def plan_title() -> str:
    return vocabulary.PLAN_TITLE_ZH
