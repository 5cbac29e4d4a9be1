"""The plugin's own metadata.txt, read once."""

from __future__ import annotations

import configparser
import functools
from typing import Dict

from . import paths


@functools.lru_cache(maxsize=1)
def plugin_metadata() -> Dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(paths.metadata_path(), encoding="utf-8")
    return dict(parser["general"]) if parser.has_section("general") else {}
