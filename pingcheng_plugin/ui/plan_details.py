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
from ..core.store import control_details, control_schema, schema
from ..core.store.control_details import SiteControlDetails
from ..core.support import formatting
from ..core.support.i18n import tr
from ..plan import vocabulary
from .plan_tree import entry_name

_NOTE = "<p style='color:#9a6700'>{}</p>"
#: The site field holding the 生态保护红线 justification (plans of schema 5 on; older ones keep it in a side table).
JUSTIFICATION_FIELD = "redline_justification"


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


def _control_title(kind: str, language: str) -> str:
    return control_schema.TITLES_ZH[kind] if language == "zh" else tr(control_schema.TITLES_EN[kind])


def _table(rows: List[Tuple[str, str]]) -> str:
    e = html.escape
    return "<table>" + "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows) + "</table>"


def controls_html(details: SiteControlDetails, language: str, justification: Optional[str]) -> str:
    """The site's control results: area (ha) and names in each imported control layer, its land classes with area
    and share (the dominant one marked) and, when it lies in the 生态保护红线, whether a justification is given."""
    e = html.escape
    title = control_schema.GROUP_TITLE_ZH if language == "zh" else tr(control_schema.GROUP_TITLE_EN)
    rows: List[Tuple[str, str]] = []
    for kind in details.kinds:
        if kind == "landuse":
            continue
        row = details.controls.get(kind)
        if row is None or row.area_ha <= 0:
            rows.append((_control_title(kind, language), tr("not touched")))
            continue
        text = tr("{area} ({share} of the site)").format(area=formatting.area_ha(row.area_ha, 4),
                                                          share=formatting.share(row.share))
        rows.append((_control_title(kind, language), text + (": " + formatting.joined(row.names) if row.names
                                                             else "")))
    parts = [f"<h4>{e(title)}</h4>"]
    if rows:
        parts.append(_table(rows))
    if "redline" in details.kinds and "redline" in details.controls:
        if justification:
            parts.append("<p>" + e(tr("Justification for the red line: {text}").format(text=justification)) + "</p>")
        else:
            parts.append(_NOTE.format(e(tr("Justification for the red line: missing; a site in the ecological "
                                           "protection red line needs one."))))
    if "landuse" in details.kinds:
        classes = [(" ".join(v for v in (c.dlbm or tr("unknown code"), c.dlmc or c.group_name or "") if v),
                    tr("{area} ({share})").format(area=formatting.area_ha(c.area_ha, 4),
                                                  share=formatting.share(c.share))
                    + (" " + tr("dominant") if c.dominant else "")) for c in details.land_classes]
        parts.append(f"<p><b>{e(tr('Land classes'))}</b></p>")
        parts.append(_table(classes) if classes else "<p>" + e(tr("No land survey parcel under the site.")) + "</p>")
        dominant = next((c for c in details.land_classes if c.dominant), None)
        if dominant is not None:
            parts.append("<p>" + e(tr("Dominant land class: {code} {name}").format(
                code=dominant.dlbm or tr("unknown code"), name=dominant.dlmc or dominant.group_name or "")) + "</p>")
    return "".join(parts)


def site_html(site, language: str, record: Optional[Mapping[str, object]] = None,
              controls: Optional[SiteControlDetails] = None) -> str:
    """One site (``plan_stats.SiteFacts``): code, type, zone, key areas, area, investment, phase; with ``record``
    (the site's attributes by field name) also its status, place, modes, problems, targets, funding split,
    responsible unit and higher-level project; with ``controls`` its control results (:func:`controls_html`)."""
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
    text = f"<h3>{e(site.name or tr('(no name)'))}</h3><table>{body}</table>"
    if controls is not None:
        justification = site_justification(record or {})
        text += controls_html(controls, language, justification)
    return text


def site_justification(record: Mapping[str, object]) -> Optional[str]:
    """The red-line justification typed in the site's own field (None when empty)."""
    value = plain(record.get(JUSTIFICATION_FIELD))
    text = "" if value is None else str(value).strip()
    return text or None


def site_controls(plan_path: str, site) -> Optional[SiteControlDetails]:
    """The site's control results, read once per selection (its rows only)."""
    return control_details.site_control_details(plan_path, site.fid)
