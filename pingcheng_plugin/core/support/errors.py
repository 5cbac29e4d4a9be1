"""One exception base for everything the user should read, carrying its message-bar level.

Core code raises these with a translated message that names the feature and the problem; the GUI catches them at
one place per action (``ui/feedback.py``) and Processing turns them into ``QgsProcessingException``. Nothing is
logged here: logging is the catcher's job.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import Qgis


class PingchengError(Exception):
    """A problem the user can act on. ``message`` is translated; ``details`` is optional technical text."""

    level = Qgis.MessageLevel.Warning

    def __init__(self, message: str, details: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.details = details


class PlanFileError(PingchengError):
    """A plan GeoPackage that cannot be created, opened, migrated or written."""

    level = Qgis.MessageLevel.Critical


class PlanTargetExistsError(PlanFileError):
    """The target file exists and overwriting was not asked for."""

    level = Qgis.MessageLevel.Warning


class InvalidInputError(PingchengError):
    """Input data (a file, a parameter, a field value) that the plugin refuses."""


class ExportError(PingchengError):
    """A figure, table or file that could not be written."""

    level = Qgis.MessageLevel.Critical


class CancelledError(PingchengError):
    """The user cancelled; nothing was changed."""

    level = Qgis.MessageLevel.Info
