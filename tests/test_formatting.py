"""Numbers as users read them: one formatting module, Chinese units in the Chinese UI, English plurals in English.

References are written out by hand (the unit words, separators and plural forms a reader expects), not taken from
the module under test.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from qgis.PyQt.QtWidgets import QLabel, QTableWidget, QTextBrowser

from pingcheng_plugin.core.support import formatting, i18n, paths
from tests.helpers import ROOT
from tests.helpers.common import ui_locale

#: Latin words that must not appear in the Chinese UI: units and English plural nouns. Codes a user types are
#: not words: parts of identifiers (site_atlas), {placeholders} and values quoted as “ha” are left out.
LATIN_IN_CHINESE = re.compile(r"(?<![A-Za-z_{“])(?:ha|km²|km2|m²|hectares?|warnings?|errors?|sites?|features?)"
                              r"(?![A-Za-z_}”])")


@pytest.fixture
def chinese():
    with ui_locale("zh-Hans"):
        translator = i18n.load_translator(paths.i18n_dir())
        yield
        i18n.unload_translator(translator)


@pytest.fixture
def english():
    with ui_locale("en_US"):
        translator = i18n.load_translator(paths.i18n_dir())
        yield
        i18n.unload_translator(translator)


def test_chinese_numbers(chinese):
    assert formatting.area_ha(240.0049) == "240.00 公顷"
    assert formatting.area_ha(1234.5, 1) == "1,234.5 公顷"
    assert formatting.area_km2(248.7) == "248.70 平方千米"
    assert formatting.area_m2(300000.0) == "300,000 平方米"
    assert formatting.money(39400) == "39,400.0 万元"
    assert formatting.money(None) == "—"  # missing is not 0
    assert formatting.share(0.0698) == "7.0%"
    assert formatting.count(3, "warning") == "3 条警告" and formatting.count(1, "site") == "1 个项目图斑"
    assert formatting.joined(["甲", "乙"]) == "甲、乙" and formatting.clauses(["甲", "乙"]) == "甲；乙"


def test_english_numbers(english):
    assert formatting.area_ha(240.0049) == "240.00 ha"
    assert formatting.area_km2(248.7) == "248.70 km²"
    assert formatting.money(39400) == "CNY 394.00 million"
    assert formatting.count(1, "warning") == "1 warning" and formatting.count(2, "warning") == "2 warnings"
    assert formatting.count(1, "site") == "1 site" and formatting.count(0, "error") == "0 errors"
    assert formatting.joined(["a", "b"]) == "a, b"


def test_no_chinese_translation_carries_latin_units_or_plurals():
    """What the catalogue shows a Chinese user: no "ha", "km²" or "warnings" next to Chinese text."""
    tree = ET.parse(ROOT / "i18n" / "pingcheng_zh_CN.ts")
    found = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        texts = [translation.text or ""] + [f.text or "" for f in translation.findall("numerusform")]
        found += [text for text in texts if LATIN_IN_CHINESE.search(text)]
    assert found == []


def test_the_chinese_dock_shows_no_latin_units(chinese, plugin, opened_plan):
    """The plan panel in Chinese, every tab and a details page of each kind, read as the user sees them."""
    dock = plugin.dock
    dock.watcher.refresh_plan()
    dock.watcher.flush_now()
    panel = dock.panel
    texts = []
    model = dock.model

    def walk(parent):
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                texts.append(str(model.data(index) or ""))
                texts.append(str(model.data(index, 3) or ""))  # tooltip
            child = model.index(row, 0, parent)
            if model.canFetchMore(child):  # the site rows, made as when the user expands a type
                model.fetchMore(child)
            walk(child)

    walk(model.index(-1, -1).parent())
    for (kind, code), _items in list(model.entries.items())[:12]:
        dock._show_details(kind, code)
        texts.append(panel.details.toPlainText())
    for fid in list(dock.stats.sites)[:5]:
        dock._show_site_details(fid)
        texts.append(panel.details.toPlainText())
    for widget in dock.findChildren(QLabel):
        texts.append(widget.text())
    for table in dock.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                  if table.item(r, c) is not None]
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    for browser in dock.findChildren(QTextBrowser):
        texts.append(browser.toPlainText())
    assert len(texts) > 50
    assert [t for t in texts if LATIN_IN_CHINESE.search(t)] == []


def test_a_long_message_shows_its_first_sentence_and_keeps_the_rest_behind_show_more(qgis_iface, monkeypatch):
    """A message-bar text longer than a 1366 px bar holds: the first sentence in the bar, all of it in details."""
    from pingcheng_plugin.ui import feedback

    pushed = []
    monkeypatch.setattr(qgis_iface.messageBar(), "pushMessage", lambda *args, **kwargs: pushed.append((args, kwargs)))
    long = "已导入 120 个项目图斑并选中。" + "其余说明" * 40
    feedback.push(qgis_iface, long)
    args, _ = pushed[-1]
    assert args[1] == "已导入 120 个项目图斑并选中。" and args[2] == long  # (title, text, details)
    one_sentence = "保存前校核：“（示意）东南部耕地质量提升工程”（140213-TDZZ-0003）：应填写总投资，" * 3
    feedback.push(qgis_iface, one_sentence)
    shown, details = pushed[-1][0][1], pushed[-1][0][2]
    assert shown.endswith("…") and len(shown) <= feedback.BAR_CHARACTERS + 1 and details == one_sentence
    feedback.push(qgis_iface, "短消息。")
    assert pushed[-1][0][1] == "短消息。" and len(pushed[-1][0]) == 2
