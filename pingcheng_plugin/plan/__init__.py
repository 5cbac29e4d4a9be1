"""What the plan says: vocabulary and suitability defaults. Pure Python, no Qt or QGIS imports."""
