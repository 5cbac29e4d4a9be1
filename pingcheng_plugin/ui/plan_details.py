"""The plan panel's details pane: what a plan entry (zone, key area, type...) or one site holds, as HTML.

Every value passes through ``core/support/formatting`` (units and plurals in the UI language) and ``html.escape``
(site names and codes are user text).
"""

from __future__ import annotations

import html
from typing import Dict, List, Mapping, Optional, Tuple

from qgis.core import QgsVectorLayer

from ..core.rules.site_rules import plain
from ..core.sites.derive import parse_key_areas
from ..core.sites.plan_stats import UNCLASSIFIED, PlanStatistics, Summary
from ..core.store import schema
from ..core.support import formatting
from ..core.support.i18n import tr
from ..plan import vocabulary
from .plan_tree import entry_name

_NOTE = "<p style='color:#9a6700'>{}</p>"


def entry_html(kind: str, code: str, summary: Summary, stats: PlanStatistics, language: str,
               district_km2: Optional[float], illustrative: bool) -> str:
    e = html.escape
    entry = vocabulary.by_code(kind, code)
    totals = summary.get(kind, code)
    parts = [f"<h3>{e(entry_name(kind, code, language))}</h3>"]
    if entry is not None and language == "en":
        parts.append(f"<p>{e(entry.name_zh)}</p>")
    description = entry.description(language) if entry else None
    if description:
        parts.append(f"<p><i>{e(description)}</i></p>")
    area = stats.areas.get(kind, {}).get(code)
    if area is not None:
        share = stats.district_share(kind, code, district_km2)
        parts.append("<p>" + e(tr("Area: {km2} ({ha}), {share} of the district").format(
            km2=formatting.area_km2(area.area_km2), ha=formatting.area_ha(area.area_km2 * 100, 1),
            share=formatting.share(share))) + "</p>")
    parts.append("<p>" + e(tr("{sites}, {area}, investment {investment}").format(
        sites=formatting.count(totals.count, "site"), area=formatting.area_ha(totals.area_ha),
        investment=formatting.money(totals.investment))) + "</p>")
    if totals.investment_missing:
        parts.append(_NOTE.format(e(tr("{sites} without investment (not counted as 0)").format(
            sites=formatting.count(totals.investment_missing, "site")))))
    phases = []
    for phase in vocabulary.PHASES:
        count, investment = totals.phase(phase.code)
        phases.append(tr("{phase} ({first}–{last}): {sites}, {investment}").format(
            phase=phase.name(language), first=phase.first_year, last=phase.last_year,
            sites=formatting.count(count, "site"), investment=formatting.money(investment)))
    parts.append("<p>" + e(" · ".join(phases)) + "</p>")
    undated = totals.phase(UNCLASSIFIED)[0]
    if undated:
        parts.append(_NOTE.format(e(tr("{sites} without a valid start year").format(
            sites=formatting.count(undated, "site")))))
    if illustrative and kind != "project_type":
        parts.append(_NOTE.format(e(tr("Boundary illustrative (示意): the plan publishes no geometry for it."))))
    return "".join(parts)


def site_record(sites: Optional[QgsVectorLayer], fid: int) -> Dict[str, object]:
    """The site's attributes by field name, read from its layer when the details are shown (the statistics keep
    only what the totals need)."""
    feature = sites.getFeature(fid) if sites is not None else None
    if feature is None or not feature.isValid():
        return {}
    return {field.name(): feature[field.name()] for field in feature.fields()}


def _record_rows(record: Mapping[str, object], language: str) -> List[Tuple[str, str]]:
    """The site's recorded fields (规划附表 columns), each labelled with its field alias in the UI language; an
    empty field is left out, except the funding split, shown when any source is given."""
    def text(name: str) -> Optional[str]:
        value = plain(record.get(name))
        return None if value is None or str(value).strip() == "" else str(value)

    def label(name: str) -> str:
        spec = schema.SITES.field(name)
        return spec.alias_en if language == "en" else spec.alias_zh

    rows: List[Tuple[str, str]] = []
    status = text("status")
    if status is not None:
        rows.append((label("status"), entry_name("status", status, language)))
    place = "".join(v for v in (text("location_town"), text("location_village")) if v)
    if place:
        rows.append((tr("Location"), place))
    modes = {code: (en if language == "en" else zh) for code, zh, en in schema.RESTORATION_MODES}
    chosen = parse_key_areas(text("restoration_modes"))
    if chosen:
        rows.append((label("restoration_modes"), formatting.joined(modes.get(c, c) for c in chosen)))
    for name in ("eco_problems", "targets", "responsible_unit", "parent_project"):
        if text(name) is not None:
            rows.append((label(name), text(name)))
    if any(text(name) is not None for name in schema.FUNDING_FIELDS):
        for name in schema.FUNDING_FIELDS:
            amount = plain(record.get(name))
            rows.append((label(name), formatting.money(float(amount), 2) if amount is not None else "–"))
    return rows


def site_html(site, language: str, record: Optional[Mapping[str, object]] = None) -> str:
    """One site (``plan_stats.SiteFacts``): code, type, zone, key areas, area, investment, phase; with ``record``
    (the site's attributes by field name) also its status, place, modes, problems, targets, funding split,
    responsible unit and higher-level project."""
    e = html.escape
    keys = formatting.joined(entry_name("key_area", k, language) for k in sorted(site.key_areas)) or "–"
    rows = [(tr("Code"), site.code or "–"),
            (tr("Type"), entry_name("project_type", site.type_code, language)),
            (tr("Zone"), entry_name("zone", site.zone_code, language)), (tr("Key areas"), keys),
            (tr("Area (ellipsoidal)"), formatting.area_ha(site.area_ha, 4)),
            (tr("Investment"), formatting.money(site.investment) if site.investment is not None else tr("missing")),
            (tr("Phase"), entry_name("phase", site.phase, language))]
    rows += _record_rows(record or {}, language)
    body = "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows)
    return f"<h3>{e(site.name or tr('(no name)'))}</h3><table>{body}</table>"
