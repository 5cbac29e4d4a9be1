"""Sites exported through a 上图入库 profile (see :mod:`.profile`): every value is computed and checked first; when
one does not fit (too wide, required but empty, not an allowed code, not a number) the export names each site and
field that does not fit and writes nothing. Only then are the layers written, staged and moved into place whole.

GeoPackage takes every layer of the profile into the one file; Shapefile and GeoJSON hold one layer a file, so the
first layer goes to the chosen file and each further one beside it as ``<file name>_<layer name>``.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
)

from ..sites.derive import format_number
from ..store import schema
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from ..support.output_files import StagingFolder
from ..support.progress import Progress, report
from ..validation.findings import site_label
from . import encoding as enc
from .issues import feature_message
from .profile import DEFAULT_TEXT_WIDTH, Profile, ProfileField, ProfileLayer, load_profile
from .writers import SHAPEFILE_TEXT_BYTES, ExportResult, OgrOut, OutField, _Checker, _mark_dbf_gbk, plain

#: Formats a profile can be written to: those whose fields have names, types and widths.
PROFILE_FORMATS = ("gpkg", "shp", "geojson")
#: How many problems the message itself lists; the rest are in its details.
SHOWN_PROBLEMS = 10


@dataclass
class _Row:
    site: str  # how messages name the site
    values: Dict[str, object]
    geometry: Optional[QgsGeometry]


class _Values:
    """Computes one layer's values for each site and says what does not fit."""

    def __init__(self, layer: ProfileLayer, sites_layer, format_id: str, checker: _Checker):
        self.layer = layer
        self.format_id = format_id
        self.checker = checker
        self.context = QgsExpressionContext()
        # global and layer scopes only: a background export must not read the current QgsProject
        self.context.appendScope(QgsExpressionContextUtils.globalScope())
        self.context.appendScope(QgsExpressionContextUtils.layerScope(sites_layer))
        self.row_scope = QgsExpressionContextScope()
        self.context.appendScope(self.row_scope)
        self.row_scope.setVariable("row_number", 0)
        self.filter = self._prepared(layer.filter)
        self.expressions = {f.name: self._prepared(f.expression) for f in layer.fields}
        self.rows: List[_Row] = []
        self.problems: List[str] = []

    def _prepared(self, text: Optional[str]) -> Optional[QgsExpression]:
        if not text:
            return None
        expression = QgsExpression(text)
        expression.prepare(self.context)
        return expression

    def add(self, feature, values: Dict[str, object], geometry: Optional[QgsGeometry], index: int) -> None:
        label = site_label(values.get("name"), values.get("project_code"), index)
        self.context.setFeature(feature)
        if self.filter is not None:
            keep = self.filter.evaluate(self.context)
            if self.filter.hasEvalError():
                self.problems.append(feature_message(label, tr("the filter of layer {layer} fails: {error}").format(
                    layer=self.layer.name, error=self.filter.evalErrorString())))
                return
            if not keep:
                return
        self.row_scope.setVariable("row_number", len(self.rows) + 1)
        row = {}
        for out in self.layer.fields:
            row[out.name] = self._value(out, feature, values, label, index)
        self.rows.append(_Row(label, row, geometry))

    def _value(self, out: ProfileField, feature, values: Dict[str, object], label: str, index: int) -> object:
        where = f"{self.layer.name}.{out.name}"
        if out.source is not None:
            value = values.get(out.source)
        elif out.expression is not None:
            expression = self.expressions[out.name]
            value = plain(expression.evaluate(self.context))
            if expression.hasEvalError():
                self._problem(label, where, tr("the expression fails: {error}").format(
                    error=expression.evalErrorString()))
                return None
        else:
            value = out.value
        if isinstance(value, str) and value in out.mapping:
            value = out.mapping[value]
        elif value is not None and str(value) in out.mapping:
            value = out.mapping[str(value)]
        try:
            value = _typed(out, value)
        except ValueError:
            self._problem(label, where, tr("“{value}” is not a {kind} number").format(
                value=value, kind=tr("whole") if out.kind == "int" else tr("decimal")))
            return None
        if value is None:
            if out.required:
                self._problem(label, where, tr("is required but empty"))
            return None
        if out.kind == "text":
            value = self.checker.text(label, where, value, index)  # characters GBK lacks: a warning
        if out.codes and str(value) not in out.codes:
            shown = "、".join(out.codes[:12]) + ("…" if len(out.codes) > 12 else "")
            self._problem(label, where, tr("“{value}” is not one of the profile's codes ({codes})").format(
                value=value, codes=shown))
        length, unit = self._length(out, value)
        width = out.width or (DEFAULT_TEXT_WIDTH if out.kind == "text" else 0)
        if out.kind == "text" and self.format_id == "shp":
            width = min(width, SHAPEFILE_TEXT_BYTES)
        if width and length > width:
            self._problem(label, where, tr("“{value}” is {length} {unit} long, the profile allows {width}").format(
                value=value, length=length, unit=unit, width=width))
        return value

    def _length(self, out: ProfileField, value: object) -> Tuple[int, str]:
        if out.kind == "text":
            if self.format_id == "shp":  # a DBF field's width is in bytes of the file's encoding
                return len(str(value).encode(self.checker.codec, errors="replace")), tr("bytes")
            return len(str(value)), tr("characters")
        text = f"{value:.{out.precision}f}" if out.kind == "real" else str(value)
        return len(text), tr("digits")

    def _problem(self, label: str, where: str, problem: str) -> None:
        self.problems.append(feature_message(label, tr("{field} {problem}").format(field=where, problem=problem)))


def _typed(out: ProfileField, value: object) -> object:
    """``value`` as the field's type; None for empty; ValueError when it is not one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if out.kind == "text":
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, float):
            return format_number(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
        return str(value)
    if out.kind == "int":
        number = float(value) if not isinstance(value, (bool, int)) else int(value)
        if number != int(number):
            raise ValueError(value)
        return int(number)
    return round(float(value), out.precision)


def out_fields(layer: ProfileLayer) -> List[OutField]:
    return [OutField(f.name, f.kind, f.alias, f.width or (DEFAULT_TEXT_WIDTH if f.kind == "text" else 0),
                     f.precision) for f in layer.fields]


def layer_files(output: str, format_id: str, profile: Profile) -> List[str]:
    """The file name each profile layer goes to (all the same for a GeoPackage)."""
    name = os.path.basename(output)
    if format_id == "gpkg":
        return [name] * len(profile.layers)
    stem, extension = os.path.splitext(name)
    return [name] + [f"{stem}_{layer.name}{extension}" for layer in profile.layers[1:]]


def check_format(format_id: str) -> None:
    if format_id not in PROFILE_FORMATS:
        raise InvalidInputError(tr("An export profile is written to GeoPackage, Shapefile or GeoJSON, not "
                                   "{format}; choose one of those or no profile.").format(format=format_id))


def export_profile(profile_path: str, sites_layer, request: QgsFeatureRequest, total: int, output: str,
                   format_id: str, reference: QgsCoordinateReferenceSystem, encoding: str,
                   progress: Progress = None) -> ExportResult:
    """Compute and check every layer of the profile in ``profile_path`` for the sites ``request`` selects, then
    write them (nothing when a value does not fit)."""
    check_format(format_id)
    profile = load_profile(profile_path)
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(schema.STORAGE_CRS), reference,
                                       QgsCoordinateTransformContext())
    checker = _Checker(format_id, encoding)
    layers = [_Values(layer, sites_layer, format_id, checker) for layer in profile.layers]
    count = 0
    for feature in sites_layer.getFeatures(request):
        if count % 100 == 0:
            report(progress, 50.0 * count / total, cancelled=tr("Cancelled: no file was written."))
        count += 1
        values = {spec.name: plain(feature[spec.name]) for spec in schema.SITES.fields}
        geometry = QgsGeometry(feature.geometry()) if feature.hasGeometry() else None
        if geometry is not None:
            geometry.transform(transform)
        for layer in layers:
            layer.add(feature, values, geometry, count)
    problems = [problem for layer in layers for problem in layer.problems]
    if problems:
        raise _not_fitting(profile, problems)
    files = layer_files(output, format_id, profile)
    staging = StagingFolder(os.path.dirname(output))
    with staging:
        for number, (layer, name) in enumerate(zip(layers, files)):
            _write_layer(staging.staged(name), format_id, layer, reference, encoding, number > 0)
            report(progress, 50.0 + 50.0 * (number + 1) / len(layers), cancelled=tr("Cancelled: no file was "
                                                                                      "written."))
            if format_id != "gpkg":
                staging.expect(name, len(layer.rows))
        written = staging.commit()
    return ExportResult(output, count, written, checker.issues)


def _write_layer(path: str, format_id: str, values: _Values, reference, encoding: str, append: bool) -> None:
    layer = values.layer
    out = OgrOut(path, format_id, out_fields(layer), reference, layer.name, encoding, layer.alias or layer.name,
                 append=append and format_id == "gpkg")
    try:
        for row in values.rows:
            out.add(row.values, row.geometry)
    finally:
        out.close()
    if format_id == "shp" and encoding == enc.GB18030:
        _mark_dbf_gbk(path)


def _not_fitting(profile: Profile, problems: Iterable[str]) -> InvalidInputError:
    problems = list(problems)
    shown = "\n".join(problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        shown += "\n" + tr("… and {count} more (see the details).").format(count=more)
    message = tr("{count} values do not fit the export profile “{profile}”; nothing was written:\n{problems}").format(
        count=len(problems), profile=profile.name, problems=shown)
    return InvalidInputError(message, "\n".join(problems))
