"""The reviewer's photos: files inside the package, linked from a site by a path relative to the package folder.

A merge checks every linked photo is there before anything is written, then copies them beside the plan
(``<plan>_核查照片/<package id>/``), so the plan's review records keep pointing at them after the package folder
is archived or deleted. Several photos of one site are separated by ``;``.
"""

from __future__ import annotations

import os
import shutil
from typing import Dict, List, Sequence

from ..support.errors import ExportError, InvalidInputError
from ..support.i18n import tr

SEPARATOR = ";"


def photo_folder(plan: str) -> str:
    stem = os.path.splitext(os.path.abspath(plan))[0]
    return f"{stem}_核查照片"


def _paths(value: object) -> List[str]:
    if value in (None, "") or str(value) == "NULL":
        return []
    return [part.strip() for part in str(value).split(SEPARATOR) if part.strip()]


def links(value: object) -> List[str]:
    """The photo links of one review value (``;``-separated relative paths), empty for none."""
    return _paths(value)


def check(folder: str, reviews: Sequence) -> Dict[str, List[str]]:
    """code → the photos' paths relative to ``folder``; InvalidInputError naming each site and photo missing."""
    found: Dict[str, List[str]] = {}
    missing = []
    for review in reviews:
        for path in _paths(review.values.get("review_photo")):
            absolute = path if os.path.isabs(path) else os.path.normpath(os.path.join(folder, path))
            if os.path.isfile(absolute):
                found.setdefault(review.code, []).append(absolute)
            else:
                missing.append(tr("{code}: {path}").format(code=review.code, path=path))
    if missing:
        raise InvalidInputError(tr("Photos linked in the review package {folder} are missing from it: {missing}. "
                                   "Copy them into the package folder (or clear the link) and merge again; nothing "
                                   "was merged.").format(folder=folder, missing="、".join(missing)))
    return found


def copy_into_plan(plan: str, folder: str, package_id: str, found: Dict[str, List[str]]) -> Dict[str, str]:
    """Copy the photos beside the plan; returns code → their paths relative to the plan's folder (``;``-joined)."""
    if not found:
        return {}
    target = os.path.join(photo_folder(plan), package_id)
    base = os.path.dirname(os.path.abspath(plan))
    stored: Dict[str, str] = {}
    try:
        for code, paths in found.items():
            names = []
            for path in paths:
                relative = os.path.relpath(path, folder) if not os.path.relpath(path, folder).startswith("..") \
                    else os.path.basename(path)
                destination = os.path.join(target, relative)
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                shutil.copy2(path, destination)
                names.append(os.path.relpath(destination, base).replace(os.sep, "/"))
            stored[code] = SEPARATOR.join(names)
    except OSError as err:
        remove_copied(plan, package_id)
        raise ExportError(tr("The review photos cannot be copied beside the plan into {folder}: {error}. Nothing "
                             "was merged.").format(folder=target, error=err)) from err
    return stored


def remove_copied(plan: str, package_id: str) -> None:
    shutil.rmtree(os.path.join(photo_folder(plan), package_id), ignore_errors=True)
