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

    # --- the plan dock ------------------------------------------------------------------------------------------
    def dock_state(self) -> dict:
        """Where the plan dock was: area (Qt.DockWidgetArea as int), visible, floating, geometry, tab."""
        right = 2  # Qt.RightDockWidgetArea
        return {"area": self._get("dock/area", right, int), "visible": self._get("dock/visible", True, bool),
                "floating": self._get("dock/floating", False, bool),
                "geometry": self._settings.value(_PREFIX + "dock/geometry", None),
                "tab": self._get("dock/tab", 0, int)}

    def set_dock_state(self, area: int, visible: bool, floating: bool, geometry, tab: int) -> None:
        self._set("dock/area", int(area))
        self._set("dock/visible", bool(visible))
        self._set("dock/floating", bool(floating))
        self._set("dock/geometry", geometry)
        self._set("dock/tab", int(tab))

    def last_plan(self) -> str:
        return self._get("last_plan", "", str)

    def set_last_plan(self, path: str) -> None:
        self._set("last_plan", path)

    # --- figures and the summary table (issue 7) ---------------------------------------------------------------
    def organisation(self) -> str:
        """编制单位 printed on figures and tables; empty means the default (the plan's author)."""
        return self._get("export/organisation", "", str)

    def set_organisation(self, text: str) -> None:
        self._set("export/organisation", text)

    def compile_date(self) -> str:
        """编制日期 as printed (e.g. 2026年1月); empty means the month of the export."""
        return self._get("export/compile_date", "", str)

    def set_compile_date(self, text: str) -> None:
        self._set("export/compile_date", text)

    def figure_dpi(self) -> int:
        return self._get("export/dpi", 300, int)

    def set_figure_dpi(self, dpi: int) -> None:
        self._set("export/dpi", int(dpi))

    def figure_paper(self) -> str:
        return self._get("export/paper", "A3", str)

    def set_figure_paper(self, paper: str) -> None:
        self._set("export/paper", paper)

    def figure_orientation(self) -> str:
        return self._get("export/orientation", "landscape", str)

    def set_figure_orientation(self, orientation: str) -> None:
        self._set("export/orientation", orientation)

    def figure_formats(self) -> str:
        """Comma-separated: pdf, png, tif, svg."""
        return self._get("export/formats", "pdf,png", str)

    def set_figure_formats(self, formats: str) -> None:
        self._set("export/formats", formats)

    def figure_grid(self) -> str:
        """none, graticule (经纬网) or km (公里网)."""
        return self._get("export/grid", "graticule", str)

    def set_figure_grid(self, grid: str) -> None:
        self._set("export/grid", grid)

    def figure_selection(self) -> str:
        """Comma-separated figure ids last exported; empty means all."""
        return self._get("export/figures", "", str)

    def set_figure_selection(self, figures: str) -> None:
        self._set("export/figures", figures)

    def export_folder(self) -> str:
        return self._get("export/folder", "", str)

    def set_export_folder(self, folder: str) -> None:
        self._set("export/folder", folder)

    def template_folder(self) -> str:
        """Folder of user-edited layout templates (.qpt); empty means the profile's pingcheng/templates."""
        return self._get("export/template_folder", "", str)

    def set_template_folder(self, folder: str) -> None:
        self._set("export/template_folder", folder)

    # --- import and export of sites and plan layers (issue 6) --------------------------------------------------
    def field_mapping(self, layout: str) -> str:
        """The field mapping (JSON, see core/exchange/mapping.py) last confirmed for a source layout ('' if none);
        ``layout`` is mapping.layout_signature() of the source's field names."""
        return self._get(f"exchange/mappings/{layout}", "", str)

    def set_field_mapping(self, layout: str, mapping_json: str) -> None:
        self._set(f"exchange/mappings/{layout}", mapping_json)

    def exchange_folder(self) -> str:
        """Folder of the last imported or exported exchange file."""
        return self._get("exchange/folder", "", str)

    def set_exchange_folder(self, folder: str) -> None:
        self._set("exchange/folder", folder)

    def export_sites_format(self) -> str:
        """gpkg, shp, geojson, kml, dxf, txt or csv: the format of the last site export."""
        return self._get("exchange/export_format", "gpkg", str)

    def set_export_sites_format(self, format_id: str) -> None:
        self._set("exchange/export_format", format_id)

    def shapefile_encoding(self) -> str:
        """UTF-8 or GB18030 (GBK): the encoding of the last Shapefile export."""
        return self._get("exchange/shapefile_encoding", "UTF-8", str)

    def set_shapefile_encoding(self, encoding: str) -> None:
        self._set("exchange/shapefile_encoding", encoding)
