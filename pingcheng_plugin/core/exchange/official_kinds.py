"""The official plan layers an import can replace: the public values of importplanlayer's ``LAYER``.

Apart from :mod:`.official_layers` (which imports shapely and the plan store) so that the Processing provider can
list them when QGIS starts.
"""

from __future__ import annotations

from typing import Tuple

from ..support.i18n import QT_TRANSLATE_NOOP

KINDS: Tuple[str, ...] = ("boundary", "corridor", "barrier", "zone", "key_area")
KIND_LABELS = {
    "boundary": QT_TRANSLATE_NOOP("@default", "District boundary"),
    "corridor": QT_TRANSLATE_NOOP("@default", "Ecological corridors"),
    "barrier": QT_TRANSLATE_NOOP("@default", "Ecological barriers"),
    "zone": QT_TRANSLATE_NOOP("@default", "Restoration zones"),
    "key_area": QT_TRANSLATE_NOOP("@default", "Key restoration areas"),
}
