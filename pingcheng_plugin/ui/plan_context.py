"""The plan the user works on: the one whose site layer is in the open project."""

from __future__ import annotations

from typing import Optional

from qgis.core import Qgis, QgsProject

from ..core.store import plan_layers
from ..core.support.errors import PingchengError
from ..core.support.i18n import tr


class NoPlanError(PingchengError):
    level = Qgis.MessageLevel.Warning


def open_plan(project: Optional[QgsProject] = None) -> plan_layers.PlanLayers:
    """The open plan's layers; a warning for the message bar when no plan is open."""
    plan = plan_layers.find_plan(project or QgsProject.instance())
    if plan is None or plan.sites is None:
        raise NoPlanError(tr("No plan is open. Open or create a plan GeoPackage first."))
    return plan
