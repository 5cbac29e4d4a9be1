"""The plan store: everything that reads or writes a plan goes through this package.

The GeoPackage is its back end today: the schema and its migrations, the database rules (triggers), the stored
QGIS project with styles and forms, the plan layers and sites, metadata and settings. Callers ask the store for
layers, sites, rows and transactions; they never open GeoPackage paths, SQLite connections or layer URIs
themselves, so a second back end (PostGIS) can sit behind the same functions.
"""
