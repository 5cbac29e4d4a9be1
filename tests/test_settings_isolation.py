"""Each test has its own QGIS settings (the ``own_settings`` fixture): what one test remembers, the next never sees.

The two tests below each start by checking that the plugin's export folder is still the default, then remember one;
whichever of them runs second (in file order or in a random order) proves that the first one's value did not leak.
"""

from __future__ import annotations

import pytest
from qgis.core import QgsSettings

from pingcheng_plugin.core.support.settings import Settings


@pytest.mark.parametrize("folder", ["/data/first", "/data/second"])
def test_a_remembered_setting_does_not_reach_the_next_test(folder, own_settings):
    assert Settings().export_folder() == ""
    Settings().set_export_folder(folder)
    assert Settings().export_folder() == folder
    assert QgsSettings().fileName().startswith(str(own_settings))


def test_settings_live_in_the_tests_own_folder(own_settings):
    Settings().set_organisation("某设计院")
    written = (own_settings / "QGIS" / "QGIS3.ini")
    QgsSettings().sync()
    assert written.exists() and "pingcheng" in written.read_text(encoding="utf-8")
