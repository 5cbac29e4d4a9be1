"""Where the plugin's data folders are, both in the source tree and in an installed plugin.

In the repository ``resources/``, ``templates/`` and ``i18n/`` sit beside the ``pingcheng_plugin`` package; the ZIP
built by ``make package`` puts them inside it (QGIS installs only the one folder).
"""

from __future__ import annotations

import os

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _data_dir(name: str) -> str:
    inside = os.path.join(PACKAGE_DIR, name)
    if os.path.isdir(inside):
        return inside
    return os.path.join(os.path.dirname(PACKAGE_DIR), name)


def resources_dir() -> str:
    return _data_dir("resources")


def templates_dir() -> str:
    return _data_dir("templates")


def i18n_dir() -> str:
    return _data_dir("i18n")


def resource(*parts: str) -> str:
    return os.path.join(resources_dir(), *parts)


def metadata_path() -> str:
    inside = os.path.join(PACKAGE_DIR, "metadata.txt")
    return inside if os.path.exists(inside) else os.path.join(os.path.dirname(PACKAGE_DIR), "metadata.txt")
