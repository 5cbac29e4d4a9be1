"""Importing a control layer of the bureau (生态保护红线, 永久基本农田, 城镇开发边界, 自然保护地, or the land survey's
地类图斑 DLTB) into a plan, replacing that kind's previous import.

The source is read like a site file (any format, encoding and CRS the site import reads, reprojected to the plan's);
invalid polygons are repaired and counted, never dropped; a feature that cannot become a polygon in the district
(a point, a line, one far away) stops the import, named. For DLTB the 地类编码 (DLBM) is checked against
GB/T 21010-2017 and the 三调 工作分类 (:mod:`.land_classes`): empty and unknown codes are listed and kept as
unknown. How much of the district the layer covers is reported. The analysis writes nothing; :meth:`commit` writes
the layer, its register row and every site's results in one transaction (:func:`..store.control_data.write_import`).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsGeometry, QgsProject

from ..controls import land_classes, results
from ..sites import areas
from ..sites.overlay import SHAPELY2, to_shapely, to_shapely_many, wkb_of
from ..store import (
    base_group,
    control_data,
    control_project,
    control_schema,
    plan_check,
    plan_data,
    plan_layer_writer,
    plan_project,
    schema,
)
from ..support.errors import InvalidInputError, PingchengError, PlanFileError
from ..support.gdalutil import gdal_quiet
from ..support.i18n import tr
from ..support.progress import Progress, report
from . import readers
from .geometry import GeometryConverter
from .source_job import SourceJob, SourceOptions

#: Source fields that usually hold a control polygon's name or code (first match, case ignored).
NAME_GUESSES = ("name", "名称", "MC", "ZRBHDMC", "BHDMC", "保护地名称", "HXMC", "红线名称", "QYMC", "区域名称")
CODE_GUESSES = ("code", "编码", "BM", "ZRBHDBM", "BHDBM", "BSM", "标识码", "TBBH", "图斑编号", "HXBH", "DM", "代码")
DLBM_GUESSES = ("DLBM", "地类编码")
DLMC_GUESSES = ("DLMC", "地类名称")
#: A land survey covering less of the district than this is reported (parcels leave no gaps).
LANDUSE_COVERAGE_WARNING = 0.995
_LISTED = 10  # features named in a message, then "and N more"


def kind_label(kind: str) -> str:
    return tr(control_schema.TITLES_EN[kind])


def check_kind(kind: str) -> str:
    if kind not in control_schema.KINDS:
        raise InvalidInputError(tr("Unknown control layer “{kind}”; use one of {kinds}.").format(
            kind=kind, kinds=", ".join(control_schema.KINDS)))
    return kind


def find_field(names: Sequence[str], guesses: Sequence[str]) -> Optional[str]:
    """The first of ``guesses`` that ``names`` has, case ignored."""
    folded = {n.casefold(): n for n in names}
    return next((folded[g.casefold()] for g in guesses if g.casefold() in folded), None)


def _listed(items: Sequence[str]) -> str:
    more = len(items) - _LISTED
    return "; ".join(items[:_LISTED]) + (tr(" and {count} more").format(count=more) if more > 0 else "")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


@dataclass
class ControlPreview:
    kind: str
    features: List[Tuple[Dict[str, object], QgsGeometry]]  # stored values and geometry (storage CRS)
    fixed: int
    coverage: Optional[float]  # share of the district covered, 0-1 (None: the plan has no boundary)
    unknown_codes: List[str]
    warnings: List[str]  # translated
    notes: List[str] = field(default_factory=list)

    def summary(self) -> str:
        return tr("{layer}: {count} polygons will replace the plan's current ones ({fixed} repaired).").format(
            layer=kind_label(self.kind), count=len(self.features), fixed=self.fixed)


@dataclass
class ControlResult:
    imported: int
    fixed: int
    sites_in_layer: int
    warnings: List[str]


class ControlLayerImport(SourceJob):
    def __init__(self, plan_path: str, kind: str, source_path: str, options: Optional[SourceOptions] = None):
        plan_check.check_plan(plan_path)
        self.plan_path = plan_path
        self.kind = check_kind(kind)
        self.source_path = source_path
        self.options = options or SourceOptions()
        self.district_box = plan_data.district_box(plan_path)
        self.source: Optional[readers.Source] = None
        self.decision = None
        self._preview: Optional[ControlPreview] = None
        self.reopen()

    def _source_changed(self) -> None:
        self._preview = None

    @gdal_quiet
    def analyse(self, progress: Progress = None) -> ControlPreview:
        """Read, convert and check every feature; raises InvalidInputError (naming the features) for what cannot
        be imported. Writes nothing."""
        self.check_ready()
        names = self.source.field_names()
        layer = kind_label(self.kind)
        dlbm_field = dlmc_field = None
        if self.kind == "landuse":
            dlbm_field, dlmc_field = find_field(names, DLBM_GUESSES), find_field(names, DLMC_GUESSES)
            if dlbm_field is None:
                raise InvalidInputError(tr("{path} has no land class code field (DLBM or 地类编码) for {layer}; its "
                                           "fields are: {fields}. Nothing was imported.").format(
                    path=self.source_path, layer=layer, fields=", ".join(names) or tr("none")))
        name_field, code_field = find_field(names, NAME_GUESSES), find_field(names, CODE_GUESSES)
        converter = GeometryConverter(self.decision.crs, self.decision.swap, True, self.district_box)
        calculator = areas.distance_area()
        features, problems, repaired, empty_codes = [], [], [], []
        unknown: Dict[str, int] = {}
        for number, feature in enumerate(self.source.features(), start=1):
            if number % 500 == 0:
                report(progress, 10.0)
            converted = converter.convert_feature(feature, problems)
            if converted is None:
                continue
            if any(code == "IMPORT_REPAIRED" for code, _detail in converted.warnings):
                repaired.append(feature.label)
            values = {"name": _text(feature.attributes.get(name_field)) if name_field else "",
                      "code": _text(feature.attributes.get(code_field)) if code_field else "",
                      "source_feature": feature.label,
                      "area_ha": round(calculator.measureArea(converted.geometry) / areas.M2_PER_HA, 6)}
            if self.kind == "landuse":
                raw = feature.attributes.get(dlbm_field)
                land = land_classes.lookup(raw, feature.attributes.get(dlmc_field) if dlmc_field else None)
                if not land.code:
                    empty_codes.append(feature.label)
                elif not land.known:
                    unknown[land.code] = unknown.get(land.code, 0) + 1
                source_name = _text(feature.attributes.get(dlmc_field)) if dlmc_field else ""
                values.update(dlbm=land.code or None, dlmc=source_name or land.name or None, class_group=land.group,
                              group_name=land.group_name, known=land.known)
                values["name"] = values["name"] or values["dlmc"] or ""
            features.append((values, converted.geometry))
        if problems:
            raise InvalidInputError(tr("{path} cannot be imported as {layer}: {problems}. Nothing was imported.")
                                    .format(path=self.source_path, layer=layer, problems=_listed(problems)))
        if not features:
            raise InvalidInputError(tr("{path} contains no features (the layer is empty).").format(
                path=self.source_path))
        warnings = []
        if repaired:
            warnings.append(tr("{count} invalid polygons of {layer} were repaired (kept, not dropped): {features}.")
                            .format(count=len(repaired), layer=layer, features=_listed(repaired)))
        if empty_codes:
            warnings.append(tr("{count} parcels have no land class code (DLBM) and are kept as unknown: {features}.")
                            .format(count=len(empty_codes), features=_listed(empty_codes)))
        if unknown:
            codes = [f"{code} ({count})" for code, count in sorted(unknown.items())]
            warnings.append(tr("{count} parcels have land class codes that are not in GB/T 21010-2017 or the third "
                               "land survey's classification and are kept as unknown: {codes}.").format(
                count=sum(unknown.values()), codes=_listed(codes)))
        coverage = self._coverage([g for _v, g in features])
        if coverage is not None:
            warnings += self._coverage_warnings(coverage)
        self._preview = ControlPreview(self.kind, features, len(repaired), coverage, sorted(unknown), warnings,
                                       list(self.source.notes) + list(self.decision.notes))
        return self._preview

    def _coverage(self, geometries: Sequence[QgsGeometry]) -> Optional[float]:
        """The share of the district inside the layer's polygons (overlapping polygons counted once)."""
        parts = [g for _c, g in plan_layer_writer.coded_items(self.plan_path, schema.BOUNDARY.table)]
        district = to_shapely(QgsGeometry.unaryUnion(parts)) if parts else None
        if district is None or district.area <= 0:
            return None
        from shapely.ops import unary_union

        from ..sites.overlay import valid

        shapes = [valid(s) for s in to_shapely_many(list(geometries)) if s is not None]
        inside = [s.intersection(district) for s in shapes if s.intersects(district)]
        covered = unary_union(inside).area if inside else 0.0
        return min(1.0, covered / district.area)

    def _coverage_warnings(self, coverage: float) -> List[str]:
        layer = kind_label(self.kind)
        if coverage <= 0:
            return [tr("{layer} from {path} does not reach the district boundary anywhere: check its coordinate "
                       "system.").format(layer=layer, path=self.source_path)]
        if self.kind == "landuse" and coverage < LANDUSE_COVERAGE_WARNING:
            return [tr("The land survey parcels cover {share} % of the district; land classes of sites in the gap "
                       "are unknown.").format(share=f"{100 * coverage:.2f}")]
        return []

    @gdal_quiet
    def commit(self, progress: Progress = None) -> ControlResult:
        preview = self._preview
        if preview is None:
            raise InvalidInputError(tr("Preview the import before writing it."))
        sites = results.read_sites(self.plan_path)
        geometries = [g for _v, g in preview.features]
        # shapely 1.8 decodes WKB straight into GEOS (see site_overlay.ControlSet)
        columns = results.label_columns(self.kind)
        controls = results.control_set(self.kind, ([v.get(c) for c in columns]
                                                   for v, _g in preview.features),
                                       to_shapely_many(geometries) if SHAPELY2 else [wkb_of(g) for g in geometries])
        report(progress, 60)
        kind_rows, land_rows = results.rows_for(self.kind, controls, sites, results.read_config(self.plan_path))
        register = {"kind": self.kind, "title": control_schema.TITLES_ZH[self.kind],
                    "source_file": os.path.abspath(self.source_path),
                    "imported_at": datetime.datetime.now().replace(microsecond=0),
                    "features": len(preview.features), "fixed": preview.fixed,
                    "unknown_codes": "、".join(preview.unknown_codes) or None,
                    "coverage_pct": None if preview.coverage is None else round(100 * preview.coverage, 3),
                    "source_crs": self.decision.crs.authid() if self.decision and self.decision.crs else None,
                    "encoding": self.source.encoding.encoding}
        report(progress, 80)
        control_data.write_import(self.plan_path, self.kind, preview.features, register, kind_rows, land_rows)
        self._preview = None
        warnings = list(preview.warnings)
        try:  # the stored project shows the new layer in its 管控图层 group; the data is committed either way
            self._show_in_project()
        except PingchengError as error:
            warnings.append(error.message)
        return ControlResult(len(preview.features), preview.fixed, len(kind_rows.site_fids()),
                             warnings)

    def _show_in_project(self) -> None:
        project = QgsProject()
        plan_project.read_plan_project(self.plan_path, project)
        control_project.replace_control_group(project, self.plan_path, base_group.BASE_GROUP_ZH)
        if not project.write(plan_project.project_uri(self.plan_path)):
            raise PlanFileError(tr("The QGIS project cannot be stored in {path}: {error}").format(
                path=self.plan_path, error=project.error()))
        project.clear()

    def close(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None
