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
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from osgeo import gdal, ogr
from qgis.core import QgsGeometry

from ...plan import vocabulary
from .. import areas, gpkg, plan_check, schema
from ..derive import DERIVED_FIELDS, SiteDeriver
from ..errors import CancelledError, InvalidInputError, PlanFileError
from ..i18n import QT_TRANSLATE_NOOP, tr
from ..overlay import to_shapely_many, valid
from ..validation.config import read_config
from . import crs as crs_module
from . import readers
from .gdalutil import gdal_quiet, ogr_to_qgis, qgis_to_ogr, quiet_gdal, set_field
from .geometry import GeometryConverter
from .pipeline import district_box
from .source_job import SourceJob, SourceOptions

Progress = Optional[Callable[..., bool]]
KINDS: Tuple[str, ...] = ("boundary", "corridor", "barrier", "zone", "key_area")
KIND_LABELS = {
    "boundary": QT_TRANSLATE_NOOP("@default", "District boundary"),
    "corridor": QT_TRANSLATE_NOOP("@default", "Ecological corridors"),
    "barrier": QT_TRANSLATE_NOOP("@default", "Ecological barriers"),
    "zone": QT_TRANSLATE_NOOP("@default", "Restoration zones"),
    "key_area": QT_TRANSLATE_NOOP("@default", "Key restoration areas"),
}
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
        self.district_box = district_box(plan_path)
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
            if progress is not None and number % 100 == 0 and progress(10.0, "") is False:
                raise CancelledError(tr("Cancelled: nothing was changed."))
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
            if feature.problem:
                problems.append(tr("{feature}: {problem}").format(feature=feature.label, problem=feature.problem))
                continue
            converted = converter.convert(feature.geometry)
            if converted.error:
                problems.append(tr("{feature}: {problem}").format(feature=feature.label, problem=converted.error[1]))
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
        parts = [g for _c, g in _coded(self.plan_path, schema.BOUNDARY.table)]
        return QgsGeometry.unaryUnion(parts) if parts else None

    def _sites_outside(self, boundary: QgsGeometry) -> int:
        tolerance = read_config(self.plan_path).boundary_tolerance_m
        zone = to_shapely_many([boundary.buffer(tolerance, 8)])[0]
        sites = [g for _c, g in _coded(self.plan_path, schema.SITES.table, "project_code")]
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
        with quiet_gdal():
            dataset = ogr.Open(self.plan_path, 1)
        if dataset is None:
            raise PlanFileError(tr("Cannot open {path} for writing.").format(path=self.plan_path))
        table = self.spec.table
        layer = dataset.GetLayerByName(table)
        codes = [e.code for e in preview.entries]
        removed = list(preview.missing) if self.options.remove_missing and self.kind != "boundary" else []
        if dataset.StartTransaction() != 0:
            raise PlanFileError(tr("Cannot open {path} for writing.").format(path=self.plan_path))
        try:
            doomed = codes + removed
            gdal.ErrorReset()
            if self.kind == "boundary":
                dataset.ExecuteSQL(f"DELETE FROM {gpkg.sql_identifier(table)}")
            else:
                dataset.ExecuteSQL(f"DELETE FROM {gpkg.sql_identifier(table)} WHERE code IN "
                                   f"({', '.join(gpkg.sql_literal(c) for c in doomed)})")
            if gdal.GetLastErrorType() >= gdal.CE_Failure:
                raise PlanFileError(tr("Changes to {layer} were not saved: {errors}").format(
                    layer=table, errors=gdal.GetLastErrorMsg()))
            self._check_gdal(progress, 30)
            definition = layer.GetLayerDefn()
            for entry in preview.entries:
                feature = ogr.Feature(definition)
                values = {"code": entry.code, "name": entry.name_zh, "name_en": entry.name_en,
                          "description": entry.description, "area_km2": entry.area_km2, "illustrative": 0,
                          "source": note}
                for name, value in values.items():
                    if definition.GetFieldIndex(name) >= 0:
                        set_field(feature, name, value)
                feature.SetGeometry(qgis_to_ogr(entry.geometry))
                with quiet_gdal():
                    gdal.ErrorReset()
                    if layer.CreateFeature(feature) != 0:
                        raise PlanFileError(tr("Cannot write {code} to {table}: {error}").format(
                            code=entry.code, table=table, error=gdal.GetLastErrorMsg()))
            self._check_gdal(progress, 50)
            # Derived fields only: the rule trigger would refuse a legacy site for an unrelated old value (a 2019
            # start year); it comes back before the commit, and validation reports such sites.
            rules = [(name, sql) for name, sql in gpkg.named_triggers() if name.endswith("_rules_update")]
            for name, _ in rules:
                dataset.ExecuteSQL(f"DROP TRIGGER IF EXISTS {gpkg.sql_identifier(name)}")
            updated = _recompute_sites(dataset, progress)
            for _, statement in rules:
                dataset.ExecuteSQL(statement)
            if dataset.CommitTransaction() != 0:
                raise PlanFileError(tr("Changes to {layer} were not saved: {errors}").format(
                    layer=table, errors=gdal.GetLastErrorMsg()))
        except BaseException:
            dataset.RollbackTransaction()
            dataset = None
            raise
        with quiet_gdal():
            dataset.ExecuteSQL(f"RECOMPUTE EXTENT ON {table}")
        dataset = None
        gpkg.checkpoint(self.plan_path)
        self._preview = None
        return PlanLayerResult(codes, removed, updated, preview.warnings)

    @staticmethod
    def _check_gdal(progress: Progress, percent: float) -> None:
        if progress is not None and progress(percent, "") is False:
            raise CancelledError(tr("Cancelled: nothing was changed."))

    def close(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None


def _coded(path: str, table: str, code_field: str = "code") -> List[Tuple[str, QgsGeometry]]:
    with quiet_gdal():
        return _layer_items(ogr.Open(path, 0), table, code_field)


def _layer_items(dataset, table: str, code_field: str = "code") -> List[Tuple[str, QgsGeometry]]:
    """(code, geometry) of every feature of ``table`` that has a geometry."""
    layer = dataset.GetLayerByName(table)
    layer.ResetReading()
    return [(f.GetField(code_field), ogr_to_qgis(f.GetGeometryRef())) for f in layer
            if f.GetGeometryRef() is not None]


def _recompute_sites(dataset, progress: Progress) -> int:
    """Every site's derived fields against the zones and key areas as they now are in ``dataset`` (inside its
    transaction); only changed values are written, only derived columns are touched."""
    deriver = SiteDeriver(_layer_items(dataset, schema.ZONES.table), _layer_items(dataset, schema.KEY_AREAS.table))
    layer = dataset.GetLayerByName(schema.SITES.table)
    layer.ResetReading()
    sites = [(f.GetFID(), ogr_to_qgis(f.GetGeometryRef()) if f.GetGeometryRef() is not None else None,
              f.GetField("start_year"), {n: f.GetField(n) for n in DERIVED_FIELDS}) for f in layer]
    updated = 0
    for start in range(0, len(sites), 2000):
        chunk = sites[start:start + 2000]
        derived = deriver.derive_many([s[1] for s in chunk], [s[2] for s in chunk])
        for (fid, _geometry, _year, old), values in zip(chunk, derived):
            new = values.as_dict()
            changed = {n: new[n] for n in DERIVED_FIELDS if old.get(n) != new[n]}
            if changed:
                assignments = ", ".join(f"{gpkg.sql_identifier(n)} = {gpkg.sql_literal(v)}"
                                        for n, v in changed.items())
                with quiet_gdal():
                    gdal.ErrorReset()
                    dataset.ExecuteSQL(f"UPDATE {schema.SITES.table} SET {assignments} WHERE fid = {int(fid)}")
                    if gdal.GetLastErrorType() >= gdal.CE_Failure:
                        raise PlanFileError(tr("Site {fid} cannot be updated: {error}").format(
                            fid=fid, error=gdal.GetLastErrorMsg()))
                updated += 1
        if progress is not None and progress(50 + 50 * (start + len(chunk)) / max(1, len(sites)), "") is False:
            raise CancelledError(tr("Cancelled: nothing was changed."))
    return updated
