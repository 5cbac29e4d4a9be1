"""The tree of the plan panel: 总体布局, 生态修复分区, 重点区域, 重点工程 and the sites under each type.

Built once per plan from the vocabulary; afterwards only texts and the changed site rows are updated, so a
site edit never rebuilds the tree.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from qgis.PyQt.QtCore import QSortFilterProxyModel, Qt
from qgis.PyQt.QtGui import QStandardItem, QStandardItemModel

from ..core.sites.plan_stats import UNCLASSIFIED, SiteFacts, Summary, Totals
from ..core.support import formatting
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from ..plan import vocabulary

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
FID_ROLE = Qt.ItemDataRole.UserRole + 3
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4

#: (section key, title, [(group title or None, kind)])
SECTIONS = (
    ("layout", QT_TRANSLATE_NOOP("@default", "Overall layout"),
     ((QT_TRANSLATE_NOOP("@default", "Two corridors"), "corridor"), (QT_TRANSLATE_NOOP("@default", "Two barriers"),
                                                                      "barrier"),
      (QT_TRANSLATE_NOOP("@default", "Four zones"), "zone"))),
    ("zones", QT_TRANSLATE_NOOP("@default", "Restoration zones"), ((None, "zone"),)),
    ("key_areas", QT_TRANSLATE_NOOP("@default", "Key areas"), ((None, "key_area"),)),
    ("projects", QT_TRANSLATE_NOOP("@default", "Key projects"), ((None, "project_type"),)),
)
COLUMNS = (QT_TRANSLATE_NOOP("@default", "Name"), QT_TRANSLATE_NOOP("@default", "Sites"),
           QT_TRANSLATE_NOOP("@default", "CNY 10k"), QT_TRANSLATE_NOOP("@default", "Code"))
#: Column positions of the tree: names whole first, the figures beside them, the project code last (scrolled to
#: in a narrow dock, and in every site's tooltip).
NAME, COUNT, INVESTMENT, CODE = range(4)


def money_short(value: float) -> str:
    """万元 without decimals, for the narrow tree columns (the details pane shows one decimal)."""
    return f"{value:,.0f}"


def entry_name(kind: str, code: str, language: str) -> str:
    if code == UNCLASSIFIED:
        return tr("Unclassified")
    entry = vocabulary.by_code(kind, code)
    return entry.name(language) if entry else code


class PlanTreeModel(QStandardItemModel):
    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.entries: Dict[Tuple[str, str], List[QStandardItem]] = {}  # (kind, code) -> name items (zones: 2)
        self.type_items: Dict[str, QStandardItem] = {}
        self.site_items: Dict[int, QStandardItem] = {}
        self._site_type: Dict[int, str] = {}
        self._build()

    # --- structure -----------------------------------------------------------------------------------------
    def _row(self, text: str, kind: Optional[str] = None, code: Optional[str] = None,
             checkable: bool = False) -> List[QStandardItem]:
        name = QStandardItem(text)
        name.setData(kind, KIND_ROLE)
        name.setData(code, CODE_ROLE)
        if checkable:
            name.setCheckable(True)
            name.setCheckState(Qt.CheckState.Checked)
        name.setToolTip(text)  # the full name wherever the column cuts it
        count, investment, code_item = QStandardItem(""), QStandardItem(""), QStandardItem("")
        for item in (count, investment, code_item):
            item.setData(kind, KIND_ROLE)
            item.setData(code, CODE_ROLE)
        for item in (count, investment):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [name, count, investment, code_item]

    def _build(self) -> None:
        root = self.invisibleRootItem()
        for _key, title, groups in SECTIONS:
            section = self._row(tr(title))
            root.appendRow(section)
            for group_title, kind in groups:
                parent = section[0]
                if group_title is not None:
                    group = self._row(tr(group_title))
                    parent.appendRow(group)
                    parent = group[0]
                for entry in vocabulary.entries(kind):
                    row = self._row(entry.name(self.language), kind, entry.code, checkable=True)
                    row[0].setToolTip(f"{entry.name_zh}\n{entry.name_en}")
                    parent.appendRow(row)
                    self.entries.setdefault((kind, entry.code), []).append(row[0])
                    if kind == "project_type":
                        self.type_items[entry.code] = row[0]
        unclassified = self._row(tr("Unclassified"), "project_type", UNCLASSIFIED)
        self.type_items[UNCLASSIFIED] = unclassified[0]
        self.entries[("project_type", UNCLASSIFIED)] = [unclassified[0]]
        self.invisibleRootItem().child(len(SECTIONS) - 1).appendRow(unclassified)

    def entry_keys(self) -> List[Tuple[str, str]]:
        """Distinct (kind, code) entries of the plan (the 未分类 bucket is not one)."""
        return [key for key in self.entries if key[1] != UNCLASSIFIED]

    # --- figures ---------------------------------------------------------------------------------------------
    def set_figures(self, summary: Summary) -> None:
        """Counts and investment of every entry (section and group rows stay blank: a site counts in several)."""
        for (kind, code), items in self.entries.items():
            totals = summary.get(kind, code)
            for item in items:
                self._set_totals(item, totals)

    def _set_totals(self, item: QStandardItem, totals: Totals) -> None:
        parent = item.parent() or self.invisibleRootItem()
        row = item.row()
        parent.child(row, COUNT).setText(str(totals.count) if totals.count else "–")
        # no site with an investment: a dash, not 0 (the * says some are missing)
        text = money_short(totals.investment) if totals.investment_known else "–"
        cell = parent.child(row, INVESTMENT)
        if totals.investment_missing:
            text += " *"
            cell.setToolTip(tr("* {sites} without investment are not counted").format(
                sites=formatting.count(totals.investment_missing, "site")))
        else:
            cell.setToolTip("")
        cell.setText(text)

    # --- sites under their type --------------------------------------------------------------------------------
    def set_sites(self, sites: Iterable[SiteFacts]) -> None:
        for item in self.type_items.values():
            item.removeRows(0, item.rowCount())
        self.site_items.clear()
        self._site_type.clear()
        for site in sorted(sites, key=lambda s: (s.code or "", s.name or "")):
            self._append_site(site)
        self._show_unclassified()

    def update_sites(self, changed: Iterable[SiteFacts], deleted: Iterable[int]) -> None:
        for fid in deleted:
            self._remove_site(fid)
        for site in changed:
            if self._site_type.get(site.fid) == site.type_code:
                self._label_site(self.site_items[site.fid], site)
            else:
                self._remove_site(site.fid)
                self._append_site(site)
        self._show_unclassified()

    def _append_site(self, site: SiteFacts) -> None:
        row = self._row("", "site", site.code)
        row[0].setData(site.fid, FID_ROLE)
        self._label_site(row[0], site)
        self.type_items[site.type_code].appendRow(row)
        row[CODE].setText(site.code or "")
        row[INVESTMENT].setText(money_short(site.investment) if site.investment is not None else "–")
        self.site_items[site.fid] = row[0]
        self._site_type[site.fid] = site.type_code

    def _label_site(self, item: QStandardItem, site: SiteFacts) -> None:
        name = site.name or tr("(no name)")
        item.setText(name)
        item.setToolTip(f"{name}\n{site.code}" if site.code else name)
        item.setData(f"{site.name or ''} {site.code or ''}".casefold(), SEARCH_ROLE)
        item.setData(site.code, CODE_ROLE)
        parent = item.parent()
        if parent is not None:
            parent.child(item.row(), CODE).setText(site.code or "")
            parent.child(item.row(), INVESTMENT).setText(money_short(site.investment) if site.investment is not None
                                                         else "–")

    def _remove_site(self, fid: int) -> None:
        item = self.site_items.pop(fid, None)
        self._site_type.pop(fid, None)
        if item is not None and item.parent() is not None:
            item.parent().removeRow(item.row())

    def _show_unclassified(self) -> None:
        """The 未分类 bucket only appears when some site has no valid type."""
        item = self.type_items[UNCLASSIFIED]
        item.setEnabled(item.rowCount() > 0)


class SiteSearchProxy(QSortFilterProxyModel):
    """Shows everything when the search is empty; else only sites whose name or code contains the text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        if hasattr(self, "setRecursiveFilteringEnabled"):
            self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        self.text = text.strip().casefold()
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt's name
        if not self.text:
            return True
        index = self.sourceModel().index(row, 0, parent)
        key = index.data(SEARCH_ROLE)
        return bool(key) and self.text in key
