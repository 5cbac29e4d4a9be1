"""The field-review report (#20) through ``pingcheng:reviewreport``: read back with an HTML parser and pdftotext,
compared with SQL on the plan's site_reviews, never with the plugin's own readers."""

from __future__ import annotations

import base64
import re
import subprocess
import unicodedata
from html.parser import HTMLParser

import pytest
from qgis.core import QgsProcessingException
from qgis.PyQt.QtGui import QColor, QImage

from tests.helpers import ROOT, edit, sql
from tests.test_review import PASSED, REJECT, SITES, _prepare, _review, run

SCRIPT = "<script>alert('核查')</script>"


class _Sections(HTMLParser):
    """Per site section (data-code) the text of its dd.state / dd.comment / dd.reviewer; the totals tables."""

    def __init__(self):
        super().__init__()
        self.sites, self.totals, self.images = {}, {}, {}
        self._code = self._field = self._table = None
        self._row = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "data-code" in attrs:
            self._code = attrs["data-code"]
            self.sites[self._code] = {}
            self.images[self._code] = []
        elif tag == "dd" and self._code:
            self._field = attrs.get("class")
            self.sites[self._code][self._field] = ""
        elif tag == "img" and self._code:
            self.images[self._code].append(attrs["src"])
        elif tag == "table":
            self._table = attrs.get("class")
            self.totals[self._table] = {}
        elif tag == "tr":
            self._row = []
        elif tag == "td":
            self._row.append("")

    def handle_endtag(self, tag):
        if tag == "dd":
            self._field = None
        elif tag == "section":
            self._code = None
        elif tag == "tr" and self._table and len(self._row) == 2:
            self.totals[self._table][self._row[0]] = int(self._row[1])
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._field and self._code:
            self.sites[self._code][self._field] += data
        elif self._table and self._row:
            self._row[-1] += data.strip()


def _red_pixels(image: QImage) -> int:
    """Pixels of the stressed site's red (#d7191c, filled or outlined) in a picture."""
    count = 0
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            colour = QColor(image.pixel(x, y))
            count += colour.red() > 180 and colour.green() < 90 and colour.blue() < 90
    return count


def _data_image(uri: str) -> QImage:
    image = QImage()
    assert image.loadFromData(base64.b64decode(uri.split(",", 1)[1]))
    return image


@pytest.fixture
def merged(provider, demo_plan, tmp_path):
    """A package of 3 sites reviewed (one comment with markup, a real photo), merged into the demo plan."""
    folder = tmp_path / "核查包"
    _prepare(demo_plan, folder)
    _review(folder)
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    assert image.save(str(folder / "photos" / "IMG_0001.jpg"), "JPEG")
    edit(folder / "review.gpkg", "UPDATE project_sites SET review_comment = ? WHERE project_code = ?", SCRIPT,
         REJECT)
    result = run("pingcheng:mergereview", {"PLAN": str(demo_plan), "PACKAGE": str(folder), "ON_CONFLICT": "plan"})
    assert result["MERGED"] == 3
    return demo_plan, folder


def _expected(plan):
    rows = sql(plan, "SELECT project_code, review_state, review_comment, reviewer FROM site_reviews")
    states = dict(sql(plan, "SELECT review_state, count(*) FROM site_reviews GROUP BY review_state"))
    reviewers = dict(sql(plan, "SELECT reviewer, count(*) FROM site_reviews GROUP BY reviewer"))
    return {r[0]: r[1:] for r in rows}, states, reviewers


@pytest.mark.parametrize("with_package", [True, False])
def test_html_report_shows_each_review_and_the_totals(merged, tmp_path, with_package):
    plan, folder = merged
    output = tmp_path / "报告" / "核查报告.html"
    output.parent.mkdir()
    result = run("pingcheng:reviewreport", {"PLAN": str(plan), "PACKAGE": str(folder) if with_package else "",
                                            "OUTPUT": str(output)})
    assert result["OUTPUT"] == str(output) and result["SITES"] == 3
    text = output.read_text(encoding="utf-8")
    parsed = _Sections()
    parsed.feed(text)
    sites, states, reviewers = _expected(plan)
    assert {code: (s["state"], s["comment"], s["reviewer"]) for code, s in parsed.sites.items()} == sites
    assert set(parsed.sites) == set(SITES)
    shown_states = parsed.totals["totals-state"]
    assert {k: v for k, v in shown_states.items() if k in states} == states
    assert shown_states["待核查"] == 0 and sum(states.values()) == 3
    assert {k: v for k, v in parsed.totals["totals-reviewer"].items()} == reviewers
    # user text never reaches the HTML unescaped; the parser read it back as the reviewer typed it
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert parsed.sites[REJECT]["comment"] == SCRIPT
    # the location map of every site, and the photo's thumbnail where there is one
    kinds = {code: [uri.split(";")[0] for uri in images] for code, images in parsed.images.items()}
    assert all("data:image/png" in found for found in kinds.values())
    assert "data:image/jpeg" in kinds[PASSED] and "data:image/jpeg" not in kinds[REJECT]
    for images in parsed.images.values():  # each map shows its site in red (read by Qt, not by the plugin)
        (picture,) = [uri for uri in images if uri.startswith("data:image/png")]
        assert _red_pixels(_data_image(picture)) > 50
    assert [p.name for p in output.parent.iterdir()] == [output.name]  # no staging folder left


def test_pdf_report_is_searchable_with_states_comments_and_totals(merged, tmp_path):
    plan, folder = merged
    output = tmp_path / "核查报告.pdf"
    result = run("pingcheng:reviewreport", {"PLAN": str(plan), "PACKAGE": str(folder), "OUTPUT": str(output)})
    assert result["OUTPUT"] == str(output)
    pages = subprocess.run(["pdftotext", "-layout", str(output), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    pages = [unicodedata.normalize("NFKC", page) for page in pages if page.strip()]
    sites, states, reviewers = _expected(plan)
    assert len(pages) == 1 + len(sites)  # the totals, then one page per review
    totals = pages[0].replace(" ", "")
    for state, count in states.items():
        assert f"{state}:{count}" in totals
    for name, count in reviewers.items():
        assert f"{name}:{count}" in totals
    for code, (state, comment, reviewer) in sites.items():
        (page,) = [p for p in pages[1:] if code in p]
        assert state in page and comment in page and reviewer in page
    for number in range(2, 2 + len(sites)):  # every location map draws its site in red (poppler's rendering)
        picture = subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", str(number), "-l", str(number),
                                  str(output)], capture_output=True, check=True).stdout
        image = QImage()
        assert image.loadFromData(picture) and _red_pixels(image) > 20
    info = subprocess.run(["pdfimages", "-list", str(output)], capture_output=True, text=True, check=True).stdout
    assert len(info.strip().splitlines()) >= 3  # the photo is embedded (header lines + at least one image)


def test_report_of_a_package_not_merged_yet_reads_the_package(provider, demo_plan, tmp_path):
    folder = tmp_path / "pkg"
    _prepare(demo_plan, folder)
    _review(folder)
    edit(folder / "review.gpkg", "UPDATE project_sites SET review_state = '待核查' WHERE project_code = ?", REJECT)
    output = tmp_path / "r.html"
    run("pingcheng:reviewreport", {"PLAN": str(demo_plan), "PACKAGE": str(folder), "OUTPUT": str(output)})
    parsed = _Sections()
    parsed.feed(output.read_text(encoding="utf-8"))
    expected = dict(sql(folder / "review.gpkg", "SELECT review_state, count(*) FROM project_sites GROUP BY 1"))
    assert {k: v for k, v in parsed.totals["totals-state"].items() if v and k != "Total"} == expected
    assert parsed.sites[REJECT]["state"] == "待核查"


@pytest.mark.parametrize("name, match", [("report.txt", r"\.html or \.pdf"), ("report.html", "no reviews")])
def test_bad_input_is_refused_and_writes_nothing(provider, demo_plan, tmp_path, name, match):
    output = tmp_path / "out" / name
    output.parent.mkdir()
    with pytest.raises(QgsProcessingException, match=match):
        run("pingcheng:reviewreport", {"PLAN": str(demo_plan), "OUTPUT": str(output)})
    assert list(output.parent.iterdir()) == []


def test_package_of_another_plan_is_refused(provider, demo_plan, empty_plan, tmp_path):
    folder = tmp_path / "pkg"
    _prepare(demo_plan, folder)
    with pytest.raises(QgsProcessingException, match="another plan"):
        run("pingcheng:reviewreport", {"PLAN": str(empty_plan), "PACKAGE": str(folder),
                                       "OUTPUT": str(tmp_path / "r.html")})
    assert not (tmp_path / "r.html").exists()


def test_report_algorithm_is_the_contract(provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().algorithmById("pingcheng:reviewreport")
    assert [p.name() for p in algorithm.parameterDefinitions()] == ["PLAN", "PACKAGE", "OUTPUT"]
    assert algorithm.parameterDefinition("PACKAGE").flags() & algorithm.parameterDefinition("PACKAGE").FlagOptional
    assert "OUTPUT" in {o.name() for o in algorithm.outputDefinitions()} and algorithm.shortHelpString()
    for document in ("README.md", "docs/processing.md"):  # documented exactly (the users' copy and the reference)
        row = next(line for line in (ROOT / document).read_text(encoding="utf-8").splitlines()
                   if line.startswith("| `pingcheng:reviewreport`"))
        assert set(re.findall(r"`([A-Z][A-Z_]+)`", row)) == {"PLAN", "PACKAGE", "OUTPUT", "SITES"}
