"""The bundled templates are what ``make templates`` draws: the committed ``templates/*.qpt`` hold the same items
(type, id, position, size, stacking order and text) as a fresh run of ``scripts/template_generator``.

QGIS writes item uuids at random and attributes in any order, and later versions add properties, so the files are
compared item by item, not byte by byte.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List, Tuple

from pingcheng_plugin.core.figures import templates
from pingcheng_plugin.core.figures.catalogue import all_variants
from tests.helpers import ROOT


def items(path: Path) -> List[Tuple]:
    root = ET.parse(path).getroot()
    found = []
    for item in root.iter("LayoutItem"):
        found.append((item.get("type"), item.get("id"), item.get("position"), item.get("size"),
                      float(item.get("zValue", "0")), item.get("labelText") or ""))
    return sorted(found, key=lambda row: (row[4], row[0], row[1] or ""))


def test_committed_templates_equal_the_generator(qgis_app, tmp_path):
    from scripts.template_generator.build import write_templates

    written = write_templates(str(tmp_path))
    assert len(written) == len(all_variants()) == 12
    for kind, paper, orientation in all_variants():
        name = templates.template_name(kind, paper, orientation)
        generated, committed = items(tmp_path / name), items(ROOT / "templates" / name)
        assert generated == committed, f"{name} differs from what make templates draws: run make templates"
        assert len(committed) > 10 and any(row[1] == templates.ITEM_MAP for row in committed) == (kind != "table")


def test_the_comparison_sees_a_moved_item(qgis_app, tmp_path):
    source = ROOT / "templates" / templates.template_name("map", "A3", "landscape")
    text = source.read_text(encoding="utf-8")
    moved = text.replace('id="pc_date"', 'id="pc_date_moved"', 1)
    (tmp_path / "t.qpt").write_text(moved, encoding="utf-8")
    assert items(tmp_path / "t.qpt") != items(source)
