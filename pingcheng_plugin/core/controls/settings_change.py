"""Changing a plan's control-rule settings (:class:`..rules.control_settings.ControlConfig`).

The project-type lists only steer the validator, which reads them at every run. The smallest counted area also
decides which sites the stored results list (``site_controls``, ``site_land_classes``), so a new value recomputes
every site's results with it; if that fails the previous settings are put back, so stored results and settings
never disagree.
"""

from __future__ import annotations

from typing import Callable, Optional

from ..rules.control_settings import ControlConfig
from ..store import control_data, site_reader
from ..support.i18n import tr
from ..support.progress import report
from . import results


def apply_control_config(path: str, config: ControlConfig,
                         progress: Optional[Callable[..., bool]] = None) -> int:
    """Store ``config`` in the plan; returns the number of sites whose results were recomputed (0 when none had
    to be)."""
    config.check()
    old = results.read_config(path)
    control_data.write_config(path, config)
    if config.min_control_m2 == old.min_control_m2 or not control_data.imported_kinds(path):
        return 0
    report(progress, 0.0, tr("Recomputing every site's control-layer results…"))
    try:
        fids = site_reader.fids_after(path, 0)  # every site
        results.refresh_sites(path, fids)
    except BaseException:
        control_data.write_config(path, old)
        raise
    report(progress, 100.0)
    return len(fids)
