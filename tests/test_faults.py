"""A full disk never leaves a broken file behind, nor touches a file the user had (issue #13, cases 1 and 2).

A small file system cannot be mounted without root, so the ``disk_quota`` fixture gives one folder a quota:
Python writers get ``ENOSPC`` once the folder holds ``budget`` bytes (as the kernel does), the free space the
plugin asks for is what is left of the budget, and what native writers (Qt's PDF/SVG/image writers, GDAL) wrote
beyond the budget is cut off before the plugin checks the file, which is what a full disk does to them: they report
success and leave an empty or cut-off file. ``scripts/check-full-disk.sh`` runs the same cases on a real 1 MB file
system through qgis_process (CI, as root).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from pingcheng_plugin.core.exchange.rejected_file import write_rejected
from pingcheng_plugin.core.exchange.writers import export_sites
from pingcheng_plugin.core.figures import ExportOptions, export_figures
from pingcheng_plugin.core.figures.catalogue import figure
from pingcheng_plugin.core.summary import write_summary
from pingcheng_plugin.core.support import file_checks, output_files
from pingcheng_plugin.core.support.errors import ExportError

NO_SPACE = "No space left on the disk holding"
OLD = b"the user's own file, which must survive"


class Quota:
    """``folder`` behaves as a disk of ``budget`` bytes (files counted once per inode: hard links are free)."""

    def __init__(self, folder: Path, budget: int):
        self.folder, self.budget = os.path.abspath(folder), budget

    def inside(self, path) -> bool:
        try:
            return os.path.abspath(os.fspath(path)).startswith(self.folder + os.sep)
        except TypeError:
            return False

    def files(self):
        seen = {}
        for root, _dirs, names in os.walk(self.folder):
            for name in names:
                path = os.path.join(root, name)
                info = os.stat(path)
                seen.setdefault(info.st_ino, (info.st_mtime_ns, path, info.st_size))
        return list(seen.values())

    def used(self) -> int:
        return sum(size for _, _, size in self.files())

    def free(self) -> int:
        return max(0, self.budget - self.used())

    def settle(self) -> None:
        """Cut off what native writers wrote past the budget: the newest staged bytes never reached the disk."""
        overflow = self.used() - self.budget
        staged = [f for f in self.files() if output_files.STAGING_PREFIX in f[1]]
        for _mtime, path, size in sorted(staged, reverse=True):
            if overflow <= 0:
                break
            cut = min(size, overflow)
            os.truncate(path, size - cut)
            overflow -= cut


class _LimitedFile:
    """A real file object whose writes fail with ENOSPC once the quota is spent (keeping what still fitted)."""

    def __init__(self, handle, quota: Quota, path: str):
        self._handle, self._quota, self._path = handle, quota, path

    def write(self, data):
        written = self._handle.write(data)
        self._handle.flush()
        overflow = self._quota.used() - self._quota.budget
        if overflow > 0:
            os.truncate(self._path, max(0, os.path.getsize(self._path) - overflow))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self._path)
        return written

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()

    def __iter__(self):
        return iter(self._handle)

    def __getattr__(self, name):
        return getattr(self._handle, name)


@pytest.fixture
def disk_quota(monkeypatch):
    """``disk_quota(folder, budget)``: give ``folder`` a quota of ``budget`` bytes for the rest of the test."""
    real_open, real_free, real_check = builtins.open, output_files.free_bytes, file_checks.check_file

    def install(folder: Path, budget: int) -> Quota:
        quota = Quota(folder, budget)

        def limited_open(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            if any(c in mode for c in "wax+") and quota.inside(file):
                return _LimitedFile(handle, quota, os.fspath(file))
            return handle

        def free_bytes(path):
            return quota.free() if quota.inside(os.path.join(path, "x")) else real_free(path)

        def check_file(path, features=None):
            quota.settle()
            return real_check(path, features)

        monkeypatch.setattr(builtins, "open", limited_open)
        monkeypatch.setattr(io, "open", limited_open)
        monkeypatch.setattr(output_files, "free_bytes", free_bytes)
        monkeypatch.setattr(file_checks, "check_file", check_file)
        return quota

    return install


def _untouched(folder: Path, names):
    """The folder holds exactly the user's files, unchanged: no temporary file, no staging folder."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    for name in names:
        assert (folder / name).read_bytes() == OLD, name


# --- figures ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("formats", [("pdf",), ("pdf", "svg"), ("png",), ("tif",)])
def test_figures_on_a_full_disk(demo_plan, tmp_path, disk_quota, formats):
    folder = tmp_path / "figures"
    folder.mkdir()
    own = figure("zones").file_stem() + ".pdf"
    (folder / own).write_bytes(OLD)
    disk_quota(folder, len(OLD) + 60_000)
    options = ExportOptions(formats=formats, figures=("overall", "zones"), dpi=60)
    with pytest.raises(ExportError, match=NO_SPACE) as raised:
        export_figures(str(demo_plan), str(folder), options)
    assert str(folder) in raised.value.message
    _untouched(folder, [own])


def test_figures_fit_when_there_is_room(demo_plan, tmp_path, disk_quota):
    folder = tmp_path / "figures"
    folder.mkdir()
    disk_quota(folder, 50_000_000)
    result = export_figures(str(demo_plan), str(folder), ExportOptions(formats=("pdf", "png"), figures=("zones",),
                                                                       dpi=60))
    assert len(result.files) == 2
    assert all(file_checks.check_file(path) is None for path in result.files)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_png_the_exporter_cannot_write_on_a_full_disk_says_so(demo_plan, tmp_path, monkeypatch):
    """QGIS reports only FileError; with the disk full, the message names the disk, not permissions."""
    from pingcheng_plugin.core.figures import export

    monkeypatch.setattr(export, "disk_full", lambda folder: True)
    with pytest.raises(ExportError, match=NO_SPACE):
        export.check_result(export.QgsLayoutExporter.FileError, str(tmp_path / "a.png"))
    monkeypatch.setattr(export, "disk_full", lambda folder: False)
    with pytest.raises(ExportError, match="not writable"):
        export.check_result(export.QgsLayoutExporter.FileError, str(tmp_path / "a.png"))


# --- site exports, summary tables, rejected features ------------------------------------------------------------

@pytest.mark.parametrize("format_id", ["gpkg", "shp", "geojson", "kml", "dxf", "txt", "csv"])
def test_site_export_on_a_full_disk(demo_plan, tmp_path, disk_quota, format_id):
    folder = tmp_path / "out"
    folder.mkdir()
    extension = {"geojson": ".geojson"}.get(format_id, "." + format_id)
    own = "sites" + extension
    (folder / own).write_bytes(OLD)
    disk_quota(folder, len(OLD) + 3000)
    with pytest.raises(ExportError, match=NO_SPACE):
        export_sites(str(demo_plan), str(folder / own), format_id)
    _untouched(folder, [own])


@pytest.mark.parametrize("format_id", ["gpkg", "shp", "geojson", "kml"])
def test_site_export_is_read_back_before_it_replaces_a_file(demo_plan, tmp_path, format_id):
    target = tmp_path / f"sites.{format_id}"
    result = export_sites(str(demo_plan), str(target), format_id)
    assert file_checks.check_file(str(target), result.count) is None
    assert "holds" in file_checks.check_file(str(target), result.count + 1)


@pytest.mark.parametrize("name", ["表.xlsx", "表.csv", "表.html"])
def test_summary_on_a_full_disk(demo_plan, tmp_path, disk_quota, name):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / name).write_bytes(OLD)
    disk_quota(folder, len(OLD) + 1000)
    with pytest.raises(ExportError, match=NO_SPACE):
        write_summary(str(demo_plan), str(folder / name))
    _untouched(folder, [name])


@pytest.mark.parametrize("name", ["rejected.gpkg", "rejected.shp", "rejected.geojson", "rejected.csv"])
def test_rejected_features_on_a_full_disk(tmp_path, disk_quota, name):
    from tests.helpers import square

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / name).write_bytes(OLD)
    disk_quota(folder, len(OLD) + 500)
    rows = [(n, {"XMMC": f"项目{n}"}, square(440000 + 300 * n, 4435000, 200), "名称重复") for n in range(50)]
    with pytest.raises(ExportError, match=NO_SPACE):
        write_rejected(str(folder / name), [("XMMC", "text")], rows, None)
    _untouched(folder, [name])


def test_processing_reports_a_full_disk_and_fails(demo_plan, tmp_path, disk_quota, provider):
    """The algorithm fails (qgis_process exits non-zero) with the same message, instead of "13 sites written"."""
    import processing

    folder = tmp_path / "out"
    folder.mkdir()
    disk_quota(folder, 2000)
    with pytest.raises(QgsProcessingException, match=NO_SPACE):
        processing.run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": "geojson",
                                                 "OUTPUT": str(folder / "s.geojson")}, feedback=QgsProcessingFeedback())
    assert list(folder.iterdir()) == []


# --- the checks themselves --------------------------------------------------------------------------------------

def _pdf() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return data + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_checks_find_cut_off_files(tmp_path):
    from qgis.PyQt.QtGui import QImage

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(_pdf())
    assert file_checks.check_file(str(pdf)) is None
    whole = pdf.read_bytes()
    for cut in (len(whole) - 3, len(whole) // 2, 0):
        pdf.write_bytes(whole[:cut])
        assert file_checks.check_file(str(pdf)), cut
    png = tmp_path / "a.png"
    image = QImage(50, 50, QImage.Format.Format_RGB32)
    image.fill(0xFF336699)
    assert image.save(str(png))
    assert file_checks.check_file(str(png)) is None
    os.truncate(png, png.stat().st_size - 5)
    assert file_checks.check_file(str(png))
    svg = tmp_path / "a.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>\n")
    assert file_checks.check_file(str(svg)) is None
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'><re")
    assert file_checks.check_file(str(svg))


def test_checks_open_vector_files(demo_plan, tmp_path):
    shp = tmp_path / "s.shp"
    count = export_sites(str(demo_plan), str(shp), "shp").count
    assert file_checks.check_file(str(shp), count) is None
    shp.with_suffix(".prj").write_bytes(b"")
    assert ".prj" in file_checks.check_file(str(shp), count)
    geojson = tmp_path / "s.geojson"
    export_sites(str(demo_plan), str(geojson), "geojson")
    os.truncate(geojson, geojson.stat().st_size // 2)
    assert file_checks.check_file(str(geojson), count)


def test_write_errors_name_the_cause(tmp_path, monkeypatch):
    target = str(tmp_path / "a.csv")
    assert NO_SPACE in output_files.write_error(target, OSError(errno.ENOSPC, "full")).message
    assert "read-only" in output_files.write_error(target, OSError(errno.EROFS, "ro")).message
    monkeypatch.setattr(output_files, "free_bytes", lambda folder: 10 << 30)
    assert "not written completely" in output_files.failure(target, "cut off").message
    monkeypatch.setattr(output_files, "free_bytes", lambda folder: 0)
    assert NO_SPACE in output_files.failure(target, "cut off").message


def test_a_move_failing_part_way_puts_the_users_files_back(tmp_path, monkeypatch):
    """Several files move into place one by one: if one cannot (held open, say), those already moved are undone."""
    (tmp_path / "a.csv").write_bytes(OLD)
    (tmp_path / "b.csv").write_bytes(OLD)
    real_replace = output_files.replace

    def replace(source, target):
        if target.endswith("b.csv"):
            raise ExportError("b.csv is open in another program")
        real_replace(source, target)

    monkeypatch.setattr(output_files, "replace", replace)
    with output_files.StagingFolder(str(tmp_path)) as staging:
        for name in ("a.csv", "b.csv"):
            Path(staging.staged(name)).write_text("new")
        with pytest.raises(ExportError, match="open in another program"):
            staging.commit()
    _untouched(tmp_path, ["a.csv", "b.csv"])
