"""Can we write here? Asked by trying, because permission bits say nothing for root, immutable folders, read-only
mounts or files another program holds open."""

from __future__ import annotations

import tempfile


def can_write_in(folder: str) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def can_replace(path: str) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False
