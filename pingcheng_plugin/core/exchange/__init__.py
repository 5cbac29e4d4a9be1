"""Import and export of project sites and official plan layers in the formats Chinese bureaus exchange.

GeoPackage, Shapefile, GeoJSON, KML, DXF, CSV with WKT and the 自然资源部 boundary-point coordinate text
(界址点坐标 TXT). Headless: no widgets; the GUI (``ui/import_*``, ``ui/export_sites``) and Processing
(``processing/import_sites``, ``export_sites``, ``import_plan_layer``) both call the modules here.

- :mod:`.formats`   which format a path is, and what each one can do
- :mod:`.encoding`  text encodings: declared (.cpg, DBF code-page byte, DXF header) or detected (UTF-8, GB18030)
- :mod:`.crs`       the source's coordinate system: the file's, or recognised from the coordinate values
- :mod:`.geometry`  source geometries to the plan's 2D multipolygons in EPSG:4547; rings to polygons
- :mod:`.txt`, :mod:`.dxf`, :mod:`.csvwkt`  the formats OGR does not read the way bureaus write them
- :mod:`.readers`   one streaming reader interface over every format
- :mod:`.mapping`   source fields and values to site fields, with guesses and remembered mappings
- :mod:`.pipeline`  the site import: preview (every feature through the validator), then one transaction
- :mod:`.writers`   the site export
- :mod:`.plan_layers`  official district boundary, corridors, barriers, zones and key areas
"""
