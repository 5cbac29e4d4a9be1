"""Translation: one context for the whole plugin, the UI language from QGIS's locale, and the translator.

Source strings are English; ``i18n/pingcheng_zh_CN.ts`` holds the Chinese. ``pylupdate5`` files a bare
``tr("...")`` call under the ``@default`` context, so :func:`tr` translates in that context.
"""

from __future__ import annotations

import os
from typing import List, Optional

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

_CONTEXT = "@default"


def tr(text: str) -> str:
    """Translate ``text`` (an English source string) into the UI language."""
    return QCoreApplication.translate(_CONTEXT, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pylupdate5 looks for
    """Mark a constant for translation without translating it now; translate it with :func:`tr` when shown."""
    return text


def qgis_locale() -> str:
    """QGIS's effective UI locale as Qt names it ('zh_CN', 'en_US', 'C').

    QGIS stores simplified Chinese as 'zh-Hans'; ``QLocale('zh-Hans').name()`` turns that into 'zh_CN'.
    """
    raw = ""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        raw = settings.value("locale/userLocale", "", type=str)
    if not raw:
        raw = QgsApplication.locale() or QLocale().name()
    return QLocale(raw).name()


def ui_language() -> str:
    """'zh' when QGIS runs in Chinese, else 'en' (the plan's names stay Chinese in both)."""
    return "zh" if qgis_locale().lower().startswith("zh") else "en"


def translation_candidates(i18n_dir: str, locale: str) -> List[str]:
    """The .qm files to try for ``locale``, most specific first: pingcheng_zh_CN.qm, then pingcheng_zh.qm."""
    names = [locale, locale.split("_")[0]]
    return [os.path.join(i18n_dir, f"pingcheng_{n}.qm") for n in dict.fromkeys(names) if n]


def load_translator(i18n_dir: str, locale: Optional[str] = None) -> Optional[QTranslator]:
    """Install the plugin's translator for ``locale`` (default: QGIS's); the caller keeps it to remove it."""
    for path in translation_candidates(i18n_dir, locale or qgis_locale()):
        if os.path.exists(path):
            translator = QTranslator()
            if translator.load(path):
                QCoreApplication.installTranslator(translator)
                return translator
    return None


def unload_translator(translator: Optional[QTranslator]) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
