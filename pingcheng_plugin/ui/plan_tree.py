"""The tree of the plan panel: 总体布局, 生态修复分区, 重点区域, 重点工程 and the sites under each type.

Built once per plan from the vocabulary; afterwards only texts and the changed site rows are updated, so a
site edit never rebuilds the tree. Site rows are made when their type is first expanded or searched.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Set, Tuple

from qgis.PyQt.QtCore import QModelIndex, QSortFilterProxyModel, Qt
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
        self.site_items: Dict[int, QStandardItem] = {}  # the site rows made so far, by fid
        self._facts: Dict[int, SiteFacts] = {}  # every site of the plan, by fid
        self._by_type: Dict[str, Set[int]] = {}
        self._fetched: Set[str] = set()  # types whose site rows are made
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
        self._by_type = {code: set() for code in self.type_items}

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
    # A plan may hold 100,000 sites: their rows are made only when their type is expanded or searched (Qt's
    # canFetchMore/fetchMore, which QTreeView calls on expanding), so opening a plan builds no site row at all.
    # Until then a type keeps its sites' facts only.
    def set_sites(self, sites: Iterable[SiteFacts]) -> None:
        for code in self._fetched:
            item = self.type_items[code]
            item.removeRows(0, item.rowCount())
        self.site_items.clear()
        self._fetched.clear()
        self._facts.clear()
        self._by_type = {code: set() for code in self.type_items}
        for site in sites:
            self._facts[site.fid] = site
            self._by_type[site.type_code].add(site.fid)
        self._show_unclassified()
        self._children_known()

    def update_sites(self, changed: Iterable[SiteFacts], deleted: Iterable[int]) -> None:
        empty_before = {code for code, fids in self._by_type.items() if not fids}
        moved: List[SiteFacts] = []
        for fid in deleted:
            self._remove_site(fid)
        for site in changed:
            old = self._facts.get(site.fid)
            if old is not None and old.type_code == site.type_code:
                self._facts[site.fid] = site
                item = self.site_items.get(site.fid)
                if item is not None:
                    self._label_site(item, site)
            else:
                self._remove_site(site.fid)
                moved.append(site)
        for site in sorted(moved, key=_order):  # new rows of an expanded type join in the tree's order
            self._add_site(site)
        self._show_unclassified()
        if empty_before != {code for code, fids in self._by_type.items() if not fids}:
            self._children_known()  # a collapsed type gained its first site or lost its last: its arrow changes

    def site_fids(self, type_code: str) -> List[int]:
        """The sites under a type in the order the tree shows them (by code, then name)."""
        return sorted(self._by_type.get(type_code, ()), key=lambda fid: _order(self._facts[fid]))

    def site_item(self, fid: int) -> Optional[QStandardItem]:
        """The row of one site, made (with its type's other rows) if not made yet."""
        site = self._facts.get(fid)
        if site is None:
            return None
        self._fetch(site.type_code)
        return self.site_items.get(fid)

    def first_match(self, text: str) -> Optional[int]:
        """The first site, in the tree's order, whose name or code contains ``text`` (casefolded)."""
        for code in self.type_items:
            for fid in self.site_fids(code):
                if text in _search_key(self._facts[fid]):
                    return fid
        return None

    def fetch_matching(self, text: str) -> None:
        """Make the rows of every type that holds a site matching ``text``: the search filters rows, so the
        matches must have theirs."""
        for code, fids in self._by_type.items():
            if code not in self._fetched and any(text in _search_key(self._facts[fid]) for fid in fids):
                self._fetch(code)

    # Qt's lazy population: a type with sites has children before their rows exist
    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        code = self._unfetched_type(parent)
        return bool(self._by_type.get(code)) if code is not None else super().hasChildren(parent)

    def canFetchMore(self, parent) -> bool:  # noqa: N802 - Qt's name
        code = self._unfetched_type(parent)
        return code is not None and bool(self._by_type.get(code))

    def fetchMore(self, parent) -> None:  # noqa: N802 - Qt's name
        code = self._unfetched_type(parent)
        if code is not None:
            self._fetch(code)

    def _unfetched_type(self, parent) -> Optional[str]:
        if not parent.isValid() or parent.column() != 0 or parent.data(KIND_ROLE) != "project_type":
            return None
        code = parent.data(CODE_ROLE)
        return code if code in self.type_items and code not in self._fetched else None

    def _fetch(self, code: str) -> None:
        if code in self._fetched:
            return
        self._fetched.add(code)
        parent = self.type_items[code]
        for fid in self.site_fids(code):
            self._append_row(parent, self._facts[fid])

    def _children_known(self) -> None:
        """Views and the search proxy ask again which collapsed types have children."""
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    def _add_site(self, site: SiteFacts) -> None:
        self._facts[site.fid] = site
        self._by_type[site.type_code].add(site.fid)
        if site.type_code in self._fetched:
            self._append_row(self.type_items[site.type_code], site)

    def _append_row(self, parent: QStandardItem, site: SiteFacts) -> None:
        # every text set before the row joins the model: a change after would be one itemChanged signal each
        row = self._row("", "site", site.code)
        row[0].setData(site.fid, FID_ROLE)
        self._label_site(row[0], site, row)
        parent.appendRow(row)
        self.site_items[site.fid] = row[0]

    def _label_site(self, item: QStandardItem, site: SiteFacts, row: Optional[List[QStandardItem]] = None) -> None:
        name = site.name or tr("(no name)")
        item.setText(name)
        item.setToolTip(f"{name}\n{site.code}" if site.code else name)
        item.setData(_search_key(site), SEARCH_ROLE)
        item.setData(site.code, CODE_ROLE)
        if row is None:
            parent = item.parent()
            row = [parent.child(item.row(), column) for column in range(len(COLUMNS))]
        row[CODE].setText(site.code or "")
        row[INVESTMENT].setText(money_short(site.investment) if site.investment is not None else "–")

    def _remove_site(self, fid: int) -> None:
        site = self._facts.pop(fid, None)
        if site is not None:
            self._by_type[site.type_code].discard(fid)
        item = self.site_items.pop(fid, None)
        if item is not None and item.parent() is not None:
            item.parent().removeRow(item.row())

    def _show_unclassified(self) -> None:
        """The 未分类 bucket only appears when some site has no valid type."""
        item = self.type_items[UNCLASSIFIED]
        item.setEnabled(bool(self._by_type.get(UNCLASSIFIED)))


def _order(site: SiteFacts) -> Tuple[str, str]:
    return site.code or "", site.name or ""


def _search_key(site: SiteFacts) -> str:
    return f"{site.name or ''} {site.code or ''}".casefold()


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
