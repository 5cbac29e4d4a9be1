"""The coordinate systems of every plan: CGCS2000 (2000国家大地坐标系), stored in the 3-degree Gauss-Kruger zone of
Pingcheng (central meridian 114°E), areas on the CGCS2000 ellipsoid."""

STORAGE_CRS = "EPSG:4547"  # CGCS2000 / 3-degree Gauss-Kruger CM 114E
GEOGRAPHIC_CRS = "EPSG:4490"  # CGCS2000 longitude/latitude
ELLIPSOID = "EPSG:1024"  # CGCS2000 ellipsoid, for QgsDistanceArea
