"""What is worked out from a site's boundary, without reading or writing a plan: areas (ellipsoidal and planar),
the zones and key areas it lies in (overlay), derived fields, geometry repair, statistics and filters."""
