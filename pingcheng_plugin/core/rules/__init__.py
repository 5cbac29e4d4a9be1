"""The rules project sites are checked against, declared once (:mod:`.site_rules`); the form constraints, the
GeoPackage triggers and the validator are generated from them."""
