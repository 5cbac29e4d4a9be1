"""QGIS entry point of the Pingcheng eco-restoration plugin."""

import os
import sys

# GeoDiff (pygeodiff, for review packages) is in neither Debian's nor QGIS's Python: the plugin ZIP carries it in
# ext_libs (the Makefile's package target). Appended, so a copy installed in the Python itself (a venv) wins.
_EXT_LIBS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ext_libs")
if os.path.isdir(_EXT_LIBS) and _EXT_LIBS not in sys.path:
    sys.path.append(_EXT_LIBS)
    if hasattr(os, "add_dll_directory") and os.path.isdir(os.path.join(_EXT_LIBS, "pygeodiff")):
        # Windows: GeoDiff's library needs the sqlite3.dll and msvcp140.dll packed beside it
        os.add_dll_directory(os.path.join(_EXT_LIBS, "pygeodiff"))


def classFactory(iface):  # noqa: N802 - the name QGIS looks for
    """Return the plugin; if it cannot be imported (e.g. shapely missing), a stand-in that says why.

    A plugin that raises here breaks QGIS start-up for the user; the stand-in shows the error instead.
    """
    try:
        from .plugin import PingchengPlugin
    except ImportError as err:
        from .broken import BrokenPlugin

        return BrokenPlugin(iface, err)
    return PingchengPlugin(iface)
