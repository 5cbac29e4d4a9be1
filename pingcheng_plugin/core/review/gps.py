"""The reviewer's position from QGIS's GPS connections (a receiver connected in QGIS's GPS panel), if any."""

from __future__ import annotations

from typing import Optional, Tuple

from qgis.core import QgsApplication


def current_position() -> Optional[Tuple[float, float]]:
    """(longitude, latitude) in WGS 84 of the first connected receiver with a fix; None without one."""
    registry = QgsApplication.gpsConnectionRegistry()
    for connection in registry.connectionList() if registry is not None else []:
        information = connection.currentGPSInformation()
        valid = information.isValid() if hasattr(information, "isValid") else information.fixType > 1
        if valid:
            return information.longitude, information.latitude
    return None
