"""A GBK Shapefile without .cpg, as older Chinese software writes it, for the import wizard's screenshot.

usage: /usr/bin/python3 scripts/desktop/sample_gbk.py OUT.shp
"""
import sys

from osgeo import ogr, osr

path = sys.argv[1]
ogr.UseExceptions()
driver = ogr.GetDriverByName("ESRI Shapefile")
dataset = driver.CreateDataSource(path)
srs = osr.SpatialReference()
srs.ImportFromEPSG(4547)
layer = dataset.CreateLayer("sites", srs, ogr.wkbPolygon, options=["ENCODING=CP936"])
for name in ("XMMC", "XMLX", "ZTZ"):
    layer.CreateField(ogr.FieldDefn(name, ogr.OFTReal if name == "ZTZ" else ogr.OFTString))
rows = (("御河东岸湿地修复项目", "河湖湿地保护修复工程项目", 1200.0),
        ("北部矿山复绿二期", "矿山生态修复工程项目", 860.0))
for number, (title, kind, money) in enumerate(rows):
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("XMMC", title)
    feature.SetField("XMLX", kind)
    feature.SetField("ZTZ", money)
    x, y = 440000 + number * 400, 4435000
    feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON(({x} {y},{x + 200} {y},{x + 200} {y + 200},{x} {y + 200},"
                                                  f"{x} {y}))"))
    layer.CreateFeature(feature)
dataset = None
cpg = path[:-4] + ".cpg"
try:
    import os

    os.remove(cpg)
except FileNotFoundError:
    pass
