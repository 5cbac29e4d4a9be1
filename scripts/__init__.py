"""Development scripts (not part of the plugin ZIP)."""
