"""Translations: the zh_CN catalogue is complete and current, and QGIS's locale names all load it."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
from qgis.core import QgsSettings

from pingcheng_plugin.core.support import formatting, i18n, paths
from tests.helpers import ROOT

TS = ROOT / "i18n" / "pingcheng_zh_CN.ts"
QM = ROOT / "i18n" / "pingcheng_zh_CN.qm"
EN_TS = ROOT / "i18n" / "pingcheng_en.ts"
EN_QM = ROOT / "i18n" / "pingcheng_en.qm"


def _messages():
    return [m for ctx in ET.parse(TS).getroot() for m in ctx.findall("message")]


def _translated(message) -> bool:
    translation = message.find("translation")
    if translation.get("type") == "unfinished":
        return False
    if message.get("numerus") == "yes":
        return all((form.text or "").strip() for form in translation.findall("numerusform"))
    return bool(translation.text)


def test_every_message_is_translated():
    assert [m.find("source").text for m in _messages() if not _translated(m)] == []


def test_every_plural_has_its_english_forms():
    """English plurals come from Qt's %n forms in pingcheng_en.ts: one and many, for every plural source."""
    plurals = {m.find("source").text for m in _messages() if m.get("numerus") == "yes"}
    english = {m.find("source").text: [f.text for f in m.find("translation").findall("numerusform")]
               for ctx in ET.parse(EN_TS).getroot() for m in ctx.findall("message")}
    assert plurals and set(english) == plurals
    assert all(len(forms) == 2 and all("%n" in form for form in forms) for forms in english.values())


def test_placeholders_survive_translation():
    import re

    for message in _messages():
        source, translation = message.find("source").text, message.find("translation").text
        assert sorted(re.findall(r"{\w+}", source)) == sorted(re.findall(r"{\w+}", translation)), source


def test_catalogue_covers_every_string_in_the_code(tmp_path):
    """pylupdate5 on today's sources finds nothing the committed .ts lacks (run `make i18n` when this fails)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "pingcheng_plugin").rglob("*") if p.suffix in (".py", ".ui"))
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {(ctx.find("name").text, m.find("source").text)
              for ctx in ET.parse(fresh).getroot() for m in ctx.findall("message")}
    have = {(ctx.find("name").text, m.find("source").text)
            for ctx in ET.parse(TS).getroot() for m in ctx.findall("message")}
    assert wanted - have == set()


@pytest.mark.parametrize("ts, qm", [(TS, QM), (EN_TS, EN_QM)])
def test_qm_is_built_from_the_ts(tmp_path, ts, qm):
    built = tmp_path / "check.qm"
    subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(built)], check=True)
    assert built.read_bytes() == qm.read_bytes(), "run `make i18n`"


@pytest.mark.parametrize("qgis_locale_name", ["zh-Hans", "zh_CN", "zh"])
def test_chinese_locales_load_the_translation(qgis_locale_name):
    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", qgis_locale_name)
    try:
        assert i18n.qgis_locale() == "zh_CN"
        assert i18n.ui_language() == "zh"
        translator = i18n.load_translator(paths.i18n_dir())
        assert translator is not None
        try:
            assert i18n.tr("Pingcheng Eco-restoration") == "平城区生态修复"
            assert i18n.tr("Open plan…") == "打开规划…"
        finally:
            i18n.unload_translator(translator)
        assert i18n.tr("Open plan…") == "Open plan…"
    finally:
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")


def test_english_locale_keeps_english():
    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "en_US")
    try:
        assert i18n.ui_language() == "en"
        translator = i18n.load_translator(paths.i18n_dir())  # the English plural forms, nothing else
        assert translator is not None
        try:
            assert i18n.tr("Open plan…") == "Open plan…"
            assert formatting.count(1, "warning") == "1 warning" and formatting.count(3, "warning") == "3 warnings"
        finally:
            i18n.unload_translator(translator)
    finally:
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")


def test_plugin_menu_in_chinese(qgis_iface, qgis_new_project):
    from pingcheng_plugin import classFactory

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh-Hans")
    try:
        plugin = classFactory(qgis_iface)
        plugin.initGui()
        try:
            assert plugin.menu.title() == "平城区生态修复"
            texts = [a.text() for a in plugin.menu.actions() if not a.isSeparator()]
            assert texts[:2] == ["新建规划库…", "打开规划…"] and texts[-1] == "关于"
            assert {"添加项目图斑", "校核全部项目"} <= set(texts)
            from qgis.core import QgsApplication
            algorithm = QgsApplication.processingRegistry().algorithmById("pingcheng:createplan")
            assert algorithm.displayName() == "创建规划库"
            assert "2000国家大地坐标系" in algorithm.shortHelpString()
        finally:
            plugin.unload()
    finally:
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")
