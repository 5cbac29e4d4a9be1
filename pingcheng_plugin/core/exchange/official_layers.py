"""Official plan layers in place of the illustrative (示意) ones: district boundary, corridors, barriers, zones and
key areas.

The plan publishes names, not geometry, so a new plan carries illustrative shapes; the bureau's official
boundaries replace them here. Each source feature is matched to a plan entry by code or by Chinese (or English)
name through :func:`...plan.vocabulary.find_by_name` (or, for the boundary, by the admin code 140213 or the name
平城区); an unknown code or name refuses the whole import, naming it. Features of one entry are merged. Imported
entries keep the plan's code and names, get ``illustrative = 0``, their source and a fresh ellipsoidal
``area_km2``. Entries missing from the file keep their current geometry (or are removed on request).

Everything happens in one GDAL transaction: the layer's rows are replaced and every site's derived fields
(zone, zone shares, key areas, areas, phase) are recomputed against the new layers, or nothing changes.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsGeometry

from ...plan import vocabulary
from ..sites import areas
from ..sites.overlay import to_shapely_many, valid
from ..store import plan_check, plan_data, plan_layer_writer, schema
from ..store.plan_settings import read_config
from ..support.errors import InvalidInputError
from ..support.gdalutil import gdal_quiet
from ..support.i18n import tr
from ..support.progress import Progress, report
from . import crs as crs_module
from . import readers
from .geometry import GeometryConverter
from .official_kinds import KIND_LABELS as KIND_LABELS
from .official_kinds import KINDS as KINDS
from .source_job import SourceJob, SourceOptions

#: Source fields that usually hold a plan code or name, tried first (then every other field).
MATCH_GUESSES = ("code", "编码", "BM", "DM", "代码", "XZQDM", "XZQHDM", "行政区代码", "行政区划代码", "name", "名称",
                 "MC", "XZQMC", "行政区名称", "分区名称", "FQMC", "Name", "Text", "Layer")
#: The boundary's area may differ this much from the plan's 231.64 km² before a warning.
BOUNDARY_AREA_TOLERANCE = 0.02


def spec_for(kind: str) -> schema.LayerSpec:
    if kind == "boundary":
        return schema.BOUNDARY
    if kind not in schema.LAYER_FOR_KIND:
        raise InvalidInputError(tr("Unknown plan layer “{kind}”; use one of {kinds}.").format(
            kind=kind, kinds=", ".join(KINDS)))
    return schema.LAYER_FOR_KIND[kind]


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS[kind])


_DISTRICT = vocabulary.PlanEntry(vocabulary.DISTRICT_ADMIN_CODE, vocabulary.DISTRICT_NAME_ZH,
                                 vocabulary.DISTRICT_NAME_EN)


def resolve(kind: str, value: object) -> Optional[vocabulary.PlanEntry]:
    """The plan entry a source value names: its code, Chinese or English name (spaces and case ignored)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if kind == "boundary":
        compact = "".join(text.split())
        if compact in (vocabulary.DISTRICT_ADMIN_CODE, vocabulary.DISTRICT_NAME_ZH,
                       vocabulary.CITY_NAME_ZH + vocabulary.DISTRICT_NAME_ZH) or \
                compact.casefold() in (vocabulary.DISTRICT_NAME_EN.replace(" ", "").casefold(), "pingcheng"):
            return _DISTRICT
        if compact.startswith(vocabulary.DISTRICT_ADMIN_CODE) and compact[6:].strip("0") == "":
            return _DISTRICT  # 140213000000: the 12-digit form of the admin code
        return None
    return vocabulary.find_by_name(kind, text)


@dataclass
class PlanLayerOptions(SourceOptions):
    match_field: Optional[str] = None  # None: the field whose values are the plan's codes or names
    remove_missing: bool = False  # delete the entries the file does not have
    source_note: Optional[str] = None  # the ``source`` written to each imported entry


@dataclass
class Entry:
    code: str
    name_zh: str
    name_en: str
    description: Optional[str]
    geometry: QgsGeometry  # storage CRS
    area_km2: float
    features: List[str] = field(default_factory=list)  # labels of the source features merged into it


@dataclass
class PlanLayerPreview:
    kind: str
    match_field: Optional[str]
    entries: List[Entry]
    missing: List[str]  # codes of the plan's entries not in the file
    warnings: List[str]  # translated
    notes: List[str] = field(default_factory=list)  # translated: encoding, coordinate system, ignored content

    def summary(self) -> str:
        names = "、".join(f"{e.code} {e.name_zh}" for e in self.entries)
        return tr("{layer}: {count} entries will be replaced by the file's geometry ({names}).").format(
            layer=kind_label(self.kind), count=len(self.entries), names=names)


@dataclass
class PlanLayerResult:
    imported: List[str]  # codes
    removed: List[str]
    sites_updated: int
    warnings: List[str]


class PlanLayerImport(SourceJob):
    def __init__(self, plan_path: str, kind: str, source_path: str, options: Optional[PlanLayerOptions] = None):
        plan_check.check_plan(plan_path)  # structure and version first: one clear message for a damaged plan
        self.plan_path = plan_path
        self.kind = kind
        self.spec = spec_for(kind)
        self.source_path = source_path
        self.options = options or PlanLayerOptions()
        self.district_box = plan_data.district_box(plan_path)
        self.source: Optional[readers.Source] = None
        self.decision: Optional[crs_module.CrsDecision] = None
        self._preview: Optional[PlanLayerPreview] = None
        self.reopen()

    def _source_changed(self) -> None:
        self._preview = None

    # --- matching -------------------------------------------------------------------------------------------
    def match_field(self, samples: Optional[Sequence[readers.SourceFeature]] = None) -> Optional[str]:
        """The field naming the plan entries: the one asked for, else the one whose values resolve best."""
        names = self.source.field_names()
        if self.options.match_field:
            if self.options.match_field not in names:
                raise InvalidInputError(tr("{path} has no field “{field}”; its fields are: {fields}.").format(
                    path=self.source_path, field=self.options.match_field, fields=", ".join(names) or tr("none")))
            return self.options.match_field
        samples = list(samples) if samples is not None else list(self.source.features())
        order = sorted(names, key=lambda n: (0, MATCH_GUESSES.index(n)) if n in MATCH_GUESSES else (1, 0))
        best, best_score = None, 0
        for name in order:
            values = [f.attributes.get(name) for f in samples if f.attributes.get(name) not in (None, "")]
            resolved = sum(1 for v in values if resolve(self.kind, v) is not None)
            if resolved > best_score:
                best, best_score = name, resolved
            if values and resolved == len(values) and resolved == len(samples):
                return name
        if best is None:  # nothing resolves: the field named like a code or name field, to report its values
            best = next((n for n in order if n in MATCH_GUESSES), None)
        return best

    @gdal_quiet
    def analyse(self, progress: Progress = None) -> PlanLayerPreview:
        self.check_ready()
        features = []
        for number, feature in enumerate(self.source.features(), start=1):
            if number % 100 == 0:
                report(progress, 10.0)
            features.append(feature)
        field_name = self.match_field(features)
        if field_name is None and not (self.kind == "boundary" and len(features) == 1):
            examples = ", ".join(f"{e.code} {e.name_zh}" for e in vocabulary.entries(self.kind)[:2]) \
                if self.kind != "boundary" else f"{vocabulary.DISTRICT_ADMIN_CODE} {vocabulary.DISTRICT_NAME_ZH}"
            raise InvalidInputError(tr("No field of {path} holds the plan's codes or names of {layer} (for example "
                                       "{examples}). Choose the field that does.").format(
                path=self.source_path, layer=kind_label(self.kind), examples=examples))
        converter = GeometryConverter(self.decision.crs, self.decision.swap, True, self.district_box)
        grouped: Dict[str, Tuple[vocabulary.PlanEntry, List[QgsGeometry], List[str]]] = {}
        unknown, problems, warnings = [], [], []
        for feature in features:
            value = feature.attributes.get(field_name) if field_name else vocabulary.DISTRICT_ADMIN_CODE
            entry = resolve(self.kind, value)
            if entry is None:
                unknown.append(tr("{feature}: “{value}”").format(feature=feature.label, value=value
                                                                 if value not in (None, "") else tr("(empty)")))
                continue
            converted = converter.convert_feature(feature, problems)
            if converted is None:
                continue
            warnings += [tr("{feature}: {problem}").format(feature=feature.label, problem=detail)
                         for _code, detail in converted.warnings]
            grouped.setdefault(entry.code, (entry, [], []))
            grouped[entry.code][1].append(converted.geometry)
            grouped[entry.code][2].append(feature.label)
        if unknown:
            valid = "、".join(f"{e.code} {e.name_zh}" for e in (vocabulary.entries(self.kind) if self.kind != "boundary"
                                                                 else (_DISTRICT,)))
            raise InvalidInputError(tr("{count} features of {path} name nothing the plan has in {layer} (field "
                                       "{field}): {unknown}. The plan's entries are: {valid}. Nothing was imported.")
                                    .format(count=len(unknown), path=self.source_path, layer=kind_label(self.kind),
                                            field=field_name or "-", unknown="; ".join(unknown[:10]), valid=valid))
        if problems:
            raise InvalidInputError(tr("{path} cannot replace {layer}: {problems}. Nothing was imported.").format(
                path=self.source_path, layer=kind_label(self.kind), problems="; ".join(problems[:10])))
        if not grouped:
            raise InvalidInputError(tr("{path} contains no features (the layer is empty).").format(
                path=self.source_path))
        calculator = areas.distance_area()
        entries = []
        for code, (entry, geometries, labels) in grouped.items():
            geometry = geometries[0] if len(geometries) == 1 else QgsGeometry.unaryUnion(geometries)
            geometry.convertToMultiType()
            entries.append(Entry(code, entry.name_zh, entry.name_en, entry.description_zh, geometry,
                                 areas.ellipsoidal_km2(geometry, calculator), labels))
        order = [e.code for e in vocabulary.entries(self.kind)] if self.kind != "boundary" else [_DISTRICT.code]
        entries.sort(key=lambda e: order.index(e.code))
        missing = [code for code in order if code not in grouped]
        warnings += self._plan_warnings(entries, missing)
        self._preview = PlanLayerPreview(self.kind, field_name, entries, missing, warnings,
                                         list(self.source.notes) + list(self.decision.notes))
        return self._preview

    def _plan_warnings(self, entries: List[Entry], missing: List[str]) -> List[str]:
        warnings = []
        for code in missing:
            entry = vocabulary.by_code(self.kind, code)
            warnings.append((tr("{code} {name} is not in the file: it is removed from the plan.")
                             if self.options.remove_missing else
                             tr("{code} {name} is not in the file: its current geometry is kept.")).format(
                code=code, name=entry.name_zh if entry else ""))
        if self.kind == "boundary":
            area = entries[0].area_km2
            if abs(area - vocabulary.DISTRICT_AREA_KM2) / vocabulary.DISTRICT_AREA_KM2 > BOUNDARY_AREA_TOLERANCE:
                warnings.append(tr("The imported boundary measures {area} km²; the plan states {plan} km².").format(
                    area=f"{area:.2f}", plan=f"{vocabulary.DISTRICT_AREA_KM2:g}"))
            outside = self._sites_outside(entries[0].geometry)
            if outside:
                warnings.append(tr("{count} sites reach outside the new boundary; validate the sites after the "
                                   "import.").format(count=outside))
            return warnings
        district = self._district()
        if district is not None:
            for entry in entries:
                beyond = entry.geometry.difference(district).area() / 1e6
                if beyond > 0.01 * max(entry.area_km2, 0.0001):
                    warnings.append(tr("{code} {name} reaches {area} km² beyond the district boundary.").format(
                        code=entry.code, name=entry.name_zh, area=f"{beyond:.2f}"))
        if self.kind == "zone":
            for i, first in enumerate(entries):
                for second in entries[i + 1:]:
                    shared = first.geometry.intersection(second.geometry).area() / 1e6
                    if shared > 0.01:
                        warnings.append(tr("Zones {first} and {second} overlap by {area} km²; the plan's zones "
                                           "divide the district without overlap.").format(
                            first=first.code, second=second.code, area=f"{shared:.2f}"))
        return warnings

    def _district(self) -> Optional[QgsGeometry]:
        parts = [g for _c, g in plan_layer_writer.coded_items(self.plan_path, schema.BOUNDARY.table)]
        return QgsGeometry.unaryUnion(parts) if parts else None

    def _sites_outside(self, boundary: QgsGeometry) -> int:
        tolerance = read_config(self.plan_path).boundary_tolerance_m
        zone = to_shapely_many([boundary.buffer(tolerance, 8)])[0]
        sites = [g for _c, g in plan_layer_writer.coded_items(self.plan_path, schema.SITES.table, "project_code")]
        shapes = [s for s in to_shapely_many(sites) if s is not None]
        if not shapes or zone is None:
            return 0
        return int(sum(1 for s in shapes if not zone.contains(valid(s))))

    # --- writing ------------------------------------------------------------------------------------------
    @gdal_quiet
    def commit(self, progress: Progress = None) -> PlanLayerResult:
        preview = self._preview
        if preview is None:
            raise InvalidInputError(tr("Preview the import before writing it."))
        # data, like the illustrative layers' own source note: Chinese whatever the UI language
        imported = datetime.date.today().isoformat()
        note = self.options.source_note or f"正式成果：{os.path.basename(self.source_path)}（{imported}导入）"
        rows = [{"code": e.code, "name": e.name_zh, "name_en": e.name_en, "description": e.description,
                 "area_km2": e.area_km2, "illustrative": 0, "source": note, "geometry": e.geometry}
                for e in preview.entries]
        codes = [e.code for e in preview.entries]
        removed = list(preview.missing) if self.options.remove_missing and self.kind != "boundary" else []
        updated = plan_layer_writer.replace_entries(self.plan_path, self.spec, rows, codes + removed,
                                                    replace_all=self.kind == "boundary", progress=progress)
        self._preview = None
        return PlanLayerResult(codes, removed, updated, preview.warnings)

    def close(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None
