"""Add GeoDiff's Windows 64-bit library to the plugin's ext_libs (`make package`).

pygeodiff is pure Python around a C library it loads with ctypes, named by platform
(``libpygeodiff-<v>-python.so`` on Linux, ``pygeodiff-<v>-python.pyd`` on Windows), so one ext_libs/pygeodiff
folder can hold both. The Windows library and the two DLLs it needs (sqlite3.dll, msvcp140.dll, which the wheel
keeps in pygeodiff.libs) are copied next to it, where Windows looks for a loaded library's own dependencies;
pingcheng_plugin/__init__.py also adds that folder to the DLL search path.

    python scripts/add_windows_geodiff.py WHEEL EXT_LIBS/pygeodiff
"""

from __future__ import annotations

import os
import sys
import zipfile


def main(wheel: str, target: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        wanted = [n for n in archive.namelist()
                  if n.endswith(".pyd") or (n.startswith("pygeodiff.libs/") and n.endswith(".dll"))]
        if not any(n.endswith(".pyd") for n in wanted):
            sys.exit(f"{wheel} holds no GeoDiff library (.pyd)")
        for name in wanted:
            path = os.path.join(target, os.path.basename(name))
            with archive.open(name) as source, open(path + ".part", "wb") as out:
                out.write(source.read())
            os.replace(path + ".part", path)
    print(f"added {len(wanted)} Windows files of GeoDiff to {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
