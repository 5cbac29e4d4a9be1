"""Small helpers every part of the plugin uses: QGIS version differences (compat), translation (i18n),
errors, settings, paths, fonts, safe output files, background tasks, progress, SQL quoting and GDAL values.
Nothing here knows about plans."""
