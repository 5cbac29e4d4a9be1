"""Every rule a project site is checked against, declared once.

A rule states its code (public: it names findings in ``pingcheng:validatesites``), its severity, its title and
message in both languages, whose rule it is (the plan's, or the plugin's own setting), and each way it is enforced:

- ``check``: the validator's test of one site's attributes (attribute rules); geometry and plan rules name the
  vectorised pass of :mod:`..validation.engine` that runs them (``engine``), since they work on all sites at once;
- ``form``: a QGIS expression on a form field, true when the site passes; hard for errors (OK is disabled), soft
  for warnings (the form warns and saves); stored in the plan, so plain QGIS and QField enforce it too;
- ``sql``: a condition on ``NEW`` that breaks the rule, for the GeoPackage's triggers, which refuse a write by any
  program. SQLite's ``RAISE`` takes a literal message only, so messages name no configurable threshold: forms
  append the threshold, findings state the measured value.

:mod:`..forms` (constraints), :mod:`..gpkg` (triggers) and :mod:`..validation.engine` are generated from this
table; ``tests/test_site_rules.py`` feeds each rule's failing and passing cases through all three.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Dict, List, Mapping, Optional, Tuple

from qgis.PyQt.QtCore import QVariant

from ...plan import vocabulary
from ..support.i18n import tr, ui_language
from . import funding


class Severity(str, enum.Enum):
    ERROR = "error"  # blocks saving
    WARNING = "warning"  # shown, allows saving

    def label(self) -> str:
        return tr("Error") if self is Severity.ERROR else tr("Warning")


@dataclass(frozen=True)
class Text:
    """A text in both UI languages (the table is the plugin's vocabulary, like the plan's in ``plan/``)."""

    zh: str
    en: str

    def __call__(self, language: Optional[str] = None) -> str:
        return self.zh if (language or ui_language()) == "zh" else self.en

    def both(self) -> str:
        """Both languages, for text stored once and read by anyone (trigger messages)."""
        return f"{self.zh} / {self.en}"


@dataclass(frozen=True)
class Limits:
    """The plan's thresholds as the target spells them: numbers for a form expression (baked in when the form is
    configured), sub-queries of the plan's metadata for a trigger (read at every write)."""

    min_area_ha: str
    boundary_tolerance_m: str
    sites_table: str = "project_sites"
    boundary_table: str = "district_boundary"
    boundary_layer: Optional[str] = None  # forms only: the id of the district boundary layer in the project

    @classmethod
    def numbers(cls, min_area_ha: float, boundary_tolerance_m: float, boundary_layer: Optional[str] = None
                ) -> Limits:
        """Limits for a form: the plan's current thresholds, written into the expressions."""
        return cls(repr(float(min_area_ha)), repr(float(boundary_tolerance_m)), boundary_layer=boundary_layer)


def _number(text: str) -> str:
    """A threshold as people read it (0.01, not 0.010000); a sub-query stays as it is."""
    try:
        return f"{float(text):g}"
    except ValueError:
        return text


#: Characters a project name may differ by and still be the same name (the duplicate-name rule), and that alone
#: leave it empty: spaces, tabs, line breaks, the no-break and the ideographic space, the ones names carry when
#: they are typed or pasted. The form, the trigger and the validator all remove exactly these (SQLite's parser
#: refuses much deeper nesting of replace(), so the list stays short). Letters are compared ignoring ASCII case,
#: as SQLite's lower() does.
NAME_SPACES = (" ", "\t", "\n", "\r", "\xa0", "\u3000")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def name_key(name: object) -> str:
    """How project names are compared for uniqueness (the same in the validator, the trigger and the import)."""
    if name is None:
        return ""
    text = str(name)
    for space in NAME_SPACES:
        text = text.replace(space, "")
    return text.translate(_ASCII_LOWER)


def name_key_expression(field: str) -> str:
    """:func:`name_key`'s spacing in a QGIS expression (the form): the field with every NAME_SPACES removed."""
    expression = f'coalesce("{field}", \'\')'
    for space in NAME_SPACES:
        expression = f"replace({expression}, char({ord(space)}), '')"
    return expression


def name_key_sql(column: str) -> str:
    """:func:`name_key` in SQLite (also the expression of the index that makes the trigger's lookup fast)."""
    expression = column
    for space in NAME_SPACES:
        expression = f"replace({expression}, char({ord(space)}), '')"
    return f"lower({expression})"


#: Values read as they are: what the plan file's rows hold. Anything else (QGIS's NULL QVariant from an edit
#: buffer) goes through :func:`plain`. A validation asks ~25 values of each of 100,000 sites.
_PLAIN_TYPES = frozenset((str, int, float, bool, type(None)))


@dataclass
class SiteValues:
    """One site's attributes as the rules see them (NULL and the string 'NULL' read as None)."""

    attributes: Mapping[str, object]
    _name_key: Optional[str] = None

    def value(self, name: str) -> object:
        value = self.attributes.get(name)
        return value if value.__class__ in _PLAIN_TYPES else plain(value)

    def name_key(self) -> str:
        """:func:`name_key` of the name, computed once (the name rules and the duplicate count each need it)."""
        if self._name_key is None:
            self._name_key = name_key(self.value("name"))
        return self._name_key


def plain(value: object) -> object:
    """A field value with QGIS's NULL as None (a name typed as the word "NULL" stays a name)."""
    return None if value is None or (isinstance(value, QVariant) and value.isNull()) else value


@dataclass
class RuleContext:
    """What attribute rules need beyond the site itself: how many sites share each name key."""

    names: Counter


Check = Callable[[SiteValues, RuleContext], List[str]]


@dataclass(frozen=True)
class SiteRule:
    code: str
    severity: Severity
    source: str  # "plan": the plan's own rule; "plugin": the plugin's rule or threshold, not the plan's;
    # "control": the bureau's control layer (三区三线, 自然保护地) imported into the plan
    title: Text
    message: Text  # the rule in words: the form's constraint text, the trigger's message, the finding's start
    engine: str = "attributes"  # the validator pass: attributes, geometry, overlap, plan
    check: Optional[Check] = None  # attribute rules: the details of each breach (empty: the site passes)
    fields: Tuple[str, ...] = ()  # form fields the constraint hangs on
    form: Optional[Callable[[str, Limits], str]] = None  # QGIS expression on one of ``fields``, true = passes
    not_null: bool = False  # also QGIS's NOT NULL constraint on ``fields``
    unique: bool = False  # also QGIS's UNIQUE constraint on ``fields`` (exact match, cheap in large layers)
    sql: Optional[Callable[[Limits], str]] = None  # trigger condition on NEW that breaks the rule
    sql_columns: Tuple[str, ...] = ()  # the columns whose update re-runs ``sql``
    limit_note: Optional[Callable[[Limits], Text]] = None  # the threshold, appended to the form's text

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.ERROR

    def form_text(self, limits: Limits, language: str = "zh") -> str:
        """The constraint description of the form: Chinese as stored in the plan, English as the plugin shows it
        when QGIS runs in English."""
        if language == "en":
            note = self.limit_note(limits).en if self.limit_note else ""
            return self.message.en + (f" ({note})" if note else "")
        note = self.limit_note(limits).zh if self.limit_note else ""
        return self.message.zh + (f"（{note}）" if note else "")


# --- attribute checks ---------------------------------------------------------------------------------------------

def as_int(value: object) -> Optional[int]:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def as_float(value: object) -> Optional[float]:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


_FIRST, _LAST = vocabulary.PLAN_START_YEAR, vocabulary.PLAN_END_YEAR


def _years(site: SiteValues) -> List[Tuple[str, Optional[int]]]:
    return [("start_year", as_int(site.value("start_year"))), ("end_year", as_int(site.value("end_year")))]


def _year_label(field: str) -> str:
    # translated only for a site that breaks a year rule, not for each of 100,000 that pass
    return tr("start year") if field == "start_year" else tr("end year")


def _name_empty(site: SiteValues, context: RuleContext) -> List[str]:
    return [] if site.name_key() else [tr("the name is empty")]


def _name_duplicate(site: SiteValues, context: RuleContext) -> List[str]:
    key = site.name_key()
    if key and context.names[key] > 1:
        return [tr("{count} sites are called “{name}”").format(count=context.names[key], name=site.value("name"))]
    return []


def _type_invalid(site: SiteValues, context: RuleContext) -> List[str]:
    value = site.value("project_type")
    if vocabulary.by_code("project_type", value) is None:
        return [tr("“{value}” is not one of them").format(value=value if value is not None else tr("(empty)"))]
    return []


def _status_invalid(site: SiteValues, context: RuleContext) -> List[str]:
    value = site.value("status")
    if value is not None and vocabulary.by_code("status", value) is None:
        return [tr("“{value}” is not a known status").format(value=value)]
    return []


def _year_missing(site: SiteValues, context: RuleContext) -> List[str]:
    return [tr("the {which} is empty").format(which=_year_label(field)) for field, year in _years(site)
            if year is None]


def _year_out_of_range(site: SiteValues, context: RuleContext) -> List[str]:
    return [tr("the {which} {year} is outside {first}–{last}").format(which=_year_label(field), year=year,
                                                                        first=_FIRST, last=_LAST)
            for field, year in _years(site) if year is not None and not _FIRST <= year <= _LAST]


def _years_reversed(site: SiteValues, context: RuleContext) -> List[str]:
    start, end = as_int(site.value("start_year")), as_int(site.value("end_year"))
    if start is not None and end is not None and start > end:
        return [tr("starts in {start} but ends in {end}").format(start=start, end=end)]
    return []


def _investment_negative(site: SiteValues, context: RuleContext) -> List[str]:
    value = site.value("investment")
    if value is not None and (as_float(value) is None or as_float(value) < 0):
        return [tr("the total investment is {value} 万元").format(value=value)]
    return []


def _investment_missing(site: SiteValues, context: RuleContext) -> List[str]:
    return [tr("the total investment is empty (it is not counted as 0)")] if site.value("investment") is None else []


def _funding_negative(site: SiteValues, context: RuleContext) -> List[str]:
    return [tr("{source} funds are {value} 万元").format(source=zh if ui_language() == "zh" else en, value=value)
            for name, zh, en in funding.FUNDING_SOURCES for value in (site.value(name),)
            if value is not None and (as_float(value) is None or as_float(value) < 0)]


def _funding_split(site: SiteValues, context: RuleContext) -> List[str]:
    total = as_float(site.value("investment"))
    given = funding.split_sum_if_off([as_float(site.value(n)) for n in funding.FUNDING_FIELDS], total)
    if given is None:
        return []
    return [tr("the sources add up to {sum} 万元, the total investment is {total} 万元").format(
        sum=f"{given:.2f}", total=f"{total:.2f}")]


# --- the table ------------------------------------------------------------------------------------------------------

def _codes_sql(kind: str) -> str:
    return ", ".join("'" + code.replace("'", "''") + "'" for code in vocabulary.codes(kind))


def _year_in_period(field: str, limits: Limits) -> str:
    # no BETWEEN: QGIS 3.22's expression grammar lacks it
    return f'"{field}" IS NULL OR ("{field}" >= {_FIRST} AND "{field}" <= {_LAST})'


_STATUS_NAMES = Text("、".join(s.name_zh for s in vocabulary.STATUSES),
                     ", ".join(s.name_en.lower() for s in vocabulary.STATUSES))

_URBAN_TYPES = "和".join(vocabulary.by_code("project_type", c).name_zh for c in ("CQGG", "CZXF"))
SITE_RULES: Tuple[SiteRule, ...] = (
    SiteRule(
        "GEOM_EMPTY", Severity.ERROR, "plan", Text("无图形", "No geometry"),
        Text("项目须绘制范围", "Every site needs a boundary"), engine="geometry"),
    SiteRule(
        "GEOM_INVALID", Severity.ERROR, "plan", Text("几何无效", "Invalid geometry"),
        Text("项目范围须为有效几何（可用“修复几何”）", "The boundary must be a valid geometry (use Fix geometry)"),
        engine="geometry", fields=("area_ha",), form=lambda f, lim: "$geometry IS NULL OR is_valid($geometry)"),
    SiteRule(
        "OUTSIDE_DISTRICT", Severity.ERROR, "plan", Text("超出区界", "Outside the district boundary"),
        Text("项目范围须在平城区界内", "The site must lie within the district boundary"), engine="geometry",
        fields=("area_proj_ha",),
        form=lambda f, lim: None if lim.boundary_layer is None else (
            f"$geometry IS NULL OR within($geometry, buffer(aggregate(layer:='{lim.boundary_layer}', "
            f"aggregate:='collect', expression:=$geometry), {lim.boundary_tolerance_m}))"),
        # coarse on purpose: the envelopes (ST_MinX… are the SQL functions the GeoPackage R-tree extension requires
        # of any writer); it catches swapped X/Y, zone-prefixed eastings and far-away typing errors for every
        # client, the exact outline test is the form's and the validator's
        sql_columns=("geom",),
        sql=lambda lim: (
            f"NEW.geom IS NOT NULL AND EXISTS (SELECT 1 FROM gpkg_contents WHERE table_name = "
            f"'{lim.boundary_table}' AND min_x IS NOT NULL AND ("
            f"ST_MinX(NEW.geom) < min_x - {lim.boundary_tolerance_m} OR ST_MinY(NEW.geom) < min_y - "
            f"{lim.boundary_tolerance_m} OR ST_MaxX(NEW.geom) > max_x + {lim.boundary_tolerance_m} OR "
            f"ST_MaxY(NEW.geom) > max_y + {lim.boundary_tolerance_m}))"),
        limit_note=lambda lim: Text(f"容差 {_number(lim.boundary_tolerance_m)} 米",
                                    f"tolerance {_number(lim.boundary_tolerance_m)} m")),
    SiteRule(
        "AREA_TOO_SMALL", Severity.ERROR, "plugin", Text("面积过小", "Area below the minimum"),
        Text("项目面积不能小于规划库设定的最小面积", "The site's area must not be below the plan's minimum"),
        engine="geometry", fields=("area_ha",),
        form=lambda f, lim: f"$geometry IS NULL OR NOT is_valid($geometry) OR $area >= {lim.min_area_ha} * 10000",
        # area_proj_ha is kept current by the form's default expression; planar and ellipsoidal areas differ by far
        # less than the 0.1 % margin here, the form and the validator apply the exact ellipsoidal limit
        sql_columns=("area_proj_ha", "geom"),
        sql=lambda lim: (f"NEW.geom IS NOT NULL AND (NEW.area_proj_ha IS NULL OR "
                         f"NEW.area_proj_ha < 0.999 * {lim.min_area_ha})"),
        limit_note=lambda lim: Text(f"最小面积 {_number(lim.min_area_ha)} 公顷",
                                    f"minimum {_number(lim.min_area_ha)} ha")),
    SiteRule(
        "OVERLAP", Severity.WARNING, "plugin", Text("与其他项目重叠", "Overlaps another site"),
        Text("项目范围不应与其他项目重叠", "Sites should not overlap each other"), engine="overlap"),
    SiteRule(
        "NAME_EMPTY", Severity.ERROR, "plan", Text("缺少项目名称", "Name missing"),
        Text("项目名称不能为空", "Every site needs a project name"), check=_name_empty, fields=("name",),
        form=lambda f, lim: f"length({name_key_expression('name')}) > 0", not_null=True,
        sql_columns=("name",),
        sql=lambda lim: f"{name_key_sql('NEW.name')} IS NULL OR {name_key_sql('NEW.name')} = ''"),
    SiteRule(
        "NAME_DUPLICATE", Severity.ERROR, "plan", Text("项目名称重复", "Name not unique"),
        Text("项目名称不能与其他项目重复", "Project names must be unique"), check=_name_duplicate, fields=("name",),
        unique=True,
        sql_columns=("name",),
        sql=lambda lim: (f"EXISTS (SELECT 1 FROM {lim.sites_table} AS other WHERE {name_key_sql('other.name')} = "
                         f"{name_key_sql('NEW.name')} AND other.fid IS NOT NEW.fid)")),
    SiteRule(
        "TYPE_INVALID", Severity.ERROR, "plan", Text("项目类型不属于规划8类", "Project type not one of the plan's 8"),
        Text("项目类型须为规划确定的8类重点工程项目之一",
             "The project type must be one of the plan's 8 key project types"),
        check=_type_invalid, fields=("project_type",), not_null=True,
        form=lambda f, lim: f'"project_type" IN ({_codes_sql("project_type")})',
        sql_columns=("project_type",),
        sql=lambda lim: f"NEW.project_type IS NULL OR NEW.project_type NOT IN ({_codes_sql('project_type')})"),
    SiteRule(
        "STATUS_INVALID", Severity.ERROR, "plugin", Text("项目状态无效", "Unknown status"),
        Text(f"项目状态须为{_STATUS_NAMES.zh}之一", f"The status must be one of: {_STATUS_NAMES.en}"),
        check=_status_invalid, fields=("status",),
        form=lambda f, lim: f'"status" IS NULL OR "status" IN ({_codes_sql("status")})',
        sql_columns=("status",),
        sql=lambda lim: f"NEW.status IS NOT NULL AND NEW.status NOT IN ({_codes_sql('status')})"),
    SiteRule(
        "YEAR_MISSING", Severity.WARNING, "plugin", Text("年份缺失", "Year missing"),
        Text("应填写开工和完工年份", "Start and end years should be filled in"), check=_year_missing,
        fields=("start_year", "end_year"), not_null=True),
    SiteRule(
        "YEAR_OUT_OF_RANGE", Severity.ERROR, "plan",
        Text(f"年份超出{_FIRST}–{_LAST}年", f"Year outside {_FIRST}–{_LAST}"),
        Text(f"开工和完工年份须在规划期{_FIRST}–{_LAST}年内",
             f"Start and end years must lie within the plan period {_FIRST}–{_LAST}"),
        check=_year_out_of_range, fields=("start_year", "end_year"), form=_year_in_period,
        sql_columns=("start_year", "end_year"),
        sql=lambda lim: " OR ".join(f"(NEW.{f} IS NOT NULL AND (NEW.{f} < {_FIRST} OR NEW.{f} > {_LAST}))"
                                    for f in ("start_year", "end_year"))),
    SiteRule(
        "YEARS_REVERSED", Severity.ERROR, "plan", Text("开工年份晚于完工年份", "Start year after end year"),
        Text("开工年份不能晚于完工年份", "The start year must not be after the end year"), check=_years_reversed,
        fields=("end_year",),
        form=lambda f, lim: '"start_year" IS NULL OR "end_year" IS NULL OR "end_year" >= "start_year"',
        sql_columns=("start_year", "end_year"),
        sql=lambda lim: "NEW.start_year IS NOT NULL AND NEW.end_year IS NOT NULL AND NEW.start_year > NEW.end_year"),
    SiteRule(
        "INVESTMENT_NEGATIVE", Severity.ERROR, "plan", Text("投资为负数", "Negative investment"),
        Text("总投资不能为负数", "The total investment must not be negative"), check=_investment_negative,
        fields=("investment",), form=lambda f, lim: '"investment" IS NULL OR "investment" >= 0',
        sql_columns=("investment",),
        sql=lambda lim: "NEW.investment IS NOT NULL AND NEW.investment < 0"),
    SiteRule(
        "INVESTMENT_MISSING", Severity.WARNING, "plugin", Text("投资缺失", "Investment missing"),
        Text("应填写总投资（未填写时不按0计）", "The total investment should be filled in (empty is not counted as 0)"),
        check=_investment_missing, fields=("investment",), not_null=True),
    SiteRule(
        "FUNDING_NEGATIVE", Severity.ERROR, "plugin", Text("分渠道资金为负数", "Negative funding amount"),
        Text("中央、省级、市级、区级和社会资本资金不能为负数",
             "Central, provincial, city, district and private funds must not be negative"),
        check=_funding_negative, fields=funding.FUNDING_FIELDS,
        form=lambda f, lim: f'"{f}" IS NULL OR "{f}" >= 0',
        sql_columns=funding.FUNDING_FIELDS,
        sql=lambda lim: " OR ".join(f"(NEW.{f} IS NOT NULL AND NEW.{f} < 0)" for f in funding.FUNDING_FIELDS)),
    SiteRule(
        "FUNDING_SPLIT", Severity.WARNING, "plugin", Text("分渠道资金与总投资不符", "Funding split ≠ total"),
        Text(f"中央、省级、市级、区级和社会资本资金之和应等于总投资（误差{funding.FUNDING_TOLERANCE}万元以内；插件规则，"
             f"非规划内容）",
             f"Central, provincial, city, district and private funds should add up to the total investment "
             f"(within {funding.FUNDING_TOLERANCE} 万元; the plugin's rule, not the plan's)"),
        check=_funding_split, fields=("funding_source",), form=lambda f, lim: funding.split_form_expression()),
    SiteRule(
        "OUTSIDE_ZONES", Severity.WARNING, "plan", Text("不在任何修复分区内", "Not in any restoration zone"),
        Text("项目应位于生态修复分区内", "A site should lie in one of the restoration zones"), engine="plan"),
    SiteRule(
        "PLAN_CONFORMANCE", Severity.WARNING, "plugin",
        Text("项目类型与所在分区或重点区域不符", "Type does not fit the zone or key areas"),
        Text("项目类型应与所在分区或重点区域相适宜（依据规划库中的“项目类型适宜区域”表，插件默认，非规划内容）",
             "The project type should suit its zone or key areas (the plan file's suitability table: the "
             "plugin's defaults, not the plan's)"), engine="plan"),
    SiteRule(
        "DERIVED_STALE", Severity.WARNING, "plugin", Text("派生字段未更新", "Derived fields out of date"),
        Text("面积、所在分区和涉及重点区域应与项目范围一致",
             "Stored area, zone and key areas should match the boundary"),
        engine="plan"),
    # the bureau's control layers (validation/control_rules.py; silent until imported; settings: control_settings.py)
    *(SiteRule(code, Severity.WARNING, "control", title, message, engine="controls") for code, title, message in (
        ("CONTROL_REDLINE", Text("涉及生态保护红线", "Inside the ecological red line"),
         Text("项目涉及生态保护红线，须填写占用理由（依据管控图层：生态保护红线）", "The site lies in the ecological "
              "protection red line and needs a stated justification (source: the bureau's red-line control layer)")),
        ("CONTROL_FARMLAND", Text("占用永久基本农田", "On permanent basic farmland"),
         Text("该类型项目不应占用永久基本农田（依据管控图层：永久基本农田；可占用的项目类型为插件设置）",
              "This project type should not occupy permanent basic farmland (source: the bureau's farmland control "
              "layer; the types allowed there are a plugin setting)")),
        ("CONTROL_URBAN_OUTSIDE", Text("超出城镇开发边界", "Outside the urban development boundary"),
         Text(f"{_URBAN_TYPES}应位于城镇开发边界内（依据管控图层：城镇开发边界）",
              "Urban public-service and urban-space restoration projects should lie inside the urban development "
              "boundary (source: the bureau's urban boundary control layer)")),
        ("CONTROL_PROTECTED", Text("涉及自然保护地", "Touches a protected area"),
         Text("项目涉及自然保护地（依据管控图层：自然保护地）",
              "The site touches a protected area (source: the bureau's protected-area control layer)")))),
)

RULES: Dict[str, SiteRule] = {rule.code: rule for rule in SITE_RULES}
ENGINES = ("attributes", "geometry", "overlap", "plan", "controls")


def rules_for(engine: str) -> List[SiteRule]:
    return [rule for rule in SITE_RULES if rule.engine == engine]
