"""QGIS entry point of the Pingcheng eco-restoration plugin."""


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
