"""The site import: open and recognise a file, preview what would happen, then write it in one transaction.

1. :class:`SiteImport` opens the source, finds its encoding and coordinate system (saying how) and guesses the
   field mapping. The GUI shows all three for the user to confirm or change; Processing takes them from its
   parameters. Nothing is read beyond a sample yet.
2. :meth:`SiteImport.analyse` reads every feature once, converts its geometry and values, and puts every
   feature through the site validator against the plan's sites and the other imported features (overlaps, equal
   names), in chunks, through an on-disk spool: memory stays flat whatever the file's size. It returns an
   :class:`ImportPreview`: how many will be imported, how many with warnings, how many are rejected and why.
   The plan is not touched; progress can cancel it.
3. :meth:`SiteImport.commit` writes the accepted features, derived fields computed, in one GDAL transaction:
   all of them or none (a cancel or a database refusal rolls everything back). It refuses when the plan changed
   since the preview.
4. :meth:`SiteImport.write_rejected` writes the rejected features, as the sender wrote them, with the reasons.
"""

from __future__ import annotations

import datetime
import getpass
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from ...plan import vocabulary
from ..controls import results as control_results
from ..sites.overlay import from_wkb_many
from ..store import features, plan_check, plan_data, schema, site_reader, township
from ..store.plan_settings import read_config
from ..support.errors import InvalidInputError, PlanFileError
from ..support.gdalutil import gdal_quiet
from ..support.i18n import tr
from ..support.progress import Progress, report
from ..validation import sources
from ..validation.engine import SiteRecord, SiteValidator, name_key
from ..validation.findings import Severity
from . import crs as crs_module
from . import grouping, readers, rejected_file, spool
from .geometry import GeometryConverter
from .issues import Issue, feature_message, title
from .mapping import AREA_TOLERANCE, FieldMapping, ValueConverter, guess_mapping, layout_signature
from .source_job import SourceJob, SourceOptions

CODE_PATTERN = re.compile(rf"^{schema.PROJECT_CODE_PREFIX}-[A-Z]{{4}}-\d{{4}}$")
CHUNK = 1000  # features validated together
LISTED = 2000  # issues kept in the preview for display (all of them are in the spool and the rejected file)
_SITE_NAMES = set(schema.SITES.field_names())
#: The values the validator reads (derived ones are left out: imported sites get fresh ones).
_VALIDATED = ("project_code", "name", "project_type", "status", "start_year", "end_year", "investment")


@dataclass
class ImportOptions(SourceOptions):
    mapping: Optional[FieldMapping] = None  # None: guessed from the field names
    repair: bool = False  # make invalid geometries valid (reported as warnings) instead of rejecting them
    require_all: bool = False  # import nothing when any feature is rejected
    group_by: Optional[str] = None  # features sharing this field's value are one site (None: DXF by Layer)


@dataclass
class ImportPreview:
    total: int
    accepted: int
    with_warnings: int
    rejected: int
    rejected_reasons: List[Tuple[str, int]]  # (translated title, features), most frequent first
    warning_reasons: List[Tuple[str, int]]
    issues: List[Issue]  # the first LISTED, in file order
    issue_total: int  # all of them (the rejected-features file has every one)
    notes: List[str]  # about the file as a whole

    def summary(self) -> str:
        text = tr("{total} features read: {accepted} will be imported ({warned} with warnings), {rejected} "
                  "rejected.").format(total=self.total, accepted=self.accepted, warned=self.with_warnings,
                                      rejected=self.rejected)
        if self.rejected_reasons:
            text += " " + tr("Rejected because: {reasons}.").format(reasons="; ".join(
                f"{name} × {count}" for name, count in self.rejected_reasons))
        return text


@dataclass
class ImportResult:
    imported: int
    fids: List[int]
    rejected: int
    warnings: int
    rejected_file: Optional[str] = None  # where the rejected features went, for the sender


class SiteImport(SourceJob):
    """One import of one file into one plan (see the module help for the steps)."""

    def __init__(self, plan_path: str, source_path: str, options: Optional[ImportOptions] = None):
        plan_check.check_plan(plan_path)  # structure and version first: one clear message for a damaged plan
        self.plan_path = plan_path
        self.source_path = source_path
        self.options = options or ImportOptions()
        self.district_box = plan_data.district_box(plan_path)
        self.source: Optional[readers.Source] = None
        self.decision: Optional[crs_module.CrsDecision] = None
        self.mapping = FieldMapping()
        self.mapping_guessed = True
        self._validator: Optional[SiteValidator] = None
        self._towns: Optional[township.TownshipLocator] = None
        self._spool: Optional[spool.Spool] = None
        self._preview: Optional[ImportPreview] = None
        self._fingerprint: Optional[Tuple] = None
        self.reopen()

    # --- recognising the file -----------------------------------------------------------------------------
    def _prepared(self, source: readers.Source) -> readers.Source:
        try:
            return grouping.grouped(source, self.options.group_by)
        except BaseException:
            source.close()
            raise

    def _source_opened(self) -> None:
        """Keep a mapping that still fits the (re)opened source, else guess one from its field names."""
        names = self.source.field_names()
        if self.options.mapping is not None:
            self.mapping = self.options.mapping.check(names).merged_with(guess_mapping(names))
            self.mapping_guessed = False
        else:
            self.mapping = guess_mapping(names)
            self.mapping_guessed = True

    def _source_changed(self) -> None:
        self._discard_preview()

    def set_mapping(self, mapping: FieldMapping) -> None:
        self.mapping = mapping.check(self.source.field_names())
        self.options.mapping = self.mapping
        self.mapping_guessed = False
        self._discard_preview()

    @property
    def layout_signature(self) -> str:
        return layout_signature(self.source.field_names())

    def validator(self) -> SiteValidator:
        """The plan's validator (built on first use; build it on the main thread before a background analyse)."""
        if self._validator is None:
            self._validator = SiteValidator(sources.context_from_plan(self.plan_path), read_config(self.plan_path))
            self._validator.keep_assignments = True  # the derived fields reuse its zones and key areas
            # 建设地点 from the plan's township layer, as the form derives it (reads the stored project: main thread)
            self._towns = township.plan_locator(self.plan_path)
        return self._validator

    # --- the preview --------------------------------------------------------------------------------------
    def _discard_preview(self) -> None:
        if self._spool is not None:
            self._spool.close()
        self._spool = None
        self._preview = None

    @property
    def preview(self) -> Optional[ImportPreview]:
        return self._preview

    @gdal_quiet
    def analyse(self, progress: Progress = None) -> ImportPreview:
        """Read, convert and validate every feature; nothing is written to the plan."""
        self.check_ready()
        self._discard_preview()
        self._fingerprint = plan_data.plan_fingerprint(self.plan_path)
        validator = self.validator()
        store = spool.Spool()
        self._spool = store
        try:
            existing_codes = self._spool_existing(store)
            self._step(progress, 5)
            self._read(store, existing_codes, progress)
            self._validate(store, validator, progress)
        except BaseException:
            self._discard_preview()
            raise
        self._preview = self._summarise(store)
        return self._preview

    def _step(self, progress: Progress, percent: float, message: str = "") -> None:
        report(progress, percent, message)

    def _spool_existing(self, store: spool.Spool) -> Dict[str, int]:
        """The plan's sites, for overlaps, equal names and project codes."""
        codes: Dict[str, int] = {}
        for fid, name, code, geometry in site_reader.site_keys(self.plan_path):
            store.add(spool.EXISTING, fid, "", name_key(name), code, None, None,
                      {"name": name, "project_code": code}, geometry, spool.ACCEPTED)
            if code:
                codes[code] = fid
        store.commit()
        return codes

    def _read(self, store: spool.Spool, existing_codes: Dict[str, int], progress: Progress) -> None:
        converter = GeometryConverter(self.decision.crs, self.decision.swap, self.options.repair, self.district_box)
        values_converter = ValueConverter(self.mapping)
        total = self.source.count() or 0
        seen_codes: Dict[str, int] = {}
        count = 0
        for feature in self.source.features():
            count += 1
            if count % 200 == 0:
                store.commit()
                self._step(progress, 5 + 45 * min(1.0, count / total) if total else 25,
                           tr("Reading feature {number}").format(number=count))
            issues: List[Tuple[str, str, str]] = []  # (severity, code, detail)
            geometry, values = None, {}
            if feature.problem:
                issues.append((Severity.ERROR.value, "IMPORT_READ", feature.problem))
            else:
                converted = converter.convert(feature.geometry)
                geometry = converted.geometry
                if converted.error:
                    issues.append((Severity.ERROR.value,) + converted.error)
                issues += [(Severity.WARNING.value,) + w for w in converted.warnings]
                mapped = values_converter.convert(feature.attributes)
                values = mapped.values
                if mapped.stated_area_ha is not None:
                    values["_stated_area_ha"] = mapped.stated_area_ha
                issues += [(Severity.ERROR.value, "IMPORT_VALUE", e) for e in mapped.errors]
                issues += self._code_issues(values, existing_codes, seen_codes, count)
                issues += self._type_from_code(values)
            if values.get("status") is None:
                values["status"] = "planned"
            if values.get("illustrative") is None:
                values["illustrative"] = False
            rejected = any(severity == Severity.ERROR.value for severity, _, _ in issues)
            row_id = store.add(spool.IMPORTED, feature.index, feature.label, name_key(values.get("name")),
                               values.get("project_code"), feature.attributes, feature.geometry, values, geometry,
                               spool.REJECTED if rejected else spool.PENDING)
            store.add_issues((row_id, feature.index, severity, code, feature_message(feature.label, detail))
                             for severity, code, detail in issues)
        store.commit()
        if count == 0:
            raise InvalidInputError(tr("{path} contains no features (the layer is empty).").format(
                path=self.source_path))

    @staticmethod
    def _type_from_code(values: Dict) -> List[Tuple]:
        """A site without a type of the plan whose project code names one (140213-KSXF-0001) takes that type: the
        plugin's TXT holds the land class in 地块用途 once a land survey is imported, and its codes carry the type."""
        given, code = values.get("project_type"), values.get("project_code")
        if vocabulary.by_code("project_type", given) is not None or code is None or not CODE_PATTERN.match(code):
            return []
        ptype = vocabulary.by_code("project_type", code.split("-")[1])
        if ptype is None:
            return []
        values["project_type"] = ptype.code
        return [(Severity.WARNING.value, "IMPORT_TYPE_FROM_CODE", tr(
            "“{value}” is not a project type of the plan; the project code {code} gives {type}").format(
            value=given or "", code=code, type=ptype.name_zh))]

    @staticmethod
    def _code_issues(values: Dict, existing: Dict[str, int], seen: Dict[str, int], index: int) -> List[Tuple]:
        code = values.get("project_code")
        if code is None:
            return []
        if not CODE_PATTERN.match(str(code)):
            values["project_code"] = None
            return [(Severity.WARNING.value, "IMPORT_CODE_FORMAT", tr(
                "“{code}” is not a project code of the plan (140213-TYPE-0001); a new code is given").format(
                code=code))]
        if code in existing:
            return [(Severity.ERROR.value, "IMPORT_CODE_DUPLICATE", tr(
                "the project code {code} is already used by a site of the plan").format(code=code))]
        if code in seen:
            return [(Severity.ERROR.value, "IMPORT_CODE_DUPLICATE", tr(
                "the project code {code} is also used by feature {other} of the file").format(
                code=code, other=seen[code]))]
        seen[code] = index
        return []

    def _validate(self, store: spool.Spool, validator: SiteValidator, progress: Progress) -> None:
        deriver = validator.context.deriver
        pending = store.count(spool.PENDING)
        done = 0
        for ids in store.pending_chunks(CHUNK):
            self._step(progress, 50 + 50 * done / max(1, pending),
                       tr("Checking features {first}–{last}").format(first=done + 1, last=done + len(ids)))
            rows = store.rows(ids)
            neighbours = store.rows(store.neighbours(ids, [name_key(row.values.get("name")) for row in rows]))
            # decoded once, in one go: the validator and the derived fields both use them
            shapes = from_wkb_many([row.wkb for row in rows + neighbours])
            inputs = [self._input(row, shape) for row, shape in zip(rows, shapes)]
            others = [self._input(row, shape) for row, shape in zip(neighbours, shapes[len(rows):])]
            findings = validator.validate(inputs, others)
            by_row: Dict[int, List] = {}
            for finding in findings:
                by_row.setdefault(-finding.fid, []).append(finding)
            accepted = [row for row in rows if not any(f.is_error for f in by_row.get(row.id, []))]
            accepted_ids = {row.id for row in accepted}
            record = {row.id: site for row, site in zip(rows, inputs)}
            geometries = [record[row.id].qgs_geometry() for row in accepted]  # decoded once for both
            derived = deriver.derive_many(geometries, [row.values.get("start_year") for row in accepted],
                                          [record[row.id].shape for row in accepted],
                                          [validator.assignments.get(record[row.id].fid) for row in accepted])
            places = (self._towns.locate_many(geometries) if self._towns is not None
                      else [(None, None)] * len(accepted))
            extra: Dict[int, List[Tuple]] = {}
            for row, values, place in zip(accepted, derived, places):
                row.values.update(values.as_dict())
                township.fill_missing(row.values, *place)  # a location the file states is kept
                check = _area_check(row.values)
                if check:
                    extra.setdefault(row.id, []).append(check)
            issues, states = [], []
            for row in rows:
                issues += [(row.id, row.index, f.severity.value, f.rule, feature_message(row.label, f.message))
                           for f in by_row.get(row.id, [])]
                issues += [(row.id, row.index, Severity.WARNING.value, code, feature_message(row.label, detail))
                           for code, detail in extra.get(row.id, [])]
                is_accepted = row.id in accepted_ids
                states.append((row.id, spool.ACCEPTED if is_accepted else spool.REJECTED,
                               row.values if is_accepted else None))
            store.add_issues(issues)
            store.set_states(states)
            store.commit()
            done += len(ids)
        self._step(progress, 100)

    @staticmethod
    def _input(row: spool.Row, shape: Optional[object]) -> SiteRecord:
        fid = -row.id if row.origin == spool.IMPORTED else row.index
        attributes = {k: row.values.get(k) for k in _VALIDATED}
        # the WKB as spooled and its shapely decode: a QgsGeometry only where one is needed
        return SiteRecord(fid, attributes, None, row.wkb, shape)

    def _summarise(self, store: spool.Spool) -> ImportPreview:
        issues = [Issue(index, Severity(severity), code, message)
                  for index, severity, code, message in store.issues(LISTED)]
        notes = list(self.source.notes) + list(self.decision.notes)
        return ImportPreview(
            total=store.count(), accepted=store.count(spool.ACCEPTED), rejected=store.count(spool.REJECTED),
            with_warnings=store.features_with(Severity.WARNING.value, spool.ACCEPTED),
            rejected_reasons=[(title(code), n) for code, n in store.issue_counts(Severity.ERROR.value, True)],
            warning_reasons=[(title(code), n) for code, n in store.issue_counts(Severity.WARNING.value)],
            issues=issues, issue_total=store.issue_total(), notes=notes)

    # --- writing ------------------------------------------------------------------------------------------
    @gdal_quiet
    def commit(self, progress: Progress = None) -> ImportResult:
        """Write every accepted feature in one transaction (analyse first)."""
        preview, store = self._preview, self._spool
        if preview is None or store is None:
            raise InvalidInputError(tr("Preview the import before writing it."))
        if plan_data.plan_fingerprint(self.plan_path) != self._fingerprint:
            raise PlanFileError(tr("The plan changed since the preview (sites or plan layers were edited); preview "
                                   "the import again."))
        if self.options.require_all and preview.rejected:
            raise InvalidInputError(tr("{count} features are rejected and all-or-nothing was asked for: nothing was "
                                       "imported.").format(count=preview.rejected))
        if preview.accepted == 0:
            raise InvalidInputError(tr("No feature can be imported: all {count} are rejected. Nothing was changed.")
                                    .format(count=preview.total))
        before = site_reader.last_fid(self.plan_path)
        now = datetime.datetime.now().replace(microsecond=0)
        user = getpass.getuser()
        total = preview.accepted

        def records():
            for number, row in enumerate(store.iter_state(spool.ACCEPTED)):
                if number % 200 == 0:
                    self._step(progress, 100.0 * number / total, tr("Writing site {number} of {total}").format(
                        number=number + 1, total=total))
                record = {k: v for k, v in row.values.items() if k in _SITE_NAMES}
                record.update(geometry=row.wkb, created_at=now, created_by=user, modified_at=now,
                              modified_by=user)
                yield record

        written = features.write_records(self.plan_path, schema.SITES.table, records())
        fids = site_reader.fids_after(self.plan_path, before)
        control_results.refresh_sites(self.plan_path, fids)  # the new sites in the plan's control layers, if any
        self._fingerprint = None  # a second commit of the same preview would duplicate everything
        if progress is not None:
            progress(100, "")  # written and committed: a cancel pressed now changes nothing, so it is not asked
        return ImportResult(written, fids, preview.rejected, preview.with_warnings)

    @gdal_quiet
    def write_rejected(self, path: str) -> Tuple[str, int]:
        """The rejected features with the reasons, for the sender; returns (path written, count)."""
        store = self._spool
        if store is None:
            raise InvalidInputError(tr("Preview the import before writing the rejected features."))
        reference = None if self.decision.swap else self.decision.crs

        def rows():
            for row in store.iter_state(spool.REJECTED):
                reasons = [m for s, _c, m in store.issues_of(row.id) if s == Severity.ERROR.value]
                yield row.index, row.attributes, spool.geometry_from(row.source_wkb), "; ".join(reasons)

        return rejected_file.write_rejected(path, [(f.name, f.kind) for f in self.source.fields], rows(), reference)

    def close(self) -> None:
        self._discard_preview()
        if self.source is not None:
            self.source.close()
            self.source = None


def _area_check(values: Dict[str, object]) -> Optional[Tuple[str, str]]:
    """A stated area more than 1 % from both computed areas (ellipsoidal and planar): say so, and guess why."""
    stated = values.get("_stated_area_ha")
    ellipsoidal, planar = values.get("area_ha"), values.get("area_proj_ha")
    if stated is None or not ellipsoidal:
        return None
    differences = [abs(stated - a) / a for a in (ellipsoidal, planar) if a]
    if min(differences) <= AREA_TOLERANCE:
        return None
    detail = tr("the stated area {stated} ha differs by {percent} from the computed {ellipsoidal} ha (ellipsoidal; "
                "planar {planar} ha)").format(stated=f"{stated:.4f}", percent=f"{100 * min(differences):.1f} %",
                                              ellipsoidal=f"{ellipsoidal:.4f}", planar=f"{planar:.4f}")
    for unit, factor in ((tr("square metres"), 10000.0), (tr("mu (亩)"), 15.0)):
        if abs(stated / factor - ellipsoidal) / ellipsoidal <= AREA_TOLERANCE:
            detail += "; " + tr("it looks like {unit}, not hectares").format(unit=unit)
    return "IMPORT_AREA_MISMATCH", detail
