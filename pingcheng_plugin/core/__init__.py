"""What the plugin does, with no widgets: usable from the GUI, Processing, scripts and tests."""
