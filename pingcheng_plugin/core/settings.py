"""Every QgsSettings key of the plugin, declared once with its type and default."""

from __future__ import annotations

from qgis.core import QgsSettings

_PREFIX = "pingcheng/"


class Settings:
    """Typed access to the plugin's settings (stored in the user's QGIS profile)."""

    def __init__(self, settings: QgsSettings = None):
        self._settings = settings or QgsSettings()

    def _get(self, key: str, default, kind):
        return self._settings.value(_PREFIX + key, default, type=kind)

    def _set(self, key: str, value) -> None:
        self._settings.setValue(_PREFIX + key, value)

    def last_folder(self) -> str:
        return self._get("last_folder", "", str)

    def set_last_folder(self, folder: str) -> None:
        self._set("last_folder", folder)

    def last_plan(self) -> str:
        return self._get("last_plan", "", str)

    def set_last_plan(self, path: str) -> None:
        self._set("last_plan", path)
