"""上图入库 export profiles: which layers and fields a site export writes, and what each value must fit.

A profile is a JSON file (the shipped default is ``resources/profiles/shangtu_default.json``)::

    {"name": "…", "note": "…",
     "layers": [{"name": "STXFXM", "alias": "…", "filter": "<QGIS expression, optional>",
                 "fields": [{"name": "XMMC", "alias": "项目名称", "type": "text", "width": 100,
                             "source": "name", "required": true},
                            {"name": "XZQDM", "type": "text", "width": 12, "value": "140213"},
                            {"name": "BSM", "type": "int", "width": 18, "expression": "@row_number"},
                            {"name": "XMLX", "type": "text", "width": 10, "source": "project_type",
                             "codes": ["KSXF", "…"], "map": {"…": "…"}}]}]}

Each field takes its value from exactly one of ``source`` (a site field), ``expression`` (a QGIS expression over
the site, evaluated with QgsExpression; ``@row_number`` counts the layer's features from 1) or ``value`` (a
constant). ``map`` replaces values before the checks; ``codes`` lists the values allowed; ``width`` is the text
length (characters; bytes of the file's encoding in a Shapefile, as DBF counts them) or a number's digits.

Everything is checked when the file is loaded, so a bad profile is refused before any site is read; layer and field
names are plain words (letters, digits, underscore, Chinese), which keeps them safe as file and column names.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple

from qgis.core import QgsExpression, QgsFeatureRequest

from ..store import schema
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from ..support.paths import resource

KINDS = ("text", "int", "real")
#: Layer and field names: a word (letters incl. Chinese, digits, underscore), not starting with a digit.
_NAME = re.compile(r"^[^\W\d]\w{0,62}$")
DEFAULT_TEXT_WIDTH = 254
DEFAULT_PRECISION = 2


def default_profile_path() -> str:
    """The profile shipped with the plugin: the common structure, to be checked against the province's standard."""
    return resource("profiles", "shangtu_default.json")


@dataclass(frozen=True)
class ProfileField:
    name: str
    kind: str  # text | int | real
    alias: str = ""
    width: int = 0  # 0: the format's default
    precision: int = 0  # real: decimals written
    source: Optional[str] = None
    expression: Optional[str] = None
    value: Any = None
    required: bool = False
    codes: Tuple[str, ...] = ()
    mapping: Dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProfileLayer:
    name: str
    fields: Tuple[ProfileField, ...]
    alias: str = ""
    filter: Optional[str] = None


@dataclass(frozen=True)
class Profile:
    name: str
    path: str
    layers: Tuple[ProfileLayer, ...]
    note: str = ""


class _Reader:
    """Reads one profile file, naming the file and the place of every problem."""

    def __init__(self, path: str):
        self.path = path
        self.site_fields = set(schema.SITES.field_names())

    def fail(self, where: str, problem: str) -> InvalidInputError:
        return InvalidInputError(tr("The export profile {path} cannot be used: {where}: {problem}").format(
            path=self.path, where=where, problem=problem))

    def read(self) -> Profile:
        if not os.path.isfile(self.path):
            raise InvalidInputError(tr("The export profile {path} does not exist.").format(path=self.path))
        try:
            with open(self.path, encoding="utf-8-sig") as handle:
                data = json.load(handle)
        except UnicodeDecodeError:
            raise InvalidInputError(tr("The export profile {path} is not UTF-8 text.").format(
                path=self.path)) from None
        except json.JSONDecodeError as err:
            raise InvalidInputError(tr("The export profile {path} is not valid JSON (line {line}, column "
                                       "{column}): {error}").format(path=self.path, line=err.lineno,
                                                                    column=err.colno, error=err.msg)) from None
        except OSError as err:
            raise InvalidInputError(tr("The export profile {path} cannot be read: {error}").format(
                path=self.path, error=err.strerror or err)) from None
        if not isinstance(data, dict):
            raise self.fail(tr("the file"), tr("it must hold a JSON object with “layers”"))
        layers = data.get("layers")
        if not isinstance(layers, list) or not layers:
            raise self.fail(tr("the file"), tr("“layers” must be a non-empty list"))
        read = tuple(self.layer(number, entry) for number, entry in enumerate(layers, 1))
        names = [layer.name.upper() for layer in read]
        if len(set(names)) != len(names):
            raise self.fail(tr("the file"), tr("two layers have the same name"))
        return Profile(self.text(data, "name", tr("the file")) or os.path.basename(self.path), self.path, read,
                       self.text(data, "note", tr("the file")))

    def text(self, entry: dict, key: str, where: str) -> str:
        value = entry.get(key, "")
        if not isinstance(value, str):
            raise self.fail(where, tr("“{key}” must be text").format(key=key))
        return value.strip()

    def name(self, entry: dict, where: str) -> str:
        name = self.text(entry, "name", where)
        if not _NAME.match(name):
            raise self.fail(where, tr("“name” must be a word of letters, digits or “_”, not “{name}”").format(
                name=name))
        return name

    def expression(self, text: str, where: str) -> str:
        parsed = QgsExpression(text)
        if parsed.hasParserError():
            raise self.fail(where, tr("the expression “{expression}” is not valid: {error}").format(
                expression=text, error=parsed.parserErrorString()))
        unknown = sorted(set(parsed.referencedColumns()) - self.site_fields - {QgsFeatureRequest.ALL_ATTRIBUTES})
        if unknown:
            raise self.fail(where, tr("the expression names fields sites do not have: {fields}").format(
                fields=", ".join(unknown)))
        return text

    def layer(self, number: int, entry: Any) -> ProfileLayer:
        where = tr("layer {number}").format(number=number)
        if not isinstance(entry, dict):
            raise self.fail(where, tr("it must be a JSON object"))
        name = self.name(entry, where)
        where = tr("layer “{name}”").format(name=name)
        fields = entry.get("fields")
        if not isinstance(fields, list) or not fields:
            raise self.fail(where, tr("“fields” must be a non-empty list"))
        read = tuple(self.field(where, number, item) for number, item in enumerate(fields, 1))
        names = [f.name.upper() for f in read]
        if len(set(names)) != len(names):
            raise self.fail(where, tr("two fields have the same name"))
        condition = self.text(entry, "filter", where)
        return ProfileLayer(name, read, self.text(entry, "alias", where),
                            self.expression(condition, where) if condition else None)

    def field(self, layer_where: str, number: int, entry: Any) -> ProfileField:
        where = tr("{layer}, field {number}").format(layer=layer_where, number=number)
        if not isinstance(entry, dict):
            raise self.fail(where, tr("it must be a JSON object"))
        name = self.name(entry, where)
        where = tr("{layer}, field “{name}”").format(layer=layer_where, name=name)
        kind = entry.get("type", "text")
        if kind not in KINDS:
            raise self.fail(where, tr("“type” must be one of {kinds}, not “{kind}”").format(
                kinds=", ".join(KINDS), kind=kind))
        width, precision = (self.whole(entry, key, where) for key in ("width", "precision"))
        givers = [key for key in ("source", "expression", "value") if key in entry]
        if len(givers) != 1:
            raise self.fail(where, tr("give exactly one of “source”, “expression” or “value”"))
        source = expression = None
        if givers[0] == "source":
            source = self.text(entry, "source", where)
            if source not in self.site_fields:
                raise self.fail(where, tr("sites have no field “{source}” (they have {fields})").format(
                    source=source, fields=", ".join(sorted(self.site_fields))))
        elif givers[0] == "expression":
            expression = self.expression(self.text(entry, "expression", where), where)
        value = entry.get("value")
        if value is not None and not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(where, tr("“value” must be text or a number"))
        required = entry.get("required", False)
        if not isinstance(required, bool):
            raise self.fail(where, tr("“required” must be true or false"))
        codes = entry.get("codes", [])
        if isinstance(codes, dict):  # {"code": "meaning"}: the meanings document the codes
            codes = list(codes)
        if not isinstance(codes, list) or not all(isinstance(c, (str, int)) for c in codes):
            raise self.fail(where, tr("“codes” must be a list of allowed values"))
        mapping = entry.get("map", {})
        if not isinstance(mapping, dict):
            raise self.fail(where, tr("“map” must be a JSON object of value replacements"))
        return ProfileField(name, kind, self.text(entry, "alias", where), width,
                            precision if "precision" in entry else (DEFAULT_PRECISION if kind == "real" else 0),
                            source, expression, value, required, tuple(str(c) for c in codes), dict(mapping))

    def whole(self, entry: dict, key: str, where: str) -> int:
        value = entry.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, tr("“{key}” must be a whole number, 0 or more").format(key=key))
        return value


def load_profile(path: str) -> Profile:
    """The profile in ``path``; InvalidInputError naming the file, the layer and field, and the problem."""
    return _Reader(os.path.abspath(path)).read()
