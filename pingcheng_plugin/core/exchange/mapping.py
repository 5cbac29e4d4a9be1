"""Source fields to site fields, source values to plan codes, and values to the types the plan stores.

A :class:`FieldMapping` says which source field feeds which site field, how values written differently map to the
plan's project types and statuses, and the unit of a stated area. It is guessed from the names design institutes
use (XMMC/项目名称, XMLX, ZTZ/总投资, MJ/面积, KSNF, JSNF...), remembered per source layout (the set of field
names), passed to Processing as JSON, and applied by :class:`ValueConverter`, which turns text such as
“2025年”, “1,200万元” or “矿山生态修复” into 2025, 1200.0 and KSXF, and names the field and value it cannot convert.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ...plan import vocabulary
from ..store import schema
from ..support import formatting
from ..support.errors import InvalidInputError
from ..support.i18n import tr, ui_language


@dataclass(frozen=True)
class Target:
    """A site field an import can fill."""

    name: str
    kind: str  # text | int | real | bool | project_type | status | area
    guesses: Tuple[str, ...]  # source field names that usually hold it (matched ignoring case, blanks and units)

    def label(self, language: Optional[str] = None) -> str:
        """The site field's name in the UI language (Chinese aliases in Chinese, English otherwise)."""
        if self.name == STATED_AREA:
            return tr("Stated area (checked, not stored)")
        language = language or ui_language()
        spec = schema.SITES.field(self.name)
        return spec.alias_zh if language == "zh" else spec.alias_en


#: A pseudo field: the area the source states, compared with the computed one (sites store computed areas).
STATED_AREA = "stated_area"
#: Short names of the site fields in Shapefiles (10 characters at most); the export writes them, the import reads
#: them back. Common names of bureaus' own files follow in the guesses.
SHAPEFILE_NAMES: Dict[str, str] = {
    "project_code": "XMBM", "name": "XMMC", "project_type": "XMLX", "status": "XMZT", "zone_code": "SZFQ",
    "zone_shares": "FQZB", "key_areas": "ZDQY", "start_year": "KSNF", "end_year": "JSNF", "phase": "SSSX",
    "investment": "ZTZ", "funding_source": "ZJLY", "implementer": "SSZT", "area_ha": "TQMJ", "area_proj_ha": "TYMJ",
    "measures": "JSNR", "targets": "YQMB", "illustrative": "SYSJ", "remarks": "BZ", "created_at": "CJSJ",
    "created_by": "CJR", "modified_at": "XGSJ", "modified_by": "XGR",
    "fund_central": "ZYZJ", "fund_provincial": "SJZJ", "fund_city": "SHIJZJ", "fund_district": "QJZJ",
    "fund_social": "SHZB", "responsible_unit": "ZRDW", "location_town": "XZJD", "location_village": "SZC",
    "restoration_modes": "XFMS", "eco_problems": "STWT", "parent_project": "SJGHXM",
    "redline_justification": "HXZYLY",
}

TARGETS: Tuple[Target, ...] = (
    Target("project_code", "text", ("XMBM", "XMBH", "XMDM", "项目编码", "项目编号", "项目代码", "Code", "DKBH",
                                    "地块编号", "BH", "编号", "BM", "编码")),
    Target("name", "text", ("XMMC", "项目名称", "名称", "MC", "Name", "地块名称", "DKMC", "Text", "工程名称", "GCMC")),
    Target("project_type", "project_type", ("XMLX", "项目类型", "工程类型", "GCLX", "类型", "LX", "type", "地块用途",
                                            "Layer")),
    Target("status", "status", ("XMZT", "项目状态", "状态", "ZT", "建设状态", "JSZT")),
    Target("start_year", "int", ("KSNF", "KGNF", "开工年份", "开始年份", "开工时间", "开工年度", "KGSJ", "start")),
    Target("end_year", "int", ("JSNF", "WGNF", "完工年份", "竣工年份", "结束年份", "完工时间", "竣工时间", "WGSJ",
                               "JGSJ", "end")),
    Target("investment", "real", ("ZTZ", "总投资", "投资", "投资额", "TZ", "TZE", "估算投资", "GSTZ")),
    Target("funding_source", "text", ("ZJLY", "资金来源", "资金渠道")),
    Target("implementer", "text", ("SSZT", "实施主体", "实施单位", "建设单位", "JSDW")),
    Target("responsible_unit", "text", ("ZRDW", "责任单位", "责任部门")),
    Target("measures", "text", ("JSNR", "主要建设内容", "建设内容", "主要内容", "工程内容")),
    Target("targets", "text", ("YQMB", "预期目标", "目标", "建设目标", "绩效指标", "预期目标绩效指标")),
    Target("fund_central", "real", ("ZYZJ", "中央资金", "中央财政资金", "中央")),
    Target("fund_provincial", "real", ("SJZJ", "省级资金", "省级财政资金", "省级")),
    Target("fund_city", "real", ("SHIJZJ", "市级资金", "市级财政资金", "市级")),
    Target("fund_district", "real", ("QJZJ", "区级资金", "区级财政资金", "区级")),
    Target("fund_social", "real", ("SHZB", "社会资本", "社会资金", "社会资本资金")),
    Target("location_town", "text", ("XZJD", "乡镇", "街道", "乡镇街道", "所在乡镇")),
    Target("location_village", "text", ("SZC", "村", "所在村", "行政村")),
    Target("restoration_modes", "text", ("XFMS", "修复模式")),
    Target("eco_problems", "text", ("STWT", "主要生态问题", "生态问题")),
    Target("parent_project", "text", ("SJGHXM", "上级规划项目", "市级规划项目")),
    Target("illustrative", "bool", ("SYSJ", "示意数据", "示意")),
    Target("remarks", "text", ("BZ", "备注", "说明", "note")),
    Target("redline_justification", "text", ("HXZYLY", "占用生态保护红线的理由", "占用红线理由", "红线占用理由")),
    Target(STATED_AREA, "area", ("MJ", "面积", "项目面积", "地块面积", "DKMJ", "XMMJ", "area_ha", "TQMJ", "area",
                                 "椭球面积", "规模", "GM")),
)
TARGET_NAMES = tuple(t.name for t in TARGETS)
#: Units of a stated area: hectares per unit.
AREA_UNITS: Dict[str, float] = {"ha": 1.0, "m2": 0.0001, "mu": 1.0 / 15.0, "km2": 100.0}
#: Relative difference between a stated and the computed area above which a warning is raised.
AREA_TOLERANCE = 0.01


def target(name: str) -> Target:
    for candidate in TARGETS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def normalise_name(text: str) -> str:
    """'总投资（万元）' -> '总投资', 'XM_MC ' -> 'xmmc': case, width, blanks, underscores and units ignored."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"\(.*?\)|\[.*?\]", "", text).strip()
    # a unit at the end: 面积亩, MJ_亩, ZTZ_万元, area_m2 (ASCII units only after a separator)
    stripped = re.sub(r"(?:[\s_\-]*(?:亩|公顷|平方米|平方千米|平方公里|万元)|[\s_\-]+(?:hm2|ha|km2|m2))$", "", text)
    return re.sub(r"[\s_\-.:：]", "", stripped or text)


def layout_signature(field_names: Iterable[str]) -> str:
    """A key for a source layout: the same set of field names gives the same key (for remembered mappings)."""
    names = sorted({normalise_name(n) for n in field_names})
    return hashlib.sha1("|".join(names).encode("utf-8")).hexdigest()[:16]


def _area_unit_from_name(field_name: str) -> str:
    text = unicodedata.normalize("NFKC", field_name).casefold()
    if "亩" in text or "mu" in text.replace("mj", ""):
        return "mu"
    # km² before m²: "km2" contains "m2" (and NFKC has already turned ² into 2)
    if "平方千米" in text or "平方公里" in text or "km2" in text:
        return "km2"
    if "平方米" in text or "m2" in text or "sqm" in text:
        return "m2"
    return "ha"


@dataclass
class FieldMapping:
    fields: Dict[str, str] = field(default_factory=dict)  # site field -> source field
    values: Dict[str, Dict[str, str]] = field(default_factory=dict)  # 'project_type'/'status' -> {text: code}
    area_unit: str = "ha"
    unit_given: bool = True  # False: FIELD_MAPPING named no area unit, the one guessed from the file applies

    def to_json(self) -> str:
        return json.dumps({"fields": self.fields, "values": self.values, "area_unit": self.area_unit},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> FieldMapping:
        """From FIELD_MAPPING: {"fields": {...}, "values": {...}, "area_unit": "ha"}, or just {"name": "XMMC"}."""
        try:
            data = json.loads(text)
        except ValueError as err:
            raise InvalidInputError(tr("The field mapping is not valid JSON: {error}").format(error=err)) from err
        if not isinstance(data, dict):
            raise InvalidInputError(tr("The field mapping must be a JSON object such as "
                                       "{{\"fields\": {{\"name\": \"XMMC\"}}}}."))
        fields = data.get("fields", data if "values" not in data and "area_unit" not in data else {})
        values = data.get("values", {})
        unit = data.get("area_unit", "ha")
        if not isinstance(fields, dict) or not isinstance(values, dict):
            raise InvalidInputError(tr("The field mapping must be a JSON object such as "
                                       "{{\"fields\": {{\"name\": \"XMMC\"}}}}."))
        mapping = cls({str(k): str(v) for k, v in fields.items() if v not in (None, "")},
                      {str(k): {str(a): str(b) for a, b in v.items()} for k, v in values.items()
                       if isinstance(v, dict)}, str(unit))
        mapping.unit_given = "area_unit" in data
        mapping.check()
        return mapping

    def merged_with(self, guessed: FieldMapping) -> FieldMapping:
        """This mapping over the one guessed from the file's field names: site fields it does not name, and the
        area unit when it names none, are the guessed ones (a FIELD_MAPPING of value mappings alone keeps the
        guessed fields)."""
        taken = set(self.fields.values())
        fields = {site: source for site, source in guessed.fields.items() if source not in taken}
        fields.update(self.fields)
        return FieldMapping(fields, dict(self.values), self.area_unit if self.unit_given else guessed.area_unit)

    def check(self, source_fields: Optional[Sequence[str]] = None) -> FieldMapping:
        unknown = [name for name in self.fields if name not in TARGET_NAMES]
        if unknown:
            raise InvalidInputError(tr("The field mapping names site fields that do not exist or cannot be "
                                       "imported: {fields}. Importable: {targets}.").format(
                fields=formatting.joined(unknown), targets=formatting.joined(TARGET_NAMES)))
        if self.area_unit not in AREA_UNITS:
            raise InvalidInputError(tr("Unknown area unit “{unit}”; use ha, m2, mu or km2.").format(
                unit=self.area_unit))
        for kind, table in self.values.items():
            if kind not in ("project_type", "status"):
                raise InvalidInputError(tr("Value mappings exist for project_type and status only, not “{field}”.")
                                        .format(field=kind))
            bad = [code for code in table.values() if vocabulary.by_code(kind, code) is None]
            if bad:
                raise InvalidInputError(tr("The value mapping of {field} maps to unknown codes: {codes}. Valid: "
                                           "{valid}.").format(field=kind, codes=formatting.joined(bad),
                                                              valid=formatting.joined(vocabulary.codes(kind))))
        if source_fields is not None:
            missing = sorted({src for src in self.fields.values() if src not in source_fields})
            if missing:
                raise InvalidInputError(tr("The field mapping uses fields the file does not have: {fields}. The "
                                           "file's fields: {available}.").format(
                    fields=formatting.joined(missing), available=formatting.joined(source_fields)))
        return self


def guess_mapping(source_fields: Sequence[str]) -> FieldMapping:
    """Site field -> source field by name: the plan's own names, their Shapefile short names, then common ones."""
    by_name = {normalise_name(name): name for name in source_fields}
    used = set()
    mapping = FieldMapping()
    for candidate in TARGETS:
        names = [candidate.name]
        if candidate.name != STATED_AREA:
            spec = schema.SITES.field(candidate.name)
            names += [SHAPEFILE_NAMES.get(candidate.name, ""), spec.alias_zh, spec.alias_en]
        names += list(candidate.guesses)
        for name in names:
            source = by_name.get(normalise_name(name)) if name else None
            if source is not None and source not in used:
                mapping.fields[candidate.name] = source
                used.add(source)
                break
    if STATED_AREA in mapping.fields:
        mapping.area_unit = _area_unit_from_name(mapping.fields[STATED_AREA])
    return mapping


# --- values ---------------------------------------------------------------------------------------------------

def value_key(text: object) -> str:
    """How a source value and a value-mapping key are compared: NFKC (full-width （） as ()), outer spaces gone.
    Both sides go through it, so a key typed as 矿山修复（一期） matches the value 矿山修复（一期）."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def keyed(table: Optional[Dict[str, str]]) -> Dict[str, str]:
    """A value mapping ({text: code}) with its keys as :func:`value_key` makes them, as :func:`resolve` reads it;
    made once per mapping, not once per source row."""
    return {value_key(key): code for key, code in (table or {}).items()}


def resolve(kind: str, text: object, table: Optional[Dict[str, str]] = None) -> Optional[str]:
    """The code of a project type or status written as code, Chinese or English name, or per ``table`` (a value
    mapping passed through :func:`keyed`)."""
    if text is None:
        return None
    value = value_key(text)
    if table and value in table:
        return table[value]
    entry = vocabulary.find_by_name(kind, value)
    return entry.code if entry is not None else None


def suggest(kind: str, text: str) -> Optional[vocabulary.PlanEntry]:
    """The entry a differently written value most likely means (for the GUI to pre-fill; never applied silently)."""
    value = "".join(unicodedata.normalize("NFKC", str(text)).split())
    if not value:
        return None
    best, score = None, 0.0
    for entry in vocabulary.entries(kind):
        name = entry.name_zh
        ratio = difflib.SequenceMatcher(None, value, name).ratio()
        if value in name or name.replace("项目", "") in value:
            ratio = max(ratio, 0.8)
        if ratio > score:
            best, score = entry, ratio
    return best if score >= 0.6 else None


def unresolved_values(kind: str, values: Iterable[object], table: Optional[Dict[str, str]] = None) -> List[str]:
    """Distinct non-empty source values of ``kind`` that are not (yet) a plan code."""
    found: List[str] = []
    table = keyed(table)
    for value in values:
        if value is None or str(value).strip() == "":
            continue
        text = value_key(value)
        if resolve(kind, text, table) is None and text not in found:
            found.append(text)
    return found


_YEAR = re.compile(r"^(\d{4})(?:\s*(?:年|[-/.]\d{1,2}.*|年.*)?)$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_TRUE = {"1", "true", "t", "yes", "y", "是", "示意", "√"}
_FALSE = {"0", "false", "f", "no", "n", "否", ""}


class UnfitValueError(Exception):
    """A value that does not fit its site field (internal; carries the translated reason)."""


def to_year(value: object) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool):
        raise UnfitValueError(tr("“{value}” is not a year").format(value=value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise UnfitValueError(tr("“{value}” is not a year").format(value=value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.year
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    match = _YEAR.match(text)
    if match:
        return int(match.group(1))
    if _NUMBER.match(text) and float(text).is_integer():
        return int(float(text))
    raise UnfitValueError(tr("“{value}” is not a year").format(value=value))


def to_number(value: object) -> Optional[float]:
    """A number, also from text with thousands separators and a unit of 万元 (as is), 亿元 (x 10000) or 元."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise UnfitValueError(tr("“{value}” is not a number").format(value=value))
    if isinstance(value, (int, float)):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
    if not text:
        return None
    factor = 1.0
    for unit, scale in (("万元", 1.0), ("亿元", 10000.0), ("万", 1.0), ("亿", 10000.0), ("元", 0.0001)):
        if text.endswith(unit):
            text, factor = text[: -len(unit)], scale
            break
    if not _NUMBER.match(text):
        raise UnfitValueError(tr("“{value}” is not a number").format(value=value))
    return float(text) * factor


def to_area(value: object) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    text = re.sub(r"(公顷|hm2|ha|平方米|m2|亩|平方千米|km2)$", "", text, flags=re.IGNORECASE)
    if not text:
        return None
    if not _NUMBER.match(text):
        raise UnfitValueError(tr("“{value}” is not a number").format(value=value))
    return float(text)


def to_bool(value: object) -> Optional[bool]:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _NUMBER.match(text):
        return float(text) != 0
    raise UnfitValueError(tr("“{value}” is neither yes nor no").format(value=value))


def to_text(value: object) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


@dataclass
class Converted:
    values: Dict[str, object]  # site field -> value (only mapped fields)
    errors: List[str]  # translated: "<field>: <why>"
    stated_area_ha: Optional[float] = None


class ValueConverter:
    """Applies a mapping to one source feature's attributes."""

    def __init__(self, mapping: FieldMapping):
        self.mapping = mapping
        self._tables = {kind: keyed(table) for kind, table in mapping.values.items()}
        # each mapped field's target looked up once, not once per row (a scan of TARGETS each time)
        self._fields = [(name, source, target(name)) for name, source in mapping.fields.items()]
        # codes of the type and status texts met so far: a file repeats a handful of them on every row
        self._codes: Dict[Tuple[str, Optional[str]], Optional[str]] = {}

    def convert(self, attributes: Dict[str, object]) -> Converted:
        values: Dict[str, object] = {}
        errors: List[str] = []
        stated = None
        for name, source, spec in self._fields:
            raw = attributes.get(source)
            try:
                if spec.kind == "text":
                    values[name] = to_text(raw)
                elif spec.kind == "int":
                    values[name] = to_year(raw)
                elif spec.kind == "real":
                    values[name] = to_number(raw)
                elif spec.kind == "bool":
                    values[name] = to_bool(raw)
                elif spec.kind in ("project_type", "status"):
                    text = to_text(raw)
                    code = self._code(spec.kind, text)
                    values[name] = code if code is not None else text  # unknown values: the validator says so
                elif spec.kind == "area":
                    area = to_area(raw)
                    stated = None if area is None else area * AREA_UNITS[self.mapping.area_unit]
            except UnfitValueError as err:
                errors.append(tr("{field} (source field {source}): {problem}").format(
                    field=spec.label(), source=source, problem=err.args[0]))
        return Converted(values, errors, stated)

    def _code(self, kind: str, text: Optional[str]) -> Optional[str]:
        key = (kind, text)
        if key in self._codes:
            return self._codes[key]
        code = resolve(kind, text, self._tables.get(kind))
        if len(self._codes) < 1000:  # a file of all-different texts: memory stays flat
            self._codes[key] = code
        return code
